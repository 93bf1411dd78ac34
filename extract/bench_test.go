package extract

import (
	"os"
	"strings"
	"testing"

	"github.com/vnews/vnews/nlp"
)

func benchDoc(b *testing.B) *nlp.Document {
	var parts []string
	for _, f := range []string{"su-doan-308-dien-tap.txt", "vung-4-tiep-nhan-tau.txt", "bien-phong-giup-dan.txt", "hoc-vien-khai-giang.txt"} {
		data, err := os.ReadFile("../testdata/articles/" + f)
		if err != nil {
			b.Fatal(err)
		}
		parts = append(parts, string(data))
	}
	doc, err := nlp.Analyze(strings.Join(parts, "\n\n"))
	if err != nil {
		b.Fatal(err)
	}
	return doc
}

func BenchmarkExtract(b *testing.B) {
	doc := benchDoc(b)
	b.SetBytes(int64(len(doc.Text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := testExtractor.Extract(doc, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
