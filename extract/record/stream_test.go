package record

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestStreamMatchesArticles: an input handed to Stream gives the articles
// that Articles gives for a file of the same name and content, so that a
// reader of object stores (cmd/vnews-beam) builds the same records.
func TestStreamMatchesArticles(t *testing.T) {
	gz := func(s string) []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.Bytes()
	}
	lines := "{\"id\":\"x1\",\"text\":\"Hà Nội mùa thu.\"}\nnot json\n\n{\"title\":\"Không có nội dung\"}\n{\"text\":\"Đà Nẵng.\",\"nguon\":{\"a\": 1}}\n"
	tests := []struct {
		name     string
		file     string
		data     []byte
		mode     InputMode
		maxBytes int64
	}{
		{"text file", "bai-viet.txt", []byte("Sáng nay, trời Hà Nội se lạnh."), InputAuto, 0},
		{"json lines", "tin.jsonl", []byte(lines), InputAuto, 0},
		{"gzip json lines", "tin.jsonl.gz", gz(lines), InputAuto, 0},
		{"json array", "mang.json", []byte(`[{"text":"Một."},{"text":"Hai."}]`), InputAuto, 0},
		{"html page", "trang.html", []byte("<html><head><title>Tin</title></head><body><p>Đoạn văn.</p></body></html>"), InputAuto, 0},
		{"too large", "dai.txt", []byte("Một bài viết dài hơn giới hạn."), InputAuto, 8},
		{"forced jsonl mode", "tin.txt", []byte(lines), InputJSONL, 0},
		{"empty", "rong.txt", nil, InputAuto, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tt.file)
			if err := os.WriteFile(path, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			var want, got []Article
			fr := &Reader{Mode: tt.mode, MaxBytes: tt.maxBytes}
			for a := range fr.Articles([]string{path}) {
				want = append(want, a)
			}
			sr := &Reader{Mode: tt.mode, MaxBytes: tt.maxBytes}
			for a := range sr.Stream(bytes.NewReader(tt.data), path) {
				got = append(got, a)
			}
			if len(want) == 0 {
				t.Fatal("Articles gave no article")
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Stream gave\n%+v\nArticles gave\n%+v", got, want)
			}
		})
	}
}
