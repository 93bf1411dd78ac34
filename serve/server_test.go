package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vnews/vnews/extract/record"
)

// readFile reads a test file.
func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var (
	defaultOnce   sync.Once
	defaultServer *Server
)

// newServer returns a server with cfg; a zero cfg gives one shared server.
func newServer(t testing.TB, cfg Config) *Server {
	t.Helper()
	if cfg == (Config{}) {
		defaultOnce.Do(func() {
			var err error
			if defaultServer, err = New(Config{}); err != nil {
				t.Fatal(err)
			}
		})
		return defaultServer
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// do sends one request to h and returns the response.
func do(t testing.TB, h http.Handler, method, target, contentType string, body []byte) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, bytes.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// apiError decodes {"error": {"code", "message"}} and checks its shape.
func apiError(t testing.TB, body []byte) errorDetail {
	t.Helper()
	var all map[string]json.RawMessage
	if err := json.Unmarshal(body, &all); err != nil {
		t.Fatalf("error body is not JSON: %v\n%s", err, body)
	}
	var e errorBody
	if err := json.Unmarshal(body, &e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
		t.Fatalf("error body has no error code and message: %s", body)
	}
	for _, leak := range []string{"goroutine ", "panic", ".go:"} {
		if bytes.Contains(body, []byte(leak)) {
			t.Errorf("error body leaks %q: %s", leak, body)
		}
	}
	return e.Error
}

func decodeRecord(t testing.TB, body []byte) record.Record {
	t.Helper()
	var r record.Record
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatalf("not a record: %v\n%s", err, body)
	}
	if r.Schema != record.Schema {
		t.Fatalf("schema %q, want %q", r.Schema, record.Schema)
	}
	return r
}

func TestEndpoints(t *testing.T) {
	s := newServer(t, Config{})
	text := readFile(t, "testdata/bai-bao.txt")
	html := readFile(t, "../testdata/html/trung-doan-huan-luyen.html")
	obj := []byte("{\n  \"id\": \"a1\",\n  \"text\": \"Ngày 2-9, Thiếu tá Lê Văn Hòa nhận nhiệm vụ tại Tiểu đoàn 5.\",\n  \"desk\": {\"name\": \"thời sự\"}\n}\n")
	tests := []struct {
		name, path, ctype string
		body              []byte
		check             func(t *testing.T, r record.Record)
	}{
		{"analyze text", "/v1/analyze", "text/plain; charset=utf-8", text, func(t *testing.T, r record.Record) {
			if r.Text == "" || len(r.Entities) == 0 || len(r.People) == 0 || r.Summary == nil || r.Stats == nil || len(r.Sentences) == 0 {
				t.Errorf("incomplete record: %+v", r)
			}
			if len(r.Summary.Sentences) != 3 {
				t.Errorf("summary of %d sentences, want the default 3", len(r.Summary.Sentences))
			}
		}},
		{"analyze n=1", "/v1/analyze?n=1", "text/plain", text, func(t *testing.T, r record.Record) {
			if len(r.Summary.Sentences) != 1 {
				t.Errorf("summary of %d sentences, want 1", len(r.Summary.Sentences))
			}
		}},
		{"analyze explain", "/v1/analyze?explain", "text/plain", text, func(t *testing.T, r record.Record) {
			if len(r.Summary.Explain) == 0 {
				t.Error("no explanation")
			}
		}},
		{"analyze html", "/v1/analyze", "text/html", html, func(t *testing.T, r record.Record) {
			if r.Title == "" || strings.Contains(r.Text, "<") {
				t.Errorf("HTML not read as a page: title %q text %.80q", r.Title, r.Text)
			}
		}},
		{"analyze json object", "/v1/analyze", "application/json", obj, func(t *testing.T, r record.Record) {
			if r.ID != "a1" || string(r.Extra["desk"]) != `{"name":"thời sự"}` {
				t.Errorf("id %q extra %s", r.ID, r.Extra["desk"])
			}
			if len(r.People) != 1 || r.People[0].Name != "Lê Văn Hòa" {
				t.Errorf("people %+v", r.People)
			}
		}},
		{"entities", "/v1/entities", "text/plain", text, func(t *testing.T, r record.Record) {
			if r.Text == "" || len(r.Entities) == 0 || r.Summary != nil || r.Stats != nil || r.Sentences != nil {
				t.Errorf("entities record holds %+v", r)
			}
		}},
		{"summarize", "/v1/summarize?max_words=30", "text/plain", text, func(t *testing.T, r record.Record) {
			if r.Summary == nil || r.Text != "" || r.Entities != nil || len(r.Keywords) == 0 {
				t.Errorf("summarize record holds %+v", r)
			}
			// The budget alone bounds it (not the default 3 sentences).
			if n := len(r.Summary.Sentences); n < 1 || n > 2 {
				t.Errorf("a 30-word budget gave %d sentences", n)
			}
		}},
		{"summarize ratio", "/v1/summarize?ratio=1", "text/plain", text, func(t *testing.T, r record.Record) {
			if len(r.Summary.Sentences) < 4 {
				t.Errorf("ratio 1 gave %d sentences", len(r.Summary.Sentences))
			}
		}},
		{"published anchors dates", "/v1/entities?published=2024-06-25", "text/plain", text, func(t *testing.T, r record.Record) {
			found := false
			for _, e := range r.Entities {
				if e.Type == "DATE" && e.Value == "2024-06-21" {
					found = true
				}
			}
			if !found || r.Published != "2024-06-25" {
				t.Errorf("published %q, dates not anchored: %+v", r.Published, r.Entities)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := do(t, s, http.MethodPost, tc.path, tc.ctype, tc.body)
			if w.Code != http.StatusOK {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			if !bytes.HasSuffix(w.Body.Bytes(), []byte("}\n")) || bytes.Count(w.Body.Bytes(), []byte("\n")) != 1 {
				t.Errorf("not one line of JSON: %.100q", w.Body.String())
			}
			tc.check(t, decodeRecord(t, w.Body.Bytes()))
		})
	}
}

// TestSameRecordAsBuilder checks that the server answers what record.Builder
// and record.Marshal give for the article the CLI's reader reads (the CLI
// test in cmd/vnews compares with the command itself).
func TestSameRecordAsBuilder(t *testing.T) {
	s := newServer(t, Config{})
	text := readFile(t, "testdata/bai-bao.txt")
	b, err := record.NewBuilder(nil, nil, record.Options{Parts: record.PartAll})
	if err != nil {
		t.Fatal(err)
	}
	rd := &record.Reader{Mode: record.InputText, Stdin: bytes.NewReader(text)}
	var want []byte
	for a := range rd.Articles(nil) {
		rec, _ := b.Build(a)
		want, _ = record.Marshal(&rec, false)
	}
	w := do(t, s, http.MethodPost, "/v1/analyze", "text/plain", text)
	if !bytes.Equal(w.Body.Bytes(), want) {
		t.Errorf("server and builder differ:\n%s\n%s", w.Body, want)
	}
}

func TestErrors(t *testing.T) {
	s := newServer(t, Config{MaxBytes: 1000})
	text := readFile(t, "testdata/bai-bao.txt")
	big := bytes.Repeat([]byte("Ngày mai trời nắng. "), 100)
	tests := []struct {
		name, method, path, ctype string
		body                      []byte
		header                    map[string]string
		chunked                   bool // no Content-Length
		status                    int
		code                      string
	}{
		{name: "GET analyze", method: "GET", path: "/v1/analyze", status: 405, code: "method_not_allowed"},
		{name: "PUT entities", method: "PUT", path: "/v1/entities", ctype: "text/plain", body: text, status: 405, code: "method_not_allowed"},
		{name: "POST healthz", method: "POST", path: "/healthz", status: 405, code: "method_not_allowed"},
		{name: "POST page", method: "POST", path: "/", status: 405, code: "method_not_allowed"},
		{name: "no content type", method: "POST", path: "/v1/analyze", body: text, status: 415, code: "unsupported_media_type"},
		{name: "form", method: "POST", path: "/v1/analyze", ctype: "application/x-www-form-urlencoded", body: text, status: 415, code: "unsupported_media_type"},
		{name: "bad content type", method: "POST", path: "/v1/analyze", ctype: "text/", body: text, status: 415, code: "unsupported_media_type"},
		{name: "image", method: "POST", path: "/v1/summarize", ctype: "image/png", body: text, status: 415, code: "unsupported_media_type"},
		{name: "n=0", method: "POST", path: "/v1/analyze?n=0", ctype: "text/plain", body: text, status: 400, code: "bad_option"},
		{name: "n not a number", method: "POST", path: "/v1/analyze?n=ba", ctype: "text/plain", body: text, status: 400, code: "bad_option"},
		{name: "ratio 2", method: "POST", path: "/v1/summarize?ratio=2", ctype: "text/plain", body: text, status: 400, code: "bad_option"},
		{name: "ratio NaN", method: "POST", path: "/v1/summarize?ratio=NaN", ctype: "text/plain", body: text, status: 400, code: "bad_option"},
		{name: "max_words negative", method: "POST", path: "/v1/analyze?max_words=-1", ctype: "text/plain", body: text, status: 400, code: "bad_option"},
		{name: "explain maybe", method: "POST", path: "/v1/analyze?explain=maybe", ctype: "text/plain", body: text, status: 400, code: "bad_option"},
		{name: "published not a date", method: "POST", path: "/v1/analyze?published=hôm+qua", ctype: "text/plain", body: text, status: 400, code: "bad_option"},
		{name: "unknown encoding", method: "POST", path: "/v1/analyze?encoding=ebcdic", ctype: "text/plain", body: text, status: 400, code: "bad_option"},
		{name: "unknown option", method: "POST", path: "/v1/analyze?max-words=10", ctype: "text/plain", body: text, status: 400, code: "bad_option"},
		{name: "n twice", method: "POST", path: "/v1/analyze?n=1&n=2", ctype: "text/plain", body: text, status: 400, code: "bad_option"},
		{name: "n on entities", method: "POST", path: "/v1/entities?n=2", ctype: "text/plain", body: text, status: 400, code: "bad_option"},
		{name: "empty text", method: "POST", path: "/v1/analyze", ctype: "text/plain", body: []byte(" \n\t "), status: 400, code: "empty"},
		{name: "binary", method: "POST", path: "/v1/analyze", ctype: "text/plain", body: append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...), status: 400, code: "binary"},
		{name: "invalid json", method: "POST", path: "/v1/analyze", ctype: "application/json", body: []byte(`{"text": "Hà Nội`), status: 400, code: "json"},
		{name: "two json objects", method: "POST", path: "/v1/analyze", ctype: "application/json", body: []byte(`{"text": "a"} {"text": "b"}`), status: 400, code: "json"},
		{name: "json array", method: "POST", path: "/v1/analyze", ctype: "application/json", body: []byte(`["Hà Nội"]`), status: 400, code: "json"},
		{name: "json without text", method: "POST", path: "/v1/analyze", ctype: "application/json", body: []byte(`{"title": "Hà Nội"}`), status: 400, code: "missing_text"},
		{name: "json text a number", method: "POST", path: "/v1/analyze", ctype: "application/json", body: []byte(`{"text": 42}`), status: 400, code: "missing_text"},
		{name: "empty json body", method: "POST", path: "/v1/analyze", ctype: "application/json", body: nil, status: 400, code: "json"},
		{name: "too large", method: "POST", path: "/v1/analyze", ctype: "text/plain", body: big, status: 413, code: "too_large"},
		{name: "too large chunked", method: "POST", path: "/v1/analyze", ctype: "text/plain", body: big, chunked: true, status: 413, code: "too_large"},
		{name: "too large html chunked", method: "POST", path: "/v1/entities", ctype: "text/html", body: big, chunked: true, status: 413, code: "too_large"},
		{name: "too large json chunked", method: "POST", path: "/v1/analyze", ctype: "application/json", body: append(append([]byte(`{"text": "`), big...), '"', '}'), chunked: true, status: 413, code: "too_large"},
		{name: "unknown path", method: "GET", path: "/v1/translate", status: 404, code: "not_found"},
		{name: "no file system", method: "GET", path: "/static/app.js", status: 404, code: "not_found"},
		{name: "other site's page", method: "POST", path: "/v1/analyze", ctype: "text/plain", body: text, header: map[string]string{"Origin": "https://evil.example"}, status: 403, code: "forbidden"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var body io.Reader = bytes.NewReader(tc.body)
			if tc.chunked {
				body = io.MultiReader(bytes.NewReader(tc.body)) // hides the length
			}
			req := httptest.NewRequest(tc.method, tc.path, body)
			if tc.chunked {
				req.ContentLength = -1
			}
			if tc.ctype != "" {
				req.Header.Set("Content-Type", tc.ctype)
			}
			for k, v := range tc.header {
				req.Header.Set(k, v)
			}
			w := httptest.NewRecorder()
			s.ServeHTTP(w, req)
			if w.Code != tc.status {
				t.Errorf("status %d, want %d: %s", w.Code, tc.status, w.Body)
			}
			if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q", ct)
			}
			if e := apiError(t, w.Body.Bytes()); e.Code != tc.code {
				t.Errorf("code %q, want %q (%s)", e.Code, tc.code, e.Message)
			}
			if tc.status == 405 && w.Header().Get("Allow") == "" {
				t.Error("405 without Allow")
			}
		})
	}
}

