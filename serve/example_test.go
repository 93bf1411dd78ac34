package serve_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/vnews/vnews/extract/record"
	"github.com/vnews/vnews/serve"
)

// A newsroom system posts an article and reads the people it names.
func Example() {
	s, err := serve.New(serve.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	resp, err := http.Post(ts.URL+"/v1/entities", "text/plain; charset=utf-8",
		strings.NewReader("Ngày 2-9, Thiếu tá Lê Văn Hòa, Tiểu đoàn trưởng Tiểu đoàn 5 kiểm tra huấn luyện."))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	var rec record.Record
	if err := json.NewDecoder(resp.Body).Decode(&rec); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(resp.StatusCode)
	for _, p := range rec.People {
		fmt.Printf("%s | %s | %s | %s\n", p.Name, p.Rank, p.Position, p.Unit)
	}
	// Output:
	// 200
	// Lê Văn Hòa | Thiếu tá | Tiểu đoàn trưởng | Tiểu đoàn 5
}
