package extract

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/vnews/vnews/internal/link"
	"github.com/vnews/vnews/internal/ner"
	"github.com/vnews/vnews/nlp"
)

// Type is an entity type.
type Type string

// Entity types. RANK, PERSON, UNIT and DATE are the main four; POSITION and
// LOCATION are found to fill people's profiles and are reported too.
const (
	Rank     Type = "RANK"
	Person   Type = "PERSON"
	Unit     Type = "UNIT"
	Date     Type = "DATE"
	Position Type = "POSITION"
	Location Type = "LOCATION"
)

// Entity is one mention. Start and End are byte offsets into the document
// text and Text == doc.Text[Start:End]. Which of the other fields are set
// depends on the type (see the fields).
type Entity struct {
	Type       Type
	Text       string
	Start, End int
	Sentence   int // index into doc.Sentences

	Canonical string // RANK: "Đại tá"; UNIT: expanded name; POSITION: as written
	English   string // RANK: "Colonel"
	Level     int    // RANK: 1 (Binh nhì) … 17 (Đại tướng)
	Qualifier string // RANK: "QNCN" for a professional serviceman
	Kind      string // UNIT: command, division, ...; DATE: date, datetime, ...; LOCATION: province, country, ...
	Value     string // DATE: ISO 8601 ("2020-04-23", "XXXX-04-23", "2011/2020", ...), "" when unresolved
	Ref       string // PERSON: the profile id ("p1") shared by mentions of one person
	Role      string // PERSON: "author" for a byline, "photographer" for a photo credit

	tokStart, tokEnd int // token range in doc.Tokens
}

// Profile is what an article says of one person: every mention merged.
type Profile struct {
	Ref      string
	Name     string // the longest form of the name
	Rank     string // canonical rank
	Position string
	Unit     string
	Role     string // "author", "photographer" or ""
	Mentions int
}

// Result is the extraction for one document.
type Result struct {
	Entities []Entity  // in text order
	People   []Profile // in order of first mention
	// Published is the publication time found in the article's meta line,
	// the zero time if none was found.
	Published time.Time
	// PublishedHasTime tells whether Published carries a time of day.
	PublishedHasTime bool
}

// Options are per-article settings.
type Options struct {
	// Published anchors partial and relative dates. When zero, the date in
	// the article's own meta line is used, if any.
	Published time.Time
}

// Extractor finds entities. It is read-only after New and safe for
// concurrent use.
type Extractor struct {
	lex    *lexicons
	linker *link.Model
	trace  func(*link.Input)
	tagger bool // the learned tagger decides PERSON and UNIT (the default; not WithRulesOnly)
	// tagModel and gaz replace the embedded tagger and its gazetteer
	// (WithTaggerModel); nil: the embedded ones.
	tagModel *ner.Tagger
	gaz      *ner.Gazetteer
	// vocab holds the tables indexed by a vocabulary's key ids, one per
	// vocabulary met (*nlp.Vocab → *vocabTables; see tables).
	vocab *sync.Map
}

// Option configures an Extractor.
type Option func(*extractorConfig)

type extractorConfig struct {
	extra     fs.FS
	linker    *link.Model
	linkerErr error
	trace     func(*link.Input)
	rulesOnly bool
	tagModel  *ner.Tagger
	gaz       *ner.Gazetteer
	tagErr    error
}

// WithTagger makes the learned tagger (extract/data/tagger.bin) decide the
// PERSON and UNIT mentions over the rules' candidates, keeping the rules'
// decision where it is exact by construction (see applyTagged and the
// merge rules in merge.go). It is the default: the option undoes an
// earlier WithRulesOnly. On the training articles' 5-fold cross-validation
// the tagger finds far more of them than the rules alone (exact F1 PERSON
// 96.8 and UNIT 91.2, against 86.3 and 76.9).
func WithTagger() Option {
	return func(c *extractorConfig) { c.rulesOnly = false }
}

