package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/vnews/vnews/cmd/vnews/internal/batch"
	"github.com/vnews/vnews/extract/record"
	"github.com/vnews/vnews/index"
	"github.com/vnews/vnews/nlp"
)

// indexBatch is how many articles one transaction of `vnews index` holds
// by default (--batch). A commit writes every page the batch changed to the
// write-ahead log, with its checksum, and FTS5 a new segment to merge: a
// batch of 1,024 rather than 256 writes a page changed by several articles
// once, which cut the writer's CPU time by a sixth on 8,000 articles. A
// killed run loses at most one batch's work, which a re-run redoes.
const indexBatch = 1024

// maxBatchBytes ends a batch early when its articles' input reaches it, so
// that a corpus of very long articles does not hold a thousand of them.
const maxBatchBytes = 64 << 20

// errWriteFailed stops the pipeline when the writer has failed (its error
// is the one reported).
var errWriteFailed = errors.New("the index could not be written")

var flagDB = &cli.StringFlag{Name: "db", Usage: "the index database (SQLite)", Required: true}

// indexCommands are the commands over the corpus index: index, roster and
// search.
func indexCommands(s streams) []*cli.Command {
	onUsage := func(c *cli.Context, err error, _ bool) error { return usageError(c, err) }
	return []*cli.Command{
		{
			Name:      "index",
			Usage:     "store articles (or existing vnews/1 records) in an SQLite index: incremental, by content hash",
			ArgsUsage: "PATH ...",
			Flags: append([]cli.Flag{flagDB,
				&cli.BoolFlag{Name: "records", Usage: "the inputs are vnews/1 records (JSON Lines), stored as they are"},
				&cli.BoolFlag{Name: "no-text", Usage: "keep articles' text out of the index (searches give offsets without the sentence)"},
				&cli.IntFlag{Name: "batch", Value: indexBatch, Usage: "articles per transaction: what a killed run can lose and what readers wait for"},
			}, articleFlags()...),
			OnUsageError: onUsage,
			CustomHelpTemplate: commandHelp([]string{
				"vnews index --db corpus.db articles/",
				"vnews index --db corpus.db --records records.jsonl",
			}),
			Action: func(c *cli.Context) error { return runIndex(c, s) },
		},
		{
			Name:      "search",
			Usage:     "full-text search of an index (tone marks optional), newest first, with entity and date filters",
			ArgsUsage: "QUERY",
			Flags: []cli.Flag{flagDB,
				&cli.StringFlag{Name: "entity", Usage: "only articles naming this entity (\"Sư đoàn 308\")"},
				&cli.StringFlag{Name: "type", Usage: "the entity's type: PERSON, UNIT, RANK, DATE, POSITION, LOCATION"},
				&cli.StringFlag{Name: "from", Usage: "first publication day, YYYY-MM-DD"},
				&cli.StringFlag{Name: "to", Usage: "last publication day, YYYY-MM-DD"},
				&cli.IntFlag{Name: "limit", Value: 20, Usage: "at most this many sentences"},
				&cli.BoolFlag{Name: "rank", Usage: "most relevant first (bm25) instead of newest first; slower on large indexes"},
				formatFlag([]string{"text", "tsv", "jsonl"}),
			},
			OnUsageError: onUsage,
			CustomHelpTemplate: commandHelp([]string{
				`vnews search --db corpus.db "hoa binh"`,
				`vnews search --db corpus.db --entity "Sư đoàn 308" "diễn tập"`,
			}),
			Action: func(c *cli.Context) error { return runSearch(c, s) },
		},
		{
			Name:  "roster",
			Usage: "people across articles: timelines, promotions, and units with their people over time",
			Flags: []cli.Flag{flagDB,
				&cli.StringFlag{Name: "person", Usage: "a person's name"},
				&cli.StringFlag{Name: "unit", Usage: "people seen in this unit"},
				&cli.StringFlag{Name: "rank", Usage: "people seen with this rank"},
				&cli.StringFlag{Name: "since", Usage: "mentions on or after this day, YYYY-MM-DD"},
				formatFlag([]string{"text", "tsv", "jsonl"}),
			},
			OnUsageError: onUsage,
			CustomHelpTemplate: commandHelp([]string{
				`vnews roster --db corpus.db --unit "Sư đoàn 308"`,
				`vnews roster --db corpus.db --person "Lê Quang Hưng" -f tsv`,
			}),
			Action: func(c *cli.Context) error { return runRoster(c, s) },
		},
	}
}

