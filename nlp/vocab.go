package nlp

// Vocab is the syllable vocabulary of a segmentation model: every
// syllable key the model knows has an id, which Document.KeyIDs gives the
// tokens of a document. A stage that looks something up by a token's key
// (a lexicon's first words, word clusters, idf) can build a table indexed
// by these ids once, with Each, and read it without hashing the key again
// for every token; a token with id 0 is looked up by its key as before.
// Ids are below Len. A Vocab is read-only and safe for concurrent use.
type Vocab struct {
	m *segModel
}

// Len returns one more than the largest id.
func (v *Vocab) Len() int { return len(v.m.uni) }

// Each calls fn with every id and its key (the matching key, see Key).
func (v *Vocab) Each(fn func(id int32, key string)) {
	x := v.m.vix
	for i := range x.slots {
		s := &x.slots[i]
		if s.occupied && s.id >= firstSyllableID {
			fn(s.id, string(x.pool[s.off:s.off+uint32(s.len)]))
		}
	}
}

// vocab returns the vocabulary whose ids segment writes, nil for a
// segmenter without a model.
func (s *Segmenter) vocab() *Vocab {
	if s.model == nil || s.model.vix == nil {
		return nil
	}
	return s.model.voc
}
