package index

import (
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vnews/vnews/extract/record"
	"github.com/vnews/vnews/nlp"
)

// Entry is one article to add: its record and the key and content hash it
// is stored under. A zero Key is the record's ID (its Source when it has no
// ID); a zero Hash is RecordHash of the record.
type Entry struct {
	Key    string
	Hash   string
	Record *record.Record

	prep *prepared // Prepare's work, when done
}

// prepared is what Prepare computes for an entry: the toned form of its
// sentences for the FTS table, and its toned words with their bare forms.
type prepared struct {
	toned  []string
	terms  string // toned words and their bare forms (appendTerm)
	words  string // each toned word once, in the order met: the article's article_fts row
	text   any    // the text as stored (packText), when Prepare made it
	noText bool   // keep this article's text out (a migrated no-text article)
}

// AddStats counts what Add did.
type AddStats struct {
	Added, Replaced, Skipped, Errors int
}

// The FTS rowid of sentence n of article a published on day d is
// d<<40 | a<<16 | n, d counted in days from 1900-01-01 (1 for that day; 0
// when the date is unknown). So the FTS table's own rowid order is the
// order of publication, and a date range is a rowid range: newest-first
// searches and date filters need no other index. Sentences past the first
// 1<<16 of an article are stored but not searchable; an article id must be
// below 1<<24 (ids are never reused: every article added, replacements
// included, takes one).
const (
	ftsShift      = 16
	ftsDayShift   = 40
	maxArticleID  = 1<<(ftsDayShift-ftsShift) - 1
	ftsDayEpochYr = 1900
)

// ErrFull reports an index with as many articles as the FTS rowids can
// tell apart (1<<24).
var ErrFull = errors.New("index: too many articles (article ids go up to 16,777,215)")

// dayNumber is the day of a YYYY-MM-DD date counted from 1900-01-01 (1),
// or 0 when the date is not one from then on.
func dayNumber(day string) int64 {
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		return 0
	}
	n := int64(t.Sub(time.Date(ftsDayEpochYr, 1, 1, 0, 0, 0, 0, time.UTC)).Hours()/24) + 1
	if n < 1 || n >= 1<<(63-ftsDayShift) {
		return 0
	}
	return n
}

// ftsRowid is the FTS rowid of sentence n of article id published on day
// (a dayNumber).
func ftsRowid(day, id int64, n int) int64 {
	return day<<ftsDayShift | id<<ftsShift | int64(n)
}

// ftsArticle and ftsSentence take a FTS rowid apart.
func ftsArticle(rowid int64) int64 { return rowid >> ftsShift & maxArticleID }
func ftsSentence(rowid int64) int  { return int(rowid & (1<<ftsShift - 1)) }

