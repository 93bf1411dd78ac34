package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
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
	s := streams{stdin: stdin, stdout: stdout, stderr: stderr}
	app := newApp(s)
	args = normalizeArgs(app.Commands, args)
	err := app.RunContext(ctx, args)
	if err == nil {
		return exitOK
	}
	code, msg := exitUsage, err.Error()
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
		msg = ""
		if ee.err != nil {
			msg = ee.err.Error()
		}
	}
	if msg != "" {
		fmt.Fprintln(stderr, "vnews:", plainMessage(msg))
	}
	if code == exitUsage {
		// A short hint instead of the whole help text, which would fill the
		// terminal (or the pipe) and hide the message.
		if cmd := commandOf(app.Commands, args); cmd != "" {
			fmt.Fprintf(stderr, "Run 'vnews %s --help' for usage.\n", cmd)
		} else {
			fmt.Fprintln(stderr, "Run 'vnews --help' for usage.")
		}
	}
	return code
}

// commandOf returns the name of the command args run, or "".
func commandOf(cmds []*cli.Command, args []string) string {
	for _, a := range args[1:] {
		if strings.HasPrefix(a, "-") {
			continue
		}
		for _, c := range cmds {
			if c.HasName(a) && !c.Hidden && c.Name != "help" {
				return c.Name
			}
		}
		return ""
	}
	return ""
}

// plainMessage drops the package prefixes ("record: ", "nlp: ") that
// library errors carry for Go callers: a user of the command line has no use
// for them.
func plainMessage(msg string) string {
	parts := strings.Split(msg, ": ")
	out := parts[:0]
	for _, p := range parts {
		switch p {
		case "record", "nlp", "extract", "summary":
			continue
		}
		out = append(out, p)
	}
	return strings.Join(out, ": ")
}

// usageError turns a flag parser's error into a short message: which flag,
// and the closest flag the command has.
func usageError(c *cli.Context, err error) error {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		var names []string
		for _, f := range c.Command.Flags {
			for _, n := range f.Names() {
				names = append(names, n)
			}
		}
		names = append(names, "help")
		msg = "unknown flag " + dashed(name)
		if s := suggest(name, names); s != "" {
			msg += "; did you mean " + dashed(s) + "?"
		}
	} else if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		msg = "flag " + dashed(name) + " needs a value"
	}
	return &exitError{code: exitUsage, err: errors.New(msg)}
}

// dashed writes a flag name as it is typed: -n, --format.
func dashed(name string) string {
	if len([]rune(name)) == 1 {
		return "-" + name
	}
	return "--" + name
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
	flagTagger    = &cli.BoolFlag{Name: "tagger", Usage: "the learned tagger decides PERSON and UNIT mentions (the default; kept for scripts that name it)"}
	flagRules     = &cli.BoolFlag{Name: "rules", Usage: "let the hand-written rules alone decide PERSON and UNIT mentions: faster, far less accurate on news they were not written for (cross-validated exact F1 PERSON 86.3, UNIT 76.9 against 96.8, 91.2)"}
	flagQuiet     = &cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no diagnostics for articles that gave error records, no warnings, and no progress line"}
	flagProgress  = &cli.BoolFlag{Name: "progress", Usage: "show the progress line even when stderr is not a terminal"}
	flagWords     = &cli.BoolFlag{Name: "words", Usage: "add the segmented words, with code-point offsets, to the record (\"words\")"}
	flagN         = &cli.IntFlag{Name: "n", Value: 3, Usage: "summary length in sentences"}
	flagRatio     = &cli.Float64Flag{Name: "ratio", Usage: "summary length as a share of the article's sentences (overrides -n)"}
	flagMaxWords  = &cli.IntFlag{Name: "max-words", Usage: "budget of the summary in syllables (chữ, as Vietnamese editors count: \"Hà Nội\" is 2), punctuation not counted; sentences are never cut, and a budget no sentence fits gives an empty summary and a warning"}
	flagExplain   = &cli.BoolFlag{Name: "explain", Usage: "add per-sentence scores to the summary (with --format text: a table of them)"}
)

func formatFlag(allowed []string) *cli.StringFlag {
	return &cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: allowed[0], Usage: "output format: " + joinOr(allowed)}
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
	return append([]cli.Flag{flagInput, flagWorkers, flagPublished, flagEncoding, flagMaxBytes, flagDict, flagLexicon, flagTagger, flagRules, flagQuiet, flagProgress, flagWords}, extra...)
}

