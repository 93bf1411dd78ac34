package extract

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/vnews/vnews/nlp"
)

// Vietnam time, for datetimes: news in Vietnamese is dated in UTC+7.
var vietnamTime = time.FixedZone("ICT", 7*3600)

// Keys of the words dates are built from.
var (
	kNgay     = nlp.Key("ngày")
	kThang    = nlp.Key("tháng")
	kNam      = nlp.Key("năm")
	kHom      = nlp.Key("hôm")
	kNay      = nlp.Key("nay")
	kKia      = nlp.Key("kia")
	kTu       = nlp.Key("từ")
	kDen      = nlp.Key("đến")
	kToi      = nlp.Key("tới")
	kQuy      = nlp.Key("quý")
	kTuan     = nlp.Key("tuần")
	kCung     = nlp.Key("cùng")
	kDo       = nlp.Key("đó")
	kAy       = nlp.Key("ấy")
	kTruoc    = nlp.Key("trước")
	kSau      = nlp.Key("sau")
	kDau      = nlp.Key("đầu")
	kCuoi     = nlp.Key("cuối")
	kGiua     = nlp.Key("giữa")
	kNhung    = nlp.Key("những")
	kThe      = nlp.Key("thế")
	kKy       = nlp.Key("kỷ")
	kKi       = nlp.Key("kỉ")
	kTet      = nlp.Key("tết")
	kMung     = nlp.Key("mùng")
	kMong     = nlp.Key("mồng")
	kLuc      = nlp.Key("lúc")
	kPhut     = nlp.Key("phút")
	kThap     = nlp.Key("thập")
	kNien     = nlp.Key("niên")
	kBua      = nlp.Key("bữa")
	kCachMang = nlp.Key("cách mạng")
	kTrong    = nlp.Key("trong")
)

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// dexpr is a parsed date expression over tokens [start, end).
type dexpr struct {
	start, end int
	y, m, d    int // 0 when unknown
	hh, mi     int
	hasTime    bool
	kind       string // date, datetime, month, year, period, quarter, relative
	quarter    int
	months     [2]int // "6 tháng đầu năm": months [1, 6]
	unit       byte   // relative: 'd' day, 'w' week, 'm' month, 'y' year
	offset     int    // relative offset in units
	anaphoric  bool   // points at another mention: value always ""
	lunar      bool   // lunar calendar: value ""
	from, to   *dexpr // period bounds
	span       string // a precomputed value (centuries, decades)
}

// dateParser parses the tokens of one sentence [lo, hi).
type dateParser struct {
	r      *run
	lex    *lexicons
	lo, hi int
}

func (p *dateParser) key(i int) string {
	if i < p.lo || i >= p.hi {
		return ""
	}
	return p.r.keys.at(i)
}

func (p *dateParser) tok(i int) *nlp.Token { return &p.r.toks[i] }

func (p *dateParser) in(i int) bool { return i >= p.lo && i < p.hi }

