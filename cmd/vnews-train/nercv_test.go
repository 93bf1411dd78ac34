package main

import (
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/vnews/vnews/nlp"
)

func TestNERScore(t *testing.T) {
	gold := []nerSpan{
		{Type: "PERSON", Start: 0, End: 10},
		{Type: "UNIT", Start: 20, End: 35},
		{Type: "DATE", Start: 40, End: 49, Valued: true},
		{Type: "DATE", Start: 60, End: 66}, // no value
	}
	for _, tc := range []struct {
		name     string
		sys      []nerSpan
		allDates bool
		want     map[string][3]int // tp, fp, fn
	}{
		{"all right", gold, false, map[string][3]int{"PERSON": {1, 0, 0}, "UNIT": {1, 0, 0}, "DATE": {1, 0, 0}}},
		{"all right, every DATE", gold, true, map[string][3]int{"PERSON": {1, 0, 0}, "UNIT": {1, 0, 0}, "DATE": {2, 0, 0}}},
		{"nothing found", nil, false, map[string][3]int{"PERSON": {0, 0, 1}, "UNIT": {0, 0, 1}, "DATE": {0, 0, 1}}},
		{"one code point short", []nerSpan{{Type: "PERSON", Start: 0, End: 9}}, false,
			map[string][3]int{"PERSON": {0, 1, 1}, "UNIT": {0, 0, 1}, "DATE": {0, 0, 1}}},
		{"wrong type", []nerSpan{{Type: "UNIT", Start: 0, End: 10}}, false,
			map[string][3]int{"PERSON": {0, 0, 1}, "UNIT": {0, 1, 1}, "DATE": {0, 0, 1}}},
		{"duplicates count once", []nerSpan{{Type: "PERSON", Start: 0, End: 10}, {Type: "PERSON", Start: 0, End: 10}}, false,
			map[string][3]int{"PERSON": {1, 0, 0}, "UNIT": {0, 0, 1}, "DATE": {0, 0, 1}}},
		{"a DATE without value is left out", []nerSpan{{Type: "DATE", Start: 40, End: 49}}, false,
			map[string][3]int{"PERSON": {0, 0, 1}, "UNIT": {0, 0, 1}, "DATE": {0, 0, 1}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := cvScore{}
			s.add(gold, tc.sys, tc.allDates)
			for _, typ := range cvTypes {
				if got := *s[typ]; got != tc.want[typ] {
					t.Errorf("%s: %v, want %v", typ, got, tc.want[typ])
				}
			}
		})
	}
}

func TestNERScorePRF(t *testing.T) {
	s := cvScore{"PERSON": {3, 1, 2}, "UNIT": {1, 0, 0}}
	if p, r, f := s.prf("PERSON"); p != 0.75 || r != 0.6 || f < 0.6666 || f > 0.6667 {
		t.Errorf("PERSON: %v %v %v", p, r, f)
	}
	if p, r, _ := s.prf(""); p != 0.8 || r != 4.0/6 {
		t.Errorf("micro: %v %v", p, r)
	}
	if p, r, f := (cvScore{}).prf("RANK"); p != 0 || r != 0 || f != 0 {
		t.Errorf("empty: %v %v %v", p, r, f)
	}
}

func TestGoldSpans(t *testing.T) {
	text := []rune("Đại tá Trần Văn Bình gặp Trần Văn Bình ở Hà Nội.")
	at := func(i int) *int { return &i }
	for _, tc := range []struct {
		name    string
		ms      []goldMention
		want    []nerSpan
		wantErr bool
	}{
		{"own offsets", []goldMention{{Type: "PERSON", Text: "Trần Văn Bình", Start: at(25), End: at(38)}},
			[]nerSpan{{Type: "PERSON", Start: 25, End: 38}}, false},
		{"no offsets: first occurrence", []goldMention{{Type: "PERSON", Text: "Trần Văn Bình"}},
			[]nerSpan{{Type: "PERSON", Start: 7, End: 20}}, false},
		{"wrong offsets: next occurrence after the previous mention", []goldMention{
			{Type: "RANK", Text: "Đại tá", Start: at(0), End: at(6)},
			{Type: "PERSON", Text: "Trần Văn Bình", Start: at(3), End: at(16)},
			{Type: "PERSON", Text: "Trần Văn Bình"},
			{Type: "DATE", Text: "Hà Nội", Value: "x"},
		}, []nerSpan{{Type: "RANK", Start: 0, End: 6}, {Type: "PERSON", Start: 7, End: 20}, {Type: "PERSON", Start: 25, End: 38},
			{Type: "DATE", Start: 41, End: 47, Valued: true}}, false},
		{"missing", []goldMention{{Type: "UNIT", Text: "Sư đoàn 308"}}, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := goldSpans(text, tc.ms)
			if (err != nil) != tc.wantErr || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %v, %v; want %v (error: %v)", got, err, tc.want, tc.wantErr)
			}
		})
	}
}

