package index

import (
	"context"
	"fmt"
	"io"
)

// Dump writes the database's content as text, one line per article,
// sentence, mention and profile, ordered by article key and with strings
// in place of ids: two databases holding the same articles dump the same,
// whatever order and runs they were indexed in.
func (db *DB) Dump(ctx context.Context, w io.Writer) error {
	strs := map[int64]string{0: ""}
	rows, err := db.sql.QueryContext(ctx, `SELECT id, text FROM strings`)
	if err != nil {
		return fmt.Errorf("index: dump: %w", err)
	}
	for rows.Next() {
		var id int64
		var s string
		if err := rows.Scan(&id, &s); err != nil {
			rows.Close()
			return fmt.Errorf("index: dump: %w", err)
		}
		strs[id] = s
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("index: dump: %w", err)
	}
	rows, err = db.sql.QueryContext(ctx, `SELECT id, key, hash, source, url, title, published, day, error_code, error_message, sentences, entities, text FROM articles ORDER BY key`)
	if err != nil {
		return fmt.Errorf("index: dump: %w", err)
	}
	defer rows.Close()
	fts := 0
	for rows.Next() {
		var id int64
		var key, source, url, title, published, d, code, msg string
		var hash any
		var sents, ents []byte
		var stored any
		if err := rows.Scan(&id, &key, &hash, &source, &url, &title, &published, &d, &code, &msg, &sents, &ents, &stored); err != nil {
			return fmt.Errorf("index: dump: %w", err)
		}
		text, ok, err := unpackText(stored)
		if err != nil {
			return err
		}
		if !ok {
			text = "<null>"
		}
		fmt.Fprintf(w, "article %q %s %q %q %q %q %q %q %q %q\n", key, hashString(hash), source, url, title, published, d, code, msg, text)
		ss, err := decodeSentences(sents)
		if err != nil {
			return err
		}
		for n, s := range ss {
			fmt.Fprintf(w, "  sentence %d %d %d %q\n", n, s.Start, s.End, strs[s.Role])
		}
		es, err := decodeEntities(ents)
		if err != nil {
			return err
		}
		for _, e := range es {
			fmt.Fprintf(w, "  entity %q %q %d %d %d %q %q %q %q %q %q %q %d\n", strs[e.Type], strs[e.Text], e.Start, e.End, e.Sentence,
				strs[e.Canonical], strs[e.English], strs[e.Qualifier], strs[e.Kind], strs[e.Value], strs[e.Ref], strs[e.Role], e.Level)
		}
		for _, k := range entityKeys(mentionKeys(es)) {
			var n int
			if err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM entity_articles WHERE name = ? AND type = ? AND article = ?`, k[0], k[1], id).Scan(&n); err != nil {
				return fmt.Errorf("index: dump: %w", err)
			}
			fmt.Fprintf(w, "  filed under %q %q: %d\n", strs[k[0]], strs[k[1]], n)
		}
		prows, err := db.sql.QueryContext(ctx, `SELECT n, ref, name, rank, rank_level, position, unit, role, mentions FROM people WHERE article = ? ORDER BY n`, id)
		if err != nil {
			return fmt.Errorf("index: dump: %w", err)
		}
		for prows.Next() {
			var n, level, mentions int
			var ref string
			var name, rank, pos, unit, role int64
			if err := prows.Scan(&n, &ref, &name, &rank, &level, &pos, &unit, &role, &mentions); err != nil {
				prows.Close()
				return fmt.Errorf("index: dump: %w", err)
			}
			fmt.Fprintf(w, "  person %d %q %q %q %d %q %q %q %d\n", n, ref, strs[name], strs[rank], level, strs[pos], strs[unit], strs[role], mentions)
		}
		prows.Close()
		var n, na int
		if err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM sentence_fts WHERE rowid BETWEEN ? AND ?`, ftsRowid(dayNumber(d), id, 0), ftsRowid(dayNumber(d), id, 1<<ftsShift-1)).Scan(&n); err != nil {
			return fmt.Errorf("index: dump: %w", err)
		}
		if err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM article_fts WHERE rowid = ?`, ftsRowid(dayNumber(d), id, 0)).Scan(&na); err != nil {
			return fmt.Errorf("index: dump: %w", err)
		}
		fmt.Fprintf(w, "  fts rows %d sentences, %d article\n", n, na)
		fts += n + na
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("index: dump: %w", err)
	}
	var total, totalArt int
	if err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM sentence_fts`).Scan(&total); err != nil {
		return fmt.Errorf("index: dump: %w", err)
	}
	if err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM article_fts`).Scan(&totalArt); err != nil {
		return fmt.Errorf("index: dump: %w", err)
	}
	total += totalArt
	var ea int
	if err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM entity_articles`).Scan(&ea); err != nil {
		return fmt.Errorf("index: dump: %w", err)
	}
	fmt.Fprintf(w, "fts rows %d (%d under articles), entity_articles rows %d\n", total, fts, ea)
	return nil
}
