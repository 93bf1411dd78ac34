package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vnews/vnews/extract/record"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// runCLI runs vnews in-process and returns its output and exit status.
func runCLI(t testing.TB, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), append([]string{"vnews"}, args...), strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

// decodeRecords parses JSON Lines output and checks every record's offsets.
func decodeRecords(t testing.TB, out string) []record.Record {
	t.Helper()
	var recs []record.Record
	dec := record.NewDecoder(strings.NewReader(out))
	for {
		var r record.Record
		if err := dec.Decode(&r); err != nil {
			if err.Error() == "EOF" {
				break
			}
			t.Fatalf("decoding output: %v\n%s", err, out)
		}
		checkRecord(t, &r)
		recs = append(recs, r)
	}
	return recs
}

// idsAndErrors lists each record as "id" or "id:error-code".
func idsAndErrors(recs []record.Record) []string {
	var out []string
	for _, r := range recs {
		s := r.ID
		if r.Error != nil {
			s += ":" + r.Error.Code
		}
		out = append(out, s)
	}
	return out
}

// checkRecord verifies text[start:end] == entity text (code points) for
// every entity and that the schema is set.
func checkRecord(t testing.TB, r *record.Record) {
	t.Helper()
	if r.Schema != record.Schema {
		t.Errorf("%s: schema %q", r.ID, r.Schema)
	}
	text := []rune(r.Text) // code points, as the record counts them
	for _, e := range r.Entities {
		if e.Start < 0 || e.End > len(text) || e.End < e.Start || string(text[e.Start:e.End]) != e.Text {
			t.Errorf("%s: entity %q at %d:%d does not select its text", r.ID, e.Text, e.Start, e.End)
		}
	}
	for _, s := range r.Sentences {
		if s.Start < 0 || s.End > len(text) || s.End < s.Start {
			t.Errorf("%s: sentence %d:%d out of range", r.ID, s.Start, s.End)
		}
	}
}

const articlesDir = "../../testdata/articles"

func TestGoldenRecords(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(articlesDir, "*"))
	if err != nil || len(files) == 0 {
		t.Fatal("no test articles", err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			out, stderr, code := runCLI(t, "", "analyze", "--format", "json", "--workers", "2", f)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			golden := filepath.Join("../../testdata/golden", strings.TrimSuffix(name, filepath.Ext(name))+".json")
			if *update {
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./cmd/vnews -update)", err)
			}
			if out != string(want) {
				t.Errorf("output differs from %s (rerun with -update after checking the change):\n%s", golden, firstDiff(out, string(want)))
			}
			decodeArray(t, out)
		})
	}
}

// decodeArray parses -f json output, one JSON array of records, and checks
// every record's offsets.
func decodeArray(t testing.TB, out string) []record.Record {
	t.Helper()
	var recs []record.Record
	if err := json.Unmarshal([]byte(out), &recs); err != nil {
		t.Fatalf("-f json output is not one JSON array of records: %v\n%s", err, out)
	}
	for i := range recs {
		checkRecord(t, &recs[i])
	}
	return recs
}

// firstDiff shows the first differing line of two outputs.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return "line " + itoa(i+1) + ":\n got: " + a + "\nwant: " + b
		}
	}
	return ""
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

func TestNFDInputGivesTheSameRecord(t *testing.T) {
	a, _, _ := runCLI(t, "", "analyze", filepath.Join(articlesDir, "bien-phong-giup-dan.txt"))
	b, _, _ := runCLI(t, "", "analyze", filepath.Join(articlesDir, "nfd-bien-phong-giup-dan.txt"))
	ra, rb := decodeRecords(t, a), decodeRecords(t, b)
	ra[0].ID, ra[0].Source, rb[0].ID, rb[0].Source = "", "", "", ""
	ja, _ := json.Marshal(ra[0])
	jb, _ := json.Marshal(rb[0])
	if !bytes.Equal(ja, jb) {
		t.Errorf("NFD input gave a different record:\n%s", firstDiff(string(ja), string(jb)))
	}
}

