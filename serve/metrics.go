package serve

import (
	"bufio"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vnews/vnews/extract/record"
)

// The metrics are written by hand in the Prometheus text exposition format
// (version 0.0.4): a handful of counters, two gauges and one histogram do
// not need github.com/prometheus/client_golang, which would bring a dozen
// modules (protobuf among them) into the CLI's build for about 150 lines.

// latencyBuckets are the histogram's upper bounds, in seconds.
var latencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30}

type metrics struct {
	mu        sync.Mutex
	requests  map[[2]string]uint64 // handler, status
	reqErrors map[string]uint64    // error code of the answer
	articles  map[string]uint64    // "ok" or "error"
	artErrors map[string]uint64    // error record codes
	latency   map[string]*histogram
	inFlight  atomic.Int64
}

type histogram struct {
	counts []uint64 // per bucket, not cumulative; one more for +Inf
	sum    float64
	count  uint64
}

func newMetrics() *metrics {
	return &metrics{
		requests:  map[[2]string]uint64{},
		reqErrors: map[string]uint64{},
		articles:  map[string]uint64{},
		artErrors: map[string]uint64{},
		latency:   map[string]*histogram{},
	}
}

// request counts one answered request.
func (m *metrics) request(handler string, status int, errCode string, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[[2]string{handler, strconv.Itoa(status)}]++
	if errCode != "" {
		m.reqErrors[errCode]++
	}
	h := m.latency[handler]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(latencyBuckets)+1)}
		m.latency[handler] = h
	}
	sec := d.Seconds()
	i, _ := slices.BinarySearch(latencyBuckets, sec) // first bound >= sec
	h.counts[i]++
	h.sum += sec
	h.count++
}

// article counts one record built; e is its error, if any.
func (m *metrics) article(e *record.Error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if e == nil {
		m.articles["ok"]++
		return
	}
	m.articles["error"]++
	m.artErrors[e.Code]++
}

func (s *Server) metricsHandler(w http.ResponseWriter, r *http.Request) {
	if !allowMethod(w, r, http.MethodGet, http.MethodHead) {
		return
	}
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	bw := bufio.NewWriter(w)
	s.metrics.write(bw, len(s.workers), len(s.admit))
	bw.Flush()
}

// write writes the exposition, series sorted so that it reads the same
// from one scrape to the next.
func (m *metrics) write(w *bufio.Writer, busy, admitted int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	header := func(name, typ, help string) {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, typ)
	}
	header("vnews_http_requests_total", "counter", "HTTP requests answered, by handler and status code.")
	keys := make([][2]string, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [2]string) int {
		if a[0] != b[0] {
			return strings.Compare(a[0], b[0])
		}
		return strings.Compare(a[1], b[1])
	})
	for _, k := range keys {
		fmt.Fprintf(w, "vnews_http_requests_total{handler=%q,code=%q} %d\n", k[0], k[1], m.requests[k])
	}
	header("vnews_http_request_errors_total", "counter", "Requests answered with an error, by error code (the API's, or the article's error record).")
	writeCounts(w, "vnews_http_request_errors_total", "code", m.reqErrors)
	header("vnews_articles_total", "counter", "Articles processed, by result (ok, or an error record).")
	writeCounts(w, "vnews_articles_total", "result", m.articles)
	header("vnews_article_errors_total", "counter", "Error records, by error code.")
	writeCounts(w, "vnews_article_errors_total", "code", m.artErrors)
	header("vnews_http_request_duration_seconds", "histogram", "Time from a request's arrival to its answer's end, by handler.")
	handlers := make([]string, 0, len(m.latency))
	for k := range m.latency {
		handlers = append(handlers, k)
	}
	slices.Sort(handlers)
	for _, hn := range handlers {
		h := m.latency[hn]
		var cum uint64
		for i, le := range latencyBuckets {
			cum += h.counts[i]
			fmt.Fprintf(w, "vnews_http_request_duration_seconds_bucket{handler=%q,le=%q} %d\n", hn, strconv.FormatFloat(le, 'g', -1, 64), cum)
		}
		fmt.Fprintf(w, "vnews_http_request_duration_seconds_bucket{handler=%q,le=\"+Inf\"} %d\n", hn, h.count)
		fmt.Fprintf(w, "vnews_http_request_duration_seconds_sum{handler=%q} %s\n", hn, strconv.FormatFloat(h.sum, 'g', -1, 64))
		fmt.Fprintf(w, "vnews_http_request_duration_seconds_count{handler=%q} %d\n", hn, h.count)
	}
	header("vnews_http_requests_in_flight", "gauge", "Requests being answered.")
	fmt.Fprintf(w, "vnews_http_requests_in_flight %d\n", m.inFlight.Load())
	header("vnews_workers_busy", "gauge", "Workers building an article.")
	fmt.Fprintf(w, "vnews_workers_busy %d\n", busy)
	header("vnews_requests_admitted", "gauge", "Article requests admitted: being served or waiting for a worker.")
	fmt.Fprintf(w, "vnews_requests_admitted %d\n", admitted)
}

func writeCounts(w *bufio.Writer, name, label string, m map[string]uint64) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "%s{%s=%q} %d\n", name, label, k, m[k])
	}
}