// exitStatusHelp ends every help text.
const exitStatusHelp = `EXIT STATUS:
   0    every article processed
   1    one or more articles gave error records (the other records are complete)
   2    bad usage
   3    the run failed: a path missing or unreadable, output that cannot be written
   130  interrupted (Ctrl-C): the records finished until then are written
`

// commandSpec describes one command: its formats (the first is the
// default), the record parts it builds and the examples its help shows.
type commandSpec struct {
	name, usage string
	formats     []string
	parts       record.Parts
	summary     bool // summary flags (-n, --ratio, --max-words, --explain)
	examples    []string
}

var commandSpecs = []commandSpec{
	{name: "analyze", usage: "full pipeline: one JSON record per article", formats: []string{"jsonl", "json", "text"},
		parts: record.PartAll, summary: true, examples: []string{
			"vnews analyze article.txt",
			"vnews analyze articles/ -f json > records.json",
			"zcat feed.jsonl.gz | vnews analyze --workers 4 > records.jsonl",
		}},
	{name: "entities", usage: "records with entities and people only", formats: []string{"jsonl", "json", "text", "tsv"},
		parts: record.PartEntities | record.PartText, examples: []string{
			"vnews entities articles/ -f tsv > entities.tsv",
			"vnews entities article.txt -f text",
			`vnews entities articles/ | jq -r '.people[] | .name'`,
		}},
	{name: "people", usage: "people profiles, one per person and article (name, rank, post, unit)", formats: []string{"tsv", "jsonl", "json", "text"},
		parts: record.PartEntities, examples: []string{
			"vnews people articles/ > people.tsv",
			"vnews people feed.jsonl -f jsonl",
		}},
	{name: "summarize", usage: "records with the summary only (--format text: the summary, labeled)", formats: []string{"jsonl", "json", "text"},
		parts: record.PartSummary, summary: true, examples: []string{
			"vnews summarize -n 2 -f text article.txt",
			"vnews summarize --max-words 60 feed.jsonl",
			"vnews summarize --explain -f text article.txt",
		}},
	{name: "sentences", usage: "one sentence per line (text), or records with sentence spans", formats: []string{"text", "jsonl", "json"},
		parts: record.PartSentences | record.PartText, examples: []string{
			"vnews sentences article.txt",
			"vnews sentences -f jsonl feed.jsonl",
		}},
}

