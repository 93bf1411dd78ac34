package index

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/vnews/vnews/extract/record"
)

// rec builds a record whose sentences are the lines of text, with people
// given as name|rank|level|position|unit.
func rec(id, published, text string, people ...string) *record.Record {
	r := &record.Record{Schema: record.Schema, ID: id, Source: id + ".txt", Published: published, Text: text}
	start := 0
	for i, line := range strings.Split(text, "\n") {
		n := len([]rune(line))
		r.Sentences = append(r.Sentences, record.Sentence{Start: start, End: start + n, Role: "body"})
		if j := strings.Index(line, "Sư đoàn 308"); j >= 0 {
			s := start + len([]rune(line[:j]))
			r.Entities = append(r.Entities, record.Entity{Type: "UNIT", Text: "Sư đoàn 308", Start: s, End: s + 11, Sentence: i, Canonical: "Sư đoàn 308"})
		}
		start += n + 1
	}
	for i, p := range people {
		f := strings.Split(p, "|")
		r.People = append(r.People, record.Person{Ref: "p" + string(rune('1'+i)), Name: f[0], Rank: f[1], Position: f[3], Unit: f[4], Mentions: 1})
		if f[1] != "" {
			r.Entities = append(r.Entities, record.Entity{Type: "RANK", Text: f[1], Canonical: f[1], Level: atoi(f[2])})
		}
	}
	return r
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func open(t *testing.T, opts Options) (*DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "c.db")
	db, err := Open(context.Background(), path, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, path
}

var corpus = []*record.Record{
	rec("a1", "2021-03-18", "Sư đoàn 308 tổ chức diễn tập bảo vệ hoà bình.\nĐại tá Phạm Văn Lâm kiểm tra thao trường.", "Phạm Văn Lâm|Đại tá|11|Sư đoàn trưởng|Sư đoàn 308"),
	rec("a2", "2022-05-02", "Hội nghị bàn về hòa giải ở cơ sở.\nThiếu tướng Phạm Văn Lâm phát biểu.", "Phạm Văn Lâm|Thiếu tướng|14|Sư đoàn trưởng|Sư đoàn 308"),
	rec("a3", "2022-07-09", "Trung đoàn 48 tuyên dương Thượng úy Phạm Văn Lâm.\nĐơn vị hoá giải khó khăn.", "Phạm Văn Lâm|Thượng úy|7|Trung đội trưởng|Trung đoàn 48"),
	{Schema: record.Schema, ID: "bad", Source: "bad.txt", Error: &record.Error{Code: record.CodeEncoding, Message: "not text"}},
}

func count(t *testing.T, db *DB, table string) int {
	t.Helper()
	var n int
	if err := db.sql.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func addAll(t *testing.T, db *DB, recs []*record.Record) AddStats {
	t.Helper()
	var es []Entry
	for _, r := range recs {
		es = append(es, Entry{Record: r})
	}
	st, err := db.Add(context.Background(), es...)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestAddIdempotent(t *testing.T) {
	db, _ := open(t, Options{})
	if st := addAll(t, db, corpus); st.Added != 4 || st.Errors != 1 {
		t.Fatalf("first add %+v", st)
	}
	before := dump(t, db)
	if st := addAll(t, db, corpus); st.Skipped != 4 || st.Added+st.Replaced != 0 {
		t.Fatalf("second add %+v", st)
	}
	if after := dump(t, db); after != before {
		t.Errorf("content changed on a re-run:\n%s\n%s", before, after)
	}
	changed := *corpus[0]
	changed.Title = "Tin sửa"
	if st := addAll(t, db, []*record.Record{&changed}); st.Replaced != 1 {
		t.Fatalf("changed add %+v", st)
	}
	// Articles with their text have one article_fts row each (schema
	// version 5), and no sentence_fts rows.
	for table, want := range map[string]int{"articles": 4, "article_fts": 3, "sentence_fts": 0, "people": 3} {
		if n := count(t, db, table); n != want {
			t.Errorf("%s: %d rows, want %d", table, n, want)
		}
	}
	var code string
	db.sql.QueryRow(`SELECT error_code FROM articles WHERE key = 'bad'`).Scan(&code)
	if code != record.CodeEncoding {
		t.Errorf("error row: code %q", code)
	}
	// The FTS rows of the replaced article went with it.
	if hits, _ := db.Search(context.Background(), Query{Text: "diễn tập"}); len(hits) != 1 {
		t.Errorf("after replace: %d hits", len(hits))
	}
}

// TestFTSMerge: the writer's first transaction sets the FTS tables'
// merge policy (ftsAutomerge), in a new database and in one made by schema
// version 4, which has no article_fts; a transaction that fails takes it
// back with the rest, and the next one sets it again.
func TestFTSMerge(t *testing.T) {
	automerge := func(db *DB, table string) int {
		t.Helper()
		var v int
		err := db.sql.QueryRow(`SELECT v FROM ` + table + `_config WHERE k = 'automerge'`).Scan(&v)
		if err == sql.ErrNoRows {
			return 0
		}
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, version := range []int{0, 4} {
		db, _ := open(t, Options{MaxVersion: version})
		tables := []string{"sentence_fts", "article_fts"}
		if version == 4 {
			tables = tables[:1]
		}
		// The next article id is past the last one: the Add fails after
		// setting the policy.
		if _, err := db.sql.Exec(`INSERT INTO sqlite_sequence(name, seq) VALUES ('articles', ?)`, maxArticleID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Add(context.Background(), Entry{Record: corpus[0]}); !errors.Is(err, ErrFull) {
			t.Fatalf("version %d: Add past the last id: %v", version, err)
		}
		for _, table := range tables {
			if v := automerge(db, table); v != 0 {
				t.Errorf("version %d: %s automerge %d after a failed Add", version, table, v)
			}
		}
		if _, err := db.sql.Exec(`DELETE FROM sqlite_sequence WHERE name = 'articles'`); err != nil {
			t.Fatal(err)
		}
		addAll(t, db, corpus)
		for _, table := range tables {
			if v := automerge(db, table); v != ftsAutomerge {
				t.Errorf("version %d: %s automerge %d, want %d", version, table, v, ftsAutomerge)
			}
		}
	}
}

// dump is the database's content as text, ids aside.
func dump(t *testing.T, db *DB) string {
	t.Helper()
	return dumpDB(t, db)
}

func TestSearch(t *testing.T) {
	db, _ := open(t, Options{})
	addAll(t, db, corpus)
	tests := []struct {
		name string
		q    Query
		want []string // article:sentence
	}{
		{"tone placement hoà finds hòa", Query{Text: "hoà giải"}, []string{"a2:0"}},
		{"tone placement hòa finds hoà", Query{Text: "hòa bình"}, []string{"a1:0"}},
		{"toneless", Query{Text: "hoa"}, []string{"a1:0", "a2:0", "a3:1"}},
		{"tone kept apart", Query{Text: "hóa"}, []string{"a3:1"}},
		{"no diacritics name", Query{Text: "pham van lam"}, []string{"a1:1", "a2:1", "a3:0"}},
		{"phrase", Query{Text: `"văn lâm kiểm"`}, []string{"a1:1"}},
		{"tone-less phrase", Query{Text: `"van lam kiem"`}, []string{"a1:1"}},
		{"tone-less phrase out of order", Query{Text: `"lam van"`}, nil},
		{"mixed phrase", Query{Text: `"Văn lam"`}, []string{"a1:1", "a2:1", "a3:0"}},
		{"entity filter", Query{Text: "Phạm Văn Lâm", Entity: "sư đoàn 308"}, []string{"a1:1"}},
		{"entity alone", Query{Entity: "Sư đoàn 308", Type: "unit"}, []string{"a1:0"}},
		{"date range", Query{Text: "lam", From: "2022-01-01", To: "2022-06-30"}, []string{"a2:1"}},
		{"nothing", Query{Text: "tàu ngầm"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := db.Search(context.Background(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range hits {
				got = append(got, h.Article+":"+string(rune('0'+h.Sentence)))
				if text := []rune(textOf(tt.name, h.Article)); string(text[h.Start:h.End]) != h.Text {
					t.Errorf("%s: offsets [%d:%d] give %q, text %q", h.Article, h.Start, h.End, string(text[h.Start:h.End]), h.Text)
				}
			}
			sortStrings(got)
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	if _, err := db.Search(context.Background(), Query{Text: " ,"}); err != ErrQuery {
		t.Errorf("empty query: %v", err)
	}
}

func textOf(_ string, id string) string {
	for _, r := range corpus {
		if r.ID == id {
			return r.Text
		}
	}
	return ""
}

func TestMigrationFromVersion1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	ctx := context.Background()
	db, err := Open(ctx, path, Options{MaxVersion: 1})
	if err != nil {
		t.Fatal(err)
	}
	if db.Version != 1 {
		t.Fatalf("version %d", db.Version)
	}
	// A version-1 database: rows without the FTS table.
	for _, r := range corpus[:1] {
		tx, _ := db.sql.Begin()
		if err := db.insertV1(ctx, tx, r); err != nil {
			t.Fatal(err)
		}
		tx.Commit()
	}
	db.Close()
	db, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Version != SchemaVersion() {
		t.Errorf("version %d after migration, want %d", db.Version, SchemaVersion())
	}
	hits, err := db.Search(ctx, Query{Text: "hoa binh"})
	if err != nil || len(hits) != 1 {
		t.Errorf("search after migration: %v, %v", hits, err)
	}
}

func TestConcurrentReaders(t *testing.T) {
	db, path := open(t, Options{})
	ctx := context.Background()
	var wg sync.WaitGroup
	stop := make(chan struct{})
	errs := make(chan error, 4)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := Open(ctx, path, Options{ReadOnly: true})
			if err != nil {
				errs <- err
				return
			}
			defer r.Close()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := r.Search(ctx, Query{Text: "lam"}); err != nil {
					errs <- err
					return
				}
				if _, _, err := r.Roster(ctx, RosterQuery{Person: "Phạm Văn Lâm"}); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for i := range 30 {
		var rs []*record.Record
		for _, r := range corpus {
			c := *r
			c.ID = r.ID + "-" + string(rune('a'+i%26)) + string(rune('a'+i/26))
			rs = append(rs, &c)
		}
		addAll(t, db, rs)
	}
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := count(t, db, "articles"); n != 120 {
		t.Errorf("%d articles", n)
	}
}

// TestMigrationFromVersion2 brings a version-2 database, with an article
// stored without its text, to the current schema: the content and the
// searches survive, the text-less article's from the old FTS tokens.
func TestMigrationFromVersion2(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v2.db")
	ctx := context.Background()
	db, err := Open(ctx, path, Options{MaxVersion: 2})
	if err != nil {
		t.Fatal(err)
	}
	tx, _ := db.sql.Begin()
	for i, r := range corpus {
		var text any = r.Text
		if i == 1 {
			text = nil // a2 kept without its text
		}
		code, msg := "", ""
		if r.Error != nil {
			code, msg = r.Error.Code, r.Error.Message
		}
		res, err := tx.Exec(`INSERT INTO articles(key, hash, source, published, day, error_code, error_message, text) VALUES (?,?,?,?,?,?,?,?)`,
			r.ID, RecordHash(r), r.Source, r.Published, day(r.Published), code, msg, text)
		if err != nil {
			t.Fatal(err)
		}
		id, _ := res.LastInsertId()
		runes := []rune(r.Text)
		for n, s := range r.Sentences {
			res, err := tx.Exec(`INSERT INTO sentences(article, n, start, end, role) VALUES (?,?,?,?,?)`, id, n, s.Start, s.End, s.Role)
			if err != nil {
				t.Fatal(err)
			}
			sid, _ := res.LastInsertId()
			tn, b := folded(string(runes[s.Start:s.End]))
			tx.Exec(`INSERT INTO sentence_fts(rowid, toned, bare) VALUES (?,?,?)`, sid, tn, b)
		}
		for _, e := range r.Entities {
			tx.Exec(`INSERT INTO entities(article, type, text, start, end, sentence, canonical, level, key) VALUES (?,?,?,?,?,?,?,?,?)`, id, e.Type, e.Text, e.Start, e.End, e.Sentence, e.Canonical, e.Level, "k")
		}
		for _, p := range r.People {
			tx.Exec(`INSERT INTO people(article, ref, name, name_key, rank, position, unit, mentions) VALUES (?,?,?,?,?,?,?,?)`, id, p.Ref, p.Name, "k", p.Rank, p.Position, p.Unit, p.Mentions)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Version != SchemaVersion() {
		t.Fatalf("version %d", db.Version)
	}
	for _, tt := range []struct {
		q    string
		want string // article:sentence:text
	}{
		{"hòa giải", "a2:0:"},
		{"hoa giai kho", "a3:1:Đơn vị hoá giải khó khăn."},
		{"hòa giai o co so", "a2:0:"}, // tone-less words of the text-less article
		{"hoà bình", "a1:0:Sư đoàn 308 tổ chức diễn tập bảo vệ hoà bình."},
	} {
		hits, err := db.Search(ctx, Query{Text: tt.q})
		if err != nil || len(hits) != 1 {
			t.Errorf("%q: %v %v", tt.q, hits, err)
			continue
		}
		h := hits[0]
		if got := h.Article + ":" + string(rune('0'+h.Sentence)) + ":" + h.Text; got != tt.want {
			t.Errorf("%q: %s, want %s", tt.q, got, tt.want)
		}
	}
	people, _, err := db.Roster(ctx, RosterQuery{Person: "Phạm Văn Lâm"})
	if err != nil || len(people) == 0 {
		t.Fatalf("roster after migration: %v %v", people, err)
	}
	mentions := 0
	for _, p := range people {
		mentions += len(p.Timeline)
	}
	if mentions != 3 {
		t.Errorf("%d mentions after migration, want 3", mentions)
	}
	if hits, _ := db.Search(ctx, Query{Entity: "Sư đoàn 308"}); len(hits) != 1 {
		t.Errorf("entity search after migration: %v", hits)
	}
}

func TestSearchOrder(t *testing.T) {
	db, _ := open(t, Options{})
	undated := rec("u1", "", "Ông Phạm Văn Lâm dự lễ.")
	addAll(t, db, append([]*record.Record{undated}, corpus...))
	tests := []struct {
		name string
		q    Query
		want string
	}{
		{"newest first, undated last", Query{Text: "lam"}, "a3:0 a2:1 a1:1 u1:0"},
		{"from", Query{Text: "lam", From: "2022-05-02"}, "a3:0 a2:1"},
		{"to leaves the undated out", Query{Text: "lam", To: "2022-05-02"}, "a2:1 a1:1"},
		{"limit", Query{Text: "lam", Limit: 2}, "a3:0 a2:1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if g := searchHits(t, db, tt.q); g != tt.want {
				t.Errorf("got %s, want %s", g, tt.want)
			}
		})
	}
	t.Run("sentences of one article in order", func(t *testing.T) {
		hits, err := db.Search(context.Background(), Query{Text: "phạm", From: "2021-03-18", To: "2021-03-18"})
		if err != nil || len(hits) != 1 {
			t.Fatalf("%v %v", hits, err)
		}
		two := rec("b2", "2024-01-01", "Phạm Văn Lâm đến.\nPhạm Văn Lâm đi.")
		addAll(t, db, []*record.Record{two})
		hits, _ = db.Search(context.Background(), Query{Text: "phạm", Limit: 2})
		if len(hits) != 2 || hits[0].Article != "b2" || hits[0].Sentence != 0 || hits[1].Sentence != 1 {
			t.Errorf("%+v", hits)
		}
	})
	t.Run("rank finds the same", func(t *testing.T) {
		hits, err := db.Search(context.Background(), Query{Text: "lam", Rank: true, To: "2022-12-31"})
		if err != nil || len(hits) != 3 {
			t.Errorf("%v %v", hits, err)
		}
	})
	if _, err := db.Search(context.Background(), Query{Text: "lam", From: "18/03/2021"}); err == nil {
		t.Error("a bad date gave no error")
	}
}
