package extract

import (
	"strings"

	"github.com/vnews/vnews/nlp"
)

var (
	kVa  = nlp.Key("và")
	kCua = nlp.Key("của")
	kCac = nlp.Key("các")
	// Administrative words that lead a place inside a unit name: "Bộ Chỉ huy Quân sự tỉnh Quảng Ninh".
	adminWords = func() *phraseSet[struct{}] {
		p := newPhraseSet[struct{}]()
		for _, w := range []string{"tỉnh", "thành phố", "TP", "TP.", "Tp.", "huyện", "quận", "xã", "phường", "thị xã", "thị trấn", "TX.", "TX"} {
			p.add(w, struct{}{})
		}
		return p
	}()
	// Heads that are ordinary words when written in lowercase ("vụ" a case, "hội" a society, "đoàn" a group).
	noLowercaseHead = keySet("vụ", "viện", "hội", "đoàn", "vùng", "sở", "văn phòng", "trung tâm", "bảo tàng",
		"ủy ban", "nhà nước", "thư viện", "tỉnh đoàn", "ban", "công an", "cảnh sát", "hiệp hội", "liên đoàn",
		"tập đoàn", "đảng ủy", "đảng bộ", "thành ủy", "tỉnh ủy", "huyện ủy", "bộ chỉ huy")
	// Words that never start the lowercase part of a unit name: function words and verbs of news prose.
	notNameStart = keySet("của", "và", "các", "những", "được", "đã", "đang", "sẽ", "là", "có", "cho", "với", "tại",
		"ở", "trong", "từ", "đến", "về", "này", "đó", "khi", "thì", "mà", "nhưng", "cũng", "để", "theo", "do",
		"bị", "vừa", "mới", "không", "chưa", "rất", "như", "nên", "vì", "hay", "hoặc", "cùng", "trên", "dưới",
		"sau", "trước", "tổ", "tiếp", "thực", "phối", "tham", "đưa", "ra", "vào", "lên", "xuống", "nhận", "gửi",
		"chủ", "tổng", "kết", "luận")
)

