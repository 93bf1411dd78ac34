package main

import (
	"slices"
	"testing"

	"github.com/vnews/vnews/extract"
	"github.com/vnews/vnews/internal/link"
	"github.com/vnews/vnews/nlp"
)

// linkExamples runs the rules-only extractor over made-up sentences, each
// naming one person, and pairs its linker input with the person's profile.
func linkExamples(t *testing.T, rows []struct{ text, name, rank, post, unit string }) []example {
	t.Helper()
	an, err := nlp.NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	var traced *link.Input
	ex, err := linkExtractor(nil, func(in *link.Input) { traced = in })
	if err != nil {
		t.Fatal(err)
	}
	var exs []example
	for _, r := range rows {
		traced = nil
		doc := an.AnalyzeNormalized(nlp.Normalize(r.text), nlp.Hints{})
		res, err := ex.Extract(doc, extract.Options{})
		if err != nil {
			t.Fatal(err)
		}
		p := slices.IndexFunc(res.People, func(p extract.Profile) bool { return p.Name == r.name })
		if traced == nil || p < 0 {
			t.Fatalf("%q: no profile for %q (%+v)", r.text, r.name, res.People)
		}
		g := &goldProfile{Name: r.name}
		for _, v := range []struct {
			dst **string
			s   string
		}{{&g.Rank, r.rank}, {&g.Position, r.post}, {&g.Unit, r.unit}} {
			if v.s != "" {
				*v.dst = &v.s
			}
		}
		exs = append(exs, example{in: traced, p: p, gold: g})
	}
	return exs
}

// TestTrainSoftmax trains the softmax learner on appositions where the
// post and unit follow the name, and checks that it links a sentence of
// the same shape it never saw, and that training is deterministic.
func TestTrainSoftmax(t *testing.T) {
	train := linkExamples(t, []struct{ text, name, rank, post, unit string }{
		{"Đại tá Nguyễn Văn An, Chính ủy Sư đoàn 5 phát biểu.", "Nguyễn Văn An", "Đại tá", "Chính ủy", "Sư đoàn 5"},
		{"Thượng tá Lê Văn Bình, Phó Chính ủy Lữ đoàn 7 cho biết thêm.", "Lê Văn Bình", "Thượng tá", "Phó Chính ủy", "Lữ đoàn 7"},
		{"Trung tá Phạm Văn Cường, Trung đoàn trưởng Trung đoàn 9 kiểm tra.", "Phạm Văn Cường", "Trung tá", "Trung đoàn trưởng", "Trung đoàn 9"},
		{"Thiếu tướng Hoàng Văn Dũng, Tư lệnh Quân khu 2 dự lễ.", "Hoàng Văn Dũng", "Thiếu tướng", "Tư lệnh", "Quân khu 2"},
		{"Đại tá Trần Văn Em, Giám đốc Công an tỉnh Hà Giang cho hay.", "Trần Văn Em", "Đại tá", "Giám đốc", "Công an tỉnh Hà Giang"},
		{"Bà Đỗ Thị Gấm, Phó Chủ tịch UBND tỉnh Lào Cai chủ trì.", "Đỗ Thị Gấm", "", "Phó Chủ tịch", "UBND tỉnh Lào Cai"},
	})
	test := linkExamples(t, []struct{ text, name, rank, post, unit string }{
		{"Đại tá Vũ Văn Hải, Phó Tư lệnh Quân khu 3 kết luận buổi họp.", "Vũ Văn Hải", "Đại tá", "Phó Tư lệnh", "Quân khu 3"},
	})
	cfg := trainConfig{epochs: 5, none: true, orders: 1, learner: "softmax", rate: 0.2, l2: 1e-2}
	m := trainSoftmax(train, cfg, 0)
	if len(m.W) == 0 {
		t.Fatal("no weights")
	}
	for _, ex := range append(train, test...) {
		got := m.Decide(ex.in)[ex.p]
		want := link.Attrs{Rank: deref(ex.gold.Rank), Position: deref(ex.gold.Position), Unit: deref(ex.gold.Unit)}
		if got != want {
			t.Errorf("%s: got %+v, want %+v", ex.gold.Name, got, want)
		}
		// The model itself ranks the gold value first, not only the rules'
		// answer it falls back on.
		var pos *link.Cand
		for slot := range link.NSlots {
			cands := ex.in.Candidates(ex.p, slot, pos)
			best := m.Best(cands)
			gv := ex.gold.slot(slot)
			switch {
			case gv == nil && best != 0:
				t.Errorf("%s, slot %d: best %q, want none", ex.gold.Name, slot, cands[best].Text(ex.in))
			case gv != nil && (best == 0 || !link.Match(cands[best].Text(ex.in), *gv)):
				t.Errorf("%s, slot %d: best candidate %d (%q), want %q", ex.gold.Name, slot, best, cands[best].Text(ex.in), *gv)
			}
			if slot == link.SlotPosition && best > 0 {
				pos = &cands[best]
			}
		}
	}
	if again := trainSoftmax(train, cfg, 0); !mapsEqual(again.W, m.W) {
		t.Error("two trainings on the same examples gave different weights")
	}
	if other := trainSoftmax(train, cfg, 1); mapsEqual(other.W, m.W) {
		t.Error("another shuffle seed gave the very same weights: the examples were not shuffled")
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func mapsEqual(a, b map[uint64]float32) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
