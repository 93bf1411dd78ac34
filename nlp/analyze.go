package nlp

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/vnews/vnews/internal/offheap"
)

// Document is an analyzed article: its NFC text, the layout found in it, and
// its sentences, tokens and words, all with byte offsets into Text. A
// Document is not modified after Analyze returns it.
type Document struct {
	Text      string
	Sentences []Sentence
	Tokens    []Token
	Words     []Word

	Title    Span // the headline, if found
	Category Span // a category line above the title ("Tin quân đội")
	Dateline Span // a news agency code before the lead ("QPTĐ")
	Byline   Span // the whole byline ("Tin, ảnh: Hoàng Hải")
	Author   Span // the author's name inside the byline ("Hoàng Hải")

	keys   string // matching keys of the tokens (see Keys)
	keyOff []int32
	keyIDs []int32 // the segmentation model's id of each token's key (see KeyIDs)
	vocab  *Vocab
	spare  *sync.Pool // where Release gives the arrays back (the analyzer's)
}

// Release gives the document's sentence, token, word and key-offset arrays
// back to the Analyzer that made it, for a later analysis to reuse, and
// empties them: the document must not be used afterwards, and no slice of
// those arrays may be kept. Its text, and strings taken from it (a token's
// Text, a span's text), stay valid. Releasing is optional: a document that
// is never released is collected as usual. The arrays of a large document
// (over maxSpareTokens tokens) are left to the collector.
func (d *Document) Release() {
	if d.spare == nil || cap(d.Tokens) > maxSpareTokens {
		return
	}
	d.spare.Put(&docArrays{tokens: d.Tokens[:0], words: d.Words[:0], sentences: d.Sentences[:0], keyOff: d.keyOff[:0], keyIDs: d.keyIDs[:0]})
	d.spare, d.Tokens, d.Words, d.Sentences, d.keys, d.keyOff, d.keyIDs, d.vocab = nil, nil, nil, nil, "", nil, nil, nil
}

// maxSpareTokens bounds the arrays kept for reuse: those of a news article
// (a few thousand tokens) are, a book's are not.
const maxSpareTokens = 1 << 15

// docArrays are a released document's arrays.
type docArrays struct {
	tokens    []Token
	words     []Word
	sentences []Sentence
	keyOff    []int32
	keyIDs    []int32
}

// SpanText returns the text of a span ("" for an absent span).
func (d *Document) SpanText(s Span) string {
	if s.IsZero() {
		return ""
	}
	return d.Text[s.Start:s.End]
}

// SentenceText returns the text of sentence i.
func (d *Document) SentenceText(i int) string {
	s := d.Sentences[i]
	return d.Text[s.Start:s.End]
}

// SentenceTokens returns the tokens of sentence i.
func (d *Document) SentenceTokens(i int) []Token {
	s := d.Sentences[i]
	return d.Tokens[s.TokStart:s.TokEnd]
}

// SentenceWords returns the words of sentence i.
func (d *Document) SentenceWords(i int) []Word {
	s := d.Sentences[i]
	return d.Words[s.WordStart:s.WordEnd]
}

