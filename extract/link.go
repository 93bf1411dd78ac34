package extract

import (
	"bytes"
	_ "embed"
	"io"
	"slices"
	"sync"

	"github.com/vnews/vnews/internal/link"
	"github.com/vnews/vnews/nlp"
)

// linkerModel is the profile linker's weights, written by
// `go run ./cmd/vnews-train link` from the annotated training articles.
//
//go:embed data/linker.bin
var linkerModel []byte

var embeddedLinker = sync.OnceValues(func() (*link.Model, error) {
	return link.ReadModel(bytes.NewReader(linkerModel))
})

// WithLinkerModel replaces the embedded profile-linker model with one read
// from r (as written by vnews-train link). A model without weights leaves
// profiles to the hand-written apposition rules.
func WithLinkerModel(r io.Reader) Option {
	return func(c *extractorConfig) { c.linker, c.linkerErr = link.ReadModel(r) }
}

// WithLinkTrace calls fn with each article's linker input before the
// linker decides; vnews-train uses it to collect training data.
func WithLinkTrace(fn func(*link.Input)) Option {
	return func(c *extractorConfig) { c.trace = fn }
}

var (
	kCo    = nlp.Key("cố")
	kQuyen = nlp.Key("quyền")
)

// linkInput is the linker's view of the article: the PERSON, UNIT, RANK and
// POSITION entities, the cue words around them and the profiles with the
// rules' answers. mentions[p] lists the indices into r.ents of profile p's
// mentions.
func (r *run) linkInput(ps []Profile, mentions [][]int) *link.Input {
	// The run's input is reused from one article to the next, except when
	// a tracer keeps each article's (vnews-train's training data).
	in := r.scratch.linkIn
	if in == nil || r.x.trace != nil {
		in = &link.Input{}
		if r.x.trace == nil {
			r.scratch.linkIn = in
		}
	}
	in.Doc = r.doc
	in.Cues = grow(in.Cues, len(r.toks))
	clear(in.Cues)
	n := 0
	for i := range r.ents {
		switch r.ents[i].Type {
		case Person, Unit, Rank, Position:
			n++
		}
	}
	in.Spans = slices.Grow(in.Spans[:0], n)
	spanOf := grow(r.scratch.spanOf, len(r.ents))
	r.scratch.spanOf = spanOf
	for i := range r.ents {
		e := &r.ents[i]
		var k link.Kind
		text := ""
		switch e.Type {
		case Person:
			k = link.KPerson
		case Unit:
			k = link.KUnit
		case Rank:
			k, text = link.KRank, e.Canonical
		case Position:
			k = link.KPosition
		default:
			continue
		}
		spanOf[i] = int32(len(in.Spans))
		in.Spans = append(in.Spans, link.Span{Kind: k, Tok: e.tokStart, End: e.tokEnd, Text: text})
	}
	// Cues matter only in sentences that name someone.
	lastSent := -1
	for _, ms := range mentions {
		for _, e := range ms {
			if si := r.ents[e].Sentence; si != lastSent {
				lastSent = si
				lo, hi := r.bounds(si)
				r.linkCues(in.Cues, lo, hi)
			}
		}
	}
	in.People = grow(in.People, len(ps))
	for p := range ps {
		lp := &in.People[p]
		lp.Mentions = slices.Grow(lp.Mentions[:0], len(mentions[p]))
		for _, e := range mentions[p] {
			lp.Mentions = append(lp.Mentions, int(spanOf[e]))
		}
		lp.Rule = [link.NSlots]string{ps[p].Rank, ps[p].Position, ps[p].Unit}
	}
	in.Prepare()
	return in
}

// linkCues marks the cue words of tokens [lo, hi).
func (r *run) linkCues(cues []uint8, lo, hi int) {
	for i := lo; i < hi; i++ {
		var c uint8
		switch r.key(i) {
		case kNguyen, kCuu, kCo, kQuyen:
			c |= link.CuePrior
		case kCua, kThuoc, kTai:
			c |= link.CueOf
		case kKiem:
			c |= link.CueJoin
		case kVa:
			c |= link.CueAnd
		case kTruong, kPho:
			c |= link.CuePostWord
		}
		if n, _ := r.lex.roleVerbs.longest(r.keys, i, hi); n > 0 {
			for k := i; k < i+n; k++ {
				cues[k] |= link.CueRoleVerb
			}
		}
		if n, _ := r.lex.cues.longest(r.keys, i, hi); n > 0 {
			c |= link.CueAddress
		}
		cues[i] |= c
	}
}

// link lets the learned linker decide every profile's rank, post and unit
// from the candidates near its mentions, the rules' answers among them.
func (r *run) link(ps []Profile, mentions [][]int) {
	m := r.x.linker
	if m == nil || len(ps) == 0 || len(m.W) == 0 && r.x.trace == nil {
		return
	}
	in := r.linkInput(ps, mentions)
	if r.x.trace != nil {
		r.x.trace(in)
	}
	if len(m.W) == 0 {
		return
	}
	for p, a := range m.Decide(in) {
		ps[p].Rank, ps[p].Position, ps[p].Unit = a.Rank, a.Position, a.Unit
	}
}
