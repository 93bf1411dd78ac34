package extract

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/vnews/vnews/internal/ner"
	"github.com/vnews/vnews/nlp"
)

func TestTaggerTokens(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := nlp.Analyze("Đại tá Nguyễn Văn Hùng, Phó Tư lệnh Quân khu 7, dự hội nghị tại Hà Nội.")
	if err != nil {
		t.Fatal(err)
	}
	toks := x.TaggerTokens(doc, Options{})
	if len(toks) != len(doc.Tokens) {
		t.Fatalf("%d tagger tokens for %d tokens", len(toks), len(doc.Tokens))
	}
	at := map[string]int{}
	for i, tk := range toks {
		if tk.Text != doc.Tokens[i].Text || doc.Text[tk.Start:tk.End] != tk.Text {
			t.Errorf("token %d: %q at %d:%d, document has %q", i, tk.Text, tk.Start, tk.End, doc.Tokens[i].Text)
		}
		at[tk.Text] = i
	}
	for _, tc := range []struct {
		tok  string
		want []string
	}{
		{"Đại", []string{"lex:rank:B", "rule:RANK:B"}},
		{"Nguyễn", []string{"lex:surname:B", "rule:PERSON:B"}},
		{"Hùng", []string{"rule:PERSON:I", "rule:PERSON:L"}},
		{"Quân", []string{"rule:UNIT:B"}},
		{"7", []string{"rule:UNIT:L"}},
		{"Nội", []string{"lex:location:L"}},
	} {
		t.Run(tc.tok, func(t *testing.T) {
			tk := toks[at[tc.tok]]
			for _, h := range tc.want {
				if !slices.Contains(hintNames(tk.Hints), h) {
					t.Errorf("hints %v lack %q", tk.Hints, h)
				}
			}
		})
	}
	if !toks[0].SentStart || !toks[0].LineStart || !toks[0].WordStart {
		t.Errorf("first token: %+v", toks[0])
	}
}

// TestTaggerSpans runs the embedded tagger on sentences written for this
// test.
func TestTaggerSpans(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text string
		want       []string // "TYPE text"
	}{
		{"apposition", "Đại tá Nguyễn Văn Hùng, Phó Tư lệnh Quân khu 7, đã đến thăm Trung đoàn 88 thuộc Sư đoàn 5.",
			[]string{"PERSON Nguyễn Văn Hùng", "UNIT Quân khu 7", "UNIT Trung đoàn 88", "UNIT Sư đoàn 5"}},
		{"initial at the end", "Thượng tá Trần Thị Mai nói Công an tỉnh Quảng Bình vừa tạm giữ đối tượng Lê Văn T.",
			[]string{"PERSON Trần Thị Mai", "UNIT Công an tỉnh Quảng Bình", "PERSON Lê Văn T."}},
		{"short mention", "Bộ Quốc phòng vừa khen thưởng Trung tá Phạm Đức Long. Trung tá Long nói rằng đơn vị sẽ cố gắng hơn nữa.",
			[]string{"UNIT Bộ Quốc phòng", "PERSON Phạm Đức Long", "PERSON Long"}},
		{"no entity", "Trời hôm nay nắng đẹp, người dân đi chợ đông vui.", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := nlp.Analyze(tc.text)
			if err != nil {
				t.Fatal(err)
			}
			ents, err := x.TaggerSpans(doc, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for i, e := range ents {
				if doc.Text[e.Start:e.End] != e.Text {
					t.Errorf("%q does not select %q", e.Text, doc.Text[e.Start:e.End])
				}
				if i > 0 && e.Start < ents[i-1].End {
					t.Errorf("%q overlaps or precedes %q", e.Text, ents[i-1].Text)
				}
				if e.Sentence < 0 || doc.Sentences[e.Sentence].Start > e.Start || doc.Sentences[e.Sentence].End < e.End {
					t.Errorf("%q: sentence %d", e.Text, e.Sentence)
				}
				got = append(got, string(e.Type)+" "+e.Text)
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func ExampleExtractor_TaggerSpans() {
	x, _ := New()
	doc, _ := nlp.Analyze("Thiếu tướng Lê Quang Minh thăm Bộ Chỉ huy Quân sự tỉnh Nghệ An.")
	ents, _ := x.TaggerSpans(doc, Options{})
	for _, e := range ents {
		fmt.Println(e.Type, e.Text)
	}
	// Output:
	// PERSON Lê Quang Minh
	// UNIT Bộ Chỉ huy Quân sự tỉnh Nghệ An
}

func TestTaggerTokenHints(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := nlp.Analyze("Phòng Cảnh sát hình sự (PC02) Công an tỉnh Quảng Bình và Hà Tĩnh, Bộ Chỉ huy Quân sự tỉnh Quảng Trị cùng điều tra, bắt giữ Kvothe Zzqxw. Hai đơn vị Phối hợp tốt.")
	if err != nil {
		t.Fatal(err)
	}
	toks := x.TaggerTokens(doc, Options{})
	find := func(text string, nth int) ner.Token {
		for _, tk := range toks {
			if tk.Text == text {
				if nth == 0 {
					return tk
				}
				nth--
			}
		}
		t.Fatalf("no token %q", text)
		return ner.Token{}
	}
	for _, tc := range []struct {
		name      string
		tok       string
		nth       int
		want, not []string
	}{
		{"known word has a cluster", "tỉnh", 0, []string{"clu4:", "clu6:", "clu10:", "clu:"}, []string{clusterNone.String()}},
		{"capitals band", "tỉnh", 0, []string{"cap:1"}, nil},
		{"unknown word", "Zzqxw", 0, []string{clusterNone.String()}, []string{"clu4:"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tk := find(tc.tok, tc.nth)
			has := func(p string) bool {
				return slices.ContainsFunc(hintNames(tk.Hints), func(h string) bool { return h == p || strings.HasSuffix(p, ":") && strings.HasPrefix(h, p) })
			}
			for _, h := range tc.want {
				if !has(h) {
					t.Errorf("hints %v lack %q", tk.Hints, h)
				}
			}
			for _, h := range tc.not {
				if has(h) {
					t.Errorf("hints %v have %q", tk.Hints, h)
				}
			}
		})
	}
}

// TestClusterHintsShared checks that two tokens of one cluster get the very
// same hints (built once, not per token).
func TestClusterHintsShared(t *testing.T) {
	a := clusterHints(nil, nlp.Key("tỉnh"))
	b := clusterHints(nil, nlp.Key("Tỉnh"))
	if len(a) != 1+len(clusterPrefixes) {
		t.Fatalf("hints of a known key: %v", a)
	}
	for i := range a {
		if a[i] != b[i] || unsafe.StringData(a[i].String()) != unsafe.StringData(b[i].String()) {
			t.Errorf("hint %d not shared: %q %q", i, a[i], b[i])
		}
	}
	if got := clusterHints(nil, nlp.Key("Zzqxw")); !slices.Equal(got, []ner.Hint{clusterNone}) {
		t.Errorf("unknown key: %v", got)
	}
}

func taggerBenchDoc(b *testing.B) *nlp.Document {
	data, err := os.ReadFile("testdata/tagger_article.txt")
	if err != nil {
		b.Fatal(err)
	}
	doc, err := nlp.Analyze(string(data))
	if err != nil {
		b.Fatal(err)
	}
	return doc
}

// BenchmarkTaggerSpans times the learned tagger over an article written for
// it (testdata/tagger_article.txt), input included: the rule extractor,
// the hints and both passes.
func BenchmarkTaggerSpans(b *testing.B) {
	doc := taggerBenchDoc(b)
	if _, err := testExtractor.TaggerSpans(doc, Options{}); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(doc.Text)))
	b.ReportAllocs()
	for b.Loop() {
		testExtractor.TaggerSpans(doc, Options{})
	}
}

// BenchmarkTaggerTag times the learned tagger alone (both passes), over
// the tokens of the same article computed once.
func BenchmarkTaggerTag(b *testing.B) {
	doc := taggerBenchDoc(b)
	toks := testExtractor.TaggerTokens(doc, Options{})
	if _, err := testExtractor.tagSpans(doc, toks, nil); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(doc.Text)))
	b.ReportAllocs()
	for b.Loop() {
		testExtractor.tagSpans(doc, toks, nil)
	}
}

