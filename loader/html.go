package loader

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// ReadHTML reads an HTML page. Document.Text is the main content as plain
// text: the <article> elements, else <main>, else the element with
// role="main", else <body> without navigation, header, footer, asides,
// forms and scripts. Paragraphs and other blocks are separated by blank
// lines; runs of whitespace inside a block become one space. Metadata comes
// from <title>, og:title, og:site_name or author (publisher),
// article:published_time or the first <time datetime> (published) and the
// lang attribute.
func ReadHTML(source string, raw []byte) (*Doc, error) {
	// a <meta charset> names the page's encoding
	text, warn, err := decodeText(raw, "text/html")
	if err != nil {
		return nil, err
	}
	root, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return nil, errorf("invalid HTML: %v", err)
	}
	meta := htmlMeta(root)
	content := mainContent(root)
	var tw textWriter
	for _, n := range content {
		tw.node(n)
	}
	body := tw.String()
	if body == "" {
		return nil, errorf("no text content in the HTML (only markup or scripts)")
	}
	doc := rightsgraph.Document{
		ID: docID(raw), Source: source, Format: FormatHTML, Text: body,
		Title: meta.title, Publisher: meta.publisher, Published: meta.published, Language: meta.lang,
	}
	return &Doc{Document: doc, Warnings: warn, Description: meta.description}, nil
}

type pageMeta struct {
	title, description, publisher, author, published, lang string
}

func htmlMeta(root *html.Node) pageMeta {
	var m pageMeta
	var ogTitle, siteName, timeAttr string
	walk(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		switch n.DataAtom {
		case atom.Html:
			if m.lang == "" {
				m.lang = strings.TrimSpace(attr(n, "lang"))
			}
		case atom.Title:
			if m.title == "" {
				m.title = collapse(textOf(n))
			}
			return false
		case atom.Meta:
			key := strings.ToLower(attr(n, "name"))
			if key == "" {
				key = strings.ToLower(attr(n, "property"))
			}
			val := strings.TrimSpace(attr(n, "content"))
			if val == "" {
				return true
			}
			switch key {
			case "description", "og:description":
				if m.description == "" {
					m.description = val
				}
			case "author":
				m.author = val
			case "og:site_name":
				siteName = val
			case "og:title":
				ogTitle = val
			case "article:published_time", "datepublished", "dc.date", "date":
				if m.published == "" {
					m.published = isoPrefix(val)
				}
			}
		case atom.Time:
			if timeAttr == "" {
				timeAttr = isoPrefix(attr(n, "datetime"))
			}
		case atom.Script, atom.Style, atom.Noscript, atom.Template:
			return false
		}
		return true
	})
	if m.title == "" {
		m.title = ogTitle
	}
	m.publisher = siteName
	if m.publisher == "" {
		m.publisher = m.author
	}
	if m.published == "" {
		m.published = timeAttr
	}
	return m
}

// isoPrefix returns the leading ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)
// of s, or "".
func isoPrefix(s string) string {
	s = strings.TrimSpace(s)
	n := 0
	for n < len(s) && n < 10 {
		c := s[n]
		if !(c >= '0' && c <= '9' || c == '-' && (n == 4 || n == 7)) {
			break
		}
		n++
	}
	p := strings.TrimSuffix(s[:n], "-")
	switch len(p) {
	case 4, 7, 10:
		for i, c := range []byte(p) {
			if (i == 4 || i == 7) != (c == '-') {
				return ""
			}
		}
		return p
	}
	return ""
}

// mainContent picks the nodes holding the page's main text.
func mainContent(root *html.Node) []*html.Node {
	var articles []*html.Node
	var mainEl, roleMain, body *html.Node
	walk(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		switch {
		case n.DataAtom == atom.Article:
			articles = append(articles, n)
			return false // nested articles are part of this one
		case n.DataAtom == atom.Main && mainEl == nil:
			mainEl = n
		case n.DataAtom == atom.Body && body == nil:
			body = n
		case strings.EqualFold(attr(n, "role"), "main") && roleMain == nil:
			roleMain = n
		}
		return true
	})
	switch {
	case len(articles) > 0 && hasText(articles):
		return articles
	case mainEl != nil && hasText([]*html.Node{mainEl}):
		return []*html.Node{mainEl}
	case roleMain != nil && hasText([]*html.Node{roleMain}):
		return []*html.Node{roleMain}
	case body != nil:
		return []*html.Node{body}
	}
	return []*html.Node{root}
}

