package extract

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vnews/vnews/nlp"
)

// The parse step: the date grammar's tables (date.go) matched at a position.

// Keys of the grammar's words that its code (not its rows) refers to.
var (
	kNgay     = nlp.Key("ngày")
	kHom      = nlp.Key("hôm")
	kNay      = nlp.Key("nay")
	kTruoc    = nlp.Key("trước")
	kSau      = nlp.Key("sau")
	kDau      = nlp.Key("đầu")
	kCuoi     = nlp.Key("cuối")
	kTrong    = nlp.Key("trong")
	kCachMang = nlp.Key("cách mạng")
	kGio      = nlp.Key("giờ")
	kPhut     = nlp.Key("phút")
)

// patternAt tells where a row's shape starts.
type patternAt uint8

const (
	atPrefix patternAt = iota // after the prefix (datePoints), at the expression's start (dateExprs)
	atStart                   // at the expression's start, before any prefix
)

// prefixCond are conditions on the prefix of a point.
type prefixCond uint8

const (
	cPrefixed prefixCond = 1 << iota // a part of the day or a day word
	cDayWord                         // a day word
	cDayPart                         // a part of the day
	cBare                            // a lone number may be a point: bare, and unprefixed or after a day word alone
	cPlain                           // not bare, unprefixed
)

// dprefix is what leads a point: "đầu", "sáng sớm", "ngày hôm".
type dprefix struct {
	end      int // the first token after the prefix
	edge     bool
	nPart    int // parts of the day
	dayWord  bool
	prefixed bool // a part of the day or a day word
}

// prefix parses the prefix of a point at i.
func (p *dateParser) prefix(i int) dprefix {
	var x dprefix
	j := i
	if p.has(j, setEdge) {
		x.edge = true
		j++
	}
	for p.has(j, setDayPart) && p.tok(j).Kind == nlp.KindWord {
		j++
		x.nPart++
	}
	// "2 ngày 30 – 31/10": "ngày" after a number counts days; it is no prefix.
	if p.has(j, setDayWord) && !(j == i && p.in(i-1) && p.tok(i-1).Kind == nlp.KindNumber) {
		x.dayWord = true
		j++
		if p.key(j) == kHom {
			j++ // "ngày hôm qua"
		}
	}
	x.end, x.prefixed = j, x.nPart > 0 || x.dayWord
	return x
}

func (x *dprefix) allows(c prefixCond, bare bool) bool {
	switch {
	case c&cPrefixed != 0 && !x.prefixed,
		c&cDayWord != 0 && !x.dayWord,
		c&cDayPart != 0 && x.nPart == 0,
		c&cBare != 0 && !(bare && (!x.prefixed || x.dayWord && x.nPart == 0)),
		c&cPlain != 0 && (bare || x.prefixed):
		return false
	}
	return true
}

// dop is what an element of a shape matches.
type dop uint8

const (
	opWord        dop = iota // a token whose key is one of keys
	opClass                  // a token in a word class (bit)
	opRel                    // a relative date word after a unit (bit); its shift is the offset
	opNum                    // a number lo..hi, digits only (force: exactly four)
	opDM                     // a day-month(-year) token: "23-4", "24/04/2020", "31.10" (force: as after a leading word)
	opMonthYear              // "4/2020", "12-1967"
	opYears                  // "2011-2020": a period of years
	opDMRange                // "20-31/7", "20/7-31/7": a period of days in one token
	opQuarterYear            // "I/2020"
	opQuarter                // "IV", "2"
	opCentury                // "XX", "21": a period
	opDecade                 // "1970": a period
	opHalf                   // "đầu" or "cuối" after "N tháng": the first or last N months
	opClock                  // a clock time (force: a number with a colon)
	opClockWords             // a clock time in words: "0 giờ", "18 giờ 30 phút"
	opPunct                  // a token whose text is one of keys
	opDash                   // a dash
	opCount                  // a count of time units: "3 ngày", "hai mươi năm"
	opPoint                  // a point (force: bare) into slot
	opOpt                    // sub, or nothing
	opAny                    // the first of sub that matches
	opGroup                  // all of sub in turn
	opNot                    // none of sub here; consumes nothing
	opAhead                  // sub here; consumes nothing
)

