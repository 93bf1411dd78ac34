package link

import (
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/vnews/vnews/nlp"
)

// Feature names are hashed (FNV-1a, 64 bits) with the slot, so a model is
// a table of hashes and weights.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// featureSet builds the feature hashes of one candidate.
type featureSet struct {
	slot  byte
	feats []uint64
}

func (f *featureSet) add(parts ...string) {
	h := uint64(fnvOffset)
	h = (h ^ uint64(f.slot)) * fnvPrime
	for _, p := range parts {
		for i := 0; i < len(p); i++ {
			h = (h ^ uint64(p[i])) * fnvPrime
		}
		h = (h ^ 0xff) * fnvPrime
	}
	f.feats = append(f.feats, h)
}

var smallNums = [...]string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}

// num caps n at max and names it.
func num(n, max int) string {
	if n > max {
		n = max
	}
	if n < 0 {
		n = 0
	}
	return smallNums[n]
}

// gapBucket names a token distance.
func gapBucket(g int) string {
	switch {
	case g <= 3:
		return num(g, 3)
	case g <= 5:
		return "4-5"
	case g <= 8:
		return "6-8"
	case g <= 12:
		return "9-12"
	case g <= 20:
		return "13-20"
	}
	return "21+"
}

// between describes the tokens and spans between a mention and a candidate.
type between struct {
	shape                          string // the punctuation marks in order, at most four
	words                          int    // word tokens that no span covers
	persons, same, posts, units    int
	ranks                          int
	roleVerb, and, address, paren  bool
	openParen, closeParen, semicol bool
}

func punctClass(s string) byte {
	switch s {
	case ",":
		return ','
	case "(", "[":
		return '('
	case ")", "]":
		return ')'
	case "-", "–", "—":
		return '-'
	case ":":
		return ':'
	case ";":
		return ';'
	case "\"", "“", "”", "'", "‘", "’":
		return '"'
	case ".", "!", "?", "…", "...":
		return '.'
	}
	return '*'
}

// scan fills b for tokens [a, z) of sentence spans [lo, hi); kind is the
// candidate's kind.
func (in *Input) scan(a, z, lo, hi int, kind Kind) between {
	var b between
	var shape [4]byte
	n := 0
	for k := lo; k < hi; k++ {
		s := in.Spans[k]
		if s.Tok < a || s.End > z {
			continue
		}
		switch s.Kind {
		case KPerson:
			b.persons++
		case KUnit:
			b.units++
		case KPosition:
			b.posts++
		case KRank:
			b.ranks++
		}
		if s.Kind == kind {
			b.same++
		}
	}
	toks := in.Doc.Tokens
	for t := a; t < z; t++ {
		c := in.Cues[t]
		if c&CueRoleVerb != 0 {
			b.roleVerb = true
		}
		if c&CueAnd != 0 {
			b.and = true
		}
		if c&CueAddress != 0 {
			b.address = true
		}
		if toks[t].Kind == nlp.KindPunct {
			p := punctClass(toks[t].Text)
			switch p {
			case '(':
				b.openParen = true
			case ')':
				b.closeParen = true
			case ';':
				b.semicol = true
			}
			if n < len(shape) && (n == 0 || shape[n-1] != p || p != ',') {
				shape[n] = p
				n++
			}
		} else if toks[t].Kind == nlp.KindWord {
			b.words++
		}
	}
	b.shape = string(shape[:n])
	return b
}

// MaxMentions is how many of a person's mentions, the first ones, give
// candidates: a profile takes the first post stated, news articles name a
// person a few times, and a book-sized text that names one a hundred
// thousand times must not cost a hundred thousand candidate lists.
const MaxMentions = 24

// Candidates returns the candidates for one slot of profile p; the first is
// "none". pos is the position chosen for the profile (for the unit slot),
// nil if none was. Only the first MaxMentions mentions give candidates.
func (in *Input) Candidates(p, slot int, pos *Cand) []Cand {
	return in.candidates(p, slot, pos, &candBuf{})
}

