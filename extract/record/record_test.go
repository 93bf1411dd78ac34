package record

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// CheckOffsets verifies that every sentence and entity span of r selects its
// text in code points of r.Text.
func checkOffsets(t testing.TB, r *Record) {
	t.Helper()
	n := utf8.RuneCountInString(r.Text)
	for i, s := range r.Sentences {
		if s.Start < 0 || s.End > n || s.End <= s.Start {
			t.Errorf("%s: sentence %d span %d:%d outside text of %d", r.ID, i, s.Start, s.End, n)
		}
	}
	for _, e := range r.Entities {
		got, ok := SliceRunes(r.Text, e.Start, e.End)
		if !ok || got != e.Text {
			t.Errorf("%s: entity %s %q at %d:%d selects %q", r.ID, e.Type, e.Text, e.Start, e.End, got)
		}
		if e.Sentence < 0 || len(r.Sentences) > 0 && e.Sentence >= len(r.Sentences) {
			t.Errorf("%s: entity %q in sentence %d of %d", r.ID, e.Text, e.Sentence, len(r.Sentences))
		}
	}
}

func TestRuneOffsets(t *testing.T) {
	texts := []string{"", "abc", "Bộ Tư lệnh Thủ đô", "👍🏻 x \u00a0ỷ", "Hà\nNội"}
	for _, s := range texts {
		o := newRuneOffsets(s)
		// forward, then backward: both must agree with the plain count
		var offs []int
		for i := range s {
			offs = append(offs, i)
		}
		offs = append(offs, len(s))
		for _, b := range offs {
			if got, want := o.at(b), ByteToRune(s, b); got != want {
				t.Errorf("%q: at(%d) = %d, want %d", s, b, got, want)
			}
		}
		for i := len(offs) - 1; i >= 0; i-- {
			if got, want := o.at(offs[i]), ByteToRune(s, offs[i]); got != want {
				t.Errorf("%q: backward at(%d) = %d, want %d", s, offs[i], got, want)
			}
		}
		for _, b := range offs {
			r := ByteToRune(s, b)
			if RuneToByte(s, r) != b {
				t.Errorf("%q: RuneToByte(%d) = %d, want %d", s, r, RuneToByte(s, r), b)
			}
		}
	}
	if _, ok := SliceRunes("abc", 2, 5); ok {
		t.Error("SliceRunes out of range reported ok")
	}
}

