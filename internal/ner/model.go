package ner

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"slices"
	"sync"

	"github.com/vnews/vnews/internal/offheap"
)

// Model is a trained tagger. It is read-only and safe for concurrent use.
type Model struct {
	types []string
	ts    tagSet
	tpl   Templates
	// trans[(prev+1)*nt+y] is the score of tag y after tag prev (-1: start);
	// forbidden transitions are -Inf.
	trans []float32
	final []bool // final[y]: a sequence may end with tag y
	// prevs[y] are the tags that may come before tag y, in order.
	prevs [][]int32
	// The feature table: open addressing over feature keys (a hash with
	// its low 4 bits cleared, never 0). keys[s] is the key in slot s (0:
	// empty) and w[s*nt:(s+1)*nt] its weights: a probe reads keys alone,
	// which is small, and a hit finds its weights at once, with no row
	// number to read first.
	keys  []uint64
	w     []float32
	mask  uint64
	nfeat int

	pool sync.Pool // *scratch
}

// ErrModel wraps errors in model files.
var ErrModel = errors.New("ner: bad model")

const (
	modelMagic   = "VNNERTAG"
	modelVersion = 2 // 2: the feature hashes of features.go (u1, u2, u3)
	maxTypes     = 8
)

// Types returns the entity types of the model, indexed by Span.Type.
func (m *Model) Types() []string { return slices.Clone(m.types) }

// Scheme returns the tagging scheme of the model.
func (m *Model) Scheme() Scheme { return m.ts.scheme }

// Templates returns the feature templates of the model.
func (m *Model) Templates() Templates { return m.tpl }

// Features returns how many features have weights.
func (m *Model) Features() int { return m.nfeat }

// featKey is the table key of a feature hash: its low 4 bits hold a tag in
// the model file, so they are cleared; 0 marks an empty slot.
func featKey(h uint64) uint64 {
	h &^= 15
	if h == 0 {
		h = 16
	}
	return h
}

// pair is one weight: a feature key with the tag in its low 4 bits.
type pair struct {
	key uint64
	w   float32
}

// newModel builds a model from weights sorted by key.
func newModel(types []string, scheme Scheme, tpl Templates, trans []float32, pairs []pair) (*Model, error) {
	if len(types) == 0 || len(types) > maxTypes {
		return nil, fmt.Errorf("%w: %d types", ErrModel, len(types))
	}
	if scheme != BIO && scheme != BILOU {
		return nil, fmt.Errorf("%w: unknown scheme %d", ErrModel, scheme)
	}
	m := &Model{types: slices.Clone(types), ts: newTagSet(scheme, len(types)), tpl: tpl}
	nt := m.ts.n()
	if len(trans) != (nt+1)*nt {
		return nil, fmt.Errorf("%w: %d transition weights for %d tags", ErrModel, len(trans), nt)
	}
	m.trans = slices.Clone(trans)
	m.final = make([]bool, nt)
	m.prevs = make([][]int32, nt)
	for y := range nt {
		m.final[y] = m.ts.final(y)
		for p := -1; p < nt; p++ {
			if !m.ts.allowed(p, y) {
				m.trans[(p+1)*nt+y] = float32(math.Inf(-1))
			} else if p >= 0 {
				m.prevs[y] = append(m.prevs[y], int32(p))
			}
		}
	}
	nf := 0
	for i, p := range pairs {
		if int(p.key&15) >= nt {
			return nil, fmt.Errorf("%w: tag %d out of range", ErrModel, p.key&15)
		}
		if i > 0 && p.key <= pairs[i-1].key {
			return nil, fmt.Errorf("%w: weights not sorted", ErrModel)
		}
		if i == 0 || featKey(p.key) != featKey(pairs[i-1].key) {
			nf++
		}
	}
	size := 16
	for size < 2*nf {
		size *= 2
	}
	// The table lives as long as the model, outside the collected heap.
	m.keys = offheap.Slice[uint64](size, m)
	m.w = offheap.Slice[float32](size*nt, m)
	m.mask = uint64(size - 1)
	m.nfeat = nf
	// The features with the most weights go in first, into their home
	// slots: they are the ones training met most often, so most lookups
	// end at the first probe.
	groups := make([][2]int32, 0, nf) // pairs[g[0]:g[1]] of one feature
	for i := 0; i < len(pairs); {
		j := i + 1
		for j < len(pairs) && featKey(pairs[j].key) == featKey(pairs[i].key) {
			j++
		}
		groups = append(groups, [2]int32{int32(i), int32(j)})
		i = j
	}
	slices.SortStableFunc(groups, func(a, b [2]int32) int { return int(b[1]-b[0]) - int(a[1]-a[0]) })
	for _, g := range groups {
		base := m.insert(featKey(pairs[g[0]].key))
		for _, p := range pairs[g[0]:g[1]] {
			m.w[base+int(p.key&15)] = p.w
		}
	}
	return m, nil
}

