package nlp

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Lexicon is a set of multi-syllable words keyed by their matching key (see
// Key), so that lookups ignore tone-mark placement and capitalization. It is
// read-only after it is built and safe for concurrent use.
type Lexicon struct {
	words  map[string]uint32 // key → frequency (at least 1)
	forms  map[string]string // key → the word as first added
	maxLen int               // longest word, in syllables
}

// LexiconWord is a word of a lexicon with its frequency.
type LexiconWord struct {
	Text string
	Freq uint32
}

// Words returns the lexicon's words (in no particular order).
func (l *Lexicon) Words() []LexiconWord {
	out := make([]LexiconWord, 0, len(l.words))
	for k, f := range l.words {
		out = append(out, LexiconWord{Text: l.forms[k], Freq: f})
	}
	return out
}

// NewLexicon returns an empty lexicon.
func NewLexicon() *Lexicon { return &Lexicon{words: map[string]uint32{}, forms: map[string]string{}} }

// Add adds a word given as text ("Bộ Tư lệnh" or "Bộ_Tư_lệnh") with a frequency.
func (l *Lexicon) Add(word string, freq uint32) {
	word = strings.ReplaceAll(word, "_", " ")
	n := len(strings.Fields(word))
	if n == 0 {
		return
	}
	if freq == 0 {
		freq = 1
	}
	k := Key(word)
	if _, ok := l.forms[k]; !ok {
		l.forms[k] = strings.Join(strings.Fields(word), " ")
	}
	if l.words[k] < freq {
		l.words[k] = freq
	}
	if n > l.maxLen {
		l.maxLen = n
	}
}

func (l *Lexicon) clone() *Lexicon {
	c := &Lexicon{words: make(map[string]uint32, len(l.words)), forms: make(map[string]string, len(l.forms)), maxLen: l.maxLen}
	for k, v := range l.words {
		c.words[k] = v
		c.forms[k] = l.forms[k]
	}
	return c
}

// Merge adds the words of o to l.
func (l *Lexicon) Merge(o *Lexicon) {
	for k, v := range o.words {
		if _, ok := l.forms[k]; !ok {
			l.forms[k] = o.forms[k]
		}
		if l.words[k] < v {
			l.words[k] = v
		}
	}
	l.maxLen = max(l.maxLen, o.maxLen)
}

// Len returns the number of words.
func (l *Lexicon) Len() int { return len(l.words) }

// MaxLen returns the length in syllables of the longest word.
func (l *Lexicon) MaxLen() int { return l.maxLen }

// Freq returns the frequency of the word with matching key k, 0 if absent.
func (l *Lexicon) Freq(k string) uint32 { return l.words[k] }

// Has reports whether the word (any spelling) is in the lexicon.
func (l *Lexicon) Has(word string) bool {
	_, ok := l.words[Key(strings.ReplaceAll(word, "_", " "))]
	return ok
}

// ReadLexicon reads words, one per line, optionally followed by a tab and a
// frequency. Syllables are separated by spaces or "_". Blank lines and lines
// starting with '#' are skipped. Errors name the line.
func ReadLexicon(r io.Reader, name string) (*Lexicon, error) {
	l := NewLexicon()
	return l, l.Read(r, name)
}

// Read adds the words of r (format of ReadLexicon) to l.
func (l *Lexicon) Read(r io.Reader, name string) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		word, freq := line, uint64(1)
		if k := strings.IndexByte(line, '\t'); k >= 0 {
			word = strings.TrimSpace(line[:k])
			f, err := strconv.ParseUint(strings.TrimSpace(line[k+1:]), 10, 32)
			if err != nil {
				return &InputError{Name: name, Line: n, Err: fmt.Errorf("bad frequency: %w", err)}
			}
			freq = f
		}
		l.Add(Normalize(word), uint32(freq))
	}
	if err := sc.Err(); err != nil {
		return &InputError{Name: name, Line: n, Err: err}
	}
	return nil
}

// InputError is an error in an input file, naming the file and line.
type InputError struct {
	Name string // file name, or a description such as "<stdin>"
	Line int    // 1-based line number, 0 if unknown
	Err  error
}

func (e *InputError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Name, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Name, e.Err)
}

func (e *InputError) Unwrap() error { return e.Err }
