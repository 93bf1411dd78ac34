package extract

import (
	"cmp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vnews/vnews/nlp"
)

// entityIndex finds entities by the token where they start or end, by
// binary search: r.ents is in text order, and byEnd holds the entities'
// indices ordered by the token where they end. (Maps cost 100 bytes an
// entity, and a book-sized article has hundreds of thousands.)
type entityIndex struct {
	ents  []Entity
	byEnd []int32
}

// startAt returns the index of the first (longest) entity starting at
// token i.
func (ix *entityIndex) startAt(i int) (int, bool) {
	k := sort.Search(len(ix.ents), func(k int) bool { return ix.ents[k].tokStart >= i })
	return k, k < len(ix.ents) && ix.ents[k].tokStart == i
}

// endAt returns the indices of the entities ending just before token end,
// in text order.
func (ix *entityIndex) endAt(end int) []int32 {
	lo := sort.Search(len(ix.byEnd), func(k int) bool { return ix.ents[ix.byEnd[k]].tokEnd >= end })
	hi := lo
	for hi < len(ix.byEnd) && ix.ents[ix.byEnd[hi]].tokEnd == end {
		hi++
	}
	return ix.byEnd[lo:hi]
}

func (r *run) indexEntities() entityIndex {
	ix := entityIndex{ents: r.ents, byEnd: make([]int32, len(r.ents))}
	for i := range ix.byEnd {
		ix.byEnd[i] = int32(i)
	}
	slices.SortStableFunc(ix.byEnd, func(a, b int32) int { return cmp.Compare(r.ents[a].tokEnd, r.ents[b].tokEnd) })
	return ix
}

// profiles links the PERSON mentions of r.ents (in text order) into people:
// a full name opens a profile, a mention equal to the end of an earlier
// name ("Lưu", "Đình Lưu") joins the latest such profile, and a full name
// after its short form first absorbs it. It sets each mention's Ref and
// fills rank, position and unit from appositions. Work is linear in the
// number of entities.
func (r *run) profiles() []Profile {
	persons := 0
	for i := range r.ents {
		if r.ents[i].Type == Person {
			persons++
		}
	}
	if persons == 0 {
		return nil
	}
	// At most one profile a mention: the lists are made once.
	// The working lists and maps are the run's, reused (see runPool).
	sc := &r.scratch.prof
	ps := make([]Profile, 0, persons)
	mentions := sc.mentions[:0] // indices into r.ents of each profile's mentions
	keys := sc.keys[:0]         // key of each profile's name
	of := sc.of[:0]             // the profile of each PERSON mention, in order
	if sc.byKey == nil {
		sc.byKey, sc.bySuffix = map[string]int{}, map[string]int{}
	}
	byKey := sc.byKey       // full key → profile
	bySuffix := sc.bySuffix // key of every proper suffix of a name → the latest profile with it
	clear(byKey)
	clear(bySuffix)
	defer func() { sc.mentions, sc.keys, sc.of = mentions, keys, of }()
	ix := r.indexEntities()
	index := func(p int) {
		k := keys[p]
		byKey[k] = p
		for i := 0; i < len(k); i++ {
			if k[i] == ' ' {
				bySuffix[k[i+1:]] = p
			}
		}
	}
	for idx := range r.ents {
		e := &r.ents[idx]
		if e.Type != Person {
			continue
		}
		name := e.Text
		if e.Canonical != "" {
			name = e.Canonical
		}
		name = nlp.CollapseSpace(name)
		// The key is built in the run's buffer; a string is made only for
		// a profile's own key.
		r.keyBuf = nlp.AppendKey(r.keyBuf[:0], name)
		k := r.keyBuf
		p, ok := byKey[string(k)]
		if !ok {
			p, ok = bySuffix[string(k)]
		}
		if !ok {
			// A longer name for a profile opened by its short form.
			for i := 0; i < len(k) && !ok; i++ {
				if k[i] == ' ' {
					if q, found := byKey[string(k[i+1:])]; found && strings.Count(keys[q], " ") == 0 {
						p, ok = q, true
					}
				}
			}
		}
		if !ok {
			ps = append(ps, Profile{Ref: profileRef(len(ps)), Name: name})
			mentions = append(mentions, nil)
			keys = append(keys, string(k))
			p = len(ps) - 1
			index(p)
		}
		pr := &ps[p]
		if utf8.RuneCountInString(name) > utf8.RuneCountInString(pr.Name) {
			pr.Name, keys[p] = name, string(k)
			index(p)
		}
		pr.Mentions++
		of = append(of, int32(p))
		e.Ref = pr.Ref
		if e.Role != "" && pr.Role == "" {
			pr.Role = e.Role
		}
		r.fillAttributes(pr, e, &ix)
	}
	// Each profile's mentions, in text order, in one array.
	flat := grow(sc.flat, len(of))
	sc.flat = flat
	at := 0
	for p := range ps {
		mentions[p] = flat[at : at : at+ps[p].Mentions]
		at += ps[p].Mentions
	}
	n := 0
	for idx := range r.ents {
		if r.ents[idx].Type == Person {
			p := of[n]
			mentions[p] = append(mentions[p], idx)
			n++
		}
	}
	r.link(ps, mentions)
	return ps
}

