package nlp

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// TokenKind classifies a token.
type TokenKind uint8

// Token kinds. A Vietnamese syllable is a KindWord token.
const (
	KindWord   TokenKind = iota + 1 // letters only: a syllable, a foreign word, a hyphenated word ("Tư", "Trump", "Cam-pu-chia")
	KindNumber                      // digits with . , : / - inside: 1.000, 2,5, 08:06, 24/04/2020, 23-4, 2011-2020
	KindCode                        // letters with digits or joined by - or /: C2, 16h30, Su-22, COVID-19, PK-KQ, đ/c
	KindAbbrev                      // letters with dots: TP., TP.HCM, PGS.TS., v.v., Q.1, L.
	KindURL                         // http://..., www.example.vn, qdnd.vn
	KindEmail                       // name@example.vn
	KindPunct                       // punctuation: . , ; : ! ? … ... " “ ” ( ) - –
	KindSymbol                      // other symbols: % $ + = emoji
)

var kindNames = [...]string{"", "word", "number", "code", "abbrev", "url", "email", "punct", "symbol"}

// String returns the kind's name as used in JSON output ("word", "number", ...).
func (k TokenKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Token is a syllable, number, abbreviation, URL, e-mail address, punctuation
// mark or symbol. Start and End are byte offsets into the document text, and
// Text == text[Start:End].
type Token struct {
	Text       string
	Start, End int
	Kind       TokenKind
}

// IsUpper reports whether the token starts with an uppercase letter.
func (t Token) IsUpper() bool {
	if t.Text == "" {
		return false
	}
	if b := t.Text[0]; b < utf8.RuneSelf {
		return 'A' <= b && b <= 'Z'
	}
	r, _ := decodeRune(t.Text, 0)
	if r < classTableSize {
		return charClass[r]&cUpper != 0 // the table holds unicode.IsUpper
	}
	return unicode.IsUpper(r)
}

// IsAllUpper reports whether every letter of the token is uppercase and it has
// at least one letter ("QĐND", "TP.HCM").
func (t Token) IsAllUpper() bool {
	return isAllUpper(t.Text)
}

// IsLetters reports whether the token is a word or an abbreviation.
func (t Token) IsLetters() bool { return t.Kind == KindWord || t.Kind == KindAbbrev }

func isAllUpper(s string) bool {
	letters := false
	for _, r := range s {
		if r >= 0 && r < classTableSize {
			// The table holds unicode.IsLetter and unicode.IsUpper.
			if c := charClass[r]; c&cLetter != 0 {
				if c&cUpper == 0 {
					return false
				}
				letters = true
			}
			continue
		}
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters = true
		}
	}
	return letters
}

// Character classes, precomputed for U+0000..U+1EFF (every Vietnamese
// letter) so that the tokenizer's hot loop avoids Unicode table searches.
const (
	cLetter uint8 = 1 << iota
	cUpper
	cLower
	cDigit
	cMark // a combining mark (Mn)
	cSpace
)

// classTableSize covers Vietnamese letters and General Punctuation (“ ” … –).
const classTableSize = 0x2070

var charClass = func() []uint8 {
	t := make([]uint8, classTableSize)
	for r := range rune(classTableSize) {
		t[r] = classOf(r)
	}
	return t
}()

func classOf(r rune) uint8 {
	var c uint8
	if unicode.IsLetter(r) {
		c |= cLetter
		if unicode.IsUpper(r) {
			c |= cUpper
		} else if unicode.IsLower(r) {
			c |= cLower
		}
	}
	if unicode.IsDigit(r) {
		c |= cDigit
	}
	if unicode.Is(unicode.Mn, r) {
		c |= cMark
	}
	if r < 0x80 && (r <= ' ' || r == 0x7f) || unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' || r == '\u2028' || r == '\u2029' {
		c |= cSpace
	}
	return c
}

func runeClass(r rune) uint8 {
	if r >= 0 && r < classTableSize {
		return charClass[r]
	}
	return classOf(r)
}

// isSpace reports runes that separate tokens: Unicode white space, zero-width
// spaces, the BOM and other C0 controls.
func isSpace(r rune) bool { return runeClass(r)&cSpace != 0 }

// isWordRune reports letters, digits and combining marks: what tokens are made of.
func isWordRune(r rune) bool { return runeClass(r)&(cLetter|cDigit|cMark) != 0 }

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