func TestDirectoryWithBadFiles(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile(filepath.Join(articlesDir, "hoc-vien-khai-giang.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"1-good.txt":   good,
		"2-empty.txt":  {},
		"3-binary.txt": {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0},
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, stderr, code := runCLI(t, "", "analyze", dir)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	recs := decodeRecords(t, out)
	if len(recs) != 3 {
		t.Fatalf("%d records, want 3", len(recs))
	}
	wantIDs := []string{"1-good", "2-empty", "3-binary"}
	wantErr := []string{"", record.CodeEmpty, record.CodeBinary}
	for i, r := range recs {
		code := ""
		if r.Error != nil {
			code = r.Error.Code
		}
		if r.ID != wantIDs[i] || code != wantErr[i] {
			t.Errorf("record %d: id %q error %q, want %q %q", i, r.ID, code, wantIDs[i], wantErr[i])
		}
	}
	if !strings.Contains(stderr, "2-empty.txt") || !strings.Contains(stderr, "3-binary.txt") {
		t.Errorf("stderr does not name the bad files: %q", stderr)
	}
	if _, stderr, _ := runCLI(t, "", "analyze", "--quiet", dir); stderr != "" {
		t.Errorf("--quiet still wrote %q", stderr)
	}
}

func TestJSONLOnStdinWithBadLines(t *testing.T) {
	in := `{"id": "ok1", "text": "Ngày 8/6, lữ đoàn 954 bắn đạn thật."}
this is not JSON
{"id": "empty", "text": ""}

{"id": "notext", "title": "x"}
{"id": "ok2", "text": "Đại úy Lò Văn Sinh chỉ huy."}
`
	out, _, code := runCLI(t, in, "analyze")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	got := idsAndErrors(decodeRecords(t, out))
	if strings.Join(got, " ") != "ok1 2:json empty:empty notext:missing_text ok2" {
		t.Errorf("records %q", got)
	}
}

func TestExitStatus(t *testing.T) {
	good := filepath.Join(articlesDir, "hoc-vien-khai-giang.txt")
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"ok", []string{"analyze", good}, 0},
		{"missing path", []string{"analyze", good, "no/such/file.txt"}, 3},
		{"unknown flag", []string{"analyze", "--frobnicate", good}, 2},
		{"bad format", []string{"analyze", "--format", "xml", good}, 2},
		{"tsv only for entities", []string{"summarize", "--format", "tsv", good}, 2},
		{"bad input mode", []string{"analyze", "--input", "csv", good}, 2},
		{"bad published", []string{"analyze", "--published", "hôm qua", good}, 2},
		{"bad -n", []string{"summarize", "-n", "0", good}, 2},
		{"bad workers", []string{"analyze", "--workers", "0", good}, 2},
		{"bad index batch", []string{"index", "--db", filepath.Join(t.TempDir(), "c.db"), "--batch", "0", good}, 2},
		{"unknown command", []string{"frobnicate"}, 2},
		{"missing lexicon dir", []string{"entities", "--lexicon", "no/such/dir", good}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, stderr, code := runCLI(t, "", tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr %q", code, tt.code, stderr)
			}
			if code >= 2 && strings.Contains(out, "schema") {
				t.Errorf("records written on a failed run: %q", out)
			}
		})
	}
}

