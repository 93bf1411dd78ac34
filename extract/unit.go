package extract

import (
	"strings"

	"github.com/vnews/vnews/nlp"
)

var (
	kTruong = nlp.Key("trưởng")
	kTai    = nlp.Key("tại")
	kO      = nlp.Key("ở")
	kPho    = nlp.Key("phó")
	// "Vùng 5 hải quân": the navy's regions name their service after the
	// number, in either case.
	kVung    = nlp.Key("vùng")
	kHaiQuan = nlp.Key("hải quân")
	kVa      = nlp.Key("và")
	kVe      = nlp.Key("về")
	kBo      = nlp.Key("bộ")
	kTP      = nlp.Key("TP")
	kCanCu   = nlp.Key("căn cứ")
	kCua     = nlp.Key("của")
	kCac     = nlp.Key("các")
)

// findUnits adds the UNIT entities of sentence si, and the acronyms an
// article defines for them: "Quỹ Nhi đồng Liên Hợp Quốc (UNICEF)".
func (r *run) findUnits(si int) {
	lo, hi := r.bounds(si)
	for i := lo; i < hi; i++ {
		if r.owns(i) != "" {
			continue
		}
		end, info, ok := r.unitAt(i, lo, hi, false)
		if ok && i > lo && (r.lex.mediaWords[r.key(i-1)] || i-2 >= lo && (r.lex.mediaWords[r.keys.span(i-2, i)] || r.lex.awardWords[r.keys.span(i-2, i)] ||
			// "căn cứ không quân Clark": an air base is a place.
			r.keys.span(i-2, i) == kCanCu && !r.up(i))) {
			// "báo Quân đội nhân dân": a newspaper, not the army.
			i = end - 1
			continue
		}
		if ok && r.noBody(i, end, lo) {
			i = end - 1
			continue
		}
		if !ok {
			if end, ok = r.firmAt(i, lo, hi); !ok {
				continue
			}
			info = unitInfo{kind: "other"}
			i = end - r.firmLen
		}
		c := r.unitCanonical(i, end)
		r.add(Entity{Type: Unit, Kind: info.kind, Canonical: c}, si, i, end)
		r.rememberUnit(c)
		if a := r.acronymAfter(end, hi); a > 0 && !r.startsUnit(a, hi) {
			r.acronyms[r.key(a)] = unitInfo{kind: info.kind, canonical: c}
			r.add(Entity{Type: Unit, Kind: info.kind, Canonical: c}, si, a, a+1)
			end = a + 1
		}
		i = end - 1
	}
}

// acronymAfter returns the index of an acronym in parentheses right after a
// unit ending at end ("(UNHCR)", "(C03)"), or 0.
func (r *run) acronymAfter(end, hi int) int {
	if end+2 >= hi || r.toks[end].Text != "(" || r.toks[end+2].Text != ")" {
		return 0
	}
	t := &r.toks[end+1]
	if (t.Kind == nlp.KindWord || t.Kind == nlp.KindCode) && t.IsAllUpper() && len(t.Text) >= 2 && len(t.Text) <= 10 && r.owns(end+1) == "" {
		return end + 1
	}
	return 0
}

// findAcronyms adds later mentions of the acronyms the article defined.
func (r *run) findAcronyms(si int) {
	if len(r.acronyms) == 0 {
		return
	}
	lo, hi := r.bounds(si)
	for i := lo; i < hi; i++ {
		if r.owns(i) != "" || !r.toks[i].IsAllUpper() {
			continue
		}
		if u, ok := r.acronyms[r.key(i)]; ok {
			r.add(Entity{Type: Unit, Kind: u.kind, Canonical: u.canonical}, si, i, i+1)
		}
	}
}

