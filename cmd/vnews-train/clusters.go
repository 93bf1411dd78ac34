// Brown word clusters for the entity tagger:
//
//	go run ./cmd/vnews-train clusters [-data DIR] [-out extract/data/clusters.txt] [-c 1000] [-min 3]
//
// Data. The text is the 12,000 VietNews training articles of
// DIR/summaries/vietnews-train-12k.jsonl.gz (ThanhChinhBK/vietnews @a20d9b7,
// train split; no licence stated, research use only): each article's title
// and its body sentences, one sentence each; the newspaper's lead paragraph
// ("summary") and the silver segmentation are not read. The 472 articles of
// articles/train.jsonl are VietNews training articles already in that file,
// so they add nothing; the dev articles are never read. No text of the
// corpus is in the output, only single words (lowercase, digits as 0) that
// occur at least -min times, with their counts and bit paths.
//
// Units. The text is tokenized by nlp.Tokenize, the tokenizer of the
// pipeline, after nlp.NormalizeLine, so the clustered units are the
// tagger's tokens: syllables and other words, numbers, codes,
// abbreviations, punctuation. Each is counted under its cluster key
// (clusters.AppendKey: the matching key of nlp.AppendKey, lowercase and
// with tone mark placement folded, with every digit folded to 0, so that
// "13/3" and "24/4" are one word "00/0"). Words seen fewer than -min times
// are one pseudo-word <unk>, and a pseudo-word </s> stands between
// sentences; both take part in the clustering but are not written.
//
// Algorithm. Brown et al. (1992), "Class-based n-gram models of natural
// language", in the form of Percy Liang's thesis (MIT 2005, "Semi-supervised
// learning for natural language", ch. 3) and his wcluster program: the words
// are taken in order of frequency; the first C each make a cluster; each
// further word makes cluster C+1, and the pair of clusters whose merge loses
// the least average mutual information of adjacent clusters is merged. When
// every word is in, the C clusters are merged the same way down to one, and
// that merge tree gives each cluster its bit path (0 for the cluster in the
// lower slot, 1 for the other); all the words of a cluster share its path.
// The loss of every pair is kept in a table and updated after each step
// (only pairs that share a neighbour with the changed clusters change); a
// pair with a new cluster is computed afresh. Time is O(V·C²) for V words.
//
// Output. One line per word, "PATH\tWORD\tCOUNT" (the paths file of
// wcluster), after a '#' header, sorted by path, then by count (descending),
// then by key. Ties between equal losses go to the pair of lowest slots and
// words of equal count are taken in key order, and no map order is ever
// used, so the same text gives the same bytes (on one architecture: the
// losses are floating point). internal/clusters reads the file.
package main

import (
	"bufio"
	"cmp"
	"flag"
	"fmt"
	"io"
	"math"
	"math/bits"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vnews/vnews/internal/clusters"
	"github.com/vnews/vnews/nlp"
)

// The pseudo-words of the clustered text: neither is a token key, as the
// tokenizer splits "<" and ">" off.
const (
	boundaryWord = "</s>"
	unknownWord  = "<unk>"
)

