package index

import (
	"context"
	"fmt"
	"io"
)

// dumpQueries give the content of every table, ordered by article key and
// without row ids.
var dumpQueries = []string{
	`SELECT key, hash, source, url, title, published, day, error_code, error_message, coalesce(text, '<null>') FROM articles ORDER BY key`,
	`SELECT a.key, s.n, s.start, s.end, s.role FROM sentences s JOIN articles a ON a.id = s.article ORDER BY a.key, s.n`,
	`SELECT a.key, e.type, e.text, e.start, e.end, e.sentence, e.canonical, e.kind, e.value, e.level, e.key FROM entities e JOIN articles a ON a.id = e.article ORDER BY a.key, e.start, e.end, e.type, e.text, e.id`,
	`SELECT a.key, p.ref, p.name, p.rank, p.rank_level, p.position, p.unit, p.role, p.mentions FROM people p JOIN articles a ON a.id = p.article ORDER BY a.key, p.ref`,
	`SELECT count(*) FROM sentence_fts`,
}

// Dump writes the database's content as text, one row a line, ordered by
// article key and without row ids: two databases holding the same articles
// dump the same, whatever order and runs they were indexed in.
func (db *DB) Dump(ctx context.Context, w io.Writer) error {
	for _, q := range dumpQueries {
		rows, err := db.sql.QueryContext(ctx, q)
		if err != nil {
			return fmt.Errorf("index: dump: %w", err)
		}
		cols, err := rows.Columns()
		if err != nil {
			rows.Close()
			return fmt.Errorf("index: dump: %w", err)
		}
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return fmt.Errorf("index: dump: %w", err)
			}
			fmt.Fprintln(w, vals...)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return fmt.Errorf("index: dump: %w", err)
		}
		fmt.Fprintln(w, "--")
	}
	return nil
}
