package extract

import (
	"bufio"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
	"sync"

	"github.com/vnews/vnews/nlp"
)

//go:embed lexicon/*.txt lexicon/*.tsv
var embeddedLexicons embed.FS

// The lexicon files. A directory given to WithLexiconDir may hold any of
// them; its entries are added to the embedded ones.
const (
	fileRanks     = "ranks.tsv"
	filePositions = "positions.txt"
	fileUnits     = "units.tsv"
	fileSurnames  = "surnames.txt"
	fileLocations = "locations.tsv"
	fileNameWords = "namewords.txt"
	fileCues      = "personcues.txt"
	fileBlockers  = "blockers.txt"

	fileDateWords     = "datewords.tsv"
	fileRelativeDates = "relativedates.tsv"
	fileCountWords    = "countwords.tsv"
	fileFunctionWords = "functionwords.tsv"
	fileUnitWords     = "unitwords.tsv"
	fileAdminWords    = "adminwords.tsv"
	fileCompanyWords  = "companywords.txt"
	filePersonWords   = "personwords.tsv"
	filePostWords     = "postwords.tsv"
	fileRoleVerbs     = "roleverbs.txt"
)

// LexiconFiles lists the file names a lexicon directory may contain.
var LexiconFiles = []string{fileRanks, filePositions, fileUnits, fileSurnames, fileLocations, fileNameWords, fileCues, fileBlockers,
	fileDateWords, fileRelativeDates, fileCountWords, fileFunctionWords, fileUnitWords, fileAdminWords, fileCompanyWords,
	filePersonWords, filePostWords, fileRoleVerbs}

type rankInfo struct {
	canonical, english string
	level              int
}

// unitRole tells how a units.tsv entry is used.
type unitRole uint8

const (
	unitHead     unitRole = iota + 1 // needs a name, number or place after it
	unitName                         // a complete name
	unitAbbr                         // an abbreviation that is a mention by itself
	unitAbbrHead                     // an abbreviated head that needs a name or place
	unitService                      // an armed service: a unit when capitalized, a parent after a unit
	unitBlocker                      // a name that is not a unit (Nhà Trắng)
)

type unitInfo struct {
	kind      string
	role      unitRole
	canonical string // expansion of an abbreviation
}

// wordSet holds the matching keys (nlp.Key) of words or phrases, looked up
// with the key of one token or of a span of tokens.
type wordSet map[string]bool

// relUnits are the units a relative date word may follow (relativedates.tsv).
type relUnits uint8

const (
	relDay   relUnits = 1 << iota // after "hôm", "ngày", "bữa" or a part of the day
	relWeek                       // after "tuần"
	relMonth                      // after "tháng"
	relYear                       // after "năm"
)

var relUnitNames = map[string]relUnits{"day": relDay, "week": relWeek, "month": relMonth, "year": relYear}

// relWord is a relative date word: its shift in its unit ("qua" -1).
type relWord struct {
	offset int
	after  relUnits
}

// lexicons are the parsed word lists, shared by every extraction.
type lexicons struct {
	ranks     *phraseSet[rankInfo]
	positions *phraseSet[struct{}]
	units     *phraseSet[unitInfo]
	surnames  *phraseSet[struct{}]
	locations *phraseSet[string]
	nameWords *phraseSet[struct{}]
	cues      *phraseSet[struct{}]
	blockers  *phraseSet[bool] // true: a street or a crossing

	// The date grammar's words (datewords.tsv, relativedates.tsv, countwords.tsv).
	dateStarters, edgeWords, partsOfDay, dayWords, numerals, timeUnits, yearCues, afterSau wordSet
	// The parts of the day whose hours count from noon: afternoon and
	// evening (1-11), night (6-11), noon (1-3).
	afternoons, nights, noons wordSet
	// A lunar year's name (stem, branch) and the lunar months' own names.
	stems, branches, lunarMonths wordSet

	relative map[string]relWord

	quantifiers, countNouns, countLeaders wordSet

	// Capitalized function words (functionwords.tsv).
	unitStops, nameStops wordSet

	// Words around unit names (unitwords.tsv, adminwords.tsv, companywords.txt).
	noLowercaseHead, genericHeads, mediaWords, mediaAcronyms, awardWords, notNames, notNameStart, firmHeads wordSet
	arms, calibres, roomHeads, lawTitles, withPlace, unitBreaks                                             wordSet

	adminWords   *phraseSet[struct{}]
	adminKinds   map[string]string // LOCATION kind by the admin word's key
	companyWords *phraseSet[struct{}]

	// Words around people's names (personwords.tsv).
	capitalCues, honorifics, occupationCues, notGivenAlone, birthOrder, nicknameTraits, middleNames, aliasCues wordSet

	// Words around posts (postwords.tsv, roleverbs.txt).
	partyPosts, occupations, verbAdverbs, postTails, placeAnaphors wordSet

	roleVerbs *phraseSet[struct{}]

	starts map[string]setBits // first-token keys of all phrase sets
}

