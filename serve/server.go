package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"runtime"
	"time"

	"github.com/vnews/vnews/extract"
	"github.com/vnews/vnews/extract/record"
	"github.com/vnews/vnews/nlp"
)

// Defaults of Config's limits.
const (
	DefaultTimeout  = 30 * time.Second
	DefaultMaxBytes = 16 << 20
	// DefaultQueue is how many requests may wait for a worker, per worker.
	DefaultQueue = 16
)

// Config configures a Server. The zero value serves with the embedded
// models, runtime.NumCPU() workers and the default limits.
type Config struct {
	Analyzer  *nlp.Analyzer      // nil: nlp.Default()
	Extractor *extract.Extractor // nil: extract.New()
	Encoding  nlp.Encoding       // for text and HTML bodies ("" or auto: detected); ?encoding= overrides it
	Published time.Time          // anchor of articles without a date; ?published= overrides it

	// MaxBytes bounds an article: a body (or a JSON Lines line) larger than
	// this is refused with 413. 0: DefaultMaxBytes; negative: no limit.
	MaxBytes int64
	// Workers is how many articles are built at once (0: runtime.NumCPU()).
	Workers int
	// Queue is how many requests may wait for a worker beyond those being
	// served (0: DefaultQueue per worker; negative: none). Past it a request
	// gets 503 with Retry-After at once.
	Queue int
	// Timeout bounds each request, from its headers to its last record,
	// the body's reading included (0: DefaultTimeout). A single article not
	// built in time gets 503.
	Timeout time.Duration
	// Version is what GET /v1/version reports.
	Version string
	// ErrorLog receives the HTTP server's own errors (bad TLS handshakes,
	// accept errors); nil: they are dropped. The package itself never logs.
	ErrorLog *log.Logger
}

// Server is the vnews HTTP API and page, an http.Handler. It is safe for
// concurrent use.
type Server struct {
	cfg     Config
	mux     *http.ServeMux
	admit   chan struct{} // a slot per request admitted (served or waiting)
	workers chan struct{} // a slot per article being built
	metrics *metrics
	// build is record.Builder.Build; tests replace it to hold a build.
	build func(*record.Builder, record.Article) (record.Record, error)
}

// New returns a server with cfg's models and limits. It loads the default
// models when cfg has none.
func New(cfg Config) (*Server, error) {
	var err error
	if cfg.Analyzer == nil {
		if cfg.Analyzer, err = nlp.Default(); err != nil {
			return nil, fmt.Errorf("serve: %w", err)
		}
	}
	if cfg.Extractor == nil {
		if cfg.Extractor, err = extract.New(); err != nil {
			return nil, fmt.Errorf("serve: %w", err)
		}
	}
	if cfg.Encoding == "" {
		cfg.Encoding = nlp.EncodingAuto
	}
	switch {
	case cfg.MaxBytes == 0:
		cfg.MaxBytes = DefaultMaxBytes
	case cfg.MaxBytes < 0:
		cfg.MaxBytes = 0 // record.Reader: no limit
	}
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.NumCPU()
	}
	switch {
	case cfg.Queue == 0:
		cfg.Queue = DefaultQueue * cfg.Workers
	case cfg.Queue < 0:
		cfg.Queue = 0
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	s := &Server{
		cfg:     cfg,
		mux:     http.NewServeMux(),
		admit:   make(chan struct{}, cfg.Workers+cfg.Queue),
		workers: make(chan struct{}, cfg.Workers),
		metrics: newMetrics(),
		build:   (*record.Builder).Build,
	}
	for _, e := range endpoints {
		s.mux.Handle("/v1/"+e.name, s.articleHandler(e))
	}
	s.mux.HandleFunc("/healthz", s.healthz)
	s.mux.HandleFunc("/v1/version", s.version)
	s.mux.HandleFunc("/metrics", s.metricsHandler)
	s.mux.HandleFunc("/", s.static)
	return s, nil
}

// contentSecurityPolicy allows the page's own script, style sheet and
// requests, and nothing else: no inline script or style, no other origin,
// no framing.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
	"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rw := &statusWriter{ResponseWriter: w}
	h := w.Header()
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	name := handlerName(r.URL.Path)
	s.metrics.inFlight.Add(1)
	defer func() {
		s.metrics.inFlight.Add(-1)
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			// A bug: the client gets a JSON error, never a stack trace.
			if rw.status == 0 {
				writeError(rw, http.StatusInternalServerError, codeInternal, "internal error")
			}
		}
		if rw.status == 0 {
			rw.status = http.StatusOK
		}
		s.metrics.request(name, rw.status, rw.errCode, time.Since(start))
	}()
	if !sameOrigin(r) {
		writeError(rw, http.StatusForbidden, codeForbidden, "requests from another site's page are refused")
		return
	}
	s.mux.ServeHTTP(rw, r)
}

// sameOrigin reports whether a request comes from this server's own page or
// from a client that is not a browser: a browser names the page's origin in
// the Origin header, and a page of another site must not use the API (a
// server bound to localhost is still reachable from the user's browser).
func sameOrigin(r *http.Request) bool {
	o := r.Header.Get("Origin")
	if o == "" {
		return true
	}
	for _, scheme := range []string{"http://", "https://"} {
		if o == scheme+r.Host {
			return true
		}
	}
	return false
}

// handlerName is the metrics label of a path.
func handlerName(path string) string {
	switch path {
	case "/v1/analyze", "/v1/entities", "/v1/summarize", "/v1/version":
		return path[len("/v1/"):]
	case "/healthz", "/metrics":
		return path[1:]
	}
	if _, ok := staticFiles[path]; ok {
		return "page"
	}
	return "other"
}

// statusWriter remembers the status written.
type statusWriter struct {
	http.ResponseWriter
	status  int
	errCode string // the error answered, if any
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection (flushing,
// deadlines, full duplex).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	if !allowMethod(w, r, http.MethodGet, http.MethodHead) {
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func (s *Server) version(w http.ResponseWriter, r *http.Request) {
	if !allowMethod(w, r, http.MethodGet, http.MethodHead) {
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"version": s.cfg.Version, "schema": record.Schema, "go": runtime.Version()})
}

// Serve accepts connections on ln until ctx is done, then shuts down
// gracefully: it stops accepting, lets the requests in flight finish (each
// is bounded by the timeout) and returns nil. Any other end is an error.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	errLog := s.cfg.ErrorLog
	if errLog == nil {
		errLog = log.New(io.Discard, "", 0)
	}
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          errLog,
	}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	// In-flight requests end within their timeout; a little more for the
	// last bytes to reach the client.
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.Timeout+5*time.Second)
	defer cancel()
	err := hs.Shutdown(sctx)
	if serr := <-done; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}