// insert adds key k (not yet in the table) and returns the offset of its
// weights in m.w.
func (m *Model) insert(k uint64) int {
	s := (k >> 4) & m.mask
	for m.slotKey(s) != 0 {
		s = (s + 1) & m.mask
	}
	m.keys[s] = k
	b := int(s) * m.ts.n()
	return b
}

// slotKey returns the key in slot s, 0 if it is empty.
func (m *Model) slotKey(s uint64) uint64 {
	return m.keys[s]
}

// find returns the offset in m.w of the weights of feature hash h, -1 if
// it has no weights.
func (m *Model) find(h uint64) int {
	k := featKey(h)
	keys := m.keys
	nt := uint64(m.ts.n())
	for s := (k >> 4) & m.mask; ; s = (s + 1) & m.mask {
		switch keys[s] {
		case k:
			return int(s * nt)
		case 0:
			return -1
		}
	}
}

// addRow adds the weights of feature hash h, if it has any, to e (one
// score per tag).
func (m *Model) addRow(e []float32, h uint64) {
	b := m.find(h)
	if b < 0 {
		return
	}
	w := m.w[b : b+len(e)]
	for y := range e {
		e[y] += w[y]
	}
}

// addRows9 is addRow over feats for nine tags (BILOU over two types), with
// the nine sums kept in registers; each sum adds the same weights in the
// same order as addRow would.
func (m *Model) addRows9(e *[9]float32, feats []uint64) {
	e0, e1, e2, e3, e4, e5, e6, e7, e8 := e[0], e[1], e[2], e[3], e[4], e[5], e[6], e[7], e[8]
	for _, h := range feats {
		b := m.find(h)
		if b < 0 {
			continue
		}
		w := (*[9]float32)(m.w[b : b+9])
		e0 += w[0]
		e1 += w[1]
		e2 += w[2]
		e3 += w[3]
		e4 += w[4]
		e5 += w[5]
		e6 += w[6]
		e7 += w[7]
		e8 += w[8]
	}
	*e = [9]float32{e0, e1, e2, e3, e4, e5, e6, e7, e8}
}

// scratch is the per-call working memory of Tag.
type scratch struct {
	fb    featBuf
	live  []bool
	emit  []float32
	score []float32
	back  []int32
	tags  []int
}

func (m *Model) getScratch() *scratch {
	if s, ok := m.pool.Get().(*scratch); ok {
		return s
	}
	return &scratch{}
}

// Tag returns the spans of toks (one sentence, say), appended to dst.
func (m *Model) Tag(toks []Token, dst []Span) []Span { return m.tag(toks, &noGate, dst) }

