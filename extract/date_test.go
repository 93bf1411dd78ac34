package extract

import (
	"strings"
	"testing"
)

func TestDates(t *testing.T) {
	tests := []struct {
		name, text, published string
		want                  []string
	}{
		{"day-month anchored", "Ngày 23-4, đơn vị tổ chức hội nghị.", "2020-04-24", []string{"Ngày 23-4=2020-04-23 date"}},
		{"day-month without anchor", "Ngày 23-4, đơn vị tổ chức hội nghị.", "", []string{"Ngày 23-4=XXXX-04-23 date"}},
		{"nearest year across new year", "Sáng 30/12, đơn vị hành quân.", "2021-01-03", []string{"Sáng 30/12=2020-12-30 date"}},
		{"full dates", "Các ngày 24/04/2020, 24-4-2020 và ngày 24 tháng 4 năm 2020 đều là thứ Sáu.", "",
			[]string{"ngày 24/04/2020=2020-04-24 date", "24-4-2020=2020-04-24 date", "ngày 24 tháng 4 năm 2020=2020-04-24 date"}},
		{"month", "Trong tháng 4/2020 và tháng 4-2020 đơn vị huấn luyện.", "", []string{"tháng 4/2020=2020-04 month", "tháng 4-2020=2020-04 month"}},
		{"year", "Đơn vị được thành lập năm 1947.", "", []string{"năm 1947=1947 year"}},
		{"period labels stay out", "Nhiệm kỳ 2010-2015 và giai đoạn 2021 - 2030 đã được tổng kết.", "",
			[]string{"2010-2015=2010/2015 period", "2021 - 2030=2021/2030 period"}},
		{"from year to year", "Ông công tác từ năm 2011 đến năm 2020 tại đơn vị.", "", []string{"từ năm 2011 đến năm 2020=2011/2020 period"}},
		{"from day to date", "Từ ngày 9-2 đến 21-6-2019, đơn vị diễn tập.", "", []string{"Từ ngày 9-2 đến 21-6-2019=2019-02-09/2019-06-21 period"}},
		{"day range", "Hội thao kéo dài từ 6 đến 9/8 tại Đà Nẵng.", "", []string{"từ 6 đến 9/8=XXXX-08-06/XXXX-08-09 period"}},
		{"datetime", "Bài đăng lúc 07:45, 15/05/2021 trên trang.", "", []string{"07:45, 15/05/2021=2021-05-15T07:45:00+07:00 datetime"}},
		{"time and day without year", "Vào 15h chiều 8-7, đoàn cán bộ lên đường.", "", []string{"15h chiều 8-7=XXXX-07-08T15:00 datetime"}},
		{"part of day and ngày", "Chiều ngày 8/7, đoàn cán bộ về tới đơn vị.", "", []string{"Chiều ngày 8/7=XXXX-07-08 date"}},
		{"quarter", "Trong quý I/2020 và Quý 2 năm 2018 chỉ tiêu đều đạt.", "", []string{"quý I/2020=2020-Q1 quarter", "Quý 2 năm 2018=2018-Q2 quarter"}},
		{"quarter without year", "Trong quý IV, đơn vị hoàn thành kế hoạch.", "", []string{"quý IV=XXXX-Q4 quarter"}},
		{"first half", "Trong 6 tháng đầu năm 2020, đơn vị tuyển quân đạt chỉ tiêu.", "", []string{"6 tháng đầu năm 2020=2020-01/2020-06 period"}},
		{"relative anchored", "Hôm qua và sáng nay, mưa lớn; năm ngoái không có.", "2013-10-22",
			[]string{"Hôm qua=2013-10-21 relative", "sáng nay=2013-10-22 relative", "năm ngoái=2012 relative"}},
		{"relative without anchor", "Hôm nay trời mưa.", "", []string{"Hôm nay= relative"}},
		{"anaphoric never resolves", "Cùng ngày, đơn vị tổ chức mít tinh.", "2020-04-24", []string{"Cùng ngày= relative"}},
		{"month of last year", "Từ tháng 12 năm ngoái, đơn vị đã chuẩn bị.", "2013-11-01", []string{"tháng 12 năm ngoái=2012-12 month"}},
		{"decade", "Trong những năm 1970, con đường được mở rộng.", "", []string{"những năm 1970=1970/1979 period"}},
		{"dotted date after a part of day", "Chiều 28.9, Công an Đà Nẵng thông tin.", "2013-11-01", []string{"Chiều 28.9=2013-09-28 date"}},
		{"lunar date", "Sáng 28 Tết, các chiến sĩ trang trí doanh trại.", "", []string{"Sáng 28 Tết= date"}},
		{"durations are not dates", "Sau 10 năm và 3 ngày, họ trở về.", "", nil},
		{"standards are not dates", "Đơn vị áp dụng tiêu chuẩn TCVN ISO: 2015 và ISO 9001:2015 trong quản lý.", "", nil},
		{"document numbers are not dates", "Căn cứ Nghị quyết số 45b/NQ-CP của Chính phủ.", "", nil},
		{"fractions and scores are not dates", "Khoảng 2/3 số người tham gia; đội nhà thắng 2-1.", "", nil},
		{"a time alone is not a date", "Lúc 16h30, đoàn xe xuất phát.", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, res := extractText(t, tt.text, tt.published)
			if got := ofType(res, Date, true); joinList(got) != joinList(tt.want) {
				t.Errorf("dates of %q\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestPublishedFromMetaLine(t *testing.T) {
	text := "Tin quân đội\n\nĐơn vị huấn luyện\n\n; đăng: 07:45, 15/05/2021; truy cập 268 lượt;\n\nNgày 14-5, đơn vị tổ chức huấn luyện."
	_, res := extractText(t, text, "")
	if got := res.Published.Format("2006-01-02T15:04:05Z07:00"); got != "2021-05-15T07:45:00+07:00" || !res.PublishedHasTime {
		t.Errorf("published = %s", got)
	}
	dates := ofType(res, Date, true)
	if len(dates) != 2 || dates[1] != "Ngày 14-5=2021-05-14 date" {
		t.Errorf("dates = %q", dates)
	}
}

func TestCallerAnchorWinsOverMetaLine(t *testing.T) {
	text := "Đơn vị huấn luyện\n\n; đăng: 07:45, 15/05/2021;\n\nNgày 14-5, đơn vị tổ chức huấn luyện."
	_, res := extractText(t, text, "2022-05-20")
	if got := ofType(res, Date, true); got[len(got)-1] != "Ngày 14-5=2022-05-14 date" {
		t.Errorf("dates = %q", got)
	}
}

// TestParseDMY: day, month and an optional four-digit year with one kind of
// separator; anything else is no date.
func TestParseDMY(t *testing.T) {
	for _, tc := range []struct {
		s       string
		d, m, y int
		ok      bool
	}{
		{"23-4", 23, 4, 0, true},
		{"24/04/2020", 24, 4, 2020, true},
		{"19.10.2013", 19, 10, 2013, true},
		{"29-2", 29, 2, 0, true},
		{"29-2-2019", 0, 0, 0, false},
		{"1-2-3-4", 0, 0, 0, false},
		{"23-4/2020", 0, 0, 0, false},
		{"32-1", 0, 0, 0, false},
		{"-4", 0, 0, 0, false},
		{"4-", 0, 0, 0, false},
		{"12-10-20", 0, 0, 0, false},
		{"2345", 0, 0, 0, false},
	} {
		d, m, y, _, ok := parseDMY(tc.s)
		if ok != tc.ok || d != tc.d || m != tc.m || y != tc.y {
			t.Errorf("parseDMY(%q) = %d, %d, %d, %v; want %d, %d, %d, %v", tc.s, d, m, y, ok, tc.d, tc.m, tc.y, tc.ok)
		}
	}
	if n := testing.AllocsPerRun(10, func() { parseDMY("24/04/2020") }); n != 0 {
		t.Errorf("parseDMY allocates %v times", n)
	}
}

// TestParseDMRange: two dates in one token, and tokens that are not.
func TestParseDMRange(t *testing.T) {
	tests := []struct {
		in   string
		a, b [3]int
		ok   bool
	}{
		{"20-31/7", [3]int{20, 7, 0}, [3]int{31, 7, 0}, true},
		{"5-6/8/2021", [3]int{5, 8, 2021}, [3]int{6, 8, 2021}, true},
		{"1-31.7", [3]int{1, 7, 0}, [3]int{31, 7, 0}, true},
		{"20/7-31/7", [3]int{20, 7, 0}, [3]int{31, 7, 0}, true},
		{"28.7-2.8", [3]int{28, 7, 0}, [3]int{2, 8, 0}, true},
		{"1/8/2021-15/8/2021", [3]int{1, 8, 2021}, [3]int{15, 8, 2021}, true},
		{"30/12-2/1/2022", [3]int{30, 12, 2021}, [3]int{2, 1, 2022}, true},
		{"31-20/7", [3]int{}, [3]int{}, false},            // backwards
		{"7-7/7", [3]int{}, [3]int{}, false},              // one day
		{"20-31/2", [3]int{}, [3]int{}, false},            // no 31 February
		{"30-31/4", [3]int{}, [3]int{}, false},            // nor 31 April
		{"20/7-31.7", [3]int{}, [3]int{}, false},          // two separators
		{"1-2-2021", [3]int{}, [3]int{}, false},           // a date, not a range
		{"2011-2020", [3]int{}, [3]int{}, false},          // years
		{"1/8/2022-15/8/2021", [3]int{}, [3]int{}, false}, // backwards across years
		{"1/8/2021-15/8", [3]int{}, [3]int{}, false},      // a year on the first only
		{"123-4/5", [3]int{}, [3]int{}, false},
		{"-4/5", [3]int{}, [3]int{}, false},
		{"4/5-", [3]int{}, [3]int{}, false},
	}
	for _, tt := range tests {
		a, b, ok := parseDMRange(tt.in)
		if ok != tt.ok || ok && (a != tt.a || b != tt.b) {
			t.Errorf("parseDMRange(%q) = %v %v %v, want %v %v %v", tt.in, a, b, ok, tt.a, tt.b, tt.ok)
		}
	}
}

// TestClockTimes: clock times written with "giờ" and "phút", and the half
// of the day a part of the day after the time puts the hour in; a count of
// hours is no time.
func TestClockTimes(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Từ 0 giờ ngày 1/8, tỉnh giãn cách.", "0 giờ ngày 1/8=2021-08-01T00:00:00+07:00"},
		{"Lúc 18 giờ 30 phút ngày 29/7, đoàn đến.", "18 giờ 30 phút ngày 29/7=2021-07-29T18:30:00+07:00"},
		{"Lúc 2h chiều ngày 15/7, đoàn đến.", "2h chiều ngày 15/7=2021-07-15T14:00:00+07:00"},
		{"Khoảng 9 giờ tối 3/7, xe bị lật.", "9 giờ tối 3/7=2021-07-03T21:00:00+07:00"},
		{"Lúc 11 giờ đêm 4/7 trời mưa.", "11 giờ đêm 4/7=2021-07-04T23:00:00+07:00"},
		{"Lúc 1h đêm 5/7 trời mưa.", "1h đêm 5/7=2021-07-05T01:00:00+07:00"},
		{"Đúng 12 giờ trưa 6/7, đoàn về.", "12 giờ trưa 6/7=2021-07-06T12:00:00+07:00"},
		{"Lúc 9h sáng 7/7, đoàn đi.", "9h sáng 7/7=2021-07-07T09:00:00+07:00"},
		{"Trong 24 giờ qua, tỉnh không có ca mới.", ""},
		{"Sau 2 giờ, đoàn về tới nơi.", ""},
	}
	for _, tt := range tests {
		_, res := extractText(t, tt.text, "2021-07-30")
		var got []string
		for _, e := range res.Entities {
			if e.Type == Date {
				got = append(got, e.Text+"="+e.Value)
			}
		}
		if strings.Join(got, " | ") != tt.want {
			t.Errorf("%q: dates %q, want %q", tt.text, got, tt.want)
		}
	}
}
