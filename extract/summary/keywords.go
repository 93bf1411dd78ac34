package summary

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/vnews/vnews/nlp"
)

// Phrase is a candidate key phrase the caller knows of, such as a named
// entity, by its byte span in the document's text. Mentions with the same
// Group (a person's profile) count as one phrase shown as Text; a Skip
// phrase (a date, a rank) is no key phrase and hides the words it covers.
type Phrase struct {
	Start, End int
	Group      string // "" to group by the phrase's own text
	Text       string // what to show; "" for the text of the first mention
	Skip       bool
}

// Keyword is one of an article's key phrases, with a score relative to the
// best one (1).
type Keyword struct {
	Text  string
	Score float64
}

// minKeywordIDF is the least mean syllable idf of a word that can be a key
// phrase: "tổ chức", "thực hiện", "cho biết" are too common to say what an
// article is about.
const minKeywordIDF = 3.0

// Keywords returns up to k key phrases of doc: its multi-syllable words and
// the phrases the caller passes (named entities), scored by how often they
// occur, where (the title and the lead count more) and how rare their
// syllables are in news (idf). A word inside a phrase, or inside a better
// key phrase, is not listed again. Ties keep text order.
func (s *Summarizer) Keywords(doc *nlp.Document, phrases []Phrase, k int) []Keyword {
	if k <= 0 {
		return nil
	}
	tt := s.getTables()
	defer s.putTables(tt)
	return s.keywords(doc, s.termsOf(doc, nil, tt), phrases, k)
}

// keywordCand is a candidate key phrase. Its text is that of its first
// occurrence, made only for the candidates listed: the given text, or the
// span's words joined by single spaces (lowered unless it is a name).
type keywordCand struct {
	key        string
	text       string
	start, end int // the span of the text, when text is ""
	lower      bool
	score      float64
	first      int
}

// keywordScratch is the working memory of keywords, pooled by the
// Summarizer.
type keywordScratch struct {
	cands   []keywordCand
	byKey   map[string]int32
	covered []bool
}

func (s *Summarizer) keywordScratch() *keywordScratch {
	if s.kwPool != nil {
		if sc, ok := s.kwPool.Get().(*keywordScratch); ok {
			return sc
		}
	}
	return &keywordScratch{byKey: make(map[string]int32, 128)}
}

// releaseKeywordScratch empties sc, so that it holds nothing of the
// document, and pools it unless it grew for a book-sized text.
func (s *Summarizer) releaseKeywordScratch(sc *keywordScratch) {
	if s.kwPool == nil || len(sc.byKey) > 1<<12 || cap(sc.covered) > 1<<16 {
		return
	}
	clear(sc.cands[:len(sc.cands)])
	sc.cands = sc.cands[:0]
	clear(sc.byKey)
	s.kwPool.Put(sc)
}

