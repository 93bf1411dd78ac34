package nlp

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// An article in the layout of scraped Vietnamese news sites, written for
// these tests: category, title padded with spaces, meta line, dateline,
// a caption split over two lines, byline and "Tin khác".
const scrapedArticle = "Tin quân đội\n\n" +
	"Lữ đoàn 126 huấn luyện bơi vũ trang năm 2022         \n\n" +
	"; đăng: 07:45, 12/05/2022; công bố ngày: 06:30, 12/05/2022; truy cập 205 lượt;\n\n \n\n" +
	"QĐND-Ngày 11-5, Lữ đoàn 126 tổ chức kiểm tra bơi vũ trang cho chiến sĩ mới. Thượng tá Đặng Văn Kiên, Lữ đoàn trưởng chỉ đạo buổi kiểm tra.\n\n \n\n \n\n" +
	"Thượng tá Đặng Văn Kiên, Lữ đoàn trưởng Lữ đoàn 126\n\n" +
	"kiểm tra kết quả bơi của chiến sĩ mới. \n\n \n\n" +
	"Kết quả, 100% chiến sĩ đạt yêu cầu, trong đó 60% đạt khá, giỏi. Đơn vị sẽ tiếp tục duy trì huấn luyện trong mùa hè.\n\n\n" +
	"Thanh Sơn\n\n       \n\nTin khác"

func TestStructureOfScrapedArticle(t *testing.T) {
	doc, err := Analyze(scrapedArticle)
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct{ field, got, want string }{
		{"category", doc.SpanText(doc.Category), "Tin quân đội"},
		{"title", doc.SpanText(doc.Title), "Lữ đoàn 126 huấn luyện bơi vũ trang năm 2022"},
		{"dateline", doc.SpanText(doc.Dateline), "QĐND"},
		{"author", doc.SpanText(doc.Author), "Thanh Sơn"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	wantRoles := []struct {
		start string
		role  Role
	}{
		{"Tin quân đội", RoleMeta},
		{"Lữ đoàn 126 huấn luyện", RoleTitle},
		{"; đăng:", RoleMeta},
		{"QĐND-", RoleMeta},
		{"Ngày 11-5", RoleLead},
		{"Thượng tá Đặng Văn Kiên, Lữ đoàn trưởng chỉ đạo", RoleLead},
		{"Thượng tá Đặng Văn Kiên, Lữ đoàn trưởng Lữ đoàn 126\n\nkiểm tra", RoleCaption},
		{"Kết quả, 100%", RoleBody},
		{"Đơn vị sẽ tiếp tục", RoleBody},
		{"Thanh Sơn", RoleByline},
		{"Tin khác", RoleBoilerplate},
	}
	if len(doc.Sentences) != len(wantRoles) {
		for i, s := range doc.Sentences {
			t.Logf("%d %s %q", i, s.Role, doc.SentenceText(i))
		}
		t.Fatalf("%d sentences, want %d", len(doc.Sentences), len(wantRoles))
	}
	for i, w := range wantRoles {
		s := doc.Sentences[i]
		text := doc.SentenceText(i)
		if len(text) < len(w.start) || text[:len(w.start)] != w.start || s.Role != w.role {
			t.Errorf("sentence %d = %s %q, want %s starting %q", i, s.Role, text, w.role, w.start)
		}
	}
}

func TestStructureWithoutHeader(t *testing.T) {
	tests := []struct {
		name, text, title string
		hints             Hints
		firstRole         Role
	}{
		{name: "body only", text: "Ngày 5/9, học viện khai giảng năm học mới. Thượng tướng Đỗ Minh Khang dự.", firstRole: RoleLead},
		{name: "title and body", text: "Học viện khai giảng\n\nNgày 5/9, học viện khai giảng năm học mới.", title: "Học viện khai giảng", firstRole: RoleTitle},
		{name: "title given by the caller and repeated", text: "Học viện khai giảng\n\nNgày 5/9, học viện khai giảng.", hints: Hints{Title: "Học viện khai giảng"}, title: "Học viện khai giảng", firstRole: RoleTitle},
		{name: "title given by the caller, not in text", text: "Hội trường chật kín\n\nNgày 5/9, học viện khai giảng.", hints: Hints{Title: "Học viện khai giảng"}, firstRole: RoleHeading},
	}
	a, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := a.Analyze(tt.text, tt.hints)
			if err != nil {
				t.Fatal(err)
			}
			if got := doc.SpanText(doc.Title); got != tt.title {
				t.Errorf("title = %q, want %q", got, tt.title)
			}
			if doc.Sentences[0].Role != tt.firstRole {
				t.Errorf("first sentence role = %s, want %s", doc.Sentences[0].Role, tt.firstRole)
			}
		})
	}
}