// dfield is where a number goes.
type dfield uint8

const (
	fNone dfield = iota
	fDay
	fMonth
	fYear
	fCount // the N of "N tháng đầu năm"
)

// Point slots of a match.
const (
	slotA = iota
	slotB
)

// delem is one element of a row's shape.
type delem struct {
	op     dop
	keys   []string // opWord: keys; opPunct: texts
	bit    setBits  // opClass, opRel
	lo, hi int      // opNum
	f      dfield   // opNum
	force  bool     // opNum, opDM, opClock, opPoint: see the op
	slot   int      // opPoint
	sub    []delem  // opOpt, opAny, opGroup, opNot, opAhead
	save   bool     // opOpt, opGroup, opNot, opAhead: what sub captured must be undone when it fails
}

// The constructors of shape elements, for the tables in date.go.

func seq(e ...delem) []delem { return e }

func kw(words ...string) delem {
	keys := make([]string, len(words))
	for i, s := range words {
		keys[i] = nlp.Key(s)
	}
	return delem{op: opWord, keys: keys}
}

func cls(bit setBits) delem           { return delem{op: opClass, bit: bit} }
func rel(bit setBits) delem           { return delem{op: opRel, bit: bit} }
func num(lo, hi int, f dfield) delem  { return delem{op: opNum, lo: lo, hi: hi, f: f} }
func num4(lo, hi int, f dfield) delem { return delem{op: opNum, lo: lo, hi: hi, f: f, force: true} }
func dm(afterWord bool) delem         { return delem{op: opDM, force: afterWord} }
func monthYear() delem                { return delem{op: opMonthYear} }
func years() delem                    { return delem{op: opYears} }
func dmRange() delem                  { return delem{op: opDMRange} }
func quarterYear() delem              { return delem{op: opQuarterYear} }
func quarterNum() delem               { return delem{op: opQuarter} }
func century() delem                  { return delem{op: opCentury} }
func decade() delem                   { return delem{op: opDecade} }
func half() delem                     { return delem{op: opHalf} }
func clock(colonOnly bool) delem      { return delem{op: opClock, force: colonOnly} }
func clockWords() delem               { return delem{op: opClockWords} }
func punct(texts ...string) delem     { return delem{op: opPunct, keys: texts} }
func dash() delem                     { return delem{op: opDash} }
func count() delem                    { return delem{op: opCount} }
func point(slot int, bare bool) delem { return delem{op: opPoint, slot: slot, force: bare} }
func opt(e ...delem) delem            { return delem{op: opOpt, sub: e, save: mayLeak(e)} }
func anyOf(e ...delem) delem          { return delem{op: opAny, sub: e} }
func group(e ...delem) delem          { return delem{op: opGroup, sub: e, save: mayLeak(e)} }
func not(e ...delem) delem            { return delem{op: opNot, sub: e, save: captures(e)} }
func ahead(e delem) delem             { return delem{op: opAhead, sub: []delem{e}, save: captures([]delem{e})} }

// captures reports whether any of the elements may capture a field.
func captures(es []delem) bool {
	for i := range es {
		switch e := &es[i]; e.op {
		case opWord, opClass, opPunct, opDash, opCount, opNot, opAhead:
		case opNum:
			if e.f != fNone {
				return true
			}
		case opOpt, opAny, opGroup:
			if captures(e.sub) {
				return true
			}
		default:
			return true
		}
	}
	return false
}

// mayLeak reports whether a sequence may fail after capturing: an element
// but the last captures. (An element that fails captures nothing.)
func mayLeak(es []delem) bool { return len(es) > 1 && captures(es[:len(es)-1]) }

// dguard is a further condition on a match: one of the functions below.
type dguard uint8

const (
	gNone dguard = iota
	gNotCounted
	gAfterRevolution
	gCompatibleAB
	gVagueRelative
	gRangeAB
	gBareRangeAB
	gLoneNumber
	gBareLoneNumber
	gUntimedDay
	gAfterHom
	gDated
	gCountedUnit
	gNotSauNumber
	gFourDigitsOrEdge
	gRelYearOK
	gDaysOfPeriod
	gAfterDayWord
	gLaterSameDay
	gNextMorning
)

