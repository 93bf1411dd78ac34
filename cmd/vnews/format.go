package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
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
	rows    int // people rows written (people -f json)
	// single is the source of the run's only article when the run reads
	// one plain input ("-" or one file): sentences -f text then writes no
	// article header. Empty: several articles may come.
	single  string
	width   int  // wrap text lines at this width (0: no wrap)
	explain bool // summarize -f text: the score table after the summary
}

// encodes reports whether records are JSON, which workers can encode on
// their own (render) so that the writer only copies bytes.
func (w *recordWriter) encodes() bool { return w.enc != nil }

// render encodes r as the writer would, on the caller's goroutine. In a
// JSON array (-f json) a record is indented one level, without the final
// newline: the writer puts the commas.
func (w *recordWriter) render(r *record.Record) ([]byte, error) {
	if w.format != "json" {
		// JSON Lines: into a buffer of an earlier record (see release).
		buf, _ := renderBuffers.Get().(*[]byte)
		if buf == nil {
			return record.AppendMarshal(nil, r)
		}
		return record.AppendMarshal((*buf)[:0], r)
	}
	b, err := record.Marshal(r, w.format == "json")
	if w.format == "json" && b != nil {
		b = bytes.TrimRight(b, "\n")
		b = append([]byte("  "), bytes.ReplaceAll(b, []byte("\n"), []byte("\n  "))...)
	}
	return b, err
}

// renderBuffers are the buffers of records already written, for render to
// encode later records into.
var renderBuffers sync.Pool

// release gives the buffer of a written record back to render; a buffer
// of a huge record is left to the collector.
func release(b []byte) {
	if cap(b) > 0 && cap(b) <= 1<<20 {
		b = b[:0]
		renderBuffers.Put(&b)
	}
}

// writeRendered writes a record render made.
func (w *recordWriter) writeRendered(b []byte) error {
	if w.format == "json" {
		if w.n == 0 {
			w.out.WriteString("[\n")
		} else {
			w.out.WriteString(",\n")
		}
	}
	w.n++
	_, err := w.out.Write(b)
	return err
}

// close ends the output: the closing bracket of a JSON array ("[]" when
// there was no record), so that -f json is always one JSON document.
func (w *recordWriter) close() error {
	if w.format == "json" {
		n := w.n
		if w.command == "people" {
			n = w.rows
		}
		if n == 0 {
			w.out.WriteString("[]\n")
		} else {
			w.out.WriteString("\n]\n")
		}
	}
	if w.format == "tsv" && w.n == 0 {
		w.tsvHeader() // a header even when no article gave a row
	}
	_, err := w.out.Write(nil)
	return err
}

func newWriter(out *bufio.Writer, format, command string) *recordWriter {
	w := &recordWriter{out: out, format: format, command: command}
	if command != "people" && (format == "jsonl" || format == "json") {
		w.enc = record.NewEncoder(out, format == "json")
	}
	return w
}