// wordClasses maps each file with a class column to its classes and the
// set each class fills.
var wordClasses = map[string]map[string]func(*lexicons) *wordSet{
	fileDateWords: {
		"starter":     func(l *lexicons) *wordSet { return &l.dateStarters },
		"edge":        func(l *lexicons) *wordSet { return &l.edgeWords },
		"daypart":     func(l *lexicons) *wordSet { return &l.partsOfDay },
		"afternoon":   func(l *lexicons) *wordSet { return &l.afternoons },
		"night":       func(l *lexicons) *wordSet { return &l.nights },
		"noon":        func(l *lexicons) *wordSet { return &l.noons },
		"stem":        func(l *lexicons) *wordSet { return &l.stems },
		"branch":      func(l *lexicons) *wordSet { return &l.branches },
		"lunar-month": func(l *lexicons) *wordSet { return &l.lunarMonths },
		"dayword":     func(l *lexicons) *wordSet { return &l.dayWords },
		"numeral":     func(l *lexicons) *wordSet { return &l.numerals },
		"timeunit":    func(l *lexicons) *wordSet { return &l.timeUnits },
		"yearcue":     func(l *lexicons) *wordSet { return &l.yearCues },
		"sau-object":  func(l *lexicons) *wordSet { return &l.afterSau },
	},
	fileCountWords: {
		"quantifier":  func(l *lexicons) *wordSet { return &l.quantifiers },
		"countnoun":   func(l *lexicons) *wordSet { return &l.countNouns },
		"countleader": func(l *lexicons) *wordSet { return &l.countLeaders },
	},
	fileFunctionWords: {
		"unit-stop": func(l *lexicons) *wordSet { return &l.unitStops },
		"name-stop": func(l *lexicons) *wordSet { return &l.nameStops },
	},
	fileUnitWords: {
		"lowercase-generic": func(l *lexicons) *wordSet { return &l.noLowercaseHead },
		"generic-head":      func(l *lexicons) *wordSet { return &l.genericHeads },
		"media":             func(l *lexicons) *wordSet { return &l.mediaWords },
		"media-acronym":     func(l *lexicons) *wordSet { return &l.mediaAcronyms },
		"award":             func(l *lexicons) *wordSet { return &l.awardWords },
		"not-name":          func(l *lexicons) *wordSet { return &l.notNames },
		"not-name-start":    func(l *lexicons) *wordSet { return &l.notNameStart },
		"firm-head":         func(l *lexicons) *wordSet { return &l.firmHeads },
		"arm":               func(l *lexicons) *wordSet { return &l.arms },
		"calibre":           func(l *lexicons) *wordSet { return &l.calibres },
		"room-head":         func(l *lexicons) *wordSet { return &l.roomHeads },
		"with-place":        func(l *lexicons) *wordSet { return &l.withPlace },
		"law-title":         func(l *lexicons) *wordSet { return &l.lawTitles },
		"unit-break":        func(l *lexicons) *wordSet { return &l.unitBreaks },
	},
	filePersonWords: {
		"capital-cue":     func(l *lexicons) *wordSet { return &l.capitalCues },
		"honorific":       func(l *lexicons) *wordSet { return &l.honorifics },
		"occupation-cue":  func(l *lexicons) *wordSet { return &l.occupationCues },
		"not-given-alone": func(l *lexicons) *wordSet { return &l.notGivenAlone },
		"birth-order":     func(l *lexicons) *wordSet { return &l.birthOrder },
		"nickname-trait":  func(l *lexicons) *wordSet { return &l.nicknameTraits },
		"middle-name":     func(l *lexicons) *wordSet { return &l.middleNames },
		"alias-cue":       func(l *lexicons) *wordSet { return &l.aliasCues },
	},
	filePostWords: {
		"party-post":    func(l *lexicons) *wordSet { return &l.partyPosts },
		"occupation":    func(l *lexicons) *wordSet { return &l.occupations },
		"verb-adverb":   func(l *lexicons) *wordSet { return &l.verbAdverbs },
		"post-tail":     func(l *lexicons) *wordSet { return &l.postTails },
		"place-anaphor": func(l *lexicons) *wordSet { return &l.placeAnaphors },
	},
}

