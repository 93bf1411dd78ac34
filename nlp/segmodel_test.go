package nlp

import "testing"

// TestKeyLooksVietnamese: the test on a matching key agrees with
// LooksVietnamese on the word, for Vietnamese syllables, foreign words and
// names, and keys longer than the stack buffer.
func TestKeyLooksVietnamese(t *testing.T) {
	for _, w := range []string{"Nguyễn", "nghiêng", "Hoà", "hòa", "khuya", "James", "Xinmei", "Kowalska", "kru", "Ito", "Mali", "ờ", "Supercalifragilisticexpialidocious-extra-long"} {
		want := LooksVietnamese(w)
		if got := KeyLooksVietnamese(Key(w)); got != want {
			t.Errorf("KeyLooksVietnamese(Key(%q)) = %v, LooksVietnamese = %v", w, got, want)
		}
	}
	if !KeyLooksVietnamese(Key("Nguyễn")) || KeyLooksVietnamese(Key("James")) {
		t.Error("Nguyễn must look Vietnamese and James not")
	}
}