// holds reports whether the guard holds for match m. (A switch rather than
// func values keeps matches on the stack.)
func (g dguard) holds(p *dateParser, m *dmatch) bool {
	switch g {
	case gNotCounted:
		return notCounted(p, m)
	case gAfterRevolution:
		return afterRevolution(p, m)
	case gCompatibleAB:
		return compatibleAB(p, m)
	case gVagueRelative:
		return vagueRelative(p, m)
	case gRangeAB:
		return rangeAB(p, m)
	case gBareRangeAB:
		return bareRangeAB(p, m)
	case gLoneNumber:
		return loneNumber(p, m)
	case gBareLoneNumber:
		return bareLoneNumber(p, m)
	case gUntimedDay:
		return untimedDay(p, m)
	case gAfterHom:
		return afterHom(p, m)
	case gDated:
		return dated(p, m)
	case gCountedUnit:
		return countedUnit(p, m)
	case gNotSauNumber:
		return notSauNumber(p, m)
	case gFourDigitsOrEdge:
		return fourDigitsOrEdge(p, m)
	case gRelYearOK:
		return relYearOK(p, m)
	case gDaysOfPeriod:
		return daysOfPeriod(p, m)
	case gAfterDayWord:
		return afterDayWord(p, m)
	case gLaterSameDay:
		return laterSameDay(p, m)
	case gNextMorning:
		return nextMorning(p, m)
	}
	return true
}

// dyield is what a row's match gives.
type dyield uint8

const (
	yFields      dyield = iota // the fields the shape captured, with the row's kind
	yReject                    // no date here
	yPoint                     // the point in slot A (with the captured time, if any)
	yPeriod                    // the period from the point in slot A to the one in slot B
	yClockPeriod               // the period from the captured time on slot B's day to slot B
	yNightPeriod               // the period from the captured day (B's month) to slot B
)

// dmatch is a row's match in progress.
type dmatch struct {
	i, j, end int // the expression's start, the shape's start, its end
	bare      bool
	pre       dprefix
	f         dexpr  // the fields captured
	a, b      *dexpr // the points in slots A and B
	n         int    // fCount
	dirty     bool   // something was captured
}

type pointMemo struct {
	j    int
	bare bool
	ok   bool
	e    dexpr
}

func (p *dateParser) key(i int) string {
	if i < p.lo || i >= p.hi {
		return ""
	}
	return p.r.keys.at(i)
}

func (p *dateParser) tok(i int) *nlp.Token { return &p.r.toks[i] }

func (p *dateParser) in(i int) bool { return i >= p.lo && i < p.hi }

// has reports whether token j is in the sentence and in a word class.
func (p *dateParser) has(j int, b setBits) bool { return p.in(j) && p.r.keys.starts[j]&b != 0 }

func (p *dateParser) tokText(i int) string {
	if !p.in(i) {
		return ""
	}
	return p.tok(i).Text
}

// dateTable is a table of rows, indexed by the token a row's shape starts
// with so that a position tries only the rows that may match there. Rows
// that match at the expression's start come before those after the prefix.
type dateTable struct {
	rows            []datePattern
	start, prefixed rowIndex // the rows at the start; after the prefix
}

// tokClass is what an index tells tokens apart by.
type tokClass uint8

const (
	tcWord   tokClass = iota // letters
	tcDigits                 // digits only: "2020"
	tcNumber                 // a number with a separator: "23-4", "08:06"
	tcCode                   // letters and digits: "15h45", "I/2020"
	tcOther
	nTokClass
)

// rowIndex lists rows (in table order) by the token they may start with;
// each list has two forms: [1] for a token in one of the word classes that
// open rows (classBits), [0] without those rows.
type rowIndex struct {
	all       []uint8               // every row, for a position past the sentence's end
	byClass   [nTokClass][2][]uint8 // rows that open with a keyword aside
	byKey     map[string][2][]uint8 // for a keyword: the rows it opens and the others of its class
	classBits setBits               // the word classes that open rows
	keyBit    setBits               // the tokens that open keyword rows of the table
}

