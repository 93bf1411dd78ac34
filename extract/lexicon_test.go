package extract

import (
	"errors"
	"testing"
	"testing/fstest"
)

// TestLexiconFS shows that entries a user adds take effect without a
// rebuild, on top of the embedded lists, and that a bad file is an error.
func TestLexiconFS(t *testing.T) {
	text := "Trung đoàn Gia Định, rồi Quản đốc Vệ binh Ngô Quyền dự lễ tại Xứ Đoài."
	base, err := New()
	if err != nil {
		t.Fatal(err)
	}
	x, err := New(WithLexiconFS(fstest.MapFS{
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

	for name, data := range map[string]string{
		"ranks.tsv": "Đại tá\tColonel\tnot-a-number\n",
		"units.tsv": "Lữ đoàn\tcommand\tfrobnicate\n",
	} {
		_, err := New(WithLexiconFS(fstest.MapFS{name: {Data: []byte(data)}}))
		if !errors.Is(err, ErrLexicon) {
			t.Errorf("%s with a bad line: err = %v, want ErrLexicon", name, err)
		}
	}
}
