package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/vnews/vnews/nlp"
)

// A sentence of a segmentation corpus: its words, each a list of syllables.
type goldSentence [][]string

// readConllu reads the FORM column of a CoNLL-U file; multi-syllable words
// have spaces inside FORM.
func readConllu(path string) ([]goldSentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []goldSentence
	var cur goldSentence
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			if len(cur) > 0 {
				out = append(out, cur)
				cur = nil
			}
			continue
		}
		if line[0] == '#' {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 2 || strings.ContainsAny(cols[0], "-.") {
			continue
		}
		cur = append(cur, strings.Fields(nlp.Normalize(cols[1])))
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out, sc.Err()
}

// readJoined reads one sentence per line, words separated by spaces and
// syllables by "_"; a "/POS" suffix is dropped when pos is set.
func readJoined(path string, pos bool) ([]goldSentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseJoined(f, pos)
}

func parseJoined(r io.Reader, pos bool) ([]goldSentence, error) {
	var out []goldSentence
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		out = appendJoinedLine(out, sc.Text(), pos)
	}
	return out, sc.Err()
}

func appendJoinedLine(out []goldSentence, line string, pos bool) []goldSentence {
	var s goldSentence
	for _, w := range strings.Fields(nlp.Normalize(line)) {
		if pos {
			if k := strings.LastIndexByte(w, '/'); k > 0 {
				w = w[:k]
			}
		}
		var syl []string
		for _, p := range strings.Split(w, "_") {
			if p != "" {
				syl = append(syl, p)
			}
		}
		if len(syl) > 0 {
			s = append(s, syl)
		}
	}
	if len(s) > 0 {
		out = append(out, s)
	}
	return out
}

// vietnewsArticle is one line of the VietNews training file.
type vietnewsArticle struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Summary  string   `json:"summary"`
	Body     []string `json:"body_sentences"`
	BodyTok  []string `json:"body_sentences_tok"`
	TextBody string   `json:"text"`
}

// readVietnews streams the gzipped VietNews training articles to fn.
func readVietnews(path string, fn func(a *vietnewsArticle) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		z, err := gzip.NewReader(f)
		if err != nil {
			return err
		}
		defer z.Close()
		r = z
	}
	dec := json.NewDecoder(bufio.NewReaderSize(r, 1<<20))
	for n := 1; ; n++ {
		var a vietnewsArticle
		if err := dec.Decode(&a); err == io.EOF {
			return nil
		} else if err != nil {
			return fmt.Errorf("%s: article %d: %w", path, n, err)
		}
		if err := fn(&a); err != nil {
			return err
		}
	}
}
