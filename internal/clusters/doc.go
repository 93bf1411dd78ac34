// Package clusters reads the Brown word clusters that the entity tagger
// uses as features: extract/data/clusters.txt, built from unlabeled news
// text by `go run ./cmd/vnews-train clusters`.
//
// It sits beside the pipeline rather than in it: the trainer writes the
// file, and the tagger (package extract) loads it once and looks up each
// token's bit path by the token's matching key. A word's path is its place
// in a binary merge tree ("0110…"): words with a long common prefix occur
// in similar contexts, so path prefixes of several lengths make features
// from coarse to fine.
//
// Keys are the matching keys of package nlp (nlp.AppendKey: lowercase,
// tone mark placement folded) with every digit folded to 0, so that all
// numbers, dates, times and codes of one shape share a cluster ("24/4",
// "13/3" → "00/0"). Map.Path folds the digits itself: callers pass the
// plain nlp key of a token (Document.Keys).
package clusters
