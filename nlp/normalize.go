package nlp

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Normalize returns s in Unicode NFC. It is the only rewriting vnews applies
// to text: every offset the package reports points into Normalize's result.
// Normalize is idempotent.
func Normalize(s string) string {
	if plainNFC(s) || norm.NFC.IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
}

// NormalizeLine returns s as valid UTF-8 (invalid bytes replaced by U+FFFD)
// in NFC, with a fast path for the common case of text that is both.
func NormalizeLine(s string) string {
	if plainNFC(s) {
		return s
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return Normalize(s)
}

// plainNFC reports, in one cheap pass, text that is NFC because it holds
// only ASCII, Latin-1 and Latin Extended-A/B letters (U+0080..U+01BF),
// precomposed Vietnamese letters (U+1EA0..U+1EFF) and general punctuation
// (U+2002..U+203F: dashes, curly quotes, the ellipsis, bullets): nothing
// there decomposes, and nothing combines with what stands before it
// (TestPlainNFCRanges checks every character). Combining marks fall
// outside. The text it accepts is also valid UTF-8. It may report false for
// valid NFC text; the caller then checks fully.
func plainNFC(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < 0x80:
		case c >= 0xC2 && c <= 0xC6 && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			i++ // one continuation byte
		case c == 0xE1 && i+2 < len(s) && (s[i+1] == 0xBA || s[i+1] == 0xBB) && s[i+2]&0xC0 == 0x80:
			i += 2
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2] >= 0x82 && s[i+2] <= 0xBF:
			i += 2
		default:
			return false
		}
	}
	return true
}

// NormalizeBytes is Normalize for a byte slice already known to be UTF-8.
func NormalizeBytes(b []byte) string {
	if norm.NFC.IsNormal(b) {
		return string(b)
	}
	return string(norm.NFC.Bytes(b))
}

// NewNormalizer returns a transformer that decodes with dec (nil: input is
// UTF-8) and normalizes to NFC, for streaming use with transform.NewReader.
func NewNormalizer(dec transform.Transformer) transform.Transformer {
	if dec == nil {
		return norm.NFC
	}
	return transform.Chain(dec, norm.NFC)
}