// candBuf holds the lists one slot's candidates are made in, so that
// Decide reuses them from one person to the next. The candidates made with
// a candBuf are valid until it is used again.
type candBuf struct {
	cands   []Cand
	keys    []uint64
	pool    []uint64
	support map[uint64][2]int
	pre     []bool // per mention: some candidate stands right before it
}

// release empties the lists, which hold strings of the article.
func (b *candBuf) release() {
	clear(b.cands[:cap(b.cands)])
	clear(b.support)
}

func (in *Input) candidates(p, slot int, pos *Cand, buf *candBuf) []Cand {
	person := &in.People[p]
	cands := append(buf.cands[:0], Cand{Tok: -1, End: -1, Variant: "none", mention: -1})
	defer func() { buf.cands = cands[:0] }()
	var kind Kind
	switch slot {
	case SlotRank:
		kind = KRank
	case SlotPosition:
		kind = KPosition
	case SlotUnit:
		kind = KUnit
	}
	for mi, m := range person.Mentions[:min(len(person.Mentions), MaxMentions)] {
		lo, hi := in.sentence(m)
		tlo, thi := in.tokBounds(m)
		ms := in.Spans[m]
		addCand := func(tok, end int, variant string, text string) {
			if tok < ms.End && end > ms.Tok {
				return // overlaps the name
			}
			cands = append(cands, Cand{Tok: tok, End: end, Variant: variant, text: text, mention: mi, spanKind: kind})
		}
		for k := lo; k < hi; k++ {
			s := in.Spans[k]
			switch {
			case kind == KRank && s.Kind == KRank:
				addCand(s.Tok, s.End, "rank", s.Text)
			case kind == KUnit && s.Kind == KUnit:
				addCand(s.Tok, s.End, "unit", "")
			case kind == KPosition && s.Kind == KPosition:
				in.postVariants(k, lo, hi, tlo, thi, addCand)
			case kind == KPosition && s.Kind == KUnit:
				// A bare "Trưởng" or "Phó trưởng" before a unit.
				t := s.Tok - 1
				if t < tlo || in.Cues[t]&CuePostWord == 0 || in.covered(t, lo, hi, KPosition) {
					continue
				}
				if t-1 >= tlo && in.Cues[t-1]&CuePostWord != 0 {
					t--
				}
				if t-1 >= tlo && in.Cues[t-1]&CuePrior != 0 {
					t--
				}
				addCand(t, s.Tok, "bare", "")
			}
		}
	}
	// How often the same value stands by the person's mentions, and how
	// often right before or after a name ("Thủ tướng Nguyễn Xuân Phúc" in
	// three sentences).
	if buf.support == nil {
		buf.support = make(map[uint64][2]int, len(cands))
	}
	support := buf.support
	clear(support)
	keys := slices.Grow(buf.keys[:0], len(cands))[:len(cands)]
	buf.keys = keys
	// pre: for each mention, whether some candidate stands right before it.
	pre := buf.pre[:0]
	for range person.Mentions[:min(len(person.Mentions), MaxMentions)] {
		pre = append(pre, false)
	}
	buf.pre = pre
	for i := 1; i < len(cands); i++ {
		c := &cands[i]
		keys[i] = lowerHash(c.Text(in))
		v := support[keys[i]]
		v[0]++
		if m := person.Mentions[c.mention]; in.adjacent(c, m) {
			v[1]++
			if c.End <= in.Spans[m].Tok {
				pre[c.mention] = true
			}
		}
		support[keys[i]] = v
	}
	rule := person.Rule[slot]
	ruleFound := false
	// The candidates' features are made one after the other in one pool
	// (about 25 a candidate): one allocation, not one a candidate. A
	// candidate whose features outgrow the pool gets a list of its own.
	pool := slices.Grow(buf.pool[:0], 32*len(cands)+8)
	defer func() { buf.pool = pool[:0] }()
	for i := 1; i < len(cands); i++ {
		c := &cands[i]
		start := len(pool)
		f := featureSet{slot: byte(slot), feats: pool[start:start]}
		if rule != "" && strings.EqualFold(c.Text(in), rule) {
			f.add("rule")
			ruleFound = true
		}
		in.features(&f, p, c, pos)
		v := support[keys[i]]
		f.add("support", num(v[0]-1, 3))
		f.add("support+adj", num(v[1], 3))
		f.add("support+first", num(v[0]-1, 2), num(boolInt(c.mention == 0), 1))
		// A post before the name against one after it: the side, whether
		// some candidate stands right before the mention, and whether
		// this one stands right by it.
		m := person.Mentions[c.mention]
		side := "after"
		if c.End <= in.Spans[m].Tok {
			side = "before"
		}
		f.add("pre", side, num(boolInt(pre[c.mention]), 1), num(boolInt(in.adjacent(c, m)), 1))
		if n := len(f.feats); n > 0 && n <= cap(pool)-start && &f.feats[0] == &pool[start : start+1][0] {
			pool = pool[:start+n] // made in place
		}
		c.Feats = f.feats[:len(f.feats):len(f.feats)]
	}
	if rule != "" && !ruleFound {
		f := featureSet{slot: byte(slot)}
		f.add("ruleonly")
		f.add("ruleonly", num(len(cands)-1, 3))
		cands = append(cands, Cand{Tok: -1, End: -1, text: rule, Variant: "rule", mention: -1, Feats: f.feats})
	}
	f := featureSet{slot: byte(slot), feats: pool[len(pool):len(pool):cap(pool)]}
	f.add("none")
	f.add("none", "rule", num(len(rule), 1))
	f.add("none", "n", num(len(cands)-1, 4))
	f.add("none", "mentions", num(len(person.Mentions), 3))
	cands[0].Feats = f.feats[:len(f.feats):len(f.feats)]
	return cands
}

