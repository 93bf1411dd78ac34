package nlp

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"
)

func TestDecode(t *testing.T) {
	vi := "Bộ Tư lệnh Thủ đô Hà Nội khai mạc hội thao."
	utf16le, _ := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().String(vi)
	utf16be, _ := xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM).NewEncoder().String(vi)
	// Windows-1258 spells tones as combining marks after the (quality-marked) vowel.
	cp1258, err := charmap.Windows1258.NewEncoder().String("Đa\u0323i tá Nguyê\u0303n Văn Ho\u0300a")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		in       string
		enc      Encoding
		want     string
		wantEnc  Encoding
		warnings int
		err      error
	}{
		{name: "utf-8", in: vi, want: vi, wantEnc: UTF8},
		{name: "utf-8 BOM", in: "\xef\xbb\xbf" + vi, want: vi, wantEnc: UTF8},
		{name: "NFD becomes NFC", in: norm.NFD.String(vi), want: vi, wantEnc: UTF8},
		{name: "invalid bytes replaced", in: "Hà\xff Nội", want: "Hà\uFFFD Nội", wantEnc: UTF8, warnings: 1},
		{name: "utf-16le BOM", in: utf16le, want: vi, wantEnc: UTF16LE},
		{name: "utf-16be without BOM", in: utf16be, want: vi, wantEnc: UTF16BE},
		{name: "windows-1258 forced", in: cp1258, enc: Windows1258, want: "Đại tá Nguyễn Văn Hòa", wantEnc: Windows1258},
		{name: "empty", in: "", err: ErrEmpty},
		{name: "white space only", in: " \n\t\u00a0\r\n", err: ErrEmpty},
		{name: "BOM only", in: "\xef\xbb\xbf", err: ErrEmpty},
		{name: "png", in: "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", err: ErrBinary},
		{name: "control bytes", in: strings.Repeat("\x01\x02\x03abc", 50), err: ErrBinary},
		{name: "a few NULs are still text", in: "Hà Nội\x00 hôm nay " + strings.Repeat("trời đẹp ", 20), want: "Hà Nội\x00 hôm nay " + strings.Repeat("trời đẹp ", 20), wantEnc: UTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Decode([]byte(tt.in), tt.enc)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("err = %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d.Text != tt.want || d.Encoding != tt.wantEnc || len(d.Warnings) != tt.warnings {
				t.Errorf("Decode = %q %s %v; want %q %s with %d warnings", d.Text, d.Encoding, d.Warnings, tt.want, tt.wantEnc, tt.warnings)
			}
		})
	}
}

func TestParseEncoding(t *testing.T) {
	for in, want := range map[string]Encoding{"auto": EncodingAuto, "UTF8": UTF8, "cp1258": Windows1258, "utf-16be": UTF16BE} {
		if got, err := ParseEncoding(in); err != nil || got != want {
			t.Errorf("ParseEncoding(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseEncoding("latin-9"); !errors.Is(err, ErrUnknownEncoding) {
		t.Errorf("ParseEncoding(latin-9) err = %v", err)
	}
}

func TestNormalizeIsIdempotent(t *testing.T) {
	for _, s := range []string{"hoà", norm.NFD.String("Thiếu uý"), "abc", ""} {
		n := Normalize(s)
		if Normalize(n) != n || !norm.NFC.IsNormalString(n) {
			t.Errorf("Normalize(%q) = %q is not stable NFC", s, n)
		}
	}
}

func TestPlainNFCNeverLies(t *testing.T) {
	for _, s := range []string{"Hà Nội", "Ðại tá", "hoà", "\u00a0x", "ỹ", "a\u0301", "\u2126", "Ω", "A\u030a", "\u1f71", "hello"} {
		if plainNFC(s) && !norm.NFC.IsNormalString(s) {
			t.Errorf("plainNFC(%q) = true for text that is not NFC", s)
		}
	}
	if !plainNFC("Bộ Tư lệnh Thủ đô Hà Nội khai mạc Hội thao ỹ") {
		t.Error("plainNFC false on plain Vietnamese")
	}
}

// TestRandomBytesAreBinary: bytes from a random source never pass as text
// (before, one 3,000-byte sample in six came out as an "article"), while
// text with a few stray bytes, and Western 8-bit text, still does.
func TestRandomBytesAreBinary(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 400 {
		b := make([]byte, 512+rng.IntN(8192))
		for k := range b {
			b[k] = byte(rng.Uint32())
		}
		if _, err := Decode(b, EncodingAuto); !errors.Is(err, ErrBinary) {
			t.Fatalf("random sample %d (%d bytes) decoded as text: %v", i, len(b), err)
		}
	}
	for name, b := range map[string][]byte{
		"a few bad bytes": []byte("Sư đoàn 308 \xff\xfe diễn tập\x00 chiến thuật " + strings.Repeat("trên thao trường ", 30)),
		"Latin-1 French":  []byte(strings.Repeat("L'\xe9quipe a visit\xe9 la base na\xefve \xe0 c\xf4t\xe9 du fleuve. ", 20)),
		"control bytes":   []byte(strings.Repeat("Bộ Quốc phòng\x1b[0m thông báo\x07 ", 40)),
	} {
		if _, err := Decode(b, EncodingAuto); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestPlainNFCRanges: every character plainNFC accepts is NFC, does not
// combine with the one before it, and is not a combining mark, so any text
// made only of them is NFC.
func TestPlainNFCRanges(t *testing.T) {
	n := 0
	for r := rune(0); r <= 0x2FFF; r++ {
		s := string(r)
		if !plainNFC(s) {
			continue
		}
		n++
		p := norm.NFC.PropertiesString(s)
		if !norm.NFC.IsNormalString(s) || p.CCC() != 0 || !p.BoundaryBefore() {
			t.Errorf("plainNFC accepts %U, which is not NFC-stable (ccc %d, boundary before %v)", r, p.CCC(), p.BoundaryBefore())
		}
	}
	for _, r := range []rune{'—', '–', '“', '”', '‘', '’', '…', '•', 'Đ', 'ư', 'ỹ'} {
		if !plainNFC(string(r)) {
			t.Errorf("plainNFC rejects %q", r)
		}
	}
	if n < 500 {
		t.Errorf("plainNFC accepts only %d characters", n)
	}
}

// DecodeString is Decode of the string's bytes as UTF-8.
func TestDecodeStringMatchesDecode(t *testing.T) {
	for _, s := range []string{
		"", "  \n", "\xEF\xBB\xBF", "\xEF\xBB\xBFBộ đội", "\xFF\xFEa", "Hà Nội", "“Hoà” — Hà Nội…",
		"ho\u0300a", "a\xffb", "\u200b\u200b", "\x00", "Ω", "\u2000x", "Sư đoàn\u00a0308",
	} {
		t.Run(strconv.Quote(s), func(t *testing.T) {
			want, werr := Decode([]byte(s), UTF8)
			got, gerr := DecodeString(s)
			if werr != gerr || !reflect.DeepEqual(got, want) {
				t.Errorf("DecodeString = %+v, %v; Decode = %+v, %v", got, gerr, want, werr)
			}
		})
	}
}
