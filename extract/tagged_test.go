package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/vnews/vnews/internal/ner"
	"github.com/vnews/vnews/nlp"
)

var taggerExtractor = func() *Extractor {
	x, err := New()
	if err != nil {
		panic(err)
	}
	return x
}()

// TestWithTagger: with the learned tagger deciding PERSON and UNIT, the
// mentions keep exact offsets, the rules' exact abbreviations stay, a
// unit's designator does not take the sentence's period but takes the arm
// or calibre written after it (not a verb), units the tagger finds get a
// kind and a spelled-out name, and memorials named after people name no
// person.
func TestWithTagger(t *testing.T) {
	tests := []struct {
		text string
		want []string // TYPE:text=canonical/kind
	}{
		{"Tại buổi làm việc, ông Erik Sundby cho biết Na Uy sẵn sàng hợp tác. Bà Marta Kowalska, đại diện Ba Lan, đồng ý.",
			[]string{"PERSON:Erik Sundby", "PERSON:Marta Kowalska"}},
		{"Báo QĐND đưa tin BĐBP và Bộ CHQS tỉnh Kon Tum phối hợp với tiểu đoàn pháo binh 105 ly.",
			[]string{"UNIT:BĐBP=Bộ đội Biên phòng/command", "UNIT:Bộ CHQS tỉnh Kon Tum=Bộ Chỉ huy Quân sự tỉnh Kon Tum/command", "UNIT:tiểu đoàn pháo binh 105 ly=tiểu đoàn pháo binh 105 ly/battalion"}},
		{"Lữ đoàn 249 công binh và tiểu đoàn 3 thiết giáp tham gia; Trung đoàn 2 huấn luyện chiến sĩ mới.",
			[]string{"UNIT:Lữ đoàn 249 công binh=Lữ đoàn 249 công binh/brigade", "UNIT:tiểu đoàn 3 thiết giáp=tiểu đoàn 3 thiết giáp/battalion", "UNIT:Trung đoàn 2=Trung đoàn 2/regiment"}},
		{"Đoàn dâng hương tại Đền thờ Lý Tự Trọng và Nhà tưởng niệm Phan Đình Giót.", nil},
		// An ASCII apostrophe inside a name, read as the typographic one.
		{"Công an huyện Cư M'gar và Công an huyện Đắk R'lấp phối hợp.",
			[]string{"UNIT:Công an huyện Cư M'gar=Công an huyện Cư M'gar/police", "UNIT:Công an huyện Đắk R'lấp=Công an huyện Đắk R'lấp/police"}},
		{"Thủ tướng Thái Lan gửi điện mừng. Đại sứ Hàn Quốc cho biết sẽ dự. Đại sứ Nhật Bản Sato Kenji đến thăm.",
			[]string{"PERSON:Sato Kenji"}},
		{"Nhiệm vụ được giao cho Quân khu V. Quân khu IV làm nhiệm vụ hỗ trợ.",
			[]string{"UNIT:Quân khu V=Quân khu V/military_region", "UNIT:Quân khu IV=Quân khu IV/military_region"}},
		// An initial holds its own period; the full stop after it is the
		// sentence's.
		{"Người báo tin là ông Đỗ Quang T.. Chiều cùng ngày, công an xã đã đến.", []string{"PERSON:Đỗ Quang T."}},
		{"Trung tá Vi Văn Đức, Chính trị viên Ban Chỉ huy Quân sự huyện Tương Dương, kiểm tra.",
			[]string{"PERSON:Vi Văn Đức", "UNIT:Ban Chỉ huy Quân sự huyện Tương Dương=Ban Chỉ huy Quân sự huyện Tương Dương/command"}},
	}
	for _, tt := range tests {
		doc, err := nlp.Analyze(tt.text)
		if err != nil {
			t.Fatal(err)
		}
		res, err := taggerExtractor.Extract(doc, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range res.Entities {
			if doc.Text[e.Start:e.End] != e.Text {
				t.Fatalf("%q: offsets select %q", e.Text, doc.Text[e.Start:e.End])
			}
			switch e.Type {
			case Person:
				got = append(got, "PERSON:"+e.Text)
			case Unit:
				got = append(got, "UNIT:"+e.Text+"="+e.Canonical+"/"+e.Kind)
			}
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

// TestSpecCasesWithTagger runs the tests of the spec's hard cases, units,
// people and profiles again with the learned tagger deciding PERSON and
// UNIT: the merge rules keep the rules' decision where it is exact, so the
// same answers hold.
func TestSpecCasesWithTagger(t *testing.T) {
	rules := testExtractor
	testExtractor = taggerExtractor
	defer func() { testExtractor = rules }()
	for name, test := range map[string]func(*testing.T){
		"HardCases": TestHardCases, "UnitNames": TestUnitNames, "PeopleInContext": TestPeopleInContext,
		"Ranks": TestRanks, "RankOfAnotherName": TestRankOfAnotherName, "Units": TestUnits, "People": TestPeople, "Profiles": TestProfiles, "Dates": TestDates,
	} {
		t.Run(name, test)
	}
}

// TestMergeBrackets: a tagger span never keeps an unmatched bracket, nor a
// dash and a rank after it (mergeBrackets).
func TestMergeBrackets(t *testing.T) {
	for _, tc := range []struct {
		text, span, want string // span: the tagger's UNIT span; want: the UNIT mentions it overlaps, joined by "|"
	}{
		// The abbreviation the article defines is a mention of its own.
		{"Ông Tâm công tác tại Cục Kỹ thuật nghiệp vụ (C53) từ năm 2015.", "Cục Kỹ thuật nghiệp vụ (C53", "Cục Kỹ thuật nghiệp vụ|C53"},
		{"Ông Tâm công tác tại Cục Kỹ thuật nghiệp vụ (C53) từ năm 2015.", "Cục Kỹ thuật nghiệp vụ (C53)", "Cục Kỹ thuật nghiệp vụ|C53"},
		{"Hồ sơ gửi Cơ quan điều tra) ngày hôm qua.", "Cơ quan điều tra)", "Cơ quan điều tra"},
		{"Cơ quan điều tra - Thượng tá Lê Văn Tám cho biết.", "Cơ quan điều tra - Thượng tá", "Cơ quan điều tra"},
		{"Đảng ủy Quân chủng Phòng không - Không quân họp.", "Đảng ủy Quân chủng Phòng không - Không quân", "Đảng ủy Quân chủng Phòng không - Không quân"},
		{"Đoàn công tác (Sư đoàn 308 và nhiều nơi khác) đến.", "(Sư đoàn 308", "Sư đoàn 308"},
	} {
		t.Run(tc.span, func(t *testing.T) {
			doc, err := nlp.Analyze(tc.text)
			if err != nil {
				t.Fatal(err)
			}
			toks := testExtractor.TaggerTokens(doc, Options{})
			at := strings.Index(doc.Text, tc.span)
			if at < 0 {
				t.Fatalf("%q not in %q", tc.span, doc.Text)
			}
			var sp ner.Span
			sp.Type, sp.Start, sp.End = 1, -1, -1
			for i, tk := range doc.Tokens {
				if tk.Start == at {
					sp.Start = i
				}
				if tk.End == at+len(tc.span) {
					sp.End = i + 1
				}
			}
			if sp.Start < 0 || sp.End < 0 {
				t.Fatalf("%q is not on token boundaries", tc.span)
			}
			var units []string
			for _, e := range testExtractor.MergeTagged(doc, Options{}, toks, []ner.Span{sp}, []string{"PERSON", "UNIT"}) {
				if e.Type == Unit && e.Start < at+len(tc.span) && e.End > at {
					units = append(units, e.Text)
				}
			}
			if got := strings.Join(units, "|"); got != tc.want {
				t.Errorf("mentions %q, want %q", got, tc.want)
			}
		})
	}
}

// TestOtherPersonsApposition: with the tagger deciding, a post and unit
// that open another person's apposition are not given to a name later in
// the sentence, nor is a post or unit of another item of a list separated
// by semicolons (the linker chooses among a person's own candidates).
func TestOtherPersonsApposition(t *testing.T) {
	for _, tc := range []struct {
		text string
		want map[string]Profile
	}{
		{"Công an tỉnh Bình Định bắt đối tượng lừa đảo qua mạng\n\nNgày 5-6, Thượng tá Trần Minh Quang, Phó Trưởng phòng Cảnh sát hình sự (PC02) Công an tỉnh Bình Định kể lại, phòng đã cùng Công an huyện Tuy Phước bắt giữ Lê Văn Tài (SN 1990, trú xã Phước Lộc).\n\nTheo cơ quan điều tra, từ tháng 3-2023, Tài lập nhiều tài khoản Facebook giả danh cán bộ Ngân hàng Nhà nước để lừa tiền. Viện KSND tỉnh đã đồng ý khởi tố vụ án.\n\nTrước đó, Bộ trưởng Bộ Công an, Đại tướng Phạm Văn Kiên đã yêu cầu các đơn vị siết chặt việc truy bắt kẻ gian trên mạng. Cục A05 cũng vào cuộc.\n\nÔng Nguyễn Tự Công Hoàng, Phó Chủ tịch UBND tỉnh, đề nghị người dân cảnh giác. Bà Đặng Thị Kim Loan (45 tuổi, giáo viên) là một trong những nạn nhân.", map[string]Profile{
			"Trần Minh Quang": {Rank: "Thượng tá", Position: "Phó Trưởng phòng"},
			"Lê Văn Tài":      {},
		}},
		{"Quân khu 7 tổng kết diễn tập khu vực phòng thủ\n\nQĐND - Sáng 14-12, Bộ Tư lệnh Quân khu 7 tổ chức hội nghị tổng kết diễn tập khu vực phòng thủ năm 2023. Dự hội nghị có Trung tướng Nguyễn Trường Thắng, Tư lệnh Quân khu; Trung tướng Trần Hoài Trung, Chính ủy Quân khu; các đồng chí Thường vụ Đảng ủy, Thủ trưởng Bộ Tư lệnh Quân khu.\n\nNăm 2023, các tỉnh Tây Ninh, Bình Phước và Long An đã tổ chức thành công diễn tập. Đại tá Lê Văn Bảy, Phó Tham mưu trưởng Quân khu báo cáo kết quả. Theo đó, Sư đoàn 5 và Lữ đoàn 75 Đặc công đã làm tốt phần việc của mình.\n\nPhát biểu kết luận, Trung tướng Nguyễn Trường Thắng yêu cầu các đơn vị rút kinh nghiệm. Dịp này, Bộ Tư lệnh Quân khu đã khen thưởng 12 tập thể và 25 cá nhân.\n\nTin, ảnh: Ngọc Anh", map[string]Profile{
			"Nguyễn Trường Thắng": {Rank: "Trung tướng", Position: "Tư lệnh", Unit: "Quân khu 7"},
			"Trần Hoài Trung":     {Rank: "Trung tướng", Position: "Chính ủy", Unit: "Quân khu 7"},
		}},
		// The linker refuses Khải Lực's post, and the rules' fallback must not
		// read "Phó trung đoàn trưởng và" as a post with a ministry's name.
		{"Trung đoàn 36 huấn luyện bắn đạn thật\n\nQĐND - Sáng 9-3, Trung đoàn 36 tổ chức bắn đạn thật cho chiến sĩ mới. Tham dự có Thượng tá Hoàng Văn Lực, Phó trung đoàn trưởng và Đại úy Đinh Công Khải cùng cán bộ các tiểu đoàn.\n\nKết thúc buổi bắn, 100% chiến sĩ đạt yêu cầu, trong đó 70% khá, giỏi.", map[string]Profile{
			"Hoàng Văn Lực":  {Rank: "Thượng tá", Position: "Phó trung đoàn trưởng", Unit: "Trung đoàn 36"},
			"Đinh Công Khải": {Rank: "Đại úy"},
		}},
	} {
		_, res := extractOpts(t, taggerExtractor, tc.text, "")
		for _, p := range res.People {
			w, ok := tc.want[p.Name]
			if !ok {
				continue
			}
			delete(tc.want, p.Name)
			if p.Rank != w.Rank || p.Position != w.Position || w.Unit != "" && p.Unit != w.Unit || w.Position == "" && p.Unit != "" {
				t.Errorf("%s: rank %q, post %q, unit %q; want %q, %q, %q", p.Name, p.Rank, p.Position, p.Unit, w.Rank, w.Position, w.Unit)
			}
		}
		for name := range tc.want {
			t.Errorf("no profile for %s in %+v", name, res.People)
		}
	}
}

// TestSameMentions: the merge rule "same" gives again the mention the
// tagger found once: an acronym wherever it stands alone, other words only
// where the article has them as mentions at least as often as not; never
// inside a longer name, nor where another mention is.
func TestSameMentions(t *testing.T) {
	testMergeRule(t, "same", []mergeCase{
		{"Hội nghị WPFA mở đầu. Sau đó, WPFA đến Huế; ông Hà nói WPFA sẽ họp tiếp.",
			[]string{"UNIT:WPFA:0"}, []string{"UNIT:WPFA:0", "UNIT:WPFA:1", "UNIT:WPFA:2"}},
		// A name found once and left three times is a place, not a person.
		{"Xe dừng ở Truông Vân. Truông Vân có đèo; qua Truông Vân là tới Truông Vân.",
			[]string{"PERSON:Truông Vân:1"}, []string{"PERSON:Truông Vân:1"}},
		// Found twice of four: the fourth too, not the one inside "Trường Kha Đồng Lợi".
		{"Ông Kha Đồng Lợi đến. Kha Đồng Lợi nói. Trường Kha Đồng Lợi đẹp; Kha Đồng Lợi về.",
			[]string{"PERSON:Kha Đồng Lợi:0", "PERSON:Kha Đồng Lợi:1"},
			[]string{"PERSON:Kha Đồng Lợi:0", "PERSON:Kha Đồng Lợi:1", "PERSON:Kha Đồng Lợi:3"}},
	})
}

// TestCountry: a tagger PERSON that is exactly a country of two words, or
// of one foreign word, is no person; "Nga" and "Đức" are given names too.
func TestCountry(t *testing.T) {
	testMergeRule(t, "country", []mergeCase{
		{"Đại sứ Hàn Quốc cho biết. Thủ tướng Campuchia phát biểu.",
			[]string{"PERSON:Hàn Quốc:0", "PERSON:Campuchia:0"}, nil},
		{"Chị Nga và anh Đức cho biết.",
			[]string{"PERSON:Nga:0", "PERSON:Đức:0"}, []string{"PERSON:Nga:0", "PERSON:Đức:0"}},
	})
}

// TestBareHead: a tagger UNIT that is exactly a head needing a name is no
// unit; with its name, number or place it stays, and so does an
// abbreviated head the press writes alone ("MTTQ").
func TestBareHead(t *testing.T) {
	testMergeRule(t, "barehead", []mergeCase{
		{"Xe của Bộ chỉ huy vừa tới nơi. Sư đoàn đã sẵn sàng.",
			[]string{"UNIT:Bộ chỉ huy:0", "UNIT:Sư đoàn:0"}, nil},
		{"Sư đoàn 312 và MTTQ các cấp tham gia.",
			[]string{"UNIT:Sư đoàn 312:0", "UNIT:MTTQ:0"}, []string{"UNIT:Sư đoàn 312:0", "UNIT:MTTQ:0"}},
	})
}

// TestHeadAlone: a tagger PERSON that is one word, a unit head or the
// word of a law's title, is no person, unless the article names someone
// with that given name.
func TestHeadAlone(t *testing.T) {
	testMergeRule(t, "headalone", []mergeCase{
		{"Đội tìm kiếm của Bộ CHQS tỉnh đến nơi. Phòng đã nhận tin báo.",
			[]string{"PERSON:Đội:0", "PERSON:Phòng:0"}, nil},
		{"Quốc hội thông qua Luật giáo dục sửa đổi và Luật đầu tư công.",
			[]string{"PERSON:Luật:0", "PERSON:Luật:1"}, nil},
		{"Ông Hà Văn Luật trúng cử. Luật cho biết sẽ làm hết sức.",
			[]string{"PERSON:Hà Văn Luật:0", "PERSON:Luật:1"}, []string{"PERSON:Hà Văn Luật:0", "PERSON:Luật:1"}},
		{"Ông Trần Văn Trường đến dự. Trường cho biết đơn vị đã sẵn sàng.",
			[]string{"PERSON:Trần Văn Trường:0", "PERSON:Trường:1"}, []string{"PERSON:Trần Văn Trường:0", "PERSON:Trường:1"}},
	})
}

// TestClause: a tagger UNIT that runs on over a word no unit's name holds
// ends before it; the rules' unit after it stands; words a name may hold
// ("vừa" of "nhỏ và vừa") leave it alone.
func TestClause(t *testing.T) {
	testMergeRule(t, "clause", []mergeCase{
		{"Tổng cục Đường bộ yêu cầu nhà thầu khắc phục ngay.",
			[]string{"UNIT:Tổng cục Đường bộ yêu cầu nhà thầu:0"}, []string{"UNIT:Tổng cục Đường bộ:0"}},
		{"Hôm qua Quốc hội đã nghe Bộ Quốc phòng báo cáo.",
			[]string{"UNIT:Quốc hội đã nghe Bộ Quốc phòng:0"}, []string{"UNIT:Quốc hội:0", "UNIT:Bộ Quốc phòng:0"}},
		{"Hiệp hội Doanh nghiệp nhỏ và vừa tỉnh Bình Dương họp.",
			[]string{"UNIT:Hiệp hội Doanh nghiệp nhỏ và vừa tỉnh Bình Dương:0"}, []string{"UNIT:Hiệp hội Doanh nghiệp nhỏ và vừa tỉnh Bình Dương:0"}},
	})
}

// TestGivenMentions: the given name of a full name written again alone is
// that person again, unless the article writes it alone more often than it
// names the person (a place, a direction), or it stands by a capitalized
// word or inside another mention.
func TestGivenMentions(t *testing.T) {
	testMergeRule(t, "given", []mergeCase{
		{"Ông Lò Văn Thắm bị bắt. Tại cơ quan công an, Thắm khai nhận đã mua hàng của Thắm Hà Giang.",
			[]string{"PERSON:Lò Văn Thắm:0"}, []string{"PERSON:Lò Văn Thắm:0", "PERSON:Thắm:1"}},
		{"Ông Đào Văn Nam về miền Nam thăm quê. Ở miền Nam, mùa mưa đến sớm; gió mùa thổi vào miền Nam.",
			[]string{"PERSON:Đào Văn Nam:0"}, []string{"PERSON:Đào Văn Nam:0"}},
		// A one-word name found once is that person again; an acronym or a
		// word of no Vietnamese shape found as one is not repeated.
		{"Đối tượng Tiến bị bắt. Tại cơ quan điều tra, Tiến khai nhận đã mua hàng.",
			[]string{"PERSON:Tiến:0"}, []string{"PERSON:Tiến:0", "PERSON:Tiến:1"}},
		{"Anh HĐTV đến. Sau đó, HĐTV họp.",
			[]string{"PERSON:HĐTV:0"}, []string{"PERSON:HĐTV:0"}},
		{"Anh Grab đến. Sau đó, Grab xin lỗi khách.",
			[]string{"PERSON:Grab:0"}, []string{"PERSON:Grab:0"}},
		{"Bà Jennifer Lopez đến Hà Nội. Lopez cho biết sẽ trở lại.",
			[]string{"PERSON:Jennifer Lopez:0"}, []string{"PERSON:Jennifer Lopez:0", "PERSON:Lopez:1"}},
		// "Công" of the word "Công an" is no name.
		{"Ông Phạm Văn Công làm nghề tự do. Chị Hoa gặp Công ở chợ, rồi Công an xã tới hỏi chuyện.",
			[]string{"PERSON:Phạm Văn Công:0"}, []string{"PERSON:Phạm Văn Công:0", "PERSON:Công:1"}},
		// A name-stop word opening a sentence is no name.
		{"Ông Lê Văn Trong đến dự. Trong buổi họp, ông phát biểu.",
			[]string{"PERSON:Lê Văn Trong:0"}, []string{"PERSON:Lê Văn Trong:0"}},
	})
}

// TestApostrophe: a name runs on through an apostrophe inside a word, at
// either end; an apostrophe with a space, a quotation mark, does not.
func TestApostrophe(t *testing.T) {
	testMergeRule(t, "apostrophe", []mergeCase{
		{"Công an huyện Đắk R'lấp mời bà H’Hen Niê đến làm việc.",
			[]string{"UNIT:Công an huyện Đắk R:0", "PERSON:Hen Niê:0"},
			[]string{"UNIT:Công an huyện Đắk R'lấp:0", "PERSON:H’Hen Niê:0"}},
		{"Công an huyện Cư M ' gar cùng Công an huyện Đắk G ’ long truy bắt.",
			[]string{"UNIT:Công an huyện Cư M:0", "UNIT:Công an huyện Đắk G:0"},
			[]string{"UNIT:Công an huyện Cư M ' gar:0", "UNIT:Công an huyện Đắk G ’ long:0"}},
		{"Ông Lê Văn A ' nói thật ' với Công an huyện Mỏ Cày.",
			[]string{"PERSON:Lê Văn A:0", "UNIT:Công an huyện Mỏ Cày:0"},
			[]string{"PERSON:Lê Văn A:0", "UNIT:Công an huyện Mỏ Cày:0"}},
	})
}

// TestBracketsQuotes: a name does not end on a quotation mark that closes
// nothing in it; a nickname's pair of marks stays.
func TestBracketsQuotes(t *testing.T) {
	testMergeRule(t, "brackets", []mergeCase{
		{"Bà viết: \"Cảm ơn Tổng thống Obama\", rồi ký tên.",
			[]string{"PERSON:Obama\":0"}, []string{"PERSON:Obama:0"}},
		{"Hôm qua, Khánh “sói” bị bắt.",
			[]string{"PERSON:Khánh “sói”:0"}, []string{"PERSON:Khánh “sói”:0"}},
	})
}

// TestAlias: the alias after an alias cue is the rules' PERSON, whatever
// span the tagger gave it.
func TestAlias(t *testing.T) {
	testMergeRule(t, "alias", []mergeCase{
		{"Lê Văn Sơn (còn gọi là Sơn lùn, 41 tuổi) bị bắt.",
			[]string{"PERSON:Lê Văn Sơn:0", "PERSON:Sơn:1"},
			[]string{"PERSON:Lê Văn Sơn:0", "PERSON:Sơn lùn:0"}},
	})
}

// TestQuoted: a name runs on over a nickname of one or two words in
// quotation marks right after it, curly or straight, when the article
// quotes the words again or they are a nickname's trait; three words, a
// comma first, or words quoted once (scare quotes) are no nickname.
func TestQuoted(t *testing.T) {
	testMergeRule(t, "quoted", []mergeCase{
		// A nickname the article quotes again, or a trait quoted once.
		{"Hôm qua, Khánh “sói” bị bắt. Khánh \" sói \" khai nhận; Tư “râu” thì bỏ trốn.",
			[]string{"PERSON:Khánh:0", "PERSON:Khánh:1", "PERSON:Tư:0"},
			[]string{"PERSON:Khánh “sói”:0", "PERSON:Khánh \" sói \":0", "PERSON:Tư “râu”:0"}},
		// A word quoted once after a name is the writer's scare quotes.
		{"Ông Bình nhờ Sáu “lo” giúp hồ sơ cho cháu.",
			[]string{"PERSON:Bình:0", "PERSON:Sáu:0"},
			[]string{"PERSON:Bình:0", "PERSON:Sáu:0"}},
		{"Tâm “ông trùm đường dây” và Lan, “chị đại” bị bắt.",
			[]string{"PERSON:Tâm:0", "PERSON:Lan:0"},
			[]string{"PERSON:Tâm:0", "PERSON:Lan:0"}},
	})
}

// TestInPost: a tagger unit that starts inside a post on a word that heads
// no unit and runs over a name is no unit, and the rules' name stands; a
// unit that starts on the post's own head stays.
func TestInPost(t *testing.T) {
	testMergeRule(t, "inpost", []mergeCase{
		{"Bộ trưởng Quốc phòng Hà Lan Pieter Vos phát biểu.",
			[]string{"UNIT:Quốc phòng Hà Lan Pieter Vos:0"}, []string{"PERSON:Pieter Vos:0"}},
		{"Trung tá Lê Văn Tư, Trưởng phòng Tác chiến Quân khu 9, báo cáo.",
			[]string{"PERSON:Lê Văn Tư:0", "UNIT:phòng Tác chiến Quân khu 9:0"},
			[]string{"PERSON:Lê Văn Tư:0", "UNIT:phòng Tác chiến Quân khu 9:0"}},
	})
}

// mergeCase is a text, the tagger's spans over it and the mentions the
// library's merge rules give: TYPE:words:n, the n-th occurrence of the
// words (from 0).
type mergeCase struct {
	text         string
	tagged, want []string
}

// testMergeRule checks each case through the library's merge rules, and
// that without rule the mentions differ.
func testMergeRule(t *testing.T, rule string, cases []mergeCase) {
	t.Helper()
	for _, tc := range cases {
		doc, err := nlp.Analyze(tc.text)
		if err != nil {
			t.Fatal(err)
		}
		// occurrence returns the byte offset of "TYPE:words:n" and its parts.
		occurrence := func(s string) (typ, words string, at int) {
			parts := strings.Split(s, ":")
			at = -1
			for n := 0; n <= int(parts[2][0]-'0'); n++ {
				k := strings.Index(doc.Text[at+1:], parts[1])
				if k < 0 {
					t.Fatalf("%q: no occurrence %s of %q", tc.text, parts[2], parts[1])
				}
				at += k + 1
			}
			return parts[0], parts[1], at
		}
		toks := taggerExtractor.TaggerTokens(doc, Options{})
		var spans []ner.Span
		for _, tg := range tc.tagged {
			typ, words, at := occurrence(tg)
			sp := ner.Span{Type: map[string]int{"PERSON": 0, "UNIT": 1}[typ], Start: -1, End: -1}
			for i, tk := range doc.Tokens {
				if tk.Start == at {
					sp.Start = i
				}
				if tk.End == at+len(words) {
					sp.End = i + 1
				}
			}
			spans = append(spans, sp)
		}
		var want []string
		for _, w := range tc.want {
			typ, words, at := occurrence(w)
			want = append(want, fmt.Sprintf("%s:%s@%d", typ, words, at))
		}
		mentions := func(off ...string) (got []string) {
			for _, e := range taggerExtractor.MergeTagged(doc, Options{}, toks, spans, []string{"PERSON", "UNIT"}, off...) {
				if e.Type == Person || e.Type == Unit {
					got = append(got, fmt.Sprintf("%s:%s@%d", e.Type, e.Text, e.Start))
				}
			}
			return got
		}
		if got := mentions("default"); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s\n got %q\nwant %q", tc.text, got, want)
		}
		if slices.Equal(tc.tagged, tc.want) {
			continue // a case the rule leaves alone
		}
		if got := mentions("default", rule); strings.Join(got, "|") == strings.Join(want, "|") {
			t.Errorf("%s: the same mentions without the rule %q", tc.text, rule)
		}
	}
}
