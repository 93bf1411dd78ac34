// Command mkcorpus writes a JSON Lines corpus of n articles made from the
// project's own test articles, for scripts/bench.sh and
// scripts/bench-index.sh: each article joins three of them in turn (about
// 3 KB, the size of a news article) under its own id and a title, so no
// two lines are the same.
//
// Left so, every article names the same dozen people. With -people N the
// people the pipeline finds in each test article (bylines too) are renamed,
// in each article written, after people drawn from N made-up ones (internal/
// benchtext) with Zipf's law, as names recur in a real corpus: a few
// people in very many articles, most in a few. With -dated each article
// carries a publication day, spread over ten years in the order written.
// (With -people the decomposed (NFD) test article is written composed.)
//
//	go run ./scripts/mkcorpus -n 20000 > corpus.jsonl
//	go run ./scripts/mkcorpus -n 100000 -people 10000 -dated > corpus.jsonl
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vnews/vnews/extract/record"
	"github.com/vnews/vnews/internal/benchtext"
	"golang.org/x/text/unicode/norm"
)

func main() {
	n := flag.Int("n", 10000, "articles to write")
	dir := flag.String("dir", "testdata/articles", "directory of .txt articles")
	people := flag.Int("people", 0, "rename the people after this many made-up ones, drawn with Zipf's law (0: keep the articles' own)")
	dated := flag.Bool("dated", false, "give each article a publication day (2015-01-01 on, about one day every 27 articles for 100,000)")
	flag.Parse()
	if err := run(*n, *dir, *people, *dated); err != nil {
		fmt.Fprintln(os.Stderr, "mkcorpus:", err)
		os.Exit(1)
	}
}

// source is a test article and the names of the people found in it,
// longest first (so that a name is replaced before a shorter one inside it).
type source struct {
	text  string
	names []string
}

func run(n int, dir string, people int, dated bool) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		return fmt.Errorf("no articles in %s", dir)
	}
	var b *record.Builder
	if people > 0 {
		if b, err = record.NewBuilder(nil, nil, record.Options{Parts: record.PartEntities}); err != nil {
			return err
		}
	}
	var srcs []source
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		if !utf8.Valid(raw) { // the legacy-encoded samples are not JSON text
			continue
		}
		s := source{text: strings.TrimSpace(string(raw))}
		if b != nil {
			// Names are found in NFC: the decomposed sample is composed.
			s.text = norm.NFC.String(s.text)
			rec, err := b.Build(record.Article{ID: f, Text: s.text, JSON: true})
			if err != nil {
				return err
			}
			seen := map[string]bool{}
			for _, p := range rec.People {
				if len(strings.Fields(p.Name)) > 1 && !seen[p.Name] && strings.Contains(s.text, p.Name) {
					seen[p.Name] = true
					s.names = append(s.names, p.Name)
				}
			}
			sort.SliceStable(s.names, func(i, j int) bool { return len(s.names[i]) > len(s.names[j]) })
		}
		srcs = append(srcs, s)
	}
	var pop []string
	var zipf *rand.Zipf
	if people > 0 {
		pop = benchtext.Names(people, 1)
		zipf = rand.NewZipf(rand.New(rand.NewPCG(2, 3)), 1.1, 1, uint64(people-1))
	}
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	day0 := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		parts := []string{fmt.Sprintf("Bản tin số %d", i+1)}
		for k := range 3 {
			s := srcs[(i+k)%len(srcs)]
			text := s.text
			for _, name := range s.names {
				text = strings.ReplaceAll(text, name, pop[zipf.Uint64()])
			}
			parts = append(parts, text)
		}
		line := map[string]string{"id": fmt.Sprintf("a%06d", i+1), "text": strings.Join(parts, "\n\n")}
		if dated {
			line["published"] = day0.AddDate(0, 0, i*3650/max(n, 1)).Format("2006-01-02")
		}
		if err := enc.Encode(line); err != nil {
			return err
		}
	}
	return w.Flush()
}
