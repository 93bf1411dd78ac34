package extract

import "testing"

// sameBody gives, for a unit of TestProfileLinks, another name of the same
// body that the linker may take as well: a military region's command.
var sameBody = map[string]string{"Quân khu 5": "Bộ Tư lệnh Quân khu 5"}

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
		{"post and unit before the name", "Người phát ngôn viên Bộ Quốc phòng Trung Quốc Lục Khải Minh nói.", "Lục Khải Minh",
			Profile{Position: "phát ngôn viên", Unit: "Bộ Quốc phòng Trung Quốc"}},
		{"post abroad, then an address word", "Bộ Ngoại giao đã triệu Đại biện lâm thời Pháp tại Hà Nội, ông Pierre Martin đến.", "Pierre Martin",
			Profile{Position: "Đại biện lâm thời"}},
		{"post given by a verb", "Ông Trần Văn Khôi vừa được cử làm Phó Giám đốc Sở Nội vụ.", "Trần Văn Khôi",
			Profile{Position: "Phó Giám đốc", Unit: "Sở Nội vụ"}},
		{"alias in parentheses, then là", "Anh Tư Hậu (Lê Văn Hậu) là trưởng phòng 4 của Bộ chỉ huy.", "Lê Văn Hậu",
			Profile{Position: "trưởng phòng", Unit: "phòng 4"}},
		{"two people share one apposition", "Cảnh cáo Đại tá Lê Văn Tâm và Đại tá Phan Quốc Hưng, nguyên Phó Giám đốc Tổng Công ty Hòa Bình.", "Lê Văn Tâm",
			Profile{Rank: "Đại tá", Position: "nguyên Phó Giám đốc", Unit: "Tổng Công ty Hòa Bình"}},
		// The first post stated wins (spec, PERSON hard cases): the Party
		// secretary of the division's committee; the division is the unit
		// the apposition names.
		{"the first of two posts", "Đại tá Vương Đình Sáng, Bí thư Đảng ủy, Sư đoàn trưởng Sư đoàn 330 kết luận.", "Vương Đình Sáng",
			Profile{Rank: "Đại tá", Position: "Bí thư", Unit: "Sư đoàn 330"}},
		{"the first of two posts, a brigade", "Đại tá Hoàng Minh Trí, Bí thư Đảng ủy, Lữ đoàn trưởng Lữ đoàn 147 phát biểu.", "Hoàng Minh Trí",
			Profile{Rank: "Đại tá", Position: "Bí thư", Unit: "Lữ đoàn 147"}},
		{"a Party post with its committee over a post without unit", "Ông Lê Thanh Sơn, Phó Bí thư Huyện ủy, Chủ tịch UBND huyện chủ trì.", "Lê Thanh Sơn",
			Profile{Position: "Phó Bí thư", Unit: "Huyện ủy"}},
		{"a command over a trade", "Bắt Đỗ Quang Vĩnh (SN 1979, bác sĩ khoa Nhi, Bệnh viện Chợ Rẫy), Giám đốc Phòng khám Minh An.", "Đỗ Quang Vĩnh",
			Profile{Position: "Giám đốc", Unit: "Phòng khám Minh An"}},
		{"a title before the name over a role after it", "Phó Thủ tướng Thường trực Trần Hữu Lộc, Trưởng Ban tổ chức giải đua thuyền phát biểu khai mạc.", "Trần Hữu Lộc",
			Profile{Position: "Phó Thủ tướng Thường trực"}},
		{"a head-post takes the numbered unit nearby", "Tổ bay gồm Trung tá Vũ Đình Thuận, Phó trung đoàn trưởng và Thiếu tá Lê Văn Hòa, phi công Trung đoàn 929.", "Vũ Đình Thuận",
			Profile{Rank: "Trung tá", Position: "Phó trung đoàn trưởng", Unit: "Trung đoàn 929"}},
		{"a head-post with its number", "Ông Lê Hữu Tài (cựu Lữ đoàn trưởng 168) hầu tòa.", "Lê Hữu Tài",
			Profile{Position: "cựu Lữ đoàn trưởng", Unit: "Lữ đoàn 168"}},
		// The military region, or its command: the body the bare head
		// stands for, whichever the linker takes.
		{"a bare head stands for the unit named before", "Bộ Tư lệnh Quân khu 5 lập tổ kiểm tra, Đại tá Trần Văn Nam, Phó tham mưu trưởng Quân khu làm tổ trưởng.", "Trần Văn Nam",
			Profile{Rank: "Đại tá", Position: "Phó tham mưu trưởng", Unit: "Quân khu 5"}},
		// Most annotators cut a police chief's post where the unit starts.
		{"a police chief's post ends where the unit starts", "Thiếu tá Đào Minh Khang, Trưởng Công an huyện Yên Thành cho hay số tiền đã được trả lại.", "Đào Minh Khang",
			Profile{Rank: "Thiếu tá", Position: "Trưởng", Unit: "Công an huyện Yên Thành"}},
		{"a police chief's post with the level no place follows", "Đại úy Trần Văn Khải, Trưởng Công an xã cho biết hai người bị thương nhẹ.", "Trần Văn Khải",
			Profile{Rank: "Đại úy", Position: "Trưởng Công an xã"}},
		{"a post takes its tail", "Bà Hà Thị Mận, Phó Chủ tịch thường trực UBND huyện Bảo Lạc đã ký quyết định.", "Hà Thị Mận",
			Profile{Position: "Phó Chủ tịch thường trực", Unit: "UBND huyện Bảo Lạc"}},
		// In a list of guests, a post after the comma opens the next
		// guest's title, unit and name.
		{"a list: the next guest's post is not the first's", "Dự lễ có Phó Thủ tướng Lê Minh Khoa, Bộ trưởng Bộ Tài chính Hồ Văn Tâm và đại diện nhiều tỉnh.", "Lê Minh Khoa",
			Profile{Position: "Phó Thủ tướng"}},
		{"a list: the second guest's post and unit", "Dự lễ có Phó Thủ tướng Lê Minh Khoa, Bộ trưởng Bộ Tài chính Hồ Văn Tâm và đại diện nhiều tỉnh.", "Hồ Văn Tâm",
			Profile{Position: "Bộ trưởng", Unit: "Bộ Tài chính"}},
		// The title the article gives with every mention over a role
		// stated once.
		{"the title of every mention", "Thứ trưởng Nguyễn Văn Bảo đến thăm nhà máy. Thứ trưởng Nguyễn Văn Bảo, Trưởng đoàn kiểm tra, ghi nhận kết quả sản xuất. Cuối buổi, Thứ trưởng Nguyễn Văn Bảo đề nghị đơn vị giữ vững an toàn.", "Nguyễn Văn Bảo",
			Profile{Position: "Thứ trưởng"}},
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
			unitOK := got.Unit == tt.want.Unit || got.Unit != "" && got.Unit == sameBody[tt.want.Unit]
			if got.Rank != tt.want.Rank || got.Position != tt.want.Position || !unitOK {
				t.Errorf("profile of %q = rank %q, post %q, unit %q; want %q, %q, %q", tt.person,
					got.Rank, got.Position, got.Unit, tt.want.Rank, tt.want.Position, tt.want.Unit)
			}
		})
	}
}
