package extract

import (
	"github.com/vnews/vnews/nlp"
)

// findPositions adds the POSITION entities of sentence si: posts such as
// "Phó Tư lệnh" or "Chủ tịch". A post in lowercase counts only before a
// name, a rank or a unit ("huyện đội phó A Lưới" does not, "tư lệnh Quân
// khu 7" does).
func (r *run) findPositions(si int) {
	lo, hi := r.bounds(si)
	for i := lo; i < hi; i++ {
		if r.owns(i) != "" || r.toks[i].Kind != nlp.KindWord {
			continue
		}
		// The longest post whose words are free; a post may run into the
		// unit it heads ("Trưởng phòng Khoa học quân sự").
		n := 0
		fits := func(m int) bool {
			for k := i; k < i+m; k++ {
				if r.owns(k) != "" && !(k == i+m-1 && r.owns(k) == Unit) {
					return false
				}
			}
			return true
		}
		r.lex.positions.matches(r.keys, i, hi, func(m int, _ struct{}) bool {
			if fits(m) {
				n = m
				return true
			}
			return false
		})
		if n == 0 {
			if m := r.headPost(i, hi); m > 0 && fits(m) {
				n = m
			}
		}
		if n == 0 {
			continue
		}
		j := i + n
		j += r.postTail(j, hi)  // "Phó Chủ tịch thường trực"
		j += r.postLevel(j, hi) // "Trưởng Công an xã"
		// A post ends where a word does: "người phát ngôn viên" holds the
		// post "phát ngôn viên", not "người phát ngôn".
		// But the segmenter may glue a unit's head to the post: "cán_bộ_đội
		// cảnh sát môi trường".
		if r.runsOn(j-1, hi) && r.wordEndAt(j-1) > j && r.owns(j) == "" && !r.headAt(j, hi) {
			continue
		}
		if !r.up(i) {
			// A lowercase post counts before a name, a rank or a unit, or
			// in an apposition: "(phi công cấp 3, ...)", ", nguyên chuyên viên".
			before := j < hi && (r.up(j) || r.owns(j) == Unit || r.owns(j) == Rank)
			apposition := i > lo && (r.toks[i-1].Text == "(" || r.toks[i-1].Text == "," || isDash(r.toks[i-1].Text) ||
				r.key(i-1) == kNguyen || r.key(i-1) == kCuu) || r.roleVerbBefore(i, lo) > 0
			if !before && !apposition {
				continue
			}
		}
		r.add(Entity{Type: Position, Canonical: r.doc.Text[r.toks[i].Start:r.toks[j-1].End]}, si, i, j)
		i = j - 1
	}
}

// postLevel returns 1 (or 2: "thị xã") when an administrative level word
// follows the post at token j with no place named after it, so that the
// level is part of the post: "Trưởng Công an xã cho biết", "Chủ tịch
// huyện". A level word before a name belongs to the unit or the place
// ("Chủ tịch xã Phương Giao"), and so does one that points back to a place
// named before ("Trưởng Công an xã này"); one that starts a word or a unit
// is no level ("Bí thư huyện ủy"); and a capitalized one is left alone:
// "TP" stands for the article's city and makes a unit ("Công an TP").
func (r *run) postLevel(j, hi int) int {
	m, _ := r.lex.adminWords.longest(r.keys, j, hi)
	if m == 0 || !r.free(j, j+m) || r.up(j) || r.wordEndAt(j+m-1) > j+m {
		return 0
	}
	if n, _ := r.lex.units.longest(r.keys, j, hi); n > 0 {
		return 0
	}
	if k := j + m; k < hi && (r.up(k) || r.isDesignator(k) || r.owns(k) != "" || r.lex.placeAnaphors[r.key(k)]) {
		return 0
	}
	return m
}

// postTail returns the length of a free post tail (postwords.tsv) at
// token j, or 0.
func (r *run) postTail(j, hi int) int {
	for n := 1; n <= 3 && j+n <= hi; n++ {
		if r.lex.postTails[r.keys.span(j, j+n)] && r.free(j, j+n) {
			return n
		}
	}
	return 0
}

