package record

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/vnews/vnews/nlp"
)

// htmlArticle is what a news page holds: its headline, its publication
// date as the page states it, and the article's text, paragraph by
// paragraph.
type htmlArticle struct {
	Title     string
	Published string
	Text      string
	Warnings  []string // how the page was read, when not as usual
}

// reCharset finds a page's declared character set in its first bytes:
// <meta charset="windows-1258"> or the http-equiv form.
var reCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_\-]+)`)

// decodeHTML decodes a page's bytes. An encoding the caller forces is
// applied as given. Otherwise the page's declared charset is honoured when
// vnews reads it and it does not make the text worse than what the bytes
// themselves say; when it does, the bytes win and the record gets a warning
// that names both charsets:
//   - a byte order mark decides, as in a browser;
//   - a utf-16 declaration is never honoured on bytes that are not UTF-16
//     (the declaration itself is ASCII, so such a page never is: browsers
//     read it as UTF-8 too);
//   - bytes that are valid UTF-8 and not all ASCII are UTF-8 (text in an
//     8-bit encoding almost never is valid UTF-8);
//   - otherwise the declared charset is kept unless detection finds an
//     encoding under which the text reads as Vietnamese far better.
//
// A charset vnews does not read (iso-8859-1, say) is left to detection,
// with a warning when the page holds more than ASCII.
func decodeHTML(b []byte, enc nlp.Encoding) (nlp.Decoded, error) {
	if enc != nlp.EncodingAuto {
		return nlp.Decode(b, enc)
	}
	auto, autoErr := nlp.Decode(b, nlp.EncodingAuto)
	label := declaredCharset(b)
	if label == "" {
		return auto, autoErr
	}
	declared, err := nlp.ParseEncoding(label)
	known := err == nil && declared != nlp.EncodingAuto
	utf16 := declared == nlp.UTF16LE || declared == nlp.UTF16BE
	if known && declared == auto.Encoding ||
		utf16 && autoErr == nil && (auto.Encoding == nlp.UTF16LE || auto.Encoding == nlp.UTF16BE) && !hasEndian(label) {
		return auto, autoErr
	}
	if autoErr != nil {
		if known && !utf16 {
			return nlp.Decode(b, declared)
		}
		return auto, autoErr
	}
	body, bom := b, ""
	for _, m := range []struct{ bom, name string }{{"\xef\xbb\xbf", "UTF-8"}, {"\xff\xfe", "UTF-16LE"}, {"\xfe\xff", "UTF-16BE"}} {
		if bytes.HasPrefix(b, []byte(m.bom)) {
			body, bom = b[len(m.bom):], m.name
			break
		}
	}
	ascii := isASCII(body)
	var why string
	switch {
	case bom != "":
		why = "it starts with a " + bom + " byte order mark"
	case utf16:
		why = "its bytes are not " + strings.ToUpper(label)
	case !ascii && auto.Encoding == nlp.UTF8 && utf8.Valid(body):
		why = "its bytes are valid UTF-8"
	case !known && ascii:
		return auto, nil // any charset vnews might be asked for reads ASCII alike
	case !known:
		return warnCharset(auto, label, ", which vnews does not read"), nil
	case ascii:
		return nlp.Decode(b, declared) // the same text, named as the page says
	default:
		dec, err := nlp.Decode(b, declared)
		if err != nil || auto.Encoding == nlp.UTF8 {
			return dec, err
		}
		// Detection found the text Vietnamese under another 8-bit table.
		sd, sa := vietnameseScore(dec.Text), vietnameseScore(auto.Text)
		if !(sa-sd >= 3 && sa > 2*sd) {
			return dec, err
		}
		why = "its text reads far better as " + string(auto.Encoding)
	}
	return warnCharset(auto, label, " but "+why), nil
}

// warnCharset adds to d the warning that the page's declared charset label
// was not used, and why.
func warnCharset(d nlp.Decoded, label, why string) nlp.Decoded {
	d.Warnings = append(d.Warnings, fmt.Sprintf("the page declares charset %q%s; read as %s", label, why, d.Encoding))
	return d
}

// declaredCharset is the charset label a page declares in its first bytes,
// or "".
func declaredCharset(b []byte) string {
	if len(b) > 4096 {
		b = b[:4096]
	}
	if m := reCharset.FindSubmatch(b); m != nil {
		return string(m[1])
	}
	return ""
}

// hasEndian reports a UTF-16 label that names its byte order.
func hasEndian(label string) bool {
	l := strings.ToLower(label)
	return strings.HasSuffix(l, "le") || strings.HasSuffix(l, "be")
}

func isASCII[T string | []byte](b T) bool {
	for i := range len(b) {
		if b[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// vietnameseScore is nlp's measure of how well text reads as Vietnamese,
// on its first 64 KiB.
func vietnameseScore(text string) int {
	if len(text) > 64*1024 {
		text = text[:64*1024]
	}
	return nlp.VietnameseScore(text)
}

// skipTags never hold article text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Nav: true, atom.Header: true,
	atom.Footer: true, atom.Aside: true, atom.Form: true, atom.Iframe: true, atom.Svg: true,
	atom.Button: true, atom.Select: true, atom.Textarea: true, atom.Template: true, atom.Object: true,
	atom.Head: true, atom.Menu: true,
}

// reBoilerClass marks page furniture by its class or id.
var reBoilerClass = regexp.MustCompile(`(?i)(^|[\s_\-])(nav|navbar|menu|footer|header|sidebar|side-bar|comment|comments|share|social|related|relate|breadcrumbs?|advert|ads|banner|popup|modal|cookie|subscribe|tags?|toolbar|widget|login|search)([\s_\-]|$)`)

// blockTags are the elements that make a paragraph of their own.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Li: true, atom.Blockquote: true, atom.Figcaption: true, atom.Pre: true, atom.Td: true, atom.Dd: true,
	atom.Dt: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true, atom.Tr: true,
	atom.Ul: true, atom.Ol: true, atom.Table: true, atom.Figure: true, atom.Br: true, atom.Hr: true,
}

// parseHTML reads a news page: the title from og:title, <title> or the
// first <h1>; the date from the usual meta tags or a <time datetime>; the
// text of the main content (the <article>, else the element whose own
// paragraphs hold the most text), without scripts, styles, navigation,
// headers, footers, asides and elements whose class names them so.
//
// A page the parser rejects (it refuses HTML nested deeper than 512
// elements) is read token by token instead, with a warning.
func parseHTML(text string) htmlArticle {
	a, err := parseHTMLTree(text)
	if err != nil {
		a = parseHTMLTokens(text)
		a.Warnings = append(a.Warnings, fmt.Sprintf("the page is nested too deeply for the HTML parser (%v); it was read with a simpler token-by-token reader", err))
	}
	return a
}

// parseHTMLTree is parseHTML over the parser's tree of the page.
func parseHTMLTree(text string) (htmlArticle, error) {
	var a htmlArticle
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return a, err
	}
	var ogTitle, titleTag, h1 string
	var article, body *html.Node
	articleLen := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				a.readMeta(n.Attr, &ogTitle)
			case atom.Title:
				if titleTag == "" {
					titleTag = nodeText(n)
				}
			case atom.Time:
				a.readTime(n.Attr)
			case atom.H1:
				if h1 == "" {
					h1 = nodeText(n)
				}
			case atom.Article:
				// The longest <article>: pages may hold others (related items).
				if l := len(nodeText(n)); article == nil || l > articleLen {
					article, articleLen = n, l
				}
			case atom.Body:
				body = n
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	a.Title = collapse(firstNonEmpty(ogTitle, h1, titleTag))
	if a.Published == "" {
		// A <time datetime> anywhere in the page, as a last resort.
		var find func(n *html.Node)
		find = func(n *html.Node) {
			if a.Published != "" {
				return
			}
			if n.Type == html.ElementNode && n.DataAtom == atom.Time && attr(n, "datetime") != "" {
				a.Published = attr(n, "datetime")
				return
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				find(c)
			}
		}
		find(doc)
	}
	root := article
	if root == nil {
		root = mainContent(body)
	}
	if root == nil {
		root = doc
	}
	var paras []string
	var cur strings.Builder
	flush := func() {
		if s := collapse(cur.String()); s != "" {
			paras = append(paras, s)
		}
		cur.Reset()
	}
	var emit func(n *html.Node)
	emit = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			if skipTags[n.DataAtom] || boilerplate(n.DataAtom, n.Attr) {
				return
			}
			if blockTags[n.DataAtom] {
				flush()
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			emit(c)
		}
		if n.Type == html.ElementNode && blockTags[n.DataAtom] {
			flush()
		}
	}
	emit(root)
	flush()
	a.setText(paras)
	return a, nil
}

// setText joins the paragraphs of the content into a's text. The headline
// opens the text, as in a scraped article, unless the content already
// starts with it.
func (a *htmlArticle) setText(paras []string) {
	if a.Title != "" && (len(paras) == 0 || !strings.EqualFold(paras[0], a.Title)) {
		paras = append([]string{a.Title}, paras...)
	}
	a.Text = strings.Join(paras, "\n\n")
}

// readMeta takes the og:title and the publication date from the attributes
// of a <meta> element, when the page gave none before.
func (a *htmlArticle) readMeta(attrs []html.Attribute, ogTitle *string) {
	prop := strings.ToLower(attrOf(attrs, "property") + attrOf(attrs, "name") + attrOf(attrs, "itemprop"))
	content := strings.TrimSpace(attrOf(attrs, "content"))
	switch prop {
	case "og:title":
		if *ogTitle == "" {
			*ogTitle = content
		}
	case "article:published_time", "pubdate", "publishdate", "date", "datepublished", "dc.date.issued",
		"og:published_time", "publish-date", "article.published":
		if a.Published == "" {
			a.Published = content
		}
	}
}

// readTime takes the publication date from a <time> element marked as the
// date of publication, when the page gave none before.
func (a *htmlArticle) readTime(attrs []html.Attribute) {
	if a.Published == "" && (attrOf(attrs, "itemprop") == "datePublished" || hasAttrOf(attrs, "pubdate")) {
		a.Published = attrOf(attrs, "datetime")
	}
}

// mainContent returns the element whose own paragraph children hold the
// most text: the article body on pages without an <article> element.
func mainContent(body *html.Node) *html.Node {
	if body == nil {
		return nil
	}
	var best *html.Node
	bestLen := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (skipTags[n.DataAtom] || boilerplate(n.DataAtom, n.Attr)) {
			return
		}
		own := 0
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (c.DataAtom == atom.P || c.DataAtom == atom.H2 || c.DataAtom == atom.H3 || c.DataAtom == atom.Blockquote) {
				own += len(nodeText(c))
			}
		}
		if own > bestLen {
			best, bestLen = n, own
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(body)
	if best == nil {
		return body
	}
	return best
}

// boilerplate reports an element that is page furniture by its class, id
// or role.
func boilerplate(a atom.Atom, attrs []html.Attribute) bool {
	if a == atom.Article || a == atom.Main || a == atom.Body {
		return false
	}
	for _, k := range []string{"class", "id", "role"} {
		if v := attrOf(attrs, k); v != "" && reBoilerClass.MatchString(v) {
			return true
		}
	}
	return false
}

func attr(n *html.Node, key string) string { return attrOf(n.Attr, key) }

func attrOf(attrs []html.Attribute, key string) string {
	for _, a := range attrs {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasAttrOf(attrs []html.Attribute, key string) bool {
	for _, a := range attrs {
		if strings.EqualFold(a.Key, key) {
			return true
		}
	}
	return false
}

// nodeText is the text of n and its descendants, outside skipped elements.
func nodeText(n *html.Node) string {
	var b bytes.Buffer
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
			return
		}
		if n.Type == html.ElementNode && skipTags[n.DataAtom] {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return collapse(b.String())
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// looksLikeHTML reports a document that starts as an HTML page does.
func looksLikeHTML(b []byte) bool {
	b = bytes.TrimLeft(b, " \t\r\n\ufeff")
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if len(b) > 512 {
		b = b[:512]
	}
	l := bytes.ToLower(b)
	return bytes.HasPrefix(l, []byte("<!doctype html")) || bytes.HasPrefix(l, []byte("<html")) ||
		bytes.HasPrefix(l, []byte("<head")) || (bytes.HasPrefix(l, []byte("<!--")) && bytes.Contains(l, []byte("<html")))
}

// The token reader. parseHTMLTokens reads a page as parseHTMLTree does, but
// from the tokenizer's stream of tags and text rather than the parser's
// tree, so that no depth of nesting stops it: it is the reader for pages
// the parser rejects. It keeps its own stack of open elements and closes
// them as a page written properly does, with the parser's commonest
// implied end tags (<head>, <p>, <li>, <dd>, <dt>, table cells and rows,
// headings). It reads a page twice: the first pass finds the headline, the
// date and the element that holds the content, with the same rules as the
// tree (the longest <article>, else the element whose own paragraphs hold
// the most text); the second writes that element's text, without scripts,
// styles and page furniture. Where the parser's repairs of broken markup
// (misnested formatting elements, text in a table outside its cells)
// would move text, the two readers may differ; on pages written properly
// they agree (TestHTMLTokenReaderAgreesWithTree). Its work and memory are
// linear in the page, whatever its depth.
func parseHTMLTokens(text string) htmlArticle {
	var a htmlArticle
	var ogTitle, titleTag, h1, anyTime string
	// nodeText of the first <title> and <h1> with text: the text inside
	// them and outside skipped elements, collected while they are open.
	var titleText, h1Text strings.Builder
	titleOrd, h1Ord := int32(-1), int32(-1) // while open
	titleLevel, h1Level := int32(0), int32(0)
	// ns[l] and nf[l] count the bytes other than white space and the
	// white-space separated fields of the text inside exactly l skipped
	// elements: an element's nodeText is what they grew by while it was
	// open, at its own level.
	ns, nf := []int{0}, []int{0}
	nodeTextLen := func(e *tokElem) int {
		fields := nf[e.level] - e.nf
		if fields == 0 {
			return 0
		}
		return ns[e.level] - e.ns + fields - 1
	}
	article, articleLen := int32(-1), 0 // the longest <article>, the first of equals
	best, bestLen := int32(-1), 0       // mainContent's choice
	candidate := func(e *tokElem) {
		if !e.hidden && e.own > 0 && (e.own > bestLen || e.own == bestLen && e.ord < best) {
			best, bestLen = e.ord, e.own
		}
	}
	body := int32(-1)

	w := tokenWalker{}
	w.start = func(e, parent *tokElem, attrs []html.Attribute) {
		e.hidden = parent.hidden || w.furniture(e.atom, attrs)
		for len(ns) <= int(e.level) {
			ns, nf = append(ns, 0), append(nf, 0)
		}
		e.ns, e.nf = ns[e.level], nf[e.level]
		switch e.atom {
		case atom.Meta:
			a.readMeta(attrs, &ogTitle)
		case atom.Time:
			a.readTime(attrs)
			if anyTime == "" {
				anyTime = attrOf(attrs, "datetime")
			}
		case atom.Title:
			if titleTag == "" && titleOrd < 0 {
				titleOrd, titleLevel = e.ord, e.level
				titleText.Reset()
			}
		case atom.H1:
			if h1 == "" && h1Ord < 0 {
				h1Ord, h1Level = e.ord, e.level
				h1Text.Reset()
			}
		case atom.Body:
			if body < 0 {
				body = e.ord
			}
		}
	}
	w.text = func(top *tokElem, s string) {
		nonSpace, fields := textCounts(s)
		ns[top.level] += nonSpace
		nf[top.level] += fields
		if titleOrd >= 0 && top.level == titleLevel {
			titleText.WriteString(s)
			titleText.WriteByte(' ')
		}
		if h1Ord >= 0 && top.level == h1Level {
			h1Text.WriteString(s)
			h1Text.WriteByte(' ')
		}
	}
	w.end = func(e, parent *tokElem) {
		switch e.atom {
		case atom.P, atom.H2, atom.H3, atom.Blockquote:
			parent.own += nodeTextLen(e)
		case atom.Article:
			if l := nodeTextLen(e); article < 0 || l > articleLen || l == articleLen && e.ord < article {
				article, articleLen = e.ord, l
			}
		case atom.Title:
			if e.ord == titleOrd {
				titleTag, titleOrd = collapse(titleText.String()), -1
			}
		case atom.H1:
			if e.ord == h1Ord {
				h1, h1Ord = collapse(h1Text.String()), -1
			}
		}
		candidate(e)
	}
	w.walk(text)
	candidate(&w.stack[0])

	a.Title = collapse(firstNonEmpty(ogTitle, h1, titleTag))
	if a.Published == "" {
		a.Published = anyTime
	}
	root := int32(0) // the document
	switch {
	case article >= 0:
		root = article
	case best >= 0:
		root = best
	case body >= 0:
		root = body
	}
	a.setText(tokenText(text, root, w.stack))
	return a
}

// tokenText is the text of the element numbered root (0: the whole page),
// paragraph by paragraph, as parseHTMLTree's emit writes it. It reuses
// stack, the first pass's.
func tokenText(text string, root int32, stack []tokElem) []string {
	var paras []string
	var cur strings.Builder
	flush := func() {
		if s := collapse(cur.String()); s != "" {
			paras = append(paras, s)
		}
		cur.Reset()
	}
	in := root == 0
	w := tokenWalker{stack: stack[:0]}
	w.start = func(e, parent *tokElem, attrs []html.Attribute) {
		if e.ord == root {
			in = true
		} else {
			e.hidden = parent.hidden || in && w.furniture(e.atom, attrs)
		}
		if in && !e.hidden && blockTags[e.atom] {
			flush()
		}
	}
	w.text = func(top *tokElem, s string) {
		if in && !top.hidden {
			cur.WriteString(s)
		}
	}
	w.end = func(e, parent *tokElem) {
		if in && !e.hidden && blockTags[e.atom] {
			flush()
		}
		if e.ord == root {
			in, w.stop = false, true
		}
	}
	w.walk(text)
	flush()
	return paras
}

// tokElem is an element open on the token reader's stack.
type tokElem struct {
	atom   atom.Atom
	ord    int32  // its number in document order; 0 is the document
	level  int32  // how many skipped elements (skipTags) hold its text
	hidden bool   // its text is not the page's: each pass sets it
	name   string // the tag name of an element without an atom
	ns, nf int    // the text counters of its level when it opened
	own    int    // nodeText of its paragraph children, as mainContent counts it
	// implied[k] is the stack index of the element implied[k] would close
	// at this point, or -1: kept on each element so that no start tag
	// searches the stack.
	implied [len(implied)]int32
}

// tokenWalker walks the tokens of a page with a stack of open elements,
// calling start when an element has opened, end before it closes (every
// element closes, at the end of the page at the latest) and text for the
// text in the element on top. A callback may set stop to end the walk.
type tokenWalker struct {
	start     func(e, parent *tokElem, attrs []html.Attribute)
	end       func(e, parent *tokElem)
	text      func(top *tokElem, s string)
	stop      bool
	stack     []tokElem // stack[0] is the document
	ord       int32
	seen      map[atom.Atom]bool // <html>, <head> and <body> open once
	inBody    int
	inForeign int // open <svg> and <math>: there <x/> closes x
	// How many elements of each kind are open: an end tag that closes
	// nothing costs no search.
	openAtoms map[atom.Atom]int
	openNames map[string]int
}

func (w *tokenWalker) walk(text string) {
	z := html.NewTokenizer(strings.NewReader(text))
	if cap(w.stack) == 0 {
		// Every element opens at a '<': the stack never grows past this.
		w.stack = make([]tokElem, 0, strings.Count(text, "<")+1)
	}
	doc := tokElem{}
	for k := range doc.implied {
		doc.implied[k] = -1
	}
	w.stack = append(w.stack[:0], doc)
	w.seen = map[atom.Atom]bool{}
	w.openAtoms, w.openNames = map[atom.Atom]int{}, map[string]int{}
	for !w.stop {
		switch z.Next() {
		case html.ErrorToken:
			for len(w.stack) > 1 && !w.stop {
				w.pop()
			}
			return
		case html.TextToken:
			s := string(z.Text())
			if top := w.top(); top.atom == atom.Head && strings.TrimSpace(s) != "" {
				w.pop() // text ends the head
			}
			w.text(w.top(), s)
		case html.StartTagToken, html.SelfClosingTagToken:
			w.open(z.Token())
		case html.EndTagToken:
			tok := z.Token()
			w.close(tok.DataAtom, tok.Data)
		}
	}
}

func (w *tokenWalker) top() *tokElem { return &w.stack[len(w.stack)-1] }

// furniture reports an element whose text is not the article's: a skipped
// tag, a class that names page furniture, a <title> outside the body. The
// <html> element is never furniture: the tree reader never looks at it.
func (w *tokenWalker) furniture(a atom.Atom, attrs []html.Attribute) bool {
	if a == atom.Html {
		return false
	}
	return skipTags[a] || boilerplate(a, attrs) || a == atom.Title && w.inBody == 0
}

func (w *tokenWalker) open(tok html.Token) {
	a := tok.DataAtom
	switch a {
	case atom.Html, atom.Head, atom.Body:
		if w.seen[a] {
			return
		}
		w.seen[a] = true
	}
	if w.top().atom == atom.Head && !headTags[a] {
		w.pop()
	}
	if closesP[a] {
		w.closeIn(implyP)
	}
	switch a {
	case atom.Li:
		w.closeIn(implyLi)
	case atom.Dd, atom.Dt:
		w.closeIn(implyDd)
	case atom.Td, atom.Th:
		w.closeIn(implyTd)
	case atom.Tr:
		w.closeIn(implyTr)
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		switch w.top().atom {
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			w.pop()
		}
	}
	parent := w.top()
	w.ord++
	e := tokElem{atom: a, ord: w.ord, level: parent.level}
	if a == 0 {
		e.name = tok.Data
		w.openNames[e.name]++
	} else {
		w.openAtoms[a]++
	}
	for k, im := range implied {
		switch {
		case im.kinds[a]:
			e.implied[k] = int32(len(w.stack))
		case im.scope[a]:
			e.implied[k] = -1
		default:
			e.implied[k] = parent.implied[k]
		}
	}
	if skipTags[a] {
		e.level++
	}
	switch a {
	case atom.Body:
		w.inBody++
	case atom.Svg, atom.Math:
		w.inForeign++
	}
	w.stack = append(w.stack, e)
	n := len(w.stack)
	w.start(&w.stack[n-1], &w.stack[n-2], tok.Attr)
	if voidTags[a] || tok.Type == html.SelfClosingTagToken && w.inForeign > 0 {
		w.pop()
	}
}

// close closes the open element an end tag names, with those open inside
// it; an end tag that closes nothing is dropped, as are </html> and </body>
// (the parser keeps the body open for what follows).
func (w *tokenWalker) close(a atom.Atom, name string) {
	if a == atom.Html || a == atom.Body || a != 0 && w.openAtoms[a] == 0 || a == 0 && w.openNames[name] == 0 {
		return
	}
	// The search is paid for by the elements it closes.
	for i := len(w.stack) - 1; i > 0; i-- {
		if e := &w.stack[i]; e.atom == a && (a != 0 || e.name == name) {
			for len(w.stack) > i && !w.stop {
				w.pop()
			}
			return
		}
	}
}

// closeIn closes the element an implied end tag closes, if there is one
// open in its scope, with the elements open inside it.
func (w *tokenWalker) closeIn(k int) {
	if i := int(w.top().implied[k]); i > 0 {
		for len(w.stack) > i && !w.stop {
			w.pop()
		}
	}
}

func (w *tokenWalker) pop() {
	n := len(w.stack)
	e := &w.stack[n-1]
	w.end(e, &w.stack[n-2])
	if e.atom == 0 {
		w.openNames[e.name]--
	} else {
		w.openAtoms[e.atom]--
	}
	switch e.atom {
	case atom.Body:
		w.inBody--
	case atom.Svg, atom.Math:
		w.inForeign--
	}
	w.stack = w.stack[:n-1]
}

// textCounts counts the bytes of s outside white space and its white-space
// separated fields: len(collapse(s)) is nonSpace+fields-1 for fields > 0.
func textCounts(s string) (nonSpace, fields int) {
	in := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if unicode.IsSpace(r) {
			in = false
			continue
		}
		if !in {
			fields++
			in = true
		}
		nonSpace += n
	}
	return nonSpace, fields
}

// The tags of the token reader's implied end tags, after the HTML standard's
// tree construction ("in body" insertion mode).
var (
	// voidTags have no content and no end tag.
	voidTags = atomSet(atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input,
		atom.Link, atom.Meta, atom.Param, atom.Source, atom.Track, atom.Wbr, atom.Keygen, atom.Basefont, atom.Bgsound)
	// headTags stay in the <head>; any other tag ends it.
	headTags = atomSet(atom.Base, atom.Basefont, atom.Bgsound, atom.Link, atom.Meta, atom.Title, atom.Noscript,
		atom.Noframes, atom.Style, atom.Script, atom.Template, atom.Head)
	// closesP are the tags that close an open <p>.
	closesP = atomSet(atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Center, atom.Details,
		atom.Dialog, atom.Dir, atom.Div, atom.Dl, atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer,
		atom.Header, atom.Hgroup, atom.Main, atom.Menu, atom.Nav, atom.Ol, atom.P, atom.Section, atom.Summary,
		atom.Ul, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Pre, atom.Listing, atom.Form,
		atom.Li, atom.Dd, atom.Dt, atom.Plaintext, atom.Table, atom.Hr, atom.Xmp)
	// implied are the implied end tags: a start tag closes the innermost
	// open element of kinds, unless an element of scope lies between.
	implied = [...]struct{ kinds, scope map[atom.Atom]bool }{
		implyP:  {atomSet(atom.P), buttonScope},
		implyLi: {atomSet(atom.Li), listScope},
		implyDd: {atomSet(atom.Dd, atom.Dt), listScope},
		implyTd: {atomSet(atom.Td, atom.Th), rowScope},
		implyTr: {atomSet(atom.Tr), tableScope},
	}
	// buttonScope bounds the search for a <p> to close.
	buttonScope = atomSet(atom.Html, atom.Table, atom.Td, atom.Th, atom.Caption, atom.Button, atom.Object,
		atom.Template, atom.Marquee, atom.Applet)
	// listScope bounds the search for an <li>, <dd> or <dt> to close.
	listScope = atomSet(atom.Html, atom.Body, atom.Table, atom.Td, atom.Th, atom.Caption, atom.Button,
		atom.Object, atom.Template, atom.Marquee, atom.Applet, atom.Ul, atom.Ol, atom.Menu, atom.Dl,
		atom.Article, atom.Section, atom.Nav, atom.Aside, atom.Header, atom.Footer, atom.Main,
		atom.Blockquote, atom.Figure, atom.Form, atom.Fieldset, atom.Details)
	// rowScope and tableScope bound the search for a cell and a row to close.
	rowScope   = atomSet(atom.Html, atom.Table, atom.Tr, atom.Template)
	tableScope = atomSet(atom.Html, atom.Table, atom.Template)
)

// The implied end tags, indexes of implied.
const (
	implyP = iota
	implyLi
	implyDd
	implyTd
	implyTr
)

func atomSet(as ...atom.Atom) map[atom.Atom]bool {
	m := make(map[atom.Atom]bool, len(as))
	for _, a := range as {
		m[a] = true
	}
	return m
}
