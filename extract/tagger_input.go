package extract

import (
	_ "embed"
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/vnews/vnews/internal/clusters"
	"github.com/vnews/vnews/internal/ner"
	"github.com/vnews/vnews/internal/offheap"
	"github.com/vnews/vnews/nlp"
)

// The learned tagger's input. TaggerTokens describes every token of a
// document for internal/ner: its key, shape and layout, and hints (feature
// strings) from the extractor's lexicons and from the rule extractor's own
// entities. cmd/vnews-train trains the tagger on exactly these tokens, so
// any change here needs the model retrained (go run ./cmd/vnews-train ner).

// hintSet numbers the lexicon hits a token can carry.
type hintSet uint8

const (
	hintSurname hintSet = iota
	hintRank
	hintPosition
	hintUnitHead
	hintUnitName
	hintUnitAbbr
	hintUnitAbbrHead
	hintUnitService
	hintUnitBlocker
	hintLocation
	hintNameWord
	hintCue
	hintBlocker
	numLexHints
)

var lexHintNames = [numLexHints]string{"surname", "rank", "position", "unit:head", "unit:name", "unit:abbr",
	"unit:abbrhead", "unit:service", "unit:blocker", "location", "nameword", "cue", "blocker"}

// ruleHintTypes are the rule extractor's types given to the tagger as hints.
var ruleHintTypes = []Type{Person, Unit, Rank, Position, Date, Location}

// Parts of a hint: the first token of a match, a later one, the last one
// (a one-token match is both B and L).
const (
	partB = iota
	partI
	partL
	numParts
)

// hintBits has one bit per (lexicon or rule hint, part).
type hintBits uint64

const (
	bitLex        = 0                                  // numLexHints*numParts bits
	bitRule       = bitLex + int(numLexHints)*numParts // len(ruleHintTypes)*numParts bits
	bitAuthor     = bitRule + 6*numParts               // rule PERSON with role author
	bitPhotograph = bitAuthor + 1                      // rule PERSON with role photographer
	numHintBits   = bitPhotograph + 1                  // at most 64
)

// hintStrings are the hint of each bit, built once; roleHints are the hints
// of sentence roles.
var hintStrings = func() [numHintBits]ner.Hint {
	var s [numHintBits]string
	parts := [numParts]string{"B", "I", "L"}
	for h := range numLexHints {
		for p := range numParts {
			s[bitLex+int(h)*numParts+p] = "lex:" + lexHintNames[h] + ":" + parts[p]
		}
	}
	for t, typ := range ruleHintTypes {
		for p := range numParts {
			s[bitRule+t*numParts+p] = "rule:" + string(typ) + ":" + parts[p]
		}
	}
	s[bitAuthor] = "rule:PERSON:author"
	s[bitPhotograph] = "rule:PERSON:photographer"
	var h [numHintBits]ner.Hint
	for i := range s {
		h[i] = ner.NewHint(s[i])
	}
	return h
}()

var roleHints = func() [nlp.RoleHeading + 1]ner.Hint {
	var s [nlp.RoleHeading + 1]ner.Hint
	for r := nlp.RoleBody; r <= nlp.RoleHeading; r++ {
		s[r] = ner.NewHint("role:" + r.String())
	}
	return s
}()

// markSpan sets the B, I and L bits of hint base over tokens [i, j).
func markSpan(bits []hintBits, base, i, j int) {
	bits[i] |= 1 << (base + partB)
	for k := i + 1; k < j; k++ {
		bits[k] |= 1 << (base + partI)
	}
	bits[j-1] |= 1 << (base + partL)
}

// TaggerTokens returns the learned tagger's input for doc, one ner.Token
// per doc.Tokens element: each token's key, shape and layout, and as Hints
// the lexicon phrases it is part of ("lex:surname:B", "lex:unit:head:I"),
// the entities the rule extractor (Extract with opt) puts it in
// ("rule:PERSON:B", "rule:RANK:L"), its sentence's role ("role:caption"),
// document hints ("doc:UNIT"), the names of the tagger's gazetteer it is part of ("gaz:UNIT:I"), how often its word
// is capitalized in news ("cap:4") and its word cluster ("clu6:011010").
// The hint strings are built once, at load: the tokens share one array of
// them per call.
// cmd/vnews-train ner trains and cross-validates the tagger on these tokens;
// a model only fits the hints it was trained with.
func (x *Extractor) TaggerTokens(doc *nlp.Document, opt Options) []ner.Token {
	step := ""
	r, _ := x.ruleRun(doc, opt, &step)
	return x.taggerTokens(doc, r.keys, r.ents, new(tokScratch))
}

