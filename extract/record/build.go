package record

import (
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"time"

	"github.com/vnews/vnews/extract"
	"github.com/vnews/vnews/extract/summary"
	"github.com/vnews/vnews/nlp"
)

// Parts selects what a record holds.
type Parts uint8

// Record parts. The text and the article's metadata are always there.
const (
	PartSentences Parts = 1 << iota
	PartEntities
	PartSummary
	PartStats
	PartText

	PartAll = PartSentences | PartEntities | PartSummary | PartStats | PartText
)

// Options configure a Builder.
type Options struct {
	Parts     Parts
	Encoding  nlp.Encoding    // for text input; EncodingAuto detects it
	Published time.Time       // anchor for articles without a date of their own
	Summary   summary.Options // summary length and explanation
	Words     bool            // the record lists the segmented words (Record.Words)
}

// Builder runs the whole pipeline on articles. It is safe for concurrent use.
type Builder struct {
	an   *nlp.Analyzer
	ex   *extract.Extractor
	sum  *summary.Summarizer
	opts Options
}

// NewBuilder returns a builder over the given analyzer and extractor (nil:
// the defaults with embedded models).
func NewBuilder(an *nlp.Analyzer, ex *extract.Extractor, opts Options) (*Builder, error) {
	var err error
	if an == nil {
		if an, err = nlp.Default(); err != nil {
			return nil, err
		}
	}
	if ex == nil {
		if ex, err = extract.New(); err != nil {
			return nil, err
		}
	}
	if opts.Parts == 0 {
		opts.Parts = PartAll
	}
	return &Builder{an: an, ex: ex, sum: summary.New(), opts: opts}, nil
}

// ErrArticle is wrapped by the error Build returns for an article that gave
// an error record.
var ErrArticle = errors.New("record: article not processed")

// Build turns one article into its record. It never panics: an article that
// cannot be processed gives an error record (Record.Error set) and an error
// wrapping ErrArticle. A stage that fails on the article (a bug) gives an
// "internal" error record that names the stage.
func (b *Builder) Build(a Article) (rec Record, err error) {
	rec = Record{Schema: Schema, ID: a.ID, Source: a.Source, URL: a.URL, Extra: a.Extra}
	stage := "decode"
	defer func() {
		if p := recover(); p != nil {
			rec = errorRecord(a, &Error{Code: CodeInternal, Message: fmt.Sprintf("internal error in stage %s: %v", stage, p)})
			err = fmt.Errorf("%w: %s: panic in stage %s: %v\n%s", ErrArticle, a.Source, stage, p, debug.Stack())
		}
	}()
	if a.Err != nil {
		return errorRecord(a, a.Err), fmt.Errorf("%w: %s: %s", ErrArticle, a.Source, a.Err.Message)
	}
	var dec nlp.Decoded
	switch {
	case a.JSON:
		dec, err = nlp.DecodeString(a.Text)
	case a.HTML:
		stage = "html"
		var page htmlArticle
		dec, page, err = decodePage(a.Raw, b.opts.Encoding)
		if err == nil || !errors.Is(err, nlp.ErrEmpty) {
			rec.Encoding = string(dec.Encoding)
		}
		if a.Title == "" {
			a.Title = page.Title
		}
		if a.Published == "" {
			a.Published = page.Published
		}
	default:
		dec, err = nlp.Decode(a.Raw, b.opts.Encoding)
		a.Raw = nil // decoded: the bytes can go while the text is analyzed
		if err == nil || !errors.Is(err, nlp.ErrEmpty) {
			rec.Encoding = string(dec.Encoding)
		}
	}
	if err != nil {
		e := &Error{Code: CodeEncoding, Message: err.Error()}
		switch {
		case errors.Is(err, nlp.ErrEmpty):
			e = &Error{Code: CodeEmpty, Message: "the article has no text"}
		case errors.Is(err, nlp.ErrBinary):
			e = &Error{Code: CodeBinary, Message: "the input is binary data, not text"}
		}
		return errorRecord(a, e), fmt.Errorf("%w: %s: %s", ErrArticle, a.Source, e.Message)
	}
	if len(dec.Text) >= nlp.MaxText {
		e := &Error{Code: CodeTooLarge, Message: "the article's text is 2 GiB or more"}
		return errorRecord(a, e), fmt.Errorf("%w: %s: %s", ErrArticle, a.Source, e.Message)
	}
	rec.Warnings = dec.Warnings
	stage = "analyze"
	doc := b.an.AnalyzeNormalized(dec.Text, nlp.Hints{Title: a.Title})
	collectHuge(doc.Text) // the analysis's working state
	if err := b.fill(&rec, a, doc, &stage); err != nil {
		e := &Error{Code: CodeInternal, Message: fmt.Sprintf("internal error in stage %s: %v", stage, err)}
		return errorRecord(a, e), fmt.Errorf("%w: %s: %s", ErrArticle, a.Source, e.Message)
	}
	return rec, nil
}