// SentenceAt returns the index of the sentence containing byte offset off,
// or -1.
func (d *Document) SentenceAt(off int) int {
	lo, hi := 0, len(d.Sentences)
	for lo < hi {
		m := (lo + hi) / 2
		if d.Sentences[m].End <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(d.Sentences) && d.Sentences[lo].Start <= off {
		return lo
	}
	return -1
}

//go:embed data/words.txt
var embeddedWords []byte

// defaultLexicon is the embedded word list, parsed once.
var defaultLexicon = sync.OnceValues(func() (*Lexicon, error) {
	l, err := ReadLexicon(bytes.NewReader(embeddedWords), "embedded words.txt")
	offheap.Forget(embeddedWords)
	return l, err
})

//go:embed data/segmenter.bin
var embeddedModel []byte

// defaultModel is the embedded segmentation model, parsed once.
var defaultModel = sync.OnceValues(func() (*segModel, error) {
	m, err := parseSegModel(embeddedModel)
	offheap.Forget(embeddedModel) // its tables are built: 6 MB less resident
	return m, err
})

// Analyzer runs the text analysis pipeline. It holds the models and lexicons,
// loaded once; it is safe for concurrent use.
type Analyzer struct {
	seg   *Segmenter
	spare *sync.Pool // *docArrays of released documents
}

// Option configures an Analyzer.
type Option func(*config) error

type config struct {
	lex     *Lexicon
	user    *Lexicon
	model   *segModel
	noModel bool
}

// WithSegmenterModel replaces the embedded segmentation model with one
// written by the trainer (`vnews-train segmenter -out FILE`).
func WithSegmenterModel(r io.Reader) Option {
	return func(c *config) error {
		m, err := readSegModel(r)
		c.model = m
		return err
	}
}

// WithLongestMatch segments by greedy longest match over the lexicon
// instead of the trained model: the simple baseline, for comparison.
func WithLongestMatch() Option {
	return func(c *config) error {
		c.noModel = true
		return nil
	}
}

// WithUserDict adds words (one per line, syllables separated by spaces or
// "_") that the segmenter always keeps whole, such as unit and place names.
func WithUserDict(r io.Reader, name string) Option {
	return func(c *config) error {
		if c.user == nil {
			c.user = NewLexicon()
		}
		return c.user.Read(r, name)
	}
}

// WithLexicon replaces the embedded word list, used by WithLongestMatch,
// with the words of r.
func WithLexicon(r io.Reader, name string) Option {
	return func(c *config) error {
		l, err := ReadLexicon(r, name)
		c.lex = l
		return err
	}
}

// NewAnalyzer builds an analyzer from the embedded models and the options.
func NewAnalyzer(opts ...Option) (*Analyzer, error) {
	var c config
	for _, o := range opts {
		if err := o(&c); err != nil {
			return nil, err
		}
	}
	if c.noModel {
		c.model = nil
		if c.lex == nil {
			l, err := defaultLexicon()
			if err != nil {
				return nil, fmt.Errorf("nlp: loading embedded lexicon: %w", err)
			}
			c.lex = l
		}
	} else if c.model == nil {
		m, err := defaultModel()
		if err != nil {
			return nil, fmt.Errorf("nlp: loading embedded segmentation model: %w", err)
		}
		c.model = m
	}
	seg := &Segmenter{lex: c.lex, user: c.user, model: c.model}
	seg.init()
	return &Analyzer{seg: seg, spare: &sync.Pool{}}, nil
}

var defaultAnalyzer = sync.OnceValues(func() (*Analyzer, error) { return NewAnalyzer() })

// Default returns the analyzer with the embedded models, built on first use.
func Default() (*Analyzer, error) { return defaultAnalyzer() }

// Analyze runs the default analyzer on text (see Analyzer.Analyze).
func Analyze(text string) (*Document, error) {
	a, err := Default()
	if err != nil {
		return nil, err
	}
	return a.Analyze(text, Hints{})
}

// Segmenter returns the analyzer's word segmenter.
func (a *Analyzer) Segmenter() *Segmenter { return a.seg }

// Analyze normalizes text to NFC (repairing invalid UTF-8), finds the
// article's layout (title, meta lines, dateline, lead, captions, byline,
// boilerplate), splits it into sentences, tokens and words. It fails only
// with ErrEmpty, for text with nothing but white space, and ErrTooLarge,
// for text of MaxText bytes or more.
func (a *Analyzer) Analyze(text string, h Hints) (*Document, error) {
	if len(text) >= MaxText {
		return nil, ErrTooLarge
	}
	d, err := DecodeString(text)
	if err != nil {
		return nil, err
	}
	return a.analyzeNormalized(d.Text, h), nil
}

// MaxText is the size of the smallest text a document cannot hold (2 GiB):
// words and keys keep 32-bit offsets.
const MaxText = 1<<31 - 1

// ErrTooLarge reports a text of MaxText bytes or more.
var ErrTooLarge = errors.New("nlp: text of 2 GiB or more")

// AnalyzeNormalized is Analyze for text already decoded and in NFC, such as
// Decoded.Text. It never fails: empty text, and text of MaxText bytes or
// more (which the caller should refuse), give an empty document.
func (a *Analyzer) AnalyzeNormalized(text string, h Hints) *Document {
	if len(text) >= MaxText {
		return &Document{Text: text}
	}
	return a.analyzeNormalized(text, h)
}

func (a *Analyzer) analyzeNormalized(text string, h Hints) *Document {
	doc := &Document{Text: text, spare: a.spare}
	var spare docArrays
	if a.spare != nil {
		if v, ok := a.spare.Get().(*docArrays); ok {
			spare = *v
		}
	}
	st := analyzeStructure(text, h)
	doc.Title, doc.Category, doc.Dateline = st.title, st.category, st.dateline
	doc.Byline, doc.Author = st.byline, st.author
	if c := tokenCapacity(text); cap(spare.tokens) >= c {
		doc.Tokens = spare.tokens[:0]
	} else {
		doc.Tokens = make([]Token, 0, c)
	}
	doc.Sentences = spare.sentences[:0]
	var ranges [][2]int
	var join []bool
	for pi, p := range st.paragraphs {
		pstart := p.start
		if pi == st.leadPara && !st.dateline.IsZero() {
			// The dateline ("QPTĐ-") is a meta sentence of its own.
			dashEnd := datelineEnd(text, st.dateline.End, p.end)
			lo := len(doc.Tokens)
			doc.Tokens = Tokenize(doc.Tokens, text, p.start, dashEnd)
			doc.Sentences = append(doc.Sentences, Sentence{Start: p.start, End: dashEnd, Role: RoleMeta, Paragraph: pi, TokStart: lo, TokEnd: len(doc.Tokens)})
			pstart = dashEnd
		}
		lo := len(doc.Tokens)
		doc.Tokens = Tokenize(doc.Tokens, text, pstart, p.end)
		toks := doc.Tokens[lo:]
		ranges = splitSentences(ranges[:0], text, toks)
		// A byline the scraper glued to the last sentence: "... gia tăng.
		// Minh Khuê - Đức Toàn - Hải Yến".
		gluedByline := -1
		if pi == st.lastBody && st.byline.IsZero() && len(ranges) > 1 && p.role.IsContent() {
			r := ranges[len(ranges)-1]
			ls, le := toks[r[0]].Start, toks[r[1]-1].End
			if a, b, ok := bylineName(text[ls:le]); ok && b > a && !endsSentence(text[ls:le]) {
				gluedByline = len(ranges) - 1
				st.byline, st.author = Span{ls, le}, Span{ls + a, ls + b}
				doc.Byline, doc.Author = st.byline, st.author
			}
		}
		for si, r := range ranges {
			role := p.role
			if si == gluedByline {
				role = RoleByline
			}
			if pi == st.leadPara && si > 0 && (st.bodyParas == 1 || len(ranges) > 3) {
				role = RoleBody
			}
			s := Sentence{
				Start: toks[r[0]].Start, End: toks[r[1]-1].End, Role: role, Paragraph: pi,
				TokStart: lo + r[0], TokEnd: lo + r[1],
			}
			doc.Sentences = append(doc.Sentences, s)
		}
	}
	doc.Tokens = clip(doc.Tokens)
	doc.keys, doc.keyOff = documentKeys(doc.Tokens, len(text), spare.keyOff)
	if v := a.seg.vocab(); v != nil {
		doc.vocab = v
		if cap(spare.keyIDs) >= len(doc.Tokens) {
			doc.keyIDs = spare.keyIDs[:len(doc.Tokens)]
			clear(doc.keyIDs) // a token outside every sentence keeps 0
		} else {
			doc.keyIDs = make([]int32, len(doc.Tokens))
		}
	}
	// Words are about 70% of the tokens in Vietnamese news; a text with
	// more grows the array by a quarter at a time.
	if c := len(doc.Tokens)*4/5 + 16; cap(spare.words) >= c {
		doc.Words = spare.words[:0]
	} else {
		doc.Words = make([]Word, 0, c)
	}
	for i := range doc.Sentences {
		s := &doc.Sentences[i]
		toks := doc.Tokens[s.TokStart:s.TokEnd]
		if cap(join) < len(toks) {
			join = make([]bool, len(toks))
		}
		j := join[:max(len(toks)-1, 0)]
		var ids []int32
		if doc.keyIDs != nil {
			ids = doc.keyIDs[s.TokStart:s.TokEnd]
		}
		a.seg.segment(text, toks, j, doc.keys, doc.keyOff[s.TokStart:s.TokEnd+1], ids)
		s.WordStart = len(doc.Words)
		doc.Words = buildWords(doc.Words, text, doc.Tokens, s.TokStart, s.TokEnd, j)
		s.WordEnd = len(doc.Words)
	}
	doc.Words = clip(doc.Words)
	return doc
}

// tokenCapacity is the capacity to give a document's token array: an
// estimate for ordinary articles, and for a large text (a book-sized
// input) the exact count, found by tokenizing it once in windows that end
// at white space, so that no array of it is larger than needed.
func tokenCapacity(text string) int {
	if len(text) < 1<<20 {
		return len(text)/4 + 1
	}
	var scratch []Token
	n := 0
	for start := 0; start < len(text); {
		end := min(start+64<<10, len(text))
		if end < len(text) {
			if sp := strings.LastIndexAny(text[start:end], " \t\n\r"); sp > 0 {
				end = start + sp + 1
			}
		}
		scratch = Tokenize(scratch[:0], text, start, end)
		n += len(scratch)
		start = end
	}
	return n + 1
}

// clip gives back the spare capacity of a large slice sized by an
// estimate (tokens, words) when more than an eighth of it is unused: a
// document keeps its arrays for its whole life, and on a book-sized article
// the spare room is hundreds of megabytes.
func clip[T any](s []T) []T {
	if c := cap(s); c > 1<<14 && c-len(s) > c/8 {
		return slices.Clone(s)
	}
	return s
}

// documentKeys returns the matching keys of all tokens, each followed by a
// space, and where each starts (one more offset at the end).
func documentKeys(toks []Token, size int, spare []int32) (string, []int32) {
	b := make([]byte, 0, size+len(toks))
	var off []int32
	if cap(spare) > len(toks) {
		off = spare[:len(toks)+1]
	} else {
		off = make([]int32, len(toks)+1)
	}
	kc := keyCaches.Get().(*keyCache)
	defer keyCaches.Put(kc)
	for i := range toks {
		off[i] = int32(len(b))
		b = kc.appendKey(b, toks[i].Text)
		b = append(b, ' ')
	}
	off[len(toks)] = int32(len(b))
	// The bytes are never written again: the string shares them, as
	// strings.Builder does, instead of copying the keys once more.
	return unsafe.String(unsafe.SliceData(b), len(b)), off
}

// keyCache is a direct-mapped cache of the matching keys of short token
// texts: news text repeats a few thousand syllables, and copying a key
// costs less than folding the syllable again. A key is a function of the
// text alone, so the cache gives what AppendKey gives.
type keyCache struct {
	slots [keyCacheSize]keySlot
}

const (
	keyCacheSize = 1 << 12
	keyTextMax   = 15 // longest text kept; its key has at most one byte more
)

type keySlot struct {
	text    [keyTextMax]byte
	textLen uint8 // 0: empty
	key     [keyTextMax + 1]byte
	keyLen  uint8
}

var keyCaches = sync.Pool{New: func() any { return new(keyCache) }}

// appendKey is AppendKey(dst, s), from the cache when s was seen.
func (c *keyCache) appendKey(dst []byte, s string) []byte {
	if len(s) == 0 || len(s) > keyTextMax {
		return AppendKey(dst, s)
	}
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	e := &c.slots[(h^h>>15)&(keyCacheSize-1)]
	if int(e.textLen) == len(s) && string(e.text[:e.textLen]) == s {
		return append(dst, e.key[:e.keyLen]...)
	}
	n := len(dst)
	dst = AppendKey(dst, s)
	if k := dst[n:]; len(k) <= len(e.key) {
		e.textLen = uint8(copy(e.text[:], s))
		e.keyLen = uint8(copy(e.key[:], k))
	}
	return dst
}

// Keys returns the matching key (see AppendKey) of every token, each
// followed by a space, in one string, and the offset where each starts:
// token i's key is keys[off[i]:off[i+1]-1], and the key of tokens [i, j)
// is keys[off[i]:off[j]-1]. A document from an Analyzer has them already
// (shared: do not modify off); for any other they are computed per call.
func (d *Document) Keys() (keys string, off []int32) {
	if d.keyOff == nil || len(d.keyOff) != len(d.Tokens)+1 {
		return documentKeys(d.Tokens, len(d.Text), nil)
	}
	return d.keys, d.keyOff
}

// KeyIDs returns, for a document an Analyzer made with a segmentation
// model, the id in vocab of every token's matching key (see Vocab): the
// segmenter looks each one up once, and later stages index their own
// tables by it instead of looking the key up again. A token whose key the
// vocabulary does not hold (a number, a mark, an unseen syllable) has id
// 0. A document made otherwise (without a model, or not by an Analyzer)
// gives nil, nil.
func (d *Document) KeyIDs() (ids []int32, vocab *Vocab) {
	if d.vocab == nil || len(d.keyIDs) != len(d.Tokens) {
		return nil, nil
	}
	return d.keyIDs, d.vocab
}

// datelineEnd returns the offset just after the dash that follows a
// dateline ending at off (after a closing parenthesis too).
func datelineEnd(text string, off, limit int) int {
	i := off
	for i < limit && (text[i] == ' ' || text[i] == '\t' || text[i] == ')') {
		i++
	}
	for i < limit {
		r, n := decodeRune(text, i)
		if r != '-' && r != '–' && r != '—' {
			break
		}
		i += n
	}
	return i
}
