package nlp

import (
	"strings"
	"sync"
	"testing"

	"github.com/vnews/vnews/internal/benchtext"
)

// The News benchmarks run each stage on 200 made-up news articles of about
// 3 KB (internal/benchtext: varied sentences, names, dates and numbers, not
// one text repeated), reporting MB/s of input and allocations per article.

var newsArticles = sync.OnceValue(func() []string { return benchtext.Articles(200, 3000, 1) })

func newsBytes(arts []string) int64 {
	n := 0
	for _, a := range arts {
		n += len(a)
	}
	return int64(n)
}

func reportPerArticle(b *testing.B, n int) {
	b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "articles/s")
}

func BenchmarkNewsDecodeString(b *testing.B) {
	arts := newsArticles()
	b.SetBytes(newsBytes(arts))
	b.ReportAllocs()
	for b.Loop() {
		for _, a := range arts {
			if _, err := DecodeString(a); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportPerArticle(b, len(arts))
}

func BenchmarkNewsLayout(b *testing.B) {
	arts := newsArticles()
	b.SetBytes(newsBytes(arts))
	b.ReportAllocs()
	for b.Loop() {
		for _, a := range arts {
			analyzeStructure(a, Hints{})
		}
	}
	reportPerArticle(b, len(arts))
}

func BenchmarkNewsTokenize(b *testing.B) {
	arts := newsArticles()
	b.SetBytes(newsBytes(arts))
	b.ReportAllocs()
	var toks []Token
	for b.Loop() {
		for _, a := range arts {
			toks = Tokenize(toks[:0], a, 0, len(a))
		}
	}
	reportPerArticle(b, len(arts))
}

func BenchmarkNewsSegmentLines(b *testing.B) {
	a, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	arts := newsArticles()
	var lines []string
	for _, art := range arts {
		lines = append(lines, strings.Split(art, "\n")...)
	}
	ls := a.LineSegmenter()
	b.SetBytes(newsBytes(arts))
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range lines {
			ls.Segment(NormalizeLine(l))
		}
	}
	reportPerArticle(b, len(arts))
}

func BenchmarkNewsAnalyze(b *testing.B) {
	a, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	arts := newsArticles()
	b.SetBytes(newsBytes(arts))
	b.ReportAllocs()
	for b.Loop() {
		for _, art := range arts {
			a.AnalyzeNormalized(art, Hints{})
		}
	}
	reportPerArticle(b, len(arts))
}
