package main

import (
	"bufio"
	"cmp"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/vnews/vnews/nlp"
)

// How often each word is capitalized in running news text, for the entity
// tagger (extract/data/capitals.txt):
//
//	go run ./cmd/vnews-train capitals [-data DIR] [-out extract/data/capitals.txt] [-min 5]
//
// Counted over the titles and body sentences of the 12,000 VietNews training
// articles, leaving out each sentence's first token (capitalized whatever it
// is) and tokens in all-capital sentences. Each line is "WORD\tPERCENT":
// the word in lowercase, the share of its occurrences written with a capital
// initial.

type capCount struct {
	form       string // the first lowercase form seen
	n, capital int
}

func runCapitals(args []string) error {
	fs := flag.NewFlagSet("capitals", flag.ExitOnError)
	var d dataFlags
	d.register(fs)
	out := fs.String("out", "extract/data/capitals.txt", "the file to write")
	minCount := fs.Int("min", 5, "fewest counted occurrences of a listed word")
	fs.Parse(args)

	start := time.Now()
	counts := map[string]*capCount{}
	var toks []nlp.Token
	var kb []byte
	add := func(s string) {
		s = nlp.NormalizeLine(s)
		toks = nlp.Tokenize(toks[:0], s, 0, len(s))
		letters, uppers := 0, 0
		for _, t := range toks {
			if t.IsLetters() {
				letters++
				if t.IsAllUpper() {
					uppers++
				}
			}
		}
		if letters > 0 && uppers*2 > letters {
			return // a headline in capitals
		}
		for i, t := range toks {
			if i == 0 || t.Kind != nlp.KindWord {
				continue
			}
			kb = nlp.AppendKey(kb[:0], t.Text)
			c, ok := counts[string(kb)]
			if !ok {
				c = &capCount{form: strings.ToLower(t.Text)}
				counts[string(kb)] = c
			}
			c.n++
			if t.IsUpper() {
				c.capital++
			}
		}
	}
	err := readVietnews(d.path("summaries", "vietnews-train-12k.jsonl.gz"), func(a *vietnewsArticle) error {
		add(a.Title)
		for _, s := range a.Body {
			add(s)
		}
		return nil
	})
	if err != nil {
		return err
	}
	var lines []string
	for _, c := range counts {
		if c.n < *minCount || strings.ContainsAny(c.form, "\t\n") || nlp.Key(c.form) != nlp.Key(strings.ToLower(c.form)) {
			continue
		}
		lines = append(lines, fmt.Sprintf("%s\t%d\n", c.form, (200*c.capital+c.n)/(2*c.n)))
	}
	slices.SortFunc(lines, func(a, b string) int { return cmp.Compare(a, b) })
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintf(w, "# How often each word is capitalized in news text: WORD<TAB>PERCENT; generated, do not edit.\n"+
		"# Derived by `go run ./cmd/vnews-train capitals -min %d` from the titles and body sentences of the 12,000\n"+
		"# VietNews training articles (ThanhChinhBK/vietnews), sentence-initial tokens and all-capital lines left out.\n", *minCount)
	for _, l := range lines {
		w.WriteString(l)
	}
	err = w.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "capitals: %d words (of %d) to %s in %v\n", len(lines), len(counts), *out, time.Since(start).Round(time.Millisecond))
	return nil
}
