package segtrain

import (
	"math/rand"
	"strings"

	"github.com/vnews/vnews/internal/segbuild"
	"github.com/vnews/vnews/nlp"
)

// Sentence is a gold-segmented sentence: its words, each a list of
// syllables (or other tokens) as they are written.
type Sentence [][]string

// Options configure Train.
type Options struct {
	Epochs  int          // passes over the data (default 10)
	Seed    int64        // shuffling seed; the same data and seed give the same model
	Lexicon *nlp.Lexicon // multi-syllable words for the lexicon features (may be nil)
	// Dict is a general dictionary (may be nil): the longest dictionary word
	// covering a gap is a feature of its own, apart from Lexicon's.
	Dict *nlp.Lexicon
	// Folds, when above 1, adds the training data's own multi-syllable words
	// to the lexicon by jackknifing: a sentence of fold f sees the words of
	// the other folds only, as a new sentence at run time sees a lexicon that
	// does not come from it. The run-time lexicon must then be Lexicon plus
	// every training word (see TrainingWords).
	Folds int
	// Weights optionally gives each sentence's weight (default 1); a weight
	// below 1 is the probability that the sentence is seen in an epoch.
	Weights []float64
	// Runs is the number of perceptrons trained with different shuffles
	// and averaged into one model (default 1).
	Runs int
	// MinCount is the number of times a bigram or trigram must be seen in
	// training to get weights (default 1: all).
	MinCount int
	// Pairs, when set, are the join statistics of a large automatically
	// segmented corpus (see PairStats).
	Pairs *PairStats
	// Target, when set, marks the sentences of the target domain (whose
	// conventions the model is to follow). Training then augments every
	// feature with a copy per domain (Daumé III's "frustratingly easy"
	// domain adaptation): target sentences use the shared and the target
	// copy, the others the shared and the source copy, and the model keeps
	// shared + target. Conventions on which the corpora disagree ("N
	// triệu", "như thế") go to the domain copies.
	Target []bool
	// Progress, when set, is called after every epoch with the share of
	// training gaps the model got right during that epoch.
	Progress func(epoch int, accuracy float64)
}

// Model is a trained segmentation model: WriteTo writes the file that
// nlp.WithSegmenterModel reads, Segment runs it alone for evaluation.
type Model struct{ segbuild.Model }

// instance is one training sentence, prepared once.
type instance struct {
	x      segbuild.Instance
	labels []bool
	index  int // the sentence's index in the data
}

// textOf lays a gold sentence out as text (syllables separated by single
// spaces) and returns, for every byte, the index of its word.
func textOf(s Sentence) (string, []int32) {
	var b strings.Builder
	var owner []int32
	for wi, w := range s {
		for si, syl := range w {
			if wi > 0 || si > 0 {
				b.WriteByte(' ')
				sep := int32(wi)
				if si == 0 {
					sep = -1 // a space between words belongs to none
				}
				owner = append(owner, sep)
			}
			b.WriteString(syl)
			for range len(syl) {
				owner = append(owner, int32(wi))
			}
		}
	}
	return b.String(), owner
}

// Train trains the model on gold sentences with the averaged perceptron.
// Training is deterministic.
func Train(data []Sentence, opt Options) *Model {
	if opt.Epochs <= 0 {
		opt.Epochs = 10
	}
	b := segbuild.NewBuilder()
	alloc := func(kind int, _ uint64) int32 { return b.Grow(kind) }
	if opt.Pairs != nil {
		b.AddPairs(opt.Pairs.counts)
	}
	silver, dict := keys(opt.Lexicon), keys(opt.Dict)
	// One lexicon trie per fold (or a single one).
	folds := max(opt.Folds, 1)
	tries := make([]segbuild.Trie, folds)
	for f := range tries {
		gold := nlp.NewLexicon()
		if opt.Folds > 1 {
			for i, s := range data {
				if i%folds != f {
					addSentenceWords(gold, s)
				}
			}
		}
		tries[f] = b.Trie(silver, keys(gold), dict, true)
	}
	// N-grams seen fewer than MinCount times get no weights: they would only
	// memorize the training sentences.
	if opt.MinCount > 1 {
		seen := map[[2]uint64]int{}
		count := func(kind int, k uint64) int32 {
			if kind == segbuild.Unigram {
				return alloc(kind, k)
			}
			seen[[2]uint64{uint64(kind), k}]++
			return -1
		}
		for i, s := range data {
			text, _ := textOf(s)
			b.Prepare(text, tries[i%folds], count)
		}
		plain := alloc
		alloc = func(kind int, k uint64) int32 {
			if kind != segbuild.Unigram && seen[[2]uint64{uint64(kind), k}] < opt.MinCount {
				return -1
			}
			return plain(kind, k)
		}
	}
	insts := make([]instance, 0, len(data))
	for i, s := range data {
		text, owner := textOf(s)
		toks := nlp.Tokenize(nil, text, 0, len(text))
		if len(toks) < 2 {
			continue
		}
		inst := instance{x: b.Prepare(text, tries[i%folds], alloc), index: i}
		inst.labels = make([]bool, len(toks)-1)
		for i := range inst.labels {
			a, b := owner[toks[i].End-1], owner[toks[i+1].Start]
			inst.labels[i] = a >= 0 && a == b
		}
		insts = append(insts, inst)
	}
	// Runs of the averaged perceptron, each from zero weights with its own
	// shuffling, averaged together.
	nw := b.NumWeights()
	runs := max(opt.Runs, 1)
	sum := make([]float64, nw)
	for run := range runs {
		avg := perceptron(insts, nw, opt, opt.Seed+int64(run), run)
		for f, v := range avg {
			sum[f] += v
		}
	}
	w := make([]float32, nw)
	for f := range w {
		w[f] = float32(sum[f] / float64(runs))
	}
	// The run-time lexicon: everything.
	gold := nlp.NewLexicon()
	if opt.Folds > 1 {
		gold = TrainingWords(data)
	}
	return &Model{b.Finish(w, b.Trie(silver, keys(gold), dict, false))}
}