// abbrevs are words that take a period without ending a sentence when they
// stand before it: "TP. Hồ Chí Minh", "PGS.TS. Nguyễn Văn A", "ThS.", "v.v.".
var abbrevs = map[string]bool{
	"TP": true, "Tp": true, "tp": true, "TX": true, "Tx": true, "TT": true, "Q": true, "P": true,
	"ThS": true, "Ths": true, "TS": true, "Ts": true, "PGS": true, "GS": true, "BS": true, "Bs": true,
	"KS": true, "CN": true, "NCS": true, "TSKH": true, "BSCKI": true, "BSCKII": true, "KTS": true,
	"LS": true, "NSƯT": true, "NSND": true, "NGƯT": true, "NGND": true, "St": true, "Mr": true,
	"Mrs": true, "Ms": true, "Dr": true, "Jr": true, "Sr": true, "Co": true, "Ltd": true, "Inc": true,
	"Corp": true, "tr": true, "Tr": true, "Nxb": true, "NXB": true, "v": true, "vv": true, "Th": true,
	"Ph": true, "S": true, "No": true, "Vol": true, "etc": true, "TH": true, "pp": true, "ĐT": true,
}

// tlds are top-level domains that make "qdnd.vn" one URL token.
var tlds = map[string]bool{
	"vn": true, "com": true, "net": true, "org": true, "gov": true, "edu": true, "info": true,
	"int": true, "io": true, "uk": true, "cn": true, "us": true, "ru": true, "fr": true, "jp": true,
}

// Tokenize appends to dst the tokens of text[start:end] and returns the
// extended slice. Offsets are relative to text. Tokenize never rewrites the
// text; white space and control characters separate tokens and belong to none.
func Tokenize(dst []Token, text string, start, end int) []Token {
	i := start
	for i < end {
		if c := text[i]; c < utf8.RuneSelf {
			if charClass[c]&cSpace != 0 {
				i++
				continue
			}
		} else if r, n := decodeRune(text, i); isSpace(r) {
			i += n
			continue
		}
		// The chunk runs to the next white space. One made of letters (and
		// combining marks) alone, starting with a letter, is one word token,
		// as tokenizeChunk would find: most chunks are a syllable.
		ce := i
		letters := true
		for ce < end {
			c, m := text[ce], 1
			var cl uint8
			if c < utf8.RuneSelf {
				cl = charClass[c] // ASCII, most bytes of Vietnamese text
			} else {
				var r rune
				r, m = decodeRune(text, ce)
				cl = runeClass(r)
			}
			if cl&cSpace != 0 {
				break
			}
			if cl&(cLetter|cMark) == 0 || cl&cDigit != 0 || ce == i && cl&cLetter == 0 {
				letters = false
			}
			ce += m
		}
		if letters {
			dst = append(dst, Token{Text: text[i:ce], Start: i, End: ce, Kind: KindWord})
		} else {
			dst = tokenizeChunk(dst, text, i, ce)
		}
		i = ce
	}
	return dst
}

func decodeRune(s string, i int) (rune, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	// Two- and three-byte sequences inline: all of Vietnamese.
	if c >= 0xC2 && c < 0xE0 && i+1 < len(s) {
		if c1 := s[i+1]; c1&0xC0 == 0x80 {
			return rune(c&0x1F)<<6 | rune(c1&0x3F), 2
		}
	} else if c >= 0xE1 && c < 0xED && i+2 < len(s) {
		c1, c2 := s[i+1], s[i+2]
		if c1&0xC0 == 0x80 && c2&0xC0 == 0x80 {
			return rune(c&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F), 3
		}
	}
	return utf8.DecodeRuneInString(s[i:])
}

// tokenizeChunk splits one run of non-space characters into tokens.
func tokenizeChunk(dst []Token, text string, start, end int) []Token {
	i := start
	for i < end {
		if j := scanURL(text, i, end); j > i {
			dst = append(dst, Token{Text: text[i:j], Start: i, End: j, Kind: KindURL})
			i = j
			continue
		}
		r, n := decodeRune(text, i)
		if c := runeClass(r); c&(cLetter|cDigit) != 0 || c&cMark != 0 && i == start {
			j, kind := scanCore(text, i, end)
			if j < end && text[j] == '@' {
				if k := scanEmailDomain(text, j+1, end); k > j+1 {
					dst = append(dst, Token{Text: text[i:k], Start: i, End: k, Kind: KindEmail})
					i = k
					continue
				}
			}
			if kind == KindNumber && j < end && text[j] == '%' {
				j++ // "100%" is one token
			}
			dst = append(dst, Token{Text: text[i:j], Start: i, End: j, Kind: kind})
			i = j
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			// A stray combining mark after punctuation: keep it with what precedes.
			if len(dst) > 0 && dst[len(dst)-1].End == i {
				t := &dst[len(dst)-1]
				t.End = i + n
				t.Text = text[t.Start:t.End]
				i += n
				continue
			}
		}
		j := scanPunct(text, i, end, r, n)
		kind := KindPunct
		if !unicode.IsPunct(r) {
			kind = KindSymbol
		}
		dst = append(dst, Token{Text: text[i:j], Start: i, End: j, Kind: kind})
		i = j
	}
	return dst
}

