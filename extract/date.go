package extract

import (
	"time"

	"github.com/vnews/vnews/nlp"
)

// Dates are found in three steps: the grammar below is a table of patterns
// (this file), the parse step matches it at a position and yields the fields
// of a dexpr (dateparse.go), and the resolve step anchors the fields on the
// publication date to give the ISO value (dateresolve.go).

// Vietnam time, for datetimes: news in Vietnamese is dated in UTC+7.
var vietnamTime = time.FixedZone("ICT", 7*3600)

// The kinds of DATE entities, and "day", a bare day of the month that only
// opens a range ("14" in "từ 14 đến 17/11").
const (
	kindDate     = "date"
	kindDatetime = "datetime"
	kindMonth    = "month"
	kindYear     = "year"
	kindPeriod   = "period"
	kindQuarter  = "quarter"
	kindRelative = "relative"
	kindDay      = "day"
)

// dexpr is a parsed date expression over tokens [start, end): the fields the
// parse step found, which the resolve step anchors.
type dexpr struct {
	start, end int
	y, m, d    int // 0 when unknown
	hh, mi     int
	hasTime    bool
	kind       string // date, datetime, month, year, period, quarter, relative (day while parsing)
	quarter    int
	months     [2]int // "6 tháng đầu năm": months [1, 6]
	unit       byte   // relative: 'd' day, 'w' week, 'm' month, 'y' year; 'Y' the publication's year ("XXXX" without one)
	offset     int    // relative offset in units
	anaphoric  bool   // points at another mention: value always ""
	lunar      bool   // lunar calendar: value ""
	from, to   *dexpr // period bounds
	span       string // a precomputed value (centuries, decades)
}

// datePattern is one row of the date grammar: the shape of a token sequence
// and what a match yields. A table is tried in order at a position and the
// first row that matches decides: a date, or (yReject) no date at all, which
// marks sequences that look like a date but are not ("10 năm" is a
// duration).
type datePattern struct {
	name   string     // what the row matches; TestDatePatterns has an example of each
	at     patternAt  // where the shape starts
	when   prefixCond // conditions on the prefix, for rows after it
	shape  []delem
	guard  dguard // a further condition on the match, gNone for none
	yield  dyield
	kind   string // yFields: the kind; "date" with a time becomes "datetime"
	unit   byte   // yFields: the unit of a relative date
	offset int    // yFields: a fixed shift ("hôm kia" -2); 0 keeps the relative word's
	lunar  bool   // yFields: a lunar date, never resolved
	anaph  bool   // yFields: points at another mention, never resolved
	first  int    // rows whose shapes open with equal elements share it (set by compileDates)
}

