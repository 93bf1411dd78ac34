package record

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// TestConcurrentUse drives one Builder (analyzer, extractor, summarizer)
// from many goroutines at once, each on every test article, and checks
// that every record equals the one built alone. Run with -race (as .ci/run
// does) it also proves the library shares no mutable state.
func TestConcurrentUse(t *testing.T) {
	files, err := filepath.Glob("../../testdata/articles/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatal("no articles", err)
	}
	html, _ := filepath.Glob("../../testdata/html/*.html")
	files = append(files, html...)
	b := newTestBuilder(t, Options{})
	encode := func(a Article) string {
		rec, _ := b.Build(a)
		var buf bytes.Buffer
		if err := NewEncoder(&buf, false).Encode(&rec); err != nil {
			t.Error(err)
		}
		return buf.String()
	}
	var arts []Article
	var want []string
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		a := Article{ID: filepath.Base(f), Source: f, Raw: raw, HTML: filepath.Ext(f) == ".html"}
		arts = append(arts, a)
		want = append(want, encode(a))
	}
	const goroutines = 16
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range 5 {
				for k := range arts {
					i := (k + g + round) % len(arts)
					if got := encode(arts[i]); got != want[i] {
						t.Errorf("goroutine %d: %s differs when built concurrently", g, arts[i].ID)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}
