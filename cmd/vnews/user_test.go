package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vnews/vnews/extract/record"
)

// The tests in this file use vnews as a new user would (issue 12): flags
// anywhere, help and errors, input kinds, output formats.

const sampleArticle = articlesDir + "/su-doan-308-dien-tap.txt"

func writeFiles(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func gzipped(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestFlagsAnywhere(t *testing.T) {
	want, _, code := runCLI(t, "", "entities", "-f", "tsv", sampleArticle)
	if code != 0 || !strings.HasPrefix(want, "id\ttype") {
		t.Fatalf("exit %d: %q", code, want)
	}
	wantSum, _, _ := runCLI(t, "", "summarize", "-q", "-f", "text", "-n", "2", sampleArticle)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"flag after path", []string{"entities", sampleArticle, "-f", "tsv"}, want},
		{"long flag after path", []string{"entities", sampleArticle, "--format", "tsv"}, want},
		{"flag=value after path", []string{"entities", sampleArticle, "--format=tsv"}, want},
		{"between paths", []string{"entities", sampleArticle, "-f", "tsv", "--workers", "1"}, want},
		{"glued value", []string{"entities", sampleArticle, "-ftsv"}, want},
		{"combined short flags", []string{"summarize", sampleArticle, "-qf", "text", "-n2"}, wantSum},
		{"combined, then path", []string{"summarize", "-qf", "text", "-n", "2", sampleArticle}, wantSum},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, stderr, code := runCLI(t, "", tt.args...)
			if code != 0 || out != tt.want {
				t.Errorf("exit %d, stderr %q, output differs:\n%s", code, stderr, firstDiff(out, tt.want))
			}
		})
	}
	t.Run("-- ends the flags", func(t *testing.T) {
		dir := t.TempDir()
		writeFiles(t, dir, map[string][]byte{"-f": []byte("Sư đoàn 308 diễn tập.\n")})
		old, _ := os.Getwd()
		if err := os.Chdir(dir); err != nil {
			t.Fatal(err)
		}
		defer os.Chdir(old)
		out, stderr, code := runCLI(t, "", "entities", "-f", "tsv", "--", "-f")
		if code != 0 || !strings.Contains(out, "-f\tUNIT\t0\t11\tSư đoàn 308") {
			t.Errorf("exit %d, stderr %q, out %q", code, stderr, out)
		}
	})
}

func TestNormalizeArgs(t *testing.T) {
	app := newApp(streams{})
	tests := []struct {
		in, want string
	}{
		{"vnews entities a.txt -f tsv", "vnews entities -f tsv -- a.txt"},
		{"vnews summarize a.txt -qf text -n2 b.txt", "vnews summarize -q -f text -n 2 -- a.txt b.txt"},
		{"vnews analyze -- -x.txt --help", "vnews analyze -- -x.txt --help"},
		{"vnews analyze - --workers 2", "vnews analyze --workers 2 -- -"},
		{"vnews analyze a --frob", "vnews analyze --frob -- a"},
		{"vnews --help", "vnews --help"},
		{"vnews anlyze a -f json", "vnews anlyze a -f json"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := strings.Join(normalizeArgs(app.Commands, strings.Fields(tt.in)), " ")
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestEmptyListsAreArrays(t *testing.T) {
	in := `{"id":"a","text":"Mọi người đi chơi vui vẻ."}` + "\n"
	for _, cmd := range []string{"analyze", "entities"} {
		t.Run(cmd, func(t *testing.T) {
			out, _, code := runCLI(t, in, cmd)
			if code != 0 || !strings.Contains(out, `"entities":[]`) || !strings.Contains(out, `"people":[]`) {
				t.Errorf("exit %d: %s", code, out)
			}
		})
	}
	// An error record has no lists at all.
	out, _, _ := runCLI(t, `{"id":"b","text":""}`+"\n", "entities")
	if strings.Contains(out, `"entities"`) {
		t.Errorf("error record with lists: %s", out)
	}
}

func TestVersion(t *testing.T) {
	tests := []struct {
		name string
		bi   *debug.BuildInfo
		want string
	}{
		{"clean checkout", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123abcd"}, {Key: "vcs.modified", Value: "false"}}},
			"(devel), commit 0123abcd, go1.26.0"},
		{"modified tree", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v0.0.0-20250101-0123abcd+dirty"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123abcd"}, {Key: "vcs.modified", Value: "true"}}},
			"v0.0.0-20250101-0123abcd+dirty, commit 0123abcd with uncommitted changes, go1.26.0"},
		{"no vcs", &debug.BuildInfo{GoVersion: "go1.26.0"}, "(devel), commit unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := version(tt.bi, true); !strings.HasPrefix(got, tt.want) {
				t.Errorf("version = %q, want %q...", got, tt.want)
			}
		})
	}
	out, _, code := runCLI(t, "", "--version")
	if code != 0 || !strings.HasPrefix(out, "vnews version ") || !strings.Contains(out, "commit ") {
		t.Errorf("--version: exit %d, %q", code, out)
	}
}

