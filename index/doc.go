// Package index is the analyst's corpus: vnews/1 records stored in an
// SQLite database (modernc.org/sqlite, pure Go; this package is the only
// one that imports the driver), searched in full text with Vietnamese
// folding, and read back as a roster of people and units over time.
//
// It sits after the pipeline: callers build records with record.Builder
// (or decode existing ones) and hand them to DB.Add; the index never runs
// a stage of its own.
//
// # Storage
//
// The schema is in schema/*.sql, one file per version, applied in order by
// Open inside a transaction each and recorded in the migrations table, so
// a database made by any earlier version is brought up to date. The
// database runs in WAL mode: readers (Search, Roster) proceed while a
// writer adds articles, and every Add is one transaction, so a process
// killed in the middle leaves the database as it was after the last
// committed batch.
//
// Articles are keyed by record id (the source when there is none) and carry
// a content hash: adding an article with the hash already stored does
// nothing, with another hash replaces it. Error records are kept as
// articles with an error code and no sentences, entities or people.
//
// Schema version 3 keeps the space and the rows written small: repeated
// strings live once in a strings table and are referred to by id; an
// article's sentence spans and entity mentions are packed in its row
// (pack.go); entity_articles files each article under the entities it
// names, for entity filters; people profiles are kept in name order. Add
// writes through statements prepared once, many rows per statement, and
// all of a batch's full-text rows in one statement (FTS5 writes a segment
// per statement). Prepare does the part of Add that needs no database, so
// that callers can run it where they build records. Schema version 4
// stores articles' texts compressed (raw DEFLATE, text.go), about half
// their size; texts stored by version 3 stay as they are and are read
// either way. Schema version 5 gives an article kept with its text one
// full-text row instead of one per sentence (FTS5's cost is as much per
// row as per word: half the index's full-text time).
//
// # Search
//
// Sentences are indexed in contentless FTS5 tables, folded with the nlp
// package's matching key: each word lowercase, its tone mark taken off and
// written as a digit after it, so "hoà" and "hòa" are both "hoa2" and do
// not match "hoá" ("hoa1"). A query word typed without diacritics matches
// every indexed word that loses its marks to it (the terms table lists
// them: "hoa" → hoa, hoa1, hoa2, ...). The stored text is never rewritten.
// An article kept with its text is one row of article_fts, each of its
// folded words once, in the order the article first uses them (rows
// written before hold every word in order; either reads the same): a
// search finds the articles that hold every word of the query, a quoted
// phrase's words anywhere, and shows the sentences that hold the most of
// it, found by folding the text again, where a phrase must stand in one
// sentence; an article with no such sentence is no match. An
// article kept without text, or indexed before schema version 5, has a
// row per sentence in sentence_fts, where every word must be in one
// sentence; a search reads both tables and merges them.
// The FTS rowid holds the article's publication day, the article and the
// sentence's number (0 for an article's row), so that newest-first
// results are read lazily in the tables' own order and date ranges are
// rowid ranges.
//
// # Roster
//
// See Roster for how mentions of a person in different articles are taken
// to be the same person, and how well it does on a gold written for it.
package index