// profileRefs are the first profiles' refs ("p1", "p2", ...), made once.
var profileRefs = func() []string {
	refs := make([]string, 256)
	for i := range refs {
		refs[i] = "p" + strconv.Itoa(i+1)
	}
	return refs
}()

// profileRef is the ref of profile i (from 0).
func profileRef(i int) string {
	if i < len(profileRefs) {
		return profileRefs[i]
	}
	return "p" + strconv.Itoa(i+1)
}

// fillAttributes sets a profile's rank, post and unit from what stands
// next to mention e: the rank right before the name, and a post with its
// unit in an apposition after the name ("Đại tá Phạm Quang Khải, Phó Tư
// lệnh Bộ Tư lệnh Thủ đô Hà Nội", "Đại úy Vũ Đức Hạnh (Biên đội
// trưởng, Phi đội 1)") or before it ("Bộ trưởng Quốc phòng Pháp Claire
// Dubois", "Phó Tư lệnh Quân khu 7, Đại tá ..."). The unit is given as the
// article writes it.
func (r *run) fillAttributes(p *Profile, e *Entity, ix *entityIndex) {
	s := r.doc.Sentences[e.Sentence]
	lo, hi := s.TokStart, s.TokEnd
	i := e.tokStart
	var unitBefore *Entity
	if u := ix.endingAt(r, i, lo, Unit); u != nil {
		// A rank, the unit, the name: "Đại tá hải quân Úc Tom Barrow".
		if x := ix.endingAt(r, u.tokStart, lo, Rank); x != nil {
			unitBefore, i = u, u.tokStart
		}
	}
	if x := ix.endingAt(r, i, lo, Rank); x != nil {
		if p.Rank == "" {
			p.Rank = x.Canonical
		}
		i = x.tokStart
	}
	// A mention that gives both a post and a unit wins over one that gives
	// less; otherwise the first mention that says anything.
	if p.Position != "" && p.Unit != "" {
		return
	}
	if p.Rank == "" {
		// A rank inside the apposition: "(53 tuổi, cựu đại tá, ...)", ", nguyên Thượng tá".
		for t := e.tokEnd; t < hi && t < e.tokEnd+12 && r.owns(t) != Person; t++ {
			if x := ix.startingAt(r, t, Rank); x != nil {
				// A rank right before another name is that person's:
				// "A, Bộ trưởng Quốc phòng Nga, hội đàm với Đại tướng B".
				if x.tokEnd >= hi || r.owns(x.tokEnd) != Person {
					p.Rank = x.Canonical
				}
				break
			}
			if s := r.toks[t].Text; s == ";" || s == "." {
				break
			}
		}
	}
	// An apposition with a unit wins; else the title before the name
	// ("Phó Thủ tướng Thường trực Đinh Văn Tường, Trưởng Ban chỉ đạo hội
	// tang" is the Deputy Prime Minister).
	pos, unit, ok := r.postAfter(e.tokEnd, hi, ix)
	if !ok || unit == nil {
		if bpos, bunit, bok := r.postBefore(i, lo, ix); bok {
			pos, unit, ok = bpos, bunit, true
		}
	}
	if !ok {
		pos, unit, ok = r.postByVerb(e.tokEnd, hi, ix)
	}
	if !ok {
		// Two people sharing one apposition: "Đại tá Hà Minh Toản và
		// Đại tá Lưu Văn Khang, nguyên Phó Cục trưởng ...".
		if other := r.coordinated(e.tokEnd, hi, ix); other != nil {
			pos, unit, ok = r.postAfter(other.tokEnd, hi, ix)
		}
	}
	if !ok && unitBefore != nil {
		unit, ok = unitBefore, true
	}
	if !ok || unit == nil && (p.Position != "" || p.Unit != "") {
		return
	}
	p.Position, p.Unit = "", ""
	r.setPost(p, pos, unit)
}

