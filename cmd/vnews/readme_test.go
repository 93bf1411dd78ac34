package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// readmeExamples returns the command lines of README.md's code blocks
// (indented four spaces) that run vnews: lines that start with "vnews ",
// "$ " (a transcript, whose expected output follows) or "gzip ", and the
// quick start's "go run ./cmd/vnews", which runs as vnews. want is the
// transcript's output, if any.
type readmeExample struct {
	line, want string
}

func readmeExamples(t *testing.T) []readmeExample {
	t.Helper()
	f, err := os.Open("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var ex []readmeExample
	sc := bufio.NewScanner(f)
	transcript := false
	for sc.Scan() {
		l := sc.Text()
		code, ok := strings.CutPrefix(l, "    ")
		if !ok || strings.HasPrefix(code, " ") {
			transcript = false
			continue
		}
		switch {
		case strings.HasPrefix(code, "$ "):
			ex = append(ex, readmeExample{line: strings.TrimPrefix(code, "$ ")})
			transcript = true
		case transcript:
			ex[len(ex)-1].want += code + "\n"
		case strings.HasPrefix(code, "go run ./cmd/vnews "):
			ex = append(ex, readmeExample{line: "vnews " + strings.TrimPrefix(code, "go run ./cmd/vnews ")})
		case strings.Contains(code, "[flags]"), strings.Contains(code, "bash|zsh|fish"):
			// the synopsis, not an example
		case strings.HasPrefix(code, "vnews "), strings.HasPrefix(code, "gzip "):
			ex = append(ex, readmeExample{line: code})
		}
	}
	return ex
}

// TestReadmeExamples runs every example of README.md with the test binary
// standing in for vnews, in a directory with the files the examples name
// (articles/, corpus/, article.txt, feed.jsonl, the test articles' paths).
// An example passes when it exits 0 under pipefail and writes something
// (or the transcript's output).
func TestReadmeExamples(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	examples := readmeExamples(t)
	if len(examples) < 10 {
		t.Fatalf("only %d examples found in README.md: has the extractor broken?", len(examples))
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	os.Mkdir(bin, 0o755)
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	wrapper := "#!/bin/sh\nVNEWS_AS_MAIN=1 exec '" + self + "' \"$@\"\n"
	if err := os.WriteFile(filepath.Join(bin, "vnews"), []byte(wrapper), 0o755); err != nil {
		t.Fatal(err)
	}
	work := filepath.Join(dir, "work")
	articles, _ := filepath.Glob(filepath.Join(articlesDir, "*.txt"))
	files := map[string][]byte{}
	for _, a := range articles {
		data, err := os.ReadFile(a)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(a)
		files["articles/"+name] = data
		files["corpus/"+name] = data
		files["testdata/articles/"+name] = data
	}
	files["corpus/empty.txt"] = nil
	files["article.txt"], _ = os.ReadFile(sampleArticle)
	files["feed.jsonl"], _ = os.ReadFile(filepath.Join(articlesDir, "batch.jsonl"))
	writeFiles(t, work, files)
	_, jqErr := exec.LookPath("jq")
	for _, ex := range examples {
		t.Run(ex.line, func(t *testing.T) {
			if strings.Contains(ex.line, "| jq") && jqErr != nil {
				t.Skip("jq is not installed")
			}
			cmd := exec.Command("bash", "-o", "pipefail", "-c", ex.line)
			cmd.Dir = work
			cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
			out, err := cmd.Output()
			if err != nil {
				// corpus/ holds an empty article: status 1 is the example's point.
				if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 || !strings.Contains(ex.line, "corpus/") {
					t.Fatalf("%v: %s", err, out)
				}
			}
			switch {
			case ex.want != "" && string(out) != ex.want:
				t.Errorf("output %q, want %q", out, ex.want)
			case len(out) == 0 && !strings.Contains(ex.line, ">"):
				t.Errorf("no output")
			}
			if i := strings.LastIndex(ex.line, "> "); i > 0 && !strings.Contains(ex.line[i:], "&&") {
				data, err := os.ReadFile(filepath.Join(work, strings.TrimSpace(ex.line[i+2:])))
				if err != nil || len(data) == 0 {
					t.Errorf("the example wrote no file: %v", err)
				}
				if strings.HasSuffix(ex.line, ".json") {
					decodeArray(t, string(data))
				}
			}
		})
	}
	// The shapes the jq examples rely on, checked in Go: .entities and
	// .people are lists on every record that is not an error, people have
	// ranks, and error records have source and error.
	out, _, _ := runCLI(t, "", "entities", "--workers", "1", filepath.Join(work, "corpus"))
	colonels := 0
	for _, r := range decodeRecords(t, out) {
		switch {
		case r.Error != nil:
			if r.Source == "" || r.Error.Code == "" {
				t.Errorf("error record without source or code: %+v", r)
			}
		case r.Entities == nil || r.People == nil:
			t.Errorf("%s: entities or people missing", r.ID)
		}
		for _, p := range r.People {
			if p.Rank == "Đại tá" {
				colonels++
			}
		}
	}
	if colonels == 0 {
		t.Errorf("no colonel in the examples' articles")
	}
}
