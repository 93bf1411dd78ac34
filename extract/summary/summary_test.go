package summary

import (
	"math"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/vnews/vnews/nlp"
)

func analyzeFile(t testing.TB, name string) *nlp.Document {
	t.Helper()
	b, err := os.ReadFile("../../testdata/articles/" + name)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := nlp.Analyze(string(b))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

var articles = []string{"su-doan-308-dien-tap.txt", "vung-4-tiep-nhan-tau.txt", "bien-phong-giup-dan.txt", "hoc-vien-khai-giang.txt"}

func TestSummaryNeverPicksNonContent(t *testing.T) {
	s := New()
	for _, name := range articles {
		doc := analyzeFile(t, name)
		for _, n := range []int{1, 2, 3, 100} {
			sum := s.Summarize(doc, Options{N: n})
			if !sort.IntsAreSorted(sum.Sentences) {
				t.Errorf("%s -n %d: sentences %v not in article order", name, n, sum.Sentences)
			}
			for _, i := range sum.Sentences {
				if r := doc.Sentences[i].Role; r != nlp.RoleLead && r != nlp.RoleBody {
					t.Errorf("%s -n %d: picked a %s sentence %q", name, n, r, doc.SentenceText(i))
				}
			}
			if n < 100 && len(sum.Sentences) > n {
				t.Errorf("%s: %d sentences for -n %d", name, len(sum.Sentences), n)
			}
		}
	}
}

func TestSummaryOfScrapedArticle(t *testing.T) {
	doc := analyzeFile(t, "su-doan-308-dien-tap.txt")
	sum := New().Summarize(doc, Options{N: 3})
	if len(sum.Sentences) != 3 {
		t.Fatalf("got %d sentences", len(sum.Sentences))
	}
	if !strings.Contains(sum.Text, "Sư đoàn 308 tổ chức diễn tập chiến thuật") {
		t.Errorf("summary lacks the lead: %q", sum.Text)
	}
	for _, bad := range []string{"kiểm tra công tác chuẩn bị", "Minh Châu", "Tin khác", "truy cập"} {
		if strings.Contains(sum.Text, bad) {
			t.Errorf("summary contains %q: %q", bad, sum.Text)
		}
	}
	if len(sum.Lines) != 3 || strings.Join(sum.Lines, " ") != sum.Text {
		t.Errorf("lines %q do not make the text", sum.Lines)
	}
}

func TestSummaryLengthControls(t *testing.T) {
	doc := analyzeFile(t, "vung-4-tiep-nhan-tau.txt")
	s := New()
	cands := len(candidates(doc))
	if got := len(s.Summarize(doc, Options{Ratio: 0.5}).Sentences); got != (cands+1)/2 && got != cands/2 {
		t.Errorf("ratio 0.5 of %d candidates gave %d", cands, got)
	}
	if got := len(s.Summarize(doc, Options{Ratio: 0.01}).Sentences); got != 1 {
		t.Errorf("tiny ratio gave %d sentences, want 1", got)
	}
	for _, budget := range []int{10, 30, 60} {
		sum := s.Summarize(doc, Options{MaxWords: budget})
		words := 0
		for _, i := range sum.Sentences {
			words += countSyllables(doc, i)
		}
		if words > budget {
			t.Errorf("budget %d: %d words", budget, words)
		}
	}
}

func TestSummaryExplainAndDeterminism(t *testing.T) {
	doc := analyzeFile(t, "bien-phong-giup-dan.txt")
	s := New()
	a := s.Summarize(doc, Options{N: 2, Explain: true})
	b := s.Summarize(doc, Options{N: 2, Explain: true})
	if a.Text != b.Text || len(a.Scores) == 0 {
		t.Fatalf("not deterministic or no scores")
	}
	chosen := 0
	for _, sc := range a.Scores {
		if sc.Chosen {
			chosen++
		}
	}
	if chosen != len(a.Sentences) {
		t.Errorf("%d chosen scores for %d sentences", chosen, len(a.Sentences))
	}
}

func TestSummaryEntitiesChangeTheScore(t *testing.T) {
	doc := analyzeFile(t, "bien-phong-giup-dan.txt")
	s := New()
	cands := candidates(doc)
	last := cands[len(cands)-1]
	plain := s.Summarize(doc, Options{N: 1, Explain: true})
	dense := s.Summarize(doc, Options{N: 1, Explain: true, Entities: func(i int) int {
		if i == last {
			return 20
		}
		return 0
	}})
	p, d := plain.Scores[len(cands)-1], dense.Scores[len(cands)-1]
	if d.Entities <= p.Entities || math.Abs((d.Total-p.Total)-(d.Entities-p.Entities)) > 1e-9 {
		t.Errorf("entity density: plain %+v, dense %+v", p, d)
	}
}

func TestSummaryOfEmptyDocument(t *testing.T) {
	doc, _ := nlp.Analyze("Tiêu đề\n\nTin khác")
	if sum := New().Summarize(doc, Options{N: 3}); len(sum.Sentences) != 0 || sum.Text != "" {
		t.Errorf("summary of a contentless article: %+v", sum)
	}
}

func BenchmarkSummarize(b *testing.B) {
	doc := analyzeFile(b, "su-doan-308-dien-tap.txt")
	s := New()
	b.ReportAllocs()
	for b.Loop() {
		s.Summarize(doc, Options{N: 3})
	}
}
