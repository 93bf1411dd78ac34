package main

import (
	"errors"
	"fmt"
	"log"
	"net"
	"runtime/debug"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/vnews/vnews/extract/record"
	"github.com/vnews/vnews/nlp"
	"github.com/vnews/vnews/serve"
)

var (
	flagAddr    = &cli.StringFlag{Name: "addr", Value: "127.0.0.1:8080", Usage: "address to listen on (host:port; port 0 picks a free one). Binds to localhost unless told otherwise"}
	flagTimeout = &cli.DurationFlag{Name: "timeout", Value: serve.DefaultTimeout, Usage: "longest time a request may take, from its headers to its last record"}
	flagQueue   = &cli.IntFlag{Name: "queue", Usage: "requests that may wait for a worker before more get 503 (default: 16 per worker; -1: none)"}
)

// serveCommand is `vnews serve`: the HTTP API and the editor's page.
func serveCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:  "serve",
		Usage: "HTTP API (POST /v1/analyze, /v1/entities, /v1/summarize) and the editor's page at /",
		Description: "Serves the same records as the article commands, until interrupted (Ctrl-C, SIGTERM): then it\n" +
			"stops accepting connections and finishes the requests in flight. See README.md, \"vnews serve\".",
		Flags:  []cli.Flag{flagAddr, flagWorkers, flagPublished, flagEncoding, flagMaxBytes, flagDict, flagLexicon, flagTimeout, flagQueue},
		Action: func(c *cli.Context) error { return runServe(c, s) },
	}
}

func runServe(c *cli.Context, s streams) error {
	if c.Args().Len() > 0 {
		return usageErr("serve takes no arguments (got %q)", c.Args().First())
	}
	enc, err := nlp.ParseEncoding(c.String("encoding"))
	if err != nil {
		return usageErr("%v", err)
	}
	cfg := serve.Config{Encoding: enc, Workers: c.Int("workers"), Timeout: c.Duration("timeout"), Queue: c.Int("queue"), Version: serveVersion()}
	if cfg.Workers < 1 {
		return usageErr("--workers must be at least 1")
	}
	if cfg.Timeout <= 0 {
		return usageErr("--timeout must be positive")
	}
	if p := c.String("published"); p != "" {
		t, ok := record.ParsePublished(p)
		if !ok {
			return usageErr("--published %q is not a date (want 2020-04-24 or RFC 3339)", p)
		}
		cfg.Published = t
	}
	switch mb := c.Int64("max-bytes"); {
	case mb < 0:
		return usageErr("--max-bytes must not be negative")
	case mb == 0:
		cfg.MaxBytes = -1 // no limit, as in the article commands
	default:
		cfg.MaxBytes = mb
	}
	if cfg.Analyzer, err = newAnalyzer(c); err != nil {
		return err
	}
	if cfg.Extractor, err = newExtractor(c); err != nil {
		return err
	}
	cfg.ErrorLog = log.New(s.stderr, "vnews serve: ", log.LstdFlags)
	srv, err := serve.New(cfg)
	if err != nil {
		return &exitError{code: exitFailed, err: err}
	}
	ln, err := net.Listen("tcp", c.String("addr"))
	if err != nil {
		return &exitError{code: exitFailed, err: err}
	}
	fmt.Fprintf(s.stderr, "vnews serve: listening on http://%s/\n", ln.Addr())
	start := time.Now()
	stopped, said := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(said)
		select {
		case <-c.Context.Done():
		case <-stopped:
			if c.Context.Err() == nil {
				return
			}
		}
		fmt.Fprintln(s.stderr, "vnews serve: shutting down; finishing the requests in flight")
	}()
	err = srv.Serve(c.Context, ln)
	close(stopped)
	<-said
	if err != nil && !errors.Is(err, net.ErrClosed) {
		return &exitError{code: exitFailed, err: err}
	}
	fmt.Fprintf(s.stderr, "vnews serve: stopped after %s; requests in flight finished\n", time.Since(start).Round(time.Second))
	return nil
}

// serveVersion is the main module's version as the build recorded it.
func serveVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
