package nlp

import (
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestKeyFoldsTonePlacementCaseAndForm(t *testing.T) {
	tests := []struct {
		name string
		a, b string
	}{
		{"oa old and new style", "hoà bình", "hòa bình"},
		{"uy old and new style", "Thiếu uý", "Thiếu úy"},
		{"capitalization", "BỘ TƯ LỆNH", "bộ tư lệnh"},
		{"NFD and NFC", norm.NFD.String("Phan Trọng Nghĩa"), "Phan Trọng Nghĩa"},
		{"eth for Đ", "Ðại tá", "Đại tá"},
		{"white space runs", "Bộ   Quốc\tphòng", "Bộ Quốc phòng"},
		{"oe", "khoẻ", "khỏe"},
		{"uy in thuỵ", "Thuỵ Điển", "Thụy Điển"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if Key(tt.a) != Key(tt.b) {
				t.Errorf("Key(%q) = %q, Key(%q) = %q; want equal", tt.a, Key(tt.a), tt.b, Key(tt.b))
			}
			if !EqualFold(tt.a, tt.b) {
				t.Errorf("EqualFold(%q, %q) = false", tt.a, tt.b)
			}
		})
	}
}

func TestKeyKeepsDistinctWordsApart(t *testing.T) {
	tests := [][2]string{
		{"hoà", "hoa"}, // tone differs
		{"tá", "tà"},   // sắc vs huyền
		{"đô", "do"},   // đ and ô are letters, not tones
		{"mua", "mưa"}, // horn is a letter mark
		{"Thiếu tá", "Thiếu tướng"},
		{"hoà bình", "hoàbình"},
	}
	for _, p := range tests {
		if Key(p[0]) == Key(p[1]) {
			t.Errorf("Key(%q) == Key(%q) = %q; want different", p[0], p[1], Key(p[0]))
		}
	}
}

func TestStripTones(t *testing.T) {
	if got := StripTones("Thiếu Úy Đặng"); got != "thiêu uy đăng" {
		t.Errorf("StripTones = %q", got)
	}
}

// The key cache gives AppendKey's keys, on first sight and from the cache,
// also when texts share slots.
func TestKeyCache(t *testing.T) {
	texts := strings.Fields("Hà Nội hà nội HÀ NỘI hoà hòa Hoà Đại tá đại úy Nguyễn Văn Hoàng 2021 QĐND TP.HCM " +
		"quân đội nhân dân Việt Nam ngày 17-3 “trích” — … a\u0301 ho\u0300a nghiêng nghiêngnghiêng Thành phố")
	for i := range 5000 { // enough to make texts share slots
		texts = append(texts, "x"+strconv.Itoa(i))
	}
	c := new(keyCache)
	for pass := range 2 {
		for _, s := range texts {
			got := string(c.appendKey([]byte("pre "), s))
			if want := string(AppendKey([]byte("pre "), s)); got != want {
				t.Fatalf("pass %d: appendKey(%q) = %q, want %q", pass, s, got, want)
			}
		}
	}
}
