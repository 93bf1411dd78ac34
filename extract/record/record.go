package record

import (
	"encoding/json"
)

// Schema is the version of the record format.
const Schema = "vnews/1"

// Record is one article's result, the JSON object of the "vnews/1" schema
// (see README.md). Offsets are Unicode code points into Text. An article
// that could not be processed has only Schema, ID, Source and Error.
type Record struct {
	Schema    string   `json:"schema"`
	ID        string   `json:"id,omitempty"`
	Source    string   `json:"source,omitempty"`
	URL       string   `json:"url,omitempty"`
	Title     string   `json:"title,omitempty"`
	Category  string   `json:"category,omitempty"`
	Published string   `json:"published,omitempty"`
	Author    string   `json:"author,omitempty"`
	Dateline  string   `json:"dateline,omitempty"`
	Encoding  string   `json:"encoding,omitempty"`
	Warnings  []string `json:"warnings,omitempty"`
	Text      string   `json:"text,omitempty"`

	// The lists a command computes are written even when empty ("[]", so
	// that jq's .entities[] works on every record); a nil list is one the
	// command does not compute, and is left out (omitzero).
	Sentences []Sentence `json:"sentences,omitzero"`
	Words     []Word     `json:"words,omitzero"`
	Entities  []Entity   `json:"entities,omitzero"`
	People    []Person   `json:"people,omitzero"`
	Summary   *Summary   `json:"summary,omitempty"`
	Keywords  []Keyword  `json:"keywords,omitzero"`
	Stats     *Stats     `json:"stats,omitempty"`
	Error     *Error     `json:"error,omitempty"`

	// Extra holds the input's own fields that vnews does not know; they are
	// written back into the record unchanged. Input fields whose names the
	// record uses itself (source, stats, ...) are kept in Extra["input"], a
	// JSON object (see InputKey).
	Extra map[string]json.RawMessage `json:"-"`
}

// InputKey is the record field that keeps the input's fields whose names
// the record uses itself ("source", "schema", "stats", ... and "input"), so
// that no input field is ever lost: {"input": {"source": "Báo QĐND"}}.
const InputKey = "input"

// Word is one segmented word (--words): its text and code-point offsets
// into the record's Text.
type Word struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Sentence is a sentence span with its role in the article.
type Sentence struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Role  string `json:"role"`
}

// Entity is one entity mention. Start and End are code points into the
// record's Text, and Text equals Text[Start:End] of the record.
type Entity struct {
	Type      string `json:"type"`
	Text      string `json:"text"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Sentence  int    `json:"sentence"`
	Canonical string `json:"canonical,omitempty"`
	English   string `json:"english,omitempty"`
	Level     int    `json:"level,omitempty"`
	Qualifier string `json:"qualifier,omitempty"`
	Kind      string `json:"kind,omitempty"`
	Value     string `json:"value,omitempty"`
	Ref       string `json:"ref,omitempty"`
	Role      string `json:"role,omitempty"`
}

// Person is a people profile: one per person, every mention merged.
type Person struct {
	Ref      string `json:"ref"`
	Name     string `json:"name"`
	Rank     string `json:"rank,omitempty"`
	Position string `json:"position,omitempty"`
	Unit     string `json:"unit,omitempty"`
	Role     string `json:"role,omitempty"`
	Mentions int    `json:"mentions"`
}

// Summary is the extractive summary: sentence indices in article order.
type Summary struct {
	Sentences []int           `json:"sentences"`
	Text      string          `json:"text"`
	Explain   []SentenceScore `json:"explain,omitempty"`
	// Lines are the summary's sentences, one per element, for text output.
	Lines []string `json:"-"`
	// Shortest is set when a budget (summary.Options.MaxWords) is smaller
	// than every candidate sentence: the syllables of the shortest one. The
	// summary is then empty, and the record has a warning.
	Shortest int `json:"-"`
}

// SentenceScore explains the score of one candidate sentence (--explain):
// the score and the parts of it that position, length, centrality, the
// title, entity density and the other features contribute, and the
// greatest similarity to a chosen sentence (which counts against it).
type SentenceScore struct {
	Sentence   int     `json:"sentence"`
	Score      float64 `json:"score"`
	Position   float64 `json:"position"`
	Length     float64 `json:"length"`
	Centrality float64 `json:"centrality"`
	Title      float64 `json:"title"`
	Entities   float64 `json:"entities"`
	Other      float64 `json:"other"`
	Redundancy float64 `json:"redundancy"`
	Chosen     bool    `json:"chosen"`
}

// Keyword is one of the article's key phrases.
type Keyword struct {
	Text  string  `json:"text"`
	Score float64 `json:"score"`
}

// Stats counts what the article holds.
type Stats struct {
	Chars     int `json:"chars"`
	Sentences int `json:"sentences"`
	Words     int `json:"words"`
}

// Error says why an article could not be processed.
type Error struct {
	Code    string `json:"code"` // empty, binary, encoding, json, missing_text, too_large, read, internal
	Message string `json:"message"`
}

// Error codes.
const (
	CodeEmpty       = "empty"
	CodeBinary      = "binary"
	CodeEncoding    = "encoding"
	CodeJSON        = "json"
	CodeMissingText = "missing_text"
	CodeTooLarge    = "too_large"
	CodeRead        = "read"
	CodeInternal    = "internal"
)

// MarshalJSON writes the record with its Extra fields after the known ones.
// Text is not HTML-escaped.
func (r Record) MarshalJSON() ([]byte, error) { return r.marshal() }

// marshal is MarshalJSON; the slice it returns has room for a newline.
func (r *Record) marshal() ([]byte, error) {
	return appendRecord(make([]byte, 0, r.sizeHint()), r)
}

// sizeHint is the room to make for the record's JSON: records run to about
// three times their text (the text, then the sentences, entities and
// summary), so most take one allocation.
func (r *Record) sizeHint() int {
	size := 3*len(r.Text) + 512
	for _, w := range r.Warnings {
		size += len(w)
	}
	if r.Error != nil {
		size += len(r.Error.Message)
	}
	return size
}

// reservedKeys are the record's own field names: an input field with one of
// these names never overrides them.
var reservedKeys = map[string]bool{
	"schema": true, "id": true, "source": true, "url": true, "title": true, "category": true,
	"published": true, "author": true, "dateline": true, "encoding": true, "warnings": true, "text": true,
	"sentences": true, "words": true, "entities": true, "people": true, "summary": true, "keywords": true, "stats": true, "error": true,
}

// UnmarshalJSON reads a record, keeping unknown fields in Extra.
func (r *Record) UnmarshalJSON(b []byte) error {
	type plain Record
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(b, &all); err != nil {
		return err
	}
	*r = Record(p)
	for k, v := range all {
		if !reservedKeys[k] {
			if r.Extra == nil {
				r.Extra = map[string]json.RawMessage{}
			}
			r.Extra[k] = v
		}
	}
	return nil
}
