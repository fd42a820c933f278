package loader

import (
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// The fuzz targets check that no input makes a reader panic or hang, and
// that what a reader accepts is well formed: a sha256 id, valid UTF-8 text
// without surrounding blank space, and (JSONL) spans that fit the text.

func seedFiles(f *testing.F, names ...string) {
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(fixtures, n))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func checkDoc(t *testing.T, d *Doc, format string) {
	t.Helper()
	if d == nil {
		t.Fatal("nil doc without error")
	}
	if _, err := hex.DecodeString(d.Document.ID); err != nil || len(d.Document.ID) != 64 {
		t.Fatalf("bad id %q", d.Document.ID)
	}
	if d.Document.Format != format {
		t.Fatalf("format %q, want %q", d.Document.Format, format)
	}
	if !utf8.ValidString(d.Document.Text) || !utf8.ValidString(d.Document.Title) {
		t.Fatal("invalid UTF-8 in text or title")
	}
	if strings.TrimSpace(d.Document.Text) == "" {
		t.Fatal("accepted a document without text")
	}
}

func FuzzReadHTML(f *testing.F) {
	seedFiles(f, "good/article.html", "bad/scripts-only.html")
	f.Add([]byte(`<main><article><header>h</header><p>x<br>y</p></article></main><pre> a </pre>`))
	f.Add([]byte("<p>\xff\xfe</p><table><tr><td>1<td>2</table>"))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := ReadHTML("f.html", b)
		if err == nil {
			checkDoc(t, d, FormatHTML)
			if d.Document.Text != strings.TrimSpace(d.Document.Text) {
				t.Fatalf("text not trimmed: %q", d.Document.Text)
			}
		}
	})
}

func FuzzReadMarkdown(f *testing.F) {
	seedFiles(f, "good/statement.md")
	f.Add([]byte("---\ntitle: [a, b]\ndate: 2024\n---\n# H\n\n> quote\n\n    code\n"))
	f.Add([]byte("---\n: : :\n---\ntext <b>x</b> ![alt](i.png) <http://x.y>"))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := ReadMarkdown("f.md", b)
		if err == nil {
			checkDoc(t, d, FormatMarkdown)
		}
	})
}

func FuzzReadPDF(f *testing.F) {
	seedFiles(f, "good/report.pdf", "bad/scanned.pdf")
	f.Add(makePDF("T", "2024", []string{"a(b)c"}, []string{"page 2"}))
	f.Add([]byte("%PDF-1.4\ntrailer\n<< /Root 1 0 R >>\n%%EOF"))
	f.Add(makePDFWith(true, "Flate", "20240101", []string{"Compressed text."}))
	old := pdfMaxTime
	pdfMaxTime = 3 * time.Second // a hang shows up as an error, not a stuck worker
	f.Cleanup(func() { pdfMaxTime = old })
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := ReadPDF("f.pdf", b)
		if err != nil && strings.Contains(err.Error(), "did not finish") {
			t.Fatalf("PDF parsing hung: %v", err)
		}
		if err == nil {
			checkDoc(t, d, FormatPDF)
		}
	})
}

func FuzzReadJSONL(f *testing.F) {
	seedFiles(f, "good/extraction.jsonl", "bad/bad-lines.jsonl")
	f.Add([]byte(`{"document":{"id":"a","text":"xy"},"entities":[{"id":"e","kind":"Place","mentions":[{"start":1,"end":2}]}]}` + "\n\n{}"))
	f.Fuzz(func(t *testing.T, b []byte) {
		docs, err := ReadJSONL("f.jsonl", b)
		if err == nil && len(docs) == 0 {
			t.Fatal("no documents and no error")
		}
		for _, d := range docs {
			e := d.Extraction
			if e == nil || e.Document.ID == "" || e.Document.Source == "" {
				t.Fatalf("accepted record without extraction, id or source: %+v", d.Document)
			}
			if text := e.Document.Text; text != "" {
				for _, en := range e.Entities {
					for _, m := range en.Mentions {
						if m.Start < 0 || m.End < m.Start || m.End > len(text) {
							t.Fatalf("accepted span %d-%d outside %d bytes", m.Start, m.End, len(text))
						}
					}
				}
				for _, r := range e.Relations {
					for _, ev := range r.Evidence {
						if text[ev.Start:ev.End] != ev.Quote {
							t.Fatal("accepted a quote that does not match")
						}
					}
				}
			}
		}
		if err != nil && len(Failures("f.jsonl", err)) == 0 {
			t.Fatal("error without failure lines")
		}
	})
}
