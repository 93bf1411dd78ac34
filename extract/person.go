package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vnews/vnews/nlp"
)

var (
	kBac = nlp.Key("Bác")
	kHo  = nlp.Key("Hồ")
)

// cueStrength tells how strongly the words before a capitalized run make
// it a name.
type cueStrength uint8

const (
	noCue     cueStrength = iota
	weakCue               // a rank or a post: "Đại tá Lưu", but "Bộ trưởng Thông tin ..." is no name
	strongCue             // an address word: "ông Lưu", "anh Sáu Nam", "bà Bonnie Glaser"
)

// findPeople adds the PERSON entities of sentence si that have their own
// evidence: a known family name opening two to five capitalized syllables,
// or a cue before them (an address word, a rank, a post).
func (r *run) findPeople(si int) {
	lo, hi := r.bounds(si)
	for i := lo; i < hi; i++ {
		if r.owns(i) != "" || !r.isUpperWord(i) {
			continue
		}
		// An address word opening the run is not part of the name: "Ông Lê Văn Tám".
		if m, _ := r.lex.cues.longest(r.keys, i, hi); m > 0 && i+m < hi && r.isUpperWord(i+m) && !r.lex.surnames.has(r.keys, i, i+1) {
			continue
		}
		j := r.nameRun(i, hi)
		if j == i {
			continue
		}
		surname := r.lex.surnames.has(r.keys, i, i+1)
		// "Học viện", "Bộ Tư lệnh" after a post start a unit, not a name.
		if !surname && r.startsUnit(i, hi) {
			continue
		}
		cue := r.cueBefore(i, lo)
		// "phố Lê Lợi", "tàu Trường Sa", and "Đường Hồ Chí Minh" itself.
		if r.blocked(i, lo) || cue == noCue && r.lex.blockers.has(r.keys, i, i+1) {
			i = j - 1
			continue
		}
		// "Hà Nội", "Lâm Đồng", "Mỹ": a place, though it starts like a name;
		// but "Chủ tịch Hồ Chí Minh" is a person. After a post, a country
		// may come before the name: "Bộ trưởng Ngoại giao Na Uy Erik Sundby".
		if m, kind := r.lex.locations.longest(r.keys, i, j); m > 0 {
			if kind == "country" && cue != noCue && j-(i+m) >= 2 {
				i += m - 1
				continue
			}
			// A country, province or city of two words is never a name,
			// even with a surname first: "Thủ tướng Thái Lan", "Chủ tịch Hà
			// Nội" (but "Chủ tịch Hồ Chí Minh" is a person).
			if (kind == "country" && m > 1 || (kind == "province" || kind == "city") && m == 2) && m == j-i {
				i += m - 1
				continue
			}
			if !(cue != noCue && surname) {
				i += m - 1
				continue
			}
		}
		// A name does not end in a country: "Hạ Lào", "Thượng Lào".
		if j-i == 2 && r.lex.locations.has(r.keys, j-1, j) && !r.lex.surnames.has(r.keys, j-1, j) {
			if _, kind := r.lex.locations.longest(r.keys, j-1, j); kind == "country" {
				i = j - 1
				continue
			}
		}
		// A nickname of birth order and a trait: "anh Út trọc", "ông Tư râu".
		if cue == strongCue && j == i+1 && r.lex.birthOrder[r.key(i)] && j < hi && r.adjacent(i) && r.lex.nicknameTraits[r.key(j)] && r.owns(j) == "" {
			j++
		}
		n := j - i
		switch {
		case cue == strongCue:
		case surname && n >= 2:
		case cue == weakCue && (surname || !nlp.LooksVietnamese(r.toks[i].Text) || n == 1 && r.givenNames[r.key(i)]):
		default:
			continue
		}
		if n > 5 {
			j = i + 5
		}
		e := r.add(Entity{Type: Person}, si, i, j)
		if cue != noCue && n == 1 && r.key(i) == kHo && i > lo && r.key(i-1) == kBac {
			e.Canonical = "Hồ Chí Minh"
		}
		if j-i >= 2 {
			// Its given name may stand alone later: "Lưu" after "Nguyễn Đình Lưu".
			r.givenNames[r.key(j-1)] = true
		}
		i = j - 1
	}
}

