package extract

import (
	"slices"

	"github.com/vnews/vnews/internal/ner"
	"github.com/vnews/vnews/nlp"
)

// mergeSet is a set of the merge rules with which applyTagged keeps the
// rules' decision over the tagger's where the rules are exact by
// construction (lexicon knowledge the tagger only learns from examples).
// Each was measured on the training articles' 5-fold cross-validation
// (go run ./cmd/vnews-train ner -cv -merge; see vnews-train's ner.go).
type mergeSet uint32

const (
	// mergeAbbr: an abbreviation the lexicon knows as a unit by itself or
	// that the article defined ("CAND", "(K25)") is a unit, whatever
	// tagger span holds it ("Thượng tướng CAND Lê Văn X").
	mergeAbbr mergeSet = 1 << iota
	// mergeCoord: a head with a list of designators ("các quân khu 3, 4")
	// is one unit.
	mergeCoord
	// mergeNickname: a birth-order name and a trait the lexicon knows
	// ("anh Út trọc") is one name.
	mergeNickname
	// mergeHonorific: a surname alone after a capitalized address word
	// ("Bác Hồ") is a name.
	mergeHonorific
	// mergeKnownUnit: a unit's whole name as the lexicon knows it.
	mergeKnownUnit
	// mergeNameStop: a name does not end in a name-stop word ("... Pao Rồi").
	mergeNameStop
	// mergeSplit: a tagger span that is exactly two rule mentions of its
	// type joined by "và" or a comma is two mentions.
	mergeSplit
	// mergeBlocker: a name after a lexicon blocker ("phố", "nông trường")
	// names a place or thing, not a person.
	mergeBlocker
	// mergeLowerBo: a lowercase "bộ" is a set ("bộ sách"), not a ministry,
	// unless the lexicon knows the ministry that follows.
	mergeLowerBo
	// mergeChain: two tagger units joined by a dash that are exactly one
	// rule unit, a unit and its parent ("Công ty X - bộ Quốc phòng"), are
	// that one unit.
	mergeChain
	// mergeFill: a rule unit the tagger has no span over, made of a head
	// and its designator ("tiểu đoàn 1047") or holding a service the
	// lexicon knows ("Ngân hàng Quân đội"), and a rule name with a surname
	// right after a rank or post ("Chủ tịch Hồ Chí Minh"), or a foreign
	// one, maybe after the post's country ("Đại sứ Nhật Bản Sato Kenji").
	mergeFill
	// mergeHeadBefore: one capitalized word right after a lowercase unit
	// head ("khoa Nhi", "phòng Kỹ thuật") names the unit's field, not a
	// person.
	mergeHeadBefore
	// mergeBrackets: a name does not hold an unmatched bracket, nor a dash
	// and a rank after it ("Cục X (C53", "cơ quan Y - Thượng tá"): the
	// span ends before them (a leading closing bracket is dropped); nor does
	// it end on a quotation mark that closes nothing in it ('Obama "').
	mergeBrackets
	// mergeAbroad: a body named after its country runs on through "tại"
	// or "ở" and a place the lexicon knows ("Đại sứ quán Việt Nam tại
	// Lào"), as the rules' unit names do.
	mergeAbroad
	// mergeService: a tagger unit that is a rule unit holding a service the
	// lexicon knows ("Ngân hàng Quân đội") followed by lowercase words only
	// ("tài trợ") ends where the rule unit ends.
	mergeService
	// mergeArm: a military unit's designator runs on over the arm or
	// calibre written after it in lowercase ("Trung đoàn 88 công binh cầu
	// phà", "tiểu đoàn pháo binh 105 ly"): one unit, as entities.md says.
	mergeArm
	// mergeCredit: a name the rules read from a photo credit or a byline
	// ("(Ảnh: Thu Hà)") that the tagger has no span over is a PERSON: the
	// layout, not the words, says so.
	mergeCredit
	// mergeSame: where the article writes again, alone and outside every
	// mention, the words of one of its UNIT mentions (an acronym in
	// capitals, or a name of several words) or of a full name, they are
	// that mention again ("AIPA" tagged once and missed the next time);
	// see sameMentions. 5-fold CV, UNIT F1 +0.3 and +0.2 with two seeds,
	// PERSON unchanged.
	mergeSame
	// mergeInPost: a tagger unit that starts inside a post the rules found,
	// on a word that heads no unit, and runs over a name the rules found
	// ("Bộ trưởng |Quốc phòng Na Uy Henrik Solberg") is no unit: the rules'
	// mentions there stand. A unit may start on a post's own head
	// ("Trưởng |phòng Khoa học quân sự").
	mergeInPost
	// mergeCountry: a PERSON span that is exactly a country the lexicon
	// knows, by a name no Vietnamese is given ("Đại sứ Hàn Quốc cho
	// biết", "Thủ tướng Thái Lan"), is no person. A one-word name shaped
	// like a Vietnamese syllable stays: "Anh", "Đức", "Nga" and "Mỹ" are
	// given names too.
	mergeCountry
	// mergeGiven: where the article writes again, alone, the given name of
	// one of its PERSON mentions of two words or more ("Vinh khai ..."
	// after "Nguyễn Văn Vinh"), or a one-word name found once ("đối tượng
	// Tiến", then "Tiến khai ..."), capitalized between words that are
	// not, outside every mention, it is that person again, when the
	// article has the name at least as often as such places; see
	// givenMentions.
	mergeGiven
	// mergeApostrophe: a name runs on through an apostrophe inside a word
	// ("Công an huyện Đắk R'lấp", "H’Hen Niê"), or spaced after one
	// capital consonant ("Ea H ’ leo"), at either end.
	mergeApostrophe
	// mergeQuoted: a name runs on over the nickname in quotation marks
	// right after it, of one or two words ('Khánh “sói”', 'Khánh " sói "'),
	// when the article quotes the words again or they are a nickname's
	// trait (words quoted once are more often scare quotes: 'Sáu “lo”'):
	// entities.md keeps a nickname with its quote marks.
	mergeQuoted
	// mergeAlias: an alias or nickname after an alias cue ("còn gọi là
	// Sơn lùn", "biệt danh Khải “47”") is the rules' PERSON, exactly.
	mergeAlias
	// mergeBareHead: a UNIT span that is exactly a head the lexicon knows
	// needs a name ("Bộ chỉ huy", "Quân khu", "Sư đoàn") is no unit:
	// entities.md, a bare head with no name, number or place.
	mergeBareHead
	// mergeNoBody: a UNIT span that names a room ("phòng 403", "phòng
	// VIP2") or stands in a law's title ("Luật Công an nhân dân") is no
	// mention of a body; see noBody.
	mergeNoBody
	// mergeHeadAlone: a PERSON span that is one word, a unit head of the
	// lexicon ("Đội tìm kiếm ...", "Phòng đã ...") or the word of a law's
	// title ("Luật giáo dục"), is no person unless the article names
	// someone with that given name ("Trường" after "Nguyễn Văn Trường").
	mergeHeadAlone
	// mergeClause: a UNIT span that runs on over a lowercase word no
	// unit's name holds (unit-break in unitwords.tsv: "đã", "là", "yêu
	// cầu", "kiêm") ends before it ("Tổng cục Đường bộ |yêu cầu nhà thầu");
	// the rules' mentions after it stand.
	mergeClause

	mergeAll   = 1<<iota - 1
	mergeNone  = mergeSet(0)
	mergeCount = iota
)

