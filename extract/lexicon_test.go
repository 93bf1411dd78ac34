package extract

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestLexiconFS shows that entries a user adds take effect without a
// rebuild, on top of the embedded lists, and that a bad file is an error.
func TestLexiconFS(t *testing.T) {
	text := "Trung đoàn Gia Định, rồi Quản đốc Vệ binh Ngô Quyền dự lễ tại Xứ Đoài."
	// The rules alone: the lexicons extend the rules (and through them the
	// tagger's hints; the tagger may find a name from its context anyway).
	base, err := New(WithRulesOnly())
	if err != nil {
		t.Fatal(err)
	}
	x, err := New(WithRulesOnly(), WithLexiconFS(fstest.MapFS{
		"units.tsv":     {Data: []byte("# a brigade known by its name\nVệ binh Ngô Quyền\tcommand\tname\n")},
		"positions.txt": {Data: []byte("Quản đốc\n")},
		"locations.tsv": {Data: []byte("Xứ Đoài\tregion\n")},
	}))
	if err != nil {
		t.Fatal(err)
	}
	types := func(ex *Extractor) []string {
		_, res := extractWith(t, ex, text)
		var out []string
		for _, e := range res.Entities {
			if e.Type == Unit || e.Type == Position || e.Type == Location {
				out = append(out, string(e.Type)+" "+e.Text)
			}
		}
		return out
	}
	if got := joinList(types(base)); got != "UNIT Trung đoàn Gia Định" {
		t.Errorf("embedded lexicons: %s", got)
	}
	want := "UNIT Trung đoàn Gia Định | POSITION Quản đốc | UNIT Vệ binh Ngô Quyền | LOCATION Xứ Đoài"
	if got := joinList(types(x)); got != want {
		t.Errorf("with added entries\n got %s\nwant %s", got, want)
	}

	for _, c := range []struct{ name, data string }{
		{"ranks.tsv", "Đại tá\tColonel\tnot-a-number\n"},
		{"units.tsv", "Lữ đoàn\tcommand\tfrobnicate\n"},
		{"datewords.tsv", "hừng\tfrobnicate\n"},
		{"countwords.tsv", "bao\n"},
		{"relativedates.tsv", "mốt\ttwo\tday\n"},
		{"relativedates.tsv", "mốt\t2\tfortnight\n"},
		{"adminwords.tsv", "ấp\n"},
	} {
		_, err := New(WithLexiconFS(fstest.MapFS{c.name: {Data: []byte(c.data)}}))
		if !errors.Is(err, ErrLexicon) {
			t.Errorf("%s with a bad line %q: err = %v, want ErrLexicon", c.name, c.data, err)
		}
	}
}

// TestLexiconFilesLoad checks that every lexicon file is embedded, listed in
// LexiconFiles, opens with a comment line that says what it holds, and
// fills every set it feeds.
func TestLexiconFilesLoad(t *testing.T) {
	embedded, err := fs.ReadDir(embeddedLexicons, "lexicon")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range embedded {
		names = append(names, e.Name())
	}
	listed := slices.Clone(LexiconFiles)
	slices.Sort(listed)
	if !slices.Equal(names, listed) {
		t.Errorf("embedded files %q, LexiconFiles %q", names, listed)
	}
	for _, name := range LexiconFiles {
		t.Run(name, func(t *testing.T) {
			data, err := fs.ReadFile(embeddedLexicons, "lexicon/"+name)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(string(data), "# ") {
				t.Errorf("%s does not open with a header comment", name)
			}
			// The file, as a user's lexicon directory would hold it, loads too.
			if _, err := New(WithLexiconFS(fstest.MapFS{name: {Data: data}})); err != nil {
				t.Errorf("%s in a lexicon directory: %v", name, err)
			}
		})
	}
	l := mustLoad(t)
	for file, classes := range wordClasses {
		for class, set := range classes {
			if len(*set(l)) == 0 {
				t.Errorf("%s: class %s is empty", file, class)
			}
		}
	}
	for name, n := range map[string]int{
		fileRelativeDates: len(l.relative), fileAdminWords: len(l.adminKinds),
		fileCompanyWords: len(l.companyWords.m), fileRoleVerbs: len(l.roleVerbs.m),
	} {
		if n == 0 {
			t.Errorf("%s loaded no entries", name)
		}
	}
}

func mustLoad(t *testing.T) *lexicons {
	t.Helper()
	l, err := loadLexicons(nil)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestLexiconWordLists shows that an entry added to one of the word lists
// through a lexicon directory changes what is found.
func TestLexiconWordLists(t *testing.T) {
	tests := []struct {
		name, file, data string
		text, published  string
		typ              Type
		base, with       string // the entities of type typ, joined
	}{
		{"a part of the day", "datewords.tsv", "hừng\tstarter|daypart\nđông\tdaypart\n",
			"Hừng đông 12-5, đơn vị hành quân.", "2021-05-20", Date,
			"12-5=2021-05-12 date", "Hừng đông 12-5=2021-05-12 date"},
		{"a relative date word", "relativedates.tsv", "mốt\t2\tday\n",
			"Ngày mốt, đơn vị hành quân về Hà Nội.", "2021-05-20", Date,
			"", "Ngày mốt=2021-05-22 relative"},
		{"a count noun", "countwords.tsv", "bao\tcountnoun\n",
			"Kho đã nhận 12/5 bao gạo.", "2021-05-20", Date,
			"12/5=2021-05-12 date", ""},
		{"a word that ends a name", "functionwords.tsv", "rồi\tname-stop\n",
			"Hôm ấy ông Lò Văn Pao Rồi lên đường.", "", Person,
			"Lò Văn Pao Rồi", "Lò Văn Pao"},
		{"a nickname trait", "personwords.tsv", "sứt\tnickname-trait\n",
			"Anh Út sứt kể lại chuyện cũ.", "", Person,
			"Út", "Út sứt"},
		{"an administrative word", "adminwords.tsv", "ấp\tcommune\n",
			"Đoàn về ấp Tân Thạnh Đông giúp dân.", "", Location,
			"", "ấp Tân Thạnh Đông"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, err := New(WithLexiconFS(fstest.MapFS{tt.file: {Data: []byte(tt.data)}}))
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				x    *Extractor
				want string
			}{{testExtractor, tt.base}, {x, tt.with}} {
				_, res := extractOpts(t, c.x, tt.text, tt.published)
				if got := joinList(ofType(res, tt.typ, tt.typ == Date)); got != c.want {
					t.Errorf("%s of %q\n got %q\nwant %q", tt.typ, tt.text, got, c.want)
				}
			}
		})
	}
}
