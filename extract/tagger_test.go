package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/vnews/vnews/nlp"
)

func TestTaggerTokens(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := nlp.Analyze("Đại tá Nguyễn Văn Hùng, Phó Tư lệnh Quân khu 7, dự hội nghị tại Hà Nội.")
	if err != nil {
		t.Fatal(err)
	}
	toks := x.TaggerTokens(doc, Options{})
	if len(toks) != len(doc.Tokens) {
		t.Fatalf("%d tagger tokens for %d tokens", len(toks), len(doc.Tokens))
	}
	at := map[string]int{}
	for i, tk := range toks {
		if tk.Text != doc.Tokens[i].Text || doc.Text[tk.Start:tk.End] != tk.Text {
			t.Errorf("token %d: %q at %d:%d, document has %q", i, tk.Text, tk.Start, tk.End, doc.Tokens[i].Text)
		}
		at[tk.Text] = i
	}
	for _, tc := range []struct {
		tok  string
		want []string
	}{
		{"Đại", []string{"lex:rank:B", "rule:RANK:B"}},
		{"Nguyễn", []string{"lex:surname:B", "rule:PERSON:B"}},
		{"Hùng", []string{"rule:PERSON:I", "rule:PERSON:L"}},
		{"Quân", []string{"rule:UNIT:B"}},
		{"7", []string{"rule:UNIT:L"}},
		{"Nội", []string{"lex:location:L"}},
	} {
		t.Run(tc.tok, func(t *testing.T) {
			tk := toks[at[tc.tok]]
			for _, h := range tc.want {
				if !slices.Contains(tk.Hints, h) {
					t.Errorf("hints %v lack %q", tk.Hints, h)
				}
			}
		})
	}
	if !toks[0].SentStart || !toks[0].LineStart || !toks[0].WordStart {
		t.Errorf("first token: %+v", toks[0])
	}
}

// TestTaggerSpans runs the embedded tagger on sentences written for this
// test.
func TestTaggerSpans(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text string
		want       []string // "TYPE text"
	}{
		{"apposition", "Đại tá Nguyễn Văn Hùng, Phó Tư lệnh Quân khu 7, đã đến thăm Trung đoàn 88 thuộc Sư đoàn 5.",
			[]string{"PERSON Nguyễn Văn Hùng", "UNIT Quân khu 7", "UNIT Trung đoàn 88", "UNIT Sư đoàn 5"}},
		{"initial at the end", "Thượng tá Trần Thị Mai cho biết Công an tỉnh Quảng Bình đã bắt giữ đối tượng Lê Văn T.",
			[]string{"PERSON Trần Thị Mai", "UNIT Công an tỉnh Quảng Bình", "PERSON Lê Văn T."}},
		{"short mention", "Bộ Quốc phòng vừa khen thưởng Trung tá Phạm Đức Long. Trung tá Long nói rằng đơn vị sẽ cố gắng hơn nữa.",
			[]string{"UNIT Bộ Quốc phòng", "PERSON Phạm Đức Long", "PERSON Long"}},
		{"no entity", "Trời hôm nay nắng đẹp, người dân đi chợ đông vui.", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := nlp.Analyze(tc.text)
			if err != nil {
				t.Fatal(err)
			}
			ents, err := x.TaggerSpans(doc, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for i, e := range ents {
				if doc.Text[e.Start:e.End] != e.Text {
					t.Errorf("%q does not select %q", e.Text, doc.Text[e.Start:e.End])
				}
				if i > 0 && e.Start < ents[i-1].End {
					t.Errorf("%q overlaps or precedes %q", e.Text, ents[i-1].Text)
				}
				if e.Sentence < 0 || doc.Sentences[e.Sentence].Start > e.Start || doc.Sentences[e.Sentence].End < e.End {
					t.Errorf("%q: sentence %d", e.Text, e.Sentence)
				}
				got = append(got, string(e.Type)+" "+e.Text)
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func ExampleExtractor_TaggerSpans() {
	x, _ := New()
	doc, _ := nlp.Analyze("Thiếu tướng Lê Quang Minh làm việc với Bộ Chỉ huy Quân sự tỉnh Nghệ An.")
	ents, _ := x.TaggerSpans(doc, Options{})
	for _, e := range ents {
		fmt.Println(e.Type, e.Text)
	}
	// Output:
	// PERSON Lê Quang Minh
	// UNIT Bộ Chỉ huy Quân sự tỉnh Nghệ An
}
