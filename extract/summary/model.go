package summary

import (
	"errors"
	"fmt"
	"strconv"
)

// A model scores a candidate sentence from its feature row: a linear part
// ("w NAME WEIGHT" lines) plus, optionally, an ensemble of regression trees
// ("tree" blocks of "node" lines), as trained by `vnews-train summary`.
//
// Tree lines: "node ID FEATURE THRESHOLD LEFT RIGHT VALUE" for a split
// (rows with feature <= threshold go left) and "leaf ID VALUE"; ID 0 is the
// root, VALUE is the mean target of the node's training rows (scaled by the
// learning rate), which --explain uses to tell what each split added.
type model struct {
	w     [nFeatures]float64
	trees []tree
}

type tree []treeNode

type treeNode struct {
	feature     int // -1 for a leaf
	threshold   float64
	left, right int
	value       float64
}

// score returns the model's score of row r, adding each feature's share of
// it to parts (when parts is not nil): the linear term of a feature, and
// for trees the change in node value along the path at the feature's
// splits.
func (m *model) score(r *[nFeatures]float64, parts *[nFeatures]float64) float64 {
	var total float64
	for f := range nFeatures {
		v := m.w[f] * r[f]
		total += v
		if parts != nil {
			parts[f] += v
		}
	}
	for _, t := range m.trees {
		n := 0
		total += t[0].value
		if parts != nil {
			parts[0] += t[0].value // the root's value is a bias
		}
		for t[n].feature >= 0 {
			nd := &t[n]
			next := nd.right
			if r[nd.feature] <= nd.threshold {
				next = nd.left
			}
			d := t[next].value - nd.value
			total += d
			if parts != nil {
				parts[nd.feature] += d
			}
			n = next
		}
	}
	return total
}

// parseTreeLine adds one "node" or "leaf" line to the last tree of m.
func (m *model) parseTreeLine(f []string, index map[string]int) error {
	if len(m.trees) == 0 {
		return errors.New("node before any \"tree\" line")
	}
	t := &m.trees[len(m.trees)-1]
	num := func(s string) (float64, error) { return strconv.ParseFloat(s, 64) }
	id, err := strconv.Atoi(f[1])
	if err != nil || id != len(*t) {
		return fmt.Errorf("node id %q out of order", f[1])
	}
	switch {
	case f[0] == "leaf" && len(f) == 3:
		v, err := num(f[2])
		if err != nil {
			return err
		}
		*t = append(*t, treeNode{feature: -1, value: v})
	case f[0] == "node" && len(f) == 7:
		fi, ok := index[f[2]]
		if !ok {
			return fmt.Errorf("unknown feature %q", f[2])
		}
		th, err := num(f[3])
		if err != nil {
			return err
		}
		l, err1 := strconv.Atoi(f[4])
		r, err2 := strconv.Atoi(f[5])
		v, err3 := num(f[6])
		if err1 != nil || err2 != nil || err3 != nil {
			return errors.New("bad node")
		}
		*t = append(*t, treeNode{feature: fi, threshold: th, left: l, right: r, value: v})
	default:
		return errors.New("want \"node ID FEATURE THRESHOLD LEFT RIGHT VALUE\" or \"leaf ID VALUE\"")
	}
	return nil
}

// check verifies that every tree's children exist and come after their
// parent, so scoring always ends at a leaf.
func (m *model) check() error {
	for ti, t := range m.trees {
		if len(t) == 0 {
			return fmt.Errorf("tree %d is empty", ti)
		}
		for i, n := range t {
			if n.feature >= 0 && (n.left <= i || n.right <= i || n.left >= len(t) || n.right >= len(t)) {
				return fmt.Errorf("tree %d node %d: bad children", ti, i)
			}
		}
	}
	return nil
}
