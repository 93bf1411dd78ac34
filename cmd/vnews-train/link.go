package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/vnews/vnews/extract"
	"github.com/vnews/vnews/internal/link"
	"github.com/vnews/vnews/nlp"
)

// runLink trains the profile linker (internal/link) on the annotated
// training articles and writes extract/data/linker.bin; with -cv it reports
// 5-fold cross-validation on the folds of train-folds.json instead, on gold
// PERSON/UNIT/RANK spans and on the extractor's own spans.
//
//	go run ./cmd/vnews-train link [-data DIR] [-out extract/data/linker.bin] [-cv] [-learner softmax|perceptron] [-epochs N] [-orders N] [-train gold|pred|both]
func runLink(args []string) error {
	fs := flag.NewFlagSet("link", flag.ExitOnError)
	var d dataFlags
	d.register(fs)
	out := fs.String("out", "extract/data/linker.bin", "model file to write")
	cv := fs.Bool("cv", false, "report 5-fold cross-validation instead of writing the model")
	epochs := fs.Int("epochs", 0, "passes over the examples (0: the learner's default, 5 for softmax, 12 for the perceptron)")
	orders := fs.Int("orders", 0, "train this many models, each on its own order of the examples (the first as read, the others shuffled with fixed seeds), and average their weights (0: the learner's default, 1 for softmax, 16 for the perceptron)")
	trainOn := fs.String("train", "gold", "training inputs: gold (gold PERSON/UNIT/RANK spans), pred (the extractor's own) or both")
	none := fs.Bool("none", true, "train \"no value\" on slots the gold profile leaves empty")
	verbose := fs.Bool("v", false, "print the errors of the predicted-span run")
	learner := fs.String("learner", "softmax", "softmax (log-linear over each slot's candidates, AdaGrad) or perceptron (averaged, -orders of them)")
	rate := fs.Float64("rate", 0.2, "softmax: AdaGrad learning rate")
	l2 := fs.Float64("l2", 1e-2, "softmax: L2 penalty per update")
	foldModels := fs.String("foldmodels", "", "predicted spans from the learned tagger of each article's fold, read from this directory (vnews-train ner -cv -foldmodels); default: the rules alone")
	fs.Parse(args)

	folds, err := readFolds(d.path("articles", "train-folds.json"))
	if err != nil {
		return err
	}
	foldOf := map[string]int{}
	for f, ids := range folds {
		for _, id := range ids {
			foldOf[id] = f
		}
	}
	var taggers []taggerFiles
	if *foldModels != "" {
		for k := range folds {
			taggers = append(taggers, taggerFiles{
				filepath.Join(*foldModels, fmt.Sprintf("tagger-%d.bin", k)),
				filepath.Join(*foldModels, fmt.Sprintf("gazetteer-%d.txt", k))})
		}
	}
	arts, err := loadLinkArticles(&d, foldOf, taggers)
	if err != nil {
		return err
	}
	switch {
	case *learner != "softmax" && *learner != "perceptron":
		return fmt.Errorf("-learner %q: want softmax or perceptron", *learner)
	case *learner == "softmax":
		*epochs = cmp.Or(max(*epochs, 0), 5)
		*orders = cmp.Or(max(*orders, 0), 1)
	default:
		*epochs = cmp.Or(max(*epochs, 0), 12)
		*orders = cmp.Or(max(*orders, 0), 16)
	}
	cfg := trainConfig{epochs: *epochs, on: *trainOn, none: *none, orders: max(*orders, 1), learner: *learner, rate: *rate, l2: *l2}
	if !*cv {
		m := trainLinker(arts, cfg)
		n, err := writeFileFrom(*out, m)
		if err != nil {
			return err
		}
		fmt.Printf("wrote %s: %d weights, %d bytes\n", *out, len(m.W), n)
		return nil
	}
	var tot [3]attrScore // rules (predicted spans), learned on gold spans, learned on predicted spans
	var ceilG, ceilP attrScore
	for f := range folds {
		var tr, te []*linkArticle
		for _, a := range arts {
			if foldOf[a.id] == f {
				te = append(te, a)
			} else {
				tr = append(tr, a)
			}
		}
		m := trainLinker(tr, cfg)
		for _, a := range te {
			tot[0].addAttrs(a.gold, a.predNames, ruleAttrs(a), nil)
			tot[1].addAttrs(a.gold, goldNames(a), m.Decide(a.goldIn), verboseOut(os.Getenv("LINKGOLD") != "", a))
			tot[2].addAttrs(a.gold, a.predNames, m.Decide(a.predIn), verboseOut(*verbose, a))
			ceilG.addCeiling(a.gold, goldNames(a), a.goldIn)
			if os.Getenv("LINKMISS") != "" {
				printMisses(a)
			}
			ceilP.addCeiling(a.gold, a.predNames, a.predIn)
		}
	}
	fmt.Printf("5-fold CV, %d articles (train on %s, %s, %d epochs, %d orders)\n", len(arts), *trainOn, *learner, *epochs, cfg.orders)
	fmt.Printf("%-34s %8s %8s %8s %8s   %8s %8s %8s\n", "", "found", "rank", "position", "unit", "+rank", "+post", "+unit")
	fmt.Println("(rank/position/unit: accuracy on gold profiles that have it; +: share of gold profiles without it that get one)")
	tot[0].print("rules, predicted spans")
	tot[1].print("learned, gold spans")
	tot[2].print("learned, predicted spans")
	ceilG.print("ceiling (candidate exists), gold")
	ceilP.print("ceiling (candidate exists), pred")
	return nil
}

