package record

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
)

var fuzzBuilder = func() *Builder {
	b, err := NewBuilder(nil, nil, Options{})
	if err != nil {
		panic(err)
	}
	return b
}()

// FuzzBuild: any bytes give exactly one record, never a panic; the record
// is either an error record or has exact code-point offsets, and it
// survives a JSON round trip unchanged.
func FuzzBuild(f *testing.F) {
	for _, name := range []string{"su-doan-308-dien-tap.txt", "hoc-vien-khai-giang.txt"} {
		if b, err := os.ReadFile("../../testdata/articles/" + name); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{"", "\x00\x01\x02", "Ngày 23-4", "\xff\xfeH\x00", "Đại tá A.\n\nb"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rec, err := fuzzBuilder.Build(Article{ID: "f", Raw: data})
		if (err != nil) != (rec.Error != nil) {
			t.Fatalf("error %v but record error %+v", err, rec.Error)
		}
		if rec.Error != nil && rec.Error.Code == CodeInternal {
			t.Fatalf("internal error: %v", err)
		}
		checkOffsets(t, &rec)
		var buf bytes.Buffer
		if err := NewEncoder(&buf, false).Encode(&rec); err != nil {
			t.Fatal(err)
		}
		var back Record
		if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
			t.Fatal(err)
		}
		again, _ := json.Marshal(back)
		first, _ := json.Marshal(rec)
		if !bytes.Equal(first, again) {
			t.Fatalf("JSON round trip changed the record")
		}
	})
}

// FuzzHTML: any bytes read as an HTML page give one record, never a panic,
// and an error record or exact offsets.
func FuzzHTML(f *testing.F) {
	if b, err := os.ReadFile("../../testdata/html/trung-doan-huan-luyen.html"); err == nil {
		f.Add(b)
	}
	for _, s := range []string{"<html><body><p>Sư đoàn 308 diễn tập.</p></body></html>", "<p>a<script>x()</script>b",
		"<article><article><p>x</p></article></article>", "<meta charset=tcvn3><p>B\xb6o Th\xbeng</p>", "<<<>>>", "<!-- <html>",
		"<title>T</title><time datetime=\"2020-01-02\">", "<div class=\"menu\"><p>x</p></div>"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rec, err := fuzzBuilder.Build(Article{ID: "h", Raw: data, HTML: true})
		if (err != nil) != (rec.Error != nil) {
			t.Fatalf("error %v but record error %+v", err, rec.Error)
		}
		if rec.Error != nil && rec.Error.Code == CodeInternal {
			t.Fatalf("internal error: %v", err)
		}
		checkOffsets(t, &rec)
	})
}

func BenchmarkBuild(b *testing.B) {
	data, err := os.ReadFile("../../testdata/articles/su-doan-308-dien-tap.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := fuzzBuilder.Build(Article{ID: "x", Raw: data}); err != nil {
			b.Fatal(err)
		}
	}
}
