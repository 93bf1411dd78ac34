package index

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/vnews/vnews/nlp"
)

// ErrQuery reports a search with nothing to look for.
var ErrQuery = errors.New("index: empty query")

// Query is a search: words to find (every one must occur in the article;
// "quoted words" in order, within a sentence), and filters.
type Query struct {
	Text   string // words to find; may be empty when Entity is set
	Entity string // only articles naming this entity (canonical or text, folded)
	Type   string // the entity's type (PERSON, UNIT, ...), or any type
	From   string // first day (YYYY-MM-DD), inclusive; "" for no bound
	To     string // last day, inclusive
	Limit  int    // at most this many hits; 0: 20
	// Rank orders hits with words by relevance (FTS5's bm25) instead of
	// newest first. Every match is scored, so it is slower on a large
	// index (on 20,000 articles, about 10× for a common word).
	Rank bool
}

// Hit is one matching sentence. Start and End are code points into the
// article's text; Text is the sentence ("" when the index keeps no text).
type Hit struct {
	Article   string // the article's key (record id)
	Title     string
	Published string
	Sentence  int
	Start     int
	End       int
	Text      string
}

// ErrDate reports a date filter that is not a YYYY-MM-DD day.
var ErrDate = errors.New("index: a date filter is not a YYYY-MM-DD day from 1900 on")

