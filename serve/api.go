package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vnews/vnews/extract/record"
	"github.com/vnews/vnews/extract/summary"
	"github.com/vnews/vnews/nlp"
)

// endpoint is one of the article endpoints: the record parts it answers
// with, as the CLI command of the same name writes them.
type endpoint struct {
	name    string
	parts   record.Parts
	summary bool // takes the summary options n, ratio, max_words and explain
}

var endpoints = []endpoint{
	{name: "analyze", parts: record.PartAll, summary: true},
	{name: "entities", parts: record.PartEntities | record.PartText},
	// The summary needs the sentences' entities, but the record shows the
	// summary alone (as `vnews summarize` does).
	{name: "summarize", parts: record.PartSummary, summary: true},
}

// options reads the query parameters, the CLI's flags of the same meaning,
// into the builder's options the CLI would use.
func (s *Server) options(e endpoint, q url.Values) (record.Options, error) {
	opts := record.Options{Parts: e.parts, Encoding: s.cfg.Encoding, Published: s.cfg.Published}
	allowed := []string{"published", "encoding"}
	if e.summary {
		allowed = append(allowed, "n", "ratio", "max_words", "explain")
	}
	for k, v := range q {
		if !slices.Contains(allowed, k) {
			return opts, fmt.Errorf("unknown option %q: /v1/%s takes %s", k, e.name, strings.Join(allowed, ", "))
		}
		if len(v) > 1 {
			return opts, fmt.Errorf("option %q is given %d times", k, len(v))
		}
	}
	if q.Has("published") {
		t, ok := record.ParsePublished(q.Get("published"))
		if !ok {
			return opts, fmt.Errorf("published %q is not a date (want 2020-04-24 or RFC 3339)", q.Get("published"))
		}
		opts.Published = t
	}
	if q.Has("encoding") {
		enc, err := nlp.ParseEncoding(q.Get("encoding"))
		if err != nil {
			return opts, err
		}
		opts.Encoding = enc
	}
	if !e.summary {
		return opts, nil
	}
	// As the CLI's summaryOptions: -n 3 unless given; --ratio replaces -n;
	// --max-words alone is the only bound.
	so := summary.Options{N: 3}
	var err error
	if q.Has("n") {
		if so.N, err = strconv.Atoi(q.Get("n")); err != nil || so.N < 1 {
			return opts, fmt.Errorf("n %q must be a whole number, at least 1", q.Get("n"))
		}
	}
	if q.Has("ratio") {
		if so.Ratio, err = strconv.ParseFloat(q.Get("ratio"), 64); err != nil || math.IsNaN(so.Ratio) || so.Ratio < 0 || so.Ratio > 1 {
			return opts, fmt.Errorf("ratio %q must be a number between 0 and 1", q.Get("ratio"))
		}
	}
	if q.Has("max_words") {
		if so.MaxWords, err = strconv.Atoi(q.Get("max_words")); err != nil || so.MaxWords < 0 {
			return opts, fmt.Errorf("max_words %q must be a whole number, not negative", q.Get("max_words"))
		}
	}
	if q.Has("explain") {
		v := q.Get("explain")
		if v == "" {
			so.Explain = true
		} else if so.Explain, err = strconv.ParseBool(v); err != nil {
			return opts, fmt.Errorf("explain %q must be true or false", v)
		}
	}
	if so.Ratio > 0 {
		so.N = 0
	}
	if so.MaxWords > 0 && !q.Has("n") && so.Ratio == 0 {
		so.N = 0
	}
	opts.Summary = so
	return opts, nil
}

// bodyKind is how a request body is read.
type bodyKind int

const (
	bodyText  bodyKind = iota // one plain-text article
	bodyHTML                  // one HTML page
	bodyJSON                  // one JSON object, as a JSON Lines line
	bodyBatch                 // JSON Lines: one article per line, answered as a stream
)

var mediaTypes = map[string]bodyKind{
	"text/plain":              bodyText,
	"text/html":               bodyHTML,
	"application/xhtml+xml":   bodyHTML,
	"application/json":        bodyJSON,
	"application/x-ndjson":    bodyBatch,
	"application/jsonl":       bodyBatch,
	"application/x-jsonlines": bodyBatch,
	"application/jsonlines":   bodyBatch,
}

