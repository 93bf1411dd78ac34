package nlp

import (
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func addSeeds(f *testing.F) {
	for _, s := range []string{
		scrapedArticle, "", "Hà Nội", "TP. HCM. Ông L. Hiện", "1.000,5 24/04/2020 08:06 2011-2020",
		norm.NFD.String("Thiếu uý Nguyễn Văn Hoà"), "\xff\xfe\x00a", "a\u0301\u0301", "…“”\"'", "https://x.vn/a?b=c.",
		"Đại tá\n\nkết luận.", "\r\n\r\n", "v.v. v.v..", "👍🏻👍🏻", "\u200b\u00a0\ufeff",
	} {
		f.Add(s)
	}
}

// FuzzNormalize: normalization is idempotent and yields valid NFC.
func FuzzNormalize(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		d, err := DecodeString(s)
		if err != nil {
			return
		}
		if !utf8.ValidString(d.Text) || !norm.NFC.IsNormalString(d.Text) {
			t.Fatalf("Decode(%q) gave invalid or non-NFC text", s)
		}
		if Normalize(d.Text) != d.Text {
			t.Fatalf("Normalize not idempotent on %q", d.Text)
		}
		if utf8.ValidString(s) && plainNFC(s) && !norm.NFC.IsNormalString(s) {
			t.Fatalf("plainNFC(%q) is true for text that is not NFC", s)
		}
	})
}

// FuzzAnalyze: sentence spans tile the text, tokens and words carry exact
// offsets, and words join back to their syllables.
func FuzzAnalyze(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		doc, err := Analyze(s)
		if err != nil {
			if err != ErrEmpty {
				t.Fatalf("Analyze: %v", err)
			}
			return
		}
		checkDocument(t, doc)
	})
}

// FuzzKey: keys of a string and its NFD form agree, and keys are stable.
func FuzzKey(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		n := norm.NFC.String(s)
		if Key(n) != Key(norm.NFD.String(n)) {
			t.Fatalf("Key differs for NFC and NFD of %q", s)
		}
	})
}