// dateExprs are whole expressions, tried first at each position: shifts in
// time relative to another mention, ranges of two points, and one point
// with the checks that make it a date.
var dateExprs = compileDates(false, []datePattern{
	{name: "shift after đó", shape: seq(kw("trước", "sau"), kw("đó"), count()), kind: kindRelative, anaph: true},
	{name: "shift then sau đó", shape: seq(count(), kw("sau"), kw("đó")), guard: gNotCounted, kind: kindRelative, anaph: true},
	// "3 ngày sau khi ...", "2 năm sau ngày giải phóng": a preposition, not a shift.
	{name: "shift then sau", shape: seq(count(), kw("sau"), not(cls(setAfterSau), cls(setTimeUnit))), guard: gNotCounted, kind: kindRelative, anaph: true},
	{name: "shift then trước đó", shape: seq(count(), kw("trước"), kw("đó")), guard: gNotCounted, kind: kindRelative, anaph: true},
	// "Cách mạng tháng Tám": an event's name, not a month.
	{name: "revolution", shape: seq(kw("tháng")), guard: gAfterRevolution, yield: yReject},
	// "Từ 6h đến 12h ngày 29/7": two times of the day B names.
	{name: "from time to", shape: seq(kw("từ"), anyOf(clock(false), clockWords()), anyOf(kw("đến", "tới"), dash()), point(slotB, false)),
		guard: gLaterSameDay, yield: yClockPeriod},
	{name: "from to", shape: seq(kw("từ"), point(slotA, true), opt(punct(",")), anyOf(kw("đến", "tới"), dash()), point(slotB, true)),
		guard: gCompatibleAB, yield: yPeriod},
	// "mấy ngày qua", "một năm nay", "3 ngày nay": durations; "ngày nay" is vague.
	{name: "vague relative", shape: seq(point(slotA, false)), guard: gVagueRelative, yield: yReject},
	{name: "range", shape: seq(point(slotA, false), dash(), point(slotB, true)), guard: gRangeAB, yield: yPeriod},
	{name: "lone number", shape: seq(point(slotA, false)), guard: gLoneNumber, yield: yReject},
	{name: "point", shape: seq(point(slotA, false)), yield: yPoint},
	// "từ 20-31/7": a range of days in one token, with its "từ".
	{name: "from day range", shape: seq(kw("từ"), point(slotA, false)), guard: gDaysOfPeriod, yield: yPoint},
	// "Đêm 4 rạng sáng 5-12-1990": the night of one day into the next morning.
	{name: "night into morning", shape: seq(cls(setDayPart), num(1, 31, fDay), ahead(kw("rạng")), point(slotB, false)), guard: gNextMorning, yield: yNightPeriod},
	// A bare day or year may still open a range: "30 – 31/10", "1959 - 2019".
	{name: "bare range", shape: seq(point(slotA, true), dash(), point(slotB, true)), guard: gBareRangeAB, yield: yPeriod},
	// Two days running after a day word: "(ngày) 10 và 11/7".
	{name: "days và", shape: seq(point(slotA, true), kw("và"), point(slotB, true)), guard: gAfterDayWord, yield: yPeriod},
	{name: "bare lone number", shape: seq(point(slotA, true), ahead(dash())), guard: gBareLoneNumber, yield: yReject},
	{name: "bare point", shape: seq(point(slotA, true), ahead(dash())), yield: yPoint},
})

// tetWords is the name after "Tết": "Nguyên đán", "âm lịch"; tetName the
// same, optional.
func tetWords() delem {
	return anyOf(group(kw("nguyên"), kw("đán")), group(kw("âm"), kw("lịch")))
}
func tetName() delem { return opt(tetWords()) }

// lunarYear is an optional lunar year's name: "Kỷ Hợi", "Tân Sửu".
func lunarYear() delem { return opt(cls(setStem), cls(setBranch)) }

// dmTime is the time after a day-month token: "24/04/2020 08:06",
// "24/04/2020, lúc 8h"; without "lúc" only a clock with a colon.
var dmTime = opt(opt(punct(",", "|")), anyOf(group(kw("lúc"), clock(false)), clock(true)))

