package extract

import (
	"strings"
	"testing"
)

// TestCollapseSpace: the fast path gives what strings.Fields and a join
// give.
func TestCollapseSpace(t *testing.T) {
	for _, s := range []string{"", " ", "Nguyễn Văn An", " Nguyễn Văn An", "Nguyễn Văn An ", "Nguyễn  Văn", "Nguyễn\tVăn", "Nguyễn\nVăn", "Nguyễn\u00a0Văn", "Nguyễn\u2003Văn", "Lê", "a b c", "Đỗ Ánh"} {
		want := strings.Join(strings.Fields(s), " ")
		if got := collapseSpace(s); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
}
