package index

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/vnews/vnews/extract"
	"github.com/vnews/vnews/extract/record"
	"github.com/vnews/vnews/internal/benchtext"
	"github.com/vnews/vnews/nlp"
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
// of 100 entity-filtered searches on the database given with -db, for
// names and units taken evenly along the roster's name order (a sample of
// the people, not the most frequent ones), and the median of 5 timelines of
// the person named most often, with how many mentions that name has.
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
	column := func(query string) []string {
		rows, err := db.sql.Query(query)
		if err != nil {
			b.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				b.Fatal(err)
			}
			out = append(out, s)
		}
		return out
	}
	sample := func(all []string) []string {
		if len(all) <= 100 {
			return all
		}
		out := make([]string, 100)
		for i := range out {
			out[i] = all[i*len(all)/100]
		}
		return out
	}
	names := sample(column(`SELECT n.text FROM strings n WHERE n.id IN (SELECT DISTINCT name FROM people) ORDER BY n.key`))
	units := sample(column(`SELECT n.text FROM strings n WHERE n.id IN (SELECT DISTINCT name FROM entity_articles WHERE type = (SELECT id FROM strings WHERE text = 'UNIT')) ORDER BY n.key`))
	var busiest string
	var most int
	if err := db.sql.QueryRow(`SELECT n.text, count(*) FROM people p JOIN strings n ON n.id = p.name GROUP BY p.name ORDER BY 2 DESC LIMIT 1`).Scan(&busiest, &most); err != nil {
		b.Fatal(err)
	}
	if len(names) == 0 || len(units) == 0 {
		b.Fatal("no people or no units in the database")
	}
	median := func(n int, f func(i int)) float64 {
		var ds []time.Duration
		for i := range n {
			t := time.Now()
			f(i)
			ds = append(ds, time.Since(t))
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		return float64(ds[n/2].Microseconds()) / 1000
	}
	timeline := func(name string) {
		if _, _, err := db.Roster(ctx, RosterQuery{Person: name}); err != nil {
			b.Fatal(err)
		}
	}
	for range b.N {
		tl := median(100, func(i int) { timeline(names[i%len(names)]) })
		se := median(100, func(i int) {
			if _, err := db.Search(ctx, Query{Text: "huấn luyện", Entity: units[i%len(units)], Limit: 20}); err != nil {
				b.Fatal(err)
			}
		})
		top := median(5, func(int) { timeline(busiest) })
		b.ReportMetric(tl, "ms-timeline-median")
		b.ReportMetric(se, "ms-search-median")
		b.ReportMetric(top, "ms-timeline-busiest")
		b.ReportMetric(float64(most), "mentions-busiest")
	}
}

// BenchmarkPrepare is the work an entry gets before the writer sees it (in
// the workers): the folded words of each sentence for the FTS table and the
// compressed text, on made-up news articles (internal/benchtext).
func BenchmarkPrepare(b *testing.B) {
	bl, err := record.NewBuilder(nil, nil, record.Options{Parts: record.PartSentences | record.PartEntities | record.PartText})
	if err != nil {
		b.Fatal(err)
	}
	var recs []*record.Record
	size := 0
	for i, text := range benchtext.Articles(50, 3000, 1) {
		r, err := bl.Build(record.Article{ID: fmt.Sprint(i), Text: text, JSON: true})
		if err != nil {
			b.Fatal(err)
		}
		recs = append(recs, &r)
		size += len(text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range recs {
			prepare(Entry{Key: r.ID, Hash: "h", Record: r}, true) // the CLI gives the key and hash
		}
	}
}

// BenchmarkAdd is the index's own cost per article, apart from the
// pipeline: Prepare (as the CLI's workers do it) and Add in batches of 1,024
// (VNEWS_BENCH_BATCH) into a new database, on the records of VNEWS_BENCH_RECORDS (`vnews
// analyze` output; scripts/bench-index.sh's corpus is the one to use), or
// else on made-up articles built with the full pipeline.
func BenchmarkAdd(b *testing.B) {
	recs := benchRecords(b)
	size := 0
	for _, r := range recs {
		size += len(r.Text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	ctx := context.Background()
	for b.Loop() {
		db, err := Open(ctx, filepath.Join(b.TempDir(), "c.db"), Options{})
		if err != nil {
			b.Fatal(err)
		}
		bs := 1024 // as vnews index
		if v, err := strconv.Atoi(os.Getenv("VNEWS_BENCH_BATCH")); err == nil {
			bs = v
		}
		for i := 0; i < len(recs); i += bs {
			var batch []Entry
			for _, r := range recs[i:min(i+bs, len(recs))] {
				batch = append(batch, db.Prepare(Entry{Key: r.ID, Hash: r.ID, Record: r}))
			}
			if _, err := db.Add(ctx, batch...); err != nil {
				b.Fatal(err)
			}
		}
		db.Close()
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(recs)), "µs/article")
}

func benchRecords(b *testing.B) []*record.Record {
	var recs []*record.Record
	if path := os.Getenv("VNEWS_BENCH_RECORDS"); path != "" {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 64<<20)
		for sc.Scan() {
			r := new(record.Record)
			if err := json.Unmarshal(sc.Bytes(), r); err != nil {
				b.Fatal(err)
			}
			recs = append(recs, r)
		}
		if err := sc.Err(); err != nil {
			b.Fatal(err)
		}
		return recs
	}
	an, err := nlp.NewAnalyzer()
	if err != nil {
		b.Fatal(err)
	}
	ex, err := extract.New()
	if err != nil {
		b.Fatal(err)
	}
	bl, err := record.NewBuilder(an, ex, record.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for i, text := range benchtext.Articles(300, 3000, 1) {
		r, err := bl.Build(record.Article{ID: fmt.Sprint(i), Text: text, Published: fmt.Sprintf("2024-%02d-%02d", 1+i%12, 1+i%28)})
		if err != nil {
			b.Fatal(err)
		}
		recs = append(recs, &r)
	}
	return recs
}
