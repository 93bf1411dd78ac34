package index

import (
	"bytes"
	"compress/flate"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vnews/vnews/internal/benchtext"
)

// TestTextsCompressed: texts are stored compressed (schema version 4) and
// read back whole; a database of version 3, whose texts are stored as they
// are, keeps them readable after the migration, next to compressed ones.
func TestTextsCompressed(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v3.db")
	db, err := Open(ctx, path, Options{MaxVersion: 3})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Add(ctx, Entry{Record: corpus[0]}); err != nil {
		t.Fatal(err)
	}
	// What version 3 wrote: the text as it is.
	if _, err := db.sql.Exec(`UPDATE articles SET text = ? WHERE key = 'a1'`, corpus[0].Text); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Version != SchemaVersion() {
		t.Fatalf("version %d after the migration, want %d", db.Version, SchemaVersion())
	}
	long := rec("a9", "2023-01-02", strings.Repeat("Lữ đoàn 147 huấn luyện bắn đạn thật trên biển. ", 40)+"\nĐại tá Trần Văn Bình chỉ đạo.", "Trần Văn Bình|Đại tá|11|Lữ đoàn trưởng|Lữ đoàn 147")
	if _, err := db.Add(ctx, Entry{Record: corpus[1]}, Entry{Record: long}); err != nil {
		t.Fatal(err)
	}
	types := map[string]string{}
	sizes := map[string]int{}
	rows, err := db.sql.Query(`SELECT key, typeof(text), length(text) FROM articles`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var k, typ string
		var n int
		rows.Scan(&k, &typ, &n)
		types[k], sizes[k] = typ, n
	}
	rows.Close()
	if types["a1"] != "text" || types["a2"] != "blob" || types["a9"] != "blob" {
		t.Errorf("stored as %v, want a1 text (version 3), a2 and a9 blob", types)
	}
	if sizes["a9"]*4 > len(long.Text) {
		t.Errorf("a text of %d bytes stored in %d", len(long.Text), sizes["a9"])
	}
	for q, want := range map[string]string{
		"hoà bình":      "Sư đoàn 308 tổ chức diễn tập bảo vệ hoà bình.",
		"hòa giải":      "Hội nghị bàn về hòa giải ở cơ sở.",
		"Trần Văn Bình": "Đại tá Trần Văn Bình chỉ đạo.",
	} {
		hits, err := db.Search(ctx, Query{Text: q})
		if err != nil || len(hits) != 1 || hits[0].Text != want {
			t.Errorf("%q: %+v %v, want the sentence %q", q, hits, err, want)
		}
	}
	// A damaged text is an error, not a panic or a wrong sentence.
	if _, err := db.sql.Exec(`UPDATE articles SET text = x'ffff0001' WHERE key = 'a2'`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Search(ctx, Query{Text: "hòa giải"}); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("a damaged text gave %v", err)
	}
}

// TestPackText: a text comes back whole from what packText makes (the
// compressor is klauspost/compress's; the reader the standard library's),
// short, repetitive and long news-like texts alike.
func TestPackText(t *testing.T) {
	texts := []string{"", "a", "Bộ Tư lệnh Thủ đô Hà Nội", strings.Repeat("Quân khu 7 ", 1000)}
	texts = append(texts, benchtext.Articles(3, 200000, 7)...)
	for _, s := range texts {
		got, ok, err := unpackText(packText(s))
		if err != nil || !ok || got != s {
			t.Errorf("%.20q: got %.20q %v %v", s, got, ok, err)
		}
	}
	if _, ok, err := unpackText(nil); ok || err != nil {
		t.Errorf("NULL: %v %v, want no text", ok, err)
	}
}

// BenchmarkPackText compresses made-up news articles with packText (the
// klauspost/compress writer at level 2) and, for comparison, with the
// standard library's flate at BestSpeed, the compressor before it: both
// write raw DEFLATE that unpackText reads.
func BenchmarkPackText(b *testing.B) {
	texts := benchtext.Articles(200, 3000, 3)
	size := 0
	for _, s := range texts {
		size += len(s)
	}
	b.Run("klauspost-2", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, s := range texts {
				packText(s)
			}
		}
	})
	b.Run("stdlib-bestspeed", func(b *testing.B) {
		w, _ := flate.NewWriter(nil, flate.BestSpeed)
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, s := range texts {
				var buf bytes.Buffer
				w.Reset(&buf)
				io.WriteString(w, s)
				w.Close()
			}
		}
	})
}

// TestSlicer: the slicer cuts a text at code-point offsets as cutting its
// runes would, valid UTF-8 or not (an invalid byte is one code point), for
// offsets in order, going back, and past the end.
func TestSlicer(t *testing.T) {
	texts := []string{
		"Đại tá Nguyễn Văn Hòa, Sư đoàn 308.",
		"a\xffb\xe1\xbbc đ", // invalid bytes and a cut sequence
		"𝐀 emoji 😀 và chữ",  // four-byte sequences
		"",
	}
	cut := func(s string, a, b int) string {
		var rs []string // each code point's bytes, as DecodeRuneInString reads them
		for i := 0; i < len(s); {
			_, n := utf8.DecodeRuneInString(s[i:])
			rs = append(rs, s[i:i+n])
			i += n
		}
		a, b = max(0, min(a, len(rs))), min(max(b, a), len(rs))
		return strings.Join(rs[a:b], "")
	}
	for _, s := range texts {
		n := utf8.RuneCountInString(s)
		sl := newSlicer(s)
		for _, r := range [][2]int{{0, 3}, {2, 5}, {5, n}, {1, 2}, {0, n + 4}, {n + 1, n + 3}, {4, 1}, {0, 0}} {
			if got, want := sl.slice(r[0], r[1]), cut(s, r[0], r[1]); got != want {
				t.Errorf("%q [%d:%d] = %q, want %q", s, r[0], r[1], got, want)
			}
		}
	}
}