func TestInputFieldsKept(t *testing.T) {
	in := `{"id":"a","text":"Sư đoàn 308 diễn tập.","source":"Báo QĐND","stats":{"views":12},"tags":["quân sự"],"input":"rss"}` + "\n"
	out, _, code := runCLI(t, in, "entities")
	var rec map[string]any
	if err := json.Unmarshal([]byte(out), &rec); err != nil || code != 0 {
		t.Fatalf("exit %d, %v: %s", code, err, out)
	}
	want := map[string]any{"source": "Báo QĐND", "stats": map[string]any{"views": 12.0}, "input": "rss"}
	if !reflect.DeepEqual(rec["input"], want) || rec["source"] != "-:1" || !reflect.DeepEqual(rec["tags"], []any{"quân sự"}) {
		t.Errorf("input %v, source %v, tags %v", rec["input"], rec["source"], rec["tags"])
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string // in standard error
	}{
		{"misspelt flag", []string{"analyze", "--worker", "2", sampleArticle}, "unknown flag --worker; did you mean --workers?"},
		{"misspelt flag after path", []string{"analyze", sampleArticle, "--fromat", "json"}, "did you mean --format?"},
		{"misspelt command", []string{"anlyze", sampleArticle}, `unknown command "anlyze"; did you mean analyze?`},
		{"help for a misspelt command", []string{"help", "tokenise"}, "did you mean tokenize?"},
		{"no command", nil, "no command given"},
		{"bad format", []string{"summarize", "-f", "tsv", sampleArticle}, `--format "tsv" is not one of jsonl, json or text`},
		{"flag without value", []string{"analyze", sampleArticle, "--workers"}, "flag --workers needs a value"},
		{"bad shell", []string{"completion", "bsh"}, "did you mean bash?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, stderr, code := runCLI(t, "", tt.args...)
			if code != exitUsage || out != "" {
				t.Errorf("exit %d, stdout %q", code, out)
			}
			lines := strings.Split(strings.TrimSpace(stderr), "\n")
			if !strings.Contains(stderr, tt.want) || len(lines) != 2 || !strings.HasPrefix(lines[1], "Run 'vnews ") {
				t.Errorf("stderr %q, want %q and a hint line", stderr, tt.want)
			}
		})
	}
	// Errors name no Go package.
	_, stderr, code := runCLI(t, "", "analyze", "no/such/file.txt")
	if code != exitFailed || stderr != "vnews: no/such/file.txt: no such file or directory\n" {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestHelpShowsExamplesAndExitCodes(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"help"}, {"analyze", "--help"}, {"entities", "-h"}, {"people", "--help"},
		{"summarize", "--help"}, {"sentences", "--help"}, {"tokenize", "--help"}, {"completion", "--help"}, {"help", "analyze"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			out, stderr, code := runCLI(t, "", args...)
			if code != 0 || stderr != "" {
				t.Errorf("exit %d, stderr %q", code, stderr)
			}
			for _, want := range []string{"EXAMPLES:", "EXIT STATUS:", "   2    bad usage", "vnews "} {
				if !strings.Contains(out, want) {
					t.Errorf("help lacks %q:\n%s", want, out)
				}
			}
		})
	}
	out, _, _ := runCLI(t, "", "summarize", "--help")
	if !strings.Contains(out, "syllables (chữ") {
		t.Errorf("--max-words help does not say it counts syllables:\n%s", out)
	}
}

