package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/vnews/vnews/extract/record"
)

// jsonLine renders one JSON Lines input article.
func jsonLine(id, text string) string {
	b, _ := json.Marshal(map[string]string{"id": id, "text": text})
	return string(b)
}

// goodArticle is an ordinary short article of our own.
const goodArticle = "Lữ đoàn 147 huấn luyện bơi vũ trang\n\nNgày 12-5, Lữ đoàn 147 tổ chức huấn luyện bơi vũ trang cho chiến sĩ mới. Đại tá Phan Minh Quý, Lữ đoàn trưởng, kiểm tra buổi huấn luyện."

// TestEveryArticleKeepsItsRecord is the batch invariant: whatever one
// article holds, every other article's record is written whole, in order,
// one line each, and the bad article gets a record of its own in its place.
func TestEveryArticleKeepsItsRecord(t *testing.T) {
	bad := []struct {
		line string
		want string // "id" or "id:code"
	}{
		{jsonLine("nan", "TP.HCM"), "nan"},                    // a keyword score of 0/0 stopped the run
		{jsonLine("bantô", "Ban tổ"), "bantô"},                // panicked at the end of the text
		{jsonLine("phong", "Lực lượng phòng tổ"), "phong"},    // the same
		{jsonLine("sudoan", "Sư đoàn không "), "sudoan"},      // the same, with a trailing space
		{`{"id": "null", "text": null}`, "null:missing_text"}, // not an article
		{`[1, 2]`, "0:json"},
		{`{"id": "broken", "text": "Sư đoàn`, "0:json"},
		{jsonLine("huge", strings.Repeat("Sư đoàn 308 diễn tập. ", 20000)), "0:too_large"},
		{jsonLine("blank", " \n\t "), "blank:empty"},
	}
	var in strings.Builder
	var want []string
	n := 0
	for round := range 3 {
		for i, b := range bad {
			for k := range 4 {
				id := fmt.Sprintf("g%d-%d-%d", round, i, k)
				in.WriteString(jsonLine(id, goodArticle) + "\n")
				want = append(want, id)
				n++
			}
			in.WriteString(b.line + "\n")
			n++
			w := b.want
			if strings.HasPrefix(w, "0:") { // the line number is the id
				w = fmt.Sprintf("%d:%s", n, w[2:])
			}
			want = append(want, w)
		}
	}
	out, _, code := runCLI(t, in.String(), "analyze", "--input", "jsonl", "--max-bytes", "100000", "--workers", "3")
	if code != exitArticles {
		t.Errorf("exit %d, want %d", code, exitArticles)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != n {
		t.Fatalf("%d output lines for %d articles", len(lines), n)
	}
	for i, l := range lines {
		if !json.Valid([]byte(l)) {
			t.Fatalf("line %d is not whole JSON: %.200q", i+1, l)
		}
	}
	got := idsAndErrors(decodeRecords(t, out))
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("records\n got %q\nwant %q", got, want)
	}
}

// TestUnencodableRecordBecomesAnErrorRecord: the record of an article that cannot be
// encoded is an internal error record naming the stage, and the run goes
// on (exit 1, not 3).
func TestUnencodableRecordBecomesAnErrorRecord(t *testing.T) {
	var buf bytes.Buffer
	w := newWriter(bufio.NewWriter(&buf), "jsonl", "analyze")
	b, err := w.render(&record.Record{Schema: record.Schema, ID: "x", Keywords: []record.Keyword{{Text: "a", Score: math.NaN()}}})
	var ee *record.EncodeError
	if !errors.As(err, &ee) || !errors.Is(err, record.ErrArticle) || !strings.Contains(string(b), `"code":"internal"`) || !strings.Contains(string(b), "stage encode") {
		t.Fatalf("render gave %q, %v", b, err)
	}
}

// TestWalkGivesSpecialFilesARecord: a FIFO inside a walked directory would
// block the run for ever; it gets a read error record and the run goes on.
func TestWalkGivesSpecialFilesARecord(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte(goodArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "b.txt"), 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "c.txt"), []byte(goodArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	type result struct {
		out, stderr string
		code        int
	}
	done := make(chan result, 1)
	go func() {
		out, stderr, code := runCLI(t, "", "entities", dir)
		done <- result{out, stderr, code}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(2 * time.Minute):
		t.Fatal("the run blocked on the FIFO")
	}
	got := strings.Join(idsAndErrors(decodeRecords(t, r.out)), " ")
	if got != "a b:read c" || r.code != exitFailed || !strings.Contains(r.stderr, "named pipe") {
		t.Errorf("records %q, exit %d, stderr %q", got, r.code, r.stderr)
	}
}

