package nlp

import (
	"bytes"
	"io"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func addSeeds(f *testing.F) {
	for _, s := range []string{
		scrapedArticle, "", "Hà Nội", "TP. HCM. Bà T. Hiện", "1.000,5 15/05/2021 07:45 2016-2020",
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
		if want, werr := Decode([]byte(s), UTF8); werr != err || want.Text != d.Text || len(want.Warnings) != len(d.Warnings) {
			t.Fatalf("DecodeString(%q) = %q, %v; Decode of its bytes = %q, %v", s, d.Text, err, want.Text, werr)
		}
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

// FuzzDecode: any bytes under any encoding decode without a panic to valid
// NFC text; UTF-8 input is kept as it is (only normalized); the streaming
// reader of the 8-bit encodings reads what Decode reads.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{scrapedArticle, "B\xb6o Th\xbeng", "Ng\xad\xeai l\xddnh", "Ngo\xf8i Vie\xe4t", "\xef\xbb\xbfabc",
		"\xff\xfea\x00b\x00", "\x89PNG\r\n", "\x00\x00\x00", "a\xf8\xf8\xf8", "\xc3"} {
		for e := range 7 {
			f.Add([]byte(s), uint8(e))
		}
	}
	encs := append([]Encoding{EncodingAuto}, Encodings...)
	f.Fuzz(func(t *testing.T, b []byte, e uint8) {
		enc := encs[int(e)%len(encs)]
		d, err := Decode(b, enc)
		if err != nil {
			return
		}
		if !utf8.ValidString(d.Text) || !norm.NFC.IsNormalString(d.Text) || d.Encoding == "" {
			t.Fatalf("Decode(%q, %s) = %q (%s): invalid or not NFC", b, enc, d.Text, d.Encoding)
		}
		if enc == EncodingAuto && utf8.Valid(b) && d.Encoding == UTF8 && !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) &&
			d.Text != Normalize(string(b)) {
			t.Fatalf("UTF-8 input changed beyond NFC: %q → %q", b, d.Text)
		}
		if enc == TCVN3 || enc == VNI {
			r, _, err := NewReader(bytes.NewReader(b), enc)
			if err != nil {
				t.Fatal(err)
			}
			all, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			if Normalize(string(all)) != d.Text {
				t.Fatalf("%s stream %q, Decode %q", enc, all, d.Text)
			}
		}
	})
}
