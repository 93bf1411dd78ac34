package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"
	"unicode"

	"github.com/vnews/vnews/nlp"
)

// runSentences measures sentence splitting against the sentence lists of
// the VietNews training articles: each article's sentences are joined with
// a space, split again, and the sentence ends compared (boundary precision,
// recall, F1). It measures vnews's splitter and prose's English-trained
// Punkt splitter on the same text.
func runSentences(args []string) error {
	fs := flag.NewFlagSet("sentences", flag.ExitOnError)
	var d dataFlags
	d.register(fs)
	limit := fs.Int("n", 2000, "articles to use")
	fs.Parse(args)

	an, err := nlp.Default()
	if err != nil {
		return err
	}
	var vn, pr boundaryScore
	var vnTime, prTime time.Duration
	n := 0
	err = readVietnews(d.path("summaries", "vietnews-train-12k.jsonl.gz"), func(a *vietnewsArticle) error {
		if n >= *limit || len(a.Body) < 2 {
			return nil
		}
		n++
		var b strings.Builder
		gold := map[int]bool{}
		for i, s := range a.Body {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(nlp.Normalize(strings.TrimSpace(s)))
			gold[letterCount(b.String())] = true
		}
		text := b.String()
		st := time.Now()
		doc := an.AnalyzeNormalized(text, nlp.Hints{Title: "-"})
		vnTime += time.Since(st)
		sys := map[int]bool{}
		for _, s := range doc.Sentences {
			sys[letterCount(text[:s.End])] = true
		}
		vn.add(gold, sys)
		st = time.Now()
		ps, err := proseSentences(text)
		prTime += time.Since(st)
		if err != nil {
			return err
		}
		sys = map[int]bool{}
		pos := 0
		for _, s := range ps {
			pos += letterCount(s)
			sys[pos] = true
		}
		pr.add(gold, sys)
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stdout, "articles=%d gold sentences=%d\n", n, vn.gold)
	fmt.Fprintf(os.Stdout, "vnews: %s  %.1f ms/article (whole analysis)\n", vn, float64(vnTime.Microseconds())/1000/float64(n))
	fmt.Fprintf(os.Stdout, "prose: %s  %.1f ms/article (splitting only)\n", pr, float64(prTime.Microseconds())/1000/float64(n))
	return nil
}

// letterCount counts non-space characters: a position that survives any
// change of white space.
func letterCount(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

type boundaryScore struct{ tp, fp, fn, gold int }

func (s *boundaryScore) add(gold, sys map[int]bool) {
	s.gold += len(gold)
	for k := range sys {
		if gold[k] {
			s.tp++
		} else {
			s.fp++
		}
	}
	for k := range gold {
		if !sys[k] {
			s.fn++
		}
	}
}

func (s boundaryScore) String() string {
	p := float64(s.tp) / float64(max(1, s.tp+s.fp))
	r := float64(s.tp) / float64(max(1, s.tp+s.fn))
	f := 0.0
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return fmt.Sprintf("boundary P=%.2f R=%.2f F1=%.2f", 100*p, 100*r, 100*f)
}
