package ner

import (
	"encoding/binary"
	"fmt"
	"io"
	"math/bits"
	"slices"

	"github.com/vnews/vnews/nlp"
)

// Doc is a whole document for a Tagger: its tokens, the sequences they are
// tagged in (sentences, as token ranges), and for training its gold spans
// (token indices into Tokens; a span crossing sequences is not learned).
type Doc struct {
	Tokens    []Token
	Sentences [][2]int
	Spans     []Span
}

// Tagger tags whole documents, in one pass or two. The second pass is a
// model stacked on the first: each token also gets as hints the first pass's
// tag of it and, for a capitalized token, whether its key is in a span of
// each type elsewhere in the document ("Tiến" alone after "Nguyễn Văn Tiến"
// was tagged a PERSON). A Tagger is read-only and safe for concurrent use.
type Tagger struct {
	first, second *Model
	// gate says which tokens both passes score (gate.go).
	gate gate
	// The stacking hints, built once: part[t][p] is the first pass's tag
	// (B, I, L) of type t; else[t][k] says the key is in a span of type t
	// elsewhere (k = 0), as its last token (1), as its first token (2).
	part  [][3]Hint
	other [][3]Hint
}

func newTagger(first, second *Model) *Tagger {
	t := &Tagger{first: first, second: second, gate: noGate}
	for _, ty := range first.types {
		t.part = append(t.part, [3]Hint{NewHint("s1:" + ty + ":B"), NewHint("s1:" + ty + ":I"), NewHint("s1:" + ty + ":L")})
		t.other = append(t.other, [3]Hint{NewHint("s1:doc:" + ty), NewHint("s1:doc:" + ty + ":last"), NewHint("s1:doc:" + ty + ":first")})
	}
	return t
}

// Types returns the entity types, indexed by Span.Type.
func (t *Tagger) Types() []string { return t.first.Types() }

// Stacked reports whether the tagger has a second pass.
func (t *Tagger) Stacked() bool { return t.second != nil }

// Size is the number of features with weights, over both passes.
func (t *Tagger) Size() int {
	n := t.first.Features()
	if t.second != nil {
		n += t.second.Features()
	}
	return n
}

// Gated returns a copy of t that tags O, without scoring them, the tokens
// with no signal within w tokens on either side (see gate.go); w < 0 scores
// every token, as a tagger does by default.
func (t *Tagger) Gated(w int) *Tagger {
	c := *t
	c.gate.window = max(w, -1)
	return &c
}

// MaxSequence bounds the tokens tagged as one sequence. A sentence longer
// than this (a text without full stops, a list that never ends) is tagged
// in pieces, cut after the last comma or semicolon of each piece's second
// half, else at the bound: the working memory of a sequence (features,
// scores, back pointers) is a few hundred bytes a token, which a
// two-megabyte sentence would have turned into gigabytes. A news sentence
// is far shorter.
const MaxSequence = 512

// splitLong returns sents with every sequence longer than MaxSequence cut
// into pieces; sents itself when none is.
func splitLong(toks []Token, sents [][2]int) [][2]int {
	long := false
	for _, s := range sents {
		if s[1]-s[0] > MaxSequence {
			long = true
			break
		}
	}
	if !long {
		return sents
	}
	out := make([][2]int, 0, len(sents)+8)
	for _, s := range sents {
		for s[1]-s[0] > MaxSequence {
			cut := s[0] + MaxSequence
			for k := cut - 1; k > s[0]+MaxSequence/2; k-- {
				if t := &toks[k]; t.Kind == nlp.KindPunct && (t.Text == "," || t.Text == ";") {
					cut = k + 1
					break
				}
			}
			out = append(out, [2]int{s[0], cut})
			s[0] = cut
		}
		out = append(out, s)
	}
	return out
}

// Tag returns the spans of d (token indices into d.Tokens), appended to
// dst in text order. Sentences longer than MaxSequence tokens are tagged
// in pieces.
func (t *Tagger) Tag(d Doc, dst []Span) []Span {
	d.Sentences = splitLong(d.Tokens, d.Sentences)
	if t.second == nil {
		return tagSequences(t.first, d, &t.gate, dst)
	}
	first := tagSequences(t.first, d, &t.gate, nil)
	stacked := t.stackTokens(d.Tokens, first)
	if !t.gate.quiet {
		return tagSequences(t.second, Doc{Tokens: stacked, Sentences: d.Sentences}, &t.gate, dst)
	}
	// Quiet sentences: the first pass found nothing in them and nothing
	// found elsewhere marks their tokens, so the second pass, which would
	// see the same tokens, is skipped (they have no span).
	for _, s := range d.Sentences {
		quiet := true
		for i := s[0]; i < s[1] && quiet; i++ {
			quiet = len(stacked[i].Hints) == len(d.Tokens[i].Hints)
		}
		if quiet {
			continue
		}
		n := len(dst)
		dst = t.second.tag(stacked[s[0]:s[1]], &t.gate, dst)
		for i := n; i < len(dst); i++ {
			dst[i].Start += s[0]
			dst[i].End += s[0]
		}
	}
	return dst
}

