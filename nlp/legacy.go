package nlp

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

// The legacy 8-bit Vietnamese encodings that older government documents
// still use: TCVN3 (TCVN 5712:1993, the "ABC" fonts such as .VnTime) and
// VNI (the VNI-Windows fonts). Both put Vietnamese letters above 0x80 of
// an otherwise ASCII code page; bytes they leave free are read as
// Windows-1252, which is what a word processor stored for them (curly
// quotes, dashes).

// tcvn3High maps TCVN3 bytes to letters. TCVN3 has lowercase letters with
// every tone, but of the capitals only Ă Â Đ Ê Ô Ơ Ư: a capital with a tone
// was written with the same byte in a capitals font (.VnTimeH), so those
// decode to lowercase.
var tcvn3High = map[byte]rune{
	0xA1: 'Ă', 0xA2: 'Â', 0xA3: 'Ê', 0xA4: 'Ô', 0xA5: 'Ơ', 0xA6: 'Ư', 0xA7: 'Đ',
	0xA8: 'ă', 0xA9: 'â', 0xAA: 'ê', 0xAB: 'ô', 0xAC: 'ơ', 0xAD: 'ư', 0xAE: 'đ',
	0xB5: 'à', 0xB6: 'ả', 0xB7: 'ã', 0xB8: 'á', 0xB9: 'ạ',
	0xBB: 'ằ', 0xBC: 'ẳ', 0xBD: 'ẵ', 0xBE: 'ắ', 0xC6: 'ặ',
	0xC7: 'ầ', 0xC8: 'ẩ', 0xC9: 'ẫ', 0xCA: 'ấ', 0xCB: 'ậ',
	0xCC: 'è', 0xCE: 'ẻ', 0xCF: 'ẽ', 0xD0: 'é', 0xD1: 'ẹ',
	0xD2: 'ề', 0xD3: 'ể', 0xD4: 'ễ', 0xD5: 'ế', 0xD6: 'ệ',
	0xD7: 'ì', 0xD8: 'ỉ', 0xDC: 'ĩ', 0xDD: 'í', 0xDE: 'ị',
	0xDF: 'ò', 0xE1: 'ỏ', 0xE2: 'õ', 0xE3: 'ó', 0xE4: 'ọ',
	0xE5: 'ồ', 0xE6: 'ổ', 0xE7: 'ỗ', 0xE8: 'ố', 0xE9: 'ộ',
	0xEA: 'ờ', 0xEB: 'ở', 0xEC: 'ỡ', 0xED: 'ớ', 0xEE: 'ợ',
	0xEF: 'ù', 0xF1: 'ủ', 0xF2: 'ũ', 0xF3: 'ú', 0xF4: 'ụ',
	0xF5: 'ừ', 0xF6: 'ử', 0xF7: 'ữ', 0xF8: 'ứ', 0xF9: 'ự',
	0xFA: 'ỳ', 0xFB: 'ỷ', 0xFC: 'ỹ', 0xFD: 'ý', 0xFE: 'ỵ',
}

// tcvn3Table is the whole byte → rune table: ASCII, TCVN3's letters, and
// Windows-1252 for the bytes TCVN3 leaves free.
var tcvn3Table = func() [256]rune {
	var t [256]rune
	for b := range 256 {
		t[b] = charmap.Windows1252.DecodeByte(byte(b))
		if r, ok := tcvn3High[byte(b)]; ok {
			t[b] = r
		}
	}
	return t
}()

func decodeTCVN3(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/4)
	for _, c := range b {
		if c < utf8.RuneSelf {
			sb.WriteByte(c)
		} else {
			sb.WriteRune(tcvn3Table[c])
		}
	}
	return sb.String()
}

// VNI writes a letter as a base letter followed by a mark byte (the
// vowel's hat or horn and the tone together), except for a few letters
// that have a byte of their own. Mark bytes differ for lowercase and
// capital letters.
type vniMark struct {
	hat  rune // combining circumflex or breve, 0 for none
	tone rune // combining tone mark, 0 for none
	caps bool // the mark of a capital letter
}

