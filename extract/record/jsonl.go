package record

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
)

// Encoder writes records as JSON Lines (one compact object per line) or,
// with Indent, as indented JSON objects separated by newlines.
type Encoder struct {
	w      io.Writer
	indent bool
	buf    bytes.Buffer
}

// NewEncoder returns an encoder writing to w.
func NewEncoder(w io.Writer, indent bool) *Encoder { return &Encoder{w: w, indent: indent} }

// Encode writes one record. Text is written as UTF-8, not escaped.
func (e *Encoder) Encode(r *Record) error {
	// MarshalJSON directly: through json.Encoder its output would be
	// scanned and compacted once more.
	b, err := r.MarshalJSON()
	if err != nil {
		return err
	}
	e.buf.Reset()
	if e.indent {
		if err := json.Indent(&e.buf, b, "", "  "); err != nil {
			return err
		}
	} else {
		e.buf.Write(b)
	}
	e.buf.WriteByte('\n')
	_, err = e.w.Write(e.buf.Bytes())
	return err
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