// firmAt finds a firm's name after a firm head at i; r.firmLen is set to the
// name's length.
func (r *run) firmAt(i, lo, hi int) (int, bool) {
	if r.keys.starts[i]&setFirmHeads == 0 || r.up(i) || i+1 >= hi || !r.adjacent(i) {
		return 0, false
	}
	j := i + 1
	for j < hi && j-i <= 3 && r.up(j) && r.toks[j].Kind != nlp.KindPunct && r.owns(j) == "" && r.adjacent(j-1) {
		j++
	}
	if j == i+1 {
		return 0, false
	}
	r.firmLen = j - (i + 1)
	return j, true
}

// unitAt returns the end of a unit mention starting at token i, with the
// info of its head. inChain is set when the unit continues a chain.
func (r *run) unitAt(i, lo, hi int, inChain bool) (int, unitInfo, bool) {
	n, info := r.lex.units.longest(r.keys, i, hi)
	if n == 0 || info.role == unitBlocker || !r.free(i, i+n) {
		return 0, info, false
	}
	first := &r.toks[i]
	upper := first.IsUpper()
	abbr := info.role == unitAbbr || info.role == unitAbbrHead
	if abbr && n == 1 && !first.IsAllUpper() {
		return 0, info, false // "is" is not IS
	}
	// A lowercase "bộ" is a set ("bộ SGK") unless a known ministry follows,
	// in full or abbreviated ("bộ TTTT").
	lowerAbbr := abbr && n > 1 && r.toks[i+n-1].IsAllUpper()
	if !upper && (inChain && !r.knownLowerName(i, hi) || r.lowerGeneric(i, i+n, hi) || abbr && !lowerAbbr || n == 1 && r.key(i) == kBo) {
		return 0, info, false
	}
	// The head must be a word of its own: "Hội nghị", "Trường hợp" are not
	// heads, nor "trường" in "chiến trường" or "phòng" in "Quốc phòng", but
	// a post may run into its unit: "Trưởng phòng Khoa học quân sự".
	if r.wordEndAt(i+n-1) > i+n && r.toks[i+n].Kind == nlp.KindWord && !r.up(i+n) && !r.lex.nameWords.has(r.keys, i+n, min(r.wordEndAt(i+n-1), hi)) {
		if m, _ := r.lex.nameWords.longest(r.keys, i+n, hi); m == 0 {
			return 0, info, false
		}
	}
	if !upper && i > lo && r.wordEndAt(i-1) > i && r.adjacent(i-1) && !r.lex.positions.has(r.keys, i-1, i+1) {
		return 0, info, false
	}
	// A one-word head inside a person's name: "Nguyễn Trường Thanh", "Trần
	// Đình Phòng".
	if n == 1 && !inChain && r.insideName(i, lo) {
		return 0, info, false
	}
	// A place that starts like a head: "Trường Sơn", "Trường Sa".
	if m, _ := r.lex.locations.longest(r.keys, i, hi); m > n {
		return 0, info, false
	}
	// A post made of a head and "trưởng" or "phó" ("Sư đoàn trưởng", "Phi
	// đội phó", "Bộ trưởng") is no unit.
	if m, _ := r.lex.positions.longest(r.keys, i, hi); m > n {
		return 0, info, false
	}
	if i+n < hi && (r.key(i+n) == kTruong || r.key(i+n) == kPho) && !r.up(i+n) {
		return 0, info, false
	}
	// A known name in lowercase ("chính phủ") is a head: it needs a name
	// ("chính phủ Mỹ"); "chính phủ" alone is generic.
	capital := false
	for k := i; k < i+n; k++ {
		capital = capital || r.up(k)
	}
	known := capital && (info.role == unitName || info.role == unitAbbr || info.role == unitService)
	st := nameState{hasName: known, complete: known, lower: !upper, company: info.kind == "other", generic: r.lex.genericHeads[r.keys.span(i, i+n)]}
	j := r.unitName(i+n, lo, hi, &st)
	if !st.hasName {
		return 0, info, false
	}
	if st.designated && n == 1 && r.key(i) == kVung && j+2 <= hi && r.adjacent(j-1) && r.keys.span(j, j+2) == kHaiQuan {
		j += 2
	}
	// A unit followed directly by its parent units is one mention.
	for j < hi && r.adjacent(j-1) {
		k := j
		if isDash(r.toks[k].Text) && k+1 < hi {
			k++
		}
		if !r.up(k) && !r.knownLowerName(k, hi) {
			break
		}
		end, _, ok := r.unitAt(k, lo, hi, true)
		if !ok {
			break
		}
		j = end
	}
	return j, info, true
}

