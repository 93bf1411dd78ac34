package ner

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/vnews/vnews/nlp"
)

// sentence builds tokens from text with spans marked by brackets:
// "ông [P Nguyễn Văn An] nói" (P: PERSON, U: UNIT). Tokens are split on
// spaces; "," and "." standing alone are punctuation.
func sentence(t *testing.T, marked string) Example {
	t.Helper()
	var ex Example
	open, typ := -1, 0
	for _, f := range strings.Fields(marked) {
		switch f {
		case "[P":
			open, typ = len(ex.Tokens), 0
			continue
		case "[U":
			open, typ = len(ex.Tokens), 1
			continue
		}
		closeSpan := strings.HasSuffix(f, "]")
		f = strings.TrimSuffix(f, "]")
		kind := nlp.KindWord
		switch {
		case f == "," || f == ".":
			kind = nlp.KindPunct
		case f[0] >= '0' && f[0] <= '9':
			kind = nlp.KindNumber
		}
		ex.Tokens = append(ex.Tokens, Token{Text: f, Key: nlp.Key(f), Kind: kind, Shape: ShapeOf(f, kind), WordStart: true})
		if closeSpan {
			if open < 0 {
				t.Fatalf("unbalanced %q", marked)
			}
			ex.Spans = append(ex.Spans, Span{Type: typ, Start: open, End: len(ex.Tokens)})
			open = -1
		}
	}
	if len(ex.Tokens) > 0 {
		ex.Tokens[0].SentStart, ex.Tokens[0].LineStart = true, true
	}
	return ex
}

var synthetic = []string{
	"Đại tá [P Nguyễn Văn An] , Chính ủy [U Sư đoàn 308] , phát biểu .",
	"Ông [P Trần Quốc Bảo] làm việc tại [U Bộ Quốc phòng] .",
	"Thiếu tướng [P Lê Minh Châu] thăm [U Lữ đoàn 147] .",
	"[U Quân khu 7] tổng kết công tác huấn luyện năm 2020 .",
	"Bà [P Phạm Thị Dung] cho biết [U Công an tỉnh Nghệ An] đang xác minh .",
	"Sáng nay , [P Hoàng Văn Em] đến thăm [U Trung đoàn 692] và [U Sư đoàn 301] .",
	"Các đơn vị trong quân khu đều hoàn thành nhiệm vụ .",
	"Đồng chí [P Em] , Phó Tư lệnh [U Quân khu 3] , chủ trì .",
}

func examples(t *testing.T) []Example {
	var out []Example
	for _, s := range synthetic {
		out = append(out, sentence(t, s))
	}
	return out
}

func trainTiny(t *testing.T, s Scheme) *Model {
	t.Helper()
	m, err := Train(examples(t), TrainConfig{Types: []string{"PERSON", "UNIT"}, Scheme: s, Epochs: 20, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestTrainLearnsTinySet(t *testing.T) {
	for _, s := range []Scheme{BIO, BILOU} {
		t.Run(s.String(), func(t *testing.T) {
			m := trainTiny(t, s)
			for i, ex := range examples(t) {
				got := m.Tag(ex.Tokens, nil)
				if !equalSpans(got, ex.Spans) {
					t.Errorf("%s:\n got %v\nwant %v", synthetic[i], got, ex.Spans)
				}
			}
		})
	}
}

func equalSpans(a, b []Span) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestModelRoundTrip(t *testing.T) {
	for _, s := range []Scheme{BIO, BILOU} {
		t.Run(s.String(), func(t *testing.T) {
			m := trainTiny(t, s)
			var b1 bytes.Buffer
			if _, err := m.WriteTo(&b1); err != nil {
				t.Fatal(err)
			}
			m2, err := ReadModel(bytes.NewReader(b1.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			var b2 bytes.Buffer
			m2.WriteTo(&b2)
			if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
				t.Errorf("rewritten model differs: %d vs %d bytes", b1.Len(), b2.Len())
			}
			if m2.Scheme() != s || m2.Features() != m.Features() || m2.Templates() != m.Templates() || strings.Join(m2.Types(), ",") != "PERSON,UNIT" {
				t.Errorf("header: %v %d %v %v", m2.Scheme(), m2.Features(), m2.Templates(), m2.Types())
			}
			for _, ex := range examples(t) {
				if a, b := m.Tag(ex.Tokens, nil), m2.Tag(ex.Tokens, nil); !equalSpans(a, b) {
					t.Errorf("read model tags %v, trained one %v", b, a)
				}
			}
		})
	}
}

func TestReadModelErrors(t *testing.T) {
	m := trainTiny(t, BIO)
	var b bytes.Buffer
	m.WriteTo(&b)
	good := b.Bytes()
	flip := bytes.Clone(good)
	flip[len(flip)/2] ^= 0x40
	version := bytes.Clone(good)
	version[len(modelMagic)] = 9
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"not a model", []byte("hello, world, this is not a model")},
		{"truncated", good[:len(good)/2]},
		{"flipped bit", flip},
		{"version", version},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := ParseModel(tc.data); !errors.Is(err, ErrModel) {
				t.Errorf("err = %v, want ErrModel", err)
			}
		})
	}
}

