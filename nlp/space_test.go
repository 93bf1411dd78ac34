package nlp

import (
	"strings"
	"testing"
)

// TestCollapseSpace: the fast path gives what strings.Fields and a join
// give, and the same string when there is nothing to collapse.
func TestCollapseSpace(t *testing.T) {
	for _, s := range []string{"", " ", "Nguyễn Văn An", " Nguyễn Văn An", "Nguyễn Văn An ", "Nguyễn  Văn", "Nguyễn\tVăn", "Nguyễn\nVăn", "Nguyễn\u00a0Văn", "Nguyễn\u2003Văn", "Lê", "a b c", "Đỗ Ánh", "x\xffy  z", "\u3000a", "a\u0085b"} {
		want := strings.Join(strings.Fields(s), " ")
		if got := CollapseSpace(s); got != want {
			t.Errorf("CollapseSpace(%q) = %q, want %q", s, got, want)
		}
		if s == want && s != "" {
			if n := testing.AllocsPerRun(10, func() { CollapseSpace(s) }); n != 0 {
				t.Errorf("CollapseSpace(%q): %v allocations, want 0", s, n)
			}
		}
	}
}