// headLen returns the length of the unit head or name at j, or 0.
func (r *run) headLen(j, hi int) int {
	n, _ := r.lex.units.longest(r.keys, j, hi)
	return n
}

// knownLowerName reports a known multi-word name written in lowercase at k,
// which may continue a chain: "công ty Hòa Phong - bộ Quốc phòng".
func (r *run) knownLowerName(k, hi int) bool {
	n, info := r.lex.units.longest(r.keys, k, hi)
	if n < 2 || info.role != unitName || !r.isWord(k) {
		return false
	}
	for i := k + 1; i < k+n; i++ {
		if r.up(i) {
			return true
		}
	}
	return false
}

// companyWordAt returns the length of a company descriptor at j ("cổ phần",
// "đầu tư"), or 0.
func (r *run) companyWordAt(j, hi int) int {
	m, _ := r.lex.companyWords.longest(r.keys, j, hi)
	return m
}

// nameState is what a unit's name holds so far.
type nameState struct {
	hasName    bool // a name, number or place follows the head
	designated bool // it ends with a designator ("Sư đoàn 308")
	complete   bool // the head is a complete known name: no lowercase words may follow
	afterPlace bool // the last part is a place: only places and parents may follow
	lower      bool // the head is in lowercase ("các quân khu 5, 7, 9")
	company    bool // a company or civil body: longer lowercase descriptors
	described  bool // lowercase descriptors came last ("Công ty cổ phần đầu tư")
	country    bool // the last part is a country
	generic    bool // the head is a generic word ("Lực lượng", "Đoàn"): lowercase words name nothing
}