// tokScratch is the memory of taggerTokens, reused between articles
// (tokPool): the tokens, their hints and the hint bits.
type tokScratch struct {
	toks  []ner.Token
	hints []ner.Hint
	hb    []hintBits
	// docHints' arrays and counts.
	docOut, docOwn, gazOut []uint8
	docCount               map[string][3]int32
}

var tokPool = sync.Pool{New: func() any { return new(tokScratch) }}

// maxPooledTokens bounds the scratch kept for the next article, so that one
// huge article does not keep its memory.
const maxPooledTokens = 1 << 16

// release returns s to the pool, holding no reference to the article.
func (s *tokScratch) release() {
	if cap(s.toks) > maxPooledTokens {
		return
	}
	clear(s.toks[:cap(s.toks)])
	s.toks = s.toks[:0]
	s.hints = s.hints[:0]
	clear(s.docCount) // its keys are the article's
	tokPool.Put(s)
}

// taggerTokens is TaggerTokens over the rule extractor's keys of doc and
// its entities ents (in text order), in s's memory.
func (x *Extractor) taggerTokens(doc *nlp.Document, keys *docKeys, ents []Entity, s *tokScratch) []ner.Token {
	n := len(doc.Tokens)
	out := grow(s.toks, n)
	clear(out)
	s.toks = out
	if n == 0 {
		return out
	}
	hb := grow(s.hb, n)
	clear(hb)
	s.hb = hb
	l := x.lex
	for _, s := range doc.Sentences {
		lo, hi := s.TokStart, s.TokEnd
		for i := lo; i < hi; i++ {
			lexHint := func(h hintSet, n int) {
				if n > 0 {
					markSpan(hb, bitLex+int(h)*numParts, i, i+n)
				}
			}
			if n, _ := l.surnames.longest(keys, i, hi); n > 0 {
				lexHint(hintSurname, n)
			}
			if n, _ := l.ranks.longest(keys, i, hi); n > 0 {
				lexHint(hintRank, n)
			}
			if n, _ := l.positions.longest(keys, i, hi); n > 0 {
				lexHint(hintPosition, n)
			}
			if n, _ := l.locations.longest(keys, i, hi); n > 0 {
				lexHint(hintLocation, n)
			}
			if n, _ := l.nameWords.longest(keys, i, hi); n > 0 {
				lexHint(hintNameWord, n)
			}
			if n, _ := l.cues.longest(keys, i, hi); n > 0 {
				lexHint(hintCue, n)
			}
			if n, _ := l.blockers.longest(keys, i, hi); n > 0 {
				lexHint(hintBlocker, n)
			}
			// Units: the longest phrase of each role.
			var seen [unitBlocker + 1]bool
			l.units.matches(keys, i, hi, func(n int, u unitInfo) bool {
				if u.role <= unitBlocker && !seen[u.role] {
					seen[u.role] = true
					lexHint(hintUnitHead+hintSet(u.role-unitHead), n)
				}
				return false
			})
		}
	}
	for _, e := range ents {
		if e.tokEnd <= e.tokStart || e.tokEnd > n {
			continue
		}
		for t, typ := range ruleHintTypes {
			if e.Type == typ {
				markSpan(hb, bitRule+t*numParts, e.tokStart, e.tokEnd)
			}
		}
		if e.Type == Person && e.Role != "" {
			b := bitAuthor
			if e.Role == "photographer" {
				b = bitPhotograph
			}
			for k := e.tokStart; k < e.tokEnd; k++ {
				hb[k] |= 1 << b
			}
		}
	}

	docHints := x.docHints(doc, keys, ents, s)
	vt, ids := x.tables(doc)
	gaz, gazHints := x.gazetteerHints(doc, keys, s)

	// Layout: where words, lines and sentences start.
	for _, w := range doc.Words {
		out[w.TokStart].WordStart = true
	}
	total := 0
	for i := range hb {
		total += bits.OnesCount64(uint64(hb[i])) + 2 + bits.OnesCount8(docHints[i]) + 2 + len(clusterPrefixes) + bits.OnesCount8(gazHints[i])
	}
	hints := s.hints[:0]
	if cap(hints) < total {
		hints = make([]ner.Hint, 0, total)
	}
	defer func() { s.hints = hints }()
	for _, s := range doc.Sentences {
		for i := s.TokStart; i < s.TokEnd; i++ {
			t := &doc.Tokens[i]
			o := &out[i]
			o.Text, o.Key, o.Kind = t.Text, keys.at(i), t.Kind
			if t.Text == "'" && inWordApostrophe(doc.Tokens, i) {
				o.Key = typographicApostrophe // "Cư M'gar" as "Cư M’gar"
			}
			o.Start, o.End = t.Start, t.End
			o.Shape = ner.ShapeOf(t.Text, t.Kind)
			o.SentStart = i == s.TokStart
			o.InTitle = s.Role == nlp.RoleTitle
			o.LineStart = i == 0 || lineBreakBetween(doc.Text, doc.Tokens[i-1].End, t.Start)
			h0 := len(hints)
			if s.Role != nlp.RoleBody && int(s.Role) < len(roleHints) {
				hints = append(hints, roleHints[s.Role])
			}
			for m := hb[i]; m != 0; m &= m - 1 {
				hints = append(hints, hintStrings[bits.TrailingZeros64(uint64(m))])
			}
			for b, h := range docHintStrings {
				if docHints[i]&(1<<b) != 0 {
					hints = append(hints, h)
				}
			}
			if gh := gazHints[i]; gh != 0 {
				for b := range 8 {
					if gh&(1<<b) != 0 {
						hints = append(hints, gaz.Hint(b/3, b%3))
					}
				}
			}
			inVocab := vt != nil && ids[i] != 0 // the vocabulary's tables hold the key
			if t.Kind == nlp.KindWord && (o.Shape == ner.ShapeTitle || o.Shape == ner.ShapeUpper) {
				foreign := !nlp.KeyLooksVietnamese(o.Key)
				if inVocab {
					foreign = vt.foreign[ids[i]]
				}
				if foreign {
					hints = append(hints, foreignHint)
				}
			}
			if inVocab && !clusters.HasDigit19(o.Key) {
				hints = keyHintsOf(hints, vt.hints[ids[i]], vt.known[ids[i]], t.Kind == nlp.KindWord)
			} else {
				hints = wordHints(hints, o.Key, t.Kind == nlp.KindWord)
			}
			o.Hints = hints[h0:len(hints):len(hints)]
		}
	}
	return out
}