func runClusters(args []string) error {
	fs := flag.NewFlagSet("clusters", flag.ExitOnError)
	var d dataFlags
	d.register(fs)
	out := fs.String("out", "extract/data/clusters.txt", "the clusters file to write")
	c := fs.Int("c", 1000, "number of clusters (the window of active clusters)")
	minCount := fs.Int("min", 3, "fewest occurrences of a clustered word")
	fs.Parse(args)
	if *c < 1 || *minCount < 1 {
		return fmt.Errorf("clusters: -c and -min must be positive")
	}

	start := time.Now()
	cp := newClusterCorpus()
	err := readVietnews(d.path("summaries", "vietnews-train-12k.jsonl.gz"), func(a *vietnewsArticle) error {
		cp.addSentence(a.Title)
		for _, s := range a.Body {
			cp.addSentence(s)
		}
		return nil
	})
	if err != nil {
		return err
	}
	words, seq := cp.vocabulary(*minCount)
	fmt.Fprintf(os.Stderr, "clusters: %d tokens, %d distinct keys, %d clustered words with the pseudo-words (read in %v)\n",
		cp.tokens, len(cp.keys), len(words), time.Since(start).Round(time.Millisecond))

	t0 := time.Now()
	paths := brownClusters(seq, len(words), *c, func(done, total int) {
		if done%2000 == 0 || done == total {
			fmt.Fprintf(os.Stderr, "clusters: %d/%d words, %v\n", done, total, time.Since(t0).Round(time.Second))
		}
	})
	fmt.Fprintf(os.Stderr, "clusters: clustered in %v\n", time.Since(t0).Round(time.Second))

	header := fmt.Sprintf("# Brown word clusters, PATH<TAB>WORD<TAB>COUNT (the paths file of Liang's wcluster); generated, do not edit.\n"+
		"# Derived by `go run ./cmd/vnews-train clusters -c %d -min %d` from the titles and body sentences of the 12,000\n"+
		"# VietNews training articles (ThanhChinhBK/vietnews, no licence stated, research use; %d tokens). Words seen\n"+
		"# fewer than %d times are left out; digits are folded to 0. Read by internal/clusters.\n",
		*c, *minCount, cp.tokens, *minCount)
	if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
		return err
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	n, skipped, err := writeClusters(w, header, words, paths)
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "clusters: wrote %d words to %s (%d left out: their form does not give back their key)\n", n, *out, skipped)
	return nil
}

// clusterCorpus is the clustered text as a sequence of key ids, with a
// boundary between sentences, and the count and written forms of each key.
type clusterCorpus struct {
	ids    map[string]int32
	keys   []string
	counts []int64
	forms  [][]formCount // the lowercase forms of each key
	seq    []int32
	tokens int

	toks   []nlp.Token
	kb, fb []byte
}

type formCount struct {
	form string
	n    int64
}

func newClusterCorpus() *clusterCorpus {
	c := &clusterCorpus{ids: map[string]int32{}}
	c.id(boundaryWord, boundaryWord)
	return c
}

// id returns the id of key, adding it with its form if it is new.
func (c *clusterCorpus) id(key, form string) int32 {
	if i, ok := c.ids[key]; ok {
		return i
	}
	i := int32(len(c.keys))
	c.ids[key] = i
	c.keys = append(c.keys, key)
	c.counts = append(c.counts, 0)
	c.forms = append(c.forms, []formCount{{form: form}})
	return i
}

// addSentence adds the tokens of one sentence, then a boundary.
func (c *clusterCorpus) addSentence(s string) {
	s = nlp.NormalizeLine(s)
	c.toks = nlp.Tokenize(c.toks[:0], s, 0, len(s))
	if len(c.toks) == 0 {
		return
	}
	if len(c.seq) == 0 {
		c.seq = append(c.seq, 0)
		c.counts[0]++
	}
	for _, t := range c.toks {
		c.kb = clusters.AppendKey(c.kb[:0], t.Text)
		c.fb = appendForm(c.fb[:0], t.Text)
		i, ok := c.ids[string(c.kb)]
		if !ok {
			i = c.id(string(c.kb), string(c.fb))
		}
		c.counts[i]++
		fs := c.forms[i]
		k := 0
		for k < len(fs) && fs[k].form != string(c.fb) {
			k++
		}
		if k == len(fs) {
			c.forms[i] = append(fs, formCount{form: string(c.fb)})
		}
		c.forms[i][k].n++
		c.seq = append(c.seq, i)
	}
	c.seq = append(c.seq, 0)
	c.counts[0]++
	c.tokens += len(c.toks)
}

