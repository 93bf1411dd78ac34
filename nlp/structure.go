package nlp

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a byte range of the document text. The zero Span means "absent".
type Span struct{ Start, End int }

// IsZero reports whether the span is absent (empty).
func (s Span) IsZero() bool { return s.End <= s.Start }

// paragraph is a block of lines: a paragraph of the article, or a sentence a
// scraper broke over several lines, joined back.
type paragraph struct {
	start, end int  // trimmed byte span
	role       Role // block role before sentence splitting
	terminated bool // ends with . ! ? … or a closing quote after one
	joined     bool // lines were joined across a blank line (a caption split by the page layout)
	lines      int
}

// line is one trimmed, non-blank line.
type line struct {
	start, end int
	blankAfter bool // one or more blank lines follow
}

func splitLines(text string) []line {
	var ls []line
	i := 0
	for i <= len(text) {
		j := strings.IndexByte(text[i:], '\n')
		var le int
		if j < 0 {
			le = len(text)
		} else {
			le = i + j
		}
		s, e := trimSpan(text, i, le)
		if s < e {
			ls = append(ls, line{start: s, end: e})
		} else if len(ls) > 0 {
			ls[len(ls)-1].blankAfter = true
		}
		if j < 0 {
			break
		}
		i = le + 1
	}
	return ls
}

// trimSpan narrows [s, e) to exclude leading and trailing white space and
// invisible characters.
func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		r, n := decodeRune(text, s)
		if !isSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !isSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}

// endsSentence reports whether s ends with sentence-final punctuation,
// possibly followed by closing quotes or brackets.
func endsSentence(s string) bool {
	for len(s) > 0 {
		r, n := utf8.DecodeLastRuneInString(s)
		switch r {
		case '"', '”', '’', '\'', ')', ']', '»':
			s = s[:len(s)-n]
			continue
		case '.', '!', '?', '…':
			return true
		}
		return false
	}
	return false
}

// startsLower reports whether s starts with a lowercase letter.
func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// canContinue reports whether a line may be continued by the next: it does not
// end a sentence, and it ends in a letter, digit or comma.
func canContinue(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == ','
}

func buildParagraphs(text string, ls []line) []paragraph {
	var ps []paragraph
	for i, l := range ls {
		if n := len(ps); n > 0 {
			p := &ps[n-1]
			prev := ls[i-1]
			if canContinue(text[p.start:p.end]) && startsLower(text[l.start:l.end]) {
				p.end = l.end
				p.lines++
				if prev.blankAfter {
					p.joined = true
				}
				continue
			}
		}
		ps = append(ps, paragraph{start: l.start, end: l.end, lines: 1})
	}
	for i := range ps {
		ps[i].terminated = endsSentence(text[ps[i].start:ps[i].end])
	}
	return ps
}

