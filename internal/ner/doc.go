// Package ner is the learned entity tagger: a first-order sequence model
// over syllable tokens that marks PERSON and UNIT spans (any set of types,
// in fact) with BIO or BILOU tags.
//
// It sits between the analyzer's tokens and the extractor's per-type
// normalization: the caller (package extract) turns a document into Tokens,
// with extra feature strings (Hints) such as lexicon hits and the rule
// extractor's proposals; Model.Tag returns the spans. Training (an averaged
// structured perceptron, Train) is here too, for cmd/vnews-train alone: the
// package is internal, and it knows nothing of extract.
//
// A Gazetteer (names by type, derived by the trainer from annotated text)
// gives the caller's tokens "gaz:" hints; the trainer gives each training
// document hints from the names of the other documents only.
//
// Features are 64-bit hashes built by combining a template id with the
// hashes of their parts (FNV-1a of each key and hint, computed once per
// token), so tagging concatenates no strings. A Model is read-only after
// it is built or read, and safe for concurrent use.
package ner
