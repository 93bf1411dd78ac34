package ner

// Templates selects the feature templates of a model (a bit set); a model
// file records the set it was trained with.
type Templates uint32

// Feature templates.
const (
	TplKeys           Templates = 1 << iota // key at -2..+2, key bigrams (-1,0), (0,+1)
	TplShapes                               // shape at -2..+2, shape bigrams and the trigram (-1,0,+1)
	TplWord                                 // the segmenter word: capitalization pattern, key, position in it
	TplLayout                               // token kind, line and sentence start, headline
	TplHints                                // each hint of the token
	TplHintNeighbours                       // each hint of the tokens at -1 and +1, by offset
	TplKeyShape                             // key × shape of the token, previous key × shape
	TplHintShape                            // each hint of the token × its shape
	TplWordNeighbours                       // keys of the previous and next segmenter words
	TplWide                                 // key at -3 and +3, key trigram (-1,0,+1), hints at -2 and +2

	// DefaultTemplates is what Train uses when given none.
	DefaultTemplates = TplKeys | TplShapes | TplWord | TplLayout | TplHints | TplHintNeighbours | TplKeyShape | TplHintShape | TplWordNeighbours
)

// Template ids mixed into the feature hashes. Fixed forever: a model file
// depends on them.
const (
	tBias uint64 = iota + 1
	tKey         // + offset
	_
	_
	_
	_
	tKeyBi0 // (-1, 0)
	tKeyBi1 // (0, +1)
	tShape  // + offset
	_
	_
	_
	_
	tShapeBi0
	tShapeBi1
	tShapeTri
	tWordPat
	tWordKey
	tKind
	tLayout
	tHint
	tHintPrev
	tHintNext
	tKeyShape
	tPrevKeyShape
	tHintShape
	tPrevWord
	tNextWord
	tKeyFar // + 0 for -3, +1 for +3
	_
	tKeyTri
	tHintPrev2
	tHintNext2
)

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// hashString is FNV-1a 64 of s.
func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// mix is the splitmix64 finalizer: a bijection that spreads every input
// bit over the output.
func mix(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}

func f1(t, a uint64) uint64    { return mix(t*0x9e3779b97f4a7c15 ^ a) }
func f2(t, a, b uint64) uint64 { return mix(f1(t, a) + b*0xc2b2ae3d27d4eb4f) }
func f3(t, a, b, c uint64) uint64 {
	return mix(f2(t, a, b) + c*0x165667b19e3779f9)
}

// Padding values for positions outside the sequence.
var (
	hashBOS = hashString("\x00<s>")
	hashEOS = hashString("\x00</s>")
)

const (
	shapeBOS = uint64(numShapes) + 1
	shapeEOS = uint64(numShapes) + 2
)

// featBuf holds the features of one sequence: feats[off[i]:off[i+1]] are
// token i's. It is reused between sequences.
type featBuf struct {
	keyH     []uint64
	shape    []uint64
	hintOff  []int
	hintH    []uint64
	wordPat  []uint64 // per token: pattern of its word × position in it
	wordKey  []uint64 // per token: key of its whole word
	wordPrev []uint64 // per token: key of the previous word
	wordNext []uint64
	feats    []uint64
	off      []int
}

func grow(s []uint64, n int) []uint64 {
	if cap(s) < n {
		return make([]uint64, n)
	}
	return s[:n]
}

func growInt(s []int, n int) []int {
	if cap(s) < n {
		return make([]int, n)
	}
	return s[:n]
}