// compileDates indexes a table; points: its rows other than atStart match
// after the prefix.
func compileDates(points bool, rows []datePattern) *dateTable {
	t := &dateTable{rows: rows}
	groups := map[string]int{}
	for i := range rows {
		sig := fmt.Sprintf("%v %#v", rows[i].at, rows[i].shape[0])
		if _, ok := groups[sig]; !ok {
			groups[sig] = len(groups)
		}
		rows[i].first = groups[sig]
	}
	var start, prefixed []int
	for i := range rows {
		if points && rows[i].at != atStart {
			prefixed = append(prefixed, i)
		} else {
			start = append(start, i)
		}
	}
	t.start, t.prefixed = indexRows(rows, start), indexRows(rows, prefixed)
	if points {
		t.start.keyBit, t.prefixed.keyBit = setPointKeyword, setPointKeyword
	} else {
		t.start.keyBit = setExprKeyword
	}
	return t
}

func indexRows(rows []datePattern, which []int) rowIndex {
	x := rowIndex{byKey: map[string][2][]uint8{}}
	for _, i := range which {
		x.all = append(x.all, uint8(i))
		switch first := &rows[i].shape[0]; first.op {
		case opWord:
			for _, k := range first.keys {
				x.byKey[k] = [2][]uint8{}
			}
		case opClass, opRel:
			x.classBits |= first.bit
		}
	}
	// opens reports whether row i may open at a token of class c, with a
	// word class (b) or not, and keyword key (or none).
	opens := func(i int, c tokClass, b int, key string) bool {
		first := &rows[i].shape[0]
		switch first.op {
		case opWord:
			return slices.Contains(first.keys, key)
		case opClass, opRel:
			return b == 1
		}
		return first.mayOpen(c)
	}
	for _, i := range which {
		for c := range nTokClass {
			for b := range 2 {
				if opens(i, c, b, "") {
					x.byClass[c][b] = append(x.byClass[c][b], uint8(i))
				}
			}
		}
	}
	for key := range x.byKey {
		var l [2][]uint8
		for _, i := range which {
			for b := range 2 {
				if opens(i, tcWord, b, key) {
					l[b] = append(l[b], uint8(i))
				}
			}
		}
		x.byKey[key] = l
	}
	return x
}

// mayOpen reports whether an element other than a keyword or a word class
// may match a token of class c: digits are number tokens, a day-month is a
// number with a separator, a clock a number with a colon or a code.
func (e *delem) mayOpen(c tokClass) bool {
	switch e.op {
	case opNum, opDecade, opClockWords:
		return c == tcDigits
	case opDM, opMonthYear, opYears, opDMRange:
		return c == tcNumber
	case opClock:
		return c == tcNumber || c == tcCode && !e.force
	case opCount:
		return c == tcWord || c == tcDigits
	case opQuarter, opCentury:
		return c == tcWord || c == tcDigits
	case opQuarterYear:
		return c == tcNumber || c == tcCode
	case opHalf:
		return c == tcWord
	}
	return true
}

// at returns the rows that may match at token s.
func (x *rowIndex) at(p *dateParser, s int) []uint8 {
	if !p.in(s) {
		return x.all
	}
	t := p.tok(s)
	bits := p.r.keys.starts[s]
	b := 0
	if bits&x.classBits != 0 {
		b = 1
	}
	c := tcOther
	switch t.Kind {
	case nlp.KindWord:
		if bits&x.keyBit != 0 {
			if l, ok := x.byKey[p.r.keys.at(s)]; ok {
				return l[b]
			}
		}
		c = tcWord
	case nlp.KindNumber:
		c = tcNumber
		if isDigits(t.Text) {
			c = tcDigits
		}
	case nlp.KindCode:
		c = tcCode
	}
	return x.byClass[c][b]
}

// addKeywords marks in starts the keywords that open rows of the date tables.
func addKeywords(starts map[string]setBits) {
	for _, t := range []*dateTable{dateExprs, datePoints} {
		for _, row := range t.rows {
			if first := &row.shape[0]; first.op == opWord {
				for _, k := range first.keys {
					if t == datePoints {
						starts[k] |= setPointKeyword
					} else {
						starts[k] |= setExprKeyword
					}
				}
			}
		}
	}
}

