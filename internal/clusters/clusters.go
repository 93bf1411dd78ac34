package clusters

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/vnews/vnews/nlp"
)

// ErrSyntax is wrapped by every error Load returns for a malformed file.
var ErrSyntax = errors.New("clusters: syntax error")

// Map holds the bit path of every clustered word. It is read-only after
// Load and safe for concurrent use.
type Map struct {
	idx   map[string]uint32 // key → index into paths
	paths []string          // the distinct paths, in order of first appearance
}

// Load reads a clusters file: one word per line, "PATH\tWORD\tCOUNT"
// (the paths file of Liang's wcluster), where PATH is a string of 0s and
// 1s, WORD is the word as it reads (lowercase, digits as 0) and COUNT its
// frequency in the training text. Blank lines and lines starting with '#'
// are skipped. Each word is stored under its key (Key); two lines with the
// same key are an error. Errors wrap ErrSyntax and name the line.
func Load(r io.Reader) (*Map, error) {
	m := &Map{idx: map[string]uint32{}}
	pathIdx := map[string]uint32{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	var kb []byte
	for line := 1; sc.Scan(); line++ {
		s := sc.Text()
		if s == "" || s[0] == '#' {
			continue
		}
		path, rest, ok1 := strings.Cut(s, "\t")
		word, count, ok2 := strings.Cut(rest, "\t")
		if !ok1 || !ok2 || word == "" {
			return nil, fmt.Errorf("%w: line %d: want PATH<TAB>WORD<TAB>COUNT", ErrSyntax, line)
		}
		if strings.Trim(path, "01") != "" {
			return nil, fmt.Errorf("%w: line %d: path %q is not made of 0 and 1", ErrSyntax, line, path)
		}
		if _, err := strconv.ParseUint(count, 10, 64); err != nil {
			return nil, fmt.Errorf("%w: line %d: count %q", ErrSyntax, line, count)
		}
		kb = AppendKey(kb[:0], nlp.Normalize(word))
		if _, dup := m.idx[string(kb)]; dup {
			return nil, fmt.Errorf("%w: line %d: %q appears twice", ErrSyntax, line, word)
		}
		pi, ok := pathIdx[path]
		if !ok {
			pi = uint32(len(m.paths))
			m.paths = append(m.paths, path)
			pathIdx[path] = pi
		}
		m.idx[string(kb)] = pi
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("clusters: %w", err)
	}
	return m, nil
}

// Len returns the number of words in the map.
func (m *Map) Len() int { return len(m.idx) }

// Clusters returns the number of distinct paths.
func (m *Map) Clusters() int { return len(m.paths) }

// All yields every clustered word's key (digits folded) and path.
func (m *Map) All(yield func(key, path string) bool) {
	if m == nil {
		return
	}
	for k, i := range m.idx {
		if !yield(k, m.paths[i]) {
			return
		}
	}
}

// Path returns the bit path of the word with the matching key key
// (nlp.AppendKey; digits are folded here), and whether the word is known.
func (m *Map) Path(key string) (string, bool) {
	if m == nil {
		return "", false
	}
	if !HasDigit19(key) {
		i, ok := m.idx[key]
		if !ok {
			return "", false
		}
		return m.paths[i], true
	}
	var buf [64]byte
	b := foldDigits(append(buf[:0], key...))
	i, ok := m.idx[string(b)]
	if !ok {
		return "", false
	}
	return m.paths[i], true
}

// Prefix returns the first n bits of the path of key, the whole path if
// it is shorter, and "" for an unknown word or n <= 0. The usual feature
// lengths are 4, 6, 10 and 20. It does not allocate.
func (m *Map) Prefix(key string, n int) string {
	p, ok := m.Path(key)
	if !ok || n <= 0 {
		return ""
	}
	return p[:min(n, len(p))]
}

// AppendKey appends to dst the key under which text, one token, is
// clustered: its matching key (nlp.AppendKey) with every ASCII digit
// replaced by 0. text must be in NFC.
func AppendKey(dst []byte, text string) []byte {
	n := len(dst)
	dst = nlp.AppendKey(dst, text)
	foldDigits(dst[n:])
	return dst
}

// Key returns the cluster key of text, one token, in any normalization form.
func Key(text string) string {
	return string(AppendKey(nil, nlp.Normalize(text)))
}

func foldDigits(b []byte) []byte {
	for i, c := range b {
		if '1' <= c && c <= '9' {
			b[i] = '0'
		}
	}
	return b
}

// HasDigit19 reports whether s has a digit from 1 to 9: a key the map
// folds (every such digit read as 0) before it looks it up.
func HasDigit19(s string) bool {
	for i := 0; i < len(s); i++ {
		if '1' <= s[i] && s[i] <= '9' {
			return true
		}
	}
	return false
}
