// Package extract finds entities in an analyzed article (an *nlp.Document):
// military and police ranks, people, units and organizations, dates, posts
// and places, as ../shared/spec/entities.md defines them, and links the
// mentions of each person into a profile (rank, post, unit).
//
// One file per type: rank.go, unit.go, person.go, date.go, position.go (posts
// and places); people.go links mentions and fills profiles. Dates are a
// table of patterns (date.go), a parse step that matches it (dateparse.go,
// with the token parsers of datetoken.go) and a resolve step that anchors
// the result (dateresolve.go). Lexicons are the
// embedded text files in lexicon/, parsed once and extendable with
// WithLexiconDir. An Extractor is safe for concurrent use; work per article
// is linear in its length.
package extract
