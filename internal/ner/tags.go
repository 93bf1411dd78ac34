package ner

import "fmt"

// Scheme is how spans are written as one tag per token.
type Scheme uint8

// Tagging schemes.
const (
	BIO   Scheme = iota + 1 // Begin, Inside, Outside
	BILOU                   // Begin, Inside, Last, Outside, Unit (one-token span)
)

// String returns "BIO" or "BILOU".
func (s Scheme) String() string {
	switch s {
	case BIO:
		return "BIO"
	case BILOU:
		return "BILOU"
	}
	return fmt.Sprintf("Scheme(%d)", s)
}

// Span is a tagged span: tokens [Start, End) of the sequence, of type
// Types[Type] of the model.
type Span struct {
	Type       int
	Start, End int
}

// Parts of a tag: what a tag says of its token within a span.
const (
	partO = iota
	partB
	partI
	partL
	partU
)

// tagSet numbers the tags of a scheme over n types: tag 0 is O, then per
// type B, I (BIO) or B, I, L, U (BILOU).
type tagSet struct {
	scheme Scheme
	types  int
	width  int // tags per type
}

func newTagSet(s Scheme, types int) tagSet {
	w := 2
	if s == BILOU {
		w = 4
	}
	return tagSet{scheme: s, types: types, width: w}
}

func (ts tagSet) n() int { return 1 + ts.types*ts.width }

// tag returns the tag of part p (partB...) of type t.
func (ts tagSet) tag(t, p int) int {
	if p == partO {
		return 0
	}
	return 1 + t*ts.width + p - partB
}

// split returns the type and part of tag y.
func (ts tagSet) split(y int) (t, p int) {
	if y == 0 {
		return -1, partO
	}
	return (y - 1) / ts.width, partB + (y-1)%ts.width
}

// allowed reports whether tag y may follow tag prev (-1: the start).
func (ts tagSet) allowed(prev, y int) bool {
	pt, pp := ts.split(prev)
	if prev < 0 {
		pt, pp = -1, partO
	}
	t, p := ts.split(y)
	open := pp == partB || pp == partI // prev is inside an unfinished span
	if ts.scheme == BIO {
		if p == partI {
			return open && pt == t
		}
		return true
	}
	if open {
		return (p == partI || p == partL) && pt == t
	}
	return p == partO || p == partB || p == partU
}

// final reports whether a sequence may end with tag y.
func (ts tagSet) final(y int) bool {
	if ts.scheme == BIO {
		return true
	}
	_, p := ts.split(y)
	return p == partO || p == partL || p == partU
}

// encode writes the tags of spans (sorted, not overlapping) over n tokens
// into dst.
func (ts tagSet) encode(dst []int, spans []Span) []int {
	for i := range dst {
		dst[i] = 0
	}
	for _, s := range spans {
		if s.End <= s.Start {
			continue
		}
		if ts.scheme == BILOU && s.End-s.Start == 1 {
			dst[s.Start] = ts.tag(s.Type, partU)
			continue
		}
		dst[s.Start] = ts.tag(s.Type, partB)
		for i := s.Start + 1; i < s.End; i++ {
			dst[i] = ts.tag(s.Type, partI)
		}
		if ts.scheme == BILOU {
			dst[s.End-1] = ts.tag(s.Type, partL)
		}
	}
	return dst
}

// decode appends the spans of a tag sequence to dst. It is lenient: a
// sequence breaking the scheme's rules still gives spans (an I after O opens
// one).
func (ts tagSet) decode(dst []Span, tags []int) []Span {
	open := -1
	typ := -1
	closeAt := func(i int) {
		if open >= 0 {
			dst = append(dst, Span{Type: typ, Start: open, End: i})
			open = -1
		}
	}
	for i, y := range tags {
		t, p := ts.split(y)
		switch p {
		case partO:
			closeAt(i)
		case partB, partU:
			closeAt(i)
			open, typ = i, t
		case partI, partL:
			if open < 0 || typ != t {
				closeAt(i)
				open, typ = i, t
			}
		}
		if p == partU || p == partL {
			closeAt(i + 1)
		}
	}
	closeAt(len(tags))
	return dst
}
