package nlp

import "testing"

// TestKeyIDs: every token's id is the vocabulary's id of its key; numbers
// and unseen syllables have 0; a document without a model has none.
func TestKeyIDs(t *testing.T) {
	doc, err := Analyze("Sáng 12-3, Đại tá Nguyễn Văn Khôi thăm Sư đoàn 308 và xã Zyxquv.")
	if err != nil {
		t.Fatal(err)
	}
	ids, v := doc.KeyIDs()
	if v == nil || len(ids) != len(doc.Tokens) {
		t.Fatalf("KeyIDs: %d ids for %d tokens, vocab %v", len(ids), len(doc.Tokens), v)
	}
	keyOf := map[int32]string{}
	v.Each(func(id int32, key string) {
		if int(id) >= v.Len() || id <= 0 {
			t.Errorf("id %d of %q outside [1, %d)", id, key, v.Len())
		}
		keyOf[id] = key
	})
	keys, off := doc.Keys()
	known := 0
	for i, id := range ids {
		k := keys[off[i] : off[i+1]-1]
		tok := doc.Tokens[i]
		switch {
		case tok.Kind == KindNumber && id != 0:
			t.Errorf("number %q has id %d, want 0", tok.Text, id)
		case id != 0 && keyOf[id] != k:
			t.Errorf("token %q: id %d is %q, want its key %q", tok.Text, id, keyOf[id], k)
		case id != 0 && tok.Kind == KindWord:
			known++
		}
		if tok.Text == "Zyxquv" && id != 0 {
			t.Errorf("an unseen syllable has id %d", id)
		}
	}
	if known != 11 { // Sáng, Đại, tá, Nguyễn, Văn, Khôi, thăm, Sư, đoàn, và, xã
		t.Errorf("only %d tokens have ids", known)
	}
	lm, err := NewAnalyzer(WithLongestMatch())
	if err != nil {
		t.Fatal(err)
	}
	d2, err := lm.Analyze("Sư đoàn 308", Hints{})
	if err != nil {
		t.Fatal(err)
	}
	if ids, v := d2.KeyIDs(); ids != nil || v != nil {
		t.Errorf("a document segmented without a model gives ids %v", ids)
	}
}
