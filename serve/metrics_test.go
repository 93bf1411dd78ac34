package serve

import (
	"bufio"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// sampleLine is one line of the text exposition format: a name, labels and
// a value.
var sampleLine = regexp.MustCompile(`^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? (\S+)$`)

// scrape parses /metrics into "name{labels}" → value, checking the format:
// every sample's family is declared by # TYPE before it.
func scrape(t *testing.T, s *Server) map[string]float64 {
	t.Helper()
	w := do(t, s, "GET", "/metrics", "", nil)
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain; version=0.0.4") {
		t.Fatalf("metrics: %d %q", w.Code, w.Header().Get("Content-Type"))
	}
	out := map[string]float64{}
	types := map[string]string{}
	sc := bufio.NewScanner(w.Body)
	for sc.Scan() {
		line := sc.Text()
		if f := strings.Fields(line); len(f) == 4 && f[0] == "#" && f[1] == "TYPE" {
			types[f[2]] = f[3]
			continue
		}
		if strings.HasPrefix(line, "# HELP ") {
			continue
		}
		m := sampleLine.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("not an exposition line: %q", line)
		}
		family := m[1]
		for _, suf := range []string{"_bucket", "_sum", "_count"} {
			if base := strings.TrimSuffix(m[1], suf); base != m[1] && types[base] == "histogram" {
				family = base
			}
		}
		if types[family] == "" {
			t.Errorf("sample %q before its # TYPE", line)
		}
		v, err := strconv.ParseFloat(m[3], 64)
		if err != nil {
			t.Errorf("value of %q: %v", line, err)
		}
		out[m[1]+m[2]] = v
	}
	return out
}

func TestMetrics(t *testing.T) {
	s := newServer(t, Config{Version: "metrics"}) // a server of its own: counts start at zero
	post(s, "/v1/analyze", shortArticle)
	post(s, "/v1/analyze", shortArticle)
	post(s, "/v1/analyze", " ")                       // an error record: empty
	do(t, s, "POST", "/v1/entities", "", []byte("x")) // 415
	do(t, s, "POST", "/v1/entities", "application/x-ndjson", batchLines(t))
	do(t, s, "GET", "/healthz", "", nil)
	// A handler gives its admission back when it returns, just after its
	// answer reached the client: scrape once it has.
	var m map[string]float64
	for range 1000 {
		if m = scrape(t, s); m["vnews_requests_admitted"] == 0 && m["vnews_workers_busy"] == 0 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	want := map[string]float64{
		`vnews_http_requests_total{handler="analyze",code="200"}`:                 2,
		`vnews_http_requests_total{handler="analyze",code="400"}`:                 1,
		`vnews_http_requests_total{handler="entities",code="415"}`:                1,
		`vnews_http_requests_total{handler="entities",code="200"}`:                1,
		`vnews_http_requests_total{handler="healthz",code="200"}`:                 1,
		`vnews_http_request_errors_total{code="empty"}`:                           1,
		`vnews_http_request_errors_total{code="unsupported_media_type"}`:          1,
		`vnews_articles_total{result="ok"}`:                                       4, // 2 + the batch's 2
		`vnews_articles_total{result="error"}`:                                    3,
		`vnews_article_errors_total{code="json"}`:                                 1,
		`vnews_article_errors_total{code="missing_text"}`:                         1,
		`vnews_article_errors_total{code="empty"}`:                                1,
		`vnews_http_request_duration_seconds_count{handler="analyze"}`:            3,
		`vnews_http_request_duration_seconds_bucket{handler="analyze",le="+Inf"}`: 3,
		`vnews_http_request_duration_seconds_count{handler="entities"}`:           2,
		`vnews_http_requests_in_flight`:                                           1, // the scrape itself
		`vnews_workers_busy`:                                                      0,
		`vnews_requests_admitted`:                                                 0,
	}
	for k, v := range want {
		if got, ok := m[k]; !ok || got != v {
			t.Errorf("%s = %v (present %v), want %v", k, got, ok, v)
		}
	}
	// Buckets are cumulative and end at the count.
	prev := -1.0
	for _, le := range latencyBuckets {
		k := `vnews_http_request_duration_seconds_bucket{handler="analyze",le="` + strconv.FormatFloat(le, 'g', -1, 64) + `"}`
		v, ok := m[k]
		if !ok || v < prev {
			t.Errorf("%s = %v after %v", k, v, prev)
		}
		prev = v
	}
	if prev > 3 {
		t.Errorf("last bucket %v over the count", prev)
	}
	if m[`vnews_http_request_duration_seconds_sum{handler="analyze"}`] <= 0 {
		t.Error("latency sum not positive")
	}
}