const (
	combGrave = '\u0300'
	combAcute = '\u0301'
	combTilde = '\u0303'
	combHook  = '\u0309'
	combDot   = '\u0323'
	combCirc  = '\u0302'
	combBreve = '\u0306'
)

var vniMarks = map[byte]vniMark{
	// lowercase: tone only
	0xF8: {0, combGrave, false}, 0xF9: {0, combAcute, false}, 0xFB: {0, combHook, false},
	0xF5: {0, combTilde, false}, 0xEF: {0, combDot, false},
	// lowercase: circumflex, with a tone
	0xE2: {combCirc, 0, false}, 0xE0: {combCirc, combGrave, false}, 0xE1: {combCirc, combAcute, false},
	0xE5: {combCirc, combHook, false}, 0xE3: {combCirc, combTilde, false}, 0xE4: {combCirc, combDot, false},
	// lowercase: breve, with a tone
	0xEA: {combBreve, 0, false}, 0xE8: {combBreve, combGrave, false}, 0xE9: {combBreve, combAcute, false},
	0xFA: {combBreve, combHook, false}, 0xFC: {combBreve, combTilde, false}, 0xEB: {combBreve, combDot, false},
	// capitals
	0xD8: {0, combGrave, true}, 0xD9: {0, combAcute, true}, 0xDB: {0, combHook, true},
	0xD5: {0, combTilde, true}, 0xCF: {0, combDot, true},
	0xC2: {combCirc, 0, true}, 0xC0: {combCirc, combGrave, true}, 0xC1: {combCirc, combAcute, true},
	0xC5: {combCirc, combHook, true}, 0xC3: {combCirc, combTilde, true}, 0xC4: {combCirc, combDot, true},
	0xCA: {combBreve, 0, true}, 0xC8: {combBreve, combGrave, true}, 0xC9: {combBreve, combAcute, true},
	0xDA: {combBreve, combHook, true}, 0xDC: {combBreve, combTilde, true}, 0xCB: {combBreve, combDot, true},
}

// vniLetters are the letters VNI writes with one byte; ơ and ư also take a
// tone byte after them.
var vniLetters = map[byte]rune{
	0xF1: 'đ', 0xD1: 'Đ', 0xF4: 'ơ', 0xD4: 'Ơ', 0xF6: 'ư', 0xD6: 'Ư',
	0xEC: 'ì', 0xED: 'í', 0xE6: 'ỉ', 0xF3: 'ĩ', 0xF2: 'ị',
	0xCC: 'Ì', 0xCD: 'Í', 0xC6: 'Ỉ', 0xD3: 'Ĩ', 0xD2: 'Ị',
	0xEE: 'ỵ', 0xCE: 'Ỵ',
}

// vniBase reports whether r can take a VNI mark: a vowel, in the case the
// mark is written for.
func vniBase(r rune, m vniMark) bool {
	lower, upper := "aeiouyơư", "AEIOUYƠƯ"
	switch m.hat {
	case combCirc:
		lower, upper = "aeo", "AEO"
	case combBreve:
		lower, upper = "a", "A"
	}
	if m.caps {
		return strings.ContainsRune(upper, r)
	}
	return strings.ContainsRune(lower, r)
}

func decodeVNI(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/4)
	var prev rune = -1
	var out [2]rune
	for _, c := range b {
		var n int
		n, prev = vniStep(prev, c, &out)
		for _, r := range out[:n] {
			if r < utf8.RuneSelf {
				sb.WriteByte(byte(r))
			} else {
				sb.WriteRune(r)
			}
		}
	}
	return sb.String()
}

