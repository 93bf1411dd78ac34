package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/vnews/vnews/extract"
	"github.com/vnews/vnews/nlp"
)

// runProseNER measures prose's English-trained named-entity recognizer
// against vnews's extractor on the development articles with gold
// entities: PERSON against prose's PERSON, UNIT against prose's ORG. prose
// gives no offsets, so both are scored on entity texts (a multiset per
// article), which is kinder than exact spans.
//
// With -train it reads no development article: it trains prose's own
// recognizer on the annotated training articles and cross-validates it,
// and vnews's rules, over the folds of train-folds.json (see nercv.go).
func runProseNER(args []string) error {
	fs := flag.NewFlagSet("prose-ner", flag.ExitOnError)
	var d dataFlags
	d.register(fs)
	train := fs.Bool("train", false, "train prose's recognizer on train.jsonl and cross-validate it and the rules over train-folds.json")
	folds := fs.String("folds", "", "fold file (default DATA/articles/train-folds.json)")
	only := fs.Int("fold", 0, "with -train: run only this fold (1-5; 0: all)")
	workers := fs.Int("workers", 1, "with -train: folds trained at once")
	fs.Parse(args)
	if *train {
		if *folds == "" {
			*folds = d.path("articles", "train-folds.json")
		}
		return runNERCV(&d, *folds, *only, *workers, os.Stdout)
	}

	type goldDoc struct {
		ID       string `json:"id"`
		Entities []struct {
			Type string `json:"type"`
			Text string `json:"text"`
		} `json:"entities"`
	}
	gold := map[string]goldDoc{}
	if err := eachJSONLine(d.path("articles", "dev-gold.jsonl"), func(b []byte) error {
		var g goldDoc
		if err := json.Unmarshal(b, &g); err != nil {
			return err
		}
		gold[g.ID] = g
		return nil
	}); err != nil {
		return err
	}
	an, err := nlp.Default()
	if err != nil {
		return err
	}
	ex, err := extract.New()
	if err != nil {
		return err
	}
	type score struct{ tp, sys, gold int }
	var scores [2][2]score // [vnews, prose][PERSON, UNIT]
	var times [2]time.Duration
	n := 0
	err = eachJSONLine(d.path("articles", "dev.jsonl"), func(b []byte) error {
		var a struct {
			ID   string `json:"id"`
			Text string `json:"text"`
		}
		if err := json.Unmarshal(b, &a); err != nil {
			return err
		}
		g, ok := gold[a.ID]
		if !ok {
			return nil
		}
		n++
		text := nlp.Normalize(a.Text)
		var want [2]map[string]int
		for t := range want {
			want[t] = map[string]int{}
		}
		for _, e := range g.Entities {
			switch e.Type {
			case "PERSON":
				want[0][nlp.Normalize(e.Text)]++
			case "UNIT":
				want[1][nlp.Normalize(e.Text)]++
			}
		}
		var got [2][2]map[string]int
		for s := range got {
			for t := range got[s] {
				got[s][t] = map[string]int{}
			}
		}
		st := time.Now()
		doc := an.AnalyzeNormalized(text, nlp.Hints{})
		res, err := ex.Extract(doc, extract.Options{})
		if err != nil {
			return err
		}
		for _, e := range res.Entities {
			switch e.Type {
			case extract.Person:
				got[0][0][e.Text]++
			case extract.Unit:
				got[0][1][e.Text]++
			}
		}
		times[0] += time.Since(st)
		st = time.Now()
		pes, err := proseEntities(text)
		times[1] += time.Since(st)
		if err != nil {
			return err
		}
		for _, e := range pes {
			switch e.Label {
			case "PERSON":
				got[1][0][e.Text]++
			case "ORG":
				got[1][1][e.Text]++
			}
		}
		for s := range got {
			for t := range got[s] {
				sc := &scores[s][t]
				for k, c := range got[s][t] {
					sc.sys += c
					sc.tp += min(c, want[t][k])
				}
				for _, c := range want[t] {
					sc.gold += c
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Printf("articles=%d (entity texts matched per article)\n", n)
	for s, name := range []string{"vnews", "prose"} {
		for t, typ := range []string{"PERSON", "UNIT/ORG"} {
			sc := scores[s][t]
			p := float64(sc.tp) / float64(max(sc.sys, 1))
			r := float64(sc.tp) / float64(max(sc.gold, 1))
			f := 0.0
			if p+r > 0 {
				f = 2 * p * r / (p + r)
			}
			fmt.Printf("%-6s %-9s P=%5.1f R=%5.1f F1=%5.1f\n", name, typ, 100*p, 100*r, 100*f)
		}
		fmt.Printf("%-6s %.1f ms/article\n", name, float64(times[s].Microseconds())/1000/float64(max(n, 1)))
	}
	return nil
}

// eachJSONLine calls fn with every non-empty line of a JSON Lines file.
func eachJSONLine(path string, fn func([]byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		if len(sc.Bytes()) == 0 {
			continue
		}
		if err := fn(sc.Bytes()); err != nil {
			return err
		}
	}
	return sc.Err()
}