func TestFormats(t *testing.T) {
	f := filepath.Join(articlesDir, "su-doan-308-dien-tap.txt")
	t.Run("text", func(t *testing.T) {
		out, _, _ := runCLI(t, "", "analyze", "-f", "text", f)
		// Labeled with id and title; each entity once, with its count;
		// keywords shown; no "mention(s)".
		for _, want := range []string{"== su-doan-308-dien-tap: Sư đoàn 308 tổ chức diễn tập", "Published: 2021-03-18T14:30:00+07:00",
			"RANK     Thiếu tướng ×3 [Major General, level 14]", "UNIT     Sư đoàn 308 ×4 [division]",
			"p2 Lê Quang Hưng — Đại tá, Sư đoàn trưởng, Sư đoàn 308 ×2", "Keywords:  Sư đoàn 308, "} {
			if !strings.Contains(out, want) {
				t.Errorf("text output lacks %q:\n%s", want, out)
			}
		}
		if strings.Contains(out, "mention") || strings.Count(out, "UNIT     Sư đoàn 308 ") != 1 {
			t.Errorf("mentions not grouped:\n%s", out)
		}
	})
	t.Run("tsv", func(t *testing.T) {
		out, _, _ := runCLI(t, "", "entities", "-f", "tsv", f)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) < 10 || lines[0] != "id\ttype\tstart\tend\ttext\tnormalized\tkind\tref" ||
			lines[1] != "su-doan-308-dien-tap\tUNIT\t14\t25\tSư đoàn 308\tSư đoàn 308\tdivision\t" {
			t.Errorf("tsv output:\n%s", out)
		}
	})
	t.Run("entities records have no summary", func(t *testing.T) {
		out, _, _ := runCLI(t, "", "entities", f)
		r := decodeRecords(t, out)[0]
		if r.Summary != nil || r.Sentences != nil || len(r.Entities) == 0 || len(r.People) != 3 || r.Text == "" {
			t.Errorf("entities record: summary %v, %d sentences, %d entities, %d people", r.Summary, len(r.Sentences), len(r.Entities), len(r.People))
		}
	})
	t.Run("summarize text", func(t *testing.T) {
		out, _, _ := runCLI(t, "", "summarize", "-f", "text", "-n", "2", f)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) != 3 || lines[0] != "== su-doan-308-dien-tap: Sư đoàn 308 tổ chức diễn tập chiến thuật có bắn đạn thật giai đoạn 2021-2025" ||
			!strings.HasPrefix(lines[1], "Ngày 17-3, tại thao trường") {
			t.Errorf("summary lines %q", lines)
		}
	})
	t.Run("summarize records", func(t *testing.T) {
		out, _, _ := runCLI(t, "", "summarize", "--explain", f)
		r := decodeRecords(t, out)[0]
		if r.Summary == nil || len(r.Summary.Sentences) != 3 || len(r.Summary.Explain) == 0 || r.Entities != nil || r.Text != "" {
			t.Errorf("summary record %+v", r)
		}
	})
	t.Run("sentences text", func(t *testing.T) {
		out, _, _ := runCLI(t, "", "sentences", f)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) != 13 || lines[6] != "Thiếu tướng Trần Văn Bình, Tư lệnh Quân đoàn 1 kiểm tra công tác chuẩn bị diễn tập tại thao trường." {
			t.Errorf("sentences:\n%s", out)
		}
	})
	t.Run("sentences records", func(t *testing.T) {
		out, _, _ := runCLI(t, "", "sentences", "-f", "jsonl", f)
		r := decodeRecords(t, out)[0]
		if len(r.Sentences) != 13 || r.Sentences[6].Role != "caption" || r.Entities != nil {
			t.Errorf("sentence record %+v", r.Sentences)
		}
	})
}

func TestTokenize(t *testing.T) {
	in := "Bộ Tư lệnh Thủ đô Hà Nội khai mạc Hội thao.\n\nĐại tá Phan Trọng Nghĩa chủ trì.\r\n"
	out, _, code := runCLI(t, in, "tokenize")
	want := "Bộ_Tư_lệnh Thủ_đô Hà_Nội khai_mạc Hội_thao .\n\nĐại_tá Phan_Trọng_Nghĩa chủ_trì .\n"
	if code != 0 || out != want {
		t.Errorf("tokenize = %q (exit %d), want %q", out, code, want)
	}
	out, _, _ = runCLI(t, "Hà Nội ơi\n", "tokenize", "-f", "jsonl")
	var line struct {
		Words []struct {
			Text       string
			Start, End int
		}
	}
	if err := json.Unmarshal([]byte(out), &line); err != nil {
		t.Fatal(err)
	}
	if len(line.Words) != 2 || line.Words[0].Text != "Hà Nội" || line.Words[1].Start != 7 || line.Words[1].End != 9 {
		t.Errorf("jsonl tokens %+v", line.Words)
	}
}

