package record

import (
	"bytes"
	"regexp"
	"strings"

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
}

// reCharset finds a page's declared character set in its first bytes:
// <meta charset="windows-1258"> or the http-equiv form.
var reCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_\-]+)`)

// decodeHTML decodes a page's bytes: its declared charset when vnews knows
// it, else detection as for text.
func decodeHTML(b []byte, enc nlp.Encoding) (nlp.Decoded, error) {
	if enc == nlp.EncodingAuto {
		head := b
		if len(head) > 4096 {
			head = head[:4096]
		}
		if m := reCharset.FindSubmatch(head); m != nil {
			if e, err := nlp.ParseEncoding(string(m[1])); err == nil {
				enc = e
			}
		}
	}
	return nlp.Decode(b, enc)
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
func parseHTML(text string) htmlArticle {
	doc, err := html.Parse(strings.NewReader(text))
	var a htmlArticle
	if err != nil {
		return a
	}
	var ogTitle, titleTag, h1 string
	var article, body *html.Node
	articleLen := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				prop := strings.ToLower(attr(n, "property") + attr(n, "name") + attr(n, "itemprop"))
				content := strings.TrimSpace(attr(n, "content"))
				switch prop {
				case "og:title":
					if ogTitle == "" {
						ogTitle = content
					}
				case "article:published_time", "pubdate", "publishdate", "date", "datepublished", "dc.date.issued",
					"og:published_time", "publish-date", "article.published":
					if a.Published == "" {
						a.Published = content
					}
				}
			case atom.Title:
				if titleTag == "" {
					titleTag = nodeText(n)
				}
			case atom.Time:
				if a.Published == "" && (attr(n, "itemprop") == "datePublished" || hasAttr(n, "pubdate")) {
					a.Published = attr(n, "datetime")
				}
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
			if skipTags[n.DataAtom] || boilerplate(n) {
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
	// The headline opens the text, as in a scraped article, unless the
	// content already starts with it.
	if a.Title != "" && (len(paras) == 0 || !strings.EqualFold(paras[0], a.Title)) {
		paras = append([]string{a.Title}, paras...)
	}
	a.Text = strings.Join(paras, "\n\n")
	return a
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
		if n.Type == html.ElementNode && (skipTags[n.DataAtom] || boilerplate(n)) {
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

func boilerplate(n *html.Node) bool {
	if n.DataAtom == atom.Article || n.DataAtom == atom.Main || n.DataAtom == atom.Body {
		return false
	}
	for _, k := range []string{"class", "id", "role"} {
		if v := attr(n, k); v != "" && reBoilerClass.MatchString(v) {
			return true
		}
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
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
