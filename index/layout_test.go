package index

import (
	"context"
	"strings"
	"testing"

	"github.com/vnews/vnews/extract/record"
)

// TestSearchArticleRows: an article's words are one article_fts row
// (schema version 5), so every word must be in the article, and a quoted
// phrase in one of its sentences; the hits are the sentences that hold the
// most of the query.
func TestSearchArticleRows(t *testing.T) {
	db, _ := open(t, Options{})
	addAll(t, db, []*record.Record{
		rec("s1", "2023-04-02", "Đơn vị tổ chức diễn tập.\nBộ đội bảo vệ biên giới."),
		rec("s2", "2023-04-03", "Bộ đội diễn tập bảo vệ biên giới."),
	})
	if n := count(t, db, "article_fts"); n != 2 {
		t.Fatalf("article_fts: %d rows, want 2", n)
	}
	for _, tt := range []struct {
		q    string
		want string
	}{
		{"diễn tập bảo vệ", "s2:0 s1:0 s1:1"},  // s1 has the words in two sentences, two each
		{`"tập bộ"`, ""},                       // a phrase across s1's sentences is none
		{`"dien tap bao ve"`, "s2:0"},          // tone-less phrase
		{"bo doi", "s2:0 s1:1"},                // newest first, the sentence that has them
		{"don vi dien tap", "s1:0"},            // s2 has no "đơn vị"
		{`"biên giới" đơn vị`, "s1:0"},         // the sentence with two of the three clauses
		{`"biên giới" "tổ chức"`, "s1:0 s1:1"}, // one phrase each
	} {
		if g := searchHits(t, db, Query{Text: tt.q}); g != tt.want {
			t.Errorf("%s: got %q, want %q", tt.q, g, tt.want)
		}
	}
}

// searchHits runs q and lists its hits as article:sentence, in order.
func searchHits(t *testing.T, db *DB, q Query) string {
	t.Helper()
	hits, err := db.Search(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range hits {
		got = append(got, h.Article+":"+string(rune('0'+h.Sentence)))
	}
	return strings.Join(got, " ")
}

// TestSearchBothLayouts: a database migrated from version 4 keeps its
// articles' sentence rows; articles added after the migration with their
// text get an article row, those added without text sentence rows; a
// search reads both in one order, and a replaced article moves to the new
// layout.
func TestSearchBothLayouts(t *testing.T) {
	ctx := context.Background()
	db, path := open(t, Options{MaxVersion: 4})
	addAll(t, db, corpus[:1]) // a1, sentence rows
	db.Close()
	db, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	addAll(t, db, corpus[1:3]) // a2, a3: article rows
	db.Close()
	db, err = Open(ctx, path, Options{NoText: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })                                                       // the last one opened below
	addAll(t, db, []*record.Record{rec("n1", "2022-06-01", "Ông Phạm Văn Lâm đến thăm.")}) // sentence rows, no text
	if s, a := count(t, db, "sentence_fts"), count(t, db, "article_fts"); s != 3 || a != 2 {
		t.Fatalf("sentence_fts %d rows, article_fts %d; want 3 and 2", s, a)
	}
	if g, want := searchHits(t, db, Query{Text: "lam"}), "a3:0 n1:0 a2:1 a1:1"; g != want {
		t.Errorf("newest first over both tables: %s, want %s", g, want)
	}
	if g, want := searchHits(t, db, Query{Text: "lam", Limit: 3}), "a3:0 n1:0 a2:1"; g != want {
		t.Errorf("limit: %s, want %s", g, want)
	}
	if g := searchHits(t, db, Query{Text: "lam", Rank: true}); len(strings.Fields(g)) != 4 {
		t.Errorf("rank: %s, want the four hits", g)
	}
	// a1 changed: its sentence rows go, and (with its text, in a database
	// opened for texts) it gets an article row.
	db.Close()
	db, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	changed := *corpus[0]
	changed.Title = "Tin sửa"
	addAll(t, db, []*record.Record{&changed})
	if s, a := count(t, db, "sentence_fts"), count(t, db, "article_fts"); s != 1 || a != 3 {
		t.Errorf("after replacing a1: sentence_fts %d rows, article_fts %d; want 1 and 3", s, a)
	}
	if g, want := searchHits(t, db, Query{Text: "lam"}), "a3:0 n1:0 a2:1 a1:1"; g != want {
		t.Errorf("after replacing a1: %s, want %s", g, want)
	}
}

// TestArticleRowWordsOnce: an article's row holds each of its words once,
// in the order the article first uses them (FTS5 then tokenizes and
// stores half as many words, and keeps no positions it would not use: a
// phrase is looked for in the sentences), and a search still finds every
// sentence that holds the words.
func TestArticleRowWordsOnce(t *testing.T) {
	r := rec("w1", "2023-05-06", "Bộ đội diễn tập.\nBộ đội hành quân qua suối.\nDiễn tập kết thúc lúc 10 giờ.")
	e := Prepare(Entry{Record: r})
	if want := "bô5 đôi5 diên4 tâp5 hanh2 quân qua suôi1 kêt1 thuc1 luc1 10 giơ2"; e.prep.words != want {
		t.Errorf("row words %q, want %q", e.prep.words, want)
	}
	db, _ := open(t, Options{})
	addAll(t, db, []*record.Record{r})
	if _, err := db.sql.Exec(`CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, article_fts, row)`); err != nil {
		t.Fatal(err)
	}
	var terms, more int
	if err := db.sql.QueryRow(`SELECT count(*), coalesce(sum(cnt > doc), 0) FROM temp.vocab`).Scan(&terms, &more); err != nil {
		t.Fatal(err)
	}
	if terms != 13 || more != 0 {
		t.Errorf("article_fts: %d terms, %d stored more than once a row; want 13 and 0", terms, more)
	}
	for q, want := range map[string]string{
		"bộ đội":       "w1:0 w1:1",
		`"diễn tập"`:   "w1:0 w1:2",
		`"tập diễn"`:   "",
		"qua dien tap": "w1:0 w1:2", // no sentence has all three: those with the most
	} {
		if g := searchHits(t, db, Query{Text: q}); g != want {
			t.Errorf("%s: got %q, want %q", q, g, want)
		}
	}
}
