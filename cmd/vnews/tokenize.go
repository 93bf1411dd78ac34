package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"
	"unicode/utf8"
	"unsafe"

	"github.com/urfave/cli/v2"

	"github.com/vnews/vnews/extract/record"
	"github.com/vnews/vnews/nlp"
)

// tokenizeFormats are tokenize's formats, the default first.
var tokenizeFormats = []string{"text", "jsonl"}

// runTokenize writes the word segmentation of every input line: words
// separated by one space, syllables of a word joined by "_" (text), or one
// JSON object per line with the words and their code-point offsets (jsonl).
// Inputs are read as the article commands read them (record.Reader: text,
// HTML pages, JSON Lines, gzip); plain text is streamed line by line. An
// empty input line gives an empty output line. When the run has several
// articles, each begins with a "# newdoc id = ID" line in text format.
func runTokenize(c *cli.Context, s streams) error {
	format, err := checkFormat(c, tokenizeFormats)
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
	an, err := newAnalyzer(c)
	if err != nil {
		return err
	}
	diag := &diagnostics{w: s.stderr}
	rd := &record.Reader{Mode: mode, Stdin: s.stdin, StreamText: true, Skipped: diag.skipped}
	t := &tokenizer{ls: an.LineSegmenter(), out: bufio.NewWriterSize(s.stdout, 256*1024), jsonl: format == "jsonl"}
	single := ""
	if len(paths) <= 1 {
		single = "-"
		if len(paths) == 1 {
			single = paths[0]
		}
		if st, err := os.Stat(single); single != "-" && (err != nil || st.IsDir()) {
			single = ""
		}
	}
	failed := false
	for a := range rd.Articles(paths) {
		t.id = a.ID
		if !t.jsonl && (single == "" || a.Source != single || a.JSON || a.HTML) {
			if _, err := t.out.WriteString("# newdoc id = " + oneLine(a.ID) + "\n"); err != nil {
				break // reported by Flush
			}
		}
		err := t.article(a, enc)
		if errors.Is(err, syscall.EPIPE) {
			return nil
		}
		var we *writeError
		if errors.As(err, &we) {
			return &exitError{code: exitFailed, err: fmt.Errorf("writing output: %w", we.err)}
		}
		if err != nil {
			diag.printf("%s: %v", a.Source, err)
			failed = true
		}
	}
	if err := t.out.Flush(); err != nil {
		if errors.Is(err, syscall.EPIPE) {
			return nil
		}
		return &exitError{code: exitFailed, err: fmt.Errorf("writing output: %w", err)}
	}
	if failed || rd.Failed {
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
	id    string // the article's id
	line  int    // the line's number in the article, from 1
}

// article tokenizes one article: plain text streamed line by line, JSON
// Lines and HTML articles from their text.
func (t *tokenizer) article(a record.Article, enc nlp.Encoding) error {
	t.line = 0
	if a.Body == nil {
		text, e := record.ArticleText(a, enc)
		if e != nil {
			if e.Code == record.CodeEmpty {
				return nil
			}
			return errors.New(e.Message)
		}
		for line := range strings.SplitSeq(text, "\n") {
			if err := t.segment(a.Source, line); err != nil {
				return err
			}
		}
		return nil
	}
	dr, _, err := nlp.NewReader(a.Body, enc)
	if err != nil {
		return err
	}
	br := bufio.NewReaderSize(dr, 256*1024)
	for {
		// A line that fits in the buffer is read in place: segment copies
		// what it writes and keeps nothing of the line.
		var line string
		b, err := br.ReadSlice('\n')
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			head := string(b) // copied before the buffer is read again
			rest, rerr := br.ReadString('\n')
			line, err = head+rest, rerr
		case len(b) > 0:
			line = unsafe.String(&b[0], len(b))
		}
		if len(line) > 0 || err == nil {
			line = strings.TrimRight(line, "\r\n")
			if werr := t.segment(a.Source, line); werr != nil {
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

// segment writes the segmentation of one input line.
func (t *tokenizer) segment(source, line string) error {
	t.line++
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

// appendJSON appends {"id":..., "source":..., "line": N, "words":[{"text",
// "start","end"}, ...]} with offsets in code points of the line.
func (t *tokenizer) appendJSON(b []byte, source, line string, words []nlp.Word) []byte {
	b = append(b, `{"id":`...)
	b = appendJSONString(b, t.id)
	b = append(b, `,"source":`...)
	b = appendJSONString(b, source)
	b = append(b, `,"line":`...)
	b = strconv.AppendInt(b, int64(t.line), 10)
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