func TestTokenizeUserDictionary(t *testing.T) {
	dict := filepath.Join(t.TempDir(), "dict.txt")
	os.WriteFile(dict, []byte("Tam Hợp\n"), 0o644)
	out, _, _ := runCLI(t, "Đồn Biên phòng Tam Hợp\n", "tokenize", "--dict", dict)
	if !strings.Contains(out, "Tam_Hợp") {
		t.Errorf("user word not kept: %q", out)
	}
}

func TestWorkersKeepOrder(t *testing.T) {
	var in strings.Builder
	for i := 0; i < 60; i++ {
		in.WriteString(`{"id":"a` + itoa(i) + `","text":"Ngày ` + itoa(i%28+1) + `/6, lữ đoàn 954 bắn đạn thật. Đại úy Lò Văn Sinh chỉ huy."}` + "\n")
	}
	one, _, _ := runCLI(t, in.String(), "analyze", "--workers", "1")
	four, _, _ := runCLI(t, in.String(), "analyze", "--workers", "4")
	if one != four {
		t.Error("output depends on the number of workers")
	}
	recs := decodeRecords(t, four)
	for i, r := range recs {
		if r.ID != "a"+itoa(i) {
			t.Fatalf("record %d has id %s", i, r.ID)
		}
	}
}

func TestPublishedFlagAnchorsDates(t *testing.T) {
	out, _, _ := runCLI(t, "Ngày 23-4, đơn vị tổ chức hội nghị.", "entities", "--published", "2020-04-24")
	r := decodeRecords(t, out)[0]
	if len(r.Entities) == 0 || r.Entities[0].Value != "2020-04-23" || r.Published != "2020-04-24" {
		t.Errorf("entities %+v published %q", r.Entities, r.Published)
	}
}

// TestSeedArticle checks the seed article in the shared development data,
// when it is present (VNEWS_SEED names it; .ci/run sets it). No text of the
// shared data may live in the project, so the expected header, entities,
// first profile and lead sentence are pinned by SHA-256 digests of what
// they must be; a failure prints what was found.
func TestSeedArticle(t *testing.T) {
	seed := os.Getenv("VNEWS_SEED")
	if seed == "" {
		t.Skip("VNEWS_SEED not set")
	}
	out, _, code := runCLI(t, "", "analyze", seed)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	r := decodeRecords(t, out)[0]
	digest := func(parts ...string) string {
		return fmt.Sprintf("%x", sha256.Sum256([]byte(strings.Join(parts, "\n"))))
	}
	if got := digest(r.Category, r.Title, r.Published, r.Author, r.Dateline); got != "6236e943f9e675f991fe729609e28292504de23ca4692c4517c6163f6a4aa459" {
		t.Errorf("header: %q %q %q %q %q", r.Category, r.Title, r.Published, r.Author, r.Dateline)
	}
	var got []string
	for _, e := range r.Entities {
		switch e.Type {
		case "RANK", "PERSON", "UNIT", "DATE":
			got = append(got, e.Type+" "+e.Text+" "+e.Value+e.English)
		}
	}
	if digest(got...) != "ec045b875a5d7e125115c8da843621a26447360fce38ca43539f6e2eea0a4254" {
		t.Errorf("entities:\n%s", strings.Join(got, "\n"))
	}
	if len(r.People) != 2 || r.People[1].Role != "author" ||
		digest(r.People[0].Ref, r.People[0].Name, r.People[0].Rank, r.People[0].Position, r.People[0].Unit, itoa(r.People[0].Mentions)) != "608fb0d006b2058a6ad850bca20b2bfb4c49982c8e8e06b7ab8006cc60fcac3a" {
		t.Errorf("people %+v", r.People)
	}
	var roles []string
	for _, s := range r.Sentences {
		roles = append(roles, s.Role)
	}
	if strings.Join(roles, " ") != "meta title meta meta lead lead caption body body body body body body byline boilerplate" {
		t.Errorf("sentence roles %q", roles)
	}
	// The summary opens with the first lead sentence and takes no caption,
	// meta line, byline or boilerplate.
	text := []rune(r.Text)
	if len(r.Summary.Sentences) == 0 || r.Summary.Sentences[0] != 4 ||
		digest(string(text[r.Sentences[4].Start:r.Sentences[4].End])) != "b131be6b134b93a5254c5698e6f203b87e32faf2be46a073a0a6aa3d348d215a" {
		t.Errorf("summary %v %q", r.Summary.Sentences, r.Summary.Text)
	}
	for _, i := range r.Summary.Sentences {
		if role := r.Sentences[i].Role; role != "lead" && role != "body" {
			t.Errorf("summary takes sentence %d (%s): %q", i, role, r.Summary.Text)
		}
	}
}