// findDates adds the DATE entities of sentence si.
func (r *run) findDates(si int) {
	lo, hi := r.bounds(si)
	p := &dateParser{r: r, lex: r.lex, lo: lo, hi: hi}
	for i := lo; i < hi; i++ {
		if r.owner[i] != "" {
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
		r.dated = r.dated || kind == "date" || kind == "datetime" || kind == "period"
		i = e.end - 1
	}
}

// count returns the end of a count of time units at i ("3 ngày", "ba
// tuần", "hai mươi năm"), or i.
func (p *dateParser) count(i int) int {
	j := i
	for p.in(j) && (p.lex.numerals[p.key(j)] && p.tok(j).Kind == nlp.KindWord || p.tok(j).Kind == nlp.KindNumber && isDigits(p.tok(j).Text)) && j-i < 3 {
		j++
	}
	if j == i || !p.lex.timeUnits[p.key(j)] {
		return i
	}
	return j + 1
}

// shift parses an anaphoric shift in time: "ba ngày sau", "2 tuần sau đó",
// "hai ngày trước đó", "trước đó 20 ngày". It points at another mention, so
// it is a DATE with no value.
func (p *dateParser) shift(i int) (dexpr, bool) {
	if k := p.key(i); (k == kTruoc || k == kSau) && p.key(i+1) == kDo {
		if j := p.count(i + 2); j > i+2 {
			return dexpr{start: i, end: j, kind: "relative", anaphoric: true}, true
		}
		return dexpr{}, false
	}
	j := p.count(i)
	if j == i || p.in(i-1) && (p.lex.countLeaders[p.key(i-1)] || p.lex.quantifiers[p.key(i-1)] || p.key(i-1) == kTrong) {
		return dexpr{}, false
	}
	switch p.key(j) {
	case kSau:
		if p.key(j+1) == kDo {
			return dexpr{start: i, end: j + 2, kind: "relative", anaphoric: true}, true
		}
		// "3 ngày sau khi ...", "2 năm sau ngày giải phóng": a preposition,
		// not a shift.
		if p.lex.afterSau[p.key(j+1)] || p.lex.timeUnits[p.key(j+1)] {
			return dexpr{}, false
		}
		return dexpr{start: i, end: j + 1, kind: "relative", anaphoric: true}, true
	case kTruoc:
		if p.key(j+1) == kDo {
			return dexpr{start: i, end: j + 2, kind: "relative", anaphoric: true}, true
		}
	}
	return dexpr{}, false
}

// parse tries a date expression starting at token i.
func (p *dateParser) parse(i int) (dexpr, bool) {
	if e, ok := p.shift(i); ok {
		return e, true
	}
	// "Cách mạng tháng Tám": an event's name, not a month.
	if p.key(i) == kThang && i-2 >= p.lo && p.r.keys.span(i-2, i) == kCachMang {
		return dexpr{}, false
	}
	k := p.key(i)
	// "từ A đến B"
	if k == kTu {
		if a, ok := p.point(i+1, true); ok {
			j := a.end
			if p.in(j) && p.tok(j).Text == "," {
				j++
			}
			if p.in(j) && (p.key(j) == kDen || p.key(j) == kToi || isDash(p.tok(j).Text)) {
				if b, ok := p.point(j+1, true); ok && compatible(&a, &b) {
					return p.period(i, b.end, a, b), true
				}
			}
		}
	}
	a, ok := p.point(i, false)
	// "mấy ngày qua", "một năm nay", "vài tuần tới", "3 ngày nay": durations.
	if ok && a.kind == "relative" && !a.anaphoric && p.in(i-1) && (p.tok(i-1).Kind == nlp.KindNumber || p.lex.quantifiers[p.key(i-1)]) {
		return dexpr{}, false
	}
	// "ngày nay", "hôm nay" in "thế hệ ... ngày nay": "ngày nay" is vague.
	if ok && a.kind == "relative" && a.end-a.start == 2 && p.key(i) == kNgay && p.key(i+1) == kNay {
		return dexpr{}, false
	}
	if !ok {
		// A bare day or year may still open a range: "30 – 31/10", "1959 - 2019".
		a, ok = p.point(i, true)
		if !ok || !(a.kind == "year" || a.kind == "day") {
			return dexpr{}, false
		}
		if !p.in(a.end) || !isDash(p.tok(a.end).Text) {
			return dexpr{}, false
		}
	}
	// "A - B" ranges.
	if p.in(a.end) && isDash(p.tok(a.end).Text) && a.kind != "relative" && a.kind != "period" {
		if b, ok := p.point(a.end+1, true); ok && compatible(&a, &b) && b.kind != "relative" && b.start == a.end+1 && samePrecision(&a, &b) {
			return p.period(i, b.end, a, b), true
		}
	}
	if a.kind == "day" || a.kind == "year" && a.start == a.end-1 && !p.isYearContext(a.start) {
		return dexpr{}, false
	}
	return a, true
}

// isYearContext reports whether a bare four-digit number at i reads as a
// year: in parentheses, after "vào", "từ", "đến", "trong", or before a
// comma at the start of a sentence.
func (p *dateParser) isYearContext(i int) bool {
	prev := p.key(i - 1)
	next := ""
	if p.in(i + 1) {
		next = p.tok(i + 1).Text
	}
	switch {
	case prev == "(" && (next == ")" || next == ","):
		return true
	case p.lex.yearCues[prev]: // "vào 1975", "(SN 1971, ...)": sinh năm, the year of birth
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
		return dexpr{start: start, end: end, kind: "period", lunar: true}
	}
	if a.kind == "day" {
		a.kind = "date"
		a.m = b.m
	}
	if a.y == 0 && b.y != 0 && a.kind != "year" {
		a.y = b.y
		if a.m > b.m && b.m != 0 {
			a.y--
		}
	}
	if a.m == 0 && a.kind == "date" {
		a.m = b.m
	}
	return dexpr{start: start, end: end, kind: "period", from: &a, to: &b}
}

func compatible(a, b *dexpr) bool {
	if a.lunar && b.lunar {
		return true // "từ mùng 1 đến mùng 3 Tết": a lunar period, unresolved
	}
	if a.anaphoric || b.anaphoric || a.lunar || b.lunar {
		return false
	}
	if a.kind == "day" && b.kind != "date" {
		return false
	}
	if b.kind == "day" || b.kind == "relative" {
		return false
	}
	// The end must not come before the start when both are known.
	if a.y != 0 && b.y != 0 && a.y > b.y {
		return false
	}
	return true
}

// samePrecision is required of "A - B" ranges written with a dash, where a
// loose pairing would join unrelated numbers: years with years, dates with
// dates (a bare day takes the month of B).
func samePrecision(a, b *dexpr) bool {
	switch a.kind {
	case "year":
		return b.kind == "year"
	case "day":
		return b.kind == "date"
	case "date":
		return b.kind == "date"
	case "month":
		return b.kind == "month"
	}
	return false
}

// point parses one date, month, year, quarter or relative expression at i,
// with its leading words. bare allows a lone day number ("14" in "từ 14 đến
// 17/11") and a lone four-digit year.
func (p *dateParser) point(i int, bare bool) (dexpr, bool) {
	if !p.in(i) {
		return dexpr{}, false
	}
	e := dexpr{start: i}
	j := i
	// A time first: "08:06, 24/04/2020", "15h45 ngày 3-5", "9h10 phút sáng nay".
	if hh, mi, ok := parseTime(p.tok(j)); ok {
		k := j + 1
		if p.key(k) == kPhut {
			k++
		}
		if p.in(k) && p.tok(k).Text == "," {
			k++
		}
		if d, ok := p.point(k, false); ok && d.kind != "period" && d.kind != "month" && d.kind != "year" && !d.hasTime && d.start == k {
			d.start = i
			d.hh, d.mi, d.hasTime = hh, mi, true
			if d.kind == "date" {
				d.kind = "datetime"
			}
			return d, true
		}
		return dexpr{}, false
	}
	edge := false
	if k := p.key(j); k == kDau || k == kCuoi || k == kGiua {
		edge = true
		j++
	}
	nPart := 0
	for p.in(j) && p.lex.partsOfDay[p.key(j)] && p.tok(j).Kind == nlp.KindWord {
		// "sớm" and "nửa" only inside a part of day: "sáng sớm", "nửa đêm".
		j++
		nPart++
	}
	dayWord := false
	// "2 ngày 30 – 31/10": "ngày" after a number counts days; it is no prefix.
	if k := p.key(j); (k == kHom || k == kNgay || k == kBua) && !(j == i && p.in(i-1) && p.tok(i-1).Kind == nlp.KindNumber) {
		dayWord = true
		j++
		if p.key(j) == kHom {
			j++ // "ngày hôm qua"
		}
	}
	prefixed := nPart > 0 || dayWord
	k := p.key(j)
	rel, isRel := p.lex.relative[k]
	switch {
	case isRel && rel.after&relDay != 0:
		if !prefixed {
			return dexpr{}, false
		}
		off := rel.offset
		if k == kKia && p.key(j-1) == kHom {
			off = -2
		}
		e.end = j + 1
		// "Sáng nay 16-5", "sáng nay (30/7)": an explicit date right after wins.
		if d, ok := p.dmToken(j+1, true); ok {
			d.start = i
			return d, true
		}
		e.kind, e.unit, e.offset = "relative", 'd', off
		e.end = p.relativeTail(e.end)
		return e, true
	case k == kDo || k == kAy:
		// "hôm đó", "ngày ấy" point at a day the article dated before;
		// with none they are vague ("Ngày ấy ở chiến trường ...").
		if !dayWord || !p.r.dated {
			return dexpr{}, false
		}
		e.end, e.kind, e.anaphoric = j+1, "relative", true
		return e, true
	case k == kCung && (p.key(j+1) == kNgay || p.key(j+1) == kNam || p.key(j+1) == kThang || p.key(j+1) == kTuan):
		e.end, e.kind, e.anaphoric = j+2, "relative", true
		return e, true
	}
	// A range of years in one token: "2011-2020".
	if p.in(j) && p.tok(j).Kind == nlp.KindNumber {
		if a, b, ok := parseYY(p.tok(j).Text); ok {
			return dexpr{start: i, end: j + 1, kind: "period", from: &dexpr{kind: "year", y: a}, to: &dexpr{kind: "year", y: b}}, true
		}
	}
	// An explicit day-month token.
	if d, ok := p.dmToken(j, prefixed); ok {
		d.start = i
		return d, true
	}
	// "ngày 24 tháng 4 năm 2020", "24 tháng 4".
	if p.in(j) && p.tok(j).Kind == nlp.KindNumber && p.key(j+1) == kThang {
		if d, ok := atoiRange(p.tok(j).Text, 1, 31); ok {
			if m, ok := atoiRange(p.tokText(j+2), 1, 12); ok {
				e.d, e.m, e.kind, e.end = d, m, "date", j+3
				if p.key(e.end) == kNam {
					if y, ok := atoiRange(p.tokText(e.end+1), 1000, 2100); ok {
						e.y, e.end = y, e.end+2
					}
				}
				return e, true
			}
		}
	}
	// Lunar: "30 Tết", "mùng 1 Tết", "29 Tết".
	if mk := p.key(j); mk == kMung || mk == kMong {
		if _, ok := atoiRange(p.tokText(j+1), 1, 10); ok {
			e.end, e.kind, e.lunar = j+2, "date", true
			if p.key(e.end) == kTet {
				e.end++
			}
			return e, true
		}
	}
	if p.in(j) && p.tok(j).Kind == nlp.KindNumber && p.key(j+1) == kTet {
		if _, ok := atoiRange(p.tok(j).Text, 1, 30); ok {
			e.end, e.kind, e.lunar = j+2, "date", true
			return e, true
		}
	}
	if dayWord && p.in(j) && p.tok(j).Kind == nlp.KindNumber && nPart > 0 {
		// "nửa đêm 29": a day of the month alone after a part of day.
	}
	switch p.key(j) {
	case kThang:
		if dayWord {
			return dexpr{}, false
		}
		return p.month(i, j+1)
	case kNam:
		if dayWord || nPart > 0 {
			return dexpr{}, false
		}
		return p.year(i, j+1, edge)
	case kTuan:
		k := p.key(j + 1)
		if rel, ok := p.lex.relative[k]; ok && rel.after&relWeek != 0 {
			if k == kSau && p.in(j+2) && p.tok(j+2).Kind == nlp.KindNumber {
				return dexpr{}, false
			}
			return dexpr{start: i, end: j + 2, kind: "relative", unit: 'w', offset: rel.offset}, true
		}
	case kQuy:
		return p.quarterExpr(i, j+1)
	case kThe:
		if kk := p.key(j + 1); kk == kKy || kk == kKi {
			if c, ok := parseCentury(p.tokText(j + 2)); ok {
				return dexpr{start: i, end: j + 3, kind: "period", span: fmt.Sprintf("%d/%d", (c-1)*100, (c-1)*100+99)}, true
			}
		}
	case kNhung, kThap:
		// "những năm 1970", "thập niên 1990"
		if (p.key(j) == kNhung && p.key(j+1) == kNam) || (p.key(j) == kThap && p.key(j+1) == kNien) {
			if y, ok := atoiRange(p.tokText(j+2), 1000, 2100); ok && y%10 == 0 {
				return dexpr{start: i, end: j + 3, kind: "period", span: fmt.Sprintf("%d/%d", y, y+9)}, true
			}
		}
	}
	// "6 tháng đầu năm 2020", "9 tháng đầu năm nay".
	if p.in(j) && p.tok(j).Kind == nlp.KindNumber && p.key(j+1) == kThang && (p.key(j+2) == kDau || p.key(j+2) == kCuoi) && p.key(j+3) == kNam {
		if n, ok := atoiRange(p.tok(j).Text, 1, 12); ok {
			e.start, e.kind = i, "period"
			if p.key(j+2) == kDau {
				e.months = [2]int{1, n}
			} else {
				e.months = [2]int{13 - n, 12}
			}
			if y, ok := atoiRange(p.tokText(j+4), 1000, 2100); ok {
				e.y, e.end = y, j+5
				return e, true
			}
			if p.key(j+4) == kNay {
				e.unit, e.offset, e.end = 'y', 0, j+5
				return e, true
			}
		}
	}
	if bare && (!prefixed || dayWord && nPart == 0) && p.in(j) && p.tok(j).Kind == nlp.KindNumber {
		t := p.tok(j).Text
		if y, ok := atoiRange(t, 1000, 2100); ok && len(t) == 4 {
			return dexpr{start: i, end: j + 1, kind: "year", y: y}, true
		}
		if d, ok := atoiRange(t, 1, 31); ok {
			return dexpr{start: i, end: j + 1, kind: "day", d: d}, true
		}
	}
	if !bare && !prefixed && p.in(j) && p.tok(j).Kind == nlp.KindNumber {
		if t := p.tok(j).Text; len(t) == 4 {
			if y, ok := atoiRange(t, 1900, 2100); ok {
				return dexpr{start: i, end: j + 1, kind: "year", y: y}, true
			}
		}
	}
	if nPart > 0 && dayWord {
		return dexpr{}, false
	}
	return dexpr{}, false
}

// relativeTail extends a relative day expression over a following time:
// "sáng nay lúc 9h" is rare; nothing is added for now beyond the expression.
func (p *dateParser) relativeTail(end int) int { return end }

func (p *dateParser) tokText(i int) string {
	if !p.in(i) {
		return ""
	}
	return p.tok(i).Text
}

// dmToken parses a day-month(-year) token at j: "23-4", "24/04/2020",
// "31.10" (dots only after a leading word), followed maybe by a time.
func (p *dateParser) dmToken(j int, prefixed bool) (dexpr, bool) {
	if !p.in(j) {
		return dexpr{}, false
	}
	paren := false
	if p.tok(j).Text == "(" && prefixed {
		// "sáng nay (30/7)" keeps the parenthesis out: the date is its own mention.
		return dexpr{}, false
	}
	t := p.tok(j)
	if t.Kind != nlp.KindNumber {
		return dexpr{}, false
	}
	d, m, y, sep, ok := parseDMY(t.Text)
	if !ok || sep == '.' && !prefixed {
		return dexpr{}, false
	}
	if !prefixed && y == 0 && !p.plausibleBareDM(j) {
		return dexpr{}, false
	}
	_ = paren
	e := dexpr{start: j, end: j + 1, d: d, m: m, y: y, kind: "date"}
	// "24/04/2020 08:06", "24/04/2020, lúc 8h"
	k := e.end
	if p.in(k) && (p.tok(k).Text == "," || p.tok(k).Text == "|") {
		k++
	}
	if p.key(k) == kLuc {
		k++
	}
	if p.in(k) {
		if hh, mi, ok := parseTime(p.tok(k)); ok && k > e.end-1 && (p.tok(k).Kind == nlp.KindNumber && strings.Contains(p.tok(k).Text, ":") || p.key(k-1) == kLuc) {
			e.hh, e.mi, e.hasTime, e.kind, e.end = hh, mi, true, "datetime", k+1
		}
	}
	return e, true
}

// plausibleBareDM reports whether a day/month token without a leading word
// is a date rather than a fraction, score or count.
func (p *dateParser) plausibleBareDM(j int) bool {
	prev := p.key(j - 1)
	if p.lex.countLeaders[prev] {
		return false
	}
	if j-2 >= p.lo && p.lex.countLeaders[p.r.keys.span(j-2, j)] {
		return false
	}
	if p.in(j+1) && p.lex.countNouns[p.key(j+1)] {
		return false
	}
	if p.in(j+1) && (p.tok(j+1).Text == "%" || p.tok(j+1).Kind == nlp.KindNumber) {
		return false
	}
	return true
}

// month parses what follows "tháng" at j; i is where the expression starts.
func (p *dateParser) month(i, j int) (dexpr, bool) {
	e := dexpr{start: i, kind: "month"}
	t := p.tokText(j)
	if m, y, ok := parseMY(t); ok {
		e.m, e.y, e.end = m, y, j+1
		return e, true
	}
	m, ok := atoiRange(t, 1, 12)
	if !ok {
		k := p.key(j)
		if rel, ok := p.lex.relative[k]; ok && rel.after&relMonth != 0 {
			if k == kSau && p.in(j+1) && p.tok(j+1).Kind == nlp.KindNumber {
				return dexpr{}, false
			}
			return dexpr{start: i, end: j + 1, kind: "relative", unit: 'm', offset: rel.offset}, true
		}
		return dexpr{}, false
	}
	// "tháng 4" alone is a month only after an edge word or as a sentence
	// part, never "4 tháng" (a duration, handled by the caller not matching).
	e.m, e.end = m, j+1
	switch p.key(j + 1) {
	case kNam:
		if y, ok := atoiRange(p.tokText(j+2), 1000, 2100); ok {
			e.y, e.end = y, j+3
		} else if rel, ok := p.lex.relative[p.key(j+2)]; ok && rel.after&relYear != 0 {
			e.unit, e.offset, e.end = 'y', rel.offset, j+3
		}
	}
	if p.in(j-2) && p.tok(j-2).Kind == nlp.KindNumber && p.key(j-1) == kThang && j-2 < i {
		return dexpr{}, false
	}
	return e, true
}

// year parses what follows "năm" at j.
func (p *dateParser) year(i, j int, edge bool) (dexpr, bool) {
	// "10 năm" is a duration: "năm" after a number is not a date word.
	if p.in(i-1) && p.tok(i-1).Kind == nlp.KindNumber && i == j-1 {
		return dexpr{}, false
	}
	t := p.tokText(j)
	if a, b, ok := parseYY(t); ok {
		return dexpr{start: i, end: j + 1, kind: "period", from: &dexpr{kind: "year", y: a}, to: &dexpr{kind: "year", y: b}}, true
	}
	if y, ok := atoiRange(t, 1000, 2100); ok && (len(t) == 4 || edge) {
		return dexpr{start: i, end: j + 1, kind: "year", y: y}, true
	}
	k := p.key(j)
	rel, ok := p.lex.relative[k]
	if !ok || rel.after&relYear == 0 {
		return dexpr{}, false
	}
	// "năm trước 2020", "10 năm sau": "trước" and "sau" as prepositions.
	if (k == kTruoc || k == kSau) && (p.in(j+1) && p.tok(j+1).Kind == nlp.KindNumber || p.in(i-1) && p.tok(i-1).Kind == nlp.KindNumber) {
		return dexpr{}, false
	}
	return dexpr{start: i, end: j + 1, kind: "relative", unit: 'y', offset: rel.offset}, true
}

// quarterExpr parses what follows "quý" at j: "I/2020", "2 năm 2018", "IV".
func (p *dateParser) quarterExpr(i, j int) (dexpr, bool) {
	t := p.tokText(j)
	e := dexpr{start: i, kind: "quarter"}
	if k := strings.IndexByte(t, '/'); k > 0 {
		q, ok := parseQuarter(t[:k])
		y, ok2 := atoiRange(t[k+1:], 1000, 2100)
		if ok && ok2 {
			e.quarter, e.y, e.end = q, y, j+1
			return e, true
		}
		return dexpr{}, false
	}
	q, ok := parseQuarter(t)
	if !ok {
		return dexpr{}, false
	}
	e.quarter, e.end = q, j+1
	if p.key(j+1) == kNam {
		if y, ok := atoiRange(p.tokText(j+2), 1000, 2100); ok {
			e.y, e.end = y, j+3
		} else if p.key(j+2) == kNay {
			e.unit, e.end = 'y', j+3
		}
	} else if p.tokText(j+1) == "/" {
		if y, ok := atoiRange(p.tokText(j+2), 1000, 2100); ok {
			e.y, e.end = y, j+3
		}
	}
	return e, true
}

func parseQuarter(s string) (int, bool) {
	switch strings.ToUpper(s) {
	case "I", "1":
		return 1, true
	case "II", "2":
		return 2, true
	case "III", "3":
		return 3, true
	case "IV", "4":
		return 4, true
	}
	return 0, false
}

var romanCenturies = map[string]int{"XV": 15, "XVI": 16, "XVII": 17, "XVIII": 18, "XIX": 19, "XX": 20, "XXI": 21, "XXII": 22}

func parseCentury(s string) (int, bool) {
	if c, ok := romanCenturies[strings.ToUpper(s)]; ok {
		return c, true
	}
	return atoiRange(s, 1, 22)
}

// atoiRange parses a decimal number made of digits only and checks its range.
func atoiRange(s string, lo, hi int) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, n >= lo && n <= hi
}

