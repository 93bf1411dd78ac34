package nlp

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vnews/vnews/internal/segbuild"
)

// The word segmentation model: an averaged perceptron that decides, for
// every pair of adjacent syllables on one line, whether they belong to one
// word. Each decision is made on its own: a model that also saw the previous
// decision, decoded greedily or with Viterbi, scored lower on UD VTB dev.
//
// Features of the gap between syllables i and i+1, each an index into one
// flat weight vector:
//
//	unigrams  s[i-1], s[i], s[i+1], s[i+2]              (4 weights per syllable)
//	bigrams   s[i-1]s[i], s[i]s[i+1], s[i+1]s[i+2]      (3 weights per bigram)
//	trigrams  s[i-1]s[i]s[i+1], s[i]s[i+1]s[i+2]        (2 weights per trigram)
//	fixed     capitalization shapes, lexicon spans (the longest lexicon word
//	          covering the gap, ending at i, starting at i+1), how often a
//	          large silver-segmented corpus joins s[i]s[i+1], the longest
//	          dictionary word covering the gap (alone, by shapes, and by
//	          the longest lexicon word), a bias
//
// The lexicon holds words of the training data and of the silver corpus;
// the dictionary, a general word list, has features of its own because its
// entries follow other conventions (phrases such as "cây có tinh dầu").
//
// A syllable is its matching key (Key), so tone-mark placement and case never
// change a feature; case enters through the shapes. A unigram, bigram or
// trigram is looked up once per sentence and shared by the gaps that use it,
// so a syllable costs about three hash lookups.

// Syllable classes for tokens that are not syllables, and the line edges.
const (
	symUnknown = iota + 1 // a syllable never seen in training
	symStart              // before the first token
	symEnd                // after the last token
	symNumber
	symCode
	symURL
	symOther
	symForeign      // an unseen syllable that is not Vietnamese ("Xinmei", "kru")
	firstSyllableID // ids of real syllables start here
)

// Shapes of a token for the capitalization features.
const (
	shapeLower = iota
	shapeTitle
	shapeUpper
	shapeOther
	numShapes
)

const maxLexSpan = 7 // lexicon span lengths are capped here

// Widths of the weight blocks: a syllable has 4 positions (s[i-1] to
// s[i+2]), in lowercase and capitalized; a bigram 3 and a trigram 2.
const (
	uniPos   = 4
	uniWidth = 2 * uniPos
	biWidth  = 3
	triWidth = 2
)

// Layout of the fixed features.
const (
	fBias       = 0
	fShapePair  = fBias + 1                                        // shape(i)*numShapes + shape(i+1)
	fShapeTrip  = fShapePair + numShapes*numShapes                 // shape(i-1), shape(i), shape(i+1), shape(i+2) as 4 singles
	fCover      = fShapeTrip + 4*numShapes                         // longest lexicon word covering the gap
	fEndAt      = fCover + maxLexSpan + 1                          // longest lexicon word ending at i
	fStartAt    = fEndAt + maxLexSpan + 1                          // longest lexicon word starting at i+1
	fCoverShape = fStartAt + maxLexSpan + 1                        // cover × shape pair
	fCoverSrc   = fCoverShape + (maxLexSpan+1)*numShapes*numShapes // source bits of the longest covering word × its length
	fLexBigram  = fCoverSrc + 4*(maxLexSpan+1)                     // is s[i]s[i+1] a lexicon word
	fPair       = fLexBigram + 2                                   // how often a corpus joins s[i]s[i+1]: pairCode
	fPairShape  = fPair + numPairCodes                             // pairCode × shape pair
	fDictCover  = fPairShape + numPairCodes*numShapes*numShapes    // longest dictionary word covering the gap
	fDictShape  = fDictCover + maxLexSpan + 1                      // dictionary cover × shape pair
	fDictLex    = fDictShape + (maxLexSpan+1)*numShapes*numShapes  // dictionary cover × lexicon cover
	numFixed    = fDictLex + (maxLexSpan+1)*(maxLexSpan+1)
)

