package nlp

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Tone is a Vietnamese tone (thanh điệu). Level (ngang) is the zero value.
type Tone uint8

// The six tones, in the order of the Telex keys s, f, r, x, j after level.
const (
	ToneLevel Tone = iota // ngang: a
	ToneAcute             // sắc: á
	ToneGrave             // huyền: à
	ToneHook              // hỏi: ả
	ToneTilde             // ngã: ã
	ToneDot               // nặng: ạ
)

// foldEntry is what one precomposed rune folds to: its lowercase letter
// without tone mark (vowel quality marks such as â, ơ, ư are kept) and its tone.
type foldEntry struct {
	base rune
	tone Tone
}

// foldTable covers U+0000..U+1EFF, which holds every Vietnamese letter.
var foldTable = buildFoldTable()

const foldTableSize = 0x1F00

func buildFoldTable() []foldEntry {
	t := make([]foldEntry, foldTableSize)
	var buf [8]rune
	for r := rune(0); r < foldTableSize; r++ {
		t[r] = foldEntry{base: unicode.ToLower(r)}
		if r < 0xC0 {
			continue
		}
		d := norm.NFD.String(string(r))
		bs := buf[:0]
		tone := ToneLevel
		for _, c := range d {
			switch c {
			case 0x0301, 0x0341:
				tone = ToneAcute
			case 0x0300, 0x0340:
				tone = ToneGrave
			case 0x0309:
				tone = ToneHook
			case 0x0303:
				tone = ToneTilde
			case 0x0323:
				tone = ToneDot
			default:
				bs = append(bs, c)
			}
		}
		if tone == ToneLevel {
			continue
		}
		base := []rune(norm.NFC.String(string(bs)))
		if len(base) == 1 {
			t[r] = foldEntry{base: unicode.ToLower(base[0]), tone: tone}
		}
	}
	// The Icelandic eth is a common stand-in for Đ in Vietnamese text.
	t['Ð'] = foldEntry{base: 'đ'}
	t['ð'] = foldEntry{base: 'đ'}
	return t
}

// foldRune returns the toneless lowercase form of r and its tone.
func foldRune(r rune) (rune, Tone) {
	if r >= 0 && r < foldTableSize {
		e := foldTable[r]
		return e.base, e.tone
	}
	return unicode.ToLower(r), ToneLevel
}

// isToneMark reports whether r is a combining Vietnamese tone mark.
func isToneMark(r rune) (Tone, bool) {
	switch r {
	case 0x0301, 0x0341:
		return ToneAcute, true
	case 0x0300, 0x0340:
		return ToneGrave, true
	case 0x0309:
		return ToneHook, true
	case 0x0303:
		return ToneTilde, true
	case 0x0323:
		return ToneDot, true
	}
	return 0, false
}

// toneSuffix is appended to a folded syllable that carries a tone. The bytes
// are control characters so that a key never collides with real text.
var toneSuffix = [...]string{"", "\x01", "\x02", "\x03", "\x04", "\x05"}

// AppendKey appends the matching key of s to dst and returns the extended
// slice. The key is lowercase, and each syllable's tone mark is taken off its
// vowel and written once at the end of the syllable, so the two tone-placement
// conventions ("hoà"/"hòa", "Thiếu uý"/"Thiếu úy") and capitalization
// give the same key. Runs of white space become one space. s must be in
// NFC, as document text always is (Key normalizes its argument). Keys are
// for lookups only: they are never shown to users.
func AppendKey(dst []byte, s string) []byte {
	tone := ToneLevel
	space := false
	started := false
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		} else if c := byte(r); c > ' ' && !space {
			// ASCII outside white space: the common case, folded inline.
			i++
			started = true
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			continue
		}
		i += n
		if unicode.IsSpace(r) {
			if started {
				space = true
			}
			continue
		}
		if t, ok := isToneMark(r); ok {
			if tone == ToneLevel {
				tone = t
			}
			continue
		}
		if space {
			dst = append(dst, toneSuffix[tone]...)
			dst = append(dst, ' ')
			tone, space = ToneLevel, false
		}
		started = true
		b, t := foldRune(r)
		if t != ToneLevel && tone == ToneLevel {
			tone = t
		}
		if b < utf8.RuneSelf {
			dst = append(dst, byte(b))
		} else {
			dst = utf8.AppendRune(dst, b)
		}
	}
	return append(dst, toneSuffix[tone]...)
}

// Key returns the matching key of s (see AppendKey), in any normalization form.
func Key(s string) string {
	var buf [64]byte
	return string(AppendKey(buf[:0], Normalize(s)))
}

// EqualFold reports whether a and b are the same text up to tone-mark
// placement, capitalization and Unicode normalization form.
func EqualFold(a, b string) bool {
	var ba, bb [64]byte
	return string(AppendKey(ba[:0], Normalize(a))) == string(AppendKey(bb[:0], Normalize(b)))
}

// StripTones returns s in lowercase without tone marks, keeping vowel quality
// marks and đ ("Thiếu úy" → "thiêu uy"). It is a coarser key than Key, for
// lookups that must also survive missing or wrong tones.
func StripTones(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if _, ok := isToneMark(r); ok {
			continue
		}
		base, _ := foldRune(r)
		b.WriteRune(base)
	}
	return b.String()
}
