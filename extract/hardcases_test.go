package extract

import "testing"

// TestHardCases has one case for every decision in the "Decisions on hard
// cases" section of the entity spec, in our own sentences. Each case lists
// every entity of one type the sentence must yield, in order; a "=" in a
// wanted string compares normalized fields too (canonical for RANK and
// UNIT, value and kind for DATE, role for PERSON).
func TestHardCases(t *testing.T) {
	tests := []struct {
		decision  string
		typ       Type
		text      string
		published string
		want      []string
	}{
		// UNIT: any named organization.
		{"civil bodies are units", Unit, "Bệnh viện Quân y 175 cùng Bảo tàng Địa chất Việt Nam ký kết hợp tác.", "",
			[]string{"Bệnh viện Quân y 175", "Bảo tàng Địa chất Việt Nam"}},
		{"international bodies are units", Unit, "NATO và Liên Hợp Quốc kêu gọi hai bên kiềm chế.", "", []string{"NATO", "Liên Hợp Quốc"}},
		{"foreign forces are units", Unit, "Lầu Năm Góc cho hay Bộ Quốc phòng Pháp cũng sẽ gửi thêm quân.", "", []string{"Bộ Quốc phòng Pháp"}},
		{"companies are units of kind other", Unit, "Ngân hàng Quân đội tài trợ cho giải chạy.", "", []string{"Ngân hàng Quân đội=Ngân hàng Quân đội"}},
		// UNIT: what is not one.
		{"a newspaper is no unit", Unit, "Theo báo Quân đội nhân dân, buổi lễ diễn ra trang trọng.", "", nil},
		{"a broadcaster is no unit", Unit, "Tin do Thông tấn xã Việt Nam phát, Đài Truyền hình Việt Nam dẫn lại.", "", nil},
		{"an abbreviated newspaper is no unit", Unit, "Phóng viên báo QĐND có mặt tại Quân khu 4.", "", []string{"Quân khu 4"}},
		{"ships are no units", Unit, "Tàu 016-Quang Trung và tàu ngầm Hà Nội rời cảng.", "", nil},
		{"buildings for a government are no units", Unit, "Điện Kremlin và Nhà Trắng đã có tiếng nói chung.", "", nil},
		{"bare heads are no units", Unit, "Bộ đã chỉ đạo; Quân chủng và Trung ương thống nhất, Đảng và Nhà nước ghi nhận, Huyện ủy đồng ý.", "", nil},
		{"an abbreviation with a generic word is no unit", Unit, "UBND huyện đã báo cáo tình hình.", "", nil},
		// UNIT: lowercase heads that pick out one body.
		{"lowercase head with a number", Unit, "Cán bộ tiểu đoàn 1047 đến thăm.", "", []string{"tiểu đoàn 1047"}},
		{"lowercase service with a country", Unit, "Quân đội Campuchia và hải quân Nhật Bản tham dự.", "", []string{"Quân đội Campuchia", "hải quân Nhật Bản"}},
		{"lowercase ministry with a country", Unit, "Người phát ngôn bộ Quốc phòng Nhật Bản xác nhận.", "", []string{"bộ Quốc phòng Nhật Bản"}},
		// UNIT: chains.
		{"a dash does not end a chain", Unit, "Bộ đội tiểu đoàn 352 - Bộ tư lệnh Vùng 2 hải quân có mặt.", "", []string{"tiểu đoàn 352 - Bộ tư lệnh Vùng 2 hải quân"}},
		{"thuộc ends a chain", Unit, "Trung đoàn 48 thuộc Sư đoàn 320 diễn tập.", "", []string{"Trung đoàn 48", "Sư đoàn 320"}},
		{"a comma between two names ends a chain", Unit, "Quân khu 5, Quân khu 7 cùng tham gia.", "", []string{"Quân khu 5", "Quân khu 7"}},
		{"a comma inside an official name stays", Unit, "Cục Cảnh sát phòng, chống tội phạm vừa công bố kết quả.", "", []string{"Cục Cảnh sát phòng, chống tội phạm"}},
		// UNIT and RANK: a rank followed by a service name.
		{"rank then service: the unit", Unit, "Thượng tướng CAND Lê Quý Vương dự họp.", "", []string{"CAND=Công an nhân dân"}},
		{"rank then service: the rank", Rank, "Thượng tướng CAND Lê Quý Vương dự họp.", "", []string{"Thượng tướng=Thượng tướng"}},
		{"coordinated designators are one span", Unit, "Lực lượng các quân khu 3, 4 đã sẵn sàng.", "", []string{"quân khu 3, 4"}},
		{"a title runs into a unit", Unit, "Trưởng phòng Tham mưu Sư đoàn 312 phát biểu.", "", []string{"phòng Tham mưu Sư đoàn 312"}},
		{"head plus trưởng is a title", Unit, "Trung đoàn trưởng và Tiểu đoàn trưởng đã có mặt.", "", nil},
		// RANK.
		{"a rank without a name", Rank, "Vị đại tá ấy từ thượng úy lên thiếu tá.", "", []string{"đại tá=Đại tá", "thượng úy=Thượng úy", "thiếu tá=Thiếu tá"}},
		{"Tướng alone and hạ sĩ quan are not ranks", Rank, "Các tướng lĩnh và hạ sĩ quan; tướng Giáp.", "", nil},
		{"foreign ranks", Rank, "Đô đốc Harold Becker gặp Đại tướng Lê Văn Khải.", "", []string{"Đô đốc=Đô đốc", "Đại tướng=Đại tướng"}},
		// PERSON.
		{"revolutionary names", Person, "Ông Sáu Nam và anh Út trọc từng chiến đấu ở đây.", "", []string{"Sáu Nam", "Út trọc"}},
		{"Bác Hồ is Hồ", Person, "Lời dạy của Bác Hồ vẫn còn nguyên giá trị.", "", []string{"Hồ"}},
		{"photo credit", Person, "Cán bộ tập huấn.\nẢnh: Hoàng Thùy\n", "", []string{"Hoàng Thùy=photographer"}},
		{"byline", Person, "Đơn vị tổ chức tập huấn cho cán bộ.\n\nNGỌC ANH\n", "", []string{"NGỌC ANH=author"}},
		// DATE: the year only from the expression or the publication date.
		{"quarter without publication", Date, "Đầu năm 2019 đơn vị đổi mới. Trong quý IV, đơn vị về đích.", "", []string{"Đầu năm 2019=2019 year", "quý IV=XXXX-Q4 quarter"}},
		{"day-month without publication", Date, "Năm 1975 là năm lịch sử. Ngày 30-4, cả nước vui mừng.", "", []string{"Năm 1975=1975 year", "Ngày 30-4=XXXX-04-30 date"}},
		{"day-month with publication", Date, "Năm 1975 là năm lịch sử. Ngày 30-4, cả nước vui mừng.", "2020-05-02", []string{"Năm 1975=1975 year", "Ngày 30-4=2020-04-30 date"}},
		{"lunar dates have no value", Date, "Mùng 1 Tết, đơn vị chúc Tết nhân dân.", "2021-02-10", []string{"Mùng 1 Tết= date"}},
		{"30 Tết", Date, "Chiều 30 Tết, các chiến sĩ vẫn trực.", "2021-02-10", []string{"Chiều 30 Tết= date"}},
		{"deictic with publication", Date, "Tuần trước và 9 tháng đầu năm nay, đơn vị làm tốt.", "2020-10-15",
			[]string{"Tuần trước=2020-W41 relative", "9 tháng đầu năm nay=2020-01/2020-09 period"}},
		{"deictic without publication", Date, "Năm ngoái đơn vị đã làm tốt.", "", []string{"Năm ngoái= relative"}},
		{"anaphoric never resolves", Date, "Ngày 2-9 họ chia tay. Hôm đó, ba ngày sau và cùng năm ấy họ gặp lại.", "2020-09-05",
			[]string{"Ngày 2-9=2020-09-02 date", "Hôm đó= relative", "ba ngày sau= relative", "cùng năm= relative"}},
		{"hôm đó with nothing dated is vague", Date, "Ngày ấy ở chiến trường, hôm đó ai cũng đói.", "2020-09-05", nil},
		{"an event named after a month", Date, "Cách mạng tháng Tám và Cách mạng tháng 8 thành công.", "", nil},
		{"vague words are not dates", Date, "Hiện nay và ngày nay, truyền thống ấy vẫn được giữ.", "2020-09-05", nil},
		{"hôm and part of the day belong", Date, "Hôm 24/9 và sáng 16-5 đơn vị huấn luyện.", "2020-10-01", []string{"Hôm 24/9=2020-09-24 date", "sáng 16-5=2020-05-16 date"}},
		{"vừa qua stays out", Date, "Ngày 24/9 vừa qua, đơn vị huấn luyện.", "2020-10-01", []string{"Ngày 24/9=2020-09-24 date"}},
	}
	for _, tt := range tests {
		t.Run(tt.decision, func(t *testing.T) {
			_, res := extractText(t, tt.text, tt.published)
			withValue := false
			for _, w := range tt.want {
				withValue = withValue || containsByte(w, '=')
			}
			var got []string
			if tt.typ == Person && withValue {
				for _, e := range res.Entities {
					if e.Type == Person {
						got = append(got, e.Text+"="+e.Role)
					}
				}
			} else {
				got = ofType(res, tt.typ, withValue)
			}
			if joinList(got) != joinList(tt.want) {
				t.Errorf("%s of %q\n got %q\nwant %q", tt.typ, tt.text, got, tt.want)
			}
		})
	}
}