func newTestBuilder(t testing.TB, opts Options) *Builder {
	t.Helper()
	b, err := NewBuilder(nil, nil, opts)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestBuildErrorRecords(t *testing.T) {
	b := newTestBuilder(t, Options{})
	tests := []struct {
		name string
		a    Article
		code string
	}{
		{"empty file", Article{ID: "e", Raw: []byte{}}, CodeEmpty},
		{"white space", Article{ID: "w", Raw: []byte(" \n\u00a0\n")}, CodeEmpty},
		{"binary", Article{ID: "b", Raw: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")}, CodeBinary},
		{"empty JSON text", Article{ID: "j", JSON: true, Text: ""}, CodeEmpty},
		{"input error kept", Article{ID: "x", Err: &Error{Code: CodeJSON, Message: "bad"}}, CodeJSON},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := b.Build(tt.a)
			if !errors.Is(err, ErrArticle) {
				t.Fatalf("err = %v, want ErrArticle", err)
			}
			if rec.Error == nil || rec.Error.Code != tt.code || rec.Schema != Schema || rec.ID != tt.a.ID || rec.Text != "" {
				t.Errorf("record = %+v, want error %s", rec, tt.code)
			}
		})
	}
}

func TestBuildCodePointOffsetsAndRoundTrip(t *testing.T) {
	b := newTestBuilder(t, Options{})
	files, _ := filepath.Glob("../../testdata/articles/*.txt")
	if len(files) == 0 {
		t.Fatal("no test articles")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rec, err := b.Build(Article{ID: filepath.Base(f), Raw: data})
		if err != nil {
			t.Fatal(err)
		}
		if len(rec.Entities) == 0 || rec.Summary == nil || rec.Stats == nil {
			t.Errorf("%s: incomplete record", f)
		}
		checkOffsets(t, &rec)
		var buf bytes.Buffer
		if err := NewEncoder(&buf, false).Encode(&rec); err != nil {
			t.Fatal(err)
		}
		if bytes.Count(buf.Bytes(), []byte("\n")) != 1 {
			t.Errorf("%s: JSON Lines record spans several lines", f)
		}
		var back Record
		if err := NewDecoder(&buf).Decode(&back); err != nil {
			t.Fatal(err)
		}
		a, _ := json.Marshal(rec)
		c, _ := json.Marshal(back)
		if !bytes.Equal(a, c) {
			t.Errorf("%s: record changed in a JSON round trip", f)
		}
	}
}

func TestExtraFieldsPassThrough(t *testing.T) {
	b := newTestBuilder(t, Options{})
	a := parseJSONArticle([]byte(`{"id": 7, "text": "Ngày 8/6, lữ đoàn 954 bắn đạn thật.", "desk": "quân sự", "tags": ["a", "b"], "schema": "x"}`), "in.jsonl:1", 1)
	rec, err := b.Build(a)
	if err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	if rec.ID != "7" || !strings.Contains(s, `"desk":"quân sự"`) || !strings.Contains(s, `"tags":["a","b"]`) || !strings.Contains(s, `"schema":"vnews/1"`) {
		t.Errorf("record %s", s)
	}
}

func TestParseJSONArticle(t *testing.T) {
	tests := []struct {
		line, code, id string
		message        string // what the error message must say
	}{
		{`{"id":"a1","text":"x"}`, "", "a1", ""},
		{`{"text":"x"}`, "", "3", ""},
		{`{"id":"a2"}`, CodeMissingText, "a2", `has no "text" field`},
		{`not json`, CodeJSON, "3", "not valid JSON"},
		{`{"id": "a5", "text": "Sư đoàn`, CodeJSON, "3", "not valid JSON"},
		{`[1,2]`, CodeJSON, "3", "line is an array, not a JSON object"},
		{`"Sư đoàn 308"`, CodeJSON, "3", "line is a string, not a JSON object"},
		{`{"id":"a3","text":5}`, CodeMissingText, "a3", `"text" field is a number, not a string`},
		{`{"id":"a4","text":null}`, CodeMissingText, "a4", `"text" field is null, not a string`},
		{`{"id":"a6","text":["x"]}`, CodeMissingText, "a6", `"text" field is an array, not a string`},
		{`{"id":7,"text":"x","title":3}`, "", "7", ""},
		{`null`, CodeJSON, "3", "line is null, not a JSON object"},
	}
	for _, tt := range tests {
		a := parseJSONArticle([]byte(tt.line), "f:3", 3)
		code, msg := "", ""
		if a.Err != nil {
			code, msg = a.Err.Code, a.Err.Message
		}
		if code != tt.code || a.ID != tt.id || !strings.Contains(msg, tt.message) {
			t.Errorf("%s: code %q id %q message %q, want %q %q %q", tt.line, code, a.ID, msg, tt.code, tt.id, tt.message)
		}
		if strings.Contains(msg, "Go value") || strings.Contains(msg, "map[string]") {
			t.Errorf("%s: message speaks Go: %q", tt.line, msg)
		}
	}
}

// TestMarshalReplacesAnUnencodableRecord: a record JSON cannot hold (a NaN
// score) is written as its error record, one whole line, with an
// *EncodeError that wraps ErrArticle; the input's own fields stay.
func TestMarshalReplacesAnUnencodableRecord(t *testing.T) {
	r := Record{Schema: Schema, ID: "a", Source: "in.jsonl:4", Text: "Sư đoàn 308",
		Keywords: []Keyword{{Text: "sư đoàn", Score: math.NaN()}},
		Extra:    map[string]json.RawMessage{"outlet": json.RawMessage(`"Báo Quân khu 7"`)}}
	for _, indent := range []bool{false, true} {
		b, err := Marshal(&r, indent)
		var ee *EncodeError
		if !errors.As(err, &ee) || !errors.Is(err, ErrArticle) {
			t.Fatalf("error %v", err)
		}
		var back Record
		if err := json.Unmarshal(b, &back); err != nil || !bytes.HasSuffix(b, []byte("\n")) {
			t.Fatalf("output %q is not one JSON record: %v", b, err)
		}
		if back.Error == nil || back.Error.Code != CodeInternal || !strings.Contains(back.Error.Message, "stage encode") ||
			back.ID != "a" || string(back.Extra["outlet"]) != `"Báo Quân khu 7"` || back.Text != "" {
			t.Errorf("replacement %+v", back)
		}
	}
}

func TestReaderKeepsOrderAndPlaces(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "Bài một.")
	write("b.jsonl", "{\"id\":\"b1\",\"text\":\"Hai.\"}\n\nnot json\n{\"id\":\"b3\"}\n")
	write("c.txt", "")
	write("skip.md", "không đọc")
	r := &Reader{Mode: InputAuto}
	var got []string
	for a := range r.Articles([]string{dir}) {
		s := a.ID
		if a.Err != nil {
			s += ":" + a.Err.Code
		}
		got = append(got, s)
	}
	if strings.Join(got, " ") != "a b1 3:json b3:missing_text c" {
		t.Errorf("articles %q", got)
	}
	if r.Failed {
		t.Error("reader failed")
	}
}