func TestBylineForms(t *testing.T) {
	tests := []struct{ line, author string }{
		{"Hoàng Hải", "Hoàng Hải"},
		{"Tin, ảnh: Trần Minh Đức", "Trần Minh Đức"},
		{"Bài và ảnh: LÊ THỊ HOA", "LÊ THỊ HOA"},
		{"Ngọc Anh (TTXVN)", "Ngọc Anh"},
		{"Theo TTXVN", ""},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			doc, err := Analyze("Tiêu đề bài viết\n\nNgày 5/9, đơn vị tổ chức hội nghị. Hội nghị thành công.\n\n" + tt.line)
			if err != nil {
				t.Fatal(err)
			}
			last := doc.Sentences[len(doc.Sentences)-1]
			if last.Role != RoleByline {
				t.Errorf("last sentence role = %s, want byline", last.Role)
			}
			if got := doc.SpanText(doc.Author); got != tt.author {
				t.Errorf("author = %q, want %q", got, tt.author)
			}
		})
	}
}

func TestStructureOfProjectArticles(t *testing.T) {
	// Every article in testdata must have a lead and no empty sentence.
	files := []string{"su-doan-308-dien-tap.txt", "vung-4-tiep-nhan-tau.txt", "bien-phong-giup-dan.txt", "hoc-vien-khai-giang.txt"}
	for _, f := range files {
		b, err := os.ReadFile("../testdata/articles/" + f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Analyze(string(b))
		if err != nil {
			t.Fatal(err)
		}
		lead := false
		for i, s := range doc.Sentences {
			if s.Role == RoleLead {
				lead = true
			}
			if doc.SentenceText(i) == "" {
				t.Errorf("%s: empty sentence %d", f, i)
			}
		}
		if !lead {
			t.Errorf("%s: no lead sentence", f)
		}
	}
}

func TestWordCount(t *testing.T) {
	// fieldsCount is the definition: chunks of strings.Fields with a letter,
	// digit or mark in them.
	fieldsCount := func(s string) int {
		n := 0
		for _, f := range strings.Fields(s) {
			for _, r := range f {
				if isWordRune(r) {
					n++
					break
				}
			}
		}
		return n
	}
	for _, tc := range []struct{ name, in string }{
		{"empty", ""},
		{"spaces", " \t\n "},
		{"words", "Bộ đội Biên phòng tỉnh giúp dân"},
		{"punctuation alone", "Hà Nội - ( ) … ”"},
		{"no-break and ideographic spaces", "Tin\u00a0ảnh:\u3000Minh\u2009Châu"},
		{"zero-width space joins", "Quân\u200bđội"},
		{"digits and marks", "ngày 12/5 , 3,5 % \u0301"},
		{"invalid UTF-8", "a\xffb \xff c"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := fieldsCount(tc.in)
			if got := wordCount(tc.in); got != want {
				t.Errorf("wordCount(%q) = %d, want %d", tc.in, got, want)
			}
			for limit := 0; limit <= want+1; limit++ {
				if got, w := wordCountUpTo(tc.in, limit), min(want, limit+1); got != w {
					t.Errorf("wordCountUpTo(%q, %d) = %d, want %d", tc.in, limit, got, w)
				}
			}
		})
	}
}

// dateish is reDateish without the regexp engine.
func TestDateish(t *testing.T) {
	for _, s := range []string{
		"", "12/05/2021", "ngày 12/5/21 lúc", "12 / 5 - 2021", "1.2.34", "12/5", "09:15", "9:1", "9:15",
		"123/45/6789", "12/345/67", "12/3/4", "1-2-3", "2.000.000 đồng", "15/8,", "v1.2.3x", "12\t/\n5\f.\r99",
		"đăng: 14:30, 18/03/2021", "Sư đoàn 308", "1/2/", "1/22 /33", "12/5 /2", "a9:99", ":12", "12:", "1:2:34",
	} {
		if got, want := dateish(s), reDateish.MatchString(s); got != want {
			t.Errorf("dateish(%q) = %v, reDateish %v", s, got, want)
		}
	}
}

// Strings over the characters that matter, at random.
func TestDateishRandom(t *testing.T) {
	const alphabet = "0123456789/.-: \t\na"
	r := rand.New(rand.NewPCG(7, 11))
	b := make([]byte, 0, 24)
	for range 200000 {
		b = b[:0]
		for range r.IntN(24) {
			b = append(b, alphabet[r.IntN(len(alphabet))])
		}
		if s := string(b); dateish(s) != reDateish.MatchString(s) {
			t.Fatalf("dateish(%q) = %v, reDateish %v", s, dateish(s), reDateish.MatchString(s))
		}
	}
}

func FuzzDateish(f *testing.F) {
	for _, s := range []string{"12/05/2021", "09:15", "1 - 2 . 345", "ngày 3.4.56"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := dateish(s), reDateish.MatchString(s); got != want {
			t.Errorf("dateish(%q) = %v, reDateish %v", s, got, want)
		}
	})
}