// findAliases adds the aliases and nicknames that an alias cue introduces
// ("còn gọi là Sơn lùn", "biệt danh Khải “47”", "hay gọi là “Lộc cá mập”"):
// PERSONs, as entities.md has them, whatever their words.
func (r *run) findAliases(si int) {
	lo, hi := r.bounds(si)
	for i := lo + 1; i < hi; i++ {
		start, end, ok := r.aliasAt(i, lo, hi)
		if !ok {
			continue
		}
		free := true
		for k := start; k < end && free; k++ {
			free = r.owns(k) == ""
		}
		if free {
			r.add(Entity{Type: Person}, si, start, end)
			i = end - 1
		}
	}
}

// aliasAt returns the alias that starts at token i after an alias cue:
// capitalized words, then a nickname in quotation marks or one lowercase
// word before punctuation ("Sơn lùn,"); or the words inside quotation
// marks opening at i, without the marks.
func (r *run) aliasAt(i, lo, hi int) (start, end int, ok bool) {
	if i >= hi {
		return 0, 0, false
	}
	// The cheap test of token i first: most tokens start no alias.
	quoted := isOpeningQuote(r.toks[i].Text)
	if !quoted && !r.isUpperWord(i) || !r.afterAliasCue(i, lo) {
		return 0, 0, false
	}
	if quoted {
		j := i + 1
		for j < hi && j-i <= maxNameLen && r.toks[j].Kind == nlp.KindWord {
			j++
		}
		if j > i+1 && j < hi && isClosingQuote(r.toks[j].Text) && r.up(i+1) {
			return i + 1, j, true
		}
		return 0, 0, false
	}
	j := i + 1
	for j < hi && j-i < maxNameLen && r.isUpperWord(j) {
		j++
	}
	if k := r.quotedNickname(j, hi); k > j {
		return i, k, true
	}
	if j+1 < hi && r.toks[j].Kind == nlp.KindWord && !r.up(j) && !r.lex.nameStops[r.key(j)] && r.toks[j+1].Kind == nlp.KindPunct {
		return i, j + 1, true
	}
	return i, j, true
}

// afterAliasCue reports an alias cue (personwords.tsv) right before token i.
func (r *run) afterAliasCue(i, lo int) bool {
	for n := 1; n <= 4 && i-n >= lo; n++ {
		if r.lex.aliasCues[r.keys.span(i-n, i)] {
			return true
		}
	}
	return false
}

// maxNameLen bounds a name's syllables; runs are scanned no further, which
// keeps the work linear on text made of capitalized words.
const maxNameLen = 6

// nameRun returns the end of the run of free capitalized syllables starting
// at i (at most maxNameLen), stopping before a post, a unit or a function
// word ("... Hoàng Thùy Trong năm 2018").
func (r *run) nameRun(i, hi int) int {
	j := i
	for j < hi && j-i < maxNameLen && r.owns(j) == "" && (j == i || r.adjacent(j-1)) {
		// An initial inside a name ("John D. Alexander") or ending it
		// ("Nguyễn Văn T.", "Lê Văn Kh.": entities.md keeps the dot).
		initial := j > i && r.toks[j].Kind == nlp.KindAbbrev && initialAbbrev(r.toks[j].Text) && r.up(j)
		if !r.isUpperWord(j) && !initial {
			break
		}
		if j > i {
			// A stop word is still the given name after a family and a
			// middle name: "Nguyễn Văn Nên".
			if r.lex.nameStops[r.key(j)] && !(j == i+2 && r.lex.surnames.has(r.keys, i, i+1) && r.lex.middleNames[r.key(i+1)]) {
				break
			}
			if m, _ := r.lex.positions.longest(r.keys, j, hi); m > 0 {
				break
			}
			// A head inside a name ("Trần Đình Phòng", "Nguyễn Trường Thanh")
			// ends it only when a unit with a number or a longer head starts.
			if n, _ := r.lex.units.longest(r.keys, j, hi); n > 0 && r.up(j) {
				if end, _, ok := r.unitAt(j, j, hi, false); ok && (n > 1 || r.isDesignator(j+1) || end-j > 3) {
					break
				}
			}
		}
		j++
	}
	// A name ends in no other abbreviation.
	for j > i+1 && r.toks[j-1].Kind == nlp.KindAbbrev && !initialAbbrev(r.toks[j-1].Text) {
		j--
	}
	return j
}

