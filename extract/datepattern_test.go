package extract

import (
	"testing"

	"github.com/vnews/vnews/nlp"
)

// TestDatePatterns checks every row of the date grammar with an example
// that the row decides, and the DATE entities found in it.
func TestDatePatterns(t *testing.T) {
	tests := []struct {
		row, text, published string
		want                 string
	}{
		{"shift after đó", "Trước đó 12 ngày, đơn vị đã chuẩn bị kỹ.", "2021-05-20", "Trước đó 12 ngày= relative"},
		{"shift then sau đó", "Ba ngày sau đó, đoàn lên đường.", "2021-05-20", "Ba ngày sau đó= relative"},
		{"shift then sau", "Hai tuần sau, đoàn trở về đơn vị.", "2021-05-20", "Hai tuần sau= relative"},
		{"shift then trước đó", "Hai ngày trước đó, trời mưa lớn.", "2021-05-20", "Hai ngày trước đó= relative"},
		{"revolution", "Ôn lại truyền thống Cách mạng tháng Tám.", "2021-05-20", ""},
		{"from time to", "Từ 7h đến 11h ngày 14/9, sư đoàn bắn đạn thật.", "2021-09-20", "Từ 7h đến 11h ngày 14/9=2021-09-14T07:00:00+07:00/2021-09-14T11:00:00+07:00 period"},
		{"from to", "Từ ngày 9-2 đến 21-6-2017, đơn vị diễn tập.", "", "Từ ngày 9-2 đến 21-6-2017=2017-02-09/2017-06-21 period"},
		{"vague relative", "Mấy ngày qua, trời mưa không ngớt.", "2021-05-20", ""},
		{"range", "Giai đoạn 2021 - 2030 đã được tổng kết.", "", "2021 - 2030=2021/2030 period"},
		{"lone number", "Đội có 1975 người tham gia.", "", ""},
		{"point", "Đơn vị được thành lập năm 1947.", "", "năm 1947=1947 year"},
		{"from day range", "Từ 20-31/7, tỉnh tạm dừng các chuyến bay.", "2021-08-02", "Từ 20-31/7=2021-07-20/2021-07-31 period"},
		{"night into morning", "Đêm 14 rạng sáng 15/3, trung đoàn hành quân.", "2021-05-20", "Đêm 14 rạng sáng 15/3=2021-03-14/2021-03-15 period"},
		{"bare range", "Hội chợ diễn ra 30 – 31/10 tại Hà Nội.", "2021-05-20", "30 – 31/10=2021-10-30/2021-10-31 period"},
		{"days và", "Trong 2 ngày 14 và 15/9, sư đoàn diễn tập.", "2021-05-20", "14 và 15/9=2021-09-14/2021-09-15 period"},
		{"bare lone number", "Mỗi tổ có 12 - 15 người.", "", ""},
		{"bare point", "Tòa thành xây từ 1805 - nay đã hơn 200 năm.", "", "1805=1805 year"},

		{"time then date", "Vào 16h chiều 4-5, đoàn xe xuất phát.", "2021-05-20", "16h chiều 4-5=2021-05-04T16:00:00+07:00 datetime"},
		{"time alone", "Lúc 16h30, đoàn xe xuất phát.", "2021-05-20", ""},
		{"spelled time then date", "Đúng 7 giờ 15 phút ngày 4/6, tàu rời cảng.", "2021-05-20", "7 giờ 15 phút ngày 4/6=2021-06-04T07:15:00+07:00 datetime"},
		{"relative day then date", "Sáng nay 16-5, đơn vị ra quân huấn luyện.", "2021-05-16", "Sáng nay 16-5=2021-05-16 date"},
		{"hôm kia", "Hôm kia, trời mưa lớn.", "2021-05-20", "Hôm kia=2021-05-18 relative"},
		{"relative day", "Chiều qua, đơn vị ra quân.", "2021-05-20", "Chiều qua=2021-05-19 relative"},
		{"relative day alone", "Đoàn xe đi qua cầu Long Biên.", "2021-05-20", ""},
		{"that day", "Ngày 23-4, đơn vị ra quân. Hôm đó trời mưa.", "2021-05-20", "Ngày 23-4=2021-04-23 date | Hôm đó= relative"},
		{"that", "Ngày ấy ở chiến trường rất khó khăn.", "", ""},
		{"the same day", "Cùng ngày, đơn vị tổ chức mít tinh.", "2021-05-20", "Cùng ngày= relative"},
		{"years in one token", "Nhiệm kỳ 2010-2015 đã kết thúc.", "", "2010-2015=2010/2015 period"},
		{"days in one token", "Ngày 30/12-2/1/2022, đoàn công tác thăm đơn vị.", "", "Ngày 30/12-2/1/2022=2021-12-30/2022-01-02 period"},
		{"lunar day-month", "Giỗ tổ nghề rơi vào ngày 12/8 âm lịch hằng năm.", "2021-05-20", "ngày 12/8 âm lịch= date"},
		{"day-month token", "Ngày 23-4, đơn vị tổ chức hội nghị.", "2021-05-20", "Ngày 23-4=2021-04-23 date"},
		{"day tháng month", "Các đơn vị họp ngày 24 tháng 4 năm 2020 tại Hà Nội.", "", "ngày 24 tháng 4 năm 2020=2020-04-24 date"},
		{"lunar mùng", "Mùng 1 Tết, đơn vị trực sẵn sàng chiến đấu.", "2021-05-20", "Mùng 1 Tết= date"},
		{"lunar Tết", "Sáng 28 Tết, tiểu đoàn gói bánh chưng.", "2021-05-20", "Sáng 28 Tết= date"},
		{"lunar Tết of a year", "Đêm 28 Tết Canh Tý 2020, đơn vị vẫn trực chỉ huy.", "2021-05-20", "Đêm 28 Tết Canh Tý 2020=2020 year"},
		{"Tết of a year", "Dịp Tết Nguyên đán Nhâm Dần 2022, đơn vị tổ chức gói bánh chưng.", "2021-05-20", "Tết Nguyên đán Nhâm Dần 2022=2022 year"},
		{"Tết named", "Chiến sĩ trẻ đón Tết Quý Mão trên đảo xa.", "2021-05-20", "Tết Quý Mão= date"},
		{"Tết", "Cả đơn vị vui Tết cùng nhân dân.", "2021-05-20", ""},
		{"rằm", "Rằm tháng Giêng, bà con đi lễ chùa.", "2021-05-20", "Rằm tháng Giêng= date"},
		{"day word then tháng", "Ngày tháng trôi qua thật nhanh.", "", ""},
		{"lunar month", "Tháng Chạp, bộ đội giúp dân dọn nhà đón Tết.", "2021-05-20", "Tháng Chạp= date"},
		{"month/year", "Trong tháng 4/2020, đơn vị huấn luyện.", "", "tháng 4/2020=2020-04 month"},
		{"counted tháng", "Sau 45 tháng 3 ngày, tàu về bến.", "", ""},
		{"month năm year", "Tháng 4 năm 2020, đơn vị ra quân.", "", "Tháng 4 năm 2020=2020-04 month"},
		{"month năm relative", "Từ tháng 12 năm ngoái, đơn vị đã chuẩn bị.", "2021-05-20", "tháng 12 năm ngoái=2020-12 month"},
		{"month", "Đầu tháng 4, đơn vị ra quân.", "2021-05-20", "Đầu tháng 4=2021-04 month"},
		{"relative month", "Tháng trước, đơn vị ra quân.", "2021-05-20", "Tháng trước=2021-04 relative"},
		{"tháng", "Mỗi tháng đơn vị huấn luyện hai lần.", "", ""},
		{"day word then năm", "Ngày năm ấy đơn vị còn khó khăn.", "", ""},
		{"part of day then năm", "Sáng năm mới, đơn vị chào cờ.", "", ""},
		{"counted năm", "Sau 10 năm, họ trở về quê.", "", ""},
		{"năm years", "Kế hoạch năm 2021-2025 đã được duyệt.", "", "năm 2021-2025=2021/2025 period"},
		{"năm year", "Đơn vị được thành lập năm 1947.", "", "năm 1947=1947 year"},
		{"relative year", "Năm ngoái, đơn vị đạt danh hiệu.", "2021-05-20", "Năm ngoái=2020 relative"},
		{"năm", "Năm người lính trở về.", "", ""},
		{"relative week", "Tuần tới, đơn vị diễn tập.", "2021-05-20", "Tuần tới=2021-W21 relative"},
		{"quarter/year", "Trong quý I/2020, chỉ tiêu đạt.", "", "quý I/2020=2020-Q1 quarter"},
		{"quarter năm year", "Quý 2 năm 2018, chỉ tiêu đạt.", "", "Quý 2 năm 2018=2018-Q2 quarter"},
		{"quarter năm nay", "Trong quý 3 năm nay, chỉ tiêu đạt.", "2021-05-20", "quý 3 năm nay=2021-Q3 quarter"},
		{"quarter / year", "Chỉ tiêu quý 2 / 2018 đã đạt.", "", "quý 2 / 2018=2018-Q2 quarter"},
		{"quarter", "Trong quý IV, đơn vị hoàn thành kế hoạch.", "2021-05-20", "quý IV=2021-Q4 quarter"},
		{"quý", "Quý khách vui lòng chờ.", "", ""},
		{"century", "Trong thế kỷ XX, đất nước đổi thay.", "", "thế kỷ XX=1900/1999 period"},
		{"những năm decade", "Trong những năm 1970, con đường được mở rộng.", "", "những năm 1970=1970/1979 period"},
		{"thập niên decade", "Trong thập niên 1990, thành phố phát triển.", "", "thập niên 1990=1990/1999 period"},
		{"months of a year", "Trong 6 tháng đầu năm 2020, đơn vị tuyển quân đạt chỉ tiêu.", "", "6 tháng đầu năm 2020=2020-01/2020-06 period"},
		{"months of this year", "Trong 3 tháng cuối năm nay, đơn vị tăng tốc.", "2021-05-20", "3 tháng cuối năm nay=2021-10/2021-12 period"},
		{"months of the year", "Trong 9 tháng đầu năm, sư đoàn huấn luyện đạt yêu cầu.", "", "9 tháng đầu năm=XXXX-01/XXXX-09 period"},
		{"bare year", "Tòa thành xây từ 1805 - nay đã hơn 200 năm.", "", "1805=1805 year"},
		{"bare day", "Hội chợ diễn ra 30 – 31/10 tại Hà Nội.", "2021-05-20", "30 – 31/10=2021-10-30/2021-10-31 period"},
		{"year", "Chiến dịch Hồ Chí Minh (1975) toàn thắng.", "", "1975=1975 year"},
	}
	tested := map[string]bool{}
	for _, tt := range tests {
		tested[tt.row] = true
		t.Run(tt.row, func(t *testing.T) {
			decided := map[string]bool{}
			_, res := extractText(t, tt.text, tt.published)
			doc, err := nlp.Analyze(tt.text)
			if err != nil {
				t.Fatal(err)
			}
			r := newRun(testExtractor, doc)
			r.dates.trace = func(row *datePattern) { decided[row.name] = true }
			for si := range doc.Sentences {
				r.findDates(si)
			}
			if !decided[tt.row] {
				t.Errorf("row %q does not decide in %q; decided: %v", tt.row, tt.text, decided)
			}
			if got := joinList(ofType(res, Date, true)); got != tt.want {
				t.Errorf("dates of %q\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
	for _, table := range []*dateTable{dateExprs, datePoints} {
		for _, row := range table.rows {
			if !tested[row.name] {
				t.Errorf("row %q has no example", row.name)
			}
		}
	}
}

// TestDateTables checks what the tables' index relies on: rows that match
// at the start come first, names are unique, row numbers fit a byte.
func TestDateTables(t *testing.T) {
	for name, table := range map[string]*dateTable{"dateExprs": dateExprs, "datePoints": datePoints} {
		t.Run(name, func(t *testing.T) {
			if len(table.rows) > 256 {
				t.Fatalf("%d rows; the index numbers them with a byte", len(table.rows))
			}
			seen := map[string]bool{}
			prefixed := false
			for _, row := range table.rows {
				if seen[row.name] {
					t.Errorf("row name %q twice", row.name)
				}
				seen[row.name] = true
				if row.at == atStart && prefixed && table == datePoints {
					t.Errorf("row %q matches at the start after rows that match after the prefix", row.name)
				}
				prefixed = prefixed || row.at != atStart
				if row.first >= 64 {
					t.Errorf("row %q: first %d; skipping covers 64", row.name, row.first)
				}
			}
		})
	}
}

// TestDateIndex checks that the index offers every row whose first element
// matches a token: the index may only leave out rows that cannot match.
func TestDateIndex(t *testing.T) {
	text := "Ngày 23-4 và 24/04/2020, lúc 08:06 hay 15h45, tháng 4/2020, quý I/2020, quý IV, thế kỷ XX, năm 2011-2020, " +
		"những năm 1970, thập niên 1990, mùng 1 Tết, 29 Tết, sáng nay, hôm qua, hôm kia, tuần tới, cùng ngày, 6 tháng đầu năm, " +
		"từ 15 đến 18/10, 1959 - 2019, ba ngày sau đó, trước đó 2 tuần, (SN 1971), 31.10, 7.2013, 12-1967, 2/3 số người."
	doc, err := nlp.Analyze(text)
	if err != nil {
		t.Fatal(err)
	}
	r := newRun(testExtractor, doc)
	for si := range doc.Sentences {
		lo, hi := r.bounds(si)
		p := &dateParser{r: r, lex: r.lex, lo: lo, hi: hi}
		for s := lo; s < hi; s++ {
			for _, table := range []*dateTable{dateExprs, datePoints} {
				for _, x := range []*rowIndex{&table.start, &table.prefixed} {
					offered := map[uint8]bool{}
					for _, ri := range x.at(p, s) {
						offered[ri] = true
					}
					for _, ri := range x.all {
						for _, prefixed := range []bool{false, true} {
							m := dmatch{i: s, j: s, pre: dprefix{end: s, prefixed: prefixed}}
							p.nmemo = 0
							if _, ok := p.match(&m, &table.rows[ri].shape[0], s); ok && !offered[ri] {
								t.Errorf("row %q opens at %q but the index leaves it out", table.rows[ri].name, r.toks[s].Text)
							}
						}
					}
				}
			}
		}
	}
}