func errorRecord(a Article, e *Error) Record {
	return Record{Schema: Schema, ID: a.ID, Source: a.Source, URL: a.URL, Error: e, Extra: a.Extra}
}

// fill writes the analysis of doc into rec; *stage names the stage under
// way.
func (b *Builder) fill(rec *Record, a Article, doc *nlp.Document, stage *string) error {
	*stage = "record"
	p := b.opts.Parts
	rec.Title = a.Title
	if rec.Title == "" {
		rec.Title = collapse(doc.SpanText(doc.Title))
	}
	rec.Category = collapse(doc.SpanText(doc.Category))
	rec.Author = collapse(doc.SpanText(doc.Author))
	rec.Dateline = doc.SpanText(doc.Dateline)
	if p&PartText != 0 {
		rec.Text = doc.Text
	}
	off := newRuneOffsets(doc.Text)
	if p&PartSentences != 0 {
		rec.Sentences = make([]Sentence, len(doc.Sentences))
		for i, s := range doc.Sentences {
			rec.Sentences[i] = Sentence{Start: off.at(s.Start), End: off.at(s.End), Role: s.Role.String()}
		}
	}
	anchor, published := b.anchor(a)
	var res *extract.Result
	if p&(PartEntities|PartSummary) != 0 {
		*stage = "entities"
		var err error
		if res, err = b.ex.Extract(doc, extract.Options{Published: anchor}); err != nil {
			return err
		}
		collectHuge(doc.Text) // the extraction's working state
		*stage = "record"
		if published == "" && !res.Published.IsZero() {
			if res.PublishedHasTime {
				published = res.Published.Format(time.RFC3339)
			} else {
				published = res.Published.Format("2006-01-02")
			}
		}
	}
	if published == "" && !b.opts.Published.IsZero() {
		published = b.opts.Published.Format("2006-01-02")
	}
	rec.Published = published
	so := b.opts.Summary
	if p&PartSummary != 0 {
		*stage = "summary"
		so.Entities = entityCounts(doc, res)
		so.Keywords, so.Phrases = keywordCount, keyPhrases(res)
		s := b.sum.Summarize(doc, so)
		so = summary.Options{}
		collectHuge(doc.Text) // the summary's working state
		rec.Summary = &Summary{Sentences: s.Sentences, Text: s.Text, Lines: s.Lines}
		if rec.Summary.Sentences == nil {
			rec.Summary.Sentences = []int{}
		}
		rec.Keywords = make([]Keyword, 0, len(s.Keywords))
		if s.Shortest > 0 {
			rec.Summary.Shortest = s.Shortest
			rec.Warnings = append(rec.Warnings, fmt.Sprintf("no sentence fits the summary's budget of %d syllables (the shortest candidate has %d): the summary is empty", b.opts.Summary.MaxWords, s.Shortest))
		}
		for _, k := range s.Keywords {
			rec.Keywords = append(rec.Keywords, Keyword{Text: k.Text, Score: k.Score})
		}
		for _, sc := range s.Scores {
			rec.Summary.Explain = append(rec.Summary.Explain, SentenceScore{Sentence: sc.Sentence, Score: round3(sc.Total),
				Position: round3(sc.Position), Length: round3(sc.Length), Centrality: round3(sc.Centrality),
				Title: round3(sc.Title), Entities: round3(sc.Entities), Other: round3(sc.Other),
				Redundancy: round3(sc.Redundancy), Chosen: sc.Chosen})
		}
	}
	*stage = "record"
	if p&PartStats != 0 {
		words := 0
		for _, w := range doc.Words {
			if k := doc.Tokens[w.TokStart].Kind; k != nlp.KindPunct && k != nlp.KindSymbol {
				words++
			}
		}
		rec.Stats = &Stats{Chars: off.at(len(doc.Text)), Sentences: len(doc.Sentences), Words: words}
	}
	if b.opts.Words {
		rec.Words = make([]Word, len(doc.Words))
		for i, w := range doc.Words {
			rec.Words[i] = Word{Text: w.TextIn(doc.Text), Start: off.at(int(w.Start)), End: off.at(int(w.End))}
		}
	}
	// The entities are copied into the record last, when the document (its
	// tokens and words) is no longer needed: on a book-sized article the
	// two copies and the document would not fit beside each other.
	text := doc.Text
	doc.Release() // its arrays go to the next article's analysis
	doc = nil
	// A book-sized article's tokens and words, hundreds of MB, are garbage
	// now; a collection that started before they died would keep them
	// past it, beside the record's copy of the entities.
	collectHuge(text)
	if p&PartEntities != 0 {
		rec.Entities = make([]Entity, 0, len(res.Entities))
		for _, e := range res.Entities {
			rec.Entities = append(rec.Entities, Entity{
				Type: string(e.Type), Text: e.Text, Start: off.at(e.Start), End: off.at(e.End), Sentence: e.Sentence,
				Canonical: e.Canonical, English: e.English, Level: e.Level, Qualifier: e.Qualifier,
				Kind: e.Kind, Value: e.Value, Ref: e.Ref, Role: e.Role,
			})
		}
		rec.People = make([]Person, 0, len(res.People))
		for _, pr := range res.People {
			rec.People = append(rec.People, Person{Ref: pr.Ref, Name: pr.Name, Rank: pr.Rank, Position: pr.Position,
				Unit: pr.Unit, Role: pr.Role, Mentions: pr.Mentions})
		}
	}
	return nil
}

