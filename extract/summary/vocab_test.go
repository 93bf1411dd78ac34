package summary

import (
	"reflect"
	"strings"
	"testing"

	"github.com/vnews/vnews/nlp"
)

// TestKeyIDsSameSummary: a document with the segmenter's key ids gives the
// same summary, keywords and scores as the same document without them
// (terms numbered by hashing their keys), whatever documents the
// summarizer's tables saw before: short and long ones in turn, so that the
// term table is made again in between.
func TestKeyIDsSameSummary(t *testing.T) {
	s := New()
	var docs []*nlp.Document
	for _, name := range articles {
		docs = append(docs, analyzeFile(t, name))
	}
	long := strings.Repeat(docs[0].Text+"\n\n", 40)
	doc, err := nlp.Analyze(long)
	if err != nil {
		t.Fatal(err)
	}
	docs = append(docs, doc, docs[1], doc, docs[2])
	for i, d := range docs {
		if ids, _ := d.KeyIDs(); ids == nil {
			t.Fatalf("document %d has no key ids", i)
		}
		// The same document without its key ids.
		bare := &nlp.Document{Text: d.Text, Sentences: d.Sentences, Tokens: d.Tokens, Words: d.Words,
			Title: d.Title, Category: d.Category, Dateline: d.Dateline, Byline: d.Byline, Author: d.Author}
		if ids, _ := bare.KeyIDs(); ids != nil {
			t.Fatal("a document made by hand has key ids")
		}
		opt := Options{N: 3, Keywords: 8, Explain: true}
		got, want := s.Summarize(d, opt), s.Summarize(bare, opt)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("document %d: with key ids %+v\nwithout %+v", i, got.Sentences, want.Sentences)
		}
	}
}
