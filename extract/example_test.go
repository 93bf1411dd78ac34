package extract_test

import (
	"fmt"
	"strings"

	"github.com/vnews/vnews/extract"
	"github.com/vnews/vnews/nlp"
)

func ExampleExtractor_Extract() {
	doc, err := nlp.Analyze("Ngày 14-5, Đại tá Phan Trọng Nghĩa, Phó Chính ủy Bộ Tư lệnh Thủ đô Hà Nội dự lễ bế giảng.")
	if err != nil {
		panic(err)
	}
	x, err := extract.New()
	if err != nil {
		panic(err)
	}
	res, err := x.Extract(doc, extract.Options{})
	if err != nil {
		panic(err)
	}
	for _, e := range res.Entities {
		fmt.Println(strings.TrimSpace(fmt.Sprintf("%-8s %-26s %s%s", e.Type, e.Text, e.Value, e.English)))
	}
	for _, p := range res.People {
		fmt.Printf("%s: %s | %s | %s | %s\n", p.Ref, p.Name, p.Rank, p.Position, p.Unit)
	}
	// Output:
	// DATE     Ngày 14-5                  XXXX-05-14
	// RANK     Đại tá                     Colonel
	// PERSON   Phan Trọng Nghĩa
	// POSITION Phó Chính ủy
	// UNIT     Bộ Tư lệnh Thủ đô Hà Nội
	// p1: Phan Trọng Nghĩa | Đại tá | Phó Chính ủy | Bộ Tư lệnh Thủ đô Hà Nội
}