func TestSameOriginAllowed(t *testing.T) {
	s := newServer(t, Config{})
	req := httptest.NewRequest("POST", "http://127.0.0.1:8080/v1/entities", strings.NewReader("Đại tá Vũ Văn An dự lễ."))
	req.Header.Set("Content-Type", "text/plain")
	req.Header.Set("Origin", "http://127.0.0.1:8080")
	w := httptest.NewRecorder()
	s.ServeHTTP(w, req)
	if w.Code != 200 {
		t.Errorf("same-origin request: status %d: %s", w.Code, w.Body)
	}
}

// holdBuilds makes s's builds wait for release; started receives one value
// per build begun.
func holdBuilds(s *Server) (started chan struct{}, release func()) {
	started = make(chan struct{}, 64)
	gate := make(chan struct{})
	var once sync.Once
	build := s.build
	s.build = func(b *record.Builder, a record.Article) (record.Record, error) {
		started <- struct{}{}
		<-gate
		return build(b, a)
	}
	return started, func() { once.Do(func() { close(gate) }) }
}

func post(h http.Handler, path, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("POST", path, strings.NewReader(body))
	req.Header.Set("Content-Type", "text/plain")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

const shortArticle = "Ngày 3-2, Trung tá Hà Quang Dũng kiểm tra huấn luyện tại Đại đội 2."

func TestSaturated(t *testing.T) {
	tests := []struct {
		name        string
		queue, held int // requests held in a build or waiting before the one that must get 503
	}{
		{"no queue", -1, 1},
		{"queue of 2", 2, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t, Config{Workers: 1, Queue: tc.queue})
			started, release := holdBuilds(s)
			defer release()
			results := make(chan int, tc.held)
			for range tc.held {
				go func() { results <- post(s, "/v1/analyze", shortArticle).Code }()
			}
			<-started // the worker is busy
			// Wait until every held request is admitted.
			for len(s.admit) < tc.held {
				time.Sleep(time.Millisecond)
			}
			w := post(s, "/v1/analyze", shortArticle)
			if w.Code != http.StatusServiceUnavailable {
				t.Errorf("status %d, want 503", w.Code)
			}
			if w.Header().Get("Retry-After") == "" {
				t.Error("503 without Retry-After")
			}
			if e := apiError(t, w.Body.Bytes()); e.Code != "saturated" {
				t.Errorf("code %q", e.Code)
			}
			release()
			for range tc.held {
				if code := <-results; code != 200 {
					t.Errorf("a held request got %d", code)
				}
			}
			// The slots are free again.
			if w := post(s, "/v1/analyze", shortArticle); w.Code != 200 {
				t.Errorf("after the load: status %d", w.Code)
			}
		})
	}
}