// segModel holds the perceptron's weights and the tables that map syllables
// and n-grams to weight indices. It is read-only once built.
type segModel struct {
	vocab map[string]int32 // syllable key → id
	vix   *strIndex        // vocab for fast lookups at run time (nil in training)
	voc   *Vocab           // the ids of vix for other stages (set with vix)
	uni   []int32          // id → base index of its 4 unigram weights (-1: none)
	bi    *idTable         // (a, b) → base index of 3 weights
	tri   *idTable         // (a, b, c) → base index of 2 weights
	lex   *syllableTrie    // lexicon of multi-syllable words, over syllable ids
	pairs *idTable         // (a, b) → pairCode from a large segmented corpus
	// bip, when set, merges bi and pairs for fast lookups at run time:
	// (a, b) → (bigram base + 1) << 6 | pair code. Training uses bi and pairs.
	bip *pairTable
	w   []float32
}

// Pair codes sum up how often a large, automatically segmented corpus puts
// two adjacent syllables in one word: 11 buckets of the joined share times 3
// levels of evidence (seen 1-2, 3-9, 10+ times), and 0 for a pair never seen.
const numPairCodes = 1 + 11*3

// pairCode computes the code of a pair seen total times, joined of them.
func pairCode(joined, total int) int32 {
	if total == 0 {
		return 0
	}
	share := (joined*10 + total/2) / total
	level := 0
	switch {
	case total >= 10:
		level = 2
	case total >= 3:
		level = 1
	}
	return int32(1 + share*3 + level)
}

func biKey(a, b int32) uint64     { return uint64(uint32(a))<<32 | uint64(uint32(b)) }
func triKey(a, b, c int32) uint64 { return uint64(a)<<42 | uint64(b)<<21 | uint64(c) }

// segInput is one line prepared for the model: syllable ids, shapes, which
// gaps the model decides, and the lexicon spans.
type segInput struct {
	ids      []int32
	shapes   []uint8
	gap      []bool  // gap[i]: toks[i] and toks[i+1] are joinable syllables
	cover    []uint8 // longest lexicon word covering gap i
	coverSrc []uint8 // its source bits
	endAt    []uint8 // longest lexicon word ending at token i
	startAt  []uint8 // longest lexicon word starting at token i
	biBase   []int32 // base index of bigram (i, i+1), -1 if unknown
	triBase  []int32 // base index of trigram (i, i+1, i+2), -1 if unknown
	pair     []int32 // pairCode of (i, i+1)
	lexBi    []bool  // bigram (i, i+1) is a lexicon word
	prefix   []bool  // a lexicon word starts with (i, i+1) (set with bip only)
	dcover   []uint8 // longest dictionary word covering gap i
	keyBuf   []byte
	// cache, when set (inference only: the model is frozen), remembers the
	// id and shape of recently seen syllables by their text.
	cache *sylCache
}

// sylCache is a direct-mapped cache from a syllable's text to its id and
// shape: news text repeats a few thousand syllables, and a hit here costs
// less than the key's folding and the probe of the large vocabulary table
// (a cache miss in memory). Entries are pure functions of the text, so a
// hit gives what the full lookup gives.
type sylCache struct {
	slots [sylCacheSize]sylSlot
}

const (
	sylCacheSize = 1 << 12
	sylTextMax   = 15
)

type sylSlot struct {
	text  [sylTextMax]byte
	n     uint8 // length of text; 0: empty slot
	shape uint8
	id    int32
}

// slot returns the cache slot of a syllable text of 1..sylTextMax bytes.
func (c *sylCache) slot(s string) *sylSlot {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return &c.slots[(h^h>>15)&(sylCacheSize-1)]
}

func (in *segInput) reset(n int) {
	grow := func(s []int32) []int32 {
		if cap(s) < n {
			return make([]int32, n)
		}
		return s[:n]
	}
	in.ids, in.biBase, in.triBase, in.pair = grow(in.ids), grow(in.biBase), grow(in.triBase), grow(in.pair)
	if cap(in.shapes) < n || cap(in.dcover) < n {
		in.shapes, in.cover, in.endAt, in.startAt, in.coverSrc = make([]uint8, n), make([]uint8, n), make([]uint8, n), make([]uint8, n), make([]uint8, n)
		in.dcover = make([]uint8, n)
		in.gap, in.lexBi, in.prefix = make([]bool, n), make([]bool, n), make([]bool, n)
	}
	in.prefix = in.prefix[:n]
	in.shapes, in.cover, in.endAt, in.startAt, in.coverSrc = in.shapes[:n], in.cover[:n], in.endAt[:n], in.startAt[:n], in.coverSrc[:n]
	in.dcover = in.dcover[:n]
	in.gap, in.lexBi = in.gap[:n], in.lexBi[:n]
	for i := range n {
		in.cover[i], in.endAt[i], in.startAt[i], in.gap[i], in.lexBi[i], in.coverSrc[i] = 0, 0, 0, false, false, 0
		in.dcover[i] = 0
	}
}

