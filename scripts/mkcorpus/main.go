// Command mkcorpus writes a JSON Lines corpus of n articles made from the
// project's own test articles, for scripts/bench.sh: each article joins
// three of them in turn (about 3 KB, the size of a news article) under its
// own id and a title, so no two lines are the same.
//
//	go run ./scripts/mkcorpus -n 20000 > corpus.jsonl
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

func main() {
	n := flag.Int("n", 10000, "articles to write")
	dir := flag.String("dir", "testdata/articles", "directory of .txt articles")
	flag.Parse()
	files, err := filepath.Glob(filepath.Join(*dir, "*.txt"))
	if err != nil || len(files) == 0 {
		fmt.Fprintln(os.Stderr, "mkcorpus: no articles in", *dir)
		os.Exit(1)
	}
	var texts []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintln(os.Stderr, "mkcorpus:", err)
			os.Exit(1)
		}
		if utf8.Valid(b) { // the legacy-encoded samples are not JSON text
			texts = append(texts, strings.TrimSpace(string(b)))
		}
	}
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := range *n {
		parts := []string{fmt.Sprintf("Bản tin số %d", i+1)}
		for k := range 3 {
			parts = append(parts, texts[(i+k)%len(texts)])
		}
		if err := enc.Encode(map[string]string{"id": fmt.Sprintf("a%06d", i+1), "text": strings.Join(parts, "\n\n")}); err != nil {
			fmt.Fprintln(os.Stderr, "mkcorpus:", err)
			os.Exit(1)
		}
	}
}