func verboseOut(v bool, a *linkArticle) *linkArticle {
	if v {
		return a
	}
	return nil
}

// goldProfile is a profile of the gold file.
type goldProfile struct {
	Name     string  `json:"name"`
	Rank     *string `json:"rank"`
	Position *string `json:"position"`
	Unit     *string `json:"unit"`
}

func (g *goldProfile) slot(s int) *string {
	switch s {
	case link.SlotRank:
		return g.Rank
	case link.SlotPosition:
		return g.Position
	}
	return g.Unit
}

// linkArticle is one training article: its linker inputs on gold and on
// predicted spans, the gold profiles and the rules' profiles.
type linkArticle struct {
	id         string
	gold       []goldProfile
	goldIn     *link.Input // gold PERSON/UNIT/RANK spans, the extractor's POSITIONs
	predIn     *link.Input // the extractor's own spans
	predNames  []string    // names of predIn's people
	rulePeople []extract.Profile
	// goldOf maps each person of predIn to the gold profile the scorer
	// matches it with, -1 if none.
	goldOf []int
}

func goldNames(a *linkArticle) []string {
	out := make([]string, len(a.gold))
	for i, g := range a.gold {
		out[i] = g.Name
	}
	return out
}

// matchProfile is the scorer's matching of a gold name to system names:
// equal, else the first system name containing it, or contained in it
// with more than one word.
func matchProfile(name string, sys []string) int {
	for i, s := range sys {
		if s == name {
			return i
		}
	}
	for i, s := range sys {
		if strings.Contains(s, name) || s != "" && strings.Contains(name, s) && len(strings.Fields(s)) > 1 {
			return i
		}
	}
	return -1
}

// taggerFiles are the tagger and gazetteer files of one fold.
type taggerFiles struct{ tagger, gazetteer string }

// extractor returns an extractor with an empty linker (the trainer's) that
// calls trace with each article's linker input; with files, the learned
// tagger from them decides PERSON and UNIT.
func linkExtractor(files *taggerFiles, trace func(*link.Input)) (*extract.Extractor, error) {
	opts := []extract.Option{extract.WithLinkerModel(strings.NewReader("VNLINK1\n\x00\x00\x00\x00")), extract.WithLinkTrace(trace), extract.WithRulesOnly()}
	if files != nil {
		t, err := os.ReadFile(files.tagger)
		if err != nil {
			return nil, err
		}
		g, err := os.ReadFile(files.gazetteer)
		if err != nil {
			return nil, err
		}
		opts = append(opts, extract.WithTaggerModel(bytes.NewReader(t), bytes.NewReader(g)))
	}
	return extract.New(opts...)
}

