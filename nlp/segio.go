package nlp

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// The model file: a magic line, then little-endian sections.
//
//	"VNSEG4\n"
//	u32 numFixed
//	u32 n, then n × (u32 id, u16 len, key bytes)      the vocabulary
//	u32 n, then n × i32                              unigram base per id
//	u32 n, then n × (u64 key, i32 base)              bigrams, sorted by key
//	u32 n, then n × (u64 key, i32 base)              trigrams, sorted by key
//	u32 n, then n × f32                              weights
//	u32 n, then n × (u64 key, i32 child)             lexicon trie edges, sorted by key
//	u32 n, then n bytes                              lexicon trie final-node sources
//	u32 n, then n × (u64 key, i32 code)              silver pair codes, sorted by key
const segMagic = "VNSEG4\n"

// ErrModel reports a model file that cannot be read.
var ErrModel = errors.New("nlp: bad segmentation model")

// writeTo writes the model file (for the trainer, see segbuild.go).
func (m *segModel) writeTo(w io.Writer) (int64, error) {
	bw := bufio.NewWriter(w)
	var n int64
	put := func(v any) {
		binary.Write(bw, binary.LittleEndian, v)
		n += int64(binary.Size(v))
	}
	bw.WriteString(segMagic)
	n += int64(len(segMagic))
	put(uint32(numFixed))
	keys := make([]string, len(m.uni))
	for k, id := range m.vocab {
		keys[id] = k
	}
	put(uint32(len(m.vocab)))
	for id, k := range keys {
		if id < firstSyllableID {
			continue
		}
		put(uint32(id))
		put(uint16(len(k)))
		bw.WriteString(k)
		n += int64(len(k))
	}
	put(uint32(len(m.uni)))
	put(m.uni)
	writeTable := func(t *idTable) {
		type kv struct {
			k uint64
			v int32
		}
		var es []kv
		t.each(func(k uint64, v int32) { es = append(es, kv{k, v}) })
		slices.SortFunc(es, func(a, b kv) int {
			if a.k < b.k {
				return -1
			}
			if a.k > b.k {
				return 1
			}
			return 0
		})
		put(uint32(len(es)))
		for _, e := range es {
			put(e.k)
			put(e.v)
		}
	}
	writeTable(m.bi)
	writeTable(m.tri)
	put(uint32(len(m.w)))
	put(m.w)
	lex, pairs := m.lex, m.pairs
	if lex == nil {
		lex = newSyllableTrie()
	}
	if pairs == nil {
		pairs = newIDTable(0)
	}
	writeTable(lex.edges)
	final := make([]byte, len(lex.final))
	for i, f := range lex.final {
		final[i] = f &^ trieInner
	}
	put(uint32(len(final)))
	put(final)
	writeTable(pairs)
	return n, bw.Flush()
}

// modelReader reads the little-endian sections of a model file held in
// memory; the first error sticks.
type modelReader struct {
	b   []byte
	err error
}

