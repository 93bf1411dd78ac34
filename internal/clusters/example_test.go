package clusters_test

import (
	"fmt"
	"strings"

	"github.com/vnews/vnews/internal/clusters"
	"github.com/vnews/vnews/nlp"
)

func Example() {
	file := "# PATH<TAB>WORD<TAB>COUNT\n" +
		"0010\tnguyễn\t120\n" +
		"0011\ttrần\t80\n" +
		"0110\t00/0\t40\n"
	m, err := clusters.Load(strings.NewReader(file))
	if err != nil {
		fmt.Println(err)
		return
	}
	doc, err := nlp.Analyze("Ông Trần Văn Hải đến ngày 13/3.")
	if err != nil {
		fmt.Println(err)
		return
	}
	keys, off := doc.Keys()
	for i, t := range doc.Tokens {
		key := keys[off[i] : off[i+1]-1]
		if p, ok := m.Path(key); ok {
			fmt.Println(t.Text, p, m.Prefix(key, 2))
		}
	}
	// Output:
	// Trần 0011 00
	// 13/3 0110 01
}
