package nlp

import (
	"bytes"
	"errors"
	"flag"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/vnews/vnews/internal/benchtext"
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

func TestBadModelFiles(t *testing.T) {
	// The embedded model is read back whole; cut short or replaced, it is
	// refused. (Models the trainer writes are read back in
	// internal/segtrain's tests.)
	if _, err := NewAnalyzer(WithSegmenterModel(bytes.NewReader(embeddedModel))); err != nil {
		t.Fatalf("embedded model: %v", err)
	}
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"not model", []byte("hello world")},
		{"magic only", []byte(segMagic)},
		{"truncated", embeddedModel[:len(embeddedModel)/2]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := NewAnalyzer(WithSegmenterModel(bytes.NewReader(tc.data))); !errors.Is(err, ErrModel) {
				t.Errorf("err = %v, want ErrModel", err)
			}
		})
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

// scoreGap adds the same weights in the same order as score over the
// feature list, so decoding gives the same float32 scores.
func TestScoreGapMatchesFeatures(t *testing.T) {
	m, err := defaultModel()
	if err != nil {
		t.Fatal(err)
	}
	texts := append([]string{scrapedArticle}, benchtext.Articles(10, 2000, 5)...)
	var in segInput
	for ti, text := range texts {
		t.Run(strconv.Itoa(ti), func(t *testing.T) {
			for line := range strings.SplitSeq(text, "\n") {
				toks := Tokenize(nil, line, 0, len(line))
				m.prepare(&in, line, toks, "", nil, nil)
				for i := 0; i+1 < len(toks); i++ {
					want := m.score(m.features(nil, &in, i))
					if got := m.scoreGap(&in, i); math.Float32bits(got) != math.Float32bits(want) {
						t.Fatalf("gap %d of %q: scoreGap %v, score of features %v", i, line, got, want)
					}
				}
			}
		})
	}
}