// unitName returns the end of the name part of a unit that starts at token
// j (after the head): designators, capitalized words, the lowercase words
// of official names, places.
func (r *run) unitName(j, lo, hi int, st *nameState) int {
	start := j
	for j < hi {
		if j > lo && !r.adjacent(j-1) {
			break
		}
		t := &r.toks[j]
		if t.IsUpper() {
			// A place, unless a unit starts there ("Trường Sơn" is a place
			// though "Trường" is a head).
			if m, kind := r.lex.locations.longest(r.keys, j, hi); m > 0 && (!r.startsUnit(j, hi) || r.headLen(j, hi) < m) {
				j += m
				st.hasName, st.afterPlace, st.country = true, true, kind == "country"
				continue
			}
		}
		// "Tổng lãnh sự quán Nhật tại Đà Nẵng", "Đội công binh Việt Nam tại
		// Nam Sudan": a country's body abroad; but "Hạm đội Đại Tây Dương
		// tại Norfolk" is where the fleet is.
		if st.country && (r.key(j) == kTai || r.key(j) == kO) && j+1 < hi && r.up(j+1) {
			if m, _ := r.lex.locations.longest(r.keys, j+1, hi); m > 0 {
				j += 1 + m
				continue
			}
		}
		switch {
		case r.isDesignator(j):
			if st.designated || st.afterPlace {
				return j
			}
			j++
			st.hasName, st.designated = true, true
			// Coordinated designators: "các quân khu 5, 7, 9".
			for st.lower && j+1 < hi && r.toks[j].Text == "," && r.isDesignator(j+1) {
				j += 2
			}
		case r.key(j) == kTP && st.hasName && !st.afterPlace && !(j+1 < hi && r.isUpperWord(j+1)):
			// "Bộ đội Biên phòng TP", "Công an TP": the article's city.
			return j + 1
		case t.Kind == nlp.KindWord && t.IsUpper() && st.company && !st.complete && !st.afterPlace && !st.designated && r.companyWordAt(j, hi) > 0:
			// "công ty Cổ phần Hòa Phong": a capitalized descriptor.
			j += r.companyWordAt(j, hi)
			st.hasName, st.described = true, true
		case t.Kind == nlp.KindWord && t.IsUpper():
			// A company's descriptors lead to its brand, which may look like
			// a person's name: "Công ty cổ phần đầu tư Hòa Phong".
			if r.stopsUnit(j, hi, st.hasName && !(st.company && st.described)) {
				return j
			}
			if r.startsUnit(j, hi) {
				if st.hasName {
					return j // a chain: the caller continues it
				}
				// A head right after a head: the name, if it is a unit of its
				// own ("Ban Thường vụ Huyện ủy Ba Vì"); else there is no name.
				end, _, ok := r.unitAt(j, lo, hi, true)
				if ok {
					j = end
					st.hasName, st.complete = true, true
					continue
				}
				// A civil body may be named after one: "Ngân hàng Quân đội".
				if !st.company {
					return j
				}
			}
			if st.complete || st.afterPlace || st.designated {
				return j
			}
			// A capitalized syllable opens a word of the name: "Thủ đô", "Hậu
			// cần", "Cứu nạn"; a head inside that word starts a parent unit
			// ("Hòa Phong Bộ Q. P" segmented as one word).
			end := max(j+1, min(r.wordEndAt(j), hi))
			if m, _ := r.lex.nameWords.longest(r.keys, j, hi); j+m > end {
				end = j + m
			}
			k := j + 1
			for k < end && !r.startsUnit(k, hi) {
				k++
			}
			j = k
			st.hasName, st.described = true, false
		case t.Kind == nlp.KindWord:
			// A person's full name after the word is no place: "UBND tỉnh
			// Lưu Văn Khải" names the province's committee and its member.
			if m, _ := r.lex.adminWords.longest(r.keys, j, hi); m > 0 && j+m < hi && r.isUpperWord(j+m) && !r.fullNameAt(j+m) {
				j += m
				st.afterPlace, st.complete = false, false
				continue
			}
			if st.complete || st.afterPlace || st.designated {
				return j
			}
			// Lowercase words of an official name: "Khoa học quân sự", "Cục tác
			// chiến". After a lowercase head they name nothing by themselves:
			// "lực lượng gìn giữ hòa bình" is generic.
			m, _ := r.lex.nameWords.longest(r.keys, j, hi)
			if m == 0 && st.company {
				m, _ = r.lex.companyWords.longest(r.keys, j, hi)
			}
			if m > 0 {
				j += m
				st.described = true
				if !st.lower && !st.generic {
					st.hasName = true
				}
				continue
			}
			// "Phòng Cảnh sát phòng chống tội phạm về ma túy (PC04)": a long
			// name vouched for by its acronym.
			if r.key(j) == kVe && st.hasName {
				if k := r.wordsToAcronym(j, hi); k > j {
					return k
				}
			}
			if r.key(j) == kVa && st.hasName && j+1 < hi && r.isUpperWord(j+1) && !r.startsUnit(j+1, hi) && !r.stopsUnit(j+1, hi, true) {
				j++
				continue
			}
			if !st.hasName && j == start {
				if k := r.lowercaseRun(j, hi, st.company, st.lower); k > j {
					if r.toks[k].Text == "(" {
						// Vouched for by the acronym that follows.
						st.hasName = true
						return k
					}
					j = k
					continue
				}
			}
			return r.trimUnitEnd(start, j)
		case (t.Text == "&" || t.Text == "-" && j+1 < hi && r.toks[j+1].Kind == nlp.KindCode) && st.hasName && j+1 < hi && r.up(j+1):
			j++
		case isDash(t.Text) && st.hasName && !st.designated && !st.complete && !st.afterPlace && j+1 < hi && r.isUpperWord(j+1) && !r.startsUnit(j+1, hi) && !r.stopsUnit(j+1, hi, true):
			j++
		case t.Text == "," && st.hasName && !st.designated && r.officialComma(j, hi):
			j++
		case t.Kind == nlp.KindAbbrev && (r.key(j) == "tp." || r.key(j) == "tx.") && j+1 < hi && r.isUpperWord(j+1):
			// "Bộ Tư lệnh TP. HCM", "Công an TP. Hà Nội"
			j++
			st.afterPlace, st.complete = false, false
		case t.Text == "TP" && st.hasName && !st.afterPlace:
			// "Bộ đội Biên phòng TP": the city of the article
			j++
			st.afterPlace = true
		default:
			return r.trimUnitEnd(start, j)
		}
	}
	return r.trimUnitEnd(start, j)
}

