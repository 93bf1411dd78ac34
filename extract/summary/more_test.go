package summary

import (
	"errors"
	"flag"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/vnews/vnews/nlp"
)

var update = flag.Bool("update", false, "rewrite the golden summaries")

// TestGoldenSummaries keeps the summaries of the project's own articles
// (-n 1, 2, 3) in testdata/golden/summaries.txt; rerun with -update after
// checking a change.
func TestGoldenSummaries(t *testing.T) {
	var b strings.Builder
	s := New()
	for _, name := range articles {
		doc := analyzeFile(t, name)
		for n := 1; n <= 3; n++ {
			sum := s.Summarize(doc, Options{N: n})
			b.WriteString("== " + name + " -n " + string(rune('0'+n)) + "\n")
			for _, l := range sum.Lines {
				b.WriteString(l + "\n")
			}
		}
	}
	path := "../../testdata/golden/summaries.txt"
	if *update {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("summaries differ from %s (rerun with -update after checking):\n%s", path, b.String())
	}
}

func TestSapoOpensTheSummary(t *testing.T) {
	text := "Bộ đội giúp dân sau lũ\n\n" +
		"Sáng 2-11, Lữ đoàn 125 điều 150 cán bộ, chiến sĩ giúp nhân dân xã Hòa Bình dọn dẹp sau lũ.\n\n" +
		"Theo Đại tá Lê Minh, Lữ đoàn trưởng, đơn vị dọn 3 km đường, sửa 12 ngôi nhà và trồng lại 2 ha rừng phòng hộ của xã Hòa Bình bị lũ cuốn trôi hoàn toàn.\n\n" +
		"Các chiến sĩ trẻ của đơn vị giúp dân dọn dẹp nhà cửa, trường học và trạm y tế xã Hòa Bình sau trận lũ lớn nhất từ trước tới nay.\n"
	doc, err := nlp.Analyze(text)
	if err != nil {
		t.Fatal(err)
	}
	sum := New().Summarize(doc, Options{N: 1, Explain: true})
	if len(sum.Sentences) != 1 || !strings.HasPrefix(sum.Text, "Sáng 2-11") {
		t.Errorf("summary %q does not open with the lead paragraph", sum.Text)
	}
	// One paragraph of body: no sentence gets the bonus.
	one, _ := nlp.Analyze("Bộ đội giúp dân sau lũ\n\n" + strings.ReplaceAll(strings.TrimPrefix(text, "Bộ đội giúp dân sau lũ\n\n"), "\n\n", " "))
	for _, sc := range New().Summarize(one, Options{N: 1, Explain: true}).Scores {
		if sc.Position >= sapoBonus {
			t.Errorf("sentence %d got the lead bonus in a one-paragraph body", sc.Sentence)
		}
	}
}

func TestExplainPartsAddUp(t *testing.T) {
	doc := analyzeFile(t, "vung-4-tiep-nhan-tau.txt")
	for _, sc := range New().Summarize(doc, Options{N: 2, Explain: true}).Scores {
		parts := sc.Position + sc.Length + sc.Centrality + sc.Title + sc.Entities + sc.Other
		if math.Abs(parts-sc.Total) > 1e-9 {
			t.Errorf("sentence %d: parts %.6f, total %.6f", sc.Sentence, parts, sc.Total)
		}
	}
}

func TestBudgetNeverCutsASentence(t *testing.T) {
	doc := analyzeFile(t, "su-doan-308-dien-tap.txt")
	s := New()
	for _, budget := range []int{5, 25, 40, 80, 1000} {
		sum := s.Summarize(doc, Options{MaxWords: budget})
		words := 0
		for k, i := range sum.Sentences {
			words += countSyllables(doc, i)
			if sum.Lines[k] != strings.Join(strings.Fields(doc.SentenceText(i)), " ") {
				t.Errorf("budget %d: line %q is not sentence %d whole", budget, sum.Lines[k], i)
			}
		}
		if words > budget {
			t.Errorf("budget %d: %d words", budget, words)
		}
		if budget >= 1000 && len(sum.Sentences) != len(candidates(doc)) {
			t.Errorf("a budget above the article takes every candidate: %d of %d", len(sum.Sentences), len(candidates(doc)))
		}
	}
}

