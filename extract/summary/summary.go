package summary

import (
	"bufio"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/vnews/vnews/nlp"
)

// Options choose the summary's length and what it reports.
type Options struct {
	N     int     // sentences to pick; default 3 when N, Ratio and MaxWords are all zero
	Ratio float64 // or a share of the content sentences (0 < Ratio <= 1), at least one
	// MaxWords is a budget in syllables (chữ, the unit Vietnamese editors
	// count: "Hà Nội" is two; a number or a code is one; punctuation none):
	// sentences are added while they fit, none is cut. When no candidate
	// fits, the summary is empty and Summary.Shortest says why.
	MaxWords int
	Explain  bool // report per-sentence scores
	// Keywords is how many key phrases to report (see Keywords), with the
	// caller's Phrases (named entities) among the candidates.
	Keywords int
	Phrases  []Phrase
	// Entities, when set, returns the number of named entities (people,
	// units, ranks, dates) in sentence i of the document: the model reads
	// their density. The summarizer knows nothing of entities; the caller
	// counts them.
	Entities func(i int) int
}

// Summary is an extractive summary: sentence indices into doc.Sentences,
// in article order, and their text joined by spaces.
type Summary struct {
	Sentences []int
	Text      string
	Lines     []string  // each chosen sentence, white space collapsed
	Scores    []Score   // with Options.Explain: every candidate sentence
	Keywords  []Keyword // with Options.Keywords: the article's key phrases
	// Shortest is set when Options.MaxWords is smaller than every candidate
	// sentence: the syllables of the shortest one (the summary is empty).
	Shortest int
}

// Score explains how one candidate sentence was scored: its total and the
// parts of it that position, length, centrality, the title and entity
// density contribute (the rest is Other). Redundancy is the similarity to
// an already chosen sentence that counted against it when it was last
// considered.
type Score struct {
	Sentence   int
	Total      float64
	Position   float64
	Length     float64
	Centrality float64
	Title      float64
	Entities   float64
	Other      float64
	Redundancy float64
	Chosen     bool
}

// Summarizer picks sentences with a linear model over sentence features
// (features.go) and maximal marginal relevance against redundancy. It is
// read-only and safe for concurrent use.
type Summarizer struct {
	m          model
	mmr        float64            // weight of the redundancy penalty
	lenpen     float64            // penalty per 40 words of a sentence picked after the first
	idfs       map[string]float64 // syllable key → idf
	defaultIDF float64            // idf of a syllable the training corpus never saw
	maxIDF     float64
	tables     *sync.Pool // *termTable: termsOf's working tables, with this model's idf cache
	kwPool     *sync.Pool // *keywordScratch
	vocab      *sync.Map  // *nlp.Vocab → *vocabIDFs: the idf by key id of each vocabulary met
}

//go:embed data/model.txt
var embeddedModel string

//go:embed data/idf.txt
var embeddedIDF string

var defaultSummarizer = sync.OnceValues(func() (*Summarizer, error) {
	return NewFromModel(strings.NewReader(embeddedModel), strings.NewReader(embeddedIDF))
})

// New returns the summarizer with the embedded model, trained on VietNews
// articles by `vnews-train summary`.
func New() *Summarizer {
	s, err := defaultSummarizer()
	if err != nil {
		panic(err) // the embedded files are tested
	}
	return s
}

// ErrModel wraps errors in model and idf files.
var ErrModel = errors.New("summary: bad model")