// endingAt returns an entity of one of the types that ends at token end
// and starts at or after lo.
func (ix *entityIndex) endingAt(r *run, end, lo int, types ...Type) *Entity {
	for _, idx := range ix.endAt(end) {
		x := &r.ents[idx]
		if x.tokStart < lo {
			continue
		}
		for _, t := range types {
			if x.Type == t {
				return x
			}
		}
	}
	return nil
}

// postAfter reads an apposition that starts at token j: a comma, a dash or
// a parenthesis, then segments separated by commas (a closed parenthesis
// may be followed by more: "(lái chính), Phó tiểu đoàn trưởng ...").
// The first segment with a post and a unit wins, else the first with a
// post; inside parentheses a unit may open the segment after the post
// ("(Biên đội trưởng, Phi đội 1)").
func (r *run) postAfter(j, hi int, ix *entityIndex) ([2]int, *Entity, bool) {
	if j >= hi || !(r.toks[j].Text == "(" || r.toks[j].Text == "," || isDash(r.toks[j].Text)) {
		return [2]int{}, nil, false
	}
	paren := r.toks[j].Text == "("
	j++
	// An alias in parentheses: "Trần Thị Lụa (Trần Thị Sen), 82 tuổi, ...".
	if paren && j < hi && r.owns(j) == Person {
		k := j
		for k < hi && r.toks[k].Text != ")" && k-j < 8 {
			k++
		}
		if k+1 < hi && r.toks[k].Text == ")" && r.toks[k+1].Text == "," {
			j, paren = k+2, false
		}
	}
	// The best segment by postScore; the first of equals.
	var bestPos [2]int
	var bestUnit *Entity
	best := -1
	for seg := 0; seg < 6 && j < hi; seg++ {
		// The segment runs to a comma or the like; a clause may follow the
		// apposition without one, so only its first 16 tokens are read.
		k := j
		for k < hi && k-j < 16 && !segmentEnd(r.toks[k].Text) && r.owns(k) != Person {
			k++
		}
		clause := k < hi && (r.owns(k) == Person || k-j >= 16)
		// A unit alone right after the name: "Lê Hồng Huân, Trung đoàn 245".
		if seg == 0 {
			if idx, isUnit := ix.startAt(j); isUnit && r.ents[idx].Type == Unit {
				if _, _, hasPost := r.postIn(j, k, ix); !hasPost {
					return [2]int{}, &r.ents[idx], true
				}
			}
		}
		if pos, unit, ok := r.postIn(j, k, ix); ok {
			if unit == nil && k+1 < hi && r.toks[k].Text == "," {
				if idx, isUnit := ix.startAt(k + 1); isUnit && r.ents[idx].Type == Unit {
					unit = &r.ents[idx]
				}
			}
			score := r.postScore(pos, unit)
			if score == maxPostScore {
				return pos, unit, true
			}
			if score > best {
				bestPos, bestUnit, best = pos, unit, score
			}
		}
		if clause {
			break // the apposition has ended: another person, or a clause
		}
		if k+1 < hi && r.toks[k].Text == ")" && r.toks[k+1].Text == "," {
			paren = false
			k++
		}
		if k >= hi || r.toks[k].Text != "," {
			break
		}
		j = k + 1
	}
	return bestPos, bestUnit, best >= 0
}

// bareUnit marks the kind of a unit read from a bare head after a post
// ("Bí thư Đảng ủy"): no UNIT entity stands behind it.
const bareUnit = "bare"

// maxPostScore is the score of a command post with a named unit.
const maxPostScore = 6