// decide tries the rows of a table at i, in order; the first that matches
// decides, and what it yields goes to out. Once an element that opens rows
// has failed at a position, the other rows it opens are skipped.
func (p *dateParser) decide(t *dateTable, i int, bare bool, out *dexpr) bool {
	m := dmatch{i: i, bare: bare}
	var dead uint64 // the firsts that failed here
	for _, ri := range t.start.at(p, i) {
		row := &t.rows[ri]
		if row.first < 64 && dead&(1<<row.first) != 0 {
			continue
		}
		switch p.try(row, &m, i) {
		case tryMatched:
			return p.yield(row, &m, out)
		case tryFailedFirst:
			if row.first < 64 {
				dead |= 1 << row.first
			}
		}
	}
	if len(t.prefixed.all) == 0 {
		return false
	}
	if p.preAt != i+1 {
		p.preAt, p.pre = i+1, p.prefix(i)
	}
	m.pre = p.pre
	dead = 0
	for _, ri := range t.prefixed.at(p, m.pre.end) {
		row := &t.rows[ri]
		if row.first < 64 && dead&(1<<row.first) != 0 || !m.pre.allows(row.when, bare) {
			continue
		}
		switch p.try(row, &m, m.pre.end) {
		case tryMatched:
			return p.yield(row, &m, out)
		case tryFailedFirst:
			if row.first < 64 {
				dead |= 1 << row.first
			}
		}
	}
	return false
}

// tried is the outcome of trying a row.
type tried uint8

const (
	tryFailed      tried = iota // the shape or the guard failed after the first element
	tryFailedFirst              // the first element failed
	tryMatched
)

// try tries a row at j, with m holding the match.
func (p *dateParser) try(row *datePattern, m *dmatch, j int) tried {
	if m.dirty {
		m.f, m.n, m.dirty = dexpr{}, 0, false
	}
	m.a, m.b = nil, nil
	m.j = j
	end, ok := p.match(m, &row.shape[0], j)
	if !ok {
		return tryFailedFirst
	}
	if end, ok = p.matchSeq(m, row.shape[1:], end); !ok {
		return tryFailed
	}
	m.end = end
	if row.guard != gNone && !row.guard.holds(p, m) {
		return tryFailed
	}
	if p.trace != nil {
		p.trace(row)
	}
	return tryMatched
}

// pointAt returns the point at j, parsed once per position of the caller.
func (p *dateParser) pointAt(j int, bare bool) (*dexpr, bool) {
	for k := 0; k < p.nmemo; k++ {
		if c := &p.memo[k]; c.j == j && c.bare == bare {
			return &c.e, c.ok
		}
	}
	if p.nmemo == len(p.memo) {
		// Only a long run of nested points (times one after another) gets here.
		e := new(dexpr)
		return e, p.decide(datePoints, j, bare, e)
	}
	c := &p.memo[p.nmemo]
	p.nmemo++
	c.j, c.bare, c.e = -1, bare, dexpr{} // in progress: nested points take the slots after it
	c.ok = p.decide(datePoints, j, bare, &c.e)
	c.j = j
	return &c.e, c.ok
}

// yield puts what a matched row gives into out; false for no date.
func (p *dateParser) yield(row *datePattern, m *dmatch, out *dexpr) bool {
	switch row.yield {
	case yReject:
		return false
	case yPoint:
		*out = *m.a
		out.start = m.i
		if m.f.hasTime {
			out.hh, out.mi, out.hasTime = p.halfDay(m.a.start, m.f.hh), m.f.mi, true
			if out.kind == kindDate {
				out.kind = kindDatetime
			}
		}
		return true
	case yPeriod:
		*out = p.period(m.i, m.b.end, *m.a, *m.b)
		return true
	case yNightPeriod:
		*out = p.period(m.i, m.b.end, dexpr{kind: kindDay, d: m.f.d}, *m.b)
		return true
	case yClockPeriod:
		a := *m.b
		a.hh, a.mi = m.f.hh, m.f.mi
		*out = p.period(m.i, m.b.end, a, *m.b)
		return true
	}
	*out = m.f
	out.start, out.end, out.kind = m.i, m.end, row.kind
	out.unit, out.lunar, out.anaphoric = row.unit, row.lunar, row.anaph
	if row.offset != 0 {
		out.offset = row.offset
	}
	if out.kind == kindDate && out.hasTime {
		out.kind = kindDatetime
	}
	return true
}

