package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/vnews/vnews/internal/segtrain"
	"github.com/vnews/vnews/nlp"
)

// runSegmenter trains the word segmentation model on the gold corpora (and
// optionally silver VietNews sentences), reports its F1 on UD VTB dev, and
// writes the model.
func runSegmenter(args []string) error {
	fs := flag.NewFlagSet("segmenter", flag.ExitOnError)
	var d dataFlags
	d.register(fs)
	out := fs.String("out", "nlp/data/segmenter.bin", "output model file (empty: write nothing)")
	lexOut := fs.String("lexicon-out", "nlp/data/words.txt", "output word list, the run-time lexicon")
	minSilver := fs.Int("min-silver", 1, "minimum count of a silver word in the lexicon")
	folds := fs.Int("folds", 5, "jackknife folds for the lexicon features")
	minCount := fs.Int("min-count", 1, "minimum count of a training bigram or trigram to get weights")
	pairMin := fs.Int("pair-min", 2, "minimum count of a silver syllable pair kept in the join statistics (0: no statistics)")
	epochs := fs.Int("epochs", 10, "training passes")
	silver := fs.Int("silver", 0, "silver VietNews sentences to add to the training data")
	silverWeight := fs.Float64("silver-weight", 0.3, "probability that a silver sentence is seen in an epoch")
	report := fs.Int("errors", 0, "print the N most frequent errors on dev")
	runs := fs.Int("runs", 1, "perceptrons trained with different shuffles and averaged")
	holdout := fs.Int("holdout", 0, "percent of the VietTreebank corpus held out and scored (for analysis)")
	udWeight := fs.Float64("ud-weight", 4, "weight of UD VTB train (whole part: copies, fraction: sampling)")
	vtbWeight := fs.Float64("vtb-weight", 1, "weight of the VietTreebank POS corpus")
	vlspWeight := fs.Float64("vlsp-weight", 1, "weight of the VLSP 2013 sample")
	seed := fs.Int64("seed", 1, "shuffling seed")
	dictSrc := fs.String("dict", defaultDictURL, "dictionary for the dictionary features: npm package address, .tgz file or word list (empty: none)")
	adapt := fs.Bool("adapt", false, "domain adaptation: UD VTB is the target domain (feature copies per domain)")
	fs.Parse(args)

	ud, vtb, vlsp, err := d.goldCorpora()
	if err != nil {
		return err
	}
	var train []goldSentence
	var weights []float64
	var target []bool
	addCorpus := func(c []goldSentence, w float64, isTarget bool) {
		for ; w > 0; w-- {
			train = append(train, c...)
			for range c {
				weights = append(weights, min(w, 1))
				target = append(target, isTarget)
			}
		}
	}
	var heldOut []goldSentence
	if *holdout > 0 {
		cut := len(vtb) * (100 - *holdout) / 100
		vtb, heldOut = vtb[:cut], vtb[cut:]
	}
	addCorpus(ud, *udWeight, true)
	addCorpus(vtb, *vtbWeight, false)
	addCorpus(vlsp, *vlspWeight, false)
	if *silver > 0 {
		n := 0
		err := readVietnews(d.path("summaries", "vietnews-train-12k.jsonl.gz"), func(a *vietnewsArticle) error {
			for _, line := range a.BodyTok {
				if n >= *silver {
					return nil
				}
				before := len(train)
				train = appendJoinedLine(train, line, false)
				for range len(train) - before {
					weights = append(weights, *silverWeight)
					target = append(target, false)
				}
				n++
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	lex, err := silverLexicon(&d, *minSilver)
	if err != nil {
		return err
	}
	var pairs *segtrain.PairStats
	if *pairMin > 0 {
		pairs = segtrain.NewPairStats()
		err := readVietnews(d.path("summaries", "vietnews-train-12k.jsonl.gz"), func(a *vietnewsArticle) error {
			for _, line := range a.BodyTok {
				for _, s := range appendJoinedLine(nil, line, false) {
					pairs.AddSentence(segtrain.Sentence(s))
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "silver pairs kept: %d\n", pairs.Prune(*pairMin))
	}
	data := make([]segtrain.Sentence, len(train))
	for i, s := range train {
		data[i] = segtrain.Sentence(s)
	}
	start := time.Now()
	opts := segtrain.Options{
		Epochs: *epochs, Seed: *seed, Lexicon: lex, Weights: weights, Folds: *folds, Pairs: pairs, MinCount: *minCount, Runs: *runs,
		Progress: func(e int, acc float64) {
			fmt.Fprintf(os.Stderr, "epoch %d: training accuracy %.4f (%v)\n", e, acc, time.Since(start).Round(time.Second))
		},
	}
	if *adapt {
		opts.Target = target
	}
	if opts.Dict, err = loadDictionary(*dictSrc); err != nil {
		return err
	}
	if opts.Dict != nil {
		fmt.Fprintf(os.Stderr, "dictionary: %d multi-syllable words\n", opts.Dict.Len())
	}
	model := segtrain.Train(data, opts)
	v, b, t, w := model.Stats()
	fmt.Fprintf(os.Stderr, "model: %d syllables, %d bigrams, %d trigrams, %d weights; %d training sentences\n", v, b, t, w, len(data))
	p, r, f1, err := evalDev(d.path("segmentation", "vi_vtb-ud-dev.conllu"), model.Segment)
	if err != nil {
		return err
	}
	fmt.Printf("UD VTB dev: P=%.2f R=%.2f F1=%.2f\n", p, r, f1)
	if len(heldOut) > 0 {
		tp, fp, fn := 0, 0, 0
		for _, s := range heldOut {
			var words, syl []string
			for _, w := range s {
				words = append(words, strings.Join(w, "_"))
				syl = append(syl, w...)
			}
			a, b, c := spanCounts(wordSpans(words), wordSpans(strings.Fields(model.Segment(strings.Join(syl, " ")))))
			tp, fp, fn = tp+a, fp+b, fn+c
		}
		p, r := float64(tp)/float64(tp+fp), float64(tp)/float64(tp+fn)
		fmt.Printf("held-out VietTreebank (%d sentences): P=%.2f R=%.2f F1=%.2f\n", len(heldOut), 100*p, 100*r, 200*p*r/(p+r))
	}
	if *report > 0 {
		if err := errorReport(d.path("segmentation", "vi_vtb-ud-dev.conllu"), model.Segment, *report); err != nil {
			return err
		}
	}
	if *out == "" {
		return nil
	}
	full := nlp.NewLexicon()
	full.Merge(lex)
	if *folds > 1 {
		full.Merge(segtrain.TrainingWords(data))
	}
	if err := writeLexicon(*lexOut, full); err != nil {
		return err
	}
	of, err := os.Create(*out)
	if err != nil {
		return err
	}
	if _, err := model.WriteTo(of); err != nil {
		of.Close()
		return err
	}
	return of.Close()
}

// evalDev segments the "# text" lines of a CoNLL-U file and scores the words
// against its gold FORMs as ../shared/eval/score_ws.py does: word spans
// over the text without white space.
func evalDev(path string, segment func(string) string) (p, r, f1 float64, err error) {
	texts, gold, err := readUDDev(path)
	if err != nil {
		return 0, 0, 0, err
	}
	tp, fp, fn := 0, 0, 0
	for i, t := range texts {
		sys := strings.Fields(segment(t))
		a, b, c := spanCounts(wordSpans(gold[i]), wordSpans(sys))
		tp, fp, fn = tp+a, fp+b, fn+c
	}
	p = float64(tp) / float64(tp+fp)
	r = float64(tp) / float64(tp+fn)
	return 100 * p, 100 * r, 200 * p * r / (p + r), nil
}

// readUDDev reads a CoNLL-U file's "# text" lines and, for each sentence,
// its gold words (multi-word token ranges and empty nodes left out), with
// the syllables of a word joined by "_".
func readUDDev(path string) (texts []string, gold [][]string, err error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer fh.Close()
	var cur []string
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "# text"):
			texts = append(texts, strings.TrimSpace(line[strings.IndexByte(line, '=')+1:]))
		case line == "":
			if cur != nil {
				gold = append(gold, cur)
				cur = nil
			}
		case line[0] != '#':
			cols := strings.Split(line, "\t")
			if !strings.ContainsAny(cols[0], "-.") {
				cur = append(cur, strings.ReplaceAll(nlp.Normalize(cols[1]), " ", "_"))
			}
		}
	}
	if cur != nil {
		gold = append(gold, cur)
	}
	return texts, gold, sc.Err()
}

// spanCounts compares system word spans with gold ones: true positives,
// false positives and false negatives.
func spanCounts(gold, sys map[[2]int]bool) (tp, fp, fn int) {
	for k := range sys {
		if gold[k] {
			tp++
		} else {
			fp++
		}
	}
	for k := range gold {
		if !sys[k] {
			fn++
		}
	}
	return tp, fp, fn
}

// wordSpans returns the words' [start, end) spans in runes over the text
// with "_" and spaces removed.
func wordSpans(words []string) map[[2]int]bool {
	out := map[[2]int]bool{}
	pos := 0
	for _, w := range words {
		n := 0
		for _, c := range w {
			if c != '_' && c != ' ' {
				n++
			}
		}
		if n > 0 {
			out[[2]int{pos, pos + n}] = true
		}
		pos += n
	}
	return out
}

// errorReport prints the most frequent segmentation errors on dev: words the
// system made that gold does not have, and gold words it missed.
func errorReport(path string, segment func(string) string, top int) error {
	texts, gold, err := readUDDev(path)
	if err != nil {
		return err
	}
	extra, missed := map[string]int{}, map[string]int{}
	for i, t := range texts {
		sys := strings.Fields(segment(t))
		g, s := wordSpans(gold[i]), wordSpans(sys)
		name := func(words []string, span [2]int) string {
			pos := 0
			for _, w := range words {
				n := len([]rune(strings.ReplaceAll(w, "_", "")))
				if pos == span[0] && pos+n == span[1] {
					return w
				}
				pos += n
			}
			return "?"
		}
		for k := range s {
			if !g[k] {
				extra[name(sys, k)]++
			}
		}
		for k := range g {
			if !s[k] {
				missed[name(gold[i], k)]++
			}
		}
	}
	for _, m := range []struct {
		title string
		c     map[string]int
	}{{"system words not in gold", extra}, {"gold words missed", missed}} {
		type kv struct {
			k string
			v int
		}
		var es []kv
		for k, v := range m.c {
			es = append(es, kv{k, v})
		}
		slices.SortFunc(es, func(a, b kv) int { return b.v - a.v })
		fmt.Printf("%s:", m.title)
		for i := 0; i < top && i < len(es); i++ {
			fmt.Printf(" %s(%d)", es[i].k, es[i].v)
		}
		fmt.Println()
	}
	return nil
}
