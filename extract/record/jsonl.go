package record

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// Encoder writes records as JSON Lines (one compact object per line) or,
// with Indent, as indented JSON objects separated by newlines.
type Encoder struct {
	w      io.Writer
	indent bool
}

// NewEncoder returns an encoder writing to w.
func NewEncoder(w io.Writer, indent bool) *Encoder { return &Encoder{w: w, indent: indent} }

// EncodeError is returned by Encoder.Encode for a record that could not be
// written as JSON (a bug: a value JSON cannot hold). The encoder wrote
// Replacement, the article's error record, in its place, so the output
// still holds one whole line per article. It wraps ErrArticle.
type EncodeError struct {
	Source      string
	Err         error
	Replacement *Error
}

func (e *EncodeError) Error() string {
	return fmt.Sprintf("%s: %s", e.Source, e.Replacement.Message)
}

// Unwrap gives ErrArticle and the encoding error.
func (e *EncodeError) Unwrap() []error { return []error{ErrArticle, e.Err} }

// Encode writes one record as one whole line (or indented object). A record
// that cannot be encoded is replaced by its error record, with an
// *EncodeError; any other error is the writer's. Text is written as UTF-8,
// not escaped.
func (e *Encoder) Encode(r *Record) error {
	b, encErr := Marshal(r, e.indent)
	if b == nil {
		return encErr
	}
	if _, err := e.w.Write(b); err != nil {
		return err
	}
	return encErr
}

// Marshal returns the record as Encoder writes it, newline included. A
// record that cannot be encoded gives its error record's bytes and an
// *EncodeError. The bytes are built once (a record of a huge article is
// never copied whole again).
func Marshal(r *Record, indent bool) ([]byte, error) {
	b, encErr := AppendMarshal(nil, r)
	if b == nil {
		return nil, encErr
	}
	if indent {
		var buf bytes.Buffer
		if err := json.Indent(&buf, b[:len(b)-1], "", "  "); err != nil {
			return nil, err
		}
		b = append(buf.Bytes(), '\n')
	}
	return b, encErr
}

// AppendMarshal appends the record as one JSON Lines line (compact, newline
// included) to dst, as Marshal gives it; a caller that writes many records
// can reuse dst. A record that cannot be encoded gives its error record's
// line and an *EncodeError; nil and the error when not even that can be.
func AppendMarshal(dst []byte, r *Record) ([]byte, error) {
	if dst == nil {
		dst = make([]byte, 0, r.sizeHint())
	}
	var encErr error
	b, err := appendRecord(dst, r)
	if err != nil {
		ee := &EncodeError{Source: r.Source, Err: err, Replacement: &Error{Code: CodeInternal,
			Message: fmt.Sprintf("internal error in stage encode: the record cannot be written as JSON: %v", err)}}
		rep := Record{Schema: Schema, ID: r.ID, Source: r.Source, URL: r.URL, Error: ee.Replacement, Extra: r.Extra}
		if b, err = appendRecord(dst[:0], &rep); err != nil {
			return nil, err
		}
		encErr = ee
	}
	return append(b, '\n'), encErr
}

// Decoder reads records written by Encoder.
type Decoder struct {
	dec *json.Decoder
}

// NewDecoder returns a decoder reading from r.
func NewDecoder(r io.Reader) *Decoder {
	return &Decoder{dec: json.NewDecoder(bufio.NewReader(r))}
}

// Decode reads the next record; it returns io.EOF at the end.
func (d *Decoder) Decode(r *Record) error {
	return d.dec.Decode(r)
}
