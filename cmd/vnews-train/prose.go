package main

import (
	"unicode"

	"github.com/jdkato/prose/v2"
)

// The baselines from github.com/jdkato/prose/v2, the only file that uses
// it. vnews does not use prose: `vnews-train sentences` and `prose-ner`
// measure vnews against it, and `prose-ner -train` cross-validates prose's
// own recognizer trained on the project's annotated articles. Keeping it
// here keeps it out of the vnews binary.

// proseSentences splits text into sentences with prose's Punkt splitter,
// which is trained on English: the baseline that `vnews-train sentences`
// measures Analyze against (see README.md: it breaks after "TP." and other
// Vietnamese abbreviations and reloads its model on every call). It
// returns the sentences' texts; prose reports no offsets.
func proseSentences(text string) ([]string, error) {
	doc, err := prose.NewDocument(text, prose.WithTokenization(false), prose.WithTagging(false), prose.WithExtraction(false))
	if err != nil {
		return nil, err
	}
	ss := doc.Sentences()
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Text
	}
	return out, nil
}

// proseEntity is a named entity found by prose: its text and its label
// (PERSON, GPE, ORG, ...).
type proseEntity struct {
	Text, Label string
}

// proseEntities runs prose's named-entity recognizer, trained on English
// news, over text: `vnews-train prose-ner` measures it against vnews's own
// entities on the development articles (README.md).
func proseEntities(text string) ([]proseEntity, error) {
	doc, err := prose.NewDocument(text, prose.WithSegmentation(false))
	if err != nil {
		return nil, err
	}
	var out []proseEntity
	for _, e := range doc.Entities() {
		out = append(out, proseEntity{Text: e.Text, Label: e.Label})
	}
	return out, nil
}

// proseToken is a token of prose's tokenizer, with the part-of-speech tag
// and the IOB label prose gave it when it tagged and classified a text.
type proseToken struct {
	Text, Tag, Label string
}

// proseTokens returns the tokens prose's tokenizer finds in text (no
// tagging, no model).
func proseTokens(text string) ([]string, error) {
	doc, err := prose.NewDocument(text, prose.WithSegmentation(false), prose.WithTagging(false), prose.WithExtraction(false))
	if err != nil {
		return nil, err
	}
	toks := doc.Tokens()
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out, nil
}

// proseSpan is a labeled entity over a sentence's prose tokens: tokens
// [Start, End).
type proseSpan struct {
	Start, End int
	Label      string
}

// proseSentence is a training sentence for prose's recognizer: its text,
// its prose tokens (proseTokens of Text) and its entities over them.
type proseSentence struct {
	Text   string
	Tokens []string
	Spans  []proseSpan
}

// proseContext makes prose's training record of a sentence. prose labels
// the tokens of EntityContext.Text by comparing each span's Start and End,
// less the white space before them counted in code points, with the sum of
// the preceding tokens' lengths counted in bytes; the two agree only for
// ASCII text. So each span's bounds are given as the offsets that make
// that comparison land on the span's first token and just past its last,
// for Vietnamese text too.
func proseContext(s proseSentence) prose.EntityContext {
	before := make([]int, len(s.Tokens)+1) // bytes of the tokens before token i
	for i, t := range s.Tokens {
		before[i+1] = before[i] + len(t)
	}
	ctx := prose.EntityContext{Text: s.Text, Accept: true}
	for _, sp := range s.Spans {
		ctx.Spans = append(ctx.Spans, prose.LabeledEntity{
			Start: proseOffset(s.Text, before[sp.Start]),
			End:   proseOffset(s.Text, before[sp.End]),
			Label: sp.Label,
		})
	}
	return ctx
}

// proseOffset returns a code-point offset into text before which exactly n
// code points are not white space (past the end of text, each offset
// counts one).
func proseOffset(text string, n int) int {
	x, solid := 0, 0
	for _, r := range text {
		if solid == n {
			return x
		}
		x++
		if !unicode.IsSpace(r) {
			solid++
		}
	}
	return x + n - solid
}

// proseNER is a named-entity recognizer trained with prose.
type proseNER struct{ m *prose.Model }

// trainProseNER trains prose's recognizer (its maximum-entropy classifier
// over its English part-of-speech tags, 100 iterations of generalized
// iterative scaling) on the sentences.
func trainProseNER(data []proseSentence) proseNER {
	ctxs := make([]prose.EntityContext, len(data))
	for i, s := range data {
		ctxs[i] = proseContext(s)
	}
	return proseNER{prose.ModelFromData("vnews", prose.UsingEntities(ctxs))}
}

// tag runs the recognizer over text (one sentence): its tokens with their
// tags and labels, and the entities prose makes of them.
func (n proseNER) tag(text string) ([]proseToken, []proseEntity, error) {
	doc, err := prose.NewDocument(text, prose.WithSegmentation(false), prose.UsingModel(n.m))
	if err != nil {
		return nil, nil, err
	}
	var toks []proseToken
	for _, t := range doc.Tokens() {
		toks = append(toks, proseToken{Text: t.Text, Tag: t.Tag, Label: t.Label})
	}
	var ents []proseEntity
	for _, e := range doc.Entities() {
		ents = append(ents, proseEntity{Text: e.Text, Label: e.Label})
	}
	return toks, ents, nil
}
