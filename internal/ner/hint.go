package ner

import "strings"

// Hint is one hint of a token: a feature name computed by the caller
// ("lex:surname:B", "rule:UNIT:I", "clu6:011010") with what the tagger
// needs of it computed once, when the hint is made: its hash and its class.
// Make hints once (NewHint), at load, and share them between tokens: the
// tagger never hashes or compares hint names.
type Hint struct {
	name   string
	hash   uint64
	local  bool // a local hint (localHints): TplLocalHints keeps it near its token
	signal bool // a gate signal (signalHints)
}

// NewHint returns the hint of a name.
func NewHint(name string) Hint {
	return Hint{name: name, hash: mix(hashString(name)), local: hasPrefix(name, localHints[:]), signal: hasPrefix(name, signalHints[:])}
}

// String returns the hint's name.
func (h Hint) String() string { return h.name }

// Hints returns the hints of names, for tests and tools.
func Hints(names ...string) []Hint {
	out := make([]Hint, len(names))
	for i, n := range names {
		out[i] = NewHint(n)
	}
	return out
}

// localHints are the prefixes of the hints that TplLocalHints keeps near
// their token: word clusters, capitalization bands, sentence roles.
var localHints = [...]string{"clu", "cap:", "role:"}

// signalHints are the prefixes of the hints that make a token a signal of
// the gate (gate.go): lexicons, rules, gazetteer, document, first pass.
var signalHints = [...]string{"lex:", "rule:", "gaz:", "doc:", "s1:"}

func hasPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
