package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

const schemaFile = "../../docs/schema/vnews-1.schema.json"

// TestRecordsMatchTheSchema validates the records of every test article,
// of every command that writes records, against docs/schema/vnews-1.schema.json
// with a JSON Schema (draft 2020-12) validator; and that the schema refuses
// records that break it, so that the test can fail.
func TestRecordsMatchTheSchema(t *testing.T) {
	f, err := os.Open(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("vnews-1.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("vnews-1.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	validate := func(t *testing.T, line string) error {
		t.Helper()
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(line))
		if err != nil {
			t.Fatalf("not JSON: %v: %s", err, line)
		}
		return sch.Validate(v)
	}
	files, _ := filepath.Glob(filepath.Join(articlesDir, "*"))
	hostile := `{"id":"e","text":""}` + "\n" + `{"id":"s","text":"Sư đoàn 308.","source":"Báo","stats":1}` + "\n" + "not json\n"
	for _, args := range [][]string{
		append([]string{"analyze", "--words", "--explain"}, files...),
		append([]string{"entities"}, files...),
		append([]string{"summarize", "--max-words", "5"}, files...),
		append([]string{"sentences", "-f", "jsonl"}, files...),
		{"analyze", "-"},
	} {
		t.Run(strings.Join(args[:2], " "), func(t *testing.T) {
			out, _, _ := runCLI(t, hostile, args...)
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) < 3 {
				t.Fatalf("%d records", len(lines))
			}
			for _, line := range lines {
				if err := validate(t, line); err != nil {
					t.Errorf("record does not match the schema: %v\n%.300s", err, line)
				}
			}
		})
	}
	for _, bad := range []string{
		`{"schema":"vnews/2"}`,
		`{"schema":"vnews/1","entities":[{"type":"RANK","text":"Đại tá","start":0,"sentence":0}]}`,
		`{"schema":"vnews/1","entities":[{"type":"SHIP","text":"x","start":0,"end":1,"sentence":0}]}`,
		`{"schema":"vnews/1","error":{"code":"empty","message":"x"},"text":"x"}`,
		`{"schema":"vnews/1","people":[{"ref":"p1","name":"A","mentions":1,"age":3}]}`,
	} {
		if validate(t, bad) == nil {
			t.Errorf("the schema accepts %s", bad)
		}
	}
}
