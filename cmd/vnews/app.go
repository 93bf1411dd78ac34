package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/vnews/vnews/cmd/vnews/internal/batch"
	"github.com/vnews/vnews/extract"
	"github.com/vnews/vnews/extract/record"
	"github.com/vnews/vnews/extract/summary"
	"github.com/vnews/vnews/nlp"
)

// Exit statuses (see README.md).
const (
	exitOK       = 0   // every article processed
	exitArticles = 1   // one or more articles gave error records
	exitUsage    = 2   // bad usage
	exitFailed   = 3   // the run failed: a path missing or unreadable, output not writable
	exitSignal   = 130 // interrupted (Ctrl-C, SIGTERM): the records finished until then are written
)

// defaultMaxBytes is --max-bytes unless given: larger articles are refused
// (a too_large error record) so that one runaway input cannot take the
// machine's memory. News articles are a few KB; a book is a few MB.
const defaultMaxBytes = 16 << 20

// exitError carries an exit status out of a command.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}

func usageErr(format string, a ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, a...)}
}

// streams are the process's standard streams, injected so that tests run
// the CLI in-process.
type streams struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// run runs the CLI with args (args[0] is the program name) and returns the
// exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := newApp(streams{stdin: stdin, stdout: stdout, stderr: stderr})
	err := app.RunContext(ctx, args)
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintln(stderr, "vnews:", ee.err)
		}
		return ee.code
	}
	fmt.Fprintln(stderr, "vnews:", err)
	return exitUsage
}

// Flags shared by the commands.
var (
	flagInput     = &cli.StringFlag{Name: "input", Value: "auto", Usage: "input format: text (one article per file), jsonl (one per line), html (one page per file) or auto (by extension; standard input by its first bytes)"}
	flagWorkers   = &cli.IntFlag{Name: "workers", Value: runtime.NumCPU(), Usage: "articles processed in parallel; output order is kept"}
	flagPublished = &cli.StringFlag{Name: "published", Usage: "publication date (2020-04-24 or RFC 3339) anchoring partial and relative dates of articles that carry none"}
	flagEncoding  = &cli.StringFlag{Name: "encoding", Value: "auto", Usage: "input encoding: auto, utf-8, utf-16le, utf-16be, windows-1258, tcvn3 (ABC), vni"}
	flagMaxBytes  = &cli.Int64Flag{Name: "max-bytes", Value: defaultMaxBytes, Usage: "articles (files, or JSON Lines lines) larger than this many bytes give a too_large error record, and the rest of such an input is not read (0: no limit)"}
	flagDict      = &cli.StringFlag{Name: "dict", Usage: "user dictionary: a file of words (one per line) the segmenter keeps whole"}
	flagLexicon   = &cli.StringFlag{Name: "lexicon", Usage: "directory of lexicon files whose entries are added to the built-in ones (ranks.tsv, units.tsv, ...)"}
	flagQuiet     = &cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no diagnostics for articles that gave error records, and no progress line"}
	flagProgress  = &cli.BoolFlag{Name: "progress", Usage: "show the progress line even when stderr is not a terminal"}
	flagN         = &cli.IntFlag{Name: "n", Value: 3, Usage: "summary length in sentences"}
	flagRatio     = &cli.Float64Flag{Name: "ratio", Usage: "summary length as a share of the article's sentences (overrides -n)"}
	flagMaxWords  = &cli.IntFlag{Name: "max-words", Usage: "word budget of the summary; sentences are never cut"}
	flagExplain   = &cli.BoolFlag{Name: "explain", Usage: "add per-sentence scores to the summary"}
)

func formatFlag(def string, allowed ...string) *cli.StringFlag {
	return &cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: def, Usage: "output format: " + joinOr(allowed)}
}

func joinOr(s []string) string {
	out := ""
	for i, x := range s {
		switch {
		case i == 0:
		case i == len(s)-1:
			out += " or "
		default:
			out += ", "
		}
		out += x
	}
	return out
}

func articleFlags(extra ...cli.Flag) []cli.Flag {
	return append([]cli.Flag{flagInput, flagWorkers, flagPublished, flagEncoding, flagMaxBytes, flagDict, flagLexicon, flagQuiet, flagProgress}, extra...)
}

