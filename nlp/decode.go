package nlp

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Encoding names a character encoding of input bytes.
type Encoding string

// The encodings Decode reads. EncodingAuto asks Decode to detect it.
const (
	EncodingAuto Encoding = ""
	UTF8         Encoding = "utf-8"
	UTF16LE      Encoding = "utf-16le"
	UTF16BE      Encoding = "utf-16be"
	Windows1258  Encoding = "windows-1258"
	TCVN3        Encoding = "tcvn3"
	VNI          Encoding = "vni"
)

// Encodings lists the encodings Decode accepts, for help texts and validation.
var Encodings = []Encoding{UTF8, UTF16LE, UTF16BE, Windows1258, TCVN3, VNI}

// ParseEncoding maps a user's spelling of an encoding name ("UTF8", "cp1258",
// "abc", "auto") to an Encoding.
func ParseEncoding(s string) (Encoding, error) {
	switch strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), "_", "-")) {
	case "", "auto":
		return EncodingAuto, nil
	case "utf-8", "utf8":
		return UTF8, nil
	case "utf-16le", "utf16le", "utf-16", "utf16":
		return UTF16LE, nil
	case "utf-16be", "utf16be":
		return UTF16BE, nil
	case "windows-1258", "cp1258", "win1258", "windows1258":
		return Windows1258, nil
	case "tcvn3", "tcvn", "abc", "tcvn-3", "tcvn5712", "vn3":
		return TCVN3, nil
	case "vni", "vni-windows", "vniwin":
		return VNI, nil
	}
	return "", fmt.Errorf("%w: %q (known: auto, utf-8, utf-16le, utf-16be, windows-1258, tcvn3, vni)", ErrUnknownEncoding, s)
}

// Errors returned by Decode. They are sentinels: test with errors.Is.
var (
	ErrEmpty           = errors.New("nlp: empty input")
	ErrBinary          = errors.New("nlp: binary input, not text")
	ErrEncoding        = errors.New("nlp: input cannot be decoded")
	ErrUnknownEncoding = errors.New("nlp: unknown encoding")
)

// Decoded is text decoded from bytes and normalized to NFC.
type Decoded struct {
	Text     string   // NFC text
	Encoding Encoding // the encoding that was read
	Warnings []string // what was repaired, for the record
}

var boms = []struct {
	bom []byte
	enc Encoding
}{
	{[]byte{0xEF, 0xBB, 0xBF}, UTF8},
	{[]byte{0xFF, 0xFE}, UTF16LE},
	{[]byte{0xFE, 0xFF}, UTF16BE},
}

// binaryMagic are file signatures of common binary formats.
var binaryMagic = [][]byte{
	[]byte("\x89PNG"), []byte("%PDF-"), []byte("PK\x03\x04"), []byte("\x1f\x8b"),
	[]byte("\x7fELF"), []byte("\xff\xd8\xff"), []byte("GIF8"), []byte("BM"),
	[]byte("\xd0\xcf\x11\xe0"), []byte("Rar!"), []byte("7z\xbc\xaf"), []byte("MZ"),
}

