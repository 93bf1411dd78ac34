package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/vnews/vnews/extract"
	"github.com/vnews/vnews/extract/record"
	"github.com/vnews/vnews/nlp"
)

// Cross-validation of entity recognition on the annotated training
// articles (train.jsonl, train-gold.jsonl) over the folds of
// train-folds.json: prose's recognizer trained on four folds and run on
// the fifth, and vnews's rules (which learn nothing) run on every fold.
// Both are scored as ../shared/eval/score_ner.py scores: exact spans, the
// same type and the same start and end in code points. The development
// articles are never read.

// cvTypes are the scored entity types, in report order.
var cvTypes = []string{"RANK", "PERSON", "UNIT", "DATE"}

// nerSpan is an entity mention: its type, its code-point offsets into the
// article's NFC text, and for a DATE whether it has a value.
type nerSpan struct {
	Type       string
	Start, End int
	Valued     bool
}

// cvScore counts exact-span matches per type: true positives, false
// positives, false negatives.
type cvScore map[string]*[3]int

// add scores one article as score_ner.py does: per type, the sets of
// (start, end) of gold and system mentions. DATE mentions without a value
// are left out on both sides unless allDates is set.
func (s cvScore) add(gold, sys []nerSpan, allDates bool) {
	for _, t := range cvTypes {
		set := func(spans []nerSpan) map[[2]int]bool {
			out := map[[2]int]bool{}
			for _, e := range spans {
				if e.Type == t && (t != "DATE" || e.Valued || allDates) {
					out[[2]int{e.Start, e.End}] = true
				}
			}
			return out
		}
		g, y := set(gold), set(sys)
		c := s[t]
		if c == nil {
			c = new([3]int)
			s[t] = c
		}
		for k := range y {
			if g[k] {
				c[0]++
			} else {
				c[1]++
			}
		}
		for k := range g {
			if !y[k] {
				c[2]++
			}
		}
	}
}

// merge adds o's counts to s.
func (s cvScore) merge(o cvScore) {
	for t, c := range o {
		if s[t] == nil {
			s[t] = new([3]int)
		}
		for i := range c {
			s[t][i] += c[i]
		}
	}
}

// prf returns precision, recall and F1 of type t ("" for all types).
func (s cvScore) prf(t string) (p, r, f float64) {
	var c [3]int
	for typ, v := range s {
		if t == "" || typ == t {
			for i := range c {
				c[i] += v[i]
			}
		}
	}
	if c[0]+c[1] > 0 {
		p = float64(c[0]) / float64(c[0]+c[1])
	}
	if c[0]+c[2] > 0 {
		r = float64(c[0]) / float64(c[0]+c[2])
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// goldMention is a mention as train-gold.jsonl gives it.
type goldMention struct {
	Type  string `json:"type"`
	Text  string `json:"text"`
	Start *int   `json:"start"`
	End   *int   `json:"end"`
	Value string `json:"value"`
}

// readGoldMentions reads the gold mentions of the training articles
// (train-gold.jsonl) by article id.
func readGoldMentions(d *dataFlags) (map[string][]goldMention, error) {
	gold := map[string][]goldMention{}
	err := eachJSONLine(d.path("articles", "train-gold.jsonl"), func(b []byte) error {
		var g struct {
			ID       string        `json:"id"`
			Entities []goldMention `json:"entities"`
		}
		if err := json.Unmarshal(b, &g); err != nil {
			return err
		}
		gold[g.ID] = g.Entities
		return nil
	})
	return gold, err
}

// goldSpans places the gold mentions in text (its code points) as
// score_ner.py does: at their own offsets when those select their text at
// or after the previous mention, else at the next occurrence of the text.
func goldSpans(text []rune, ms []goldMention) ([]nerSpan, error) {
	pos := 0
	var out []nerSpan
	for _, m := range ms {
		want := []rune(norm.NFC.String(m.Text))
		s, e := -1, -1
		if m.Start != nil && m.End != nil && *m.Start >= pos && *m.Start <= *m.End && *m.End <= len(text) &&
			string(text[*m.Start:*m.End]) == string(want) {
			s, e = *m.Start, *m.End
		} else if k := runeIndex(text[pos:], want); k >= 0 {
			s, e = pos+k, pos+k+len(want)
		} else {
			return nil, fmt.Errorf("gold mention not found: %s %q", m.Type, m.Text)
		}
		out = append(out, nerSpan{Type: m.Type, Start: s, End: e, Valued: m.Value != ""})
		pos = e
	}
	return out, nil
}

// runeIndex returns the index of the first occurrence of sub in s, or -1.
func runeIndex(s, sub []rune) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if string(s[i:i+len(sub)]) == string(sub) {
			return i
		}
	}
	return -1
}

