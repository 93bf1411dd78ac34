package nlp_test

import (
	"fmt"

	"github.com/vnews/vnews/nlp"
)

func ExampleAnalyze() {
	doc, err := nlp.Analyze("Tin quân đội\n\nSư đoàn 308 diễn tập\n\nQĐND-Ngày 17-3, Sư đoàn 308 tổ chức diễn tập. Đại tá Lê Quang Hưng chỉ đạo.\n\nMinh Châu")
	if err != nil {
		panic(err)
	}
	fmt.Println("title:", doc.SpanText(doc.Title))
	fmt.Println("author:", doc.SpanText(doc.Author))
	for i, s := range doc.Sentences {
		fmt.Printf("%-7s %s\n", s.Role, doc.SentenceText(i))
	}
	// Output:
	// title: Sư đoàn 308 diễn tập
	// author: Minh Châu
	// meta    Tin quân đội
	// title   Sư đoàn 308 diễn tập
	// meta    QĐND-
	// lead    Ngày 17-3, Sư đoàn 308 tổ chức diễn tập.
	// body    Đại tá Lê Quang Hưng chỉ đạo.
	// byline  Minh Châu
}

func ExampleLineSegmenter() {
	a, err := nlp.Default()
	if err != nil {
		panic(err)
	}
	words, toks := a.LineSegmenter().Segment("Bộ Tư lệnh Thủ đô Hà Nội khai mạc Hội thao .")
	for _, w := range words {
		fmt.Printf("%s ", w.AppendJoined(nil, toks))
	}
	fmt.Println()
	// Output: Bộ_Tư_lệnh Thủ_đô Hà_Nội khai_mạc Hội_thao .
}

func ExampleKey() {
	fmt.Println(nlp.Key("Thiếu uý") == nlp.Key("thiếu úy"), nlp.EqualFold("hoà bình", "hòa bình"))
	// Output: true true
}
