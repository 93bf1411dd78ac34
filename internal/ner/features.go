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
	// TplLocalHints keeps the local hints (word clusters, capitalization,
	// sentence role: localHints) to their own token and its neighbours at
	// -1 and +1: no hint × shape and no ±2 features of them.
	TplLocalHints
	// TplLocalHintsOwn keeps the local hints to their own token alone.
	TplLocalHintsOwn

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

// The feature hashes (model version 2). Every value a template reads is a
// well-mixed 64-bit value computed once per token or once for all (keys,
// hints, shapes, words), so a feature of one value is that value plus the
// template's salt, an addition; a feature of two or three values mixes
// them once or twice. Two features collide only when their hashes agree
// in all 60 key bits.
const numTplIDs = 64

// salts[t] is the constant added to the features of template id t.
var salts = func() (s [numTplIDs]uint64) {
	for t := range s {
		s[t] = mix(uint64(t)*0x9e3779b97f4a7c15 + 0x632be59bd9b4e019)
	}
	return s
}()

func u1(t, v uint64) uint64    { return v + salts[t] }
func u2(t, a, b uint64) uint64 { return mix(a*0xc2b2ae3d27d4eb4f^b) + salts[t] }
func u3(t, a, b, c uint64) uint64 {
	return mix(mix(a*0xc2b2ae3d27d4eb4f^b)*0x165667b19e3779f9^c) + salts[t]
}

// value returns the mixed value of a small number (a shape, a kind, a
// layout) in its own space, so that it cannot equal a key's.
func value(space, v uint64) uint64 { return mix(space<<32 | v) }

// Padding values for positions outside the sequence.
var (
	keyBOS = mix(hashString("\x00<s>"))
	keyEOS = mix(hashString("\x00</s>"))
)

const (
	shapeBOS   = uint8(numShapes)     // the shape index of a position before the sequence
	shapeEOS   = uint8(numShapes) + 1 // after it
	shapeCount = int(numShapes) + 2
)

// shapeTables are the shape features, computed once: a shape's value, the
// shape at each offset, the bigrams and the trigram.
type shapeTables struct {
	val  [shapeCount]uint64
	uni  [5][shapeCount]uint64
	bi0  [shapeCount][shapeCount]uint64 // (-1, 0)
	bi1  [shapeCount][shapeCount]uint64 // (0, +1)
	tri  [shapeCount][shapeCount][shapeCount]uint64
	lay  [8][shapeCount]uint64 // layout × shape
	kind [256]uint64
}

var shapeTab = func() *shapeTables {
	t := new(shapeTables)
	for a := range shapeCount {
		t.val[a] = value(1, uint64(a))
	}
	for a := range shapeCount {
		for d := range 5 {
			t.uni[d][a] = u1(tShape+uint64(d), t.val[a])
		}
		for b := range shapeCount {
			t.bi0[a][b] = u2(tShapeBi0, t.val[a], t.val[b])
			t.bi1[a][b] = u2(tShapeBi1, t.val[a], t.val[b])
			for c := range shapeCount {
				t.tri[a][b][c] = u3(tShapeTri, t.val[a], t.val[b], t.val[c])
			}
		}
		for l := range 8 {
			t.lay[l][a] = u2(tLayout, value(2, uint64(l)), t.val[a])
		}
	}
	for k := range t.kind {
		t.kind[k] = u1(tKind, value(3, uint64(k)))
	}
	return t
}()