// MergeRuleNames names the merge rules, for vnews-train's -merge ablation
// (the library uses those of DefaultMergeRules).
var MergeRuleNames = [mergeCount]string{"abbr", "coord", "nickname", "honorific", "known", "namestop", "split", "blocker", "lowerbo", "chain", "fill", "headbefore", "brackets", "abroad", "service", "arm", "credit", "same", "inpost", "country", "given", "apostrophe", "quoted", "alias", "barehead", "nobody", "headalone", "clause"}

// defaultMerge are the merge rules the library applies: those that did
// not lower the cross-validated F1 (5-fold CV, UNIT exact F1: tagger alone
// 89.5, all rules 88.3, all but "known" 89.5; every other rule within
// ±0.1 of all rules). "known" (a whole lexicon name wins) cost 1.2 points;
// a one-word name in capitals ("NATO") is kept by exactAbbr instead.
// "arm" and "credit" change nothing there (the training articles have
// hardly a unit with its arm after the designator, and the tagger finds
// their credits); they hold what entities.md says of such units and of
// photo credits.
const defaultMerge = mergeAll &^ mergeKnownUnit

// merge applies the merge rules to the tagger's spans: it returns the
// spans that stay the tagger's, and keep[i] for each rule mention r.ents[i]
// that stays the rules' own (exact by construction, or a neighbour of one:
// where an exact rule mention overlaps tagger spans, the rules decide the
// whole stretch those spans cover).
func (r *run) merge(spans []Entity, rules mergeSet) ([]Entity, []bool) {
	sc := &r.scratch
	keep := grow(sc.keep, len(r.ents))
	clear(keep)
	sc.keep = keep
	if rules == mergeNone {
		return spans, keep
	}
	// Rule PERSON/UNIT mentions by first token: starts[t] is the index+1
	// into r.ents of the last one starting at token t, 0 if none.
	starts := grow(sc.covered, len(r.toks)+1)
	clear(starts)
	sc.covered = starts
	for i := range r.ents {
		if e := &r.ents[i]; e.Type == Person || e.Type == Unit {
			starts[e.tokStart] = int32(i + 1)
		}
	}
	byStart := func(t int) (int, bool) {
		if t < 0 || t >= len(starts) || starts[t] == 0 {
			return 0, false
		}
		return int(starts[t] - 1), true
	}
	// givenName reports whether token k's word ends a PERSON mention of two
	// words or more elsewhere (mergeHeadAlone): the ends of those mentions
	// are indexed on first use, so that the test is linear in the article.
	givenIndexed := false
	givenName := func(k int) bool {
		if !givenIndexed {
			r.indexGivenNames(spans)
			givenIndexed = true
		}
		e, ok := sc.givenEnds[r.key(k)]
		return ok && (e.other || e.end != k)
	}
	out := slices.Grow(sc.out[:0], len(spans))
	for si, s := range spans {
		if rules&mergeBrackets != 0 {
			i, j := r.bracketed(s.tokStart, s.tokEnd)
			if i >= j {
				continue
			}
			if i != s.tokStart || j != s.tokEnd {
				s = r.respan(s, i, j)
			}
		}
		lo, hi := r.bounds(s.Sentence)
		if rules&mergeApostrophe != 0 && (s.Type == Person || s.Type == Unit) {
			i, j := s.tokStart, s.tokEnd
			for i-2 >= lo && (inWordApostrophe(r.toks, i-1) || spacedApostrophe(r.toks, i-1)) {
				i -= 2
			}
			for j+1 < hi && (inWordApostrophe(r.toks, j) || spacedApostrophe(r.toks, j)) {
				j += 2
			}
			if (i != s.tokStart || j != s.tokEnd) && (si+1 == len(spans) || j <= spans[si+1].tokStart) && (len(out) == 0 || i >= out[len(out)-1].tokEnd) {
				s = r.respan(s, i, j)
			}
		}
		if rules&mergeQuoted != 0 && s.Type == Person {
			if j := r.quotedNickname(s.tokEnd, hi); j > s.tokEnd && (si+1 == len(spans) || j <= spans[si+1].tokStart) && r.nickname(s.tokEnd, j) {
				s = r.respan(s, s.tokStart, j)
			}
		}
		if rules&mergeService != 0 && s.Type == Unit {
			if a, ok := byStart(s.tokStart); ok && r.ents[a].Type == Unit && r.ents[a].tokEnd < s.tokEnd && r.holdsService(a) && r.lowerTail(r.ents[a].tokEnd, s.tokEnd) {
				s = r.respan(s, s.tokStart, r.ents[a].tokEnd)
			}
		}
		if rules&mergeAbroad != 0 && s.Type == Unit {
			if j := r.abroad(s.tokStart, s.tokEnd, hi); j > s.tokEnd && (si+1 == len(spans) || j <= spans[si+1].tokStart) {
				s = r.respan(s, s.tokStart, j)
			}
		}
		if rules&mergeClause != 0 && s.Type == Unit {
			if k := r.unitBreak(s.tokStart, s.tokEnd); k > s.tokStart {
				for i := range r.ents {
					if e := &r.ents[i]; (e.Type == Person || e.Type == Unit) && e.tokStart > k && e.tokEnd <= s.tokEnd {
						keep[i] = true
					}
				}
				j := k
				for j > s.tokStart && (isDash(r.toks[j-1].Text) || r.toks[j-1].Text == ",") {
					j--
				}
				if j-s.tokStart < 2 && !r.up(s.tokStart) || r.bareHead(s.tokStart, j) {
					continue
				}
				s = r.respan(s, s.tokStart, j)
			}
		}
		switch {
		case rules&mergeBlocker != 0 && s.Type == Person && r.blocked(s.tokStart, lo):
			continue
		case rules&mergeCountry != 0 && s.Type == Person && r.country(s.tokStart, s.tokEnd):
			continue
		case rules&mergeBareHead != 0 && s.Type == Unit && r.bareHead(s.tokStart, s.tokEnd):
			continue
		case rules&mergeNoBody != 0 && s.Type == Unit && r.noBody(s.tokStart, s.tokEnd, lo):
			continue
		case rules&mergeHeadAlone != 0 && s.Type == Person && s.tokEnd == s.tokStart+1 && (r.bareHead(s.tokStart, s.tokEnd) || r.lex.lawTitles[r.key(s.tokStart)]) && !givenName(s.tokStart):
			continue
		case rules&mergeInPost != 0 && s.Type == Unit && r.inPost(s.tokStart, hi) && r.holdsRule(s, Person):
			for i := range r.ents {
				if e := &r.ents[i]; (e.Type == Person || e.Type == Unit) && e.tokStart < s.tokEnd && e.tokEnd > s.tokStart {
					keep[i] = true
				}
			}
			continue
		case rules&mergeHeadBefore != 0 && s.Type == Person && s.tokEnd == s.tokStart+1 && r.afterLowerHead(s.tokStart, lo):
			continue
		case rules&mergeLowerBo != 0 && s.Type == Unit && r.key(s.tokStart) == kBo && !r.up(s.tokStart):
			if n, _ := r.lex.units.longest(r.keys, s.tokStart, hi); n < 2 {
				continue
			}
		case rules&mergeNameStop != 0 && s.Type == Person:
			i, j := s.tokStart, s.tokEnd
			for j-i >= 2 && r.lex.nameStops[r.key(j-1)] && !(j == i+3 && r.lex.surnames.has(r.keys, i, i+1) && r.lex.middleNames[r.key(i+1)]) {
				j--
			}
			if j < s.tokEnd {
				s = r.respan(s, i, j)
			}
		}
		if rules&mergeChain != 0 && len(out) > 0 {
			p := &out[len(out)-1]
			if a, ok := byStart(p.tokStart); ok && p.Type == s.Type && r.ents[a].Type == s.Type && r.ents[a].tokEnd == s.tokEnd &&
				p.tokEnd+1 == s.tokStart && isDash(r.toks[p.tokEnd].Text) {
				*p = r.respan(*p, p.tokStart, s.tokEnd)
				continue
			}
		}
		if rules&mergeSplit != 0 {
			if a, ok := byStart(s.tokStart); ok {
				ea := &r.ents[a]
				if b, ok := byStart(ea.tokEnd + 1); ok && ea.Type == s.Type && r.ents[b].Type == s.Type && r.ents[b].tokEnd == s.tokEnd {
					if sep := r.toks[ea.tokEnd].Text; sep == "," || r.key(ea.tokEnd) == kVa {
						out = append(out, r.respan(s, ea.tokStart, ea.tokEnd), r.respan(s, r.ents[b].tokStart, r.ents[b].tokEnd))
						continue
					}
				}
			}
		}
		out = append(out, s)
	}
	sc.out = out
	// The exact rule mentions, and the stretch where the rules decide.
	region := grow(sc.region, len(r.toks))
	clear(region)
	sc.region = region
	any := false
	for i := range r.ents {
		if r.exact(&r.ents[i], rules) {
			keep[i], any = true, true
			mark(region, r.ents[i].tokStart, r.ents[i].tokEnd)
		}
	}
	if rules&(mergeFill|mergeCredit) != 0 {
		taken := grow(sc.taken, len(r.toks))
		clear(taken)
		sc.taken = taken
		for _, s := range out {
			mark(taken, s.tokStart, s.tokEnd)
		}
		for i := range r.ents {
			e := &r.ents[i]
			if keep[i] || overlapsMark(taken, e.tokStart, e.tokEnd) {
				continue
			}
			if rules&mergeFill != 0 && r.fills(i) || rules&mergeCredit != 0 && e.Type == Person && e.Role != "" {
				keep[i] = true // no region: it overlaps no tagger span
			}
		}
	}
	if !any {
		return out, keep
	}
	dropped := grow(sc.dropped, len(out))
	clear(dropped)
	sc.dropped = dropped
	for changed := true; changed; {
		changed = false
		for si := range out {
			if !dropped[si] && overlapsMark(region, out[si].tokStart, out[si].tokEnd) {
				dropped[si], changed = true, true
				mark(region, out[si].tokStart, out[si].tokEnd)
			}
		}
		for i := range r.ents {
			e := &r.ents[i]
			if !keep[i] && (e.Type == Person || e.Type == Unit) && overlapsMark(region, e.tokStart, e.tokEnd) {
				keep[i], changed = true, true
				mark(region, e.tokStart, e.tokEnd)
			}
		}
	}
	kept := out[:0]
	for si, s := range out {
		if !dropped[si] {
			kept = append(kept, s)
		}
	}
	return kept, keep
}

