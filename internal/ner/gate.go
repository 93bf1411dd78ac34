package ner

// Gating: most tokens of a news article are lowercase words far from any
// name, and the tagger tags them O. A gated tagger does not score a token
// that has no signal within its window on either side: it is tagged O at
// once, which saves feature hashing and weight lookups. A signal is a
// capitalized or mixed-case token, a letter-digit code, or a token with a
// hint from a lexicon, the rules, the gazetteer, the document or the first
// pass (signalHints). The window is chosen by cross-validation (vnews-train
// ner -cv -windows).

// gate says which tokens a tagger scores.
type gate struct {
	window int  // -1: every token
	quiet  bool // skip the second pass over quiet sentences (Tagger.Quiet)
}

// noGate scores every token.
var noGate = gate{window: -1}

// signal tells whether t makes the tokens around it worth scoring.
func signal(t *Token) bool {
	switch t.Shape {
	case ShapeTitle, ShapeUpper, ShapeInitial, ShapeMixed, ShapeCode:
		return true
	}
	for i := range t.Hints {
		if t.Hints[i].signal {
			return true
		}
	}
	return false
}

// live sets live[i] for the tokens with a signal within the window and
// reports whether any is live; with no window every token is live.
func (g *gate) live(toks []Token, live []bool) bool {
	w := g.window
	if w < 0 {
		for i := range live {
			live[i] = true
		}
		return len(live) > 0
	}
	clear(live)
	any := false
	last := -1 // the last index marked live
	for i := range toks {
		if !signal(&toks[i]) {
			continue
		}
		any = true
		for k := max(i-w, last+1); k <= min(i+w, len(toks)-1); k++ {
			live[k] = true
		}
		last = min(i+w, len(toks)-1)
	}
	return any
}