func openIndex(c *cli.Context, readOnly bool) (*index.DB, error) {
	path := c.String("db")
	if readOnly {
		if _, err := os.Stat(path); err != nil {
			return nil, &exitError{code: exitFailed, err: fmt.Errorf("--db %s: %w", path, record.ErrNotFound)}
		}
	}
	db, err := index.Open(c.Context, path, index.Options{NoText: c.Bool("no-text"), ReadOnly: readOnly})
	if err != nil {
		return nil, &exitError{code: exitFailed, err: err}
	}
	return db, nil
}

// indexItem is one article for `vnews index`: an input article to build,
// or a record read as it is.
type indexItem struct {
	art    record.Article
	rec    *record.Record
	hash   string
	key    string
	size   int64
	skip   bool
	failed bool
	entry  index.Entry // prepared on the worker
}

func runIndex(c *cli.Context, s streams) error {
	paths := c.Args().Slice()
	if len(paths) == 0 {
		return usageErr("no PATH to index")
	}
	workers := c.Int("workers")
	if workers < 1 {
		return usageErr("--workers must be at least 1")
	}
	batchSize := c.Int("batch")
	if batchSize < 1 {
		return usageErr("--batch must be at least 1")
	}
	mode, err := record.ParseInputMode(c.String("input"))
	if err != nil {
		return usageErr("%v", err)
	}
	enc, err := nlp.ParseEncoding(c.String("encoding"))
	if err != nil {
		return usageErr("%v", err)
	}
	opts := record.Options{Parts: record.PartSentences | record.PartEntities | record.PartText, Encoding: enc}
	if p := c.String("published"); p != "" {
		t, ok := record.ParsePublished(p)
		if !ok {
			return usageErr("--published %q is not a date (want 2020-04-24 or RFC 3339)", p)
		}
		opts.Published = t
	}
	if err := record.CheckPaths(paths); err != nil {
		return &exitError{code: exitFailed, err: err}
	}
	db, err := openIndex(c, false)
	if err != nil {
		return err
	}
	defer db.Close()
	known, err := db.Hashes(c.Context)
	if err != nil {
		return &exitError{code: exitFailed, err: err}
	}
	quiet := c.Bool("quiet")
	var prog *progress
	if !quiet && (c.Bool("progress") || isTerminal(s.stderr)) {
		prog = startProgress(s.stderr, 500*time.Millisecond)
	}
	diag := &diagnostics{w: s.stderr, prog: prog, quiet: quiet}

	var items iter.Seq[indexItem]
	var build func(indexItem) indexItem
	rd := &record.Reader{Mode: mode, Stdin: s.stdin, MaxBytes: c.Int64("max-bytes"), Skipped: diag.skipped}
	failedInput := false
	if c.Bool("records") {
		items = readRecords(paths, &failedInput)
		build = func(it indexItem) indexItem {
			it.hash = index.RecordHash(it.rec)
			it.key = index.KeyOf(it.rec)
			it.skip = known[it.key] == it.hash
			it.failed = it.rec.Error != nil
			if !it.skip {
				it.entry = db.Prepare(index.Entry{Key: it.key, Hash: it.hash, Record: it.rec})
			}
			return it
		}
	} else {
		if prog != nil {
			prog.total(func() (int64, bool) { return rd.TotalSize(paths) })
		}
		b, err := newBuilder(c, opts)
		if err != nil {
			return err
		}
		items = func(yield func(indexItem) bool) {
			for a := range rd.Articles(paths) {
				if !yield(indexItem{art: a, size: a.Size}) {
					return
				}
			}
		}
		build = func(it indexItem) indexItem {
			it.hash = index.ArticleHash(&it.art)
			it.key = it.art.ID
			if it.key == "" {
				it.key = it.art.Source
			}
			if known[it.key] == it.hash {
				it.skip = true
				it.art = record.Article{}
				return it
			}
			rec, err := b.Build(it.art)
			it.art = record.Article{}
			it.rec, it.failed = &rec, err != nil
			it.entry = db.Prepare(index.Entry{Key: it.key, Hash: it.hash, Record: it.rec})
			return it
		}
	}
	seen := func(yield func(indexItem) bool) {
		for it := range items {
			prog.seen()
			if !yield(it) {
				return
			}
		}
	}
	// One goroutine writes batches while the workers build the next ones.
	var total index.AddStats
	batches := make(chan []index.Entry, 1)
	written := make(chan error, 1)
	var writeFailed atomic.Bool
	go func() {
		var werr error
		for b := range batches {
			if werr != nil {
				continue
			}
			st, err := db.Add(c.Context, b...)
			if err != nil && c.Context.Err() != nil {
				// Interrupted: commit what was built in a context of its own.
				st, err = db.Add(context.Background(), b...)
			}
			total.Added += st.Added
			total.Replaced += st.Replaced
			total.Skipped += st.Skipped
			total.Errors += st.Errors
			if err != nil {
				werr = err
				writeFailed.Store(true)
			}
		}
		written <- werr
	}()
	var pending []index.Entry
	var pendingBytes int64
	flush := func() error {
		if writeFailed.Load() {
			return errWriteFailed
		}
		if len(pending) > 0 {
			batches <- pending
			pending = make([]index.Entry, 0, batchSize)
			pendingBytes = 0
		}
		return nil
	}
	failures, skipped := 0, 0
	err = batch.Run(c.Context, workers, seen, build, func(it indexItem) error {
		prog.add(it.size, it.failed)
		if it.skip {
			skipped++
			return nil
		}
		if it.failed {
			failures++
			diag.printf("%s: %s", it.rec.Source, it.rec.Error.Message)
		}
		// Two articles of one input with the same key: the later one wins.
		pending = append(pending, it.entry)
		pendingBytes += it.size
		if len(pending) >= batchSize || pendingBytes >= maxBatchBytes {
			return flush()
		}
		return nil
	})
	flush()
	close(batches)
	if werr := <-written; err == nil || errors.Is(err, errWriteFailed) {
		err = werr
	}
	total.Skipped += skipped
	prog.finish()
	if !quiet {
		fmt.Fprintf(s.stderr, "vnews: index %s: %d added, %d replaced, %d unchanged, %d error records\n",
			c.String("db"), total.Added, total.Replaced, total.Skipped, total.Errors)
	}
	switch {
	case err != nil:
		return &exitError{code: exitFailed, err: err}
	case c.Context.Err() != nil:
		return &exitError{code: exitSignal, err: errors.New("interrupted")}
	case rd.Failed || failedInput:
		return &exitError{code: exitFailed}
	case failures > 0:
		return &exitError{code: exitArticles}
	}
	return nil
}

