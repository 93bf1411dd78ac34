package nlp

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Role is the part of an article a sentence belongs to.
type Role uint8

// Sentence roles. Only lead, body and heading sentences carry the story; the
// summarizer never picks the others.
const (
	RoleBody        Role = iota // running text
	RoleTitle                   // the headline
	RoleMeta                    // category line, posting time and views, dateline ("QPTĐ-")
	RoleLead                    // the first paragraph of the body (the sapo)
	RoleCaption                 // a photo caption
	RoleByline                  // the author line at the end
	RoleBoilerplate             // "Tin khác", "Tin liên quan", share and tag lines
	RoleHeading                 // a subheading inside the body
)

var roleNames = [...]string{"body", "title", "meta", "lead", "caption", "byline", "boilerplate", "heading"}

// String returns the role's name as used in the JSON record.
func (r Role) String() string {
	if int(r) < len(roleNames) {
		return roleNames[r]
	}
	return "body"
}

// ParseRole is the inverse of Role.String.
func ParseRole(s string) (Role, bool) {
	for i, n := range roleNames {
		if n == s {
			return Role(i), true
		}
	}
	return RoleBody, false
}

// IsContent reports whether sentences of this role tell the story (lead, body,
// heading), as opposed to title, meta, caption, byline and boilerplate.
func (r Role) IsContent() bool { return r == RoleBody || r == RoleLead || r == RoleHeading }

// Sentence is a span of the document with its role. Tokens and words of the
// sentence are doc.Tokens[TokStart:TokEnd] and doc.Words[WordStart:WordEnd].
type Sentence struct {
	Start, End         int // byte offsets; text[Start:End] has no leading or trailing space
	Role               Role
	Paragraph          int // index of the paragraph (block of lines) the sentence is in
	TokStart, TokEnd   int
	WordStart, WordEnd int
}

// sentenceEnd classifies a token as a possible end of sentence.
type sentenceEnd uint8

const (
	notEnd      sentenceEnd = iota
	endPeriod               // .
	endEllipsis             // ... …
	endMark                 // ! ? ?!
	endAbbrev               // an abbreviation or initial that ends in a period
)

func classifyEnd(t *Token) sentenceEnd {
	switch t.Kind {
	case KindPunct:
		switch {
		case t.Text == ".":
			return endPeriod
		case t.Text == "…" || strings.HasPrefix(t.Text, ".."):
			return endEllipsis
		case t.Text[0] == '!' || t.Text[0] == '?':
			return endMark
		}
	case KindAbbrev:
		if strings.HasSuffix(t.Text, ".") {
			return endAbbrev
		}
	}
	return notEnd
}

// abbrevsEndingSentences may close a sentence with their own period: "... v.v. Sau đó".
var abbrevsEndingSentences = map[string]bool{"v.v.": true, "vv.": true, "etc.": true, "v.v..": true}

// splitSentences appends to dst the token ranges [lo, hi) of the sentences in
// toks. It only looks at tokens, so it is linear in their number.
func splitSentences(dst [][2]int, text string, toks []Token) [][2]int {
	start := 0
	quotes := 0 // parity of straight double quotes seen so far
	for k := 0; k < len(toks); k++ {
		t := &toks[k]
		if t.Text == "\"" {
			quotes++
		}
		end := classifyEnd(t)
		if end == notEnd {
			continue
		}
		// Closing quotes and brackets after the end mark belong to this sentence.
		j := k + 1
		for j < len(toks) && isCloser(toks[j].Text, quotes) {
			if toks[j].Text == "\"" {
				quotes++
			}
			j++
		}
		if j >= len(toks) {
			break
		}
		if !isBoundary(text, toks, start, k, j, end) {
			continue
		}
		dst = append(dst, [2]int{start, j})
		start = j
		k = j - 1
	}
	if start < len(toks) {
		dst = append(dst, [2]int{start, len(toks)})
	}
	return dst
}

// isCloser reports tokens that close a quotation or parenthesis: a straight
// double quote closes when an odd number of them came before.
func isCloser(s string, quotes int) bool {
	switch s {
	case "”", "’", "»", ")", "]", "}", "›":
		return true
	case "\"":
		return quotes%2 == 1
	case "'":
		return true
	}
	return false
}

// isBoundary decides whether a sentence that started at toks[start] ends
// after the end-mark toks[k] (and the closers up to toks[next]).
func isBoundary(text string, toks []Token, start, k, next int, end sentenceEnd) bool {
	nt := &toks[next]
	nr, _ := utf8.DecodeRuneInString(nt.Text)
	lowerNext := unicode.IsLower(nr)
	upperNext := unicode.IsUpper(nr) || nt.Kind == KindNumber || nt.Kind == KindCode
	if isOpener(nt.Text) && next+1 < len(toks) {
		r, _ := utf8.DecodeRuneInString(toks[next+1].Text)
		upperNext = upperNext || unicode.IsUpper(r) || unicode.IsDigit(r)
		lowerNext = lowerNext || unicode.IsLower(r)
	}
	switch end {
	case endPeriod:
		if lowerNext {
			return false
		}
		// List numbering: "1.", "a.", "II." at the start of a sentence.
		if k-start == 1 && isListMarker(toks[start].Text) {
			return false
		}
		return true
	case endEllipsis:
		return upperNext
	case endMark:
		return !lowerNext
	case endAbbrev:
		t := toks[k].Text
		if abbrevsEndingSentences[t] {
			return upperNext
		}
		base := t[:len(t)-1]
		if !IsInitial(base) {
			return false
		}
		// An initial: "ông L. Hiện nay" ends a sentence, "Donald J. Trump" does not.
		if nt.Kind != KindWord || !nt.IsUpper() {
			return false
		}
		if k == start {
			return false
		}
		prev := &toks[k-1]
		if base == "V" || base == "I" || base == "X" {
			return true
		}
		return !(prev.Kind == KindWord && prev.IsUpper())
	}
	return false
}

func isOpener(s string) bool {
	switch s {
	case "“", "‘", "«", "(", "[", "\"", "'", "-", "–", "—":
		return true
	}
	return false
}

func isListMarker(s string) bool {
	if s == "" || len(s) > 4 {
		return false
	}
	for _, r := range s {
		if !(isDigit(r) || strings.ContainsRune("IVXivxabcdđeABCDĐE", r)) {
			return false
		}
	}
	return true
}
