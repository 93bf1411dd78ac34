package record

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/vnews/vnews/internal/benchtext"
)

// The News benchmarks run the record's stages on 200 made-up news articles
// of about 3 KB (internal/benchtext): reading them as JSON Lines, the whole
// pipeline, and encoding the records. They report MB/s of input and
// allocations per article (allocs/op divided by 200).

func newsJSONL(b *testing.B) ([]byte, int) {
	var buf bytes.Buffer
	arts := benchtext.Articles(200, 3000, 1)
	for i, a := range arts {
		line, err := json.Marshal(map[string]string{"id": "a" + strconv.Itoa(i), "text": a})
		if err != nil {
			b.Fatal(err)
		}
		buf.Write(line)
		buf.WriteByte('\n')
	}
	return buf.Bytes(), len(arts)
}

func BenchmarkNewsReadJSONL(b *testing.B) {
	data, n := newsJSONL(b)
	path := filepath.Join(b.TempDir(), "news.jsonl")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r := &Reader{Mode: InputJSONL}
		got := 0
		for a := range r.Articles([]string{path}) {
			if a.Err != nil {
				b.Fatal(a.Err.Message)
			}
			got++
		}
		if got != n {
			b.Fatalf("%d articles, want %d", got, n)
		}
	}
	b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "articles/s")
}

func newsArticleList(b *testing.B) ([]Article, int64) {
	var arts []Article
	var size int64
	for i, a := range benchtext.Articles(200, 3000, 1) {
		arts = append(arts, Article{ID: strconv.Itoa(i), Source: "news.jsonl", Text: a, JSON: true})
		size += int64(len(a))
	}
	return arts, size
}

func BenchmarkNewsBuild(b *testing.B) {
	arts, size := newsArticleList(b)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, a := range arts {
			if _, err := fuzzBuilder.Build(a); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(arts))/b.Elapsed().Seconds(), "articles/s")
}

func BenchmarkNewsEncode(b *testing.B) {
	arts, size := newsArticleList(b)
	recs := make([]Record, len(arts))
	for i, a := range arts {
		var err error
		if recs[i], err = fuzzBuilder.Build(a); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for i := range recs {
			if _, err := Marshal(&recs[i], false); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(recs))/b.Elapsed().Seconds(), "articles/s")
}