// datePoints are single dates, months, years, quarters, periods and
// relative dates. The time rows match at the expression's start; the others
// after its prefix: an edge word, parts of the day and a day word ("đầu",
// "sáng sớm", "ngày hôm").
var datePoints = compileDates(true, []datePattern{
	// A time first: "08:06, 24/04/2020", "15h45 ngày 3-5", "9h10 phút sáng nay".
	{name: "time then date", at: atStart, shape: seq(clock(false), opt(kw("phút")), opt(punct(",")), point(slotA, false)),
		guard: gUntimedDay, yield: yPoint},
	{name: "time alone", at: atStart, shape: seq(clock(false)), yield: yReject},
	// "0 giờ ngày 1/8", "18 giờ 30 phút ngày 29/7", "9 giờ sáng nay"; "trong
	// 24 giờ qua" is a duration: no point follows.
	{name: "spelled time then date", at: atStart, shape: seq(clockWords(), opt(punct(",")), point(slotA, false)),
		guard: gUntimedDay, yield: yPoint},

	// Relative days need a prefix: "hôm qua", "sáng nay", "ngày mai"; an
	// explicit date right after wins ("Sáng nay 16-5").
	{name: "relative day then date", when: cPrefixed, shape: seq(cls(setRelDay), dm(true), dmTime), kind: kindDate},
	{name: "hôm kia", when: cPrefixed, shape: seq(kw("kia")), guard: gAfterHom, kind: kindRelative, unit: 'd', offset: -2},
	{name: "relative day", when: cPrefixed, shape: seq(rel(setRelDay)), kind: kindRelative, unit: 'd'},
	{name: "relative day alone", shape: seq(cls(setRelDay)), yield: yReject},
	// "hôm đó", "ngày ấy" point at a day the article dated before; with
	// none they are vague ("Ngày ấy ở chiến trường ...").
	{name: "that day", when: cDayWord, shape: seq(kw("đó", "ấy")), guard: gDated, kind: kindRelative, anaph: true},
	{name: "that", shape: seq(kw("đó", "ấy")), yield: yReject},
	{name: "the same day", shape: seq(kw("cùng"), kw("ngày", "năm", "tháng", "tuần")), kind: kindRelative, anaph: true},

	{name: "years in one token", shape: seq(years()), kind: kindPeriod},
	{name: "days in one token", shape: seq(dmRange()), kind: kindPeriod},
	// A date of the lunar calendar: "ngày 15/3 âm lịch".
	{name: "lunar day-month", shape: seq(dm(false), kw("âm"), kw("lịch")), kind: kindDate, lunar: true},
	{name: "day-month token", shape: seq(dm(false), dmTime), kind: kindDate},
	{name: "day tháng month", shape: seq(num(1, 31, fDay), kw("tháng"), num(1, 12, fMonth), opt(kw("năm"), num(1000, 2100, fYear))), kind: kindDate},
	// Lunar: "mùng 1 Tết", "29 Tết", "mùng 3 Tết Mậu Tuất"; a day of the
	// Tết of a year is that year: "ngày 25 Tết Nguyên đán Bính Thân 2016".
	{name: "lunar mùng", shape: seq(kw("mùng", "mồng"), num(1, 10, fNone), opt(kw("tết"), tetName(), lunarYear())), kind: kindDate, lunar: true},
	{name: "lunar Tết of a year", shape: seq(num(1, 30, fNone), kw("tết"), tetName(), lunarYear(), num4(1000, 2100, fYear)), kind: kindYear},
	{name: "lunar Tết", shape: seq(num(1, 30, fNone), kw("tết"), tetName(), lunarYear()), kind: kindDate, lunar: true},
	// Tết named: "Tết Nguyên đán 2019" is that year; "Tết Kỷ Hợi", "Tết
	// Nguyên đán" a lunar date; "Tết" alone is no date.
	{name: "Tết of a year", shape: seq(kw("tết"), tetName(), lunarYear(), num4(1000, 2100, fYear)), kind: kindYear},
	{name: "Tết named", shape: seq(kw("tết"), anyOf(tetWords(), group(cls(setStem), cls(setBranch))), lunarYear()),
		kind: kindDate, lunar: true},
	{name: "Tết", shape: seq(kw("tết")), yield: yReject},
	// The full moon of a lunar month: "Rằm tháng Giêng", "rằm tháng 7".
	{name: "rằm", shape: seq(kw("rằm"), kw("tháng"), anyOf(cls(setLunarMonth), num(1, 12, fNone))), kind: kindDate, lunar: true},

	// Months: "tháng 4/2020", "tháng 4 năm 2020", "tháng 12 năm ngoái",
	// "tháng trước"; "45 tháng 3 ngày" counts months.
	{name: "day word then tháng", when: cDayWord, shape: seq(kw("tháng")), yield: yReject},
	{name: "lunar month", shape: seq(kw("tháng"), cls(setLunarMonth)), kind: kindDate, lunar: true},
	{name: "month/year", shape: seq(kw("tháng"), monthYear()), kind: kindMonth},
	{name: "counted tháng", shape: seq(kw("tháng"), num(1, 12, fNone)), guard: gCountedUnit, yield: yReject},
	{name: "month năm year", shape: seq(kw("tháng"), num(1, 12, fMonth), kw("năm"), num(1000, 2100, fYear)), kind: kindMonth},
	{name: "month năm relative", shape: seq(kw("tháng"), num(1, 12, fMonth), kw("năm"), rel(setRelYear)), kind: kindMonth, unit: 'y'},
	{name: "month", shape: seq(kw("tháng"), num(1, 12, fMonth)), kind: kindMonth},
	{name: "relative month", shape: seq(kw("tháng"), rel(setRelMonth)), guard: gNotSauNumber, kind: kindRelative, unit: 'm'},
	{name: "tháng", shape: seq(kw("tháng")), yield: yReject},

	// Years: "năm 1947", "năm 2011-2020", "năm ngoái"; "10 năm" is a duration.
	{name: "day word then năm", when: cDayWord, shape: seq(kw("năm")), yield: yReject},
	{name: "part of day then năm", when: cDayPart, shape: seq(kw("năm")), yield: yReject},
	{name: "counted năm", shape: seq(kw("năm")), guard: gCountedUnit, yield: yReject},
	{name: "năm years", shape: seq(kw("năm"), years()), kind: kindPeriod},
	{name: "năm year", shape: seq(kw("năm"), num(1000, 2100, fYear)), guard: gFourDigitsOrEdge, kind: kindYear},
	{name: "relative year", shape: seq(kw("năm"), rel(setRelYear)), guard: gRelYearOK, kind: kindRelative, unit: 'y'},
	{name: "năm", shape: seq(kw("năm")), yield: yReject},

	{name: "relative week", shape: seq(kw("tuần"), rel(setRelWeek)), guard: gNotSauNumber, kind: kindRelative, unit: 'w'},

	// Quarters: "quý I/2020", "Quý 2 năm 2018", "quý IV".
	{name: "quarter/year", shape: seq(kw("quý"), quarterYear()), kind: kindQuarter},
	{name: "quarter năm year", shape: seq(kw("quý"), quarterNum(), kw("năm"), num(1000, 2100, fYear)), kind: kindQuarter},
	{name: "quarter năm nay", shape: seq(kw("quý"), quarterNum(), kw("năm"), kw("nay")), kind: kindQuarter, unit: 'y'},
	{name: "quarter / year", shape: seq(kw("quý"), quarterNum(), punct("/"), num(1000, 2100, fYear)), kind: kindQuarter},
	{name: "quarter", shape: seq(kw("quý"), quarterNum()), kind: kindQuarter},
	{name: "quý", shape: seq(kw("quý")), yield: yReject},

	// Centuries and decades: "thế kỷ XX", "những năm 1970", "thập niên 1990".
	{name: "century", shape: seq(kw("thế"), kw("kỷ", "kỉ"), century()), kind: kindPeriod},
	{name: "những năm decade", shape: seq(kw("những"), kw("năm"), decade()), kind: kindPeriod},
	{name: "thập niên decade", shape: seq(kw("thập"), kw("niên"), decade()), kind: kindPeriod},

	// "6 tháng đầu năm 2020", "9 tháng cuối năm nay".
	{name: "months of a year", shape: seq(num(1, 12, fCount), kw("tháng"), half(), kw("năm"), num(1000, 2100, fYear)), kind: kindPeriod},
	{name: "months of this year", shape: seq(num(1, 12, fCount), kw("tháng"), half(), kw("năm"), kw("nay")), kind: kindPeriod, unit: 'y'},
	// "9 tháng đầu năm" with no year: the publication's year, "XXXX" with
	// none (a year that follows is the row above's, or no year at all).
	{name: "months of the year", shape: seq(num(1, 12, fCount), kw("tháng"), half(), kw("năm"), not(num(0, 9999, fNone))), kind: kindPeriod, unit: 'Y'},

	// Numbers alone: a year, or a day that only opens a range.
	{name: "bare year", when: cBare, shape: seq(num4(1000, 2100, fYear)), kind: kindYear},
	{name: "bare day", when: cBare, shape: seq(num(1, 31, fDay)), kind: kindDay},
	{name: "year", when: cPlain, shape: seq(num4(1900, 2100, fYear)), kind: kindYear},
})