// wordsToAcronym returns the index of the "(" of an acronym in parentheses
// that ends a run of lowercase words at j ("về môi trường và tài nguyên
// (PC05)"), or j. The acronym vouches for the words as a name.
func (r *run) wordsToAcronym(j, hi int) int {
	for k := j; k < hi && k < j+12; k++ {
		if k > j && !r.adjacent(k-1) {
			return j
		}
		t := &r.toks[k]
		if t.Text == "(" {
			if a := r.acronymAfter(k, hi); k > j && a > 0 && !r.lex.mediaAcronyms[r.key(a)] {
				return k
			}
			return j
		}
		if !r.isWord(k) || t.IsUpper() || r.owns(k) != "" || r.lex.unitStops[r.key(k)] && r.key(k) != kVa && r.key(k) != kCac && r.key(k) != kVe {
			return j
		}
	}
	return j
}

// trimUnitEnd drops trailing joiners a name cannot end with.
func (r *run) trimUnitEnd(start, j int) int {
	for j > start {
		t := r.toks[j-1].Text
		if t == "," || isDash(t) || t == "&" || r.key(j-1) == kVa {
			j--
			continue
		}
		break
	}
	return j
}

// lowercaseRun accepts the lowercase words right after a bare head when a
// designator follows within three words ("Tiểu đoàn vận tải 232", "trường
// lái xe D255"), or a capitalized name follows words of official names
// ("Hội cựu thanh niên xung phong Trường Sơn") or, for companies, any
// descriptor ("Công ty cổ phần vận tải biển Hòa Phong"), or an acronym in
// parentheses ("Viện nghiên cứu hải dương quốc tế (IOI)"). After a lowercase
// head only words of official names may lead to a number: "trường còn
// khoảng 20" is no unit.
func (r *run) lowercaseRun(j, hi int, company, lower bool) int {
	if r.lex.notNameStart[r.key(j)] && !r.lex.nameWords.has(r.keys, j, j+2) {
		return j
	}
	if k := r.wordsToAcronym(j, hi); k > j {
		return k
	}
	window := 4
	if company {
		window = 7
	}
	// A unit of its own in lowercase ("Bộ đội tiểu đoàn 565"): the words
	// before it were generic.
	if n, info := r.lex.units.longest(r.keys, j, hi); n > 0 && info.role == unitHead && !r.lex.nameWords.has(r.keys, j, j+n) {
		if _, _, ok := r.unitAt(j, j, hi, false); ok {
			return j
		}
	}
	plain := false // a word that is not a name word
	for k := j; k < hi && k < j+window; {
		if k > j && !r.adjacent(k-1) {
			return j
		}
		if r.isDesignator(k) {
			// "còn khoảng 20": a count, not a designator.
			if k == j || k-j > 3 || lower && plain || r.lex.countLeaders[r.key(k-1)] {
				return j
			}
			return k
		}
		if r.isUpperWord(k) && !r.stopsUnit(k, hi, true) {
			// Plain words need a company or an institute-like head, and a
			// name after them that is no holiday: "Viện nghiên cứu Biển
			// Khánh Hòa", not "Vùng chúc Tết".
			if k == j || r.startsUnit(k, hi) || plain && !company && (k-j > 2 || r.lex.notNames[r.key(k)]) {
				return j
			}
			return k
		}
		if !r.isWord(k) || r.up(k) {
			return j
		}
		if m, _ := r.lex.nameWords.longest(r.keys, k, hi); m > 0 {
			k += m
			continue
		}
		if r.lex.notNameStart[r.key(k)] {
			return j
		}
		plain = true
		k++
	}
	return j
}