// hugeText is the size of text past which Build collects a stage's
// garbage before the next stage allocates (see fill): a collection costs
// milliseconds beside the seconds such an article takes, and on a
// book-sized article the garbage of one stage is hundreds of MB.
const hugeText = 4 << 20

// collectHuge runs a garbage collection, and gives the memory freed back
// to the system, when text is that of a huge article.
func collectHuge(text string) {
	if len(text) > hugeText {
		debug.FreeOSMemory()
	}
}

// anchor returns the date that anchors partial dates and the record's
// published field from the input: the article's own published field first,
// then the caller's default (only as an anchor).
func (b *Builder) anchor(a Article) (time.Time, string) {
	if a.Published != "" {
		if t, ok := ParsePublished(a.Published); ok {
			return t, a.Published
		}
		return b.opts.Published, a.Published
	}
	return b.opts.Published, ""
}

// ParsePublished parses a publication date: "2020-04-24", RFC 3339, or
// "24/04/2020". Dates without a zone are in Vietnam time (UTC+7).
func ParsePublished(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	loc := time.FixedZone("ICT", 7*3600)
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02", "02/01/2006", "2/1/2006"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// keywordCount is how many key phrases a record lists.
const keywordCount = 10

// keyPhrases gives the summarizer the entities that may be key phrases:
// people (one per profile, by name), units and places; dates, ranks and
// posts only hide the words they cover.
func keyPhrases(res *extract.Result) []summary.Phrase {
	if res == nil {
		return nil
	}
	names := map[string]string{}
	for _, p := range res.People {
		names[p.Ref] = p.Name
	}
	phrases := make([]summary.Phrase, 0, len(res.Entities))
	for _, e := range res.Entities {
		switch e.Type {
		case extract.Person:
			phrases = append(phrases, summary.Phrase{Start: e.Start, End: e.End, Group: e.Ref, Text: names[e.Ref]})
		case extract.Unit, extract.Location:
			phrases = append(phrases, summary.Phrase{Start: e.Start, End: e.End})
		default:
			phrases = append(phrases, summary.Phrase{Start: e.Start, End: e.End, Skip: true})
		}
	}
	return phrases
}

// entityCounts gives the summarizer the number of named entities (people,
// units, ranks, dates) in each sentence.
func entityCounts(doc *nlp.Document, res *extract.Result) func(int) int {
	if res == nil {
		return nil
	}
	counts := make([]int, len(doc.Sentences))
	for _, e := range res.Entities {
		switch e.Type {
		case extract.Person, extract.Unit, extract.Rank, extract.Date:
			counts[e.Sentence]++
		}
	}
	return func(i int) int {
		if i < 0 || i >= len(counts) {
			return 0
		}
		return counts[i]
	}
}

func collapse(s string) string { return nlp.CollapseSpace(s) }

func round3(f float64) float64 {
	return float64(int64(f*1000+0.5)) / 1000
}