// NewFromModel returns a summarizer with the model of model (see model.go;
// also "mmr LAMBDA", the redundancy weight, and "lenpen P", the length
// penalty) and the idf table of idf (lines "SYLLABLE<TAB>IDF", and
// "default<TAB>IDF" for unseen syllables).
func NewFromModel(model, idf io.Reader) (*Summarizer, error) {
	s := &Summarizer{idfs: map[string]float64{}, tables: &sync.Pool{New: func() any { return new(termTable) }}, kwPool: &sync.Pool{}, vocab: new(sync.Map)}
	seen := map[string]bool{}
	index := map[string]int{}
	for i, n := range featureNames {
		index[n] = i
	}
	err := eachLine(model, func(n int, f []string) error {
		switch {
		case f[0] == "mmr" && len(f) == 2:
			v, err := strconv.ParseFloat(f[1], 64)
			if err != nil {
				return err
			}
			s.mmr = v
		case f[0] == "lenpen" && len(f) == 2:
			v, err := strconv.ParseFloat(f[1], 64)
			if err != nil {
				return err
			}
			s.lenpen = v
		case f[0] == "w" && len(f) == 3:
			i, ok := index[f[1]]
			if !ok {
				return fmt.Errorf("unknown feature %q", f[1])
			}
			v, err := strconv.ParseFloat(f[2], 64)
			if err != nil {
				return err
			}
			s.m.w[i], seen[f[1]] = v, true
		case f[0] == "tree" && len(f) == 1:
			s.m.trees = append(s.m.trees, nil)
		case f[0] == "node" || f[0] == "leaf":
			return s.m.parseTreeLine(f, index)
		default:
			return errors.New("want \"w NAME WEIGHT\", \"mmr LAMBDA\", \"lenpen P\", \"tree\", \"node ...\" or \"leaf ...\"")
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%w: model: %w", ErrModel, err)
	}
	if len(seen) != nFeatures {
		return nil, fmt.Errorf("%w: model has %d of %d feature weights", ErrModel, len(seen), nFeatures)
	}
	if err := s.m.check(); err != nil {
		return nil, fmt.Errorf("%w: model: %w", ErrModel, err)
	}
	err = eachLine(idf, func(n int, f []string) error {
		if len(f) != 2 {
			return errors.New("want SYLLABLE<TAB>IDF")
		}
		v, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			return err
		}
		if f[0] == "default" {
			s.defaultIDF = v
		} else {
			s.idfs[nlp.Key(f[0])] = v
		}
		s.maxIDF = max(s.maxIDF, v)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%w: idf: %w", ErrModel, err)
	}
	if s.defaultIDF == 0 {
		return nil, fmt.Errorf("%w: idf: no default line", ErrModel)
	}
	return s, nil
}

func eachLine(r io.Reader, fn func(n int, fields []string) error) error {
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var f []string
		if strings.Contains(line, "\t") {
			f = strings.Split(line, "\t")
		} else {
			f = strings.Fields(line)
		}
		if err := fn(n, f); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
	}
	return sc.Err()
}

func (s *Summarizer) idf(key string) float64 {
	if v, ok := s.idfs[key]; ok {
		return v
	}
	return s.defaultIDF
}

// MaxCandidates is how many sentences, the first ones, a summary is chosen
// from. News articles have a few dozen; a book-sized text of a hundred
// thousand sentences would otherwise cost features and a similarity matrix
// for each, for a summary that the lead decides anyway.
const MaxCandidates = 3000

// candidates returns the indices of the sentences a summary may use: lead
// and body sentences with at least a few words, the first MaxCandidates.
func candidates(doc *nlp.Document) []int {
	var c []int
	for i, s := range doc.Sentences {
		if len(c) == MaxCandidates {
			break
		}
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
		if k := doc.Tokens[w.TokStart].Kind; k != nlp.KindPunct && k != nlp.KindSymbol {
			n++
		}
	}
	return n
}

// countSyllables counts the syllables of sentence i as editors count chữ:
// every token but punctuation and symbols ("Hà Nội" is two, "308" one).
func countSyllables(doc *nlp.Document, i int) int {
	n := 0
	for _, t := range doc.SentenceTokens(i) {
		if t.Kind != nlp.KindPunct && t.Kind != nlp.KindSymbol {
			n++
		}
	}
	return n
}

// sapoBonus puts the first sentence of a separate lead paragraph (the
// "sapo" that Vietnamese papers print in bold under the title) ahead of
// every other: it is the paper's own summary. The model cannot learn this
// from VietNews, whose texts leave the sapo out (it is the reference).
const sapoBonus = 1.0

// sapo returns the candidate index of the first sentence of the lead
// paragraph when the article has other content paragraphs after it, or -1.
func sapo(doc *nlp.Document, cands []int) int {
	first, lead := -1, -1
	for ci, si := range cands {
		st := doc.Sentences[si]
		if first < 0 {
			if st.Role != nlp.RoleLead {
				return -1
			}
			first, lead = ci, st.Paragraph
			continue
		}
		if st.Paragraph != lead {
			return first // another paragraph follows the lead
		}
	}
	return -1
}

// maxMMR bounds the sentences picked with the redundancy check: beyond it
// (a --ratio over a very long article) sentences are taken by score alone,
// so the work stays linear in the article's length.
const maxMMR = 40

// Summarize picks sentences of doc: never a title, meta line, caption,
// byline, heading or boilerplate; the picked sentences keep article order.
func (s *Summarizer) Summarize(doc *nlp.Document, opt Options) Summary {
	cands := candidates(doc)
	var sum Summary
	tt := s.getTables()
	defer s.putTables(tt)
	dt := s.termsOf(doc, cands, tt)
	if opt.Keywords > 0 {
		sum.Keywords = s.keywords(doc, dt, opt.Phrases, opt.Keywords)
	}
	if len(cands) == 0 {
		return sum
	}
	rows := s.features(doc, cands, dt, opt.Entities)
	scores := make([]Score, len(cands))
	for ci := range cands {
		sc := Score{Sentence: cands[ci]}
		var parts [nFeatures]float64
		sc.Total = s.m.score(&rows[ci], &parts)
		for f := range nFeatures {
			v := parts[f]
			switch featureGroup[featureNames[f]] {
			case "position":
				sc.Position += v
			case "length":
				sc.Length += v
			case "centrality":
				sc.Centrality += v
			case "title":
				sc.Title += v
			case "entities":
				sc.Entities += v
			default:
				sc.Other += v
			}
		}
		scores[ci] = sc
	}
	if ci := sapo(doc, cands); ci >= 0 {
		scores[ci].Position += sapoBonus
		scores[ci].Total += sapoBonus
	}
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
	picked := s.pick(doc, cands, dt, scores, n, opt.MaxWords)
	if len(picked) == 0 && opt.MaxWords > 0 && len(cands) > 0 {
		sum.Shortest = math.MaxInt
		for _, si := range cands {
			sum.Shortest = min(sum.Shortest, countSyllables(doc, si))
		}
	}
	sort.Ints(picked)
	parts := make([]string, 0, len(picked))
	for _, ci := range picked {
		sum.Sentences = append(sum.Sentences, cands[ci])
		parts = append(parts, nlp.CollapseSpace(doc.SentenceText(cands[ci])))
	}
	sum.Text = strings.Join(parts, " ")
	sum.Lines = parts
	if opt.Explain {
		sum.Scores = scores
	}
	return sum
}

// pick chooses up to n candidates (within the word budget, if any) by
// score less the redundancy penalty: the weight times the greatest
// similarity to a sentence already chosen.
func (s *Summarizer) pick(doc *nlp.Document, cands []int, dt *docTerms, scores []Score, n, budget int) []int {
	order := make([]int, len(cands))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return descending(scores[a].Total, scores[b].Total) })
	words := make([]int, len(cands))
	syllables := make([]int, len(cands))
	for ci, si := range cands {
		words[ci] = countWords(doc, si)
		syllables[ci] = countSyllables(doc, si)
	}
	redund := make([]float64, len(cands)) // greatest similarity to a chosen sentence
	used := make([]bool, len(cands))
	var picked []int
	total := 0
	for len(picked) < n {
		best, bestVal := -1, math.Inf(-1)
		mmr := len(picked) < maxMMR
		for _, ci := range order {
			if used[ci] || budget > 0 && total+syllables[ci] > budget {
				continue
			}
			v := scores[ci].Total
			if mmr {
				v -= s.mmr * redund[ci]
			}
			if len(picked) > 0 {
				// Later sentences lengthen the summary: shorter ones are
				// preferred a little.
				v -= s.lenpen * float64(words[ci]) / 40
			}
			if v > bestVal {
				best, bestVal = ci, v
			}
			if !mmr {
				break // order is by score: the first that fits
			}
		}
		if best < 0 {
			break
		}
		used[best] = true
		scores[best].Chosen = true
		picked = append(picked, best)
		total += syllables[best]
		if len(picked) < maxMMR {
			for ci := range cands {
				if !used[ci] {
					if c := dt.cosine(ci, best); c > redund[ci] {
						redund[ci] = c
						scores[ci].Redundancy = c
					}
				}
			}
		}
	}
	return picked
}
