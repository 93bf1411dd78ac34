package record

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// reflectMarshal is how records were written before appendRecord: the
// Record type through encoding/json (no HTML escaping), the Extra fields
// after it. appendRecord must give the same bytes.
func reflectMarshal(r *Record) ([]byte, error) {
	type plain Record
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode((*plain)(r)); err != nil {
		return nil, err
	}
	b := bytes.TrimRight(buf.Bytes(), "\n")
	var keys []string
	for k := range r.Extra {
		if !reservedKeys[k] {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return b, nil
	}
	sort.Strings(keys)
	out := append([]byte(nil), b[:len(b)-1]...)
	for _, k := range keys {
		kb, _ := json.Marshal(k)
		out = append(out, ',')
		out = append(out, kb...)
		out = append(out, ':')
		out = append(out, r.Extra[k]...)
	}
	return append(out, '}'), nil
}

func checkSameJSON(t *testing.T, r *Record) {
	t.Helper()
	want, werr := reflectMarshal(r)
	got, gerr := r.marshal()
	if (werr != nil) != (gerr != nil) {
		t.Fatalf("error: got %v, encoding/json %v", gerr, werr)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("appendRecord differs from encoding/json:\n got %s\nwant %s", got, want)
	}
}

func TestAppendRecordMatchesReflection(t *testing.T) {
	odd := "a\"b\\c\n\r\t\b\f\x00\x1f\x7f<>&\u2028\u2029\xff\xc3 Hà Nội “trích” — €"
	cases := []struct {
		name string
		rec  Record
	}{
		{"error record", Record{Schema: Schema, ID: "7", Source: "x.jsonl:7", Error: &Error{Code: CodeJSON, Message: odd}}},
		{"empty lists", Record{Schema: Schema, Sentences: []Sentence{}, Words: []Word{}, Entities: []Entity{}, People: []Person{},
			Keywords: []Keyword{}, Summary: &Summary{}, Stats: &Stats{}}},
		{"nil summary sentences", Record{Schema: Schema, Summary: &Summary{Text: "x", Explain: []SentenceScore{}}}},
		{"odd strings", Record{Schema: Schema, ID: odd, Title: odd, Text: odd, Warnings: []string{odd, ""},
			Words:    []Word{{Text: odd, Start: 1, End: 2}},
			Entities: []Entity{{Type: "DATE", Text: odd, Level: -3, Value: odd, Role: "r"}, {Type: "RANK", Level: 0}},
			People:   []Person{{Ref: "p1", Name: odd, Unit: odd, Mentions: 3}}}},
		{"floats", Record{Schema: Schema, Keywords: []Keyword{{"a", 0}, {"b", 1e-7}, {"c", 1e21}, {"d", 0.1234}, {"e", -0.5},
			{"f", 123456789}, {"g", 1e-6}, {"h", 9.99e20}, {"i", -2.5e-12}, {"j", math.SmallestNonzeroFloat64}, {"k", math.MaxFloat64}},
			Summary: &Summary{Sentences: []int{0, 2}, Text: "t", Explain: []SentenceScore{{Sentence: 1, Score: 0.333, Position: -1e-9,
				Length: 2, Centrality: 1e22, Title: 0.5, Entities: 3, Other: -0.001, Redundancy: 0.25, Chosen: true}}}}},
		{"NaN", Record{Schema: Schema, Keywords: []Keyword{{"a", math.NaN()}}}},
		{"infinite score", Record{Schema: Schema, Summary: &Summary{Explain: []SentenceScore{{Score: math.Inf(1)}}}}},
		{"extra fields", Record{Schema: Schema, ID: "a", Extra: map[string]json.RawMessage{
			"zeta": json.RawMessage(`{"x": [1, 2]}`), "a<b>&": json.RawMessage(`"v"`), "source": json.RawMessage(`"kept out"`),
			"input": json.RawMessage(`{"stats":1}`), "ă": json.RawMessage(`null`)}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { checkSameJSON(t, &tc.rec) })
	}
	// The golden records of the project's articles, every part filled in.
	files, _ := filepath.Glob("../../testdata/golden/*.json")
	if len(files) == 0 {
		t.Fatal("no golden records")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			dec := NewDecoder(bytes.NewReader(data))
			for {
				var r Record
				if err := dec.Decode(&r); err != nil {
					break
				}
				checkSameJSON(t, &r)
			}
		})
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "Quân đội nhân dân", "\"\\\n\x01", "\xff\xfe", "\u2028x\u2029", "<a href='x'>&amp;</a>",
		"\xe0\x80\x80", "\xe0\xa0\x80", "\xed\xa0\x80", "\xed\x9f\xbf", "\xef\xbf\xbf", "\xc0\x80", "\xc2", "\xe1\x80", "👍🏻", "\xf4\x90\x80\x80"} {
		f.Add(s, 0.5)
	}
	f.Fuzz(func(t *testing.T, s string, score float64) {
		r := Record{Schema: Schema, ID: s, Text: s, Warnings: []string{s}, Keywords: []Keyword{{Text: s, Score: score}},
			Entities: []Entity{{Type: s, Text: s, Ref: s}}}
		checkSameJSON(t, &r)
	})
}

// AppendMarshal into a reused buffer gives Marshal's bytes, the error
// record for a record JSON cannot hold included.
func TestAppendMarshalReuse(t *testing.T) {
	buf := []byte("stale bytes of an earlier record, longer than some records are")
	for _, tc := range []struct {
		name string
		rec  Record
	}{
		{"plain", Record{Schema: Schema, ID: "a", Text: "Hà Nội", Sentences: []Sentence{{0, 6, "body"}}}},
		{"NaN", Record{Schema: Schema, ID: "b", Source: "x.jsonl:2", Keywords: []Keyword{{"a", math.NaN()}}}},
		{"empty", Record{Schema: Schema}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, werr := Marshal(&tc.rec, false)
			got, gerr := AppendMarshal(buf[:0], &tc.rec)
			if !bytes.Equal(got, want) || (werr == nil) != (gerr == nil) {
				t.Errorf("AppendMarshal = %q, %v; Marshal = %q, %v", got, gerr, want, werr)
			}
			buf = got
		})
	}
}
