package ner

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// Example is one training sequence and its gold spans (token ranges,
// sorted, not overlapping).
type Example struct {
	Tokens []Token
	Spans  []Span
}

// TrainConfig sets up Train.
type TrainConfig struct {
	Types     []string  // entity types; Span.Type indexes them
	Scheme    Scheme    // BIO when 0
	Templates Templates // DefaultTemplates when 0
	// FirstTemplates, when not 0, are the templates of a stacked tagger's
	// first pass (a smaller set makes it cheaper: its output is only hints
	// for the second pass, which has Templates).
	FirstTemplates Templates
	Epochs         int    // passes over the data; 10 when 0
	Seed           uint64 // the shuffling seed
	// Prune drops averaged weights smaller than this in magnitude (0: keep
	// every non-zero weight).
	Prune float32
	// Stack, for TrainTagger, is the number of folds of the jackknife that
	// trains a second pass over the first's output; below 2, one pass.
	Stack int
	// Bag, above 1, trains that many models with the seeds Seed, Seed+1,
	// ... and averages their weights (before pruning): one model, steadier
	// than any of them.
	Bag int
	// Progress, when set, is called after each epoch with the number of
	// sequences the model tagged wrong during it.
	Progress func(epoch, mistakes int)
}

// ErrTrain is returned for unusable training input.
var ErrTrain = errors.New("ner: cannot train")

// trainSeq is a training sequence as feature ids.
type trainSeq struct {
	feats []int32 // ids, token i's are feats[off[i]:off[i+1]]
	off   []int32
	gold  []int
}

// Train fits an averaged structured perceptron to the examples. The result
// depends only on the examples and the configuration: training twice gives
// the same model, byte for byte.
func Train(examples []Example, cfg TrainConfig) (*Model, error) {
	if cfg.Bag > 1 {
		return trainBag(examples, cfg)
	}
	if cfg.Scheme == 0 {
		cfg.Scheme = BIO
	}
	if cfg.Templates == 0 {
		cfg.Templates = DefaultTemplates
	}
	if cfg.Epochs == 0 {
		cfg.Epochs = 10
	}
	if len(cfg.Types) == 0 || len(cfg.Types) > maxTypes {
		return nil, fmt.Errorf("%w: %d types", ErrTrain, len(cfg.Types))
	}
	ts := newTagSet(cfg.Scheme, len(cfg.Types))
	nt := ts.n()
	ids := map[uint64]int32{}
	var keys []uint64 // feature key of each id
	seqs := make([]trainSeq, 0, len(examples))
	var fb featBuf
	for ei, ex := range examples {
		if len(ex.Tokens) == 0 {
			continue
		}
		for _, s := range ex.Spans {
			if s.Type < 0 || s.Type >= len(cfg.Types) || s.Start < 0 || s.End > len(ex.Tokens) || s.Start >= s.End {
				return nil, fmt.Errorf("%w: example %d: bad span %+v", ErrTrain, ei, s)
			}
		}
		fb.extract(ex.Tokens, cfg.Templates, nil)
		sq := trainSeq{feats: make([]int32, len(fb.feats)), off: make([]int32, len(fb.off)), gold: make([]int, len(ex.Tokens))}
		for i, h := range fb.feats {
			k := featKey(h)
			id, ok := ids[k]
			if !ok {
				id = int32(len(keys))
				ids[k] = id
				keys = append(keys, k)
			}
			sq.feats[i] = id
		}
		for i, o := range fb.off {
			sq.off[i] = int32(o)
		}
		ts.encode(sq.gold, ex.Spans)
		seqs = append(seqs, sq)
	}
	nf := len(keys)
	// Weights w, and for averaging the sum of each update times the step
	// it was made at: the average is w - acc/step.
	w := make([]float64, nf*nt)
	acc := make([]float64, nf*nt)
	tw := make([]float64, (nt+1)*nt)
	tacc := make([]float64, (nt+1)*nt)
	allowed := make([]bool, (nt+1)*nt)
	final := make([]bool, nt)
	for y := range nt {
		final[y] = ts.final(y)
		for p := -1; p < nt; p++ {
			allowed[(p+1)*nt+y] = ts.allowed(p, y)
		}
	}
	order := make([]int, len(seqs))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x6e6572))
	step := 1.0
	var emit, score []float64
	var back []int32
	var pred []int
	for epoch := 1; epoch <= cfg.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		mistakes := 0
		for _, si := range order {
			sq := &seqs[si]
			n := len(sq.gold)
			emit = slices.Grow(emit[:0], n*nt)[:n*nt]
			clear(emit)
			for i := range n {
				e := emit[i*nt : (i+1)*nt]
				for _, f := range sq.feats[sq.off[i]:sq.off[i+1]] {
					for y, v := range w[int(f)*nt : int(f+1)*nt] {
						e[y] += v
					}
				}
			}
			score = slices.Grow(score[:0], n*nt)[:n*nt]
			back = slices.Grow(back[:0], n*nt)[:n*nt]
			pred = slices.Grow(pred[:0], n)[:n]
			viterbi64(emit, tw, allowed, final, score, back, pred, nt)
			wrong := false
			for i := range n {
				g, p := sq.gold[i], pred[i]
				if g != p {
					wrong = true
					for _, f := range sq.feats[sq.off[i]:sq.off[i+1]] {
						w[int(f)*nt+g]++
						acc[int(f)*nt+g] += step
						w[int(f)*nt+p]--
						acc[int(f)*nt+p] -= step
					}
				}
				gp, pp := -1, -1
				if i > 0 {
					gp, pp = sq.gold[i-1], pred[i-1]
				}
				if g != p || gp != pp {
					tw[(gp+1)*nt+g]++
					tacc[(gp+1)*nt+g] += step
					tw[(pp+1)*nt+p]--
					tacc[(pp+1)*nt+p] -= step
				}
			}
			if wrong {
				mistakes++
			}
			step++
		}
		if cfg.Progress != nil {
			cfg.Progress(epoch, mistakes)
		}
	}
	trans := make([]float32, len(tw))
	for i := range tw {
		trans[i] = float32(tw[i] - tacc[i]/step)
	}
	pairs := make([]pair, 0, nf)
	for id, k := range keys {
		for y := range nt {
			v := float32(w[id*nt+y] - acc[id*nt+y]/step)
			if v == 0 || float32(math.Abs(float64(v))) < cfg.Prune {
				continue
			}
			pairs = append(pairs, pair{key: k | uint64(y), w: v})
		}
	}
	slices.SortFunc(pairs, func(a, b pair) int {
		switch {
		case a.key < b.key:
			return -1
		case a.key > b.key:
			return 1
		}
		return 0
	})
	return newModel(cfg.Types, cfg.Scheme, cfg.Templates, trans, pairs)
}

