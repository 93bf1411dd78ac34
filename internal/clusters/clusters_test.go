package clusters

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vnews/vnews/nlp"
)

// A small clusters file written for these tests.
const testFile = `# test clusters
0000	nguyễn	120
0000	trần	80
0001	lê	60
0010	hoà	12
01100	tháng	70
011010	00/0	40
011010	0/0	33
011011	0000	25
1	.	300
10110	c0	4
`

func load(t *testing.T, s string) *Map {
	t.Helper()
	m, err := Load(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestLoadAndPath(t *testing.T) {
	m := load(t, testFile)
	if m.Len() != 10 || m.Clusters() != 8 {
		t.Errorf("Len %d, Clusters %d; want 10, 8", m.Len(), m.Clusters())
	}
	for _, tc := range []struct {
		name, text, path string
		ok               bool
	}{
		{"lowercase word", "nguyễn", "0000", true},
		{"capitalized", "Nguyễn", "0000", true},
		{"all caps", "TRẦN", "0000", true},
		{"old tone placement", "Hoà", "0010", true},
		{"new tone placement", "hòa", "0010", true},
		{"decomposed input", "Nguye\u0302\u0303n", "0000", true},
		{"date shape", "13/3", "011010", true},
		{"date with a one-digit day", "5/9", "011010", true},
		{"date of a shape not listed", "5/12", "", false},
		{"year", "2019", "011011", true},
		{"zero digits", "0000", "011011", true},
		{"code with digits", "C2", "10110", true},
		{"punctuation", ".", "1", true},
		{"unknown word", "Phạm", "", false},
		{"unknown shape", "1.000", "", false},
		{"empty", "", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The key as the tagger has it: nlp's matching key of the token.
			key := string(nlp.AppendKey(nil, nlp.Normalize(tc.text)))
			got, ok := m.Path(key)
			if got != tc.path || ok != tc.ok {
				t.Errorf("Path(%q) = %q, %v; want %q, %v", tc.text, got, ok, tc.path, tc.ok)
			}
		})
	}
}

func TestPrefix(t *testing.T) {
	m := load(t, testFile)
	for _, tc := range []struct {
		text string
		n    int
		want string
	}{
		{"tháng", 4, "0110"},
		{"tháng", 6, "01100"}, // shorter than n: the whole path
		{"tháng", 20, "01100"},
		{"tháng", 0, ""},
		{"tháng", -1, ""},
		{"24/4", 2, "01"},
		{"Phạm", 4, ""},
	} {
		t.Run(tc.text, func(t *testing.T) {
			if got := m.Prefix(Key(tc.text), tc.n); got != tc.want {
				t.Errorf("Prefix(%q, %d) = %q, want %q", tc.text, tc.n, got, tc.want)
			}
		})
	}
}

func TestNilMap(t *testing.T) {
	var m *Map
	if p, ok := m.Path("lê"); ok || p != "" {
		t.Errorf("nil map: Path = %q, %v", p, ok)
	}
	if p := m.Prefix("lê", 4); p != "" {
		t.Errorf("nil map: Prefix = %q", p)
	}
}

func TestKey(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Nguyễn", string(nlp.AppendKey(nil, "nguyễn"))},
		{"24/04/2020", "00/00/0000"},
		{"16h30", "00h00"},
		{"Su-22", "su-00"},
		{"TP.HCM", "tp.hcm"},
	} {
		t.Run(tc.text, func(t *testing.T) {
			if got := Key(tc.text); got != tc.want {
				t.Errorf("Key(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct {
		name, file, want string
	}{
		{"two columns", "0\tlê\n", "line 1"},
		{"bad bit", "# header\n012\tlê\t3\n", "line 2"},
		{"bad count", "01\tlê\tmany\n", "line 1"},
		{"empty word", "01\t\t3\n", "line 1"},
		{"duplicate key", "01\thoà\t3\n10\thòa\t2\n", "line 2"},
		{"duplicate shape", "01\t00/0\t3\n10\t11/2\t2\n", "line 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(strings.NewReader(tc.file))
			if !errors.Is(err, ErrSyntax) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Load: %v; want ErrSyntax at %s", err, tc.want)
			}
		})
	}
}

func TestPathDoesNotAllocate(t *testing.T) {
	m := load(t, testFile)
	keys := []string{Key("Nguyễn"), string(nlp.AppendKey(nil, "13/3")), "phạm"}
	allocs := testing.AllocsPerRun(100, func() {
		for _, k := range keys {
			m.Path(k)
			m.Prefix(k, 4)
		}
	})
	if allocs != 0 {
		t.Errorf("Path and Prefix allocate %.0f times per run", allocs)
	}
}

func BenchmarkPath(b *testing.B) {
	m, _ := Load(strings.NewReader(testFile))
	keys := []string{Key("Nguyễn"), string(nlp.AppendKey(nil, "13/3")), "phạm", "."}
	for b.Loop() {
		for _, k := range keys {
			m.Prefix(k, 6)
		}
	}
}

// TestCommittedFile loads the clusters file the trainer wrote for the
// tagger and checks what any good clustering of news text gives: the
// surnames sit closer to each other than to a month word.
func TestCommittedFile(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "extract", "data", "clusters.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := Load(f)
	if err != nil {
		t.Fatal(err)
	}
	if m.Len() < 5000 || m.Clusters() > 1000 || m.Clusters() < 100 {
		t.Errorf("%d words in %d clusters", m.Len(), m.Clusters())
	}
	common := func(a, b string) int {
		pa, _ := m.Path(Key(a))
		pb, _ := m.Path(Key(b))
		n := 0
		for n < min(len(pa), len(pb)) && pa[n] == pb[n] {
			n++
		}
		return n
	}
	for _, s := range []string{"Trần", "Lê", "Phạm"} {
		if _, ok := m.Path(Key(s)); !ok {
			t.Fatalf("%s has no cluster", s)
		}
		if near, far := common("Nguyễn", s), common("Nguyễn", "tháng"); near <= far {
			t.Errorf("Nguyễn shares %d bits with %s and %d with tháng", near, s, far)
		}
	}
}
