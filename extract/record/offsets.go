package record

import "unicode/utf8"

// runeOffsets converts byte offsets into a string to code-point offsets. It
// walks forward from the last position it was asked for, so a sequence of
// increasing offsets costs one pass over the text; a smaller offset
// restarts from the beginning. The zero value is not usable: use
// newRuneOffsets.
type runeOffsets struct {
	s         string
	byteAt    int // last byte offset converted
	runeAt    int // its code-point offset
	asciiOnly bool
}

func newRuneOffsets(s string) *runeOffsets {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	return &runeOffsets{s: s, asciiOnly: ascii}
}

// at returns the code-point offset of byte offset b, which must be in
// [0, len(s)] and on a rune boundary.
func (o *runeOffsets) at(b int) int {
	if o.asciiOnly {
		return b
	}
	if b < o.byteAt {
		o.byteAt, o.runeAt = 0, 0
	}
	o.runeAt += utf8.RuneCountInString(o.s[o.byteAt:b])
	o.byteAt = b
	return o.runeAt
}

// ByteToRune returns the code-point offset of byte offset b in s: the one
// conversion between the Go API (bytes) and the JSON record (code points).
func ByteToRune(s string, b int) int {
	return utf8.RuneCountInString(s[:b])
}

// RuneToByte returns the byte offset of code-point offset r in s, or -1 if
// s has fewer code points.
func RuneToByte(s string, r int) int {
	n := 0
	for i := range s {
		if n == r {
			return i
		}
		n++
	}
	if n == r {
		return len(s)
	}
	return -1
}

// SliceRunes returns s[start:end] with offsets in code points, and false if
// they are out of range.
func SliceRunes(s string, start, end int) (string, bool) {
	if start < 0 || end < start {
		return "", false
	}
	a := RuneToByte(s, start)
	if a < 0 {
		return "", false
	}
	b := RuneToByte(s[a:], end-start)
	if b < 0 {
		return "", false
	}
	return s[a : a+b], true
}