const acceptedTypes = "text/plain, text/html, application/json, or application/x-ndjson (JSON Lines)"

// kindOf reads the Content-Type. Its charset parameter is not used: the
// encoding is detected as the CLI detects it, or given by ?encoding=.
func kindOf(r *http.Request) (bodyKind, error) {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return 0, errors.New("the request has no Content-Type; send " + acceptedTypes)
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return 0, fmt.Errorf("Content-Type %q cannot be read; send %s", ct, acceptedTypes)
	}
	k, ok := mediaTypes[mt]
	if !ok {
		return 0, fmt.Errorf("Content-Type %s is not one of %s", mt, acceptedTypes)
	}
	return k, nil
}

func (s *Server) articleHandler(e endpoint) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !allowMethod(w, r, http.MethodPost) {
			return
		}
		opts, err := s.options(e, r.URL.Query())
		if err != nil {
			writeError(w, http.StatusBadRequest, codeBadOption, err.Error())
			return
		}
		kind, err := kindOf(r)
		if err != nil {
			writeError(w, http.StatusUnsupportedMediaType, codeMediaType, err.Error())
			return
		}
		if max := s.cfg.MaxBytes; max > 0 && kind != bodyBatch && r.ContentLength > max {
			writeError(w, http.StatusRequestEntityTooLarge, codeTooLarge, fmt.Sprintf("the body is %d bytes, more than the limit of %d (--max-bytes)", r.ContentLength, max))
			return
		}
		select {
		case s.admit <- struct{}{}:
			defer func() { <-s.admit }()
		default:
			w.Header().Set("Retry-After", retryAfterSaturated)
			writeError(w, http.StatusServiceUnavailable, codeSaturated, "the server is busy; retry later")
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), s.cfg.Timeout)
		defer cancel()
		// A slow sender cannot hold its slot past the timeout.
		http.NewResponseController(w).SetReadDeadline(time.Now().Add(s.cfg.Timeout))
		b, err := record.NewBuilder(s.cfg.Analyzer, s.cfg.Extractor, opts)
		if err != nil {
			writeError(w, http.StatusInternalServerError, codeInternal, "internal error")
			return
		}
		if kind == bodyBatch {
			s.batch(ctx, w, r, b)
			return
		}
		a, status, apiErr := s.readArticle(r, kind)
		if apiErr != nil {
			writeError(w, status, apiErr.Code, apiErr.Message)
			return
		}
		rec, err := s.buildOne(ctx, b, a)
		if err != nil {
			w.Header().Set("Retry-After", retryAfterTimeoutSec)
			writeError(w, http.StatusServiceUnavailable, codeTimeout, fmt.Sprintf("the article was not processed within %s", s.cfg.Timeout))
			return
		}
		out, recErr := encode(&rec)
		s.metrics.article(recErr)
		if out == nil {
			writeError(w, http.StatusInternalServerError, codeInternal, "internal error")
			return
		}
		status = http.StatusOK
		if recErr != nil {
			status = recordStatus(recErr.Code)
			setErrCode(w, recErr.Code)
		}
		h := w.Header()
		h.Set("Content-Type", "application/json; charset=utf-8")
		h.Set("Cache-Control", "no-store")
		w.WriteHeader(status)
		w.Write(out)
	})
}

// encode is the record as the CLI writes it (record.Marshal) and the error
// it carries: its own, or the error record that replaced a record JSON
// cannot hold. Nil bytes mean not even that could be written.
func encode(rec *record.Record) ([]byte, *record.Error) {
	out, err := record.Marshal(rec, false)
	if out == nil {
		return nil, &record.Error{Code: record.CodeInternal, Message: "internal error"}
	}
	var ee *record.EncodeError
	if errors.As(err, &ee) {
		return out, ee.Replacement
	}
	return out, rec.Error
}

// recordStatus is the HTTP status of an article's error record.
func recordStatus(code string) int {
	switch code {
	case record.CodeTooLarge:
		return http.StatusRequestEntityTooLarge
	case record.CodeInternal:
		return http.StatusInternalServerError
	}
	return http.StatusBadRequest
}