// viterbi64 is the training-time Viterbi over float64 scores; allowed and
// final are the scheme's constraints.
func viterbi64(emit, trans []float64, allowed, final []bool, score []float64, back []int32, out []int, nt int) {
	n := len(out)
	ninf := math.Inf(-1)
	for y := range nt {
		score[y] = ninf
		if allowed[y] {
			score[y] = trans[y] + emit[y]
		}
	}
	for i := 1; i < n; i++ {
		prev := score[(i-1)*nt : i*nt]
		for y := range nt {
			best, arg := ninf, int32(0)
			for p := range nt {
				if !allowed[(p+1)*nt+y] {
					continue
				}
				if v := prev[p] + trans[(p+1)*nt+y]; v > best {
					best, arg = v, int32(p)
				}
			}
			score[i*nt+y] = best + emit[i*nt+y]
			back[i*nt+y] = arg
		}
	}
	best, arg := ninf, 0
	for y := range nt {
		if v := score[(n-1)*nt+y]; final[y] && v > best {
			best, arg = v, y
		}
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = arg
		arg = int(back[i*nt+arg])
	}
}

// trainBag trains cfg.Bag models with successive seeds and averages them.
func trainBag(examples []Example, cfg TrainConfig) (*Model, error) {
	k := cfg.Bag
	one := cfg
	one.Bag, one.Prune = 0, 0
	sum := map[uint64]float64{}
	var trans []float64
	var first *Model
	for b := range k {
		one.Seed = cfg.Seed + uint64(b)
		m, err := Train(examples, one)
		if err != nil {
			return nil, err
		}
		if b == 0 {
			first = m
			trans = make([]float64, len(m.trans))
		}
		for i, v := range m.trans {
			trans[i] += float64(v)
		}
		for _, p := range m.pairs() {
			sum[p.key] += float64(p.w)
		}
	}
	tr := make([]float32, len(trans))
	for i, v := range trans {
		tr[i] = float32(v / float64(k))
	}
	pairs := make([]pair, 0, len(sum))
	for key, v := range sum {
		w := float32(v / float64(k))
		if w == 0 || float32(math.Abs(float64(w))) < cfg.Prune {
			continue
		}
		pairs = append(pairs, pair{key: key, w: w})
	}
	slices.SortFunc(pairs, func(a, b pair) int {
		switch {
		case a.key < b.key:
			return -1
		case a.key > b.key:
			return 1
		}
		return 0
	})
	return newModel(first.types, first.ts.scheme, first.tpl, tr, pairs)
}
