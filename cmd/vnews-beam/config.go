package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing/fstest"

	"github.com/vnews/vnews/extract"
	"github.com/vnews/vnews/extract/record"
	"github.com/vnews/vnews/extract/summary"
	"github.com/vnews/vnews/nlp"
)

// Config is the job's configuration: the paths and the article options of
// `vnews analyze`. It travels to the workers inside the DoFns (serialized
// as JSON), so everything a worker needs is in it, the user dictionary and
// the lexicon files included: a worker need not see the launcher's files.
type Config struct {
	Input   string // glob of the input files: local, gs:// or s3://
	Output  string // prefix of the output files
	Shards  int    // output shards
	Workers int    // articles built in parallel inside one bundle
	// Rebalance shuffles the articles between reading and building.
	Rebalance bool

	InputFormat string // analyze's --input: auto, text, jsonl, html
	Encoding    string
	Published   string
	MaxBytes    int64
	Words       bool
	Tagger      bool
	N           int
	NSet        bool // -n was given (with --max-words alone the budget decides)
	Ratio       float64
	MaxWords    int
	Explain     bool

	DictName string            // --dict as given, for messages
	Dict     []byte            // its contents
	Lexicon  map[string][]byte // --lexicon: the directory's files by name
}

// defaultMaxBytes is analyze's default --max-bytes.
const defaultMaxBytes = 16 << 20

// flags registers the job's flags on fs (the process's flag set, where
// Beam's own flags are) and returns a function that reads them into a
// Config once fs is parsed.
func flags(fs *flag.FlagSet) func() (Config, error) {
	input := fs.String("input", "", "glob of the input files, one article per text or HTML file, one per line of JSON Lines files (.jsonl, .ndjson, .json, also .gz): a local path, gs://BUCKET/... or s3://BUCKET/...")
	output := fs.String("output", "", "prefix of the output: PREFIX-00000-of-000NN.jsonl record shards, PREFIX-people.jsonl and PREFIX-units.jsonl corpus counts, PREFIX-totals.json")
	shards := fs.Int("shards", 16, "number of record shards (PREFIX-00000-of-000NN.jsonl), each written by one worker, merging the sorted runs of the bundles")
	workers := fs.Int("workers", runtime.NumCPU(), "articles built in parallel inside one bundle (on a cluster whose workers run one bundle per core, 1)")
	rebalance := fs.Bool("rebalance", false, "shuffle the articles between reading and building, so that a few large files are built on every worker of a cluster (costs a shuffle of the articles)")
	format := fs.String("input-format", "auto", "analyze's --input: text (one article per file), jsonl (one per line), html (one page per file) or auto (by extension)")
	encoding := fs.String("encoding", "auto", "input encoding: auto, utf-8, utf-16le, utf-16be, windows-1258, tcvn3 (ABC), vni")
	published := fs.String("published", "", "publication date (2020-04-24 or RFC 3339) anchoring partial and relative dates of articles that carry none")
	maxBytes := fs.Int64("max-bytes", defaultMaxBytes, "articles larger than this many bytes give a too_large error record (0: no limit)")
	dict := fs.String("dict", "", "user dictionary: a file of words (one per line) the segmenter keeps whole; read by the launcher")
	lexicon := fs.String("lexicon", "", "directory of lexicon files added to the built-in ones; read by the launcher")
	tagger := fs.Bool("tagger", false, "let the learned tagger decide PERSON and UNIT mentions (about three times slower)")
	words := fs.Bool("words", false, "add the segmented words to the records")
	n := fs.Int("n", 3, "summary length in sentences")
	ratio := fs.Float64("ratio", 0, "summary length as a share of the article's sentences (overrides -n)")
	maxWords := fs.Int("max-words", 0, "budget of the summary in syllables")
	explain := fs.Bool("explain", false, "add per-sentence scores to the summary")
	return func() (Config, error) {
		c := Config{Input: *input, Output: *output, Shards: *shards, Workers: *workers, Rebalance: *rebalance, InputFormat: *format,
			Encoding: *encoding, Published: *published, MaxBytes: *maxBytes, Words: *words, Tagger: *tagger,
			N: *n, Ratio: *ratio, MaxWords: *maxWords, Explain: *explain, DictName: *dict}
		fs.Visit(func(f *flag.Flag) {
			if f.Name == "n" {
				c.NSet = true
			}
		})
		if c.Input == "" || c.Output == "" {
			return c, errors.New("--input GLOB and --output PREFIX are required")
		}
		if *dict != "" {
			b, err := os.ReadFile(*dict)
			if err != nil {
				return c, fmt.Errorf("--dict: %w", err)
			}
			c.Dict = b
		}
		if *lexicon != "" {
			files, err := readLexicon(*lexicon)
			if err != nil {
				return c, err
			}
			c.Lexicon = files
		}
		_, err := c.options()
		return c, err
	}
}

