// Package record is the JSON record of vnews (schema "vnews/1") and the whole
// pipeline behind it: reading inputs (files, directories, JSON Lines,
// standard input), Build (decode, analyze, extract, summarize), and the JSON
// Lines encoder and decoder. It is the only package with JSON tags, and the
// one place where byte offsets become the record's code-point offsets.
//
// Every input article yields exactly one record; an article that cannot be
// processed yields an error record in its place.
package record