// cvSentence is one sentence of an article laid out for prose: the text
// prose sees and the code-point offsets of its tokens in the article.
type cvSentence struct {
	proseSentence
	tokStart, tokEnd []int
}

// cvArticle is an annotated article with everything the folds need.
type cvArticle struct {
	id        string
	text      []rune // NFC text, as the scorer sees it
	gold      []nerSpan
	rules     []nerSpan // vnews's entities
	sentences []cvSentence
}

// cvStats counts what the layout for prose lost.
type cvStats struct {
	offsetErrors int            // rule entities whose offsets do not select their text
	unaligned    map[string]int // gold mentions whose bounds are not prose token bounds
	crossing     map[string]int // gold mentions over two of vnews's sentences
	tokens       int
}

// loadCV reads the annotated training articles and their gold, runs vnews
// over them and lays their sentences out for prose.
func loadCV(d *dataFlags) ([]*cvArticle, *cvStats, error) {
	gold, err := readGoldMentions(d)
	if err != nil {
		return nil, nil, err
	}
	an, err := nlp.Default()
	if err != nil {
		return nil, nil, err
	}
	ex, err := extract.New()
	if err != nil {
		return nil, nil, err
	}
	b, err := record.NewBuilder(an, ex, record.Options{Parts: record.PartEntities})
	if err != nil {
		return nil, nil, err
	}
	st := &cvStats{unaligned: map[string]int{}, crossing: map[string]int{}}
	var out []*cvArticle
	rd := &record.Reader{Mode: record.InputJSONL}
	for a := range rd.Articles([]string{d.path("articles", "train.jsonl")}) {
		if a.Err != nil {
			return nil, nil, fmt.Errorf("%s: %s", a.Source, a.Err.Message)
		}
		g, ok := gold[a.ID]
		if !ok {
			continue
		}
		art := &cvArticle{id: a.ID, text: []rune(norm.NFC.String(a.Text))}
		if art.gold, err = goldSpans(art.text, g); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", a.ID, err)
		}
		// vnews's rules, through the record builder as the CLI runs them.
		rec, err := b.Build(a)
		if err != nil {
			return nil, nil, err
		}
		for _, e := range rec.Entities {
			if e.Start < 0 || e.End < e.Start || e.End > len(art.text) || string(art.text[e.Start:e.End]) != norm.NFC.String(e.Text) {
				st.offsetErrors++
				continue
			}
			art.rules = append(art.rules, nerSpan{Type: e.Type, Start: e.Start, End: e.End, Valued: e.Value != ""})
		}
		// vnews's sentences, over the same text, for prose.
		dec, err := nlp.DecodeString(a.Text)
		if err != nil {
			return nil, nil, err
		}
		doc := an.AnalyzeNormalized(dec.Text, nlp.Hints{Title: a.Title})
		if doc.Text != string(art.text) {
			return nil, nil, fmt.Errorf("%s: the analyzed text is not the NFC text", a.ID)
		}
		if err := art.layout(doc, st); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", a.ID, err)
		}
		out = append(out, art)
	}
	if len(out) != len(gold) {
		return nil, nil, fmt.Errorf("%d gold articles, %d of them in train.jsonl", len(gold), len(out))
	}
	return out, st, nil
}

