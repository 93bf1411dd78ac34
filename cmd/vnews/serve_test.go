package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/vnews/vnews/serve"
)

// TestServeSameAsCLI checks that the server answers, byte for byte, what
// the article commands write for the same input and options.
func TestServeSameAsCLI(t *testing.T) {
	srv, err := serve.New(serve.Config{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	read := func(p string) string {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	text := read("../../testdata/articles/su-doan-308-dien-tap.txt")
	tcvn3 := read("../../testdata/articles/tcvn3-tong-ket-quan-su.txt")
	html := read("../../testdata/html/trung-doan-huan-luyen.html")
	jsonl := read("../../testdata/articles/batch.jsonl")
	firstLine, _, _ := strings.Cut(jsonl, "\n")
	tests := []struct {
		name  string
		args  []string // the CLI's
		path  string   // the server's
		ctype string
		body  string
	}{
		{"analyze text", []string{"analyze"}, "/v1/analyze", "text/plain", text},
		{"analyze n", []string{"analyze", "-n", "2"}, "/v1/analyze?n=2", "text/plain", text},
		{"analyze ratio explain", []string{"analyze", "--ratio", "0.5", "--explain"}, "/v1/analyze?ratio=0.5&explain=true", "text/plain", text},
		{"analyze max-words", []string{"analyze", "--max-words", "40"}, "/v1/analyze?max_words=40", "text/plain", text},
		{"analyze max-words and n", []string{"analyze", "--max-words", "40", "-n", "1"}, "/v1/analyze?max_words=40&n=1", "text/plain", text},
		{"analyze published", []string{"analyze", "--published", "2021-03-20"}, "/v1/analyze?published=2021-03-20", "text/plain", text},
		{"analyze tcvn3", []string{"analyze"}, "/v1/analyze", "text/plain", tcvn3},
		{"analyze encoding", []string{"analyze", "--encoding", "tcvn3"}, "/v1/analyze?encoding=tcvn3", "text/plain", tcvn3},
		{"entities", []string{"entities"}, "/v1/entities", "text/plain", text},
		{"entities published", []string{"entities", "--published", "2021-03-20"}, "/v1/entities?published=2021-03-20", "text/plain", text},
		{"summarize", []string{"summarize", "-n", "1"}, "/v1/summarize?n=1", "text/plain", text},
		{"analyze html", []string{"analyze", "--input", "html"}, "/v1/analyze", "text/html", html},
		{"entities html", []string{"entities", "--input", "html"}, "/v1/entities", "text/html; charset=utf-8", html},
		{"analyze json object", []string{"analyze", "--input", "jsonl"}, "/v1/analyze", "application/json", firstLine},
		{"batch analyze", []string{"analyze", "--input", "jsonl"}, "/v1/analyze", "application/x-ndjson", jsonl},
		{"batch summarize", []string{"summarize", "--input", "jsonl", "--max-words", "25"}, "/v1/summarize?max_words=25", "application/x-ndjson", jsonl},
		{"empty", []string{"analyze", "--input", "text"}, "/v1/analyze", "text/plain", "  \n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want, _, _ := runCLI(t, tc.body, append(tc.args, "-q")...)
			resp, err := http.Post(ts.URL+tc.path, tc.ctype, strings.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				t.Fatal(err)
			}
			if want == "" {
				t.Fatal("the CLI wrote nothing")
			}
			if string(got) != want {
				t.Errorf("server and CLI differ (status %d):\nserver: %.300s\ncli:    %.300s", resp.StatusCode, got, want)
			}
		})
	}
}

func TestServeUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		msg  string
	}{
		{"argument", []string{"serve", "x.txt"}, "no arguments"},
		{"workers", []string{"serve", "--workers", "0"}, "--workers"},
		{"timeout", []string{"serve", "--timeout", "0s"}, "--timeout"},
		{"published", []string{"serve", "--published", "mai"}, "--published"},
		{"encoding", []string{"serve", "--encoding", "ebcdic"}, "encoding"},
		{"max-bytes", []string{"serve", "--max-bytes", "-1"}, "--max-bytes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, stderr, code := runCLI(t, "", tc.args...)
			if code != exitUsage || !strings.Contains(stderr, tc.msg) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, exitUsage, tc.msg)
			}
		})
	}
	t.Run("address in use", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer ln.Close()
		_, stderr, code := runCLI(t, "", "serve", "--addr", ln.Addr().String())
		if code != exitFailed || !strings.Contains(stderr, "address already in use") {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
	})
}

// TestServeGracefulShutdown runs `vnews serve` as a real process, starts a
// request, sends SIGTERM while the request's body is still on its way, and
// checks that the request is answered in full and the process exits 0.
func TestServeGracefulShutdown(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build vnews with")
	}
	bin := filepath.Join(t.TempDir(), "vnews")
	if out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	first := <-lines
	m := regexp.MustCompile(`listening on http://(127\.0\.0\.1:\d+)/`).FindStringSubmatch(first)
	if m == nil {
		t.Fatalf("first line %q names no address", first)
	}
	conn, err := net.Dial("tcp", m[1])
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body, err := os.ReadFile("../../testdata/articles/su-doan-308-dien-tap.txt")
	if err != nil {
		t.Fatal(err)
	}
	// The headers alone, asking to be told when the body is wanted: the
	// 100 Continue says the handler is reading it.
	fmt.Fprintf(conn, "POST /v1/analyze HTTP/1.1\r\nHost: %s\r\nContent-Type: text/plain\r\nContent-Length: %d\r\nExpect: 100-continue\r\n\r\n", m[1], len(body))
	br := bufio.NewReader(conn)
	if status, err := br.ReadString('\n'); err != nil || !strings.HasPrefix(status, "HTTP/1.1 100") {
		t.Fatalf("want 100 Continue, got %q %v", status, err)
	}
	br.ReadString('\n') // the blank line after it
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if l := <-lines; !strings.Contains(l, "shutting down") {
		t.Fatalf("after SIGTERM: %q", l)
	}
	if _, err := conn.Write(body); err != nil {
		t.Fatalf("sending the body after SIGTERM: %v", err)
	}
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("no answer to the request in flight: %v", err)
	}
	got, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("status %d, %v: %s", resp.StatusCode, err, got)
	}
	want, _, _ := runCLI(t, string(body), "analyze")
	if string(got) != want {
		t.Errorf("the answer differs from the CLI's record:\n%.200s\n%.200s", got, want)
	}
	// stderr is read to its end before Wait, which closes the pipe and
	// may drop what is left unread ("stopped", written last).
	var rest []string
	for l := range lines {
		rest = append(rest, l)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("vnews serve exited with %v", err)
	}
	if !strings.Contains(strings.Join(rest, "\n"), "stopped") {
		t.Errorf("no stop message: %q", rest)
	}
	if bytes.Contains([]byte(strings.Join(rest, "\n")), []byte("goroutine")) {
		t.Errorf("stack trace on stderr: %q", rest)
	}
}
