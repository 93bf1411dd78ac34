package main

import (
	"bufio"
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
//	glob ─ match ─ reshuffle ─ read ─┬─ GroupByKey(shard) ─ build, sort, write shard ─ counts ─ CombinePerKey ─ GroupByKey(kind) ─ write counts
//	            one marker per shard ┘
//
// Articles are keyed by their shard, a hash of a key derived from the input
// (the file's path and the article's place in it), and a shard's articles
// are built in that key's order and written as one file: a re-run writes the
// same bytes. Beam's textio.Write would send every record through one
// worker (apache/beam#21031).

func init() {
	register.DoFn3x1[context.Context, string, func(string), error](&matchFn{})
	register.Emitter1[string]()
	register.DoFn3x0[context.Context, string, func(int, Input)](&readFn{})
	register.Emitter2[int, Input]()
	register.Function2x0(shardMarkers)
	register.DoFn4x1[context.Context, int, func(*Input) bool, func(string, Count), error](&shardFn{})
	register.Iter1[Input]()
	register.Emitter2[string, Count]()
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
	Marker    bool // no article: makes every shard a group, so that every shard file is written
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

// Metrics (namespace vnews): articles, errors by code (errors_CODE), bytes
// read, files read, and the time per stage in microseconds (read per file,
// build per article, sort and write per shard).
const ns = "vnews"

var (
	articlesCount = beam.NewCounter(ns, "articles")
	bytesCount    = beam.NewCounter(ns, "bytes")
	filesCount    = beam.NewCounter(ns, "files")
	readTime      = beam.NewDistribution(ns, "read_us")
	buildTime     = beam.NewDistribution(ns, "build_us")
	sortTime      = beam.NewDistribution(ns, "sort_us")
	writeTime     = beam.NewDistribution(ns, "write_us")
)

func errorCounter(code string) beam.Counter { return beam.NewCounter(ns, "errors_"+code) }

// buildPipeline builds the job for c.
func buildPipeline(c Config) (*beam.Pipeline, error) {
	if _, err := c.options(); err != nil {
		return nil, err
	}
	p, s := beam.NewPipelineWithRoot()
	rs := s.Scope("Read")
	paths := beam.ParDo(rs, &matchFn{}, beam.Create(rs, c.Input))
	// Files are spread over the workers; a runner may otherwise read
	// them all where the glob was expanded.
	paths = beam.Reshuffle(rs, paths)
	articles := beam.ParDo(rs, &readFn{Cfg: c}, paths)

	ws := s.Scope("Records")
	shardIDs := make([]int, c.Shards)
	for i := range shardIDs {
		shardIDs[i] = i
	}
	markers := beam.ParDo(ws, shardMarkers, beam.CreateList(ws, shardIDs))
	grouped := beam.GroupByKey(ws, beam.Flatten(ws, articles, markers))
	counts := beam.ParDo(ws, &shardFn{Cfg: c}, grouped)

	cs := s.Scope("Counts")
	total := beam.CombinePerKey(cs, &countFn{}, counts)
	rows := beam.ParDo(cs, countRows, total)
	kinds := beam.ParDo(cs, kindMarkers, beam.Create(cs, kindPeople, kindUnits))
	beam.ParDo0(cs, &writeCountsFn{Prefix: c.Output}, beam.GroupByKey(cs, beam.Flatten(cs, rows, kinds)))
	return p, nil
}

// matchFn expands a glob through Beam's filesystems, in lexical order.
type matchFn struct{}

func (f *matchFn) ProcessElement(ctx context.Context, glob string, emit func(string)) error {
	fsys, err := filesystem.New(ctx, glob)
	if err != nil {
		return err
	}
	defer fsys.Close()
	files, err := fsys.List(ctx, glob)
	if err != nil {
		return fmt.Errorf("listing %s: %w", glob, err)
	}
	sort.Strings(files)
	for _, f := range files {
		emit(f)
	}
	return nil
}

// readFn reads one file's articles with the library's reader (record.Reader
// through Stream: the same article ids, JSON Lines parsing, encodings and
// limits as `vnews analyze`). A file that cannot be read gives one article
// with a read error, never a failed bundle.
type readFn struct {
	Cfg Config
}

func (f *readFn) ProcessElement(ctx context.Context, path string, emit func(int, Input)) {
	start := time.Now()
	i := 0
	out := func(a record.Article) {
		key := sortKey(path, i)
		i++
		emit(shardOf(key, f.Cfg.Shards), toInput(key, a))
	}
	defer func() {
		if p := recover(); p != nil {
			out(record.Article{ID: path, Source: path, Err: &record.Error{Code: record.CodeInternal,
				Message: fmt.Sprintf("internal error in stage read: %v", p)}})
		}
		filesCount.Inc(ctx, 1)
		readTime.Update(ctx, time.Since(start).Microseconds())
	}()
	fail := func(err error) {
		// An empty text input gives the article that analyze names an
		// unreadable file by (its id from the file name).
		for a := range (&record.Reader{Mode: record.InputText}).Stream(strings.NewReader(""), path) {
			a.Err = &record.Error{Code: record.CodeRead, Message: err.Error()}
			out(a)
		}
	}
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

// shardMarkers keys one marker per shard.
func shardMarkers(shard int, emit func(int, Input)) { emit(shard, Input{Marker: true}) }

// shardFn builds, sorts and writes one shard. Its builder is the worker
// process's, made in Setup. Every article gives one record line, an error
// record for anything that fails (a panic included: an "internal" error
// record); only an output that cannot be written fails the bundle.
type shardFn struct {
	Cfg Config
	b   *record.Builder
}

func (f *shardFn) Setup(ctx context.Context) error {
	b, err := builderFor(f.Cfg)
	if err != nil {
		return fmt.Errorf("vnews: building the record builder: %w", err)
	}
	f.b = b
	return nil
}

// built is one article's record line and what the counts need of it.
type built struct {
	line   []byte
	code   string // error code, "" for a record without error
	size   int64
	dur    time.Duration
	people map[string]int64 // name: mentions
	units  map[string]int64
}

func (f *shardFn) ProcessElement(ctx context.Context, shard int, inputs func(*Input) bool, emit func(string, Count)) error {
	start := time.Now()
	var arts []*Input
	for {
		in := new(Input)
		if !inputs(in) {
			break
		}
		if !in.Marker {
			arts = append(arts, in)
		}
	}
	sort.Slice(arts, func(i, j int) bool { return arts[i].Key < arts[j].Key })
	sortTime.Update(ctx, time.Since(start).Microseconds())

	name := ShardName(f.Cfg.Output, shard, f.Cfg.Shards)
	fsys, err := filesystem.New(ctx, name)
	if err != nil {
		return err
	}
	defer fsys.Close()
	wc, err := fsys.OpenWrite(ctx, name)
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	w := bufio.NewWriterSize(wc, 256<<10)
	var writing time.Duration
	people, units := map[string]Count{}, map[string]Count{}
	var werr error
	for r := range f.buildAll(arts) {
		articlesCount.Inc(ctx, 1)
		bytesCount.Inc(ctx, r.size)
		buildTime.Update(ctx, r.dur.Microseconds())
		if r.code != "" {
			errorCounter(r.code).Inc(ctx, 1)
		}
		addCounts(people, r.people)
		addCounts(units, r.units)
		if werr == nil {
			t := time.Now()
			_, werr = w.Write(r.line)
			writing += time.Since(t)
		}
	}
	t := time.Now()
	if werr == nil {
		werr = w.Flush()
	}
	if cerr := wc.Close(); werr == nil {
		werr = cerr
	}
	writing += time.Since(t)
	writeTime.Update(ctx, writing.Microseconds())
	if werr != nil {
		return fmt.Errorf("writing %s: %w", name, werr)
	}
	for k, c := range people {
		emit(kindPeople+"\x00"+k, c)
	}
	for k, c := range units {
		emit(kindUnits+"\x00"+k, c)
	}
	return nil
}

// buildAll builds the articles on f.Cfg.Workers goroutines and yields their
// results in the articles' order.
func (f *shardFn) buildAll(arts []*Input) func(yield func(built) bool) {
	return func(yield func(built) bool) {
		workers := max(f.Cfg.Workers, 1)
		type job struct {
			in  *Input
			out chan built
		}
		jobs := make(chan job, workers)
		order := make(chan chan built, 4*workers)
		done := make(chan struct{})
		defer close(done)
		go func() {
			defer close(order)
			defer close(jobs)
			for _, in := range arts {
				ch := make(chan built, 1)
				select {
				case order <- ch:
				case <-done:
					return
				}
				jobs <- job{in, ch}
			}
		}()
		for range workers {
			go func() {
				for j := range jobs {
					j.out <- f.build(j.in)
				}
			}()
		}
		for ch := range order {
			if !yield(<-ch) {
				// Let the producer stop and the workers drain.
				go func() {
					for ch := range order {
						<-ch
					}
				}()
				return
			}
		}
	}
}

// build turns one article into its record line, as `vnews analyze` writes
// it. It never panics.
func (f *shardFn) build(in *Input) (out built) {
	start := time.Now()
	a := in.article()
	out.size = in.Size
	defer func() {
		if p := recover(); p != nil {
			out = errorLine(a, &record.Error{Code: record.CodeInternal, Message: fmt.Sprintf("internal error in stage beam: %v", p)})
			out.size = in.Size
		}
		out.dur = time.Since(start)
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
