package nlp

import "testing"

// BenchmarkLoadModel times reading the embedded segmentation model, which
// every process pays once before its first article (a large part of a
// short `vnews tokenize` run).
func BenchmarkLoadModel(b *testing.B) {
	b.SetBytes(int64(len(embeddedModel)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseSegModel(embeddedModel); err != nil {
			b.Fatal(err)
		}
	}
}