func (w *recordWriter) write(r *record.Record) error {
	if w.enc != nil {
		b, err := w.render(r)
		if b == nil {
			return err
		}
		werr := w.writeRendered(b)
		if w.format != "json" {
			release(b)
		}
		if werr != nil {
			return werr
		}
		return err
	}
	defer func() { w.n++ }()
	var err error
	switch {
	case w.command == "people":
		err = w.people(r)
	case w.format == "tsv":
		err = w.tsv(r)
	case w.format == "text":
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

// label is an article's header line in text formats: its id and title, or
// its source when it has no title.
func label(r *record.Record) string {
	l := "== " + oneLine(r.ID)
	switch {
	case r.Title != "":
		l += ": " + oneLine(r.Title)
	case r.Source != "":
		l += " (" + oneLine(r.Source) + ")"
	}
	return l
}

// oneLine flattens white space (newlines, tabs) so a field stays on its line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// sentencesText writes one sentence per line; a blank line separates
// articles. When the run has several articles (several paths, a directory,
// JSON Lines), each starts with a "# newdoc id = ID" line, the convention of
// CoNLL-U, so that sentences can be traced to their article.
func (w *recordWriter) sentencesText(r *record.Record) error {
	if w.n > 0 {
		w.out.WriteByte('\n')
	}
	if w.single == "" || r.Source != w.single {
		w.out.WriteString("# newdoc id = " + oneLine(r.ID) + "\n")
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

// summaryText writes each article's label, then its summary, one sentence
// per line; an article without a summary says why. A blank line separates
// articles. With --explain, a table of the candidates' scores follows.
func (w *recordWriter) summaryText(r *record.Record) error {
	o := w.out
	if w.n > 0 {
		o.WriteByte('\n')
	}
	o.WriteString(label(r) + "\n")
	switch {
	case r.Error != nil:
		fmt.Fprintf(o, "(error %s: %s)\n", r.Error.Code, oneLine(r.Error.Message))
		return nil
	case r.Summary == nil || len(r.Summary.Lines) == 0:
		why := "no sentence can be a summary: no lead or body sentence of four words or more"
		if r.Summary != nil && r.Summary.Shortest > 0 {
			why = fmt.Sprintf("no sentence fits --max-words: the shortest has %d syllables", r.Summary.Shortest)
		}
		fmt.Fprintf(o, "(no summary: %s)\n", why)
	default:
		for _, s := range r.Summary.Lines {
			w.wrapped("", oneLine(s))
		}
	}
	w.explainTable(r)
	return nil
}

// explainTable writes the scores of the summary's candidate sentences
// (--explain), one per line.
func (w *recordWriter) explainTable(r *record.Record) {
	if !w.explain || r.Summary == nil || len(r.Summary.Explain) == 0 {
		return
	}
	w.out.WriteString("Scores:   sentence  score  position  length  centrality  title  entities  other  redundancy  chosen\n")
	for _, e := range r.Summary.Explain {
		chosen := ""
		if e.Chosen {
			chosen = "yes"
		}
		fmt.Fprintf(w.out, "%18d %6.3f %9.3f %7.3f %11.3f %6.3f %9.3f %6.3f %11.3f  %s\n", e.Sentence, e.Score, e.Position,
			e.Length, e.Centrality, e.Title, e.Entities, e.Other, e.Redundancy, chosen)
	}
}

// wrapped writes text after prefix, wrapped at the writer's width (a
// terminal's) with continuation lines indented like the text; without a
// width, one line.
func (w *recordWriter) wrapped(prefix, text string) {
	indent := strings.Repeat(" ", utf8.RuneCountInString(prefix))
	line, n := prefix, utf8.RuneCountInString(prefix)
	for i, word := range strings.Fields(text) {
		wl := utf8.RuneCountInString(word)
		if w.width > 0 && i > 0 && n+1+wl > w.width {
			w.out.WriteString(line + "\n")
			line, n = indent+word, len(indent)+wl
			continue
		}
		if i > 0 {
			line += " "
			n++
		}
		line += word
		n += wl
	}
	w.out.WriteString(line + "\n")
}

// personRow is one line of the people table: a profile with its article.
type personRow struct {
	Name        string `json:"name"`
	Rank        string `json:"rank"`
	RankLevel   int    `json:"rank_level,omitempty"`
	Position    string `json:"position"`
	Unit        string `json:"unit"`
	Role        string `json:"role,omitempty"`
	Mentions    int    `json:"mentions"`
	ArticleID   string `json:"article_id"`
	ArticleDate string `json:"article_date"`
	Source      string `json:"source"`
}

// peopleHeader names the columns of the people table.
var peopleHeader = []string{"name", "rank", "rank_level", "position", "unit", "article_id", "article_date"}

// personRows gives the people of a record with their rank's level (from
// the article's RANK entities) and the article's id and date.
func personRows(r *record.Record) []personRow {
	levels := map[string]int{}
	for _, e := range r.Entities {
		if e.Type == "RANK" && e.Level > 0 {
			levels[strings.ToLower(e.Canonical)] = e.Level
			levels[strings.ToLower(e.Text)] = e.Level
		}
	}
	rows := make([]personRow, 0, len(r.People))
	for _, p := range r.People {
		rows = append(rows, personRow{Name: p.Name, Rank: p.Rank, RankLevel: levels[strings.ToLower(p.Rank)], Position: p.Position,
			Unit: p.Unit, Role: p.Role, Mentions: p.Mentions, ArticleID: r.ID, ArticleDate: r.Published, Source: r.Source})
	}
	return rows
}

// people writes the people command's output: one person per line (TSV
// after a header, or JSON), or a readable list (text).
func (w *recordWriter) people(r *record.Record) error {
	rows := personRows(r)
	switch w.format {
	case "tsv":
		if w.n == 0 {
			w.tsvRow(peopleHeader...)
		}
		for _, p := range rows {
			level := ""
			if p.RankLevel > 0 {
				level = strconv.Itoa(p.RankLevel)
			}
			w.tsvRow(p.Name, p.Rank, level, p.Position, p.Unit, p.ArticleID, p.ArticleDate)
		}
	case "jsonl", "json":
		for _, p := range rows {
			b, err := json.Marshal(p)
			if err != nil {
				return err
			}
			if w.format == "json" {
				var ind bytes.Buffer
				json.Indent(&ind, b, "  ", "  ")
				b = append([]byte("  "), ind.Bytes()...)
				// n counts records, rows are what the array holds
				if w.rows == 0 {
					w.out.WriteString("[\n")
				} else {
					w.out.WriteString(",\n")
				}
				w.out.Write(b)
			} else {
				w.out.Write(b)
				w.out.WriteByte('\n')
			}
			w.rows++
		}
	case "text":
		if r.Error != nil || len(rows) == 0 {
			return nil
		}
		w.out.WriteString(label(r) + "\n")
		for _, p := range rows {
			w.wrapped("  ", p.Name+personAttrs(p.Rank, p.Position, p.Unit, p.Role))
		}
	}
	return nil
}

func personAttrs(xs ...string) string {
	var attrs []string
	for _, x := range xs {
		if x != "" {
			attrs = append(attrs, x)
		}
	}
	if len(attrs) == 0 {
		return ""
	}
	return " — " + strings.Join(attrs, ", ")
}

// tsvHeader names the columns of the TSV format.
var tsvHeader = []string{"id", "type", "start", "end", "text", "normalized", "kind", "ref"}

// tsv writes one entity per line: id, type, start, end, text, normalized
// value (canonical or date value), kind, ref, after a header row. Fields
// are escaped (tsvField) so that every line has the same columns.
func (w *recordWriter) tsv(r *record.Record) error {
	if w.n == 0 {
		w.tsvHeader()
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

func (w *recordWriter) tsvHeader() {
	if w.command == "people" {
		w.tsvRow(peopleHeader...)
	} else {
		w.tsvRow(tsvHeader...)
	}
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

// text writes a human-readable report of the record: its label, fields,
// summary and keywords, each entity once with its number of mentions, and
// the people.
func (w *recordWriter) text(r *record.Record) error {
	o := w.out
	if w.n > 0 {
		o.WriteByte('\n')
	}
	o.WriteString(label(r) + "\n")
	field := func(name, v string) {
		if v != "" {
			w.wrapped(fmt.Sprintf("%-10s ", name+":"), oneLine(v))
		}
	}
	field("Source", r.Source)
	if r.Error != nil {
		field("Error", r.Error.Code+": "+r.Error.Message)
		return nil
	}
	field("Category", r.Category)
	field("Published", r.Published)
	field("Author", r.Author)
	field("Dateline", r.Dateline)
	for _, wn := range r.Warnings {
		field("Warning", wn)
	}
	if r.Summary != nil {
		field("Summary", r.Summary.Text)
		w.explainTable(r)
	}
	if len(r.Keywords) > 0 {
		kw := make([]string, len(r.Keywords))
		for i, k := range r.Keywords {
			kw[i] = k.Text
		}
		field("Keywords", strings.Join(kw, ", "))
	}
	if len(r.Entities) > 0 {
		o.WriteString("Entities:\n")
		type group struct {
			e     record.Entity
			count int
		}
		var groups []*group
		index := map[string]*group{}
		for _, e := range r.Entities {
			key := e.Type + "\x00" + e.Text + "\x00" + e.Canonical + "\x00" + e.Value + "\x00" + e.Ref
			if g := index[key]; g != nil {
				g.count++
				continue
			}
			g := &group{e: e, count: 1}
			index[key] = g
			groups = append(groups, g)
		}
		for _, g := range groups {
			e := g.e
			var extra []string
			for _, x := range []string{e.Canonical, e.English, e.Value, e.Kind, e.Qualifier, e.Ref, e.Role} {
				if x != "" && x != e.Text {
					extra = append(extra, x)
				}
			}
			if e.Level > 0 {
				extra = append(extra, "level "+strconv.Itoa(e.Level))
			}
			line := oneLine(e.Text)
			if g.count > 1 {
				line += " ×" + strconv.Itoa(g.count)
			}
			if len(extra) > 0 {
				line += "  [" + strings.Join(extra, ", ") + "]"
			}
			w.wrapped(fmt.Sprintf("  %-8s ", e.Type), line)
		}
	}
	if len(r.People) > 0 {
		o.WriteString("People:\n")
		for _, p := range r.People {
			line := p.Name + personAttrs(p.Rank, p.Position, p.Unit, p.Role)
			if p.Mentions > 1 {
				line += " ×" + strconv.Itoa(p.Mentions)
			}
			w.wrapped("  "+p.Ref+" ", line)
		}
	}
	if r.Stats != nil {
		fmt.Fprintf(o, "Stats:     %d chars, %d sentences, %d words\n", r.Stats.Chars, r.Stats.Sentences, r.Stats.Words)
	}
	return nil
}