// featBuf holds the features of one sequence: feats[off[i]:off[i+1]] are
// token i's. It is reused between sequences.
type featBuf struct {
	key      []uint64 // per token: the mixed hash of its key
	shape    []uint8
	hintOff  []int
	hintH    []uint64
	hintLoc  []bool   // hintLoc[k]: hintH[k] is a local hint (and the template limits it)
	wordPat  []uint64 // per token: pattern of its word × position in it
	wordKey  []uint64 // per token: key of its whole word × position in it
	wordPrev []uint64 // per token: key of the previous word
	wordNext []uint64
	feats    []uint64
	off      []int
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// extract computes the features of toks; a token with live[i] false (live
// nil: none) gets no features.
func (b *featBuf) extract(toks []Token, tpl Templates, live []bool) {
	n := len(toks)
	b.key = grow(b.key, n)
	b.shape = grow(b.shape, n)
	b.wordPat = grow(b.wordPat, n)
	b.wordKey = grow(b.wordKey, n)
	b.wordPrev = grow(b.wordPrev, n)
	b.wordNext = grow(b.wordNext, n)
	b.hintOff = grow(b.hintOff, n+1)
	b.hintH = b.hintH[:0]
	b.hintLoc = b.hintLoc[:0]
	limit := tpl&(TplLocalHints|TplLocalHintsOwn) != 0
	for i := range toks {
		t := &toks[i]
		b.key[i] = mix(hashString(t.Key))
		b.shape[i] = uint8(min(t.Shape, numShapes-1))
		b.hintOff[i] = len(b.hintH)
		for k := range t.Hints {
			b.hintH = append(b.hintH, t.Hints[k].hash)
			b.hintLoc = append(b.hintLoc, limit && t.Hints[k].local)
		}
	}
	b.hintOff[n] = len(b.hintH)
	// Words: the capitalization pattern (shapes of up to 6 syllables and
	// the length), the key of the whole word, and the neighbour words.
	prevWord := keyBOS
	for i := 0; i < n; {
		j := i + 1
		for j < n && !toks[j].WordStart {
			j++
		}
		pat := uint64(j - i)
		wk := uint64(fnvOffset)
		for k := i; k < j; k++ {
			if k-i < 6 {
				pat = pat*16 + uint64(b.shape[k]) + 1
			}
			wk = mix(wk ^ b.key[k])
		}
		for k := i; k < j; k++ {
			pos := uint64(min(k-i, 3))
			b.wordPat[k] = u1(tWordPat, value(4, pat*8+pos))
			b.wordKey[k] = u1(tWordKey, mix(wk+pos))
			b.wordPrev[k] = prevWord
		}
		prevWord = wk
		i = j
	}
	nextWord := keyEOS
	for i := n - 1; i >= 0; {
		j := i
		for j > 0 && !toks[j].WordStart {
			j--
		}
		for k := j; k <= i; k++ {
			b.wordNext[k] = nextWord
		}
		// The word's key: the chain over its tokens, as above.
		wk := uint64(fnvOffset)
		for k := j; k <= i; k++ {
			wk = mix(wk ^ b.key[k])
		}
		nextWord = wk
		i = j - 1
	}

	b.off = grow(b.off, n+1)
	b.feats = b.feats[:0]
	key := func(i int) uint64 {
		switch {
		case i < 0:
			return keyBOS
		case i >= n:
			return keyEOS
		}
		return b.key[i]
	}
	shape := func(i int) uint8 {
		switch {
		case i < 0:
			return shapeBOS
		case i >= n:
			return shapeEOS
		}
		return b.shape[i]
	}
	st := shapeTab
	bias := u1(tBias, 0)
	for i := range toks {
		b.off[i] = len(b.feats)
		if live != nil && !live[i] {
			continue
		}
		f := append(b.feats, bias)
		if tpl&TplKeys != 0 {
			for d := -2; d <= 2; d++ {
				f = append(f, u1(tKey+uint64(d+2), key(i+d)))
			}
			f = append(f, u2(tKeyBi0, key(i-1), key(i)), u2(tKeyBi1, key(i), key(i+1)))
		}
		if tpl&TplWide != 0 {
			f = append(f, u1(tKeyFar, key(i-3)), u1(tKeyFar+1, key(i+3)), u3(tKeyTri, key(i-1), key(i), key(i+1)))
			if i > 1 {
				for k := b.hintOff[i-2]; k < b.hintOff[i-1]; k++ {
					if !b.hintLoc[k] {
						f = append(f, u1(tHintPrev2, b.hintH[k]))
					}
				}
			}
			if i+2 < n {
				for k := b.hintOff[i+2]; k < b.hintOff[i+3]; k++ {
					if !b.hintLoc[k] {
						f = append(f, u1(tHintNext2, b.hintH[k]))
					}
				}
			}
		}
		sp, s0, sn := shape(i-1), b.shape[i], shape(i+1)
		if tpl&TplShapes != 0 {
			f = append(f, st.uni[0][shape(i-2)], st.uni[1][sp], st.uni[2][s0], st.uni[3][sn], st.uni[4][shape(i+2)],
				st.bi0[sp][s0], st.bi1[s0][sn], st.tri[sp][s0][sn])
		}
		if tpl&TplWord != 0 {
			f = append(f, b.wordPat[i], b.wordKey[i])
		}
		if tpl&TplWordNeighbours != 0 && toks[i].WordStart {
			f = append(f, u1(tPrevWord, b.wordPrev[i]), u1(tNextWord, b.wordNext[i]))
		}
		if tpl&TplLayout != 0 {
			t := &toks[i]
			lay := 0
			if t.LineStart {
				lay |= 1
			}
			if t.SentStart {
				lay |= 2
			}
			if t.InTitle {
				lay |= 4
			}
			f = append(f, st.kind[uint8(t.Kind)], st.lay[lay][s0])
		}
		if tpl&TplKeyShape != 0 {
			f = append(f, u2(tKeyShape, key(i), st.val[s0]), u2(tPrevKeyShape, key(i-1), st.val[s0]))
		}
		if tpl&TplHints != 0 {
			for k := b.hintOff[i]; k < b.hintOff[i+1]; k++ {
				h := b.hintH[k]
				f = append(f, u1(tHint, h))
				if tpl&TplHintShape != 0 && !b.hintLoc[k] {
					f = append(f, u2(tHintShape, h, st.val[s0]))
				}
			}
		}
		if tpl&TplHintNeighbours != 0 {
			own := tpl&TplLocalHintsOwn != 0
			if i > 0 {
				for k := b.hintOff[i-1]; k < b.hintOff[i]; k++ {
					if !own || !b.hintLoc[k] {
						f = append(f, u1(tHintPrev, b.hintH[k]))
					}
				}
			}
			if i+1 < n {
				for k := b.hintOff[i+1]; k < b.hintOff[i+2]; k++ {
					if !own || !b.hintLoc[k] {
						f = append(f, u1(tHintNext, b.hintH[k]))
					}
				}
			}
		}
		b.feats = f
	}
	b.off[n] = len(b.feats)
}