func TestTrainDeterministic(t *testing.T) {
	var out [2][]byte
	for i := range out {
		m := trainTiny(t, BIO)
		var b bytes.Buffer
		m.WriteTo(&b)
		out[i] = b.Bytes()
	}
	if !bytes.Equal(out[0], out[1]) {
		t.Error("two trainings gave different models")
	}
}

// TestViterbiConstraints gives the inside tags of every type the highest
// scores everywhere: decoding must still produce a valid sequence.
func TestViterbiConstraints(t *testing.T) {
	for _, s := range []Scheme{BIO, BILOU} {
		t.Run(s.String(), func(t *testing.T) {
			ts := newTagSet(s, 2)
			nt := ts.n()
			bias := featKey(u1(tBias, 0))
			var pairs []pair
			for y := range nt {
				w := float32(0)
				if _, p := ts.split(y); p == partI {
					w = 10
				}
				if _, p := ts.split(y); p == partL {
					w = 5
				}
				pairs = append(pairs, pair{key: bias | uint64(y), w: w})
			}
			trans := make([]float32, (nt+1)*nt)
			m, err := newModel([]string{"A", "B"}, s, TplKeys, trans, pairs)
			if err != nil {
				t.Fatal(err)
			}
			for n := 1; n <= 5; n++ {
				toks := sentence(t, strings.Repeat("x ", n)).Tokens
				sc := m.getScratch()
				sc.fb.extract(toks, m.tpl, nil)
				sc.emit = make([]float32, n*nt)
				for i := range n {
					m.addRow(sc.emit[i*nt:(i+1)*nt], bias)
				}
				tags := m.viterbi(sc, n, nil)
				prev := -1
				for i, y := range tags {
					if !ts.allowed(prev, y) {
						t.Fatalf("n=%d: tag %d after %d at %d: %v", n, y, prev, i, tags)
					}
					prev = y
				}
				if !ts.final(prev) {
					t.Fatalf("n=%d: ends with %d: %v", n, prev, tags)
				}
				// The constraint must not just forbid: the best valid
				// sequence of two or more tokens opens a span at once.
				if _, p := ts.split(tags[0]); n >= 2 && p == partO {
					t.Errorf("n=%d: %v starts outside a span", n, tags)
				}
			}
		})
	}
}

func TestTagSetRoundTrip(t *testing.T) {
	spans := []Span{{0, 0, 1}, {1, 1, 3}, {0, 3, 4}, {1, 5, 8}}
	for _, s := range []Scheme{BIO, BILOU} {
		t.Run(s.String(), func(t *testing.T) {
			ts := newTagSet(s, 2)
			tags := ts.encode(make([]int, 9), spans)
			prev := -1
			for _, y := range tags {
				if !ts.allowed(prev, y) {
					t.Errorf("encoded %v breaks the scheme", tags)
				}
				prev = y
			}
			if got := ts.decode(nil, tags); !equalSpans(got, spans) {
				t.Errorf("decode(encode) = %v, want %v", got, spans)
			}
		})
	}
}

func TestShapeOf(t *testing.T) {
	for _, tc := range []struct {
		text string
		kind nlp.TokenKind
		want Shape
	}{
		{"lệnh", nlp.KindWord, ShapeLower},
		{"Lệnh", nlp.KindWord, ShapeTitle},
		{"Đại", nlp.KindWord, ShapeTitle},
		{"QĐND", nlp.KindWord, ShapeUpper},
		{"T", nlp.KindWord, ShapeInitial},
		{"N.", nlp.KindAbbrev, ShapeInitial},
		{"iPhone", nlp.KindWord, ShapeMixed},
		{"2020", nlp.KindNumber, ShapeNumber},
		{"C2", nlp.KindCode, ShapeCode},
		{",", nlp.KindPunct, ShapePunct},
		{"%", nlp.KindSymbol, ShapeSymbol},
	} {
		t.Run(tc.text, func(t *testing.T) {
			if got := ShapeOf(tc.text, tc.kind); got != tc.want {
				t.Errorf("ShapeOf(%q) = %d, want %d", tc.text, got, tc.want)
			}
		})
	}
}