// layout splits the article into vnews's sentences, tokenizes each as
// prose does and places the gold mentions on the tokens.
func (art *cvArticle) layout(doc *nlp.Document, st *cvStats) error {
	text := doc.Text
	cp := make([]int, len(text)+1) // byte offset → code-point offset
	n := 0
	for i := range text {
		cp[i] = n
		n++
	}
	cp[len(text)] = n
	for i := range cp {
		if i > 0 && i < len(text) && !utf8.RuneStart(text[i]) {
			cp[i] = -1
		}
	}
	used := make([]bool, len(art.gold))
	for _, s := range doc.Sentences {
		san, orig := proseSanitize(text[s.Start:s.End])
		toks, err := proseTokens(san)
		if err != nil {
			return err
		}
		if len(toks) == 0 {
			continue
		}
		cs := cvSentence{proseSentence: proseSentence{Text: san, Tokens: toks}}
		starts, ends := map[int]int{}, map[int]int{}
		pos := 0
		for i, t := range toks {
			for pos < len(san) {
				r, size := utf8.DecodeRuneInString(san[pos:])
				if !unicode.IsSpace(r) {
					break
				}
				pos += size
			}
			if !strings.HasPrefix(san[pos:], t) {
				return fmt.Errorf("prose token %q not found in %q", t, san)
			}
			a, b := cp[s.Start+orig[pos]], cp[s.Start+orig[pos+len(t)]]
			if a < 0 || b < 0 {
				return fmt.Errorf("prose token %q does not start or end on a character", t)
			}
			cs.tokStart, cs.tokEnd = append(cs.tokStart, a), append(cs.tokEnd, b)
			starts[a], ends[b] = i, i
			pos += len(t)
		}
		st.tokens += len(toks)
		lo, hi := cp[s.Start], cp[s.End]
		for gi, g := range art.gold {
			if g.End <= lo || g.Start >= hi {
				continue
			}
			if g.Start < lo || g.End > hi {
				if !used[gi] {
					st.crossing[g.Type]++
				}
				used[gi] = true
				continue
			}
			used[gi] = true
			i, ok1 := starts[g.Start]
			j, ok2 := ends[g.End]
			if !ok1 || !ok2 || j < i {
				st.unaligned[g.Type]++
				continue
			}
			cs.Spans = append(cs.Spans, proseSpan{Start: i, End: j + 1, Label: g.Type})
		}
		art.sentences = append(art.sentences, cs)
	}
	for gi, u := range used {
		if !u { // in no sentence: between sentences, or in dropped text
			st.crossing[art.gold[gi].Type]++
		}
	}
	return nil
}

// proseSanitize replaces what prose's tokenizer replaces before it
// tokenizes (curly quotes and "&rsquo;" become ASCII quotes), so that its
// tokens are substrings of the result; orig maps every byte offset of the
// result (and its end) to the offset in s.
func proseSanitize(s string) (string, []int) {
	var b strings.Builder
	orig := make([]int, 0, len(s)+1)
	for i := 0; i < len(s); {
		rep, n := "", 0
		switch {
		case strings.HasPrefix(s[i:], "\u201c"), strings.HasPrefix(s[i:], "\u201d"):
			rep, n = `"`, len("\u201c")
		case strings.HasPrefix(s[i:], "\u2018"), strings.HasPrefix(s[i:], "\u2019"):
			rep, n = "'", len("\u2018")
		case strings.HasPrefix(s[i:], "&rsquo;"):
			rep, n = "'", len("&rsquo;")
		default:
			rep, n = s[i:i+1], 1
		}
		b.WriteString(rep)
		orig = append(orig, i)
		i += n
	}
	return b.String(), append(orig, len(s))
}

// proseChunks groups labeled tokens into entities exactly as prose does
// (Document.Entities, which gives no offsets): a run starts at a label
// other than "O" and takes the following tokens while their labels differ
// from the run's "I-" label and are not "O", or while their part-of-speech
// tag repeats the previous one; it ends at "O" or at its own "I-" label
// (taken in). A run still open at the end is dropped. The type is the
// first token's, or PERSON for a two-token run with a B-PERSON.
func proseChunks(toks []proseToken) []proseSpan {
	var out []proseSpan
	end, start := "", -1
	var labels []string
	for i, t := range toks {
		n := len(labels)
		if (t.Label != "O" && t.Label != end) || (n > 0 && t.Tag == toks[i-1].Tag) || (n > 0 && t.Tag == "CD" && toks[i-1].Label != "O") {
			end = strings.Replace(t.Label, "B", "I", 1)
			if n == 0 {
				start = i
			}
			labels = append(labels, t.Label)
		} else if (t.Label == "O" && end != "") || t.Label == end {
			stop := i
			if t.Label != "O" {
				labels = append(labels, t.Label)
				stop = i + 1
			}
			typ := ""
			if len(labels) == 2 && (labels[0] == "B-PERSON" || labels[1] == "B-PERSON") {
				typ = "PERSON"
			} else if _, after, ok := strings.Cut(labels[0], "-"); ok {
				typ = after
			}
			out = append(out, proseSpan{Start: start, End: stop, Label: typ})
			end, labels = "", labels[:0]
		}
	}
	return out
}

