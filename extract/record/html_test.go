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

// deepPage wraps body in depth nested <div>s inside a page with a title,
// a date, navigation and a footer.
func deepPage(depth int, body string) string {
	return `<!DOCTYPE html><html><head><title>Nông dân Hà Tĩnh gặt lúa chạy bão</title>
<meta name="pubdate" content="2024-09-18"><style>p { color: red }</style></head><body>
<nav><a href="/">Trang chủ</a> <a href="/thoi-su">Thời sự</a></nav>` +
		strings.Repeat(`<div class="khung">`, depth) + body + strings.Repeat("</div>", depth) +
		`<footer>Bản quyền thuộc về tòa soạn</footer><script>dem_luot_xem()</script></body></html>`
}

func TestHTMLDeeplyNested(t *testing.T) {
	paras := `<p>Sáng nay, hàng trăm nông dân xã Cẩm Bình ra đồng gặt lúa sớm để tránh cơn bão sắp vào bờ.</p>
<p>Năm nay năng suất đạt hơn sáu tấn một héc-ta, cao nhất trong mười năm qua.</p>`
	for _, tc := range []struct {
		name          string
		page          string
		title, pub    string
		text, notText []string
	}{
		{
			name: "2000 divs",
			page: deepPage(2000, paras),
			text: []string{"hàng trăm nông dân xã Cẩm Bình", "cao nhất trong mười năm qua"},
		},
		{
			name: "2000 divs with furniture inside",
			page: deepPage(2000, `<div class="share-buttons">Chia sẻ bài viết</div><aside>Tin liên quan</aside>`+
				paras+`<script>quang_cao()</script><div id="comments"><p>Ý kiến bạn đọc: bài viết rất hay và bổ ích cho bà con.</p></div>`),
			text:    []string{"hàng trăm nông dân xã Cẩm Bình", "cao nhất trong mười năm qua"},
			notText: []string{"Chia sẻ", "Tin liên quan", "quang_cao", "Ý kiến bạn đọc"},
		},
		{
			name: "deep article with a headline",
			page: deepPage(1000, `<article><h1>Cẩm Bình gặt xong lúa trước bão</h1><time datetime="2024-09-17T06:00:00+07:00" itemprop="datePublished">17/9</time>`+
				strings.Repeat("<span>", 700)+paras+strings.Repeat("</span>", 700)+`</article>`),
			title: "Cẩm Bình gặt xong lúa trước bão",
			text:  []string{"hàng trăm nông dân xã Cẩm Bình", "cao nhất trong mười năm qua"},
		},
		{
			name: "unclosed elements",
			page: `<html><head><title>Nông dân Hà Tĩnh gặt lúa chạy bão</title><meta name="pubdate" content="2024-09-18"></head><body>` +
				strings.Repeat("<div><span>", 600) + paras,
			text: []string{"hàng trăm nông dân xã Cẩm Bình", "cao nhất trong mười năm qua"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newTestBuilder(t, Options{})
			rec, err := b.Build(Article{ID: "d", Source: "d.html", Raw: []byte(tc.page), HTML: true})
			if err != nil {
				t.Fatalf("%v (record error %+v)", err, rec.Error)
			}
			checkOffsets(t, &rec)
			title, pub := "Nông dân Hà Tĩnh gặt lúa chạy bão", "2024-09-18"
			if tc.title != "" {
				title = tc.title
			}
			if tc.pub != "" {
				pub = tc.pub
			}
			if rec.Title != title || rec.Published != pub {
				t.Errorf("title %q, published %q; want %q, %q", rec.Title, rec.Published, title, pub)
			}
			for _, want := range tc.text {
				if !strings.Contains(rec.Text, want) {
					t.Errorf("text lacks %q:\n%s", want, rec.Text)
				}
			}
			for _, bad := range append(tc.notText, "Trang chủ", "Bản quyền", "color: red", "dem_luot_xem") {
				if strings.Contains(rec.Text, bad) {
					t.Errorf("text holds page furniture %q:\n%s", bad, rec.Text)
				}
			}
			if len(rec.Warnings) != 1 || !strings.Contains(rec.Warnings[0], "nested too deeply") {
				t.Errorf("warnings %q, want one saying the page was nested too deeply", rec.Warnings)
			}
		})
	}
}