// Search returns the sentences that match q (of an article with its text,
// those that hold the most of the query: see Query), newest article first (by
// publication day, undated articles last; articles of one day latest
// indexed first), an article's sentences in order; with q.Rank and words to
// find, the most relevant first.
func (db *DB) Search(ctx context.Context, q Query) ([]Hit, error) {
	match, wordMatch, cs, err := ftsQuery(q.Text, func(bare string) ([]string, error) { return db.expand(ctx, bare) })
	if err != nil {
		return nil, err
	}
	if match == "" && q.Entity == "" && q.Type == "" {
		return nil, ErrQuery
	}
	for _, d := range []string{q.From, q.To} {
		if d != "" && dayNumber(d) == 0 {
			return nil, fmt.Errorf("%w: %q", ErrDate, d)
		}
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	if match == "" {
		return db.searchEntity(ctx, q, limit)
	}
	// Two FTS tables: sentence_fts has a row per sentence (articles kept
	// without text, and those indexed before schema version 5: there the
	// words must be in one sentence), article_fts a row per article,
	// whose best sentences are found by folding its text again
	// (matchingSentences). Each is read lazily in the order asked for
	// (rowid order is newest first: ftsRowid), and the two are merged,
	// until limit hits.
	var curs [2]*ftsCursor
	for i, table := range [2]string{"sentence_fts", "article_fts"} {
		m := match
		if table == "article_fts" {
			m = wordMatch // its rows hold each word once, in no order
		}
		c, err := db.openFTS(ctx, table, m, q)
		if err != nil {
			for _, o := range curs[:i] {
				o.close()
			}
			return nil, err
		}
		curs[i] = c
	}
	defer curs[0].close()
	defer curs[1].close()
	hits := make([]Hit, 0, limit)
	for len(hits) < limit {
		c := curs[0]
		if !c.ok || curs[1].ok && curs[1].before(c, q.Rank) {
			c = curs[1]
		}
		if !c.ok {
			break
		}
		a := ftsArticle(c.rowid)
		if c == curs[1] {
			h, err := db.matchingSentences(ctx, a, cs)
			if err != nil {
				return nil, err
			}
			hits = append(hits, h[:min(len(h), limit-len(hits))]...)
			if err := c.next(); err != nil {
				return nil, err
			}
			continue
		}
		// A run of one article's sentences, read at once and put in order.
		var ns []int
		for c.ok && ftsArticle(c.rowid) == a && len(hits)+len(ns) < limit {
			ns = append(ns, ftsSentence(c.rowid))
			if err := c.next(); err != nil {
				return nil, err
			}
		}
		if !q.Rank {
			slices.Reverse(ns)
		}
		h, err := db.hit(ctx, a, ns)
		if err != nil {
			return nil, err
		}
		hits = append(hits, h...)
	}
	return hits, nil
}

// ftsCursor reads the matches of one FTS table in order; rowid (and rank)
// are those of the current row while ok.
type ftsCursor struct {
	rows  *sql.Rows
	ok    bool
	rowid int64
	rank  float64
}

// openFTS starts reading table's rows that match match and q's filters,
// in q's order, and reads the first.
func (db *DB) openFTS(ctx context.Context, table, match string, q Query) (*ftsCursor, error) {
	var b strings.Builder
	args := []any{match}
	rank := "0"
	if q.Rank {
		rank = "f.rank"
	}
	fmt.Fprintf(&b, `SELECT f.rowid, %s FROM %s f WHERE %s MATCH ?`, rank, table, table)
	if q.Entity != "" || q.Type != "" {
		ew, eargs := entityFilter(q)
		fmt.Fprintf(&b, ` AND (f.rowid >> %d & %d) IN (SELECT ea.article FROM entity_articles ea WHERE %s)`, ftsShift, maxArticleID, ew)
		args = append(args, eargs...)
	}
	if q.From != "" {
		b.WriteString(` AND f.rowid >= ?`)
		args = append(args, dayNumber(q.From)<<ftsDayShift)
	}
	if q.To != "" {
		b.WriteString(` AND f.rowid >= ? AND f.rowid < ?`)
		args = append(args, int64(1)<<ftsDayShift, (dayNumber(q.To)+1)<<ftsDayShift)
	}
	if q.Rank {
		b.WriteString(` ORDER BY f.rank, f.rowid DESC`)
	} else {
		b.WriteString(` ORDER BY f.rowid DESC`)
	}
	rows, err := db.sql.QueryContext(ctx, b.String(), args...)
	if err != nil {
		return nil, fmt.Errorf("index: search: %w", err)
	}
	c := &ftsCursor{rows: rows}
	if err := c.next(); err != nil {
		rows.Close()
		return nil, err
	}
	return c, nil
}

// next moves to the next row; ok is false past the last.
func (c *ftsCursor) next() error {
	c.ok = c.rows.Next()
	if !c.ok {
		if err := c.rows.Err(); err != nil {
			return fmt.Errorf("index: search: %w", err)
		}
		return nil
	}
	if err := c.rows.Scan(&c.rowid, &c.rank); err != nil {
		return fmt.Errorf("index: search: %w", err)
	}
	return nil
}

// before reports whether c's row comes before o's: the better bm25 rank
// (lower) with rank, then the newer (higher rowid).
func (c *ftsCursor) before(o *ftsCursor, rank bool) bool {
	if rank && c.rank != o.rank {
		return c.rank < o.rank
	}
	return c.rowid > o.rowid
}

func (c *ftsCursor) close() {
	if c != nil {
		c.rows.Close()
	}
}

// expand lists the toned words whose bare form is bare.
func (db *DB) expand(ctx context.Context, bare string) ([]string, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT term FROM terms WHERE bare = ? ORDER BY term`, bare)
	if err != nil {
		return nil, fmt.Errorf("index: search: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, fmt.Errorf("index: search: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// hit reads article id's sentences ns as hits.
func (db *DB) hit(ctx context.Context, id int64, ns []int) ([]Hit, error) {
	a, err := db.readHitArticle(ctx, id)
	if err != nil {
		return nil, err
	}
	var out []Hit
	for _, n := range ns {
		if n < len(a.sents) {
			out = append(out, a.hit(n))
		}
	}
	return out, nil
}

// matchingSentences returns as hits the sentences of article id (one
// with its text, whose words are in article_fts) where the most of cs's
// clauses hold: those that hold them all, else those that come nearest.
// None when a quoted phrase holds in no sentence: FTS5 found it across two
// sentences of the row.
func (db *DB) matchingSentences(ctx context.Context, id int64, cs clauses) ([]Hit, error) {
	a, err := db.readHitArticle(ctx, id)
	if err != nil || !a.hasText {
		return nil, err
	}
	c := foldCaches.Get().(*foldCache)
	defer foldCaches.Put(c)
	best := 1
	var ns []int
	var held uint64
	for n, s := range a.sents[:min(len(a.sents), 1<<ftsShift)] {
		k, bits := cs.holding(ftsTokens(foldTerms(a.sl.slice(s.Start, s.End), nil, c)))
		held |= bits
		switch {
		case k > best:
			best, ns = k, append(ns[:0], n)
		case k == best:
			ns = append(ns, n)
		}
	}
	if p := cs.phrases(); held&p != p {
		return nil, nil
	}
	out := make([]Hit, 0, len(ns))
	for _, n := range ns {
		out = append(out, a.hit(n))
	}
	return out, nil
}

// hitArticle is what a hit shows of its article.
type hitArticle struct {
	key, title, published string
	sents                 []packedSentence
	hasText               bool
	sl                    *slicer
}

func (db *DB) readHitArticle(ctx context.Context, id int64) (*hitArticle, error) {
	a := &hitArticle{}
	var sents []byte
	var stored any
	err := db.sql.QueryRowContext(ctx, `SELECT key, title, published, sentences, text FROM articles WHERE id = ?`, id).Scan(&a.key, &a.title, &a.published, &sents, &stored)
	if err != nil {
		return nil, fmt.Errorf("index: search: %w", err)
	}
	text, hasText, err := unpackText(stored)
	if err != nil {
		return nil, err
	}
	if a.sents, err = decodeSentences(sents); err != nil {
		return nil, err
	}
	a.hasText, a.sl = hasText, newSlicer(text)
	return a, nil
}

// hit is sentence n as a hit.
func (a *hitArticle) hit(n int) Hit {
	s := a.sents[n]
	h := Hit{Article: a.key, Title: a.title, Published: a.published, Sentence: n, Start: s.Start, End: s.End}
	if a.hasText {
		h.Text = a.sl.slice(s.Start, s.End)
	}
	return h
}

// searchEntity is a search without words: the sentences that mention the
// entity (or an entity of the type), newest article first.
func (db *DB) searchEntity(ctx context.Context, q Query, limit int) ([]Hit, error) {
	ew, args := entityFilter(q)
	query := `SELECT DISTINCT a.id, a.day, a.key, a.entities FROM entity_articles ea JOIN articles a ON a.id = ea.article WHERE ` + ew
	if dw, dargs := dateFilter(q, "a"); dw != "" {
		query += " AND " + dw
		args = append(args, dargs...)
	}
	query += ` ORDER BY a.day DESC, a.id DESC`
	names, typ, err := db.entityIDs(ctx, q)
	if err != nil {
		return nil, err
	}
	rows, err := db.sql.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("index: search: %w", err)
	}
	type art struct {
		id int64
		ns []int
	}
	var arts []art
	total := 0
	for rows.Next() && total < limit {
		var id int64
		var d, key string
		var ents []byte
		if err := rows.Scan(&id, &d, &key, &ents); err != nil {
			rows.Close()
			return nil, fmt.Errorf("index: search: %w", err)
		}
		es, err := decodeEntities(ents)
		if err != nil {
			rows.Close()
			return nil, err
		}
		var ns []int
		for _, e := range es {
			if (names == nil || names[e.name()]) && (typ == 0 || e.Type == typ) {
				ns = append(ns, e.Sentence)
			}
		}
		sort.Ints(ns)
		ns = slices.Compact(ns)
		if len(ns) > limit-total {
			ns = ns[:limit-total]
		}
		total += len(ns)
		arts = append(arts, art{id, ns})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("index: search: %w", err)
	}
	var hits []Hit
	for _, a := range arts {
		h, err := db.hit(ctx, a.id, a.ns)
		if err != nil {
			return nil, err
		}
		hits = append(hits, h...)
	}
	return hits, nil
}

// entityIDs are the string ids of q's entity (nil: any) and type (0: any).
func (db *DB) entityIDs(ctx context.Context, q Query) (map[int64]bool, int64, error) {
	var names map[int64]bool
	if q.Entity != "" {
		names = map[int64]bool{}
		rows, err := db.sql.QueryContext(ctx, `SELECT id FROM strings WHERE key = ?`, nlp.Key(q.Entity))
		if err != nil {
			return nil, 0, fmt.Errorf("index: search: %w", err)
		}
		for rows.Next() {
			var id int64
			rows.Scan(&id)
			names[id] = true
		}
		rows.Close()
	}
	var typ int64
	if q.Type != "" {
		if err := db.sql.QueryRowContext(ctx, `SELECT id FROM strings WHERE text = ?`, strings.ToUpper(q.Type)).Scan(&typ); err != nil && err != sql.ErrNoRows {
			return nil, 0, fmt.Errorf("index: search: %w", err)
		}
		if typ == 0 {
			typ = -1 // a type never seen: nothing matches
		}
	}
	return names, typ, nil
}

// entityFilter is the condition on entity_articles ea for q's entity and
// type.
func entityFilter(q Query) (string, []any) {
	var w []string
	var args []any
	if q.Entity != "" {
		w = append(w, "ea.name IN (SELECT id FROM strings WHERE key = ?)")
		args = append(args, nlp.Key(q.Entity))
	}
	if q.Type != "" {
		w = append(w, "ea.type = (SELECT id FROM strings WHERE text = ?)")
		args = append(args, strings.ToUpper(q.Type))
	}
	return strings.Join(w, " AND "), args
}

// dateFilter is the condition on articles a for q's date range.
func dateFilter(q Query, a string) (string, []any) {
	var w []string
	var args []any
	if q.From != "" {
		w = append(w, a+".day >= ?")
		args = append(args, q.From)
	}
	if q.To != "" {
		w = append(w, a+".day <> '' AND "+a+".day <= ?")
		args = append(args, q.To)
	}
	return strings.Join(w, " AND "), args
}
