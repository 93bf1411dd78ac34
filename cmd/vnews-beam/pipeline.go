package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/vnews/vnews/extract/record"
)

// The pipeline:
//
//	glob ─ match ─ reshuffle ─ read ─ [reshuffle] ─ build, spill sorted runs ─┬─ GroupByKey(shard) ─ merge runs into the shard ─┐
//	                                                     one marker per shard ┘                         remove stray runs ─ ┘
//	                                           build ─ counts ─ CombinePerKey ─ GroupByKey(kind) ─ write counts
//
// Each record line belongs to a shard, a hash of a key derived from the
// input (the file's path and the article's place in it), and a shard's
// lines are written in that key's order as one file: a re-run writes the
// same bytes. Beam's textio.Write would send every record through one
// worker (apache/beam#21031). The records themselves do not go through the
// shuffle: a bundle writes its records, sorted, as one run file per shard
// next to the output (PREFIX-tmp-...), and only the runs' names are
// grouped by shard; the shard's writer merges its runs, streaming, and
// removes them. A runner's shuffle is no faster than the filesystem for
// large values (prism holds them in memory), and the merge needs no more
// memory than one read buffer per run.
//
// Articles are built where they are read (the read and build DoFns are
// fused), on a pool of --workers goroutines that lives for a bundle:
// reading overlaps building, as in `vnews analyze`, and a runner that gives
// a stage one bundle at a time (prism does) still uses every core. With
// --rebalance the articles are shuffled between reading and building, so
// that the articles of a few large files are built on every worker of a
// cluster, at the cost of sending them through the runner's shuffle.

func init() {
	register.DoFn3x1[context.Context, string, func(string), error](&matchFn{})
	register.Emitter1[string]()
	register.DoFn4x0[context.Context, string, func(Input), func(string, Count)](&readFn{})
	register.Emitter1[Input]()
	register.DoFn4x1[context.Context, Input, func(int, string), func(string, Count), error](&buildFn{})
	register.Emitter2[int, string]()
	register.Emitter2[string, Count]()
	register.Function2x0(shardMarkers)
	register.DoFn4x1[context.Context, int, func(*string) bool, func(int), error](&writeShardFn{})
	register.Iter1[string]()
	register.Emitter1[int]()
	register.DoFn3x1[context.Context, int, func(*int) bool, error](&cleanupFn{})
	register.Iter1[int]()
	register.Combiner1[Count](&countFn{})
	register.Function3x0(countRows)
	register.Emitter2[string, CountRow]()
	register.Function2x0(kindMarkers)
	register.DoFn3x1[context.Context, string, func(*CountRow) bool, error](&writeCountsFn{})
	register.Iter1[CountRow]()
}

// Input is an article on its way from the reader to the builder: the
// fields of record.Article that a reader fills, in a form Beam can encode.
type Input struct {
	Key       string // sort key: the file's path, NUL, the article's place in the file
	ID        string
	Source    string
	Title     string
	Published string
	URL       string
	Raw       []byte
	Text      string
	JSON      bool
	HTML      bool
	ExtraKeys []string // the input's own fields, values as written
	ExtraVals [][]byte
	ErrCode   string // the input is already known to be bad
	ErrMsg    string
	Size      int64
}

func toInput(key string, a record.Article) Input {
	in := Input{Key: key, ID: a.ID, Source: a.Source, Title: a.Title, Published: a.Published, URL: a.URL,
		Raw: a.Raw, Text: a.Text, JSON: a.JSON, HTML: a.HTML, Size: a.Size}
	if a.Err != nil {
		in.ErrCode, in.ErrMsg = a.Err.Code, a.Err.Message
	}
	keys := make([]string, 0, len(a.Extra))
	for k := range a.Extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		in.ExtraKeys = append(in.ExtraKeys, k)
		in.ExtraVals = append(in.ExtraVals, a.Extra[k])
	}
	return in
}

