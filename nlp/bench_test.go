package nlp

import (
	"strings"
	"testing"
)

// benchText is an article of about 8 KB made of the test article repeated.
var benchText = strings.Repeat(scrapedArticle[:strings.Index(scrapedArticle, "Thanh Sơn")], 6)

func BenchmarkDecode(b *testing.B) {
	in := []byte(benchText)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(in, EncodingAuto); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTokenize(b *testing.B) {
	b.SetBytes(int64(len(benchText)))
	b.ReportAllocs()
	var toks []Token
	for b.Loop() {
		toks = Tokenize(toks[:0], benchText, 0, len(benchText))
	}
}

func BenchmarkSegment(b *testing.B) {
	a, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	lines := strings.Split(benchText, "\n")
	ls := a.LineSegmenter()
	syl := 0
	for _, l := range lines {
		_, toks := ls.Segment(l)
		syl += len(toks)
	}
	b.SetBytes(int64(len(benchText)))
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range lines {
			ls.Segment(l)
		}
	}
	b.ReportMetric(float64(syl)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

func BenchmarkAnalyze(b *testing.B) {
	a, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(benchText)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := a.Analyze(benchText, Hints{}); err != nil {
			b.Fatal(err)
		}
	}
}
