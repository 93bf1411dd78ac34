package extract

import (
	"slices"

	"github.com/vnews/vnews/internal/link"
)

// applyTagged makes the learned tagger's PERSON and UNIT mentions the
// run's: the rules' own PERSON and UNIT mentions go, and so does any other
// rule mention the tagger's spans overlap (a place inside a unit's name,
// "Hạ sĩ" inside "Trường Hạ sĩ quan"), except posts, which the profile
// linker needs even where a unit's name starts inside them ("Trưởng phòng
// Tác huấn": the post "Trưởng phòng", the unit "phòng Tác huấn"). What the
// rules knew of a span they found too (a unit's kind and spelled-out name,
// a byline's role) is kept; a span of the tagger's own gets its unit kind
// from the head it holds and its name spelled out as the rules spell one.
// spans are in text order and do not overlap.
func (r *run) applyTagged(spans []Entity, rules mergeSet) {
	spans, keep := r.merge(spans, rules)
	// covered[k] is the index+1 of the tagged span holding token k.
	covered := grow(r.scratch.covered, len(r.toks)) // merge is done with it
	clear(covered)
	r.scratch.covered = covered
	for si, s := range spans {
		for k := s.tokStart; k < s.tokEnd; k++ {
			covered[k] = int32(si + 1)
		}
	}
	overlaps := func(e *Entity) bool {
		for k := e.tokStart; k < e.tokEnd; k++ {
			if covered[k] != 0 {
				return true
			}
		}
		return false
	}
	// The tokens of the rules' bylines and photo credits, by role (few).
	roles := map[int]string{}
	for i := range r.ents {
		if e := &r.ents[i]; e.Type == Person && e.Role != "" {
			for k := e.tokStart; k < e.tokEnd; k++ {
				roles[k] = e.Role
			}
		}
	}
	// The rules' PERSON and UNIT mentions, in text order, for what they
	// knew of a span the tagger found too.
	nrule := 0
	for i := range r.ents {
		if t := r.ents[i].Type; !keep[i] && (t == Person || t == Unit) {
			nrule++
		}
	}
	rule := slices.Grow(r.scratch.rule[:0], nrule)
	// The rules' mentions that stay are moved to the front of r.ents, in
	// order, and the tagged spans appended after them: no new list.
	n := 0
	for i := range r.ents {
		e := &r.ents[i]
		switch {
		case keep[i]:
			// Rules stay where they are exact (see merge).
		case e.Type == Person || e.Type == Unit:
			rule = append(rule, *e)
			continue
		case e.Type == Position:
			// A post the tagger put wholly inside a name is part of it.
			if inside := covered[e.tokStart]; inside != 0 && covered[e.tokEnd-1] == inside {
				continue
			}
		case overlaps(e):
			continue
		}
		r.ents[n] = *e
		n++
	}
	clear(r.ents[n:])
	out := r.ents[:n]
	r.scratch.rule = rule
	j := 0 // rule[j:] start at or after the span
	for _, s := range spans {
		for j < len(rule) && rule[j].tokStart < s.tokStart {
			j++
		}
		old := -1
		for k := j; k < len(rule) && rule[k].tokStart == s.tokStart; k++ {
			if rule[k].Type == s.Type && rule[k].tokEnd == s.tokEnd {
				old = k
				break
			}
		}
		if old >= 0 {
			s.Canonical, s.Kind, s.Role = rule[old].Canonical, rule[old].Kind, rule[old].Role
		} else if s.Type == Unit {
			s.Canonical, s.Kind = r.unitCanonical(s.tokStart, s.tokEnd), r.unitKind(s.tokStart, s.tokEnd)
		} else if s.Type == Person {
			s.Role = r.roleOf(s, roles)
		}
		out = append(out, s)
	}
	slices.SortStableFunc(out, byStartLongest)
	if rules&mergeArm != 0 {
		r.armTails(out)
	}
	if rules&mergeSame != 0 {
		out = r.sameMentions(out, rules)
	}
	if rules&mergeGiven != 0 {
		out = r.givenMentions(out)
	}
	r.ents = out
	clear(r.owner)
	for i := range r.ents {
		e := &r.ents[i]
		for k := e.tokStart; k < e.tokEnd; k++ {
			if r.owner[k] == 0 {
				r.owner[k] = ownerOf(e.Type)
			}
		}
	}
}

