package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vnews/vnews/extract/record"
)

func TestFlags(t *testing.T) {
	dict := filepath.Join(t.TempDir(), "tu.txt")
	os.WriteFile(dict, []byte("Hội thao\n"), 0o644)
	tests := []struct {
		name    string
		args    []string
		wantErr string
		check   func(t *testing.T, c Config)
	}{
		{"defaults", []string{"--input", "a/*", "--output", "o/r"}, "", func(t *testing.T, c Config) {
			if c.Shards != 16 || c.MaxBytes != defaultMaxBytes || c.N != 3 || c.NSet {
				t.Errorf("defaults: %+v", c)
			}
		}},
		{"no input", []string{"--output", "o"}, "--input GLOB and --output PREFIX are required", nil},
		{"no output", []string{"--input", "a"}, "--input GLOB and --output PREFIX are required", nil},
		{"zero shards", []string{"--input", "a", "--output", "o", "--shards", "0"}, "--shards", nil},
		{"zero workers", []string{"--input", "a", "--output", "o", "--workers", "0"}, "--workers", nil},
		{"bad date", []string{"--input", "a", "--output", "o", "--published", "hôm qua"}, "--published", nil},
		{"bad format", []string{"--input", "a", "--output", "o", "--input-format", "pdf"}, "--input-format", nil},
		{"bad encoding", []string{"--input", "a", "--output", "o", "--encoding", "ebcdic"}, "ebcdic", nil},
		{"bad ratio", []string{"--input", "a", "--output", "o", "--ratio", "2"}, "--ratio", nil},
		{"bad n", []string{"--input", "a", "--output", "o", "-n", "0"}, "-n must be", nil},
		{"missing dict", []string{"--input", "a", "--output", "o", "--dict", "/khong/co"}, "--dict", nil},
		{"missing lexicon", []string{"--input", "a", "--output", "o", "--lexicon", "/khong/co"}, "--lexicon", nil},
		{"budget alone decides", []string{"--input", "a", "--output", "o", "--max-words", "40"}, "", func(t *testing.T, c Config) {
			if o, _ := c.options(); o.Summary.N != 0 || o.Summary.MaxWords != 40 {
				t.Errorf("summary options %+v, want N 0 and MaxWords 40", o.Summary)
			}
		}},
		{"budget and -n", []string{"--input", "a", "--output", "o", "--max-words", "40", "-n", "2"}, "", func(t *testing.T, c Config) {
			if o, _ := c.options(); o.Summary.N != 2 {
				t.Errorf("summary N %d, want 2", o.Summary.N)
			}
		}},
		{"dict travels", []string{"--input", "a", "--output", "o", "--dict", dict}, "", func(t *testing.T, c Config) {
			if string(c.Dict) != "Hội thao\n" || c.DictName != dict {
				t.Errorf("dict %q %q", c.Dict, c.DictName)
			}
			if _, err := c.newBuilder(); err != nil {
				t.Errorf("builder with the dictionary: %v", err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := flag.NewFlagSet("vnews-beam", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			get := flags(fs)
			if err := fs.Parse(tt.args); err != nil {
				t.Fatal(err)
			}
			c, err := get()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one with %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, c)
		})
	}
}

// TestBuildRecovers: a panic while building an article (here: no builder)
// gives the article's internal error record, with its id, source and own
// fields, instead of a failed bundle; the pool hands back every result.
func TestBuildRecovers(t *testing.T) {
	f := &buildFn{Cfg: Config{Workers: 2, Shards: 3}}
	a := record.Article{ID: "x1", Source: "s.jsonl:1", JSON: true, Text: "Hà Nội.",
		Extra: map[string]json.RawMessage{"nguon": json.RawMessage(`"báo"`)}}
	p := newPool(2, f.build)
	var outs []built
	keep := func(b built) { outs = append(outs, b) }
	for i := range 5 {
		p.submit(job{a: a, key: sortKey("s.jsonl", i)}, keep)
	}
	p.finish(keep)
	if len(outs) != 5 {
		t.Fatalf("%d results, want 5", len(outs))
	}
	keys := map[string]bool{}
	for _, b := range outs {
		keys[b.key] = true
		var r record.Record
		if err := json.Unmarshal(b.line, &r); err != nil {
			t.Fatalf("bad line %q: %v", b.line, err)
		}
		if b.code != record.CodeInternal || r.Error == nil || r.Error.Code != record.CodeInternal ||
			r.ID != "x1" || r.Source != "s.jsonl:1" || string(r.Extra["nguon"]) != `"báo"` {
			t.Errorf("got %s (code %q), want an internal error record of x1", b.line, b.code)
		}
	}
	if len(keys) != 5 {
		t.Errorf("keys %v, want 5 different ones", keys)
	}
}

// TestReadFailure: a file that cannot be read gives one read error record
// named as vnews analyze names it, in its shard.
func TestReadFailure(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "mat-tich.jsonl.gz")
	f := &buildFn{Cfg: Config{Shards: 4, Workers: 2, InputFormat: "auto", Encoding: "auto", N: 3, Output: filepath.Join(dir, "out")}}
	if err := f.Setup(context.Background()); err != nil {
		t.Fatal(err)
	}
	runs := map[int][]string{}
	emit := func(shard int, run string) { runs[shard] = append(runs[shard], run) }
	// An unreadable file counts as one file, one article and one read
	// error record, and names no person or unit.
	var totals Totals
	counts := func(key string, c Count) {
		kind, name, _ := strings.Cut(key, "\x00")
		if kind != kindTotals {
			t.Errorf("counts of %s %q from an unreadable file", kind, name)
		}
		totals.add(name, c.Articles)
	}
	ctx := context.Background()
	if err := f.StartBundle(ctx, emit, counts); err != nil {
		t.Fatal(err)
	}
	var inputs []Input
	(&readFn{Cfg: f.Cfg}).ProcessElement(ctx, path, func(in Input) { inputs = append(inputs, in) }, counts)
	if len(inputs) != 1 {
		t.Fatalf("%d articles read, want 1", len(inputs))
	}
	if err := f.ProcessElement(ctx, inputs[0], emit, counts); err != nil {
		t.Fatal(err)
	}
	if err := f.FinishBundle(ctx, emit, counts); err != nil {
		t.Fatal(err)
	}
	if totals.Files != 1 || totals.Articles != 1 || totals.ErrorRecords() != 1 || totals.Errors[record.CodeRead] != 1 {
		t.Errorf("totals %+v, want one file, one article, one read error", totals)
	}
	want := shardOf(sortKey(path, 0), 4)
	if len(runs) != 1 || len(runs[want]) != 1 {
		t.Fatalf("runs %v, want one of shard %d", runs, want)
	}
	out := filepath.Join(dir, "shard.jsonl")
	if err := mergeRuns(ctx, runs[want], out, maxFanIn); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var r record.Record
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	if r.Error == nil || r.Error.Code != record.CodeRead || r.ID != "mat-tich" || r.Source != path {
		t.Errorf("got %s, want a read error record with id mat-tich", b)
	}
}

// TestRunsMerge: records spilled in many small runs, merged with a small
// fan-in (several passes), come out whole, in key order, and the passes'
// own runs are removed.
func TestRunsMerge(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	for _, tt := range []struct {
		name            string
		n, limit, fanIn int
	}{
		{"one run", 50, 1 << 20, 64},
		{"runs in one pass", 200, 500, 64},
		{"three passes", 300, 100, 3},
		{"no records", 0, 100, 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			prefix := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-"))
			sp, err := newSpill(prefix, 2)
			if err != nil {
				t.Fatal(err)
			}
			sp.limit = tt.limit
			var runs []string
			emit := func(shard int, name string) {
				if shard == 1 {
					runs = append(runs, name)
				}
			}
			var want []string
			// Keys in a scrambled order; lines of many sizes.
			for i := range tt.n {
				k := (i * 37) % max(tt.n, 1)
				key := sortKey("tin.jsonl", k)
				line := fmt.Sprintf("{\"k\":%d,\"x\":%q}\n", k, strings.Repeat("ạ", k%17))
				if err := sp.add(ctx, 1, key, []byte(line), emit); err != nil {
					t.Fatal(err)
				}
			}
			if err := sp.flush(ctx, emit); err != nil {
				t.Fatal(err)
			}
			for k := range tt.n {
				want = append(want, fmt.Sprintf("{\"k\":%d,\"x\":%q}\n", k, strings.Repeat("ạ", k%17)))
			}
			out := prefix + "-shard.jsonl"
			if err := mergeRuns(ctx, runs, out, tt.fanIn); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != strings.Join(want, "") {
				t.Errorf("merged %d bytes, want %d; first lines %.200q", len(got), len(strings.Join(want, "")), got)
			}
			if left, _ := filepath.Glob(out + "-merge-*"); len(left) > 0 {
				t.Errorf("merge passes left %v", left)
			}
		})
	}
}

