package nlp

import "github.com/vnews/vnews/internal/offheap"

// idTable is an open-addressing hash table from uint64 keys to int32
// values, smaller and faster than a Go map for the model's n-gram tables.
// Key 0 is reserved as "empty"; keys are never 0 because syllable ids start
// at 1. It is not safe for concurrent writes; reads are safe once built.
type idTable struct {
	slots []idSlot // key and value side by side: one cache line per probe
	n     int
	mask  uint64
}

type idSlot struct {
	key uint64
	val int32
}

// newIDTable returns a table for capacity entries. Its slots are outside
// the collected heap (see internal/offheap): a model's tables live as long
// as the model.
func newIDTable(capacity int) *idTable {
	size := idTableSize(capacity)
	t := &idTable{mask: uint64(size - 1)}
	t.slots = offheap.Slice[idSlot](size, t)
	return t
}

// idTableSize is the number of slots for capacity entries: a power of two,
// at most 2/3 full.
func idTableSize(capacity int) int {
	size := 16
	for size*2 < capacity*3 {
		size <<= 1
	}
	return size
}

func hashKey(k uint64) uint64 {
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	k ^= k >> 33
	k *= 0xc4ceb9fe1a85ec53
	k ^= k >> 33
	return k
}

func (t *idTable) get(k uint64) (int32, bool) {
	for i := hashKey(k) & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		switch s.key {
		case k:
			return s.val, true
		case 0:
			return 0, false
		}
	}
}

func (t *idTable) put(k uint64, v int32) {
	if (t.n+1)*3 > len(t.slots)*2 {
		t.grow()
	}
	for i := hashKey(k) & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		switch s.key {
		case k:
			s.val = v
			return
		case 0:
			s.key, s.val = k, v
			t.n++
			return
		}
	}
}

// grow doubles the table, on the heap: only a table being built grows.
func (t *idTable) grow() {
	old := t.slots
	size := idTableSize(len(old))
	t.slots, t.mask, t.n = make([]idSlot, size), uint64(size-1), 0
	for _, s := range old {
		if s.key != 0 {
			t.put(s.key, s.val)
		}
	}
}

// each calls fn for every entry, in table order.
func (t *idTable) each(fn func(k uint64, v int32)) {
	for _, s := range t.slots {
		if s.key != 0 {
			fn(s.key, s.val)
		}
	}
}

// syllableTrie is a trie of words over syllable ids.
type syllableTrie struct {
	edges *idTable // (node, syllable id) → child node
	final []uint8  // node ends a word: which sources it comes from (bits), 0 if none
	root  []int32  // syllable id → child of the root, 0 if none: the first step without hashing
	// second maps the first two syllables of words to their node, in a
	// table small enough to stay in cache (nil when ids do not fit).
	second *pairTable
	// flagged: index has set trieInner on the nodes with children.
	flagged bool
}

// trieInner marks, in final, a node with children (set by index; never
// written to a model file).
const trieInner = 0x80

func newSyllableTrie() *syllableTrie {
	return &syllableTrie{edges: newIDTable(1024), final: []uint8{0}}
}

func trieKey(node, id int32) uint64 { return uint64(uint32(node)+1)<<32 | uint64(uint32(id)) }

func (t *syllableTrie) next(node, id int32) (int32, bool) {
	if node == 0 && t.root != nil {
		if int(id) < len(t.root) && t.root[id] != 0 {
			return t.root[id], true
		}
		return 0, false
	}
	return t.edges.get(trieKey(node, id))
}

// index builds the root array and the two-syllable table over syllable
// ids below n.
func (t *syllableTrie) index(n int) {
	root := make([]int32, n)
	t.edges.each(func(k uint64, child int32) {
		if k>>32 == 1 { // edges of node 0
			if id := int(uint32(k)); id < n {
				root[id] = child
			}
		}
	})
	t.root = root
	// Flag the nodes that have children: a walk stops at the others
	// without a lookup.
	t.edges.each(func(k uint64, _ int32) {
		t.final[int32(k>>32)-1] |= trieInner
	})
	t.flagged = true
	t.second = nil
	if n > 0xffff {
		return
	}
	second := newPairTable(len(t.final) / 2)
	// Edges out of the root's children, found by scanning all edges once.
	parent := make(map[int32]int32, n)
	for a, node := range root {
		if node != 0 {
			parent[node] = int32(a)
		}
	}
	t.edges.each(func(k uint64, child int32) {
		from := int32(k>>32) - 1
		if a, ok := parent[from]; ok {
			second.put(a, int32(uint32(k)), uint32(child))
		}
	})
	t.second = second
}

