package summary

import (
	"math"
	"sort"
	"strings"

	"github.com/vnews/vnews/nlp"
)

// Options choose the summary's length and what it reports.
type Options struct {
	N        int     // sentences to pick; default 3 when N, Ratio and MaxWords are all zero
	Ratio    float64 // or a share of the content sentences (0 < Ratio <= 1), at least one
	MaxWords int     // a word budget: sentences are added while they fit, none is cut
	Explain  bool    // report per-sentence scores
	// Boost, when set, returns an extra score for sentence i of the
	// document, such as its density of named entities. The summarizer knows
	// nothing of entities; the caller supplies this.
	Boost func(i int) float64
}

// Summary is an extractive summary: sentence indices into doc.Sentences,
// in article order, and their text joined by spaces.
type Summary struct {
	Sentences []int
	Text      string
	Lines     []string // each chosen sentence, white space collapsed
	Scores    []Score  // with Options.Explain: every candidate sentence
}

// Score explains how one candidate sentence was scored.
type Score struct {
	Sentence   int
	Total      float64
	Position   float64
	Centrality float64
	Title      float64
	Boost      float64
	Chosen     bool
}

// Summarizer picks sentences. It is read-only and safe for concurrent use.
type Summarizer struct{}

// New returns a summarizer.
func New() *Summarizer { return &Summarizer{} }

// candidates returns the indices of the sentences a summary may use: lead
// and body sentences with at least a few words.
func candidates(doc *nlp.Document) []int {
	var c []int
	for i, s := range doc.Sentences {
		if s.Role != nlp.RoleLead && s.Role != nlp.RoleBody {
			continue
		}
		if countWords(doc, i) < 4 {
			continue
		}
		c = append(c, i)
	}
	return c
}

func countWords(doc *nlp.Document, i int) int {
	n := 0
	for _, w := range doc.SentenceWords(i) {
		if doc.Tokens[w.TokStart].Kind != nlp.KindPunct {
			n++
		}
	}
	return n
}

// bag is a sparse term vector over syllable keys.
type bag map[string]float64

func sentenceBag(doc *nlp.Document, i int) bag {
	b := bag{}
	for _, t := range doc.SentenceTokens(i) {
		if t.Kind == nlp.KindWord || t.Kind == nlp.KindNumber || t.Kind == nlp.KindCode {
			b[nlp.Key(t.Text)]++
		}
	}
	return b
}

func cosine(a, b bag) float64 {
	var dot, na, nb float64
	for k, v := range a {
		na += v * v
		if w, ok := b[k]; ok {
			dot += v * w
		}
	}
	for _, w := range b {
		nb += w * w
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}

// Summarize picks sentences of doc: never a title, meta line, caption,
// byline, heading or boilerplate; the picked sentences keep article order.
func (s *Summarizer) Summarize(doc *nlp.Document, opt Options) Summary {
	cands := candidates(doc)
	var sum Summary
	if len(cands) == 0 {
		return sum
	}
	bags := make([]bag, len(cands))
	centroid := bag{}
	for ci, i := range cands {
		bags[ci] = sentenceBag(doc, i)
		for k, v := range bags[ci] {
			centroid[k] += v
		}
	}
	var title bag
	if !doc.Title.IsZero() {
		for i, st := range doc.Sentences {
			if st.Role == nlp.RoleTitle {
				title = sentenceBag(doc, i)
				break
			}
		}
	}
	scores := make([]Score, len(cands))
	for ci, i := range cands {
		sc := Score{Sentence: i}
		sc.Position = 1 / math.Sqrt(float64(ci+1))
		sc.Centrality = cosine(bags[ci], centroid)
		if title != nil {
			sc.Title = cosine(bags[ci], title)
		}
		if opt.Boost != nil {
			sc.Boost = opt.Boost(i)
		}
		sc.Total = 1.0*sc.Position + 0.6*sc.Centrality + 0.5*sc.Title + sc.Boost
		scores[ci] = sc
	}
	order := make([]int, len(cands))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return scores[order[a]].Total > scores[order[b]].Total })
	n := opt.N
	if opt.Ratio > 0 {
		n = max(1, int(math.Round(opt.Ratio*float64(len(cands)))))
	}
	if n <= 0 && opt.MaxWords <= 0 {
		n = 3
	}
	if n <= 0 {
		n = len(cands)
	}
	words := 0
	var picked []int
	for _, ci := range order {
		if len(picked) >= n {
			break
		}
		w := countWords(doc, cands[ci])
		if opt.MaxWords > 0 && words+w > opt.MaxWords {
			continue
		}
		words += w
		picked = append(picked, ci)
		scores[ci].Chosen = true
	}
	sort.Ints(picked)
	parts := make([]string, 0, len(picked))
	for _, ci := range picked {
		sum.Sentences = append(sum.Sentences, cands[ci])
		parts = append(parts, strings.Join(strings.Fields(doc.SentenceText(cands[ci])), " "))
	}
	sum.Text = strings.Join(parts, " ")
	sum.Lines = parts
	if opt.Explain {
		sum.Scores = scores
	}
	return sum
}
