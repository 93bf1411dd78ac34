package record

import (
	"os"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

func TestHTMLPage(t *testing.T) {
	raw, err := os.ReadFile("../../testdata/html/trung-doan-huan-luyen.html")
	if err != nil {
		t.Fatal(err)
	}
	b := newTestBuilder(t, Options{})
	rec, err := b.Build(Article{ID: "p", Source: "p.html", Raw: raw, HTML: true})
	if err != nil {
		t.Fatal(err)
	}
	checkOffsets(t, &rec)
	if rec.Title != "Trung đoàn 48 huấn luyện đêm" || rec.Published != "2023-03-14T07:45:00+07:00" || rec.Encoding != "utf-8" {
		t.Errorf("title %q, published %q, encoding %q", rec.Title, rec.Published, rec.Encoding)
	}
	for _, want := range []string{"Đêm 13-3, Trung đoàn 48", "Thượng tá Phạm Văn Tư", "Kết quả có 95%"} {
		if !strings.Contains(rec.Text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	for _, bad := range []string{"Trang chủ", "Quảng cáo", "dataLayer", "font-family", "Đọc nhiều", "Tin liên quan", "Chia sẻ", "238 Hoàng Văn Thụ", "trackPage"} {
		if strings.Contains(rec.Text, bad) {
			t.Errorf("text holds page furniture %q:\n%s", bad, rec.Text)
		}
	}
	// Paragraphs stay in order, each on its own.
	if i, j := strings.Index(rec.Text, "Thượng tá"), strings.Index(rec.Text, "Kết quả"); i < 0 || j < i {
		t.Errorf("paragraphs out of order")
	}
	if rec.Author != "Minh Đức" {
		t.Errorf("author %q", rec.Author)
	}
}

func TestHTMLWithoutArticleElement(t *testing.T) {
	page := `<html><head><title>Hội thao quân sự | Báo X</title>
<meta name="pubdate" content="2022-08-02"></head><body>
<div id="menu"><ul><li>Trang chủ</li><li>Quốc phòng</li></ul></div>
<div class="main"><div class="content">
<p>Sáng 1-8, Bộ Chỉ huy Quân sự tỉnh Lâm Đồng khai mạc hội thao quân sự năm 2022.</p>
<p>Hội thao có 12 đoàn với hơn 300 vận động viên tham gia tranh tài ở 6 nội dung.</p>
</div><div class="comments"><p>Bình luận của bạn đọc: rất hay, rất hay, rất hay.</p></div></div>
</body></html>`
	b := newTestBuilder(t, Options{})
	rec, err := b.Build(Article{ID: "p", Raw: []byte(page), HTML: true})
	if err != nil {
		t.Fatal(err)
	}
	if rec.Title != "Hội thao quân sự | Báo X" || rec.Published != "2022-08-02" {
		t.Errorf("title %q, published %q", rec.Title, rec.Published)
	}
	if !strings.Contains(rec.Text, "Hội thao có 12 đoàn") || strings.Contains(rec.Text, "Bình luận") || strings.Contains(rec.Text, "Quốc phòng") {
		t.Errorf("text:\n%s", rec.Text)
	}
}

func TestHTMLDeclaredCharset(t *testing.T) {
	body := "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\"><title>Tin quân sự</title></head>" +
		"<body><article><p>Đại tá Nguyễn Văn Hùng dự lễ kỷ niệm.</p></article></body></html>"
	raw, err := charmap.Windows1258.NewEncoder().String(cp1258Form(body))
	if err != nil {
		t.Fatal(err)
	}
	b := newTestBuilder(t, Options{})
	rec, err := b.Build(Article{ID: "c", Raw: []byte(raw), HTML: true})
	if err != nil {
		t.Fatal(err)
	}
	if rec.Encoding != "windows-1258" || !strings.Contains(rec.Text, "Đại tá Nguyễn Văn Hùng") {
		t.Errorf("encoding %q, text %q", rec.Encoding, rec.Text)
	}
}

// cp1258Form writes each letter as Windows-1258 does: the letter with its
// hat or horn precomposed, the tone as a combining mark after it.
func cp1258Form(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		b.WriteRune(r)
	}
	var out strings.Builder
	var base []rune
	flush := func(tone []rune) {
		out.WriteString(norm.NFC.String(string(base)))
		out.WriteString(string(tone))
		base = base[:0]
	}
	var tone []rune
	for _, r := range b.String() {
		switch r {
		case '\u0300', '\u0301', '\u0303', '\u0309', '\u0323':
			tone = append(tone, r)
			continue
		}
		if !unicode.Is(unicode.Mn, r) && len(base) > 0 {
			flush(tone)
			tone = tone[:0]
		}
		base = append(base, r)
	}
	flush(tone)
	return out.String()
}

func TestHTMLWithNoText(t *testing.T) {
	b := newTestBuilder(t, Options{})
	rec, err := b.Build(Article{ID: "n", Raw: []byte("<html><head><script>x()</script></head><body><nav>Trang chủ</nav></body></html>"), HTML: true})
	if err == nil || rec.Error == nil || rec.Error.Code != CodeEmpty {
		t.Errorf("a page without text: %+v, %v", rec.Error, err)
	}
}

func TestLooksLikeHTML(t *testing.T) {
	for s, want := range map[string]bool{
		"<!DOCTYPE html><html>":           true,
		"\n  <html lang=\"vi\">":          true,
		"<!-- saved --><html>":            true,
		"Sư đoàn 308 <b>diễn tập</b>":     false,
		"{\"text\": \"<html>\"}":          false,
		"\xef\xbb\xbf<!doctype HTML><p>x": true,
	} {
		if got := looksLikeHTML([]byte(s)); got != want {
			t.Errorf("looksLikeHTML(%q) = %v", s, got)
		}
	}
}