// Quiet returns a copy of t that skips the second pass over the sentences
// where the first found nothing and no token has a hint from the first
// pass's spans elsewhere: an approximation, chosen by cross-validation.
func (t *Tagger) Quiet() *Tagger {
	c := *t
	c.gate.quiet = true
	return &c
}

func tagSequences(m *Model, d Doc, g *gate, dst []Span) []Span {
	for _, s := range d.Sentences {
		n := len(dst)
		dst = m.tag(d.Tokens[s[0]:s[1]], g, dst)
		for i := n; i < len(dst); i++ {
			dst[i].Start += s[0]
			dst[i].End += s[0]
		}
	}
	return dst
}

func capitalized(s Shape) bool { return s == ShapeTitle || s == ShapeUpper || s == ShapeInitial }

// stackTokens returns toks with the second pass's hints given the first
// pass's spans. The new hints of all tokens share one backing array.
func (t *Tagger) stackTokens(toks []Token, spans []Span) []Token {
	out := slices.Clone(toks)
	type tk struct {
		key string
		ty  int
	}
	var count [3]map[tk]int
	for k := range count {
		count[k] = map[tk]int{}
	}
	// extra[i] has bit 6*type+part for the first pass's tag part (B, I, L)
	// and bit 6*type+3+k for t.other[type][k]. maxTypes*6 <= 64.
	extra := make([]uint64, len(toks))
	for _, s := range spans {
		for i := s.Start; i < s.End; i++ {
			p := 1
			if i == s.Start {
				p = 0
			}
			extra[i] |= 1 << (6*s.Type + p)
			if i == s.End-1 {
				extra[i] |= 1 << (6*s.Type + 2)
			}
			if capitalized(toks[i].Shape) {
				count[0][tk{toks[i].Key, s.Type}]++
				if i == s.End-1 {
					count[1][tk{toks[i].Key, s.Type}]++
				}
				if i == s.Start {
					count[2][tk{toks[i].Key, s.Type}]++
				}
			}
		}
	}
	// own[i] marks the counts token i made itself, which do not count for it.
	own := make([][3]int, len(toks))
	for i := range own {
		for k := range own[i] {
			own[i][k] = -1
		}
	}
	for _, s := range spans {
		for i := s.Start; i < s.End; i++ {
			own[i][0] = s.Type
			if i == s.End-1 {
				own[i][1] = s.Type
			}
			if i == s.Start {
				own[i][2] = s.Type
			}
		}
	}
	total := 0
	for i := range toks {
		if capitalized(toks[i].Shape) {
			for ty := range t.other {
				for k := range count {
					n := count[k][tk{toks[i].Key, ty}]
					if own[i][k] == ty {
						n--
					}
					if n > 0 {
						extra[i] |= 1 << (6*ty + 3 + k)
					}
				}
			}
		}
		if extra[i] != 0 {
			total += len(toks[i].Hints) + bits.OnesCount64(extra[i])
		}
	}
	buf := make([]Hint, 0, total)
	for i := range out {
		e := extra[i]
		if e == 0 {
			continue
		}
		h0 := len(buf)
		buf = append(buf, out[i].Hints...)
		for e != 0 {
			b := bits.TrailingZeros64(e)
			e &= e - 1
			ty, k := b/6, b%6
			if k < 3 {
				buf = append(buf, t.part[ty][k])
			} else {
				buf = append(buf, t.other[ty][k-3])
			}
		}
		out[i].Hints = buf[h0:len(buf):len(buf)]
	}
	return out
}

// examples returns one training example per sequence of the documents.
func docExamples(docs []Doc) []Example {
	var out []Example
	for _, d := range docs {
		for _, s := range d.Sentences {
			ex := Example{Tokens: d.Tokens[s[0]:s[1]]}
			for _, sp := range d.Spans {
				if sp.Start >= s[0] && sp.End <= s[1] {
					ex.Spans = append(ex.Spans, Span{Type: sp.Type, Start: sp.Start - s[0], End: sp.End - s[0]})
				}
			}
			out = append(out, ex)
		}
	}
	return out
}

