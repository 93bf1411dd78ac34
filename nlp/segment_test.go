package nlp

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

var update = flag.Bool("update", false, "rewrite golden files")

// segmentLine renders a line's segmentation as `vnews tokenize` does.
func segmentLine(ls *LineSegmenter, line string) string {
	words, toks := ls.Segment(NormalizeLine(line))
	return string(AppendJoinedLine(nil, words, toks))
}

func TestGoldenSegmentation(t *testing.T) {
	in, err := os.ReadFile("../testdata/segmentation/sentences.txt")
	if err != nil {
		t.Fatal(err)
	}
	a, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	ls := a.LineSegmenter()
	var got strings.Builder
	for _, line := range strings.Split(strings.TrimRight(string(in), "\n"), "\n") {
		got.WriteString(segmentLine(ls, line) + "\n")
	}
	golden := "../testdata/golden/segmentation.txt"
	if *update {
		os.WriteFile(golden, []byte(got.String()), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	g, w := strings.Split(got.String(), "\n"), strings.Split(string(want), "\n")
	for i := range max(len(g), len(w)) {
		if i >= len(g) || i >= len(w) || g[i] != w[i] {
			t.Errorf("line %d:\n got %q\nwant %q", i+1, at(g, i), at(w, i))
		}
	}
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return ""
}

func TestSegmentationIgnoresTonePlacementAndForm(t *testing.T) {
	a, _ := Default()
	ls := a.LineSegmenter()
	base := "Sĩ quan giữ gìn hòa bình ở Abyei, thủy thủ khỏe mạnh và Thiếu úy Lê Văn Thụy."
	variants := []string{
		"Sĩ quan giữ gìn hoà bình ở Abyei, thuỷ thủ khoẻ mạnh và Thiếu uý Lê Văn Thuỵ.",
		norm.NFD.String(base),
		strings.ToUpper(base[:1]) + base[1:],
	}
	shape := func(s string) string { // word boundaries only, not the letters
		var b strings.Builder
		for _, r := range segmentLine(ls, s) {
			switch r {
			case ' ', '_':
				b.WriteRune(r)
			default:
				b.WriteByte('x')
			}
		}
		return b.String()
	}
	want := shape(base)
	for _, v := range variants {
		if got := shape(v); got != want {
			t.Errorf("%q segments differently:\n%s\n%s", v, segmentLine(ls, v), segmentLine(ls, base))
		}
	}
	// The output keeps the input's own spelling (in NFC).
	if out := segmentLine(ls, variants[0]); !strings.Contains(out, "hoà_bình") || !strings.Contains(out, "Thiếu_uý") {
		t.Errorf("spelling changed: %s", out)
	}
}

// trainingSentences turns lines of words (syllables joined by "_") into
// gold sentences, each line eight times over.
func trainingSentences(lines ...string) []SegSentence {
	var data []SegSentence
	for _, s := range lines {
		var sent SegSentence
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

// TestTrainWriteRead trains a small model on sentences written for the
// test, writes it, reads it back and checks it segments the same.
func TestTrainWriteRead(t *testing.T) {
	data := trainingSentences(
		"Bộ_Tư_lệnh tổ_chức hội_nghị về huấn_luyện",
		"Đại_tá Nguyễn_Văn_An chủ_trì hội_nghị",
		"các đơn_vị tổ_chức huấn_luyện chiến_sĩ mới",
		"hội_nghị rà_soát công_tác huấn_luyện năm nay",
	)
	lex := NewLexicon()
	lex.Add("hội nghị", 5)
	model := TrainSegmenter(data, SegTrainOptions{Epochs: 5, Seed: 7, Lexicon: lex, Folds: 2})
	line := "Đại tá Nguyễn Văn An tổ chức hội nghị huấn luyện"
	want := model.Segment(line)
	if want != "Đại_tá Nguyễn_Văn_An tổ_chức hội_nghị huấn_luyện" {
		t.Errorf("trained model segments %q", want)
	}
	var buf bytes.Buffer
	if _, err := model.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	a, err := NewAnalyzer(WithSegmenterModel(bytes.NewReader(buf.Bytes())))
	if err != nil {
		t.Fatal(err)
	}
	if got := segmentLine(a.LineSegmenter(), line); got != want {
		t.Errorf("model read back segments %q, want %q", got, want)
	}
	// Training is deterministic.
	again := TrainSegmenter(data, SegTrainOptions{Epochs: 5, Seed: 7, Lexicon: lex, Folds: 2})
	var buf2 bytes.Buffer
	again.WriteTo(&buf2)
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
	dict := NewLexicon()
	for _, w := range []string{"chiến sĩ", "hội nghị", "tổ chức", "công tác", "tổng kết", "đơn vị", "huấn luyện", "bảo vệ", "biên giới"} {
		dict.Add(w, 1)
	}
	line := "các chiến sĩ bảo vệ biên giới"
	with := TrainSegmenter(data, SegTrainOptions{Epochs: 5, Seed: 3, Dict: dict})
	if got, want := with.Segment(line), "các chiến_sĩ bảo_vệ biên_giới"; got != want {
		t.Errorf("with the dictionary: %q, want %q", got, want)
	}
	var buf bytes.Buffer
	if _, err := with.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	a, err := NewAnalyzer(WithSegmenterModel(bytes.NewReader(buf.Bytes())))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := segmentLine(a.LineSegmenter(), line), with.Segment(line); got != want {
		t.Errorf("model read back: %q, want %q", got, want)
	}
	without := TrainSegmenter(data, SegTrainOptions{Epochs: 5, Seed: 3})
	if got, want := without.Segment(line), "các chiến_sĩ bảo vệ biên giới"; got != want {
		t.Errorf("without the dictionary: %q, want %q", got, want)
	}
}

func TestBadModelFiles(t *testing.T) {
	var good bytes.Buffer
	m := TrainSegmenter([]SegSentence{{{"hội", "nghị"}, {"tổng", "kết"}}}, SegTrainOptions{Epochs: 1})
	m.WriteTo(&good)
	for name, data := range map[string][]byte{
		"empty":     nil,
		"not model": []byte("hello world"),
		"truncated": good.Bytes()[:len(good.Bytes())/2],
	} {
		if _, err := NewAnalyzer(WithSegmenterModel(bytes.NewReader(data))); !errors.Is(err, ErrModel) {
			t.Errorf("%s: err = %v, want ErrModel", name, err)
		}
	}
}

func TestLongestMatchBaseline(t *testing.T) {
	a, err := NewAnalyzer(WithLongestMatch())
	if err != nil {
		t.Fatal(err)
	}
	if got := segmentLine(a.LineSegmenter(), "Bộ Tư lệnh tổ chức hội nghị"); got != "Bộ_Tư_lệnh tổ_chức hội_nghị" {
		t.Errorf("longest match: %q", got)
	}
}

// FuzzSegment: the words of a line are consecutive runs of its tokens and
// their text is the line's own text.
func FuzzSegment(f *testing.F) {
	addSeeds(f)
	a, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if !utf8.ValidString(line) {
			return
		}
		line = Normalize(line)
		ls := a.LineSegmenter()
		words, toks := ls.Segment(line)
		next := 0
		for _, w := range words {
			ts, te := w.Tokens()
			ws, we := w.Span()
			if ts != next || te <= ts || we > len(line) ||
				ws != toks[ts].Start || we != toks[te-1].End {
				t.Fatalf("word %q does not join tokens %d..%d", w.TextIn(line), w.TokStart, w.TokEnd)
			}
			for k := w.TokStart + 1; k < w.TokEnd; k++ {
				if !joinable(line, &toks[k-1], &toks[k]) {
					t.Fatalf("word %q joins unjoinable tokens", w.TextIn(line))
				}
			}
			next = te
		}
		if next != len(toks) {
			t.Fatalf("words cover %d of %d tokens", next, len(toks))
		}
	})
}