// ArticleHash is the content hash of an input article: its id, metadata and
// text (or raw bytes), so that an unchanged article is known before the
// pipeline runs.
func ArticleHash(a *record.Article) string {
	h := sha256.New()
	for _, s := range []string{a.ID, a.Title, a.Published, a.URL, a.Text} {
		fmt.Fprintf(h, "%d:%s", len(s), s)
	}
	fmt.Fprintf(h, "%d:", len(a.Raw))
	h.Write(a.Raw)
	if a.Err != nil {
		fmt.Fprintf(h, "err:%s", a.Err.Code)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// RecordHash is the content hash of a record: the SHA-256 of its JSON.
func RecordHash(r *record.Record) string {
	b, err := record.Marshal(r, false)
	if err != nil {
		b = []byte(r.ID + "\x00" + r.Source + "\x00" + r.Text)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// KeyOf is the key a record is stored under: its ID, or its Source.
func KeyOf(r *record.Record) string {
	if r.ID != "" {
		return r.ID
	}
	return r.Source
}

// Prepare does the part of Add's work that needs no database: the key, the
// content hash and the folded forms of the sentences for full-text search.
// Add does it for entries that were not prepared; a caller building
// records on several goroutines calls Prepare there, so that the one
// goroutine writing to the database does less. The work is for the record
// as it is then: a record changed afterwards is to be prepared again (from
// a new Entry).
func Prepare(e Entry) Entry { return prepare(e, true) }

// Prepare is the package's Prepare for this database: it leaves the text
// alone when the database keeps none.
func (db *DB) Prepare(e Entry) Entry { return prepare(e, !db.noText) }

func prepare(e Entry, withText bool) Entry {
	if e.Record == nil || e.prep != nil {
		return e
	}
	if e.Key == "" {
		e.Key = KeyOf(e.Record)
	}
	if e.Hash == "" {
		e.Hash = RecordHash(e.Record)
	}
	p := &prepared{}
	if r := e.Record; r.Error == nil {
		n := min(len(r.Sentences), 1<<ftsShift)
		p.toned = make([]string, n)
		sl := newSlicer(r.Text)
		c := foldCaches.Get().(*foldCache)
		ts := &termSet{buf: make([]byte, 0, len(r.Text)/2)}
		// One buffer and one string for the whole article, each
		// sentence's words a substring of it.
		buf := make([]byte, 0, len(r.Text)+len(r.Text)/4)
		ends := make([]int, n)
		for i, s := range r.Sentences[:n] {
			buf = appendFoldTerms(buf, sl.slice(s.Start, s.End), ts, c)
			ends[i] = len(buf)
		}
		foldCaches.Put(c)
		p.terms = string(ts.buf)
		p.words = string(ts.words)
		all := string(buf)
		start := 0
		for i, end := range ends {
			p.toned[i] = all[start:end]
			start = end
		}
		if withText {
			p.text = packText(r.Text)
		}
	}
	e.prep = p
	return e
}

// slicer cuts a text at code-point offsets in increasing order without
// converting it to runes.
type slicer struct {
	s         string
	pos, byte int // the code point at pos starts at byte
}

func newSlicer(s string) *slicer { return &slicer{s: s} }

// at is the byte offset of code point i (clamped to the text).
func (sl *slicer) at(i int) int {
	if i < sl.pos {
		sl.pos, sl.byte = 0, 0
	}
	for sl.pos < i && sl.byte < len(sl.s) {
		_, n := utf8.DecodeRuneInString(sl.s[sl.byte:])
		sl.byte += n
		sl.pos++
	}
	return sl.byte
}

func (sl *slicer) slice(start, end int) string {
	if end < start {
		end = start
	}
	b := sl.at(max(0, start))
	return sl.s[b:sl.at(end)]
}

// Hashes returns the content hash of every stored article by key, so that a
// caller can skip the unchanged ones before running the pipeline.
func (db *DB) Hashes(ctx context.Context) (map[string]string, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT key, hash FROM articles`)
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	defer rows.Close()
	m := map[string]string{}
	for rows.Next() {
		var k string
		var h any
		if err := rows.Scan(&k, &h); err != nil {
			return nil, fmt.Errorf("index: %w", err)
		}
		m[k] = hashString(h)
	}
	return m, rows.Err()
}

// hashValue is how a hash is stored: 32 bytes when it is hex SHA-256.
func hashValue(h string) any {
	if len(h) == 64 {
		if b, err := hex.DecodeString(h); err == nil && hex.EncodeToString(b) == h {
			return b
		}
	}
	return h
}

func hashString(v any) string {
	switch v := v.(type) {
	case []byte:
		return hex.EncodeToString(v)
	case string:
		return v
	}
	return ""
}

// ErrReadOnly reports an Add to a database opened for reading.
var ErrReadOnly = errors.New("index: the database is open for reading only")

// Add stores the entries in one transaction: all of them or, when it fails
// or the process dies, none. An entry whose key is stored with the same
// hash is skipped; with another hash the stored article is replaced.
// Calls are serialized; readers are not blocked.
func (db *DB) Add(ctx context.Context, entries ...Entry) (AddStats, error) {
	if db.readOnly {
		return AddStats{}, ErrReadOnly
	}
	db.wmu.Lock()
	defer db.wmu.Unlock()
	if db.w == nil {
		conn, err := db.sql.Conn(ctx)
		if err != nil {
			return AddStats{}, fmt.Errorf("index: %w", err)
		}
		// A page cache large enough for the indexes the writer inserts
		// into at random places (the default is 2 MB).
		if _, err := conn.ExecContext(ctx, `PRAGMA cache_size = -65536`); err != nil {
			conn.Close()
			return AddStats{}, fmt.Errorf("index: %w", err)
		}
		// Checkpoints (which sync the database file) every 8192 pages of
		// WAL (256 MB) rather than 1000: on 100,000 articles, 75 s instead
		// of 123 s, the same CPU time.
		if _, err := conn.ExecContext(ctx, `PRAGMA wal_autocheckpoint = 8192`); err != nil {
			conn.Close()
			return AddStats{}, fmt.Errorf("index: %w", err)
		}
		db.w = newWriter(conn, db.noText)
		db.w.articleFTS = db.Version >= 5 // article_fts and articles.fts
		db.wconn = conn
	}
	w := db.w
	if _, err := db.wconn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return AddStats{}, fmt.Errorf("index: %w", err)
	}
	var err error
	if !w.mergeSet {
		err = w.setMerge(ctx)
	}
	var st AddStats
	if err == nil {
		st, err = w.add(ctx, entries)
	}
	if err == nil {
		if _, err = db.wconn.ExecContext(ctx, "COMMIT"); err != nil {
			err = fmt.Errorf("index: %w", err)
		}
	}
	if err != nil {
		if _, rerr := db.wconn.ExecContext(context.Background(), "ROLLBACK"); rerr != nil {
			// The connection is in an unknown state: start afresh.
			db.closeWriter()
		}
		w.rollback()
		return st, err
	}
	w.commit()
	return st, nil
}

// ftsAutomerge is how many segments of one level FTS5 merges into one
// (its automerge setting; the default is 4). Each transaction writes one
// segment; merging sixteen at a time rewrites each word's list of rows
// about half as often as merging four: on 20,000 articles writing and
// merging the segments took 0.56 s of CPU time instead of 0.88 s (the
// merges alone 0.04 s instead of 0.80), and a search as long. A search
// then reads a few more segments, at most 15 a level.
const ftsAutomerge = 16

// setMerge sets the FTS tables' merge policy, in the writer's first
// transaction: it is stored in the tables' configuration, so a database
// written before keeps its segments and merges the new ones this way.
func (w *writer) setMerge(ctx context.Context) error {
	tables := []string{"sentence_fts"}
	if w.articleFTS {
		tables = append(tables, "article_fts")
	}
	for _, t := range tables {
		if _, err := w.exec(ctx, `INSERT INTO `+t+`(`+t+`, rank) VALUES ('automerge', ?)`, ftsAutomerge); err != nil {
			return err
		}
	}
	w.mergeSet = true
	return nil
}

// closeWriter drops the writing connection and its statements.
func (db *DB) closeWriter() {
	if db.w != nil {
		db.w.close()
		db.wconn.Close()
		db.w, db.wconn = nil, nil
	}
}

// preparer is a connection or transaction to prepare statements on.
type preparer interface {
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// writer adds articles through statements prepared once, with a cache of
// the strings dictionary.
type writer struct {
	q      preparer
	noText bool
	stmts  map[string]*sql.Stmt
	ids    map[string]int64 // committed dictionary entries
	pend   map[string]int64 // entries added by the open transaction
	buf    []byte
	keys   [][2]int64 // the mentions' (name, type) ids, reused

	terms     map[string]bool // toned words known to the terms table (nil: not read yet)
	termsPend map[string]bool

	// Rows queued for multi-row INSERTs, written by flush.
	ents, people, terms2 rowQueue
	mergeSet             bool   // setMerge has run
	ftsJSON              []byte // sentence_fts rows, a JSON object {"rowid": "words", ...}
	artJSON              []byte // article_fts rows, the same
	// articleFTS: an article with its text gets one article_fts row
	// (schema version 5) instead of its sentences' rows.
	articleFTS bool
}

// appendJSONString appends s as a JSON string.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	return append(appendJSONChars(dst, s), '"')
}

// appendJSONChars appends s escaped for a JSON string, without the quotes.
func appendJSONChars(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			dst = append(dst, '\\', c)
		case c < 0x20:
			dst = append(dst, `\u00`...)
			dst = append(dst, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// rowQueue holds rows queued for one table's multi-row INSERT. The
// INSERTs are OR FAIL (or OR IGNORE): with the default OR ABORT, SQLite
// keeps a statement journal of every page a multi-row statement changes,
// so that a constraint failure can undo that statement alone, and that
// copying was a third of the writer's time. Add rolls the whole
// transaction back on any error, so nothing needs the statement undone.
type rowQueue struct {
	insert  string // INSERT INTO t(cols) VALUES
	cols    int
	keyCols int // leading columns, int64, that sortRows sorts by
	vals    []any
}

// sortRows puts the queued rows in the order of their first key columns
// (int64 ids, in the order of the table's primary key): inserted in key
// order, a batch's rows go to neighbouring B-tree pages one after the
// other instead of all over the table.
func (r *rowQueue) sortRows() {
	if r.keyCols == 0 || len(r.vals) <= r.cols {
		return
	}
	n := len(r.vals) / r.cols
	rows := make([][]any, n)
	for i := range rows {
		rows[i] = r.vals[i*r.cols : (i+1)*r.cols : (i+1)*r.cols]
	}
	slices.SortStableFunc(rows, func(a, b []any) int {
		for k := range r.keyCols {
			if c := cmp.Compare(a[k].(int64), b[k].(int64)); c != 0 {
				return c
			}
		}
		return 0
	})
	sorted := make([]any, 0, len(r.vals))
	for _, row := range rows {
		sorted = append(sorted, row...)
	}
	r.vals = sorted
}

// rowsPerInsert is how many rows one INSERT statement writes.
const rowsPerInsert = 64

func (w *writer) queue(r *rowQueue, vals ...any) { r.vals = append(r.vals, vals...) }

// flush writes the queued rows.
func (w *writer) flush(ctx context.Context) error {
	// All of a table's FTS rows in one statement: FTS5 writes its pending
	// index data as a new segment at every statement (savepoint), so one
	// statement makes one segment instead of hundreds to merge.
	for _, f := range []struct {
		buf   *[]byte
		table string
	}{{&w.ftsJSON, "sentence_fts"}, {&w.artJSON, "article_fts"}} {
		if len(*f.buf) > 1 {
			*f.buf = append(*f.buf, '}')
			if _, err := w.exec(ctx, `INSERT INTO `+f.table+`(rowid, words) SELECT CAST(key AS INTEGER), value FROM json_each(?)`, string(*f.buf)); err != nil {
				return err
			}
		}
		*f.buf = append((*f.buf)[:0], '{')
	}
	for _, r := range []*rowQueue{&w.ents, &w.people, &w.terms2} {
		r.sortRows()
		per := r.cols * rowsPerInsert
		for len(r.vals) > 0 {
			n := min(len(r.vals), per)
			q := r.insert + strings.Repeat("("+strings.Repeat("?,", r.cols-1)+"?),", n/r.cols-1) + "(" + strings.Repeat("?,", r.cols-1) + "?)"
			if _, err := w.exec(ctx, q, r.vals[:n]...); err != nil {
				return err
			}
			clear(r.vals[:n])
			r.vals = r.vals[n:]
		}
		r.vals = r.vals[:0:0]
	}
	return nil
}

func newWriter(q preparer, noText bool) *writer {
	return &writer{q: q, noText: noText, stmts: map[string]*sql.Stmt{}, ids: map[string]int64{}, pend: map[string]int64{},
		ftsJSON:   []byte{'{'},
		artJSON:   []byte{'{'},
		ents:      rowQueue{insert: `INSERT OR FAIL INTO entity_articles(name, type, article) VALUES `, cols: 3, keyCols: 3},
		people:    rowQueue{insert: `INSERT OR FAIL INTO people(name, article, n, ref, rank, rank_level, position, unit, role, mentions) VALUES `, cols: 10, keyCols: 2},
		terms2:    rowQueue{insert: `INSERT OR IGNORE INTO terms(term, bare) VALUES `, cols: 2},
		termsPend: map[string]bool{},
	}
}

func (w *writer) close() {
	for _, s := range w.stmts {
		s.Close()
	}
}

func (w *writer) commit() {
	for k, v := range w.pend {
		w.ids[k] = v
	}
	clear(w.pend)
	for t := range w.termsPend {
		w.terms[t] = true
	}
	clear(w.termsPend)
}

func (w *writer) rollback() {
	w.mergeSet = false // rolled back with the rest
	clear(w.pend)
	clear(w.termsPend)
	w.ftsJSON = append(w.ftsJSON[:0], '{')
	w.artJSON = append(w.artJSON[:0], '{')
	for _, r := range []*rowQueue{&w.ents, &w.people, &w.terms2} {
		r.vals = nil
	}
}

// stmt is the prepared statement for query.
func (w *writer) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if s := w.stmts[query]; s != nil {
		return s, nil
	}
	s, err := w.q.PrepareContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	w.stmts[query] = s
	return s, nil
}

func (w *writer) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	s, err := w.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	res, err := s.ExecContext(ctx, args...)
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	return res, nil
}

// intern is the id of s in the strings table, adding it when new; 0 for
// the empty string.
func (w *writer) intern(ctx context.Context, s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	if id, ok := w.ids[s]; ok {
		return id, nil
	}
	if id, ok := w.pend[s]; ok {
		return id, nil
	}
	q, err := w.stmt(ctx, `SELECT id FROM strings WHERE text = ?`)
	if err != nil {
		return 0, err
	}
	var id int64
	switch err := q.QueryRowContext(ctx, s).Scan(&id); {
	case err == nil:
		w.ids[s] = id
		return id, nil
	case err != sql.ErrNoRows:
		return 0, fmt.Errorf("index: %w", err)
	}
	res, err := w.exec(ctx, `INSERT INTO strings(text, key) VALUES (?, ?)`, s, nlp.Key(s))
	if err != nil {
		return 0, err
	}
	if id, err = res.LastInsertId(); err != nil {
		return 0, fmt.Errorf("index: %w", err)
	}
	w.pend[s] = id
	return id, nil
}

func (w *writer) add(ctx context.Context, entries []Entry) (AddStats, error) {
	var st AddStats
	lookQuery := `SELECT id, day, hash, sentences, entities, 0 FROM articles WHERE key = ?`
	if w.articleFTS {
		lookQuery = `SELECT id, day, hash, sentences, entities, fts FROM articles WHERE key = ?`
	}
	look, err := w.stmt(ctx, lookQuery)
	if err != nil {
		return st, err
	}
	for _, e := range entries {
		if e.Record == nil {
			continue
		}
		e = Prepare(e)
		var id int64
		var d string
		var hash any
		var sents, ents []byte
		var artRow bool
		err := look.QueryRowContext(ctx, e.Key).Scan(&id, &d, &hash, &sents, &ents, &artRow)
		switch {
		case err == sql.ErrNoRows:
			st.Added++
		case err != nil:
			return st, fmt.Errorf("index: %w", err)
		case hashString(hash) == e.Hash:
			st.Skipped++
			continue
		default:
			// The article may be one of this batch's: its rows first.
			if err := w.flush(ctx); err != nil {
				return st, err
			}
			if err := w.delete(ctx, id, dayNumber(d), sents, ents, artRow); err != nil {
				return st, err
			}
			st.Replaced++
		}
		if e.Record.Error != nil {
			st.Errors++
		}
		if err := w.insert(ctx, e); err != nil {
			return st, err
		}
	}
	return st, w.flush(ctx)
}

// readTerms reads the terms table into the writer's cache.
func (w *writer) readTerms(ctx context.Context) error {
	q, err := w.stmt(ctx, `SELECT term FROM terms`)
	if err != nil {
		return err
	}
	rows, err := q.QueryContext(ctx)
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	defer rows.Close()
	w.terms = map[string]bool{}
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return fmt.Errorf("index: %w", err)
		}
		w.terms[t] = true
	}
	return rows.Err()
}

// delete removes article id, whose day number and packed columns are
// given, and all that hangs on it; artRow: its words are in article_fts.
func (w *writer) delete(ctx context.Context, id, dayn int64, sents, ents []byte, artRow bool) error {
	ss, err := decodeSentences(sents)
	if err != nil {
		return err
	}
	if artRow {
		if _, err := w.exec(ctx, `DELETE FROM article_fts WHERE rowid = ?`, ftsRowid(dayn, id, 0)); err != nil {
			return err
		}
	} else {
		for n := range min(len(ss), 1<<ftsShift) {
			if _, err := w.exec(ctx, `DELETE FROM sentence_fts WHERE rowid = ?`, ftsRowid(dayn, id, n)); err != nil {
				return err
			}
		}
	}
	es, err := decodeEntities(ents)
	if err != nil {
		return err
	}
	for _, k := range entityKeys(mentionKeys(es)) {
		if _, err := w.exec(ctx, `DELETE FROM entity_articles WHERE name = ? AND type = ? AND article = ?`, k[0], k[1], id); err != nil {
			return err
		}
	}
	if _, err := w.exec(ctx, `DELETE FROM people WHERE article = ?`, id); err != nil {
		return err
	}
	_, err = w.exec(ctx, `DELETE FROM articles WHERE id = ?`, id)
	return err
}

// entityKeys lists the distinct (name, type) of the mentions' keys, in
// order of first mention.
func entityKeys(keys [][2]int64) [][2]int64 {
	seen := make(map[[2]int64]bool, len(keys))
	var out [][2]int64
	for _, k := range keys {
		if k[0] != 0 && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// day is the YYYY-MM-DD at the start of a published date, or "".
func day(published string) string {
	if len(published) >= 10 && published[4] == '-' && published[7] == '-' {
		return published[:10]
	}
	return ""
}

func (w *writer) insert(ctx context.Context, e Entry) error {
	r := e.Record
	var text any
	if !w.noText && !e.prep.noText && r.Error == nil {
		text = e.prep.text
		if text == nil {
			text = packText(r.Text)
		}
	}
	var code, msg string
	var sents, ents any
	var keys [][2]int64
	intern := func(s string) (int64, error) { return w.intern(ctx, s) }
	if r.Error != nil {
		code, msg = r.Error.Code, r.Error.Message
	} else {
		b, err := appendSentences(w.buf[:0], r.Sentences, intern)
		if err != nil {
			return err
		}
		sents = append([]byte(nil), b...)
		b, keys, err = appendEntities(b[:0], r.Entities, intern, w.keys[:0])
		if err != nil {
			return err
		}
		ents = append([]byte(nil), b...)
		w.buf, w.keys = b, keys
	}
	artRow := w.articleFTS && text != nil
	var res sql.Result
	var err error
	if w.articleFTS {
		res, err = w.exec(ctx, `INSERT INTO articles(key, hash, day, published, source, url, title, error_code, error_message, sentences, entities, text, fts) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			e.Key, hashValue(e.Hash), day(r.Published), r.Published, r.Source, r.URL, r.Title, code, msg, sents, ents, text, artRow)
	} else { // schema version 3's writer, in its migration
		res, err = w.exec(ctx, `INSERT INTO articles(key, hash, day, published, source, url, title, error_code, error_message, sentences, entities, text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
			e.Key, hashValue(e.Hash), day(r.Published), r.Published, r.Source, r.URL, r.Title, code, msg, sents, ents, text)
	}
	if err != nil {
		return err
	}
	aid, err := res.LastInsertId()
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	if aid > maxArticleID {
		return ErrFull
	}
	if r.Error != nil {
		return nil
	}
	if w.terms == nil {
		if err := w.readTerms(ctx); err != nil {
			return err
		}
	}
	eachTerm(e.prep.terms, func(t, b string) {
		if !w.terms[t] && !w.termsPend[t] {
			w.termsPend[t] = true
			w.queue(&w.terms2, t, b)
		}
	})
	dayn := dayNumber(day(r.Published))
	if artRow {
		if len(w.artJSON) > 1 {
			w.artJSON = append(w.artJSON, ',')
		}
		w.artJSON = append(w.artJSON, '"')
		w.artJSON = strconv.AppendInt(w.artJSON, ftsRowid(dayn, aid, 0), 10)
		w.artJSON = append(w.artJSON, '"', ':', '"')
		w.artJSON = appendJSONChars(w.artJSON, e.prep.words)
		w.artJSON = append(w.artJSON, '"')
	}
	for n, t := range e.prep.toned {
		if artRow {
			break
		}
		if len(w.ftsJSON) > 1 {
			w.ftsJSON = append(w.ftsJSON, ',')
		}
		w.ftsJSON = append(w.ftsJSON, '"')
		w.ftsJSON = strconv.AppendInt(w.ftsJSON, ftsRowid(dayn, aid, n), 10)
		w.ftsJSON = append(w.ftsJSON, '"', ':')
		w.ftsJSON = appendJSONString(w.ftsJSON, t)
	}
	for _, k := range entityKeys(keys) {
		w.queue(&w.ents, k[0], k[1], aid)
	}
	levels := map[string]int{}
	for _, en := range r.Entities {
		if en.Type == "RANK" && en.Level > 0 {
			if en.Canonical != "" {
				levels[nlp.Key(en.Canonical)] = en.Level
			}
			levels[nlp.Key(en.Text)] = en.Level
		}
	}
	for n, p := range r.People {
		var ids [5]int64
		for i, s := range []string{p.Name, p.Rank, p.Position, p.Unit, p.Role} {
			if ids[i], err = w.intern(ctx, s); err != nil {
				return err
			}
		}
		level := 0
		if p.Rank != "" {
			level = levels[nlp.Key(p.Rank)]
		}
		w.queue(&w.people, ids[0], aid, n, p.Ref, ids[1], level, ids[2], ids[3], ids[4], p.Mentions)
	}
	return nil
}