// exactAbbr reports a one-token UNIT mention that is an abbreviation the
// lexicon knows as a unit by itself (a service or a name written in
// capitals: "CAND", "NATO") or that the article defined in parentheses.
func (r *run) exactAbbr(e *Entity) bool {
	if e.tokEnd != e.tokStart+1 {
		return false
	}
	if _, ok := r.acronyms[r.key(e.tokStart)]; ok {
		return true
	}
	n, info := r.lex.units.longest(r.keys, e.tokStart, e.tokEnd)
	return n == 1 && (info.role == unitAbbr ||
		(info.role == unitService || info.role == unitName) && r.toks[e.tokStart].IsAllUpper()) // "CAND", "NATO"
}

// unitKind is the kind of the unit over tokens [i, j): that of the first
// unit head, name or abbreviation the span holds (its head is usually its
// first word: "tiểu đoàn pháo binh 105 ly"), or of an acronym the article
// defined, else "other".
func (r *run) unitKind(i, j int) string {
	for k := i; k < j; k++ {
		if n, info := r.lex.units.longest(r.keys, k, j); n > 0 && info.role != unitBlocker && info.kind != "" {
			return info.kind
		}
		if info, ok := r.acronyms[r.key(k)]; ok && info.kind != "" {
			return info.kind
		}
	}
	return "other"
}

// roleOf tells whether a PERSON span of the tagger's is an author (inside
// the article's byline) or a photographer: the role of a rule mention it
// overlaps (roles holds their tokens).
func (r *run) roleOf(s Entity, roles map[int]string) string {
	if b := r.doc.Byline; !b.IsZero() && s.Start >= b.Start && s.End <= b.End {
		return "author"
	}
	for k := s.tokStart; k < s.tokEnd; k++ {
		if role, ok := roles[k]; ok {
			return role
		}
	}
	return ""
}

// runScratch holds the working arrays of applyTagged and merge, reused
// from one article to the next with the run (see runPool).
type runScratch struct {
	keep, region, taken, dropped []bool
	covered                      []int32
	out, rule, tagged            []Entity
	prof                         profScratch
	linkIn                       *link.Input // the linker's input (see linkInput)
	spanOf                       []int32
	same                         sameScratch
	givenEnds                    map[string]givenEnd // see indexGivenNames
	quoted                       map[string]int      // see indexQuoted
}

// sameScratch holds the maps and lists of sameMentions.
type sameScratch struct {
	first   map[string]int
	lens    map[string]uint16
	count   map[int][2]int
	covered []bool
	places  []samePlace
	// givenMentions'
	given      map[string]int
	givenCount map[string][2]int
}

// samePlace is where the words of mention first-1 stand again: tokens
// [i, i+n) of sentence si.
type samePlace struct{ i, n, si, f int }

// profScratch holds the working lists and maps of profiles.
type profScratch struct {
	mentions        [][]int
	keys            []string
	of              []int32
	flat            []int
	byKey, bySuffix map[string]int
}

// release empties the arrays that hold entities (their strings point into
// the article's text).
func (s *runScratch) release() {
	clear(s.out[:cap(s.out)])
	clear(s.rule[:cap(s.rule)])
	clear(s.tagged[:cap(s.tagged)])
	p := &s.prof
	clear(p.mentions[:cap(p.mentions)])
	clear(p.keys[:cap(p.keys)])
	clear(p.byKey)
	clear(p.bySuffix)
	clear(s.same.first) // its keys are the article's
	clear(s.same.lens)
	clear(s.same.given)
	clear(s.same.givenCount)
	clear(s.givenEnds)
	clear(s.quoted)
	if in := s.linkIn; in != nil {
		in.Doc = nil
		clear(in.Spans[:cap(in.Spans)])
		for i := range in.People[:cap(in.People)] {
			in.People[:cap(in.People)][i].Rule = [link.NSlots]string{}
		}
		in.Release()
	}
}