// TestUnitNames covers how unit names are read beyond the spec's decisions:
// acronyms vouching for long names, brands after company descriptors,
// places that start like heads, the article's city, generic heads.
func TestUnitNames(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"acronym vouches for a long name", "Cục Kỹ thuật nghiệp vụ về thông tin và liên lạc (K25) vào cuộc. Sau đó K25 kết luận.",
			[]string{"Cục Kỹ thuật nghiệp vụ về thông tin và liên lạc", "K25", "K25"}},
		{"acronym after lowercase words", "Ông làm việc tại Viện nghiên cứu chiến lược quân sự (VNCCL) nhiều năm.", []string{"Viện nghiên cứu chiến lược quân sự", "VNCCL"}},
		{"a news agency vouches for nothing", "Cục Tác chiến về kiểm tra đơn vị (TTXVN).", []string{"Cục Tác chiến"}},
		{"brand after descriptors", "Công ty cổ phần đầu tư xây dựng Hoàng Long - bộ Quốc phòng trúng thầu.", []string{"Công ty cổ phần đầu tư xây dựng Hoàng Long - bộ Quốc phòng"}},
		{"capitalized descriptor", "Công ty Cổ phần Trường Thịnh ký hợp đồng.", []string{"Công ty Cổ phần Trường Thịnh"}},
		{"civil body named after a service", "Ngân hàng Quân đội tài trợ.", []string{"Ngân hàng Quân đội"}},
		{"place that starts like a head", "Cựu chiến binh Bộ đội Trường Sơn về thăm chiến trường xưa.", []string{"Bộ đội Trường Sơn"}},
		{"district starting with an address word", "Ban Thường vụ Huyện ủy Ba Vì họp.", []string{"Ban Thường vụ Huyện ủy Ba Vì"}},
		{"the article's city", "Bộ đội Biên phòng TP và Công an TP phối hợp.", []string{"Bộ đội Biên phòng TP", "Công an TP"}},
		{"Roman numeral before a period", "Nhiệm vụ được giao cho Quân khu V. Quân khu IV làm nhiệm vụ hỗ trợ.", []string{"Quân khu V", "Quân khu IV"}},
		{"generic heads need a name", "Lực lượng quân sự và đoàn công tác đã có mặt.", nil},
		{"award titles", "Tập thể đơn vị hai lần được tuyên dương Anh hùng Lực lượng vũ trang nhân dân.", nil},
		{"air bases are places", "Các chiến đấu cơ rời căn cứ không quân Kadena lúc rạng sáng.", nil},
		{"a set of books", "Bộ sách gồm bộ SGK và bộ Atlas Universel.", nil},
		{"ministries as the press abbreviates them", "Đại diện bộ TTTT, Bộ GTVT và Bộ LĐ-TB&XH dự họp.", []string{"bộ TTTT", "Bộ GTVT", "Bộ LĐ-TB&XH"}},
		{"a lowercase head with loose words and a number", "Trường giờ chỉ còn độ 15 cháu, công đoàn trích 3 ngày lương hỗ trợ.", nil},
		{"fleet at its base", "Hạm đội Đại Tây Dương tại Norfolk ra thông cáo.", []string{"Hạm đội Đại Tây Dương"}},
		{"embassy of a country abroad", "Đại sứ quán Việt Nam tại Lào tổ chức lễ.", []string{"Đại sứ quán Việt Nam tại Lào"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, res := extractText(t, tt.text, "")
			if got := ofType(res, Unit, false); joinList(got) != joinList(tt.want) {
				t.Errorf("units of %q\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestPeopleInContext covers names that other text runs into: bylines
// glued to the last sentence, countries before a name, stop words as given
// names, administrations named after a leader.
func TestPeopleInContext(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"byline glued to the last sentence", "Đơn vị đã hoàn thành nhiệm vụ. Thu Trang - Quốc Bảo\n", []string{"Thu Trang=author", "Quốc Bảo=author"}},
		{"byline with an agency after a slash", "Đơn vị đã hoàn thành nhiệm vụ./. Hoàng Yến/VOV\n", []string{"Hoàng Yến=author"}},
		{"byline with an agency and its desk", "Đơn vị đã hoàn thành nhiệm vụ./. Hoàng Yến/VOV-Ban Thời sự\n", []string{"Hoàng Yến=author"}},
		{"a farm named after a person", "Đoàn công tác về thăm nông trường Lê Minh Xuân.", nil},
		{"country before a foreign name", "Bộ trưởng Quốc phòng Na Uy Henrik Solberg phát biểu.", []string{"Henrik Solberg="}},
		{"a country is no given name", "Vùng Thượng Lào giáp nước bạn Lào.", nil},
		{"a stop word as a given name", "Thứ trưởng Lê Thị Nên khẳng định.", []string{"Lê Thị Nên="}},
		{"an administration named after its leader", "Chính quyền Biden và chính quyền George Bush.", []string{"Biden=", "George Bush="}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, res := extractText(t, tt.text, "")
			var got []string
			for _, e := range res.Entities {
				if e.Type == Person {
					got = append(got, e.Text+"="+e.Role)
				}
			}
			if joinList(got) != joinList(tt.want) {
				t.Errorf("people of %q\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}