// endless is an input that never ends, as /dev/zero or `yes` are; it counts
// what was read of it.
type endless struct {
	fill byte
	read atomic.Int64
}

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		e.fill = 'y' + '\n' - e.fill // "y\ny\n..."
		p[i] = e.fill
	}
	e.read.Add(int64(len(p)))
	return len(p), nil
}

// TestMaxBytesStopsReadingEndlessInput: past --max-bytes the rest of the
// input is not read, so endless input answers.
func TestMaxBytesStopsReadingEndlessInput(t *testing.T) {
	for _, mode := range []string{"text", "auto"} {
		t.Run(mode, func(t *testing.T) {
			in := &endless{fill: '\n'}
			var out, errb bytes.Buffer
			done := make(chan int, 1)
			go func() {
				done <- run(context.Background(), []string{"vnews", "analyze", "--input", mode, "--max-bytes", "100000"}, in, &out, &errb)
			}()
			select {
			case code := <-done:
				got := strings.Join(idsAndErrors(decodeRecords(t, out.String())), " ")
				if code != exitArticles || got != "stdin:too_large" || in.read.Load() > 1<<20 {
					t.Errorf("exit %d, records %q, %d bytes read", code, got, in.read.Load())
				}
			case <-time.After(2 * time.Minute):
				t.Fatal("endless input never answered")
			}
		})
	}
}

// TestDefaultMaxBytes: without --max-bytes an article over 16 MiB is refused
// (a too_large record), and --max-bytes 0 lifts the limit.
func TestDefaultMaxBytes(t *testing.T) {
	big := strings.Repeat("a ", 8<<20) + "b"
	out, _, code := runCLI(t, big, "entities", "--input", "text")
	if got := strings.Join(idsAndErrors(decodeRecords(t, out)), " "); got != "stdin:too_large" || code != exitArticles {
		t.Errorf("16 MiB + 1: records %q, exit %d", got, code)
	}
	out, _, code = runCLI(t, big[:1<<20], "sentences", "-f", "jsonl", "--max-bytes", "0", "--input", "text")
	if got := strings.Join(idsAndErrors(decodeRecords(t, out)), " "); got != "stdin" || code != exitOK {
		t.Errorf("--max-bytes 0: records %q, exit %d", got, code)
	}
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// TestTextFormatsStopOnClosedOutput: with text, TSV and sentence output, a
// reader that goes away (| head -1) stops the run instead of letting it
// process everything.
func TestTextFormatsStopOnClosedOutput(t *testing.T) {
	var in strings.Builder
	for i := range 3000 {
		in.WriteString(jsonLine(fmt.Sprint("a", i), goodArticle) + "\n")
	}
	for _, args := range [][]string{
		{"analyze", "-f", "text"},
		{"entities", "-f", "tsv"},
		{"sentences"},
		{"summarize", "-f", "text"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			cr := &countingReader{r: strings.NewReader(in.String())}
			var errb bytes.Buffer
			code := run(context.Background(), append(append([]string{"vnews"}, args...), "--input", "jsonl", "--workers", "2"), cr, &epipeWriter{}, &errb)
			if code != exitOK || errb.Len() != 0 {
				t.Errorf("exit %d, stderr %q", code, errb.String())
			}
			if read := cr.n.Load(); read > int64(in.Len())/4 {
				t.Errorf("read %d of %d input bytes after the output closed", read, in.Len())
			}
		})
	}
}

