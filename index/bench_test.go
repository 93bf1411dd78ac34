package index

import (
	"context"
	"flag"
	"fmt"
	"sort"
	"testing"
	"time"
)

var benchDB = flag.String("db", "", "an index database for BenchmarkQueries (scripts/bench-index.sh)")

// TestSpace prints the space each table and index takes in the database
// given with -db (SQLite's dbstat), for scripts/bench-index.sh.
func TestSpace(t *testing.T) {
	if *benchDB == "" {
		t.Skip("no -db")
	}
	db, err := Open(context.Background(), *benchDB, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.sql.Query(`SELECT name, sum(pgsize), sum(payload) FROM dbstat GROUP BY name ORDER BY 2 DESC`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var size, payload int64
		if err := rows.Scan(&name, &size, &payload); err != nil {
			t.Fatal(err)
		}
		if size >= 1<<20 {
			fmt.Printf("  %-28s %7.1f MB (%.0f%% payload)\n", name, float64(size)/1e6, 100*float64(payload)/float64(size))
		}
	}
}

// BenchmarkQueries reports the median latency of 100 person timelines and
// of 100 entity-filtered searches on the database given with -db.
func BenchmarkQueries(b *testing.B) {
	if *benchDB == "" {
		b.Skip("no -db")
	}
	ctx := context.Background()
	db, err := Open(ctx, *benchDB, Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var names, units []string
	rows, _ := db.sql.Query(`SELECT DISTINCT n.text FROM people p JOIN strings n ON n.id = p.name LIMIT 100`)
	for rows.Next() {
		var s string
		rows.Scan(&s)
		names = append(names, s)
	}
	rows.Close()
	rows, _ = db.sql.Query(`SELECT DISTINCT n.text FROM entity_articles ea JOIN strings n ON n.id = ea.name WHERE ea.type = (SELECT id FROM strings WHERE text = 'UNIT') LIMIT 100`)
	for rows.Next() {
		var s string
		rows.Scan(&s)
		units = append(units, s)
	}
	rows.Close()
	median := func(f func(i int)) float64 {
		var ds []time.Duration
		for i := range 100 {
			t := time.Now()
			f(i)
			ds = append(ds, time.Since(t))
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		return float64(ds[50].Microseconds()) / 1000
	}
	for range b.N {
		tl := median(func(i int) {
			if _, _, err := db.Roster(ctx, RosterQuery{Person: names[i%len(names)]}); err != nil {
				b.Fatal(err)
			}
		})
		se := median(func(i int) {
			if _, err := db.Search(ctx, Query{Text: "huấn luyện", Entity: units[i%len(units)], Limit: 20}); err != nil {
				b.Fatal(err)
			}
		})
		b.ReportMetric(tl, "ms-timeline-median")
		b.ReportMetric(se, "ms-search-median")
	}
}
