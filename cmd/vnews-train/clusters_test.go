package main

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vnews/vnews/internal/clusters"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// bruteInfo is the mutual information (times N, less the N·log N term) of
// the clustering in which word w is in cluster part[w] (-1: not yet
// clustered), computed from the words' bigrams.
func bruteInfo(b *brown, part []int32) float64 {
	type cell struct{ a, b int32 }
	n := map[cell]float64{}
	l := map[int32]float64{}
	r := map[int32]float64{}
	for w := range part {
		if part[w] < 0 {
			continue
		}
		l[part[w]] += b.wl[w]
		r[part[w]] += b.wr[w]
		for k := b.rOff[w]; k < b.rOff[w+1]; k++ {
			if v := b.rNb[k]; part[v] >= 0 {
				n[cell{part[w], part[v]}] += b.rN[k]
			}
		}
	}
	sum := 0.0
	for c, x := range n {
		sum += x * math.Log(x/(l[c.a]*r[c.b]))
	}
	return sum
}

// checkState compares every kept loss with the brute-force difference of
// mutual information, and the counts with the words' bigrams.
func checkState(t *testing.T, b *brown, step string) {
	t.Helper()
	S := b.S
	part := slices.Clone(b.slotOf)
	before := bruteInfo(b, part)
	for _, i := range b.active {
		for _, j := range b.active {
			if b.cnt[i*S+j] != b.cntT[j*S+i] {
				t.Fatalf("%s: cnt[%d][%d] = %v, transpose %v", step, i, j, b.cnt[i*S+j], b.cntT[j*S+i])
			}
		}
	}
	for x, i := range b.active {
		for _, j := range b.active[x+1:] {
			merged := slices.Clone(part)
			for w, c := range merged {
				if c == int32(j) {
					merged[w] = int32(i)
				}
			}
			want := before - bruteInfo(b, merged)
			got := b.loss[i*S+j]
			if math.Abs(got-want) > 1e-6*(1+math.Abs(want)) {
				t.Fatalf("%s: loss(%d,%d) = %.9g, brute force %.9g", step, i, j, got, want)
			}
			if full := b.fullLoss(i, j); math.Abs(full-want) > 1e-6*(1+math.Abs(want)) {
				t.Fatalf("%s: fullLoss(%d,%d) = %.9g, brute force %.9g", step, i, j, full, want)
			}
		}
	}
}

// randomText is a deterministic random word sequence with a skewed
// vocabulary and some structure: word w tends to be followed by words
// near 2w mod n.
func randomText(n, length int, seed uint64) []int32 {
	rng := rand.New(rand.NewPCG(seed, 1))
	seq := make([]int32, length)
	for k := 1; k < length; k++ {
		if rng.IntN(3) == 0 {
			seq[k] = int32(min(rng.IntN(n), rng.IntN(n)))
		} else {
			seq[k] = int32((2*int(seq[k-1]) + rng.IntN(3)) % n)
		}
	}
	return seq
}

// TestBrownLossUpdates checks the incremental bookkeeping: after every
// addition and merge, each kept loss equals the loss computed from scratch.
func TestBrownLossUpdates(t *testing.T) {
	for _, tc := range []struct {
		name     string
		words, c int
	}{
		{"window 3 of 9", 9, 3},
		{"window 5 of 14", 14, 5},
		{"window covers all", 6, 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			seq := randomText(tc.words, 400, uint64(tc.words))
			b := newBrown(seq, tc.words, tc.c)
			for k, w := range b.order {
				b.addWord(w)
				checkState(t, b, fmt.Sprintf("add word %d", k))
				if len(b.active) > b.c {
					i, j := b.bestPair()
					b.merge(i, j)
					checkState(t, b, fmt.Sprintf("merge after word %d", k))
				}
			}
			for len(b.active) > 1 {
				i, j := b.bestPair()
				b.merge(i, j)
				checkState(t, b, fmt.Sprintf("final merge, %d left", len(b.active)))
			}
		})
	}
}

// TestBrownBestPairIsLeastLoss checks that each merge is the one that
// keeps the most mutual information, by trying all pairs.
func TestBrownBestPairIsLeastLoss(t *testing.T) {
	seq := randomText(12, 600, 7)
	b := newBrown(seq, 12, 12)
	for _, w := range b.order {
		b.addWord(w)
	}
	for len(b.active) > 1 {
		part := slices.Clone(b.slotOf)
		before := bruteInfo(b, part)
		bestLoss := math.Inf(1)
		for x, i := range b.active {
			for _, j := range b.active[x+1:] {
				merged := slices.Clone(part)
				for w, c := range merged {
					if c == int32(j) {
						merged[w] = int32(i)
					}
				}
				bestLoss = min(bestLoss, before-bruteInfo(b, merged))
			}
		}
		i, j := b.bestPair()
		if got := b.loss[i*b.S+j]; got > bestLoss+1e-9 {
			t.Fatalf("%d clusters: chose (%d,%d) losing %.9g; %.9g was possible", len(b.active), i, j, got, bestLoss)
		}
		b.merge(i, j)
	}
}

