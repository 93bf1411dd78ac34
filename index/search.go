package index

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/vnews/vnews/nlp"
)

// ErrQuery reports a search with nothing to look for.
var ErrQuery = errors.New("index: empty query")

// Query is a search: words to find (every one must occur in the sentence;
// "quoted words" in order), and filters.
type Query struct {
	Text   string // words to find; may be empty when Entity is set
	Entity string // only articles naming this entity (canonical or text, folded)
	Type   string // the entity's type (PERSON, UNIT, ...), or any type
	From   string // first day (YYYY-MM-DD), inclusive; "" for no bound
	To     string // last day, inclusive
	Limit  int    // at most this many hits; 0: 20
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

// Search returns the sentences that match q, the most relevant first (by
// FTS5's bm25), then by date and article.
func (db *DB) Search(ctx context.Context, q Query) ([]Hit, error) {
	match := ftsQuery(q.Text)
	if match == "" && q.Entity == "" && q.Type == "" {
		return nil, ErrQuery
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	var where []string
	var args []any
	var b strings.Builder
	if match != "" {
		b.WriteString(`SELECT a.key, a.title, a.published, s.n, s.start, s.end, coalesce(substr(a.text, s.start+1, s.end-s.start), '')
FROM sentence_fts f JOIN sentences s ON s.id = f.rowid JOIN articles a ON a.id = s.article`)
		where = append(where, `sentence_fts MATCH ?`)
		args = append(args, match)
		if q.Entity != "" || q.Type != "" {
			ew, eargs := entityFilter(q, "a.id")
			where = append(where, `EXISTS (SELECT 1 FROM entities e WHERE `+ew+`)`)
			args = append(args, eargs...)
		}
	} else {
		// Entity alone: the sentences that mention it.
		b.WriteString(`SELECT DISTINCT a.key, a.title, a.published, s.n, s.start, s.end, coalesce(substr(a.text, s.start+1, s.end-s.start), '')
FROM entities e JOIN articles a ON a.id = e.article JOIN sentences s ON s.article = a.id AND s.n = e.sentence`)
		ew, eargs := entityFilter(q, "")
		where = append(where, ew)
		args = append(args, eargs...)
	}
	if q.From != "" {
		where = append(where, `a.day >= ?`)
		args = append(args, q.From)
	}
	if q.To != "" {
		where = append(where, `a.day <> '' AND a.day <= ?`)
		args = append(args, q.To)
	}
	b.WriteString(" WHERE " + strings.Join(where, " AND "))
	if match != "" {
		b.WriteString(" ORDER BY f.rank, a.day, a.key, s.n")
	} else {
		b.WriteString(" ORDER BY a.day, a.key, s.n")
	}
	b.WriteString(" LIMIT ?")
	args = append(args, limit)
	rows, err := db.sql.QueryContext(ctx, b.String(), args...)
	if err != nil {
		return nil, fmt.Errorf("index: search: %w", err)
	}
	defer rows.Close()
	var hits []Hit
	for rows.Next() {
		var h Hit
		if err := rows.Scan(&h.Article, &h.Title, &h.Published, &h.Sentence, &h.Start, &h.End, &h.Text); err != nil {
			return nil, fmt.Errorf("index: search: %w", err)
		}
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

// entityFilter is the condition on entities e for q's entity and type;
// article, when set, ties e to that article column.
func entityFilter(q Query, article string) (string, []any) {
	var w []string
	var args []any
	if article != "" {
		w = append(w, "e.article = "+article)
	}
	if q.Entity != "" {
		w = append(w, "e.key = ?")
		args = append(args, nlp.Key(q.Entity))
	}
	if q.Type != "" {
		w = append(w, "e.type = ?")
		args = append(args, strings.ToUpper(q.Type))
	}
	return strings.Join(w, " AND "), args
}