// readRecords yields the vnews/1 records of JSON Lines files (.gz too). A
// line that is not a record becomes an error record of its own, keyed by
// file and line, so that nothing is lost.
func readRecords(paths []string, failed *bool) iter.Seq[indexItem] {
	return func(yield func(indexItem) bool) {
		for _, p := range paths {
			f, err := os.Open(p)
			if err != nil {
				*failed = true
				if !yield(indexItem{rec: &record.Record{Schema: record.Schema, Source: p, Error: &record.Error{Code: record.CodeRead, Message: err.Error()}}}) {
					return
				}
				continue
			}
			var r io.Reader = f
			if strings.HasSuffix(p, ".gz") {
				gz, err := gzip.NewReader(f)
				if err != nil {
					f.Close()
					*failed = true
					if !yield(indexItem{rec: &record.Record{Schema: record.Schema, Source: p, Error: &record.Error{Code: record.CodeRead, Message: err.Error()}}}) {
						return
					}
					continue
				}
				r = gz
			}
			sc := bufio.NewScanner(r)
			sc.Buffer(make([]byte, 0, 64*1024), 64<<20)
			line := 0
			for sc.Scan() {
				line++
				b := sc.Bytes()
				if len(strings.TrimSpace(string(b))) == 0 {
					continue
				}
				rec := &record.Record{}
				if err := json.Unmarshal(b, rec); err != nil || rec.Schema != record.Schema {
					msg := "not a vnews/1 record"
					if err != nil {
						msg = err.Error()
					}
					rec = &record.Record{Schema: record.Schema, Source: p + ":" + strconv.Itoa(line), Error: &record.Error{Code: record.CodeJSON, Message: msg}}
				}
				if !yield(indexItem{rec: rec, size: int64(len(b) + 1)}) {
					f.Close()
					return
				}
			}
			if err := sc.Err(); err != nil {
				*failed = true
				yield(indexItem{rec: &record.Record{Schema: record.Schema, Source: p + ":" + strconv.Itoa(line+1), Error: &record.Error{Code: record.CodeRead, Message: err.Error()}}})
			}
			f.Close()
		}
	}
}