// classText generates text from a class bigram model: each class is
// followed by the next class in the cycle, and the word of a class is
// drawn uniformly (with a fixed seed).
func classText(classes [][]int32, length int) []int32 {
	rng := rand.New(rand.NewPCG(1, 2))
	seq := make([]int32, 0, length)
	for c := 0; len(seq) < length; c = (c + 1) % len(classes) {
		ws := classes[c]
		seq = append(seq, ws[rng.IntN(len(ws))])
	}
	return seq
}

// groups returns the words of each path.
func groups(paths []string) map[string][]int32 {
	g := map[string][]int32{}
	for w, p := range paths {
		g[p] = append(g[p], int32(w))
	}
	return g
}

func TestBrownFindsClasses(t *testing.T) {
	for _, tc := range []struct {
		name    string
		classes [][]int32
	}{
		{"two alternating classes", [][]int32{{0, 2, 4, 6}, {1, 3, 5, 7}}},
		{"three classes in a cycle", [][]int32{{0, 3, 6}, {1, 4, 7, 9}, {2, 5, 8}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := 0
			for _, c := range tc.classes {
				n += len(c)
			}
			paths := brownClusters(classText(tc.classes, 3000), n, len(tc.classes), nil)
			g := groups(paths)
			if len(g) != len(tc.classes) {
				t.Fatalf("got %d clusters, want %d: %v", len(g), len(tc.classes), g)
			}
			for _, c := range tc.classes {
				p := paths[c[0]]
				if got := g[p]; !slices.Equal(got, slices.Sorted(slices.Values(c))) {
					t.Errorf("cluster %q = %v, want the class %v", p, got, c)
				}
			}
			if len(tc.classes) == 2 && paths[0][0] == paths[1][0] {
				t.Errorf("the two classes share the top bit: %q, %q", paths[0], paths[1])
			}
		})
	}
}

// TestBrownHierarchy clusters, with a window larger than the vocabulary,
// two families of words that occur in disjoint contexts: the families
// must be the two subtrees under the root, and two words with identical
// contexts must be siblings.
func TestBrownHierarchy(t *testing.T) {
	// Family one: "x A y" with A in {0 1 2 3}; family two: "p B q" with B
	// in {4 5 6 7}. Words 0 and 1 always share their contexts: both
	// follow x and precede y, equally often; 2 and 3 also follow x, but
	// precede y or z.
	const x, y, z, p, q, end = 8, 9, 10, 11, 12, 13
	var seq []int32
	for k := range 40 {
		seq = append(seq, x, 0, y, end, x, 1, y, end)
		if k%2 == 0 {
			seq = append(seq, x, 2, y, end, x, 3, z, end)
		} else {
			seq = append(seq, x, 2, z, end, x, 3, z, end)
		}
		seq = append(seq, p, int32(4+k%4), q, end, p, int32(4+(k+1)%4), q, end)
	}
	paths := brownClusters(seq, 14, 20, nil)
	if len(groups(paths)) != 14 {
		t.Fatalf("want a leaf per word, got %v", groups(paths))
	}
	a, b := paths[0], paths[1]
	if len(a) != len(b) || a[:len(a)-1] != b[:len(b)-1] || a == b {
		t.Errorf("identical-context words 0 and 1 are not siblings: %q, %q", a, b)
	}
	// The family of A: the lowest subtree holding 0..3 holds no B word, and
	// the other way round.
	subtree := func(ws []int32) string {
		pre := paths[ws[0]]
		for _, w := range ws[1:] {
			for !strings.HasPrefix(paths[w], pre) {
				pre = pre[:len(pre)-1]
			}
		}
		return pre
	}
	fa, fb := subtree([]int32{0, 1, 2, 3}), subtree([]int32{4, 5, 6, 7})
	for w := range int32(4) {
		if strings.HasPrefix(paths[4+w], fa) {
			t.Errorf("B word %d (%q) is in the subtree %q of the A words", 4+w, paths[4+w], fa)
		}
		if strings.HasPrefix(paths[w], fb) {
			t.Errorf("A word %d (%q) is in the subtree %q of the B words", w, paths[w], fb)
		}
	}
}

func TestBrownDeterministic(t *testing.T) {
	seq := randomText(40, 3000, 3)
	first := brownClusters(seq, 40, 8, nil)
	for range 3 {
		if got := brownClusters(seq, 40, 8, nil); !slices.Equal(got, first) {
			t.Fatalf("paths differ between runs:\n%v\n%v", first, got)
		}
	}
}

// ownSentences are written for this test.
var ownSentences = []string{
	"Ông Nguyễn Văn An về thăm Sư đoàn 308 ngày 12/5.",
	"Bà Trần Thị Hoà dự hội nghị ở Hà Nội ngày 3/4.",
	"Ông Lê Văn Bình làm việc với Sư đoàn 312 ngày 20/5.",
	"Bà Nguyễn Thị Hòa thăm Lữ đoàn 144 ở Hà Nam ngày 7/6.",
	"Ông Trần Văn Cường về Hà Nội dự hội nghị ngày 15/4.",
	"Bà Lê Thị Mai thăm Trung đoàn 48 ở Nam Định ngày 9/4.",
	"Ông Nguyễn Văn Dũng làm việc ở Hà Nam ngày 28/5.",
	"Bà Trần Thị Lan về thăm Sư đoàn 390 ngày 1/6.",
}