// segment describes one run of letters and digits inside a core token.
type segment struct {
	letters, digits, upper, lower int
}

func scanSegment(text string, i, end int) (int, segment) {
	var s segment
	for i < end {
		r, n := decodeRune(text, i)
		c := runeClass(r)
		if c&(cLetter|cDigit|cMark) == 0 {
			break
		}
		switch {
		case c&cDigit != 0:
			s.digits++
		case c&cUpper != 0:
			s.letters++
			s.upper++
		case c&cLetter != 0:
			s.letters++
			if c&cLower != 0 {
				s.lower++
			}
		}
		i += n
	}
	return i, s
}

func (s segment) allDigits() bool { return s.digits > 0 && s.letters == 0 }
func (s segment) allUpper() bool  { return s.letters > 0 && s.lower == 0 }

// scanCore scans a word, number, code or abbreviation starting at i and
// returns its end and kind. Separators (. , : - /) join two runs only where
// the pair reads as one unit: 1.000, 2,5, 08:06, 24/04/2020, Su-22, PK-KQ,
// TP.HCM, v.v.
func scanCore(text string, i, end int) (int, TokenKind) {
	start := i
	segStart := i
	j, left := scanSegment(text, i, end)
	var seps, dots int
	hasLetterSep := false
	letters, digits := left.letters, left.digits
	otherSeps := false // , : / between the runs
	for j < end {
		c := text[j]
		if c != '.' && c != ',' && c != ':' && c != '-' && c != '/' {
			break
		}
		if j+1 >= end {
			break
		}
		r, _ := decodeRune(text, j+1)
		if !isWordRune(r) {
			break
		}
		k, right := scanSegment(text, j+1, end)
		if !joins(c, text[segStart:j], left, text[j+1:k], right) {
			break
		}
		seps++
		letters += right.letters
		digits += right.digits
		switch c {
		case '.':
			dots++
		case ',', ':', '/':
			otherSeps = true
		}
		if (c == '-' || c == '/') && (left.letters > 0 || right.letters > 0) {
			hasLetterSep = true
		}
		segStart = j + 1
		left = right
		j = k
	}
	// A period after an abbreviation or an initial belongs to it: "TP.", "PGS.TS.", "L.";
	// so does the first of two, the second ending the sentence ("bắt giữ ông T.. Sau đó"),
	// but none of an ellipsis ("chờ T...").
	last := text[segStart:j]
	if j < end && text[j] == '.' && left.digits == 0 && (abbrevs[last] || IsInitial(last) && !romanBeforeSpace(last, text[j+1:end])) &&
		!(j+2 < end && text[j+1] == '.' && text[j+2] == '.') {
		j++
		dots++
	}
	core := text[start:j]
	switch {
	case letters == 0:
		return j, KindNumber
	case dots > 0 && digits == 0 && !hasLetterSep:
		if isDomain(core) {
			return j, KindURL
		}
		return j, KindAbbrev
	case digits == 0 && dots == 0 && !otherSeps:
		return j, KindWord // a syllable, or a hyphenated word: Cam-pu-chia, PK-KQ
	}
	return j, KindCode
}

// romanBeforeSpace reports a one-letter Roman numeral whose period is
// followed by a space or the end: "Quân khu V." ends a sentence with a
// numeral far more often than "V." stands for a name.
func romanBeforeSpace(letter, rest string) bool {
	if letter != "I" && letter != "V" && letter != "X" {
		return false
	}
	return rest == "" || rest[0] == ' ' || rest[0] == '\n' || rest[0] == '\t' || rest[0] == '\r'
}

// IsInitial reports a single Latin letter, as in "ông L." or "Donald J.
// Trump", or a capitalized Vietnamese initial of two letters, as the press
// writes a name it withholds: "Nguyễn Văn Th.", "bắt giữ Kh." (the letters
// without the dot).
func IsInitial(s string) bool {
	return len(s) == 1 && (s[0] >= 'A' && s[0] <= 'Z' || s[0] >= 'a' && s[0] <= 'z') || s == "Đ" || twoLetterInitials[s]
}

