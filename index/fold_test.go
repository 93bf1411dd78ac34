package index

import (
	"maps"
	"strings"
	"testing"
)

// TestFoldTerms: the toned words of a sentence and the terms (toned word →
// bare form) it adds, the same whether the words come from the cache or are
// folded afresh, and after the cache starts over.
func TestFoldTerms(t *testing.T) {
	tests := []struct {
		in    string
		toned string
		terms map[string]string
	}{
		{"Hòa bình", "hoa2 binh2", map[string]string{"hoa2": "hoa", "binh2": "binh"}},
		{"Đại tá HOÀ, Quân khu 7.", "đai5 ta1 hoa2 quân khu 7", map[string]string{"đai5": "dai", "ta1": "ta", "hoa2": "hoa", "quân": "quan"}},
		{"COVID-19 tại Hà Nội", "covid 19 tai5 ha2 nôi5", map[string]string{"tai5": "tai", "ha2": "ha", "nôi5": "noi"}},
		{"ok 123", "ok 123", map[string]string{}},
		{"", "", map[string]string{}},
	}
	small := newFoldCache()
	for pass, c := range []*foldCache{newFoldCache(), nil, small} {
		for _, tt := range tests {
			cache := c
			if cache == nil { // a cache that already holds every word
				cache = newFoldCache()
				foldTerms(tt.in, &termSet{}, cache)
			}
			if c == small && len(small.m) > 0 {
				// Fill it to its bound: the next word clears it.
				for i := len(small.m); i < maxFoldCache; i++ {
					small.put(string(rune(0x10000+i)), folding{})
				}
			}
			ts := &termSet{}
			if got := foldTerms(tt.in, ts, cache); got != tt.toned {
				t.Errorf("pass %d: foldTerms(%q) = %q, want %q", pass, tt.in, got, tt.toned)
			}
			terms := termMap(t, ts)
			if !maps.Equal(terms, tt.terms) {
				t.Errorf("pass %d: foldTerms(%q) terms %v, want %v", pass, tt.in, terms, tt.terms)
			}
		}
	}
	if len(small.m) > maxFoldCache {
		t.Errorf("cache holds %d words, bound %d", len(small.m), maxFoldCache)
	}
}

// TestFoldTermsSets: a term set gets every word with a bare form once it
// has met it, whichever set met the word before on the same cache, and
// whichever cache it is used with.
func TestFoldTermsSets(t *testing.T) {
	c1, c2, c3 := newFoldCache(), newFoldCache(), newFoldCache()
	a, b, d, e := &termSet{}, &termSet{}, &termSet{}, &termSet{}
	steps := []struct {
		ts *termSet
		c  *foldCache
		in string
	}{
		{a, c1, "Hòa bình"},
		{b, c1, "hòa bình lặp lại"},
		{a, c1, "bình yên"},
		{a, c2, "lặp lại"},
		{b, c2, "Hòa"},
		{a, c1, "lại yên"},
		// d and e take c3's first generations, which b has from c1.
		{d, c3, "phố"},
		{e, c3, "phố cổ"},
		{b, c3, "phố cổ"},
	}
	for _, st := range steps {
		foldTerms(st.in, st.ts, st.c)
	}
	wantA := map[string]string{"hoa2": "hoa", "binh2": "binh", "yên": "yen", "lăp5": "lap", "lai5": "lai"}
	wantB := map[string]string{"hoa2": "hoa", "binh2": "binh", "lăp5": "lap", "lai5": "lai", "phô1": "pho", "cô3": "co"}
	if got := termMap(t, a); !maps.Equal(got, wantA) {
		t.Errorf("set a: %v, want %v", got, wantA)
	}
	if got := termMap(t, b); !maps.Equal(got, wantB) {
		t.Errorf("set b: %v, want %v", got, wantB)
	}
	// Without a set, nothing is gathered and the words are the same.
	if got := foldTerms("Hòa bình", nil, c1); got != "hoa2 binh2" {
		t.Errorf("foldTerms without a set = %q", got)
	}
}

// termMap returns the pairs of ts as a map, failing on a word given two
// bare forms.
func termMap(t *testing.T, ts *termSet) map[string]string {
	t.Helper()
	m := map[string]string{}
	eachTerm(string(ts.buf), func(toned, bare string) {
		if b, ok := m[toned]; ok && b != bare {
			t.Errorf("%q has bare forms %q and %q", toned, b, bare)
		}
		m[toned] = bare
	})
	return m
}

// TestWordRuneTable: the table isWordRune reads below wordTabSize says
// what the unicode tables say, for every code point.
func TestWordRuneTable(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF; r++ {
		if got, want := isWordRune(r), slowWordRune(r); got != want {
			t.Fatalf("isWordRune(%U) = %v, unicode tables say %v", r, got, want)
		}
	}
	for _, r := range "aZ9đĐươỹẠ" {
		if !isWordRune(r) {
			t.Errorf("%q is not a word rune", r)
		}
	}
	for _, r := range " ,.“”–…×" {
		if isWordRune(r) {
			t.Errorf("%q is a word rune", r)
		}
	}
}

// TestFTSTokens: folded words split as FTS5's unicode61 splits them.
func TestFTSTokens(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"hoa2 binh2", "hoa2|binh2"},
		{"  đai5  ta1 ", "đai5|ta1"},
		{"covid 19", "covid|19"},
		{"x\u0301y", "x\u0301y"}, // an uncomposed mark stays in its token, as in FTS5
		{"a-b", "a|b"},
		{"", ""},
	} {
		if got := strings.Join(ftsTokens(tt.in), "|"); got != tt.want {
			t.Errorf("ftsTokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
