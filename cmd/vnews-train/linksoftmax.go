package main

import (
	"math"
	"math/rand/v2"
	"slices"

	"github.com/vnews/vnews/internal/link"
)

// trainSoftmax trains the linker's weights as a conditional log-linear
// model over each slot's candidates: the probability of a candidate is the
// softmax of the scores, and training maximizes the probability of the
// candidates that hold the gold value (all of them together: a post may be
// stated twice), with an L2 penalty, by AdaGrad. Unlike the perceptron it
// learns from every example, not only from the ones it gets wrong, and a
// value the annotators wrote two ways pulls the weights half as hard each
// way instead of flipping them. The scores are the same sums of weights, so
// the model file and Decide are unchanged. Deterministic: the examples are
// shuffled with fixed seeds, and every sum is taken in one order.
func trainSoftmax(exs []example, cfg trainConfig, seed uint64) *link.Model {
	w := map[uint64]float64{}
	g2 := map[uint64]float64{} // AdaGrad: sum of squared gradients
	m := &link.Model{W: map[uint64]float32{}}
	order := slices.Clone(exs)
	r := rand.New(rand.NewPCG(0x736f6674+seed, 0x6d6178))
	var scores, prob []float64
	grad := map[uint64]float64{}
	var touched []uint64
	add := func(feats []uint64, d float64) {
		for _, f := range feats {
			if _, ok := grad[f]; !ok {
				touched = append(touched, f)
			}
			grad[f] += d
		}
	}
	for range cfg.epochs {
		r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, ex := range order {
			var pos *link.Cand
			for slot := range link.NSlots {
				cands := ex.in.Candidates(ex.p, slot, pos)
				gv := ex.gold.slot(slot)
				scores = scores[:0]
				best := 0
				for i := range cands {
					s := 0.0
					for _, f := range cands[i].Feats {
						s += w[f]
					}
					scores = append(scores, s)
					if s > scores[best] {
						best = i
					}
				}
				isGold := func(i int) bool {
					if gv == nil {
						return i == 0
					}
					return i > 0 && link.Match(cands[i].Text(ex.in), *gv)
				}
				goldBest := -1
				for i := range cands {
					if isGold(i) && (goldBest < 0 || scores[i] > scores[goldBest]) {
						goldBest = i
					}
				}
				if slot == link.SlotPosition {
					pos = trainingPost(cands, best, goldBest)
				}
				if goldBest < 0 || gv == nil && !cfg.none {
					continue
				}
				// p = softmax(scores); q = p over the gold candidates alone.
				prob = prob[:0]
				z, zg := 0.0, 0.0
				for i, s := range scores {
					e := math.Exp(s - scores[best])
					prob = append(prob, e)
					z += e
					if isGold(i) {
						zg += e
					}
				}
				// The gradient of -log(zg/z): sum over candidates of
				// (p_i - q_i) times their features.
				for i := range cands {
					d := prob[i] / z
					if isGold(i) {
						d -= prob[i] / zg
					}
					if d != 0 {
						add(cands[i].Feats, d)
					}
				}
				for _, f := range touched {
					gr := grad[f] + cfg.l2*w[f]
					g2[f] += gr * gr
					if g2[f] > 0 {
						w[f] -= cfg.rate * gr / math.Sqrt(g2[f])
					}
				}
				clear(grad)
				touched = touched[:0]
			}
		}
	}
	for f, v := range w {
		if float32(v) != 0 {
			m.W[f] = float32(v)
		}
	}
	return m
}