// TestByteOrderMarkBeforeJSONL: a UTF-8 BOM at the start of a JSON Lines
// file or stream is no part of the first article.
func TestByteOrderMarkBeforeJSONL(t *testing.T) {
	in := "\ufeff" + jsonLine("first", goodArticle) + "\n" + jsonLine("second", goodArticle) + "\n"
	f := filepath.Join(t.TempDir(), "bom.jsonl")
	if err := os.WriteFile(f, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, args := range map[string][]string{"stdin": {"-"}, "file": {f}} {
		out, _, code := runCLI(t, in, append([]string{"entities"}, args...)...)
		if got := strings.Join(idsAndErrors(decodeRecords(t, out)), " "); got != "first second" || code != exitOK {
			t.Errorf("%s: records %q, exit %d", name, got, code)
		}
	}
}

// TestTSVFieldsAreEscaped: a tab or newline in an id, or a file name that
// is not UTF-8, keeps every row to the header's columns and stays
// traceable.
func TestTSVFieldsAreEscaped(t *testing.T) {
	in := jsonLine("lô\t7\nB", goodArticle) + "\n"
	out, _, _ := runCLI(t, in, "entities", "-f", "tsv", "--input", "jsonl")
	rows := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(rows) < 3 {
		t.Fatalf("tsv:\n%s", out)
	}
	for _, r := range rows {
		if strings.Count(r, "\t") != 7 {
			t.Errorf("row with %d tabs: %q", strings.Count(r, "\t"), r)
		}
	}
	if !strings.HasPrefix(rows[1], `lô\t7\nB`+"\t") {
		t.Errorf("id not escaped: %q", rows[1])
	}

	dir := t.TempDir()
	name := filepath.Join(dir, "b\xffi.txt")
	if err := os.WriteFile(name, []byte(goodArticle), 0o644); err != nil {
		t.Skipf("no such file names here: %v", err)
	}
	out, _, _ = runCLI(t, "", "entities", "-f", "tsv", name)
	rows = strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(rows) < 2 || !strings.HasPrefix(rows[1], `b\xffi`+"\t") {
		t.Errorf("non-UTF-8 file name not traceable: %q", rows)
	}
}

// TestEndlessInputsAsAProcess runs vnews as a process on /dev/zero, as a
// path and on standard input: both answer with a too_large record.
func TestEndlessInputsAsAProcess(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	for _, tc := range []struct {
		name  string
		args  []string
		stdin string
	}{
		{"path", []string{"analyze", "--max-bytes", "1000000", "/dev/zero"}, ""},
		{"stdin", []string{"analyze", "--max-bytes", "1000000"}, "/dev/zero"},
		{"stdin, default limit", []string{"entities"}, "/dev/zero"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, os.Args[0], tc.args...)
			cmd.Env = append(os.Environ(), "VNEWS_AS_MAIN=1")
			if tc.stdin != "" {
				f, err := os.Open(tc.stdin)
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				cmd.Stdin = f
			}
			out, _ := cmd.Output()
			if ctx.Err() != nil {
				t.Fatal("vnews did not answer on endless input")
			}
			if code := cmd.ProcessState.ExitCode(); code != exitArticles {
				t.Errorf("exit %d", code)
			}
			recs := decodeRecords(t, string(out))
			if len(recs) != 1 || recs[0].Error == nil || recs[0].Error.Code != record.CodeTooLarge {
				t.Errorf("records %q", idsAndErrors(recs))
			}
		})
	}
}

// TestTaggerFlag: by default (and with --tagger) the learned tagger decides
// the people and units: a foreign name with no cue before it, which the
// rules alone (--rules) miss; --rules with --tagger is a usage error.
func TestTaggerFlag(t *testing.T) {
	in := "Hôm qua, Marta Kowalska và đoàn công tác đến thăm Học viện Quốc phòng."
	people := func(args ...string) string {
		out, _, code := runCLI(t, in, append([]string{"entities", "-f", "tsv"}, args...)...)
		if code != exitOK {
			t.Fatalf("exit %d", code)
		}
		var names []string
		for _, row := range strings.Split(out, "\n") {
			if f := strings.Split(row, "\t"); len(f) == 8 && f[1] == "PERSON" {
				names = append(names, f[4])
			}
		}
		return strings.Join(names, ",")
	}
	if got := people("--rules"); got != "" {
		t.Errorf("--rules: people %q", got)
	}
	for _, args := range [][]string{nil, {"--tagger"}} {
		if got := people(args...); got != "Marta Kowalska" {
			t.Errorf("%v: people %q, want Marta Kowalska", args, got)
		}
	}
	if _, _, code := runCLI(t, in, "entities", "--rules", "--tagger"); code != exitUsage {
		t.Errorf("--rules --tagger: exit %d, want %d", code, exitUsage)
	}
}
