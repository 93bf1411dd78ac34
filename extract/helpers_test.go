package extract

import (
	"strings"
	"testing"
	"time"

	"github.com/vnews/vnews/nlp"
)

// testExtractor is the rules alone: the tests of the rules run on it, and
// TestSpecCasesWithTagger runs them again on the default extractor (the
// learned tagger deciding PERSON and UNIT).
var testExtractor = func() *Extractor {
	x, err := New(WithRulesOnly())
	if err != nil {
		panic(err)
	}
	return x
}()

// extractWith analyzes text and extracts its entities with x.
func extractWith(t testing.TB, x *Extractor, text string) (*nlp.Document, *Result) {
	t.Helper()
	return extractOpts(t, x, text, "")
}

// extractText analyzes text and extracts its entities; published may be "".
func extractText(t testing.TB, text, published string) (*nlp.Document, *Result) {
	t.Helper()
	return extractOpts(t, testExtractor, text, published)
}

func extractOpts(t testing.TB, x *Extractor, text, published string) (*nlp.Document, *Result) {
	t.Helper()
	doc, err := nlp.Analyze(text)
	if err != nil {
		t.Fatal(err)
	}
	var opt Options
	if published != "" {
		p, err := time.ParseInLocation("2006-01-02", published, vietnamTime)
		if err != nil {
			t.Fatal(err)
		}
		opt.Published = p
	}
	res, err := x.Extract(doc, opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Entities {
		if doc.Text[e.Start:e.End] != e.Text {
			t.Fatalf("entity %q has offsets selecting %q", e.Text, doc.Text[e.Start:e.End])
		}
	}
	return doc, res
}

// ofType lists "text" (or "text=value" with a value) of the entities of one type.
func ofType(res *Result, typ Type, withValue bool) []string {
	var out []string
	for _, e := range res.Entities {
		if e.Type != typ {
			continue
		}
		s := e.Text
		if withValue {
			switch typ {
			case Date:
				s += "=" + e.Value + " " + e.Kind
			case Rank, Unit:
				s += "=" + e.Canonical
			}
		}
		out = append(out, s)
	}
	return out
}

func joinList(s []string) string { return strings.Join(s, " | ") }