func TestCompletion(t *testing.T) {
	for _, sh := range []string{"bash", "zsh", "fish"} {
		t.Run(sh, func(t *testing.T) {
			out, stderr, code := runCLI(t, "", "completion", sh)
			if code != 0 || stderr != "" || !strings.Contains(out, "analyze") || !strings.Contains(out, "max-words") {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			if _, err := exec.LookPath(sh); err != nil {
				t.Skipf("%s is not installed: only generated", sh)
			}
			script := filepath.Join(t.TempDir(), "vnews."+sh)
			os.WriteFile(script, []byte(out), 0o644)
			if msg, err := exec.Command(sh, "-n", script).CombinedOutput(); err != nil {
				t.Errorf("%s -n: %v\n%s", sh, err, msg)
			}
		})
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	script, _, _ := runCLI(t, "", "completion", "bash")
	tests := []struct{ line, want string }{
		{"vnews ana", "analyze"},
		{"vnews analyze --wor", "--workers --words"},
		{"vnews entities -f ", "jsonl json text tsv"},
		{"vnews summarize --max", "--max-bytes --max-words"},
		{"vnews completion ", "bash zsh fish"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			words := strings.Fields(tt.line)
			if strings.HasSuffix(tt.line, " ") {
				words = append(words, "")
			}
			q := make([]string, len(words))
			for i, w := range words {
				q[i] = "'" + w + "'"
			}
			prog := script + "\nCOMP_WORDS=(" + strings.Join(q, " ") + "); COMP_CWORD=" + itoa(len(words)-1) + "; _vnews; echo \"${COMPREPLY[*]}\""
			out, err := exec.Command("bash", "-c", prog).Output()
			if got := strings.TrimSpace(string(out)); err != nil || got != tt.want {
				t.Errorf("completions %q, want %q (%v)", got, tt.want, err)
			}
		})
	}
}

func TestTextOutputLabelsArticles(t *testing.T) {
	in := `{"id":"tot","title":"Tin tốt","text":"Tin tốt\n\nSáng nay, Sư đoàn 308 tổ chức diễn tập bắn đạn thật tại thao trường.\n\nCác chiến sĩ hoàn thành tốt nhiệm vụ."}
{"id":"rong","text":""}
{"id":"ngan","text":"Chào."}
`
	out, _, code := runCLI(t, in, "summarize", "-f", "text")
	want := "== tot: Tin tốt\nSáng nay, Sư đoàn 308 tổ chức diễn tập bắn đạn thật tại thao trường.\nCác chiến sĩ hoàn thành tốt nhiệm vụ.\n\n" +
		"== rong (-:2)\n(error empty: the article has no text)\n\n" +
		"== ngan (-:3)\n(no summary: no sentence can be a summary: no lead or body sentence of four words or more)\n"
	if code != 1 || out != want {
		t.Errorf("exit %d:\n%s", code, firstDiff(out, want))
	}
	// Scores with --explain and text.
	out, _, _ = runCLI(t, in, "summarize", "-f", "text", "--explain")
	if !strings.Contains(out, "Scores:   sentence  score") || !strings.Contains(out, "yes\n") {
		t.Errorf("--explain -f text shows no scores:\n%s", out)
	}
	// Sentences of several articles are labeled; one article's are not.
	out, _, _ = runCLI(t, in, "sentences")
	if !strings.HasPrefix(out, "# newdoc id = tot\nTin tốt\n") {
		t.Errorf("sentences:\n%s", out)
	}
	out, _, _ = runCLI(t, "", "sentences", articlesDir+"/hoc-vien-khai-giang.txt")
	if strings.Contains(out, "# newdoc") {
		t.Errorf("one article labeled:\n%s", out)
	}
}

func TestInputKinds(t *testing.T) {
	dir := t.TempDir()
	text := "Sư đoàn 308 diễn tập.\n"
	writeFiles(t, dir, map[string][]byte{
		"a.txt.gz":        gzipped(t, text),
		"b.ndjson":        []byte(`{"id":"b1","text":"Lữ đoàn 954 bắn đạn thật."}` + "\n"),
		"c.json":          []byte(`[{"id":"c1","text":"Quân khu 7 huấn luyện."}, {"id":"c2","text":"Quân đoàn 1 diễn tập."}]`),
		"d.jsonl.gz":      gzipped(t, `{"id":"d1","text":"Sư đoàn 312 huấn luyện."}`+"\n"),
		"e.pdf":           []byte("%PDF"),
		"f.pdf":           []byte("%PDF"),
		"g.docx":          []byte("PK"),
		"README":          []byte("x"),
		".hidden.txt":     []byte(text),
		".git/config.txt": []byte(text),
	})
	out, stderr, code := runCLI(t, "", "entities", dir)
	recs := decodeRecords(t, out)
	if got := strings.Join(idsAndErrors(recs), " "); code != 0 || got != "a b1 c1 c2 d1" {
		t.Errorf("exit %d, records %q, stderr %q", code, got, stderr)
	}
	if strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "skipped 1 file without extension, 1 .docx file, 2 .pdf files") {
		t.Errorf("stderr %q", stderr)
	}
	if recs[0].Source != filepath.Join(dir, "a.txt.gz") || recs[2].Source != filepath.Join(dir, "c.json")+":1" {
		t.Errorf("sources %q, %q", recs[0].Source, recs[2].Source)
	}
	// Named explicitly: a .ndjson file is JSON Lines, not one article.
	out, _, _ = runCLI(t, "", "entities", filepath.Join(dir, "b.ndjson"))
	if got := idsAndErrors(decodeRecords(t, out)); len(got) != 1 || got[0] != "b1" {
		t.Errorf(".ndjson: %q", got)
	}
	// gzip on standard input, by its magic bytes; a JSON array too.
	out, _, _ = runCLI(t, string(gzipped(t, text)), "entities")
	if recs := decodeRecords(t, out); len(recs) != 1 || len(recs[0].Entities) == 0 {
		t.Errorf("gzip on stdin: %s", out)
	}
	out, _, _ = runCLI(t, `[{"id":"x","text":"Quân khu 7."}]`, "entities")
	if got := idsAndErrors(decodeRecords(t, out)); len(got) != 1 || got[0] != "x" {
		t.Errorf("array on stdin: %q", got)
	}
	// Text that merely starts with "[" is text.
	out, _, _ = runCLI(t, "[Video] Sư đoàn 308 diễn tập.", "entities")
	if recs := decodeRecords(t, out); len(recs) != 1 || recs[0].ID != "stdin" {
		t.Errorf("[Video] text: %s", out)
	}
}