func TestTrainRejectsBadSpans(t *testing.T) {
	ex := sentence(t, "a b c")
	ex.Spans = []Span{{Type: 0, Start: 2, End: 5}}
	if _, err := Train([]Example{ex}, TrainConfig{Types: []string{"PERSON"}}); !errors.Is(err, ErrTrain) {
		t.Errorf("err = %v, want ErrTrain", err)
	}
}

// tinyDocs makes two-sentence documents of the synthetic sentences, so
// that the stacked pass has names elsewhere in the document to look at.
func tinyDocs(t *testing.T) []Doc {
	exs := examples(t)
	var docs []Doc
	for i := 0; i+1 < len(exs); i += 2 {
		var d Doc
		for _, ex := range exs[i : i+2] {
			base := len(d.Tokens)
			d.Tokens = append(d.Tokens, ex.Tokens...)
			d.Sentences = append(d.Sentences, [2]int{base, len(d.Tokens)})
			for _, s := range ex.Spans {
				d.Spans = append(d.Spans, Span{Type: s.Type, Start: base + s.Start, End: base + s.End})
			}
		}
		docs = append(docs, d)
	}
	return docs
}

func TestTaggerStacked(t *testing.T) {
	docs := tinyDocs(t)
	for _, stack := range []int{0, 2} {
		t.Run(fmt.Sprint("stack", stack), func(t *testing.T) {
			cfg := TrainConfig{Types: []string{"PERSON", "UNIT"}, Scheme: BILOU, Templates: DefaultTemplates | TplWide, Epochs: 20, Seed: 3, Stack: stack}
			tg, err := TrainTagger(docs, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if tg.Stacked() != (stack > 1) {
				t.Errorf("Stacked() = %v", tg.Stacked())
			}
			for i, d := range docs {
				if got := tg.Tag(d, nil); !equalSpans(got, d.Spans) {
					t.Errorf("doc %d:\n got %v\nwant %v", i, got, d.Spans)
				}
			}
			var b1, b2 bytes.Buffer
			tg.WriteTo(&b1)
			tg2, err := ParseTagger(b1.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			tg2.WriteTo(&b2)
			if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
				t.Error("rewritten tagger differs")
			}
			again, _ := TrainTagger(docs, cfg)
			var b3 bytes.Buffer
			again.WriteTo(&b3)
			if !bytes.Equal(b1.Bytes(), b3.Bytes()) {
				t.Error("two trainings gave different taggers")
			}
			for _, bad := range [][]byte{nil, b1.Bytes()[:len(b1.Bytes())-3], append(bytes.Clone(b1.Bytes()), 0)} {
				if _, err := ParseTagger(bad); !errors.Is(err, ErrModel) {
					t.Errorf("ParseTagger(%d bytes): err = %v, want ErrModel", len(bad), err)
				}
			}
		})
	}
}

func TestStackHints(t *testing.T) {
	tg := newTagger(&Model{types: []string{"PERSON", "UNIT"}}, nil)
	ex := sentence(t, "Ông Nguyễn Văn Tiến nói , Tiến và Lan đi .")
	spans := []Span{{Type: 0, Start: 1, End: 4}}
	out := tg.stackTokens(ex.Tokens, spans)
	for i, want := range map[int]string{
		1: "s1:PERSON:B", // its own span does not count as elsewhere
		2: "s1:PERSON:I",
		3: "s1:PERSON:I s1:PERSON:L",
		6: "s1:doc:PERSON s1:doc:PERSON:last",
		8: "",
	} {
		if got := strings.Join(hintNames(out[i].Hints), " "); got != want {
			t.Errorf("token %d %q: hints %q, want %q", i, out[i].Text, got, want)
		}
	}
	if len(ex.Tokens[3].Hints) != 0 {
		t.Error("stackTokens changed its input")
	}
}

func TestExtent(t *testing.T) {
	mk := func(text string, start int, kind nlp.TokenKind) Token {
		return Token{Text: text, Key: nlp.Key(text), Kind: kind, Shape: ShapeOf(text, kind), Start: start, End: start + len(text)}
	}
	for _, tc := range []struct {
		name string
		toks []Token
		want [2]int
	}{
		{"initial and period", []Token{mk("Văn", 0, nlp.KindWord), mk("T", 4, nlp.KindWord), mk(".", 5, nlp.KindPunct)}, [2]int{0, 6}},
		{"abbreviation and period", []Token{mk("bà", 0, nlp.KindWord), mk("Tr", 3, nlp.KindWord), mk(".", 5, nlp.KindPunct)}, [2]int{3, 6}},
		{"syllable and period", []Token{mk("ông", 0, nlp.KindWord), mk("An", 4, nlp.KindWord), mk(".", 6, nlp.KindPunct)}, [2]int{4, 6}},
		{"spaced period", []Token{mk("Văn", 0, nlp.KindWord), mk("T", 4, nlp.KindWord), mk(".", 6, nlp.KindPunct)}, [2]int{0, 5}},
		{"initial with its period before a full stop", []Token{mk("Văn", 0, nlp.KindWord), mk("T.", 4, nlp.KindAbbrev), mk(".", 6, nlp.KindPunct)}, [2]int{0, 6}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := Span{Start: 0, End: 2}
			if tc.toks[0].Shape == ShapeLower {
				s.Start = 1
			}
			if a, b := Extent(tc.toks, s); a != tc.want[0] || b != tc.want[1] {
				t.Errorf("Extent = %d, %d; want %d, %d", a, b, tc.want[0], tc.want[1])
			}
		})
	}
}

