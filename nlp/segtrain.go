package nlp

import (
	"math"
	"math/rand"
	"slices"
	"strings"
)

// SegSentence is a gold-segmented sentence: its words, each a list of
// syllables (or other tokens) as they are written.
type SegSentence [][]string

// SegTrainOptions configure TrainSegmenter.
type SegTrainOptions struct {
	Epochs  int      // passes over the data (default 10)
	Seed    int64    // shuffling seed; the same data and seed give the same model
	Lexicon *Lexicon // multi-syllable words for the lexicon features (may be nil)
	// Dict is a general dictionary (may be nil): the longest dictionary word
	// covering a gap is a feature of its own, apart from Lexicon's.
	Dict *Lexicon
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

// SegModel is a trained segmentation model, ready to be written with
// WriteTo and loaded with WithSegmenterModel.
type SegModel struct{ m *segModel }

// trainInstance is one training sentence, prepared once.
type trainInstance struct {
	in     segInput
	labels []bool
	index  int // the sentence's index in the data
}

// segTextOf lays a gold sentence out as text (syllables separated by single
// spaces) and returns, for every byte, the index of its word.
func segTextOf(s SegSentence) (string, []int32) {
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

// TrainSegmenter trains the model on gold sentences with the averaged
// perceptron. Training is deterministic.
func TrainSegmenter(data []SegSentence, opt SegTrainOptions) *SegModel {
	if opt.Epochs <= 0 {
		opt.Epochs = 10
	}
	m := &segModel{vocab: map[string]int32{}, bi: newIDTable(1 << 16), tri: newIDTable(1 << 16), w: make([]float32, numFixed)}
	alloc := func(kind int, _ uint64) int32 {
		base := int32(len(m.w))
		size := [...]int{kindUni: uniWidth, kindBi: biWidth, kindTri: triWidth}[kind]
		m.w = append(m.w, make([]float32, size)...)
		return base
	}
	m.uni = make([]int32, firstSyllableID)
	for id := range m.uni {
		m.uni[id] = -1
		if id > 0 {
			m.uni[id] = alloc(kindUni, 0)
		}
	}
	newID := func(key string) int32 {
		id := int32(len(m.uni))
		m.vocab[key] = id
		m.uni = append(m.uni, alloc(kindUni, uint64(id)))
		return id
	}
	if opt.Pairs != nil {
		m.pairs = newIDTable(len(opt.Pairs.counts))
		keys := make([]string, 0, len(opt.Pairs.counts))
		for k := range opt.Pairs.counts {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			c := opt.Pairs.counts[k]
			ids := [2]int32{}
			for i, syl := range strings.SplitN(k, " ", 2) {
				id, ok := m.vocab[syl]
				if !ok {
					id = newID(syl)
				}
				ids[i] = id
			}
			m.pairs.put(biKey(ids[0], ids[1]), pairCode(c[0], c[1]))
		}
	}
	// One lexicon trie per fold (or a single one).
	folds := max(opt.Folds, 1)
	tries := make([]*syllableTrie, folds)
	for f := range tries {
		gold := NewLexicon()
		if opt.Folds > 1 {
			for i, s := range data {
				if i%folds != f {
					addSentenceWords(gold, s)
				}
			}
		}
		tries[f] = buildLexiconTrie(m, opt.Lexicon, gold, newID)
		addLexiconToTrie(tries[f], m, opt.Dict, srcDict, newID)
	}
	// N-grams seen fewer than MinCount times get no weights: they would only
	// memorize the training sentences.
	if opt.MinCount > 1 {
		seen := map[[2]uint64]int{}
		count := func(kind int, k uint64) int32 {
			if kind == kindUni {
				return alloc(kind, k)
			}
			seen[[2]uint64{uint64(kind), k}]++
			return -1
		}
		var in segInput
		for i, s := range data {
			text, _ := segTextOf(s)
			toks := Tokenize(nil, text, 0, len(text))
			m.lex = tries[i%folds]
			m.prepare(&in, text, toks, "", nil, count)
		}
		plain := alloc
		alloc = func(kind int, k uint64) int32 {
			if kind != kindUni && seen[[2]uint64{uint64(kind), k}] < opt.MinCount {
				return -1
			}
			return plain(kind, k)
		}
	}
	insts := make([]trainInstance, 0, len(data))
	for i, s := range data {
		text, owner := segTextOf(s)
		toks := Tokenize(nil, text, 0, len(text))
		if len(toks) < 2 {
			continue
		}
		var inst trainInstance
		m.lex = tries[i%folds]
		m.prepare(&inst.in, text, toks, "", nil, alloc)
		inst.index = i
		inst.labels = make([]bool, len(toks)-1)
		for i := range inst.labels {
			a, b := owner[toks[i].End-1], owner[toks[i+1].Start]
			inst.labels[i] = a >= 0 && a == b
		}
		insts = append(insts, inst)
	}
	// Runs of the averaged perceptron, each from zero weights with its own
	// shuffling, averaged together.
	runs := max(opt.Runs, 1)
	sum := make([]float64, len(m.w))
	for run := range runs {
		avg := m.perceptron(insts, opt, opt.Seed+int64(run), run, runs)
		for f, v := range avg {
			sum[f] += v
		}
	}
	for f := range m.w {
		m.w[f] = float32(sum[f] / float64(runs))
	}
	// The run-time lexicon: everything.
	gold := NewLexicon()
	if opt.Folds > 1 {
		gold = TrainingWords(data)
	}
	m.lex = buildLexiconTrie(m, opt.Lexicon, gold, nil)
	addLexiconToTrie(m.lex, m, opt.Dict, srcDict, nil)
	out := m.compact()
	out.freeze()
	return &SegModel{m: out}
}

// PairStats counts, for pairs of adjacent syllables, how often a segmented
// corpus puts them in one word.
type PairStats struct {
	counts map[string][2]int // "key1 key2" → {joined, total}
	Min    int               // pairs seen fewer times are dropped by Prune
}

// NewPairStats returns empty statistics.
func NewPairStats() *PairStats { return &PairStats{counts: map[string][2]int{}} }

// AddSentence counts the syllable pairs of one segmented sentence; words
// that are not letter syllables break the chain.
func (p *PairStats) AddSentence(s SegSentence) {
	var prev string
	var buf []byte
	for _, w := range s {
		for j, syl := range w {
			toks := Tokenize(nil, syl, 0, len(syl))
			if len(toks) != 1 || toks[0].Kind != KindWord {
				prev = ""
				continue
			}
			buf = AppendKey(buf[:0], Normalize(syl))
			k := string(buf)
			if prev != "" {
				c := p.counts[prev+" "+k]
				if j > 0 {
					c[0]++
				}
				c[1]++
				p.counts[prev+" "+k] = c
			}
			prev = k
		}
	}
}

// Prune drops the pairs seen fewer than min times and returns how many remain.
func (p *PairStats) Prune(min int) int {
	for k, c := range p.counts {
		if c[1] < min {
			delete(p.counts, k)
		}
	}
	return len(p.counts)
}

// TrainingWords returns the multi-syllable words of the data: with Folds,
// the run-time lexicon is the training lexicon plus these.
func TrainingWords(data []SegSentence) *Lexicon {
	lex := NewLexicon()
	for _, s := range data {
		addSentenceWords(lex, s)
	}
	return lex
}

func addSentenceWords(lex *Lexicon, s SegSentence) {
	for _, w := range s {
		if len(w) > 1 {
			lex.Add(strings.Join(w, " "), 1)
		}
	}
}

// Sources of lexicon words, as bits of the trie's final nodes.
const (
	srcSilver = 1 // an automatically segmented corpus
	srcGold   = 2 // the gold training data
	srcDict   = 4 // a dictionary
)

// perceptron trains one averaged perceptron on the prepared instances and
// returns its averaged weights.
func (m *segModel) perceptron(insts []trainInstance, opt SegTrainOptions, seed int64, run, runs int) []float64 {
	// Lazy averaging: total[f] accumulates the weight over time, stamp[f]
	// is when it was last brought up to date. With domains, w holds the
	// shared weights, then the target copy, then the source copy.
	nw := len(m.w)
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
			for i, gold := range inst.labels {
				if !inst.in.gap[i] {
					continue
				}
				clock++
				feats = m.features(feats[:0], &inst.in, i)
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

// buildLexiconTrie makes the trie of the words of silver and gold over
// syllable ids (either may be nil), giving new syllables ids with newID
// (nil: words with unknown syllables are left out).
func buildLexiconTrie(m *segModel, silver, gold *Lexicon, newID func(key string) int32) *syllableTrie {
	t := newSyllableTrie()
	addLexiconToTrie(t, m, silver, srcSilver, newID)
	addLexiconToTrie(t, m, gold, srcGold, newID)
	return t
}

func addLexiconToTrie(t *syllableTrie, m *segModel, lex *Lexicon, src uint8, newID func(key string) int32) {
	if lex == nil {
		return
	}
	var ids []int32
	keys := make([]string, 0, len(lex.words))
	for k := range lex.words {
		keys = append(keys, k)
	}
	slices.Sort(keys) // ids are given in a fixed order: training is deterministic
	for _, k := range keys {
		ids = ids[:0]
		ok := true
		for _, syl := range strings.Split(k, " ") {
			id, found := m.vocab[syl]
			if !found {
				if newID == nil {
					ok = false
					break
				}
				id = newID(syl)
			}
			ids = append(ids, id)
		}
		if ok && len(ids) > 1 {
			t.add(ids, src)
		}
	}
}

// compact drops the n-grams whose weights are all (nearly) zero and lays
// the weights out again without gaps.
func (m *segModel) compact() *segModel {
	const eps = 1e-4
	zero := func(base int32, n int) bool {
		for i := range int32(n) {
			if math.Abs(float64(m.w[base+i])) > eps {
				return false
			}
		}
		return true
	}
	out := &segModel{vocab: m.vocab, lex: m.lex, pairs: m.pairs, w: append([]float32(nil), m.w[:numFixed]...)}
	out.uni = make([]int32, len(m.uni))
	for id, base := range m.uni {
		out.uni[id] = -1
		if base >= 0 && !zero(base, uniWidth) {
			out.uni[id] = int32(len(out.w))
			out.w = append(out.w, m.w[base:base+uniWidth]...)
		}
	}
	out.bi = newIDTable(m.bi.n)
	m.bi.each(func(k uint64, base int32) {
		if !zero(base, biWidth) {
			out.bi.put(k, int32(len(out.w)))
			out.w = append(out.w, m.w[base:base+biWidth]...)
		}
	})
	out.tri = newIDTable(m.tri.n)
	m.tri.each(func(k uint64, base int32) {
		if !zero(base, triWidth) {
			out.tri.put(k, int32(len(out.w)))
			out.w = append(out.w, m.w[base:base+triWidth]...)
		}
	})

	return out
}

// Stats describes the model's size.
func (sm *SegModel) Stats() (vocab, bigrams, trigrams, weights int) {
	return len(sm.m.vocab), sm.m.bi.n, sm.m.tri.n, len(sm.m.w)
}

// Segment runs the model alone (no user dictionary) on one line: the words'
// syllables joined by "_", separated by spaces. It is for evaluation.
func (sm *SegModel) Segment(line string) string {
	seg := &Segmenter{model: sm.m}
	seg.init()
	ls := &LineSegmenter{seg: seg}
	words, toks := ls.Segment(Normalize(line))
	return string(AppendJoinedLine(nil, words, toks))
}
