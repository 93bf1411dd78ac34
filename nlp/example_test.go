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

// A stage that looks something up for every token builds a table indexed
// by the vocabulary's ids once, and reads it by each token's key id; a
// token with id 0 is looked up by its key.
func ExampleDocument_KeyIDs() {
	doc, err := nlp.Analyze("Đại tá Trần Hùng thăm Lữ đoàn 147.")
	if err != nil {
		panic(err)
	}
	ids, vocab := doc.KeyIDs()
	// A table by id, here whether a key is a rank word.
	rankWord := make([]bool, vocab.Len())
	vocab.Each(func(id int32, key string) {
		rankWord[id] = key == nlp.Key("đại") || key == nlp.Key("tá")
	})
	for i, t := range doc.Tokens {
		fmt.Printf("%s:%v ", t.Text, ids[i] != 0 && rankWord[ids[i]])
	}
	fmt.Println()
	// Output: Đại:true tá:true Trần:false Hùng:false thăm:false Lữ:false đoàn:false 147:false .:false
}