// dateParser parses the tokens of one sentence [lo, hi).
type dateParser struct {
	r      *run
	lex    *lexicons
	lo, hi int
	memo   [6]pointMemo // the points parsed at the current position (six at most in the test corpora)
	nmemo  int
	// countAt and countEnd remember the last count of time units parsed,
	// pre the last prefix, parsed at preAt-1 (0: none).
	countAt, countEnd int
	preAt             int
	pre               dprefix
	// trace, when set, is told of every row that decides (tests only).
	trace func(row *datePattern)
}

// findDates adds the DATE entities of sentence si.
func (r *run) findDates(si int) {
	lo, hi := r.bounds(si)
	p := &r.dates // one per article: its memo is too big to allocate per sentence
	p.r, p.lex, p.lo, p.hi, p.preAt = r, r.lex, lo, hi, 0
	for i := lo; i < hi; i++ {
		if r.owns(i) != "" {
			continue
		}
		// Dates start with a number or one of a few words; other tokens
		// are skipped with one lookup.
		if t := &r.toks[i]; t.Kind == nlp.KindPunct || t.Kind == nlp.KindWord && r.keys.starts[i]&setDateStarters == 0 {
			continue
		}
		e, ok := p.parse(i)
		if !ok || !r.free(e.start, e.end) {
			continue
		}
		kind, value := r.resolve(&e)
		r.add(Entity{Type: Date, Kind: kind, Value: value}, si, e.start, e.end)
		r.dated = r.dated || kind == kindDate || kind == kindDatetime || kind == kindPeriod
		i = e.end - 1
	}
}

