// Package extract finds entities in an analyzed article (an *nlp.Document):
// military and police ranks, people, units and organizations, dates, posts
// and places, as ../shared/spec/entities.md defines them, and links the
// mentions of each person into a profile (rank, post, unit).
//
// Extraction has three steps. The rules find every type's candidates, one
// file per type: rank.go, unit.go, person.go, date.go, position.go (posts
// and places); dates are a table of patterns (date.go), a parse step that
// matches it (dateparse.go, with the token parsers of datetoken.go) and a
// resolve step that anchors the result (dateresolve.go). The learned tagger
// (internal/ner, trained by vnews-train on annotated articles; input in
// tagger_input.go) then decides the PERSON and UNIT mentions, with the rules'
// mentions among its hints, and the rules keep their decision where they
// are exact by construction (merge.go); WithRulesOnly leaves the rules
// alone. Last, people.go ties the mentions of each person together and the
// learned linker (internal/link, link.go) fills each profile. Lexicons are
// the embedded text files in lexicon/, parsed once and extendable with
// WithLexiconDir. An Extractor is safe for concurrent use; work per article
// is linear in its length.
package extract
