package extract_test

import (
	"fmt"
	"strings"

	"github.com/vnews/vnews/extract"
	"github.com/vnews/vnews/nlp"
)

func ExampleExtractor_Extract() {
	doc, err := nlp.Analyze("Ngày 23-4, Đại tá Nguyễn Đình Lưu, Phó Tư lệnh Bộ Tư lệnh Thủ đô Hà Nội chủ trì hội nghị.")
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
	// DATE     Ngày 23-4                  XXXX-04-23
	// RANK     Đại tá                     Colonel
	// PERSON   Nguyễn Đình Lưu
	// POSITION Phó Tư lệnh
	// UNIT     Bộ Tư lệnh Thủ đô Hà Nội
	// p1: Nguyễn Đình Lưu | Đại tá | Phó Tư lệnh | Bộ Tư lệnh Thủ đô Hà Nội
}