// initialAbbrev reports a capital initial with its dot, as the tokenizer
// reads one ("T.", "Kh.", "Th.": nlp.IsInitial).
func initialAbbrev(s string) bool {
	body, ok := strings.CutSuffix(s, ".")
	r, _ := utf8.DecodeRuneInString(body)
	return ok && nlp.IsInitial(body) && unicode.IsUpper(r)
}

// blocked reports a name that names a place, street, ideology or thing:
// "phố Lê Lợi", "TP. Hồ Chí Minh", "tư tưởng Hồ Chí Minh".
// A blocker that ends a place's name is no blocker: "bản" (a hamlet) in
// "Đại sứ Nhật Bản Ito Naoki". A name after a house number is a street's
// ("số 40 Phan Chu Trinh", "số 12/5 Lý Thường Kiệt"), and so is the next
// name of a list of streets ("đường Phan Chu Trinh, Ngô Quyền", "ngã tư Lê
// Lai - Đinh Tiên Hoàng"): a name right after a comma, a dash or "và" is
// blocked when the first name of the list is a street's (looked back at
// most maxStreetList names); after "xã X," a name is no street's.
func (r *run) blocked(i, lo int) bool {
	if b, _ := r.blockedHere(i, lo); b {
		return true
	}
	for range maxStreetList {
		// The name before a separator right before i.
		if i-2 < lo || !(r.toks[i-1].Text == "," || isDash(r.toks[i-1].Text) || r.key(i-1) == kVa) || !r.isUpperWord(i-2) {
			return false
		}
		s := i - 2
		for s > lo && i-2-s < maxNameLen && r.isUpperWord(s-1) {
			s--
		}
		if b, street := r.blockedHere(s, lo); b {
			return street
		}
		i = s
	}
	return false
}

// maxStreetList bounds how far back blocked looks along a list of names.
const maxStreetList = 6

// blockedHere reports a blocker or an address's house number right before
// token i, and whether it makes the name a street's.
func (r *run) blockedHere(i, lo int) (blocked, street bool) {
	for n := 1; n <= r.lex.blockers.maxLen && i-n >= lo; n++ {
		// A blocker is a word of its own: "sách" blocks in "cuốn sách Lê
		// Lai", not in "ngân sách".
		if m, st := r.lex.blockers.longest(r.keys, i-n, i); m == n && r.wordStart(i-n) && !r.inPlace(i-n, i, lo) && !r.unitPlaceWord(i-n, i) {
			return true, st
		}
	}
	// A house number after "số", "tại" or "ở", or after a street word
	// ("ngõ 36C1 Lý Nam Đế").
	if i-2 >= lo && houseNumber(r.toks[i-1].Text) {
		if k := r.key(i - 2); k == kSo || k == kTai || k == kO {
			return true, true
		}
		if m, st := r.lex.blockers.longest(r.keys, i-2, i-1); m == 1 && st {
			return true, true
		}
	}
	return false, false
}

var kSo = nlp.Key("số")