// Decode turns input bytes into NFC text. With EncodingAuto it reads a byte
// order mark, then UTF-8, UTF-16 without BOM, and the legacy Vietnamese 8-bit
// encodings, choosing the one under which the text reads as Vietnamese. Invalid
// UTF-8 sequences are replaced by U+FFFD with a warning. Decode fails with
// ErrEmpty for input that is empty or only white space, ErrBinary for data
// that is not text, and ErrEncoding when a forced encoding cannot be applied.
func Decode(b []byte, enc Encoding) (Decoded, error) {
	var d Decoded
	body := b
	for _, m := range boms {
		if bytes.HasPrefix(b, m.bom) {
			if enc == EncodingAuto {
				enc = m.enc
			}
			if enc == m.enc {
				body = b[len(m.bom):]
			}
			break
		}
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return d, ErrEmpty
	}
	if enc == EncodingAuto {
		if e, ok := sniffUTF16(body); ok {
			enc = e
		} else if looksBinary(body) {
			return d, ErrBinary
		}
	}
	var text string
	if enc == EncodingAuto {
		enc = UTF8
		if !utf8.Valid(body) {
			// Not UTF-8: one of the 8-bit Vietnamese encodings, if the text
			// reads as Vietnamese under it; else UTF-8 with repairs.
			if e, t := detectLegacy(body); e != UTF8 {
				enc, text = e, t
			} else if looksRandom(body) {
				return d, ErrBinary
			}
		}
	}
	d.Encoding = enc
	switch enc {
	case UTF8:
		if utf8.Valid(body) {
			text = string(body)
		} else {
			var bad int
			text, bad = replaceInvalidUTF8(body)
			d.Warnings = append(d.Warnings, fmt.Sprintf("%d invalid UTF-8 byte sequence(s) replaced by U+FFFD", bad))
		}
	case UTF16LE, UTF16BE:
		order := xunicode.LittleEndian
		if enc == UTF16BE {
			order = xunicode.BigEndian
		}
		if len(body)%2 != 0 {
			d.Warnings = append(d.Warnings, "odd number of bytes in UTF-16 input; last byte dropped")
			body = body[:len(body)-1]
		}
		s, err := xunicode.UTF16(order, xunicode.IgnoreBOM).NewDecoder().Bytes(body)
		if err != nil {
			return d, fmt.Errorf("%w: %v", ErrEncoding, err)
		}
		text = string(s)
	case Windows1258, TCVN3, VNI:
		if text == "" {
			text = decodeLegacy(enc, body)
		}
	default:
		return d, fmt.Errorf("%w: %q", ErrUnknownEncoding, string(enc))
	}
	d.Text = Normalize(text)
	if strings.TrimFunc(d.Text, isSpaceOrInvisible) == "" {
		return d, ErrEmpty
	}
	return d, nil
}

// DecodeString is Decode for text that is already a Go string (UTF-8): it
// repairs invalid bytes and normalizes, but never reinterprets the encoding.
func DecodeString(s string) (Decoded, error) {
	// Decode(b, UTF8) on a string, without copying it: a UTF-8 byte order
	// mark is dropped, and text that is NFC already is returned as it is.
	var d Decoded
	body := strings.TrimPrefix(s, "\xEF\xBB\xBF")
	if len(strings.TrimSpace(body)) == 0 {
		return d, ErrEmpty
	}
	d.Encoding = UTF8
	switch {
	case plainNFC(body):
		d.Text = body
	case utf8.ValidString(body):
		d.Text = Normalize(body)
	default:
		text, bad := replaceInvalidUTF8([]byte(body))
		d.Warnings = append(d.Warnings, fmt.Sprintf("%d invalid UTF-8 byte sequence(s) replaced by U+FFFD", bad))
		d.Text = Normalize(text)
	}
	if strings.TrimFunc(d.Text, isSpaceOrInvisible) == "" {
		return d, ErrEmpty
	}
	return d, nil
}

func decode8bit(cm *charmap.Charmap, b []byte) string {
	// A charmap decoder never fails: unmapped bytes become U+FFFD.
	s, _ := cm.NewDecoder().Bytes(b)
	return string(s)
}

// replaceInvalidUTF8 returns b as a string with each invalid sequence replaced
// by U+FFFD, and the number of replacements.
func replaceInvalidUTF8(b []byte) (string, int) {
	var sb strings.Builder
	sb.Grow(len(b) + 8)
	bad := 0
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n <= 1 {
			bad++
			sb.WriteRune(utf8.RuneError)
			b = b[1:]
			continue
		}
		sb.Write(b[:n])
		b = b[n:]
	}
	return sb.String(), bad
}

// looksBinary reports whether b is data rather than text in an 8-bit or UTF-8
// encoding: a known file signature, or many control bytes near the start.
func looksBinary(b []byte) bool {
	for _, m := range binaryMagic {
		if bytes.HasPrefix(b, m) && (len(m) > 2 || controlRatio(b) > 0.01) {
			return true
		}
	}
	return controlRatio(b) > 0.10
}

