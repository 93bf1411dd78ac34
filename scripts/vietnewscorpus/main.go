// Command vietnewscorpus turns the VietNews articles of the shared data
// (JSON Lines, gzip or not: "id", "title", "summary", "body_sentences")
// into the inputs of scripts/bench.sh: JSON Lines articles {"id", "text"}
// (title, lead and body as paragraphs) and, with -text, the same texts as
// one plain-text file, articles separated by a blank line. The corpus is
// written to a temporary directory and never committed.
//
//	go run ./scripts/vietnewscorpus -n 4000 -text corpus.txt < vietnews.jsonl.gz > corpus.jsonl
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	n := flag.Int("n", 0, "articles to write (0: all)")
	textPath := flag.String("text", "", "also write the texts, as plain text, to this file")
	flag.Parse()
	if err := run(os.Stdin, os.Stdout, *n, *textPath); err != nil {
		fmt.Fprintln(os.Stderr, "vietnewscorpus:", err)
		os.Exit(1)
	}
}

func run(stdin io.Reader, stdout io.Writer, n int, textPath string) error {
	br := bufio.NewReaderSize(stdin, 1<<20)
	var in io.Reader = br
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return err
		}
		in = zr
	}
	w := bufio.NewWriterSize(stdout, 1<<20)
	var tw *bufio.Writer
	if textPath != "" {
		f, err := os.Create(textPath)
		if err != nil {
			return err
		}
		defer f.Close()
		tw = bufio.NewWriterSize(f, 1<<20)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	dec := json.NewDecoder(in)
	for i := 0; n == 0 || i < n; i++ {
		var a struct {
			ID      string          `json:"id"`
			Title   string          `json:"title"`
			Summary string          `json:"summary"`
			Body    json.RawMessage `json:"body_sentences"`
		}
		if err := dec.Decode(&a); err == io.EOF {
			break
		} else if err != nil {
			return err
		}
		var body []string
		if json.Unmarshal(a.Body, &body) != nil {
			var s string
			if json.Unmarshal(a.Body, &s) == nil {
				body = []string{s}
			}
		}
		text := strings.Join([]string{a.Title, a.Summary, strings.Join(body, " ")}, "\n\n")
		if err := enc.Encode(map[string]string{"id": a.ID, "text": text}); err != nil {
			return err
		}
		if tw != nil {
			if i > 0 {
				tw.WriteString("\n")
			}
			tw.WriteString(text + "\n")
		}
	}
	if tw != nil {
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return w.Flush()
}
