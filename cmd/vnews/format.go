package main

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vnews/vnews/extract/record"
)

// recordWriter writes records in one output format.
type recordWriter struct {
	out     *bufio.Writer
	format  string
	command string
	enc     *record.Encoder
	n       int // records written
}

// encodes reports whether records are JSON, which workers can encode on
// their own (render) so that the writer only copies bytes.
func (w *recordWriter) encodes() bool { return w.enc != nil }

// render encodes r as the writer would, on the caller's goroutine.
func (w *recordWriter) render(r *record.Record) ([]byte, error) {
	return record.Marshal(r, w.format == "json")
}

// writeRendered writes a record render made.
func (w *recordWriter) writeRendered(b []byte) error {
	w.n++
	_, err := w.out.Write(b)
	return err
}

func newWriter(out *bufio.Writer, format, command string) *recordWriter {
	w := &recordWriter{out: out, format: format, command: command}
	if format == "jsonl" || format == "json" {
		w.enc = record.NewEncoder(out, format == "json")
	}
	return w
}

func (w *recordWriter) write(r *record.Record) error {
	defer func() { w.n++ }()
	if w.enc != nil {
		return w.enc.Encode(r)
	}
	var err error
	switch w.format {
	case "tsv":
		err = w.tsv(r)
	case "text":
		switch w.command {
		case "summarize":
			err = w.summaryText(r)
		case "sentences":
			err = w.sentencesText(r)
		default:
			err = w.text(r)
		}
	default:
		err = fmt.Errorf("unknown format %q", w.format)
	}
	if err != nil {
		return err
	}
	// The formatters write through the buffer without looking at errors;
	// a failed write (the reader of a pipe went away) sticks in it and is
	// returned here, so the run stops instead of formatting the rest.
	_, err = w.out.Write(nil)
	return err
}

// oneLine flattens white space (newlines, tabs) so a field stays on its line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// sentencesText writes one sentence per line; a blank line separates articles.
func (w *recordWriter) sentencesText(r *record.Record) error {
	if w.n > 0 {
		w.out.WriteByte('\n')
	}
	if r.Error != nil {
		return nil
	}
	for _, s := range r.Sentences {
		t, ok := record.SliceRunes(r.Text, s.Start, s.End)
		if !ok {
			return fmt.Errorf("sentence span %d:%d out of range", s.Start, s.End)
		}
		w.out.WriteString(oneLine(t))
		w.out.WriteByte('\n')
	}
	return nil
}

// summaryText writes the summary alone, one sentence per line; a blank line
// separates articles.
func (w *recordWriter) summaryText(r *record.Record) error {
	if w.n > 0 {
		w.out.WriteByte('\n')
	}
	if r.Error != nil || r.Summary == nil {
		return nil
	}
	for _, s := range r.Summary.Lines {
		w.out.WriteString(oneLine(s))
		w.out.WriteByte('\n')
	}
	return nil
}

// tsvHeader names the columns of the TSV format.
var tsvHeader = []string{"id", "type", "start", "end", "text", "normalized", "kind", "ref"}

// tsv writes one entity per line: id, type, start, end, text, normalized
// value (canonical or date value), kind, ref, after a header row. Fields
// are escaped (tsvField) so that every line has the same columns.
func (w *recordWriter) tsv(r *record.Record) error {
	if w.n == 0 {
		w.tsvRow(tsvHeader...)
	}
	for _, e := range r.Entities {
		norm := e.Canonical
		if e.Type == "DATE" {
			norm = e.Value
		}
		w.tsvRow(r.ID, e.Type, strconv.Itoa(e.Start), strconv.Itoa(e.End), e.Text, norm, e.Kind, e.Ref)
	}
	return nil
}

func (w *recordWriter) tsvRow(fields ...string) {
	for i, f := range fields {
		if i > 0 {
			w.out.WriteByte('\t')
		}
		w.out.WriteString(tsvField(f))
	}
	w.out.WriteByte('\n')
}

// tsvField escapes a field as "linear TSV" and PostgreSQL's COPY text
// format do: a backslash, tab, newline
// or carriage return becomes \\, \t, \n or \r, and a byte that is not
// UTF-8 (a file name in another encoding) becomes \xNN, so the original
// can be recovered.
func tsvField(s string) string {
	if !strings.ContainsAny(s, "\\\t\n\r") && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, "\\x%02x", s[i])
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// text writes a human-readable report of the record.
func (w *recordWriter) text(r *record.Record) error {
	o := w.out
	if w.n > 0 {
		o.WriteByte('\n')
	}
	fmt.Fprintf(o, "== %s (%s)\n", r.ID, r.Source)
	if r.Error != nil {
		fmt.Fprintf(o, "error: %s: %s\n", r.Error.Code, r.Error.Message)
		return nil
	}
	field := func(name, v string) {
		if v != "" {
			fmt.Fprintf(o, "%-10s %s\n", name+":", oneLine(v))
		}
	}
	field("Title", r.Title)
	field("Category", r.Category)
	field("Published", r.Published)
	field("Author", r.Author)
	field("Dateline", r.Dateline)
	for _, wn := range r.Warnings {
		field("Warning", wn)
	}
	if r.Summary != nil {
		field("Summary", r.Summary.Text)
	}
	if len(r.Entities) > 0 {
		o.WriteString("Entities:\n")
		for _, e := range r.Entities {
			var extra []string
			for _, x := range []string{e.Canonical, e.English, e.Value, e.Kind, e.Qualifier, e.Ref, e.Role} {
				if x != "" && x != e.Text {
					extra = append(extra, x)
				}
			}
			if e.Level > 0 {
				extra = append(extra, "level "+strconv.Itoa(e.Level))
			}
			fmt.Fprintf(o, "  %-8s %s", e.Type, oneLine(e.Text))
			if len(extra) > 0 {
				fmt.Fprintf(o, "  [%s]", strings.Join(extra, ", "))
			}
			o.WriteByte('\n')
		}
	}
	if len(r.People) > 0 {
		o.WriteString("People:\n")
		for _, p := range r.People {
			var attrs []string
			for _, x := range []string{p.Rank, p.Position, p.Unit, p.Role} {
				if x != "" {
					attrs = append(attrs, x)
				}
			}
			fmt.Fprintf(o, "  %s %s", p.Ref, p.Name)
			if len(attrs) > 0 {
				fmt.Fprintf(o, " — %s", strings.Join(attrs, ", "))
			}
			fmt.Fprintf(o, " (%d mention(s))\n", p.Mentions)
		}
	}
	if r.Stats != nil {
		fmt.Fprintf(o, "Stats:     %d chars, %d sentences, %d words\n", r.Stats.Chars, r.Stats.Sentences, r.Stats.Words)
	}
	return nil
}
