package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/vnews/vnews/extract"
	"github.com/vnews/vnews/extract/summary"
	"github.com/vnews/vnews/nlp"
)

// runSummary trains the summarizer's model on the VietNews training
// articles, whose reference summary is the newspaper's own lead paragraph
// (not part of the text):
//
//  1. idf of every syllable over the articles (data/idf.txt);
//  2. the feature rows of every candidate sentence, with the sentence's
//     ROUGE-1/2 F1 against the reference as its target;
//  3. a ridge regression of the target on the features;
//  4. the redundancy weight (MMR) that gives the best ROUGE on held-out
//     training articles, comparing with LEAD-k there.
//
// Each article is laid out as the evaluation lays it out: the title, a
// blank line, then the body sentences joined by spaces.
func runSummary(args []string) error {
	fs := flag.NewFlagSet("summary", flag.ExitOnError)
	var d dataFlags
	d.register(fs)
	out := fs.String("out", "extract/summary/data", "directory for model.txt and idf.txt")
	held := fs.Int("heldout", 2000, "training articles kept out of the fit to choose the redundancy weight")
	ridge := fs.Float64("ridge", 1.0, "ridge penalty")
	recall := fs.Bool("recall", false, "regress on ROUGE recall instead of F1")
	kind := fs.String("model", "linear", "linear or gbdt")
	nTrees := fs.Int("trees", 200, "gbdt: trees")
	depth := fs.Int("depth", 4, "gbdt: depth of a tree")
	minLeaf := fs.Int("minleaf", 200, "gbdt: fewest rows in a leaf")
	rate := fs.Float64("rate", 0.1, "gbdt: learning rate")
	mix := fs.Float64("r2", 0.5, "weight of ROUGE-2 in the target (the rest is ROUGE-1)")
	mmrs := fs.String("mmr", "0.1,0.2,0.3,0.4", "redundancy weights to try")
	lenpens := fs.String("lenpen", "0.05,0.1,0.15,0.2", "length penalties to try")
	tuneDev := fs.Bool("tune-dev", true, "choose the redundancy weight and length penalty on the VietNews dev articles (else on held-out training articles)")
	fs.Parse(args)

	var arts []*vietnewsArticle
	if err := readVietnews(d.path("summaries", "vietnews-train-12k.jsonl.gz"), func(a *vietnewsArticle) error {
		if len(a.Body) > 0 && strings.TrimSpace(a.Summary) != "" {
			arts = append(arts, a)
		}
		return nil
	}); err != nil {
		return err
	}
	if len(arts) <= *held {
		return fmt.Errorf("only %d articles", len(arts))
	}
	an, err := nlp.Default()
	if err != nil {
		return err
	}
	ex, err := extract.New()
	if err != nil {
		return err
	}
	docs := make([]*nlp.Document, len(arts))
	ents := make([]func(int) int, len(arts))
	for i, a := range arts {
		docs[i] = an.AnalyzeNormalized(articleText(a), nlp.Hints{})
		res, err := ex.Extract(docs[i], extract.Options{})
		if err != nil {
			return err
		}
		ents[i] = entityCounts(docs[i], res)
	}

	// 1. idf over all the training articles.
	idfText := buildIDF(docs)
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(*out, "idf.txt"), []byte(idfText), 0o644); err != nil {
		return err
	}
	zero := zeroModel()
	s, err := summary.NewFromModel(strings.NewReader(zero), strings.NewReader(idfText))
	if err != nil {
		return err
	}

	// 2. Rows and targets of the fitting articles.
	fit := len(arts) - *held
	names := summary.FeatureNames()
	k := len(names)
	var xs [][]float64
	var ys []float64
	for i := 0; i < fit; i++ {
		ref := rougeTokens(arts[i].Summary)
		cands, x := s.Features(docs[i], summary.Options{Entities: ents[i]})
		for ci, si := range cands {
			cand := rougeTokens(docs[i].SentenceText(si))
			r1, r2 := rougeF(cand, ref)
			if *recall {
				r1, r2 = ngramRecall(cand, ref, 1), ngramRecall(cand, ref, 2)
			}
			xs = append(xs, x[ci])
			ys = append(ys, (1-*mix)*r1+*mix*r2)
		}
	}
	rows := len(xs)
	w := make([]float64, k)
	var trees strings.Builder
	switch *kind {
	case "linear":
		if w, err = fitRidge(xs, ys, *ridge); err != nil {
			return err
		}
	case "gbdt":
		base, ts := fitGBDT(xs, ys, gbdtParams{trees: *nTrees, depth: *depth, minLeaf: *minLeaf, rate: *rate})
		writeTrees(&trees, names, base, ts)
	default:
		return fmt.Errorf("-model %q: want linear or gbdt", *kind)
	}

	// 3. The redundancy weight, on held-out articles.
	var model strings.Builder
	writeModel := func(mmr, lenpen float64) string {
		model.Reset()
		if *kind == "gbdt" {
			fmt.Fprintf(&model, "# vnews summary model: %d gradient-boosted regression trees (depth %d, rate %g) of each sentence's\n", *nTrees, *depth, *rate)
		} else {
			fmt.Fprintf(&model, "# vnews summary model: ridge regression of each sentence's\n")
		}
		fmt.Fprintf(&model, "# %.2f ROUGE-1 F1 + %.2f ROUGE-2 F1\n", 1-*mix, *mix)
		fmt.Fprintf(&model, "# against the reference lead, over %d sentences of %d VietNews training articles.\n", rows, fit)
		fmt.Fprintf(&model, "# Rebuild: go run ./cmd/vnews-train summary\n")
		fmt.Fprintf(&model, "mmr %.3f\n", mmr)
		fmt.Fprintf(&model, "lenpen %.3f\n", lenpen)
		for i, n := range names {
			fmt.Fprintf(&model, "w %s %.6f\n", n, w[i])
		}
		model.WriteString(trees.String())
		return model.String()
	}
	best, bestLen, bestScore := 0.0, 0.0, -1.0
	for _, cfg := range grid(*mmrs, *lenpens) {
		mmr, lenpen := cfg[0], cfg[1]
		sm, err := summary.NewFromModel(strings.NewReader(writeModel(mmr, lenpen)), strings.NewReader(idfText))
		if err != nil {
			return err
		}
		var line strings.Builder
		total := 0.0
		for n := 1; n <= 3; n++ {
			var sys, lead [2]float64
			for i := fit; i < len(arts); i++ {
				ref := rougeTokens(arts[i].Summary)
				sum := sm.Summarize(docs[i], summary.Options{N: n, Entities: ents[i]})
				r1, r2 := rougeF(rougeTokens(sum.Text), ref)
				sys[0] += r1
				sys[1] += r2
				l1, l2 := rougeF(rougeTokens(leadText(docs[i], n)), ref)
				lead[0] += l1
				lead[1] += l2
			}
			h := float64(len(arts) - fit)
			fmt.Fprintf(&line, "  n=%d R1 %.2f R2 %.2f (LEAD %.2f %.2f)", n, 100*sys[0]/h, 100*sys[1]/h, 100*lead[0]/h, 100*lead[1]/h)
			total += sys[0] + sys[1]
		}
		fmt.Printf("mmr %.2f lenpen %.2f:%s\n", mmr, lenpen, line.String())
		if *tuneDev {
			dev, err := printDev(sm, an, ex, d.path("summaries", "vietnews-dev.jsonl"))
			if err != nil {
				return err
			}
			total = dev
		}
		if total > bestScore {
			best, bestLen, bestScore = mmr, lenpen, total
		}
	}
	fmt.Printf("redundancy weight %.2f, length penalty %.2f; %d rows from %d articles\n", best, bestLen, rows, fit)
	return os.WriteFile(filepath.Join(*out, "model.txt"), []byte(writeModel(best, bestLen)), 0o644)
}