// Document hints: a capitalized token whose key the rule extractor puts in
// a PERSON (the last syllable of one) or a UNIT elsewhere in the article, so
// that "Tiến" alone is known for a name when "Nguyễn Văn Tiến" was found.
const (
	docPerson = iota
	docPersonLast
	docUnit
)

// typographicApostrophe is the key of "’". Names of the Central Highlands
// hold an apostrophe ("Ea H’leo", "Cư M'gar", "H’Hen Niê"); news and the
// annotated articles write it "’", many sites "'": the tagger reads an
// ASCII apostrophe inside a word as the typographic one it learned.
var typographicApostrophe = nlp.Key("’")

// inWordApostrophe reports whether token i is an apostrophe inside a word:
// right after a letter and right before one, with no space on either side.
func inWordApostrophe(toks []nlp.Token, i int) bool {
	if i == 0 || i+1 >= len(toks) || !isApostrophe(toks[i].Text) {
		return false
	}
	p, t, n := &toks[i-1], &toks[i], &toks[i+1]
	return p.End == t.Start && t.End == n.Start && p.Kind == nlp.KindWord && n.Kind == nlp.KindWord
}

// spacedApostrophe reports an apostrophe token i written with spaces
// around it between one capital consonant and a word, as the press often
// writes the names of the Central Highlands: "Ea H ’ leo", "Cư M ’ gar".
// A mark that another one closes a few words on opens a quotation: "Lê Văn
// A ' nói thật '".
func spacedApostrophe(toks []nlp.Token, i int) bool {
	if i == 0 || i+1 >= len(toks) || !isApostrophe(toks[i].Text) {
		return false
	}
	p, n := toks[i-1].Text, &toks[i+1]
	r, size := utf8.DecodeRuneInString(p)
	if size != len(p) || !unicode.IsUpper(r) || strings.ContainsRune("AĂÂEÊIOÔƠUƯY", r) || n.Kind != nlp.KindWord {
		return false
	}
	for k := i + 2; k < len(toks) && k <= i+6; k++ {
		if isApostrophe(toks[k].Text) {
			return false
		}
	}
	return true
}

