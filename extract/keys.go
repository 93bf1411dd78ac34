package extract

import (
	"strings"

	"github.com/vnews/vnews/nlp"
)

// docKeys holds the matching key (nlp.AppendKey) of every token of a
// document in one string, each key followed by a space, so that the key of
// the token sequence [i, j) is a substring: no allocation per lookup.
type docKeys struct {
	buf string
	off []int32 // off[i] is where token i's key starts; off[len] == len(buf)
	// starts[i] has the bit of every phrase set with a phrase that starts
	// with token i's key: a set whose bit is clear needs no lookup there.
	starts []setBits
}

// setBits has one bit per phrase set (setRanks, ...), and one per word
// class of the date grammar.
type setBits uint32

const (
	setRanks setBits = 1 << iota
	setPositions
	setUnits
	setSurnames
	setLocations
	setNameWords
	setCues
	setBlockers
	setAdminWords
	setCompanyWords
	setRoleVerbs
	setDateStarters // not a phrase set: the words a date may open with
	setFirmHeads    // not a phrase set: "hãng"

	// The date grammar's word classes (datewords.tsv, relativedates.tsv,
	// countwords.tsv), for one token's key.
	setEdge         // "đầu", "cuối", "giữa"
	setDayPart      // "sáng", "chiều", ...
	setDayWord      // "ngày", "hôm", "bữa"
	setNumeral      // "ba" in "ba ngày sau"
	setTimeUnit     // "ngày", "tuần", ...
	setAfterSau     // "khi" in "3 ngày sau khi"
	setYearCue      // "vào" in "vào 1975"
	setQuantifier   // "mấy" in "mấy ngày qua"
	setCountNoun    // "người" in "2/3 số người"
	setCountLeader  // "khoảng" in "khoảng 2/3"
	setRelDay       // "nay", "qua", ... after a day word or a part of the day
	setRelWeek      // after "tuần"
	setRelMonth     // after "tháng"
	setRelYear      // after "năm"
	setStem         // "Kỷ" in "Tết Kỷ Hợi"
	setBranch       // "Hợi" in "Tết Kỷ Hợi"
	setLunarMonth   // "Giêng" in "tháng Giêng"
	setExprKeyword  // a keyword that opens rows of dateExprs ("từ")
	setPointKeyword // a keyword that opens rows of datePoints ("tháng")
)

// reset returns k (a new docKeys if k is nil) made over doc for x, its
// arrays reused: a token's first-word bits come from x's table of key ids
// where it has an id (see tables), else from x's lexicons by its key.
func (k *docKeys) reset(doc *nlp.Document, x *Extractor) *docKeys {
	if k == nil {
		k = &docKeys{}
	}
	buf, off := doc.Keys()
	k.buf, k.off, k.starts = buf, off, grow(k.starts, len(doc.Tokens))
	vt, ids := x.tables(doc)
	for i := range doc.Tokens {
		if vt != nil && ids[i] != 0 {
			k.starts[i] = vt.starts[ids[i]]
		} else {
			k.starts[i] = x.lex.starts[k.at(i)]
		}
	}
	return k
}

// release lets go of the document k was made over.
func (k *docKeys) release() { k.buf, k.off = "", nil }

// span returns the key of tokens [i, j), j > i. A range that runs past the
// document (or is empty or negative) gives noKey, which no phrase or word
// list holds: callers look ahead freely near the end of the text.
func (k *docKeys) span(i, j int) string {
	if i < 0 || j <= i || j >= len(k.off) {
		return noKey
	}
	return k.buf[k.off[i] : k.off[j]-1]
}

// noKey is the key of a token range outside the document: never valid
// UTF-8, so it equals no key of real text.
const noKey = "\xff"

// at returns the key of token i.
func (k *docKeys) at(i int) string {
	if i < 0 || i+1 >= len(k.off) {
		return noKey
	}
	return k.buf[k.off[i] : k.off[i+1]-1]
}

