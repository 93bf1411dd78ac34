package extract

import (
	"os"
	"regexp"
	"testing"
	"time"

	"github.com/vnews/vnews/nlp"
)

// dateValue is the form of every DATE value (entities.md): a date, month,
// year, quarter, week or datetime with XXXX for an unknown year, a period
// of two of them, or "" when it cannot be resolved.
var dateValue = regexp.MustCompile(`^$|^(\d{4}|XXXX)(-(\d{2}|Q[1-4]|W\d{2})(-\d{2}(T\d{2}:\d{2}(:\d{2}([+-]\d{2}:\d{2})?)?)?)?)?(/(\d{4}|XXXX)(-(\d{2}|Q[1-4]|W\d{2})(-\d{2}(T\d{2}:\d{2}(:\d{2}([+-]\d{2}:\d{2})?)?)?)?)?)?$`)

// FuzzExtract: whatever the text, every entity's offsets select its text
// inside its sentence, entities come in text order, DATE values have the
// spec's form, every PERSON's ref names a profile and profiles count their
// mentions.
func FuzzExtract(f *testing.F) {
	for _, name := range []string{"su-doan-308-dien-tap.txt", "vung-4-tiep-nhan-tau.txt"} {
		if b, err := os.ReadFile("../testdata/articles/" + name); err == nil {
			f.Add(string(b), int64(0))
		}
	}
	for _, s := range []string{"Ngày 30-4, Đại tá Nghĩa, Phó Chính ủy Quân khu 7.", "từ 6 đến 9/8/2020, quý IV/2019",
		"Trung đoàn trưởng 48 Sư đoàn 320 - Quân đoàn 3 (QĐ3)", "ông Sáu Nam; anh Út trọc; Bác Hồ", "hôm đó ba ngày sau cùng năm",
		"Sáng nay 21-6 lúc 8h30, năm ngoái, tuần trước", "Ảnh: Hoàng Thùy", "Công ty cổ phần Hoàng Long - bộ Quốc phòng",
		"tại số 12/5 Lý Thường Kiệt, qua ngã tư Lê Lai - Đinh Tiên Hoàng, đường Ngô Quyền, Hai Bà Trưng và",
		"Công an huyện Cư M'gar, Ea H’leo", "Ông Lò Văn Thắm bị bắt. Thắm khai; Thắm", "Đại sứ Nhật Bản Sato Kenji; Thủ tướng Thái Lan",
		"Từ 20-31/7 và 30/12-2/1/2022; trong 2 ngày 6 và 7/7, ngày 5-6.8",
		"từ 6h đến 12h ngày 29/7, 0 giờ ngày 1/8, 18 giờ 30 phút tối 2/8, 2h chiều nay",
		"Tết Nguyên đán Kỷ Hợi 2019, mùng 3 Tết Mậu Tuất, Rằm tháng Giêng, Đêm 30 rạng sáng 31/12, 9 tháng đầu năm"} {
		f.Add(s, int64(1700000000))
	}
	f.Fuzz(func(t *testing.T, s string, published int64) {
		doc, err := nlp.Analyze(s)
		if err != nil {
			return
		}
		var opt Options
		if published > 0 && published < 1<<40 {
			opt.Published = time.Unix(published, 0).In(vietnamTime)
		}
		x := testExtractor
		if published%2 != 0 { // odd anchors go through the learned tagger
			x = taggerExtractor
		}
		res, err := x.Extract(doc, opt)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		refs := map[string]int{}
		for _, p := range res.People {
			refs[p.Ref] = 0
		}
		prev := -1
		for _, e := range res.Entities {
			if e.Start < prev {
				t.Fatalf("entities out of order at %q", e.Text)
			}
			prev = e.Start
			if e.Start < 0 || e.End > len(doc.Text) || e.Start >= e.End || doc.Text[e.Start:e.End] != e.Text {
				t.Fatalf("entity %s %q at %d:%d does not select its text", e.Type, e.Text, e.Start, e.End)
			}
			st := doc.Sentences[e.Sentence]
			if e.Start < st.Start || e.End > st.End {
				t.Fatalf("entity %q outside its sentence %d", e.Text, e.Sentence)
			}
			if e.Type == Date && !dateValue.MatchString(e.Value) {
				t.Fatalf("DATE %q has value %q", e.Text, e.Value)
			}
			if e.Type == Person {
				n, ok := refs[e.Ref]
				if !ok {
					t.Fatalf("PERSON %q has ref %q, no profile", e.Text, e.Ref)
				}
				refs[e.Ref] = n + 1
			}
		}
		for _, p := range res.People {
			if refs[p.Ref] != p.Mentions {
				t.Fatalf("profile %s counts %d mentions, %d found", p.Ref, p.Mentions, refs[p.Ref])
			}
		}
	})
}