// loadLinkArticles reads the training articles and builds the linker's
// inputs; with taggers (one per fold), an article's predicted spans come
// from its fold's tagger, which never saw it.
func loadLinkArticles(d *dataFlags, foldOf map[string]int, taggers []taggerFiles) ([]*linkArticle, error) {
	type goldDoc struct {
		ID       string `json:"id"`
		Entities []struct {
			Type      string `json:"type"`
			Text      string `json:"text"`
			Start     int    `json:"start"`
			End       int    `json:"end"`
			Canonical string `json:"canonical"`
		} `json:"entities"`
		People []goldProfile `json:"people"`
	}
	gold := map[string]*goldDoc{}
	if err := eachJSONLine(d.path("articles", "train-gold.jsonl"), func(b []byte) error {
		var g goldDoc
		if err := json.Unmarshal(b, &g); err != nil {
			return err
		}
		for i := range g.People {
			g.People[i].Name = nlp.Normalize(g.People[i].Name)
		}
		gold[g.ID] = &g
		return nil
	}); err != nil {
		return nil, err
	}
	an, err := nlp.Default()
	if err != nil {
		return nil, err
	}
	var traced *link.Input
	trace := func(in *link.Input) { traced = in }
	ex, err := linkExtractor(nil, trace)
	if err != nil {
		return nil, err
	}
	var foldEx []*extract.Extractor
	for k := range taggers {
		e, err := linkExtractor(&taggers[k], trace)
		if err != nil {
			return nil, err
		}
		foldEx = append(foldEx, e)
	}
	var arts []*linkArticle
	err = eachJSONLine(d.path("articles", "train.jsonl"), func(b []byte) error {
		var a struct {
			ID   string `json:"id"`
			Text string `json:"text"`
		}
		if err := json.Unmarshal(b, &a); err != nil {
			return err
		}
		g := gold[a.ID]
		if g == nil {
			return nil
		}
		dec, err := nlp.DecodeString(a.Text)
		if err != nil {
			return fmt.Errorf("%s: %w", a.ID, err)
		}
		doc := an.AnalyzeNormalized(dec.Text, nlp.Hints{})
		traced = nil
		x := ex
		if foldEx != nil {
			x = foldEx[foldOf[a.ID]]
		}
		res, err := x.Extract(doc, extract.Options{})
		if err != nil {
			return fmt.Errorf("%s: %w", a.ID, err)
		}
		la := &linkArticle{id: a.ID, gold: g.People, rulePeople: res.People}
		for _, p := range res.People {
			la.predNames = append(la.predNames, p.Name)
		}
		la.predIn = traced
		if la.predIn == nil { // no one named
			la.predIn = &link.Input{Doc: doc, Cues: make([]uint8, len(doc.Tokens))}
			la.predIn.Prepare()
		}
		la.goldOf = make([]int, len(la.predNames))
		for i := range la.goldOf {
			la.goldOf[i] = -1
		}
		for gi, gp := range g.People {
			if si := matchProfile(gp.Name, la.predNames); si >= 0 && la.goldOf[si] < 0 {
				la.goldOf[si] = gi
			}
		}
		// The gold-span input: gold PERSON, UNIT and RANK mentions, the
		// extractor's POSITIONs that no gold name or rank overlaps.
		var ents []goldSpan
		pos := 0
		for _, e := range g.Entities {
			var k link.Kind
			switch e.Type {
			case "PERSON":
				k = link.KPerson
			case "UNIT":
				k = link.KUnit
			case "RANK":
				k = link.KRank
			default:
				continue
			}
			text := nlp.Normalize(e.Text)
			at := strings.Index(doc.Text[pos:], text)
			if at < 0 {
				continue
			}
			s := pos + at
			pos = s + len(text)
			ti, tj, ok := tokenRange(doc, s, s+len(text))
			if !ok {
				continue
			}
			ents = append(ents, goldSpan{link.Span{Kind: k, Tok: ti, End: tj, Text: e.Canonical}, text})
		}
		gin := &link.Input{Doc: doc, Cues: la.predIn.Cues}
		for _, e := range ents {
			gin.Spans = append(gin.Spans, e.Span)
		}
		for _, s := range la.predIn.Spans {
			if s.Kind != link.KPosition {
				continue
			}
			clash := false
			for _, e := range ents {
				if (e.Kind == link.KPerson || e.Kind == link.KRank) && e.Tok < s.End && s.Tok < e.End {
					clash = true
				}
			}
			if !clash {
				gin.Spans = append(gin.Spans, s)
			}
		}
		sort.SliceStable(gin.Spans, func(i, j int) bool {
			a, b := gin.Spans[i], gin.Spans[j]
			if a.Tok != b.Tok {
				return a.Tok < b.Tok
			}
			return a.End > b.End
		})
		gin.People = make([]link.Person, len(g.People))
		for i, sp := range gin.Spans {
			if sp.Kind != link.KPerson {
				continue
			}
			text := doc.Text[doc.Tokens[sp.Tok].Start:doc.Tokens[sp.End-1].End]
			if p := mentionOwner(text, g.People); p >= 0 {
				gin.People[p].Mentions = append(gin.People[p].Mentions, i)
			}
		}
		for p := range gin.People {
			if si := matchProfile(g.People[p].Name, la.predNames); si >= 0 && si < len(la.predIn.People) {
				gin.People[p].Rule = la.predIn.People[si].Rule
			}
		}
		gin.Prepare()
		la.goldIn = gin
		arts = append(arts, la)
		return nil
	})
	return arts, err
}

