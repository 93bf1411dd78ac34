package extract

import (
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
		{"Nhiệm vụ được giao cho Quân khu V. Quân khu IV làm nhiệm vụ hỗ trợ.",
			[]string{"UNIT:Quân khu V=Quân khu V/military_region", "UNIT:Quân khu IV=Quân khu IV/military_region"}},
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
