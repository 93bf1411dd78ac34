package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"strings"
	"testing"
)

// benchCorpus is the project's articles repeated, about 1 MB of text, or
// the plain-text file VNEWS_BENCH_TEXT names (real articles, as
// scripts/bench.sh builds them).
func benchCorpus(b *testing.B) string {
	if path := os.Getenv("VNEWS_BENCH_TEXT"); path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		return string(data)
	}
	var parts []string
	for _, f := range []string{"su-doan-308-dien-tap.txt", "vung-4-tiep-nhan-tau.txt", "bien-phong-giup-dan.txt", "hoc-vien-khai-giang.txt"} {
		data, err := os.ReadFile(articlesDir + "/" + f)
		if err != nil {
			b.Fatal(err)
		}
		parts = append(parts, string(data))
	}
	one := strings.Join(parts, "\n")
	return strings.Repeat(one, 1<<20/len(one)+1)
}

// BenchmarkTokenizeCLI runs `vnews tokenize` in-process; tokens/s counts
// the syllables, numbers and marks it segments.
func BenchmarkTokenizeCLI(b *testing.B) {
	in := benchCorpus(b)
	tokens := len(strings.Fields(in))
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		if code := run(context.Background(), []string{"vnews", "tokenize"}, strings.NewReader(in), io.Discard, io.Discard); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "syllables/s")
}

// BenchmarkAnalyzeCLI runs `vnews analyze` in-process on JSON Lines
// articles: the project's articles, or the file VNEWS_BENCH_JSONL names (a
// corpus of real articles, as scripts/bench.sh builds).
func BenchmarkAnalyzeCLI(b *testing.B) {
	in := benchJSONL(b)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		if code := run(context.Background(), []string{"vnews", "analyze", "--workers", "1"}, strings.NewReader(in), io.Discard, io.Discard); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}

// benchJSONL returns the JSON Lines input of the CLI benchmarks: the file
// VNEWS_BENCH_JSONL names, or the project's articles, 50 times each.
func benchJSONL(b *testing.B) string {
	if path := os.Getenv("VNEWS_BENCH_JSONL"); path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		return string(data)
	}
	var lines bytes.Buffer
	for _, f := range []string{"su-doan-308-dien-tap.txt", "vung-4-tiep-nhan-tau.txt", "bien-phong-giup-dan.txt", "hoc-vien-khai-giang.txt"} {
		data, err := os.ReadFile(articlesDir + "/" + f)
		if err != nil {
			b.Fatal(err)
		}
		q, _ := jsonString(string(data))
		for range 50 {
			lines.WriteString(`{"text":` + q + "}\n")
		}
	}
	return lines.String()
}

func jsonString(s string) (string, error) {
	var b bytes.Buffer
	b.WriteString(`"`)
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteString(`"`)
	return b.String(), nil
}