// bioChunks reads the token labels the usual way instead: B-X starts an
// entity of type X, I-X continues one of type X (or starts one), O ends it.
func bioChunks(toks []proseToken) []proseSpan {
	var out []proseSpan
	open := false
	for i, t := range toks {
		prefix, typ, ok := strings.Cut(t.Label, "-")
		if !ok || t.Label == "O" {
			open = false
			continue
		}
		if prefix == "I" && open && out[len(out)-1].Label == typ {
			out[len(out)-1].End = i + 1
			continue
		}
		out = append(out, proseSpan{Start: i, End: i + 1, Label: typ})
		open = true
	}
	return out
}

// The systems cross-validated: vnews's rules, prose's entities, and the
// entities read off prose's token labels the usual way (bioChunks).
const (
	sysRules = iota
	sysProse
	sysProseBIO
	numSystems
)

var systemNames = [numSystems]string{"vnews rules", "prose, its entities", "prose, BIO of its labels"}

// cvResult is what one fold gives: per system, the exact-span counts with
// every DATE span ([0]) and as score_ner.py counts by default, DATEs with
// values only ([1]; prose gives no values).
type cvResult struct {
	score          [numSystems][2]cvScore
	train, predict time.Duration
	articles       int
}

func newCVResult() *cvResult {
	r := &cvResult{}
	for i := range r.score {
		r.score[i] = [2]cvScore{{}, {}}
	}
	return r
}

func (r *cvResult) add(gold []nerSpan, sys [numSystems][]nerSpan) {
	for i, spans := range sys {
		r.score[i][0].add(gold, spans, true)
		r.score[i][1].add(gold, spans, false)
	}
}

// runFold trains prose on the articles outside fold k and scores it and
// the rules on the fold's articles.
func runFold(arts []*cvArticle, foldOf map[string]int, k int) (*cvResult, error) {
	var train []proseSentence
	var test []*cvArticle
	for _, a := range arts {
		if foldOf[a.id] == k {
			test = append(test, a)
			continue
		}
		for _, s := range a.sentences {
			train = append(train, s.proseSentence)
		}
	}
	if len(train) == 0 || len(test) == 0 {
		return nil, fmt.Errorf("fold %d: %d training sentences, %d articles to test", k, len(train), len(test))
	}
	res := newCVResult()
	res.articles = len(test)
	start := time.Now()
	model := trainProseNER(train)
	res.train = time.Since(start)
	start = time.Now()
	for _, a := range test {
		var sys [numSystems][]nerSpan
		sys[sysRules] = a.rules
		for _, s := range a.sentences {
			toks, ents, err := model.tag(s.Text)
			if err != nil {
				return nil, err
			}
			if len(toks) != len(s.Tokens) {
				return nil, fmt.Errorf("%s: prose gave %d tokens, its tokenizer %d", a.id, len(toks), len(s.Tokens))
			}
			cs := proseChunks(toks)
			if err := sameEntities(toks, cs, ents); err != nil {
				return nil, fmt.Errorf("%s: %w", a.id, err)
			}
			place := func(dst []nerSpan, spans []proseSpan) []nerSpan {
				for _, sp := range spans {
					dst = append(dst, nerSpan{Type: sp.Label, Start: s.tokStart[sp.Start], End: s.tokEnd[sp.End-1]})
				}
				return dst
			}
			sys[sysProse] = place(sys[sysProse], cs)
			sys[sysProseBIO] = place(sys[sysProseBIO], bioChunks(toks))
		}
		res.add(a.gold, sys)
	}
	res.predict = time.Since(start)
	return res, nil
}