// TestTrainBag checks that a bag of models learns the tiny set, is the
// same model twice, and is the average of its members.
func TestTrainBag(t *testing.T) {
	cfg := TrainConfig{Types: []string{"PERSON", "UNIT"}, Scheme: BILOU, Epochs: 20, Seed: 7, Bag: 3}
	var out [2][]byte
	var bag *Model
	for i := range out {
		m, err := Train(examples(t), cfg)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		m.WriteTo(&b)
		out[i] = b.Bytes()
		bag = m
	}
	if !bytes.Equal(out[0], out[1]) {
		t.Error("two trainings gave different models")
	}
	for i, ex := range examples(t) {
		if got := bag.Tag(ex.Tokens, nil); !equalSpans(got, ex.Spans) {
			t.Errorf("%s:\n got %v\nwant %v", synthetic[i], got, ex.Spans)
		}
	}
	// The average of the members, weight by weight.
	sum := map[uint64]float64{}
	for b := range 3 {
		one := cfg
		one.Bag, one.Seed = 0, cfg.Seed+uint64(b)
		m, err := Train(examples(t), one)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range m.pairs() {
			sum[p.key] += float64(p.w)
		}
	}
	got := bag.pairs()
	n := 0
	for _, v := range sum {
		if float32(v/3) != 0 {
			n++
		}
	}
	if len(got) != n {
		t.Fatalf("%d weights, want %d", len(got), n)
	}
	for _, p := range got {
		if want := float32(sum[p.key] / 3); p.w != want {
			t.Errorf("weight %x = %v, want %v", p.key, p.w, want)
		}
	}
}

// TestTaggerFileRoundTrip reads the project's trained tagger and writes it
// back: every weight must survive the in-memory table, bit for bit.
func TestTaggerFileRoundTrip(t *testing.T) {
	b, err := os.ReadFile("../../extract/data/tagger.bin")
	if err != nil {
		t.Fatal(err)
	}
	tg, err := ParseTagger(b)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := tg.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), b) {
		t.Errorf("rewritten tagger differs: %d bytes, read %d", out.Len(), len(b))
	}
}

// hintNames returns the names of hints, nil for none.
func hintNames(hs []Hint) []string {
	var out []string
	for _, h := range hs {
		out = append(out, h.String())
	}
	return out
}

// TestViterbiDeadTokens checks the shortcut for gated tokens: with random
// emissions and transitions, a token marked dead (its tags other than O at
// -Inf, as tag sets them) gets the same best sequence whether viterbi is
// told it is dead or scores it in full.
func TestViterbiDeadTokens(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	ninf := float32(math.Inf(-1))
	for _, s := range []Scheme{BIO, BILOU} {
		ts := newTagSet(s, 2)
		nt := ts.n()
		for round := range 300 {
			trans := make([]float32, (nt+1)*nt)
			for i := range trans {
				trans[i] = float32(rng.NormFloat64())
			}
			m, err := newModel([]string{"A", "B"}, s, TplKeys, trans, nil)
			if err != nil {
				t.Fatal(err)
			}
			n := 1 + rng.IntN(12)
			live := make([]bool, n)
			sc := m.getScratch()
			sc.emit = make([]float32, n*nt)
			for i := range n {
				live[i] = rng.IntN(3) > 0
				for y := range nt {
					sc.emit[i*nt+y] = float32(rng.NormFloat64() * 2)
					if !live[i] && y > 0 {
						sc.emit[i*nt+y] = ninf
					}
				}
			}
			full := slices.Clone(m.viterbi(sc, n, nil))
			gated := m.viterbi(sc, n, live)
			if !slices.Equal(full, gated) {
				t.Fatalf("%v round %d, live %v: full %v, gated %v", s, round, live, full, gated)
			}
			for i, y := range gated {
				if !live[i] && y != 0 {
					t.Fatalf("%v round %d: dead token %d tagged %d", s, round, i, y)
				}
			}
		}
	}
}