// ErrLexicon wraps errors in lexicon files.
var ErrLexicon = errors.New("extract: bad lexicon")

var embeddedLex = sync.OnceValues(func() (*lexicons, error) { return loadLexicons(nil) })

// loadLexicons parses the embedded lexicons and, for each file also present
// in extra, its entries too.
func loadLexicons(extra fs.FS) (*lexicons, error) {
	l := &lexicons{
		ranks: newPhraseSet[rankInfo](setRanks), positions: newPhraseSet[struct{}](setPositions), units: newPhraseSet[unitInfo](setUnits),
		surnames: newPhraseSet[struct{}](setSurnames), locations: newPhraseSet[string](setLocations), nameWords: newPhraseSet[struct{}](setNameWords),
		cues: newPhraseSet[struct{}](setCues), blockers: newPhraseSet[bool](setBlockers),
		relative: map[string]relWord{}, adminWords: newPhraseSet[struct{}](setAdminWords), adminKinds: map[string]string{},
		companyWords: newPhraseSet[struct{}](setCompanyWords), roleVerbs: newPhraseSet[struct{}](setRoleVerbs),
	}
	for _, classes := range wordClasses {
		for _, set := range classes {
			*set(l) = wordSet{}
		}
	}
	sources := []fs.FS{mustSub(embeddedLexicons, "lexicon")}
	if extra != nil {
		sources = append(sources, extra)
	}
	for i, src := range sources {
		for _, name := range LexiconFiles {
			f, err := src.Open(name)
			if err != nil {
				if i > 0 && errors.Is(err, fs.ErrNotExist) {
					continue
				}
				return nil, fmt.Errorf("%w: %v", ErrLexicon, err)
			}
			err = l.read(f, name)
			f.Close()
			if err != nil {
				return nil, err
			}
		}
	}
	l.starts = map[string]setBits{}
	l.ranks.addStarts(l.starts)
	l.positions.addStarts(l.starts)
	l.units.addStarts(l.starts)
	l.surnames.addStarts(l.starts)
	l.locations.addStarts(l.starts)
	l.nameWords.addStarts(l.starts)
	l.cues.addStarts(l.starts)
	l.blockers.addStarts(l.starts)
	l.adminWords.addStarts(l.starts)
	l.companyWords.addStarts(l.starts)
	l.roleVerbs.addStarts(l.starts)
	for k := range l.dateStarters {
		l.starts[k] |= setDateStarters
	}
	for k := range l.firmHeads {
		l.starts[k] |= setFirmHeads
	}
	for _, c := range []struct {
		set wordSet
		bit setBits
	}{
		{l.edgeWords, setEdge}, {l.partsOfDay, setDayPart}, {l.dayWords, setDayWord}, {l.numerals, setNumeral},
		{l.timeUnits, setTimeUnit}, {l.afterSau, setAfterSau}, {l.yearCues, setYearCue}, {l.quantifiers, setQuantifier},
		{l.countNouns, setCountNoun}, {l.countLeaders, setCountLeader},
		{l.stems, setStem}, {l.branches, setBranch}, {l.lunarMonths, setLunarMonth},
	} {
		for k := range c.set {
			l.starts[k] |= c.bit
		}
	}
	addKeywords(l.starts)
	for k, w := range l.relative {
		for u, bit := range map[relUnits]setBits{relDay: setRelDay, relWeek: setRelWeek, relMonth: setRelMonth, relYear: setRelYear} {
			if w.after&u != 0 {
				l.starts[k] |= bit
			}
		}
	}
	return l, nil
}

