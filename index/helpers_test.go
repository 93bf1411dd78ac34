package index

import (
	"context"
	"database/sql"
	"sort"
	"strings"
	"testing"

	"github.com/vnews/vnews/extract/record"
)

func sortStrings(s []string) { sort.Strings(s) }

// insertV1 stores a record as schema version 1 did: no FTS rows.
func (db *DB) insertV1(ctx context.Context, tx *sql.Tx, r *record.Record) error {
	res, err := tx.ExecContext(ctx, `INSERT INTO articles(key, hash, source, published, day, text) VALUES (?,?,?,?,?,?)`,
		r.ID, RecordHash(r), r.Source, r.Published, day(r.Published), r.Text)
	if err != nil {
		return err
	}
	id, _ := res.LastInsertId()
	for i, s := range r.Sentences {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sentences(article, n, start, end, role) VALUES (?,?,?,?,?)`, id, i, s.Start, s.End, s.Role); err != nil {
			return err
		}
	}
	return nil
}

// dumpDB is the content of every table, ordered by article key, without
// row ids: two databases with the same articles dump the same.
func dumpDB(t *testing.T, db *DB) string {
	t.Helper()
	var b strings.Builder
	if err := db.Dump(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