// tokenClass maps a token that is not a syllable to its class id.
func tokenClass(t *Token) int32 {
	switch t.Kind {
	case KindNumber:
		return symNumber
	case KindCode:
		return symCode
	case KindURL, KindEmail:
		return symURL
	}
	return 0
}

func tokenShape(s string) uint8 {
	r, _ := utf8.DecodeRuneInString(s)
	switch {
	case !unicode.IsLetter(r):
		return shapeOther
	case unicode.IsLower(r):
		return shapeLower
	case isAllUpper(s) && utf8.RuneCountInString(s) > 1:
		return shapeUpper
	}
	return shapeTitle
}

// prepare fills in for the tokens of one line. With add set (training),
// unknown syllables and n-grams are added to the model.
//
// keys and off, when given, hold the tokens' matching keys: token i's key
// is keys[off[i]:off[i+1]-1] (each key is followed by a space).
func (m *segModel) prepare(in *segInput, text string, toks []Token, keys string, off []int32, add func(kind int, key uint64) int32) {
	n := len(toks)
	in.reset(n)
	for i := range toks {
		t := &toks[i]
		var slot *sylSlot
		if c := tokenClass(t); c != 0 {
			in.shapes[i] = tokenShape(t.Text)
			in.ids[i] = c
			continue
		} else if in.cache != nil && add == nil && len(t.Text) <= sylTextMax && t.Text != "" {
			slot = in.cache.slot(t.Text)
			if int(slot.n) == len(t.Text) && string(slot.text[:slot.n]) == t.Text {
				in.shapes[i], in.ids[i] = slot.shape, slot.id
				continue
			}
		}
		in.shapes[i] = tokenShape(t.Text)
		var id int32
		var ok bool
		if m.vix != nil && off != nil {
			k := keys[off[i] : off[i+1]-1]
			if id, ok = strIndexGet(m.vix, k); !ok && add == nil {
				in.keyBuf = append(in.keyBuf[:0], k...)
			}
		} else if in.keyBuf = AppendKey(in.keyBuf[:0], t.Text); m.vix != nil {
			id, ok = m.vix.get(in.keyBuf)
		} else {
			id, ok = m.vocab[string(in.keyBuf)]
		}
		if !ok {
			if add != nil {
				id = int32(len(m.uni))
				m.vocab[string(in.keyBuf)] = id
				m.uni = append(m.uni, add(kindUni, uint64(id)))
			} else if vietnameseSyllable(in.keyBuf) {
				id = symUnknown
			} else {
				id = symForeign
			}
		}
		in.ids[i] = id
		if slot != nil {
			slot.n = uint8(copy(slot.text[:], t.Text))
			slot.shape, slot.id = in.shapes[i], id
		}
	}
	for i := 0; i+1 < n; i++ {
		in.gap[i] = joinable(text, &toks[i], &toks[i+1])
	}
	for i := range n {
		in.biBase[i], in.triBase[i], in.pair[i] = -1, -1, 0
		if i+1 < n {
			k := biKey(in.ids[i], in.ids[i+1])
			if m.bip != nil {
				in.prefix[i] = false
				if v, ok := m.bip.get(in.ids[i], in.ids[i+1]); ok {
					in.pair[i], in.biBase[i] = int32(v&63), int32(v>>6&bipBaseMask)-1
					in.prefix[i] = v&bipPrefix != 0
				}
				goto trigram
			}
			if m.pairs != nil {
				in.pair[i], _ = m.pairs.get(k)
			}
			b, ok := m.bi.get(k)
			if !ok && add != nil && in.gap[i] {
				if b = add(kindBi, k); b >= 0 {
					m.bi.put(k, b)
					ok = true
				}
			}
			if ok {
				in.biBase[i] = b
			}
		}
	trigram:
		if i+2 < n {
			k := triKey(in.ids[i], in.ids[i+1], in.ids[i+2])
			b, ok := m.tri.get(k)
			if !ok && add != nil && (in.gap[i] || in.gap[i+1]) {
				if b = add(kindTri, k); b >= 0 {
					m.tri.put(k, b)
					ok = true
				}
			}
			if ok {
				in.triBase[i] = b
			}
		}
	}
	// Lexicon spans: walk the trie from every syllable over joinable gaps;
	// the first two syllables in one lookup.
	if m.lex != nil {
		for i := 0; i+1 < n; i++ {
			if !in.gap[i] {
				continue
			}
			if m.bip != nil && !in.prefix[i] {
				continue // no lexicon word starts with these two syllables
			}
			node, ok := m.lex.next2(in.ids[i], in.ids[i+1])
			for j := i + 1; ok; {
				src := m.lex.final[node] &^ trieInner
				if src&srcDict != 0 {
					l := uint8(min(j-i+1, maxLexSpan))
					for g := i; g < j; g++ {
						in.dcover[g] = max(in.dcover[g], l)
					}
				}
				if src &^= srcDict; src != 0 {
					l := uint8(min(j-i+1, maxLexSpan))
					if l > in.startAt[i] {
						in.startAt[i] = l
					}
					if l > in.endAt[j] {
						in.endAt[j] = l
					}
					for g := i; g < j; g++ {
						if l > in.cover[g] {
							in.cover[g], in.coverSrc[g] = l, src
						}
					}
					if j == i+1 {
						in.lexBi[i] = true
					}
				}
				j++
				if j >= n || !in.gap[j-1] || m.lex.flagged && m.lex.final[node]&trieInner == 0 {
					break
				}
				node, ok = m.lex.next(node, in.ids[j])
			}
		}
	}
}