// parse returns the date expression starting at token i, if any.
func (p *dateParser) parse(i int) (dexpr, bool) {
	p.nmemo, p.countAt = 0, -1
	var e dexpr
	ok := p.decide(dateExprs, i, false, &e)
	return e, ok
}

// The guards of the rows, and what they share with the resolve step.

// notCounted: a count of time units after a count leader, a quantifier or
// "trong" is a duration ("trong 3 ngày sau").
func notCounted(p *dateParser, m *dmatch) bool {
	return !(p.in(m.i-1) && (p.has(m.i-1, setCountLeader) || p.has(m.i-1, setQuantifier) || p.key(m.i-1) == kTrong))
}

func afterRevolution(p *dateParser, m *dmatch) bool {
	return m.i-2 >= p.lo && p.r.keys.span(m.i-2, m.i) == kCachMang
}

func compatibleAB(_ *dateParser, m *dmatch) bool { return compatible(m.a, m.b) }

// vagueRelative: "mấy ngày qua", "một năm nay", "3 ngày nay" are durations;
// "ngày nay" ("thế hệ ... ngày nay") is vague.
func vagueRelative(p *dateParser, m *dmatch) bool {
	a := m.a
	if a.kind != kindRelative {
		return false
	}
	if !a.anaphoric && p.in(m.i-1) && (p.tok(m.i-1).Kind == nlp.KindNumber || p.has(m.i-1, setQuantifier)) {
		return true
	}
	return a.end-a.start == 2 && p.key(m.i) == kNgay && p.key(m.i+1) == kNay
}

// rangeAB: "A - B" ranges written with a dash, where a loose pairing would
// join unrelated numbers.
func rangeAB(_ *dateParser, m *dmatch) bool {
	a, b := m.a, m.b
	return a.kind != kindRelative && a.kind != kindPeriod && compatible(a, b) && b.kind != kindRelative && samePrecision(a, b)
}

