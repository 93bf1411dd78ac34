package main

import (
	"github.com/jdkato/prose/v2"
)

// The baselines from github.com/jdkato/prose/v2, the only file that uses
// it. vnews does not use prose: `vnews-train sentences` and `prose-ner`
// measure vnews against it. Keeping it here keeps it out of the vnews
// binary.

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