func (r *modelReader) take(n int) []byte {
	if r.err != nil || n < 0 || n > len(r.b) {
		if r.err == nil {
			r.err = fmt.Errorf("%w: truncated", ErrModel)
		}
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *modelReader) u16() uint16 {
	if b := r.take(2); b != nil {
		return binary.LittleEndian.Uint16(b)
	}
	return 0
}

func (r *modelReader) u32() uint32 {
	if b := r.take(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

func (r *modelReader) u64() uint64 {
	if b := r.take(8); b != nil {
		return binary.LittleEndian.Uint64(b)
	}
	return 0
}

// count reads a section length and checks that the section fits.
func (r *modelReader) count(entrySize int) int {
	c := int(r.u32())
	if r.err == nil && c*entrySize > len(r.b) {
		r.err = fmt.Errorf("%w: section of %d entries is truncated", ErrModel, c)
		return 0
	}
	return c
}

func (r *modelReader) table() *idTable {
	c := r.count(12)
	t := newIDTable(c)
	for range c {
		k := r.u64()
		t.put(k, int32(r.u32()))
	}
	return t
}

// readSegModel reads a model written by writeTo.
func readSegModel(in io.Reader) (*segModel, error) {
	data, err := io.ReadAll(in)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrModel, err)
	}
	return parseSegModel(data)
}

// parseSegModel reads a model from memory.
func parseSegModel(data []byte) (*segModel, error) {
	if !bytes.HasPrefix(data, []byte(segMagic)) {
		return nil, fmt.Errorf("%w: not a model file", ErrModel)
	}
	r := &modelReader{b: data[len(segMagic):]}
	if nf := r.u32(); r.err == nil && nf != numFixed {
		return nil, fmt.Errorf("%w: %d fixed features, this build has %d", ErrModel, nf, numFixed)
	}
	m := &segModel{}
	// The syllables go straight into the run-time index, and the bigram
	// and pair tables are read where they lie, for the merged table
	// (mergeBigrams): no map or table is built only to be dropped.
	nv := r.count(6)
	m.vix = newStrIndexSize(nv)
	m.voc = &Vocab{m: m}
	for range nv {
		id := r.u32()
		m.vix.put(r.take(int(r.u16())), int32(id))
	}
	m.uni = make([]int32, r.count(4))
	for i := range m.uni {
		m.uni[i] = int32(r.u32())
	}
	bi := r.rawTable()
	m.tri = r.table()
	m.w = make([]float32, r.count(4))
	for i := range m.w {
		m.w[i] = math.Float32frombits(r.u32())
	}
	m.lex = &syllableTrie{edges: r.table()}
	m.lex.final = append([]uint8(nil), r.take(r.count(1))...)
	pairs := r.rawTable()
	if r.err != nil {
		return nil, r.err
	}
	var err error
	for _, base := range m.uni {
		if base >= 0 && int(base)+uniWidth > len(m.w) {
			return nil, fmt.Errorf("%w: weight index out of range", ErrModel)
		}
	}
	for i, each := range []func(func(uint64, int32)){bi.each, m.tri.each} {
		width := [...]int{biWidth, triWidth}[i]
		each(func(_ uint64, v int32) {
			if v < 0 || int(v)+width > len(m.w) {
				err = fmt.Errorf("%w: weight index out of range", ErrModel)
			}
		})
	}
	if err != nil {
		return nil, err
	}
	for _, f := range m.w {
		if math.IsNaN(float64(f)) || math.IsInf(float64(f), 0) {
			return nil, fmt.Errorf("%w: weight is not a number", ErrModel)
		}
	}
	m.lex.edges.each(func(_ uint64, child int32) {
		if child < 0 || int(child) >= len(m.lex.final) {
			err = fmt.Errorf("%w: trie node out of range", ErrModel)
		}
	})
	if err != nil {
		return nil, err
	}
	// A loaded model is never written again: the pairs and bigrams live
	// in bip (the bigrams in bi only where bip cannot hold them).
	m.lex.index(len(m.uni))
	if m.bipFits() {
		m.bip = buildBip(bi.len()+pairs.len()+m.lex.second.len(), pairs.each, bi.each, m.lex.second)
	} else {
		m.bi = bi.idTable()
	}
	return m, nil
}

// rawTable is a table section of a model file as it is stored: entries of
// a uint64 key and an int32 value, read in place.
type rawTable []byte

// rawTable reads a table section without building its table.
func (r *modelReader) rawTable() rawTable {
	return rawTable(r.take(12 * r.count(12)))
}

func (t rawTable) len() int { return len(t) / 12 }

// each calls fn for every entry, as idTable.each does: key 0, which a
// table cannot hold, is left out.
func (t rawTable) each(fn func(k uint64, v int32)) {
	for b := []byte(t); len(b) >= 12; b = b[12:] {
		if k := binary.LittleEndian.Uint64(b); k != 0 {
			fn(k, int32(binary.LittleEndian.Uint32(b[8:])))
		}
	}
}

func (t rawTable) idTable() *idTable {
	it := newIDTable(t.len())
	t.each(it.put)
	return it
}