// nextMorning: B is the date of the day after the night's day.
func nextMorning(_ *dateParser, m *dmatch) bool {
	return m.b.kind == kindDate && m.b.d == m.f.d+1 && !m.b.lunar && !m.b.anaphoric
}

// laterSameDay: B is a date with a time, later on its day than the time
// before it.
func laterSameDay(_ *dateParser, m *dmatch) bool {
	b := m.b
	return b.hasTime && b.kind == kindDatetime && m.f.hh*60+m.f.mi < b.hh*60+b.mi
}

// daysOfPeriod: the point after "từ" is a range of days in one token.
func daysOfPeriod(_ *dateParser, m *dmatch) bool {
	return m.a.kind == kindPeriod && m.a.from != nil && m.a.from.kind == kindDate && m.a.end-m.a.start <= 2
}

// afterDayWord: "A và B" is a period of two days only for a bare day A
// and the day after it, after a day word in the expression ("ngày 10 và
// 11/7") or before it ("2 ngày 6 và 7-10"): "và" joins too much else, and
// "ngày 10 và 17/10" names two days, not the week between them.
func afterDayWord(p *dateParser, m *dmatch) bool {
	if m.a.kind != kindDay || m.b.d != m.a.d+1 || !bareRangeAB(p, m) {
		return false
	}
	return p.has(m.i, setDayWord) || p.has(m.i-1, setDayWord)
}

func bareRangeAB(p *dateParser, m *dmatch) bool {
	return (m.a.kind == kindYear || m.a.kind == kindDay) && rangeAB(p, m)
}

// loneNumber: a day alone is no date, nor a four-digit number outside the
// contexts that make it a year.
func loneNumber(p *dateParser, m *dmatch) bool {
	a := m.a
	return a.kind == kindDay || a.kind == kindYear && a.start == a.end-1 && !p.isYearContext(a.start)
}

func bareLoneNumber(p *dateParser, m *dmatch) bool {
	return !(m.a.kind == kindYear || m.a.kind == kindDay) || loneNumber(p, m)
}

// untimedDay: a time may lead a day, a relative day or a quarter that has
// no time of its own.
func untimedDay(_ *dateParser, m *dmatch) bool {
	k := m.a.kind
	return k != kindPeriod && k != kindMonth && k != kindYear && !m.a.hasTime
}

func afterHom(p *dateParser, m *dmatch) bool { return p.key(m.j-1) == kHom }

func dated(p *dateParser, _ *dmatch) bool { return p.r.dated }

// countedUnit: "tháng" or "năm" right after a number counts: "45 tháng 3
// ngày", "10 năm".
func countedUnit(p *dateParser, m *dmatch) bool {
	return m.j == m.i && p.in(m.i-1) && p.tok(m.i-1).Kind == nlp.KindNumber
}

// notSauNumber: "tuần sau 5 ngày" is no relative date.
func notSauNumber(p *dateParser, m *dmatch) bool {
	return !(p.key(m.end-1) == kSau && p.in(m.end) && p.tok(m.end).Kind == nlp.KindNumber)
}

func fourDigitsOrEdge(p *dateParser, m *dmatch) bool {
	return len(p.tokText(m.j+1)) == 4 || m.pre.edge
}

// relYearOK: "trước" and "sau" after "năm" are prepositions before a number
// or after one ("năm trước 1975", "10 năm sau").
func relYearOK(p *dateParser, m *dmatch) bool {
	if k := p.key(m.end - 1); k == kTruoc || k == kSau {
		return !(p.in(m.end) && p.tok(m.end).Kind == nlp.KindNumber) && !(p.in(m.i-1) && p.tok(m.i-1).Kind == nlp.KindNumber)
	}
	return true
}

