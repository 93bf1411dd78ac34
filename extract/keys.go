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
	off []int // off[i] is where token i's key starts; off[len] == len(buf)
}

func newDocKeys(toks []nlp.Token) *docKeys {
	b := make([]byte, 0, len(toks)*6)
	off := make([]int, len(toks)+1)
	for i := range toks {
		off[i] = len(b)
		b = nlp.AppendKey(b, toks[i].Text)
		b = append(b, ' ')
	}
	off[len(toks)] = len(b)
	return &docKeys{buf: string(b), off: off}
}

// span returns the key of tokens [i, j), j > i.
func (k *docKeys) span(i, j int) string { return k.buf[k.off[i] : k.off[j]-1] }

// at returns the key of token i.
func (k *docKeys) at(i int) string { return k.buf[k.off[i] : k.off[i+1]-1] }

// phraseSet maps token-key sequences to values. It is built once and
// read-only afterwards.
type phraseSet[V any] struct {
	m      map[string]V
	maxLen int // in tokens
}

func newPhraseSet[V any]() *phraseSet[V] { return &phraseSet[V]{m: map[string]V{}} }

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
	p.m[k] = v
	if n > p.maxLen {
		p.maxLen = n
	}
}

// longest returns the length of the longest phrase starting at token i and
// ending at or before token limit, and its value; 0 if none.
func (p *phraseSet[V]) longest(k *docKeys, i, limit int) (int, V) {
	var zero V
	if p == nil {
		return 0, zero
	}
	for n := min(p.maxLen, limit-i); n >= 1; n-- {
		if v, ok := p.m[k.span(i, i+n)]; ok {
			return n, v
		}
	}
	return 0, zero
}

// matches calls fn for each phrase starting at token i and ending at or
// before limit, longest first, until fn returns true.
func (p *phraseSet[V]) matches(k *docKeys, i, limit int, fn func(n int, v V) bool) {
	if p == nil {
		return
	}
	for n := min(p.maxLen, limit-i); n >= 1; n-- {
		if v, ok := p.m[k.span(i, i+n)]; ok && fn(n, v) {
			return
		}
	}
}

// has reports whether the tokens [i, j) form a phrase of the set.
func (p *phraseSet[V]) has(k *docKeys, i, j int) bool {
	if p == nil || j-i > p.maxLen || j <= i {
		return false
	}
	_, ok := p.m[k.span(i, j)]
	return ok
}

// get returns the value of the phrase [i, j).
func (p *phraseSet[V]) get(k *docKeys, i, j int) (V, bool) {
	var zero V
	if p == nil || j-i > p.maxLen || j <= i {
		return zero, false
	}
	v, ok := p.m[k.span(i, j)]
	return v, ok
}
