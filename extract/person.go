package extract

import (
	"strings"

	"github.com/vnews/vnews/nlp"
)

var (
	kBac = nlp.Key("Bác")
	kHo  = nlp.Key("Hồ")
	// Cues that count when capitalized in mid-sentence too; others ("Anh",
	// "Cô") are then more likely a country or a name.
	capitalCues = keySet("Bác", "Đồng chí", "Đ/c", "GS", "PGS", "TS", "ThS", "BS", "KS", "NSƯT", "NSND", "LS", "Ngài")
	// Capitalized words that are not given names when they stand alone.
	notGivenAlone = keySet("Nam", "Bắc", "Đông", "Tây", "Trung", "Việt", "Anh", "Pháp", "Mỹ", "Nga", "Đức", "Nhật")
)

// findPeople adds the PERSON entities of sentence si that have their own
// evidence: a known family name opening two to five capitalized syllables,
// or a cue before them (an address word, a rank, a post).
func (r *run) findPeople(si int) {
	lo, hi := r.bounds(si)
	for i := lo; i < hi; i++ {
		if r.owner[i] != "" || !r.isUpperWord(i) {
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
		if r.blocked(i, lo) {
			i = j - 1
			continue
		}
		cue := r.hasCue(i, lo)
		if m, _ := r.lex.locations.longest(r.keys, i, j); m > 0 && !cue {
			// "Hà Nội", "Lâm Đồng": a place, though it starts like a name.
			i += m - 1
			continue
		}
		n := j - i
		switch {
		case cue:
		case surname && n >= 2:
		default:
			continue
		}
		if n > 5 {
			j = i + 5
		}
		e := r.add(Entity{Type: Person}, si, i, j)
		if cue && n == 1 && r.key(i) == kHo && i > lo && r.key(i-1) == kBac {
			e.Canonical = "Hồ Chí Minh"
		}
		if j-i >= 2 {
			// Its given name may stand alone later: "Lưu" after "Nguyễn Đình Lưu".
			r.givenNames[r.key(j-1)] = true
		}
		i = j - 1
	}
}

// maxNameLen bounds a name's syllables; runs are scanned no further, which
// keeps the work linear on text made of capitalized words.
const maxNameLen = 6

// nameRun returns the end of the run of free capitalized syllables starting
// at i (at most maxNameLen), stopping before a post or unit that starts
// inside it.
func (r *run) nameRun(i, hi int) int {
	j := i
	for j < hi && j-i < maxNameLen && r.isUpperWord(j) && r.owner[j] == "" && (j == i || r.adjacent(j-1)) {
		if j > i {
			if m, _ := r.lex.positions.longest(r.keys, j, hi); m > 0 {
				break
			}
			if r.startsUnit(j, hi) && !r.lex.surnames.has(r.keys, j, j+1) {
				break
			}
		}
		j++
	}
	return j
}

// blocked reports a name that names a place, street, ideology or thing:
// "phố Lê Lợi", "TP. Hồ Chí Minh", "tư tưởng Hồ Chí Minh".
func (r *run) blocked(i, lo int) bool {
	for n := 1; n <= 2 && i-n >= lo; n++ {
		if r.lex.blockers.has(r.keys, i-n, i) {
			return true
		}
	}
	return false
}

// hasCue reports whether the name at i follows an address word, a rank or a
// post: "ông Lưu", "Đại tá Lưu", "Chủ tịch Hồ Chí Minh".
func (r *run) hasCue(i, lo int) bool {
	if i == lo {
		return false
	}
	switch r.owner[i-1] {
	case Rank, Position:
		return true
	}
	for n := 1; n <= 2 && i-n >= lo; n++ {
		if r.lex.cues.has(r.keys, i-n, i) {
			t := &r.toks[i-n]
			if t.IsUpper() && i-n > lo && !capitalCues[r.keys.span(i-n, i)] {
				continue
			}
			return true
		}
	}
	return false
}

// findShortMentions adds later mentions of a known person by given name
// alone: "Lưu" after "Nguyễn Đình Lưu".
func (r *run) findShortMentions(si int) {
	if len(r.givenNames) == 0 {
		return
	}
	lo, hi := r.bounds(si)
	for i := lo; i < hi; i++ {
		if r.owner[i] != "" || !r.isUpperWord(i) {
			continue
		}
		if i > lo && r.isUpperWord(i-1) && r.adjacent(i-1) || i+1 < hi && r.isUpperWord(i+1) && r.adjacent(i) {
			continue
		}
		k := r.key(i)
		if notGivenAlone[k] || r.blocked(i, lo) {
			continue
		}
		if r.givenNames[k] {
			r.add(Entity{Type: Person}, si, i, i+1)
		}
	}
}

// findBylinePeople adds the author of a byline and photographers credited
// in captions ("Ảnh: Hoàng Thùy") as PERSONs with their role.
func (r *run) findBylinePeople() {
	d := r.doc
	if !d.Author.IsZero() {
		i, j := r.tokenRange(d.Author.Start, d.Author.End)
		if i < j && r.free(i, j) {
			si := d.SentenceAt(d.Author.Start)
			if si >= 0 {
				r.add(Entity{Type: Person, Role: "author"}, si, i, j)
			}
		}
	}
	for si, s := range d.Sentences {
		if s.Role != nlp.RoleCaption {
			continue
		}
		text := d.Text[s.Start:s.End]
		k := strings.Index(strings.ToLower(text), "ảnh:")
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