// lowerHash is a 64-bit hash of s in lower case (as strings.ToLower would
// make it), with no string made.
func lowerHash(s string) uint64 {
	h := uint64(fnvOffset)
	for _, r := range s {
		h = (h ^ uint64(unicode.ToLower(r))) * fnvPrime
	}
	return h
}

// adjacent reports whether candidate c stands right before or after
// mention m, with at most a rank or an address word between.
func (in *Input) adjacent(c *Cand, m int) bool {
	ms := in.Spans[m]
	a, z := ms.End, c.Tok
	if c.End <= ms.Tok {
		a, z = c.End, ms.Tok
	}
	for t := a; t < z; t++ {
		if in.Cues[t]&CueAddress == 0 && !in.inRank(t) {
			return false
		}
	}
	return true
}

// othersOwn reports a candidate of profile p that stands by another
// person's mention in its sentence (right before or after it, or opening
// its apposition: "A, Phó Trưởng phòng X") and by none of p's own.
func (in *Input) othersOwn(p int, c *Cand) bool {
	if c.Tok < 0 || c.mention < 0 {
		return false
	}
	person := &in.People[p]
	m := person.Mentions[c.mention]
	if in.acrossSemicolon(c, m) {
		return true // another item of a list
	}
	lo, hi := in.sentence(m)
	others := func(f func(x int) bool) bool {
		for x := lo; x < hi; x++ {
			if s := in.Spans[x]; s.Kind == KPerson && !slices.Contains(person.Mentions, x) && f(x) {
				return true
			}
		}
		return false
	}
	// A post with its unit right before a name is that person's title,
	// though it also opens the apposition of the name before: "Phó Thủ
	// tướng A, Bộ trưởng Bộ Tài chính B".
	if in.titleOf(c, m, lo, hi) {
		return false
	}
	if !in.adjacent(c, m) && others(func(x int) bool { return in.titleOf(c, x, lo, hi) }) {
		return true
	}
	if in.standsBy(c, m) {
		return false
	}
	return others(func(x int) bool { return in.standsBy(c, x) })
}