func isApostrophe(s string) bool { return s == "'" || s == "’" }

// foreignHint marks a capitalized word that is not shaped like a
// Vietnamese syllable ("Vladimir", "Kowalska"): a foreign name, most often,
// or an acronym ("UBND", "NATO"). 5-fold CV, mean of seeds 1–4 through the
// merge rules: PERSON 95.13 → 95.18, UNIT 90.33 → 90.55 (capitalized
// words alone, not acronyms: 95.15, 90.45; on the hint's own token only:
// 95.15, 90.48).
var foreignHint = ner.NewHint("form:foreign")

var docHintStrings = [...]ner.Hint{ner.NewHint("doc:PERSON"), ner.NewHint("doc:PERSON:last"), ner.NewHint("doc:UNIT")}

// docHints returns the document hint bits of each token given the rule
// extractor's entities.
func (x *Extractor) docHints(doc *nlp.Document, keys *docKeys, ents []Entity, s *tokScratch) []uint8 {
	out := grow(s.docOut, len(doc.Tokens))
	clear(out)
	s.docOut = out
	// Counts per key of capitalized tokens inside rule entities, by kind
	// (docPerson, docUnit, docPersonLast).
	if s.docCount == nil {
		s.docCount = map[string][3]int32{}
	}
	count := s.docCount
	clear(count)
	for _, e := range ents {
		var kind int
		switch e.Type {
		case Person:
			kind = docPerson
		case Unit:
			kind = docUnit
		default:
			continue
		}
		for k := e.tokStart; k < e.tokEnd && k < len(doc.Tokens); k++ {
			if !doc.Tokens[k].IsUpper() {
				continue
			}
			c := count[keys.at(k)]
			c[kind]++
			if e.Type == Person && k == e.tokEnd-1 {
				c[docPersonLast]++
			}
			count[keys.at(k)] = c
		}
	}
	// A token counts for a key only when it is not itself the occurrence
	// that made the count: it must be in a rule entity elsewhere.
	own := grow(s.docOwn, len(doc.Tokens))
	clear(own)
	s.docOwn = own
	for _, e := range ents {
		for k := e.tokStart; k < e.tokEnd && k < len(doc.Tokens); k++ {
			switch e.Type {
			case Person:
				own[k] |= 1 << docPerson
				if k == e.tokEnd-1 {
					own[k] |= 1 << docPersonLast
				}
			case Unit:
				own[k] |= 1 << docUnit
			}
		}
	}
	for i := range doc.Tokens {
		if !doc.Tokens[i].IsUpper() {
			continue
		}
		counts := count[keys.at(i)]
		for c := range counts {
			n := counts[c]
			if own[i]&(1<<c) != 0 {
				n--
			}
			if n > 0 {
				out[i] |= 1 << c
			}
		}
	}
	return out
}

// The word clusters (extract/data/clusters.txt, Brown clusters of unlabeled
// news text, rebuilt by `go run ./cmd/vnews-train clusters`): each token gets
// the prefixes of 4, 6 and 10 bits of its key's path and the whole path as
// hints ("clu4:0110", "clu:0110100111"), or "clu:none" for a word the
// clusters do not know. The hint strings are built once per path.
//
//go:embed data/clusters.txt
var embeddedClusters string

type clusterTable struct {
	m      *clusters.Map
	byPath map[string]*[4]ner.Hint
}

var clusterPrefixes = [...]int{4, 6, 10}

var clusterNone = ner.NewHint("clu:none")