// BenchmarkTaggerTokens times the tagger's input alone.
func BenchmarkTaggerTokens(b *testing.B) {
	doc := taggerBenchDoc(b)
	b.SetBytes(int64(len(doc.Text)))
	b.ReportAllocs()
	for b.Loop() {
		testExtractor.TaggerTokens(doc, Options{})
	}
}

func TestCapitalsHint(t *testing.T) {
	for _, tc := range []struct {
		word, want string
	}{
		{"của", "cap:0"},     // a function word, never capitalized inside a sentence
		{"Hùng", "cap:4"},    // a given name, mostly capitalized
		{"Zzqxw", "cap:unk"}, // not in the table
	} {
		t.Run(tc.word, func(t *testing.T) {
			if got := capitalsHint(nlp.Key(tc.word)).String(); got != tc.want {
				t.Errorf("capitalsHint(%q) = %q, want %q", tc.word, got, tc.want)
			}
		})
	}
	for _, tc := range []struct{ pct, band int }{{0, 0}, {1, 0}, {2, 1}, {9, 1}, {10, 2}, {39, 2}, {40, 3}, {79, 3}, {80, 4}, {96, 4}, {97, 5}, {100, 5}} {
		if got := capitalsBand(tc.pct); got != tc.band {
			t.Errorf("capitalsBand(%d) = %d, want %d", tc.pct, got, tc.band)
		}
	}
}

// hintNames returns the names of hints.
func hintNames(hs []ner.Hint) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.String()
	}
	return out
}

// TestWordHints: the one-probe table gives the hints of capitalsHint and
// clusterHints, for known, unknown and digit-bearing keys.
func TestWordHints(t *testing.T) {
	for _, w := range []string{"tỉnh", "Hùng", "của", "Zzqxw", "308", "2024", "C2", "tháng", "Quân", ",", "QĐND"} {
		for _, word := range []bool{true, false} {
			key := nlp.Key(w)
			var want []ner.Hint
			if word {
				want = append(want, capitalsHint(key))
			}
			want = clusterHints(want, key)
			if got := wordHints(nil, key, word); !slices.Equal(hintNames(got), hintNames(want)) {
				t.Errorf("wordHints(%q, %v) = %v, want %v", w, word, hintNames(got), hintNames(want))
			}
		}
	}
}

// TestForeignHint: a capitalized word or an acronym not shaped like a
// Vietnamese syllable gets the hint "form:foreign", whether the segmenter's
// vocabulary holds it or not; Vietnamese words, lowercase words and numbers
// do not.
func TestForeignHint(t *testing.T) {
	doc, err := nlp.Analyze("Ông Vladimir Petrov và bà Kowalska gặp Nguyễn Văn An tại UBND tỉnh; xe chở 308 tấn hàng, pizza ngon.")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"Vladimir": true, "Petrov": true, "Kowalska": true, "UBND": true}
	for _, tk := range testExtractor.TaggerTokens(doc, Options{}) {
		got := slices.Contains(hintNames(tk.Hints), "form:foreign")
		if got != want[tk.Text] {
			t.Errorf("%q: foreign hint %v, want %v", tk.Text, got, want[tk.Text])
		}
	}
}