// country reports whether tokens [i, j) are exactly a country's name that
// names no person (mergeCountry).
func (r *run) country(i, j int) bool {
	n, kind := r.lex.locations.longest(r.keys, i, j)
	return n == j-i && kind == "country" && (n > 1 || !nlp.LooksVietnamese(r.toks[i].Text))
}

// unitBreak returns the first token of [i+1, j) that starts a lowercase
// word no unit's name holds (mergeClause), i if none.
func (r *run) unitBreak(i, j int) int {
	for k := i + 1; k < j; k++ {
		if r.up(k) || !r.wordStart(k) {
			continue
		}
		for n := 1; n <= 2 && k+n <= j; n++ {
			if r.lex.unitBreaks[r.keys.span(k, k+n)] && r.wordEndAt(k+n-1) == k+n {
				return k
			}
		}
	}
	return i
}

// nickname reports whether the quoted words of tokens [a, b) (marks
// included), right after a name, are a nickname: punctuation follows them,
// the article quotes them again, or they are a nickname's trait ("trọc");
// words quoted once after a name and followed by more words are more often
// the writer's scare quotes ('Sáu “lo” giúp hồ sơ').
func (r *run) nickname(a, b int) bool {
	if b >= len(r.toks) || r.toks[b].Kind == nlp.KindPunct {
		return true // "Vương “lợn”, sinh năm ...", "(Hải “gió”)"
	}
	if !r.quoted {
		r.indexQuoted()
		r.quoted = true
	}
	k := r.keys.span(a+1, b-1)
	return r.scratch.quoted[k] >= 2 || b-a == 3 && r.lex.nicknameTraits[k]
}