func TestProseSanitize(t *testing.T) {
	in := "Ông nói: \u201cSư đoàn\u201d và \u2018Lữ đoàn\u2019 &rsquo;x"
	got, orig := proseSanitize(in)
	if want := `Ông nói: "Sư đoàn" và 'Lữ đoàn' 'x`; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	if len(orig) != len(got)+1 || orig[len(got)] != len(in) {
		t.Fatalf("offset map has %d entries for %d bytes", len(orig), len(got))
	}
	// Every piece of the result maps back to the same text, quotes aside.
	for _, w := range []string{"Sư đoàn", "Lữ đoàn", "x"} {
		i := strings.Index(got, w)
		if back := in[orig[i]:orig[i+len(w)]]; back != w {
			t.Errorf("%q maps back to %q", w, back)
		}
	}
}

// TestProseOffset checks the offsets given to prose against what its
// labeling does with them: code points before the offset, less white
// space, must equal the bytes of the tokens before.
func TestProseOffset(t *testing.T) {
	for _, text := range []string{
		"Thượng tá Lê Văn Hùng, Chỉ huy trưởng",
		"Colonel  John Smith\tcame",
		"",
	} {
		t.Run(text, func(t *testing.T) {
			solid := 0
			for _, r := range text {
				if !unicode.IsSpace(r) {
					solid += len(string(r))
				}
			}
			for n := 0; n <= solid+3; n++ {
				x := proseOffset(text, n)
				// prose: the offset less the spaces among the first x code points.
				i, spaces := 0, 0
				for _, r := range text {
					if i < x && unicode.IsSpace(r) {
						spaces++
					}
					i++
				}
				if x-spaces != n {
					t.Fatalf("proseOffset(%d) = %d, which prose reads as %d", n, x, x-spaces)
				}
			}
		})
	}
}