// roleVerbBefore returns the length of a role verb ending right before
// token i, or 0.
func (r *run) roleVerbBefore(i, lo int) int {
	for n := 1; n <= 4 && i-n >= lo; n++ {
		if r.lex.roleVerbs.has(r.keys, i-n, i) {
			return n
		}
	}
	return 0
}

// headPost returns the length of a post made of a unit head and "trưởng"
// or "phó" at i ("Biên đội trưởng", "Phi đội phó", "phó phi đội
// trưởng"), 0 if there is none.
func (r *run) headPost(i, hi int) int {
	k := i
	if r.key(k) == kPho && k+1 < hi {
		k++
	}
	n, info := r.lex.units.longest(r.keys, k, hi)
	if n == 0 || info.role != unitHead && info.role != unitService {
		return 0
	}
	if end := k + n; end < hi && (r.key(end) == kTruong || r.key(end) == kPho) && !r.up(end) {
		return end + 1 - i
	}
	return 0
}

// runsOn reports whether the segmenter joined token k with a lowercase word
// after it ("Ý kiến"): a phrase ending at k is not a name of its own.
func (r *run) runsOn(k, hi int) bool {
	return r.wordEndAt(k) > k+1 && k+1 < hi && !r.up(k+1)
}

// findLocations adds the LOCATION entities of sentence si that are not
// inside another entity: known places, and names after an administrative
// word ("tỉnh Quảng Ninh", "huyện Bình Chánh").
func (r *run) findLocations(si int) {
	lo, hi := r.bounds(si)
	for i := lo; i < hi; i++ {
		if r.owns(i) != "" {
			continue
		}
		kind := ""
		j := i
		if m, _ := r.lex.adminWords.longest(r.keys, i, hi); m > 0 && i+m < hi && r.isUpperWord(i+m) && r.owns(i+m) == "" {
			kind = r.lex.adminKinds[r.keys.span(i, i+m)]
			j = i + m
		}
		if j == i && !r.up(i) {
			continue
		}
		// The place must be whole words: "Ý" is Italy, not in "Ý kiến".
		if m, k := r.lex.locations.longest(r.keys, j, hi); m > 0 && r.free(j, j+m) && r.up(j) && !r.runsOn(j+m-1, hi) {
			if kind == "" {
				kind = k
			}
			j += m
		} else if kind != "" && r.fullNameAt(j) {
			// "UBND TP Lưu Văn Khải", "UBND huyện Lê Thị Hoa": the word
			// stands for the article's place and a person's name follows
			// (places are hardly named so; those that are, the lexicon lists).
			continue
		} else if kind != "" {
			// An unknown place after an administrative word: its capitalized syllables.
			for j < hi && r.isUpperWord(j) && r.owns(j) == "" && r.adjacent(j-1) {
				j++
			}
		}
		if j == i || kind == "" {
			continue
		}
		r.add(Entity{Type: Location, Kind: kind}, si, i, j)
		i = j - 1
	}
}

// fullNameAt reports a person's full name starting at token j: a surname,
// a common middle name, and a given name, all capitalized.
func (r *run) fullNameAt(j int) bool {
	return r.isUpperWord(j) && r.lex.surnames.has(r.keys, j, j+1) &&
		r.isUpperWord(j+1) && r.lex.middleNames[r.key(j+1)] && r.isUpperWord(j+2)
}

// headAt reports a unit head of the lexicon at token j, in any case, that
// a name or number follows ("đội cảnh sát môi trường", "phòng 4").
func (r *run) headAt(j, hi int) bool {
	n, info := r.lex.units.longest(r.keys, j, hi)
	return n > 0 && info.role == unitHead && j+n < hi && (r.up(j+n) || r.isDesignator(j+n) || r.lex.nameWords.has(r.keys, j+n, min(j+n+2, hi)))
}
