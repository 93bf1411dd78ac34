package extract

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/vnews/vnews/nlp"
)

// TestReuseAndKeyIDs: an article extracted after others gives what it gave
// first (a run and the linker's input are reused from one article to the
// next: nothing of one may reach another), and the same with or without
// the segmenter's key ids (the tables by id against lookups by key).
func TestReuseAndKeyIDs(t *testing.T) {
	files, err := filepath.Glob("../testdata/articles/*.txt")
	if err != nil || len(files) < 3 {
		t.Fatalf("articles: %v %v", files, err)
	}
	var docs []*nlp.Document
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := nlp.Analyze(string(b))
		if err != nil {
			t.Fatal(err)
		}
		if ids, _ := doc.KeyIDs(); ids == nil {
			t.Fatalf("%s: no key ids", f)
		}
		docs = append(docs, doc)
	}
	for _, x := range []*Extractor{testExtractor, taggerExtractor} {
		first := make([]*Result, len(docs))
		for i, d := range docs {
			if first[i], err = x.Extract(d, Options{}); err != nil {
				t.Fatal(err)
			}
		}
		// In another order, twice, and each without its key ids.
		for round := range 2 {
			for i := len(docs) - 1; i >= 0; i-- {
				d := docs[i]
				if round == 1 {
					d = &nlp.Document{Text: d.Text, Sentences: d.Sentences, Tokens: d.Tokens, Words: d.Words,
						Title: d.Title, Category: d.Category, Dateline: d.Dateline, Byline: d.Byline, Author: d.Author}
					if ids, _ := d.KeyIDs(); ids != nil {
						t.Fatal("a document made by hand has key ids")
					}
				}
				got, err := x.Extract(d, Options{})
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, first[i]) {
					t.Errorf("%s, round %d (tagger %v): the result differs from the first extraction", files[i], round, x.tagger)
				}
			}
		}
	}
}