func TestReaderMaxBytes(t *testing.T) {
	r := &Reader{Mode: InputJSONL, Stdin: strings.NewReader(`{"text":"` + strings.Repeat("a", 100) + "\"}\n{\"text\":\"ok\"}\n"), MaxBytes: 50}
	var codes []string
	for a := range r.Articles(nil) {
		c := "ok"
		if a.Err != nil {
			c = a.Err.Code
		}
		codes = append(codes, c)
	}
	if strings.Join(codes, " ") != "too_large ok" {
		t.Errorf("codes %q", codes)
	}
}

func TestCheckPaths(t *testing.T) {
	if err := CheckPaths([]string{"-", "."}); err != nil {
		t.Error(err)
	}
	if err := CheckPaths([]string{"no/such/file"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("err = %v", err)
	}
}

func TestParsePublished(t *testing.T) {
	for _, s := range []string{"2020-04-24", "2020-04-24T08:06:00+07:00", "24/04/2020"} {
		if p, ok := ParsePublished(s); !ok || p.Year() != 2020 || p.Day() != 24 {
			t.Errorf("ParsePublished(%q) = %v, %v", s, p, ok)
		}
	}
	if _, ok := ParsePublished("hôm qua"); ok {
		t.Error("parsed a non-date")
	}
}

func TestInputFieldsAreNeverLost(t *testing.T) {
	tests := []struct {
		name, line string
		extra      map[string]string // field → JSON the record must hold
	}{
		{"unknown field", `{"text":"Hà Nội","outlet":"QĐND"}`, map[string]string{"outlet": `"QĐND"`}},
		{"record field names", `{"text":"Hà Nội","source":"Báo QĐND","stats":{"views":3},"schema":"x"}`,
			map[string]string{InputKey: `{"schema":"x","source":"Báo QĐND","stats":{"views":3}}`}},
		{"input itself", `{"text":"Hà Nội","input":"rss"}`, map[string]string{InputKey: `{"input":"rss"}`}},
		{"title that is not text", `{"text":"Hà Nội","title":{"vi":"Tin"}}`, map[string]string{InputKey: `{"title":{"vi":"Tin"}}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := parseJSONArticle([]byte(tt.line), "-:1", 1)
			rec := Record{Schema: Schema, ID: a.ID, Source: a.Source, Extra: a.Extra}
			b, err := json.Marshal(rec)
			if err != nil {
				t.Fatal(err)
			}
			var got map[string]json.RawMessage
			if err := json.Unmarshal(b, &got); err != nil {
				t.Fatal(err)
			}
			for k, want := range tt.extra {
				if string(got[k]) != want {
					t.Errorf("%s = %s, want %s (record %s)", k, got[k], want, b)
				}
			}
			if string(got["source"]) != `"-:1"` {
				t.Errorf("the record's own source was overwritten: %s", got["source"])
			}
		})
	}
}
