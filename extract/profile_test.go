package extract

import "testing"

// TestProfileLinks checks how rank, post and unit reach a person's profile
// from the many ways Vietnamese news writes them.
func TestProfileLinks(t *testing.T) {
	tests := []struct {
		name, text string
		person     string
		want       Profile // Name, Rank, Position, Unit are compared
	}{
		{"apposition after the name", "Đại tá Lê Văn Hùng, Chính ủy Lữ đoàn 125 phát biểu.", "Lê Văn Hùng",
			Profile{Rank: "Đại tá", Position: "Chính ủy", Unit: "Lữ đoàn 125"}},
		{"post and unit before the name", "Người phát ngôn viên Bộ Ngoại giao Trung Quốc Uông Văn Bân nói.", "Uông Văn Bân",
			Profile{Position: "phát ngôn viên", Unit: "Bộ Ngoại giao Trung Quốc"}},
		{"post abroad, then an address word", "Bộ Ngoại giao đã triệu Đại biện lâm thời Pháp tại Hà Nội, ông Pierre Martin đến.", "Pierre Martin",
			Profile{Position: "Đại biện lâm thời"}},
		{"post given by a verb", "Sau đó ông Trần Văn Khôi được bổ nhiệm làm Phó Giám đốc Sở Tư pháp.", "Trần Văn Khôi",
			Profile{Position: "Phó Giám đốc", Unit: "Sở Tư pháp"}},
		{"alias in parentheses, then là", "Anh Ba Thành (Nguyễn Văn Thành) là trưởng phòng 3 của Bộ chỉ huy.", "Nguyễn Văn Thành",
			Profile{Position: "trưởng phòng", Unit: "phòng 3"}},
		{"two people share one apposition", "Kỷ luật Đại tá Lê Văn Tâm và Đại tá Phan Quốc Hưng, nguyên Phó Giám đốc Tổng Công ty Hòa Bình.", "Lê Văn Tâm",
			Profile{Rank: "Đại tá", Position: "nguyên Phó Giám đốc", Unit: "Tổng Công ty Hòa Bình"}},
		{"a post in the unit over its Party post", "Đại tá Hà Minh Đức, Bí thư Đảng ủy, Sư đoàn trưởng Sư đoàn 330 kết luận.", "Hà Minh Đức",
			Profile{Rank: "Đại tá", Position: "Sư đoàn trưởng", Unit: "Sư đoàn 330"}},
		{"a Party post with its committee over a post without unit", "Ông Lê Thanh Sơn, Phó Bí thư Huyện ủy, Chủ tịch UBND huyện chủ trì.", "Lê Thanh Sơn",
			Profile{Position: "Phó Bí thư", Unit: "Huyện ủy"}},
		{"a command over a trade", "Bắt Trần Quang Vinh (SN 1980, bác sĩ khoa Nội, Bệnh viện Thống Nhất), Giám đốc Phòng khám Tâm An.", "Trần Quang Vinh",
			Profile{Position: "Giám đốc", Unit: "Phòng khám Tâm An"}},
		{"a title before the name over a role after it", "Phó Thủ tướng Thường trực Lê Văn Thành, Trưởng Ban tổ chức lễ tang đọc điếu văn.", "Lê Văn Thành",
			Profile{Position: "Phó Thủ tướng Thường trực"}},
		{"a head-post takes the numbered unit nearby", "Đó là Trung tá Vũ Đình Toản, Phó trung đoàn trưởng và Thiếu tá Lê Văn Hòa, phi công Trung đoàn 927.", "Vũ Đình Toản",
			Profile{Rank: "Trung tá", Position: "Phó trung đoàn trưởng", Unit: "Trung đoàn 927"}},
		{"a head-post with its number", "Ông Lê Hữu Tài (cựu Sư đoàn trưởng 367) ra tòa.", "Lê Hữu Tài",
			Profile{Position: "cựu Sư đoàn trưởng", Unit: "Sư đoàn 367"}},
		{"a bare head stands for the unit named before", "Bộ Tư lệnh Quân khu 9 cử đoàn công tác do Đại tá Trần Văn Nam, Phó tham mưu trưởng Quân khu dẫn đầu.", "Trần Văn Nam",
			Profile{Rank: "Đại tá", Position: "Phó tham mưu trưởng", Unit: "Quân khu 9"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, res := extractText(t, tt.text, "")
			var got *Profile
			for i := range res.People {
				if res.People[i].Name == tt.person {
					got = &res.People[i]
				}
			}
			if got == nil {
				t.Fatalf("no profile for %q in %+v", tt.person, res.People)
			}
			if got.Rank != tt.want.Rank || got.Position != tt.want.Position || got.Unit != tt.want.Unit {
				t.Errorf("profile of %q = rank %q, post %q, unit %q; want %q, %q, %q", tt.person,
					got.Rank, got.Position, got.Unit, tt.want.Rank, tt.want.Position, tt.want.Unit)
			}
		})
	}
}
