package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vnews/vnews/extract"
	"github.com/vnews/vnews/extract/record"
	"github.com/vnews/vnews/internal/ner"
	"github.com/vnews/vnews/nlp"
)

// The learned PERSON/UNIT tagger (internal/ner) over the extractor's tagger
// tokens (extract.TaggerTokens), trained on the annotated training articles
// only:
//
//	go run ./cmd/vnews-train ner [-data DIR] [-out extract/data/tagger.bin] [-gazetteer extract/data/tagger-gazetteer.txt]
//	go run ./cmd/vnews-train ner -cv [-variants default,norule,...]
//
// The tokens' hints use extract/data/clusters.txt (`vnews-train clusters`)
// and extract/data/capitals.txt (`vnews-train capitals`), both from the
// unlabeled VietNews text: rebuild those first. The gazetteer is derived
// here, from the gold mentions of the training articles; the shipped one is
// never used in training or cross-validation (its hints are dropped when the
// articles are read): each training article gets its gazetteer hints from
// the names of the other training articles (gazetteerHints), and in -cv the
// held-out fold is matched against the names of the other four folds only.
//
// -cv cross-validates on the 5 folds of train-folds.json and prints exact-span
// P/R/F1 per type (as ../shared/eval/score_ner.py counts them) for the rule
// extractor alone and for each tagger variant, and the tagger's top errors.

// nerTypes are the types the tagger finds, in model order.
var nerTypes = []string{string(extract.Person), string(extract.Unit)}

// nerVariant is one tagger configuration.
type nerVariant struct {
	name   string
	cfg    ner.TrainConfig
	filter func(hint string) bool // the hints kept; nil keeps all
	// gaz gives the tagger gazetteer hints: names of the training part's
	// gold mentions (see gazetteerHints).
	gaz bool
}

// nerConfig is the configuration the shipped model is trained with, with
// gazetteer hints (nerGazetteer): BILOU, 20 epochs, one pass, the wide
// context; word clusters, capitalization bands and the sentence role are
// features of their own token only, and no hint is crossed with the shape
// (TplLocalHintsOwn, no TplHintShape). 5-fold CV, exact spans: PERSON F1
// 95.5, UNIT 90.4; "twopass" (a second pass stacked on a small first one)
// 95.9 / 90.0 at twice the cost; "full" (all templates in both passes, the
// configuration shipped before) 95.7 / 89.4 at four times the cost.
func nerConfig() ner.TrainConfig {
	c := twoPassConfig()
	c.Stack = 0
	c.FirstTemplates = 0
	return c
}

// twoPassConfig is nerConfig with a second pass stacked on a small first
// pass, which sees the first's tags and the names it found elsewhere in
// the article.
func twoPassConfig() ner.TrainConfig {
	c := fullConfig()
	c.Templates = c.Templates&^ner.TplHintShape | ner.TplLocalHintsOwn
	c.FirstTemplates = ner.TplKeys | ner.TplShapes | ner.TplWord | ner.TplLayout | ner.TplHints | ner.TplHintNeighbours | ner.TplLocalHintsOwn
	return c
}

// fullConfig is the configuration shipped before nerConfig.
func fullConfig() ner.TrainConfig {
	return ner.TrainConfig{Types: nerTypes, Scheme: ner.BILOU, Templates: ner.DefaultTemplates | ner.TplWide, Epochs: 20, Seed: 1, Prune: 1e-3, Stack: 5}
}

// gazetteerFolds is the number of folds of the jackknife that gives each
// training article the gazetteer hints of the other articles' names. Two
// folds (hints from half of the other articles) keep the hints as sparse
// in training as on news nobody annotated, where most names are new: 5-fold
// CV of the one-pass tagger, PERSON / UNIT F1 95.5 / 90.4 with 2 folds,
// 95.3 / 89.8 with 5.
const gazetteerFolds = 2

// nerGazetteer tells whether the shipped model has gazetteer hints (the
// "gaz" variant).
const nerGazetteer = true