// parseDMY parses "23-4", "23/4", "23.4", "24/04/2020", "19.10.2013".
func parseDMY(s string) (d, m, y int, sep byte, ok bool) {
	sep = 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '-' || c == '/' || c == '.' {
			if sep != 0 && sep != c {
				return 0, 0, 0, 0, false
			}
			sep = c
		}
	}
	if sep == 0 {
		return 0, 0, 0, 0, false
	}
	parts := strings.Split(s, string(sep))
	if len(parts) != 2 && len(parts) != 3 {
		return 0, 0, 0, 0, false
	}
	if len(parts[0]) > 2 || len(parts[1]) > 2 {
		return 0, 0, 0, 0, false
	}
	d, ok1 := atoiRange(parts[0], 1, 31)
	m, ok2 := atoiRange(parts[1], 1, 12)
	if !ok1 || !ok2 {
		return 0, 0, 0, 0, false
	}
	if len(parts) == 3 {
		if len(parts[2]) != 4 {
			return 0, 0, 0, 0, false
		}
		y, ok = atoiRange(parts[2], 1000, 2100)
		if !ok {
			return 0, 0, 0, 0, false
		}
	}
	if !validDay(y, m, d) {
		return 0, 0, 0, 0, false
	}
	return d, m, y, sep, true
}