// appendForm appends the written form of a token as the clusters file has
// it: lowercase, digits as 0.
func appendForm(dst []byte, text string) []byte {
	for _, r := range text {
		switch {
		case '1' <= r && r <= '9':
			r = '0'
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		default:
			r = []rune(strings.ToLower(string(r)))[0]
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// clusterWord is a word of the clustered vocabulary.
type clusterWord struct {
	key, form string
	count     int64
	pseudo    bool // </s> or <unk>: clustered, not written
}

// vocabulary returns the words seen at least minCount times, the boundary
// and <unk>, ordered by count (descending) then key, and the text as ids
// into that list.
func (c *clusterCorpus) vocabulary(minCount int) ([]clusterWord, []int32) {
	order := make([]int32, 0, len(c.keys))
	var rare int64
	for i, n := range c.counts {
		if n >= int64(minCount) || i == 0 {
			order = append(order, int32(i))
		} else {
			rare += n
		}
	}
	const unk = -1
	count := func(i int32) int64 {
		if i == unk {
			return rare
		}
		return c.counts[i]
	}
	key := func(i int32) string {
		if i == unk {
			return unknownWord
		}
		return c.keys[i]
	}
	if rare > 0 {
		order = append(order, unk)
	}
	slices.SortFunc(order, func(a, b int32) int {
		if n := cmp.Compare(count(b), count(a)); n != 0 {
			return n
		}
		return strings.Compare(key(a), key(b))
	})
	words := make([]clusterWord, len(order))
	newID := make([]int32, len(c.keys))
	for i := range newID {
		newID[i] = -1
	}
	unkID := int32(-1)
	for j, i := range order {
		if i == unk {
			unkID = int32(j)
			words[j] = clusterWord{key: unknownWord, form: unknownWord, count: rare, pseudo: true}
			continue
		}
		newID[i] = int32(j)
		words[j] = clusterWord{key: c.keys[i], form: c.bestForm(i), count: c.counts[i], pseudo: i == 0}
	}
	seq := make([]int32, len(c.seq))
	for k, i := range c.seq {
		if j := newID[i]; j >= 0 {
			seq[k] = j
		} else {
			seq[k] = unkID
		}
	}
	return words, seq
}

// bestForm returns the most frequent form of key i (the first in byte
// order among equals).
func (c *clusterCorpus) bestForm(i int32) string {
	best := c.forms[i][0]
	for _, f := range c.forms[i][1:] {
		if f.n > best.n || f.n == best.n && f.form < best.form {
			best = f
		}
	}
	return best.form
}

// writeClusters writes the header and one line per word that is not a
// pseudo-word, sorted by path, count (descending) and key, and returns the
// number of lines. A word whose written form does not give back its key
// (which the loader computes from the form) is left out and counted in
// skipped.
func writeClusters(w io.Writer, header string, words []clusterWord, paths []string) (n, skipped int, err error) {
	idx := make([]int, 0, len(words))
	for i, wd := range words {
		switch {
		case wd.pseudo:
		case clusters.Key(wd.form) != wd.key:
			skipped++
		default:
			idx = append(idx, i)
		}
	}
	slices.SortFunc(idx, func(a, b int) int {
		if n := strings.Compare(paths[a], paths[b]); n != 0 {
			return n
		}
		if n := cmp.Compare(words[b].count, words[a].count); n != 0 {
			return n
		}
		return strings.Compare(words[a].key, words[b].key)
	})
	if _, err := io.WriteString(w, header); err != nil {
		return 0, skipped, err
	}
	for _, i := range idx {
		if _, err := fmt.Fprintf(w, "%s\t%s\t%d\n", paths[i], words[i].form, words[i].count); err != nil {
			return 0, skipped, err
		}
	}
	return len(idx), skipped, nil
}

// brownClusters clusters the words of seq, ids in [0, nWords), into c
// clusters and returns the bit path of each word. Words are taken in order
// of count (descending), then id. progress, if not nil, is called after
// each word is added.
func brownClusters(seq []int32, nWords, c int, progress func(done, total int)) []string {
	if nWords == 0 {
		return nil
	}
	b := newBrown(seq, nWords, c)
	for k, w := range b.order {
		b.addWord(w)
		if len(b.active) > b.c {
			i, j := b.bestPair()
			b.merge(i, j)
		}
		if progress != nil {
			progress(k+1, len(b.order))
		}
	}
	return b.finish()
}

// brown is the state of the clustering. Clusters live in S = C+1 slots;
// matrices are S×S, row-major. Counts are kept as float64 (exact integers).
// The mutual information terms drop a factor 1/N and a term n·log N per
// cell: losses are differences over the same total count, so both cancel.
type brown struct {
	c, S  int
	order []int32 // words in order of addition

	// words: bigram neighbours (CSR) and marginals.
	rOff, lOff []int32
	rNb, lNb   []int32
	rN, lN     []float64
	wl, wr     []float64 // times a word is the left / right of a bigram
	slotOf     []int32   // the slot of a word's cluster, -1 before it is added

	// clusters, per slot.
	active     []int     // the active slots, ascending
	members    [][]int32 // the words of each slot's cluster
	l, r       []float64 // left and right marginals
	logl, logr []float64 // their logs (0 for an empty slot)
	s          []float64 // s[i] = Σ_d q[i][d] + q[d][i] − q[i][i]

	cnt, cntT        []float64 // cnt[i*S+j]: bigrams of cluster i then j; cntT its transpose
	q                []float64 // q[i*S+j] = f(cnt) − cnt·(logl[i]+logr[j])
	loss             []float64 // loss[i*S+j], i < j: information lost by merging i and j
	logLsum, logRsum []float64 // [i*S+j], i < j: log(l[i]+l[j]), log(r[i]+r[j])

	// Sums over each row and column of cnt, so that the loss of a pair
	// costs time in the neighbours of one of the two (pairLoss):
	// rowF[i] = Σ_d f(cnt[i][d]),
	// rowN[i] = Σ_d cnt[i][d], rowA[i] = Σ_d cnt[i][d]·logr[d], and the
	// same down column i with logl.
	rowF, rowN, rowA []float64
	colF, colN, colA []float64
	// nb[i*W:(i+1)*W] is the set of slots d with cnt[i][d] or cnt[d][i]
	// not zero, W words of bits per slot.
	nb []uint64
	W  int

	// scratch
	inK  []bool
	kIdx []int
	h    []float64
	old  []float64
}

// xlogxTab holds n·log n for small integer n.
var xlogxTab = func() []float64 {
	t := make([]float64, 1<<16)
	for i := 1; i < len(t); i++ {
		t[i] = float64(i) * math.Log(float64(i))
	}
	return t
}()

func xlogx(x float64) float64 {
	if x < float64(len(xlogxTab)) {
		return xlogxTab[int(x)]
	}
	return x * math.Log(x)
}

// qterm is the mutual information term of a cell with count x between
// clusters whose left and right marginals have logs logA and logB.
func qterm(x, logA, logB float64) float64 {
	if x == 0 {
		return 0
	}
	return xlogx(x) - x*(logA+logB)
}

// gterm is what merging the cells x and y (marginals A and B on the
// merged side, logs given) changes, with the opposite sign: the old terms
// minus the new, the marginal of the other side cancelling.
func gterm(x, y, logA, logB, logAB float64) float64 {
	switch {
	case x == 0 && y == 0:
		return 0
	case y == 0:
		return x * (logAB - logA)
	case x == 0:
		return y * (logAB - logB)
	}
	return xlogx(x) + xlogx(y) - xlogx(x+y) - x*logA - y*logB + (x+y)*logAB
}

func safeLog(x float64) float64 {
	if x <= 0 {
		return 0
	}
	return math.Log(x)
}

func newBrown(seq []int32, nWords, c int) *brown {
	c = max(1, min(c, nWords))
	S := c + 1
	b := &brown{c: c, S: S}
	// Bigram counts, sorted by (left, right).
	pairs := make([]uint64, 0, max(len(seq)-1, 0))
	for k := 1; k < len(seq); k++ {
		pairs = append(pairs, uint64(uint32(seq[k-1]))<<32|uint64(uint32(seq[k])))
	}
	slices.Sort(pairs)
	type bigram struct {
		a, b int32
		n    float64
	}
	var bgs []bigram
	for k := 0; k < len(pairs); {
		e := k
		for e < len(pairs) && pairs[e] == pairs[k] {
			e++
		}
		bgs = append(bgs, bigram{int32(pairs[k] >> 32), int32(uint32(pairs[k])), float64(e - k)})
		k = e
	}
	b.wl = make([]float64, nWords)
	b.wr = make([]float64, nWords)
	b.rOff = make([]int32, nWords+1)
	b.lOff = make([]int32, nWords+1)
	for _, g := range bgs {
		b.wl[g.a] += g.n
		b.wr[g.b] += g.n
		b.rOff[g.a+1]++
		b.lOff[g.b+1]++
	}
	for i := range nWords {
		b.rOff[i+1] += b.rOff[i]
		b.lOff[i+1] += b.lOff[i]
	}
	b.rNb = make([]int32, len(bgs))
	b.rN = make([]float64, len(bgs))
	b.lNb = make([]int32, len(bgs))
	b.lN = make([]float64, len(bgs))
	rPos := slices.Clone(b.rOff[:nWords])
	lPos := slices.Clone(b.lOff[:nWords])
	for _, g := range bgs { // in (a, b) order, so each list is sorted
		b.rNb[rPos[g.a]], b.rN[rPos[g.a]] = g.b, g.n
		rPos[g.a]++
	}
	slices.SortStableFunc(bgs, func(x, y bigram) int { return cmp.Compare(x.b, y.b) })
	for _, g := range bgs {
		b.lNb[lPos[g.b]], b.lN[lPos[g.b]] = g.a, g.n
		lPos[g.b]++
	}

	count := make([]int64, nWords)
	for _, w := range seq {
		count[w]++
	}
	b.order = make([]int32, nWords)
	for i := range b.order {
		b.order[i] = int32(i)
	}
	slices.SortStableFunc(b.order, func(x, y int32) int { return cmp.Compare(count[y], count[x]) })

	b.slotOf = make([]int32, nWords)
	for i := range b.slotOf {
		b.slotOf[i] = -1
	}
	b.members = make([][]int32, S)
	for _, p := range []*[]float64{&b.l, &b.r, &b.logl, &b.logr, &b.s, &b.h, &b.old,
		&b.rowF, &b.rowN, &b.rowA, &b.colF, &b.colN, &b.colA} {
		*p = make([]float64, S)
	}
	for _, p := range []*[]float64{&b.cnt, &b.cntT, &b.q, &b.loss, &b.logLsum, &b.logRsum} {
		*p = make([]float64, S*S)
	}
	b.inK = make([]bool, S)
	b.W = (S + 63) / 64
	b.nb = make([]uint64, S*b.W)
	return b
}

// pair returns the index of the unordered pair (i, j), i != j.
func (b *brown) pair(i, j int) int {
	if i > j {
		i, j = j, i
	}
	return i*b.S + j
}

// freeSlot returns the lowest inactive slot.
func (b *brown) freeSlot() int {
	for k, i := range b.active {
		if i != k {
			return k
		}
	}
	return len(b.active)
}

func (b *brown) activate(n int) {
	k, _ := slices.BinarySearch(b.active, n)
	b.active = slices.Insert(b.active, k, n)
}

// setPairLogs fills the cached logs of the marginal sums of every pair
// with slot n.
func (b *brown) setPairLogs(n int) {
	for _, j := range b.active {
		if j == n {
			continue
		}
		p := b.pair(n, j)
		b.logLsum[p] = math.Log(b.l[n] + b.l[j])
		b.logRsum[p] = math.Log(b.r[n] + b.r[j])
	}
}

// setQ computes row and column n of q and returns Σ_d q[n][d] + q[d][n] − q[n][n].
func (b *brown) setQ(n int) float64 {
	S := b.S
	sum := 0.0
	for _, d := range b.active {
		x := qterm(b.cnt[n*S+d], b.logl[n], b.logr[d])
		y := qterm(b.cnt[d*S+n], b.logl[d], b.logr[n])
		b.q[n*S+d], b.q[d*S+n] = x, y
		sum += x + y
	}
	return sum - b.q[n*S+n]
}

// setSums computes the row and column sums of slot n.
func (b *brown) setSums(n int) {
	S := b.S
	var rf, rn, ra, cf, cn, ca float64
	for d := range S {
		if x := b.cnt[n*S+d]; x != 0 {
			rf += xlogx(x)
			rn += x
			ra += x * b.logr[d]
		}
		if y := b.cntT[n*S+d]; y != 0 {
			cf += xlogx(y)
			cn += y
			ca += y * b.logl[d]
		}
	}
	b.rowF[n], b.rowN[n], b.rowA[n] = rf, rn, ra
	b.colF[n], b.colN[n], b.colA[n] = cf, cn, ca
}

// addWord makes word w a cluster of its own in a free slot and updates the
// losses of all pairs.
func (b *brown) addWord(w int32) {
	S := b.S
	n := b.freeSlot()
	b.slotOf[w] = int32(n)
	b.members[n] = append(b.members[n][:0], w)
	b.activate(n)
	b.l[n], b.r[n] = b.wl[w], b.wr[w]
	b.logl[n], b.logr[n] = safeLog(b.l[n]), safeLog(b.r[n])
	for k := b.rOff[w]; k < b.rOff[w+1]; k++ {
		if d := b.slotOf[b.rNb[k]]; d >= 0 {
			b.cnt[n*S+int(d)] += b.rN[k]
			b.cntT[int(d)*S+n] += b.rN[k]
		}
	}
	for k := b.lOff[w]; k < b.lOff[w+1]; k++ {
		if u := b.lNb[k]; u != w {
			if d := b.slotOf[u]; d >= 0 {
				b.cnt[int(d)*S+n] += b.lN[k]
				b.cntT[n*S+int(d)] += b.lN[k]
			}
		}
	}
	b.setPairLogs(n)
	b.s[n] = b.setQ(n)
	b.setSums(n)

	// Every other cluster gains the terms with n; a pair's loss changes
	// only if one of the two has a bigram with n.
	b.kIdx = b.kIdx[:0]
	nbn := b.nb[n*b.W : n*b.W+b.W]
	for _, d := range b.active {
		if d == n {
			continue
		}
		du := b.q[d*S+n] + b.q[n*S+d]
		b.s[d] += du
		b.h[d] = du
		x, y := b.cnt[d*S+n], b.cnt[n*S+d]
		b.inK[d] = x != 0 || y != 0
		if b.inK[d] {
			b.kIdx = append(b.kIdx, d)
			nbn[d/64] |= 1 << (d % 64)
			b.nb[d*b.W+n/64] |= 1 << (n % 64)
			b.rowF[d] += xlogx(x)
			b.rowN[d] += x
			b.rowA[d] += x * b.logr[n]
			b.colF[d] += xlogx(y)
			b.colN[d] += y
			b.colA[d] += y * b.logl[n]
		}
	}
	for _, i := range b.kIdx {
		for _, j := range b.active {
			if j == n || j == i || b.inK[j] && j < i {
				continue
			}
			p := b.pair(i, j)
			b.loss[p] += b.h[i] + b.h[j] -
				qterm(b.cnt[i*S+n]+b.cnt[j*S+n], b.logLsum[p], b.logr[n]) -
				qterm(b.cnt[n*S+i]+b.cnt[n*S+j], b.logl[n], b.logRsum[p])
		}
	}
	for _, j := range b.active {
		b.inK[j] = false
		if j != n {
			b.loss[b.pair(n, j)] = b.sparseLoss(n, j)
		}
	}
}

// neighbours returns the number of slots that share a bigram with slot i.
func (b *brown) neighbours(i int) int {
	c := 0
	for _, w := range b.nb[i*b.W : i*b.W+b.W] {
		c += bits.OnesCount64(w)
	}
	return c
}

// pairLoss is fullLoss(i, j), computed in time linear in the neighbours
// of the sparser of the two.
func (b *brown) pairLoss(i, j int) float64 {
	if b.neighbours(i) > b.neighbours(j) {
		i, j = j, i
	}
	return b.sparseLoss(i, j)
}

// sparseLoss is fullLoss(n, i) in time linear in the neighbours of n: the
// sums over i's row and column are taken whole and corrected where n has
// a count.
func (b *brown) sparseLoss(n, i int) float64 {
	S := b.S
	p := b.pair(n, i)
	logLni, logRni := b.logLsum[p], b.logRsum[p]
	rn, ri := b.cnt[n*S:n*S+S], b.cnt[i*S:i*S+S]
	cn, ci := b.cntT[n*S:n*S+S], b.cntT[i*S:i*S+S]
	// Σ over d ∉ {i, n} of the row terms f(x) − x·logLni − x·logr[d] with
	// x = ri[d]+rn[d], and of the column terms.
	rf := b.rowF[i] - xlogx(ri[i]) - xlogx(ri[n])
	rN := b.rowN[i] - ri[i] - ri[n]
	rA := b.rowA[i] - ri[i]*b.logr[i] - ri[n]*b.logr[n]
	cf := b.colF[i] - xlogx(ci[i]) - xlogx(ci[n])
	cN := b.colN[i] - ci[i] - ci[n]
	cA := b.colA[i] - ci[i]*b.logl[i] - ci[n]*b.logl[n]
	for wi, word := range b.nb[n*b.W : n*b.W+b.W] {
		for ; word != 0; word &= word - 1 {
			d := wi*64 + bits.TrailingZeros64(word)
			if d == i || d == n {
				continue
			}
			if x := rn[d]; x != 0 {
				rf += xlogx(ri[d]+x) - xlogx(ri[d])
				rN += x
				rA += x * b.logr[d]
			}
			if y := cn[d]; y != 0 {
				cf += xlogx(ci[d]+y) - xlogx(ci[d])
				cN += y
				cA += y * b.logl[d]
			}
		}
	}
	sp := rf - rN*logLni - rA + cf - cN*logRni - cA
	sp += qterm(ri[i]+ri[n]+rn[i]+rn[n], logLni, logRni)
	return b.s[n] + b.s[i] - b.q[n*S+i] - b.q[i*S+n] - sp
}

// fullLoss computes the loss of merging i and j from the counts, in time
// O(S): the reference that the tests hold pairLoss and the kept losses to.
func (b *brown) fullLoss(i, j int) float64 {
	S := b.S
	p := b.pair(i, j)
	logLij, logRij := b.logLsum[p], b.logRsum[p]
	ri, rj := b.cnt[i*S:i*S+S], b.cnt[j*S:j*S+S]
	ci, cj := b.cntT[i*S:i*S+S], b.cntT[j*S:j*S+S]
	sp := 0.0
	for d := range S {
		if d == i || d == j {
			continue
		}
		if x := ri[d] + rj[d]; x != 0 {
			sp += xlogx(x) - x*(logLij+b.logr[d])
		}
		if y := ci[d] + cj[d]; y != 0 {
			sp += xlogx(y) - y*(b.logl[d]+logRij)
		}
	}
	sp += qterm(ri[i]+ri[j]+rj[i]+rj[j], logLij, logRij)
	return b.s[i] + b.s[j] - b.q[i*S+j] - b.q[j*S+i] - sp
}

// bestPair returns the active pair of least loss, the lowest slots first
// among equals.
func (b *brown) bestPair() (int, int) {
	bi, bj := -1, -1
	best := math.Inf(1)
	for x, i := range b.active {
		row := b.loss[i*b.S:]
		for _, j := range b.active[x+1:] {
			if row[j] < best {
				best, bi, bj = row[j], i, j
			}
		}
	}
	return bi, bj
}

// merge merges cluster j into cluster i (i < j) and updates the losses.
func (b *brown) merge(i, j int) {
	S := b.S
	a, c := i, j
	logRa, logRb, logRab := b.logr[a], b.logr[c], math.Log(b.r[a]+b.r[c])
	logLa, logLb, logLab := b.logl[a], b.logl[c], math.Log(b.l[a]+b.l[c])

	// Pairs of clusters that both neighbour a or c change by
	// G(x+y) − h(x) − h(y); every other pair keeps its loss.
	b.kIdx = b.kIdx[:0]
	for _, x := range b.active {
		b.old[x] = b.q[x*S+a] + b.q[a*S+x] + b.q[x*S+c] + b.q[c*S+x]
		if x == a || x == c {
			continue
		}
		xa, xc, ax, cx := b.cnt[x*S+a], b.cnt[x*S+c], b.cnt[a*S+x], b.cnt[c*S+x]
		if xa == 0 && xc == 0 && ax == 0 && cx == 0 {
			continue
		}
		b.h[x] = gterm(xa, xc, logRa, logRb, logRab) + gterm(ax, cx, logLa, logLb, logLab)
		b.kIdx = append(b.kIdx, x)
	}
	for k, x := range b.kIdx {
		xa, xc, ax, cx := b.cnt[x*S+a], b.cnt[x*S+c], b.cnt[a*S+x], b.cnt[c*S+x]
		for _, y := range b.kIdx[k+1:] {
			g := gterm(xa+b.cnt[y*S+a], xc+b.cnt[y*S+c], logRa, logRb, logRab) +
				gterm(ax+b.cnt[a*S+y], cx+b.cnt[c*S+y], logLa, logLb, logLab)
			b.loss[x*S+y] += g - b.h[x] - b.h[y]
		}
	}

	// The row and column sums of the other clusters: cells a and c become one.
	for _, x := range b.active {
		if x == a || x == c {
			continue
		}
		if xa, xc := b.cnt[x*S+a], b.cnt[x*S+c]; xa != 0 || xc != 0 {
			b.rowF[x] += xlogx(xa+xc) - xlogx(xa) - xlogx(xc)
			b.rowA[x] += (xa+xc)*logRab - xa*logRa - xc*logRb
		}
		if ax, cx := b.cnt[a*S+x], b.cnt[c*S+x]; ax != 0 || cx != 0 {
			b.colF[x] += xlogx(ax+cx) - xlogx(ax) - xlogx(cx)
			b.colA[x] += (ax+cx)*logLab - ax*logLa - cx*logLb
		}
	}

	// Counts: row and column c into a.
	for d := range S {
		b.cnt[a*S+d] += b.cnt[c*S+d]
	}
	for d := range S {
		b.cnt[d*S+a] += b.cnt[d*S+c]
	}
	for d := range S {
		b.cnt[c*S+d], b.cnt[d*S+c] = 0, 0
		b.q[c*S+d], b.q[d*S+c] = 0, 0
	}
	for d := range S {
		b.cntT[d*S+a], b.cntT[a*S+d] = b.cnt[a*S+d], b.cnt[d*S+a]
		b.cntT[c*S+d], b.cntT[d*S+c] = 0, 0
	}
	b.l[a] += b.l[c]
	b.r[a] += b.r[c]
	b.l[c], b.r[c] = 0, 0
	b.logl[a], b.logr[a] = logLab, logRab
	b.logl[c], b.logr[c] = 0, 0
	W := b.W
	nba, nbc := b.nb[a*W:a*W+W], b.nb[c*W:c*W+W]
	for k := range W {
		nba[k] |= nbc[k]
		nbc[k] = 0
	}
	if nba[c/64]&(1<<(c%64)) != 0 {
		nba[c/64] &^= 1 << (c % 64)
		nba[a/64] |= 1 << (a % 64)
	}
	for _, x := range b.active {
		if x == a || x == c {
			continue
		}
		if nbx := b.nb[x*W : x*W+W]; nbx[c/64]&(1<<(c%64)) != 0 {
			nbx[c/64] &^= 1 << (c % 64)
			nbx[a/64] |= 1 << (a % 64)
		}
	}
	for _, w := range b.members[c] {
		b.slotOf[w] = int32(a)
	}
	b.members[a] = append(b.members[a], b.members[c]...)
	b.members[c] = b.members[c][:0]
	k, _ := slices.BinarySearch(b.active, c)
	b.active = slices.Delete(b.active, k, k+1)

	b.setPairLogs(a)
	b.s[a] = b.setQ(a)
	b.setSums(a)
	b.rowF[c], b.rowN[c], b.rowA[c], b.colF[c], b.colN[c], b.colA[c] = 0, 0, 0, 0, 0, 0
	for _, x := range b.active {
		if x != a {
			b.s[x] += b.q[x*S+a] + b.q[a*S+x] - b.old[x]
		}
	}
	for _, x := range b.active {
		if x != a {
			b.loss[b.pair(a, x)] = b.pairLoss(a, x)
		}
	}
}

// finish merges the remaining clusters down to one and returns each word's
// path in the tree of those merges.
func (b *brown) finish() []string {
	type node struct{ left, right int }
	var nodes []node // leaves have left == -1
	nodeOf := make([]int, b.S)
	for _, i := range b.active {
		nodeOf[i] = len(nodes)
		nodes = append(nodes, node{-1, -1})
	}
	leafSlot := slices.Clone(b.active)
	leafWords := make([][]int32, len(leafSlot))
	for n, slot := range leafSlot {
		leafWords[n] = slices.Clone(b.members[slot])
	}
	for len(b.active) > 1 {
		i, j := b.bestPair()
		b.merge(i, j)
		nodes = append(nodes, node{nodeOf[i], nodeOf[j]})
		nodeOf[i] = len(nodes) - 1
	}
	leafPath := make([]string, len(leafSlot))
	var walk func(n int, path []byte)
	walk = func(n int, path []byte) {
		if nodes[n].left < 0 {
			leafPath[n] = string(path)
			return
		}
		walk(nodes[n].left, append(path, '0'))
		walk(nodes[n].right, append(path, '1'))
	}
	walk(len(nodes)-1, nil)
	paths := make([]string, len(b.slotOf))
	for n, ws := range leafWords {
		for _, w := range ws {
			paths[w] = leafPath[n]
		}
	}
	return paths
}
