package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// progress prints a status line on a terminal while a batch runs:
// articles done, articles/s, MB/s of input and errors, rewritten in place
// every half second and once more at the end.
type progress struct {
	w        io.Writer
	start    time.Time
	articles atomic.Int64
	bytes    atomic.Int64
	errors   atomic.Int64
	stop     chan struct{}
	done     sync.WaitGroup
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func startProgress(w io.Writer, every time.Duration) *progress {
	p := &progress{w: w, start: time.Now(), stop: make(chan struct{})}
	p.done.Add(1)
	go func() {
		defer p.done.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				p.print("\r")
			case <-p.stop:
				return
			}
		}
	}()
	return p
}

// add counts one finished article of n input bytes.
func (p *progress) add(n int, failed bool) {
	if p == nil {
		return
	}
	p.articles.Add(1)
	p.bytes.Add(int64(n))
	if failed {
		p.errors.Add(1)
	}
}

func (p *progress) print(prefix string) {
	secs := max(time.Since(p.start).Seconds(), 1e-9)
	n, b := p.articles.Load(), p.bytes.Load()
	fmt.Fprintf(p.w, "%svnews: %d articles, %.0f articles/s, %.2f MB/s, %d errors   ", prefix,
		n, float64(n)/secs, float64(b)/1e6/secs, p.errors.Load())
}

// finish stops the ticker and prints the final line.
func (p *progress) finish() {
	if p == nil {
		return
	}
	close(p.stop)
	p.done.Wait()
	p.print("\r")
	fmt.Fprintln(p.w)
}
