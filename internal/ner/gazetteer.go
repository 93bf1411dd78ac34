package ner

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/vnews/vnews/nlp"
)

// Gazetteer is a list of known entity names by type, each a sequence of
// token keys, derived from annotated text by the trainer: the tagger gets
// as hints whether a token starts, continues or ends a known name of each
// type ("gaz:UNIT:B"). Matching hashes the keys and allocates nothing. A
// Gazetteer is read-only after it is built or read, and safe for
// concurrent use.
type Gazetteer struct {
	types []string
	// names maps the hash of a key sequence to the types it is a name of
	// (a bit set); the hashes of proper prefixes of names are stored with
	// prefixBit, so a match stops at the first sequence no name starts with.
	names map[uint64]uint16
	// first has the bit of every name's first key hash (its low 16 bits),
	// so that most tokens, which start no name, are passed over without
	// a lookup in names.
	first  *[1 << 10]uint64
	maxLen int
	hints  [][3]Hint // hints[type][part]: "gaz:UNIT:B", ":I", ":L"
	list   []gazName // the names, for WriteTo
}

type gazName struct {
	typ  int
	form string // the name's tokens in lowercase, space-separated
}

const prefixBit = 1 << 15

// Hint parts.
const (
	GazB = iota // the first token of a name
	GazI        // a later token
	GazL        // the last token (a one-token name is B and L)
)

// NewGazetteer returns an empty gazetteer of the given types (at most 15).
func NewGazetteer(types []string) *Gazetteer {
	g := &Gazetteer{types: slices.Clone(types), names: map[uint64]uint16{}, first: new([1 << 10]uint64)}
	for _, t := range types {
		g.hints = append(g.hints, [3]Hint{NewHint("gaz:" + t + ":B"), NewHint("gaz:" + t + ":I"), NewHint("gaz:" + t + ":L")})
	}
	return g
}

// Types returns the gazetteer's types.
func (g *Gazetteer) Types() []string { return slices.Clone(g.types) }

// Len returns the number of (type, name) entries.
func (g *Gazetteer) Len() int { return len(g.list) }

// Hint returns the hint of a type and part (GazB, GazI, GazL).
func (g *Gazetteer) Hint(typ, part int) Hint { return g.hints[typ][part] }

func seqHash(h, key uint64) uint64 { return mix(h ^ key) }

// Add adds the name made of keys (token keys, at least one) as a name of
// type typ; form is how it is written in the file (its tokens in
// lowercase, separated by spaces; nlp.Key of each gives back keys). Adding
// a name twice is harmless.
func (g *Gazetteer) Add(typ int, keys []string, form string) {
	if typ < 0 || typ >= len(g.types) || typ >= 15 || len(keys) == 0 {
		return
	}
	h := uint64(fnvOffset)
	for i, k := range keys {
		h = seqHash(h, hashString(k))
		if i == 0 {
			g.first[h>>6&(1<<10-1)] |= 1 << (h & 63)
		}
		if i < len(keys)-1 {
			g.names[h] |= prefixBit
		}
	}
	if g.names[h]&(1<<typ) == 0 {
		g.names[h] |= 1 << typ
		g.list = append(g.list, gazName{typ, form})
	}
	g.maxLen = max(g.maxLen, len(keys))
}

// Match calls f(typ, i, j) for the longest name of each type starting at
// each token i in [lo, hi) and ending at j <= hi; key(i) is the key of
// token i.
func (g *Gazetteer) Match(lo, hi int, key func(int) string, f func(typ, i, j int)) {
	if g == nil || len(g.names) == 0 {
		return
	}
	var best [15]int
	for i := lo; i < hi; i++ {
		clear(best[:len(g.types)])
		h := uint64(fnvOffset)
		for j := i; j < hi && j-i < g.maxLen; j++ {
			h = seqHash(h, hashString(key(j)))
			if j == i && g.first[h>>6&(1<<10-1)]&(1<<(h&63)) == 0 {
				break // no name starts with this key
			}
			v, ok := g.names[h]
			if !ok {
				break
			}
			for t := range g.types {
				if v&(1<<t) != 0 {
					best[t] = j + 1
				}
			}
		}
		for t := range g.types {
			if best[t] > 0 {
				f(t, i, best[t])
			}
		}
	}
}

// AddHints appends to each token of toks the gazetteer hints of the names
// it is part of, within each sequence of seqs (token ranges). The tokens'
// Hints are copied before they grow.
func (g *Gazetteer) AddHints(toks []Token, seqs [][2]int) {
	extra := make([][]Hint, len(toks))
	for _, s := range seqs {
		g.Match(s[0], s[1], func(i int) string { return toks[i].Key }, func(t, i, j int) {
			extra[i] = append(extra[i], g.hints[t][GazB])
			for k := i + 1; k < j; k++ {
				extra[k] = append(extra[k], g.hints[t][GazI])
			}
			extra[j-1] = append(extra[j-1], g.hints[t][GazL])
		})
	}
	for i := range toks {
		if len(extra[i]) > 0 {
			toks[i].Hints = append(slices.Clip(toks[i].Hints), extra[i]...)
		}
	}
}

// WriteTo writes the gazetteer as text: a comment line, then one name a
// line, "TYPE\tkey key ...", sorted. The same names give the same bytes.
func (g *Gazetteer) WriteTo(w io.Writer, comment string) (int64, error) {
	lines := make([]string, 0, len(g.list))
	for _, n := range g.list {
		lines = append(lines, g.types[n.typ]+"\t"+n.form+"\n")
	}
	slices.Sort(lines)
	var b strings.Builder
	for l := range strings.Lines(comment) {
		b.WriteString("# " + strings.TrimRight(l, "\n") + "\n")
	}
	for _, l := range lines {
		b.WriteString(l)
	}
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}

// ReadGazetteer reads a gazetteer written by WriteTo, of the given types;
// a line of another type is an error. Each name's keys are nlp.Key of its
// space-separated tokens. Blank lines and lines starting with '#' are
// skipped.
func ReadGazetteer(r io.Reader, types []string) (*Gazetteer, error) {
	g := NewGazetteer(types)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for line := 1; sc.Scan(); line++ {
		s := sc.Text()
		if s == "" || s[0] == '#' {
			continue
		}
		ty, name, ok := strings.Cut(s, "\t")
		t := slices.Index(types, ty)
		keys := strings.Fields(name)
		if !ok || t < 0 || len(keys) == 0 {
			return nil, fmt.Errorf("%w: gazetteer line %d: want TYPE<TAB>NAME", ErrModel, line)
		}
		for i, k := range keys {
			keys[i] = nlp.Key(k)
		}
		g.Add(t, keys, strings.Join(strings.Fields(name), " "))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%w: gazetteer: %w", ErrModel, err)
	}
	return g, nil
}