func (in *Input) article() record.Article {
	a := record.Article{ID: in.ID, Source: in.Source, Title: in.Title, Published: in.Published, URL: in.URL,
		Raw: in.Raw, Text: in.Text, JSON: in.JSON, HTML: in.HTML, Size: in.Size}
	if in.ErrCode != "" {
		a.Err = &record.Error{Code: in.ErrCode, Message: in.ErrMsg}
	}
	if len(in.ExtraKeys) > 0 {
		a.Extra = make(map[string]json.RawMessage, len(in.ExtraKeys))
		for i, k := range in.ExtraKeys {
			a.Extra[k] = in.ExtraVals[i]
		}
	}
	return a
}

// sortKey orders the articles of a shard: by file, then by place in it.
func sortKey(path string, i int) string { return fmt.Sprintf("%s\x00%010d", path, i) }

// shardOf is the shard of a sort key.
func shardOf(key string, shards int) int {
	h := fnv.New64a()
	io.WriteString(h, key)
	return int(h.Sum64() % uint64(shards))
}

// ShardName is the name of shard i of n.
func ShardName(prefix string, i, n int) string {
	return fmt.Sprintf("%s-%05d-of-%05d.jsonl", prefix, i, n)
}

// Metrics (namespace vnews), for a runner's live view: articles, errors by
// code (errors_CODE), bytes read, files read, runs left unremoved, and the
// time per stage in microseconds (read per file, build per article, spill
// per bundle's runs, write per shard's merge). The report's totals come
// from PREFIX-totals.json instead (counts.go): a runner may aggregate its
// metrics loosely (prism once reported one bundle's articles alone).
const ns = "vnews"

var (
	articlesCount = beam.NewCounter(ns, "articles")
	bytesCount    = beam.NewCounter(ns, "bytes")
	filesCount    = beam.NewCounter(ns, "files")
	readTime      = beam.NewDistribution(ns, "read_us")
	buildTime     = beam.NewDistribution(ns, "build_us")
	spillTime     = beam.NewDistribution(ns, "spill_us")
	writeTime     = beam.NewDistribution(ns, "write_us")
	removeErrors  = beam.NewCounter(ns, "runs_not_removed")
)

func errorCounter(code string) beam.Counter { return beam.NewCounter(ns, "errors_"+code) }

// buildPipeline builds the job for c.
func buildPipeline(c Config) (*beam.Pipeline, error) {
	if _, err := c.options(); err != nil {
		return nil, err
	}
	p, s := beam.NewPipelineWithRoot()
	rs := s.Scope("Records")
	paths := beam.ParDo(rs, &matchFn{}, beam.Create(rs, c.Input))
	// Files are spread over the workers; a runner may otherwise read
	// them all where the glob was expanded.
	paths = beam.Reshuffle(rs, paths)
	articles, fileCounts := beam.ParDo2(rs, &readFn{Cfg: c}, paths)
	if c.Rebalance {
		articles = beam.Reshuffle(rs, articles)
	}
	runs, counts := beam.ParDo2(rs, &buildFn{Cfg: c}, articles)
	shardIDs := make([]int, c.Shards)
	for i := range shardIDs {
		shardIDs[i] = i
	}
	markers := beam.ParDo(rs, shardMarkers, beam.CreateList(rs, shardIDs))
	written := beam.ParDo(rs, &writeShardFn{Cfg: c}, beam.GroupByKey(rs, beam.Flatten(rs, runs, markers)))
	// Once every shard is written, the runs of bundles that failed and
	// were retried are removed.
	beam.ParDo0(rs, &cleanupFn{Prefix: c.Output}, beam.GroupByKey(rs, beam.AddFixedKey(rs, written)))

	cs := s.Scope("Counts")
	total := beam.CombinePerKey(cs, &countFn{}, beam.Flatten(cs, counts, fileCounts))
	rows := beam.ParDo(cs, countRows, total)
	kinds := beam.ParDo(cs, kindMarkers, beam.Create(cs, kindPeople, kindUnits, kindTotals))
	beam.ParDo0(cs, &writeCountsFn{Prefix: c.Output}, beam.GroupByKey(cs, beam.Flatten(cs, rows, kinds)))
	return p, nil
}

