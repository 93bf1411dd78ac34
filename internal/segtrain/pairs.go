package segtrain

import "github.com/vnews/vnews/nlp"

// PairStats counts, for pairs of adjacent syllables, how often a segmented
// corpus puts them in one word.
type PairStats struct {
	counts map[string][2]int // "key1 key2" → {joined, total}
}

// NewPairStats returns empty statistics.
func NewPairStats() *PairStats { return &PairStats{counts: map[string][2]int{}} }

// AddSentence counts the syllable pairs of one segmented sentence; words
// that are not letter syllables break the chain.
func (p *PairStats) AddSentence(s Sentence) {
	var prev string
	var buf []byte
	for _, w := range s {
		for j, syl := range w {
			toks := nlp.Tokenize(nil, syl, 0, len(syl))
			if len(toks) != 1 || toks[0].Kind != nlp.KindWord {
				prev = ""
				continue
			}
			buf = nlp.AppendKey(buf[:0], nlp.Normalize(syl))
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