// TestTruncatedRun: a run cut short is an error, not a shorter shard.
func TestTruncatedRun(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	sp, _ := newSpill(filepath.Join(dir, "p"), 1)
	var runs []string
	emit := func(_ int, name string) { runs = append(runs, name) }
	sp.add(ctx, 0, "a", []byte("{\"x\":1}\n"), emit)
	sp.add(ctx, 0, "b", []byte("{\"x\":2}\n"), emit)
	sp.flush(ctx, emit)
	b, _ := os.ReadFile(runs[0])
	os.WriteFile(runs[0], b[:len(b)-3], 0o644)
	if err := mergeRuns(ctx, runs, filepath.Join(dir, "out.jsonl"), maxFanIn); err == nil {
		t.Error("no error for a truncated run")
	}
}

// TestInputRoundTrip: an article survives the way through Beam's coder
// type with its own fields byte for byte.
func TestInputRoundTrip(t *testing.T) {
	a := record.Article{ID: "7", Source: "f.jsonl:7", Title: "Tiêu đề", Published: "2024-01-02", URL: "https://vd.vn/a",
		Text: "Nội dung.", JSON: true, Size: 99, Err: &record.Error{Code: "json", Message: "hỏng"},
		Extra: map[string]json.RawMessage{"b": json.RawMessage(`{ "x" : 1 }`), "a": json.RawMessage(`[1,  2]`)}}
	in := toInput("key", a)
	back := in.article()
	ab, _ := json.Marshal(a)
	bb, _ := json.Marshal(back)
	if string(ab) != string(bb) || string(back.Extra["b"]) != `{ "x" : 1 }` || in.Key != "key" {
		t.Errorf("round trip\n got %s\nwant %s", bb, ab)
	}
}