// looksRandom reports whether b, which is neither UTF-8 nor readable in an
// 8-bit Vietnamese encoding, is data: text never has both many control
// bytes and many invalid UTF-8 sequences, while random or compressed bytes
// have about 10% of the one and 40% of the other. (Control bytes alone
// allow some text: a few NULs in a scraped page.)
func looksRandom(b []byte) bool {
	if len(b) > 8192 {
		b = b[:8192]
	}
	return controlRatio(b) > 0.03 && invalidUTF8Ratio(b) > 0.05
}

// invalidUTF8Ratio is the share of bytes of b that start an invalid UTF-8
// sequence (a sequence cut at the end of b counts too).
func invalidUTF8Ratio(b []byte) float64 {
	if len(b) == 0 {
		return 0
	}
	bad := 0
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			bad++
			n = 1
		}
		i += n
	}
	return float64(bad) / float64(len(b))
}

// controlRatio is the share of C0 control bytes other than white space in the
// first 8 KiB of b.
func controlRatio(b []byte) float64 {
	if len(b) > 8192 {
		b = b[:8192]
	}
	if len(b) == 0 {
		return 0
	}
	n := 0
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b {
			n++
		}
	}
	return float64(n) / float64(len(b))
}

// sniffUTF16 recognizes UTF-16 without a byte order mark by its zero bytes:
// text in the Latin and Vietnamese ranges has a zero high byte in most units.
func sniffUTF16(b []byte) (Encoding, bool) {
	if len(b) < 4 {
		return "", false
	}
	n := min(len(b), 4096) &^ 1
	var even, odd int
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	units := n / 2
	switch {
	case odd*10 >= units*4 && even*10 < units:
		return UTF16LE, true
	case even*10 >= units*4 && odd*10 < units:
		return UTF16BE, true
	}
	return "", false
}

func isSpaceOrInvisible(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' || r == '\u200c' || r == '\u200d' || r == 0
}

// NewReader returns a reader of the UTF-8 text in r, decoded from enc. With
// EncodingAuto it reads a byte order mark or sniffs UTF-16 from the first
// bytes, and otherwise takes UTF-8. It is for streaming large inputs line by
// line; the text still needs Normalize.
func NewReader(r io.Reader, enc Encoding) (io.Reader, Encoding, error) {
	br := bufio.NewReaderSize(r, 64*1024)
	head, _ := br.Peek(4096)
	bomLen := 0
	for _, m := range boms {
		if bytes.HasPrefix(head, m.bom) {
			if enc == EncodingAuto {
				enc = m.enc
			}
			if enc == m.enc {
				bomLen = len(m.bom)
			}
			break
		}
	}
	if enc == EncodingAuto {
		if e, ok := sniffUTF16(head); ok {
			enc = e
		} else {
			enc = UTF8
			// A rune cut at the end of the peek is no sign of another encoding.
			h := head[bomLen:]
			for k := 0; k < utf8.UTFMax && len(h) > 0 && !utf8.Valid(h); k++ {
				h = h[:len(h)-1]
			}
			if !utf8.Valid(h) {
				if e, _ := detectLegacy(head[bomLen:]); e != UTF8 {
					enc = e
				}
			}
		}
	}
	br.Discard(bomLen)
	switch enc {
	case UTF8:
		return br, enc, nil
	case UTF16LE:
		return transform.NewReader(br, xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM).NewDecoder()), enc, nil
	case UTF16BE:
		return transform.NewReader(br, xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM).NewDecoder()), enc, nil
	case Windows1258:
		return transform.NewReader(br, charmap.Windows1258.NewDecoder()), enc, nil
	case TCVN3, VNI:
		return transform.NewReader(br, &legacyTransformer{enc: enc, prev: -1}), enc, nil
	}
	return nil, enc, fmt.Errorf("%w: %q", ErrUnknownEncoding, string(enc))
}
