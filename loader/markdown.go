package loader

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"gopkg.in/yaml.v3"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// markdown is the parser: CommonMark plus GitHub tables, strikethrough and
// autolinks, so that their text comes out as text.
var markdown = goldmark.New(goldmark.WithExtensions(extension.GFM))

// ReadMarkdown reads a Markdown document. Document.Text is its plain text:
// blocks separated by a blank line, inline markup and link targets dropped,
// raw HTML dropped, code kept. A YAML front matter block (between --- lines)
// gives title, date (published), publisher (or author), about and
// lang/language; without a title, the first heading is the title.
func ReadMarkdown(source string, raw []byte) (*Doc, error) {
	txt, warn, err := checkText(raw)
	if err != nil {
		return nil, err
	}
	body, fm, err := frontMatter(txt)
	if err != nil {
		warn = append(warn, "front matter ignored: "+err.Error())
	}
	src := []byte(body)
	root := markdown.Parser().Parse(text.NewReader(src))
	var w mdWriter
	w.src = src
	w.block(root)
	plain := w.String()
	if strings.TrimSpace(plain) == "" {
		return nil, errorf("no text in the Markdown")
	}
	doc := rightsgraph.Document{
		ID: docID(raw), Source: source, Format: FormatMarkdown, Text: plain,
		Title: fm.str("title"), Published: fm.date("date", "published"),
		Publisher: fm.str("publisher"), About: fm.str("about"), Language: fm.str("lang", "language"),
	}
	if doc.Publisher == "" {
		doc.Publisher = fm.str("author")
	}
	if doc.Title == "" {
		doc.Title = w.firstHeading
	}
	return &Doc{Document: doc, Warnings: warn, Description: fm.str("description", "summary")}, nil
}

type meta map[string]any

func (m meta) str(keys ...string) string {
	for _, k := range keys {
		switch v := m[k].(type) {
		case string:
			if s := strings.TrimSpace(v); s != "" {
				return s
			}
		case int, int64, float64, bool:
			return fmt.Sprint(v)
		case []any:
			if len(v) > 0 {
				if s, ok := v[0].(string); ok {
					return strings.TrimSpace(s)
				}
			}
		}
	}
	return ""
}

func (m meta) date(keys ...string) string {
	for _, k := range keys {
		switch v := m[k].(type) {
		case time.Time:
			return v.Format("2006-01-02")
		case int:
			if v >= 1000 && v <= 9999 {
				return fmt.Sprint(v)
			}
		case string:
			if p := isoPrefix(v); p != "" {
				return p
			}
		}
	}
	return ""
}

// frontMatter splits a leading YAML block delimited by --- lines.
func frontMatter(s string) (body string, m meta, err error) {
	t := strings.TrimPrefix(s, "\ufeff")
	if !strings.HasPrefix(t, "---\n") && !strings.HasPrefix(t, "---\r\n") {
		return s, meta{}, nil
	}
	rest := t[strings.Index(t, "\n")+1:]
	end := -1
	for off := 0; off < len(rest); {
		nl := strings.IndexByte(rest[off:], '\n')
		line := rest[off:]
		if nl >= 0 {
			line = rest[off : off+nl]
		}
		l := strings.TrimRight(line, "\r \t")
		if l == "---" || l == "..." {
			end = off
			if nl >= 0 {
				body = rest[off+nl+1:]
			}
			break
		}
		if nl < 0 {
			break
		}
		off += nl + 1
	}
	if end < 0 {
		return s, meta{}, nil // a thematic break, not front matter
	}
	m = meta{}
	if err := yaml.Unmarshal([]byte(rest[:end]), &m); err != nil {
		return body, meta{}, fmt.Errorf("invalid YAML: %v", err)
	}
	return body, m, nil
}

// mdWriter renders the AST as plain text.
type mdWriter struct {
	src          []byte
	out          strings.Builder
	para         bytes.Buffer
	firstHeading string
}

func (w *mdWriter) flush() {
	p := strings.TrimSpace(w.para.String())
	w.para.Reset()
	if p == "" {
		return
	}
	if w.out.Len() > 0 {
		w.out.WriteString("\n\n")
	}
	w.out.WriteString(p)
}

func (w *mdWriter) String() string {
	w.flush()
	return w.out.String()
}

func (w *mdWriter) block(n ast.Node) {
	switch n := n.(type) {
	case *ast.HTMLBlock:
		return
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		w.flush()
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			w.para.Write(seg.Value(w.src))
		}
		w.flush()
		return
	case *ast.ThematicBreak:
		w.flush()
		return
	}
	if n.Type() == ast.TypeInline {
		w.inline(n)
		return
	}
	w.flush()
	if h, ok := n.(*ast.Heading); ok && w.firstHeading == "" {
		var hw mdWriter
		hw.src = w.src
		for c := h.FirstChild(); c != nil; c = c.NextSibling() {
			hw.inline(c)
		}
		w.firstHeading = strings.TrimSpace(hw.para.String())
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.(type) {
		case *east.TableCell:
			if w.para.Len() > 0 {
				w.para.WriteByte('\t')
			}
			for cc := c.FirstChild(); cc != nil; cc = cc.NextSibling() {
				w.inline(cc)
			}
			continue
		}
		w.block(c)
	}
	switch n.(type) {
	case *east.TableRow, *east.TableHeader:
		w.para.WriteByte('\n')
		return
	}
	w.flush()
}

func (w *mdWriter) inline(n ast.Node) {
	switch n := n.(type) {
	case *ast.Text:
		w.para.Write(n.Segment.Value(w.src))
		switch {
		case n.HardLineBreak():
			w.para.WriteByte('\n')
		case n.SoftLineBreak():
			w.para.WriteByte(' ')
		}
		return
	case *ast.String:
		w.para.Write(n.Value)
		return
	case *ast.RawHTML:
		return
	case *ast.AutoLink:
		w.para.Write(n.Label(w.src))
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() == ast.TypeInline {
			w.inline(c)
		} else {
			w.block(c)
		}
	}
}