// titleOf reports post candidate c followed by a unit and then mention m,
// with nothing between but address words and ranks ("Bộ trưởng Bộ Tài
// chính Hồ Văn Tâm", "Giám đốc Công an tỉnh, Đại tá B" does not count).
func (in *Input) titleOf(c *Cand, m, lo, hi int) bool {
	if c.spanKind != KPosition || c.End >= in.Spans[m].Tok {
		return false
	}
	u := in.spanAt(c.End, lo, hi, KUnit)
	if u < 0 {
		return false
	}
	t := in.Spans[u].End
	for t < in.Spans[m].Tok && (in.Cues[t]&CueAddress != 0 || in.inRank(t)) {
		t++
	}
	return t == in.Spans[m].Tok
}

// acrossSemicolon reports a semicolon between candidate c and mention m:
// list items ("A, Tư lệnh; B, Chính ủy") are separated by semicolons.
func (in *Input) acrossSemicolon(c *Cand, m int) bool {
	a, z := in.Spans[m].End, c.Tok
	if c.End <= in.Spans[m].Tok {
		a, z = c.End, in.Spans[m].Tok
	}
	toks := in.Doc.Tokens
	for t := a; t < z; t++ {
		if punctClass(toks[t].Text) == ';' {
			return true
		}
	}
	return false
}

// standsBy reports candidate c right before or after mention m (adjacent)
// or opening m's apposition: after the name and a comma, a dash or an
// opening bracket.
func (in *Input) standsBy(c *Cand, m int) bool {
	if in.adjacent(c, m) {
		return true
	}
	e := in.Spans[m].End
	if c.Tok != e+1 {
		return false
	}
	switch punctClass(in.Doc.Tokens[e].Text) {
	case ',', '-', '(':
		return true
	}
	return false
}

// inRank reports whether token t is inside a RANK span.
func (in *Input) inRank(t int) bool {
	i := sort.Search(len(in.Spans), func(i int) bool { return in.Spans[i].Tok > t })
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if s := in.Spans[k]; s.Kind == KRank && s.Tok <= t && t < s.End {
			return true
		}
	}
	return false
}

// covered reports whether token t is inside a span of kind k.
func (in *Input) covered(t, lo, hi int, k Kind) bool {
	for x := lo; x < hi; x++ {
		if s := in.Spans[x]; s.Kind == k && s.Tok <= t && t < s.End {
			return true
		}
	}
	return false
}

// postVariants offers the forms of the post in span k: as found (with
// "nguyên"/"cựu" before it), cut where a unit starts inside it, joined
// with a post after "kiêm" or a comma, run on to a unit after it, or run on
// over capitalized words ("Bộ trưởng Ngoại giao").
func (in *Input) postVariants(k, lo, hi, tlo, thi int, add func(tok, end int, variant, text string)) {
	s := in.Spans[k]
	start, end := s.Tok, s.End
	prior := ""
	if start-1 >= tlo && in.Cues[start-1]&CuePrior != 0 {
		start--
		prior = "+prior"
	}
	// A unit starting inside the post, not on its last word: "Trưởng |Công an huyện".
	for x := lo; x < hi; x++ {
		u := in.Spans[x]
		if u.Kind == KUnit && u.Tok > s.Tok && u.Tok < s.End-1 {
			add(start, u.Tok, "cut"+prior, "")
			break
		}
	}
	add(start, end, "base"+prior, "")
	toks := in.Doc.Tokens
	// Chains: "Chủ tịch kiêm Giám đốc", "Tổng Bí thư, Chủ tịch nước".
	e := end
	for step := 0; step < 2 && e+1 < thi; step++ {
		join := in.Cues[e]&CueJoin != 0
		comma := toks[e].Text == ","
		if !join && !comma {
			break
		}
		next := in.spanAt(e+1, lo, hi, KPosition)
		if next < 0 {
			break
		}
		e = in.Spans[next].End
		if join {
			add(start, e, "kiem"+prior, "")
		} else {
			add(start, e, "chain"+prior, "")
		}
	}
	// Run on to a unit a few words on: "Đội trưởng tham mưu tổng hợp |Đồn Biên phòng".
	for g := 1; g <= 4 && end+g < thi; g++ {
		t := end + g - 1
		if toks[t].Kind != nlp.KindWord || in.Cues[t]&CueOf != 0 || in.inSpan(t, lo, hi) {
			break
		}
		if u := in.spanAt(end+g, lo, hi, KUnit); u >= 0 {
			add(start, end+g, "tounit"+prior, "")
			break
		}
	}
	// Capitalized words after the post: "Bộ trưởng Ngoại giao".
	g := 0
	for end+g < thi && g < 4 && toks[end+g].Kind == nlp.KindWord && toks[end+g].IsUpper() && !in.inSpan(end+g, lo, hi) {
		g++
	}
	if g > 0 {
		add(start, end+g, "caps"+prior, "")
	}
}