// sameEntities checks proseChunks against the entities prose itself made.
func sameEntities(toks []proseToken, cs []proseSpan, ents []proseEntity) error {
	if len(cs) != len(ents) {
		return fmt.Errorf("proseChunks found %d entities, prose %d", len(cs), len(ents))
	}
	for i, c := range cs {
		words := make([]string, 0, c.End-c.Start)
		for _, t := range toks[c.Start:c.End] {
			words = append(words, t.Text)
		}
		if got := strings.Join(words, " "); got != ents[i].Text || c.Label != ents[i].Label {
			return fmt.Errorf("proseChunks found %s %q, prose %s %q", c.Label, got, ents[i].Label, ents[i].Text)
		}
	}
	return nil
}

// runNERCV runs the cross-validation and prints the report.
func runNERCV(d *dataFlags, foldsPath string, only, workers int, w io.Writer) error {
	total := time.Now()
	var folds struct {
		Folds [][]string `json:"folds"`
	}
	data, err := os.ReadFile(foldsPath)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, &folds); err != nil {
		return fmt.Errorf("%s: %w", foldsPath, err)
	}
	foldOf := map[string]int{}
	for k, ids := range folds.Folds {
		for _, id := range ids {
			foldOf[id] = k + 1
		}
	}
	start := time.Now()
	arts, st, err := loadCV(d)
	if err != nil {
		return err
	}
	for _, a := range arts {
		if foldOf[a.id] == 0 {
			return fmt.Errorf("%s is in no fold", a.id)
		}
	}
	fmt.Fprintf(w, "%d articles, %d prose tokens; vnews analysis, rules and layout %v\n", len(arts), st.tokens, time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(w, "gold mentions prose cannot learn or find: not on prose token bounds %v, over a sentence break %v; rule offset errors %d\n",
		st.unaligned, st.crossing, st.offsetErrors)
	var ks []int
	for k := range folds.Folds {
		if only == 0 || only == k+1 {
			ks = append(ks, k+1)
		}
	}
	results := make([]*cvResult, len(ks))
	errs := make([]error, len(ks))
	sem := make(chan struct{}, max(workers, 1))
	var wg sync.WaitGroup
	for i, k := range ks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			results[i], errs[i] = runFold(arts, foldOf, k)
		}()
	}
	wg.Wait()
	sum := newCVResult()
	for i, r := range results {
		if errs[i] != nil {
			return errs[i]
		}
		fmt.Fprintf(w, "fold %d: %d articles, micro F1 (every DATE span):", ks[i], r.articles)
		for s := range r.score {
			_, _, f := r.score[s][0].prf("")
			fmt.Fprintf(w, " %s %.1f,", systemNames[s], 100*f)
		}
		fmt.Fprintf(w, " prose training %v, tagging %.0f ms/article\n", r.train.Round(time.Second), float64(r.predict.Milliseconds())/float64(max(r.articles, 1)))
		for s := range r.score {
			for j := range r.score[s] {
				sum.score[s][j].merge(r.score[s][j])
			}
		}
		sum.train += r.train
		sum.predict += r.predict
		sum.articles += r.articles
	}
	fmt.Fprintf(w, "\nexact-span P / R / F1, micro-averaged over the folds (%d articles); DATE: every DATE span (score_ner.py --dates-unvalued):\n", sum.articles)
	fmt.Fprintf(w, "%-26s", "")
	for _, t := range append(cvTypes, "micro") {
		fmt.Fprintf(w, " %-19s", t)
	}
	fmt.Fprintln(w)
	row := func(name string, s cvScore) {
		fmt.Fprintf(w, "%-26s", name)
		for _, t := range append(cvTypes, "") {
			p, r, f := s.prf(t)
			fmt.Fprintf(w, " %5.1f/%5.1f/%5.1f   ", 100*p, 100*r, 100*f)
		}
		fmt.Fprintln(w)
	}
	for s := range sum.score {
		row(systemNames[s], sum.score[s][0])
	}
	fmt.Fprintln(w, "as score_ner.py scores by default (DATEs with values only; prose gives none):")
	row(systemNames[sysRules], sum.score[sysRules][1])
	fmt.Fprintf(w, "\nprose training %v in all (%v per fold), tagging %.0f ms/article; whole run %v\n",
		sum.train.Round(time.Second), (sum.train / time.Duration(max(len(ks), 1))).Round(time.Second),
		float64(sum.predict.Milliseconds())/float64(max(sum.articles, 1)), time.Since(total).Round(time.Second))
	return nil
}