// matchSeq matches the elements of a shape in turn from j and returns the
// end of the match.
func (p *dateParser) matchSeq(m *dmatch, shape []delem, j int) (int, bool) {
	for k := range shape {
		var ok bool
		if j, ok = p.match(m, &shape[k], j); !ok {
			return 0, false
		}
	}
	return j, true
}

// match matches one element at j, capturing what it holds into m.
func (p *dateParser) match(m *dmatch, e *delem, j int) (int, bool) {
	switch e.op {
	case opWord:
		if k := p.key(j); k != "" {
			for _, w := range e.keys {
				if k == w {
					return j + 1, true
				}
			}
		}
	case opClass:
		if p.has(j, e.bit) {
			return j + 1, true
		}
	case opRel:
		if p.has(j, e.bit) {
			m.f.offset, m.dirty = p.lex.relative[p.key(j)].offset, true
			return j + 1, true
		}
	case opNum:
		t := p.tokText(j)
		if v, ok := atoiRange(t, e.lo, e.hi); ok && (!e.force || len(t) == 4) {
			m.set(e.f, v)
			return j + 1, true
		}
	case opDM:
		if d, mo, y, ok := p.dmToken(j, e.force || m.pre.prefixed); ok {
			m.f.d, m.f.m, m.f.y, m.dirty = d, mo, y, true
			return j + 1, true
		}
	case opMonthYear:
		if mo, y, ok := parseMY(p.tokText(j)); ok {
			m.f.m, m.f.y, m.dirty = mo, y, true
			return j + 1, true
		}
	case opYears:
		if a, b, ok := parseYY(p.tokText(j)); ok {
			m.f.from, m.f.to, m.dirty = &dexpr{kind: kindYear, y: a}, &dexpr{kind: kindYear, y: b}, true
			return j + 1, true
		}
	case opDMRange:
		if p.in(j) && p.tok(j).Kind == nlp.KindNumber {
			if a, b, ok := parseDMRange(p.tok(j).Text); ok {
				m.f.from = &dexpr{kind: kindDate, d: a[0], m: a[1], y: a[2]}
				m.f.to = &dexpr{kind: kindDate, d: b[0], m: b[1], y: b[2]}
				m.dirty = true
				return j + 1, true
			}
		}
	case opQuarterYear:
		t := p.tokText(j)
		if k := strings.IndexByte(t, '/'); k > 0 {
			q, ok := parseQuarter(t[:k])
			y, ok2 := atoiRange(t[k+1:], 1000, 2100)
			if ok && ok2 {
				m.f.quarter, m.f.y, m.dirty = q, y, true
				return j + 1, true
			}
		}
	case opQuarter:
		if q, ok := parseQuarter(p.tokText(j)); ok {
			m.f.quarter, m.dirty = q, true
			return j + 1, true
		}
	case opCentury:
		if c, ok := parseCentury(p.tokText(j)); ok {
			m.f.span, m.dirty = fmt.Sprintf("%d/%d", (c-1)*100, (c-1)*100+99), true
			return j + 1, true
		}
	case opDecade:
		if y, ok := atoiRange(p.tokText(j), 1000, 2100); ok && y%10 == 0 {
			m.f.span, m.dirty = fmt.Sprintf("%d/%d", y, y+9), true
			return j + 1, true
		}
	case opHalf:
		switch p.key(j) {
		case kDau:
			m.f.months, m.dirty = [2]int{1, m.n}, true
			return j + 1, true
		case kCuoi:
			m.f.months, m.dirty = [2]int{13 - m.n, 12}, true
			return j + 1, true
		}
	case opClock:
		if p.in(j) && (!e.force || p.tok(j).Kind == nlp.KindNumber) {
			if hh, mi, ok := parseTime(p.tok(j)); ok {
				m.f.hh, m.f.mi, m.f.hasTime, m.dirty = hh, mi, true, true
				return j + 1, true
			}
		}
	case opClockWords:
		if end, hh, mi, ok := p.clockWords(j); ok {
			m.f.hh, m.f.mi, m.f.hasTime, m.dirty = hh, mi, true, true
			return end, true
		}
	case opPunct:
		if p.in(j) {
			for _, s := range e.keys {
				if p.tok(j).Text == s {
					return j + 1, true
				}
			}
		}
	case opDash:
		if p.in(j) && isDash(p.tok(j).Text) {
			return j + 1, true
		}
	case opCount:
		if p.countAt != j {
			p.countAt, p.countEnd = j, p.count(j)
		}
		if p.countEnd > j {
			return p.countEnd, true
		}
	case opPoint:
		if x, ok := p.pointAt(j, e.force); ok {
			if e.slot == slotA {
				m.a = x
			} else {
				m.b = x
			}
			return x.end, true
		}
	case opOpt, opGroup, opNot, opAhead:
		if e.save {
			return p.matchUndoing(m, e, j)
		}
		return p.matchComposite(m, e, j)
	case opAny:
		for k := range e.sub {
			if end, ok := p.match(m, &e.sub[k], j); ok {
				return end, true
			}
		}
	}
	return 0, false
}

