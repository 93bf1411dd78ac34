package record

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/vnews/vnews/extract"
	"github.com/vnews/vnews/extract/summary"
	"github.com/vnews/vnews/nlp"
)

// readJSONLTexts reads the "text" of up to max JSON Lines articles.
func readJSONLTexts(b *testing.B, path string, max int) [][]byte {
	r := &Reader{Mode: InputJSONL}
	var out [][]byte
	for a := range r.Articles([]string{path}) {
		if a.Err == nil && len(out) < max {
			out = append(out, []byte(a.Text))
		}
	}
	if len(out) == 0 {
		b.Fatalf("no articles in %s", path)
	}
	return out
}

// BenchmarkStages times each stage of `vnews analyze` on the project's
// articles and reports each one's share of the whole: decode, analyze
// (layout, sentences, tokens, words), entities, summary and the record's
// JSON. The entity stage is meant to stay under 30% and the summary under
// 20%. VNEWS_BENCH_JSONL=file.jsonl measures on real articles instead of
// the project's short samples.
func BenchmarkStages(b *testing.B) {
	var raws [][]byte
	if path := os.Getenv("VNEWS_BENCH_JSONL"); path != "" {
		// A corpus of real articles, one JSON object with "text" per line.
		raws = readJSONLTexts(b, path, 500)
	} else {
		for _, f := range []string{"su-doan-308-dien-tap.txt", "vung-4-tiep-nhan-tau.txt", "bien-phong-giup-dan.txt", "hoc-vien-khai-giang.txt"} {
			data, err := os.ReadFile("../../testdata/articles/" + f)
			if err != nil {
				b.Fatal(err)
			}
			raws = append(raws, data)
		}
	}
	an, err := nlp.NewAnalyzer()
	if err != nil {
		b.Fatal(err)
	}
	ex, err := extract.New()
	if err != nil {
		b.Fatal(err)
	}
	sum := summary.New()
	bld, err := NewBuilder(an, ex, Options{})
	if err != nil {
		b.Fatal(err)
	}
	var stage [5]time.Duration
	var size int64
	for _, r := range raws {
		size += int64(len(r))
	}
	b.SetBytes(size)
	var sb strings.Builder
	for b.Loop() {
		for _, raw := range raws {
			t0 := time.Now()
			dec, err := nlp.Decode(raw, "")
			if err != nil {
				b.Fatal(err)
			}
			t1 := time.Now()
			doc := an.AnalyzeNormalized(dec.Text, nlp.Hints{})
			t2 := time.Now()
			if _, err := ex.Extract(doc, extract.Options{}); err != nil {
				b.Fatal(err)
			}
			t3 := time.Now()
			sum.Summarize(doc, summary.Options{Keywords: 10})
			t4 := time.Now()
			rec, err := bld.Build(Article{ID: "x", Raw: raw})
			if err != nil {
				b.Fatal(err)
			}
			t5 := time.Now()
			sb.Reset()
			if err := NewEncoder(&sb, false).Encode(&rec); err != nil {
				b.Fatal(err)
			}
			t6 := time.Now()
			stage[0] += t1.Sub(t0)
			stage[1] += t2.Sub(t1)
			stage[2] += t3.Sub(t2)
			stage[3] += t4.Sub(t3)
			stage[4] += t6.Sub(t5) // encoding only; Build repeats the stages above
		}
	}
	var total time.Duration
	for _, d := range stage {
		total += d
	}
	for i, name := range []string{"decode-%", "analyze-%", "entities-%", "summary-%", "json-%"} {
		b.ReportMetric(100*float64(stage[i])/float64(total), name)
	}
}