// next2 returns the node of the two-syllable prefix (a, b).
func (t *syllableTrie) next2(a, b int32) (int32, bool) {
	if t.second != nil {
		v, ok := t.second.get(a, b)
		return int32(v), ok
	}
	n, ok := t.next(0, a)
	if !ok {
		return 0, false
	}
	return t.next(n, b)
}

// add inserts a word given as syllable ids, from sources src (bits).
func (t *syllableTrie) add(ids []int32, src uint8) {
	node := int32(0)
	for _, id := range ids {
		next, ok := t.next(node, id)
		if !ok {
			next = int32(len(t.final))
			t.final = append(t.final, 0)
			t.edges.put(trieKey(node, id), next)
		}
		node = next
	}
	t.final[node] |= src
}

// strIndex maps short byte strings (syllable keys) to ids: open addressing
// over 64-bit FNV-1a hashes, the keys kept in one pool. It is faster than a
// Go map for the segmenter's one lookup per token, and read-only once built.
type strIndex struct {
	slots []strSlot
	pool  []byte
	mask  uint64
}

type strSlot struct {
	hash     uint64
	off      uint32
	len      uint16
	occupied bool
	id       int32
}

func fnv1a[S ~string | ~[]byte](b S) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(b); i++ {
		h ^= uint64(b[i])
		h *= 1099511628211
	}
	return h
}

func newStrIndex(m map[string]int32) *strIndex {
	x := newStrIndexSize(len(m))
	for k, id := range m {
		x.put([]byte(k), id)
	}
	return x
}

// newStrIndexSize returns an empty index for n keys.
func newStrIndexSize(n int) *strIndex {
	size := 16
	for size*2 < n*3 {
		size <<= 1
	}
	return &strIndex{slots: make([]strSlot, size), mask: uint64(size - 1)}
}

// put adds key with id, or gives an existing key the new id. Keys longer
// than 0xffff bytes are not kept. The index does not grow: it is made for
// the number of keys it takes.
func (x *strIndex) put(key []byte, id int32) {
	if len(key) > 0xffff {
		return
	}
	h := fnv1a(key)
	i := h & x.mask
	for ; x.slots[i].occupied; i = (i + 1) & x.mask {
		if s := x.slots[i]; s.hash == h && string(x.pool[s.off:s.off+uint32(s.len)]) == string(key) {
			x.slots[i].id = id
			return
		}
	}
	x.slots[i] = strSlot{hash: h, off: uint32(len(x.pool)), len: uint16(len(key)), occupied: true, id: id}
	x.pool = append(x.pool, key...)
}

func (x *strIndex) get(key []byte) (int32, bool) { return strIndexGet(x, key) }

// strIndexGet looks up a key given as a string or as bytes.
func strIndexGet[S ~string | ~[]byte](x *strIndex, key S) (int32, bool) {
	h := fnv1a(key)
	for i := h & x.mask; ; i = (i + 1) & x.mask {
		s := &x.slots[i]
		if !s.occupied {
			return 0, false
		}
		if s.hash == h && int(s.len) == len(key) && string(x.pool[s.off:s.off+uint32(s.len)]) == string(key) {
			return s.id, true
		}
	}
}

// pairTable maps pairs of 16-bit ids to 32-bit values in 8-byte slots (key
// in the high half, value in the low half): half the memory of idTable, so
// more of it stays in cache. Both ids must be in [1, 65535].
type pairTable struct {
	slots []uint64
	mask  uint64
}

func newPairTable(capacity int) *pairTable {
	size := 16
	for size*2 < capacity*3 {
		size <<= 1
	}
	t := &pairTable{mask: uint64(size - 1)}
	t.slots = offheap.Slice[uint64](size, t)
	return t
}

func pairSlotKey(a, b int32) uint64 { return uint64(uint16(a))<<48 | uint64(uint16(b))<<32 }

func (t *pairTable) get(a, b int32) (uint32, bool) {
	k := pairSlotKey(a, b)
	for i := hashKey(k) & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		switch {
		case s&^0xffffffff == k:
			return uint32(s), true
		case s == 0:
			return 0, false
		}
	}
}

// len returns the number of entries.
func (t *pairTable) len() int {
	n := 0
	for _, s := range t.slots {
		if s != 0 {
			n++
		}
	}
	return n
}

// each calls fn for every entry.
func (t *pairTable) each(fn func(a, b int32, v uint32)) {
	for _, s := range t.slots {
		if s != 0 {
			fn(int32(uint16(s>>48)), int32(uint16(s>>32)), uint32(s))
		}
	}
}

func (t *pairTable) put(a, b int32, v uint32) {
	k := pairSlotKey(a, b)
	for i := hashKey(k) & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s == 0 || s&^0xffffffff == k {
			t.slots[i] = k | uint64(v)
			return
		}
	}
}