// tag is Tag gated by g.
func (m *Model) tag(toks []Token, g *gate, dst []Span) []Span {
	if len(toks) == 0 {
		return dst
	}
	s := m.getScratch()
	n := len(toks)
	if cap(s.live) < n {
		s.live = make([]bool, n)
	}
	live := s.live[:n]
	if !g.live(toks, live) {
		m.pool.Put(s)
		return dst // every token O
	}
	if g.window < 0 {
		live = nil
	}
	s.fb.extract(toks, m.tpl, live)
	nt := m.ts.n()
	if cap(s.emit) < n*nt {
		s.emit = make([]float32, n*nt)
	}
	s.emit = s.emit[:n*nt]
	clear(s.emit)
	ninf := float32(math.Inf(-1))
	for i := range n {
		e := s.emit[i*nt : (i+1)*nt]
		if live != nil && !live[i] {
			for y := 1; y < nt; y++ {
				e[y] = ninf // O only
			}
			continue
		}
		feats := s.fb.feats[s.fb.off[i]:s.fb.off[i+1]]
		if nt == 9 {
			m.addRows9((*[9]float32)(e), feats)
			continue
		}
		for _, h := range feats {
			m.addRow(e, h)
		}
	}
	s.tags = m.viterbi(s, n, live)
	dst = m.ts.decode(dst, s.tags)
	m.pool.Put(s)
	return dst
}

// viterbi returns the best allowed tag sequence given s.emit. A token with
// live[i] false (live nil: none) can only be O: its other tags score -Inf
// whatever came before, so only O's best predecessor is looked for.
func (m *Model) viterbi(s *scratch, n int, live []bool) []int {
	nt := m.ts.n()
	if cap(s.score) < n*nt {
		s.score = make([]float32, n*nt)
		s.back = make([]int32, n*nt)
	}
	score, back := s.score[:n*nt], s.back[:n*nt]
	ninf := float32(math.Inf(-1))
	for y := range nt {
		score[y] = m.trans[y] + s.emit[y]
		back[y] = -1
	}
	for i := 1; i < n; i++ {
		prev := score[(i-1)*nt : i*nt]
		if live != nil && !live[i] {
			best, arg := ninf, int32(0)
			for _, p := range m.prevs[0] {
				if v := prev[p] + m.trans[(int(p)+1)*nt]; v > best {
					best, arg = v, p
				}
			}
			score[i*nt] = best + s.emit[i*nt]
			back[i*nt] = arg
			for y := 1; y < nt; y++ {
				score[i*nt+y] = ninf
				back[i*nt+y] = 0
			}
			continue
		}
		for y := range nt {
			best, arg := ninf, int32(0)
			// Only the allowed previous tags: a forbidden one scores
			// -Inf, which never beats best.
			for _, p := range m.prevs[y] {
				if v := prev[p] + m.trans[(int(p)+1)*nt+y]; v > best {
					best, arg = v, p
				}
			}
			score[i*nt+y] = best + s.emit[i*nt+y]
			back[i*nt+y] = arg
		}
	}
	best, arg := ninf, 0
	for y := range nt {
		if v := score[(n-1)*nt+y]; m.final[y] && v > best {
			best, arg = v, y
		}
	}
	if cap(s.tags) < n {
		s.tags = make([]int, n)
	}
	tags := s.tags[:n]
	for i := n - 1; i >= 0; i-- {
		tags[i] = arg
		arg = int(back[i*nt+arg])
	}
	return tags
}

// pairs returns the model's weights sorted by key, as written to a file.
func (m *Model) pairs() []pair {
	nt := m.ts.n()
	var out []pair
	for s := range uint64(len(m.keys)) {
		k := m.slotKey(s)
		if k == 0 {
			continue
		}
		b := int(s) * nt
		for y, w := range m.w[b : b+nt] {
			if w != 0 {
				out = append(out, pair{key: k | uint64(y), w: w})
			}
		}
	}
	slices.SortFunc(out, func(a, b pair) int {
		switch {
		case a.key < b.key:
			return -1
		case a.key > b.key:
			return 1
		}
		return 0
	})
	return out
}