// writeGazetteer writes the shipped gazetteer; without nerGazetteer, an
// empty one.
func writeGazetteer(g *ner.Gazetteer, path string, docs int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	comment := fmt.Sprintf("The tagger's gazetteer: the gold PERSON and UNIT names of the %d annotated training articles\n"+
		"(train.jsonl only), as token keys. Generated with the model by `go run ./cmd/vnews-train ner`; do not edit.", docs)
	_, err = g.WriteTo(f, comment)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		fmt.Fprintf(os.Stderr, "ner: gazetteer of %d names -> %s\n", g.Len(), path)
	}
	return err
}

// nerVariants are the configurations -cv can compare: "default" is the
// shipped one, "full" the one shipped before it (localhints and localown
// are made on full), and the variants without a hint source (noclu, nocap, nogaz)
// or with other training (bag1, e30, ...) are made on it; "prev" is the
// tagger shipped before the hints from unlabeled text and the gazetteer;
// "first" the first tagger (BIO, base templates, 12 epochs, one pass), and
// the hint and template ablations below it are made on "first".
func nerVariants() map[string]nerVariant {
	first := ner.TrainConfig{Types: nerTypes, Scheme: ner.BIO, Templates: ner.DefaultTemplates, Epochs: 12, Seed: 1, Prune: 1e-3}
	from := func(c ner.TrainConfig, f func(c *ner.TrainConfig)) ner.TrainConfig {
		f(&c)
		return c
	}
	bilou := func(c *ner.TrainConfig) { c.Scheme = ner.BILOU }
	// The first tagger had none of the hints from unlabeled text.
	firstHints := func(p ...string) func(string) bool { return noPrefix(append(p, "clu", "cap:")...) }
	v := map[string]nerVariant{
		"default":      {cfg: nerConfig(), gaz: nerGazetteer},
		"noclu":        {cfg: nerConfig(), gaz: nerGazetteer, filter: noPrefix("clu")},
		"nocap":        {cfg: nerConfig(), gaz: nerGazetteer, filter: noPrefix("cap:")},
		"nogaz":        {cfg: nerConfig()},
		"gazunit":      {cfg: nerConfig(), gaz: true, filter: noPrefix("gaz:PERSON")},
		"bag2":         {cfg: from(nerConfig(), func(c *ner.TrainConfig) { c.Bag = 2 }), gaz: nerGazetteer},
		"twopass-bag2": {cfg: from(twoPassConfig(), func(c *ner.TrainConfig) { c.Bag = 2 }), gaz: nerGazetteer},
		"bag3":         {cfg: from(nerConfig(), func(c *ner.TrainConfig) { c.Bag = 3 }), gaz: nerGazetteer},
		"e12":          {cfg: from(nerConfig(), func(c *ner.TrainConfig) { c.Epochs = 12 }), gaz: nerGazetteer},
		"e30":          {cfg: from(nerConfig(), func(c *ner.TrainConfig) { c.Epochs = 30 }), gaz: nerGazetteer},
		"full":         {cfg: fullConfig(), gaz: nerGazetteer},
		"twopass":      {cfg: twoPassConfig(), gaz: nerGazetteer},
		"-wordnb":      {cfg: from(nerConfig(), func(c *ner.TrainConfig) { c.Templates &^= ner.TplWordNeighbours }), gaz: nerGazetteer},
		"-keyshape":    {cfg: from(nerConfig(), func(c *ner.TrainConfig) { c.Templates &^= ner.TplKeyShape }), gaz: nerGazetteer},
		"-wide":        {cfg: from(nerConfig(), func(c *ner.TrainConfig) { c.Templates &^= ner.TplWide }), gaz: nerGazetteer},
		"-shapes":      {cfg: from(nerConfig(), func(c *ner.TrainConfig) { c.Templates &^= ner.TplShapes }), gaz: nerGazetteer},
		"small2":       {cfg: from(twoPassConfig(), func(c *ner.TrainConfig) { c.FirstTemplates &^= ner.TplHintNeighbours }), gaz: nerGazetteer},
		"localhints":   {cfg: from(fullConfig(), func(c *ner.TrainConfig) { c.Templates |= ner.TplLocalHints }), gaz: nerGazetteer},
		"localown":     {cfg: from(fullConfig(), func(c *ner.TrainConfig) { c.Templates |= ner.TplLocalHintsOwn }), gaz: nerGazetteer},
		"prev":         {cfg: nerConfig(), filter: firstHints()},
		"prev+clu":     {cfg: nerConfig(), filter: noPrefix("cap:")},
		"first":        {cfg: first, filter: firstHints()},
		"bilou":        {cfg: from(first, bilou), filter: firstHints()},
		"stack":        {cfg: from(first, func(c *ner.TrainConfig) { c.Stack = 5 }), filter: firstHints()},
		"bilou-stack":  {cfg: from(first, func(c *ner.TrainConfig) { bilou(c); c.Stack = 5 }), filter: firstHints()},
		"bilou-wide":   {cfg: from(first, func(c *ner.TrainConfig) { bilou(c); c.Templates |= ner.TplWide }), filter: firstHints()},
		"bilou20":      {cfg: from(first, func(c *ner.TrainConfig) { bilou(c); c.Epochs = 20 }), filter: firstHints()},
		"norule":       {cfg: first, filter: firstHints("rule:")},
		"nolex":        {cfg: first, filter: firstHints("lex:")},
		"nodoc":        {cfg: first, filter: firstHints("doc:")},
		"nohints":      {cfg: first, filter: firstHints("rule:", "lex:", "role:", "doc:")},
		"epochs6":      {cfg: from(first, func(c *ner.TrainConfig) { c.Epochs = 6 }), filter: firstHints()},
		"epochs20":     {cfg: from(first, func(c *ner.TrainConfig) { c.Epochs = 20 }), filter: firstHints()},
		"nohintnb":     {cfg: from(first, func(c *ner.TrainConfig) { c.Templates &^= ner.TplHintNeighbours }), filter: firstHints()},
		"nohintsh":     {cfg: from(first, func(c *ner.TrainConfig) { c.Templates &^= ner.TplHintShape }), filter: firstHints()},
		"noword":       {cfg: from(first, func(c *ner.TrainConfig) { c.Templates &^= ner.TplWord | ner.TplWordNeighbours }), filter: firstHints()},
		"noprune":      {cfg: from(first, func(c *ner.TrainConfig) { c.Prune = 0 }), filter: firstHints()},
	}
	for k, x := range v {
		x.name = k
		v[k] = x
	}
	return v
}