// indexQuoted counts, in r.scratch.quoted, the article's phrases of one
// or two words between quotation marks, by their keys (mergeQuoted).
func (r *run) indexQuoted() {
	m := r.scratch.quoted
	if m == nil {
		m = map[string]int{}
		r.scratch.quoted = m
	}
	clear(m)
	for k := range r.toks {
		if !isOpeningQuote(r.toks[k].Text) {
			continue
		}
		for n := 1; n <= 2 && k+n+1 < len(r.toks); n++ {
			if isClosingQuote(r.toks[k+n+1].Text) {
				m[r.keys.span(k+1, k+n+1)]++
				break
			}
		}
	}
}

// givenEnd is where the PERSON mentions of two words or more that end
// with one word end: at token end, or at several tokens (other).
type givenEnd struct {
	end   int
	other bool
}

// indexGivenNames indexes, in r.scratch.givenEnds, the last words of the
// PERSON mentions of two words or more, the tagger's (spans) and the
// rules': given names said alone elsewhere are those people
// (mergeHeadAlone).
func (r *run) indexGivenNames(spans []Entity) {
	m := r.scratch.givenEnds
	if m == nil {
		m = map[string]givenEnd{}
		r.scratch.givenEnds = m
	}
	clear(m)
	add := func(e *Entity) {
		if e.Type != Person || e.tokEnd-e.tokStart < 2 {
			return
		}
		k, end := r.key(e.tokEnd-1), e.tokEnd-1
		if g, ok := m[k]; ok {
			m[k] = givenEnd{g.end, g.other || g.end != end}
			return
		}
		m[k] = givenEnd{end: end}
	}
	for i := range spans {
		add(&spans[i])
	}
	for i := range r.ents {
		add(&r.ents[i])
	}
}

