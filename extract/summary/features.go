package summary

import (
	"math"
	"slices"
	"strings"

	"github.com/vnews/vnews/nlp"
)

// The features of a candidate sentence. The summarizer scores a sentence
// by a linear model over them (model.txt, trained by `vnews-train
// summary`). Groups name the parts that --explain reports.
var featureNames = []string{
	"bias",
	// position among the candidates
	"pos0", "pos1", "pos2", "pos3", "pos4", "pos5_6", "pos7_9", "pos10_",
	"relpos", "para_first",
	// length in syllables
	"len_lt10", "len10_19", "len20_29", "len30_39", "len40_54", "len55_", "loglen",
	// centrality and the title
	"centroid", "centroid_rank", "title_cos", "title_recall", "title_bigrams",
	// content
	"idf_mean", "numbers", "entities", "quote", "connective", "date_start", "question", "colon",
}

// featureGroup maps each feature to the part of the score it explains.
var featureGroup = map[string]string{
	"bias": "other",
	"pos0": "position", "pos1": "position", "pos2": "position", "pos3": "position", "pos4": "position",
	"pos5_6": "position", "pos7_9": "position", "pos10_": "position", "relpos": "position", "para_first": "position",
	"len_lt10": "length", "len10_19": "length", "len20_29": "length", "len30_39": "length", "len40_54": "length",
	"len55_": "length", "loglen": "length",
	"centroid": "centrality", "centroid_rank": "centrality",
	"title_cos": "title", "title_recall": "title", "title_bigrams": "title",
	"idf_mean": "other", "numbers": "other", "entities": "entities", "quote": "other", "connective": "other",
	"date_start": "other", "question": "other", "colon": "other",
}

const nFeatures = 31

func init() {
	if len(featureNames) != nFeatures {
		panic("summary: feature list and nFeatures disagree")
	}
}

// connectives open a sentence that leans on the one before it.
var connectives = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{"tuy nhiên", "trước đó", "sau đó", "ngoài ra", "bên cạnh đó", "đồng thời", "do đó",
		"vì vậy", "vì thế", "theo đó", "cũng theo", "trong khi đó", "mặt khác", "thêm vào đó", "hơn nữa", "tiếp đó",
		"sau khi", "khi đó", "lúc này", "hiện", "hiện nay", "riêng", "còn", "nhưng", "và", "cùng ngày", "trong đó"} {
		m[nlp.Key(w)] = true
	}
	return m
}()

// dateWords open a lead's dateline: "Ngày 16/8, ...", "Sáng 3-5, ...".
var dateWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{"ngày", "sáng", "chiều", "tối", "trưa", "đêm", "hôm", "rạng", "khuya", "tháng", "năm"} {
		m[nlp.Key(w)] = true
	}
	return m
}()

// docTerms holds a document's candidate sentences as term lists: every
// distinct syllable key of the document gets a small id, so similarities
// are sums over slices, with no map per sentence.
type docTerms struct {
	tok    []int32    // term id of every token, -1 for punctuation
	idf    []float64  // by term id
	sents  [][]termTF // by candidate, sorted by id
	norms  []float64  // tf-idf norm of each candidate
	length []int      // syllables (word, number and code tokens) of each candidate
	// The title's terms (by term id; nil without a title), how many, the
	// square of their idf norm (summed in title order), and its bigrams.
	title  []bool
	titleN int
	// Working arrays kept with the table for the next document.
	scratch    []int32
	slab       []termTF
	titleMem   []bool
	titleNorm2 float64
	titleB     map[[2]int32]bool
}

// termTF is a term of a sentence and its count, in 8 bytes (a long
// document has millions); counts are small integers, exact in float32.
type termTF struct {
	id int32
	tf float32
}

// termTable is the working memory of termsOf, pooled by the Summarizer (one
// per goroutine at a time): the numbering of a document's terms, emptied in
// O(1) for the next document, and a cache of the model's idf values by key.
// It numbers the distinct keys of one document in order of first
// occurrence: open addressing over FNV hashes, the keys themselves read from
// the document's key string, entries of older documents told apart by a
// generation number.
type termTable struct {
	slots []termSlot
	gen   uint32
	n     int
	idf   [idfCacheSize]idfSlot
	dt    docTerms // the terms termsOf makes, valid until the table is put back
	// Term ids by key id (resetIDs, idOf): idTerm[k] is valid when
	// idGen[k] is the current generation.
	vocab  *nlp.Vocab
	idGen  []uint32
	idTerm []int32
}