func newApp(s streams) *cli.App {
	app := &cli.App{
		Name:  "vnews",
		Usage: "Vietnamese news articles to structured JSON: words, entities, people, summaries",
		UsageText: "vnews COMMAND [flags] [PATH ...]\n" +
			"PATH is a file (.txt, .jsonl, .ndjson, .json, .html, .htm, any of them .gz), a directory\n" +
			"(walked recursively) or - (standard input, also when there is no PATH).\n" +
			"Flags may come before or after the paths; -- ends the flags.",
		Version:   version(debug.ReadBuildInfo()),
		Reader:    s.stdin,
		Writer:    s.stdout,
		ErrWriter: s.stderr,
		// Exit statuses are decided by run, never by the library.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError: func(c *cli.Context, err error, _ bool) error {
			return usageError(c, err)
		},
		HideHelpCommand:       true,
		Flags:                 []cli.Flag{cli.HelpFlag}, // urfave/cli adds it only with its own help command
		CustomAppHelpTemplate: cli.AppHelpTemplate + appExamples + "\n" + exitStatusHelp,
		Action: func(c *cli.Context) error {
			if !c.Args().Present() {
				return &exitError{code: exitUsage, err: errors.New("no command given (analyze, entities, people, summarize, sentences, tokenize)")}
			}
			return unknownCommand(c, c.Args().First())
		},
	}
	for _, cs := range commandSpecs {
		flags := articleFlags(formatFlag(cs.formats))
		if cs.summary {
			flags = append(flags, flagN, flagRatio, flagMaxWords, flagExplain)
		}
		app.Commands = append(app.Commands, &cli.Command{
			Name:               cs.name,
			Usage:              cs.usage,
			ArgsUsage:          "[PATH ...]",
			Flags:              flags,
			OnUsageError:       func(c *cli.Context, err error, _ bool) error { return usageError(c, err) },
			CustomHelpTemplate: commandHelp(cs.examples),
			Action:             func(c *cli.Context) error { return runArticles(c, s, cs) },
		})
	}
	app.Commands = append(app.Commands, indexCommands(s)...)
	app.Commands = append(app.Commands,
		&cli.Command{
			Name:         "tokenize",
			Usage:        "word segmentation, line by line: syllables of a word joined by _",
			ArgsUsage:    "[PATH ...]",
			Flags:        []cli.Flag{formatFlag(tokenizeFormats), flagInput, flagEncoding, flagDict},
			OnUsageError: func(c *cli.Context, err error, _ bool) error { return usageError(c, err) },
			CustomHelpTemplate: commandHelp([]string{
				`echo "Bộ Tư lệnh Thủ đô Hà Nội khai mạc Hội thao." | vnews tokenize`,
				"vnews tokenize feed.jsonl -f jsonl",
			}),
			Action: func(c *cli.Context) error { return runTokenize(c, s) },
		},
		&cli.Command{
			Name:         "completion",
			Usage:        "print a shell completion script: bash, zsh or fish",
			ArgsUsage:    "bash|zsh|fish",
			OnUsageError: func(c *cli.Context, err error, _ bool) error { return usageError(c, err) },
			CustomHelpTemplate: commandHelp([]string{
				`source <(vnews completion bash)            # bash, for this shell; add it to ~/.bashrc`,
				`vnews completion zsh > "${fpath[1]}/_vnews"  # zsh`,
				`vnews completion fish > ~/.config/fish/completions/vnews.fish`,
			}),
			Action: func(c *cli.Context) error { return runCompletion(c, s) },
		},
		serveCommand(s),
		&cli.Command{
			Name:      "help",
			Usage:     "show the help of vnews or of a command",
			ArgsUsage: "[COMMAND]",
			Hidden:    true,
			Action: func(c *cli.Context) error {
				if !c.Args().Present() {
					return cli.ShowAppHelp(c)
				}
				name := c.Args().First()
				if c.App.Command(name) == nil {
					return unknownCommand(c, name)
				}
				return cli.ShowCommandHelp(c.Lineage()[1], name) // from the root, which knows the commands
			},
		},
	)
	return app
}

// unknownCommand is the usage error for a misspelt command.
func unknownCommand(c *cli.Context, name string) error {
	var names []string
	for _, cmd := range c.App.Commands {
		if !cmd.Hidden {
			names = append(names, cmd.Name)
		}
	}
	msg := fmt.Sprintf("unknown command %q", name)
	if sg := suggest(name, names); sg != "" {
		msg += "; did you mean " + sg + "?"
	} else {
		msg += " (commands: " + strings.Join(names, ", ") + ")"
	}
	return &exitError{code: exitUsage, err: errors.New(msg)}
}

const appExamples = `
EXAMPLES:
   vnews analyze article.txt                     one JSON record per article
   vnews entities articles/ -f tsv               one entity per line, with a header
   vnews people articles/                        one person per line (TSV), with a header
   vnews summarize -n 2 -f text feed.jsonl       two-sentence summaries, labeled
   echo "Hà Nội mùa thu" | vnews tokenize        Hà_Nội mùa_thu
   vnews analyze corpus/ | jq -c 'select(.error) | {source, error}'

   Run 'vnews COMMAND --help' for a command's flags and examples.
`