// officialComma accepts a comma inside an official name: "Sở Văn hóa, Thể
// thao và Du lịch", "Cục Cảnh sát phòng, chống ma túy".
func (r *run) officialComma(j, hi int) bool {
	if j+1 >= hi {
		return false
	}
	if r.key(j-1) == nlp.Key("phòng") && r.key(j+1) == nlp.Key("chống") {
		return true
	}
	if !r.isUpperWord(j+1) || r.startsUnit(j+1, hi) {
		return false
	}
	// A "và" must follow the next capitalized part within four words.
	for k := j + 2; k < hi && k < j+6; k++ {
		if r.key(k) == kVa && k+1 < hi && r.isUpperWord(k+1) {
			return true
		}
		if !r.isWord(k) {
			return false
		}
	}
	return false
}

// isDesignator reports a unit number or code: 308, C2, D255, V, IV.
func (r *run) isDesignator(j int) bool {
	if j < 0 || j >= len(r.toks) {
		return false
	}
	t := &r.toks[j]
	switch t.Kind {
	case nlp.KindNumber:
		return !strings.ContainsAny(t.Text, ".,:/-") && len(t.Text) <= 5
	case nlp.KindCode:
		return len(t.Text) <= 6 && !strings.ContainsAny(t.Text, "/:")
	case nlp.KindWord:
		return isRoman(t.Text) || len(t.Text) == 1 && t.Text[0] >= 'A' && t.Text[0] <= 'Z'
	}
	return false
}

func isRoman(s string) bool {
	switch s {
	case "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII":
		return true
	}
	return false
}

// stopsUnit reports a capitalized word that cannot continue a unit's name:
// a rank, a post, an address word, or (once the unit has a name) a person's name.
func (r *run) stopsUnit(j, hi int, hasName bool) bool {
	if r.owns(j) != "" {
		return true
	}
	if m, _ := r.lex.ranks.longest(r.keys, j, hi); m > 0 {
		return true
	}
	// A post ends a name; right after a head a trade is the name's field:
	// "Cục Cán bộ", "Phòng Kế toán".
	if m, _ := r.lex.positions.longest(r.keys, j, hi); m > 0 && (m > 1 || j+1 < hi && r.isUpperWord(j+1)) &&
		(hasName || !r.lex.occupations[r.keys.span(j, j+m)]) {
		return true
	}
	// An address word ends a name; right after a head it is the name's
	// first syllable: "Huyện ủy Ba Vì", "Đại sứ quán Anh".
	if m, _ := r.lex.cues.longest(r.keys, j, hi); m > 0 && !r.lex.surnames.has(r.keys, j, j+1) && hasName {
		return true
	}
	if r.lex.unitStops[r.key(j)] && !r.startsUnit(j, hi) && !r.startsPlace(j, hi) {
		return true
	}
	if hasName && r.lex.surnames.has(r.keys, j, j+1) && j+1 < hi && r.up(j+1) && r.toks[j+1].IsLetters() &&
		!r.startsPlace(j, hi) && !r.startsUnit(j, hi) {
		return true
	}
	return false
}

