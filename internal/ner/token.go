package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vnews/vnews/nlp"
)

// Token is one syllable token as the caller sees it: the input of Tag.
type Token struct {
	Text string // the token as written (not used by the features)
	// Start and End are the token's byte offsets in the caller's text (not
	// used by the features; see Extent).
	Start, End int
	// Key is the matching key (lowercase, tone-folded; nlp.AppendKey).
	Key   string
	Kind  nlp.TokenKind
	Shape Shape
	// WordStart tells whether the token begins a word of the segmenter
	// (B); false for the second and later syllables of a word (I).
	WordStart bool
	LineStart bool // the first token on its line
	SentStart bool // the first token of its sentence
	InTitle   bool // the token is in the headline
	// Hints are extra features computed by the caller: lexicon hits, rule
	// proposals, word clusters ("lex:unit:B", "rule:PERSON:I"); their order
	// does not matter.
	Hints []Hint
}

// Shape is the capitalization class of a token.
type Shape uint8

// Shapes.
const (
	ShapeOther   Shape = iota // anything else
	ShapeLower                // "lệnh"
	ShapeTitle                // "Lệnh", "Trump"
	ShapeUpper                // all capitals, two or more letters: "QĐND", "UBND"
	ShapeInitial              // one capital letter: "T", "N." (the dot is a token of its own or not)
	ShapeMixed                // "TPHCm", "iPhone"
	ShapeNumber               // digits ("2020", "24/4")
	ShapeCode                 // letters and digits ("C2", "Su-22")
	ShapePunct
	ShapeSymbol
	numShapes
)

// ShapeOf returns the shape of a token's text given its kind.
func ShapeOf(text string, kind nlp.TokenKind) Shape {
	switch kind {
	case nlp.KindNumber:
		return ShapeNumber
	case nlp.KindCode:
		return ShapeCode
	case nlp.KindPunct:
		return ShapePunct
	case nlp.KindSymbol:
		return ShapeSymbol
	case nlp.KindURL, nlp.KindEmail:
		return ShapeOther
	}
	letters, uppers := 0, 0
	firstUpper := false
	for i, r := range text {
		letter, upper := letterCase(r)
		if !letter {
			continue
		}
		letters++
		if upper {
			uppers++
			if i == 0 {
				firstUpper = true
			}
		}
	}
	switch {
	case letters == 0:
		return ShapeOther
	case uppers == 0:
		return ShapeLower
	case letters == 1 && uppers == 1:
		return ShapeInitial
	case uppers == letters:
		return ShapeUpper
	case firstUpper && uppers == 1:
		return ShapeTitle
	}
	if r, _ := utf8.DecodeRuneInString(text); unicode.IsUpper(r) && uppers == 1 {
		return ShapeTitle
	}
	return ShapeMixed
}

// letterCase reports whether r is a letter and whether it is an uppercase
// one, as unicode.IsLetter and unicode.IsUpper do, without their table
// searches for ASCII and for the Vietnamese letters of Latin Extended
// Additional (U+1EA0 Ạ to U+1EF9 ỹ: capital and small letters alternate,
// the capitals on even code points).
func letterCase(r rune) (letter, upper bool) {
	switch {
	case r < utf8.RuneSelf:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z', 'A' <= r && r <= 'Z'
	case 0x1EA0 <= r && r <= 0x1EF9:
		return true, r%2 == 0
	}
	return unicode.IsLetter(r), unicode.IsUpper(r)
}

// Extent returns the byte offsets of span s over toks (the sequence it was
// tagged in). A span that ends with an initial or a consonant-only
// abbreviation ("Nguyễn Văn T", "bà Tr") directly followed by a period takes
// the period in: "T." is one token inside a sentence but two at its end,
// where the period also ends the sentence. An initial that holds its own
// period ("T." before the full stop of "ông T.. Sau") takes no other.
func Extent(toks []Token, s Span) (start, end int) {
	start, end = toks[s.Start].Start, toks[s.End-1].End
	if s.End < len(toks) {
		last, next := &toks[s.End-1], &toks[s.End]
		if next.Text == "." && next.Start == last.End && !strings.HasSuffix(last.Text, ".") && (last.Shape == ShapeInitial || last.Shape == ShapeTitle && consonantsOnly(last.Key)) {
			end = next.End
		}
	}
	return start, end
}

// consonantsOnly reports whether a key has letters and no vowel: "tr",
// "nh" are abbreviations, never syllables.
func consonantsOnly(key string) bool {
	letters := false
	for _, r := range key {
		switch r {
		case 'a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y':
			return false
		}
		if unicode.IsLetter(r) {
			letters = true
		}
	}
	return letters
}