func mustSub(f fs.FS, dir string) fs.FS {
	s, err := fs.Sub(f, dir)
	if err != nil {
		panic(err) // the embedded directory always exists
	}
	return s
}

// read parses one lexicon file into l.
func (l *lexicons) read(r io.Reader, name string) error {
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		for i := range cols {
			cols[i] = nlp.Normalize(strings.TrimSpace(cols[i]))
		}
		bad := func(msg string) error {
			return fmt.Errorf("%w: %w", ErrLexicon, &nlp.InputError{Name: name, Line: n, Err: errors.New(msg)})
		}
		switch name {
		case fileRanks:
			if len(cols) < 3 {
				return bad("want canonical, english, level")
			}
			lv, err := strconv.Atoi(cols[2])
			if err != nil {
				return bad("level is not a number")
			}
			ri := rankInfo{canonical: cols[0], english: cols[1], level: lv}
			l.ranks.add(cols[0], ri)
			if len(cols) > 3 {
				for _, v := range strings.Split(cols[3], "|") {
					l.ranks.add(v, ri)
				}
			}
		case filePositions:
			l.positions.add(cols[0], struct{}{})
		case fileUnits:
			if len(cols) < 3 {
				return bad("want phrase, kind, role")
			}
			u := unitInfo{kind: cols[1]}
			switch cols[2] {
			case "head":
				u.role = unitHead
			case "name":
				u.role = unitName
			case "abbr":
				u.role = unitAbbr
			case "abbrhead":
				u.role = unitAbbrHead
			case "service":
				u.role = unitService
			case "blocker":
				u.role = unitBlocker
			default:
				return bad("role must be head, name, abbr, abbrhead, service or blocker")
			}
			if len(cols) > 3 {
				u.canonical = cols[3]
			}
			l.units.add(cols[0], u)
		case fileSurnames:
			l.surnames.add(cols[0], struct{}{})
		case fileLocations:
			kind := "place"
			if len(cols) > 1 && cols[1] != "" {
				kind = cols[1]
			}
			l.locations.add(cols[0], kind)
		case fileNameWords:
			l.nameWords.add(cols[0], struct{}{})
		case fileCues:
			l.cues.add(cols[0], struct{}{})
		case fileBlockers:
			l.blockers.add(cols[0], len(cols) > 1 && cols[1] == "street")
		case fileRelativeDates:
			if len(cols) < 3 {
				return bad("want word, offset, units")
			}
			off, err := strconv.Atoi(cols[1])
			if err != nil {
				return bad("offset is not a number")
			}
			w := relWord{offset: off}
			for _, u := range strings.Split(cols[2], "|") {
				bit, ok := relUnitNames[strings.TrimSpace(u)]
				if !ok {
					return bad("unit must be day, week, month or year")
				}
				w.after |= bit
			}
			l.relative[nlp.Key(cols[0])] = w
		case fileAdminWords:
			if len(cols) < 2 || cols[1] == "" {
				return bad("want word, kind")
			}
			l.adminWords.add(cols[0], struct{}{})
			l.adminKinds[nlp.Key(cols[0])] = cols[1]
		case fileCompanyWords:
			l.companyWords.add(cols[0], struct{}{})
		case fileRoleVerbs:
			l.roleVerbs.add(cols[0], struct{}{})
		default:
			classes := wordClasses[name]
			if len(cols) < 2 {
				return bad("want word, classes")
			}
			k := nlp.Key(cols[0])
			for _, c := range strings.Split(cols[1], "|") {
				set, ok := classes[strings.TrimSpace(c)]
				if !ok {
					return bad(fmt.Sprintf("unknown class %q", strings.TrimSpace(c)))
				}
				(*set(l))[k] = true
			}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%w: %w", ErrLexicon, &nlp.InputError{Name: name, Line: n, Err: err})
	}
	return nil
}
