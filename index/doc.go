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
// # Search
//
// Sentences are indexed in an FTS5 table with two folded forms made with
// the nlp package's folding (nlp.AppendKey, nlp.StripTones): one keeps the
// tone of each syllable as a digit, so "hoà" and "hòa" match each other
// but not "hoá"; one drops every mark, so "hoa binh" or "Nguyen Van" typed
// without diacritics match. A query word with a diacritic uses the first,
// a plain ASCII word the second. The stored text is never rewritten.
//
// # Roster
//
// See Roster for how mentions of a person in different articles are taken
// to be the same person.
package index
