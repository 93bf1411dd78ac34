package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkIndexCLI runs `vnews index` (and, for comparison,
// BenchmarkIndexAnalyzeCLI runs `vnews analyze`) in-process on the JSON
// Lines corpus named by VNEWS_BENCH_CORPUS (scripts/mkcorpus output), with
// 2 workers, so that both can be profiled with -cpuprofile.
func BenchmarkIndexCLI(b *testing.B) {
	corpus := benchIndexCorpus(b)
	for b.Loop() {
		db := filepath.Join(b.TempDir(), "c.db")
		if code := run(context.Background(), []string{"vnews", "index", "-q", "--workers", "2", "--db", db, corpus}, nil, io.Discard, io.Discard); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}

func BenchmarkIndexAnalyzeCLI(b *testing.B) {
	corpus := benchIndexCorpus(b)
	for b.Loop() {
		if code := run(context.Background(), []string{"vnews", "analyze", "-q", "--workers", "2", corpus}, nil, io.Discard, io.Discard); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}

func benchIndexCorpus(b *testing.B) string {
	p := os.Getenv("VNEWS_BENCH_CORPUS")
	if p == "" {
		b.Skip("VNEWS_BENCH_CORPUS is not set")
	}
	st, err := os.Stat(p)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	return p
}

// BenchmarkIndexRecordsCLI runs `vnews index --records` on the records
// named by VNEWS_BENCH_RECORDS: the index's own cost, without the pipeline.
func BenchmarkIndexRecordsCLI(b *testing.B) {
	recs := os.Getenv("VNEWS_BENCH_RECORDS")
	if recs == "" {
		b.Skip("VNEWS_BENCH_RECORDS is not set")
	}
	for b.Loop() {
		db := filepath.Join(b.TempDir(), "c.db")
		if code := run(context.Background(), []string{"vnews", "index", "-q", "--records", "--workers", "2", "--db", db, recs}, nil, io.Discard, io.Discard); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}
