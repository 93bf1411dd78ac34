package index

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/vnews/vnews/extract/record"
	"github.com/vnews/vnews/nlp"
)

// The roster's merges measured on articles written for the purpose
// (testdata/roster/articles.jsonl) with who is who in gold.tsv: namesakes
// in different units, one person promoted or given a new post, a common
// name in two regiments and a veteran, a short name ("Đại tá Hùng"), a
// teacher and a doctor, an official and an officer, an officer moved to
// another brigade. The pipeline builds the records, the index stores them,
// and every pair of gold mentions is scored: the same roster entry or not,
// the same person or not.
//
// The roster gets P 1.00 and R 0.83 (26 mentions of 13 people: 51
// same-name pairs, 24 same-person pairs; 0.87 and 0.83 before the rule for
// bare mentions, which this gold prompted). The thresholds leave room for
// one wrong merge more, or one split more, and no more: precision counts
// most, since a roster that merges namesakes misleads an analyst ("who
// commanded the division?") while one that splits a person in two is
// incomplete but not wrong, and the splits here are known limits (a short
// name alone in an article gives no profile; a move to another unit starts
// a new entry).
const (
	minPrecision = 0.90
	minRecall    = 0.75
)

type goldMention struct{ article, name, person string }

func readGold(t *testing.T) []goldMention {
	t.Helper()
	f, err := os.Open("testdata/roster/gold.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []goldMention
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "article\t") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			t.Fatalf("gold.tsv: bad line %q", line)
		}
		out = append(out, goldMention{f[0], f[1], f[2]})
	}
	return out
}

func buildRosterCorpus(t *testing.T) []*record.Record {
	t.Helper()
	b, err := record.NewBuilder(nil, nil, record.Options{Parts: record.PartSentences | record.PartEntities | record.PartText})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("testdata/roster/articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var recs []*record.Record
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var a struct{ ID, Published, Text string }
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatal(err)
		}
		r, err := b.Build(record.Article{ID: a.ID, Source: a.ID, Published: a.Published, Text: a.Text, JSON: true})
		if err != nil {
			t.Fatalf("%s: %v", a.ID, err)
		}
		recs = append(recs, &r)
	}
	return recs
}

// pairScore compares the roster's entries with the gold: P and R over the
// pairs of gold mentions, and the pair counts.
type pairScore struct {
	tp, fp, fn, sameName, samePerson int
	missing                          []string // gold mentions without a profile
	errors                           []string // the pairs scored wrong
}

func (s pairScore) precision() float64 { return float64(s.tp) / float64(max(1, s.tp+s.fp)) }
func (s pairScore) recall() float64    { return float64(s.tp) / float64(max(1, s.tp+s.fn)) }

func scoreRoster(gold []goldMention, people []Person) pairScore {
	entry := map[[2]string]int{} // (article, name key) → roster entry
	for _, p := range people {
		for _, m := range p.Timeline {
			entry[[2]string{m.Article, nlp.Key(m.Name)}] = p.ID
		}
	}
	var s pairScore
	for i, a := range gold {
		ea, okA := entry[[2]string{a.article, nlp.Key(a.name)}]
		if !okA {
			s.missing = append(s.missing, a.article+" "+a.name)
		}
		for _, b := range gold[i+1:] {
			eb, okB := entry[[2]string{b.article, nlp.Key(b.name)}]
			same := a.person == b.person
			merged := okA && okB && ea == eb
			if nlp.Key(a.name) == nlp.Key(b.name) {
				s.sameName++
			}
			if same {
				s.samePerson++
			}
			pair := fmt.Sprintf("%s %s ~ %s %s", a.article, a.name, b.article, b.name)
			switch {
			case same && merged:
				s.tp++
			case !same && merged:
				s.fp++
				s.errors = append(s.errors, "merged, not the same person: "+pair)
			case same && !merged:
				s.fn++
				s.errors = append(s.errors, "apart, the same person: "+pair)
			}
		}
	}
	sort.Strings(s.errors)
	return s
}

func TestRosterGold(t *testing.T) {
	db, _ := open(t, Options{})
	addAll(t, db, buildRosterCorpus(t))
	people, _, err := db.Roster(context.Background(), RosterQuery{})
	if err != nil {
		t.Fatal(err)
	}
	gold := readGold(t)
	s := scoreRoster(gold, people)
	t.Logf("%d gold mentions (%d without a profile: %v); %d same-name pairs, %d same-person pairs",
		len(gold), len(s.missing), s.missing, s.sameName, s.samePerson)
	t.Logf("merges: precision %.2f (%d/%d), recall %.2f (%d/%d)", s.precision(), s.tp, s.tp+s.fp, s.recall(), s.tp, s.tp+s.fn)
	for _, e := range s.errors {
		t.Log(e)
	}
	if s.sameName < 40 {
		t.Errorf("the gold has %d same-name pairs, want at least 40", s.sameName)
	}
	if s.precision() < minPrecision || s.recall() < minRecall {
		t.Errorf("precision %.2f (want ≥ %.2f), recall %.2f (want ≥ %.2f)", s.precision(), minPrecision, s.recall(), minRecall)
	}
}

// TestScoreRoster checks the scoring itself on a made-up roster.
func TestScoreRoster(t *testing.T) {
	gold := []goldMention{{"a", "X Y", "p1"}, {"b", "X Y", "p1"}, {"c", "X Y", "p2"}, {"d", "Z", "p1"}}
	people := []Person{
		{ID: 1, Timeline: []Mention{{Article: "a", Name: "X Y"}, {Article: "c", Name: "X Y"}}},
		{ID: 2, Timeline: []Mention{{Article: "b", Name: "x y"}}},
	}
	s := scoreRoster(gold, people)
	// Same-person pairs: a~b, a~d, b~d (d has no profile): none merged.
	// Merged: a~c, not the same person.
	if s.tp != 0 || s.fp != 1 || s.fn != 3 || len(s.missing) != 1 || s.sameName != 3 || s.samePerson != 3 {
		t.Errorf("%+v", s)
	}
}
