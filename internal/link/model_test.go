package link

import "testing"

// TestBestOwnPools: a slot's value is the one whose candidates hold the
// most probability together, as the softmax the model is trained as gives
// it, not the one with the single best candidate; the value's answer is
// its best-scoring candidate, and "none" is a value of its own.
func TestBestOwnPools(t *testing.T) {
	cand := func(text string, f uint64) Cand {
		return Cand{Tok: -1, End: -1, text: text, Variant: "rule", mention: -1, Feats: []uint64{f}}
	}
	tests := []struct {
		name  string
		w     map[uint64]float32
		cands []Cand
		want  int
	}{
		// Two readings of "Chủ tịch" (e+e = 5.4) outweigh one of "Bí
		// thư" (e^1.5 = 4.5), which has the best single score.
		{"pooled", map[uint64]float32{2: 1, 3: 1, 4: 1.5}, []Cand{cand("", 1), cand("Chủ tịch", 2), cand("chủ tịch", 3), cand("Bí thư", 4)}, 1},
		// The value's best candidate answers for it.
		{"best of value", map[uint64]float32{2: 0.8, 3: 1, 4: 1.5}, []Cand{cand("", 1), cand("Chủ tịch", 2), cand("CHỦ TỊCH", 3), cand("Bí thư", 4)}, 2},
		// e^2 = 7.4 beats the pair.
		{"single", map[uint64]float32{2: 1, 3: 1, 4: 2}, []Cand{cand("", 1), cand("Chủ tịch", 2), cand("chủ tịch", 3), cand("Bí thư", 4)}, 3},
		// "None" (e^1.2 = 3.3) against two values of e each: none wins,
		// though the two posts together would not.
		{"none", map[uint64]float32{1: 1.2, 2: 1, 3: 1}, []Cand{cand("", 1), cand("Chủ tịch", 2), cand("Bí thư", 3)}, 0},
	}
	for _, tt := range tests {
		m := &Model{W: tt.w}
		in := &Input{}
		if got := m.bestOwn(in, 0, tt.cands, nil); got != tt.want {
			t.Errorf("%s: candidate %d, want %d", tt.name, got, tt.want)
		}
	}
}