func TestTimeout(t *testing.T) {
	s := newServer(t, Config{Workers: 1, Timeout: 20 * time.Millisecond})
	started, release := holdBuilds(s)
	w := post(s, "/v1/analyze", shortArticle) // its build never ends before the timeout
	<-started
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" {
		t.Errorf("status %d, Retry-After %q", w.Code, w.Header().Get("Retry-After"))
	}
	if e := apiError(t, w.Body.Bytes()); e.Code != "timeout" {
		t.Errorf("code %q", e.Code)
	}
	// The build goes on and holds its worker: a second request waits for
	// it past its own timeout.
	if w := post(s, "/v1/analyze", shortArticle); w.Code != 503 {
		t.Errorf("while the worker is held: status %d", w.Code)
	}
	release()
	for len(s.workers) > 0 {
		time.Sleep(time.Millisecond)
	}
	if w := post(s, "/v1/analyze", shortArticle); w.Code != 200 {
		t.Errorf("after the build ended: status %d: %s", w.Code, w.Body)
	}
}

func TestPanicIsJSON(t *testing.T) {
	s := newServer(t, Config{Workers: 1})
	s.build = func(*record.Builder, record.Article) (record.Record, error) { panic("a bug") }
	w := post(s, "/v1/analyze", shortArticle)
	if w.Code != 500 {
		t.Errorf("status %d", w.Code)
	}
	if e := apiError(t, w.Body.Bytes()); e.Code != "internal" {
		t.Errorf("code %q", e.Code)
	}
	if strings.Contains(w.Body.String(), "a bug") {
		t.Errorf("the panic's value reaches the client: %s", w.Body)
	}
}

