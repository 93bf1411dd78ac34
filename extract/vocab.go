package extract

import "github.com/vnews/vnews/nlp"

// vocabTables are the per-token lookups of an extractor indexed by the ids
// of a segmentation model's vocabulary (nlp.Vocab; Document.KeyIDs gives
// every token's): the phrase sets' first words, the key hints
// (capitalization, word clusters) and whether a key looks foreign. The segmenter has looked every key up
// once; a token the vocabulary does not hold (id 0) is looked up by its key.
type vocabTables struct {
	starts  []setBits
	hints   []keyHints
	known   []bool // known[id]: defaultKeyHints holds the key
	foreign []bool // foreign[id]: the key is not shaped like a Vietnamese syllable
}

// tables returns x's tables for the vocabulary of doc's key ids and the
// ids, built on first use for each vocabulary; nil, nil for a document
// without ids.
func (x *Extractor) tables(doc *nlp.Document) (*vocabTables, []int32) {
	ids, v := doc.KeyIDs()
	if v == nil || x.vocab == nil {
		return nil, nil
	}
	if t, ok := x.vocab.Load(v); ok {
		return t.(*vocabTables), ids
	}
	t := &vocabTables{starts: make([]setBits, v.Len()), hints: make([]keyHints, v.Len()), known: make([]bool, v.Len()), foreign: make([]bool, v.Len())}
	kh := defaultKeyHints()
	v.Each(func(id int32, key string) {
		t.starts[id] = x.lex.starts[key]
		t.hints[id], t.known[id] = kh[key]
		t.foreign[id] = !nlp.KeyLooksVietnamese(key)
	})
	actual, _ := x.vocab.LoadOrStore(v, t)
	return actual.(*vocabTables), ids
}
