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
