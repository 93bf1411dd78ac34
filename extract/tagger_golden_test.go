package extract

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vnews/vnews/nlp"
)

var updateTaggerGolden = flag.Bool("update-tagger", false, "rewrite testdata/tagger_spans.golden")

// TestTaggerSpansGolden runs the learned tagger over the project's test
// articles and compares its spans with testdata/tagger_spans.golden, which
// was recorded with the same model: a change to how the tagger computes
// (not to the model or its input) must not change a single span.
func TestTaggerSpansGolden(t *testing.T) {
	files, err := filepath.Glob("../testdata/articles/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, "testdata/tagger_article.txt")
	var b strings.Builder
	for _, f := range files {
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
