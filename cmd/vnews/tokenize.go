package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"unicode/utf8"

	"github.com/urfave/cli/v2"

	"github.com/vnews/vnews/extract/record"
	"github.com/vnews/vnews/nlp"
)

// runTokenize writes the word segmentation of every input line: words
// separated by one space, syllables of a word joined by "_" (text), or one
// JSON object per line with the words and their code-point offsets (jsonl).
// Input is streamed; an empty input line gives an empty output line.
func runTokenize(c *cli.Context, s streams) error {
	format, err := checkFormat(c, []string{"text", "jsonl"})
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
	paths := c.Args().Slice()
	if err := record.CheckPaths(paths); err != nil {
		return &exitError{code: exitFailed, err: err}
	}
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	an, err := newAnalyzer(c)
	if err != nil {
		return err
	}
	t := &tokenizer{ls: an.LineSegmenter(), out: bufio.NewWriterSize(s.stdout, 256*1024), jsonl: format == "jsonl"}
	failed := false
	for _, p := range paths {
		err := t.input(p, s.stdin, mode, enc)
		if errors.Is(err, syscall.EPIPE) {
			return nil
		}
		var we *writeError
		if errors.As(err, &we) {
			return &exitError{code: exitFailed, err: fmt.Errorf("writing output: %w", we.err)}
		}
		if err != nil {
			fmt.Fprintf(s.stderr, "vnews: %s: %v\n", p, err)
			failed = true
		}
	}
	if err := t.out.Flush(); err != nil {
		if errors.Is(err, syscall.EPIPE) {
			return nil
		}
		return &exitError{code: exitFailed, err: fmt.Errorf("writing output: %w", err)}
	}
	if failed {
		return &exitError{code: exitFailed}
	}
	return nil
}

type writeError struct{ err error }

func (e *writeError) Error() string { return e.err.Error() }
func (e *writeError) Unwrap() error { return e.err }

type tokenizer struct {
	ls    *nlp.LineSegmenter
	out   *bufio.Writer
	jsonl bool
	buf   []byte
}

// input tokenizes one path ("-": standard input).
func (t *tokenizer) input(path string, stdin io.Reader, mode record.InputMode, enc nlp.Encoding) error {
	var r io.Reader = stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	jsonl := mode == record.InputJSONL || mode == record.InputAuto && strings.EqualFold(filepath.Ext(path), ".jsonl")
	if jsonl {
		rd := &record.Reader{Mode: record.InputJSONL, Stdin: r}
		for a := range rd.Articles(nil) {
			if a.Err != nil {
				return fmt.Errorf("%s: %s", a.Source, a.Err.Message)
			}
			for _, line := range strings.Split(a.Text, "\n") {
				if err := t.line(a.Source, line); err != nil {
					return err
				}
			}
		}
		return nil
	}
	dr, _, err := nlp.NewReader(r, enc)
	if err != nil {
		return err
	}
	br := bufio.NewReaderSize(dr, 256*1024)
	for {
		line, err := br.ReadString('\n')
		if len(line) > 0 || err == nil {
			line = strings.TrimRight(line, "\r\n")
			if werr := t.line(path, line); werr != nil {
				return werr
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// line writes the segmentation of one input line.
func (t *tokenizer) line(source, line string) error {
	line = nlp.NormalizeLine(line)
	words, toks := t.ls.Segment(line)
	b := t.buf[:0]
	if t.jsonl {
		b = t.appendJSON(b, source, line, words)
	} else {
		b = nlp.AppendJoinedLine(b, words, toks)
	}
	b = append(b, '\n')
	t.buf = b
	if _, err := t.out.Write(b); err != nil {
		return &writeError{err}
	}
	return nil
}

// appendJSON appends {"source":..., "words":[{"text","start","end"}, ...]}
// with offsets in code points of the line.
func (t *tokenizer) appendJSON(b []byte, source, line string, words []nlp.Word) []byte {
	b = append(b, `{"source":`...)
	b = appendJSONString(b, source)
	b = append(b, `,"words":[`...)
	runeAt, byteAt := 0, 0
	for i, w := range words {
		if i > 0 {
			b = append(b, ',')
		}
		runeAt += utf8.RuneCountInString(line[byteAt:w.Start])
		start := runeAt
		runeAt += utf8.RuneCountInString(w.TextIn(line))
		byteAt = int(w.End)
		b = append(b, `{"text":`...)
		b = appendJSONString(b, w.TextIn(line))
		b = append(b, `,"start":`...)
		b = strconv.AppendInt(b, int64(start), 10)
		b = append(b, `,"end":`...)
		b = strconv.AppendInt(b, int64(runeAt), 10)
		b = append(b, '}')
	}
	return append(b, "]}"...)
}

func appendJSONString(b []byte, s string) []byte {
	q, _ := json.Marshal(s)
	return append(b, q...)
}