// freeze builds the run-time lookup structures; the model must not be
// trained further.
func (m *segModel) freeze() {
	m.vix = newStrIndex(m.vocab)
	m.voc = &Vocab{m: m}
	m.lex.index(len(m.uni))
	m.mergeBigrams()
}

// bipFits reports whether the merged bigram table can hold this model:
// syllable ids in 16 bits, weight bases in 25.
func (m *segModel) bipFits() bool {
	return len(m.uni) <= 0xffff && len(m.w) <= bipBaseMask-1 && m.lex.second != nil
}

// Layout of a bip value: the pair code in the low 6 bits, the bigram's
// weight base + 1 above it, and a flag for pairs that start a lexicon word.
const (
	bipBaseMask = 1<<25 - 1
	bipPrefix   = 1 << 31
)

// mergeBigrams builds m.bip from m.bi, m.pairs and the lexicon trie's
// two-syllable prefixes, when syllable ids fit in 16 bits (else the
// training tables stay in use).
func (m *segModel) mergeBigrams() {
	if !m.bipFits() {
		m.bip = nil
		return
	}
	n := m.bi.n + m.lex.second.len()
	var pairs func(func(uint64, int32))
	if m.pairs != nil {
		n += m.pairs.n
		pairs = m.pairs.each
	}
	m.bip = buildBip(n, pairs, m.bi.each, m.lex.second)
}

// buildBip merges, into a table of about n entries, the pair codes
// (pairs: nil for none), the bigrams' weight bases and the flags of the
// pairs that start a lexicon word (second).
func buildBip(n int, pairs, bi func(func(uint64, int32)), second *pairTable) *pairTable {
	bip := newPairTable(n)
	split := func(k uint64) (int32, int32) { return int32(k >> 32), int32(uint32(k)) }
	if pairs != nil {
		pairs(func(k uint64, code int32) {
			a, b := split(k)
			bip.put(a, b, uint32(code))
		})
	}
	bi(func(k uint64, base int32) {
		a, b := split(k)
		code, _ := bip.get(a, b)
		bip.put(a, b, uint32(base+1)<<6|code)
	})
	second.each(func(a, b int32, _ uint32) {
		v, _ := bip.get(a, b)
		bip.put(a, b, v|bipPrefix)
	})
	return bip
}

