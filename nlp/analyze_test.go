package nlp

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// checkDocument verifies the invariants every Document must hold: sentences
// in order without overlap and covering every non-space character; tokens
// and words inside their sentence with text[start:end] == Text; words made
// of consecutive tokens; NFC text.
func checkDocument(t testing.TB, doc *Document) {
	t.Helper()
	text := doc.Text
	if !norm.NFC.IsNormalString(text) {
		t.Fatalf("document text is not NFC")
	}
	covered := make([]bool, len(text))
	prevEnd, tokEnd, wordEnd := 0, 0, 0
	for i, s := range doc.Sentences {
		if s.Start < prevEnd || s.End <= s.Start || s.End > len(text) {
			t.Fatalf("sentence %d span %d:%d after %d", i, s.Start, s.End, prevEnd)
		}
		prevEnd = s.End
		if s.TokStart != tokEnd || s.WordStart != wordEnd {
			t.Fatalf("sentence %d tokens %d or words %d do not follow %d, %d", i, s.TokStart, s.WordStart, tokEnd, wordEnd)
		}
		tokEnd, wordEnd = s.TokEnd, s.WordEnd
		for k := s.TokStart; k < s.TokEnd; k++ {
			tk := doc.Tokens[k]
			if tk.Start < s.Start || tk.End > s.End || text[tk.Start:tk.End] != tk.Text || tk.Text == "" {
				t.Fatalf("token %d %q at %d:%d outside sentence %d or wrong text", k, tk.Text, tk.Start, tk.End, i)
			}
			for b := tk.Start; b < tk.End; b++ {
				covered[b] = true
			}
		}
		next := s.TokStart
		for k := s.WordStart; k < s.WordEnd; k++ {
			w := doc.Words[k]
			ts, te := w.Tokens()
			ws, we := w.Span()
			if ts != next || te <= ts || we > len(text) ||
				ws != doc.Tokens[ts].Start || we != doc.Tokens[te-1].End {
				t.Fatalf("word %d %+v does not join its tokens", k, w)
			}
			next = te
		}
		if next != s.TokEnd {
			t.Fatalf("words of sentence %d stop at token %d, want %d", i, next, s.TokEnd)
		}
	}
	if tokEnd != len(doc.Tokens) || wordEnd != len(doc.Words) {
		t.Fatalf("sentences hold %d tokens and %d words of %d and %d", tokEnd, wordEnd, len(doc.Tokens), len(doc.Words))
	}
	for i, r := range text {
		if !isSpace(r) && !covered[i] && r != utf8RuneError {
			t.Fatalf("character %q at %d is in no token", r, i)
		}
	}
}

const utf8RuneError = '\uFFFD'

func TestAnalyzeInvariants(t *testing.T) {
	for _, text := range []string{scrapedArticle, "Một câu.", "a", "\u00a0x\u200b y\n\n\nz.", "Hà Nội\x00 hôm nay"} {
		doc, err := Analyze(text)
		if err != nil {
			t.Fatal(err)
		}
		checkDocument(t, doc)
	}
}

func TestAnalyzeNFDAndNFCAgree(t *testing.T) {
	nfc, err := Analyze(scrapedArticle)
	if err != nil {
		t.Fatal(err)
	}
	nfd, err := Analyze(norm.NFD.String(scrapedArticle))
	if err != nil {
		t.Fatal(err)
	}
	if nfc.Text != nfd.Text || len(nfc.Words) != len(nfd.Words) || len(nfc.Sentences) != len(nfd.Sentences) {
		t.Fatalf("NFD input analyzed differently: %d/%d words, %d/%d sentences", len(nfc.Words), len(nfd.Words), len(nfc.Sentences), len(nfd.Sentences))
	}
	for i := range nfc.Words {
		if nfc.Words[i] != nfd.Words[i] {
			t.Fatalf("word %d: %q vs %q", i, nfc.Words[i].TextIn(nfc.Text), nfd.Words[i].TextIn(nfd.Text))
		}
	}
}

func TestToneVariantsSegmentAlike(t *testing.T) {
	a, b := "Tổ công binh Việt Nam giữ gìn hoà bình ở Abyei suốt mùa mưa.", "Tổ công binh Việt Nam giữ gìn hòa bình ở Abyei suốt mùa mưa."
	da, _ := Analyze(a)
	db, _ := Analyze(b)
	if len(da.Words) != len(db.Words) {
		t.Fatalf("%d words vs %d", len(da.Words), len(db.Words))
	}
	for i := range da.Words {
		if da.Words[i].Syllables() != db.Words[i].Syllables() {
			t.Errorf("word %d: %q vs %q", i, da.Words[i].TextIn(da.Text), db.Words[i].TextIn(db.Text))
		}
	}
	// The output keeps each input's own spelling.
	if !strings.Contains(da.Text, "hoà") || !strings.Contains(db.Text, "hòa") {
		t.Error("text was rewritten")
	}
}