// Patterns of scraped news pages, compiled once.
var (
	// A line with the posting time and views: "; đăng: 09:15, 12/05/2021; truy cập 731 lượt;".
	reMetaKeyword = regexp.MustCompile(`(?i)(^|[^\p{L}])(đăng|ngày đăng|đăng lúc|cập nhật|công bố|xuất bản|truy cập|lượt xem|lượt đọc|lượt truy cập|posted|updated|views?)([^\p{L}]|$)`)
	reDateish     = regexp.MustCompile(`\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}|\d{1,2}:\d{2}`)
	// A line that is only a date and time, maybe with a weekday: "Thứ Tư, 12/05/2021, 09:15 (GMT+7)".
	reDateLine = regexp.MustCompile(`(?i)^(thứ\s+(hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|t[2-7]|cn)?[\s,|-]*(\d{1,2}:\d{2}\s*(am|pm)?[\s,|-]*)?(ngày\s*)?\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}([\s,|-]*(lúc\s*)?\d{1,2}[:h]\d{2}(:\d{2})?\s*(am|pm)?)?\s*(\(?\s*gmt\s*[+-]\s*\d+\s*\)?)?[\s;,.|]*$`)
	// A dateline before the lead: "QPTĐ-", "(QĐND) - ", "TTO - ", "HÀ NỘI (TTXVN) - ", "Chinhphu.vn - ".
	reDateline = regexp.MustCompile(`^(\([^()]{1,40}\)|[\p{Lu}\d][\p{Lu}\d.]*(?:\s+[\p{Lu}\d][\p{Lu}\d.]*){0,3}(?:\s+Online)?(?:\s*\([^()]{1,30}\))?|[\p{L}\d]+\.(?:vn|com|net)(?:\s+Online)?)\s*[-–—]+\s*`)
	// Trailing page furniture.
	reBoilerplate = regexp.MustCompile(`(?i)^[\s\p{P}]*(các\s+)?(tin|bài)(\s+viết)?\s+(khác|liên\s+quan|cùng\s+chuyên\s+mục|mới\s+nhất|nổi\s+bật|đã\s+đưa|xem\s+nhiều)|^[\s\p{P}]*(xem\s+thêm|đọc\s+thêm|chia\s+sẻ|bình\s+luận|ý\s+kiến\s+bạn\s+đọc|gửi\s+bình\s+luận|in\s+bài|gửi\s+bài|về\s+đầu\s+trang|quay\s+lại|trở\s+về|từ\s+khóa|từ\s+khoá|tags?|thẻ|share|like|tweet|print|email)([^\p{L}]|$)`)
	// A photo caption: "Ảnh: Hoàng Thùy", "(Ảnh minh họa)", "... (Ảnh: TTXVN)".
	reCaption = regexp.MustCompile(`(?i)^[\s(\[]*ảnh(\s+minh\s+(họa|hoạ))?\s*[:)\]]|[(\[]\s*ảnh(\s+minh\s+(họa|hoạ))?\s*[:)\]]|[(\[]\s*(ảnh|nguồn ảnh)\s*:[^)\]]*[)\]]\s*\.?$|[.!?…]\s+ảnh\s*:\s*[^.!?]{1,40}$|^\s*(video|clip|infographic)\s*:`)
	// Byline prefixes: "Tin, ảnh:", "Bài và ảnh:", "Theo", "Nguồn:".
	reBylinePrefix = regexp.MustCompile(`(?i)^(tin\s*(,|và|-|&)?\s*ảnh|bài\s*(,|và|-|&)?\s*ảnh|bài|tin|ảnh|nhóm\s+phóng\s+viên|nhóm\s+pv|pv|ctv|tác\s+giả|theo|nguồn|thực\s+hiện)\s*:?\s*`)
)

func isMetaLine(s string) bool {
	if len(s) > 400 || !strings.ContainsAny(s, "0123456789") {
		return false
	}
	if len(s) <= 120 && reDateLine.MatchString(s) {
		return true
	}
	return dateish(s) && reMetaKeyword.MatchString(s)
}

// dateish reports whether reDateish matches somewhere in s, without the
// regexp engine: a date "12/05/2021" (two separators / . - between runs
// of one or two digits and a year of two digits or more, white space
// allowed around them) or a time "09:15". TestDateish holds it to the
// regexp.
func dateish(s string) bool {
	digit := func(i int) bool { return i < len(s) && '0' <= s[i] && s[i] <= '9' }
	sep := func(i int) bool { return i < len(s) && (s[i] == '/' || s[i] == '.' || s[i] == '-') }
	space := func(i int) int { // past \s* ([\t\n\f\r ])
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
			i++
		}
		return i
	}
	for p := 0; p < len(s); p++ {
		if !digit(p) {
			continue
		}
		// A match with two digits first also matches from the second.
		if s[p+1:min(p+2, len(s))] == ":" && digit(p+2) && digit(p+3) {
			return true
		}
		q := space(p + 1)
		if !sep(q) {
			continue
		}
		q = space(q + 1)
		for k := 1; k <= 2 && digit(q+k-1); k++ {
			if r := space(q + k); sep(r) {
				if r = space(r + 1); digit(r) && digit(r+1) {
					return true
				}
			}
		}
	}
	return false
}

// isCaption reports a photo caption or credit (reCaption), checking first
// for the words it needs so that plain paragraphs cost no regexp.
func isCaption(s string) bool {
	// A caption is short; a long paragraph that ends in a credit is body
	// text (and the regexp stays off long paragraphs).
	if len(s) > 600 {
		return false
	}
	if !strings.Contains(s, "ảnh") && !strings.Contains(s, "Ảnh") && !strings.Contains(s, "ẢNH") {
		t := strings.TrimLeft(s, " \t")
		if len(t) < 4 || !(hasPrefixFold(t, "video") || hasPrefixFold(t, "clip") || hasPrefixFold(t, "infographic")) {
			return false
		}
	}
	return reCaption.MatchString(s)
}

// wordCount counts white-space separated chunks that contain a letter or digit.
func wordCount(s string) int { return wordCountUpTo(s, len(s)) }

