package nlp

import (
	"github.com/jdkato/prose/v2"
)

// ProseSentences splits text into sentences with prose's Punkt splitter,
// which is trained on English. vnews does not use it to split: it is the
// baseline that `vnews-train sentences` measures Analyze against (see
// README.md: it breaks after "TP." and other Vietnamese abbreviations and
// reloads its model on every call). It returns the sentences' texts; prose
// reports no offsets.
func ProseSentences(text string) ([]string, error) {
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

// ProseEntity is a named entity found by prose: its text and its label
// (PERSON, GPE, ORG, ...).
type ProseEntity struct {
	Text, Label string
}

// ProseEntities runs prose's named-entity recognizer, trained on English
// news, over text. vnews does not use it: `vnews-train prose-ner` measures
// it against vnews's own entities on the development articles (README.md).
func ProseEntities(text string) ([]ProseEntity, error) {
	doc, err := prose.NewDocument(text, prose.WithSegmentation(false))
	if err != nil {
		return nil, err
	}
	var out []ProseEntity
	for _, e := range doc.Entities() {
		out = append(out, ProseEntity{Text: e.Text, Label: e.Label})
	}
	return out, nil
}
