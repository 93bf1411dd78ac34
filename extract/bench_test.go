package extract

import (
	"os"
	"strconv"
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

// BenchmarkExtractLongSentence extracts texts that are one sentence of 25
// and of 100 KB (people, posts and units in a list with no full stop): the
// MB/s of the two stay close when the cost is linear in the sentence's
// length (the linker's Window).
func BenchmarkExtractLongSentence(b *testing.B) {
	items := []string{"Đại tá Lưu Văn Khải, Chính ủy Lữ đoàn 125", "những chiến sĩ trẻ", "Trung tá Hà Minh Đạo, Tham mưu trưởng Bộ Chỉ huy Quân sự Lâm Đồng", "các đơn vị của Sư đoàn 308", "ngày 23/4"}
	for _, size := range []int{25 << 10, 100 << 10} {
		var sb strings.Builder
		for i := 0; sb.Len() < size; i++ {
			sb.WriteString(items[i*7%len(items)])
			sb.WriteString(", ")
		}
		sb.WriteString("cùng dự lễ.")
		benchExtractDoc(b, strconv.Itoa(size>>10)+"KB", sb.String())
	}
	// Units joined by dashes, which the rules read as one chain of parent
	// units (its word prefixes' keys are built word by word).
	for _, n := range []int{2000, 8000} {
		var sb strings.Builder
		for i := range n {
			if i > 0 {
				sb.WriteString(" - ")
			}
			sb.WriteString("Sư đoàn " + strconv.Itoa(i))
		}
		benchExtractDoc(b, "chain"+strconv.Itoa(n), sb.String())
	}
}

// benchExtractDoc runs a sub-benchmark that extracts text with the tagger.
func benchExtractDoc(b *testing.B, name, text string) {
	doc, err := nlp.Analyze(text)
	if err != nil {
		b.Fatal(err)
	}
	b.Run(name, func(b *testing.B) {
		b.SetBytes(int64(len(doc.Text)))
		for b.Loop() {
			if _, err := taggerExtractor.Extract(doc, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
