package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
)

// Corpus counts: per person (a people profile's name) and per unit (a UNIT
// entity's canonical name, or its text), the articles that mention them
// and their mentions, summed over the corpus by a Beam combine and written
// next to the records as PREFIX-people.jsonl and PREFIX-units.jsonl, most
// frequent first. The job's totals (articles, bytes, files, error records
// by code) go through the same combine into PREFIX-totals.json: they are
// the job's own output, so the report and the exit status do not depend
// on how a runner aggregates its metrics.

const (
	kindPeople = "people"
	kindUnits  = "units"
	kindTotals = "totals" // Count.Articles holds the total
)

// Totals are the job's totals, as PREFIX-totals.json holds them.
type Totals struct {
	Articles int64            `json:"articles"`
	Bytes    int64            `json:"bytes"`
	Files    int64            `json:"files"`
	Errors   map[string]int64 `json:"errors"` // error records by code
}

// ErrorRecords is the number of error records.
func (t Totals) ErrorRecords() int64 {
	var n int64
	for _, v := range t.Errors {
		n += v
	}
	return n
}

// The names of the totals in the combine's keys.
const (
	totalArticles = "articles"
	totalBytes    = "bytes"
	totalFiles    = "files"
	totalErrors   = "errors_" // + code
)

// add adds one combined total to t.
func (t *Totals) add(name string, v int64) {
	switch name {
	case totalArticles:
		t.Articles += v
	case totalBytes:
		t.Bytes += v
	case totalFiles:
		t.Files += v
	default:
		if code, ok := strings.CutPrefix(name, totalErrors); ok {
			if t.Errors == nil {
				t.Errors = map[string]int64{}
			}
			t.Errors[code] += v
		}
	}
}

// TotalsName is the name of the totals file.
func TotalsName(prefix string) string { return prefix + "-totals.json" }

// readTotals reads the totals file that a job with output prefix wrote.
func readTotals(ctx context.Context, prefix string) (Totals, error) {
	var t Totals
	name := TotalsName(prefix)
	fsys, err := filesystem.New(ctx, name)
	if err != nil {
		return t, err
	}
	defer fsys.Close()
	rc, err := fsys.OpenRead(ctx, name)
	if err != nil {
		return t, err
	}
	defer rc.Close()
	if err := json.NewDecoder(rc).Decode(&t); err != nil {
		return t, fmt.Errorf("%s: %w", name, err)
	}
	return t, nil
}

// Count is what the corpus holds of one person or unit.
type Count struct {
	Articles int64
	Mentions int64
}

// addCounts adds one article's mentions to a shard's counts.
func addCounts(into map[string]Count, mentions map[string]int64) {
	for k, n := range mentions {
		c := into[k]
		c.Articles++
		c.Mentions += n
		into[k] = c
	}
}

// countFn sums counts; a runner may merge partial sums in any order and on
// any worker (a combiner before the shuffle).
type countFn struct{}

func (countFn) MergeAccumulators(a, b Count) Count {
	return Count{Articles: a.Articles + b.Articles, Mentions: a.Mentions + b.Mentions}
}

// CountRow is one line of a counts file.
type CountRow struct {
	Name     string `json:"name"`
	Articles int64  `json:"articles"`
	Mentions int64  `json:"mentions"`
	Marker   bool   `json:"-"` // no row: makes every counts file a group, so that it is written
}

// countRows splits "kind NUL name" keys into the kind and its row.
func countRows(key string, c Count, emit func(string, CountRow)) {
	kind, name, _ := strings.Cut(key, "\x00")
	emit(kind, CountRow{Name: name, Articles: c.Articles, Mentions: c.Mentions})
}

func kindMarkers(kind string, emit func(string, CountRow)) { emit(kind, CountRow{Marker: true}) }

// CountsName is the name of a counts file.
func CountsName(prefix, kind string) string { return prefix + "-" + kind + ".jsonl" }

// writeCountsFn writes one counts file, sorted: most articles first, then
// most mentions, then by name.
type writeCountsFn struct {
	Prefix string
}

func (f *writeCountsFn) ProcessElement(ctx context.Context, kind string, rows func(*CountRow) bool) error {
	var all []CountRow
	var r CountRow
	for rows(&r) {
		if !r.Marker {
			all = append(all, r)
		}
		r = CountRow{}
	}
	if kind == kindTotals {
		return f.writeTotals(ctx, all)
	}
	sort.Slice(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if a.Articles != b.Articles {
			return a.Articles > b.Articles
		}
		if a.Mentions != b.Mentions {
			return a.Mentions > b.Mentions
		}
		return a.Name < b.Name
	})
	name := CountsName(f.Prefix, kind)
	fsys, err := filesystem.New(ctx, name)
	if err != nil {
		return err
	}
	defer fsys.Close()
	return writeFile(ctx, fsys, name, func(w *bufio.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, r := range all {
			if err := enc.Encode(r); err != nil {
				return err
			}
		}
		return nil
	})
}

// writeTotals writes the totals file: one JSON object, every code's count.
func (f *writeCountsFn) writeTotals(ctx context.Context, rows []CountRow) error {
	t := Totals{Errors: map[string]int64{}}
	for _, r := range rows {
		t.add(r.Name, r.Articles)
	}
	name := TotalsName(f.Prefix)
	fsys, err := filesystem.New(ctx, name)
	if err != nil {
		return err
	}
	defer fsys.Close()
	return writeFile(ctx, fsys, name, func(w *bufio.Writer) error {
		b, err := json.Marshal(t) // map keys sorted: a re-run writes the same bytes
		if err != nil {
			return err
		}
		_, err = w.Write(append(b, '\n'))
		return err
	})
}