func batchLines(t testing.TB) []byte {
	return []byte(strings.Join([]string{
		`{"id": "b1", "text": "Ngày 5-1, Đại úy Trần Văn Khoa nhận nhiệm vụ Đại đội trưởng Đại đội 9."}`,
		`{"id": "b2", "text": `, // not JSON
		`{"id": "b3", "title": "không có văn bản"}`,
		``, // blank lines are passed over
		`{"id": "b4", "text": "Thiếu tướng Mai Xuân Hòa thăm Sư đoàn 5 ngày 9-9.", "nguon": 7}`,
	}, "\n") + "\n")
}

func TestBatch(t *testing.T) {
	s := newServer(t, Config{})
	w := do(t, s, "POST", "/v1/entities", "application/x-ndjson", batchLines(t))
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/x-ndjson; charset=utf-8" {
		t.Fatalf("status %d, Content-Type %q", w.Code, w.Header().Get("Content-Type"))
	}
	lines := strings.Split(strings.TrimSuffix(w.Body.String(), "\n"), "\n")
	want := []string{"b1", "2:json", "b3:missing_text", "b4"}
	var got []string
	for _, l := range lines {
		r := decodeRecord(t, []byte(l))
		id := r.ID
		if r.Error != nil {
			id += ":" + r.Error.Code
		}
		got = append(got, id)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("records %v, want %v", got, want)
	}
	if !strings.Contains(lines[3], `"nguon":7`) {
		t.Errorf("extra field lost: %s", lines[3])
	}
	for _, ct := range []string{"application/jsonl", "application/x-jsonlines", "application/jsonlines"} {
		t.Run(ct, func(t *testing.T) {
			if w2 := do(t, s, "POST", "/v1/entities", ct, batchLines(t)); w2.Body.String() != w.Body.String() {
				t.Errorf("differs from application/x-ndjson")
			}
		})
	}
}