// postScore ranks what an apposition segment says of a person: a unit the
// article names counts most, then a bare head ("Bí thư Huyện ủy"); a post
// that commands counts more than a trade, a trade more than a post in the
// unit's Party committee ("nguyên Bí thư Đảng ủy, nguyên Phó Tổng Giám đốc
// Tổng Công ty Hòa Phong" is read as the deputy director).
func (r *run) postScore(pos [2]int, unit *Entity) int {
	score := 0
	if unit != nil {
		score = 2
		if unit.Kind != bareUnit {
			score = 4
		}
	}
	i := pos[0]
	if r.key(i) == kNguyen || r.key(i) == kCuu {
		i++
	}
	role := 2
	for n := 1; n <= 3 && i+n <= pos[1]; n++ {
		k := r.keys.span(i, i+n)
		if r.lex.partyPosts[k] {
			role = 0
		} else if r.lex.occupations[k] {
			role = 1
		}
	}
	return score + role
}

// postByVerb reads a post given by a verb after the name: "(Lý Văn Kiên)
// là trưởng phòng 2", "Anna Berg phải thôi giữ chức cố vấn kinh tế quốc
// gia", "ông Hệ làm Chủ tịch HĐQT".
func (r *run) postByVerb(j, hi int, ix *entityIndex) ([2]int, *Entity, bool) {
	if j < hi && r.toks[j].Text == ")" {
		j++
	}
	for g := 0; j < hi && g < 2 && r.lex.verbAdverbs[r.key(j)]; g++ {
		j++
	}
	m, _ := r.lex.roleVerbs.longest(r.keys, j, hi)
	if m == 0 {
		return [2]int{}, nil, false
	}
	j += m
	start := j
	if j < hi && (r.key(j) == kNguyen || r.key(j) == kCuu) {
		j++
	}
	if ix.startingAt(r, j, Position) == nil {
		return [2]int{}, nil, false
	}
	k := j
	for k < hi && k-j < 16 && !segmentEnd(r.toks[k].Text) && r.owns(k) != Person {
		k++
	}
	return r.postIn(start, k, ix)
}

// coordinated returns the person joined to a mention ending at j by "và"
// ("A và Đại tá B"), or nil.
func (r *run) coordinated(j, hi int, ix *entityIndex) *Entity {
	if j+1 >= hi || r.key(j) != kVa {
		return nil
	}
	j++
	if x := ix.startingAt(r, j, Rank); x != nil {
		j = x.tokEnd
	}
	return ix.startingAt(r, j, Person)
}

// segmentEnd reports tokens that end a segment of an apposition.
func segmentEnd(s string) bool {
	switch s {
	case ",", ")", ";", ":", ".", "!", "?", "\"", "“", "”":
		return true
	}
	return false
}