// phraseSet maps token-key sequences to values. It is built once and
// read-only afterwards. Every proper prefix of a phrase is stored too (as a
// non-phrase), so a lookup at a token stops at the first sequence that no
// phrase starts with: most tokens cost one map probe.
type phraseSet[V any] struct {
	m      map[string]phraseEntry[V]
	maxLen int     // in tokens
	bit    setBits // this set's bit in docKeys.starts
}

type phraseEntry[V any] struct {
	v      V
	phrase bool // false for a mere prefix of longer phrases
}

func newPhraseSet[V any](bit setBits) *phraseSet[V] {
	return &phraseSet[V]{m: map[string]phraseEntry[V]{}, bit: bit}
}

// addStarts records in starts the first-token keys of the set's phrases.
func (p *phraseSet[V]) addStarts(starts map[string]setBits) {
	for k := range p.m {
		if i := strings.IndexByte(k, ' '); i >= 0 {
			k = k[:i]
		}
		starts[k] |= p.bit
	}
}

// startsAt reports whether a phrase of the set may start at token i.
func (p *phraseSet[V]) startsAt(k *docKeys, i int) bool {
	return i >= 0 && i < len(k.starts) && k.starts[i]&p.bit != 0
}

// phraseKey tokenizes a phrase as documents are tokenized and returns its key
// and length in tokens.
func phraseKey(phrase string) (string, int) {
	phrase = nlp.Normalize(strings.TrimSpace(phrase))
	toks := nlp.Tokenize(nil, phrase, 0, len(phrase))
	var b []byte
	for i, t := range toks {
		if i > 0 {
			b = append(b, ' ')
		}
		b = nlp.AppendKey(b, t.Text)
	}
	return string(b), len(toks)
}

func (p *phraseSet[V]) add(phrase string, v V) {
	k, n := phraseKey(phrase)
	if n == 0 {
		return
	}
	p.m[k] = phraseEntry[V]{v: v, phrase: true}
	for i := 0; i < len(k); i++ {
		if k[i] == ' ' {
			if _, ok := p.m[k[:i]]; !ok {
				p.m[k[:i]] = phraseEntry[V]{}
			}
		}
	}
	if n > p.maxLen {
		p.maxLen = n
	}
}

// longest returns the length of the longest phrase starting at token i and
// ending at or before token limit, and its value; 0 if none.
func (p *phraseSet[V]) longest(k *docKeys, i, limit int) (int, V) {
	var best V
	if p == nil || !p.startsAt(k, i) {
		return 0, best
	}
	bn := 0
	for n := 1; n <= p.maxLen && i+n <= limit; n++ {
		e, ok := p.m[k.span(i, i+n)]
		if !ok {
			break
		}
		if e.phrase {
			bn, best = n, e.v
		}
	}
	return bn, best
}

// matches calls fn for each phrase starting at token i and ending at or
// before limit, longest first, until fn returns true.
func (p *phraseSet[V]) matches(k *docKeys, i, limit int, fn func(n int, v V) bool) {
	if p == nil || !p.startsAt(k, i) {
		return
	}
	var found [16]int
	var vals [16]V
	c := 0
	for n := 1; n <= p.maxLen && i+n <= limit && c < len(found); n++ {
		e, ok := p.m[k.span(i, i+n)]
		if !ok {
			break
		}
		if e.phrase {
			found[c], vals[c] = n, e.v
			c++
		}
	}
	for c--; c >= 0; c-- {
		if fn(found[c], vals[c]) {
			return
		}
	}
}

// has reports whether the tokens [i, j) form a phrase of the set.
func (p *phraseSet[V]) has(k *docKeys, i, j int) bool {
	if p == nil || j-i > p.maxLen || j <= i || !p.startsAt(k, i) {
		return false
	}
	e, ok := p.m[k.span(i, j)]
	return ok && e.phrase
}

// get returns the value of the phrase [i, j).
func (p *phraseSet[V]) get(k *docKeys, i, j int) (V, bool) {
	var zero V
	if p == nil || j-i > p.maxLen || j <= i || !p.startsAt(k, i) {
		return zero, false
	}
	e, ok := p.m[k.span(i, j)]
	if !ok || !e.phrase {
		return zero, false
	}
	return e.v, true
}
