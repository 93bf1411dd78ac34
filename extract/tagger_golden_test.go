package extract

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vnews/vnews/nlp"
)

var updateTaggerGolden = flag.Bool("update-tagger", false, "rewrite testdata/tagger_spans.golden")

// goldenArticles are the texts the golden tests of the tagger run over.
func goldenArticles(t testing.TB) []string {
	files, err := filepath.Glob("../testdata/articles/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	return append(files, "testdata/tagger_article.txt")
}

// TestExtractWithTaggerGolden compares the whole results of Extract with
// the tagger over the test articles with
// testdata/extract_tagger.golden.jsonl, recorded with the same model: how
// the tagger computes must not change a byte of them.
func TestExtractWithTaggerGolden(t *testing.T) {
	var b strings.Builder
	for _, f := range goldenArticles(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := nlp.Analyze(string(data))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		res, err := taggerExtractor.Extract(doc, Options{})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		line, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	const golden = "testdata/extract_tagger.golden.jsonl"
	if *updateTaggerGolden {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update-tagger)", err)
	}
	gl, wl := strings.Split(b.String(), "\n"), strings.Split(string(want), "\n")
	if len(gl) != len(wl) {
		t.Fatalf("%d results, %s has %d", len(gl)-1, golden, len(wl)-1)
	}
	for i := range gl {
		if gl[i] != wl[i] {
			t.Errorf("result %d differs from %s:\n got  %s\n want %s", i+1, golden, gl[i], wl[i])
		}
	}
}

// BenchmarkExtractWithTagger is BenchmarkExtract with the learned tagger.
func BenchmarkExtractWithTagger(b *testing.B) {
	doc := benchDoc(b)
	b.SetBytes(int64(len(doc.Text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := taggerExtractor.Extract(doc, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestTaggerSpansGolden runs the learned tagger over the project's test
// articles and compares its spans with testdata/tagger_spans.golden, which
// was recorded with the same model: a change to how the tagger computes
// (not to the model or its input) must not change a single span.
func TestTaggerSpansGolden(t *testing.T) {
	var b strings.Builder
	for _, f := range goldenArticles(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := nlp.Analyze(string(data))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		ents, err := testExtractor.TaggerSpans(doc, Options{})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		fmt.Fprintf(&b, "# %s: %d spans\n", filepath.Base(f), len(ents))
		for _, e := range ents {
			fmt.Fprintf(&b, "%s\t%d\t%d\t%d\t%q\n", e.Type, e.Start, e.End, e.Sentence, e.Text)
		}
	}
	const golden = "testdata/tagger_spans.golden"
	if *updateTaggerGolden {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update-tagger)", err)
	}
	if got := b.String(); got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("spans differ from %s at line %d:\n got  %s\n want %s", golden, i+1, g, w)
			}
		}
	}
}