// readArticle reads a single-article body as the CLI reads standard input
// with --input text, html or jsonl.
func (s *Server) readArticle(r *http.Request, kind bodyKind) (record.Article, int, *record.Error) {
	rd := &record.Reader{Mode: record.InputText, Stdin: r.Body, MaxBytes: s.cfg.MaxBytes}
	switch kind {
	case bodyHTML:
		rd.Mode = record.InputHTML
	case bodyJSON:
		// One object, perhaps indented: compacted, it is the JSON Lines
		// line the CLI would read.
		max := s.cfg.MaxBytes
		lr := io.Reader(r.Body)
		if max > 0 {
			lr = io.LimitReader(r.Body, max+1)
		}
		data, err := io.ReadAll(lr)
		if err != nil {
			return record.Article{}, http.StatusBadRequest, &record.Error{Code: record.CodeRead, Message: "reading the body: " + err.Error()}
		}
		if max > 0 && int64(len(data)) > max {
			return record.Article{}, http.StatusRequestEntityTooLarge, &record.Error{Code: codeTooLarge, Message: fmt.Sprintf("the body is larger than the limit of %d bytes (--max-bytes)", max)}
		}
		var buf bytes.Buffer
		if err := json.Compact(&buf, data); err != nil {
			return record.Article{}, http.StatusBadRequest, &record.Error{Code: codeJSON, Message: "the body is not one JSON object: " + err.Error()}
		}
		rd.Mode, rd.Stdin = record.InputJSONL, &buf
	}
	for a := range rd.Articles(nil) {
		return a, 0, nil
	}
	// A JSON body that compacts to nothing has no line to read.
	return record.Article{}, http.StatusBadRequest, &record.Error{Code: codeJSON, Message: "the body holds no JSON object"}
}

// buildOne builds a on a worker. If ctx ends first it returns ctx's error;
// the build, which cannot be stopped, finishes on its worker, so the work
// under way never exceeds the workers.
func (s *Server) buildOne(ctx context.Context, b *record.Builder, a record.Article) (record.Record, error) {
	select {
	case s.workers <- struct{}{}:
	case <-ctx.Done():
		return record.Record{}, ctx.Err()
	}
	type result struct{ rec record.Record }
	done := make(chan result, 1)
	go func() {
		var res result
		func() {
			defer func() {
				// Build recovers its own panics; this one would be the
				// server's bug, and must not take the process down.
				if p := recover(); p != nil {
					res = result{record.Record{Schema: record.Schema, ID: a.ID, Source: a.Source,
						Error: &record.Error{Code: record.CodeInternal, Message: "internal error"}}}
				}
			}()
			rec, _ := s.build(b, a) // an article's failure is its error record
			res = result{rec}
		}()
		<-s.workers // free before the answer goes out: a client holding it sees the worker free
		done <- res
	}()
	select {
	case res := <-done:
		return res.rec, nil
	case <-ctx.Done():
		return record.Record{}, ctx.Err()
	}
}

// batch answers a JSON Lines body with JSON Lines, one record per input
// line in input order, each sent as soon as it is built. An article that
// cannot be processed gives its error record in its place, as in the CLI.
// If the request's time runs out the stream ends with an error line.
func (s *Server) batch(ctx context.Context, w http.ResponseWriter, r *http.Request, b *record.Builder) {
	rc := http.NewResponseController(w)
	rc.EnableFullDuplex() // read the next line after answering the last; not every protocol needs it
	h := w.Header()
	h.Set("Content-Type", "application/x-ndjson; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	rc.Flush()
	rd := &record.Reader{Mode: record.InputJSONL, Stdin: r.Body, MaxBytes: s.cfg.MaxBytes}
	for a := range rd.Articles(nil) {
		rec, err := s.buildOne(ctx, b, a)
		if err != nil {
			if r.Context().Err() == nil { // the client is still there: say why the stream ends
				line, _ := json.Marshal(errorBody{errorDetail{Code: codeTimeout,
					Message: fmt.Sprintf("the batch was not processed within %s; the records before this line are complete", s.cfg.Timeout)}})
				w.Write(append(line, '\n'))
				setErrCode(w, codeTimeout)
			}
			return
		}
		out, recErr := encode(&rec)
		s.metrics.article(recErr)
		if out == nil {
			out = []byte(`{"schema":"vnews/1","error":{"code":"internal","message":"internal error"}}` + "\n")
		}
		if _, err := w.Write(out); err != nil {
			return // the client went away
		}
		if err := rc.Flush(); err != nil {
			return
		}
	}
}