func TestBatchLineTooLarge(t *testing.T) {
	s := newServer(t, Config{MaxBytes: 200})
	body := `{"id": "s", "text": "Đại tá Lê Văn Tám."}` + "\n" +
		`{"id": "l", "text": "` + strings.Repeat("Trời mưa to. ", 40) + `"}` + "\n" +
		`{"id": "s2", "text": "Ngày 1-5, Trung đoàn 9 ra quân."}` + "\n"
	w := do(t, s, "POST", "/v1/analyze", "application/x-ndjson", []byte(body))
	var got []string
	for _, l := range strings.Split(strings.TrimSpace(w.Body.String()), "\n") {
		r := decodeRecord(t, []byte(l))
		s := r.ID
		if r.Error != nil {
			s += ":" + r.Error.Code
		}
		got = append(got, s)
	}
	if want := "[s 2:too_large s2]"; fmt.Sprint(got) != want {
		t.Errorf("records %v, want %s", got, want)
	}
}

// TestBatchStreams reads each record before sending the next line: the
// answer is streamed, not collected.
func TestBatchStreams(t *testing.T) {
	ts := httptest.NewServer(newServer(t, Config{}))
	defer ts.Close()
	pr, pw := io.Pipe()
	req, _ := http.NewRequest("POST", ts.URL+"/v1/summarize?n=1", pr)
	req.Header.Set("Content-Type", "application/x-ndjson")
	type answer struct {
		resp *http.Response
		err  error
	}
	answers := make(chan answer, 1)
	go func() {
		resp, err := ts.Client().Do(req)
		answers <- answer{resp, err}
	}()
	ids := []string{"m1", "m2", "m3"}
	fmt.Fprintf(pw, `{"id": %q, "text": "Ngày 8-3, Đại tá Ngô Quang Vinh dự hội nghị."}`+"\n", ids[0])
	a := <-answers
	if a.err != nil {
		t.Fatal(a.err)
	}
	defer a.resp.Body.Close()
	br := bufio.NewReader(a.resp.Body)
	for i, id := range ids {
		if i > 0 {
			fmt.Fprintf(pw, `{"id": %q, "text": "Ngày %d-3, Trung đoàn %d diễn tập."}`+"\n", id, i+8, i+100)
		}
		line, err := br.ReadBytes('\n')
		if err != nil {
			t.Fatalf("record %d: %v", i+1, err)
		}
		if r := decodeRecord(t, line); r.ID != id || r.Summary == nil {
			t.Errorf("record %d: %s", i+1, line)
		}
	}
	pw.Close()
	if rest, _ := io.ReadAll(br); len(rest) != 0 {
		t.Errorf("after the last record: %q", rest)
	}
}