// matchFn expands a glob through Beam's filesystems, in lexical order.
type matchFn struct{}

func (f *matchFn) ProcessElement(ctx context.Context, glob string, emit func(string)) error {
	files, err := listFiles(ctx, glob)
	if err != nil {
		return err
	}
	for _, f := range files {
		emit(f)
	}
	return nil
}

// listFiles lists the files a glob matches through Beam's filesystems, in
// lexical order.
func listFiles(ctx context.Context, glob string) ([]string, error) {
	fsys, err := filesystem.New(ctx, glob)
	if err != nil {
		return nil, err
	}
	defer fsys.Close()
	files, err := fsys.List(ctx, glob)
	if err != nil {
		return nil, fmt.Errorf("listing %s: %w", glob, err)
	}
	sort.Strings(files)
	return files, nil
}

// readFn reads files with the library's reader (record.Reader through
// Stream: the same article ids, JSON Lines parsing, encodings and limits as
// `vnews analyze`). A file that cannot be read gives an article with a read
// error (and a panic, one with an internal error), never a failed bundle.
type readFn struct {
	Cfg Config
}

func (f *readFn) ProcessElement(ctx context.Context, path string, emit func(Input), emitCount func(string, Count)) {
	start := time.Now()
	var reading time.Duration
	i := 0
	out := func(a record.Article) {
		reading += time.Since(start)
		emit(toInput(sortKey(path, i), a))
		i++
		start = time.Now()
	}
	defer func() {
		if p := recover(); p != nil {
			out(fileArticle(path, &record.Error{Code: record.CodeInternal, Message: fmt.Sprintf("internal error in stage read: %v", p)}))
		}
		reading += time.Since(start)
		filesCount.Inc(ctx, 1)
		emitCount(kindTotals+"\x00"+totalFiles, Count{Articles: 1})
		readTime.Update(ctx, reading.Microseconds())
	}()
	fail := func(err error) { out(fileArticle(path, &record.Error{Code: record.CodeRead, Message: err.Error()})) }
	fsys, err := filesystem.New(ctx, path)
	if err != nil {
		fail(err)
		return
	}
	defer fsys.Close()
	rc, err := fsys.OpenRead(ctx, path)
	if err != nil {
		fail(err)
		return
	}
	defer rc.Close()
	mode, _ := record.ParseInputMode(f.Cfg.InputFormat)
	rd := &record.Reader{Mode: mode, MaxBytes: f.Cfg.MaxBytes}
	for a := range rd.Stream(rc, path) {
		out(a)
	}
}

// buildFn builds the records with the worker process's builder, made in
// Setup, on a pool of goroutines that lives for a bundle. Every article
// gives one record line, an error record for anything that fails (a panic
// included: an "internal" error record), never a failed bundle. The
// records are spilled as sorted runs; the corpus counts of a bundle are
// emitted when it finishes.
type buildFn struct {
	Cfg Config

	b      *record.Builder
	pool   *pool
	people map[string]Count
	units  map[string]Count
	totals map[string]int64 // the bundle's totals (counts.go), by name
	spill  *spill
	err    error // the first run that could not be written
}

func (f *buildFn) Setup(ctx context.Context) error {
	b, err := builderFor(f.Cfg)
	if err != nil {
		return fmt.Errorf("vnews: building the record builder: %w", err)
	}
	f.b = b
	return nil
}

func (f *buildFn) StartBundle(ctx context.Context, _ func(int, string), _ func(string, Count)) error {
	f.pool = newPool(max(f.Cfg.Workers, 1), f.build)
	f.people, f.units, f.totals = map[string]Count{}, map[string]Count{}, map[string]int64{}
	sp, err := newSpill(f.Cfg.Output, f.Cfg.Shards)
	f.spill, f.err = sp, err
	return err
}