func TestLongArticle(t *testing.T) {
	// 3,000 sentences: a ratio asks for 1,500 of them; past maxMMR they
	// are taken by score alone, so this stays linear.
	var b strings.Builder
	b.WriteString("Tiêu đề bài viết dài\n\n")
	for i := range 3000 {
		b.WriteString("Đơn vị số " + itoa(i) + " tổ chức huấn luyện bắn đạn thật tại thao trường của tỉnh. ")
	}
	doc, err := nlp.Analyze(b.String())
	if err != nil {
		t.Fatal(err)
	}
	sum := New().Summarize(doc, Options{Ratio: 0.5})
	if len(sum.Sentences) != 1500 {
		t.Errorf("got %d sentences, want 1500", len(sum.Sentences))
	}
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var d []byte
	for ; i > 0; i /= 10 {
		d = append([]byte{byte('0' + i%10)}, d...)
	}
	return string(d)
}

func TestKeywords(t *testing.T) {
	doc := analyzeFile(t, "su-doan-308-dien-tap.txt")
	s := New()
	// The caller's phrase for "Sư đoàn 308" (its first mention) ranks it
	// first; words inside it are not listed again.
	start := strings.Index(doc.Text, "Sư đoàn 308")
	kw := s.Keywords(doc, []Phrase{{Start: start, End: start + len("Sư đoàn 308")}}, 5)
	if len(kw) != 5 || kw[0].Score != 1 {
		t.Fatalf("keywords %+v", kw)
	}
	seen := map[string]bool{}
	for i, k := range kw {
		if seen[strings.ToLower(k.Text)] {
			t.Errorf("%q listed twice", k.Text)
		}
		seen[strings.ToLower(k.Text)] = true
		if i > 0 && k.Score > kw[i-1].Score {
			t.Errorf("not in score order: %+v", kw)
		}
		if k.Text == "sư đoàn" || strings.Count(k.Text, " ") == 0 {
			t.Errorf("%q is no key phrase", k.Text)
		}
	}
	// Skipped phrases hide their words; groups merge mentions.
	p := strings.Index(doc.Text, "diễn tập")
	kw = s.Keywords(doc, []Phrase{{Start: p, End: p + len("diễn tập"), Skip: true}}, 20)
	for _, k := range kw {
		if k.Text == "diễn tập" {
			t.Errorf("a skipped phrase is listed: %+v", kw)
		}
	}
	if kw := s.Keywords(doc, nil, 0); kw != nil {
		t.Errorf("k=0 gives %+v", kw)
	}
}

func TestBadModelFiles(t *testing.T) {
	idf := "default\t9\nhà\t2\n"
	good := "mmr 0.3\n"
	for _, n := range featureNames {
		good += "w " + n + " 0.1\n"
	}
	if _, err := NewFromModel(strings.NewReader(good), strings.NewReader(idf)); err != nil {
		t.Fatalf("good model: %v", err)
	}
	for name, m := range map[string]string{
		"missing weight":      "mmr 0.3\nw bias 1\n",
		"unknown feature":     good + "w frobnicate 1\n",
		"bad number":          strings.Replace(good, "w bias 0.1", "w bias x", 1),
		"node out of order":   good + "tree\nnode 1 pos0 0.5 1 2 0\n",
		"child before parent": good + "tree\nnode 0 pos0 0.5 0 1 0\nleaf 1 0.1\n",
	} {
		if _, err := NewFromModel(strings.NewReader(m), strings.NewReader(idf)); !errors.Is(err, ErrModel) {
			t.Errorf("%s: err = %v, want ErrModel", name, err)
		}
	}
	if _, err := NewFromModel(strings.NewReader(good), strings.NewReader("hà\t2\n")); !errors.Is(err, ErrModel) {
		t.Errorf("idf without default: err = %v", err)
	}
	// A tree adds its leaf's value.
	withTree := good + "tree\nnode 0 pos0 0.5 1 2 0\nleaf 1 0.25\nleaf 2 -0.25\n"
	s, err := NewFromModel(strings.NewReader(withTree), strings.NewReader(idf))
	if err != nil {
		t.Fatal(err)
	}
	var r [nFeatures]float64
	r[1] = 1 // pos0 > 0.5: right leaf
	if got := s.m.score(&r, nil); math.Abs(got-(0.1-0.25)) > 1e-12 {
		t.Errorf("score %v, want %v", got, 0.1-0.25)
	}
}