// defaultClusters loads the clusters and builds the hints of every path.
var defaultClusters = sync.OnceValues(func() (*clusterTable, error) {
	m, err := clusters.Load(strings.NewReader(embeddedClusters))
	if err != nil {
		return nil, err
	}
	t := &clusterTable{m: m, byPath: map[string]*[4]ner.Hint{}}
	// Load has checked every line: the path is the first field.
	for line := range strings.Lines(embeddedClusters) {
		p, _, ok := strings.Cut(line, "\t")
		if !ok || line[0] == '#' {
			continue
		}
		if _, ok := t.byPath[p]; ok {
			continue
		}
		var h [4]ner.Hint
		for i, n := range clusterPrefixes {
			h[i] = ner.NewHint("clu" + strconv.Itoa(n) + ":" + p[:min(n, len(p))])
		}
		h[3] = ner.NewHint("clu:" + p)
		t.byPath[p] = &h
	}
	return t, nil
})

// The tagger's gazetteer (extract/data/tagger-gazetteer.txt): the gold
// PERSON and UNIT names of the annotated training articles, written by `go
// run ./cmd/vnews-train ner` with the model. Each token gets the hints of
// the longest name of each type starting at it ("gaz:UNIT:B", "gaz:UNIT:I",
// "gaz:UNIT:L").
//
//go:embed data/tagger-gazetteer.txt
var embeddedGazetteer string

var defaultGazetteer = sync.OnceValues(func() (*ner.Gazetteer, error) {
	return ner.ReadGazetteer(strings.NewReader(embeddedGazetteer), []string{string(Person), string(Unit)})
})

// gazetteerHints returns the gazetteer and the hints of each token as bits
// 3*type+part; none when the gazetteer did not load (TaggerSpans reports
// that error).
func (x *Extractor) gazetteerHints(doc *nlp.Document, keys *docKeys, sc *tokScratch) (*ner.Gazetteer, []uint8) {
	out := grow(sc.gazOut, len(doc.Tokens))
	clear(out)
	sc.gazOut = out
	g, err := x.gazetteer()
	if err != nil || g.Len() == 0 {
		return g, out
	}
	for _, s := range doc.Sentences {
		g.Match(s.TokStart, s.TokEnd, keys.at, func(t, i, j int) {
			out[i] |= 1 << (3*t + ner.GazB)
			for k := i + 1; k < j; k++ {
				out[k] |= 1 << (3*t + ner.GazI)
			}
			out[j-1] |= 1 << (3*t + ner.GazL)
		})
	}
	return g, out
}

// How often words are capitalized in news text (extract/data/capitals.txt,
// WORD<TAB>PERCENT, rebuilt by `go run ./cmd/vnews-train capitals`): a word
// token gets the band of its key's share, "cap:0" (almost never
// capitalized) to "cap:5" (almost always), or "cap:unk" for a rare word.
//
//go:embed data/capitals.txt
var embeddedCapitals string

var capitalsBands = [...]ner.Hint{ner.NewHint("cap:0"), ner.NewHint("cap:1"), ner.NewHint("cap:2"), ner.NewHint("cap:3"), ner.NewHint("cap:4"), ner.NewHint("cap:5")}

var capitalsUnknown = ner.NewHint("cap:unk")

// capitalsBand returns the band of a percentage.
func capitalsBand(pct int) int {
	switch {
	case pct < 2:
		return 0
	case pct < 10:
		return 1
	case pct < 40:
		return 2
	case pct < 80:
		return 3
	case pct < 97:
		return 4
	}
	return 5
}

var defaultCapitals = sync.OnceValues(func() (map[string]uint8, error) {
	m := map[string]uint8{}
	n := 0
	for line := range strings.Lines(embeddedCapitals) {
		n++
		line = strings.TrimRight(line, "\n")
		if line == "" || line[0] == '#' {
			continue
		}
		w, p, ok := strings.Cut(line, "\t")
		pct, err := strconv.Atoi(p)
		if !ok || err != nil || pct < 0 || pct > 100 || w == "" {
			return nil, fmt.Errorf("capitals.txt line %d: want WORD<TAB>PERCENT", n)
		}
		m[nlp.Key(w)] = uint8(capitalsBand(pct))
	}
	return m, nil
})