// Kinds of weight blocks allocated during training, numbered as in
// internal/segbuild.
const (
	kindUni = segbuild.Unigram
	kindBi  = segbuild.Bigram
	kindTri = segbuild.Trigram
)

// Sources of lexicon words, as bits of the trie's final nodes.
const (
	srcSilver = 1 // an automatically segmented corpus
	srcGold   = 2 // the gold training data
	srcDict   = 4 // a dictionary
)

// features appends the weight indices of gap i's features to dst.
func (m *segModel) features(dst []int32, in *segInput, i int) []int32 {
	n := len(in.ids)
	uni := func(pos int, rel int32) {
		j := i + pos
		id := int32(symStart)
		switch {
		case j >= n:
			id = symEnd
		case j >= 0:
			id = in.ids[j]
		}
		if int(id) < len(m.uni) && m.uni[id] >= 0 {
			// Capitalized occurrences have weights of their own: "Hai" in
			// "anh Hai Địa" is a name, "hai" a number.
			if j >= 0 && j < n && in.shapes[j] == shapeTitle {
				rel += uniPos
			}
			dst = append(dst, m.uni[id]+rel)
		}
	}
	for p := -1; p <= 2; p++ {
		uni(p, int32(p+1))
	}
	for p := -1; p <= 1; p++ {
		if j := i + p; j >= 0 && j+1 < n && in.biBase[j] >= 0 {
			dst = append(dst, in.biBase[j]+int32(p+1))
		}
	}
	for p := -1; p <= 0; p++ {
		if j := i + p; j >= 0 && j+2 < n && in.triBase[j] >= 0 {
			dst = append(dst, in.triBase[j]+int32(p+1))
		}
	}
	sa, sb := int32(in.shapes[i]), int32(in.shapes[i+1])
	pair := sa*numShapes + sb
	dst = append(dst, fBias, fShapePair+pair)
	if i >= 1 {
		dst = append(dst, fShapeTrip+int32(in.shapes[i-1]))
	}
	if i+2 < n {
		dst = append(dst, fShapeTrip+3*numShapes+int32(in.shapes[i+2]))
	}
	c := int32(in.cover[i])
	dst = append(dst, fCoverSrc+int32(in.coverSrc[i]&3)*(maxLexSpan+1)+c)
	dst = append(dst, fCover+c, fEndAt+int32(in.endAt[i]), fStartAt+int32(in.startAt[i+1]), fCoverShape+c*numShapes*numShapes+pair)
	if in.lexBi[i] {
		dst = append(dst, fLexBigram+1)
	} else {
		dst = append(dst, fLexBigram)
	}
	pc := in.pair[i]
	dst = append(dst, fPair+pc, fPairShape+pc*numShapes*numShapes+pair)
	dc := int32(in.dcover[i])
	dst = append(dst, fDictCover+dc, fDictShape+dc*numShapes*numShapes+pair, fDictLex+dc*(maxLexSpan+1)+c)
	return dst
}

