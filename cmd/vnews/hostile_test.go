package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vnews/vnews/extract/record"
)

// TestHostileInputs feeds the CLI what scraped corpora hold: every input
// gives exactly one record, in place, with valid offsets, and nothing
// panics.
func TestHostileInputs(t *testing.T) {
	sentence := "Ngày 8/6, lữ đoàn 954 tổ chức bắn đạn thật tại thao trường. "
	oneLine := strings.Repeat(sentence, 2*1024*1024/len(sentence))
	// Units joined by dashes, which the rules read as one chain of parent
	// units: a canonical name of 60,000 words, whose prefixes' keys once
	// took time in the square of its length.
	var chain strings.Builder
	for i := range 20000 {
		if i > 0 {
			chain.WriteString(" - ")
		}
		fmt.Fprintf(&chain, "Sư đoàn %d", i)
	}
	// A list of officers with no full stop: one sentence of 300 KB, which
	// took about ten minutes before the linker's window (link.Window).
	var list strings.Builder
	for i := 0; list.Len() < 300*1024; i++ {
		fmt.Fprintf(&list, "Đại tá Lưu Văn Khải, Chính ủy Lữ đoàn %d; những chiến sĩ trẻ, ", 100+i%800)
	}
	tests := []struct {
		name  string
		input []byte
		args  []string
		code  string // the record's error code, "" for a record with text
		check func(t *testing.T, r *record.Record)
	}{
		{"empty", nil, nil, record.CodeEmpty, nil},
		{"white space only", []byte(" \t\r\n\u00a0\u200b\n"), nil, record.CodeEmpty, nil},
		{"binary", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), nil, record.CodeBinary, nil},
		{"invalid UTF-8", []byte("Sư đoàn 308 \xff\xfe diễn tập."), nil, "", func(t *testing.T, r *record.Record) {
			if len(r.Warnings) == 0 || !strings.Contains(r.Text, "\ufffd") {
				t.Errorf("no warning or replacement: %q %q", r.Warnings, r.Text)
			}
		}},
		{"NUL bytes", []byte("Sư đoàn\x00 308 diễn tập\x00 chiến thuật."), nil, "", func(t *testing.T, r *record.Record) {
			if !strings.Contains(r.Text, "\x00") {
				t.Errorf("NUL bytes were dropped: %q", r.Text)
			}
		}},
		{"2 MB on one line", []byte(oneLine), nil, "", func(t *testing.T, r *record.Record) {
			if r.Stats == nil || r.Stats.Sentences < 25000 {
				t.Errorf("stats %+v", r.Stats)
			}
		}},
		{"300 KB of one sentence", []byte(list.String()), nil, "", func(t *testing.T, r *record.Record) {
			if r.Stats == nil || r.Stats.Sentences != 1 || len(r.People) == 0 || r.People[0].Position != "Chính ủy" {
				t.Errorf("stats %+v, people %+v", r.Stats, r.People)
			}
		}},
		{"20,000 units joined by dashes", []byte(chain.String()), nil, "", func(t *testing.T, r *record.Record) {
			if len(r.Entities) == 0 || r.Entities[0].Type != "UNIT" {
				t.Errorf("entities %.200v", r.Entities)
			}
		}},
		{"25 MB on one line, over --max-bytes", bytes.Repeat([]byte(sentence), 25*1024*1024/len(sentence)), []string{"--max-bytes", "20000000"}, record.CodeTooLarge, nil},
		{"2 MB of one character", bytes.Repeat([]byte("a"), 2*1024*1024), nil, "", nil},
		{"2 MB of one letter with a tone", bytes.Repeat([]byte("ệ"), 700*1024), nil, "", nil},
		{"punctuation only", []byte("!!! ... ??? --- ,,, ;;; (((( ))))"), nil, "", nil},
		{"mixed scripts and emoji", []byte("Sư đoàn 308 🎖️🇻🇳 tiếp đón đoàn Нга 俄罗斯 روسيا và 👨‍👩‍👧 gia đình."), nil, "", func(t *testing.T, r *record.Record) {
			if !strings.Contains(r.Text, "👨‍👩‍👧") {
				t.Errorf("emoji sequence changed: %q", r.Text)
			}
		}},
		{"CRLF line ends", []byte("Sư đoàn 308 diễn tập\r\n\r\nNgày 17-3, Sư đoàn 308 tổ chức diễn tập.\r\nĐại tá Lê Quang Hưng chỉ huy.\r\n"), nil, "", func(t *testing.T, r *record.Record) {
			if r.Title != "Sư đoàn 308 diễn tập" {
				t.Errorf("title %q", r.Title)
			}
		}},
		{"only combining marks", []byte("\u0301\u0300\u0309 \u0323"), nil, "", nil},
		{"control characters", []byte("Bộ Quốc phòng\x1b[31m thông báo\x07 kết quả."), nil, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"analyze"}, tt.args...)
			out, stderr, code := runCLI(t, string(tt.input), append(args, "-")...)
			recs := decodeRecords(t, out)
			if len(recs) != 1 {
				t.Fatalf("%d records (exit %d, stderr %q)", len(recs), code, stderr)
			}
			r := &recs[0]
			got := ""
			if r.Error != nil {
				got = r.Error.Code
			}
			if got != tt.code {
				t.Fatalf("error %q, want %q (%+v)", got, tt.code, r.Error)
			}
			if (got == "") != (code == 0) {
				t.Errorf("exit %d for error %q", code, got)
			}
			if !utf8.ValidString(r.Text) {
				t.Errorf("record text is not valid UTF-8")
			}
			if tt.check != nil {
				tt.check(t, r)
			}
		})
	}
}

// TestHostileJSONL covers JSON Lines input: a 10 MB line, lines that are
// not JSON, objects without text, text that is not a string.
func TestHostileJSONL(t *testing.T) {
	big := `{"id": "big", "text": "Sư đoàn 308 diễn tập.", "raw_html": "` + strings.Repeat("x", 10*1024*1024) + `"}`
	in := strings.Join([]string{
		big,
		`{"id": "trunc", "text": "Sư đoàn`,
		`[1, 2, 3]`,
		`{"id": "num", "text": 42}`,
		`{"id": "nested", "text": {"a": 1}}`,
		`"just a string"`,
		`{"id": "ok", "text": "Đại úy Lò Văn Sinh chỉ huy."}`,
	}, "\n")
	out, _, _ := runCLI(t, in, "analyze", "--input", "jsonl")
	recs := decodeRecords(t, out)
	got := idsAndErrors(recs)
	want := "big 2:json 3:json num:missing_text nested:missing_text 6:json ok"
	if strings.Join(got, " ") != want {
		t.Errorf("records\n got %q\nwant %q", strings.Join(got, " "), want)
	}
	if len(recs) > 0 && len(recs[0].Extra["raw_html"]) < 10*1024*1024 {
		t.Errorf("the big line's extra field was not kept")
	}
}