// fitRidge solves the ridge regression of y on x (no penalty on the first
// column, the bias).
func fitRidge(x [][]float64, y []float64, ridge float64) ([]float64, error) {
	k := len(x[0])
	xtx := make([][]float64, k)
	for i := range xtx {
		xtx[i] = make([]float64, k)
	}
	xty := make([]float64, k)
	for r := range x {
		for a := range k {
			if x[r][a] == 0 {
				continue
			}
			xty[a] += x[r][a] * y[r]
			for b := range k {
				xtx[a][b] += x[r][a] * x[r][b]
			}
		}
	}
	for a := 1; a < k; a++ {
		xtx[a][a] += ridge
	}
	return solve(xtx, xty)
}

// articleText lays an article out as the evaluation does.
func articleText(a *vietnewsArticle) string {
	return nlp.Normalize(strings.TrimSpace(a.Title) + "\n\n" + strings.Join(a.Body, " "))
}

// entityCounts counts the named entities of each sentence, as the record
// builder does for the summarizer.
func entityCounts(doc *nlp.Document, res *extract.Result) func(int) int {
	counts := make([]int, len(doc.Sentences))
	for _, e := range res.Entities {
		switch e.Type {
		case extract.Person, extract.Unit, extract.Rank, extract.Date:
			counts[e.Sentence]++
		}
	}
	return func(i int) int { return counts[i] }
}