// TrainTagger trains a tagger on whole documents. With cfg.Stack = k > 1 it
// has a second pass, trained on the first pass's output over the training
// documents, each tagged by a first-pass model trained without it (k folds
// by document order), so that the second pass learns how far the first can
// be trusted on unseen text.
func TrainTagger(docs []Doc, cfg TrainConfig) (*Tagger, error) {
	firstCfg := cfg
	if cfg.FirstTemplates != 0 && cfg.Stack >= 2 {
		firstCfg.Templates = cfg.FirstTemplates
	}
	first, err := Train(docExamples(docs), firstCfg)
	if err != nil {
		return nil, err
	}
	if cfg.Stack < 2 {
		return newTagger(first, nil), nil
	}
	t := newTagger(first, nil)
	stacked := make([]Doc, len(docs))
	for k := range cfg.Stack {
		var train []Doc
		for i, d := range docs {
			if i%cfg.Stack != k {
				train = append(train, d)
			}
		}
		m, err := Train(docExamples(train), firstCfg)
		if err != nil {
			return nil, err
		}
		for i, d := range docs {
			if i%cfg.Stack == k {
				spans := tagSequences(m, d, &noGate, nil)
				stacked[i] = Doc{Tokens: t.stackTokens(d.Tokens, spans), Sentences: d.Sentences, Spans: d.Spans}
			}
		}
	}
	second, err := Train(docExamples(stacked), cfg)
	if err != nil {
		return nil, err
	}
	return newTagger(first, second), nil
}

// The tagger file: "VNNERSTK", uint32 version, uint8 passes (1 or 2), and
// per pass a uint32 length and a model file (see Model.WriteTo).
const (
	taggerMagic   = "VNNERSTK"
	taggerVersion = 1
)

// WriteTo writes the tagger; the same tagger always gives the same bytes.
func (t *Tagger) WriteTo(w io.Writer) (int64, error) {
	var b []byte
	b = append(b, taggerMagic...)
	b = binary.LittleEndian.AppendUint32(b, taggerVersion)
	models := []*Model{t.first}
	if t.second != nil {
		models = append(models, t.second)
	}
	b = append(b, byte(len(models)))
	for _, m := range models {
		var mb sliceWriter
		m.WriteTo(&mb)
		b = binary.LittleEndian.AppendUint32(b, uint32(len(mb)))
		b = append(b, mb...)
	}
	n, err := w.Write(b)
	return int64(n), err
}

type sliceWriter []byte

func (s *sliceWriter) Write(p []byte) (int, error) { *s = append(*s, p...); return len(p), nil }

// ReadTagger reads a tagger written by WriteTo.
func ReadTagger(r io.Reader) (*Tagger, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrModel, err)
	}
	return ParseTagger(b)
}

// ParseTagger reads a tagger from the bytes of a tagger file.
func ParseTagger(b []byte) (*Tagger, error) {
	bad := func(msg string) (*Tagger, error) { return nil, fmt.Errorf("%w: %s", ErrModel, msg) }
	h := len(taggerMagic) + 5
	if len(b) < h || string(b[:len(taggerMagic)]) != taggerMagic {
		return bad("not a tagger file")
	}
	if v := binary.LittleEndian.Uint32(b[len(taggerMagic):]); v != taggerVersion {
		return bad(fmt.Sprintf("tagger version %d, want %d", v, taggerVersion))
	}
	n := int(b[h-1])
	if n < 1 || n > 2 {
		return bad("bad pass count")
	}
	p := b[h:]
	var models []*Model
	for range n {
		if len(p) < 4 {
			return bad("truncated")
		}
		l := binary.LittleEndian.Uint32(p)
		if uint64(l) > uint64(len(p)-4) {
			return bad("truncated")
		}
		m, err := ParseModel(p[4 : 4+l])
		if err != nil {
			return nil, err
		}
		models = append(models, m)
		p = p[4+l:]
	}
	if len(p) != 0 {
		return bad("trailing bytes")
	}
	if n == 2 && !slices.Equal(models[0].types, models[1].types) {
		return bad("passes with different types")
	}
	t := newTagger(models[0], nil)
	if n == 2 {
		t.second = models[1]
	}
	return t, nil
}
