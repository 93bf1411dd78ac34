package index_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/vnews/vnews/extract/record"
	"github.com/vnews/vnews/index"
)

// articles are the examples' corpus: three short articles, built into
// records by the pipeline.
var articles = []record.Article{
	{ID: "bt-01", Published: "2021-03-18", Text: "Sư đoàn 308 diễn tập bảo vệ hoà bình\n\nĐại tá Phạm Văn Lâm, Sư đoàn trưởng Sư đoàn 308, chỉ đạo buổi diễn tập. Các đơn vị hoàn thành tốt nhiệm vụ."},
	{ID: "bt-02", Published: "2022-05-02", Text: "Hội nghị quân chính\n\nThiếu tướng Phạm Văn Lâm, Sư đoàn trưởng Sư đoàn 308, phát biểu tại hội nghị. Hội nghị bàn về công tác huấn luyện năm 2022."},
	{ID: "bt-03", Published: "2022-07-09", Text: "Tuyên dương chiến sĩ\n\nThượng úy Phạm Văn Lâm, Trung đội trưởng, Trung đoàn 48, được tuyên dương. Đơn vị hòa giải tốt mâu thuẫn ở cơ sở."},
}

// build runs the pipeline on the articles.
func build() []index.Entry {
	b, err := record.NewBuilder(nil, nil, record.Options{Parts: record.PartSentences | record.PartEntities | record.PartText})
	if err != nil {
		panic(err)
	}
	var es []index.Entry
	for _, a := range articles {
		a.JSON = true
		r, _ := b.Build(a) // an article that fails is kept as an error record
		es = append(es, index.Entry{Record: &r})
	}
	return es
}

// tempDB opens a new index in a temporary directory.
func tempDB() (*index.DB, func()) {
	dir, err := os.MkdirTemp("", "vnews-index")
	if err != nil {
		panic(err)
	}
	db, err := index.Open(context.Background(), filepath.Join(dir, "corpus.db"), index.Options{})
	if err != nil {
		panic(err)
	}
	return db, func() { db.Close(); os.RemoveAll(dir) }
}

func ExampleOpen() {
	dir, err := os.MkdirTemp("", "vnews-index")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	// A new file is created with the current schema; an older one is
	// migrated.
	db, err := index.Open(context.Background(), filepath.Join(dir, "corpus.db"), index.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()
	fmt.Println("schema version", db.Version, "of", index.SchemaVersion())
	// Output: schema version 5 of 5
}

func ExampleDB_Add() {
	db, done := tempDB()
	defer done()
	ctx := context.Background()
	entries := build()
	st, err := db.Add(ctx, entries...) // one transaction
	fmt.Printf("%+v %v\n", st, err)
	// Again: the same content hash, nothing to do.
	st, err = db.Add(ctx, entries...)
	fmt.Printf("%+v %v\n", st, err)
	// A changed article replaces the stored one.
	changed := *entries[0].Record
	changed.Title = "Sư đoàn 308 diễn tập"
	st, err = db.Add(ctx, index.Entry{Record: &changed})
	fmt.Printf("%+v %v\n", st, err)
	// Output:
	// {Added:3 Replaced:0 Skipped:0 Errors:0} <nil>
	// {Added:0 Replaced:0 Skipped:3 Errors:0} <nil>
	// {Added:0 Replaced:1 Skipped:0 Errors:0} <nil>
}

func ExampleDB_Roster() {
	db, done := tempDB()
	defer done()
	ctx := context.Background()
	if _, err := db.Add(ctx, build()...); err != nil {
		fmt.Println(err)
		return
	}
	// Three articles name Phạm Văn Lâm: a colonel promoted to major
	// general in Sư đoàn 308, and a senior lieutenant of Trung đoàn 48, a
	// namesake the roster keeps apart. Names match with case and the
	// placement of tone marks folded, not without the marks.
	people, units, err := db.Roster(ctx, index.RosterQuery{Person: "PHẠM VĂN LÂM"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range people {
		fmt.Printf("#%d %s\n", p.ID, p.Name)
		for _, m := range p.Timeline {
			fmt.Printf("  %s %s, %s, %s (%s)\n", m.Published, m.Rank, m.Position, m.Unit, m.Article)
		}
		for _, x := range p.Promotions {
			fmt.Printf("  promoted %s → %s on %s\n", x.From, x.To, x.Date)
		}
	}
	for _, u := range units {
		fmt.Println(u.Name)
		for _, po := range u.Posts {
			fmt.Printf("  #%d %s %s, %s – %s\n", po.Person, po.Rank, po.Position, po.First, po.Last)
		}
	}
	// Output:
	// #1 Phạm Văn Lâm
	//   2021-03-18 Đại tá, Sư đoàn trưởng, Sư đoàn 308 (bt-01)
	//   2022-05-02 Thiếu tướng, Sư đoàn trưởng, Sư đoàn 308 (bt-02)
	//   promoted Đại tá → Thiếu tướng on 2022-05-02
	// #2 Phạm Văn Lâm
	//   2022-07-09 Thượng úy, Trung đội trưởng, Trung đoàn 48 (bt-03)
	// Sư đoàn 308
	//   #1 Đại tá Sư đoàn trưởng, 2021-03-18 – 2021-03-18
	//   #1 Thiếu tướng Sư đoàn trưởng, 2022-05-02 – 2022-05-02
	// Trung đoàn 48
	//   #2 Thượng úy Trung đội trưởng, 2022-07-09 – 2022-07-09
}

func ExampleDB_Search() {
	db, done := tempDB()
	defer done()
	ctx := context.Background()
	if _, err := db.Add(ctx, build()...); err != nil {
		fmt.Println(err)
		return
	}
	for _, q := range []index.Query{
		{Text: "hoa"},      // tone-less: hoà, hòa, ...
		{Text: "hoà giải"}, // hoà = hòa, not hoá
		{Text: "huấn luyện", Entity: "Sư đoàn 308"}, // in articles naming the division
		{Text: "Phạm Văn Lâm", From: "2022-01-01"},  // newest first
	} {
		hits, err := db.Search(ctx, q)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%q:\n", q.Text)
		for _, h := range hits {
			fmt.Printf("  %s [%d:%d] %s\n", h.Article, h.Start, h.End, h.Text)
		}
	}
	// Output:
	// "hoa":
	//   bt-03 [97:135] Đơn vị hòa giải tốt mâu thuẫn ở cơ sở.
	//   bt-01 [0:36] Sư đoàn 308 diễn tập bảo vệ hoà bình
	// "hoà giải":
	//   bt-03 [97:135] Đơn vị hòa giải tốt mâu thuẫn ở cơ sở.
	// "huấn luyện":
	//   bt-02 [99:144] Hội nghị bàn về công tác huấn luyện năm 2022.
	// "Phạm Văn Lâm":
	//   bt-03 [22:96] Thượng úy Phạm Văn Lâm, Trung đội trưởng, Trung đoàn 48, được tuyên dương.
	//   bt-02 [21:98] Thiếu tướng Phạm Văn Lâm, Sư đoàn trưởng Sư đoàn 308, phát biểu tại hội nghị.
}
