package ner

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/vnews/vnews/nlp"
)

func TestGazetteerMatch(t *testing.T) {
	g := NewGazetteer([]string{"PERSON", "UNIT"})
	g.Add(1, []string{"cong", "an", "tinh", "ha", "tinh"}, "cong an tinh ha tinh")
	g.Add(1, []string{"cong", "an"}, "cong an")
	g.Add(0, []string{"ha"}, "ha")
	g.Add(1, []string{"cong", "an"}, "cong an") // twice: one entry
	if g.Len() != 3 {
		t.Fatalf("Len = %d, want 3", g.Len())
	}
	for _, tc := range []struct {
		name string
		toks string
		want []string // "type:i-j"
	}{
		{"longest of each type", "cong an tinh ha tinh", []string{"1:0-5", "0:3-4"}},
		{"shorter name when the long one breaks", "cong an tinh nghe an", []string{"1:0-2"}},
		{"prefix only", "cong", nil},
		{"nothing", "mot hai ba", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			keys := strings.Fields(tc.toks)
			var got []string
			g.Match(0, len(keys), func(i int) string { return keys[i] }, func(ty, i, j int) {
				got = append(got, string(rune('0'+ty))+":"+string(rune('0'+i))+"-"+string(rune('0'+j)))
			})
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestGazetteerHints(t *testing.T) {
	g := NewGazetteer([]string{"PERSON", "UNIT"})
	g.Add(1, []string{"quan", "khu", "7"}, "quan khu 7")
	toks := []Token{{Key: "tai", Hints: Hints("x")}, {Key: "quan"}, {Key: "khu"}, {Key: "7"}, {Key: "quan"}}
	shared := toks[0].Hints
	g.AddHints(toks, [][2]int{{0, 5}})
	want := [][]string{{"x"}, {"gaz:UNIT:B"}, {"gaz:UNIT:I"}, {"gaz:UNIT:I", "gaz:UNIT:L"}, nil}
	for i := range toks {
		if !slices.Equal(hintNames(toks[i].Hints), want[i]) {
			t.Errorf("token %d: hints %v, want %v", i, toks[i].Hints, want[i])
		}
	}
	if len(shared) != 1 {
		t.Errorf("the caller's hints changed: %v", shared)
	}
}

func TestGazetteerFile(t *testing.T) {
	types := []string{"PERSON", "UNIT"}
	g := NewGazetteer(types)
	g.Add(1, []string{"so", "y", "te"}, "so y te")
	g.Add(0, []string{"tran", "van", "an"}, "tran van an")
	var a, b bytes.Buffer
	if _, err := g.WriteTo(&a, "made by a test"); err != nil {
		t.Fatal(err)
	}
	r, err := ReadGazetteer(bytes.NewReader(a.Bytes()), types)
	if err != nil {
		t.Fatal(err)
	}
	r.WriteTo(&b, "made by a test")
	if a.String() != b.String() || r.Len() != 2 {
		t.Errorf("round trip:\n%s\n----\n%s", a.String(), b.String())
	}
	want := "# made by a test\nPERSON\ttran van an\nUNIT\tso y te\n"
	if a.String() != want {
		t.Errorf("file:\n%q\nwant\n%q", a.String(), want)
	}
	for _, bad := range []string{"DATE\tngay\n", "UNIT\n", "UNIT\t  \n"} {
		if _, err := ReadGazetteer(strings.NewReader(bad), types); !errors.Is(err, ErrModel) {
			t.Errorf("%q: error %v, want ErrModel", bad, err)
		}
	}
}

// TestGazetteerReadKeys checks that names read from a file match tokens by
// their keys: any capitalization and either tone-mark placement.
func TestGazetteerReadKeys(t *testing.T) {
	g, err := ReadGazetteer(strings.NewReader("# a comment\n\nUNIT\tban quản lý khu hoà bình\n"), []string{"PERSON", "UNIT"})
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields("Ban Quản lý khu Hòa Bình")
	var got [][3]int
	g.Match(0, len(words), func(i int) string { return nlp.Key(words[i]) }, func(ty, i, j int) { got = append(got, [3]int{ty, i, j}) })
	if len(got) != 1 || got[0] != [3]int{1, 0, 6} {
		t.Errorf("matches %v, want [[1 0 6]]", got)
	}
}