// TestHTMLShallowPageHasNoWarning: the simpler reader is for deep pages
// only; an ordinary page is read by the parser without a warning.
func TestHTMLShallowPageHasNoWarning(t *testing.T) {
	b := newTestBuilder(t, Options{})
	rec, err := b.Build(Article{ID: "s", Raw: []byte(deepPage(100, "<p>Lúa đã về kho an toàn trước khi bão đến.</p>")), HTML: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Warnings) != 0 || !strings.Contains(rec.Text, "Lúa đã về kho") {
		t.Errorf("warnings %q, text %q", rec.Warnings, rec.Text)
	}
}

// charsetPage is a Vietnamese news page whose head carries meta.
func charsetPage(meta string) string {
	return "<!DOCTYPE html><html><head>" + meta + "<title>Lễ hội đua thuyền trên sông Hương</title></head><body><article>" +
		"<p>Chiều qua, mười hai đội thuyền của các phường ven sông Hương tranh tài trước hàng nghìn người xem.</p>" +
		"<p>Đội thuyền phường Vỹ Dạ về nhất sau gần hai mươi phút bơi ngược dòng.</p></article></body></html>"
}

func TestHTMLCharsetThatLies(t *testing.T) {
	cp1258 := func(s string) []byte {
		t.Helper()
		b, err := charmap.Windows1258.NewEncoder().String(cp1258Form(s))
		if err != nil {
			t.Fatal(err)
		}
		return []byte(b)
	}
	for _, tc := range []struct {
		name    string
		raw     []byte
		enc     string
		warning []string // the words the one warning must hold; none: no warning
	}{
		{"utf-8 declared windows-1258", []byte(charsetPage(`<meta charset="windows-1258">`)), "utf-8", []string{"windows-1258", "utf-8"}},
		{"utf-8 declared utf-16", []byte(charsetPage(`<meta http-equiv="Content-Type" content="text/html; charset=utf-16">`)), "utf-8", []string{"utf-16", "utf-8"}},
		{"utf-8 declared utf-16be", []byte(charsetPage(`<meta charset="UTF-16BE">`)), "utf-8", []string{"UTF-16BE", "utf-8"}},
		{"utf-8 declared iso-8859-1", []byte(charsetPage(`<meta http-equiv="content-type" content="text/html; charset=iso-8859-1">`)), "utf-8", []string{"iso-8859-1", "utf-8"}},
		{"utf-8 with a byte order mark declared windows-1258", append([]byte("\xef\xbb\xbf"), charsetPage(`<meta charset="windows-1258">`)...), "utf-8", []string{"windows-1258", "utf-8"}},
		{"windows-1258 declared utf-8", cp1258(charsetPage(`<meta charset="utf-8">`)), "windows-1258", []string{"utf-8", "windows-1258"}},
		{"windows-1258 declared iso-8859-1", cp1258(charsetPage(`<meta charset="iso-8859-1">`)), "windows-1258", []string{"iso-8859-1", "windows-1258"}},
		{"windows-1258 declared tcvn3", cp1258(charsetPage(`<meta charset="TCVN3">`)), "windows-1258", []string{"TCVN3", "windows-1258"}},
		{"truthful windows-1258", cp1258(charsetPage(`<meta charset="windows-1258">`)), "windows-1258", nil},
		{"truthful windows-1258, http-equiv", cp1258(charsetPage(`<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">`)), "windows-1258", nil},
		{"truthful utf-8", []byte(charsetPage(`<meta charset="utf-8">`)), "utf-8", nil},
		{"no declaration", []byte(charsetPage(``)), "utf-8", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newTestBuilder(t, Options{})
			rec, err := b.Build(Article{ID: "c", Raw: tc.raw, HTML: true})
			if err != nil {
				t.Fatal(err)
			}
			if rec.Encoding != tc.enc {
				t.Errorf("encoding %q, want %q", rec.Encoding, tc.enc)
			}
			if rec.Title != "Lễ hội đua thuyền trên sông Hương" {
				t.Errorf("title %q", rec.Title)
			}
			for _, want := range []string{"mười hai đội thuyền của các phường ven sông Hương", "Đội thuyền phường Vỹ Dạ về nhất"} {
				if !strings.Contains(rec.Text, want) {
					t.Errorf("text lacks %q:\n%s", want, rec.Text)
				}
			}
			if tc.warning == nil {
				if len(rec.Warnings) != 0 {
					t.Errorf("warnings %q, want none", rec.Warnings)
				}
				return
			}
			if len(rec.Warnings) != 1 {
				t.Fatalf("warnings %q, want one naming %q", rec.Warnings, tc.warning)
			}
			for _, w := range tc.warning {
				if !strings.Contains(rec.Warnings[0], w) {
					t.Errorf("warning %q does not name %q", rec.Warnings[0], w)
				}
			}
		})
	}
}

