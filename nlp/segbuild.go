package nlp

import (
	"io"
	"math"
	"slices"
	"strings"

	"github.com/vnews/vnews/internal/segbuild"
)

// The construction side of the segmentation model: tables, lexicon tries
// and prepared sentences for the trainer, which runs in cmd/vnews-train
// (internal/segtrain) and reaches this code only through
// internal/segbuild, so none of it is public API.

func init() { segbuild.NewBuilder = newSegBuilder }

// segBuilder builds one model.
type segBuilder struct{ m *segModel }

func newSegBuilder() segbuild.Builder {
	b := &segBuilder{m: &segModel{vocab: map[string]int32{}, bi: newIDTable(1 << 16), tri: newIDTable(1 << 16), w: make([]float32, numFixed)}}
	b.m.uni = make([]int32, firstSyllableID)
	for id := range b.m.uni {
		b.m.uni[id] = -1
		if id > 0 {
			b.m.uni[id] = b.Grow(kindUni)
		}
	}
	return b
}

// blockWidth is the number of weights of an n-gram of each kind.
var blockWidth = [...]int{kindUni: uniWidth, kindBi: biWidth, kindTri: triWidth}

func (b *segBuilder) Grow(kind int) int32 {
	base := int32(len(b.m.w))
	b.m.w = append(b.m.w, make([]float32, blockWidth[kind])...)
	return base
}

// newID adds a syllable (its key) to the vocabulary, with weights.
func (b *segBuilder) newID(key string) int32 {
	id := int32(len(b.m.uni))
	b.m.vocab[key] = id
	b.m.uni = append(b.m.uni, b.Grow(kindUni))
	return id
}

func (b *segBuilder) AddPairs(counts map[string][2]int) {
	m := b.m
	m.pairs = newIDTable(len(counts))
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.Sort(keys) // ids are given in a fixed order: training is deterministic
	for _, k := range keys {
		c := counts[k]
		ids := [2]int32{}
		for i, syl := range strings.SplitN(k, " ", 2) {
			id, ok := m.vocab[syl]
			if !ok {
				id = b.newID(syl)
			}
			ids[i] = id
		}
		m.pairs.put(biKey(ids[0], ids[1]), pairCode(c[0], c[1]))
	}
}

func (b *segBuilder) Trie(silver, gold, dict []string, grow bool) segbuild.Trie {
	var newID func(string) int32
	if grow {
		newID = b.newID
	}
	t := newSyllableTrie()
	b.addWords(t, silver, srcSilver, newID)
	b.addWords(t, gold, srcGold, newID)
	b.addWords(t, dict, srcDict, newID)
	return t
}

// addWords adds the words of two or more syllables (matching keys) to the
// trie, from source src, giving new syllables ids with newID (nil: words
// with unknown syllables are left out).
func (b *segBuilder) addWords(t *syllableTrie, keys []string, src uint8, newID func(key string) int32) {
	keys = slices.Clone(keys)
	slices.Sort(keys) // ids are given in a fixed order: training is deterministic
	var ids []int32
	for _, k := range keys {
		ids = ids[:0]
		ok := true
		for _, syl := range strings.Split(k, " ") {
			id, found := b.m.vocab[syl]
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

// segInstance is a sentence prepared for training.
type segInstance struct {
	m  *segModel
	in segInput
}

func (x *segInstance) Gaps() []bool { return x.in.gap }

func (x *segInstance) Features(dst []int32, i int) []int32 { return x.m.features(dst, &x.in, i) }

func (b *segBuilder) Prepare(text string, lex segbuild.Trie, alloc segbuild.Alloc) segbuild.Instance {
	x := &segInstance{m: b.m}
	b.m.lex, _ = lex.(*syllableTrie)
	b.m.prepare(&x.in, text, Tokenize(nil, text, 0, len(text)), "", nil, alloc)
	return x
}

func (b *segBuilder) NumWeights() int { return len(b.m.w) }

func (b *segBuilder) Finish(w []float32, lex segbuild.Trie) segbuild.Model {
	m := b.m
	copy(m.w, w)
	m.lex, _ = lex.(*syllableTrie)
	if m.lex == nil {
		m.lex = newSyllableTrie()
	}
	out := m.compact()
	out.freeze()
	b.m = nil
	return builtModel{out}
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

// builtModel is a finished model as the trainer sees it.
type builtModel struct{ m *segModel }

func (bm builtModel) WriteTo(w io.Writer) (int64, error) { return bm.m.writeTo(w) }

func (bm builtModel) Stats() (vocab, bigrams, trigrams, weights int) {
	return len(bm.m.vocab), bm.m.bi.n, bm.m.tri.n, len(bm.m.w)
}

func (bm builtModel) Segment(line string) string {
	seg := &Segmenter{model: bm.m}
	seg.init()
	ls := &LineSegmenter{seg: seg}
	words, toks := ls.Segment(Normalize(line))
	return string(AppendJoinedLine(nil, words, toks))
}