// insideName reports whether token i continues a run of capitalized
// syllables that opens with a family name.
func (r *run) insideName(i, lo int) bool {
	k := i
	for k > lo && k > i-4 && r.isUpperWord(k-1) && r.owns(k-1) == "" && r.adjacent(k-1) {
		k--
		if r.lex.surnames.has(r.keys, k, k+1) {
			return true
		}
	}
	return false
}

func (r *run) startsUnit(j, hi int) bool {
	n, info := r.lex.units.longest(r.keys, j, hi)
	return n > 0 && info.role != unitBlocker && r.up(j)
}

// endsPlace reports whether tokens [start, j) end with a known place name.
func (r *run) endsPlace(start, j int) bool {
	for k := max(start, j-4); k < j; k++ {
		if r.lex.locations.has(r.keys, k, j) {
			return true
		}
	}
	return false
}

func (r *run) startsPlace(j, hi int) bool {
	n, _ := r.lex.locations.longest(r.keys, j, hi)
	return n > 0
}

// unitCanonical spells the unit out: abbreviated heads expanded ("UBND
// tỉnh Nghệ An" → "Ủy ban nhân dân tỉnh Nghệ An"), white space collapsed, and
// a short form completed from a longer mention earlier in the article
// ("BTL Thủ đô" → "Bộ Tư lệnh Thủ đô Hà Nội").
func (r *run) unitCanonical(i, j int) string {
	if s, ok := r.unitPlain(i, j); ok {
		return s
	}
	var b strings.Builder
	abbreviated := false
	k := i
	for k < j {
		n, info := r.lex.units.longest(r.keys, k, j)
		if n > 0 && (info.role == unitAbbr || info.role == unitAbbrHead) && info.canonical != "" {
			abbreviated = true
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(info.canonical)
			k += n
			continue
		}
		if b.Len() > 0 && r.toks[k].Start > r.toks[k-1].End {
			b.WriteByte(' ')
		}
		b.WriteString(r.toks[k].Text)
		k++
	}
	c := b.String()
	if !abbreviated {
		return c
	}
	// Complete an abbreviated mention from a longer one: the article's own spelling wins.
	if long, ok := r.longerUnit(c); ok {
		return long
	}
	return c
}

// unitPlain returns the text of tokens i..j when unitCanonical would spell
// it as it stands: no abbreviation to expand and no space but single ones
// between tokens. The text is then a part of the document's, not a copy.
func (r *run) unitPlain(i, j int) (string, bool) {
	if i >= j {
		return "", false
	}
	text := r.doc.Text
	for k := i; k < j; k++ {
		if n, info := r.lex.units.longest(r.keys, k, j); n > 0 && (info.role == unitAbbr || info.role == unitAbbrHead) && info.canonical != "" {
			return "", false
		}
		if k > i {
			if gap := r.toks[k].Start - r.toks[k-1].End; gap > 1 || gap == 1 && text[r.toks[k-1].End] != ' ' {
				return "", false
			}
		}
	}
	return text[r.toks[i].Start:r.toks[j-1].End], true
}

// prefixHash is the FNV-1a hash of a key: the key of unitPrefixes.
func prefixHash(key []byte) uint64 { return hashMore(14695981039346656037, key) }

// hashMore continues an FNV-1a hash over more bytes.
func hashMore(h uint64, b []byte) uint64 {
	for _, c := range b {
		h = (h ^ uint64(c)) * 1099511628211
	}
	return h
}

// rememberUnit records every word prefix of a unit's canonical name, so that
// a later short or abbreviated mention can be completed in constant time.
// The prefixes' keys are built in a buffer of the run's and stored as
// hashes: no allocation a prefix.
func (r *run) rememberUnit(c string) {
	r.prefixKeys(c, func(_ []byte, h uint64) bool {
		if r.unitPrefixes[h] == "" {
			r.unitPrefixes[h] = c
		}
		return true
	})
}