// wordCountUpTo counts as wordCount does, but stops past limit: the result
// is min(wordCount(s), limit+1). Chunks are separated as strings.Fields
// separates them (unicode.IsSpace); nothing is allocated.
func wordCountUpTo(s string, limit int) int {
	n := 0
	counted := false // the current chunk has been counted
	for i := 0; i < len(s); {
		c := s[i]
		var r rune
		if c < utf8.RuneSelf {
			r = rune(c)
			i++
		} else {
			var size int
			r, size = utf8.DecodeRuneInString(s[i:])
			i += size
		}
		switch {
		case r < utf8.RuneSelf && asciiSpace[r] || r >= utf8.RuneSelf && unicode.IsSpace(r):
			counted = false
		case !counted && isWordRune(r):
			counted = true
			if n++; n > limit {
				return n
			}
		}
	}
	return n
}

// asciiSpace marks the ASCII bytes unicode.IsSpace accepts.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// isHeadingLike reports a line that may be a title or a category: not ending
// in a period and not too long.
func isHeadingLike(s string) bool {
	if n := wordCountUpTo(s, 45); n == 0 || n > 45 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, "\"”’') "))
	return r != '.' || strings.HasSuffix(s, "...")
}

// isCategoryLike reports a short section name such as "Tin quân đội" or "Thời sự".
func isCategoryLike(s string) bool {
	n := wordCountUpTo(s, 5)
	if n == 0 || n > 5 || strings.ContainsAny(s, "0123456789.,:;!?\"“”") {
		return false
	}
	return true
}

// bylineName returns the span, relative to s, of the author's name in a byline
// such as "Hoàng Hải", "Tin, ảnh: Hoàng Hải" or "NGUYỄN VĂN A (TTXVN)", and
// whether s is a byline at all.
func bylineName(s string) (int, int, bool) {
	if wordCountUpTo(s, 10) > 10 || endsSentence(s) && !strings.HasSuffix(s, ")") {
		return 0, 0, false
	}
	start := 0
	if m := reBylinePrefix.FindStringIndex(s); m != nil {
		start = m[1]
	}
	rest := s[start:]
	end := len(rest)
	// Drop an agency in parentheses: "Hoàng Hải (TTXVN)".
	if k := strings.IndexAny(rest, "(-–/"); k > 0 {
		end = k
	}
	name := strings.TrimSpace(rest[:end])
	ws := strings.Fields(name)
	if len(ws) == 0 || len(ws) > 6 {
		return 0, 0, false
	}
	for _, w := range ws {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return 0, 0, false
		}
		for _, c := range w {
			if !unicode.IsLetter(c) && c != '.' && !unicode.Is(unicode.Mn, c) {
				return 0, 0, false
			}
		}
	}
	ns := start + strings.Index(rest, name)
	if strings.HasPrefix(strings.ToLower(s), "theo") || strings.HasPrefix(strings.ToLower(s), "nguồn") {
		// "Theo TTXVN": a source, not an author.
		return ns, ns, true
	}
	if len(ws) == 1 && isAllUpper(ws[0]) && utf8.RuneCountInString(ws[0]) <= 6 {
		// A lone agency code ("TTXVN") is a source, not an author.
		return ns, ns, true
	}
	return ns, ns + len(name), true
}

// structure holds what the layout analysis found.
type structure struct {
	paragraphs                  []paragraph
	title, category, dateline   Span
	byline, author              Span
	leadPara                    int // index of the lead paragraph, or -1
	bodyParas                   int // number of body paragraphs
	metaParas                   []int
	firstBody, lastBody, tailAt int
}

// Hints are facts about an article known from outside its text, such as the
// title field of a JSONL input.
type Hints struct {
	// Title, when set, is the article's headline. If the text starts with the
	// same line it is marked as the title; otherwise the text is taken to have
	// no title line.
	Title string
}