// postIn returns the post in tokens [j, k) and its unit: the first POSITION
// entity (with "nguyên" or "cựu" before it, and more posts joined by "kiêm":
// "cựu chủ tịch kiêm tổng giám đốc"), and the unit after it ("| tổng công
// ty Hòa Phong", "| của công ty Hòa Phong"), or a place named after an
// administrative word ("Chủ tịch | xã Nghĩa Yên"), or a bare head
// ("Bí thư | Huyện ủy"). A post and a unit may share a word: "Trưởng
// phòng | phòng Khoa học quân sự".
func (r *run) postIn(j, k int, ix *entityIndex) ([2]int, *Entity, bool) {
	var pos *Entity
	for t := j; t < k && pos == nil; t++ {
		pos = ix.startingAt(r, t, Position)
	}
	if pos == nil {
		return [2]int{}, nil, false
	}
	start, end := pos.tokStart, pos.tokEnd
	if start > j && (r.key(start-1) == kNguyen || r.key(start-1) == kCuu) {
		start--
	}
	for end+1 < k && r.key(end) == kKiem {
		next := ix.startingAt(r, end+1, Position)
		if next == nil {
			break
		}
		end = next.tokEnd
	}
	// The unit: right after the post, or a few words on ("chuyên gia trinh
	// sát của Binh đoàn 12", "Sỹ quan Huấn luyện Học viện Không quân Thái Lan");
	// the post takes in words of official names on the way.
	var unit *Entity
	u := end
	for g := 0; u < k && g <= 8; g, u = g+1, u+1 {
		if unit = ix.startingAt(r, u, Unit); unit != nil {
			if g > 4 && !(r.key(u-1) == kCua || r.key(u-1) == kThuoc || r.key(u-1) == kTai) {
				unit = nil
			}
			break
		}
		if r.toks[u].Kind == nlp.KindPunct {
			break
		}
	}
	if unit != nil {
		for end < unit.tokStart {
			m, _ := r.lex.nameWords.longest(r.keys, end, unit.tokStart)
			if m == 0 {
				break
			}
			end += m
		}
	} else {
		u = end
	}
	if unit == nil && end > start {
		unit = ix.startingAt(r, end-1, Unit) // sharing a word
	}
	// A post named after a unit's head ("Phó trung đoàn trưởng",
	// "Sư đoàn trưởng 367"): the unit with that head and its number.
	if unit == nil {
		h := pos.tokStart
		if r.key(h) == kPho && h+1 < pos.tokEnd {
			h++
		}
		if n := r.headPost(pos.tokStart, pos.tokEnd); n > 0 {
			hn, _ := r.lex.units.longest(r.keys, h, pos.tokEnd)
			if end < k && r.isDesignator(end) {
				unit = r.synthUnit(h, h+hn, end)
			} else {
				unit = r.numberedUnit(r.keys.span(h, h+hn), pos.tokStart)
			}
		}
	}
	// A place named after an administrative word: "Chủ tịch | xã Nghĩa Yên".
	if unit == nil && u < k {
		if m, _ := r.lex.adminWords.longest(r.keys, u, k); m > 0 {
			unit = ix.startingAt(r, u, Location)
		}
	}
	if unit == nil && u < k && r.up(u) {
		// A bare head right after the post: "Bí thư Huyện ủy" names its unit.
		// "Ủy viên Ban Thường vụ Huyện ủy": heads one after another.
		e := u
		for e < k {
			n, info := r.lex.units.longest(r.keys, e, k)
			if n == 0 || info.role == unitBlocker || !r.up(e) {
				break
			}
			e += n
		}
		if e > u && e == k {
			bare := Entity{Type: Unit, Kind: bareUnit, tokStart: u, tokEnd: e}
			bare.Text = r.doc.Text[r.toks[u].Start:r.toks[e-1].End]
			unit = &bare
		}
		// A bare military head stands for the numbered unit the article
		// named: "Phó tham mưu trưởng Quân khu" after "Quân khu 4".
		if n, info := r.lex.units.longest(r.keys, u, k); n > 0 && info.role == unitHead && (u+n == k || !r.up(u+n)) {
			if x := r.numberedUnit(r.keys.span(u, u+n), u); x != nil {
				unit = x
			}
		}
	}
	return [2]int{start, end}, unit, true
}

// numberedRef is a head and its number inside a UNIT entity: "Quân khu 4"
// in "Bộ Tư lệnh Quân khu 4".
type numberedRef struct {
	tok        int // the head's first token
	start, end int // token span of head and number
}

// numberedUnit returns the numbered unit with head key head nearest to
// token at: in the same sentence, else the latest before it; nil if the
// article names none.
func (r *run) numberedUnit(head string, at int) *Entity {
	if r.numbered == nil {
		r.numbered = map[string][]numberedRef{}
		for i := range r.ents {
			e := &r.ents[i]
			if e.Type != Unit {
				continue
			}
			for t := e.tokStart; t < e.tokEnd; t++ {
				n, info := r.lex.units.longest(r.keys, t, e.tokEnd)
				if n > 0 && info.role == unitHead && t+n < e.tokEnd && r.isDesignator(t+n) {
					k := r.keys.span(t, t+n)
					r.numbered[k] = append(r.numbered[k], numberedRef{tok: t, start: t, end: t + n + 1})
					t += n
				}
			}
		}
	}
	refs := r.numbered[head]
	if len(refs) == 0 {
		return nil
	}
	// refs are in text order: the first at or after at, and the one before.
	i := sort.Search(len(refs), func(i int) bool { return refs[i].tok >= at })
	lo, hi := r.bounds(r.doc.SentenceAt(r.toks[at].Start))
	var best *numberedRef
	if i > 0 && refs[i-1].tok >= lo {
		best = &refs[i-1]
	}
	if i < len(refs) && refs[i].tok < hi && (best == nil || refs[i].tok-at < at-best.tok) {
		best = &refs[i]
	}
	if best == nil && i > 0 {
		best = &refs[i-1]
	}
	if best == nil {
		return nil
	}
	return r.synthUnit(best.start, best.end-1, best.end-1)
}

// synthUnit makes a unit from a head [h, he) and the designator at d, for
// a profile: "Sư đoàn trưởng 367" gives "Sư đoàn 367".
func (r *run) synthUnit(h, he, d int) *Entity {
	text := r.doc.Text[r.toks[h].Start:r.toks[he-1].End]
	if d != he {
		text += " " + r.toks[d].Text
	} else {
		text = r.doc.Text[r.toks[h].Start:r.toks[d].End]
	}
	return &Entity{Type: Unit, Text: text, tokStart: h, tokEnd: d + 1}
}