// bareHead reports whether tokens [i, j) are exactly a unit head of the
// lexicon that needs a name after it (mergeBareHead).
func (r *run) bareHead(i, j int) bool {
	n, info := r.lex.units.longest(r.keys, i, j)
	return n == j-i && info.role == unitHead
}

func mark(m []bool, i, j int) {
	for k := i; k < j; k++ {
		m[k] = true
	}
}

func overlapsMark(m []bool, i, j int) bool {
	for k := i; k < j; k++ {
		if m[k] {
			return true
		}
	}
	return false
}

// bracketed returns the tokens of [i, j) that a name keeps (mergeBrackets):
// a closing bracket first is dropped, the span ends before any other
// unmatched bracket, before a dash followed by a rank, and never on a dash,
// comma or opening bracket.
func (r *run) bracketed(i, j int) (int, int) {
	for i < j && isCloser(r.toks[i].Text) {
		i++
	}
	depth, open := 0, -1
	for k := i; k < j; k++ {
		switch t := r.toks[k].Text; {
		case isOpener(t):
			if depth == 0 {
				open = k
			}
			depth++
		case isCloser(t):
			if depth == 0 {
				j = k
			} else {
				depth--
			}
		case isDash(t) && k+1 < j && r.rankAt(k+1):
			j = k
		}
	}
	if depth > 0 {
		j = open
	}
	for j > i && (isDash(r.toks[j-1].Text) || r.toks[j-1].Text == "," || isOpener(r.toks[j-1].Text)) {
		j--
	}
	// Nor on a quotation mark that closes nothing inside it ('Obama "').
	if j > i && isQuoteMark(r.toks[j-1].Text) {
		quotes := 0
		for k := i; k < j; k++ {
			if isQuoteMark(r.toks[k].Text) {
				quotes++
			}
		}
		if quotes%2 == 1 {
			j--
		}
	}
	return i, j
}

func isQuoteMark(s string) bool { return isOpeningQuote(s) || isClosingQuote(s) }

// holdsService reports a rule unit r.ents[i] holding a capitalized service
// the lexicon knows ("Ngân hàng Quân đội"): see fills.
func (r *run) holdsService(i int) bool {
	e := &r.ents[i]
	a, b := e.tokStart, e.tokEnd
	for k := a; k < b; k++ {
		if n, info := r.lex.units.longest(r.keys, k, b); n > 0 && info.role == unitService && r.up(k) {
			return true
		}
	}
	// A civil body named after a military one: "Ngân hàng Quân đội".
	if n, info := r.lex.units.longest(r.keys, a, b); n > 0 && info.role == unitHead && info.kind == "other" && a+n < b && r.up(a+n) {
		if m, _ := r.lex.units.longest(r.keys, a+n, b); a+n+m == b {
			return true
		}
	}
	return false
}

// lowerTail reports tokens [i, j) that are all lowercase words.
func (r *run) lowerTail(i, j int) bool {
	for k := i; k < j; k++ {
		if r.toks[k].Kind != nlp.KindWord || r.up(k) {
			return false
		}
	}
	return i < j
}

