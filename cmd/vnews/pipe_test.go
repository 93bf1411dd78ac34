package main

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestMain lets the test binary stand in for vnews: with VNEWS_AS_MAIN set
// it runs main() on its own arguments.
func TestMain(m *testing.M) {
	if os.Getenv("VNEWS_AS_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// epipeWriter fails like a pipe whose reader went away, after n writes.
type epipeWriter struct{ n int }

func (w *epipeWriter) Write(p []byte) (int, error) {
	if w.n <= 0 {
		return 0, syscall.EPIPE
	}
	w.n--
	return len(p), nil
}

func TestClosedOutputEndsQuietly(t *testing.T) {
	f := filepath.Join(articlesDir, "su-doan-308-dien-tap.txt")
	var errb bytes.Buffer
	args := []string{"vnews", "analyze", "--workers", "2"}
	for range 50 {
		args = append(args, f)
	}
	code := run(context.Background(), args, strings.NewReader(""), &epipeWriter{n: 1}, &errb)
	if code != 0 || errb.Len() != 0 {
		t.Errorf("exit %d, stderr %q", code, errb.String())
	}
}

// TestPipeToHead runs vnews as a process whose output goes to a reader that
// stops after one line, as `vnews analyze ... | head -1` does.
func TestPipeToHead(t *testing.T) {
	f := filepath.Join(articlesDir, "su-doan-308-dien-tap.txt")
	args := []string{"vnews", "analyze"}
	for range 2000 {
		args = append(args, f)
	}
	cmd := exec.Command(os.Args[0], args[1:]...)
	cmd.Env = append(os.Environ(), "VNEWS_AS_MAIN=1")
	var errb bytes.Buffer
	cmd.Stderr = &errb
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, `{"schema":"vnews/1"`) {
		t.Fatalf("first line %q, %v", line, err)
	}
	out.Close() // the reader goes away
	err = cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != 0 {
		t.Errorf("exit %d (%v), stderr %q", code, err, errb.String())
	}
	if errb.Len() != 0 {
		t.Errorf("stderr %q", errb.String())
	}
}