// unitPlaceWord reports an administrative word [a, i) that ends a unit or
// follows one, standing for the article's place, before a person's full
// name: "Phó Chủ tịch UBND TP Lưu Văn Khải", "Chủ tịch UBND huyện Lê Thị
// Hoa" (a place named so is rare; a full name after a body is its member).
func (r *run) unitPlaceWord(a, i int) bool {
	if !r.lex.adminWords.has(r.keys, a, i) || !r.fullNameAt(i) {
		return false
	}
	if r.owns(a) == Unit || a > 0 && r.owns(a-1) == Unit {
		return true
	}
	// After a bare head, which is no unit by itself: "UBND tỉnh".
	for n := 1; n <= 3 && a-n >= 0; n++ {
		if m, info := r.lex.units.longest(r.keys, a-n, a); m == n && (info.role == unitHead || info.role == unitAbbrHead) {
			return true
		}
	}
	return false
}

// houseNumber reports a house number: digits, maybe with a slash or a
// letter ("85", "5/347", "12A").
func houseNumber(s string) bool {
	if s == "" || !isASCIIDigit(s[0]) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isASCIIDigit(c) && c != '/' && !('A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

func isASCIIDigit(c byte) bool { return '0' <= c && c <= '9' }

// inPlace reports whether tokens [k, i) end a longer place name the lexicon
// knows.
func (r *run) inPlace(k, i, lo int) bool {
	for m := i - k + 1; m <= 4 && i-m >= lo; m++ {
		if r.lex.locations.has(r.keys, i-m, i) {
			return true
		}
	}
	return false
}

// cueBefore returns the strength of the cue before the name at i: an
// address word ("ông", "đồng chí"), or a rank or post, maybe with the
// post's unit or country between ("Bộ trưởng Quốc phòng Pháp Claire Dubois").
func (r *run) cueBefore(i, lo int) cueStrength {
	if i == lo {
		return noCue
	}
	// Skip back over a country or place: "Thủ tướng Lào Khamphet Sisouk".
	k := i
	for m := 1; m <= 4 && i-m >= lo; m++ {
		if r.lex.locations.has(r.keys, i-m, i) {
			k = i - m
		}
	}
	if k > lo {
		switch r.owns(k - 1) {
		case Rank, Position:
			return weakCue
		case Unit:
			// A post or rank and its unit or country: "Đại tá hải quân Úc Tom Barrow".
			if k < i {
				return weakCue
			}
			u := k - 1
			for u > lo && r.owns(u-1) == Unit {
				u--
			}
			if u > lo && (r.owns(u-1) == Rank || r.owns(u-1) == Position) {
				return weakCue
			}
		}
	}
	for n := 1; n <= 2 && i-n >= lo; n++ {
		if !r.lex.cues.has(r.keys, i-n, i) {
			continue
		}
		// A capitalized cue in mid-sentence is more likely a name or a
		// country ("Anh" is England), unless it follows punctuation.
		t := &r.toks[i-n]
		if t.IsUpper() && i-n > lo && !r.lex.capitalCues[r.keys.span(i-n, i)] && r.toks[i-n-1].Kind != nlp.KindPunct &&
			!(r.lex.honorifics[r.keys.span(i-n, i)] && i+1 < len(r.toks) && r.isUpperWord(i+1)) {
			continue
		}
		if r.lex.occupationCues[r.keys.span(i-n, i)] {
			return weakCue
		}
		return strongCue
	}
	return noCue
}

// upperPrefix counts the capital letters a token starts with ("TTXVN-Hà"
// has 3).
func upperPrefix(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsUpper(r) {
			break
		}
		n++
	}
	return n
}

// findShortMentions adds later mentions of a known person by given name
// alone: "Lưu" after "Nguyễn Đình Lưu".
func (r *run) findShortMentions(si int) {
	if len(r.givenNames) == 0 {
		return
	}
	lo, hi := r.bounds(si)
	for i := lo; i < hi; i++ {
		if r.owns(i) != "" || !r.isUpperWord(i) {
			continue
		}
		if i > lo && r.isUpperWord(i-1) && r.adjacent(i-1) || i+1 < hi && r.isUpperWord(i+1) && r.adjacent(i) {
			continue
		}
		k := r.key(i)
		if r.lex.notGivenAlone[k] || r.blocked(i, lo) || r.lex.locations.has(r.keys, i, i+1) {
			continue
		}
		if r.givenNames[k] {
			r.add(Entity{Type: Person}, si, i, i+1)
		}
	}
}

// findBylinePeople adds the authors of a byline ("Minh Khuê - Đức Toàn -
// Hải Yến", "Quốc Bảo/TTXVN") and photographers credited in captions
// ("Ảnh: Hoàng Thùy") as PERSONs with their role.
func (r *run) findBylinePeople() {
	d := r.doc
	if !d.Author.IsZero() {
		si := d.SentenceAt(d.Author.Start)
		i, _ := r.tokenRange(d.Author.Start, d.Author.End)
		_, hi := r.tokenRange(d.Byline.Start, d.Byline.End)
		for si >= 0 && i < hi {
			j := i
			for j < hi && j-i < 5 && r.isUpperWord(j) && r.owns(j) == "" {
				j++
			}
			if j > i && !(j-i == 1 && r.toks[i].IsAllUpper()) {
				r.add(Entity{Type: Person, Role: "author"}, si, i, j)
			}
			// Authors are separated by dashes, slashes, commas or "và";
			// anything else (an agency in parentheses) ends the list, and so
			// does an agency after a slash ("Quốc Bảo/TTXVN-Ban Thời sự").
			if j >= hi || !(isDash(r.toks[j].Text) || r.toks[j].Text == "/" || r.toks[j].Text == "," || r.key(j) == kVa) {
				break
			}
			if j+1 < hi && r.toks[j].Text == "/" && upperPrefix(r.toks[j+1].Text) >= 2 {
				break
			}
			i = j + 1
		}
	}
	for si, s := range d.Sentences {
		if s.Role != nlp.RoleCaption {
			continue
		}
		text := d.Text[s.Start:s.End]
		k := indexFold(text, "ảnh:")
		if k < 0 {
			continue
		}
		i, _ := r.tokenRange(s.Start+k+len("ảnh:"), s.End)
		if i >= s.TokEnd {
			continue
		}
		for i < s.TokEnd && !r.isWord(i) {
			i++
		}
		j := r.nameRun(i, s.TokEnd)
		if j > i && j-i <= 5 && r.free(i, j) {
			r.add(Entity{Type: Person, Role: "photographer"}, si, i, j)
		}
	}
}

// indexFold returns the byte index of the first match of sub in s under
// Unicode case folding where the match has the length of sub ("Ảnh:",
// "ẢNH:" for "ảnh:"), -1 if none; no lowered copy of s is made.
func indexFold(s, sub string) int {
	if sub == "" {
		return 0
	}
	// A last byte that is ASCII but no letter folds to itself alone ("ảnh:"
	// ends with ':'): a match has it at its end.
	last := sub[len(sub)-1]
	fixedLast := last < utf8.RuneSelf && !('a' <= last|0x20 && last|0x20 <= 'z')
	for i := 0; i+len(sub) <= len(s); i++ {
		if fixedLast && s[i+len(sub)-1] != last {
			continue
		}
		c, d := s[i], sub[0]
		// A cheap test of the first byte: equal, equal ASCII letters
		// but for case, or both starting a multi-byte letter.
		if (c == d || c < utf8.RuneSelf && c|0x20 == d|0x20 || c >= utf8.RuneSelf && d >= utf8.RuneSelf) && strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// tokenRange returns the tokens inside byte range [start, end).
func (r *run) tokenRange(start, end int) (int, int) {
	i := lowerBound(r.toks, start)
	j := i
	for j < len(r.toks) && r.toks[j].End <= end {
		j++
	}
	return i, j
}

func lowerBound(toks []nlp.Token, off int) int {
	lo, hi := 0, len(toks)
	for lo < hi {
		m := (lo + hi) / 2
		if toks[m].Start < off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}