// spanAt returns the index of the span of kind k starting at token t, -1 if none.
func (in *Input) spanAt(t, lo, hi int, k Kind) int {
	for x := lo; x < hi; x++ {
		if s := in.Spans[x]; s.Tok == t && s.Kind == k {
			return x
		}
	}
	return -1
}

// inSpan reports whether token t is inside any span.
func (in *Input) inSpan(t, lo, hi int) bool {
	for x := lo; x < hi; x++ {
		if s := in.Spans[x]; s.Tok <= t && t < s.End {
			return true
		}
	}
	return false
}

// features adds the features of candidate c of profile p.
func (in *Input) features(f *featureSet, p int, c *Cand, pos *Cand) {
	person := &in.People[p]
	m := person.Mentions[c.mention]
	ms := in.Spans[m]
	lo, hi := in.sentence(m)
	toks := in.Doc.Tokens
	dir := "after"
	a, z := ms.End, c.Tok
	if c.End <= ms.Tok {
		dir, a, z = "before", c.End, ms.Tok
	}
	gap := z - a
	b := in.scan(a, z, lo, hi, c.spanKind)
	v := c.Variant
	f.add("bias")
	f.add("var", v)
	f.add("dir", dir)
	f.add("gap", dir, gapBucket(gap))
	f.add("shape", dir, b.shape)
	f.add("shape+w", dir, b.shape, num(b.words, 3))
	f.add("persons", dir, num(b.persons, 2))
	f.add("same", dir, num(b.same, 3))
	f.add("same+persons", dir, num(b.same, 2), num(b.persons, 1))
	f.add("posts", dir, num(b.posts, 2))
	f.add("units", dir, num(b.units, 2))
	f.add("ranks", dir, num(b.ranks, 1))
	f.add("words", dir, gapBucket(b.words))
	f.add("gap+shape", dir, gapBucket(gap), b.shape)
	if b.roleVerb {
		f.add("roleverb", dir)
		f.add("roleverb", dir, num(b.persons, 1))
	}
	if b.and {
		f.add("and", dir)
	}
	if b.address {
		f.add("address", dir)
	}
	if b.semicol {
		f.add("semicolon", dir)
	}
	if b.openParen && !b.closeParen {
		f.add("inparen", dir)
	}
	if b.closeParen && !b.openParen {
		f.add("outparen", dir)
	}
	if b.words == 0 && b.shape == "" {
		f.add("direct", dir, num(b.ranks, 1))
	}
	// Is this mention the person nearest the candidate?
	near, nearDist := -1, 1<<30
	for x := lo; x < hi; x++ {
		s := in.Spans[x]
		if s.Kind != KPerson {
			continue
		}
		d := c.Tok - s.End
		if s.Tok >= c.End {
			d = s.Tok - c.End
		}
		if d >= 0 && d < nearDist {
			near, nearDist = x, d
		}
	}
	f.add("nearest", num(boolInt(near == m), 1))
	f.add("nearest", dir, num(boolInt(near == m), 1), num(b.persons, 1))
	f.add("firstmention", num(boolInt(c.mention == 0), 1))
	f.add("fullname", num(boolInt(ms.End-ms.Tok > 1), 1))
	if ms.Tok > 0 && toks[ms.Tok-1].Text == "(" {
		f.add("mentionparen")
	}
	up := toks[c.Tok].IsUpper()
	f.add("upper", num(boolInt(up), 1))
	f.add("upper", dir, num(boolInt(up), 1))
	f.add("len", gapBucket(c.End-c.Tok))
	if c.Tok > 0 && in.Cues[c.Tok-1]&CueOf != 0 {
		f.add("of", dir)
	}
	if c.Tok > 0 && in.Cues[c.Tok-1]&CueRoleVerb != 0 {
		f.add("verbbefore", dir)
	}
	if in.Cues[c.Tok]&CuePrior != 0 {
		f.add("prior")
	}
	f.add("sentrole", num(int(in.Doc.Sentences[in.sentOf[m]].Role), 9))
	switch c.spanKind {
	case KPosition:
		f.add("head", in.tokKey(c.Tok))
		f.add("var+dir", v, dir, gapBucket(gap))
		// What follows the post: its unit, another post, a name.
		next := "end"
		if c.End < len(toks) {
			switch {
			case in.spanAt(c.End, lo, hi, KUnit) >= 0:
				next = "unit"
			case c.End > 0 && in.spanAt(c.End-1, lo, hi, KUnit) >= 0:
				next = "unitshared"
			case in.spanAt(c.End, lo, hi, KPerson) >= 0:
				next = "person"
			case in.spanAt(c.End, lo, hi, KRank) >= 0:
				next = "rank"
			case toks[c.End].Kind == nlp.KindPunct:
				next = "punct" + string(punctClass(toks[c.End].Text))
			case in.Cues[c.End]&CueOf != 0:
				next = "of"
			default:
				next = "word"
			}
		}
		f.add("next", next)
		f.add("next", dir, next, num(b.persons, 1))
		f.add("next+var", next, v)
		if next == "unit" {
			// What follows the post's unit: a name after it makes the
			// post that name's ("..., Bộ trưởng Bộ Y Nguyễn Văn B").
			u := in.Spans[in.spanAt(c.End, lo, hi, KUnit)]
			t := u.End
			after := "end"
			if t < len(toks) {
				switch {
				case in.spanAt(t, lo, hi, KPerson) >= 0:
					after = "person"
				case in.spanAt(t, lo, hi, KRank) >= 0:
					after = "rank"
				case toks[t].Kind == nlp.KindPunct:
					after = "punct" + string(punctClass(toks[t].Text))
				default:
					after = "word"
				}
			}
			f.add("next2", dir, after)
		}
	case KUnit:
		f.add("head", in.tokKey(c.Tok))
		// Where the unit stands to the chosen post.
		rel := "nopos"
		if pos != nil && pos.Tok >= 0 {
			switch d := c.Tok - pos.End; {
			case c.Tok >= pos.Tok && d < 0:
				rel = "shared"
			case d == 0:
				rel = "adjacent"
			case d > 0 && d <= 6:
				pb := in.scan(pos.End, c.Tok, lo, hi, KUnit)
				switch {
				case pb.persons > 0:
					rel = "person"
				case pb.same > 0:
					rel = "unitbetween"
				case pb.shape == "":
					rel = "words"
					if in.Cues[c.Tok-1]&CueOf != 0 {
						rel = "of"
					}
				default:
					rel = "punct" + pb.shape
				}
			case d > 6:
				rel = "far"
			default:
				rel = "beforepos"
			}
		} else if pos != nil {
			rel = "rulepos"
		}
		f.add("pos", rel)
		f.add("pos", rel, dir, num(b.same, 2))
		// The post right before the unit, if any.
		if c.Tok > 0 {
			prev := "none"
			for x := lo; x < hi; x++ {
				s := in.Spans[x]
				if s.Kind == KPosition && (s.End == c.Tok || s.End == c.Tok+1 && s.Tok < c.Tok) {
					prev = "post"
				}
			}
			f.add("prevpost", prev, dir)
		}
	case KRank:
		f.add("rankgap", dir, gapBucket(gap), num(b.persons, 1))
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