// capitalsHint returns the capitalization hint of a word's key.
func capitalsHint(key string) ner.Hint {
	m, _ := defaultCapitals()
	if b, ok := m[key]; ok {
		return capitalsBands[b]
	}
	return capitalsUnknown
}

// grow returns s with length n, reallocated if it is too small.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// keyHints are the capitalization and cluster hints of a key, built once.
type keyHints struct {
	capital ner.Hint
	cluster *[4]ner.Hint // nil: not clustered
}

// defaultKeyHints maps every key the clusters or the capitalization table
// know to its hints, so that a token costs one map probe.
var defaultKeyHints = sync.OnceValue(func() map[string]keyHints {
	out := map[string]keyHints{}
	cl, err1 := defaultClusters()
	caps, err2 := defaultCapitals()
	if err1 != nil || err2 != nil {
		return out // TaggerSpans reports the error
	}
	for k, b := range caps {
		if !clusters.HasDigit19(k) {
			out[k] = keyHints{capital: capitalsBands[b]}
		}
	}
	for k, p := range cl.m.All {
		h := out[k]
		if _, ok := caps[k]; !ok {
			h.capital = capitalsUnknown
		}
		h.cluster = cl.byPath[p]
		out[k] = h
	}
	return out
})

// wordHints appends the capitalization hint of a word token (word) and the
// cluster hints of key: capitalsHint and clusterHints in one map probe.
func wordHints(dst []ner.Hint, key string, word bool) []ner.Hint {
	if clusters.HasDigit19(key) {
		// The clusters fold digits, the capitalization table does not.
		if word {
			dst = append(dst, capitalsHint(key))
		}
		return clusterHints(dst, key)
	}
	h, ok := defaultKeyHints()[key]
	return keyHintsOf(dst, h, ok, word)
}

// keyHintsOf appends the hints of a key whose entry in defaultKeyHints is
// h (ok: it has one), as wordHints does.
func keyHintsOf(dst []ner.Hint, h keyHints, ok, word bool) []ner.Hint {
	if word {
		if ok {
			dst = append(dst, h.capital)
		} else {
			dst = append(dst, capitalsUnknown)
		}
	}
	if h.cluster == nil {
		if _, err := defaultClusters(); err != nil {
			return dst
		}
		return append(dst, clusterNone)
	}
	c := h.cluster
	return append(dst, c[0], c[1], c[2], c[3])
}

// clusterHints appends the word-cluster hints of a token key; nothing when
// the clusters file did not load (TaggerSpans reports that error).
func clusterHints(dst []ner.Hint, key string) []ner.Hint {
	t, err := defaultClusters()
	if err != nil {
		return dst
	}
	p, ok := t.m.Path(key)
	if !ok {
		return append(dst, clusterNone)
	}
	h := t.byPath[p]
	return append(dst, h[0], h[1], h[2], h[3])
}

func lineBreakBetween(text string, a, b int) bool {
	for k := a; k < b; k++ {
		if text[k] == '\n' {
			return true
		}
	}
	return false
}

// The learned tagger, trained by `go run ./cmd/vnews-train ner` on the
// annotated training articles over TaggerTokens (see cmd/vnews-train/ner.go
// for its cross-validated scores).
//
//go:embed data/tagger.bin
var embeddedTagger []byte

// taggerWindow is the gate of the shipped tagger (ner.Tagger.Gated): a
// token with no signal within this many tokens is tagged O unscored. In
// 5-fold CV (vnews-train ner -cv -windows 2,3) a window of 3 gives the
// same F1 as scoring every token; 2 loses 0.2 PERSON.
const taggerWindow = 3

var defaultTagger = sync.OnceValues(func() (*ner.Tagger, error) {
	t, err := ner.ParseTagger(embeddedTagger)
	offheap.Forget(embeddedTagger) // parsed into the model's table
	if err != nil {
		return nil, err
	}
	return t.Gated(taggerWindow), nil
})

// taggerModel returns the extractor's tagger: WithTaggerModel's, else the
// embedded one.
func (x *Extractor) taggerModel() (*ner.Tagger, error) {
	if x.tagModel != nil {
		return x.tagModel, nil
	}
	return defaultTagger()
}