// TestLetterCase checks letterCase against the unicode package over the
// Basic Multilingual Plane and beyond.
func TestLetterCase(t *testing.T) {
	for r := rune(0); r <= 0x2FFFF; r++ {
		letter, upper := letterCase(r)
		if letter != unicode.IsLetter(r) || upper != unicode.IsUpper(r) {
			t.Fatalf("%U %q: letterCase %v %v, unicode %v %v", r, r, letter, upper, unicode.IsLetter(r), unicode.IsUpper(r))
		}
	}
}

// TestSplitLong: sequences longer than MaxSequence are cut after the last
// comma or semicolon in each piece's second half, else at the bound; the
// others are left whole.
func TestSplitLong(t *testing.T) {
	words := func(n int, commas ...int) []Token {
		toks := make([]Token, n)
		for i := range toks {
			toks[i] = Token{Text: "lính", Kind: nlp.KindWord}
		}
		for _, c := range commas {
			toks[c] = Token{Text: ",", Kind: nlp.KindPunct}
		}
		return toks
	}
	tests := []struct {
		name  string
		toks  []Token
		sents [][2]int
		want  [][2]int
	}{
		{"short ones whole", words(600), [][2]int{{0, 300}, {300, 600}}, [][2]int{{0, 300}, {300, 600}}},
		{"one at the bound", words(MaxSequence), [][2]int{{0, MaxSequence}}, [][2]int{{0, MaxSequence}}},
		{"cut after a comma, then at the bound", words(1200, 400), [][2]int{{0, 1200}},
			[][2]int{{0, 401}, {401, 401 + MaxSequence}, {401 + MaxSequence, 1200}}},
		{"a comma in the first half is too early", words(700, 100), [][2]int{{0, 700}}, [][2]int{{0, MaxSequence}, {MaxSequence, 700}}},
		{"a semicolon, after a short sentence", words(900, 20, 700), [][2]int{{0, 50}, {50, 900}},
			[][2]int{{0, 50}, {50, 50 + MaxSequence}, {50 + MaxSequence, 900}}},
	}
	// The last case's semicolon at 700 is past the first piece's bound
	// (562) and the rest is short.
	tests[4].toks[700] = Token{Text: ";", Kind: nlp.KindPunct}
	for _, tt := range tests {
		if got := splitLong(tt.toks, tt.sents); !slices.Equal(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestTagLongSequence: a sentence of thousands of tokens is tagged in
// pieces, and the names all along it are found.
func TestTagLongSequence(t *testing.T) {
	tg, err := TrainTagger(tinyDocs(t), TrainConfig{Types: []string{"PERSON", "UNIT"}, Scheme: BILOU, Epochs: 20, Seed: 3, Stack: 2})
	if err != nil {
		t.Fatal(err)
	}
	one := sentence(t, "Thiếu tướng [P Lê Minh Châu] thăm [U Lữ đoàn 147] ,")
	var d Doc
	for len(d.Tokens) < 5*MaxSequence {
		d.Tokens = append(d.Tokens, one.Tokens...)
	}
	d.Tokens[0].SentStart = true
	d.Sentences = [][2]int{{0, len(d.Tokens)}}
	got := tg.Tag(d, nil)
	if want := 2 * len(d.Tokens) / len(one.Tokens); len(got) < want-4 {
		t.Fatalf("%d spans in %d tokens, want about %d", len(got), len(d.Tokens), want)
	}
	for _, s := range got {
		if s.Start < 0 || s.End > len(d.Tokens) || s.Start >= s.End {
			t.Fatalf("span %v out of the sequence", s)
		}
	}
	if last := got[len(got)-1]; last.End < len(d.Tokens)-len(one.Tokens) {
		t.Errorf("the last span ends at %d of %d tokens", last.End, len(d.Tokens))
	}
}
