package summary

import (
	"testing"

	"github.com/vnews/vnews/internal/benchtext"
	"github.com/vnews/vnews/nlp"
)

// BenchmarkNewsSummarize summarizes 200 made-up news articles of about 3 KB
// (internal/benchtext), with key phrases: MB/s of text, allocations per
// article.
func BenchmarkNewsSummarize(b *testing.B) {
	an, err := nlp.Default()
	if err != nil {
		b.Fatal(err)
	}
	var docs []*nlp.Document
	var size int64
	for _, a := range benchtext.Articles(200, 3000, 1) {
		docs = append(docs, an.AnalyzeNormalized(a, nlp.Hints{}))
		size += int64(len(a))
	}
	s := New()
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			s.Summarize(d, Options{N: 3, Keywords: 10})
		}
	}
	b.ReportMetric(float64(b.N*len(docs))/b.Elapsed().Seconds(), "articles/s")
}