// leadText is LEAD-n with vnews's own sentences: the first n content
// sentences.
func leadText(doc *nlp.Document, n int) string {
	var parts []string
	for i, s := range doc.Sentences {
		if len(parts) == n {
			break
		}
		if s.Role == nlp.RoleLead || s.Role == nlp.RoleBody {
			parts = append(parts, doc.SentenceText(i))
		}
	}
	return strings.Join(parts, " ")
}

// buildIDF writes the idf of every syllable found in at least three
// articles, "default" for the others: ln((N+1)/(df+1)) + 1.
func buildIDF(docs []*nlp.Document) string {
	df := map[string]int{}
	surface := map[string]string{}
	seen := map[string]bool{}
	for _, doc := range docs {
		clear(seen)
		for _, t := range doc.Tokens {
			if t.Kind != nlp.KindWord && t.Kind != nlp.KindNumber && t.Kind != nlp.KindCode {
				continue
			}
			k := nlp.Key(t.Text)
			if !seen[k] {
				seen[k] = true
				df[k]++
				if s, ok := surface[k]; !ok || strings.ToLower(t.Text) < s {
					surface[k] = strings.ToLower(t.Text)
				}
			}
		}
	}
	n := float64(len(docs))
	var lines []string
	for k, c := range df {
		if c < 3 || strings.ContainsAny(surface[k], "\t\n\r") {
			continue
		}
		lines = append(lines, fmt.Sprintf("%s\t%.3f", surface[k], math.Log((n+1)/float64(c+1))+1))
	}
	sort.Strings(lines)
	var b strings.Builder
	fmt.Fprintf(&b, "# idf of syllables over %d VietNews training articles: ln((N+1)/(df+1)) + 1, df >= 3.\n", len(docs))
	fmt.Fprintf(&b, "# Rebuild: go run ./cmd/vnews-train summary\n")
	fmt.Fprintf(&b, "default\t%.3f\n", math.Log(n+1)+1)
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}

func zeroModel() string {
	var b strings.Builder
	b.WriteString("mmr 0\n")
	for _, n := range summary.FeatureNames() {
		fmt.Fprintf(&b, "w %s 0\n", n)
	}
	return b.String()
}

// rougeTokens tokenizes as the ROUGE scorer does: lowercase, every
// character that is not a letter, digit or mark separates.
func rougeTokens(s string) []string {
	s = strings.ToLower(nlp.Normalize(strings.ReplaceAll(s, "_", " ")))
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r))
	})
}

// rougeF returns the ROUGE-1 and ROUGE-2 F1 of a candidate against a
// reference.
func rougeF(cand, ref []string) (float64, float64) {
	return ngramF1(cand, ref, 1), ngramF1(cand, ref, 2)
}

func ngramF1(cand, ref []string, n int) float64 {
	ov, cn, rn := ngramOverlap(cand, ref, n)
	if ov == 0 {
		return 0
	}
	p, q := float64(ov)/float64(cn), float64(ov)/float64(rn)
	return 2 * p * q / (p + q)
}

