package extract

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vnews/vnews/nlp"
)

// entityIndex finds entities by the token where they start or end.
type entityIndex struct {
	byStart map[int]int   // token → index of the entity starting there
	byEnd   map[int][]int // token → indices of the entities ending just before it
}

func (r *run) indexEntities() entityIndex {
	ix := entityIndex{byStart: make(map[int]int, len(r.ents)), byEnd: make(map[int][]int, len(r.ents))}
	for i := range r.ents {
		e := &r.ents[i]
		if _, ok := ix.byStart[e.tokStart]; !ok {
			ix.byStart[e.tokStart] = i
		}
		ix.byEnd[e.tokEnd] = append(ix.byEnd[e.tokEnd], i)
	}
	return ix
}

// profiles links the PERSON mentions of r.ents (in text order) into people:
// a full name opens a profile, a mention equal to the end of an earlier
// name ("Lưu", "Đình Lưu") joins the latest such profile, and a full name
// after its short form first absorbs it. It sets each mention's Ref and
// fills rank, position and unit from appositions. Work is linear in the
// number of entities.
func (r *run) profiles() []Profile {
	var ps []Profile
	var keys []string              // key of each profile's name
	byKey := map[string]int{}      // full key → profile
	bySuffix := map[string][]int{} // key of every proper suffix of a name → profiles, latest last
	ix := r.indexEntities()
	index := func(p int) {
		k := keys[p]
		byKey[k] = p
		for i := 0; i < len(k); i++ {
			if k[i] == ' ' {
				bySuffix[k[i+1:]] = append(bySuffix[k[i+1:]], p)
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
		name = strings.Join(strings.Fields(name), " ")
		k := nlp.Key(name)
		p, ok := byKey[k]
		if !ok {
			if l := bySuffix[k]; len(l) > 0 {
				p, ok = l[len(l)-1], true
			}
		}
		if !ok {
			// A longer name for a profile opened by its short form.
			for i := 0; i < len(k) && !ok; i++ {
				if k[i] == ' ' {
					if q, found := byKey[k[i+1:]]; found && strings.Count(keys[q], " ") == 0 {
						p, ok = q, true
					}
				}
			}
		}
		if !ok {
			ps = append(ps, Profile{Ref: "p" + strconv.Itoa(len(ps)+1), Name: name})
			keys = append(keys, k)
			p = len(ps) - 1
			index(p)
		}
		pr := &ps[p]
		if utf8.RuneCountInString(name) > utf8.RuneCountInString(pr.Name) {
			pr.Name, keys[p] = name, k
			index(p)
		}
		pr.Mentions++
		e.Ref = pr.Ref
		if e.Role != "" && pr.Role == "" {
			pr.Role = e.Role
		}
		r.fillAttributes(pr, e, &ix)
	}
	return ps
}

// fillAttributes sets a profile's rank, position and unit from what stands
// next to mention e: "Đại tá Nguyễn Đình Lưu, Phó Tư lệnh Bộ Tư lệnh Thủ đô
// Hà Nội" and "Phó Tư lệnh Bộ Tư lệnh Thủ đô Hà Nội, Đại tá Nguyễn Đình Lưu".
func (r *run) fillAttributes(p *Profile, e *Entity, ix *entityIndex) {
	s := r.doc.Sentences[e.Sentence]
	lo, hi := s.TokStart, s.TokEnd
	entAt := func(i int) *Entity {
		if i < lo || i >= hi {
			return nil
		}
		if idx, ok := ix.byStart[i]; ok {
			return &r.ents[idx]
		}
		return nil
	}
	entEndingAt := func(end int, types ...Type) *Entity {
		for _, idx := range ix.byEnd[end] {
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
	// Rank right before the name.
	i := e.tokStart
	if x := entEndingAt(i, Rank); x != nil {
		if p.Rank == "" {
			p.Rank = x.Canonical
		}
		i = x.tokStart
	}
	// After: ", Phó Tư lệnh Bộ Tư lệnh ...", " - Chủ tịch ...", " (Giám đốc ...)".
	j := e.tokEnd
	if j < hi && (r.toks[j].Text == "," || isDash(r.toks[j].Text) || r.toks[j].Text == "(") {
		j++
	}
	if x := entAt(j); x != nil && x.Type == Position {
		r.setPost(p, x, entAt(x.tokEnd))
		return
	}
	// Before: "Phó Tư lệnh Bộ Tư lệnh Thủ đô Hà Nội, Đại tá Nguyễn Đình Lưu".
	k := i
	if k > lo && (r.toks[k-1].Text == "," || isDash(r.toks[k-1].Text)) {
		k--
	}
	if u := entEndingAt(k, Unit); u != nil {
		if pos := entEndingAt(u.tokStart, Position); pos != nil {
			r.setPost(p, pos, u)
			return
		}
	}
	if pos := entEndingAt(k, Position); pos != nil {
		r.setPost(p, pos, nil)
	}
}

func (r *run) setPost(p *Profile, pos, unit *Entity) {
	if p.Position != "" {
		return
	}
	p.Position = pos.Canonical
	if unit != nil && unit.Type == Unit {
		p.Unit = unit.Canonical
	}
}
