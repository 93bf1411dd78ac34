package main

import (
	"context"
	"encoding/json"
	"flag"
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
// fields, instead of a failed bundle.
func TestBuildRecovers(t *testing.T) {
	f := &shardFn{Cfg: Config{Workers: 2}}
	in := toInput("k", record.Article{ID: "x1", Source: "s.jsonl:1", JSON: true, Text: "Hà Nội.",
		Extra: map[string]json.RawMessage{"nguon": json.RawMessage(`"báo"`)}})
	var outs []built
	for b := range f.buildAll([]*Input{&in, &in, &in}) {
		outs = append(outs, b)
	}
	if len(outs) != 3 {
		t.Fatalf("%d results, want 3", len(outs))
	}
	for _, b := range outs {
		var r record.Record
		if err := json.Unmarshal(b.line, &r); err != nil {
			t.Fatalf("bad line %q: %v", b.line, err)
		}
		if b.code != record.CodeInternal || r.Error == nil || r.Error.Code != record.CodeInternal ||
			r.ID != "x1" || r.Source != "s.jsonl:1" || string(r.Extra["nguon"]) != `"báo"` {
			t.Errorf("got %s (code %q), want an internal error record of x1", b.line, b.code)
		}
	}
}

// TestReadFailure: a file that cannot be read gives one read error article
// named as vnews analyze names it.
func TestReadFailure(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mat-tich.jsonl.gz")
	var got []Input
	f := &readFn{Cfg: Config{Shards: 4, InputFormat: "auto"}}
	f.ProcessElement(context.Background(), path, func(shard int, in Input) {
		if shard < 0 || shard >= 4 {
			t.Errorf("shard %d", shard)
		}
		got = append(got, in)
	})
	if len(got) != 1 || got[0].ErrCode != record.CodeRead || got[0].ID != "mat-tich" || got[0].Source != path {
		t.Errorf("got %+v, want one read error article with id mat-tich", got)
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
	if string(ab) != string(bb) || string(back.Extra["b"]) != `{ "x" : 1 }` {
		t.Errorf("round trip\n got %s\nwant %s", bb, ab)
	}
}