func validDay(y, m, d int) bool {
	if y == 0 {
		y = 2000 // a leap year: 29-2 is valid without a year
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d && int(t.Month()) == m
}

// parseMY parses a month and year: "4/2020", "12-1967", "7.2013".
func parseMY(s string) (int, int, bool) {
	k := strings.IndexAny(s, "/-.")
	if k <= 0 || k > 2 || len(s)-k-1 != 4 {
		return 0, 0, false
	}
	m, ok1 := atoiRange(s[:k], 1, 12)
	y, ok2 := atoiRange(s[k+1:], 1000, 2100)
	return m, y, ok1 && ok2
}

// parseYY parses a range of years in one token: "2011-2020".
func parseYY(s string) (int, int, bool) {
	if len(s) != 9 || s[4] != '-' && s[4] != '/' {
		return 0, 0, false
	}
	a, ok1 := atoiRange(s[:4], 1000, 2100)
	b, ok2 := atoiRange(s[5:], 1000, 2100)
	return a, b, ok1 && ok2 && a < b && b-a <= 100
}

// parseTime parses a clock time token: "08:06", "15h45", "15h", "22g", "9g30".
func parseTime(t *nlp.Token) (int, int, bool) {
	s := t.Text
	switch t.Kind {
	case nlp.KindNumber:
		k := strings.IndexByte(s, ':')
		if k <= 0 || k > 2 || len(s)-k-1 != 2 {
			return 0, 0, false
		}
		h, ok1 := atoiRange(s[:k], 0, 24)
		m, ok2 := atoiRange(s[k+1:], 0, 59)
		return h, m, ok1 && ok2
	case nlp.KindCode:
		k := strings.IndexAny(s, "hHgG")
		if k <= 0 || k > 2 {
			return 0, 0, false
		}
		h, ok := atoiRange(s[:k], 0, 24)
		if !ok {
			return 0, 0, false
		}
		rest := strings.TrimRight(s[k+1:], "'’")
		if rest == "" {
			return h, 0, true
		}
		m, ok := atoiRange(rest, 0, 59)
		return h, m, ok && len(rest) == 2
	}
	return 0, 0, false
}

// resolve computes a DATE's kind and value, anchoring partial dates on the
// publication date when there is one.
func (r *run) resolve(e *dexpr) (string, string) {
	kind := e.kind
	if kind == "day" {
		kind = "date"
	}
	if e.anaphoric || e.lunar {
		return kind, ""
	}
	switch e.kind {
	case "period":
		if e.span != "" {
			return kind, e.span
		}
		if e.months[1] != 0 {
			y := e.y
			if e.unit == 'y' {
				if !r.anchorSet {
					return kind, ""
				}
				y = r.anchor.Year() + e.offset
			}
			return kind, fmt.Sprintf("%04d-%02d/%04d-%02d", y, e.months[0], y, e.months[1])
		}
		_, a := r.resolve(e.from)
		_, b := r.resolve(e.to)
		if a == "" || b == "" {
			return kind, ""
		}
		return kind, a + "/" + b
	case "relative":
		if !r.anchorSet {
			return kind, ""
		}
		t := r.anchor
		switch e.unit {
		case 'd':
			t = t.AddDate(0, 0, e.offset)
			if e.hasTime {
				return kind, time.Date(t.Year(), t.Month(), t.Day(), e.hh, e.mi, 0, 0, vietnamTime).Format(time.RFC3339)
			}
			return kind, t.Format("2006-01-02")
		case 'w':
			y, w := t.AddDate(0, 0, 7*e.offset).ISOWeek()
			return kind, fmt.Sprintf("%04d-W%02d", y, w)
		case 'm':
			t = time.Date(t.Year(), t.Month()+time.Month(e.offset), 1, 0, 0, 0, 0, vietnamTime)
			return kind, t.Format("2006-01")
		case 'y':
			return kind, strconv.Itoa(t.Year() + e.offset)
		}
		return kind, ""
	case "year":
		return kind, fmt.Sprintf("%04d", e.y)
	case "quarter":
		y := e.y
		if y == 0 && r.anchorSet {
			y = r.anchor.Year()
		}
		if y == 0 {
			return kind, fmt.Sprintf("XXXX-Q%d", e.quarter)
		}
		return kind, fmt.Sprintf("%04d-Q%d", y, e.quarter)
	case "month":
		y := e.y
		if e.unit == 'y' {
			if !r.anchorSet {
				return "relative", ""
			}
			y = r.anchor.Year() + e.offset
		} else if y == 0 && r.anchorSet {
			y = r.nearestYear(e.m, 15)
		}
		if y == 0 {
			return kind, fmt.Sprintf("XXXX-%02d", e.m)
		}
		return kind, fmt.Sprintf("%04d-%02d", y, e.m)
	}
	// date, datetime
	y := e.y
	if y == 0 && r.anchorSet {
		y = r.nearestYear(e.m, e.d)
	}
	if e.hasTime {
		if y == 0 {
			return kind, fmt.Sprintf("XXXX-%02d-%02dT%02d:%02d", e.m, e.d, e.hh, e.mi)
		}
		return kind, time.Date(y, time.Month(e.m), e.d, e.hh, e.mi, 0, 0, vietnamTime).Format(time.RFC3339)
	}
	if y == 0 {
		return kind, fmt.Sprintf("XXXX-%02d-%02d", e.m, e.d)
	}
	return kind, fmt.Sprintf("%04d-%02d-%02d", y, e.m, e.d)
}

// nearestYear returns the year that puts month m, day d nearest the anchor.
func (r *run) nearestYear(m, d int) int {
	a := r.anchor
	best, bestDist := 0, time.Duration(1<<62)
	for y := a.Year() - 1; y <= a.Year()+1; y++ {
		t := time.Date(y, time.Month(m), d, 12, 0, 0, 0, vietnamTime)
		dist := t.Sub(a)
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = y, dist
		}
	}
	return best
}

// publishedFromMeta returns the first full date or datetime found in a meta
// sentence: the article's posting time.
func (r *run) publishedFromMeta() (time.Time, bool, bool) {
	for _, e := range r.ents {
		if e.Type != Date || r.doc.Sentences[e.Sentence].Role != nlp.RoleMeta {
			continue
		}
		switch e.Kind {
		case "datetime":
			if t, err := time.Parse(time.RFC3339, e.Value); err == nil {
				return t, true, true
			}
		case "date":
			if t, err := time.ParseInLocation("2006-01-02", e.Value, vietnamTime); err == nil {
				return t, false, true
			}
		}
	}
	return time.Time{}, false, false
}