func TestBudgetCountsSyllables(t *testing.T) {
	// Two body sentences of 13 and 11 syllables; "Hà Nội" is two syllables
	// (one word), "308" one, punctuation none.
	text := "Bộ đội tập luyện\n\nSáng nay, Sư đoàn 308 diễn tập bắn đạn thật tại Hà Nội.\n\nCác chiến sĩ đều làm tròn phần việc được phân công.\n"
	doc, err := nlp.Analyze(text)
	if err != nil {
		t.Fatal(err)
	}
	s := New()
	cands := candidates(doc)
	if len(cands) != 2 {
		t.Fatalf("%d candidates", len(cands))
	}
	if a, b := countSyllables(doc, cands[0]), countSyllables(doc, cands[1]); a != 13 || b != 11 {
		t.Fatalf("syllables %d, %d; want 13, 11", a, b)
	}
	tests := []struct {
		name     string
		budget   int
		picked   int
		shortest int
	}{
		{"both fit", 24, 2, 0},
		{"one fits", 23, 1, 0},
		{"the shorter fits", 12, 1, 0},
		{"none fits", 10, 0, 11},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sum := s.Summarize(doc, Options{MaxWords: tt.budget})
			if len(sum.Sentences) != tt.picked || sum.Shortest != tt.shortest {
				t.Errorf("budget %d: %d sentences, shortest %d; want %d, %d", tt.budget, len(sum.Sentences), sum.Shortest, tt.picked, tt.shortest)
			}
		})
	}
}

func TestContainsWords(t *testing.T) {
	for _, tc := range []struct{ s, sub string }{
		{"quân đội nhân dân", "nhân dân"}, {"quân đội nhân dân", "quân"}, {"quân đội nhân dân", "đội nhân"},
		{"quân đội nhân dân", "dân"}, {"quân đội nhân dân", "ân"}, {"quân đội nhân dân", "quân đội nhân dân"},
		{"quân đội", "quân đội nhân"}, {"an an", "an"}, {"ban an", "an"}, {"x", ""}, {"", ""}, {"a  b", ""},
		{"\x00p1", "\x00p1"}, {"bộ đội biên phòng", "đội biên"}, {"anan an", "an"},
	} {
		t.Run(tc.s+"|"+tc.sub, func(t *testing.T) {
			want := strings.Contains(" "+tc.s+" ", " "+tc.sub+" ")
			if got := containsWords(tc.s, tc.sub); got != want {
				t.Errorf("containsWords(%q, %q) = %v, want %v", tc.s, tc.sub, got, want)
			}
		})
	}
}

// termTable numbers keys in order of first occurrence, as a map would, over
// documents of any size one after another, and its idf cache gives the
// model's idf.
func TestTermTable(t *testing.T) {
	s := New()
	tt := new(termTable)
	for _, n := range []int{10, 3000, 50, 40000, 7} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			var b strings.Builder
			var offs []int
			for i := range n {
				offs = append(offs, b.Len())
				b.WriteString([]string{"quân", "đội", "nhân", "dân", "x" + strconv.Itoa(i%(n/2+1))}[i%5])
				b.WriteByte(' ')
			}
			offs = append(offs, b.Len())
			keys := b.String()
			tt.reset(n)
			want := map[string]int32{}
			for i := range n {
				k := keys[offs[i] : offs[i+1]-1]
				w, seen := want[k]
				if !seen {
					w = int32(len(want))
					want[k] = w
				}
				got, isNew := tt.id(keys, offs[i], len(k))
				if got != w || isNew == seen {
					t.Fatalf("key %q: id %d new %v, want %d new %v", k, got, isNew, w, !seen)
				}
				if v := tt.idfOf(s, k); v != s.idf(k) {
					t.Fatalf("idf of %q: %v, want %v", k, v, s.idf(k))
				}
			}
		})
	}
}