func analyzeStructure(text string, h Hints) structure {
	ps := buildParagraphs(text, splitLines(text))
	st := structure{paragraphs: ps, leadPara: -1}
	n := len(ps)
	for i := range ps {
		ps[i].role = RoleBody
	}
	if n == 0 {
		return st
	}
	// Header: category, title and meta lines at the top.
	i := 0
	titleDone := false
	if h.Title != "" {
		titleDone = true
		for i < n && isMetaLine(text[ps[i].start:ps[i].end]) {
			ps[i].role = RoleMeta
			i++
		}
		if i < n && EqualFold(strings.Join(strings.Fields(text[ps[i].start:ps[i].end]), " "), strings.Join(strings.Fields(h.Title), " ")) {
			ps[i].role = RoleTitle
			st.title = Span{ps[i].start, ps[i].end}
			i++
		}
	}
	for ; i < n && n > 1; i++ {
		s := text[ps[i].start:ps[i].end]
		if isMetaLine(s) {
			ps[i].role = RoleMeta
			continue
		}
		if titleDone || !isHeadingLike(s) || i == n-1 {
			break
		}
		if st.category.IsZero() && isCategoryLike(s) && i+1 < n-1 && !isMetaLine(text[ps[i+1].start:ps[i+1].end]) &&
			isHeadingLike(text[ps[i+1].start:ps[i+1].end]) {
			ps[i].role = RoleMeta
			st.category = Span{ps[i].start, ps[i].end}
			continue
		}
		ps[i].role = RoleTitle
		st.title = Span{ps[i].start, ps[i].end}
		titleDone = true
	}
	// Meta lines may also follow the title directly.
	for i < n && isMetaLine(text[ps[i].start:ps[i].end]) {
		ps[i].role = RoleMeta
		i++
	}
	first := i
	st.firstBody = first
	// Tail: boilerplate from its first marker on, then a byline before it.
	tail := n
	for k := first + 1; k < n; k++ {
		s := text[ps[k].start:ps[k].end]
		if wordCountUpTo(s, 8) <= 8 && reBoilerplate.MatchString(s) {
			tail = k
			break
		}
	}
	for k := tail; k < n; k++ {
		ps[k].role = RoleBoilerplate
	}
	st.tailAt = tail
	last := tail - 1
	// A closing photo credit ("Ảnh: Hoàng Thùy") is a caption, not the
	// byline; the byline may stand just before it.
	bylineAt := last
	if bylineAt > first && !ps[bylineAt].joined && isCaption(text[ps[bylineAt].start:ps[bylineAt].end]) &&
		wordCountUpTo(text[ps[bylineAt].start:ps[bylineAt].end], 8) <= 8 {
		bylineAt--
	}
	if bylineAt > first {
		s := text[ps[bylineAt].start:ps[bylineAt].end]
		if a, b, ok := bylineName(s); ok && !ps[bylineAt].joined && !isCaption(s) {
			ps[bylineAt].role = RoleByline
			st.byline = Span{ps[bylineAt].start, ps[bylineAt].end}
			if b > a {
				st.author = Span{ps[bylineAt].start + a, ps[bylineAt].start + b}
			}
			if bylineAt == last {
				last--
			}
		}
	}
	st.lastBody = last
	// Body: lead, captions, headings.
	for k := first; k <= last; k++ {
		p := &ps[k]
		s := text[p.start:p.end]
		switch {
		case p.role == RoleByline:
		case isCaption(s) || p.joined:
			p.role = RoleCaption
		case !p.terminated && (k > first || k < last):
			if wordCountUpTo(s, 14) > 14 {
				p.role = RoleCaption
			} else {
				p.role = RoleHeading
			}
		case st.leadPara < 0:
			p.role = RoleLead
			st.leadPara = k
		}
		if p.role.IsContent() {
			st.bodyParas++
		}
	}
	if st.leadPara >= 0 {
		p := ps[st.leadPara]
		if m := reDateline.FindStringSubmatchIndex(text[p.start:p.end]); m != nil && m[1] < p.end-p.start {
			st.dateline = Span{p.start + m[2], p.start + m[3]}
			// The dateline ends where its code does, before the dash.
			st.dateline.End = p.start + len(strings.TrimRight(text[p.start:p.start+m[3]], " "))
			if !plausibleDateline(text[st.dateline.Start:st.dateline.End]) {
				st.dateline = Span{}
			} else if text[st.dateline.Start] == '(' && text[st.dateline.End-1] == ')' {
				// "(QĐND) - ": the code is inside the parentheses.
				st.dateline = Span{st.dateline.Start + 1, st.dateline.End - 1}
			}
		}
	}
	return st
}

// plausibleDateline rejects dateline matches that are really the start of a
// sentence: the code must be short, and either in parentheses, a domain name,
// or in capitals ("QPTĐ", "TTO", "HÀ NỘI (TTXVN)", "QĐND Online").
func plausibleDateline(s string) bool {
	if s == "" || utf8.RuneCountInString(s) > 40 {
		return false
	}
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		return wordCountUpTo(s, 5) <= 5
	}
	if isDomain(strings.ToLower(strings.TrimSuffix(s, " Online"))) {
		return true
	}
	head := strings.TrimSuffix(s, " Online")
	if k := strings.IndexByte(head, '('); k > 0 {
		head = head[:k]
	}
	letters := 0
	for _, r := range head {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsLower(r) {
				return false
			}
		}
	}
	return letters >= 2
}