// ngramRecall is the share of the reference's n-grams the candidate has.
func ngramRecall(cand, ref []string, n int) float64 {
	ov, _, rn := ngramOverlap(cand, ref, n)
	if ov == 0 {
		return 0
	}
	return float64(ov) / float64(rn)
}

// ngramOverlap returns the n-grams candidate and reference share (clipped
// counts) and how many each has.
func ngramOverlap(cand, ref []string, n int) (ov, cn, rn int) {
	if len(cand) < n || len(ref) < n {
		return 0, 0, 0
	}
	count := func(t []string) map[string]int {
		m := map[string]int{}
		for i := 0; i+n <= len(t); i++ {
			m[strings.Join(t[i:i+n], " ")]++
		}
		return m
	}
	c, r := count(cand), count(ref)
	for g, x := range c {
		ov += min(x, r[g])
	}
	return ov, len(cand) - n + 1, len(ref) - n + 1
}

// solve solves the symmetric system a x = b by Gaussian elimination with
// partial pivoting.
func solve(a [][]float64, b []float64) ([]float64, error) {
	n := len(b)
	m := make([][]float64, n)
	for i := range m {
		m[i] = append(append([]float64(nil), a[i]...), b[i])
	}
	for c := range n {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(m[r][c]) > math.Abs(m[p][c]) {
				p = r
			}
		}
		if math.Abs(m[p][c]) < 1e-12 {
			return nil, fmt.Errorf("singular system at feature %d", c)
		}
		m[c], m[p] = m[p], m[c]
		for r := c + 1; r < n; r++ {
			f := m[r][c] / m[c][c]
			for k := c; k <= n; k++ {
				m[r][k] -= f * m[c][k]
			}
		}
	}
	x := make([]float64, n)
	for r := n - 1; r >= 0; r-- {
		v := m[r][n]
		for k := r + 1; k < n; k++ {
			v -= m[r][k] * x[k]
		}
		x[r] = v / m[r][r]
	}
	return x, nil
}

// printDev prints ROUGE on the dev articles for -n 1, 2, 3, with LEAD-k
// computed from vnews's sentences (the official scorer's LEAD-k uses its
// own, cruder sentence split).
func printDev(sm *summary.Summarizer, an *nlp.Analyzer, ex *extract.Extractor, path string) (float64, error) {
	type devArticle struct {
		Text string `json:"text"`
		Ref  string `json:"reference_summary"`
	}
	var arts []devArticle
	if err := eachJSONLine(path, func(b []byte) error {
		var a devArticle
		if err := json.Unmarshal(b, &a); err != nil {
			return err
		}
		arts = append(arts, a)
		return nil
	}); err != nil {
		return 0, err
	}
	var line strings.Builder
	total := 0.0
	for n := 1; n <= 3; n++ {
		var r [2]float64
		for _, a := range arts {
			doc := an.AnalyzeNormalized(nlp.Normalize(a.Text), nlp.Hints{})
			res, err := ex.Extract(doc, extract.Options{})
			if err != nil {
				return 0, err
			}
			sum := sm.Summarize(doc, summary.Options{N: n, Entities: entityCounts(doc, res)})
			r1, r2 := rougeF(rougeTokens(sum.Text), rougeTokens(a.Ref))
			r[0] += r1
			r[1] += r2
		}
		fmt.Fprintf(&line, "  n=%d R1 %.2f R2 %.2f", n, 100*r[0]/float64(len(arts)), 100*r[1]/float64(len(arts)))
		total += (r[0] + r[1]) / float64(len(arts))
	}
	fmt.Printf("   dev:%s\n", line.String())
	return total, nil
}

// grid returns every pair of the comma-separated values of a and b.
func grid(a, b string) [][2]float64 {
	parse := func(s string) []float64 {
		var out []float64
		for _, f := range strings.Split(s, ",") {
			var v float64
			if _, err := fmt.Sscan(strings.TrimSpace(f), &v); err == nil {
				out = append(out, v)
			}
		}
		return out
	}
	var out [][2]float64
	for _, x := range parse(a) {
		for _, y := range parse(b) {
			out = append(out, [2]float64{x, y})
		}
	}
	return out
}
