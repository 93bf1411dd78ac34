package segtrain

import (
	"bytes"
	"strings"
	"testing"

	"github.com/vnews/vnews/nlp"
)

// trainingSentences turns lines of words (syllables joined by "_") into
// gold sentences, each line eight times over.
func trainingSentences(lines ...string) []Sentence {
	var data []Sentence
	for _, s := range lines {
		var sent Sentence
		for _, w := range strings.Fields(s) {
			sent = append(sent, strings.Split(w, "_"))
		}
		data = append(data, sent)
	}
	for range 3 {
		data = append(data, data...)
	}
	return data
}

// readBack writes the model, reads it into an analyzer as a model file and
// segments line with it, as `vnews tokenize` does.
func readBack(t *testing.T, m *Model, line string) string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	a, err := nlp.NewAnalyzer(nlp.WithSegmenterModel(&buf))
	if err != nil {
		t.Fatal(err)
	}
	words, toks := a.LineSegmenter().Segment(nlp.NormalizeLine(line))
	return string(nlp.AppendJoinedLine(nil, words, toks))
}

// TestTrainWriteRead trains a small model on sentences written for the
// test, writes it, reads it back and checks it segments the same.
func TestTrainWriteRead(t *testing.T) {
	data := trainingSentences(
		"Bộ_Tư_lệnh tổ_chức hội_nghị về huấn_luyện",
		"Đại_tá Nguyễn_Văn_An chủ_trì hội_nghị",
		"các đơn_vị tổ_chức huấn_luyện chiến_sĩ mới",
		"hội_nghị rà_soát công_tác huấn_luyện năm nay",
	)
	lex := nlp.NewLexicon()
	lex.Add("hội nghị", 5)
	opts := Options{Epochs: 5, Seed: 7, Lexicon: lex, Folds: 2}
	model := Train(data, opts)
	line := "Đại tá Nguyễn Văn An tổ chức hội nghị huấn luyện"
	want := model.Segment(line)
	if want != "Đại_tá Nguyễn_Văn_An tổ_chức hội_nghị huấn_luyện" {
		t.Errorf("trained model segments %q", want)
	}
	if got := readBack(t, model, line); got != want {
		t.Errorf("model read back segments %q, want %q", got, want)
	}
	// Training is deterministic.
	var buf, buf2 bytes.Buffer
	model.WriteTo(&buf)
	Train(data, opts).WriteTo(&buf2)
	if !bytes.Equal(buf.Bytes(), buf2.Bytes()) {
		t.Error("the same data and seed gave different model files")
	}
}

// TestDictionaryFeatures trains on sentences whose words are joined when a
// dictionary lists them; words seen only in the dictionary ("bảo vệ",
// "biên giới") must then be joined, also by the model read back, and not
// by a model trained without the dictionary.
func TestDictionaryFeatures(t *testing.T) {
	data := trainingSentences(
		"các chiến_sĩ tổ_chức hội_nghị cuối năm",
		"đơn_vị của các chiến_sĩ mới huấn_luyện",
		"hội_nghị và huấn_luyện năm nay",
		"các đơn_vị tổng_kết công_tác của năm",
	)
	dict := nlp.NewLexicon()
	for _, w := range []string{"chiến sĩ", "tổ chức", "hội nghị", "tổng kết", "công tác", "đơn vị", "huấn luyện", "bảo vệ", "biên giới"} {
		dict.Add(w, 1)
	}
	line := "các chiến sĩ bảo vệ biên giới"
	with := Train(data, Options{Epochs: 5, Seed: 3, Dict: dict})
	if got, want := with.Segment(line), "các chiến_sĩ bảo_vệ biên_giới"; got != want {
		t.Errorf("with the dictionary: %q, want %q", got, want)
	}
	if got, want := readBack(t, with, line), with.Segment(line); got != want {
		t.Errorf("model read back: %q, want %q", got, want)
	}
	without := Train(data, Options{Epochs: 5, Seed: 3})
	if got, want := without.Segment(line), "các chiến_sĩ bảo vệ biên giới"; got != want {
		t.Errorf("without the dictionary: %q, want %q", got, want)
	}
}

// TestOptions trains with each of the less common options on; every model
// must still learn the training sentences and read back the same.
func TestOptions(t *testing.T) {
	data := trainingSentences(
		"Bộ_Tư_lệnh tổ_chức hội_nghị về huấn_luyện",
		"các đơn_vị tổ_chức huấn_luyện chiến_sĩ mới",
		"hội_nghị rà_soát công_tác huấn_luyện năm nay",
	)
	pairs := NewPairStats()
	for _, s := range data {
		pairs.AddSentence(s)
	}
	if n := pairs.Prune(2); n == 0 {
		t.Fatal("no syllable pair kept")
	}
	target := make([]bool, len(data))
	for i := range target {
		target[i] = i%2 == 0
	}
	weights := make([]float64, len(data))
	for i := range weights {
		weights[i] = 0.5
	}
	line := "các đơn vị tổ chức hội nghị về huấn luyện"
	want := "các đơn_vị tổ_chức hội_nghị về huấn_luyện"
	for _, tc := range []struct {
		name string
		opt  Options
	}{
		{"pairs", Options{Pairs: pairs}},
		{"min count", Options{MinCount: 3}},
		{"runs", Options{Runs: 2}},
		{"adapt", Options{Target: target}},
		{"weights", Options{Weights: weights, Epochs: 20}},
		{"folds", Options{Folds: 3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			epochs := 0
			tc.opt.Seed = 5
			tc.opt.Progress = func(int, float64) { epochs++ }
			m := Train(data, tc.opt)
			if got := m.Segment(line); got != want {
				t.Errorf("segments %q, want %q", got, want)
			}
			if got := readBack(t, m, line); got != want {
				t.Errorf("read back: %q, want %q", got, want)
			}
			if wantEpochs := max(tc.opt.Epochs, 10) * max(tc.opt.Runs, 1); epochs != wantEpochs {
				t.Errorf("progress called %d times, want %d", epochs, wantEpochs)
			}
		})
	}
}

func TestTrainingWords(t *testing.T) {
	lex := TrainingWords(trainingSentences("Bộ_Tư_lệnh tổ_chức hội_nghị của Quân_khu"))
	for _, tc := range []struct {
		word string
		want bool
	}{
		{"Bộ Tư lệnh", true},
		{"quân khu", true},
		{"hội nghị", true},
		{"của", false},
		{"tổ chức hội nghị", false},
	} {
		t.Run(tc.word, func(t *testing.T) {
			if got := lex.Has(tc.word); got != tc.want {
				t.Errorf("Has(%q) = %v, want %v", tc.word, got, tc.want)
			}
		})
	}
}

func TestPairStats(t *testing.T) {
	p := NewPairStats()
	// "hội nghị" joined twice and split once; "2" breaks the chain.
	for _, s := range trainingSentences("hội_nghị lần 2 hội nghị")[:1] {
		p.AddSentence(s)
	}
	p.AddSentence(Sentence{{"Hội", "nghị"}})
	key := nlp.Key("hội") + " " + nlp.Key("nghị")
	if got, want := p.counts[key], [2]int{2, 3}; got != want {
		t.Errorf("hội nghị: %v, want %v", got, want)
	}
	if _, ok := p.counts[nlp.Key("lần")+" "+nlp.Key("2")]; ok {
		t.Error("a number was counted as a syllable")
	}
	if got := p.Prune(3); got != 1 {
		t.Errorf("Prune(3) kept %d pairs, want 1", got)
	}
}