// noPrefix returns a hint filter that drops the hints with any of the
// prefixes.
func noPrefix(p ...string) func(string) bool {
	return func(h string) bool {
		for _, x := range p {
			if strings.HasPrefix(h, x) {
				return false
			}
		}
		return true
	}
}

// nerDoc is one analyzed training article with its gold mentions.
type nerDoc struct {
	id   string
	doc  *nlp.Document
	toks []ner.Token
	gold []byteSpan // PERSON and UNIT, byte offsets
	rule []byteSpan // the rule extractor's PERSON and UNIT
	ex   *extract.Extractor
	opt  extract.Options
}

// byteSpan is a typed span in byte offsets of the document text.
type byteSpan struct {
	typ        int // index into nerTypes
	start, end int
}

func runNER(args []string) error {
	fs := flag.NewFlagSet("ner", flag.ExitOnError)
	var d dataFlags
	d.register(fs)
	out := fs.String("out", filepath.Join("extract", "data", "tagger.bin"), "where to write the model")
	gazOut := fs.String("gazetteer", filepath.Join("extract", "data", "tagger-gazetteer.txt"), "where to write the gazetteer")
	cv := fs.Bool("cv", false, "cross-validate on train-folds.json instead of writing a model")
	variants := fs.String("variants", "default", "comma-separated tagger variants to cross-validate (or \"all\")")
	nerr := fs.Int("errors", 8, "examples to print per error kind")
	merge := fs.Bool("merge", false, "with -cv, score the first variant through the library's merge rules (extract.MergeTagged): none, the library's, all, and all but each; the errors listed are then the library's")
	foldModels := fs.String("foldmodels", "", "with -cv, write the first variant's model and gazetteer of each fold to this directory (tagger-K.bin, gazetteer-K.txt) for vnews-train link -foldmodels")
	windows := fs.String("windows", "", "with -cv, also score the first variant gated with each of these comma-separated windows (see ner.Tagger.Gated)")
	seed := fs.Uint64("seed", 0, "with -cv, train with this shuffling seed instead of the variant's (CV scores move by about half a point from seed to seed: compare variants over several)")
	quiet := fs.Bool("quiet", false, "with -windows, also skip the second pass over quiet sentences (ner.Tagger.Quiet)")
	fs.Parse(args)
	var gates []int
	for _, w := range strings.Split(*windows, ",") {
		if w == "" {
			continue
		}
		n, err := strconv.Atoi(w)
		if err != nil {
			return fmt.Errorf("ner: -windows: %w", err)
		}
		gates = append(gates, n)
	}

	t0 := time.Now()
	docs, err := loadNERDocs(&d)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "ner: %d articles analyzed in %v\n", len(docs), time.Since(t0).Round(time.Millisecond))
	if !*cv {
		t1 := time.Now()
		td := nerDocs(docs, nil, nil)
		if nerGazetteer {
			g := gazetteerHints(td, gazetteerFolds)
			if err := writeGazetteer(g, *gazOut, len(docs)); err != nil {
				return err
			}
		}
		m, err := ner.TrainTagger(td, nerConfig())
		if err != nil {
			return err
		}
		n, err := writeFileFrom(*out, m)
		if err != nil {
			return err
		}
		fmt.Printf("ner: trained on %d articles in %v: %d features, %d bytes -> %s\n", len(docs), time.Since(t1).Round(time.Millisecond), m.Size(), n, *out)
		return nil
	}

	folds, err := readFolds(d.path("articles", "train-folds.json"))
	if err != nil {
		return err
	}
	foldOf := map[string]int{}
	for k, ids := range folds {
		for _, id := range ids {
			foldOf[id] = k
		}
	}
	for _, dc := range docs {
		if _, ok := foldOf[dc.id]; !ok {
			return fmt.Errorf("ner: article %s is in no fold", dc.id)
		}
	}
	var rule nerScore
	for _, dc := range docs {
		rule.add(dc, dc.rule)
	}
	fmt.Printf("%-10s %s\n", "rules", rule.line())
	all := nerVariants()
	names := strings.Split(*variants, ",")
	if *variants == "all" {
		names = names[:0]
		for k := range all {
			names = append(names, k)
		}
		sort.Strings(names)
	}
	for vi, name := range names {
		v, ok := all[name]
		if !ok {
			return fmt.Errorf("ner: unknown variant %q", name)
		}
		if *seed != 0 {
			v.cfg.Seed = *seed
		}
		t1 := time.Now()
		var sc nerScore
		var size int64
		// The merge ablation: "tagger" has no merge rule, "merge" all,
		// "-name" all but one.
		mergeRuns := []string{"all", "default", ""}
		for _, n := range extract.MergeRuleNames {
			mergeRuns = append(mergeRuns, n)
		}
		mergeSc := make([]nerScore, len(mergeRuns))
		gateSc := make([]nerScore, len(gates))
		for k := range folds {
			train := func(dc *nerDoc) bool { return foldOf[dc.id] != k }
			td := nerDocs(docs, train, nil)
			var gaz *ner.Gazetteer
			if v.gaz {
				gaz = gazetteerHints(td, gazetteerFolds)
			}
			m, err := ner.TrainTagger(filteredDocs(td, v.filter), v.cfg)
			if err != nil {
				return err
			}
			var cw countWriter
			m.WriteTo(&cw)
			size += int64(cw)
			if *foldModels != "" && vi == 0 {
				if err := writeFoldModel(*foldModels, k, m, gaz); err != nil {
					return err
				}
			}
			for _, dc := range docs {
				if foldOf[dc.id] != k {
					continue
				}
				sc.add(dc, tagDoc(m, dc, gaz, v.filter))
				if vi == 0 {
					for gi, w := range gates {
						g := m.Gated(w)
						if *quiet {
							g = g.Quiet()
						}
						gateSc[gi].add(dc, tagDoc(g, dc, gaz, v.filter))
					}
				}
				if *merge && vi == 0 {
					d, sps := tagTokens(m, dc, gaz, v.filter)
					for mi, off := range mergeRuns {
						mergeSc[mi].add(dc, mergedSpans(dc, d.Tokens, sps, m.Types(), off))
					}
				}
			}
		}
		fmt.Printf("%-10s %s  (%v, model ~%d KB)\n", name, sc.line(), time.Since(t1).Round(time.Second), size/int64(len(folds))/1024)
		for gi, w := range gates {
			fmt.Printf("  window %-3d %s\n", w, gateSc[gi].line())
		}
		if *merge && vi == 0 {
			for mi, off := range mergeRuns {
				label := map[string]string{"all": "tagger", "default": "library", "": "+merge"}[off]
				if label == "" {
					label = "-" + off
				}
				fmt.Printf("  %-10s %s\n", label, mergeSc[mi].line())
			}
		}
		if vi == 0 && *merge {
			// The errors of what the library gives: the tagger through
			// the merge rules it applies.
			defer mergeSc[1].printErrors(*nerr)
		} else if vi == 0 {
			defer sc.printErrors(*nerr)
		}
	}
	return nil
}