// abroad returns the end of unit [i, j) run on through "tại"/"ở" and a
// place, when the unit ends with a country the lexicon knows; j if not.
func (r *run) abroad(i, j, hi int) int {
	if j+1 >= hi || (r.key(j) != kTai && r.key(j) != kO) || !r.up(j+1) {
		return j
	}
	country := false
	for k := i + 1; k < j; k++ {
		if m, kind := r.lex.locations.longest(r.keys, k, j); k+m == j && kind == "country" {
			country = true
			break
		}
	}
	if !country {
		return j
	}
	if m, _ := r.lex.locations.longest(r.keys, j+1, hi); m > 0 {
		return j + 1 + m
	}
	return j
}

// inPost reports a token inside a rule post, not its first, that starts no
// unit head of the lexicon (see mergeInPost).
func (r *run) inPost(i, hi int) bool {
	if i == 0 || r.owns(i) != Position || r.owns(i-1) != Position {
		return false
	}
	n, info := r.lex.units.longest(r.keys, i, hi)
	return n == 0 || info.role != unitHead && info.role != unitAbbrHead
}

// holdsRule reports a rule mention of type t inside span s.
func (r *run) holdsRule(s Entity, t Type) bool {
	for i := range r.ents {
		if e := &r.ents[i]; e.Type == t && e.tokStart >= s.tokStart && e.tokEnd <= s.tokEnd {
			return true
		}
	}
	return false
}

// armEnd returns the end of the arm and calibre words written after a
// unit's designator ending at token j (the lexicon's "arm" and "calibre"
// words, in lowercase), j if there are none.
func (r *run) armEnd(j, hi int) int {
	if !r.isDesignator(j - 1) {
		return j
	}
	if j < hi && !r.up(j) && r.lex.calibres[r.key(j)] {
		j++
	}
	for j < hi && !r.up(j) {
		n := 0
		for m := min(3, hi-j); m > 0; m-- {
			if r.lex.arms[r.keys.span(j, j+m)] {
				n = m
				break
			}
		}
		if n == 0 {
			break
		}
		j += n
	}
	return j
}

// armTails runs each unit of ents on over the arm words after its
// designator (mergeArm), where no other mention starts. ents are in text
// order.
func (r *run) armTails(ents []Entity) {
	for i := range ents {
		e := &ents[i]
		if e.Type != Unit {
			continue
		}
		_, hi := r.bounds(e.Sentence)
		j := r.armEnd(e.tokEnd, hi)
		if j == e.tokEnd {
			continue
		}
		for k := i + 1; k < len(ents) && ents[k].tokStart < j; k++ {
			if ents[k].tokEnd > e.tokEnd {
				j = min(j, ents[k].tokStart)
			}
		}
		if j > e.tokEnd && r.armEnd(e.tokEnd, j) == j {
			*e = r.respan(*e, e.tokStart, j)
			e.Canonical = r.unitCanonical(e.tokStart, j)
		}
	}
}

// sameMentions returns ents with a mention added wherever the words of a
// UNIT mention that is an acronym in capitals or has several words, or of
// a PERSON mention of several words, stand again in the article outside
// every mention, with neither a capitalized word nor a designator right
// before or after them (mergeSame): always for an acronym, for other words
// when they are mentions at least as often as not, and never where the
// words name no body (mergeNoBody: "luật Tổ chức Quốc hội"). ents are in
// text order; so is the result.
func (r *run) sameMentions(ents []Entity, rules mergeSet) []Entity {
	sc := &r.scratch.same
	if sc.first == nil {
		sc.first, sc.lens, sc.count = map[string]int{}, map[string]uint16{}, map[int][2]int{}
	}
	clear(sc.first)
	clear(sc.lens)
	clear(sc.count)
	first := sc.first // key of the words → the first such mention (index+1)
	for i := range ents {
		e := &ents[i]
		if e.Type != Unit && e.Type != Person {
			continue
		}
		n := e.tokEnd - e.tokStart
		if n == 1 && (e.Type == Person || !r.toks[e.tokStart].IsAllUpper() || len(r.toks[e.tokStart].Text) < 2) {
			continue
		}
		if k := r.keys.span(e.tokStart, e.tokEnd); first[k] == 0 {
			first[k] = i + 1
		}
	}
	if len(first) == 0 {
		return ents
	}
	lens := sc.lens // key of the first word → the lengths (bits) of the keys it starts
	for _, i := range first {
		e := &ents[i-1]
		lens[r.key(e.tokStart)] |= 1 << min(e.tokEnd-e.tokStart, 15)
	}
	covered, free := r.coveredBy(ents, sc)
	// The places where the words stand again, alone; each key's count of
	// them and of its mentions.
	places := sc.places[:0]
	defer func() { sc.places = places[:0] }()
	count := sc.count // first → mentions, places
	for i := range ents {
		if e := &ents[i]; e.Type == Unit || e.Type == Person {
			if f := first[r.keys.span(e.tokStart, e.tokEnd)]; f != 0 && ents[f-1].Type == e.Type {
				c := count[f]
				c[0]++
				count[f] = c
			}
		}
	}
	for si := range r.doc.Sentences {
		lo, hi := r.bounds(si)
		for i := lo; i < hi; i++ {
			bits := lens[r.key(i)]
			if bits == 0 || covered[i] {
				continue
			}
			for n := min(15, hi-i); n > 0; n-- {
				if bits&(1<<n) == 0 || overlapsMark(covered, i, i+n) {
					continue
				}
				f := first[r.keys.span(i, i+n)]
				if f == 0 || (i > lo && !free(i-1)) || !free(i+n) && i+n < hi {
					continue
				}
				places = append(places, samePlace{i, n, si, f})
				c := count[f]
				c[1]++
				count[f] = c
				i += n - 1
				break
			}
		}
	}
	added := false
	for _, p := range places {
		src := &ents[p.f-1]
		if rules&mergeNoBody != 0 && src.Type == Unit && r.noBody(p.i, p.i+p.n, r.doc.Sentences[p.si].TokStart) {
			continue // "luật Tổ chức Quốc hội"
		}
		// An acronym names one body all through an article; other words
		// are taken again only where the article has them as mentions at
		// least as often as not ("Truông Bồn" found once as a name and
		// seven times not is a place).
		if c := count[p.f]; c[0] < c[1] && !(src.Type == Unit && src.tokEnd == src.tokStart+1) {
			continue
		}
		e := r.respan(*src, p.i, p.i+p.n)
		e.Sentence, e.Ref = p.si, ""
		ents = append(ents, e)
		added = true
	}
	if added {
		slices.SortStableFunc(ents, byStartLongest)
	}
	return ents
}