// WithTaggerModel makes the learned tagger decide, with the tagger and the
// gazetteer read from these files instead of the embedded ones (vnews-train
// writes both; its cross-validation links people over each fold's own
// tagger).
func WithTaggerModel(tagger, gazetteer io.Reader) Option {
	return func(c *extractorConfig) {
		c.rulesOnly = false
		t, err := ner.ReadTagger(tagger)
		if err != nil {
			c.tagErr = err
			return
		}
		g, err := ner.ReadGazetteer(gazetteer, []string{string(Person), string(Unit)})
		if err != nil {
			c.tagErr = err
			return
		}
		c.tagModel, c.gaz = t.Gated(taggerWindow), g
	}
}

// WithRulesOnly makes the hand-written rules alone decide the PERSON and
// UNIT mentions: the baseline the tagger is measured against, about three
// times faster and far less accurate on news the rules were not written
// for (5-fold CV exact F1 PERSON 86.3, UNIT 76.9).
func WithRulesOnly() Option {
	return func(c *extractorConfig) { c.rulesOnly = true }
}

// WithLexiconFS adds the entries of the lexicon files found in fsys (see
// LexiconFiles) to the embedded lexicons.
func WithLexiconFS(fsys fs.FS) Option {
	return func(c *extractorConfig) { c.extra = fsys }
}

// WithLexiconDir is WithLexiconFS for a directory.
func WithLexiconDir(dir string) Option {
	return WithLexiconFS(os.DirFS(dir))
}

// New returns an extractor with the embedded lexicons and the options'.
func New(opts ...Option) (*Extractor, error) {
	var c extractorConfig
	for _, o := range opts {
		o(&c)
	}
	var lex *lexicons
	var err error
	if c.extra == nil {
		lex, err = embeddedLex()
	} else {
		lex, err = loadLexicons(c.extra)
	}
	if err != nil {
		return nil, err
	}
	if c.linkerErr != nil {
		return nil, c.linkerErr
	}
	if c.tagErr != nil {
		return nil, c.tagErr
	}
	if c.linker == nil {
		if c.linker, err = embeddedLinker(); err != nil {
			return nil, err
		}
	}
	return &Extractor{lex: lex, linker: c.linker, trace: c.trace, tagger: !c.rulesOnly, tagModel: c.tagModel, gaz: c.gaz, vocab: new(sync.Map)}, nil
}

// byStartLongest orders entities by start, the longer first.
func byStartLongest(a, b Entity) int {
	if a.Start != b.Start {
		return cmp.Compare(a.Start, b.Start)
	}
	return cmp.Compare(b.End, a.End)
}

// ErrInternal is wrapped by the error Extract returns when a step failed on
// an input it should have handled: a bug, reported with the step's name
// instead of a panic.
var ErrInternal = errors.New("extract: internal error")

// Extract finds the entities of doc and the people profiles. It never
// panics: a failing step gives a nil result and an error wrapping
// ErrInternal that names the step.
func (x *Extractor) Extract(doc *nlp.Document, opt Options) (res *Result, err error) {
	step := "start"
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, fmt.Errorf("%w in step %s: %v", ErrInternal, step, p)
		}
	}()
	return x.extract(doc, opt, &step)
}

// extract is Extract; *step names the step under way. The rules find every
// type's candidates; unless WithRulesOnly the learned tagger decides the PERSON
// and UNIT mentions (applyTagged); the profile linker ties each person to a
// rank, post and unit.
func (x *Extractor) extract(doc *nlp.Document, opt Options, step *string) (*Result, error) {
	r, res := x.ruleRun(doc, opt, step)
	if x.tagger {
		*step = "tagger"
		ts := tokPool.Get().(*tokScratch)
		spans, err := x.tagSpans(doc, x.taggerTokens(doc, r.keys, r.ents, ts), r.scratch.tagged[:0])
		ts.release()
		if err != nil {
			return nil, err
		}
		r.scratch.tagged = spans
		r.applyTagged(spans, defaultMerge)
	}
	*step = "profiles"
	res.People = r.profiles()
	res.Entities = slices.Clone(r.ents)
	r.release()
	return res, nil
}

// RuleEntities returns the mentions the rules alone find in doc, in text
// order, before the learned tagger decides the PERSON and UNIT mentions:
// the tagger's hints, and vnews-train's baseline. It never panics (a
// failing step gives no mentions).
func (x *Extractor) RuleEntities(doc *nlp.Document, opt Options) (ents []Entity) {
	defer func() {
		if recover() != nil {
			ents = nil
		}
	}()
	step := ""
	r, _ := x.ruleRun(doc, opt, &step)
	return r.ents
}

