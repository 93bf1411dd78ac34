package nlp

import (
	"strings"
	"testing"
)

// sentencesOf analyzes text and returns its sentences' texts.
func sentencesOf(t *testing.T, text string) []string {
	t.Helper()
	doc, err := Analyze(text)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i := range doc.Sentences {
		out = append(out, doc.SentenceText(i))
	}
	return out
}

func TestSentenceSplitting(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"abbreviation TP.", "Đoàn đến TP. Hồ Chí Minh hôm qua. Sau đó đoàn về Cần Thơ.",
			[]string{"Đoàn đến TP. Hồ Chí Minh hôm qua.", "Sau đó đoàn về Cần Thơ."}},
		{"academic titles", "PGS.TS. Nguyễn Văn A, ThS. Lê B và GS. Trần C dự. Hội thảo kết thúc.",
			[]string{"PGS.TS. Nguyễn Văn A, ThS. Lê B và GS. Trần C dự.", "Hội thảo kết thúc."}},
		{"numbers with dots and commas", "Đơn vị có 1.000 người, tăng 2,5% so với ngày 23.4 năm trước. Kế hoạch đạt.",
			[]string{"Đơn vị có 1.000 người, tăng 2,5% so với ngày 23.4 năm trước.", "Kế hoạch đạt."}},
		{"quote closes the sentence", "Ông nói: “Chúng tôi sẵn sàng.” Sau đó ông rời đi.",
			[]string{"Ông nói: “Chúng tôi sẵn sàng.”", "Sau đó ông rời đi."}},
		{"straight quotes", `Anh kể: "Đêm đó rất lạnh." Mọi người im lặng.`,
			[]string{`Anh kể: "Đêm đó rất lạnh."`, "Mọi người im lặng."}},
		{"ellipsis before lowercase continues", "Họ đi mãi... cho đến sáng. Rồi nghỉ.",
			[]string{"Họ đi mãi... cho đến sáng.", "Rồi nghỉ."}},
		{"ellipsis before capital ends", "Những ngày ấy… Giờ đã khác.",
			[]string{"Những ngày ấy…", "Giờ đã khác."}},
		{"question and exclamation", "Vì sao? Vì họ dũng cảm! Thật vậy.",
			[]string{"Vì sao?", "Vì họ dũng cảm!", "Thật vậy."}},
		{"initial ends a sentence", "Người bị hại là bà T. Hiện gia đình đã được thông báo.",
			[]string{"Người bị hại là bà T.", "Hiện gia đình đã được thông báo."}},
		{"initial inside a name", "Tổng thống Donald J. Trump phát biểu.",
			[]string{"Tổng thống Donald J. Trump phát biểu."}},
		{"v.v. ends a sentence", "Họ mang súng, đạn v.v. Sau đó họ xuất phát.",
			[]string{"Họ mang súng, đạn v.v.", "Sau đó họ xuất phát."}},
		{"list number", "1. Quán triệt nghị quyết. 2. Tổ chức thực hiện.",
			[]string{"1. Quán triệt nghị quyết.", "2. Tổ chức thực hiện."}},
		{"line without final punctuation is a sentence", "Hội nghị tổng kết năm 2020\n\nNgày 23-4, đơn vị tổ chức hội nghị.",
			[]string{"Hội nghị tổng kết năm 2020", "Ngày 23-4, đơn vị tổ chức hội nghị."}},
		{"line broken by a scraper is joined", "Đơn vị tổ chức hội nghị.\n\nĐại tá Nguyễn Văn An, Chính ủy Sư đoàn\n\nphát biểu tại hội nghị.\n\nHội nghị kết thúc.",
			[]string{"Đơn vị tổ chức hội nghị.", "Đại tá Nguyễn Văn An, Chính ủy Sư đoàn\n\nphát biểu tại hội nghị.", "Hội nghị kết thúc."}},
		{"pre-tokenized text", "Tàu rời cảng lúc 9h . Sau đó tàu ra khơi .",
			[]string{"Tàu rời cảng lúc 9h .", "Sau đó tàu ra khơi ."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sentencesOf(t, tt.in)
			if strings.Join(got, "\n|") != strings.Join(tt.want, "\n|") {
				t.Errorf("sentences of %q\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}
