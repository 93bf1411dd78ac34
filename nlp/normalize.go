package nlp

import (
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Normalize returns s in Unicode NFC. It is the only rewriting vnews applies
// to text: every offset the package reports points into Normalize's result.
// Normalize is idempotent.
func Normalize(s string) string {
	if norm.NFC.IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
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