type goldSpan struct {
	link.Span
	text string
}

// mentionOwner returns the gold profile a PERSON mention names: the profile
// of that name, else the first whose name ends with it.
func mentionOwner(text string, people []goldProfile) int {
	text = strings.Join(strings.Fields(text), " ")
	for i, p := range people {
		if p.Name == text {
			return i
		}
	}
	for i, p := range people {
		if strings.HasSuffix(p.Name, " "+text) {
			return i
		}
	}
	for i, p := range people {
		if strings.Contains(p.Name, text) {
			return i
		}
	}
	return -1
}

// tokenRange returns the tokens covering bytes [s, e) of doc.Text.
func tokenRange(doc *nlp.Document, s, e int) (int, int, bool) {
	toks := doc.Tokens
	i := sort.Search(len(toks), func(i int) bool { return toks[i].End > s })
	j := sort.Search(len(toks), func(j int) bool { return toks[j].Start >= e })
	return i, j, i < j
}

type trainConfig struct {
	epochs int
	on     string
	none   bool
	orders int // models averaged, each on its own order of the examples
	// learner is "perceptron" or "softmax"; rate and l2 are softmax's.
	learner  string
	rate, l2 float64
}

// example is one profile slot to learn: an input, a profile and the gold
// value (nil: the gold profile has none).
type example struct {
	in   *link.Input
	p    int
	gold *goldProfile
}

// trainLinker trains the weights with cfg.learner: the softmax
// (trainSoftmax) or an averaged perceptron. Either goes over each profile's
// rank, post and unit in turn (the unit's features look at the post, the
// gold one when a candidate has it). The perceptron updates when the best
// candidate is not one with the gold value. With cfg.orders > 1 it trains
// that many models, each on the examples in another order (the first as
// read, the others shuffled with fixed seeds), and averages their weights:
// a perceptron's weights depend on the order it meets the examples in, and
// the average does not swing with it.
func trainLinker(arts []*linkArticle, cfg trainConfig) *link.Model {
	var exs []example
	for _, a := range arts {
		if cfg.on != "pred" {
			for p := range a.gold {
				exs = append(exs, example{a.goldIn, p, &a.gold[p]})
			}
		}
		if cfg.on != "gold" {
			for p, g := range a.goldOf {
				if g >= 0 {
					exs = append(exs, example{a.predIn, p, &a.gold[g]})
				}
			}
		}
	}
	if cfg.orders <= 1 {
		if cfg.learner == "softmax" {
			return trainSoftmax(exs, cfg, 0)
		}
		return trainPerceptron(exs, cfg)
	}
	sum := map[uint64]float64{}
	for k := range cfg.orders {
		var m *link.Model
		if cfg.learner == "softmax" {
			m = trainSoftmax(exs, cfg, uint64(k))
		} else {
			order := slices.Clone(exs)
			if k > 0 {
				r := rand.New(rand.NewPCG(uint64(k), 0x6c696e6b))
				r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			}
			m = trainPerceptron(order, cfg)
		}
		for f, w := range m.W {
			sum[f] += float64(w)
		}
	}
	m := &link.Model{W: make(map[uint64]float32, len(sum))}
	for f, w := range sum {
		if v := float32(w / float64(cfg.orders)); v != 0 {
			m.W[f] = v
		}
	}
	return m
}

// trainPerceptron trains one averaged perceptron on exs, in their order.
func trainPerceptron(exs []example, cfg trainConfig) *link.Model {
	m := &link.Model{W: map[uint64]float32{}}
	acc := map[uint64]float64{} // sum over steps of the weights, by lazy updates
	stamp := map[uint64]int{}
	w := map[uint64]float64{}
	step := 0
	update := func(feats []uint64, d float64) {
		for _, f := range feats {
			acc[f] += float64(step-stamp[f]) * w[f]
			stamp[f] = step
			w[f] += d
			m.W[f] = float32(w[f])
		}
	}
	for ep := 0; ep < cfg.epochs; ep++ {
		for _, ex := range exs {
			var pos *link.Cand
			for slot := 0; slot < link.NSlots; slot++ {
				step++
				cands := ex.in.Candidates(ex.p, slot, pos)
				gv := ex.gold.slot(slot)
				goldIdx := -1
				if gv == nil {
					if cfg.none {
						goldIdx = 0
					}
				} else {
					for i := 1; i < len(cands); i++ {
						if link.Match(cands[i].Text(ex.in), *gv) {
							if goldIdx < 0 || m.Score(&cands[i]) > m.Score(&cands[goldIdx]) {
								goldIdx = i
							}
						}
					}
				}
				best := m.Best(cands)
				if goldIdx >= 0 && !(best == goldIdx || best > 0 && gv != nil && link.Match(cands[best].Text(ex.in), *gv)) {
					update(cands[goldIdx].Feats, 1)
					update(cands[best].Feats, -1)
				}
				if slot == link.SlotPosition {
					pos = trainingPost(cands, best, goldIdx)
				}
			}
		}
	}
	// The average of the weights over all steps.
	for f := range w {
		acc[f] += float64(step-stamp[f]) * w[f]
		m.W[f] = float32(acc[f] / float64(step))
	}
	return m
}