// ruleRun runs the rule steps: every type's mentions as the rules find
// them, in text order, and the publication date of the meta line.
func (x *Extractor) ruleRun(doc *nlp.Document, opt Options, step *string) (*run, *Result) {
	r := newRun(x, doc)
	res := &Result{}
	r.anchor = opt.Published
	r.anchorSet = !opt.Published.IsZero()
	// Meta lines first: they carry the publication date, which anchors the rest.
	*step = "dates"
	for si, s := range doc.Sentences {
		if s.Role == nlp.RoleMeta {
			r.findDates(si)
		}
	}
	if p, hasTime, ok := r.publishedFromMeta(); ok {
		res.Published, res.PublishedHasTime = p, hasTime
		if !r.anchorSet {
			r.anchor, r.anchorSet = p, true
		}
	}
	// Meta lines (category, posting time, the dateline code) name no one.
	content := func(si int) bool { return doc.Sentences[si].Role != nlp.RoleMeta }
	*step = "dates, ranks, units and positions"
	for si := range doc.Sentences {
		if content(si) {
			r.findDates(si)
			r.findRanks(si)
			r.findUnits(si)
			r.findPositions(si)
		}
	}
	*step = "acronyms"
	for si := range doc.Sentences {
		if content(si) {
			r.findAcronyms(si)
		}
	}
	*step = "people"
	r.findBylinePeople()
	for si := range doc.Sentences {
		if content(si) {
			r.findAliases(si)
			r.findPeople(si)
		}
	}
	for si := range doc.Sentences {
		if content(si) {
			r.findShortMentions(si)
		}
	}
	*step = "locations"
	for si := range doc.Sentences {
		if content(si) {
			r.findLocations(si)
		}
	}
	slices.SortStableFunc(r.ents, byStartLongest)
	return r, res
}

// run is the state of one extraction.
type run struct {
	keyBuf    []byte // scratch for keys built from text (rememberUnit)
	x         *Extractor
	lex       *lexicons
	doc       *nlp.Document
	toks      []nlp.Token
	keys      *docKeys
	owner     []ownerType // entity type claiming each token (see owns)
	ents      []Entity
	anchor    time.Time
	anchorSet bool
	wordRest  []uint8 // for each token, the tokens from it to its word's end (at most 255)
	upper     []bool  // for each token, whether it starts with a capital
	// givenNames are the keys of the last syllables of full names found so
	// far, for short mentions.
	givenNames map[string]bool
	// unitPrefixes maps the key of each word prefix of a unit's canonical
	// name to the name ("bộ tư lệnh thủ đô" → "Bộ Tư lệnh Thủ đô Hà Nội"),
	// by a 64-bit hash of the key (no string a prefix; see prefixHash).
	unitPrefixes map[uint64]string
	acronyms     map[string]unitInfo      // acronyms the article defined in parentheses
	firmLen      int                      // set by firmAt
	dated        bool                     // a day has been dated so far
	numbered     map[string][]numberedRef // numbered units by head key, built on first use
	dates        dateParser               // the date parser of the sentence at hand
	scratch      runScratch               // working arrays of the merge with the tagger
	quoted       bool                     // scratch.quoted counts this article's quoted words
}

// runPool keeps finished runs for the next article: their per-token
// arrays, their entity array and their maps are reused, not made again.
var runPool = sync.Pool{New: func() any { return new(run) }}

func newRun(x *Extractor, doc *nlp.Document) *run {
	r := runPool.Get().(*run)
	n := len(doc.Tokens)
	*r = run{
		x: x, lex: x.lex, doc: doc, toks: doc.Tokens, keys: r.keys.reset(doc, x),
		keyBuf: r.keyBuf[:0], givenNames: r.givenNames, unitPrefixes: r.unitPrefixes, acronyms: r.acronyms,
		owner: grow(r.owner, n), upper: grow(r.upper, n), wordRest: grow(r.wordRest, n),
		// News has one entity per ten to fifteen tokens, and text
		// written to be dense one per eight; a denser text grows the
		// array a quarter at a time.
		ents:    slices.Grow(r.ents[:0], n/8+8),
		scratch: r.scratch,
	}
	if r.givenNames == nil {
		r.givenNames, r.unitPrefixes, r.acronyms = map[string]bool{}, map[uint64]string{}, map[string]unitInfo{}
	}
	clear(r.owner)
	clear(r.wordRest)
	for i := range doc.Tokens {
		r.upper[i] = doc.Tokens[i].IsUpper()
	}
	for _, w := range doc.Words {
		for i := w.TokStart; i < w.TokEnd; i++ {
			r.wordRest[i] = uint8(min(w.TokEnd-i, 255))
		}
	}
	return r
}

