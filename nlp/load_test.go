package nlp

import (
	"encoding/binary"
	"maps"
	"testing"
)

// BenchmarkLoadModel times reading the embedded segmentation model, which
// every process pays once before its first article (a large part of a
// short `vnews tokenize` run).
func BenchmarkLoadModel(b *testing.B) {
	b.SetBytes(int64(len(embeddedModel)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseSegModel(embeddedModel); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRawTable: a table section read in place gives what the table built
// from it holds (key 0, which a table cannot hold, left out; a repeated
// key's last value).
func TestRawTable(t *testing.T) {
	var sec []byte
	sec = binary.LittleEndian.AppendUint32(sec, 5)
	for _, e := range []struct {
		k uint64
		v int32
	}{{7, 1}, {0, 9}, {1 << 40, -3}, {7, 4}, {12345, 0}} {
		sec = binary.LittleEndian.AppendUint64(sec, e.k)
		sec = binary.LittleEndian.AppendUint32(sec, uint32(e.v))
	}
	built := (&modelReader{b: sec}).table()
	raw := (&modelReader{b: sec}).rawTable()
	if raw.len() != 5 {
		t.Fatalf("raw table of %d entries, want 5", raw.len())
	}
	fromRaw := raw.idTable()
	want := map[uint64]int32{}
	built.each(func(k uint64, v int32) { want[k] = v })
	got := map[uint64]int32{}
	fromRaw.each(func(k uint64, v int32) { got[k] = v })
	if !maps.Equal(got, want) || len(got) != 3 || got[7] != 4 {
		t.Errorf("in place %v, built %v", got, want)
	}
	seen := 0
	raw.each(func(k uint64, _ int32) {
		if k == 0 {
			t.Error("key 0 given")
		}
		seen++
	})
	if seen != 4 {
		t.Errorf("each gave %d entries, want 4 (key 0 left out)", seen)
	}
	if _, err := parseSegModel(embeddedModel[:len(embeddedModel)/2]); err == nil {
		t.Error("a truncated model was read")
	}
}

// TestStrIndexPut: a repeated key takes its new id; keys too long are
// not kept.
func TestStrIndexPut(t *testing.T) {
	x := newStrIndexSize(3)
	x.put([]byte("hà"), 1)
	x.put([]byte("nội"), 2)
	x.put([]byte("hà"), 3)
	x.put(make([]byte, 0x10000), 4)
	if id, ok := x.get([]byte("hà")); !ok || id != 3 {
		t.Errorf("hà: %d %v, want 3", id, ok)
	}
	if id, ok := x.get([]byte("nội")); !ok || id != 2 {
		t.Errorf("nội: %d %v, want 2", id, ok)
	}
	if _, ok := x.get(make([]byte, 0x10000)); ok {
		t.Error("a key over 0xffff bytes was kept")
	}
}