func TestProseChunks(t *testing.T) {
	tok := func(label, tag string) proseToken { return proseToken{Text: "x", Label: label, Tag: tag} }
	for _, tc := range []struct {
		name string
		toks []proseToken
		want []proseSpan
	}{
		{"B I O", []proseToken{tok("B-PERSON", "NNP"), tok("I-PERSON", "NN"), tok("O", "VB")}, []proseSpan{{0, 2, "PERSON"}}},
		{"I alone ends at O", []proseToken{tok("O", "DT"), tok("I-UNIT", "NN"), tok("O", "VB")}, []proseSpan{{1, 2, "UNIT"}}},
		{"same tag goes on past O", []proseToken{tok("B-UNIT", "NN"), tok("O", "NN"), tok("O", "VB")}, []proseSpan{{0, 2, "UNIT"}}},
		{"next B joins the run", []proseToken{tok("B-RANK", "NNP"), tok("B-PERSON", "NN"), tok("O", "VB")}, []proseSpan{{0, 2, "PERSON"}}},
		{"own I label ends it", []proseToken{tok("B-DATE", "NN"), tok("I-DATE", "CD"), tok("O", "VB")}, []proseSpan{{0, 2, "DATE"}}},
		{"open at the end: dropped", []proseToken{tok("O", "VB"), tok("B-PERSON", "NNP"), tok("I-UNIT", "NN")}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := proseChunks(tc.toks); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestBIOChunks(t *testing.T) {
	tok := func(label string) proseToken { return proseToken{Label: label} }
	for _, tc := range []struct {
		name string
		toks []proseToken
		want []proseSpan
	}{
		{"B I", []proseToken{tok("B-PERSON"), tok("I-PERSON"), tok("O")}, []proseSpan{{0, 2, "PERSON"}}},
		{"B B", []proseToken{tok("B-RANK"), tok("B-PERSON")}, []proseSpan{{0, 1, "RANK"}, {1, 2, "PERSON"}}},
		{"I starts", []proseToken{tok("O"), tok("I-UNIT"), tok("I-UNIT")}, []proseSpan{{1, 3, "UNIT"}}},
		{"I of another type starts", []proseToken{tok("B-RANK"), tok("I-PERSON")}, []proseSpan{{0, 1, "RANK"}, {1, 2, "PERSON"}}},
		{"O only", []proseToken{tok("O")}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := bioChunks(tc.toks); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// TestTrainProseNER trains prose's recognizer on a few sentences written
// for the test and checks that it labels them back: the entities land on
// the right tokens of Vietnamese text, and proseChunks agrees with prose.
func TestTrainProseNER(t *testing.T) {
	var data []proseSentence
	type ent struct{ text, label string }
	for _, s := range []struct {
		text string
		ents []ent
	}{
		{"Hôm nay , Đại tá Trần Văn Bình thăm Sư đoàn 308 .", []ent{{"Đại tá", "RANK"}, {"Trần Văn Bình", "PERSON"}, {"Sư đoàn 308", "UNIT"}}},
		{"Thiếu tướng Lê Quang Minh phát biểu tại Bộ Tư lệnh Thủ đô .", []ent{{"Thiếu tướng", "RANK"}, {"Lê Quang Minh", "PERSON"}, {"Bộ Tư lệnh Thủ đô", "UNIT"}}},
		{"Các chiến sĩ của Lữ đoàn 144 huấn luyện ngày 5/4 .", []ent{{"Lữ đoàn 144", "UNIT"}, {"ngày 5/4", "DATE"}}},
	} {
		toks, err := proseTokens(s.text)
		if err != nil {
			t.Fatal(err)
		}
		ps := proseSentence{Text: s.text, Tokens: toks}
		for _, e := range s.ents {
			n := len(strings.Fields(e.text))
			for i := 0; i+n <= len(toks); i++ {
				if strings.Join(toks[i:i+n], " ") == e.text {
					ps.Spans = append(ps.Spans, proseSpan{Start: i, End: i + n, Label: e.label})
					break
				}
			}
		}
		if len(ps.Spans) != len(s.ents) {
			t.Fatalf("%q: entities not on prose tokens %q", s.text, toks)
		}
		for range 5 {
			data = append(data, ps)
		}
	}
	model := trainProseNER(data)
	for i := 0; i < len(data); i += 5 {
		s := data[i]
		toks, ents, err := model.tag(s.Text)
		if err != nil {
			t.Fatal(err)
		}
		if err := sameEntities(toks, proseChunks(toks), ents); err != nil {
			t.Errorf("%q: %v", s.Text, err)
		}
		if got := bioChunks(toks); !reflect.DeepEqual(got, s.Spans) {
			t.Errorf("%q: labels read back as %v, want %v", s.Text, got, s.Spans)
		}
	}
}

// TestLayout lays an article written for the test out for prose: gold
// mentions land on prose's tokens with the right code-point offsets, also
// after curly quotes, and a mention prose's tokenizer cannot separate
// ("La." is one token to it, like "Dr.") is counted, not learned.
func TestLayout(t *testing.T) {
	text := "Đại tá Trần Văn Bình nói: \u201cSư đoàn 308 sẵn sàng\u201d. Ông Nam công tác ở Công an tỉnh Sơn La."
	runes := []rune(text)
	var gold []nerSpan
	for _, m := range []struct{ typ, text string }{
		{"RANK", "Đại tá"}, {"PERSON", "Trần Văn Bình"}, {"UNIT", "Sư đoàn 308"}, {"PERSON", "Nam"}, {"UNIT", "Công an tỉnh Sơn La"},
	} {
		k := runeIndex(runes, []rune(m.text))
		gold = append(gold, nerSpan{Type: m.typ, Start: k, End: k + len([]rune(m.text))})
	}
	doc, err := nlp.Analyze(text)
	if err != nil {
		t.Fatal(err)
	}
	art := &cvArticle{text: runes, gold: gold}
	st := &cvStats{unaligned: map[string]int{}, crossing: map[string]int{}}
	if err := art.layout(doc, st); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range art.sentences {
		for i, tok := range s.Tokens {
			if back := string(runes[s.tokStart[i]:s.tokEnd[i]]); back != tok && !strings.ContainsAny(back, "\u201c\u201d") {
				t.Errorf("token %q has offsets of %q", tok, back)
			}
		}
		for _, sp := range s.Spans {
			got = append(got, sp.Label+" "+string(runes[s.tokStart[sp.Start]:s.tokEnd[sp.End-1]]))
		}
	}
	want := []string{"RANK Đại tá", "PERSON Trần Văn Bình", "UNIT Sư đoàn 308", "PERSON Nam"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("spans %q, want %q", got, want)
	}
	if st.unaligned["UNIT"] != 1 || len(st.crossing) != 0 {
		t.Errorf("unaligned %v, crossing %v", st.unaligned, st.crossing)
	}
}