// oneWordName reports a token that givenMentions takes, as a PERSON
// mention by itself, for a name to look for again: a capitalized word
// shaped like a Vietnamese syllable ("Tiến", not "OceanBank", "Grab" or
// "HĐTV").
func (r *run) oneWordName(k int) bool {
	t := &r.toks[k]
	return t.Kind == nlp.KindWord && ner.ShapeOf(t.Text, t.Kind) == ner.ShapeTitle && nlp.KeyLooksVietnamese(r.key(k))
}

// givenMentions adds the given names of the PERSON mentions of two words
// or more, and the one-word PERSON mentions (oneWordName), where they
// stand again alone (mergeGiven): a capitalized token,
// a word of the segmenter's by itself and no name-stop word, outside every
// mention and after no blocker, whose neighbours are neither capitalized,
// nor in a mention, nor designators, and whose key is the last word of
// such a mention. A given name is taken where the article has PERSON
// mentions ending on it (the whole name or the given name alone) at least
// as often as such places: "Nam" written five times for the south beside one
// "Nguyễn Văn Nam" stays a word. ents are in text order; so is the result.
func (r *run) givenMentions(ents []Entity) []Entity {
	sc := &r.scratch.same
	if sc.given == nil {
		sc.given, sc.givenCount = map[string]int{}, map[string][2]int{}
	}
	first, count := sc.given, sc.givenCount // given name's key → first mention (index+1); mentions, places
	clear(first)
	clear(count)
	for i := range ents {
		if e := &ents[i]; e.Type == Person && (e.tokEnd-e.tokStart >= 2 || r.oneWordName(e.tokStart)) {
			if k := r.key(e.tokEnd - 1); first[k] == 0 {
				first[k] = i + 1
			}
		}
	}
	if len(first) == 0 {
		return ents
	}
	for i := range ents {
		if e := &ents[i]; e.Type == Person {
			if k := r.key(e.tokEnd - 1); first[k] != 0 {
				c := count[k]
				c[0]++
				count[k] = c
			}
		}
	}
	covered, free := r.coveredBy(ents, sc)
	places := sc.places[:0]
	defer func() { sc.places = places[:0] }()
	for si := range r.doc.Sentences {
		lo, hi := r.bounds(si)
		for i := lo; i < hi; i++ {
			if covered[i] || !r.up(i) || first[r.key(i)] == 0 || i > lo && !free(i-1) || i+1 < hi && !free(i+1) {
				continue
			}
			// A word of its own ("Công" of "Công an" is not), after no
			// blocker ("phố", "nông trường"), and no name-stop word
			// ("Trong" opening a sentence).
			if r.wordEndAt(i) != i+1 || i > 0 && r.wordEndAt(i-1) > i || r.blocked(i, lo) || r.lex.nameStops[r.key(i)] {
				continue
			}
			k := r.key(i)
			places = append(places, samePlace{i, 1, si, first[k]})
			c := count[k]
			c[1]++
			count[k] = c
		}
	}
	added := false
	for _, p := range places {
		if c := count[r.key(p.i)]; c[0] < c[1] {
			continue
		}
		e := r.respan(ents[p.f-1], p.i, p.i+1)
		e.Sentence, e.Ref, e.Role = p.si, "", ""
		ents = append(ents, e)
		added = true
	}
	if added {
		slices.SortStableFunc(ents, byStartLongest)
	}
	return ents
}

