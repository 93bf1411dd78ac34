package index

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/vnews/vnews/nlp"
)

// isWordRune reports whether r belongs to a word for the folded forms.
func isWordRune(r rune) bool {
	if r < wordTabSize {
		return wordTab[r>>6]&(1<<(r&63)) != 0
	}
	return slowWordRune(r)
}

// slowWordRune is isWordRune by the unicode tables.
func slowWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// wordTab is slowWordRune for the code points below wordTabSize (Latin,
// Vietnamese's letters up to U+1EF9, Greek, Cyrillic), one bit each:
// unicode.IsLetter searches its range tables for every letter past
// Latin-1, and Vietnamese text is full of them.
const wordTabSize = 0x2000

var wordTab = func() (t [wordTabSize / 64]uint64) {
	for r := rune(0); r < wordTabSize; r++ {
		if slowWordRune(r) {
			t[r>>6] |= 1 << (r & 63)
		}
	}
	return t
}()

// words calls f on each run of word runes of s.
func words(s string, f func(w string)) {
	start := -1
	for i, r := range s {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			f(s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		f(s[start:])
	}
}

// bareRune takes off the vowel-quality mark of a lowercase letter that
// nlp's matching key keeps (â ă ê ô ơ ư), and đ's bar.
func bareRune(r rune) rune {
	switch r {
	case 'â', 'ă':
		return 'a'
	case 'ê':
		return 'e'
	case 'ô', 'ơ':
		return 'o'
	case 'ư':
		return 'u'
	case 'đ':
		return 'd'
	}
	return r
}

// foldWord appends the two folded forms of one word: to toned nlp's
// matching key with the tone (a control byte 1..5 at the end) written as a
// digit, to bare the same without tone or any other mark.
func foldWord(toned, bare []byte, w string) ([]byte, []byte) {
	n := len(toned)
	toned = nlp.AppendKey(toned, w)
	for i := n; i < len(toned); {
		c := toned[i]
		switch {
		case c >= 1 && c <= 5:
			toned[i] = '0' + c
			i++
		case c < utf8.RuneSelf:
			bare = append(bare, c)
			i++
		default:
			r, size := utf8.DecodeRune(toned[i:])
			bare = utf8.AppendRune(bare, bareRune(r))
			i += size
		}
	}
	return toned, bare
}

// tonedWord appends the toned form of one word.
func tonedWord(dst []byte, w string) []byte {
	dst, _ = foldWord(dst, nil, w)
	return dst
}

// bareWord is w lowercase without any mark.
func bareWord(w string) string {
	_, b := foldWord(nil, nil, w)
	return string(b)
}

// folded returns the two folded forms of s (NFC) that the FTS table
// indexes: words separated by single spaces.
func folded(s string) (toned, bare string) {
	tb := make([]byte, 0, len(s)+len(s)/4)
	bb := make([]byte, 0, len(s))
	words(s, func(w string) {
		if len(tb) > 0 {
			tb = append(tb, ' ')
			bb = append(bb, ' ')
		}
		tb, bb = foldWord(tb, bb, w)
	})
	return string(tb), string(bb)
}

// foldTerms returns the toned form of s that the FTS table indexes (words
// separated by single spaces) and adds to ts, when it is not nil, each
// toned word it has not met (and its bare form, when that differs). c
// remembers the words folded before: news repeats its words, and a lookup
// is cheaper than folding; it also remembers which words ts has, so that a
// word met again costs one lookup.
func foldTerms(s string, ts *termSet, c *foldCache) string {
	return string(appendFoldTerms(make([]byte, 0, len(s)+len(s)/4), s, ts, c))
}

// appendFoldTerms is foldTerms appending the toned form to dst.
func appendFoldTerms(dst []byte, s string, ts *termSet, c *foldCache) []byte {
	tb := dst
	start := len(dst)
	var bb []byte
	gen := uint64(0)
	if ts != nil {
		if ts.cache != c || ts.gen == 0 {
			c.gen++
			ts.cache, ts.gen = c, c.gen
		}
		gen = ts.gen
	}
	words(s, func(w string) {
		if len(tb) > start {
			tb = append(tb, ' ')
		}
		i, ok := c.m[w]
		if !ok {
			n := len(tb)
			tb, bb = foldWord(tb, bb[:0], w)
			f := folding{toned: string(tb[n:])}
			if f.toned != string(bb) {
				f.bare = string(bb)
			}
			i = c.put(w, f)
		} else {
			tb = append(tb, c.e[i].toned...)
		}
		if f := &c.e[c.e[i].canon]; gen != 0 && f.gen != gen {
			f.gen = gen
			if f.bare != "" {
				ts.buf = appendTerm(ts.buf, f.toned, f.bare)
			}
			if len(ts.words) > 0 {
				ts.words = append(ts.words, ' ')
			}
			ts.words = append(ts.words, f.toned...)
		}
	})
	return tb
}

// termSet gathers the terms of one article's words (see foldTerms): each
// toned word with its bare form (appendTerm), and each toned word, in the
// order met, separated by spaces (words); once as a rule (twice after the
// cache started over, or when the set moved to another cache).
type termSet struct {
	buf, words []byte
	cache      *foldCache // the cache whose generation gen is
	gen        uint64
}

// appendTerm appends a toned word and its bare form to a list of terms:
// each followed by a NUL byte, which no word holds. One string holds an
// article's terms, and its words are substrings of it.
func appendTerm(dst []byte, toned, bare string) []byte {
	dst = append(dst, toned...)
	dst = append(dst, 0)
	dst = append(dst, bare...)
	return append(dst, 0)
}

// eachTerm calls f with each toned word and bare form of a list of terms.
func eachTerm(terms string, f func(toned, bare string)) {
	for terms != "" {
		t, rest, _ := strings.Cut(terms, "\x00")
		b, rest, _ := strings.Cut(rest, "\x00")
		f(t, b)
		terms = rest
	}
}

// foldCache maps words to their folded forms; a worker keeps one (see
// foldCaches).
type foldCache struct {
	m       map[string]int32 // word → index in e
	byToned map[string]int32 // toned form → index of its first word in e
	e       []folding
	gen     uint64 // the last generation given to a termSet
}

// folding is a word's toned form, and its bare form when that differs;
// gen is the generation of the last termSet the word was added to. Words
// written differently with one toned form ("Diễn", "diễn") share the gen
// of the first of them, canon.
type folding struct {
	toned, bare string
	gen         uint64
	canon       int32
}

// maxFoldCache bounds a foldCache: past it, the cache starts afresh.
const maxFoldCache = 1 << 16

// put adds word w and returns its index.
func (c *foldCache) put(w string, f folding) int32 {
	if len(c.e) >= maxFoldCache {
		clear(c.m)
		clear(c.byToned)
		clear(c.e)
		c.e = c.e[:0]
	}
	i := int32(len(c.e))
	if j, ok := c.byToned[f.toned]; ok {
		f.canon = j
	} else {
		f.canon = i
		c.byToned[f.toned] = i
	}
	c.e = append(c.e, f)
	c.m[strings.Clone(w)] = i
	return i
}

func newFoldCache() *foldCache {
	return &foldCache{m: map[string]int32{}, byToned: map[string]int32{}}
}

var foldCaches = sync.Pool{New: func() any { return newFoldCache() }}

// isASCII reports whether s has no byte above 0x7f.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// maxPhrases bounds the phrases a tone-less quoted phrase expands to;
// past it, its words are looked for anywhere in the sentence.
const maxPhrases = 256

// ftsQuery turns a user's query into an FTS5 MATCH expression over the
// toned words: every word must occur (a quoted "phrase" keeps its words in
// order). A word with a diacritic is looked for as its toned form; a plain
// ASCII one as any toned form that loses its marks to it ("hoa": hoa,
// hòa, hóa, hoả, ...), which expand gives (the word itself aside). It
// returns "" when the query has no word. wordMatch is the same with a
// phrase's words anywhere, for article_fts, whose rows hold each word of
// an article once (a phrase is looked for in its sentences). The clauses
// say the same as match for finding the sentences of an article's row
// that hold them (clauses.holding).
func ftsQuery(q string, expand func(bare string) ([]string, error)) (match, wordMatch string, cs clauses, err error) {
	q = nlp.Normalize(q)
	var parts, wparts []string
	quote := func(t string) string { return `"` + t + `"` }
	for i, seg := range strings.Split(q, `"`) {
		var alts [][]string
		var err error
		words(seg, func(w string) {
			if err != nil {
				return
			}
			if !isASCII(w) {
				alts = append(alts, []string{string(tonedWord(nil, w))})
				return
			}
			b := bareWord(w)
			more, e := expand(b)
			err = e
			alts = append(alts, append([]string{b}, more...))
		})
		if err != nil {
			return "", "", nil, err
		}
		n := 1
		for _, a := range alts {
			n *= len(a)
			if n > maxPhrases {
				break
			}
		}
		if i%2 == 1 && len(alts) > 1 && n <= maxPhrases {
			// A phrase: every combination of its words' forms, in order.
			phrases := []string{""}
			for _, a := range alts {
				var next []string
				for _, p := range phrases {
					for _, t := range a {
						next = append(next, strings.TrimPrefix(p+" "+t, " "))
					}
				}
				phrases = next
			}
			cs = append(cs, clauseOf(phrases))
			for j, p := range phrases {
				phrases[j] = quote(p)
			}
			parts = append(parts, "("+strings.Join(phrases, " OR ")+")")
			wparts = append(wparts, wordParts(alts)...)
			continue
		}
		for _, a := range alts {
			cs = append(cs, clauseOf(a))
		}
		ws := wordParts(alts)
		parts = append(parts, ws...)
		wparts = append(wparts, ws...)
	}
	return strings.Join(parts, " AND "), strings.Join(wparts, " AND "), cs, nil
}

// wordParts are the MATCH terms of words each of whose forms alts gives:
// any of them.
func wordParts(alts [][]string) []string {
	var parts []string
	for _, a := range alts {
		qs := make([]string, len(a))
		for j, t := range a {
			qs[j] = `"` + t + `"`
		}
		if len(qs) == 1 {
			parts = append(parts, qs[0])
		} else {
			parts = append(parts, "("+strings.Join(qs, " OR ")+")")
		}
	}
	return parts
}

// clauses is a MATCH expression of ftsQuery as data: every clause must
// hold; a clause holds where one of its alternatives, a run of toned
// words, occurs in that order.
type clauses [][][]string

func clauseOf(alts []string) [][]string {
	c := make([][]string, len(alts))
	for i, a := range alts {
		c[i] = ftsTokens(a)
	}
	return c
}

// ftsTokens splits folded words as FTS5's unicode61 tokenizer (with
// remove_diacritics 0) does: letters, numbers, marks and private-use
// characters make tokens, every other character separates them. The
// folded words are lowercase already and hold letters, digits and marks
// (isWordRune), so in practice this splits at the spaces.
func ftsTokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		if r < utf8.RuneSelf {
			return !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z')
		}
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.IsMark(r) && !unicode.Is(unicode.Co, r)
	})
}

// holding returns how many clauses hold in the toned words of one
// sentence (foldTerms's output, split by ftsTokens as FTS5 splits it), and
// which of the first 64 as bits.
func (cs clauses) holding(words []string) (int, uint64) {
	n, bits := 0, uint64(0)
	for i, c := range cs {
		if clauseHolds(c, words) {
			n++
			if i < 64 {
				bits |= 1 << i
			}
		}
	}
	return n, bits
}

// phrases returns the bits of the clauses (of the first 64) that are
// quoted phrases: one of their forms has more than one word.
func (cs clauses) phrases() uint64 {
	var bits uint64
	for i, c := range cs[:min(len(cs), 64)] {
		for _, a := range c {
			if len(a) > 1 {
				bits |= 1 << i
				break
			}
		}
	}
	return bits
}

func clauseHolds(alts [][]string, words []string) bool {
	for _, a := range alts {
		if len(a) == 0 {
			continue
		}
		for i := 0; i+len(a) <= len(words); i++ {
			if slices.Equal(words[i:i+len(a)], a) {
				return true
			}
		}
	}
	return false
}
