package nlp

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// CollapseSpace returns s with every run of white space (as strings.Fields
// sees it) made one plain space and none at either end:
// strings.Join(strings.Fields(s), " "), without making a string when s
// already is so (most titles, names and sentences).
func CollapseSpace(s string) string {
	if !needsCollapse(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// needsCollapse reports space in s that collapseSpace would change: at
// either end, two in a row, or other than a plain space.
func needsCollapse(s string) bool {
	prev := true // a space at the start counts
	for i := 0; i < len(s); i++ {
		c := s[i]
		space := c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
		if space && (prev || c != ' ') || c >= 0x80 && unicodeSpaceAt(s, i) {
			return true
		}
		prev = space
	}
	return prev && len(s) > 0
}

// unicodeSpaceAt reports a non-ASCII space (as strings.Fields sees one)
// starting at byte i of s.
func unicodeSpaceAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r)
}