func runSearch(c *cli.Context, s streams) error {
	format, err := checkFormat(c, []string{"text", "tsv", "jsonl"})
	if err != nil {
		return err
	}
	q := index.Query{Text: strings.Join(c.Args().Slice(), " "), Entity: c.String("entity"), Type: c.String("type"),
		From: c.String("from"), To: c.String("to"), Limit: c.Int("limit"), Rank: c.Bool("rank")}
	for _, d := range []string{q.From, q.To} {
		if d != "" {
			if _, err := time.Parse("2006-01-02", d); err != nil {
				return usageErr("%q is not a day (want YYYY-MM-DD)", d)
			}
		}
	}
	if strings.TrimSpace(q.Text) == "" && q.Entity == "" && q.Type == "" {
		return usageErr("no QUERY (and no --entity or --type)")
	}
	db, err := openIndex(c, true)
	if err != nil {
		return err
	}
	defer db.Close()
	hits, err := db.Search(c.Context, q)
	if err != nil {
		return &exitError{code: exitFailed, err: err}
	}
	w := bufio.NewWriter(s.stdout)
	switch format {
	case "tsv":
		fmt.Fprintln(w, "article\tpublished\tsentence\tstart\tend\ttext")
		for _, h := range hits {
			fmt.Fprintf(w, "%s\t%s\t%d\t%d\t%d\t%s\n", tsvField(h.Article), tsvField(h.Published), h.Sentence, h.Start, h.End, tsvField(h.Text))
		}
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, h := range hits {
			enc.Encode(map[string]any{"article": h.Article, "title": h.Title, "published": h.Published,
				"sentence": h.Sentence, "start": h.Start, "end": h.End, "text": h.Text})
		}
	default:
		for _, h := range hits {
			fmt.Fprintf(w, "%s  %s  [%d:%d]\n  %s\n", h.Article, h.Published, h.Start, h.End, h.Text)
		}
	}
	return flushOutput(w)
}

func runRoster(c *cli.Context, s streams) error {
	format, err := checkFormat(c, []string{"text", "tsv", "jsonl"})
	if err != nil {
		return err
	}
	q := index.RosterQuery{Person: c.String("person"), Unit: c.String("unit"), Rank: c.String("rank"), Since: c.String("since")}
	if q.Since != "" {
		if _, err := time.Parse("2006-01-02", q.Since); err != nil {
			return usageErr("--since %q is not a day (want YYYY-MM-DD)", q.Since)
		}
	}
	db, err := openIndex(c, true)
	if err != nil {
		return err
	}
	defer db.Close()
	people, units, err := db.Roster(c.Context, q)
	if err != nil {
		return &exitError{code: exitFailed, err: err}
	}
	w := bufio.NewWriter(s.stdout)
	switch format {
	case "tsv":
		fmt.Fprintln(w, "person\tname\tpublished\trank\tposition\tunit\tarticle")
		for _, p := range people {
			for _, m := range p.Timeline {
				fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", p.ID, tsvField(m.Name), m.Published, tsvField(m.Rank), tsvField(m.Position), tsvField(m.Unit), tsvField(m.Article))
			}
		}
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, p := range people {
			tl := make([]map[string]any, len(p.Timeline))
			for i, m := range p.Timeline {
				tl[i] = map[string]any{"published": m.Published, "rank": m.Rank, "position": m.Position, "unit": m.Unit, "article": m.Article}
			}
			pr := make([]map[string]any, len(p.Promotions))
			for i, x := range p.Promotions {
				pr[i] = map[string]any{"from": x.From, "to": x.To, "published": x.Date, "article": x.Article}
			}
			enc.Encode(map[string]any{"person": p.ID, "name": p.Name, "timeline": tl, "promotions": pr})
		}
		for _, u := range units {
			posts := make([]map[string]any, len(u.Posts))
			for i, po := range u.Posts {
				posts[i] = map[string]any{"person": po.Person, "name": po.Name, "rank": po.Rank, "position": po.Position, "first": po.First, "last": po.Last, "articles": po.Articles}
			}
			enc.Encode(map[string]any{"unit": u.Name, "posts": posts})
		}
	default:
		for _, p := range people {
			fmt.Fprintf(w, "%s (#%d)\n", p.Name, p.ID)
			for _, m := range p.Timeline {
				fmt.Fprintf(w, "  %-10s  %-14s  %-20s  %-24s  %s\n", orDash(m.Published), orDash(m.Rank), orDash(m.Position), orDash(m.Unit), m.Article)
			}
			for _, x := range p.Promotions {
				fmt.Fprintf(w, "  promoted %s → %s (%s, %s)\n", x.From, x.To, orDash(x.Date), x.Article)
			}
		}
		for _, u := range units {
			fmt.Fprintf(w, "unit %s\n", u.Name)
			for _, po := range u.Posts {
				fmt.Fprintf(w, "  %s – %s  %s %s, %s (#%d, %d articles)\n", orDash(po.First), orDash(po.Last), po.Rank, po.Name, orDash(po.Position), po.Person, po.Articles)
			}
		}
	}
	return flushOutput(w)
}

// flushOutput flushes a query's output: a reader that went away (| head)
// ends the command quietly; any other write error fails it (exit 3).
func flushOutput(w *bufio.Writer) error {
	switch err := w.Flush(); {
	case err == nil, errors.Is(err, syscall.EPIPE):
		return nil
	default:
		return &exitError{code: exitFailed, err: fmt.Errorf("writing output: %w", err)}
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
