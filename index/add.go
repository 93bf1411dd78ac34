package index

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"

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
}

// AddStats counts what Add did.
type AddStats struct {
	Added, Replaced, Skipped, Errors int
}

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
		var k, h string
		if err := rows.Scan(&k, &h); err != nil {
			return nil, fmt.Errorf("index: %w", err)
		}
		m[k] = h
	}
	return m, rows.Err()
}

// Add stores the entries in one transaction: all of them or, when it fails
// or the process dies, none. An entry whose key is stored with the same
// hash is skipped; with another hash the stored article is replaced.
func (db *DB) Add(ctx context.Context, entries ...Entry) (AddStats, error) {
	var st AddStats
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return st, fmt.Errorf("index: %w", err)
	}
	defer tx.Rollback()
	for _, e := range entries {
		if e.Record == nil {
			continue
		}
		if e.Key == "" {
			e.Key = KeyOf(e.Record)
		}
		if e.Hash == "" {
			e.Hash = RecordHash(e.Record)
		}
		var id int64
		var hash string
		err := tx.QueryRowContext(ctx, `SELECT id, hash FROM articles WHERE key = ?`, e.Key).Scan(&id, &hash)
		switch {
		case err == sql.ErrNoRows:
			st.Added++
		case err != nil:
			return st, fmt.Errorf("index: %w", err)
		case hash == e.Hash:
			st.Skipped++
			continue
		default:
			if err := deleteArticle(ctx, tx, id); err != nil {
				return st, err
			}
			st.Replaced++
		}
		if e.Record.Error != nil {
			st.Errors++
		}
		if err := db.insert(ctx, tx, e); err != nil {
			return st, err
		}
	}
	if err := tx.Commit(); err != nil {
		return st, fmt.Errorf("index: %w", err)
	}
	return st, nil
}

func deleteArticle(ctx context.Context, tx *sql.Tx, id int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM sentence_fts WHERE rowid IN (SELECT id FROM sentences WHERE article = ?)`, id); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM articles WHERE id = ?`, id); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return nil
}

// day is the YYYY-MM-DD at the start of a published date, or "".
func day(published string) string {
	if len(published) >= 10 && published[4] == '-' && published[7] == '-' {
		return published[:10]
	}
	return ""
}

func (db *DB) insert(ctx context.Context, tx *sql.Tx, e Entry) error {
	r := e.Record
	var text any
	if !db.noText && r.Error == nil {
		text = r.Text
	}
	var code, msg string
	if r.Error != nil {
		code, msg = r.Error.Code, r.Error.Message
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO articles(key, hash, source, url, title, published, day, error_code, error_message, text) VALUES (?,?,?,?,?,?,?,?,?,?)`,
		e.Key, e.Hash, r.Source, r.URL, r.Title, r.Published, day(r.Published), code, msg, text)
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	aid, err := res.LastInsertId()
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	if r.Error != nil {
		return nil
	}
	runes := []rune(r.Text)
	sst, err := tx.PrepareContext(ctx, `INSERT INTO sentences(article, n, start, end, role) VALUES (?,?,?,?,?)`)
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	defer sst.Close()
	fst, err := tx.PrepareContext(ctx, `INSERT INTO sentence_fts(rowid, toned, bare) VALUES (?,?,?)`)
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	defer fst.Close()
	for i, s := range r.Sentences {
		res, err := sst.ExecContext(ctx, aid, i, s.Start, s.End, s.Role)
		if err != nil {
			return fmt.Errorf("index: %w", err)
		}
		sid, _ := res.LastInsertId()
		t, b := folded(sliceRunes(runes, s.Start, s.End))
		if _, err := fst.ExecContext(ctx, sid, t, b); err != nil {
			return fmt.Errorf("index: %w", err)
		}
	}
	est, err := tx.PrepareContext(ctx, `INSERT INTO entities(article, type, text, start, end, sentence, canonical, kind, value, level, key) VALUES (?,?,?,?,?,?,?,?,?,?,?)`)
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	defer est.Close()
	levels := map[string]int{}
	for _, en := range r.Entities {
		name := en.Canonical
		if name == "" {
			name = en.Text
		}
		if en.Type == "RANK" && en.Level > 0 {
			levels[nlp.Key(name)] = en.Level
			levels[nlp.Key(en.Text)] = en.Level
		}
		if _, err := est.ExecContext(ctx, aid, en.Type, en.Text, en.Start, en.End, en.Sentence, en.Canonical, en.Kind, en.Value, en.Level, nlp.Key(name)); err != nil {
			return fmt.Errorf("index: %w", err)
		}
	}
	pst, err := tx.PrepareContext(ctx, `INSERT INTO people(article, ref, name, name_key, rank, rank_level, position, unit, unit_key, role, mentions) VALUES (?,?,?,?,?,?,?,?,?,?,?)`)
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	defer pst.Close()
	for _, p := range r.People {
		uk := ""
		if p.Unit != "" {
			uk = nlp.Key(p.Unit)
		}
		if _, err := pst.ExecContext(ctx, aid, p.Ref, p.Name, nlp.Key(p.Name), p.Rank, levels[nlp.Key(p.Rank)], p.Position, p.Unit, uk, p.Role, p.Mentions); err != nil {
			return fmt.Errorf("index: %w", err)
		}
	}
	return nil
}