// commandHelp is urfave/cli's command help with examples and the exit
// statuses after the flags.
func commandHelp(examples []string) string {
	var b strings.Builder
	b.WriteString(cli.CommandHelpTemplate)
	b.WriteString("\nEXAMPLES:\n")
	for _, e := range examples {
		b.WriteString("   " + e + "\n")
	}
	b.WriteString("\n" + exitStatusHelp)
	return b.String()
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

// newBuilder builds the record builder with the command's --dict,
// --lexicon and --rules.
func newBuilder(c *cli.Context, opts record.Options) (*record.Builder, error) {
	an, err := newAnalyzer(c)
	if err != nil {
		return nil, err
	}
	ex, err := newExtractor(c)
	if err != nil {
		return nil, err
	}
	b, err := record.NewBuilder(an, ex, opts)
	if err != nil {
		return nil, &exitError{code: exitFailed, err: err}
	}
	return b, nil
}

// newExtractor builds the entity extractor with the --lexicon directory's
// entries.
func newExtractor(c *cli.Context) (*extract.Extractor, error) {
	var xopts []extract.Option
	if d := c.String("lexicon"); d != "" {
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			return nil, &exitError{code: exitFailed, err: fmt.Errorf("--lexicon %s: not a directory", d)}
		}
		xopts = append(xopts, extract.WithLexiconDir(d))
	}
	if c.Bool("rules") && c.Bool("tagger") {
		return nil, &exitError{code: exitUsage, err: fmt.Errorf("--rules and --tagger: choose one")}
	}
	if c.Bool("rules") {
		xopts = append(xopts, extract.WithRulesOnly())
	}
	ex, err := extract.New(xopts...)
	if err != nil {
		return nil, &exitError{code: exitFailed, err: err}
	}
	return ex, nil
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
// people, summarize and sentences.
func runArticles(c *cli.Context, s streams, cs commandSpec) error {
	parts := cs.parts
	format, err := checkFormat(c, cs.formats)
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
	opts := record.Options{Parts: parts, Encoding: enc, Words: c.Bool("words")}
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
	workers := c.Int("workers")
	if workers < 1 {
		return usageErr("--workers must be at least 1")
	}
	paths := c.Args().Slice()
	if err := record.CheckPaths(paths); err != nil {
		return &exitError{code: exitFailed, err: err}
	}
	b, err := newBuilder(c, opts)
	if err != nil {
		return err
	}
	quiet := c.Bool("quiet")
	var prog *progress
	if !quiet && (c.Bool("progress") || isTerminal(s.stderr)) {
		prog = startProgress(s.stderr, 500*time.Millisecond)
	}
	diag := &diagnostics{w: s.stderr, prog: prog, quiet: quiet}
	rd := &record.Reader{Mode: mode, Stdin: s.stdin, MaxBytes: c.Int64("max-bytes"), Skipped: diag.skipped}
	if prog != nil {
		prog.total(func() (int64, bool) { return rd.TotalSize(paths) })
	}
	out := bufio.NewWriterSize(s.stdout, 64*1024)
	w := newWriter(out, format, c.Command.Name)
	w.explain = c.Bool("explain")
	if format == "text" && isTerminal(s.stdout) {
		w.width = terminalWidth(s.stdout)
	}
	if len(paths) <= 1 {
		w.single = "-"
		if len(paths) == 1 {
			w.single = paths[0]
		}
		if st, err := os.Stat(w.single); w.single != "-" && (err != nil || st.IsDir()) {
			w.single = ""
		}
	}
	type result struct {
		rec     record.Record
		err     error
		size    int64
		warning string // a diagnostic for standard error (the summary's budget)
		encoded []byte // the record as JSON, when the workers encode
		encErr  error
	}
	articles := func(yield func(record.Article) bool) {
		for a := range rd.Articles(paths) {
			prog.seen()
			if !yield(a) {
				return
			}
		}
	}
	failures := 0
	err = batch.Run(c.Context, workers, articles,
		func(a record.Article) result {
			size := a.Size
			rec, err := b.Build(a)
			r := result{rec: rec, err: err, size: size}
			if rec.Summary != nil && rec.Summary.Shortest > 0 {
				r.warning = fmt.Sprintf("%s: no sentence fits --max-words %d (the shortest candidate has %d syllables): the summary is empty",
					rec.Source, opts.Summary.MaxWords, rec.Summary.Shortest)
			}
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
				diag.printf("%s: %s", r.rec.Source, r.rec.Error.Message)
			}
			if r.warning != "" {
				diag.printf("warning: %s", r.warning)
			}
			if r.encoded != nil || r.encErr != nil {
				if r.encErr != nil {
					return r.encErr
				}
				err := w.writeRendered(r.encoded)
				if w.format != "json" {
					release(r.encoded) // written: bufio copied it
				}
				return err
			}
			return w.write(&r.rec)
		})
	prog.finish()
	if err == nil || c.Context.Err() != nil && !errors.Is(err, syscall.EPIPE) {
		// Close the JSON array, also after an interruption: the output
		// stays one JSON document.
		if cerr := w.close(); err == nil {
			err = cerr
		}
	}
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