// TestHTMLCharsetOnASCII: a declaration cannot change text that is all
// ASCII, so honouring it needs no warning; utf-16 is never honoured, and
// says so.
func TestHTMLCharsetOnASCII(t *testing.T) {
	for _, meta := range []string{`<meta charset="iso-8859-1">`, `<meta charset="windows-1258">`, `<meta charset="utf-16">`, `<meta charset="utf-16le">`} {
		t.Run(meta, func(t *testing.T) {
			page := "<html><head>" + meta + "<title>Hue boat race</title></head><body><p>Twelve boats raced on the Perfume River.</p></body></html>"
			b := newTestBuilder(t, Options{})
			rec, err := b.Build(Article{ID: "a", Raw: []byte(page), HTML: true})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(rec.Text, "Twelve boats raced on the Perfume River.") || rec.Title != "Hue boat race" {
				t.Errorf("title %q, text %q", rec.Title, rec.Text)
			}
			if !strings.Contains(meta, "utf-16") {
				if len(rec.Warnings) != 0 {
					t.Errorf("warnings %q, want none", rec.Warnings)
				}
				return
			}
			if rec.Encoding != "utf-8" {
				t.Errorf("encoding %q: a utf-16 declaration on ASCII bytes was honoured", rec.Encoding)
			}
			if len(rec.Warnings) != 1 || !strings.Contains(rec.Warnings[0], `"utf-16`) || !strings.Contains(rec.Warnings[0], "read as utf-8") {
				t.Errorf("warnings %q, want one naming the utf-16 declaration and utf-8", rec.Warnings)
			}
		})
	}
}

// TestHTMLTokenReaderAgreesWithTree: on pages written properly, the token
// reader for deep pages finds the same headline, date and text as the
// reader over the parser's tree.
func TestHTMLTokenReaderAgreesWithTree(t *testing.T) {
	pages := map[string]string{
		"article and aside": `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Cầu Rồng phun lửa | Báo Y</title>
<meta property="og:title" content="Cầu Rồng phun lửa mừng lễ">
<meta property="article:published_time" content="2024-04-30T20:00:00+07:00">
<script>var a = "<p>không phải bài</p>";</script><style>.x{}</style></head>
<body><header><h1>Báo Y</h1><nav><ul><li>Trang chủ</li><li>Du lịch</li></ul></nav></header>
<main><article><h1>Cầu Rồng phun lửa mừng lễ</h1><p class="sapo">Tối 30-4, hàng nghìn du khách đứng kín hai bên bờ sông Hàn.</p>
<figure><img src="a.jpg" alt="Cầu Rồng"><figcaption>Cầu Rồng lúc chín giờ tối. Ảnh: Lan Anh</figcaption></figure>
<p>Rồng phun lửa chín lần<br>rồi phun nước bảy lần.</p><div class="share">Chia sẻ Facebook</div>
<ul><li>Giờ phun: 21 giờ<li>Thứ bảy và chủ nhật</ul>
<p>Ban quản lý cho biết lễ hội sẽ kéo dài đến ngày 5-5.</article>
<aside><article><p>Tin khác: một bài ngắn hơn.</p></article></aside></main>
<footer><p>Bản quyền thuộc về Báo Y</p></footer></body></html>`,
		"no article element": `<html><head><title>Hội chợ sách ở Cần Thơ</title><meta name="pubdate" content="2023-11-02"></head><body>
<div id="menu"><ul><li>Trang chủ</li><li>Văn hóa</li></ul></div>
<div class="wrap"><div class="content"><h2>Khai mạc hội chợ</h2>
<p>Sáng 2-11, hội chợ sách mở cửa tại công viên bờ sông với gần một trăm gian hàng.
<p>Nhiều nhà xuất bản giảm giá từ hai mươi đến năm mươi phần trăm.
<blockquote>Chúng tôi mong bạn trẻ đọc sách nhiều hơn, bà Thu nói.</blockquote>
</div><div class="comments"><p>Bình luận: hay quá, hay quá, hay quá, hay quá, hay quá.</p></div>
<table><tr><td>Giờ mở cửa<td>8 giờ đến 21 giờ<tr><td>Vé<td>Miễn phí</table></div>
<time datetime="2023-11-02T09:15:00+07:00">9 giờ 15</time></body></html>`,
		"no head, no body": `<title>Mưa lớn ở Huế</title><h1>Mưa lớn ở Huế</h1><p>Đêm qua, mưa lớn làm ngập nhiều tuyến phố.<p>Trường học cho học sinh nghỉ một ngày.`,
		"pubdate time and nested articles": `<html><body><article><article><p>Chỉ một đoạn trong bài lồng.</p></article></article>
<time pubdate datetime="2022-02-02">2-2</time><section><p>Đoạn ngoài bài viết, dài hơn đoạn trong bài lồng nhiều lắm.</p></section></body></html>`,
		"headline inside header": `<html><body><header><h1><span>Đà Lạt</span> <script>x()</script>đón khách</h1></header>
<div><p>Thành phố đón hơn mười vạn lượt khách trong kỳ nghỉ.</p><p>Giá phòng tăng gấp đôi.</p></div>
<div role="navigation"><p>Đi tới trang sau, trang trước, trang đầu, trang cuối.</p></div></body></html>`,
		"unclosed paragraph before a block": `<html><body><div class="khung"><p>Lời giới thiệu ngắn.<div class="bai"><p>Đoạn thứ nhất của bài viết kể về chuyến đi dài ngày.</p>
<p>Đoạn thứ hai của bài viết kể về những người bạn mới.</p></div></div><ul><li>Mục một<li>Mục hai</ul><dl><dt>Tác giả<dd>Minh Khôi</dl></body></html>`,
		"only furniture": `<html><head><script>x()</script></head><body><nav>Trang chủ</nav><footer>Liên hệ</footer></body></html>`,
		"text outside paragraphs": `<html><body>Bài viết không có thẻ đoạn nào.<div>Chỉ có chữ trong thẻ div.</div><svg><title>Biểu tượng</title><rect/></svg>
<select><option>Chọn tỉnh</option></select> Hết bài.</body></html>`,
		"entities and custom elements": `<html><head><title>Giá vàng &amp; USD</title></head><body><tin-bai><p>Giá vàng tăng &#273;ến 80 triệu đồng&nbsp;một lượng.</p>
<p>Giá USD giữ nguyên.</p></tin-bai><my-ads class="ads"><p>Quảng cáo mua vàng ngay hôm nay kẻo lỡ.</p></my-ads></body></html>`,
	}
	if raw, err := os.ReadFile("../../testdata/html/trung-doan-huan-luyen.html"); err == nil {
		pages["testdata page"] = string(raw)
	} else {
		t.Fatal(err)
	}
	for name, page := range pages {
		t.Run(name, func(t *testing.T) {
			want, err := parseHTMLTree(page)
			if err != nil {
				t.Fatal(err)
			}
			got := parseHTMLTokens(page)
			if got.Title != want.Title || got.Published != want.Published || got.Text != want.Text {
				t.Errorf("token reader:\n%q %q\n%s\n\ntree reader:\n%q %q\n%s", got.Title, got.Published, got.Text, want.Title, want.Published, want.Text)
			}
			if len(got.Warnings) != 0 {
				t.Errorf("warnings %q", got.Warnings)
			}
		})
	}
}