// scoreGap is m.score(m.features(nil, in, i)) without the list: the same
// weights added in the same order, so the same float32.
func (m *segModel) scoreGap(in *segInput, i int) float32 {
	n := len(in.ids)
	w := m.w
	var s float32
	for p := -1; p <= 2; p++ {
		j := i + p
		id := int32(symStart)
		switch {
		case j >= n:
			id = symEnd
		case j >= 0:
			id = in.ids[j]
		}
		if int(id) < len(m.uni) && m.uni[id] >= 0 {
			rel := int32(p + 1)
			if j >= 0 && j < n && in.shapes[j] == shapeTitle {
				rel += uniPos
			}
			s += w[m.uni[id]+rel]
		}
	}
	for p := -1; p <= 1; p++ {
		if j := i + p; j >= 0 && j+1 < n && in.biBase[j] >= 0 {
			s += w[in.biBase[j]+int32(p+1)]
		}
	}
	for p := -1; p <= 0; p++ {
		if j := i + p; j >= 0 && j+2 < n && in.triBase[j] >= 0 {
			s += w[in.triBase[j]+int32(p+1)]
		}
	}
	sa, sb := int32(in.shapes[i]), int32(in.shapes[i+1])
	pair := sa*numShapes + sb
	s += w[fBias]
	s += w[fShapePair+pair]
	if i >= 1 {
		s += w[fShapeTrip+int32(in.shapes[i-1])]
	}
	if i+2 < n {
		s += w[fShapeTrip+3*numShapes+int32(in.shapes[i+2])]
	}
	c := int32(in.cover[i])
	s += w[fCoverSrc+int32(in.coverSrc[i]&3)*(maxLexSpan+1)+c]
	s += w[fCover+c]
	s += w[fEndAt+int32(in.endAt[i])]
	s += w[fStartAt+int32(in.startAt[i+1])]
	s += w[fCoverShape+c*numShapes*numShapes+pair]
	if in.lexBi[i] {
		s += w[fLexBigram+1]
	} else {
		s += w[fLexBigram]
	}
	pc := in.pair[i]
	s += w[fPair+pc]
	s += w[fPairShape+pc*numShapes*numShapes+pair]
	dc := int32(in.dcover[i])
	s += w[fDictCover+dc]
	s += w[fDictShape+dc*numShapes*numShapes+pair]
	s += w[fDictLex+dc*(maxLexSpan+1)+c]
	return s
}

func (m *segModel) score(feats []int32) float32 {
	var s float32
	for _, f := range feats {
		s += m.w[f]
	}
	return s
}

// decode sets join for the gaps of one prepared line.
func (m *segModel) decode(in *segInput, join []bool) {
	for i := range join {
		join[i] = false
		if in.gap[i] {
			join[i] = m.scoreGap(in, i) > 0
		}
	}
}

// vietnameseSyllable reports whether a matching key (lowercase, tone at the
// end) has the shape of a Vietnamese syllable: an onset, one to three
// vowels, a coda. Foreign words and names mostly do not.
func vietnameseSyllable(key []byte) bool {
	s := key
	if n := len(s); n > 0 && s[n-1] < 0x08 {
		s = s[:n-1] // the tone mark
	}
	s = s[onsetLen(s):]
	vowels := 0
	for len(s) > 0 {
		r, size := utf8.DecodeRune(s)
		if !isVowel(r) {
			break
		}
		vowels++
		s = s[size:]
	}
	if vowels == 0 || vowels > 3 {
		return false
	}
	switch string(s) {
	case "", "c", "ch", "m", "n", "ng", "nh", "p", "t":
		return true
	}
	return false
}

// onsetLen returns the length in bytes of the initial consonant of s.
func onsetLen(s []byte) int {
	if len(s) == 0 {
		return 0
	}
	two := func(c byte) bool { return len(s) > 1 && s[1] == c }
	switch s[0] {
	case 'n':
		if two('g') {
			if len(s) > 2 && s[2] == 'h' {
				return 3
			}
			return 2
		}
		if two('h') {
			return 2
		}
		return 1
	case 'c', 'k', 'p', 't':
		if two('h') || s[0] == 't' && two('r') {
			return 2
		}
		return 1
	case 'g':
		if two('h') || two('i') && len(s) > 2 && isVowel(rune(s[2])) {
			return 2
		}
		return 1
	case 'q':
		if two('u') {
			return 2
		}
		return 1
	case 'b', 'd', 'h', 'l', 'm', 'r', 's', 'v', 'x':
		return 1
	}
	if strings.HasPrefix(string(s), "đ") {
		return len("đ")
	}
	return 0
}

func isVowel(r rune) bool {
	switch r {
	case 'a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y':
		return true
	}
	return false
}

// LooksVietnamese reports whether a word has the shape of a Vietnamese
// syllable (an onset, one to three vowels, a coda), whatever its tone and
// case: "Nguyễn" does, "James" and "Xinmei" do not.
func LooksVietnamese(word string) bool {
	var buf [32]byte
	return vietnameseSyllable(AppendKey(buf[:0], Normalize(word)))
}

// KeyLooksVietnamese is LooksVietnamese of the word whose matching key
// (AppendKey) is key.
func KeyLooksVietnamese(key string) bool {
	var buf [32]byte
	return vietnameseSyllable(append(buf[:0], key...))
}
