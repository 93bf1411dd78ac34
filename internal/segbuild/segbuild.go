// Package segbuild is the seam between the word segmentation trainer
// (internal/segtrain, run by cmd/vnews-train) and package nlp, which owns
// the model: its tables, its features, its file format and the inference
// over them. nlp registers its Builder here when it is initialized, so the
// trainer can build a model whose internals stay unexported, and the
// library's public API has no training in it. Being internal, the package
// can be imported only from this module.
package segbuild

import "io"

// Kinds of weight blocks: a syllable's, a bigram's or a trigram's.
const (
	Unigram = iota
	Bigram
	Trigram
)

// Alloc decides, while a training sentence is prepared, whether a new
// n-gram of a kind gets weights: it returns the base index of its block
// (from Builder.Grow) or -1 for none.
type Alloc func(kind int, key uint64) int32

// Trie is a lexicon over the model's syllable ids, made by Builder.Trie.
// It is opaque to the trainer.
type Trie any

// Builder builds one segmentation model. It is not safe for concurrent use.
type Builder interface {
	// Grow appends a block of zero weights for an n-gram of kind and
	// returns its base index.
	Grow(kind int) int32
	// AddPairs stores the join statistics of syllable pairs: for each
	// "key1 key2" (matching keys, see nlp.Key), how often a segmented
	// corpus puts the pair in one word and how often it saw it.
	AddPairs(counts map[string][2]int)
	// Trie builds a lexicon from words given as matching keys, by source:
	// silver (an automatically segmented corpus), gold (training data) and
	// dict (a general dictionary); any may be nil. With grow, syllables
	// the model has not seen get ids and weights; without, words with such
	// syllables are left out.
	Trie(silver, gold, dict []string, grow bool) Trie
	// Prepare lays a sentence (its syllables separated by single spaces)
	// out for the model, looking words up in lex; alloc decides which new
	// n-grams get weights.
	Prepare(text string, lex Trie, alloc Alloc) Instance
	// NumWeights returns the number of weights allocated so far.
	NumWeights() int
	// Finish gives the model its weights (NumWeights of them) and its
	// run-time lexicon, drops the n-grams whose weights are all (nearly)
	// zero and returns the model, ready to segment and to write. The
	// builder must not be used afterwards.
	Finish(w []float32, lex Trie) Model
}

// Instance is a sentence prepared by Builder.Prepare. Its gaps are those
// between adjacent tokens, as nlp.Tokenize finds them.
type Instance interface {
	// Gaps reports, for every gap, whether the model decides it (the
	// tokens around it are joinable syllables).
	Gaps() []bool
	// Features appends the weight indices of gap i's features to dst.
	Features(dst []int32, i int) []int32
}

// Model is a finished segmentation model.
type Model interface {
	// WriteTo writes the model file that nlp.WithSegmenterModel reads.
	WriteTo(w io.Writer) (int64, error)
	// Stats describes the model's size.
	Stats() (vocab, bigrams, trigrams, weights int)
	// Segment runs the model alone (no user dictionary) on one line: the
	// words' syllables joined by "_", separated by spaces.
	Segment(line string) string
}

// NewBuilder returns an empty builder. Package nlp sets it when it is
// initialized; it is nil in a program that does not link nlp.
var NewBuilder func() Builder