// FuzzHTMLDeep: any bytes read as a page nested too deeply for the parser
// give one record, never a panic: an error record or exact offsets, and a
// warning that the simpler reader read it. The token reader also reads the
// bytes themselves without failing.
func FuzzHTMLDeep(f *testing.F) {
	for _, s := range []string{"<p>Sư đoàn 308 diễn tập.</p>", "<title>Tin</title><h1>Đà Lạt</h1><p>x", "<article><p>a</article></p>b",
		"<p><button><div>x", "<ul><li>a<li>b<dl><dt>c<dd>d", "<table><tr><td>a<td>b<tr><td>c</table>", "<svg><x/><title>t</title></svg>y",
		"<head><meta name=pubdate content=2020><script>x</script>z", "</div></span></b>", "<time datetime=\"2021-01-01\">", "<tin-bai><p>x</tin-bai>"} {
		f.Add([]byte(s))
	}
	b := newTestBuilder(f, Options{})
	f.Fuzz(func(t *testing.T, data []byte) {
		parseHTMLTokens(string(data))
		page := "<html><body>" + strings.Repeat("<div>", 520) + string(data)
		rec, err := b.Build(Article{ID: "h", Raw: []byte(page), HTML: true})
		if (err != nil) != (rec.Error != nil) {
			t.Fatalf("error %v but record error %+v", err, rec.Error)
		}
		if rec.Error != nil {
			if rec.Error.Code == CodeInternal {
				t.Fatalf("internal error: %v", err)
			}
			return
		}
		checkOffsets(t, &rec)
		deep := false
		for _, w := range rec.Warnings {
			deep = deep || strings.Contains(w, "nested too deeply")
		}
		if !deep {
			t.Errorf("warnings %q lack the simpler reader's", rec.Warnings)
		}
	})
}