// trainingPost returns the post the unit's features look at while
// training: the gold one (gold, an index into cands) when a candidate has
// it, else the best; nil for "none".
func trainingPost(cands []link.Cand, best, gold int) *link.Cand {
	pick := best
	if gold >= 0 {
		pick = gold
	}
	if pick <= 0 {
		return nil
	}
	c := cands[pick]
	return &c
}

// attrScore counts the profile attributes the scorer checks.
type attrScore struct {
	found, people int
	ok, n         [link.NSlots]int
	extra, lack   [link.NSlots]int // values given where the gold profile has none
}

func ruleAttrs(a *linkArticle) []link.Attrs {
	var got []link.Attrs
	for _, p := range a.rulePeople {
		got = append(got, link.Attrs{Rank: p.Rank, Position: p.Position, Unit: p.Unit})
	}
	return got
}

// addAttrs scores one article's profiles (names and attributes) as the
// profile scorer does.
func (s *attrScore) addAttrs(gold []goldProfile, names []string, got []link.Attrs, verbose *linkArticle) {
	for _, g := range gold {
		si := matchProfile(g.Name, names)
		s.people++
		if si >= 0 {
			s.found++
		}
		for slot := 0; slot < link.NSlots; slot++ {
			gv := g.slot(slot)
			if gv == nil {
				if si >= 0 {
					s.lack[slot]++
					if [...]string{got[si].Rank, got[si].Position, got[si].Unit}[slot] != "" {
						s.extra[slot]++
					}
				}
				continue
			}
			s.n[slot]++
			v := ""
			if si >= 0 {
				v = [...]string{got[si].Rank, got[si].Position, got[si].Unit}[slot]
			}
			if link.Match(v, *gv) {
				s.ok[slot]++
			} else if verbose != nil {
				fmt.Printf("%s\t%s\t%d\tgold %q\tgot %q\n", verbose.id, g.Name, slot, *gv, v)
			}
		}
	}
}

// addCeiling counts the gold attributes for which some candidate has the
// gold value.
func (s *attrScore) addCeiling(gold []goldProfile, names []string, in *link.Input) {
	for _, g := range gold {
		si := matchProfile(g.Name, names)
		s.people++
		if si >= 0 && si < len(in.People) {
			s.found++
		}
		for slot := 0; slot < link.NSlots; slot++ {
			gv := g.slot(slot)
			if gv == nil {
				continue
			}
			s.n[slot]++
			if si < 0 || si >= len(in.People) {
				continue
			}
			var pos *link.Cand
			for _, c := range in.Candidates(si, slot, pos) {
				if c.Tok >= 0 || c.Variant == "rule" {
					if link.Match(c.Text(in), *gv) {
						s.ok[slot]++
						break
					}
				}
			}
		}
	}
}

func (s *attrScore) print(name string) {
	pct := func(a, b int) string {
		if b == 0 {
			return "-"
		}
		return fmt.Sprintf("%.1f", 100*float64(a)/float64(b))
	}
	fmt.Printf("%-34s %8s %8s %8s %8s   %8s %8s %8s\n", name, pct(s.found, s.people),
		pct(s.ok[0], s.n[0]), pct(s.ok[1], s.n[1]), pct(s.ok[2], s.n[2]),
		pct(s.extra[0], s.lack[0]), pct(s.extra[1], s.lack[1]), pct(s.extra[2], s.lack[2]))
}

// printMisses lists gold posts that no candidate has (LINKMISS=1).
func printMisses(a *linkArticle) {
	in := a.goldIn
	for p, g := range a.gold {
		if g.Position == nil || p >= len(in.People) {
			continue
		}
		found := false
		var texts []string
		for _, c := range in.Candidates(p, link.SlotPosition, nil)[1:] {
			texts = append(texts, c.Text(in))
			if link.Match(c.Text(in), *g.Position) {
				found = true
			}
		}
		if !found {
			fmt.Printf("MISS\t%s\t%q\t%q\n", g.Name, *g.Position, texts)
		}
	}
}
