package index

import (
	"strings"
	"unicode"

	"github.com/vnews/vnews/nlp"
)

// bareMarks takes off the vowel-quality marks and đ that nlp.StripTones
// keeps, for the all-marks-off form of a word.
var bareMarks = strings.NewReplacer("â", "a", "ă", "a", "ê", "e", "ô", "o", "ơ", "o", "ư", "u", "đ", "d")

// isWordRune reports whether r belongs to a word for the folded forms.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

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

// tonedWord appends the toned form of one word: nlp's matching key with the
// tone (a control byte 1..5 at the end) written as a digit.
func tonedWord(dst []byte, w string) []byte {
	n := len(dst)
	dst = nlp.AppendKey(dst, w)
	for i := n; i < len(dst); i++ {
		if c := dst[i]; c >= 1 && c <= 5 {
			dst[i] = '0' + c
		}
	}
	return dst
}

// bareWord is w lowercase without any mark.
func bareWord(w string) string {
	return bareMarks.Replace(nlp.StripTones(w))
}

// folded returns the two folded forms of s (NFC) that the FTS table
// indexes: words separated by single spaces.
func folded(s string) (toned, bare string) {
	var tb []byte
	var bb strings.Builder
	words(s, func(w string) {
		if len(tb) > 0 {
			tb = append(tb, ' ')
			bb.WriteByte(' ')
		}
		tb = tonedWord(tb, w)
		bb.WriteString(bareWord(w))
	})
	return string(tb), bb.String()
}

// isASCII reports whether s has no byte above 0x7f.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// ftsQuery turns a user's query into an FTS5 MATCH expression: every word
// must occur (a quoted "phrase" keeps its words in order); a word with a
// diacritic matches the toned column, a plain one the bare column. It
// returns "" when the query has no word.
func ftsQuery(q string) string {
	q = nlp.Normalize(q)
	var parts []string
	add := func(seg string, phrase bool) {
		var toned, bare []string
		words(seg, func(w string) {
			if isASCII(w) {
				bare = append(bare, bareWord(w))
			} else {
				toned = append(toned, string(tonedWord(nil, w)))
			}
		})
		if phrase && len(toned) > 0 && len(bare) > 0 {
			// A phrase mixing both kinds: every word in the bare column.
			bare, toned = nil, nil
			words(seg, func(w string) { bare = append(bare, bareWord(w)) })
		}
		emit := func(col string, ws []string) {
			if len(ws) == 0 {
				return
			}
			if phrase {
				parts = append(parts, col+`:"`+strings.Join(ws, " ")+`"`)
				return
			}
			for _, w := range ws {
				parts = append(parts, col+`:"`+w+`"`)
			}
		}
		emit("toned", toned)
		emit("bare", bare)
	}
	for i, seg := range strings.Split(q, `"`) {
		add(seg, i%2 == 1)
	}
	return strings.Join(parts, " AND ")
}