func TestBatchTimeout(t *testing.T) {
	s := newServer(t, Config{Workers: 1, Timeout: time.Second})
	gate := make(chan struct{})
	defer close(gate)
	n := 0 // builds run one after another: the handler waits for each
	s.build = func(b *record.Builder, a record.Article) (record.Record, error) {
		n++
		if n == 2 {
			<-gate // the second article is never built in time
		}
		return record.Record{Schema: record.Schema, ID: a.ID}, nil
	}
	body := `{"id": "t1", "text": "Ngày 1-6, Đại úy Lý Văn Bảo lên đường."}` + "\n" + `{"id": "t2", "text": "Trung đoàn 1 diễn tập."}` + "\n"
	w := do(t, s, "POST", "/v1/analyze", "application/x-ndjson", []byte(body))
	lines := strings.Split(strings.TrimSpace(w.Body.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines: %s", len(lines), w.Body)
	}
	if r := decodeRecord(t, []byte(lines[0])); r.ID != "t1" {
		t.Errorf("first line %s", lines[0])
	}
	if e := apiError(t, []byte(lines[1])); e.Code != "timeout" {
		t.Errorf("last line %s", lines[1])
	}
}

// TestConcurrent sends many requests at once, with different articles and
// options, and checks each answer against the one given alone (run with
// -race).
func TestConcurrent(t *testing.T) {
	s := newServer(t, Config{Workers: 4, Queue: 64})
	type job struct{ path, ctype, body string }
	var jobs []job
	for _, f := range []string{"testdata/bai-bao.txt", "../testdata/articles/su-doan-308-dien-tap.txt", "../testdata/articles/vung-4-tiep-nhan-tau.txt"} {
		b := string(readFile(t, f))
		jobs = append(jobs, job{"/v1/analyze", "text/plain", b}, job{"/v1/summarize?n=1", "text/plain", b}, job{"/v1/entities", "text/plain", b})
	}
	jobs = append(jobs, job{"/v1/analyze", "text/html", string(readFile(t, "../testdata/html/trung-doan-huan-luyen.html"))},
		job{"/v1/analyze", "application/x-ndjson", string(batchLines(t))})
	want := make([]string, len(jobs))
	for i, j := range jobs {
		want[i] = do(t, s, "POST", j.path, j.ctype, []byte(j.body)).Body.String()
	}
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Go(func() {
			for k := range 3 * len(jobs) {
				i := (g + k) % len(jobs)
				w := do(t, s, "POST", jobs[i].path, jobs[i].ctype, []byte(jobs[i].body))
				if w.Code != 200 || w.Body.String() != want[i] {
					t.Errorf("%s %s: status %d, record differs", jobs[i].path, jobs[i].ctype, w.Code)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestHealthzAndVersion(t *testing.T) {
	s := newServer(t, Config{Version: "v1.2.3"})
	w := do(t, s, "GET", "/healthz", "", nil)
	if w.Code != 200 || strings.TrimSpace(w.Body.String()) != `{"status":"ok"}` {
		t.Errorf("healthz: %d %s", w.Code, w.Body)
	}
	w = do(t, s, "GET", "/v1/version", "", nil)
	var v map[string]string
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil || v["version"] != "v1.2.3" || v["schema"] != "vnews/1" || v["go"] == "" {
		t.Errorf("version: %d %s", w.Code, w.Body)
	}
}

// TestServeShutdown cancels Serve's context while a request is being
// built: the request still gets its record, and Serve returns nil.
func TestServeShutdown(t *testing.T) {
	s := newServer(t, Config{Workers: 1})
	started, release := holdBuilds(s)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()
	type answer struct {
		code int
		body []byte
		err  error
	}
	answers := make(chan answer, 1)
	go func() {
		resp, err := http.Post("http://"+ln.Addr().String()+"/v1/analyze", "text/plain", strings.NewReader(shortArticle))
		if err != nil {
			answers <- answer{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		answers <- answer{resp.StatusCode, b, err}
	}()
	<-started
	cancel()
	// New connections are refused once the listener is closed.
	for {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			break
		}
		c.Close()
		time.Sleep(time.Millisecond)
	}
	select {
	case err := <-served:
		t.Fatalf("Serve returned (%v) with a request in flight", err)
	default:
	}
	release()
	a := <-answers
	if a.err != nil || a.code != 200 {
		t.Fatalf("in-flight request: %d %v %s", a.code, a.err, a.body)
	}
	decodeRecord(t, a.body)
	if err := <-served; err != nil {
		t.Errorf("Serve: %v", err)
	}
}