// count returns the end of a count of time units at i ("3 ngày", "ba
// tuần", "hai mươi năm"), or i.
func (p *dateParser) count(i int) int {
	j := i
	for p.in(j) && (p.has(j, setNumeral) && p.tok(j).Kind == nlp.KindWord || p.tok(j).Kind == nlp.KindNumber && isDigits(p.tok(j).Text)) && j-i < 3 {
		j++
	}
	if j == i || !p.has(j, setTimeUnit) {
		return i
	}
	return j + 1
}

// isYearContext reports whether a bare four-digit number at i reads as a
// year: in parentheses, after a year cue ("vào", "từ", "SN"), after "sau"
// inside the sentence, or before a comma at the start of a sentence.
func (p *dateParser) isYearContext(i int) bool {
	prev := p.key(i - 1)
	next := ""
	if p.in(i + 1) {
		next = p.tok(i + 1).Text
	}
	switch {
	case prev == "(" && (next == ")" || next == ","):
		return true
	case p.has(i-1, setYearCue): // "(SN 1971, ...)": sinh năm, the year of birth
		return true
	case prev == kSau && next != "":
		return true
	}
	return false
}

func isDash(s string) bool { return s == "-" || s == "–" || s == "—" || s == "--" }

// period builds a period over tokens [start, end) from bounds a and b,
// completing a's missing year and month from b.
func (p *dateParser) period(start, end int, a, b dexpr) dexpr {
	if a.lunar {
		return dexpr{start: start, end: end, kind: kindPeriod, lunar: true}
	}
	if a.kind == kindDay {
		a.kind = kindDate
		a.m = b.m
	}
	if a.y == 0 && b.y != 0 && a.kind != kindYear {
		a.y = b.y
		if a.m > b.m && b.m != 0 {
			a.y--
		}
	}
	if a.m == 0 && a.kind == kindDate {
		a.m = b.m
	}
	return dexpr{start: start, end: end, kind: kindPeriod, from: &a, to: &b}
}

func compatible(a, b *dexpr) bool {
	if a.lunar && b.lunar {
		return true // "từ mùng 2 đến mùng 5 Tết": a lunar period, unresolved
	}
	if a.anaphoric || b.anaphoric || a.lunar || b.lunar {
		return false
	}
	if a.kind == kindDay && b.kind != kindDate {
		return false
	}
	if b.kind == kindDay || b.kind == kindRelative {
		return false
	}
	// The end must not come before the start when both are known.
	if a.y != 0 && b.y != 0 && a.y > b.y {
		return false
	}
	return true
}

// samePrecision is required of "A - B" ranges written with a dash: years
// with years, dates with dates (a bare day takes the month of B).
func samePrecision(a, b *dexpr) bool {
	switch a.kind {
	case kindYear:
		return b.kind == kindYear
	case kindDay, kindDate:
		return b.kind == kindDate
	case kindMonth:
		return b.kind == kindMonth
	}
	return false
}

// dmToken parses a day-month(-year) token at j: "23-4", "24/04/2020",
// "31.10" (dots only after a leading word).
func (p *dateParser) dmToken(j int, prefixed bool) (d, m, y int, ok bool) {
	if !p.in(j) || p.tok(j).Kind != nlp.KindNumber {
		return 0, 0, 0, false
	}
	d, m, y, sep, ok := parseDMY(p.tok(j).Text)
	if !ok || sep == '.' && !prefixed {
		return 0, 0, 0, false
	}
	if !prefixed && y == 0 && !p.plausibleBareDM(j) {
		return 0, 0, 0, false
	}
	return d, m, y, true
}

// plausibleBareDM reports whether a day/month token without a leading word
// is a date rather than a fraction, score or count.
func (p *dateParser) plausibleBareDM(j int) bool {
	if p.has(j-1, setCountLeader) {
		return false
	}
	if j-2 >= p.lo && p.lex.countLeaders[p.r.keys.span(j-2, j)] {
		return false
	}
	if p.has(j+1, setCountNoun) {
		return false
	}
	if p.in(j+1) && (p.tok(j+1).Text == "%" || p.tok(j+1).Kind == nlp.KindNumber) {
		return false
	}
	return true
}