// findUnits adds the UNIT entities of sentence si.
func (r *run) findUnits(si int) {
	lo, hi := r.bounds(si)
	for i := lo; i < hi; i++ {
		if r.owner[i] != "" {
			continue
		}
		end, info, ok := r.unitAt(i, lo, hi, false)
		if !ok {
			continue
		}
		c := r.unitCanonical(i, end)
		r.add(Entity{Type: Unit, Kind: info.kind, Canonical: c}, si, i, end)
		r.rememberUnit(c)
		i = end - 1
	}
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
	if !upper {
		if inChain || noLowercaseHead[r.keys.span(i, i+n)] || info.role == unitAbbr || info.role == unitAbbrHead {
			return 0, info, false
		}
		// A lowercase head needs a determiner-free position: "các quân khu 5, 7, 9" is fine.
	}
	// The head must be a word of its own: "Hội nghị", "Trường hợp", "Bộ đội" are not heads.
	if r.wordEnd[i+n-1] > i+n && !r.toks[i+n].IsUpper() {
		return 0, info, false
	}
	// A post made of a head and "trưởng" ("Sư đoàn trưởng", "Bộ trưởng") is no unit.
	if m, _ := r.lex.positions.longest(r.keys, i, hi); m > n {
		return 0, info, false
	}
	hasName := info.role == unitName || info.role == unitAbbr || info.role == unitService && upper
	j := r.unitName(i+n, lo, hi, hasName, !upper)
	if j == i+n && !hasName {
		return 0, info, false
	}
	// A unit followed directly by its parent units is one mention.
	for j < hi && r.adjacent(j-1) {
		k := j
		if isDash(r.toks[k].Text) && k+1 < hi {
			k++
		}
		if !r.toks[k].IsUpper() {
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

// unitName returns the end of the name part of a unit that starts at token
// j (after the head): designators, capitalized words, the lowercase words
// of official names, places.
func (r *run) unitName(j, lo, hi int, hasName, lowerHead bool) int {
	start := j
	designated := false
	for j < hi {
		if j > start && !r.adjacent(j-1) || j == start && j > lo && !r.adjacent(j-1) {
			break
		}
		t := &r.toks[j]
		switch {
		case r.isDesignator(j):
			if designated {
				return j
			}
			j++
			hasName, designated = true, true
			// Coordinated designators: "các quân khu 5, 7, 9".
			for lowerHead && j+1 < hi && r.toks[j].Text == "," && r.isDesignator(j+1) {
				j += 2
			}
		case t.Kind == nlp.KindWord && t.IsUpper():
			if r.stopsUnit(j, hi, hasName) || designated && !r.startsUnit(j, hi) && !r.startsPlace(j, hi) {
				return j
			}
			if r.startsUnit(j, hi) && hasName {
				return j // a chain: the caller continues it
			}
			// A capitalized syllable opens a word of the name: "Thủ đô", "Hậu cần".
			j = max(j+1, min(r.wordEnd[j], hi))
			hasName = true
		case t.Kind == nlp.KindWord:
			// Lowercase words of an official name follow a descriptor ("Khoa học quân sự"),
			// never a place: "Bộ Tư lệnh Thủ đô Hà Nội tổ chức ..." ends at "Hà Nội".
			if m, _ := r.lex.nameWords.longest(r.keys, j, hi); m > 0 && hasName && !designated && !r.endsPlace(start, j) {
				j += m
				continue
			}
			if m, _ := adminWords.longest(r.keys, j, hi); m > 0 && j+m < hi && r.isUpperWord(j+m) {
				j += m
				continue
			}
			if r.key(j) == kVa && hasName && !designated && j+1 < hi && r.isUpperWord(j+1) && !r.startsUnit(j+1, hi) {
				j++
				continue
			}
			if !hasName && j == start {
				if k := r.lowercaseRun(j, hi); k > j {
					j = k
					continue
				}
			}
			return j
		case (t.Text == "&" || t.Text == "-" && j+1 < hi && r.toks[j+1].Kind == nlp.KindCode) && hasName && j+1 < hi && r.toks[j+1].IsUpper():
			j++
		case isDash(t.Text) && hasName && j+1 < hi && r.isUpperWord(j+1) && r.isUpperWord(j-1) && !designated && !r.startsUnit(j+1, hi):
			j++
		case t.Text == "," && hasName && !designated && r.officialComma(j, hi):
			j++
		case t.Kind == nlp.KindAbbrev && hasName && (r.key(j) == "tp." || r.key(j) == "tx."):
			// "Công an TP. Hà Nội"
			j++
		default:
			return r.trimUnitEnd(start, j)
		}
	}
	return r.trimUnitEnd(start, j)
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
// designator or capitalized name follows within three words: "Tiểu đoàn vận
// tải 232", "Hội nữ chiến sĩ Trường Sơn", "trường lái xe D255".
func (r *run) lowercaseRun(j, hi int) int {
	if notNameStart[r.key(j)] {
		return j
	}
	for k := j; k < hi && k < j+4; k++ {
		if k > j && !r.adjacent(k-1) {
			return j
		}
		if r.isDesignator(k) || r.isUpperWord(k) && !r.stopsUnit(k, hi, true) {
			if k == j {
				return j
			}
			return k
		}
		if !r.isWord(k) || r.toks[k].IsUpper() || notNameStart[r.key(k)] {
			return j
		}
	}
	return j
}

// officialComma accepts a comma inside an official name: "Sở Văn hóa, Thể
// thao và Du lịch", "Tổng cục Cảnh sát phòng, chống tội phạm".
func (r *run) officialComma(j, hi int) bool {
	if j+1 >= hi {
		return false
	}
	if r.key(j-1) == nlp.Key("phòng") && r.key(j+1) == nlp.Key("chống") {
		return true
	}
	if !r.isUpperWord(j + 1) {
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
	if r.owner[j] != "" {
		return true
	}
	if m, _ := r.lex.ranks.longest(r.keys, j, hi); m > 0 {
		return true
	}
	if m, _ := r.lex.positions.longest(r.keys, j, hi); m > 0 && (m > 1 || j+1 < hi && r.isUpperWord(j+1)) {
		return true
	}
	if m, _ := r.lex.cues.longest(r.keys, j, hi); m > 0 && !r.lex.surnames.has(r.keys, j, j+1) {
		return true
	}
	if hasName && r.lex.surnames.has(r.keys, j, j+1) && j+1 < hi && r.toks[j+1].IsUpper() && r.toks[j+1].IsLetters() &&
		!r.startsPlace(j, hi) && !r.startsUnit(j, hi) {
		return true
	}
	return false
}

func (r *run) startsUnit(j, hi int) bool {
	n, info := r.lex.units.longest(r.keys, j, hi)
	return n > 0 && info.role != unitBlocker && r.toks[j].IsUpper()
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
	if long, ok := r.unitPrefixes[nlp.Key(c)]; ok {
		return long
	}
	return c
}

// rememberUnit records every word prefix of a unit's canonical name, so that
// a later short or abbreviated mention can be completed in constant time.
func (r *run) rememberUnit(c string) {
	for i := 0; i < len(c); i++ {
		if c[i] == ' ' {
			k := nlp.Key(c[:i])
			if _, ok := r.unitPrefixes[k]; !ok {
				r.unitPrefixes[k] = c
			}
		}
	}
}