// release gives r back to runPool once the article's result no longer
// needs it (Extract copies the entities out first). Its maps are emptied
// and nothing of the article is kept.
func (r *run) release() {
	if len(r.toks) > maxPooledTokens { // a book-sized article's arrays go to the collector
		return
	}
	clear(r.ents[:cap(r.ents)])
	clear(r.givenNames)
	clear(r.unitPrefixes)
	clear(r.acronyms)
	r.numbered = nil // built on first use, per article
	r.keys.release()
	r.scratch.release()
	r.x, r.lex, r.doc, r.toks, r.dates = nil, nil, nil, nil, dateParser{}
	runPool.Put(r)
}

// add records an entity over tokens [i, j) of sentence si and claims them.
func (r *run) add(e Entity, si, i, j int) *Entity {
	e.Start, e.End = r.toks[i].Start, r.toks[j-1].End
	e.Text = r.doc.Text[e.Start:e.End]
	e.Sentence = si
	e.tokStart, e.tokEnd = i, j
	for k := i; k < j; k++ {
		if r.owns(k) == "" {
			r.owner[k] = ownerOf(e.Type)
		}
	}
	r.ents = append(r.ents, e)
	return &r.ents[len(r.ents)-1]
}

// free reports whether tokens [i, j) are claimed by no entity.
func (r *run) free(i, j int) bool {
	for k := i; k < j; k++ {
		if r.owns(k) != "" {
			return false
		}
	}
	return true
}

// bounds returns the token range of sentence si.
func (r *run) bounds(si int) (int, int) {
	s := r.doc.Sentences[si]
	return s.TokStart, s.TokEnd
}

func (r *run) key(i int) string { return r.keys.at(i) }

// The token tests below answer false for an index past either end, so that
// steps may look ahead (or back) freely at the edges of the text.

func (r *run) isWord(i int) bool { return r.in(i) && r.toks[i].Kind == nlp.KindWord }

func (r *run) isUpperWord(i int) bool {
	return r.in(i) && r.upper[i] && r.toks[i].Kind == nlp.KindWord
}

// up reports whether token i starts with a capital letter.
func (r *run) up(i int) bool { return r.in(i) && r.upper[i] }

// in reports whether i is a token index.
func (r *run) in(i int) bool { return i >= 0 && i < len(r.toks) }

// adjacent reports whether tokens i and i+1 are separated by spaces on one
// line (so they can be parts of one name).
func (r *run) adjacent(i int) bool {
	if i+1 >= len(r.toks) {
		return false
	}
	a, b := r.toks[i], r.toks[i+1]
	for k := a.End; k < b.Start; k++ {
		if r.doc.Text[k] == '\n' {
			return false
		}
	}
	return true
}

// ownerType is the entity type claiming a token, in one byte: a
// book-sized article has millions of tokens.
type ownerType uint8

// ownerTypes lists the types in ownerType order; 0 is no owner.
var ownerTypes = [...]Type{"", Rank, Person, Unit, Date, Position, Location}

func ownerOf(t Type) ownerType {
	for i, x := range ownerTypes {
		if x == t {
			return ownerType(i)
		}
	}
	panic("extract: no owner code for type " + string(t))
}

// owns returns the type of the entity claiming token i, "" if none.
func (r *run) owns(i int) Type { return ownerTypes[r.owner[i]] }

// wordEndAt returns the token index where token i's word ends (a word runs
// at most 255 tokens past i here: no word is that long).
func (r *run) wordEndAt(i int) int { return i + int(r.wordRest[i]) }

// wordStart reports whether token i starts a word of the segmenter's.
func (r *run) wordStart(i int) bool { return i == 0 || r.wordEndAt(i-1) <= i }
