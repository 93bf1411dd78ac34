package nlp

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/vnews/vnews/internal/benchtext"
)

// tok renders tokens as "text/kind" for compact expectations.
func tok(toks []Token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text + "/" + t.Kind.String())
	}
	return b.String()
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"syllables and comma", "Bộ Tư lệnh, Thủ đô", "Bộ/word Tư/word lệnh/word ,/punct Thủ/word đô/word"},
		{"day-month", "Ngày 23-4,", "Ngày/word 23-4/number ,/punct"},
		{"full date", "24/04/2020.", "24/04/2020/number ./punct"},
		{"dotted date", "Chiều 31.10,", "Chiều/word 31.10/number ,/punct"},
		{"year range", "giai đoạn 2011-2020;", "giai/word đoạn/word 2011-2020/number ;/punct"},
		{"time", "lúc 08:06", "lúc/word 08:06/number"},
		{"thousands and decimals", "1.000 người, 2,5%", "1.000/number người/word ,/punct 2,5%/number"},
		{"hour code", "16h30 chiều", "16h30/code chiều/word"},
		{"unit code and aircraft", "C2 và Su-22", "C2/code và/word Su-22/code"},
		{"abbreviation with dot", "TP. Hồ Chí Minh", "TP./abbrev Hồ/word Chí/word Minh/word"},
		{"joined abbreviation", "TP.HCM.", "TP.HCM/abbrev ./punct"},
		{"academic titles", "PGS.TS. Nguyễn", "PGS.TS./abbrev Nguyễn/word"},
		{"v.v.", "súng, đạn v.v. Sau", "súng/word ,/punct đạn/word v.v./abbrev Sau/word"},
		{"initial", "bà T. Hiện", "bà/word T./abbrev Hiện/word"},
		{"district number", "Q.1", "Q.1/code"},
		{"url", "xem https://qdnd.vn/tin-tuc/a.html.", "xem/word https://qdnd.vn/tin-tuc/a.html/url ./punct"},
		{"domain", "Theo qdnd.vn,", "Theo/word qdnd.vn/url ,/punct"},
		{"email", "gửi bandoc@qdnd.vn.", "gửi/word bandoc@qdnd.vn/email ./punct"},
		{"ellipsis", "chờ... Rồi", "chờ/word .../punct Rồi/word"},
		{"initial before a full stop", "ông T.. Sau", "ông/word T./abbrev ./punct Sau/word"},
		{"initial before an ellipsis", "ông T... Sau", "ông/word T/word .../punct Sau/word"},
		{"two-letter initials", "Nguyễn Văn Th. và Kh.. Sau", "Nguyễn/word Văn/word Th./abbrev và/word Kh./abbrev ./punct Sau/word"},
		{"quotes", "“Bộ đội Cụ Hồ”", "“/punct Bộ/word đội/word Cụ/word Hồ/word ”/punct"},
		{"document number", "số 30c/NQ-CP", "số/word 30c/NQ-CP/code"},
		{"abbreviation pair", "PK-KQ và GD&ĐT", "PK-KQ/word và/word GD/word &/punct ĐT/word"},
		{"hyphenated transliteration", "người Pa-kô", "người/word Pa-kô/word"},
		{"dash with spaces", "Thừa Thiên - Huế", "Thừa/word Thiên/word -/punct Huế/word"},
		{"emoji with modifier", "chúc mừng 👍🏻!", "chúc/word mừng/word 👍🏻/symbol !/punct"},
		{"quarter", "quý I/2020", "quý/word I/2020/code"},
		{"abbreviation slash", "đ/c Nghĩa", "đ/c/code Nghĩa/word"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := Tokenize(nil, tt.in, 0, len(tt.in))
			if got := tok(toks); got != tt.want {
				t.Errorf("Tokenize(%q)\n got %s\nwant %s", tt.in, got, tt.want)
			}
			for _, k := range toks {
				if tt.in[k.Start:k.End] != k.Text {
					t.Errorf("token %q has offsets %d:%d selecting %q", k.Text, k.Start, k.End, tt.in[k.Start:k.End])
				}
			}
		})
	}
}

func TestTokenizeSubrangeUsesAbsoluteOffsets(t *testing.T) {
	text := "Tiêu đề\nĐại tá Nghĩa"
	start := strings.IndexByte(text, '\n') + 1
	toks := Tokenize(nil, text, start, len(text))
	if len(toks) != 3 || toks[0].Start != start || text[toks[2].Start:toks[2].End] != "Nghĩa" {
		t.Fatalf("tokens %+v", toks)
	}
}

// tokenizeChunks is Tokenize without its fast path for chunks of letters:
// every white-space separated chunk goes through tokenizeChunk.
func tokenizeChunks(dst []Token, text string, start, end int) []Token {
	i := start
	for i < end {
		r, n := decodeRune(text, i)
		if isSpace(r) {
			i += n
			continue
		}
		ce := i
		for ce < end {
			c, m := decodeRune(text, ce)
			if isSpace(c) {
				break
			}
			ce += m
		}
		dst = tokenizeChunk(dst, text, i, ce)
		i = ce
	}
	return dst
}

func TestTokenizeFastPath(t *testing.T) {
	texts := append([]string{scrapedArticle, "Hà\u0300 Nội", "\u0301a b\u0301", "www http https:// Cam-pu-chia TP.HCM v.v. ông L. 2,5%",
		"ĐẠI TÁ Nguyễn Văn An e-mail: an@qdnd.vn", "x\u200by ﬁ ǅ Ⅻ ⅻ ²³ 𝐀𝐁 ā\u0304"}, benchtext.Articles(20, 2000, 3)...)
	for i, s := range texts {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			got, want := Tokenize(nil, s, 0, len(s)), tokenizeChunks(nil, s, 0, len(s))
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Tokenize differs from tokenizing every chunk:\n got %v\nwant %v", got, want)
			}
		})
	}
}

func FuzzTokenizeFastPath(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Tokenize(nil, s, 0, len(s)), tokenizeChunks(nil, s, 0, len(s)); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: got %v, want %v", s, got, want)
		}
	})
}

// The class table gives what the unicode package gives for case.
func TestCaseFromClassTable(t *testing.T) {
	for r := rune(0); r < classTableSize+0x100; r++ {
		s := string(r)
		tok := Token{Text: s + "a"}
		if got, want := tok.IsUpper(), unicode.IsUpper(r); got != want {
			t.Errorf("IsUpper(%q) = %v, want %v", s, got, want)
		}
		want := unicode.IsLetter(r) && unicode.IsUpper(r)
		if got := isAllUpper(s); got != want {
			t.Errorf("isAllUpper(%q) = %v, want %v", s, got, want)
		}
	}
}