// halfDay returns hour hh of a clock time followed by the part of the day
// at token k, on the 24-hour clock: "2h chiều" is 14:00, "11 giờ đêm"
// 23:00 (datewords.tsv: afternoon, night, noon).
func (p *dateParser) halfDay(k, hh int) int {
	key := p.key(k)
	switch {
	case p.lex.afternoons[key] && hh >= 1 && hh <= 11,
		p.lex.nights[key] && hh >= 6 && hh <= 11,
		p.lex.noons[key] && hh >= 1 && hh <= 3:
		return hh + 12
	}
	return hh
}

// clockWords parses a clock time written with words at j, "0 giờ" or "18
// giờ 30 phút", and returns its end.
func (p *dateParser) clockWords(j int) (end, hh, mi int, ok bool) {
	t := p.tokText(j)
	if hh, ok = atoiRange(t, 0, 24); !ok || len(t) > 2 || p.key(j+1) != kGio {
		return 0, 0, 0, false
	}
	end = j + 2
	if v, ok := atoiRange(p.tokText(end), 0, 59); ok && p.key(end+1) == kPhut {
		return end + 2, hh, v, true
	}
	return end, hh, 0, true
}

// matchComposite matches an optional part, a group or a lookahead.
func (p *dateParser) matchComposite(m *dmatch, e *delem, j int) (int, bool) {
	switch e.op {
	case opOpt, opGroup:
		if k, ok := p.matchSeq(m, e.sub, j); ok {
			return k, true
		}
		if e.op == opOpt {
			return j, true
		}
	case opNot, opAhead:
		found := false
		for k := range e.sub {
			if _, ok := p.match(m, &e.sub[k], j); ok {
				found = true
				break
			}
		}
		if found == (e.op == opAhead) {
			return j, true
		}
	}
	return 0, false
}

// matchUndoing is matchComposite for parts that may capture: an element
// that fails captures nothing, but a sequence may fail after capturing, and
// a lookahead consumes nothing; what they captured is then undone.
func (p *dateParser) matchUndoing(m *dmatch, e *delem, j int) (int, bool) {
	saved := *m
	if e.op == opOpt || e.op == opGroup {
		if k, ok := p.matchSeq(m, e.sub, j); ok {
			return k, true
		}
		*m = saved
		return j, e.op == opOpt
	}
	k, ok := p.matchComposite(m, e, j)
	*m = saved
	return k, ok
}

func (m *dmatch) set(f dfield, v int) {
	switch f {
	case fDay:
		m.f.d = v
	case fMonth:
		m.f.m = v
	case fYear:
		m.f.y = v
	case fCount:
		m.n = v
	default:
		return
	}
	m.dirty = true
}