func (f *buildFn) ProcessElement(ctx context.Context, in Input, emit func(int, string), emitCount func(string, Count)) error {
	handle := func(r built) { f.handle(ctx, r, emit) }
	f.pool.submit(job{a: in.article(), key: in.Key}, handle)
	f.pool.ready(handle)
	return f.err
}

// fileArticle is the article of a whole file that failed: named as
// analyze names an unreadable file (its id from the file name, which the
// reader gives an empty text input).
func fileArticle(path string, e *record.Error) record.Article {
	a := record.Article{ID: path, Source: path}
	for a = range (&record.Reader{Mode: record.InputText}).Stream(strings.NewReader(""), path) {
	}
	a.Raw, a.Err = nil, e
	return a
}

func (f *buildFn) FinishBundle(ctx context.Context, emit func(int, string), emitCount func(string, Count)) error {
	f.pool.finish(func(r built) { f.handle(ctx, r, emit) })
	f.pool = nil
	if f.err == nil {
		f.err = f.spill.flush(ctx, emit)
	}
	if f.err != nil {
		return f.err
	}
	for k, c := range f.people {
		emitCount(kindPeople+"\x00"+k, c)
	}
	for k, c := range f.units {
		emitCount(kindUnits+"\x00"+k, c)
	}
	for k, n := range f.totals {
		emitCount(kindTotals+"\x00"+k, Count{Articles: n})
	}
	f.people, f.units, f.totals = nil, nil, nil
	return nil
}

func (f *buildFn) Teardown() {
	if f.pool != nil { // a bundle that did not finish
		f.pool.abandon()
	}
}

// handle counts one record and adds it to the bundle's runs.
func (f *buildFn) handle(ctx context.Context, r built, emit func(int, string)) {
	articlesCount.Inc(ctx, 1)
	bytesCount.Inc(ctx, r.size)
	buildTime.Update(ctx, r.dur.Microseconds())
	f.totals[totalArticles]++
	f.totals[totalBytes] += r.size
	if r.code != "" {
		errorCounter(r.code).Inc(ctx, 1)
		f.totals[totalErrors+r.code]++
	}
	addCounts(f.people, r.people)
	addCounts(f.units, r.units)
	if f.err == nil {
		f.err = f.spill.add(ctx, shardOf(r.key, f.Cfg.Shards), r.key, r.line, emit)
	}
}

// job is one article to build.
type job struct {
	a   record.Article
	key string
}

// built is one article's record line and what the counts need of it.
type built struct {
	key    string
	line   []byte
	code   string // error code, "" for a record without error
	size   int64
	dur    time.Duration
	people map[string]int64 // name: mentions
	units  map[string]int64
}

// pool builds articles on its goroutines; results are handed back on the
// goroutine that submits (the only one that may emit).
type pool struct {
	jobs    chan job
	results chan built
	pending int
}

func newPool(workers int, build func(job) built) *pool {
	p := &pool{jobs: make(chan job, workers), results: make(chan built, 2*workers)}
	for range workers {
		go func() {
			for j := range p.jobs {
				p.results <- build(j)
			}
		}()
	}
	return p
}

// submit queues j, handing finished results to handle while it waits.
func (p *pool) submit(j job, handle func(built)) {
	for {
		select {
		case p.jobs <- j:
			p.pending++
			return
		case r := <-p.results:
			p.pending--
			handle(r)
		}
	}
}

// ready hands the results finished so far to handle.
func (p *pool) ready(handle func(built)) {
	for {
		select {
		case r := <-p.results:
			p.pending--
			handle(r)
		default:
			return
		}
	}
}

// finish waits for every result and stops the goroutines.
func (p *pool) finish(handle func(built)) {
	close(p.jobs)
	for ; p.pending > 0; p.pending-- {
		handle(<-p.results)
	}
}

