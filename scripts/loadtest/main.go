// Command loadtest measures `vnews serve` on this machine: it builds vnews,
// starts `vnews serve` on a free port of 127.0.0.1, posts 3 KB articles to
// /v1/analyze at concurrency 1, 4 and 16, and reports requests per second,
// p50/p99 latency, errors, and the server's resident memory (VmRSS from
// /proc) sampled every 1,000 requests. It talks to localhost only, and is
// bounded in requests (-n) and in time (-max-time).
//
//	go run ./scripts/loadtest            (from the repository's root)
//	go run ./scripts/loadtest -n 2000    (fewer requests per level)
//
// The articles are made of the project's own test articles
// (testdata/articles/*.txt), joined until each is about 3 KB.
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

func main() {
	n := flag.Int("n", 10000, "requests per concurrency level (at most 100,000)")
	maxTime := flag.Duration("max-time", 3*time.Minute, "stop a level that runs longer than this")
	levels := flag.String("c", "1,4,16", "concurrency levels")
	workers := flag.Int("workers", runtime.NumCPU(), "the server's --workers")
	bin := flag.String("bin", "", "vnews binary to run (default: go build ./cmd/vnews into a temporary directory)")
	flag.Parse()
	if err := run(*n, *maxTime, *levels, *workers, *bin); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

func run(n int, maxTime time.Duration, levelList string, workers int, bin string) error {
	if n < 1 || n > 100000 {
		return errors.New("-n must be between 1 and 100,000")
	}
	var levels []int
	for _, f := range strings.Split(levelList, ",") {
		c, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || c < 1 || c > 256 {
			return fmt.Errorf("bad concurrency %q", f)
		}
		levels = append(levels, c)
	}
	arts, err := articles(3000)
	if err != nil {
		return err
	}
	if bin == "" {
		dir, err := os.MkdirTemp("", "vnews-loadtest")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		bin = filepath.Join(dir, "vnews")
		if out, err := exec.Command("go", "build", "-o", bin, "./cmd/vnews").CombinedOutput(); err != nil {
			return fmt.Errorf("go build ./cmd/vnews (run from the repository's root): %v\n%s", err, out)
		}
	}
	srv := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--workers", strconv.Itoa(workers))
	stderr, err := srv.StderrPipe()
	if err != nil {
		return err
	}
	if err := srv.Start(); err != nil {
		return err
	}
	defer func() {
		srv.Process.Signal(syscall.SIGTERM)
		srv.Wait()
	}()
	sc := bufio.NewScanner(stderr)
	if !sc.Scan() {
		return errors.New("vnews serve did not start")
	}
	m := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/`).FindStringSubmatch(sc.Text())
	if m == nil {
		return fmt.Errorf("vnews serve: %s", sc.Text())
	}
	go io.Copy(io.Discard, stderr)
	url := "http://" + m[1] + "/v1/analyze"
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 512}, Timeout: time.Minute}
	pid := srv.Process.Pid

	sizes := 0
	for _, a := range arts {
		sizes += len(a)
	}
	fmt.Printf("load test of vnews serve: %d distinct articles of %d bytes on average, POST /v1/analyze, server --workers %d, %d CPUs\n",
		len(arts), sizes/len(arts), workers, runtime.NumCPU())
	// Warm up: models loaded, connections open.
	if _, err := level(client, url, arts, 4, 200, maxTime, 0, nil); err != nil {
		return err
	}
	fmt.Printf("server RSS after warm-up: %.1f MB; load average before the run: %s\n\n", rss(pid), loadavg())
	fmt.Printf("%-12s %9s %7s %9s %8s %8s %8s %10s\n", "concurrency", "requests", "errors", "req/s", "p50 ms", "p99 ms", "max ms", "RSS MB")
	var samples []float64
	failed := false
	for _, c := range levels {
		var rs []float64
		r, err := level(client, url, arts, c, n, maxTime, 1000, func() { rs = append(rs, rss(pid)) })
		if err != nil {
			return err
		}
		fmt.Printf("%-12d %9d %7d %9.0f %8.2f %8.2f %8.2f %10.1f\n", c, r.done, r.errors, float64(r.done)/r.elapsed.Seconds(),
			ms(r.p(0.50)), ms(r.p(0.99)), ms(r.p(1)), rss(pid))
		if r.errors > 0 {
			failed = true
			fmt.Printf("  first error: %s\n", r.firstErr)
		}
		if r.done < n {
			fmt.Printf("  stopped after %s (-max-time)\n", maxTime)
		}
		if c == 4 {
			samples = rs
			fmt.Printf("  p99 at concurrency 4: %.2f ms (target ≤ 50 ms: %s)\n", ms(r.p(0.99)), map[bool]string{true: "met", false: "NOT met"}[r.p(0.99) <= 50*time.Millisecond])
		}
	}
	if len(samples) > 0 {
		fmt.Printf("\nserver RSS every 1,000 requests at concurrency 4 (MB):")
		for _, s := range samples {
			fmt.Printf(" %.1f", s)
		}
		fmt.Printf("\n(min %.1f, max %.1f)\n", slices.Min(samples), slices.Max(samples))
	}
	fmt.Printf("load average after the run: %s\n", loadavg())
	if failed {
		return errors.New("some requests failed")
	}
	return nil
}

type result struct {
	done, errors int
	firstErr     string
	elapsed      time.Duration
	lat          []time.Duration
}

// p is the q-quantile of the latencies (nearest rank).
func (r *result) p(q float64) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	i := int(q*float64(len(r.lat))+0.5) - 1
	return r.lat[max(0, min(i, len(r.lat)-1))]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// level sends n requests from c goroutines; every `every` requests it calls
// sample.
func level(client *http.Client, url string, arts [][]byte, c, n int, maxTime time.Duration, every int, sample func()) (*result, error) {
	ctx, cancel := context.WithTimeout(context.Background(), maxTime)
	defer cancel()
	var next, done atomic.Int64
	lat := make([]time.Duration, n)
	var mu sync.Mutex
	r := &result{}
	var wg sync.WaitGroup
	start := time.Now()
	for range c {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				t0 := time.Now()
				err := post(ctx, client, url, arts[i%len(arts)])
				lat[i] = time.Since(t0)
				if err != nil {
					mu.Lock()
					if r.errors == 0 {
						r.firstErr = err.Error()
					}
					r.errors++
					mu.Unlock()
				}
				if d := done.Add(1); every > 0 && d%int64(every) == 0 && sample != nil {
					mu.Lock()
					sample()
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	r.elapsed = time.Since(start)
	r.done = int(min(done.Load(), int64(n)))
	r.lat = lat[:r.done]
	slices.Sort(r.lat)
	return r, nil
}

func post(ctx context.Context, client *http.Client, url string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, "POST", url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "text/plain; charset=utf-8")
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != 200 || !bytes.HasPrefix(b, []byte(`{"schema":"vnews/1"`)) {
		return fmt.Errorf("status %d: %.200s", resp.StatusCode, b)
	}
	return nil
}

// rss is the process's resident memory in MB.
func rss(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

// articles joins the project's test articles (UTF-8 ones) into articles
// of about size bytes each, starting from each file in turn.
func articles(size int) ([][]byte, error) {
	files, err := filepath.Glob("testdata/articles/*.txt")
	if err != nil || len(files) == 0 {
		return nil, errors.New("no testdata/articles/*.txt (run from the repository's root)")
	}
	var texts [][]byte
	for _, f := range files {
		if strings.Contains(f, "tcvn3") {
			continue // another encoding: joined to UTF-8 text it would be mojibake
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		texts = append(texts, bytes.TrimSpace(b))
	}
	var out [][]byte
	for i := range texts {
		var a []byte
		for j := 0; len(a) < size; j++ {
			if len(a) > 0 {
				a = append(a, "\n\n"...)
			}
			a = append(a, texts[(i+j)%len(texts)]...)
		}
		out = append(out, a)
	}
	return out, nil
}

// loadavg is the machine's 1-minute load average: other work on the
// machine shows in the figures.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Fields(string(b))[0]
}
