package record

import "unicode/utf8"

// runeOffsets converts byte offsets into a string to code-point offsets in
// constant time: it keeps the number of code points before every
// offsetBlock-th byte, and counts the rest of the way. A code point is
// every byte that does not continue a UTF-8 sequence (the text is valid
// UTF-8). The zero value is not usable: use newRuneOffsets.
type runeOffsets struct {
	s     string
	ascii bool
	cum   []int // cum[k]: code points in s[:k*offsetBlock]
}

const offsetBlock = 256

func newRuneOffsets(s string) *runeOffsets {
	o := &runeOffsets{s: s, ascii: true}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			o.ascii = false
			break
		}
	}
	if o.ascii {
		return o
	}
	o.cum = make([]int, len(s)/offsetBlock+1)
	n := 0
	for k := 1; k < len(o.cum); k++ {
		n += startBytes(s[(k-1)*offsetBlock : k*offsetBlock])
		o.cum[k] = n
	}
	return o
}

// startBytes counts the bytes of s that start a code point.
func startBytes(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i]&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

// at returns the code-point offset of byte offset b, which must be in
// [0, len(s)] and on a rune boundary.
func (o *runeOffsets) at(b int) int {
	if o.ascii {
		return b
	}
	k := b / offsetBlock
	return o.cum[k] + startBytes(o.s[k*offsetBlock:b])
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
