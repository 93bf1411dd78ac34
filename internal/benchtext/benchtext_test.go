package benchtext

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestArticles(t *testing.T) {
	a := Articles(20, 3000, 1)
	b := Articles(20, 3000, 1)
	for i := range a {
		t.Run(strings.SplitN(a[i], "\n", 2)[0], func(t *testing.T) {
			if a[i] != b[i] {
				t.Error("the same seed gave another article")
			}
			if n := len(a[i]); n < 3000 || n > 4500 {
				t.Errorf("article of %d bytes, want about 3000", n)
			}
			if !utf8.ValidString(a[i]) || strings.Contains(a[i], "%!") {
				t.Errorf("bad article text: %q", a[i])
			}
		})
	}
	if Articles(1, 3000, 2)[0] == a[0] {
		t.Error("another seed gave the same article")
	}
}

func TestNames(t *testing.T) {
	a := Names(5000, 1)
	seen := map[string]bool{}
	for _, n := range a {
		if seen[n] {
			t.Fatalf("name %q twice", n)
		}
		seen[n] = true
		if k := len(strings.Fields(n)); k < 2 || k > 3 {
			t.Errorf("name %q has %d words", n, k)
		}
	}
	if b := Names(5000, 1); strings.Join(a, ",") != strings.Join(b, ",") {
		t.Error("the same seed gave other names")
	}
	if c := Names(5000, 2); strings.Join(a, ",") == strings.Join(c, ",") {
		t.Error("another seed gave the same names")
	}
	defer func() {
		if recover() == nil {
			t.Error("no panic for more names than the lists make")
		}
	}()
	Names(1<<20, 1)
}
