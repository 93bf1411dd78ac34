package main

import (
	"fmt"
	"sort"
	"strings"
)

// Gradient-boosted regression trees for squared error, with features cut
// into at most maxBins quantile bins: deterministic, and fast enough for a
// few hundred thousand rows.

const maxBins = 64

type gbdtParams struct {
	trees, depth, minLeaf int
	rate                  float64
}

type gbdtNode struct {
	feature     int // -1 for a leaf
	threshold   float64
	left, right int
	value       float64
}

// binned holds every row's bin per feature and each feature's thresholds:
// bin b of feature f holds the values <= edges[f][b].
type binned struct {
	bins  [][]uint8 // [feature][row]
	edges [][]float64
}

func binRows(x [][]float64) *binned {
	k := len(x[0])
	b := &binned{bins: make([][]uint8, k), edges: make([][]float64, k)}
	vals := make([]float64, len(x))
	for f := range k {
		for i := range x {
			vals[i] = x[i][f]
		}
		sorted := append([]float64(nil), vals...)
		sort.Float64s(sorted)
		var edges []float64
		for q := 1; q <= maxBins; q++ {
			v := sorted[min(len(sorted)-1, q*len(sorted)/maxBins)]
			if q == maxBins {
				v = sorted[len(sorted)-1]
			}
			if len(edges) == 0 || v > edges[len(edges)-1] {
				edges = append(edges, v)
			}
		}
		b.edges[f] = edges
		b.bins[f] = make([]uint8, len(x))
		for i, v := range vals {
			b.bins[f][i] = uint8(sort.SearchFloat64s(edges, v))
		}
	}
	return b
}

// fitGBDT returns the base value and the trees; every node's value is the
// learning rate times its rows' mean residual.
func fitGBDT(x [][]float64, y []float64, p gbdtParams) (float64, [][]gbdtNode) {
	b := binRows(x)
	var base float64
	for _, v := range y {
		base += v
	}
	base /= float64(len(y))
	pred := make([]float64, len(y))
	for i := range pred {
		pred[i] = base
	}
	resid := make([]float64, len(y))
	all := make([]int, len(y))
	for i := range all {
		all[i] = i
	}
	var trees [][]gbdtNode
	for range p.trees {
		for i := range y {
			resid[i] = y[i] - pred[i]
		}
		var t []gbdtNode
		var grow func(rows []int, depth int) int
		grow = func(rows []int, depth int) int {
			var sum float64
			for _, r := range rows {
				sum += resid[r]
			}
			id := len(t)
			t = append(t, gbdtNode{feature: -1, value: p.rate * sum / float64(len(rows))})
			if depth == p.depth || len(rows) < 2*p.minLeaf {
				return id
			}
			f, bin, ok := bestSplit(b, resid, rows, sum, p.minLeaf)
			if !ok {
				return id
			}
			var l, r []int
			for _, row := range rows {
				if int(b.bins[f][row]) <= bin {
					l = append(l, row)
				} else {
					r = append(r, row)
				}
			}
			t[id].feature, t[id].threshold = f, b.edges[f][bin]
			li := grow(l, depth+1)
			ri := grow(r, depth+1)
			t[id].left, t[id].right = li, ri
			return id
		}
		grow(all, 0)
		for i := range y {
			pred[i] += predictTree(t, x[i])
		}
		trees = append(trees, t)
	}
	return base, trees
}

// predictTree is a tree's leaf value for row r.
func predictTree(t []gbdtNode, r []float64) float64 {
	n := 0
	for t[n].feature >= 0 {
		if r[t[n].feature] <= t[n].threshold {
			n = t[n].left
		} else {
			n = t[n].right
		}
	}
	return t[n].value
}

// bestSplit finds the feature and bin that most reduce the squared error of
// rows, with at least minLeaf rows on each side.
func bestSplit(b *binned, resid []float64, rows []int, sum float64, minLeaf int) (int, int, bool) {
	n := float64(len(rows))
	bestGain, bestF, bestBin := 1e-9, -1, -1
	var sums [maxBins]float64
	var counts [maxBins]int
	for f := range b.bins {
		clear(sums[:])
		clear(counts[:])
		bins := b.bins[f]
		for _, r := range rows {
			sums[bins[r]] += resid[r]
			counts[bins[r]]++
		}
		var ls float64
		lc := 0
		for bin := 0; bin < len(b.edges[f])-1; bin++ {
			ls += sums[bin]
			lc += counts[bin]
			if lc < minLeaf {
				continue
			}
			if len(rows)-lc < minLeaf {
				break
			}
			rs, rc := sum-ls, n-float64(lc)
			gain := ls*ls/float64(lc) + rs*rs/rc - sum*sum/n
			if gain > bestGain {
				bestGain, bestF, bestBin = gain, f, bin
			}
		}
	}
	return bestF, bestBin, bestF >= 0
}

// writeTrees appends the trees in the model file's format; the base value
// goes into the first tree's nodes so that a tree's root value is its
// share of the prediction.
func writeTrees(b *strings.Builder, names []string, base float64, trees [][]gbdtNode) {
	for ti, t := range trees {
		b.WriteString("tree\n")
		add := 0.0
		if ti == 0 {
			add = base
		}
		for i, n := range t {
			if n.feature < 0 {
				fmt.Fprintf(b, "leaf %d %.6g\n", i, n.value+add)
			} else {
				fmt.Fprintf(b, "node %d %s %.6g %d %d %.6g\n", i, names[n.feature], n.threshold, n.left, n.right, n.value+add)
			}
		}
	}
}