// twoLetterInitials are the Vietnamese initial consonants of two letters.
var twoLetterInitials = map[string]bool{"Ch": true, "Gh": true, "Gi": true, "Kh": true, "Ng": true, "Nh": true, "Ph": true, "Qu": true, "Th": true, "Tr": true}

func hasLetters(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func hasDigits(s string) bool {
	return strings.ContainsAny(s, "0123456789")
}

// isDomain reports a bare domain name such as "qdnd.vn" or "baochinhphu.vn".
func isDomain(s string) bool {
	k := strings.LastIndexByte(s, '.')
	if k <= 0 || k == len(s)-1 || !tlds[s[k+1:]] {
		return false
	}
	for _, r := range s {
		if unicode.IsUpper(r) {
			return false
		}
	}
	return len(s[:k]) >= 3
}

// joins decides whether separator c joins the runs a (before) and b (after).
func joins(c byte, a string, sa segment, b string, sb segment) bool {
	switch c {
	case ',', ':':
		return sa.allDigits() && sb.allDigits()
	case '.':
		if sa.allDigits() && sb.allDigits() {
			return true
		}
		if sa.digits > 0 {
			return false
		}
		// TP.HCM, PGS.TS, v.v, Q.1, U.S, qdnd.vn
		if sa.allUpper() && sa.letters <= 6 || sa.letters == 1 || abbrevs[a] {
			return true
		}
		return sb.lower > 0 && sb.upper == 0 && sb.digits == 0 && tlds[b] && sa.upper == 0
	case '-':
		// Su-22, 2011-2020, PK-KQ, and hyphenated transliterations such as
		// Cam-pu-chia, Ê-đê, Wai-kru: a hyphen without spaces joins.
		return true
	case '/':
		if sa.digits > 0 || sb.digits > 0 {
			return true
		}
		if sa.allUpper() && sb.allUpper() {
			return true
		}
		return sa.letters <= 2 && sb.letters <= 2 && sa.upper == 0 && sb.upper == 0
	}
	return false
}

// scanURL returns the end of a URL starting at i, or i if there is none.
func scanURL(text string, i, end int) int {
	if c := text[i] | 0x20; c != 'h' && c != 'w' {
		return i
	}
	rest := text[i:end]
	if !(hasPrefixFold(rest, "http://") || hasPrefixFold(rest, "https://") || hasPrefixFold(rest, "www.")) {
		return i
	}
	j := end
	// Trailing punctuation belongs to the sentence, not the URL.
	for j > i {
		r, n := utf8.DecodeLastRuneInString(text[i:j])
		if strings.ContainsRune(".,;:!?)]}\"'”’»", r) {
			j -= n
			continue
		}
		break
	}
	return j
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// scanEmailDomain returns the end of the domain of an e-mail address whose
// '@' is just before i, or i if what follows is not a domain.
func scanEmailDomain(text string, i, end int) int {
	j := i
	lastDot := -1
	for j < end {
		c := text[j]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-':
		case c == '.' && j+1 < end && text[j+1] != '.':
			lastDot = j
		default:
			goto done
		}
		j++
	}
done:
	for j > i && text[j-1] == '.' {
		j--
	}
	if lastDot < 0 || lastDot >= j-2 {
		return i
	}
	return j
}

// scanPunct returns the end of a punctuation or symbol token starting at i:
// runs of periods ("...") and of ! and ? are one token, and so is an emoji with
// its modifiers and joiners.
func scanPunct(text string, i, end int, r rune, n int) int {
	j := i + n
	switch r {
	case '.':
		for j < end && text[j] == '.' {
			j++
		}
		return j
	case '!', '?':
		for j < end && (text[j] == '!' || text[j] == '?') {
			j++
		}
		return j
	case '-':
		for j < end && text[j] == '-' {
			j++
		}
		return j
	}
	if unicode.IsPunct(r) {
		return j
	}
	for j < end {
		c, m := decodeRune(text, j)
		if c == '\u200d' && j+m < end {
			_, m2 := decodeRune(text, j+m)
			j += m + m2
			continue
		}
		if unicode.Is(unicode.Mn, c) || unicode.Is(unicode.Me, c) || c == '\ufe0f' || c >= 0x1F3FB && c <= 0x1F3FF {
			j += m
			continue
		}
		break
	}
	return j
}