func newApp(s streams) *cli.App {
	app := &cli.App{
		Name:      "vnews",
		Usage:     "Vietnamese news articles to structured JSON: words, entities, people, summaries",
		UsageText: "vnews COMMAND [flags] [PATH ...]   (no PATH, or -, reads standard input)",
		Reader:    s.stdin,
		Writer:    s.stdout,
		ErrWriter: s.stderr,
		// Exit statuses are decided by run, never by the library.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return &exitError{code: exitUsage, err: err}
		},
		HideHelpCommand: true,
		Commands: []*cli.Command{
			{
				Name:      "analyze",
				Usage:     "full pipeline: one JSON record per article",
				ArgsUsage: "[PATH ...]",
				Flags:     articleFlags(formatFlag("jsonl", "jsonl", "json", "text"), flagN, flagRatio, flagMaxWords, flagExplain),
				Action:    func(c *cli.Context) error { return runArticles(c, s, record.PartAll, "jsonl", "json", "text") },
			},
			{
				Name:      "entities",
				Usage:     "records with entities and people only",
				ArgsUsage: "[PATH ...]",
				Flags:     articleFlags(formatFlag("jsonl", "jsonl", "json", "text", "tsv")),
				Action: func(c *cli.Context) error {
					return runArticles(c, s, record.PartEntities|record.PartText, "jsonl", "json", "text", "tsv")
				},
			},
			{
				Name:      "summarize",
				Usage:     "records with the summary only (--format text: the summary alone)",
				ArgsUsage: "[PATH ...]",
				Flags:     articleFlags(formatFlag("jsonl", "jsonl", "json", "text"), flagN, flagRatio, flagMaxWords, flagExplain),
				Action:    func(c *cli.Context) error { return runArticles(c, s, record.PartSummary, "jsonl", "json", "text") },
			},
			{
				Name:      "sentences",
				Usage:     "one sentence per line (text), or records with sentence spans",
				ArgsUsage: "[PATH ...]",
				Flags:     articleFlags(formatFlag("text", "text", "jsonl", "json")),
				Action: func(c *cli.Context) error {
					return runArticles(c, s, record.PartSentences|record.PartText, "text", "jsonl", "json")
				},
			},
			{
				Name:      "tokenize",
				Usage:     "word segmentation, line by line: syllables of a word joined by _",
				ArgsUsage: "[PATH ...]",
				Flags:     []cli.Flag{formatFlag("text", "text", "jsonl"), flagInput, flagEncoding, flagDict},
				Action:    func(c *cli.Context) error { return runTokenize(c, s) },
			},
			serveCommand(s),
		},
	}
	return app
}

// checkFormat validates --format against the command's formats.
func checkFormat(c *cli.Context, allowed []string) (string, error) {
	f := c.String("format")
	for _, a := range allowed {
		if f == a {
			return f, nil
		}
	}
	return "", usageErr("--format %q is not one of %s", f, joinOr(allowed))
}

// newAnalyzer builds the analyzer with the --dict user dictionary.
func newAnalyzer(c *cli.Context) (*nlp.Analyzer, error) {
	var opts []nlp.Option
	if p := c.String("dict"); p != "" {
		f, err := os.Open(p)
		if err != nil {
			return nil, &exitError{code: exitFailed, err: err}
		}
		defer f.Close()
		opts = append(opts, nlp.WithUserDict(f, p))
	}
	an, err := nlp.NewAnalyzer(opts...)
	if err != nil {
		return nil, &exitError{code: exitFailed, err: err}
	}
	return an, nil
}

