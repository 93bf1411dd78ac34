package nlp

import (
	"sync"
)

// Segmenter groups syllable tokens into words: with the trained model, or
// by longest match over a lexicon when it has none. It is read-only after
// construction and safe for concurrent use.
type Segmenter struct {
	model *segModel // the trained model, or nil
	lex   *Lexicon  // known words, for longest match without a model
	user  *Lexicon  // words the caller forces, may be nil
	pool  sync.Pool
}

// segScratch is per-call working memory, pooled.
type segScratch struct {
	in   segInput
	keys []byte
	offs []int
}

func (s *Segmenter) init() {
	s.pool.New = func() any { return new(segScratch) }
}

// Segment sets join[i] for i in [0, len(toks)-1): whether toks[i] and
// toks[i+1] belong to one word. toks are the tokens of one sentence or line.
func (s *Segmenter) Segment(text string, toks []Token, join []bool) {
	s.segment(text, toks, join, "", nil, nil)
}

// segment is Segment with the tokens' keys, if known (see prepare).
func (s *Segmenter) segment(text string, toks []Token, join []bool, keys string, off []int32, ids []int32) {
	sc := s.pool.Get().(*segScratch)
	defer s.pool.Put(sc)
	if s.model != nil {
		if sc.in.cache == nil {
			sc.in.cache = new(sylCache)
		}
		s.model.prepare(&sc.in, text, toks, keys, off, nil)
		// The ids of the tokens' keys, for the stages after this one.
		for i := range ids {
			id := sc.in.ids[i]
			if id < firstSyllableID {
				id = 0
			}
			ids[i] = id
		}
		s.model.decode(&sc.in, join)
	} else {
		for i := range join {
			join[i] = false
		}
		sc.keys, sc.offs = tokenKeys(sc.keys[:0], sc.offs[:0], toks)
		s.longestMatch(text, toks, sc, s.lex, join, false)
		joinNames(text, toks, join)
	}
	if s.user != nil && s.user.Len() > 0 {
		if s.model != nil {
			sc.keys, sc.offs = tokenKeys(sc.keys[:0], sc.offs[:0], toks)
		}
		s.longestMatch(text, toks, sc, s.user, join, true)
	}
}

// tokenKeys appends the matching key of every token to keys, recording in
// offs the end of each key (offs[i] is the end of token i's key).
func tokenKeys(keys []byte, offs []int, toks []Token) ([]byte, []int) {
	for i := range toks {
		keys = AppendKey(keys, toks[i].Text)
		offs = append(offs, len(keys))
	}
	return keys, offs
}

// longestMatch marks words of lex found by greedy longest match. With force,
// a match also cuts the words around it: user words always win.
func (s *Segmenter) longestMatch(text string, toks []Token, sc *segScratch, lex *Lexicon, join []bool, force bool) {
	n := len(toks)
	var buf [128]byte
	for i := 0; i < n; {
		if i+1 >= n || !joinable(text, &toks[i], &toks[i+1]) {
			i++
			continue
		}
		key := buf[:0]
		key = append(key, sc.keys[keyStart(sc.offs, i):sc.offs[i]]...)
		best := 1
		for l := 2; l <= lex.maxLen && i+l <= n; l++ {
			if !joinable(text, &toks[i+l-2], &toks[i+l-1]) {
				break
			}
			key = append(key, ' ')
			key = append(key, sc.keys[keyStart(sc.offs, i+l-1):sc.offs[i+l-1]]...)
			if _, ok := lex.words[string(key)]; ok {
				best = l
			}
		}
		if best == 1 {
			i++
			continue
		}
		for k := i; k < i+best-1; k++ {
			join[k] = true
		}
		if force {
			if i > 0 {
				join[i-1] = false
			}
			if i+best-1 < len(join) {
				join[i+best-1] = false
			}
		}
		i += best
	}
}

func keyStart(offs []int, i int) int {
	if i == 0 {
		return 0
	}
	return offs[i-1]
}

// joinNames joins runs of capitalized syllables that are not already parts
// of longer words: "Nguyễn Đình Lưu", "Hà Nội".
func joinNames(text string, toks []Token, join []bool) {
	n := len(toks)
	alone := func(k int) bool {
		return toks[k].Kind == KindWord && toks[k].IsUpper() && !(k > 0 && join[k-1]) && !(k < len(join) && join[k])
	}
	for i := 0; i < n; i++ {
		if !alone(i) {
			continue
		}
		j := i
		for j+1 < n && alone(j+1) && joinable(text, &toks[j], &toks[j+1]) {
			j++
		}
		for k := i; k < j; k++ {
			join[k] = true
		}
		i = j
	}
}