func (s *Summarizer) keywords(doc *nlp.Document, dt *docTerms, phrases []Phrase, k int) []Keyword {
	keys, off := doc.Keys()
	sc := s.keywordScratch()
	defer s.releaseKeywordScratch(sc)
	cands, byKey := sc.cands[:0], sc.byKey
	defer func() { sc.cands = cands }()
	add := func(key, text string, start, end int, lower bool, first int, score float64) {
		x, ok := byKey[key]
		if !ok {
			x = int32(len(cands))
			byKey[key] = x
			cands = append(cands, keywordCand{key: key, text: text, start: start, end: end, lower: lower, first: first})
		}
		cands[x].score += score
	}
	weight := func(r nlp.Role) float64 {
		switch r {
		case nlp.RoleTitle:
			return 2
		case nlp.RoleLead:
			return 1.5
		case nlp.RoleBody, nlp.RoleHeading:
			return 1
		}
		return 0
	}
	meanIDF := func(ts, te int) float64 {
		var sum float64
		n := 0
		for i := ts; i < te; i++ {
			if x := dt.tok[i]; x >= 0 {
				sum += dt.idf[x]
				n++
			}
		}
		if n == 0 {
			return 0
		}
		return sum / float64(n)
	}
	// Phrases first; the tokens they cover are not words of their own.
	if cap(sc.covered) < len(doc.Tokens) {
		sc.covered = make([]bool, len(doc.Tokens))
	}
	covered := sc.covered[:len(doc.Tokens)]
	clear(covered)
	phrases = append([]Phrase(nil), phrases...)
	slices.SortStableFunc(phrases, func(a, b Phrase) int { return cmp.Compare(a.Start, b.Start) })
	for _, p := range phrases {
		ts := lowerToken(doc.Tokens, p.Start)
		te := ts
		for te < len(doc.Tokens) && doc.Tokens[te].End <= p.End {
			te++
		}
		if te <= ts {
			continue
		}
		si := doc.SentenceAt(p.Start)
		if si < 0 {
			continue
		}
		w := weight(doc.Sentences[si].Role)
		if w == 0 {
			continue
		}
		for i := ts; i < te; i++ {
			covered[i] = true
		}
		if p.Skip {
			continue
		}
		key := keys[off[ts] : off[te]-1]
		if p.Group != "" {
			key = "\x00" + p.Group
		}
		add(key, p.Text, doc.Tokens[ts].Start, doc.Tokens[te-1].End, false, ts, 1.5*w*meanIDF(ts, te))
	}
	for si, st := range doc.Sentences {
		w := weight(st.Role)
		if w == 0 {
			continue
		}
		for _, wd := range doc.SentenceWords(si) {
			ts, te := wd.Tokens()
			if te-ts < 2 || covered[ts] {
				continue
			}
			plain := true
			for i := ts; i < te; i++ {
				plain = plain && doc.Tokens[i].Kind == nlp.KindWord
			}
			if !plain {
				continue
			}
			idf := meanIDF(ts, te)
			if idf < minKeywordIDF {
				continue
			}
			key := keys[off[ts] : off[te]-1]
			if x, seen := byKey[key]; seen {
				cands[x].score += w * idf
				continue
			}
			lower := !(doc.Tokens[ts].IsUpper() && si > 0 && !isSentenceStart(doc, ts))
			add(key, "", doc.Tokens[ts].Start, doc.Tokens[te-1].End, lower, ts, w*idf)
		}
	}
	// Generic, not sort.SliceStable: a candidate is too large to swap by
	// reflection. The same stable algorithm, so the same order.
	slices.SortStableFunc(cands, func(a, b keywordCand) int {
		if a.score != b.score {
			return descending(a.score, b.score)
		}
		return cmp.Compare(a.first, b.first)
	})
	out := make([]Keyword, 0, min(k, len(cands)))
	kept := make([]*keywordCand, 0, min(k, len(cands)))
	for i := range cands {
		c := &cands[i]
		if len(out) == k {
			break
		}
		if !(c.score > 0) {
			continue // no known syllable: nothing to rank it by (and no NaN below)
		}
		dup := false
		for _, o := range kept {
			if containsWords(o.key, c.key) {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		kept = append(kept, c)
		text := c.text
		if text == "" {
			text = nlp.CollapseSpace(doc.Text[c.start:c.end])
			if c.lower {
				text = strings.ToLower(text)
			}
		}
		out = append(out, Keyword{Text: text, Score: c.score})
	}
	if len(out) > 0 {
		top := out[0].Score
		for i := range out {
			out[i].Score = math.Round(out[i].Score/top*1000) / 1000
		}
	}
	if len(out) == 0 {
		return nil // as before: no key phrase is a nil list
	}
	return out
}

// containsWords reports whether the space-separated words of sub stand,
// whole and in order, in those of s: strings.Contains(" "+s+" ", " "+sub+" ").
func containsWords(s, sub string) bool {
	if sub == "" {
		return strings.Contains(" "+s+" ", "  ")
	}
	for i := 0; i+len(sub) <= len(s); {
		j := strings.Index(s[i:], sub)
		if j < 0 {
			return false
		}
		j += i
		if (j == 0 || s[j-1] == ' ') && (j+len(sub) == len(s) || s[j+len(sub)] == ' ') {
			return true
		}
		i = j + 1
	}
	return false
}

func isSentenceStart(doc *nlp.Document, tok int) bool {
	si := doc.SentenceAt(doc.Tokens[tok].Start)
	if si < 0 {
		return false
	}
	st := doc.Sentences[si]
	for i := st.TokStart; i < tok; i++ {
		if doc.Tokens[i].Kind != nlp.KindPunct {
			return false
		}
	}
	return true
}

// lowerToken returns the first token starting at or after byte off.
func lowerToken(toks []nlp.Token, off int) int {
	return sort.Search(len(toks), func(i int) bool { return toks[i].Start >= off })
}