// The model file, little-endian:
//
//	"VNNERTAG" uint32 version
//	uint8 scheme, uint32 templates, uint8 ntypes, per type uint8 len + bytes
//	(ntags+1)*ntags float32 transitions (row 0: from the start; forbidden ones 0)
//	uvarint npairs, npairs uvarint key deltas (keys sorted: feature | tag),
//	npairs float32 weights
//	uint32 CRC-32 (IEEE) of everything before it

// WriteTo writes the model in its binary format. The same model always
// gives the same bytes.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	var b []byte
	b = append(b, modelMagic...)
	b = binary.LittleEndian.AppendUint32(b, modelVersion)
	b = append(b, byte(m.ts.scheme))
	b = binary.LittleEndian.AppendUint32(b, uint32(m.tpl))
	b = append(b, byte(len(m.types)))
	for _, t := range m.types {
		b = append(b, byte(len(t)))
		b = append(b, t...)
	}
	for _, v := range m.trans {
		if math.IsInf(float64(v), -1) {
			v = 0
		}
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(v))
	}
	ps := m.pairs()
	b = binary.AppendUvarint(b, uint64(len(ps)))
	last := uint64(0)
	for _, p := range ps {
		b = binary.AppendUvarint(b, p.key-last)
		last = p.key
	}
	for _, p := range ps {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(p.w))
	}
	b = binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
	n, err := w.Write(b)
	return int64(n), err
}

// ReadModel reads a model written by WriteTo.
func ReadModel(r io.Reader) (*Model, error) {
	b, err := io.ReadAll(bufio.NewReader(r))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrModel, err)
	}
	return ParseModel(b)
}

// ParseModel reads a model from the bytes of a model file.
func ParseModel(b []byte) (*Model, error) {
	bad := func(msg string) (*Model, error) { return nil, fmt.Errorf("%w: %s", ErrModel, msg) }
	if len(b) < len(modelMagic)+4+4 || string(b[:len(modelMagic)]) != modelMagic {
		return bad("not a tagger model")
	}
	body, sum := b[:len(b)-4], binary.LittleEndian.Uint32(b[len(b)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return bad("checksum mismatch")
	}
	p := body[len(modelMagic):]
	if v := binary.LittleEndian.Uint32(p); v != modelVersion {
		return bad(fmt.Sprintf("version %d, want %d", v, modelVersion))
	}
	p = p[4:]
	if len(p) < 6 {
		return bad("truncated header")
	}
	scheme := Scheme(p[0])
	tpl := Templates(binary.LittleEndian.Uint32(p[1:]))
	nty := int(p[5])
	p = p[6:]
	types := make([]string, 0, nty)
	for range nty {
		if len(p) < 1 || len(p) < 1+int(p[0]) {
			return bad("truncated type names")
		}
		types = append(types, string(p[1:1+int(p[0])]))
		p = p[1+int(p[0]):]
	}
	if nty == 0 || nty > maxTypes || (scheme != BIO && scheme != BILOU) {
		return bad("bad header")
	}
	nt := newTagSet(scheme, nty).n()
	trans := make([]float32, (nt+1)*nt)
	if len(p) < 4*len(trans) {
		return bad("truncated transitions")
	}
	for i := range trans {
		trans[i] = math.Float32frombits(binary.LittleEndian.Uint32(p[4*i:]))
	}
	p = p[4*len(trans):]
	np, k := binary.Uvarint(p)
	if k <= 0 || np > uint64(len(p)) {
		return bad("bad weight count")
	}
	p = p[k:]
	pairs := make([]pair, np)
	last := uint64(0)
	for i := range pairs {
		d, k := binary.Uvarint(p)
		if k <= 0 {
			return bad("truncated keys")
		}
		last += d
		pairs[i].key = last
		p = p[k:]
	}
	if len(p) != 4*len(pairs) {
		return bad("weights do not match the keys")
	}
	for i := range pairs {
		pairs[i].w = math.Float32frombits(binary.LittleEndian.Uint32(p[4*i:]))
	}
	return newModel(types, scheme, tpl, trans, pairs)
}