// readLexicon reads the regular files of a lexicon directory.
func readLexicon(dir string) (map[string][]byte, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("--lexicon %s: not a directory", dir)
	}
	files := map[string][]byte{}
	for _, e := range ents {
		if !e.Type().IsRegular() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("--lexicon: %w", err)
		}
		files[e.Name()] = b
	}
	return files, nil
}

// options checks the configuration and gives the record options that
// `vnews analyze` would use with the same flags.
func (c Config) options() (record.Options, error) {
	var o record.Options
	if c.Shards < 1 || c.Shards > 99999 {
		return o, errors.New("--shards must be between 1 and 99999")
	}
	if c.Workers < 1 {
		return o, errors.New("--workers must be at least 1")
	}
	if _, err := record.ParseInputMode(c.InputFormat); err != nil {
		return o, fmt.Errorf("--input-format: %v", err)
	}
	enc, err := nlp.ParseEncoding(c.Encoding)
	if err != nil {
		return o, err
	}
	o = record.Options{Parts: record.PartAll, Encoding: enc, Words: c.Words}
	if c.Published != "" {
		t, ok := record.ParsePublished(c.Published)
		if !ok {
			return o, fmt.Errorf("--published %q is not a date (want 2020-04-24 or RFC 3339)", c.Published)
		}
		o.Published = t
	}
	s := summary.Options{N: c.N, Ratio: c.Ratio, MaxWords: c.MaxWords, Explain: c.Explain}
	switch {
	case s.N < 1:
		return o, errors.New("-n must be at least 1")
	case s.Ratio < 0 || s.Ratio > 1:
		return o, errors.New("--ratio must be between 0 and 1")
	case s.MaxWords < 0:
		return o, errors.New("--max-words must not be negative")
	}
	// As analyze: a ratio overrides -n, and a budget alone decides.
	if s.Ratio > 0 {
		s.N = 0
	}
	if s.MaxWords > 0 && !c.NSet && s.Ratio == 0 {
		s.N = 0
	}
	o.Summary = s
	return o, nil
}

// newBuilder builds the record builder as `vnews analyze` does (its
// newBuilder), from the configuration's dictionary and lexicon.
func (c Config) newBuilder() (*record.Builder, error) {
	opts, err := c.options()
	if err != nil {
		return nil, err
	}
	var nopts []nlp.Option
	if c.DictName != "" {
		nopts = append(nopts, nlp.WithUserDict(bytes.NewReader(c.Dict), c.DictName))
	}
	an, err := nlp.NewAnalyzer(nopts...)
	if err != nil {
		return nil, err
	}
	var xopts []extract.Option
	if c.Lexicon != nil {
		m := fstest.MapFS{}
		for name, b := range c.Lexicon {
			m[name] = &fstest.MapFile{Data: b, Mode: 0o444}
		}
		xopts = append(xopts, extract.WithLexiconFS(m))
	}
	if c.Tagger {
		xopts = append(xopts, extract.WithTagger())
	}
	ex, err := extract.New(xopts...)
	if err != nil {
		return nil, err
	}
	return record.NewBuilder(an, ex, opts)
}

// builders holds one builder per configuration in a worker process: the
// DoFn instances of a process (one per bundle running at a time) share it,
// since the models are large and a Builder is safe for concurrent use.
var builders struct {
	sync.Mutex
	m map[string]func() (*record.Builder, error)
}

// builderFor returns the process's builder for c, building it once.
func builderFor(c Config) (*record.Builder, error) {
	key := fmt.Sprintf("%#v", builderKey(c))
	builders.Lock()
	if builders.m == nil {
		builders.m = map[string]func() (*record.Builder, error){}
	}
	get, ok := builders.m[key]
	if !ok {
		get = sync.OnceValues(c.newBuilder)
		builders.m[key] = get
	}
	builders.Unlock()
	return get()
}

// builderKey is the part of a configuration that the builder depends on.
func builderKey(c Config) Config {
	c.Input, c.Output, c.Shards, c.Workers, c.Rebalance, c.InputFormat, c.MaxBytes = "", "", 0, 0, false, "", 0
	return c
}