// writeFoldModel writes the tagger and gazetteer of fold k into dir.
func writeFoldModel(dir string, k int, m *ner.Tagger, gaz *ner.Gazetteer) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if gaz == nil {
		gaz = ner.NewGazetteer(nerTypes)
	}
	if err := writeGazetteer(gaz, filepath.Join(dir, fmt.Sprintf("gazetteer-%d.txt", k)), 0); err != nil {
		return err
	}
	_, err := writeFileFrom(filepath.Join(dir, fmt.Sprintf("tagger-%d.bin", k)), m)
	return err
}

type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }

// loadNERDocs reads, analyzes and aligns the training articles.
func loadNERDocs(d *dataFlags) ([]*nerDoc, error) {
	gold, err := readGoldMentions(d)
	if err != nil {
		return nil, err
	}
	an, err := nlp.Default()
	if err != nil {
		return nil, err
	}
	ex, err := extract.New()
	if err != nil {
		return nil, err
	}
	var docs []*nerDoc
	var nGold, nStart, nEnd, nCross, nPeriod int
	var unaligned []string
	err = eachJSONLine(d.path("articles", "train.jsonl"), func(b []byte) error {
		var a struct {
			ID        string `json:"id"`
			Text      string `json:"text"`
			Published string `json:"published"`
		}
		if err := json.Unmarshal(b, &a); err != nil {
			return err
		}
		ents, ok := gold[a.ID]
		if !ok {
			return nil
		}
		text := nlp.Normalize(a.Text)
		doc := an.AnalyzeNormalized(text, nlp.Hints{})
		var opt extract.Options
		if t, ok := record.ParsePublished(a.Published); ok {
			opt.Published = t
		}
		// The shipped gazetteer's hints are dropped: it was derived from
		// these articles. Training adds its own (gazetteerHints).
		dc := &nerDoc{id: a.ID, doc: doc, toks: filtered(ex.TaggerTokens(doc, opt), noPrefix("gaz:")), ex: ex, opt: opt}
		for _, e := range ex.RuleEntities(doc, opt) {
			if t := slices.Index(nerTypes, string(e.Type)); t >= 0 {
				dc.rule = append(dc.rule, byteSpan{t, e.Start, e.End})
			}
		}
		// Gold offsets are code points; find each mention as score_ner.py does.
		cp := codePointOffsets(text)
		runes := len(cp) - 1
		pos := 0
		starts, ends := map[int]int{}, map[int]int{}
		for i, t := range doc.Tokens {
			starts[t.Start] = i
			ends[t.End] = i
		}
		for _, e := range ents {
			et := nlp.Normalize(e.Text)
			var s, en int
			if e.Start != nil && e.End != nil && *e.Start >= pos && *e.Start <= *e.End && *e.End <= runes && text[cp[*e.Start]:cp[*e.End]] == et {
				s, en = *e.Start, *e.End
			} else {
				k := strings.Index(text[cp[pos]:], et)
				if k < 0 {
					return fmt.Errorf("ner: %s: gold mention %q not found", a.ID, e.Text)
				}
				s = utf8.RuneCountInString(text[:cp[pos]+k])
				en = s + utf8.RuneCountInString(et)
			}
			pos = en
			t := slices.Index(nerTypes, e.Type)
			if t < 0 {
				continue
			}
			bs := byteSpan{t, cp[s], cp[en]}
			dc.gold = append(dc.gold, bs)
			nGold++
			i, okS := starts[bs.start]
			j, okE := ends[bs.end]
			if !okE && text[bs.end-1] == '.' {
				// "Nguyễn Văn T." at the end of a sentence: the period is a
				// token of its own; ner.Extent takes it back in.
				if j, okE = ends[bs.end-1]; okE {
					nPeriod++
				}
			}
			switch {
			case !okS:
				nStart++
				unaligned = append(unaligned, fmt.Sprintf("start %s %s", e.Type, context(text, bs)))
			case !okE:
				nEnd++
				unaligned = append(unaligned, fmt.Sprintf("end   %s %s", e.Type, context(text, bs)))
			case doc.SentenceAt(doc.Tokens[i].Start) != doc.SentenceAt(doc.Tokens[j].Start):
				nCross++
				unaligned = append(unaligned, fmt.Sprintf("sent  %s %s", e.Type, context(text, bs)))
			}
		}
		docs = append(docs, dc)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		return nil, errors.New("ner: no annotated articles")
	}
	fmt.Fprintf(os.Stderr, "ner: %d gold PERSON/UNIT mentions; not on token boundaries: %d at the start, %d at the end; across sentences: %d; ending with a sentence's period: %d (trained without it)\n", nGold, nStart, nEnd, nCross, nPeriod)
	for i, u := range unaligned {
		if i == 20 {
			fmt.Fprintf(os.Stderr, "  ... %d more\n", len(unaligned)-i)
			break
		}
		fmt.Fprintln(os.Stderr, "  "+u)
	}
	return docs, nil
}

// codePointOffsets returns the byte offset of every code point of s, and
// len(s) last.
func codePointOffsets(s string) []int {
	off := make([]int, 0, len(s)+1)
	for i := range s {
		off = append(off, i)
	}
	return append(off, len(s))
}

func context(text string, s byteSpan) string {
	a, b := max(s.start-30, 0), min(s.end+30, len(text))
	for a > 0 && !utf8.RuneStart(text[a]) {
		a--
	}
	for b < len(text) && !utf8.RuneStart(text[b]) {
		b++
	}
	c := text[a:s.start] + "[" + text[s.start:s.end] + "]" + text[s.end:b]
	return strings.ReplaceAll(c, "\n", "⏎")
}

func readFolds(path string) ([][]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f struct {
		Folds [][]string `json:"folds"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f.Folds, nil
}

// filtered returns toks with only the hints keep accepts (toks itself when
// keep is nil).
func filtered(toks []ner.Token, keep func(string) bool) []ner.Token {
	if keep == nil {
		return toks
	}
	out := slices.Clone(toks)
	for i := range out {
		var h []ner.Hint
		for _, x := range out[i].Hints {
			if keep(x.String()) {
				h = append(h, x)
			}
		}
		out[i].Hints = h
	}
	return out
}

// filteredDocs returns docs with only the hints keep accepts (docs itself
// when keep is nil).
func filteredDocs(docs []ner.Doc, keep func(string) bool) []ner.Doc {
	if keep == nil {
		return docs
	}
	out := slices.Clone(docs)
	for i := range out {
		out[i].Tokens = filtered(out[i].Tokens, keep)
	}
	return out
}

// gazetteer returns the gazetteer of the gold mentions of docs.
func gazetteer(docs []ner.Doc) *ner.Gazetteer {
	g := ner.NewGazetteer(nerTypes)
	var keys, forms []string
	for _, d := range docs {
		for _, s := range d.Spans {
			keys, forms = keys[:0], forms[:0]
			for _, t := range d.Tokens[s.Start:s.End] {
				keys = append(keys, t.Key)
				forms = append(forms, strings.ToLower(t.Text))
			}
			g.Add(s.Type, keys, strings.Join(forms, " "))
		}
	}
	return g
}

// gazetteerHints gives the training documents their gazetteer hints and
// returns the gazetteer of all their gold mentions, the one for new text.
// Each document's hints come from the gazetteer of the other documents
// (k folds by document order, as the stacked tagger's jackknife), so that
// the tagger learns how often a name of unseen text is in the list, not
// that every gold name is. The documents' tokens are copied.
func gazetteerHints(docs []ner.Doc, k int) *ner.Gazetteer {
	k = max(k, 2)
	for f := range k {
		var rest []ner.Doc
		for i, d := range docs {
			if i%k != f {
				rest = append(rest, d)
			}
		}
		g := gazetteer(rest)
		for i := range docs {
			if i%k == f {
				docs[i].Tokens = slices.Clone(docs[i].Tokens)
				g.AddHints(docs[i].Tokens, docs[i].Sentences)
			}
		}
	}
	return gazetteer(docs)
}

// nerDocs returns the documents use accepts (nil: all) as the tagger's
// input, with the gold spans that align to tokens.
func nerDocs(docs []*nerDoc, use func(*nerDoc) bool, keep func(string) bool) []ner.Doc {
	var out []ner.Doc
	for _, dc := range docs {
		if use != nil && !use(dc) {
			continue
		}
		out = append(out, dc.nerDoc(keep))
	}
	return out
}

func (dc *nerDoc) nerDoc(keep func(string) bool) ner.Doc {
	d := ner.Doc{Tokens: filtered(dc.toks, keep)}
	for _, s := range dc.doc.Sentences {
		d.Sentences = append(d.Sentences, [2]int{s.TokStart, s.TokEnd})
	}
	starts, ends := map[int]int{}, map[int]int{}
	for i, t := range dc.doc.Tokens {
		starts[t.Start] = i
		ends[t.End] = i + 1
	}
	for _, g := range dc.gold {
		i, ok1 := starts[g.start]
		j, ok2 := ends[g.end]
		if !ok2 && dc.doc.Text[g.end-1] == '.' {
			j, ok2 = ends[g.end-1]
		}
		if ok1 && ok2 && i < j {
			d.Spans = append(d.Spans, ner.Span{Type: g.typ, Start: i, End: j})
		}
	}
	return d
}

// tagDoc returns the tagger's spans over a document.
func tagDoc(t *ner.Tagger, dc *nerDoc, gaz *ner.Gazetteer, keep func(string) bool) []byteSpan {
	d := dc.nerDoc(nil)
	if gaz != nil {
		d.Tokens = slices.Clone(d.Tokens)
		gaz.AddHints(d.Tokens, d.Sentences)
	}
	d = filteredDocs([]ner.Doc{d}, keep)[0]
	var out []byteSpan
	for _, sp := range t.Tag(d, nil) {
		a, b := ner.Extent(d.Tokens, sp)
		out = append(out, byteSpan{sp.Type, a, b})
	}
	return out
}

// tagTokens returns the tagger's input over a document (with the fold's
// gazetteer hints) and its token spans.
func tagTokens(t *ner.Tagger, dc *nerDoc, gaz *ner.Gazetteer, keep func(string) bool) (ner.Doc, []ner.Span) {
	d := dc.nerDoc(nil)
	if gaz != nil {
		d.Tokens = slices.Clone(d.Tokens)
		gaz.AddHints(d.Tokens, d.Sentences)
	}
	d = filteredDocs([]ner.Doc{d}, keep)[0]
	return d, t.Tag(d, nil)
}

// mergedSpans returns the PERSON and UNIT mentions the library gives for
// the tagger's spans sps, through its own merge (extract.MergeTagged),
// with the merge rule off turned off ("all": every one, "": none).
func mergedSpans(dc *nerDoc, toks []ner.Token, sps []ner.Span, types []string, off string) []byteSpan {
	var out []byteSpan
	for _, e := range dc.ex.MergeTagged(dc.doc, dc.opt, toks, sps, types, off) {
		if t := slices.Index(nerTypes, string(e.Type)); t >= 0 {
			out = append(out, byteSpan{t, e.Start, e.End})
		}
	}
	return out
}

// nerScore counts exact-span matches per type, and the errors.
type nerScore struct {
	tp, fp, fn [2]int
	errs       map[string][]string // "PERSON missed" → contexts
}

func (sc *nerScore) add(dc *nerDoc, sys []byteSpan) {
	if sc.errs == nil {
		sc.errs = map[string][]string{}
	}
	G := map[byteSpan]bool{}
	for _, g := range dc.gold {
		G[g] = true
	}
	S := map[byteSpan]bool{}
	for _, s := range sys {
		S[s] = true
	}
	overlap := func(a, b byteSpan) bool { return a.start < b.end && b.start < a.end }
	text := dc.doc.Text
	for g := range G {
		if S[g] {
			sc.tp[g.typ]++
			continue
		}
		sc.fn[g.typ]++
		kind := "missed"
		for s := range S {
			if overlap(s, g) && !G[s] {
				kind = "boundary"
				if s.typ != g.typ {
					kind = "type"
				}
				if kind == "boundary" {
					sc.errs[nerTypes[g.typ]+" boundary"] = append(sc.errs[nerTypes[g.typ]+" boundary"], "gold "+context(text, g)+"  sys ["+text[s.start:s.end]+"]")
					break
				}
			}
		}
		if kind != "boundary" {
			sc.errs[nerTypes[g.typ]+" "+kind] = append(sc.errs[nerTypes[g.typ]+" "+kind], context(text, g))
		}
	}
	for s := range S {
		if G[s] {
			continue
		}
		sc.fp[s.typ]++
		spurious := true
		for g := range G {
			if overlap(s, g) {
				spurious = false
			}
		}
		if spurious {
			sc.errs[nerTypes[s.typ]+" spurious"] = append(sc.errs[nerTypes[s.typ]+" spurious"], context(text, s))
		}
	}
}

func prf(tp, fp, fn int) (p, r, f float64) {
	if tp+fp > 0 {
		p = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r = float64(tp) / float64(tp+fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

func (sc *nerScore) line() string {
	var b strings.Builder
	for t, name := range nerTypes {
		p, r, f := prf(sc.tp[t], sc.fp[t], sc.fn[t])
		fmt.Fprintf(&b, "%s P=%5.1f R=%5.1f F1=%5.1f   ", name, 100*p, 100*r, 100*f)
	}
	return strings.TrimRight(b.String(), " ")
}

func (sc *nerScore) printErrors(n int) {
	kinds := make([]string, 0, len(sc.errs))
	for k := range sc.errs {
		kinds = append(kinds, k)
	}
	sort.Slice(kinds, func(i, j int) bool {
		if len(sc.errs[kinds[i]]) != len(sc.errs[kinds[j]]) {
			return len(sc.errs[kinds[i]]) > len(sc.errs[kinds[j]])
		}
		return kinds[i] < kinds[j]
	})
	fmt.Println("\nerrors of the first variant (boundary: an overlapping span of the same type; type: of another type; spurious: overlapping no gold):")
	for _, k := range kinds {
		ex := sc.errs[k]
		sort.Strings(ex)
		fmt.Printf("%-18s %d\n", k, len(ex))
		step := max(len(ex)/max(n, 1), 1)
		for i := 0; i < len(ex) && i/step < n; i += step {
			fmt.Println("    " + ex[i])
		}
	}
}