// gazetteer returns the extractor's gazetteer: WithTaggerModel's, else the
// embedded one.
func (x *Extractor) gazetteer() (*ner.Gazetteer, error) {
	if x.gaz != nil {
		return x.gaz, nil
	}
	return defaultGazetteer()
}

// TaggerSpans returns the PERSON and UNIT mentions the learned tagger finds
// in doc, in text order, with Type, Text, Start, End (byte offsets) and
// Sentence set and nothing else: the spans only, before any normalization
// (Extract normalizes them). The error is from loading the embedded model,
// on first use.
func (x *Extractor) TaggerSpans(doc *nlp.Document, opt Options) ([]Entity, error) {
	return x.tagSpans(doc, x.TaggerTokens(doc, opt), nil)
}

// tagSpans tags the tokens of doc (TaggerTokens) and gives the spans as
// TaggerSpans does.
func (x *Extractor) tagSpans(doc *nlp.Document, tokens []ner.Token, dst []Entity) ([]Entity, error) {
	t, err := x.taggerModel()
	if err != nil {
		return nil, fmt.Errorf("extract: loading the tagger model: %w", err)
	}
	if _, err := defaultClusters(); err != nil {
		return nil, fmt.Errorf("extract: loading the word clusters: %w", err)
	}
	if _, err := defaultCapitals(); err != nil {
		return nil, fmt.Errorf("extract: loading the capitalization table: %w", err)
	}
	if _, err := x.gazetteer(); err != nil {
		return nil, fmt.Errorf("extract: loading the tagger's gazetteer: %w", err)
	}
	d := ner.Doc{Tokens: tokens, Sentences: make([][2]int, len(doc.Sentences))}
	for i, s := range doc.Sentences {
		d.Sentences[i] = [2]int{s.TokStart, s.TokEnd}
	}
	return appendTagged(dst, doc, d.Tokens, t.Tag(d, nil), t.Types()), nil
}

// taggedEntities turns the tagger's token spans (types names their types)
// into entities.
func taggedEntities(doc *nlp.Document, tokens []ner.Token, spans []ner.Span, types []string) []Entity {
	return appendTagged(nil, doc, tokens, spans, types)
}

// appendTagged is taggedEntities appending to dst.
func appendTagged(dst []Entity, doc *nlp.Document, tokens []ner.Token, spans []ner.Span, types []string) []Entity {
	out := slices.Grow(dst, len(spans))
	for _, sp := range spans {
		start, end := ner.Extent(tokens, sp)
		if strings.ContainsRune(doc.Text[start:end], utf8.RuneError) {
			continue // bytes that did not decode name no one
		}
		tokEnd := sp.End
		if Type(types[sp.Type]) == Unit {
			// The period after a unit's designator ends the sentence
			// ("Quân khu V."): only a person's initial keeps its period.
			end = doc.Tokens[sp.End-1].End
		} else if end > doc.Tokens[sp.End-1].End {
			tokEnd++ // the period ner.Extent took in
		}
		out = append(out, Entity{Type: Type(types[sp.Type]), Text: doc.Text[start:end], Start: start, End: end,
			Sentence: doc.SentenceAt(start), tokStart: sp.Start, tokEnd: tokEnd})
	}
	return out
}

// MergeTagged is for vnews-train's cross-validation: it returns the
// mentions Extract would give for doc if the tagger, over tokens (as
// TaggerTokens gives them, maybe with other hints), had found spans (their
// types named by types), with the merge rules named in MergeRuleNames
// except those in off ("all" turns every one off, "default" leaves those
// the library applies). It never panics (a failing step gives no mentions).
func (x *Extractor) MergeTagged(doc *nlp.Document, opt Options, tokens []ner.Token, spans []ner.Span, types []string, off ...string) (ents []Entity) {
	defer func() {
		if recover() != nil {
			ents = nil
		}
	}()
	rules := mergeSet(mergeAll)
	for _, o := range off {
		switch o {
		case "all":
			rules = mergeNone
		case "default":
			rules = defaultMerge
		}
		for k, name := range MergeRuleNames {
			if name == o {
				rules &^= 1 << k
			}
		}
	}
	step := ""
	r, _ := x.ruleRun(doc, opt, &step)
	r.applyTagged(taggedEntities(doc, tokens, spans, types), rules)
	return r.ents
}