func hasText(ns []*html.Node) bool {
	var tw textWriter
	for _, n := range ns {
		tw.node(n)
	}
	return tw.String() != ""
}

// skipped elements never contribute text; boilerplate ones only inside
// <body> used as a whole (an <article>'s own <header> holds its title).
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true, atom.Canvas: true,
	atom.Form: true, atom.Button: true, atom.Select: true, atom.Textarea: true, atom.Input: true,
	atom.Nav: true, atom.Aside: true, atom.Head: true, atom.Dialog: true,
}

var boilerplate = map[atom.Atom]bool{atom.Header: true, atom.Footer: true}

// block elements start a new paragraph.
var block = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Ul: true, atom.Ol: true, atom.Li: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Table: true, atom.Tr: true, atom.Blockquote: true, atom.Pre: true, atom.Figure: true,
	atom.Figcaption: true, atom.Header: true, atom.Footer: true, atom.Address: true,
	atom.Hr: true, atom.Caption: true, atom.Details: true, atom.Summary: true, atom.Body: true,
}

// textWriter accumulates plain text: blocks separated by a blank line,
// whitespace collapsed within a block, <br> as a line break.
type textWriter struct {
	out      strings.Builder
	para     strings.Builder
	pendingS bool // a space is due before the next word in para
	inPre    int
	depth    int // element depth from the first node, for boilerplate
}

func (w *textWriter) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
		if skipped[n.DataAtom] {
			return
		}
		if boilerplate[n.DataAtom] && w.depth > 0 && !insideArticle(n) {
			return
		}
		if n.DataAtom == atom.Br {
			w.para.WriteByte('\n')
			w.pendingS = false
			return
		}
		if hasAttr(n, "hidden") || strings.EqualFold(attr(n, "aria-hidden"), "true") {
			return
		}
	case html.CommentNode, html.DoctypeNode:
		return
	}
	isBlock := n.Type == html.ElementNode && block[n.DataAtom]
	if isBlock {
		w.flush()
	}
	if n.DataAtom == atom.Pre {
		w.inPre++
	}
	if n.DataAtom == atom.Td || n.DataAtom == atom.Th {
		w.pendingS = w.para.Len() > 0
	}
	w.depth++
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c)
	}
	w.depth--
	if n.DataAtom == atom.Pre {
		w.inPre--
	}
	if isBlock {
		w.flush()
	}
}

// insideArticle says whether n is inside an <article> or <main> (whose
// header and footer belong to the content).
func insideArticle(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.Article || p.DataAtom == atom.Main {
			return true
		}
	}
	return false
}

func (w *textWriter) text(s string) {
	if w.inPre > 0 {
		w.para.WriteString(s)
		return
	}
	if s != "" && isHTMLSpace(rune(s[0])) {
		w.pendingS = true
	}
	for i, f := range strings.FieldsFunc(s, isHTMLSpace) {
		if (w.pendingS || i > 0) && w.para.Len() > 0 {
			w.para.WriteByte(' ')
		}
		w.para.WriteString(f)
		w.pendingS = false
	}
	if s != "" && isHTMLSpace(rune(s[len(s)-1])) {
		w.pendingS = true
	}
}

func isHTMLSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\u00a0'
}

func (w *textWriter) flush() {
	p := strings.TrimSpace(w.para.String())
	w.para.Reset()
	w.pendingS = false
	if p == "" {
		return
	}
	if w.out.Len() > 0 {
		w.out.WriteString("\n\n")
	}
	w.out.WriteString(p)
}

func (w *textWriter) String() string {
	w.flush()
	return w.out.String()
}

func walk(n *html.Node, f func(*html.Node) bool) {
	if !f(n) {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return true
		}
	}
	return false
}

func textOf(n *html.Node) string {
	var b bytes.Buffer
	walk(n, func(c *html.Node) bool {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
		return true
	})
	return b.String()
}

func collapse(s string) string { return strings.Join(strings.FieldsFunc(s, isHTMLSpace), " ") }