// keys returns the matching keys of the lexicon's words (nil for nil).
func keys(lex *nlp.Lexicon) []string {
	if lex == nil {
		return nil
	}
	ws := lex.Words()
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = nlp.Key(w.Text)
	}
	return out
}

// TrainingWords returns the multi-syllable words of the data: with Folds,
// the run-time lexicon is the training lexicon plus these.
func TrainingWords(data []Sentence) *nlp.Lexicon {
	lex := nlp.NewLexicon()
	for _, s := range data {
		addSentenceWords(lex, s)
	}
	return lex
}

func addSentenceWords(lex *nlp.Lexicon, s Sentence) {
	for _, w := range s {
		if len(w) > 1 {
			lex.Add(strings.Join(w, " "), 1)
		}
	}
}

// perceptron trains one averaged perceptron over nw weights on the
// prepared instances and returns its averaged weights.
func perceptron(insts []instance, nw int, opt Options, seed int64, run int) []float64 {
	// Lazy averaging: total[f] accumulates the weight over time, stamp[f]
	// is when it was last brought up to date. With domains, w holds the
	// shared weights, then the target copy, then the source copy.
	copies := 1
	if opt.Target != nil {
		copies = 3
	}
	w := make([]float32, copies*nw)
	total := make([]float64, len(w))
	stamp := make([]int64, len(w))
	var clock int64
	update := func(feats []int32, delta float32) {
		for _, f := range feats {
			total[f] += float64(clock-stamp[f]) * float64(w[f])
			stamp[f] = clock
			w[f] += delta
		}
	}
	score := func(feats []int32) float32 {
		var s float32
		for _, f := range feats {
			s += w[f]
		}
		return s
	}
	rng := rand.New(rand.NewSource(seed))
	order := make([]int, len(insts))
	for i := range order {
		order[i] = i
	}
	var feats []int32
	for epoch := 1; epoch <= opt.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		right, all := 0, 0
		for _, k := range order {
			inst := &insts[k]
			if w := inst.index; w < len(opt.Weights) && opt.Weights[w] < 1 && rng.Float64() >= opt.Weights[w] {
				continue
			}
			gaps := inst.x.Gaps()
			for i, gold := range inst.labels {
				if !gaps[i] {
					continue
				}
				clock++
				feats = inst.x.Features(feats[:0], i)
				if copies > 1 {
					off := int32(2 * nw)
					if inst.index < len(opt.Target) && opt.Target[inst.index] {
						off = int32(nw)
					}
					for _, f := range feats {
						feats = append(feats, f+off)
					}
				}
				pred := score(feats) > 0
				all++
				if pred == gold {
					right++
				} else if gold {
					update(feats, 1)
				} else {
					update(feats, -1)
				}
			}
		}
		if opt.Progress != nil {
			opt.Progress(run*opt.Epochs+epoch, float64(right)/float64(max(all, 1)))
		}
	}
	for f := range w {
		total[f] += float64(clock-stamp[f]) * float64(w[f])
		total[f] /= float64(max(clock, 1))
	}
	if copies > 1 {
		for f := range nw {
			total[f] += total[nw+f] // shared + target
		}
	}
	return total[:nw]
}