// prefixKeys calls f with the key of each word prefix of c, c[:i] for each
// space at i, and its prefixHash, in order, until f returns false. The keys
// and their hashes are built word by word in r.keyBuf (a text's key is its
// words' keys joined by single spaces), so the work is linear in c: a chain
// of units joined by dashes can make a canonical name of thousands of
// words. (A tone mark standing alone after a space, which a whole text's
// key gives the syllable before it, stays with its own word here.)
func (r *run) prefixKeys(c string, f func(key []byte, hash uint64) bool) {
	buf := r.keyBuf[:0]
	h := prefixHash(nil)
	hashed := 0
	start := 0
	for i := 0; i < len(c); i++ {
		if c[i] != ' ' {
			continue
		}
		n := len(buf)
		if n > 0 {
			buf = append(buf, ' ')
		}
		buf = nlp.AppendKey(buf, c[start:i])
		if n > 0 && len(buf) == n+1 {
			buf = buf[:n] // a run of spaces: no word
		}
		start = i + 1
		h, hashed = hashMore(h, buf[hashed:]), len(buf)
		if !f(buf, h) {
			break
		}
	}
	r.keyBuf = buf
}

// longerUnit returns the first unit name remembered whose word prefix has
// the key of c. The name found by hash is checked, so that two keys of one
// hash never give a wrong name (only, at worst, none).
func (r *run) longerUnit(c string) (string, bool) {
	r.keyBuf = nlp.AppendKey(r.keyBuf[:0], c)
	long := r.unitPrefixes[prefixHash(r.keyBuf)]
	if long == "" {
		return "", false
	}
	key := string(r.keyBuf)
	found := false
	r.prefixKeys(long, func(k []byte, _ uint64) bool {
		found = string(k) == key
		return !found && len(k) <= len(key)
	})
	if found {
		return long, true
	}
	return "", false
}

// noBody reports a unit-like name [i, j) that names no body: a room ("phòng
// 403", "phòng VIP2": a room head and a number of three digits or more, or
// "VIP"; at its start or its end), or a body inside a law's title ("Luật
// Công an nhân dân", "luật Tổ chức Quốc hội"; unitwords.tsv: room-head,
// law-title).
func (r *run) noBody(i, j, lo int) bool {
	// The room may end a longer span ("Cảnh sát kiểm tra phòng 403").
	if j >= i+2 && r.lex.roomHeads[r.key(j-2)] && roomNumber(r.toks[j-1].Text) ||
		j > i+1 && r.lex.roomHeads[r.key(i)] && roomNumber(r.toks[i+1].Text) {
		return true
	}
	for n := 1; n <= 3 && i-n >= lo; n++ {
		if r.lex.lawTitles[r.keys.span(i-n, i)] && r.wordStart(i-n) {
			return true
		}
	}
	return false
}

// roomNumber reports a room's number: three digits or more, or VIP and a
// number ("403", "0812", "VIP8").
func roomNumber(s string) bool {
	if strings.HasPrefix(s, "VIP") {
		return true
	}
	n := 0
	for n < len(s) && isASCIIDigit(s[n]) {
		n++
	}
	return n >= 3
}

// lowerGeneric reports a lowercase head [i, j) that names no body by itself
// ("công an", "ban"), unless it may name one with a place after it
// (with-place: "công an huyện Vũ Thư").
func (r *run) lowerGeneric(i, j, hi int) bool {
	head := r.keys.span(i, j)
	return r.lex.noLowercaseHead[head] && !(r.lex.withPlace[head] && r.placeAt(j, hi))
}

// placeAt reports an administrative word at token j and a place after it:
// a capitalized name that is no person's full name, or a number ("huyện
// Vũ Thư", "phường 12").
func (r *run) placeAt(j, hi int) bool {
	m, _ := r.lex.adminWords.longest(r.keys, j, hi)
	if m == 0 || j+m >= hi {
		return false
	}
	return r.isUpperWord(j+m) && !r.fullNameAt(j+m) || r.isDesignator(j+m)
}