// extract computes the features of toks.
func (b *featBuf) extract(toks []Token, tpl Templates) {
	n := len(toks)
	b.keyH = grow(b.keyH, n)
	b.shape = grow(b.shape, n)
	b.wordPat = grow(b.wordPat, n)
	b.wordKey = grow(b.wordKey, n)
	b.wordPrev = grow(b.wordPrev, n)
	b.wordNext = grow(b.wordNext, n)
	b.hintOff = growInt(b.hintOff, n+1)
	b.hintH = b.hintH[:0]
	for i := range toks {
		t := &toks[i]
		b.keyH[i] = hashString(t.Key)
		b.shape[i] = uint64(t.Shape)
		b.hintOff[i] = len(b.hintH)
		for _, h := range t.Hints {
			b.hintH = append(b.hintH, hashString(h))
		}
	}
	b.hintOff[n] = len(b.hintH)
	// Words: the capitalization pattern (shapes of up to 6 syllables and
	// the length), the key of the whole word, and the neighbour words.
	prevWord := hashBOS
	for i := 0; i < n; {
		j := i + 1
		for j < n && !toks[j].WordStart {
			j++
		}
		pat := uint64(j - i)
		wk := uint64(fnvOffset)
		for k := i; k < j; k++ {
			if k-i < 6 {
				pat = pat*16 + b.shape[k] + 1
			}
			wk = mix(wk ^ b.keyH[k])
		}
		for k := i; k < j; k++ {
			pos := uint64(min(k-i, 3))
			b.wordPat[k] = pat*8 + pos
			b.wordKey[k] = wk*8 + pos
			b.wordPrev[k] = prevWord
		}
		prevWord = wk
		i = j
	}
	nextWord := hashEOS
	for i := n - 1; i >= 0; {
		j := i
		for j > 0 && !toks[j].WordStart {
			j--
		}
		for k := j; k <= i; k++ {
			b.wordNext[k] = nextWord
		}
		nextWord = b.wordKey[j] // the word's key at position 0
		i = j - 1
	}

	b.off = growInt(b.off, n+1)
	b.feats = b.feats[:0]
	key := func(i int) uint64 {
		switch {
		case i < 0:
			return hashBOS
		case i >= n:
			return hashEOS
		}
		return b.keyH[i]
	}
	shape := func(i int) uint64 {
		switch {
		case i < 0:
			return shapeBOS
		case i >= n:
			return shapeEOS
		}
		return b.shape[i]
	}
	for i := range toks {
		b.off[i] = len(b.feats)
		f := append(b.feats, f1(tBias, 0))
		if tpl&TplKeys != 0 {
			for d := -2; d <= 2; d++ {
				f = append(f, f1(tKey+uint64(d+2), key(i+d)))
			}
			f = append(f, f2(tKeyBi0, key(i-1), key(i)), f2(tKeyBi1, key(i), key(i+1)))
		}
		if tpl&TplWide != 0 {
			f = append(f, f1(tKeyFar, key(i-3)), f1(tKeyFar+1, key(i+3)), f3(tKeyTri, key(i-1), key(i), key(i+1)))
			if i > 1 {
				for _, h := range b.hintH[b.hintOff[i-2]:b.hintOff[i-1]] {
					f = append(f, f1(tHintPrev2, h))
				}
			}
			if i+2 < n {
				for _, h := range b.hintH[b.hintOff[i+2]:b.hintOff[i+3]] {
					f = append(f, f1(tHintNext2, h))
				}
			}
		}
		if tpl&TplShapes != 0 {
			for d := -2; d <= 2; d++ {
				f = append(f, f1(tShape+uint64(d+2), shape(i+d)))
			}
			f = append(f, f2(tShapeBi0, shape(i-1), shape(i)), f2(tShapeBi1, shape(i), shape(i+1)),
				f3(tShapeTri, shape(i-1), shape(i), shape(i+1)))
		}
		if tpl&TplWord != 0 {
			f = append(f, f1(tWordPat, b.wordPat[i]), f1(tWordKey, b.wordKey[i]))
		}
		if tpl&TplWordNeighbours != 0 && toks[i].WordStart {
			f = append(f, f1(tPrevWord, b.wordPrev[i]), f1(tNextWord, b.wordNext[i]))
		}
		if tpl&TplLayout != 0 {
			t := &toks[i]
			lay := uint64(0)
			if t.LineStart {
				lay |= 1
			}
			if t.SentStart {
				lay |= 2
			}
			if t.InTitle {
				lay |= 4
			}
			f = append(f, f1(tKind, uint64(t.Kind)), f2(tLayout, lay, shape(i)))
		}
		if tpl&TplKeyShape != 0 {
			f = append(f, f2(tKeyShape, key(i), shape(i)), f2(tPrevKeyShape, key(i-1), shape(i)))
		}
		if tpl&TplHints != 0 {
			for _, h := range b.hintH[b.hintOff[i]:b.hintOff[i+1]] {
				f = append(f, f1(tHint, h))
				if tpl&TplHintShape != 0 {
					f = append(f, f2(tHintShape, h, shape(i)))
				}
			}
		}
		if tpl&TplHintNeighbours != 0 {
			if i > 0 {
				for _, h := range b.hintH[b.hintOff[i-1]:b.hintOff[i]] {
					f = append(f, f1(tHintPrev, h))
				}
			}
			if i+1 < n {
				for _, h := range b.hintH[b.hintOff[i+1]:b.hintOff[i+2]] {
					f = append(f, f1(tHintNext, h))
				}
			}
		}
		b.feats = f
	}
	b.off[n] = len(b.feats)
}
