package index

import (
	"encoding/binary"
	"errors"

	"github.com/vnews/vnews/extract/record"
)

// The packed columns of articles (schema version 3) are sequences of
// varints (encoding/binary: unsigned, or zigzag-signed where marked ±),
// strings as ids into the strings table (0: the empty string).
//
// articles.sentences, per sentence in order:
//
//	±(start − end of the previous sentence)  (end−start)  role
//
// articles.entities, per mention in record order:
//
//	type  text  ±(start − previous start)  (end−start)  ±(sentence − previous sentence)  mask
//
// then, for each bit of mask set, in this order: canonical (bit 0), english
// (1), qualifier (2), kind (3), value (4), ref (5), role (6), level (7).
// Bit 8 says that canonical equals text (and no id follows for it).

// errPacked reports a packed column that does not decode.
var errPacked = errors.New("index: corrupt packed column")

const (
	bitCanonical = 1 << iota
	bitEnglish
	bitQualifier
	bitKind
	bitValue
	bitRef
	bitRole
	bitLevel
	bitCanonicalIsText
)

// interner gives the id of a string, adding it to the dictionary when new.
type interner func(s string) (int64, error)

func appendSentences(dst []byte, ss []record.Sentence, id interner) ([]byte, error) {
	prev := 0
	for _, s := range ss {
		role, err := id(s.Role)
		if err != nil {
			return nil, err
		}
		dst = binary.AppendVarint(dst, int64(s.Start-prev))
		dst = binary.AppendUvarint(dst, uint64(max(0, s.End-s.Start)))
		dst = binary.AppendUvarint(dst, uint64(role))
		prev = s.End
	}
	return dst, nil
}

// reader decodes varints from a packed column.
type reader struct {
	b   []byte
	err error
}

func (r *reader) uvarint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errPacked
		return 0
	}
	r.b = r.b[n:]
	return int64(v)
}

func (r *reader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err = errPacked
		return 0
	}
	r.b = r.b[n:]
	return v
}

// packedSentence is a decoded sentence span with its role's string id.
type packedSentence struct {
	Start, End int
	Role       int64
}

func decodeSentences(b []byte) ([]packedSentence, error) {
	r := reader{b: b}
	var out []packedSentence
	prev := 0
	for len(r.b) > 0 && r.err == nil {
		start := prev + int(r.varint())
		end := start + int(r.uvarint())
		role := r.uvarint()
		out = append(out, packedSentence{start, end, role})
		prev = end
	}
	return out, r.err
}

// packedEntity is a decoded mention: string fields as ids.
type packedEntity struct {
	Type, Text, Canonical, English, Qualifier, Kind, Value, Ref, Role int64
	Start, End, Sentence, Level                                       int
}

// name is the id the mention is filed under in entity_articles.
func (e packedEntity) name() int64 {
	if e.Canonical != 0 {
		return e.Canonical
	}
	return e.Text
}

// mentionKeys are the (name, type) ids of the mentions es.
func mentionKeys(es []packedEntity) [][2]int64 {
	keys := make([][2]int64, len(es))
	for i, e := range es {
		keys[i] = [2]int64{e.name(), e.Type}
	}
	return keys
}

// appendEntities appends the packed mentions es to dst, and the (name,
// type) ids of each (see packedEntity.name) to keys.
func appendEntities(dst []byte, es []record.Entity, id interner, keys [][2]int64) ([]byte, [][2]int64, error) {
	prevStart, prevSent := 0, 0
	for _, e := range es {
		var ids [9]int64
		for i, s := range []string{e.Type, e.Text, e.Canonical, e.English, e.Qualifier, e.Kind, e.Value, e.Ref, e.Role} {
			if i == 2 && s == e.Text {
				continue
			}
			v, err := id(s)
			if err != nil {
				return nil, nil, err
			}
			ids[i] = v
		}
		if ids[2] != 0 {
			keys = append(keys, [2]int64{ids[2], ids[0]})
		} else {
			keys = append(keys, [2]int64{ids[1], ids[0]})
		}
		mask := 0
		if e.Canonical != "" && e.Canonical == e.Text {
			mask |= bitCanonicalIsText
		}
		for bit, v := range ids[2:] {
			if v != 0 {
				mask |= 1 << bit
			}
		}
		if e.Level != 0 {
			mask |= bitLevel
		}
		dst = binary.AppendUvarint(dst, uint64(ids[0]))
		dst = binary.AppendUvarint(dst, uint64(ids[1]))
		dst = binary.AppendVarint(dst, int64(e.Start-prevStart))
		dst = binary.AppendUvarint(dst, uint64(max(0, e.End-e.Start)))
		dst = binary.AppendVarint(dst, int64(e.Sentence-prevSent))
		dst = binary.AppendUvarint(dst, uint64(mask))
		for _, v := range ids[2:] {
			if v != 0 {
				dst = binary.AppendUvarint(dst, uint64(v))
			}
		}
		if e.Level != 0 {
			dst = binary.AppendVarint(dst, int64(e.Level))
		}
		prevStart, prevSent = e.Start, e.Sentence
	}
	return dst, keys, nil
}

func decodeEntities(b []byte) ([]packedEntity, error) {
	r := reader{b: b}
	var out []packedEntity
	prevStart, prevSent := 0, 0
	for len(r.b) > 0 && r.err == nil {
		var e packedEntity
		e.Type = r.uvarint()
		e.Text = r.uvarint()
		e.Start = prevStart + int(r.varint())
		e.End = e.Start + int(r.uvarint())
		e.Sentence = prevSent + int(r.varint())
		mask := r.uvarint()
		for bit, p := range []*int64{&e.Canonical, &e.English, &e.Qualifier, &e.Kind, &e.Value, &e.Ref, &e.Role} {
			if mask&(1<<bit) != 0 {
				*p = r.uvarint()
			}
		}
		if mask&bitLevel != 0 {
			e.Level = int(r.varint())
		}
		if mask&bitCanonicalIsText != 0 {
			e.Canonical = e.Text
		}
		out = append(out, e)
		prevStart, prevSent = e.Start, e.Sentence
	}
	return out, r.err
}