func TestLexiconDirAddsEntries(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "units.tsv"), []byte("Vệ binh Ngô Quyền\tcommand\tname\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	text := "Đại tá Lê Văn Minh, Chỉ huy trưởng Vệ binh Ngô Quyền phát biểu.\n"
	find := func(args ...string) bool {
		out, stderr, code := runCLI(t, text, args...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		return strings.Contains(out, `"text":"Vệ binh Ngô Quyền"`)
	}
	// The rules alone: the learned tagger finds this name from its context
	// anyway, and the lexicon extends the rules (the tagger's hints).
	if find("entities", "--rules", "-") {
		t.Errorf("the unit is found without the added lexicon")
	}
	if !find("entities", "--rules", "--lexicon", dir, "-") {
		t.Errorf("the unit added with --lexicon is not found")
	}
	if !find("entities", "--lexicon", dir, "-") {
		t.Errorf("the unit added with --lexicon is not found by the default extractor")
	}
	if err := os.WriteFile(filepath.Join(dir, "ranks.tsv"), []byte("Đại tá\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := runCLI(t, text, "entities", "--lexicon", dir, "-"); code != 3 || !strings.Contains(stderr, "ranks.tsv") {
		t.Errorf("a bad lexicon file: exit %d, stderr %q", code, stderr)
	}
}

func TestHTMLInputs(t *testing.T) {
	page := filepath.Join("../../testdata/html", "trung-doan-huan-luyen.html")
	raw, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	check := func(name, out string) {
		t.Helper()
		recs := decodeRecords(t, out)
		if len(recs) != 1 || recs[0].Title != "Trung đoàn 48 huấn luyện đêm" || strings.Contains(recs[0].Text, "Trang chủ") {
			t.Errorf("%s: records %+v", name, recs)
		}
	}
	out, _, code := runCLI(t, "", "analyze", page)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	check("file", out)
	out, _, _ = runCLI(t, string(raw), "analyze", "-")
	check("stdin", out)
	// A directory walk picks up .html next to .txt; a quoted pattern is
	// expanded in order.
	dir := t.TempDir()
	for name, data := range map[string][]byte{"a.html": raw, "b.txt": []byte("Sư đoàn 308 diễn tập.\n"), "c.csv": []byte("x,y\n")} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, _, _ = runCLI(t, "", "entities", dir)
	if recs := decodeRecords(t, out); len(recs) != 2 || recs[0].ID != "a" || recs[1].ID != "b" {
		t.Errorf("directory walk: %d records", len(recs))
	}
	out, _, code = runCLI(t, "", "entities", filepath.Join(dir, "*.html"))
	if recs := decodeRecords(t, out); code != 0 || len(recs) != 1 || recs[0].ID != "a" {
		t.Errorf("pattern: exit %d, %d records", code, len(recs))
	}
	if _, _, code := runCLI(t, "", "entities", filepath.Join(dir, "*.xml")); code != 3 {
		t.Errorf("a pattern without matches: exit %d, want 3", code)
	}
}

func TestProgressLine(t *testing.T) {
	f := filepath.Join(articlesDir, "hoc-vien-khai-giang.txt")
	empty := filepath.Join(t.TempDir(), "empty.txt")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := runCLI(t, "", "analyze", "--progress", f, f, empty)
	if code != 1 || !strings.Contains(stderr, "vnews: 3 articles") || !strings.Contains(stderr, "1 errors") ||
		!strings.Contains(stderr, "MB/s") || !strings.HasSuffix(stderr, "\n") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	// Not a terminal, no --progress: no progress line.
	if _, stderr, _ := runCLI(t, "", "analyze", f); stderr != "" {
		t.Errorf("progress without a terminal: %q", stderr)
	}
	// --quiet wins.
	if _, stderr, _ := runCLI(t, "", "analyze", "--quiet", "--progress", f, empty); stderr != "" {
		t.Errorf("--quiet still wrote %q", stderr)
	}
}

// signalWriter reports the first write of a record.
type signalWriter struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	wrote chan struct{}
	once  sync.Once
}

func (w *signalWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.once.Do(func() { close(w.wrote) })
	return w.buf.Write(p)
}

// TestInterruptWritesFinishedRecords stands for Ctrl-C: the run's context
// is canceled while standard input is still open; vnews stops at once,
// exits 130, and what it wrote is whole records.
func TestInterruptWritesFinishedRecords(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	ctx, cancel := context.WithCancel(context.Background())
	out := &signalWriter{wrote: make(chan struct{})}
	var errb bytes.Buffer
	done := make(chan int)
	go func() {
		// The output buffer is flushed per 64 KiB or at the end: lines
		// keep coming until the writer has something.
		done <- run(ctx, []string{"vnews", "entities", "--input", "jsonl", "--workers", "2", "-"}, pr, out, &errb)
	}()
	line := `{"id": "x", "text": "Đại tá Lê Văn Hùng, Chính ủy Lữ đoàn 125 dự lễ."}` + "\n"
	go func() {
		for {
			select {
			case <-out.wrote:
				cancel()
				return
			default:
			}
			if _, err := io.WriteString(pw, line); err != nil {
				return
			}
		}
	}()
	select {
	case code := <-done:
		if code != exitSignal {
			t.Errorf("exit %d, want %d (stderr %q)", code, exitSignal, errb.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("vnews did not stop after the interrupt")
	}
	out.mu.Lock()
	defer out.mu.Unlock()
	recs := decodeRecords(t, out.buf.String())
	if len(recs) == 0 {
		t.Fatal("no records written")
	}
	for _, r := range recs {
		if r.ID != "x" || r.Error != nil {
			t.Errorf("record %+v", r)
		}
	}
}

// Streamed plain text (lines read in place, or pieced together past the
// read buffer) is segmented as the same text given whole in JSON Lines.
func TestTokenizeStreamedLines(t *testing.T) {
	words := strings.Fields("Bộ đội Biên phòng tỉnh giúp dân gặt lúa ở xã Hải Lộc , “ kịp thời ” trước mùa mưa bão .")
	var long strings.Builder
	for i := 0; long.Len() < 300*1024; i++ {
		long.WriteString(words[i%len(words)] + " ")
	}
	for _, tc := range []struct{ name, text string }{
		{"short lines", "Sư đoàn 308 diễn tập.\n\nĐại tá Nguyễn Văn An dự.\r\nKết thúc"},
		{"line longer than the buffer", "Mở đầu\n" + long.String() + "\r\nCuối cùng"},
		{"long last line", long.String()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			streamed, _, code := runCLI(t, tc.text, "tokenize", "--input", "text")
			if code != 0 {
				t.Fatalf("exit %d", code)
			}
			q, _ := jsonString(tc.text)
			whole, _, code := runCLI(t, `{"id":"a","text":`+q+"}\n", "tokenize")
			if code != 0 {
				t.Fatalf("exit %d", code)
			}
			whole = strings.TrimPrefix(whole, "# newdoc id = a\n")
			if streamed != whole {
				t.Errorf("streamed text segmented differently (%d and %d bytes)", len(streamed), len(whole))
			}
		})
	}
}