// startingAt returns the entity of type t that starts at token i, or nil.
func (ix *entityIndex) startingAt(r *run, i int, t Type) *Entity {
	idx, ok := ix.startAt(i)
	if !ok {
		return nil
	}
	for x := idx; x < len(r.ents) && r.ents[x].tokStart == i; x++ {
		if r.ents[x].Type == t {
			return &r.ents[x]
		}
	}
	return nil
}

var (
	kThuoc = nlp.Key("thuộc")
	kLa    = nlp.Key("là")
	kKiem  = nlp.Key("kiêm")
)

// postBefore reads a post before the name (and its rank) starting at i:
// "Phó Tư lệnh Quân khu 7, Thiếu tướng ...", "Bộ trưởng Quốc phòng Mỹ ...".
func (r *run) postBefore(i, lo int, ix *entityIndex) ([2]int, *Entity, bool) {
	k := i
	// An address word after the post: "Đại biện lâm thời Mỹ, ông Mark Olsen".
	for m := 1; m <= 2 && k-m > lo; m++ {
		if r.lex.cues.has(r.keys, k-m, k) && r.toks[k-m-1].Text == "," {
			k -= m
			break
		}
	}
	if k > lo && (r.toks[k-1].Text == "," || isDash(r.toks[k-1].Text) || r.key(k-1) == kLa) {
		k-- // "Chủ tọa phiên tòa là Thượng tá ..."
	}
	// An acronym in parentheses: "Cơ quan An ninh Quốc gia Anh (MI5) John Carver".
	if k-3 >= lo && r.toks[k-1].Text == ")" && r.toks[k-3].Text == "(" {
		k -= 3
	}
	var unit *Entity
	if u := ix.endingAt(r, k, lo, Unit); u != nil {
		unit = u
		k = u.tokStart
	} else {
		// A country between the post and the name, or where the post is
		// held: "Đại biện lâm thời Pháp tại Manila".
		for m := 1; m <= 4 && k-m-1 > lo && r.isUpperWord(k-m); m++ {
			if t := r.key(k - m - 1); t == kTai || t == kO {
				k -= m + 1
				break
			}
		}
		for m := 4; m >= 1; m-- {
			if k-m >= lo && r.lex.locations.has(r.keys, k-m, k) {
				k -= m
				break
			}
		}
	}
	pos := ix.endingAt(r, k, lo, Position)
	if pos == nil && unit == nil && r.key(k-1) != kVa {
		// A post with its ministry named after it: "Bộ trưởng Thông tin và
		// Truyền thông Đỗ Quý Hải". A ministry's name never ends on "và":
		// "Phó trung đoàn trưởng và Đại úy B" lists two people.
		for t := k - 1; t >= lo && t >= k-7; t-- {
			if !(r.isUpperWord(t) || r.key(t) == kVa || r.toks[t].Kind == nlp.KindWord && t > lo && r.isUpperWord(t-1)) {
				break
			}
			if p := ix.endingAt(r, t, lo, Position); p != nil && t < k {
				return [2]int{p.tokStart, k}, nil, true
			}
		}
	}
	if pos == nil {
		// A post that runs into its unit: "Trưởng phòng Khoa học quân sự".
		if unit != nil {
			pos = ix.endingAt(r, unit.tokStart+1, lo, Position)
		}
		if pos == nil {
			return [2]int{}, nil, false
		}
	}
	start := pos.tokStart
	// "nguyên", "cựu" before the post belong to it.
	if start > lo && (r.key(start-1) == kNguyen || r.key(start-1) == kCuu) {
		start--
	}
	return [2]int{start, pos.tokEnd}, unit, true
}

var (
	kNguyen = nlp.Key("nguyên")
	kCuu    = nlp.Key("cựu")
)

func (r *run) setPost(p *Profile, pos [2]int, unit *Entity) {
	if pos[1] > pos[0] {
		p.Position = nlp.CollapseSpace(r.doc.Text[r.toks[pos[0]].Start:r.toks[pos[1]-1].End])
	}
	if unit != nil {
		p.Unit = nlp.CollapseSpace(unit.Text)
	}
}