// runArticles is the article pipeline shared by analyze, entities,
// summarize and sentences.
func runArticles(c *cli.Context, s streams, parts record.Parts, formats ...string) error {
	format, err := checkFormat(c, formats)
	if err != nil {
		return err
	}
	mode, err := record.ParseInputMode(c.String("input"))
	if err != nil {
		return usageErr("%v", err)
	}
	enc, err := nlp.ParseEncoding(c.String("encoding"))
	if err != nil {
		return usageErr("%v", err)
	}
	opts := record.Options{Parts: parts, Encoding: enc}
	if p := c.String("published"); p != "" {
		t, ok := record.ParsePublished(p)
		if !ok {
			return usageErr("--published %q is not a date (want 2020-04-24 or RFC 3339)", p)
		}
		opts.Published = t
	}
	if parts&record.PartSummary != 0 {
		so, err := summaryOptions(c)
		if err != nil {
			return err
		}
		opts.Summary = so
	}
	if parts&record.PartSummary != 0 && parts != record.PartAll {
		// summarize: the summary needs the sentences' entities but the record shows only the summary.
		opts.Parts = record.PartSummary
	}
	paths := c.Args().Slice()
	if err := record.CheckPaths(paths); err != nil {
		return &exitError{code: exitFailed, err: err}
	}
	an, err := newAnalyzer(c)
	if err != nil {
		return err
	}
	var xopts []extract.Option
	if d := c.String("lexicon"); d != "" {
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			return &exitError{code: exitFailed, err: fmt.Errorf("--lexicon %s: not a directory", d)}
		}
		xopts = append(xopts, extract.WithLexiconDir(d))
	}
	ex, err := extract.New(xopts...)
	if err != nil {
		return &exitError{code: exitFailed, err: err}
	}
	b, err := record.NewBuilder(an, ex, opts)
	if err != nil {
		return &exitError{code: exitFailed, err: err}
	}
	workers := c.Int("workers")
	if workers < 1 {
		return usageErr("--workers must be at least 1")
	}
	rd := &record.Reader{Mode: mode, Stdin: s.stdin, MaxBytes: c.Int64("max-bytes")}
	out := bufio.NewWriterSize(s.stdout, 64*1024)
	w := newWriter(out, format, c.Command.Name)
	quiet := c.Bool("quiet")
	type result struct {
		rec     record.Record
		err     error
		size    int
		encoded []byte // the record as JSON, when the workers encode
		encErr  error
	}
	var prog *progress
	if !quiet && (c.Bool("progress") || isTerminal(s.stderr)) {
		prog = startProgress(s.stderr, 500*time.Millisecond)
	}
	failures := 0
	err = batch.Run(c.Context, workers, rd.Articles(paths),
		func(a record.Article) result {
			size := len(a.Raw) + len(a.Text)
			rec, err := b.Build(a)
			r := result{rec: rec, err: err, size: size}
			if w.encodes() {
				r.encoded, r.encErr = w.render(&rec)
				if ee := (*record.EncodeError)(nil); errors.As(r.encErr, &ee) {
					// The record was replaced by its error record: an article
					// failure, not the run's.
					r.err, r.encErr, rec.Error = r.encErr, nil, ee.Replacement
				}
				// Only what the writer still needs of the record.
				r.rec = record.Record{Source: rec.Source, Error: rec.Error}
			}
			return r
		},
		func(r result) error {
			prog.add(r.size, r.err != nil)
			if r.err != nil {
				failures++
				if !quiet {
					if prog != nil {
						fmt.Fprint(s.stderr, "\r")
					}
					fmt.Fprintf(s.stderr, "vnews: %s: %s\n", r.rec.Source, r.rec.Error.Message)
				}
			}
			if r.encoded != nil || r.encErr != nil {
				if r.encErr != nil {
					return r.encErr
				}
				return w.writeRendered(r.encoded)
			}
			return w.write(&r.rec)
		})
	prog.finish()
	if err == nil {
		err = out.Flush()
	}
	switch {
	case err != nil && errors.Is(err, syscall.EPIPE):
		return nil // the reader went away (| head): stop quietly
	case err == nil && c.Context.Err() != nil:
		return &exitError{code: exitSignal, err: errors.New("interrupted")}
	case err != nil:
		return &exitError{code: exitFailed, err: fmt.Errorf("writing output: %w", err)}
	case rd.Failed:
		return &exitError{code: exitFailed}
	case failures > 0:
		return &exitError{code: exitArticles}
	}
	return nil
}

func summaryOptions(c *cli.Context) (summary.Options, error) {
	o := summary.Options{N: c.Int("n"), Ratio: c.Float64("ratio"), MaxWords: c.Int("max-words"), Explain: c.Bool("explain")}
	if o.N < 1 {
		return o, usageErr("-n must be at least 1")
	}
	if o.Ratio < 0 || o.Ratio > 1 {
		return o, usageErr("--ratio must be between 0 and 1")
	}
	if o.MaxWords < 0 {
		return o, usageErr("--max-words must not be negative")
	}
	if o.Ratio > 0 {
		o.N = 0
	}
	if o.MaxWords > 0 && !c.IsSet("n") && o.Ratio == 0 {
		o.N = 0 // the budget alone decides
	}
	return o, nil
}
