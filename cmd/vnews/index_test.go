package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vnews/vnews/index"
)

// writeIndexCorpus writes n short articles of JSON Lines, one of them bad.
func writeIndexCorpus(t *testing.T, n int) string {
	t.Helper()
	var b strings.Builder
	units := []string{"Sư đoàn 308", "Lữ đoàn 147", "Trung đoàn 88"}
	for i := range n {
		if i == 7 {
			b.WriteString("{\"id\": \"hong\", \"text\": 12}\n")
			continue
		}
		text := fmt.Sprintf("Đơn vị tổ chức hội thao lần thứ %d.\n\nĐại tá Hoàng Minh Đức, Chỉ huy trưởng %s, kiểm tra công tác huấn luyện. Buổi tập diễn ra an toàn, hoà hợp.", i+1, units[i%3])
		line, _ := json.Marshal(map[string]string{"id": fmt.Sprintf("b%04d", i), "published": fmt.Sprintf("2023-%02d-%02d", i%12+1, i%28+1), "text": text})
		b.Write(line)
		b.WriteByte('\n')
	}
	p := filepath.Join(t.TempDir(), "corpus.jsonl")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func dumpIndex(t *testing.T, path string) string {
	t.Helper()
	db, err := index.Open(context.Background(), path, index.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var b strings.Builder
	if err := db.Dump(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestIndexIdempotentAndErrorRows(t *testing.T) {
	corpus := writeIndexCorpus(t, 20)
	db := filepath.Join(t.TempDir(), "c.db")
	_, errOut, code := runCLI(t, "", "index", "--db", db, "--workers", "2", corpus)
	if code != exitArticles || !strings.Contains(errOut, "19 added, 0 replaced, 0 unchanged, 0 error records") && !strings.Contains(errOut, "20 added") {
		t.Fatalf("first run: exit %d, %s", code, errOut)
	}
	first := dumpIndex(t, db)
	if !strings.Contains(first, "hong") {
		t.Errorf("the bad article is not kept as an error row")
	}
	_, errOut, _ = runCLI(t, "", "index", "--db", db, corpus)
	if !strings.Contains(errOut, "0 added, 0 replaced, 20 unchanged") {
		t.Errorf("re-run: %s", errOut)
	}
	if second := dumpIndex(t, db); second != first {
		t.Errorf("a re-run changed the database")
	}
	out, _, code := runCLI(t, "", "search", "--db", db, "-f", "tsv", "--entity", "Hoàng Minh Đức", "hoa hop", "--limit", "3")
	if code != 0 || strings.Count(out, "\n") != 4 || !strings.Contains(out, "hoà hợp") {
		t.Errorf("search: exit %d\n%s", code, out)
	}
	out, _, code = runCLI(t, "", "roster", "--db", db, "--person", "hoang minh duc", "-f", "tsv")
	if code != 0 {
		t.Errorf("roster: exit %d\n%s", code, out)
	}
}

// TestIndexKilled kills `vnews index` (SIGKILL) after its first committed
// batches (of 256 articles: --batch); a re-run must give the same database
// as an uninterrupted run.
func TestIndexKilled(t *testing.T) {
	corpus := writeIndexCorpus(t, 1200)
	dir := t.TempDir()
	whole, killed := filepath.Join(dir, "whole.db"), filepath.Join(dir, "killed.db")

	cmd := exec.Command(os.Args[0], "index", "--db", killed, "--workers", "2", "--batch", "256", "-q", corpus)
	cmd.Env = append(os.Environ(), "VNEWS_AS_MAIN=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	wasKilled := false
	deadline := time.After(60 * time.Second)
poll:
	for {
		select {
		case <-done:
			break poll
		case <-deadline:
			cmd.Process.Kill()
			t.Fatal("no batch committed in 60 s")
		case <-time.After(20 * time.Millisecond):
		}
		if n := indexed(killed); n >= 256 {
			cmd.Process.Kill() // SIGKILL: no cleanup runs
			<-done
			wasKilled = n < 1200
			break
		}
	}
	if !wasKilled {
		t.Log("the run ended before the kill: nothing was interrupted")
	}
	runCLI(t, "", "index", "--db", killed, "--workers", "2", "-q", corpus)
	runCLI(t, "", "index", "--db", whole, "--workers", "2", "-q", corpus)
	if a, b := dumpIndex(t, whole), dumpIndex(t, killed); a != b {
		t.Errorf("killed and re-run database differs from an uninterrupted run (%d vs %d bytes of dump)", len(b), len(a))
	}
}

// indexed is how many articles the index at path holds (0 while it
// cannot be read).
func indexed(path string) int {
	if _, err := os.Stat(path); err != nil {
		return 0
	}
	db, err := index.Open(context.Background(), path, index.Options{ReadOnly: true})
	if err != nil {
		return 0
	}
	defer db.Close()
	h, err := db.Hashes(context.Background())
	if err != nil {
		return 0
	}
	return len(h)
}

// failWriter fails every write with err.
type failWriter struct{ err error }

func (w failWriter) Write([]byte) (int, error) { return 0, w.err }

// TestQueryOutputErrors: search and roster whose reader went away end
// quietly with status 0; another write error is a failure (3), never a
// usage error.
func TestQueryOutputErrors(t *testing.T) {
	corpus := writeIndexCorpus(t, 30)
	db := filepath.Join(t.TempDir(), "c.db")
	runCLI(t, "", "index", "-q", "--db", db, corpus)
	for _, args := range [][]string{
		{"search", "--db", db, "huấn luyện"},
		{"roster", "--db", db, "-f", "jsonl"},
		{"roster", "--db", db, "--unit", "Sư đoàn 308"},
	} {
		t.Run(strings.Join(args[2:], " "), func(t *testing.T) {
			var errb bytes.Buffer
			if code := run(context.Background(), append([]string{"vnews"}, args...), strings.NewReader(""), failWriter{syscall.EPIPE}, &errb); code != 0 || errb.Len() != 0 {
				t.Errorf("closed pipe: exit %d, stderr %q", code, errb.String())
			}
			errb.Reset()
			code := run(context.Background(), append([]string{"vnews"}, args...), strings.NewReader(""), failWriter{syscall.ENOSPC}, &errb)
			if code != exitFailed || !strings.Contains(errb.String(), "writing output") || strings.Contains(errb.String(), "--help") {
				t.Errorf("full disk: exit %d, stderr %q", code, errb.String())
			}
		})
	}
}