// getTables returns a termTable for one document, to give back with
// putTables once its docTerms are no longer used.
func (s *Summarizer) getTables() *termTable {
	if s.tables != nil {
		return s.tables.Get().(*termTable)
	}
	return new(termTable)
}

func (s *Summarizer) putTables(tt *termTable) {
	if s.tables != nil && len(tt.dt.tok) <= maxPooledTokens {
		s.tables.Put(tt)
	}
}

// maxPooledTokens bounds the documents whose working memory is kept for
// the next one.
const maxPooledTokens = 1 << 16

// reset empties dt for a document of n tokens and c candidate sentences,
// its arrays reused.
func (dt *docTerms) reset(n, c int) {
	dt.tok = grow(dt.tok, n)
	dt.idf = slices.Grow(dt.idf[:0], min(n/2+16, 1024))
	dt.sents = grow(dt.sents, c)
	dt.norms = grow(dt.norms, c)
	dt.length = grow(dt.length, c)
	if dt.title != nil {
		dt.titleMem = dt.title
	}
	dt.title, dt.titleN, dt.titleNorm2 = nil, 0, 0
	clear(dt.titleB)
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

type termSlot struct {
	hash, gen uint32
	off, len  int32 // the key in the document's key string
	id        int32
}

// idfSlot caches the idf of one short key (direct-mapped).
type idfSlot struct {
	key [15]byte
	n   uint8 // key length; 0: empty
	idf float64
}

const idfCacheSize = 1 << 12

// reset prepares the table for a document of n tokens. It starts small
// (distinct terms are far fewer than tokens) and grows as terms come; a
// table that grew for a book-sized text is given back.
func (t *termTable) reset(n int) {
	size := 1024
	for size < 2*min(n, 4096) {
		size <<= 1
	}
	if len(t.slots) < size || len(t.slots) > 1<<16 || t.gen == math.MaxUint32 {
		t.slots, t.gen = make([]termSlot, size), 0
		clear(t.idGen) // its generations start again too
	}
	t.gen++
	t.n = 0
}

func fnv32(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// id returns the term id of key keys[off:off+n] and whether it was new.
func (t *termTable) id(keys string, off, n int) (int32, bool) {
	k := keys[off : off+n]
	h := fnv32(k)
	mask := uint32(len(t.slots) - 1)
	for i := (h ^ h>>16) & mask; ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.gen != t.gen {
			*sl = termSlot{hash: h, gen: t.gen, off: int32(off), len: int32(n), id: int32(t.n)}
			t.n++
			if 2*t.n > len(t.slots) { // keep the table at most half full
				t.grow(keys)
			}
			return int32(t.n - 1), true
		}
		if sl.hash == h && int(sl.len) == n && keys[sl.off:sl.off+sl.len] == k {
			return sl.id, false
		}
	}
}

// grow doubles the table, keeping the current document's entries.
func (t *termTable) grow(keys string) {
	old := t.slots
	t.slots = make([]termSlot, 2*len(old))
	mask := uint32(len(t.slots) - 1)
	for _, sl := range old {
		if sl.gen != t.gen {
			continue
		}
		i := (sl.hash ^ sl.hash>>16) & mask
		for t.slots[i].gen == t.gen {
			i = (i + 1) & mask
		}
		t.slots[i] = sl
	}
}

// resetIDs prepares the table's term ids by key id for a document whose
// key ids are v's (see nlp.Document.KeyIDs).
func (t *termTable) resetIDs(v *nlp.Vocab) {
	if t.vocab != v || len(t.idGen) != v.Len() {
		t.vocab, t.idGen, t.idTerm = v, make([]uint32, v.Len()), make([]int32, v.Len())
	}
}

// idOf returns the term id of the key with key id k and whether it is new:
// the same numbering as id, the terms taken in the same order, without
// hashing the key.
func (t *termTable) idOf(k int32) (int32, bool) {
	if t.idGen[k] == t.gen {
		return t.idTerm[k], false
	}
	t.idGen[k], t.idTerm[k] = t.gen, int32(t.n)
	t.n++
	return int32(t.n - 1), true
}

// vocabIDFs are the idf of every key of a vocabulary, by key id.
type vocabIDFs struct {
	idf []float64
}

// vocabIDF returns s's idf by key id of v, made on first use; nil for a
// nil v.
func (s *Summarizer) vocabIDF(v *nlp.Vocab) *vocabIDFs {
	if v == nil || s.vocab == nil {
		return nil
	}
	if t, ok := s.vocab.Load(v); ok {
		return t.(*vocabIDFs)
	}
	t := &vocabIDFs{idf: make([]float64, v.Len())}
	v.Each(func(id int32, key string) { t.idf[id] = s.idf(key) })
	actual, _ := s.vocab.LoadOrStore(v, t)
	return actual.(*vocabIDFs)
}

// idfOf is s.idf(key), from the cache for short keys.
func (t *termTable) idfOf(s *Summarizer, key string) float64 {
	if len(key) == 0 || len(key) > len(t.idf[0].key) {
		return s.idf(key)
	}
	h := fnv32(key)
	e := &t.idf[(h^h>>16)&(idfCacheSize-1)]
	if int(e.n) == len(key) && string(e.key[:e.n]) == key {
		return e.idf
	}
	v := s.idf(key)
	e.n, e.idf = uint8(copy(e.key[:], key)), v
	return v
}

func (s *Summarizer) termsOf(doc *nlp.Document, cands []int, tt *termTable) *docTerms {
	keys, off := doc.Keys()
	tt.reset(len(doc.Tokens))
	ids, v := doc.KeyIDs()
	vt := s.vocabIDF(v)
	if vt != nil {
		tt.resetIDs(v)
	}
	dt := &tt.dt
	dt.reset(len(doc.Tokens), len(cands))
	// Every term token of the document gets its term id, once.
	for i := range doc.Tokens {
		if k := doc.Tokens[i].Kind; k != nlp.KindWord && k != nlp.KindNumber && k != nlp.KindCode {
			dt.tok[i] = -1
			continue
		}
		var x int32
		var isNew bool
		if vt != nil && ids[i] != 0 {
			// The segmenter's id of the key: no hashing of the key again.
			x, isNew = tt.idOf(ids[i])
			if isNew {
				dt.idf = append(dt.idf, vt.idf[ids[i]])
			}
		} else {
			x, isNew = tt.id(keys, int(off[i]), int(off[i+1]-1-off[i]))
			if isNew {
				dt.idf = append(dt.idf, tt.idfOf(s, keys[off[i]:off[i+1]-1]))
			}
		}
		dt.tok[i] = x
	}
	// Every sentence's terms in one array: a sentence has no more terms
	// than term tokens.
	total, longest := 0, 0
	for _, si := range cands {
		st := doc.Sentences[si]
		total += st.TokEnd - st.TokStart
		longest = max(longest, st.TokEnd-st.TokStart)
	}
	scratch := slices.Grow(dt.scratch[:0], longest)
	slab := slices.Grow(dt.slab[:0], total)
	for ci, si := range cands {
		st := doc.Sentences[si]
		scratch = scratch[:0]
		for i := st.TokStart; i < st.TokEnd; i++ {
			if dt.tok[i] >= 0 {
				scratch = append(scratch, dt.tok[i])
			}
		}
		dt.length[ci] = len(scratch)
		from := len(slab)
		slab = appendTerms(slab, scratch)
		dt.sents[ci] = slab[from:len(slab):len(slab)]
		var n float64
		for _, t := range dt.sents[ci] {
			w := float64(t.tf) * dt.idf[t.id]
			n += w * w
		}
		dt.norms[ci] = math.Sqrt(n)
	}
	dt.scratch, dt.slab = scratch, slab
	if !doc.Title.IsZero() {
		dt.title = grow(dt.titleMem, len(dt.idf))
		clear(dt.title)
		for _, st := range doc.Sentences {
			if st.Role != nlp.RoleTitle {
				continue
			}
			if dt.titleB == nil {
				dt.titleB = make(map[[2]int32]bool, st.TokEnd-st.TokStart)
			}
			prev := int32(-1)
			for i := st.TokStart; i < st.TokEnd; i++ {
				x := dt.tok[i]
				if x < 0 {
					prev = -1
					continue
				}
				if !dt.title[x] {
					dt.titleN++
					w := dt.idf[x]
					dt.titleNorm2 += w * w
				}
				dt.title[x] = true
				if prev >= 0 {
					dt.titleB[[2]int32{prev, x}] = true
				}
				prev = x
			}
			break
		}
	}
	return dt
}

// descending orders floats from the greatest, as a stable sort with the
// less function x > y does (NaN is equal to everything).
func descending(x, y float64) int {
	switch {
	case x > y:
		return -1
	case x < y:
		return 1
	}
	return 0
}

// appendTerms sorts ids and appends them to out as (id, count) pairs.
func appendTerms(out []termTF, ids []int32) []termTF {
	sortInt32(ids)
	for i := 0; i < len(ids); {
		j := i
		for j < len(ids) && ids[j] == ids[i] {
			j++
		}
		out = append(out, termTF{id: ids[i], tf: float32(j - i)})
		i = j
	}
	return out
}

func sortInt32(a []int32) {
	// insertion sort for short slices, else a simple heap-free quicksort
	if len(a) < 24 {
		for i := 1; i < len(a); i++ {
			for j := i; j > 0 && a[j] < a[j-1]; j-- {
				a[j], a[j-1] = a[j-1], a[j]
			}
		}
		return
	}
	p := a[len(a)/2]
	i, j := 0, len(a)-1
	for i <= j {
		for a[i] < p {
			i++
		}
		for a[j] > p {
			j--
		}
		if i <= j {
			a[i], a[j] = a[j], a[i]
			i++
			j--
		}
	}
	sortInt32(a[:j+1])
	sortInt32(a[i:])
}

// cosine is the tf-idf cosine of candidates a and b.
func (dt *docTerms) cosine(a, b int) float64 {
	if dt.norms[a] == 0 || dt.norms[b] == 0 {
		return 0
	}
	x, y := dt.sents[a], dt.sents[b]
	var dot float64
	for i, j := 0, 0; i < len(x) && j < len(y); {
		switch {
		case x[i].id < y[j].id:
			i++
		case x[i].id > y[j].id:
			j++
		default:
			w := dt.idf[x[i].id]
			dot += float64(x[i].tf) * float64(y[j].tf) * w * w
			i++
			j++
		}
	}
	return dot / (dt.norms[a] * dt.norms[b])
}

// features fills one row per candidate. entities, if set, gives the number
// of named entities in sentence i.
func (s *Summarizer) features(doc *nlp.Document, cands []int, dt *docTerms, entities func(int) int) [][nFeatures]float64 {
	rows := make([][nFeatures]float64, len(cands))
	// The centroid of all candidates, tf-idf weighted.
	centroid := make([]float64, len(dt.idf))
	for _, terms := range dt.sents {
		for _, t := range terms {
			centroid[t.id] += float64(t.tf) * dt.idf[t.id]
		}
	}
	var cn float64
	for _, v := range centroid {
		cn += v * v
	}
	cn = math.Sqrt(cn)
	cent := make([]float64, len(cands))
	for ci, terms := range dt.sents {
		if dt.norms[ci] == 0 || cn == 0 {
			continue
		}
		var dot float64
		for _, t := range terms {
			dot += float64(t.tf) * dt.idf[t.id] * centroid[t.id]
		}
		cent[ci] = dot / (dt.norms[ci] * cn)
	}
	// Rank of each candidate by centrality, as a share: 1 for the most central.
	rank := make([]float64, len(cands))
	order := make([]int, len(cands))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return descending(cent[a], cent[b]) })
	for pos, ci := range order {
		if len(cands) > 1 {
			rank[ci] = 1 - float64(pos)/float64(len(cands)-1)
		} else {
			rank[ci] = 1
		}
	}
	keys, off := doc.Keys()
	key := func(i int) string { return keys[off[i] : off[i+1]-1] }
	prevPara := -1
	for ci, si := range cands {
		r := &rows[ci]
		st := doc.Sentences[si]
		r[0] = 1
		switch {
		case ci <= 4:
			r[1+ci] = 1
		case ci <= 6:
			r[6] = 1
		case ci <= 9:
			r[7] = 1
		default:
			r[8] = 1
		}
		if len(cands) > 1 {
			r[9] = float64(ci) / float64(len(cands)-1)
		}
		if st.Paragraph != prevPara {
			r[10] = 1
		}
		prevPara = st.Paragraph
		n := dt.length[ci]
		switch {
		case n < 10:
			r[11] = 1
		case n < 20:
			r[12] = 1
		case n < 30:
			r[13] = 1
		case n < 40:
			r[14] = 1
		case n < 55:
			r[15] = 1
		default:
			r[16] = 1
		}
		r[17] = math.Log1p(float64(n))
		r[18] = cent[ci]
		r[19] = rank[ci]
		if dt.title != nil && dt.norms[ci] > 0 {
			var dot float64
			hit := 0
			for _, t := range dt.sents[ci] {
				if dt.title[t.id] {
					w := dt.idf[t.id]
					dot += float64(t.tf) * w * w
					hit++
				}
			}
			tn := dt.titleNorm2
			if tn > 0 {
				r[20] = dot / (dt.norms[ci] * math.Sqrt(tn))
			}
			r[21] = float64(hit) / float64(max(dt.titleN, 1))
			// Title bigrams the sentence repeats.
			b := 0
			prev := int32(-1)
			for i := st.TokStart; i < st.TokEnd; i++ {
				t := &doc.Tokens[i]
				if !(t.Kind == nlp.KindWord || t.Kind == nlp.KindNumber || t.Kind == nlp.KindCode) {
					prev = -1
					continue
				}
				x := dt.tok[i]
				if prev >= 0 && dt.titleB[[2]int32{prev, x}] {
					b++
				}
				prev = x
			}
			r[22] = float64(b) / float64(max(len(dt.titleB), 1))
		}
		var idfSum float64
		numbers := 0
		for _, t := range dt.sents[ci] {
			idfSum += float64(t.tf) * dt.idf[t.id]
		}
		for i := st.TokStart; i < st.TokEnd; i++ {
			if k := doc.Tokens[i].Kind; k == nlp.KindNumber || k == nlp.KindCode {
				numbers++
			}
		}
		if n > 0 {
			r[23] = idfSum / float64(n) / s.maxIDF
			r[24] = math.Min(float64(numbers)/float64(n)*5, 1)
		}
		if entities != nil && n > 0 {
			r[25] = math.Min(float64(entities(si))/float64(n)*5, 1)
		}
		text := doc.Text[st.Start:st.End]
		for _, q := range []string{"“", "”", "\""} {
			if strings.Contains(text, q) {
				r[26] = 1
				break
			}
		}
		first := st.TokStart
		for first < st.TokEnd && doc.Tokens[first].Kind == nlp.KindPunct {
			first++
		}
		if first < st.TokEnd {
			if connectives[key(first)] || first+1 < st.TokEnd && connectives[keys[off[first]:off[first+2]-1]] {
				r[27] = 1
			}
			if dateWords[key(first)] && first+1 < st.TokEnd && (doc.Tokens[first+1].Kind == nlp.KindNumber || doc.Tokens[first+1].Kind == nlp.KindCode ||
				first+2 < st.TokEnd && doc.Tokens[first+2].Kind == nlp.KindNumber) {
				r[28] = 1
			}
		}
		if last := text[len(text)-1]; last == '?' {
			r[29] = 1
		}
		if strings.Contains(text, ":") {
			r[30] = 1
		}

	}
	return rows
}

// FeatureNames lists the model's features in row order.
func FeatureNames() []string { return append([]string(nil), featureNames...) }

// Features returns the candidate sentences of doc (indices into
// doc.Sentences) and the feature row of each, for training a model.
func (s *Summarizer) Features(doc *nlp.Document, opt Options) ([]int, [][]float64) {
	cands := candidates(doc)
	if len(cands) == 0 {
		return nil, nil
	}
	tt := s.getTables()
	defer s.putTables(tt)
	dt := s.termsOf(doc, cands, tt)
	rows := s.features(doc, cands, dt, opt.Entities)
	out := make([][]float64, len(rows))
	for i := range rows {
		out[i] = append([]float64(nil), rows[i][:]...)
	}
	return cands, out
}
