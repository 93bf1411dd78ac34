package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/term"
)

// progress prints a status line on a terminal while a batch runs: articles
// done, input read (of the total, with a percentage and the time left, when
// the input's size is known beforehand: files), MB/s and errors, rewritten
// in place every half second and once more at the end. A run of a single
// article shows none.
type progress struct {
	mu        sync.Mutex // one writer of standard error at a time
	w         io.Writer
	start     time.Time
	articles  atomic.Int64
	bytes     atomic.Int64
	errors    atomic.Int64
	read      atomic.Int64 // articles read so far (a line needs two)
	size      atomic.Int64 // the input's total size, -1 while unknown
	shown     bool
	stop      chan struct{}
	done      sync.WaitGroup
	totalDone sync.WaitGroup
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// terminalWidth is the width of the terminal w is (0 when unknown).
func terminalWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok {
		return 0
	}
	width, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return 0
	}
	return width
}

func startProgress(w io.Writer, every time.Duration) *progress {
	p := &progress{w: w, start: time.Now(), stop: make(chan struct{})}
	p.size.Store(-1)
	p.done.Add(1)
	go func() {
		defer p.done.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				p.mu.Lock()
				p.print()
				p.mu.Unlock()
			case <-p.stop:
				return
			}
		}
	}()
	return p
}

// total learns the input's size from size, on a goroutine of its own (a
// large directory takes a while to walk).
func (p *progress) total(size func() (int64, bool)) {
	p.totalDone.Add(1)
	go func() {
		defer p.totalDone.Done()
		if n, ok := size(); ok {
			p.size.Store(n)
		}
	}()
}

// seen counts an article read from the input.
func (p *progress) seen() {
	if p != nil {
		p.read.Add(1)
	}
}

// add counts one finished article of n input bytes.
func (p *progress) add(n int64, failed bool) {
	if p == nil {
		return
	}
	p.articles.Add(1)
	p.bytes.Add(n)
	if failed {
		p.errors.Add(1)
	}
}

// print rewrites the line; p.mu is held.
func (p *progress) print() {
	if p.read.Load() < 2 {
		return // a single article needs no progress line
	}
	p.shown = true
	secs := max(time.Since(p.start).Seconds(), 1e-9)
	n, b, total := p.articles.Load(), p.bytes.Load(), p.size.Load()
	rate := float64(b) / secs
	var line string
	if total > 0 {
		b = min(b, total)
		eta := "--:--"
		if rate > 0 {
			left := time.Duration(float64(total-b) / rate * float64(time.Second))
			eta = fmt.Sprintf("%d:%02d", int(left.Minutes()), int(left.Seconds())%60)
		}
		line = fmt.Sprintf("vnews: %d articles, %.1f of %.1f MB (%d%%), %.2f MB/s, ETA %s, %d errors", n,
			float64(b)/1e6, float64(total)/1e6, b*100/total, rate/1e6, eta, p.errors.Load())
	} else {
		line = fmt.Sprintf("vnews: %d articles, %.0f articles/s, %.2f MB/s, %d errors", n, float64(n)/secs, rate/1e6, p.errors.Load())
	}
	fmt.Fprintf(p.w, "\r%s   ", line)
}

// finish stops the ticker and prints the final line.
func (p *progress) finish() {
	if p == nil {
		return
	}
	close(p.stop)
	p.done.Wait()
	p.totalDone.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.print()
	if p.shown {
		fmt.Fprintln(p.w)
	}
}

// diagnostics writes messages to standard error, one line each, over the
// progress line when there is one.
type diagnostics struct {
	w     io.Writer
	prog  *progress
	quiet bool
}

func (d *diagnostics) printf(format string, a ...any) {
	if d.quiet {
		return
	}
	msg := fmt.Sprintf(format, a...)
	if d.prog != nil {
		d.prog.mu.Lock()
		defer d.prog.mu.Unlock()
		if d.prog.shown {
			fmt.Fprint(d.w, "\r")
		}
	}
	fmt.Fprintln(d.w, "vnews: "+msg)
}

// skipped reports the files a directory walk passed over, one line per
// walk: how many of each extension.
func (d *diagnostics) skipped(dir string, counts map[string]int) {
	exts := make([]string, 0, len(counts))
	for e := range counts {
		exts = append(exts, e)
	}
	sort.Strings(exts)
	parts := make([]string, len(exts))
	for i, e := range exts {
		files := "files"
		if counts[e] == 1 {
			files = "file"
		}
		if e == "" {
			parts[i] = fmt.Sprintf("%d %s without extension", counts[e], files)
		} else {
			parts[i] = fmt.Sprintf("%d %s %s", counts[e], e, files)
		}
	}
	d.printf("%s: skipped %s (a walk reads .txt, .jsonl, .ndjson, .json, .html and .htm files, also gzipped; name a file to read it)",
		dir, strings.Join(parts, ", "))
}
