package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/vnews/vnews/internal/link"
)

// TestLearnedLinker checks the profile linker on sentences written for it:
// appositions, lists of people with posts and units, a post before the
// name, a rank inside an apposition, two posts (the first wins).
func TestLearnedLinker(t *testing.T) {
	type want struct{ rank, position, unit string }
	tests := []struct {
		name, text string
		people     map[string]want
	}{
		{"apposition after the name",
			"Thượng tá Đỗ Minh Khang, Phó Chính ủy Lữ đoàn 170 cho biết đơn vị đã sẵn sàng.",
			map[string]want{"Đỗ Minh Khang": {"Thượng tá", "Phó Chính ủy", "Lữ đoàn 170"}}},
		{"post and unit before the name",
			"Phó Tư lệnh Quân khu 9, Thiếu tướng Lâm Quang Đạt phát biểu chỉ đạo.",
			map[string]want{"Lâm Quang Đạt": {"Thiếu tướng", "Phó Tư lệnh", "Quân khu 9"}}},
		{"a list of people with posts and units",
			"Dự buổi lễ có Đại tá Hồ Văn Tâm, Chính ủy Sư đoàn 312; Thượng tá Lý Quốc Bảo, Tham mưu trưởng Lữ đoàn 201 và Trung tá Vi Thị Hằng, Chủ nhiệm Chính trị Trung đoàn 141.",
			map[string]want{
				"Hồ Văn Tâm":  {"Đại tá", "Chính ủy", "Sư đoàn 312"},
				"Lý Quốc Bảo": {"Thượng tá", "Tham mưu trưởng", "Lữ đoàn 201"},
				"Vi Thị Hằng": {"Trung tá", "Chủ nhiệm Chính trị", "Trung đoàn 141"},
			}},
		{"a rank inside a parenthesis",
			"Ông Phùng Văn Lộc (52 tuổi, nguyên Thượng tá, Giám đốc Công ty Sông Đà 9) bị tạm giữ.",
			map[string]want{"Phùng Văn Lộc": {"Thượng tá", "Giám đốc", "Công ty Sông Đà 9"}}},
		{"two posts, the first wins",
			"Trung tướng Đinh Công Hậu, Tư lệnh Quân đoàn 4, kiêm Bí thư Đảng ủy Quân đoàn chủ trì hội nghị.",
			map[string]want{"Đinh Công Hậu": {"Trung tướng", "Tư lệnh", "Quân đoàn 4"}}},
		{"two people, each with his own post",
			"Thiếu tá Kiều Văn Lợi, Tiểu đoàn trưởng Tiểu đoàn 5 và Đại úy Mạc Đăng Huy, trợ lý tác chiến cùng kiểm tra.",
			map[string]want{
				"Kiều Văn Lợi": {"Thiếu tá", "Tiểu đoàn trưởng", "Tiểu đoàn 5"},
				"Mạc Đăng Huy": {"Đại úy", "trợ lý", ""},
			}},
		{"a post given by a verb",
			"Năm 2019, ông Quách Văn Sơn được bổ nhiệm giữ chức Phó Giám đốc Bệnh viện Quân y 7.",
			map[string]want{"Quách Văn Sơn": {"", "Phó Giám đốc", "Bệnh viện Quân y 7"}}},
		{"no post stated",
			"Chiều qua, anh Lò Văn Pâng đã trao lại chiếc ví cho người đánh rơi.",
			map[string]want{"Lò Văn Pâng": {"", "", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, res := extractText(t, tt.text, "")
			for name, w := range tt.people {
				var got *Profile
				for i := range res.People {
					if res.People[i].Name == name {
						got = &res.People[i]
					}
				}
				if got == nil {
					t.Errorf("no profile for %q in %+v", name, res.People)
					continue
				}
				if got.Rank != w.rank || got.Position != w.position || got.Unit != w.unit {
					t.Errorf("%s: rank %q, post %q, unit %q; want %q, %q, %q", name,
						got.Rank, got.Position, got.Unit, w.rank, w.position, w.unit)
				}
			}
		})
	}
}

// TestLinkerModel checks that the embedded model loads and has weights, and
// that a model without weights leaves profiles to the rules.
func TestLinkerModel(t *testing.T) {
	m, err := embeddedLinker()
	if err != nil {
		t.Fatal(err)
	}
	if len(m.W) == 0 {
		t.Fatal("the embedded linker model has no weights")
	}
	if _, err := New(WithLinkerModel(strings.NewReader("not a model"))); err == nil {
		t.Error("New accepted a bad linker model")
	}
	x, err := New(WithLinkerModel(strings.NewReader("VNLINK1\n\x00\x00\x00\x00")))
	if err != nil {
		t.Fatal(err)
	}
	var traced *link.Input
	y, err := New(WithLinkerModel(strings.NewReader("VNLINK1\n\x00\x00\x00\x00")), WithLinkTrace(func(in *link.Input) { traced = in }))
	if err != nil {
		t.Fatal(err)
	}
	text := "Đại tá Lê Văn Hùng, Chính ủy Lữ đoàn 125 phát biểu."
	_, res := extractWith(t, x, text)
	if len(res.People) != 1 || res.People[0].Position != "Chính ủy" {
		t.Errorf("rules alone: %+v", res.People)
	}
	extractWith(t, y, text)
	if traced == nil || len(traced.People) != 1 || len(traced.People[0].Mentions) != 1 {
		t.Errorf("trace: %+v", traced)
	}
}

// TestLinkerWindow: in a sentence that runs on for hundreds of tokens (a
// list with no full stop), the linker offers a person the candidates within
// link.Window tokens of his mentions, not the whole sentence's, so that its
// work stays linear in the text; the unit by his name is still one.
func TestLinkerWindow(t *testing.T) {
	var traced *link.Input
	x, err := New(WithLinkTrace(func(in *link.Input) { traced = in }))
	if err != nil {
		t.Fatal(err)
	}
	filler := strings.Repeat("những chiến sĩ trẻ, ", 3*link.Window/4)
	text := "Đại tá Lưu Văn Khải, Chính ủy Lữ đoàn 125 cùng " + filler + "các đơn vị của Sư đoàn 308 tham gia hội thao."
	doc, res := extractWith(t, x, text)
	if len(doc.Sentences) != 1 {
		t.Fatalf("%d sentences, want the one long sentence", len(doc.Sentences))
	}
	if traced == nil || len(traced.People) != 1 {
		t.Fatalf("trace: %+v", traced)
	}
	var units []string
	for _, c := range traced.Candidates(0, link.SlotUnit, nil)[1:] {
		units = append(units, c.Text(traced))
		if m := traced.Spans[traced.People[0].Mentions[0]]; c.Tok > m.End+link.Window || c.End < m.Tok-link.Window {
			t.Errorf("candidate %q at token %d, more than %d tokens from the mention at %d", c.Text(traced), c.Tok, link.Window, m.Tok)
		}
	}
	if !slices.Contains(units, "Lữ đoàn 125") {
		t.Errorf("unit candidates %q lack the unit by the name", units)
	}
	if len(res.People) != 1 || res.People[0].Unit != "Lữ đoàn 125" {
		t.Errorf("profiles %+v, want Lưu Văn Khải of Lữ đoàn 125", res.People)
	}
}
