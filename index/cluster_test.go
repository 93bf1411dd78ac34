package index

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
)

// clusterNaive is the rule of cluster written plainly: every mention is
// compared with every person of the name so far, in the order they began.
func clusterNaive(ms []Mention) [][]int {
	var es []*entry
	var members [][]int
	for k := range ms {
		m := &ms[k]
		best, bestScore := -1, -1
		for i, e := range es {
			s := e.compatible(m)
			if s < 0 || s < bestScore {
				continue
			}
			if s == bestScore && e.bare() && !es[best].bare() {
				continue
			}
			best, bestScore = i, s
		}
		if m.RankLevel == 0 && m.unitKey == "" && m.postKey == "" && len(es) > 1 {
			best = -1
		}
		if best < 0 {
			es = append(es, &entry{})
			members = append(members, nil)
			best = len(es) - 1
		}
		es[best].add(int32(k), m)
		members[best] = append(members[best], k)
	}
	return members
}

// randomMentions makes n mentions of one name with ranks, posts and units
// drawn from small sets, so that they conflict and agree often.
func randomMentions(r *rand.Rand, n int) []Mention {
	units := []string{"", "", "sư đoàn 308", "quân khu 4", "bộ tư lệnh quân khu 4", "lữ đoàn 147", "trung đoàn 36 sư đoàn 308"}
	posts := []string{"", "", "chỉ huy trưởng", "chính ủy", "tham mưu trưởng"}
	ms := make([]Mention, n)
	for i := range ms {
		ms[i] = Mention{Name: "Nguyễn Văn An", nameKey: "nguyễn văn an", Article: fmt.Sprintf("a%04d", i),
			RankLevel: r.IntN(5), unitKey: units[r.IntN(len(units))], postKey: posts[r.IntN(len(posts))]}
		ms[i].Unit, ms[i].Position = ms[i].unitKey, ms[i].postKey
	}
	return ms
}

func membersOf(people []Person) [][]int {
	out := make([][]int, len(people))
	for i, p := range people {
		for _, m := range p.Timeline {
			var k int
			fmt.Sscanf(m.Article, "a%d", &k)
			out[i] = append(out[i], k)
		}
	}
	return out
}

// TestClusterWindow: with a window as large as the name's people, cluster
// decides as the plain rule does; with a smaller one it still gives every
// mention to exactly one person.
func TestClusterWindow(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		ms := randomMentions(r, 1+r.IntN(120))
		want := clusterNaive(ms)
		if got := membersOf(clusterIn(ms, len(ms))); !reflect.DeepEqual(got, want) {
			t.Fatalf("trial %d: window of all people gave %v, the plain rule %v", trial, got, want)
		}
		seen := map[int]int{}
		for _, p := range membersOf(clusterIn(ms, 3)) {
			for _, k := range p {
				seen[k]++
			}
		}
		for k := range ms {
			if seen[k] != 1 {
				t.Fatalf("trial %d: window 3: mention %d in %d people", trial, k, seen[k])
			}
		}
	}
}

// TestClusterWindowForgets: a person not mentioned while window others of
// the name were is not compared with any more, and starts anew.
func TestClusterWindowForgets(t *testing.T) {
	mk := func(i int, unit string) Mention {
		return Mention{Name: "Lê Văn Bình", nameKey: "lê văn bình", Article: fmt.Sprintf("a%04d", i), RankLevel: 3, Unit: unit, unitKey: unit}
	}
	ms := []Mention{mk(0, "lữ đoàn 147"), mk(1, "sư đoàn 308"), mk(2, "quân khu 4"), mk(3, "lữ đoàn 147")}
	if got := len(clusterIn(ms, 3)); got != 3 {
		t.Errorf("window 3: %d people, want 3 (the brigade's officer found again)", got)
	}
	if got := len(clusterIn(ms, 2)); got != 4 {
		t.Errorf("window 2: %d people, want 4 (the brigade's officer forgotten)", got)
	}
}

func TestUnitsMatch(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"quân khu 4", "quân khu 4", true},
		{"bộ tư lệnh quân khu 4", "quân khu 4", true},
		{"quân khu 4", "bộ tư lệnh quân khu 4", true},
		{"sư đoàn 308 quân đoàn 1", "sư đoàn 308", true},
		{"trung đoàn 36 sư đoàn 308 quân đoàn 1", "sư đoàn 308", true},
		{"quân khu 41", "quân khu 4", false},
		{"sư đoàn 3080", "đoàn 308", false},
		{"lữ đoàn 147", "sư đoàn 308", false},
		{"sư đoàn 308", "", false},
		{"x sư đoàn 3 sư đoàn 30", "sư đoàn 30", true},
	} {
		if got := unitsMatch(c.a, c.b); got != c.want {
			t.Errorf("unitsMatch(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
