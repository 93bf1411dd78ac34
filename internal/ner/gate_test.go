package ner

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestHintClasses(t *testing.T) {
	for _, tc := range []struct {
		name          string
		local, signal bool
	}{
		{"lex:surname:B", false, true},
		{"rule:UNIT:I", false, true},
		{"gaz:PERSON:L", false, true},
		{"doc:PERSON:last", false, true},
		{"s1:UNIT:B", false, true},
		{"clu6:011010", true, false},
		{"clu:none", true, false},
		{"cap:3", true, false},
		{"role:caption", true, false},
		{"other", false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := NewHint(tc.name)
			if h.local != tc.local || h.signal != tc.signal || h.String() != tc.name {
				t.Errorf("NewHint(%q) = local %v signal %v name %q, want %v %v", tc.name, h.local, h.signal, h.String(), tc.local, tc.signal)
			}
			if h.hash != NewHint(tc.name).hash || h.hash == NewHint(tc.name+"x").hash {
				t.Errorf("hash of %q not a function of the name", tc.name)
			}
		})
	}
}

// gateTokens builds lowercase tokens from words; a capitalized word is a
// signal, "w+h" gives word w the hint h.
func gateTokens(words string) []Token {
	var toks []Token
	for _, w := range strings.Fields(words) {
		word, hint, ok := strings.Cut(w, "+")
		tk := Token{Text: word, Key: strings.ToLower(word), Shape: ShapeOf(word, 0)}
		if ok {
			tk.Hints = Hints(hint)
		}
		toks = append(toks, tk)
	}
	return toks
}

func TestGateLive(t *testing.T) {
	for _, tc := range []struct {
		words  string
		window int
		want   string // one digit a token: 1 live
	}{
		{"a b C d e f g", -1, "1111111"},
		{"a b C d e f g", 0, "0010000"},
		{"a b C d e f g", 1, "0111000"},
		{"a b C d e f g", 2, "1111100"},
		{"a b c d e f g", 2, "0000000"},
		{"A b c d e f G", 1, "1100011"},
		{"a b c+lex:unit:head:B d e f g", 1, "0111000"},
		{"a b c+clu4:0110 d e f g", 1, "0000000"},
		{"a b c+cap:5 d e F g", 1, "0000111"},
		{"a QĐND c d e f g", 0, "0100000"},
	} {
		t.Run(fmt.Sprintf("%s/%d", tc.words, tc.window), func(t *testing.T) {
			toks := gateTokens(tc.words)
			live := make([]bool, len(toks))
			any := (&gate{window: tc.window}).live(toks, live)
			var got strings.Builder
			for _, l := range live {
				got.WriteByte("01"[btoi(l)])
			}
			if got.String() != tc.want {
				t.Errorf("live = %s, want %s", got.String(), tc.want)
			}
			if any != strings.Contains(tc.want, "1") {
				t.Errorf("any = %v", any)
			}
		})
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestGatedTagger: a gated tagger tags what the ungated one tags near
// signals, and O far from any.
func TestGatedTagger(t *testing.T) {
	docs := tinyDocs(t)
	cfg := TrainConfig{Types: []string{"PERSON", "UNIT"}, Scheme: BILOU, Templates: DefaultTemplates, FirstTemplates: TplKeys | TplShapes, Epochs: 20, Seed: 3, Stack: 2}
	tg, err := TrainTagger(docs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{2, 3} {
		g := tg.Gated(w)
		for i, d := range docs {
			if got, want := g.Tag(d, nil), tg.Tag(d, nil); !slices.Equal(got, want) {
				t.Errorf("window %d, doc %d: gated %v, ungated %v", w, i, got, want)
			}
		}
	}
	// A sequence with no signal at all gets no span, whatever the model.
	d := Doc{Tokens: gateTokens("các đơn vị trong quân khu đều hoàn thành")}
	d.Sentences = [][2]int{{0, len(d.Tokens)}}
	if got := tg.Gated(2).Tag(d, nil); len(got) != 0 {
		t.Errorf("spans with no signal: %v", got)
	}
	if tg.Gated(-5).gate.window != -1 {
		t.Error("a negative window is no gate")
	}
}

// TestLocalHintTemplates counts the features local hints give under each
// template set.
func TestLocalHintTemplates(t *testing.T) {
	toks := gateTokens("a+clu4:01 b+lex:unit:head:B c+clu4:10")
	for _, tc := range []struct {
		name string
		tpl  Templates
		want int // hint features of the middle token
	}{
		// own hint; the local neighbours at -1 and +1
		{"all", TplHints | TplHintNeighbours, 3},
		{"local", TplHints | TplHintNeighbours | TplLocalHints, 3},
		{"own", TplHints | TplHintNeighbours | TplLocalHintsOwn, 1},
		// with hint × shape: the middle token's hint is not local
		{"own+shape", TplHints | TplHintNeighbours | TplLocalHintsOwn | TplHintShape, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b featBuf
			b.extract(toks, tc.tpl, nil)
			if got := b.off[2] - b.off[1] - 1; got != tc.want { // minus the bias
				t.Errorf("%d hint features, want %d", got, tc.want)
			}
		})
	}
}