// vniStep decodes byte c after letter prev (-1 if no mark may follow) into
// out and returns how many runes it wrote and the new prev.
func vniStep(prev rune, c byte, out *[2]rune) (int, rune) {
	if c < utf8.RuneSelf {
		out[0] = rune(c)
		return 1, rune(c)
	}
	if m, ok := vniMarks[c]; ok && prev >= 0 && vniBase(prev, m) {
		n := 0
		if m.hat != 0 {
			out[n] = m.hat
			n++
		}
		if m.tone != 0 {
			out[n] = m.tone
			n++
		}
		return n, -1
	}
	if r, ok := vniLetters[c]; ok {
		out[0] = r
		return 1, r
	}
	out[0] = charmap.Windows1252.DecodeByte(c)
	return 1, -1
}

// legacyTransformer decodes TCVN3 or VNI as a stream (for NewReader). Its
// output still needs NFC: VNI's marks come out as combining characters.
type legacyTransformer struct {
	enc  Encoding
	prev rune
}

func (t *legacyTransformer) Reset() { t.prev = -1 }

func (t *legacyTransformer) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	var out [2]rune
	for nSrc < len(src) {
		c := src[nSrc]
		var n int
		prev := t.prev
		if t.enc == TCVN3 {
			out[0], n = tcvn3Table[c], 1
		} else {
			n, prev = vniStep(t.prev, c, &out)
		}
		size := 0
		for _, r := range out[:n] {
			size += utf8.RuneLen(r)
		}
		if nDst+size > len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		for _, r := range out[:n] {
			nDst += utf8.EncodeRune(dst[nDst:], r)
		}
		t.prev = prev
		nSrc++
	}
	return nDst, nSrc, nil
}

// VietnameseScore tells how much decoded text reads as Vietnamese: the
// syllables with a Vietnamese letter beyond ASCII that are well formed,
// less twice those that are not (or hold a replacement character). Text
// decoded with the wrong table gives broken syllables and stray symbols.
// It is the measure by which Decode picks an 8-bit encoding; a caller
// choosing between readings of the same bytes can compare them with it.
func VietnameseScore(text string) int { return legacyScore(text) }

func legacyScore(text string) int {
	score := 0
	var key []byte
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !isWordRune(r) && r != '\ufffd' && !isSymbolish(r) }) {
		ascii := true
		for i := 0; i < len(w); i++ {
			if w[i] >= utf8.RuneSelf {
				ascii = false
				break
			}
		}
		if ascii {
			continue
		}
		key = AppendKey(key[:0], Normalize(w))
		if !strings.ContainsRune(w, '\ufffd') && vietnameseSyllable(key) {
			score++
		} else {
			score -= 2
		}
	}
	return score
}

// isSymbolish are the symbols a wrong 8-bit table turns letters into; they
// are kept inside a word so that the word counts as broken.
func isSymbolish(r rune) bool {
	return r >= 0x80 && r < 0x2100 && !isWordRune(r) && r != '\u00a0' && r != '\u2013' && r != '\u2014' &&
		r != '\u2018' && r != '\u2019' && r != '\u201c' && r != '\u201d' && r != '\u2026'
}

// detectLegacy picks the 8-bit encoding under which b (not valid UTF-8)
// reads best as Vietnamese, or UTF8 (with replacement) when none reads as
// Vietnamese at all.
func detectLegacy(b []byte) (Encoding, string) {
	sample := b
	if len(sample) > 64*1024 {
		sample = sample[:64*1024]
	}
	best, bestScore := UTF8, 0
	for _, enc := range []Encoding{Windows1258, TCVN3, VNI} {
		if s := legacyScore(decodeLegacy(enc, sample)); s > bestScore {
			best, bestScore = enc, s
		}
	}
	if best == UTF8 {
		return UTF8, ""
	}
	return best, decodeLegacy(best, b)
}

func decodeLegacy(enc Encoding, b []byte) string {
	switch enc {
	case Windows1258:
		return decode8bit(charmap.Windows1258, b)
	case TCVN3:
		return decodeTCVN3(b)
	case VNI:
		return decodeVNI(b)
	}
	return string(b)
}