func TestTokenizeReadsArticles(t *testing.T) {
	html := `<!DOCTYPE html><html><head><title>Tin</title></head><body><article><p>Bộ Tư lệnh Thủ đô Hà Nội khai mạc Hội thao.</p></article></body></html>`
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{"trang.html": []byte(html)})
	out, _, code := runCLI(t, "", "tokenize", filepath.Join(dir, "trang.html"))
	if code != 0 || strings.Contains(out, "DOCTYPE") || !strings.Contains(out, "Bộ_Tư_lệnh Thủ_đô Hà_Nội khai_mạc Hội_thao .") ||
		!strings.HasPrefix(out, "# newdoc id = trang\n") {
		t.Errorf("exit %d: %q", code, out)
	}
	in := `{"id":"a1","text":"Hà Nội ơi"}` + "\n" + `{"id":"a2","text":"Sư đoàn 308\nhuấn luyện"}` + "\n"
	out, _, _ = runCLI(t, in, "tokenize")
	if want := "# newdoc id = a1\nHà_Nội ơi\n# newdoc id = a2\nSư_đoàn 308\nhuấn_luyện\n"; out != want {
		t.Errorf("jsonl text:\n%s", firstDiff(out, want))
	}
	out, _, _ = runCLI(t, in, "tokenize", "-f", "jsonl")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var last struct {
		ID, Source string
		Line       int
	}
	if len(lines) != 3 || json.Unmarshal([]byte(lines[2]), &last) != nil || last.ID != "a2" || last.Source != "-:2" || last.Line != 2 {
		t.Errorf("jsonl: %q", out)
	}
}

func TestPeopleTable(t *testing.T) {
	out, _, code := runCLI(t, "", "people", sampleArticle)
	want := "name\trank\trank_level\tposition\tunit\tarticle_id\tarticle_date\n" +
		"Trần Văn Bình\tThiếu tướng\t14\tTư lệnh\tQuân đoàn 1\tsu-doan-308-dien-tap\t2021-03-18T14:30:00+07:00\n"
	if code != 0 || !strings.HasPrefix(out, want) {
		t.Errorf("exit %d:\n%s", code, firstDiff(out, want))
	}
	out, _, _ = runCLI(t, "", "people", "-f", "json", sampleArticle, sampleArticle)
	var rows []personRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) != 6 || rows[1].RankLevel != 13 {
		t.Errorf("people -f json: %v\n%s", err, out)
	}
	// No people: the header alone; -f json: an empty array.
	if out, _, _ := runCLI(t, "Trời đẹp.", "people"); out != "name\trank\trank_level\tposition\tunit\tarticle_id\tarticle_date\n" {
		t.Errorf("no people: %q", out)
	}
	if out, _, _ := runCLI(t, "", "analyze", "-f", "json", t.TempDir()); out != "[]\n" {
		t.Errorf("no records, -f json: %q", out)
	}
}

