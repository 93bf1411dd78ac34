package extract

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vnews/vnews/nlp"
)

// profiles links the PERSON mentions of r.ents (in text order) into people:
// a full name opens a profile, and a shorter mention joins the nearest
// earlier profile whose name ends with it. It sets each mention's Ref and
// fills rank, position and unit from appositions.
func (r *run) profiles() []Profile {
	var ps []Profile
	var keys []string // key of each profile's name
	byTok := make(map[int]int, len(r.ents))
	for idx := range r.ents {
		byTok[r.ents[idx].tokStart] = idx
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
		p := -1
		for q := len(ps) - 1; q >= 0; q-- {
			if keys[q] == k || strings.HasSuffix(keys[q], " "+k) || strings.HasSuffix(k, " "+keys[q]) {
				p = q
				break
			}
		}
		if p < 0 {
			ps = append(ps, Profile{Ref: "p" + strconv.Itoa(len(ps)+1), Name: name})
			keys = append(keys, k)
			p = len(ps) - 1
		}
		pr := &ps[p]
		if utf8.RuneCountInString(name) > utf8.RuneCountInString(pr.Name) {
			pr.Name, keys[p] = name, k
		}
		pr.Mentions++
		e.Ref = pr.Ref
		if e.Role != "" && pr.Role == "" {
			pr.Role = e.Role
		}
		r.fillAttributes(pr, e, byTok)
	}
	return ps
}

// fillAttributes sets a profile's rank, position and unit from what stands
// next to mention e: "Đại tá Nguyễn Đình Lưu, Phó Tư lệnh Bộ Tư lệnh Thủ đô
// Hà Nội" and "Phó Tư lệnh Bộ Tư lệnh Thủ đô Hà Nội, Đại tá Nguyễn Đình Lưu".
func (r *run) fillAttributes(p *Profile, e *Entity, byTok map[int]int) {
	s := r.doc.Sentences[e.Sentence]
	lo, hi := s.TokStart, s.TokEnd
	entAt := func(i int) *Entity {
		if i < lo || i >= hi {
			return nil
		}
		if idx, ok := byTok[i]; ok {
			return &r.ents[idx]
		}
		return nil
	}
	entEndingAt := func(end int) *Entity {
		for idx := len(r.ents) - 1; idx >= 0; idx-- {
			if x := &r.ents[idx]; x.tokEnd == end && x.tokStart >= lo {
				return x
			}
		}
		return nil
	}
	// Rank right before the name.
	i := e.tokStart
	if x := entEndingAt(i); x != nil && x.Type == Rank {
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
	if x := entEndingAt(k); x != nil {
		if x.Type == Unit {
			if y := entEndingAt(x.tokStart); y != nil && y.Type == Position {
				r.setPost(p, y, x)
				return
			}
		}
		if x.Type == Position {
			r.setPost(p, x, nil)
		}
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