// abandon stops the goroutines without handling their results.
func (p *pool) abandon() {
	close(p.jobs)
	go func() {
		for ; p.pending > 0; p.pending-- {
			<-p.results
		}
	}()
}

// build turns one article into its record line, as `vnews analyze` writes
// it. It never panics.
func (f *buildFn) build(j job) (out built) {
	start := time.Now()
	a := j.a
	size := a.Size
	defer func() {
		if p := recover(); p != nil {
			out = errorLine(a, &record.Error{Code: record.CodeInternal, Message: fmt.Sprintf("internal error in stage beam: %v", p)})
		}
		out.key, out.size, out.dur = j.key, size, time.Since(start)
	}()
	rec, _ := f.b.Build(a)
	line, err := record.Marshal(&rec, false)
	if ee := (*record.EncodeError)(nil); errors.As(err, &ee) {
		rec.Error = ee.Replacement
	} else if err != nil || line == nil {
		return errorLine(a, &record.Error{Code: record.CodeInternal, Message: fmt.Sprintf("internal error in stage encode: %v", err)})
	}
	out.line = line
	if rec.Error != nil {
		out.code = rec.Error.Code
		return out
	}
	for _, p := range rec.People {
		if p.Name == "" {
			continue
		}
		if out.people == nil {
			out.people = map[string]int64{}
		}
		out.people[p.Name] += int64(p.Mentions)
	}
	for _, e := range rec.Entities {
		if e.Type != "UNIT" {
			continue
		}
		n := e.Canonical
		if n == "" {
			n = e.Text
		}
		if out.units == nil {
			out.units = map[string]int64{}
		}
		out.units[n]++
	}
	return out
}

// errorLine is the error record line of an article.
func errorLine(a record.Article, e *record.Error) built {
	rec := record.Record{Schema: record.Schema, ID: a.ID, Source: a.Source, URL: a.URL, Error: e, Extra: a.Extra}
	line, err := record.Marshal(&rec, false)
	if line == nil {
		rec.Extra = nil
		rec.Error = &record.Error{Code: record.CodeInternal, Message: fmt.Sprintf("internal error in stage encode: %v", err)}
		line, _ = json.Marshal(rec)
		line = append(line, '\n')
	}
	return built{line: line, code: rec.Error.Code}
}

// shardMarkers keys one marker (no run) per shard, so that every shard
// file is written.
func shardMarkers(shard int, emit func(int, string)) { emit(shard, "") }

// writeShardFn merges a shard's runs into the shard file, then removes
// them. An output that cannot be written fails the bundle (the run, not an
// article, failed).
type writeShardFn struct {
	Cfg Config
}

func (f *writeShardFn) ProcessElement(ctx context.Context, shard int, runs func(*string) bool, done func(int)) error {
	start := time.Now()
	var names []string
	var name string
	for runs(&name) {
		if name != "" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	out := ShardName(f.Cfg.Output, shard, f.Cfg.Shards)
	if err := mergeRuns(ctx, names, out, maxFanIn); err != nil {
		return err
	}
	if err := removeFiles(ctx, names); err != nil {
		return err
	}
	writeTime.Update(ctx, time.Since(start).Microseconds())
	done(shard)
	return nil
}

// cleanupFn removes the runs that no shard merged: those of bundles that
// failed and were run again.
type cleanupFn struct {
	Prefix string
}

func (f *cleanupFn) ProcessElement(ctx context.Context, _ int, _ func(*int) bool) error {
	glob := runPrefix(f.Prefix) + "*"
	fsys, err := filesystem.New(ctx, glob)
	if err != nil {
		return err
	}
	defer fsys.Close()
	stray, err := fsys.List(ctx, glob)
	if err != nil {
		return fmt.Errorf("listing %s: %w", glob, err)
	}
	return removeFiles(ctx, stray)
}