func TestMaxWordsCountsSyllables(t *testing.T) {
	for _, budget := range []string{"30", "45"} {
		out, _, code := runCLI(t, "", "summarize", "--max-words", budget, "-f", "text", sampleArticle)
		lines := strings.Split(strings.TrimSpace(out), "\n")[1:]
		syllables := 0
		for _, l := range lines {
			for _, f := range strings.Fields(l) {
				if strings.ContainsFunc(f, func(r rune) bool { return r > '9' || r >= '0' && r <= '9' }) {
					syllables++ // a punctuation mark alone is no syllable
				}
			}
		}
		n := 0
		json.Unmarshal([]byte(budget), &n)
		if code != 0 || len(lines) == 0 || syllables > n {
			t.Errorf("--max-words %s: %d syllables in %q", budget, syllables, lines)
		}
	}
	out, stderr, code := runCLI(t, "", "summarize", "--max-words", "5", sampleArticle)
	if code != 0 || !strings.Contains(stderr, "no sentence fits --max-words 5") || !strings.Contains(out, `"sentences":[]`) ||
		!strings.Contains(out, `no sentence fits the summary's budget of 5 syllables`) {
		t.Errorf("exit %d, stderr %q, out %s", code, stderr, out)
	}
}

func TestWordsInRecord(t *testing.T) {
	out, _, _ := runCLI(t, "", "analyze", "--words", sampleArticle)
	r := decodeRecords(t, out)[0]
	text := []rune(r.Text)
	if len(r.Words) < 100 {
		t.Fatalf("%d words", len(r.Words))
	}
	joined := 0
	for _, w := range r.Words {
		if string(text[w.Start:w.End]) != w.Text {
			t.Errorf("word %q at %d:%d selects %q", w.Text, w.Start, w.End, string(text[w.Start:w.End]))
		}
		if w.Text == "Sư đoàn" {
			joined++
		}
	}
	if joined == 0 {
		t.Errorf("no multi-syllable word")
	}
	if out, _, _ := runCLI(t, "", "analyze", sampleArticle); strings.Contains(out, `"words":[`) {
		t.Errorf("words without --words")
	}
}

func TestProgressTotalAndSingleArticle(t *testing.T) {
	dir := t.TempDir()
	data, _ := os.ReadFile(sampleArticle)
	writeFiles(t, dir, map[string][]byte{"a.txt": data, "b.txt": data, "c.txt": data})
	_, stderr, _ := runCLI(t, "", "analyze", "--progress", dir)
	size := float64(3*len(data)) / 1e6
	if !strings.Contains(stderr, "vnews: 3 articles, ") || !strings.Contains(stderr, "of "+strings.TrimRight(strings.TrimRight(jsonFloat(size), "0"), ".")) ||
		!strings.Contains(stderr, "(100%)") || !strings.Contains(stderr, "ETA ") {
		t.Errorf("stderr %q (total %.1f MB)", stderr, size)
	}
	if _, stderr, _ := runCLI(t, "", "analyze", "--progress", sampleArticle); stderr != "" {
		t.Errorf("a single article shows progress: %q", stderr)
	}
}

func jsonFloat(f float64) string {
	b, _ := json.Marshal(float64(int(f*10+0.5)) / 10)
	s := string(b)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

func TestJSONIsOneDocument(t *testing.T) {
	out, _, code := runCLI(t, "", "analyze", "-f", "json", sampleArticle, articlesDir+"/batch.jsonl")
	if recs := decodeArray(t, out); code != 0 || len(recs) != 4 || !utf8.ValidString(out) {
		t.Errorf("exit %d, %d records", code, len(recs))
	}
	var recs []record.Record
	out, _, _ = runCLI(t, "", "sentences", "-f", "json", sampleArticle)
	if err := json.Unmarshal([]byte(out), &recs); err != nil || len(recs) != 1 {
		t.Errorf("sentences -f json: %v", err)
	}
}
