package extract

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/vnews/vnews/nlp"
)

func TestRanks(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"with names", "Đại tá Phan Trọng Nghĩa và Thiếu úy Lê Văn Nam dự lễ.", []string{"Đại tá=Đại tá", "Thiếu úy=Thiếu úy"}},
		{"old tone placement", "Thiếu uý Trần Minh và Thượng uý Lê Hùng có mặt.", []string{"Thiếu uý=Thiếu úy", "Thượng uý=Thượng úy"}},
		{"capitals and lowercase", "THIẾU TƯỚNG Hoàng Văn Hà gặp vị đại tá nọ.", []string{"THIẾU TƯỚNG=Thiếu tướng", "đại tá=Đại tá"}},
		{"navy flag ranks", "Chuẩn Đô đốc Lương Hữu Khiêm và Phó đô đốc Hà Quang Tuệ.", []string{"Chuẩn Đô đốc=Chuẩn Đô đốc", "Phó đô đốc=Phó Đô đốc"}},
		{"rank without a name", "Từ đại úy lên thiếu tá, Đại tướng nói.", []string{"đại úy=Đại úy", "thiếu tá=Thiếu tá", "Đại tướng=Đại tướng"}},
		{"NCO corps is not a rank", "Trường Hạ sĩ quan Lục quân đào tạo hạ sĩ quan.", nil},
		{"Tướng alone is not a rank", "Tướng Pháp cảnh báo ngân sách eo hẹp.", nil},
		{"foreign officers", "Trung tướng Mark Milley phát biểu.", []string{"Trung tướng=Trung tướng"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, res := extractText(t, tt.text, "")
			if got := ofType(res, Rank, true); joinList(got) != joinList(tt.want) {
				t.Errorf("ranks of %q\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestRankFields(t *testing.T) {
	_, res := extractText(t, "Thượng tá QNCN Lê Văn Hà và Chuẩn Đô đốc Lê Hải.", "")
	var got []Entity
	for _, e := range res.Entities {
		if e.Type == Rank {
			got = append(got, e)
		}
	}
	if len(got) != 2 || got[0].Qualifier != "QNCN" || got[0].Level != 12 || got[0].English != "Senior Colonel" ||
		got[1].Level != 14 || got[1].English != "Rear Admiral" {
		t.Errorf("ranks = %+v", got)
	}
}

func TestUnits(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"command with place", "Bộ Tư lệnh Thủ đô Hà Nội khai mạc hội thao.", []string{"Bộ Tư lệnh Thủ đô Hà Nội"}},
		{"numbered units", "Quân khu 7 và Sư đoàn 308 tham gia.", []string{"Quân khu 7", "Sư đoàn 308"}},
		{"provincial command", "Bộ Chỉ huy Quân sự tỉnh Hà Giang ra quân làm đường.", []string{"Bộ Chỉ huy Quân sự tỉnh Hà Giang"}},
		{"parenthesis ends the chain", "Trung đoàn 692 (Sư đoàn 301) diễn tập.", []string{"Trung đoàn 692", "Sư đoàn 301"}},
		{"chain of parents", "Cục Cán bộ Tổng cục Chính trị Quân đội nhân dân Việt Nam mở lớp bồi dưỡng.",
			[]string{"Cục Cán bộ Tổng cục Chính trị Quân đội nhân dân Việt Nam"}},
		{"dash inside a service name", "Đảng ủy Quân chủng Phòng không - Không quân họp.", []string{"Đảng ủy Quân chủng Phòng không - Không quân"}},
		{"dash joins a chain", "Sư đoàn 370 - Quân chủng Phòng không - Không quân bay huấn luyện.", []string{"Sư đoàn 370 - Quân chủng Phòng không - Không quân"}},
		{"của ends the chain", "Sư đoàn 308 của Quân đoàn 1 hành quân.", []string{"Sư đoàn 308", "Quân đoàn 1"}},
		{"comma inside an official name", "Sở Khoa học, Công nghệ và Môi trường công bố đề án.", []string{"Sở Khoa học, Công nghệ và Môi trường"}},
		{"lowercase words of a name", "Trưởng phòng Kế hoạch tài chính báo cáo.", []string{"phòng Kế hoạch tài chính"}},
		{"lowercase head with designator", "Tiểu đoàn 1047 và lữ đoàn 954 phối hợp.", []string{"Tiểu đoàn 1047", "lữ đoàn 954"}},
		{"service and country", "Hải quân Việt Nam và hải quân Ấn Độ diễn tập chung.", []string{"Hải quân Việt Nam", "hải quân Ấn Độ"}},
		{"abbreviations", "Báo QĐND đưa tin BĐBP và Bộ CHQS tỉnh Kon Tum phối hợp.", []string{"BĐBP=Bộ đội Biên phòng", "Bộ CHQS tỉnh Kon Tum=Bộ Chỉ huy Quân sự tỉnh Kon Tum"}},
		{"UBND expanded", "UBND tỉnh Gia Lai chỉ đạo.", []string{"UBND tỉnh Gia Lai=Ủy ban nhân dân tỉnh Gia Lai"}},
		{"generic words are not units", "Mọi cơ quan, đơn vị và cấp ủy đều vào cuộc; quân khu nào cũng thế.", nil},
		{"a bare head is not a unit", "Quân khu đã họp. Quân đội luôn sẵn sàng.", nil},
		{"a post is not a unit", "Sư đoàn trưởng và Bộ trưởng dự lễ.", nil},
		{"common words that start like heads", "Hội nghị diễn ra trong trường hợp đặc biệt.", nil},
		{"rank then service", "Đại tá QĐNDVN Trần Văn A.", []string{"QĐNDVN=Quân đội nhân dân Việt Nam"}},
		{"coordinated designators", "Bộ đội các quân khu 5, 7, 9 tham gia.", []string{"quân khu 5, 7, 9"}},
		{"academy", "Học viện Chính trị khai giảng.", []string{"Học viện Chính trị"}},
		{"international body", "Liên Hợp Quốc và ASEAN hoan nghênh.", []string{"Liên Hợp Quốc", "ASEAN"}},
		{"buildings are not units", "Nhà Trắng và Lầu Năm Góc lên tiếng.", nil},
		{"known name whatever its case", "Bộ quốc phòng và Quân Khu 7 thống nhất.", []string{"Bộ quốc phòng", "Quân Khu 7"}},
		// A lowercase "công an" with a place names one body (with-place); alone it is generic.
		{"lowercase police with a place", "Sáng nay, công an thị xã Hoàng Mai và công an phường Tân Định mở đợt tuần tra.", []string{"công an thị xã Hoàng Mai", "công an phường Tân Định"}},
		{"lowercase police alone", "Nhiều công an xã được khen thưởng; công an đã có mặt.", nil},
		// Rooms and laws' titles name no body (unitwords.tsv: room-head, law-title).
		{"rooms are not units", "Cảnh sát kiểm tra phòng 403 và phòng VIP2 của khách sạn.", nil},
		{"a body in a law's title", "Đại biểu góp ý dự thảo Luật Công an nhân dân và luật Tổ chức Quốc hội.", nil},
		{"a body's words again in a law's title", "Sáng nay, Quốc hội bàn về dự thảo luật Tổ chức Quốc hội.", []string{"Quốc hội"}},
		{"a numbered department", "Phòng 2 của Bộ Tham mưu báo cáo.", []string{"Phòng 2", "Bộ Tham mưu"}},
		{"discipline is no law", "Hội nghị đề nghị kỷ luật Ban Chỉ huy Quân sự huyện Mường Tè vì chậm trễ.", []string{"Ban Chỉ huy Quân sự huyện Mường Tè"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, res := extractText(t, tt.text, "")
			got := ofType(res, Unit, false)
			want := tt.want
			for _, w := range want {
				if len(w) > 0 && containsByte(w, '=') {
					got = ofType(res, Unit, true)
					break
				}
			}
			if joinList(got) != joinList(want) {
				t.Errorf("units of %q\n got %q\nwant %q", tt.text, got, want)
			}
		})
	}
}

// TestPositions checks the POSITION spans: the lexicon's posts and the tail
// a post takes along.
func TestPositions(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"a post before the name", "Thiếu tướng Hồ Văn Tám, Tư lệnh Quân khu 9 dự lễ.", []string{"Tư lệnh"}},
		{"a post takes its tail", "Bà Hà Thị Mận, Phó Chủ tịch thường trực của UBND huyện Bảo Lạc, đã ký.", []string{"Phó Chủ tịch thường trực"}},
		{"a full-time deputy", "Ông Lò Văn Sáu, Phó Chủ nhiệm chuyên trách Ủy ban Tư pháp cho biết.", []string{"Phó Chủ nhiệm chuyên trách"}},
		{"the president-elect", "Tổng thống đắc cử Jan Novak sẽ nhậm chức vào tháng sau.", []string{"Tổng thống đắc cử"}},
		{"a director's post of the province's police", "Đại tá Phùng Hữu Lực, Giám đốc Công an tỉnh, giao nhiệm vụ truy bắt cho trinh sát.", []string{"Giám đốc"}},
		{"rank-and-file service in an apposition", "Thiếu úy Đinh Công Sơn - cán bộ Đội Cảnh sát môi trường đã có mặt.", []string{"cán bộ"}},
		{"short forms", "HLV Kim Sang-sik chọn đội hình; Đại tá Mai Văn Tùng - GĐ Công an tỉnh Lai Châu dự khán.", []string{"HLV", "GĐ"}},
		// "Công an xã" names no place, so it is no unit (spec): the level
		// word is the post's. Before a name it is the unit's or the place's.
		{"a level no place follows", "Trung úy Lý Văn Pao, Phó trưởng Công an xã nói nước đã rút.", []string{"Phó trưởng Công an xã"}},
		{"a level that points back to a place", "Ông Trịnh Văn Hòa, Trưởng Công an xã này cho biết.", []string{"Trưởng Công an"}},
		{"a level word that starts a committee", "Ông Lê Văn Bình, Bí thư huyện ủy Mường Tè dự họp.", []string{"Bí thư"}},
		{"a commune's chairman", "Ông Hầu A Chứ, Chủ tịch xã cho hay đường đã thông; Chủ tịch xã Tà Xùa Mùa A Lử cũng đến.", []string{"Chủ tịch xã", "Chủ tịch"}},
		{"a generic noun is no post", "Các cán bộ, chiến sĩ trong đơn vị học tập.", nil},
		// The segmenter glues "cán bộ" to the unit's head: "cán_bộ_đội".
		{"a post glued to its unit's head", "Trung úy Phạm Văn Hòa - cán bộ đội cảnh sát môi trường đã bị kỷ luật.", []string{"cán bộ"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, res := extractText(t, tt.text, "")
			if got := ofType(res, Position, false); joinList(got) != joinList(tt.want) {
				t.Errorf("posts of %q\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestPlaceWordMember: for the rules, a full name after a body's
// administrative word is a person, and the word names no place ("UBND
// huyện Lê Thị Hoa"); the tagger, which decides by default, takes these
// readings as hints and may still read a district's name there.
func TestPlaceWordMember(t *testing.T) {
	_, res := extractText(t, "Chủ tịch UBND huyện Lê Thị Hoa và Phó Chủ tịch UBND tỉnh Lưu Văn Khải dự họp.", "")
	if got := ofType(res, Person, false); joinList(got) != joinList([]string{"Lê Thị Hoa", "Lưu Văn Khải"}) {
		t.Errorf("people %q", got)
	}
	if got := ofType(res, Location, false); len(got) != 0 {
		t.Errorf("places %q, want none", got)
	}
}

func containsByte(s string, b byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == b {
			return true
		}
	}
	return false
}

func TestPeople(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"rank and name", "Đại tá Phan Trọng Nghĩa chủ trì.", []string{"Phan Trọng Nghĩa"}},
		{"short reference after rank", "Đại tá Phan Trọng Nghĩa chủ trì. Theo Đại tá Nghĩa, kết quả tốt.", []string{"Phan Trọng Nghĩa", "Nghĩa"}},
		{"address words are not in the name", "Ông Lê Văn Tám và đồng chí Tám cho biết.", []string{"Lê Văn Tám", "Tám"}},
		{"names inside other names", "Phố Lê Lợi ở TP. Hồ Chí Minh; tư tưởng Hồ Chí Minh; Trường Đại học Nguyễn Huệ.", nil},
		{"Chủ tịch Hồ Chí Minh is a person", "Chủ tịch Hồ Chí Minh đọc Tuyên ngôn Độc lập.", []string{"Hồ Chí Minh"}},
		{"Bác Hồ", "Cụ kể lần đầu gặp Bác Hồ năm 1954.", []string{"Hồ"}},
		{"ethnic minority names", "Anh Lò Văn Giàng và chị Hầu Thị Lềnh là dân quân.", []string{"Lò Văn Giàng", "Hầu Thị Lềnh"}},
		{"foreign name after a cue", "Ông Peter Walsh phát biểu.", []string{"Peter Walsh"}},
		{"places are not people", "Đoàn đến Hà Nội, Lâm Đồng và Cao Bằng.", nil},
		// A country of two words is no name, though it opens with a surname.
		{"a country after a post", "Thủ tướng Thái Lan gửi điện mừng; Đại sứ Hàn Quốc cho biết sẽ dự.", nil},
		// Streets: after a house number, after a crossing, along a list
		// of streets; but a place's list ("xã X, huyện Y") ends at the
		// comma, and a name after it is a name.
		{"streets named after people", "Tại số 12/5 Lý Thường Kiệt, xe rẽ qua ngã tư Lê Lai - Đinh Tiên Hoàng rồi theo đường Phan Chu Trinh, Ngô Quyền và Hai Bà Trưng.", nil},
		// An initial standing for a name keeps its dot (entities.md), also
		// before a full stop; another abbreviation ends no name.
		{"initials", "Ông Nguyễn Văn T. cho biết anh Lê Văn Kh. đã đến. Nạn nhân là bà Trần Thị H.. Sau đó, TS. Lê Văn Hưng phát biểu.",
			[]string{"Nguyễn Văn T.", "Lê Văn Kh.", "Trần Thị H.", "Lê Văn Hưng"}},
		// The initials are the tokenizer's: "Qu" is one.
		{"a two-letter initial", "Ông Đặng Qu. ở phòng bên cạnh đã nghe thấy.", []string{"Đặng Qu."}},
		{"an address's house number", "Cửa hàng tại 45 Lê Thánh Tông và quán ở ngõ 18B Bà Triệu đều đóng cửa.", nil},
		{"a name after a place and a comma", "Trú tại xã Diễn Lâm, Phạm Văn Bình đã báo tin.", []string{"Phạm Văn Bình"}},
		// A blocker is a word of its own: "sách" of "ngân sách" is none.
		{"a blocker inside a word", "Trưởng ban Kinh tế - ngân sách Vũ Văn Hải cho biết.", []string{"Vũ Văn Hải"}},
		{"a blocker as a word", "Ông mua cuốn sách Lê Văn Hưu ở hiệu sách.", nil},
		// "Bộ đội Cụ Hồ" is a title of the army; "Cụ Hồ" alone is the person.
		{"a title of the army", "Anh luôn giữ phẩm chất Bộ đội Cụ Hồ. Cụ Hồ dặn phải thương dân.", []string{"Hồ"}},
		// An administrative word after a body stands for the article's
		// place; a full name after it is the body's member.
		{"a full name after a body's place word", "Phó Chủ tịch UBND TP Lưu Văn Khải dự họp.", []string{"Lưu Văn Khải"}},
		{"a place after a place word", "Đoàn đến huyện Lê Thủy và TP. Hồ Chí Minh.", nil},
		// Aliases and nicknames after an alias cue (entities.md): with a
		// nickname in quotation marks or one lowercase word; inside
		// quotation marks, the words alone.
		{"aliases", "Lê Văn Sơn (còn gọi là Sơn lùn, 41 tuổi) và Đỗ Văn Khải (biệt danh Khải “47”) cùng Trịnh Văn Lộc, hay gọi là “Lộc cá mập”, bị bắt.",
			[]string{"Lê Văn Sơn", "Sơn lùn", "Đỗ Văn Khải", "Khải “47”", "Trịnh Văn Lộc", "Lộc cá mập"}},
		// A province of two words after a post is the post's province;
		// "Chủ tịch Hồ Chí Minh" is a person.
		{"a province after a post", "Chủ tịch Hà Nội và đại biểu Hà Giang phát biểu về Chủ tịch Hồ Chí Minh.", []string{"Hồ Chí Minh"}},
		// "Bản" ends the country here; it is no hamlet ("bản") before a name.
		{"a name after a post and its country", "Đại sứ Nhật Bản Sato Kenji đến thăm.", []string{"Sato Kenji"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, res := extractText(t, tt.text, "")
			if got := ofType(res, Person, false); joinList(got) != joinList(tt.want) {
				t.Errorf("people of %q\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestProfiles(t *testing.T) {
	text := "Đại tá Phan Trọng Nghĩa, Phó Chính ủy Bộ Tư lệnh Thủ đô Hà Nội dự lễ bế giảng. " +
		"Tham mưu trưởng Quân khu 7, Thiếu tướng Trần Văn Bình báo cáo. Đại tá Nghĩa kết luận."
	_, res := extractText(t, text, "")
	if len(res.People) != 2 {
		t.Fatalf("people = %+v", res.People)
	}
	want := []Profile{
		{Ref: "p1", Name: "Phan Trọng Nghĩa", Rank: "Đại tá", Position: "Phó Chính ủy", Unit: "Bộ Tư lệnh Thủ đô Hà Nội", Mentions: 2},
		{Ref: "p2", Name: "Trần Văn Bình", Rank: "Thiếu tướng", Position: "Tham mưu trưởng", Unit: "Quân khu 7", Mentions: 1},
	}
	for i := range want {
		if res.People[i] != want[i] {
			t.Errorf("profile %d = %+v, want %+v", i, res.People[i], want[i])
		}
	}
	for _, e := range res.Entities {
		if e.Type == Person && e.Text == "Nghĩa" && e.Ref != "p1" {
			t.Errorf("short mention Nghĩa has ref %q", e.Ref)
		}
	}
}

// TestRankOfAnotherName: a rank that stands before another person's name
// is that person's, not the rank of the name an apposition follows; a rank
// inside the apposition is the person's own.
func TestRankOfAnotherName(t *testing.T) {
	text := "Ông Dmitri Volkov, Bộ trưởng Quốc phòng Nga, hội đàm với Đại tướng Lương Cường Minh tại Hà Nội. " +
		"Ông Hoàng Văn Sáu (61 tuổi, cựu đại tá) kể lại trận đánh."
	_, res := extractText(t, text, "")
	ranks := map[string]string{}
	for _, p := range res.People {
		ranks[p.Name] = p.Rank
	}
	want := map[string]string{"Dmitri Volkov": "", "Lương Cường Minh": "Đại tướng", "Hoàng Văn Sáu": "Đại tá"}
	for name, rank := range want {
		if got, ok := ranks[name]; !ok || got != rank {
			t.Errorf("%s: rank %q (found %v), want %q; people %+v", name, got, ok, rank, res.People)
		}
	}
}

// TestScrapedArticle checks every entity of an article in the scraped
// layout, in order.
func TestScrapedArticle(t *testing.T) {
	b, err := os.ReadFile("../testdata/articles/su-doan-308-dien-tap.txt")
	if err != nil {
		t.Fatal(err)
	}
	_, res := extractText(t, string(b), "")
	var got []string
	for _, e := range res.Entities {
		switch e.Type {
		case Rank, Person, Unit, Date:
			s := string(e.Type) + " " + e.Text
			if e.Value != "" {
				s += " =" + e.Value
			}
			if e.Role != "" {
				s += " (" + e.Role + ")"
			}
			got = append(got, s)
		}
	}
	want := []string{
		"UNIT Sư đoàn 308", "DATE 2021-2025 =2021/2025",
		"DATE 14:30, 18/03/2021 =2021-03-18T14:30:00+07:00", "DATE 15:00, 18/03/2021 =2021-03-18T15:00:00+07:00",
		"DATE Ngày 17-3 =2021-03-17", "UNIT Sư đoàn 308", "DATE 2021-2025 =2021/2025",
		"RANK Thiếu tướng", "PERSON Trần Văn Bình", "UNIT Quân đoàn 1",
		"RANK Thiếu tướng", "PERSON Trần Văn Bình", "UNIT Quân đoàn 1",
		"UNIT Sư đoàn 308", "UNIT Bộ Tư lệnh Quân đoàn 1",
		"RANK Thiếu tướng", "PERSON Bình", "RANK Đại tá", "PERSON Lê Quang Hưng", "UNIT Sư đoàn 308",
		"PERSON Hưng", "DATE tháng 4/2021 =2021-04", "PERSON Minh Châu (author)",
	}
	if joinList(got) != joinList(want) {
		t.Errorf("entities\n got %q\nwant %q", got, want)
	}
	if len(res.People) != 3 || res.People[0].Mentions != 3 || res.People[1].Position != "Sư đoàn trưởng" || res.People[2].Role != "author" {
		t.Errorf("people = %+v", res.People)
	}
}

// TestTextMayEndAnywhere: every phrase of the lexicons, cut after each of
// its words, may end the text (or its title) without any step looking past
// the last token; before, text ending in "Ban tổ", "phòng tổ" or "Sư đoàn
// không" panicked.
func TestTextMayEndAnywhere(t *testing.T) {
	var prefixes []string
	seen := map[string]bool{}
	for _, name := range LexiconFiles {
		data, err := embeddedLexicons.ReadFile("lexicon/" + name)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			phrase, _, _ := strings.Cut(line, "\t")
			if phrase == "" || strings.HasPrefix(phrase, "#") {
				continue
			}
			words := strings.Fields(phrase)
			for n := 1; n <= len(words); n++ {
				if p := strings.Join(words[:n], " "); !seen[p] {
					seen[p] = true
					prefixes = append(prefixes, p)
				}
			}
		}
	}
	for _, extra := range []string{"Ban tổ", "phòng tổ", "Sư đoàn không", "Sư đoàn không ", "Đại tá Nguyễn", "ngày 30", "tháng", "(", "Bộ Tư lệnh Vùng 2 hải"} {
		prefixes = append(prefixes, extra)
	}
	if len(prefixes) < 500 {
		t.Fatalf("only %d phrases", len(prefixes))
	}
	for _, p := range prefixes {
		for _, text := range []string{p, "Lực lượng " + p, "Tin quân đội\n\n" + p + "\n\nNgày 3-5, Sư đoàn 5 họp. " + p} {
			doc, err := nlp.Analyze(text)
			if err != nil {
				continue
			}
			res, err := testExtractor.Extract(doc, Options{})
			if err != nil {
				t.Fatalf("%q: %v", text, err)
			}
			for _, e := range res.Entities {
				if doc.Text[e.Start:e.End] != e.Text {
					t.Fatalf("%q: entity %q has offsets selecting %q", text, e.Text, doc.Text[e.Start:e.End])
				}
			}
		}
	}
}

// TestIndexFold: a photo credit's "ảnh:" is found whatever its case, at
// its byte offset in the text as written.
func TestIndexFold(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want int
	}{
		{"Tàu neo đậu. (Ảnh: Thu Hà)", len("Tàu neo đậu. (")},
		{"ẢNH: Minh Khôi", 0},
		{"xem ảnh:", len("xem ")},
		{"Ảnh Minh Khôi", -1},
		{"ảnh ẢNH; Ảnh: Lan", len("ảnh ẢNH; ")},
		{"", -1},
		{"İİİ ảnh:", len("İİİ ")}, // strings.ToLower would lengthen "İ"
	} {
		if got := indexFold(tc.s, "ảnh:"); got != tc.want {
			t.Errorf("indexFold(%q) = %d, want %d", tc.s, got, tc.want)
		}
	}
}

// TestPrefixKeys: the keys of a canonical name's word prefixes, built word
// by word, are those of the prefixes themselves; and a short mention finds
// the long name it begins.
func TestPrefixKeys(t *testing.T) {
	doc, err := nlp.Analyze("Lữ đoàn 125.")
	if err != nil {
		t.Fatal(err)
	}
	r := newRun(testExtractor, doc)
	for _, c := range []string{
		"Bộ Chỉ huy Quân sự tỉnh Lâm Đồng",
		"Sư đoàn 308 - Quân đoàn 1 - Bộ Quốc phòng",
		"Công an  huyện\tThạnh Hòa",
		"ĐẢNG ỦY QUÂN SỰ TRUNG ƯƠNG ",
		" Học viện Kỹ thuật Quân sự",
		"Bệnh viện 175\u00a0 (TP. HCM) ",
		"Trường   ",
		"",
	} {
		var got []string
		r.prefixKeys(c, func(k []byte, h uint64) bool {
			if h != prefixHash(k) {
				t.Errorf("%q: hash of %q is %x, want %x", c, k, h, prefixHash(k))
			}
			got = append(got, string(k))
			return true
		})
		var want []string
		for i := 0; i < len(c); i++ {
			if c[i] == ' ' {
				want = append(want, string(nlp.AppendKey(nil, c[:i])))
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: prefix keys\n got %q\nwant %q", c, got, want)
		}
	}
	long := "Trung đoàn 692 - Sư đoàn 301 - Bộ Tư lệnh Thủ đô"
	r.rememberUnit(long)
	for _, short := range []string{"Trung đoàn 692", "trung đoàn 692 - sư đoàn 301"} {
		if got, ok := r.longerUnit(short); !ok || got != long {
			t.Errorf("longerUnit(%q) = %q, %v; want %q", short, got, ok, long)
		}
	}
	if got, ok := r.longerUnit("Sư đoàn 301"); ok {
		t.Errorf("longerUnit found %q for a name that begins no remembered unit", got)
	}
}
