package link

import (
	"sort"
	"strings"

	"github.com/vnews/vnews/nlp"
)

// Kind is the type of a span the linker reads.
type Kind uint8

// Span kinds.
const (
	KPerson Kind = iota + 1
	KUnit
	KRank
	KPosition
	KLocation
)

// Span is an entity mention over tokens [Tok, End) of Input.Doc. Text is
// the value it gives a profile: the canonical rank for a RANK, "" for the
// others (their text as written is read from the document).
type Span struct {
	Kind     Kind
	Tok, End int
	Text     string
}

// Cue flags mark tokens the features look at; the caller sets them from its
// lexicons.
const (
	CueRoleVerb uint8 = 1 << iota // inside a verb that takes a post: "là", "giữ chức", "được bổ nhiệm"
	CueAddress                    // an address word: "ông", "đồng chí"
	CuePrior                      // "nguyên", "cựu", "cố" before a post
	CueOf                         // "của", "thuộc", "tại"
	CueJoin                       // "kiêm"
	CueAnd                        // "và"
	CuePostWord                   // "trưởng", "phó": a bare post before a unit ("Trưởng Công an huyện")
)

// Slots of a profile, in the order they are decided.
const (
	SlotRank = iota
	SlotPosition
	SlotUnit
	NSlots
)

// Person is one profile: its PERSON mentions and the rule linker's answers.
type Person struct {
	Mentions []int          // indices into Input.Spans, in text order
	Rule     [NSlots]string // the hand-written rules' answer per slot, "" if none
}

// Input is what the linker reads of one article.
type Input struct {
	Doc    *nlp.Document
	Spans  []Span  // in text order (by Tok, longer first)
	Cues   []uint8 // per token of Doc
	People []Person

	sentOf []int32 // sentence index of each span
	keys   string  // the document's token keys (nlp.Document.Keys), set by Prepare
	keyOff []int32
	bufs   [NSlots]candBuf // Decide's candidate lists, kept for the next article
	attrs  []Attrs         // Decide's answers
	scores []float64       // bestOwn's scores and values
	values []value
}

// Release lets go of the article in was made for (its document, texts and
// keys), keeping the arrays for the next one.
func (in *Input) Release() {
	in.Doc, in.keys, in.keyOff = nil, "", nil
	for i := range in.bufs {
		in.bufs[i].release()
	}
	clear(in.attrs[:cap(in.attrs)])
}

// tokKey returns the matching key of token t (nlp.Key of its text).
func (in *Input) tokKey(t int) string { return in.keys[in.keyOff[t] : in.keyOff[t+1]-1] }

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// Cand is a candidate value for one slot of one profile. Candidate 0 of a
// list is "none".
type Cand struct {
	Feats    []uint64
	Tok, End int    // token range; -1 for none and for a rule-only answer
	text     string // set for a rule-only answer and for ranks
	Variant  string // how the candidate was built (for reports)
	mention  int
	spanKind Kind
}

// Text returns the value the candidate gives the profile: a rank's
// canonical name, else the text as written with runs of space collapsed.
func (c *Cand) Text(in *Input) string {
	if c.text != "" || c.Tok < 0 {
		return c.text
	}
	toks := in.Doc.Tokens
	s := in.Doc.Text[toks[c.Tok].Start:toks[c.End-1].End]
	if strings.ContainsAny(s, "\n\t\r") || strings.Contains(s, "  ") {
		s = strings.Join(strings.Fields(s), " ")
	}
	return s
}

// Prepare indexes the spans, which must be in text order; call it once
// after filling Spans and before Decide or Candidates.
func (in *Input) Prepare() {
	in.keys, in.keyOff = in.Doc.Keys()
	in.sentOf = grow(in.sentOf, len(in.Spans))
	ss := in.Doc.Sentences
	for i, s := range in.Spans {
		k := sort.Search(len(ss), func(k int) bool { return ss[k].TokEnd > s.Tok })
		if k == len(ss) {
			k = len(ss) - 1
		}
		in.sentOf[i] = int32(k)
	}
}

// Window is how far, in tokens on either side of a mention, the linker
// looks for candidates and their context inside the mention's sentence. A
// news sentence is rarely longer; a text without full stops (a long list,
// unpunctuated text) makes one sentence of thousands of tokens, in which
// people × candidates × the spans between them would grow with the cube of
// its length (a 100 KB sentence took 40 s).
const Window = 150

// sentence returns the index range of the spans of span i's sentence that
// start within Window tokens of it (the whole sentence, as a rule).
func (in *Input) sentence(i int) (lo, hi int) {
	s := in.sentOf[i]
	lo = sort.Search(len(in.Spans), func(k int) bool { return in.sentOf[k] >= s })
	hi = sort.Search(len(in.Spans), func(k int) bool { return in.sentOf[k] > s })
	tlo, thi := in.tokBounds(i)
	lo += sort.Search(hi-lo, func(k int) bool { return in.Spans[lo+k].Tok >= tlo })
	hi = lo + sort.Search(hi-lo, func(k int) bool { return in.Spans[lo+k].Tok >= thi })
	return lo, hi
}

// tokBounds returns the token range of span i's sentence within Window
// tokens of it.
func (in *Input) tokBounds(i int) (int, int) {
	s := in.Doc.Sentences[in.sentOf[i]]
	sp := in.Spans[i]
	return max(s.TokStart, sp.Tok-Window), min(s.TokEnd, sp.End+Window)
}