// quotedNickname returns the end of a nickname in quotation marks starting
// at token i (an opening mark, one or two words or numbers, the closing
// mark), or i.
func (r *run) quotedNickname(i, hi int) int {
	if i >= hi || !isOpeningQuote(r.toks[i].Text) {
		return i
	}
	for n := 1; n <= 2 && i+n < hi; n++ {
		t := &r.toks[i+n]
		if t.Kind != nlp.KindWord && t.Kind != nlp.KindNumber {
			return i
		}
		if i+n+1 < hi && isClosingQuote(r.toks[i+n+1].Text) {
			return i + n + 2
		}
	}
	return i
}

func isOpeningQuote(s string) bool { return s == "“" || s == "\"" }
func isClosingQuote(s string) bool { return s == "”" || s == "\"" }

// coveredBy marks the tokens of ents (in sc's array) and returns the marks
// and free: token t is outside the text, or outside every mention, not
// capitalized and no designator (sameMentions, givenMentions).
func (r *run) coveredBy(ents []Entity, sc *sameScratch) ([]bool, func(t int) bool) {
	covered := grow(sc.covered, len(r.toks))
	clear(covered)
	sc.covered = covered
	for i := range ents {
		mark(covered, ents[i].tokStart, ents[i].tokEnd)
	}
	return covered, func(t int) bool {
		return !r.in(t) || !covered[t] && !r.up(t) && !r.isDesignator(t)
	}
}

func isOpener(t string) bool { return t == "(" || t == "[" }
func isCloser(t string) bool { return t == ")" || t == "]" }

// rankAt reports a rule RANK mention starting at token k.
func (r *run) rankAt(k int) bool {
	n, _ := r.lex.ranks.longest(r.keys, k, len(r.toks))
	return n > 0 && r.up(k)
}

// respan returns s over tokens [i, j).
func (r *run) respan(s Entity, i, j int) Entity {
	s.tokStart, s.tokEnd = i, j
	s.Start, s.End = r.toks[i].Start, r.toks[j-1].End
	s.Text = r.doc.Text[s.Start:s.End]
	return s
}

// exact reports a rule PERSON or UNIT mention that one of rules finds
// exactly by construction.
func (r *run) exact(e *Entity, rules mergeSet) bool {
	i, j := e.tokStart, e.tokEnd
	switch e.Type {
	case Unit:
		if rules&mergeAbbr != 0 && r.exactAbbr(e) {
			return true
		}
		if rules&mergeCoord != 0 {
			for k := i + 1; k+1 < j; k++ {
				if r.toks[k].Text == "," && r.isDesignator(k-1) && r.isDesignator(k+1) {
					return true
				}
			}
		}
		if rules&mergeKnownUnit != 0 {
			n, info := r.lex.units.longest(r.keys, i, j)
			if n == j-i && r.up(i) && (info.role == unitName || info.role == unitService) {
				return true
			}
		}
	case Person:
		if rules&mergeNickname != 0 && j == i+2 && r.lex.birthOrder[r.key(i)] && r.lex.nicknameTraits[r.key(i+1)] {
			return true
		}
		if rules&mergeAlias != 0 {
			lo, hi := r.bounds(e.Sentence)
			at := i
			if at > lo && isOpeningQuote(r.toks[at-1].Text) {
				at--
			}
			if s, t, ok := r.aliasAt(at, lo, hi); ok && s == i && t == j {
				return true
			}
		}
		if rules&mergeHonorific != 0 && j == i+1 && i > 0 && r.up(i-1) && r.toks[i-1].Kind == nlp.KindWord &&
			(r.lex.capitalCues[r.key(i-1)] || r.lex.honorifics[r.key(i-1)]) && r.lex.surnames.has(r.keys, i, j) {
			return true
		}
	}
	return false
}

// fills reports a rule mention r.ents[i] that the tagger missed and that
// the rules find by construction (see mergeFill).
func (r *run) fills(i int) bool {
	e := &r.ents[i]
	a, b := e.tokStart, e.tokEnd
	switch e.Type {
	case Unit:
		if n, info := r.lex.units.longest(r.keys, a, b); n > 0 && info.role == unitHead && a+n < b && r.isDesignator(a+n) {
			return true
		}
		if r.holdsService(i) {
			return true
		}
	case Person:
		if b-a < 2 || i == 0 {
			return false
		}
		// A foreign name may follow the post's country: "Đại sứ Nhật
		// Bản Sato Kenji".
		p, at := &r.ents[i-1], a
		foreign := !nlp.LooksVietnamese(r.toks[a].Text)
		if foreign && p.Type == Location && p.Kind == "country" && p.tokEnd == a && i > 1 {
			p, at = &r.ents[i-2], p.tokStart
		}
		return (p.Type == Rank || p.Type == Position) && p.tokEnd == at && (foreign || r.lex.surnames.has(r.keys, a, a+1))
	}
	return false
}

// afterLowerHead reports a lowercase unit head of the lexicon right before
// token i.
func (r *run) afterLowerHead(i, lo int) bool {
	for n := 1; n <= 2 && i-n >= lo; n++ {
		if m, info := r.lex.units.longest(r.keys, i-n, i); m == n && info.role == unitHead && !r.up(i-n) {
			return true
		}
	}
	return false
}