func clusterOwnSentences(t *testing.T, minCount, c int) []byte {
	t.Helper()
	cp := newClusterCorpus()
	for range 3 {
		for _, s := range ownSentences {
			cp.addSentence(s)
		}
	}
	words, seq := cp.vocabulary(minCount)
	paths := brownClusters(seq, len(words), c, nil)
	var buf bytes.Buffer
	if _, skipped, err := writeClusters(&buf, "# test clusters\n", words, paths); err != nil || skipped != 0 {
		t.Fatalf("writeClusters: %v, %d words left out", err, skipped)
	}
	return buf.Bytes()
}

func TestClusterCorpusVocabulary(t *testing.T) {
	cp := newClusterCorpus()
	for _, s := range ownSentences {
		cp.addSentence(s)
	}
	words, seq := cp.vocabulary(2)
	byKey := map[string]clusterWord{}
	for _, w := range words {
		byKey[w.key] = w
	}
	for _, tc := range []struct {
		name, text string
		count      int64
		form       string
	}{
		{"tone placement folded", "hòa", 2, "hoà"}, // "Hoà" and "Hòa", equally often: the first form in byte order
		{"case folded", "Ông", 4, "ông"},
		{"digits folded", "12/5", 4, "00/0"},
		{"number shape", "308", 4, "000"},
		{"punctuation", ".", 8, "."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, ok := byKey[clusters.Key(tc.text)]
			if !ok {
				t.Fatalf("%q not in the vocabulary", tc.text)
			}
			if w.count != tc.count || w.form != tc.form {
				t.Errorf("%q: count %d, form %q; want %d, %q", tc.text, w.count, w.form, tc.count, tc.form)
			}
		})
	}
	if _, ok := byKey[clusters.Key("Cường")]; ok {
		t.Errorf("a word seen once is in the vocabulary")
	}
	if w := byKey[unknownWord]; !w.pseudo || w.count == 0 {
		t.Errorf("<unk> = %+v", w)
	}
	if w := byKey[boundaryWord]; !w.pseudo || w.count != int64(len(ownSentences)+1) {
		t.Errorf("</s> = %+v, want %d", w, len(ownSentences)+1)
	}
	if seq[0] != seq[len(seq)-1] || words[seq[0]].key != boundaryWord {
		t.Errorf("the text does not start and end with a boundary")
	}
	for k := 1; k < len(words); k++ {
		if words[k].count > words[k-1].count || words[k].count == words[k-1].count && words[k].key < words[k-1].key {
			t.Fatalf("words not ordered by count then key at %d: %+v, %+v", k, words[k-1], words[k])
		}
	}
}

// TestClustersFileRoundTrip writes the clusters of a small text and loads
// them with internal/clusters: every written word is found under its
// key, with its path.
func TestClustersFileRoundTrip(t *testing.T) {
	out := clusterOwnSentences(t, 2, 6)
	m, err := clusters.Load(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")[1:]
	paths := map[string]bool{}
	for _, line := range lines {
		paths[strings.Split(line, "\t")[0]] = true
	}
	if m.Len() != len(lines) || m.Clusters() != len(paths) || len(paths) < 2 || len(paths) > 6 {
		t.Errorf("loaded %d words in %d clusters; the file has %d lines in %d clusters (at most 6)", m.Len(), m.Clusters(), len(lines), len(paths))
	}
	for _, line := range lines {
		f := strings.Split(line, "\t")
		if got, ok := m.Path(clusters.Key(f[1])); !ok || got != f[0] {
			t.Errorf("Path(%q) = %q, %v; want %q", f[1], got, ok, f[0])
		}
	}
	if !slices.IsSortedFunc(lines, func(a, b string) int {
		return strings.Compare(strings.Split(a, "\t")[0], strings.Split(b, "\t")[0])
	}) {
		t.Errorf("lines not sorted by path")
	}
	// A date of another day has the same shape.
	if p1, _ := m.Path(clusters.Key("12/5")); p1 == "" || m.Prefix(clusters.Key("30/9"), 99) != p1 {
		t.Errorf("30/9 is not in the cluster of 12/5")
	}
}

// TestClustersGolden pins the bytes of a small run; go test -update
// rewrites the golden file after a deliberate change.
func TestClustersGolden(t *testing.T) {
	got := clusterOwnSentences(t, 2, 6)
	if !bytes.Equal(got, clusterOwnSentences(t, 2, 6)) {
		t.Fatal("two runs give different bytes")
	}
	golden := filepath.Join("testdata", "clusters.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("clusters differ from %s (go test -update to accept):\n%s", golden, got)
	}
}

func BenchmarkBrownClusters(b *testing.B) {
	seq := randomText(2000, 200000, 11)
	for b.Loop() {
		brownClusters(seq, 2000, 200, nil)
	}
}
