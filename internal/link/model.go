package link

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
)

// Model is the linker's weights: one per hashed feature.
type Model struct {
	W map[uint64]float32
}

// ErrModel is wrapped by the errors of ReadModel.
var ErrModel = errors.New("link: bad model")

const magic = "VNLINK1\n"

// ReadModel reads a model written by WriteTo.
func ReadModel(r io.Reader) (*Model, error) {
	br := bufio.NewReader(r)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, fmt.Errorf("%w: no header", ErrModel)
	}
	var n uint32
	if err := binary.Read(br, binary.LittleEndian, &n); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrModel, err)
	}
	if n > 1<<24 {
		return nil, fmt.Errorf("%w: %d weights", ErrModel, n)
	}
	m := &Model{W: make(map[uint64]float32, n)}
	var rec [12]byte
	for i := uint32(0); i < n; i++ {
		if _, err := io.ReadFull(br, rec[:]); err != nil {
			return nil, fmt.Errorf("%w: weight %d: %v", ErrModel, i, err)
		}
		m.W[binary.LittleEndian.Uint64(rec[:8])] = math.Float32frombits(binary.LittleEndian.Uint32(rec[8:]))
	}
	return m, nil
}

// WriteTo writes the model's non-zero weights, sorted by hash, so the same
// weights give the same bytes.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	keys := make([]uint64, 0, len(m.W))
	for k, v := range m.W {
		if v != 0 {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	bw := bufio.NewWriter(w)
	bw.WriteString(magic)
	binary.Write(bw, binary.LittleEndian, uint32(len(keys)))
	var rec [12]byte
	for _, k := range keys {
		binary.LittleEndian.PutUint64(rec[:8], k)
		binary.LittleEndian.PutUint32(rec[8:], math.Float32bits(m.W[k]))
		bw.Write(rec[:])
	}
	return int64(len(magic) + 4 + 12*len(keys)), bw.Flush()
}

// Score is the weight sum of a candidate's features.
func (m *Model) Score(c *Cand) float64 {
	s := 0.0
	for _, f := range c.Feats {
		s += float64(m.W[f])
	}
	return s
}

// Best returns the index of the best-scoring candidate; the first of equals.
func (m *Model) Best(cands []Cand) int {
	best, bs := 0, math.Inf(-1)
	for i := range cands {
		if s := m.Score(&cands[i]); s > bs {
			best, bs = i, s
		}
	}
	return best
}

// bestOwn picks among the candidates that are not another person's (a
// candidate standing by another person's name or opening that person's
// apposition, "Đại tá A, Phó Trưởng phòng X", or across a semicolon, and
// by none of p's mentions is not p's, whatever the scores say) the
// best-scoring candidate of the most probable value. The candidates that
// give the slot the same text (the same span seen from another mention,
// or the post stated again) pool their probability: the softmax the
// model is trained as (cmd/vnews-train) gives a value the sum of its
// candidates' exp(score). keys are the candidates' lowerHash, as
// candidates made them (a rule-only candidate past them is hashed here).
func (m *Model) bestOwn(in *Input, p int, cands []Cand, keys []uint64) int {
	scores := grow(in.scores, len(cands))
	in.scores = scores
	mx := math.Inf(-1)
	for i := range cands {
		scores[i] = m.Score(&cands[i])
		mx = max(mx, scores[i])
	}
	vs := in.values[:0]
	for i := range cands {
		if i > 0 && in.othersOwn(p, &cands[i]) {
			continue
		}
		var k uint64 // "none" is a value of its own, whatever the hashes
		if i > 0 && i < len(keys) {
			k = keys[i]
		} else if i > 0 {
			k = lowerHash(cands[i].Text(in))
		}
		j := 0
		for j < len(vs) && (vs[j].key != k || (vs[j].best == 0) != (i == 0)) {
			j++
		}
		if j == len(vs) {
			vs = append(vs, value{key: k, best: i, top: scores[i]})
		} else if scores[i] > vs[j].top {
			vs[j].best, vs[j].top = i, scores[i]
		}
		vs[j].sum += math.Exp(scores[i] - mx)
	}
	in.values = vs
	best, bs := 0, -1.0
	for _, v := range vs {
		if v.sum > bs {
			best, bs = v.best, v.sum
		}
	}
	return best
}

// value is one value of a slot in bestOwn: its candidates' pooled
// probability (unnormalized) and its best-scoring candidate.
type value struct {
	key      uint64
	sum, top float64
	best     int
}

// Attrs are a profile's linked attributes.
type Attrs struct {
	Rank, Position, Unit string
}

// Decide links every profile of in: rank, then the post, then the unit
// (whose features look at the post chosen). The answers are in's memory,
// valid until in is used again.
func (m *Model) Decide(in *Input) []Attrs {
	out := grow(in.attrs, len(in.People))
	clear(out)
	in.attrs = out
	bufs := &in.bufs // a slot's lists, reused from one person to the next
	for p := range in.People {
		cs := in.candidates(p, SlotRank, nil, &bufs[SlotRank])
		out[p].Rank = cs[m.bestOwn(in, p, cs, bufs[SlotRank].keys)].Text(in)
		cs = in.candidates(p, SlotPosition, nil, &bufs[SlotPosition])
		var pos *Cand
		if b := m.bestOwn(in, p, cs, bufs[SlotPosition].keys); b > 0 {
			pos = &cs[b]
			out[p].Position = pos.Text(in)
		}
		cs = in.candidates(p, SlotUnit, pos, &bufs[SlotUnit])
		out[p].Unit = cs[m.bestOwn(in, p, cs, bufs[SlotUnit].keys)].Text(in)
		// Where the model sees nothing, the rules' answer stands: they
		// also read units no UNIT mention gives ("Lữ đoàn trưởng 168" →
		// "Lữ đoàn 168", "Bí thư Huyện ủy").
		rule := &in.People[p].Rule
		if out[p].Rank == "" {
			out[p].Rank = rule[SlotRank]
		}
		if out[p].Position == "" {
			out[p].Position = rule[SlotPosition]
		}
		if out[p].Unit == "" && strings.EqualFold(out[p].Position, rule[SlotPosition]) {
			out[p].Unit = rule[SlotUnit]
		}
	}
	return out
}

// Match reports whether a candidate's text is the gold value: equal after
// case folding, as the profile scorer compares them.
func Match(a, b string) bool { return strings.EqualFold(a, b) }
