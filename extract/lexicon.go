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
)

// LexiconFiles lists the file names a lexicon directory may contain.
var LexiconFiles = []string{fileRanks, filePositions, fileUnits, fileSurnames, fileLocations, fileNameWords, fileCues, fileBlockers}

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

// lexicons are the parsed word lists, shared by every extraction.
type lexicons struct {
	ranks     *phraseSet[rankInfo]
	positions *phraseSet[struct{}]
	units     *phraseSet[unitInfo]
	surnames  *phraseSet[struct{}]
	locations *phraseSet[string]
	nameWords *phraseSet[struct{}]
	cues      *phraseSet[struct{}]
	blockers  *phraseSet[struct{}]
	starts    map[string]setBits // first-token keys of all phrase sets
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
		cues: newPhraseSet[struct{}](setCues), blockers: newPhraseSet[struct{}](setBlockers),
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
	adminWords.addStarts(l.starts)
	companyWords.addStarts(l.starts)
	roleVerbs.addStarts(l.starts)
	for k := range dateStarters {
		l.starts[k] |= setDateStarters
	}
	for k := range firmHeads {
		l.starts[k] |= setFirmHeads
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
			l.blockers.add(cols[0], struct{}{})
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%w: %w", ErrLexicon, &nlp.InputError{Name: name, Line: n, Err: err})
	}
	return nil
}
