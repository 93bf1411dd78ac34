package index

import (
	"context"
	"database/sql"
	"sort"
	"strings"

	"github.com/vnews/vnews/extract/record"
)

// convertV2 copies every article of a version-2 database (tables renamed
// v2_* by schema/3.sql) into the version-3 tables and drops the old ones.
// The FTS rows of an article stored without its text are rebuilt from the
// old FTS table's tokens (fts5vocab), since the text is not there to fold.
func convertV2(ctx context.Context, tx *sql.Tx) error {
	var noText int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM v2_articles WHERE text IS NULL AND error_code = ''`).Scan(&noText); err != nil {
		return err
	}
	var tokens map[int64]*[2][]string
	if noText > 0 {
		var err error
		if tokens, err = v2Tokens(ctx, tx); err != nil {
			return err
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, key, hash, source, url, title, published, error_code, error_message, text FROM v2_articles ORDER BY id`)
	if err != nil {
		return err
	}
	type old struct {
		id    int64
		entry Entry
	}
	var all []old
	for rows.Next() {
		r := &record.Record{Schema: record.Schema}
		var id int64
		var key, hash, code, msg string
		var text sql.NullString
		if err := rows.Scan(&id, &key, &hash, &r.Source, &r.URL, &r.Title, &r.Published, &code, &msg, &text); err != nil {
			rows.Close()
			return err
		}
		r.ID, r.Text = key, text.String
		if code != "" {
			r.Error = &record.Error{Code: code, Message: msg}
		}
		all = append(all, old{id, Entry{Key: key, Hash: hash, Record: r, prep: &prepared{noText: !text.Valid}}})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	w := newWriter(tx, false)
	defer w.close()
	for _, o := range all {
		r := o.entry.Record
		if r.Error == nil {
			if err := v2Parts(ctx, tx, o.id, r); err != nil {
				return err
			}
			noText := o.entry.prep.noText
			o.entry.prep = nil
			o.entry = Prepare(o.entry)
			o.entry.prep.noText = noText
			if noText {
				for n := range o.entry.prep.toned {
					if t := tokens[v2SentenceID(ctx, tx, o.id, n)]; t != nil {
						o.entry.prep.toned[n] = strings.Join(t[0], " ")
						for i, term := range t[0] {
							if i < len(t[1]) && t[1][i] != term {
								o.entry.prep.terms += string(appendTerm(nil, term, t[1][i]))
							}
						}
					}
				}
			}
		}
		if err := w.insert(ctx, o.entry); err != nil {
			return err
		}
	}
	if err := w.flush(ctx); err != nil {
		return err
	}
	for _, t := range []string{"v2_sentence_fts", "v2_people", "v2_entities", "v2_sentences", "v2_articles"} {
		if _, err := tx.ExecContext(ctx, `DROP TABLE `+t); err != nil {
			return err
		}
	}
	return nil
}

// v2SentenceID is the version-2 row id of sentence n of article id (0 when
// there is none).
func v2SentenceID(ctx context.Context, tx *sql.Tx, id int64, n int) int64 {
	var sid int64
	tx.QueryRowContext(ctx, `SELECT id FROM v2_sentences WHERE article = ? AND n = ?`, id, n).Scan(&sid)
	return sid
}

// v2Parts reads the sentences, entities and people of version-2 article id
// into r.
func v2Parts(ctx context.Context, tx *sql.Tx, id int64, r *record.Record) error {
	rows, err := tx.QueryContext(ctx, `SELECT start, end, role FROM v2_sentences WHERE article = ? ORDER BY n`, id)
	if err != nil {
		return err
	}
	for rows.Next() {
		var s record.Sentence
		if err := rows.Scan(&s.Start, &s.End, &s.Role); err != nil {
			rows.Close()
			return err
		}
		r.Sentences = append(r.Sentences, s)
	}
	rows.Close()
	rows, err = tx.QueryContext(ctx, `SELECT type, text, start, end, sentence, canonical, kind, value, level FROM v2_entities WHERE article = ? ORDER BY id`, id)
	if err != nil {
		return err
	}
	for rows.Next() {
		var e record.Entity
		if err := rows.Scan(&e.Type, &e.Text, &e.Start, &e.End, &e.Sentence, &e.Canonical, &e.Kind, &e.Value, &e.Level); err != nil {
			rows.Close()
			return err
		}
		r.Entities = append(r.Entities, e)
	}
	rows.Close()
	rows, err = tx.QueryContext(ctx, `SELECT ref, name, rank, position, unit, role, mentions FROM v2_people WHERE article = ? ORDER BY id`, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var p record.Person
		if err := rows.Scan(&p.Ref, &p.Name, &p.Rank, &p.Position, &p.Unit, &p.Role, &p.Mentions); err != nil {
			return err
		}
		r.People = append(r.People, p)
	}
	return rows.Err()
}

// v2Tokens reads the tokens of the version-2 FTS table, by sentence id:
// the toned and the bare column's, in order.
func v2Tokens(ctx context.Context, tx *sql.Tx) (map[int64]*[2][]string, error) {
	if _, err := tx.ExecContext(ctx, `CREATE VIRTUAL TABLE temp.v2_vocab USING fts5vocab(main, v2_sentence_fts, instance)`); err != nil {
		return nil, err
	}
	defer tx.ExecContext(ctx, `DROP TABLE temp.v2_vocab`)
	rows, err := tx.QueryContext(ctx, `SELECT doc, col, offset, term FROM temp.v2_vocab`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type tok struct {
		off  int
		term string
	}
	byDoc := map[int64]*[2][]tok{}
	for rows.Next() {
		var doc int64
		var col, term string
		var off int
		if err := rows.Scan(&doc, &col, &off, &term); err != nil {
			return nil, err
		}
		d := byDoc[doc]
		if d == nil {
			d = &[2][]tok{}
			byDoc[doc] = d
		}
		c := 0
		if col == "bare" {
			c = 1
		}
		d[c] = append(d[c], tok{off, term})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make(map[int64]*[2][]string, len(byDoc))
	for doc, d := range byDoc {
		var s [2][]string
		for c := range d {
			sort.Slice(d[c], func(i, j int) bool { return d[c][i].off < d[c][j].off })
			for _, t := range d[c] {
				s[c] = append(s[c], t.term)
			}
		}
		out[doc] = &s
	}
	return out, nil
}
