package index

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"sync"

	_ "modernc.org/sqlite" // the driver; imported here alone
)

// ErrSchema reports a database whose schema is newer than this package's,
// or a migration that failed.
var ErrSchema = errors.New("index: schema")

//go:embed schema/*.sql
var schemaFS embed.FS

// DB is an open corpus index. It is safe for concurrent use; several
// processes may read one database while one of them writes.
type DB struct {
	sql      *sql.DB
	noText   bool
	Version  int // the schema version, after migrations
	readOnly bool

	dictMu sync.Mutex
	dict   map[int64]dictEntry  // strings read so far, by id
	meta   map[int64]*[2]string // articles' day and key read so far, by id

	wmu   sync.Mutex // serializes Add
	wconn *sql.Conn  // the connection Add writes on, once it has
	w     *writer
}

// pageSize is the page size of a new database: large enough that the
// pages holding articles' rows (3 KB or so each, with their text) are not
// a quarter empty, as 4 and 16 KB pages were (measured with dbstat).
const pageSize = 32768

// Options configure Open.
type Options struct {
	// NoText keeps articles' text out of the database: searches still
	// find sentences and give their offsets, but not their text.
	NoText bool
	// ReadOnly opens the database for reading only (no migrations).
	ReadOnly bool
	// MaxVersion, when set, stops the migrations at that schema version
	// (for tests of migrations).
	MaxVersion int
}

// Open opens (creating it when missing) the index database at path and
// brings its schema up to date.
func Open(ctx context.Context, path string, opts Options) (*DB, error) {
	dsn := "file:" + path + "?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)"
	if opts.ReadOnly {
		dsn = "file:" + path + "?mode=ro&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)"
	}
	s, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	db := &DB{sql: s, noText: opts.NoText, readOnly: opts.ReadOnly}
	if !opts.ReadOnly {
		// The page size holds from the first table on, and WAL mode once
		// set stays with the file; both come after the pool's pragmas,
		// which run in alphabetical order.
		for _, p := range []string{fmt.Sprintf("PRAGMA page_size = %d", pageSize), "PRAGMA journal_mode = WAL"} {
			if _, err := s.ExecContext(ctx, p); err != nil {
				s.Close()
				return nil, fmt.Errorf("index: %w", err)
			}
		}
	}
	if err := db.migrate(ctx, opts.MaxVersion); err != nil {
		s.Close()
		return nil, err
	}
	return db, nil
}

// Close closes the database.
func (db *DB) Close() error {
	db.wmu.Lock()
	db.closeWriter()
	db.wmu.Unlock()
	return db.sql.Close()
}

// migration is one schema version: its SQL file and, for some, Go code
// run in the same transaction after it.
type migration struct {
	version int
	sql     string
	after   func(ctx context.Context, tx *sql.Tx) error
}

// afterMigration holds the Go steps of migrations.
var afterMigration = map[int]func(context.Context, *sql.Tx) error{
	2: fillFTS,
	3: convertV2,
}

func migrations() ([]migration, error) {
	files, err := fs.Glob(schemaFS, "schema/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, f := range files {
		v, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(f, "schema/"), ".sql"))
		if err != nil {
			return nil, fmt.Errorf("%w: bad migration file %s", ErrSchema, f)
		}
		b, err := schemaFS.ReadFile(f)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, sql: string(b), after: afterMigration[v]})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

// SchemaVersion is the schema version this package writes.
func SchemaVersion() int {
	ms, _ := migrations()
	if len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

func (db *DB) migrate(ctx context.Context, maxVersion int) error {
	if !db.readOnly {
		if _, err := db.sql.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, applied TEXT NOT NULL DEFAULT (datetime('now')))`); err != nil {
			return fmt.Errorf("index: %w", err)
		}
	}
	var cur int
	if err := db.sql.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM migrations`).Scan(&cur); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	ms, err := migrations()
	if err != nil {
		return err
	}
	latest := ms[len(ms)-1].version
	if cur > latest {
		return fmt.Errorf("%w: the database has schema version %d, newer than this program's %d", ErrSchema, cur, latest)
	}
	db.Version = cur
	if db.readOnly {
		if cur < latest {
			return fmt.Errorf("%w: the database has schema version %d; open it for writing to migrate it to %d", ErrSchema, cur, latest)
		}
		return nil
	}
	for _, m := range ms {
		if m.version <= cur || maxVersion > 0 && m.version > maxVersion {
			continue
		}
		tx, err := db.sql.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("index: %w", err)
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			tx.Rollback()
			return fmt.Errorf("%w: migration to version %d: %v", ErrSchema, m.version, err)
		}
		if m.after != nil {
			if err := m.after(ctx, tx); err != nil {
				tx.Rollback()
				return fmt.Errorf("%w: migration to version %d: %v", ErrSchema, m.version, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO migrations(version) VALUES (?)`, m.version); err != nil {
			tx.Rollback()
			return fmt.Errorf("index: %w", err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("index: %w", err)
		}
		db.Version = m.version
	}
	return nil
}

// fillFTS indexes the sentences already stored (a database made by schema
// version 1) in the FTS table.
func fillFTS(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT s.id, s.start, s.end, a.text FROM sentences s JOIN articles a ON a.id = s.article WHERE a.text IS NOT NULL ORDER BY a.id, s.n`)
	if err != nil {
		return err
	}
	type sent struct {
		id   int64
		text string
	}
	var all []sent
	var lastText string
	var runes []rune
	for rows.Next() {
		var id int64
		var start, end int
		var text string
		if err := rows.Scan(&id, &start, &end, &text); err != nil {
			rows.Close()
			return err
		}
		if text != lastText || runes == nil {
			lastText, runes = text, []rune(text)
		}
		all = append(all, sent{id, sliceRunes(runes, start, end)})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	st, err := tx.PrepareContext(ctx, `INSERT INTO sentence_fts(rowid, toned, bare) VALUES (?, ?, ?)`)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, s := range all {
		t, b := folded(s.text)
		if _, err := st.ExecContext(ctx, s.id, t, b); err != nil {
			return err
		}
	}
	return nil
}

// sliceRunes is runes[start:end] as a string, clamped.
func sliceRunes(runes []rune, start, end int) string {
	start = max(0, min(start, len(runes)))
	end = max(start, min(end, len(runes)))
	return string(runes[start:end])
}