func TestAnalyzeEmpty(t *testing.T) {
	for _, s := range []string{"", "   \n\t", "\u00a0\u200b"} {
		if _, err := Analyze(s); err != ErrEmpty {
			t.Errorf("Analyze(%q) err = %v, want ErrEmpty", s, err)
		}
	}
}

func TestSentenceAt(t *testing.T) {
	doc, _ := Analyze("Câu một. Câu hai.")
	second := strings.Index(doc.Text, "Câu hai")
	for off, want := range map[int]int{0: 0, 3: 0, second - 1: -1, second: 1, len(doc.Text) - 1: 1, len(doc.Text): -1} {
		if got := doc.SentenceAt(off); got != want {
			t.Errorf("SentenceAt(%d) = %d, want %d", off, got, want)
		}
	}
}

func TestUserDictionaryForcesWords(t *testing.T) {
	a, err := NewAnalyzer(WithUserDict(strings.NewReader("# units\nTam_Hợp\nbám địa bàn\n"), "test"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := a.Analyze("Đồn Tam Hợp bám địa bàn.", Hints{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range doc.Words {
		got = append(got, w.TextIn(doc.Text))
	}
	joined := strings.Join(got, "|")
	for _, want := range []string{"|Tam Hợp|", "|bám địa bàn|"} {
		if !strings.Contains("|"+joined+"|", want) {
			t.Errorf("words %q lack %q", joined, want)
		}
	}
}

func TestLineSegmenter(t *testing.T) {
	a, _ := Default()
	ls := a.LineSegmenter()
	words, toks := ls.Segment("Bộ Tư lệnh Thủ đô Hà Nội khai mạc Hội thao .")
	if got := string(AppendJoinedLine(nil, words, toks)); got != "Bộ_Tư_lệnh Thủ_đô Hà_Nội khai_mạc Hội_thao ." {
		t.Errorf("got %q", got)
	}
	if w, _ := ls.Segment(""); len(w) != 0 {
		t.Errorf("empty line gave %d words", len(w))
	}
}

func TestDocumentKeys(t *testing.T) {
	doc, err := Analyze("Thiếu uý TRỊNH VĂN Hùng (Sư đoàn 308) dự lễ ngày 14/5.\n\nẢnh: Hoàng Thuỳ")
	if err != nil {
		t.Fatal(err)
	}
	keys, off := doc.Keys()
	if len(off) != len(doc.Tokens)+1 || int(off[len(doc.Tokens)]) != len(keys) {
		t.Fatalf("%d offsets for %d tokens", len(off), len(doc.Tokens))
	}
	for i, tok := range doc.Tokens {
		if got, want := keys[off[i]:off[i+1]-1], Key(tok.Text); got != want {
			t.Errorf("key of %q = %q, want %q", tok.Text, got, want)
		}
	}
	// A document built by hand gets its keys computed.
	hand := &Document{Text: "Hà Nội", Tokens: doc.Tokens[:2]}
	if k, o := hand.Keys(); len(o) != 3 || k[o[0]:o[1]-1] != Key(doc.Tokens[0].Text) {
		t.Errorf("keys of a hand-made document: %q %v", k, o)
	}
}

// A released document's arrays serve the next analysis, which gives what a
// fresh analysis gives.
func TestReleaseReuse(t *testing.T) {
	a, err := NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{scrapedArticle, "Hà Nội\n\nĐại tá Nguyễn Văn An dự lễ.", strings.Repeat("Bộ đội giúp dân gặt lúa. ", 200), "x"}
	fresh := make([]*Document, len(texts))
	for i, text := range texts {
		fresh[i] = a.AnalyzeNormalized(text, Hints{})
	}
	b, err := NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	for round := range 3 {
		for i, text := range texts {
			t.Run(fmt.Sprintf("round %d text %d", round, i), func(t *testing.T) {
				d := b.AnalyzeNormalized(text, Hints{})
				keys, off := d.Keys()
				wantKeys, wantOff := fresh[i].Keys()
				if !reflect.DeepEqual(d.Tokens, fresh[i].Tokens) || !reflect.DeepEqual(d.Words, fresh[i].Words) ||
					!reflect.DeepEqual(d.Sentences, fresh[i].Sentences) || keys != wantKeys || !reflect.DeepEqual(off, wantOff) {
					t.Fatal("analysis over reused arrays differs from a fresh one")
				}
				d.Release()
				if d.Tokens != nil || d.Words != nil || d.Sentences != nil {
					t.Error("Release left the arrays in the document")
				}
			})
		}
	}
}
