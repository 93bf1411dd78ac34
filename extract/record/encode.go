package record

import (
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"
)

// The record's JSON is appended field by field, without reflection, to the
// bytes encoding/json writes for the Record type (with SetEscapeHTML(false)):
// the same field order, the same omitempty/omitzero rules, the same string
// escapes and number forms. TestAppendRecordMatchesReflection holds the two
// together.

// errFloat is the error for a NaN or infinite score: JSON cannot hold it.
var errFloat = errors.New("json: unsupported value: NaN or infinite number")

// appendRecord appends r as one compact JSON object.
func appendRecord(b []byte, r *Record) ([]byte, error) {
	b = append(b, `{"schema":`...)
	b = appendString(b, r.Schema)
	b = appendStringField(b, `,"id":`, r.ID)
	b = appendStringField(b, `,"source":`, r.Source)
	b = appendStringField(b, `,"url":`, r.URL)
	b = appendStringField(b, `,"title":`, r.Title)
	b = appendStringField(b, `,"category":`, r.Category)
	b = appendStringField(b, `,"published":`, r.Published)
	b = appendStringField(b, `,"author":`, r.Author)
	b = appendStringField(b, `,"dateline":`, r.Dateline)
	b = appendStringField(b, `,"encoding":`, r.Encoding)
	if len(r.Warnings) > 0 {
		b = append(b, `,"warnings":`...)
		b = appendStrings(b, r.Warnings)
	}
	b = appendStringField(b, `,"text":`, r.Text)
	if r.Sentences != nil {
		b = append(b, `,"sentences":[`...)
		for i, s := range r.Sentences {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"start":`...)
			b = strconv.AppendInt(b, int64(s.Start), 10)
			b = append(b, `,"end":`...)
			b = strconv.AppendInt(b, int64(s.End), 10)
			b = append(b, `,"role":`...)
			b = appendString(b, s.Role)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if r.Words != nil {
		b = append(b, `,"words":[`...)
		for i, w := range r.Words {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"text":`...)
			b = appendString(b, w.Text)
			b = append(b, `,"start":`...)
			b = strconv.AppendInt(b, int64(w.Start), 10)
			b = append(b, `,"end":`...)
			b = strconv.AppendInt(b, int64(w.End), 10)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if r.Entities != nil {
		b = append(b, `,"entities":[`...)
		for i := range r.Entities {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendEntity(b, &r.Entities[i])
		}
		b = append(b, ']')
	}
	if r.People != nil {
		b = append(b, `,"people":[`...)
		for i := range r.People {
			if i > 0 {
				b = append(b, ',')
			}
			p := &r.People[i]
			b = append(b, `{"ref":`...)
			b = appendString(b, p.Ref)
			b = append(b, `,"name":`...)
			b = appendString(b, p.Name)
			b = appendStringField(b, `,"rank":`, p.Rank)
			b = appendStringField(b, `,"position":`, p.Position)
			b = appendStringField(b, `,"unit":`, p.Unit)
			b = appendStringField(b, `,"role":`, p.Role)
			b = append(b, `,"mentions":`...)
			b = strconv.AppendInt(b, int64(p.Mentions), 10)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	var err error
	if s := r.Summary; s != nil {
		b = append(b, `,"summary":{"sentences":`...)
		if s.Sentences == nil {
			b = append(b, "null"...)
		} else {
			b = append(b, '[')
			for i, n := range s.Sentences {
				if i > 0 {
					b = append(b, ',')
				}
				b = strconv.AppendInt(b, int64(n), 10)
			}
			b = append(b, ']')
		}
		b = append(b, `,"text":`...)
		b = appendString(b, s.Text)
		if len(s.Explain) > 0 {
			b = append(b, `,"explain":[`...)
			for i, e := range s.Explain {
				if i > 0 {
					b = append(b, ',')
				}
				b = append(b, `{"sentence":`...)
				b = strconv.AppendInt(b, int64(e.Sentence), 10)
				for _, f := range [...]struct {
					name string
					v    float64
				}{{`,"score":`, e.Score}, {`,"position":`, e.Position}, {`,"length":`, e.Length},
					{`,"centrality":`, e.Centrality}, {`,"title":`, e.Title}, {`,"entities":`, e.Entities},
					{`,"other":`, e.Other}, {`,"redundancy":`, e.Redundancy}} {
					b = append(b, f.name...)
					if b, err = appendFloat(b, f.v); err != nil {
						return nil, err
					}
				}
				b = append(b, `,"chosen":`...)
				b = strconv.AppendBool(b, e.Chosen)
				b = append(b, '}')
			}
			b = append(b, ']')
		}
		b = append(b, '}')
	}
	if r.Keywords != nil {
		b = append(b, `,"keywords":[`...)
		for i, k := range r.Keywords {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"text":`...)
			b = appendString(b, k.Text)
			b = append(b, `,"score":`...)
			if b, err = appendFloat(b, k.Score); err != nil {
				return nil, err
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if s := r.Stats; s != nil {
		b = append(b, `,"stats":{"chars":`...)
		b = strconv.AppendInt(b, int64(s.Chars), 10)
		b = append(b, `,"sentences":`...)
		b = strconv.AppendInt(b, int64(s.Sentences), 10)
		b = append(b, `,"words":`...)
		b = strconv.AppendInt(b, int64(s.Words), 10)
		b = append(b, '}')
	}
	if e := r.Error; e != nil {
		b = append(b, `,"error":{"code":`...)
		b = appendString(b, e.Code)
		b = append(b, `,"message":`...)
		b = appendString(b, e.Message)
		b = append(b, '}')
	}
	return appendExtra(b, r.Extra)
}

func appendEntity(b []byte, e *Entity) []byte {
	b = append(b, `{"type":`...)
	b = appendString(b, e.Type)
	b = append(b, `,"text":`...)
	b = appendString(b, e.Text)
	b = append(b, `,"start":`...)
	b = strconv.AppendInt(b, int64(e.Start), 10)
	b = append(b, `,"end":`...)
	b = strconv.AppendInt(b, int64(e.End), 10)
	b = append(b, `,"sentence":`...)
	b = strconv.AppendInt(b, int64(e.Sentence), 10)
	b = appendStringField(b, `,"canonical":`, e.Canonical)
	b = appendStringField(b, `,"english":`, e.English)
	if e.Level != 0 {
		b = append(b, `,"level":`...)
		b = strconv.AppendInt(b, int64(e.Level), 10)
	}
	b = appendStringField(b, `,"qualifier":`, e.Qualifier)
	b = appendStringField(b, `,"kind":`, e.Kind)
	b = appendStringField(b, `,"value":`, e.Value)
	b = appendStringField(b, `,"ref":`, e.Ref)
	b = appendStringField(b, `,"role":`, e.Role)
	return append(b, '}')
}

// appendExtra closes the object, with the input's own fields (those whose
// names the record does not use) after the known ones, by name, their
// values as they came.
func appendExtra(b []byte, extra map[string]json.RawMessage) ([]byte, error) {
	var keys []string
	for k := range extra {
		if !reservedKeys[k] {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		kb, err := json.Marshal(k) // HTML-escaped, as it always was
		if err != nil {
			return nil, err
		}
		b = append(b, ',')
		b = append(b, kb...)
		b = append(b, ':')
		b = append(b, extra[k]...)
	}
	return append(b, '}'), nil
}

// appendStringField appends name and s unless s is empty (omitempty).
func appendStringField(b []byte, name, s string) []byte {
	if s == "" {
		return b
	}
	return appendString(append(b, name...), s)
}

func appendStrings(b []byte, ss []string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

// appendFloat appends f as encoding/json writes a float64: like %g in ES6
// form, with exponents from 1e21 and below 1e-6, and no padded exponent.
func appendFloat(b []byte, f float64) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return nil, errFloat
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1] // e-07 is written e-7
			b = b[:n-1]
		}
	}
	return b, nil
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string the way encoding/json writes it
// without HTML escaping: quotes, backslashes and control characters
// escaped, invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped. Two- and
// three-byte sequences (all of Vietnamese) are checked inline.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		if c >= 0xC2 && c < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			i += 2 // a valid two-byte sequence
			continue
		}
		if c >= 0xE1 && c <= 0xEF && c != 0xED && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			// A valid three-byte sequence (not E0 or ED, whose second
			// bytes are restricted); U+2028 and U+2029 are E2 80 A8/A9.
			if c == 0xE2 && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9) {
				b = append(b, s[start:i]...)
				b = append(b, '\\', 'u', '2', '0', '2', hexDigits[s[i+2]-0xA0])
				start = i + 3
			}
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
