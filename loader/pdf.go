package loader

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/ledongthuc/pdf"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// PDF text comes from github.com/ledongthuc/pdf, a maintained pure-Go fork
// of rsc.io/pdf with text extraction (rsc.io/pdf itself is unmaintained and
// has no text API; pdfcpu is maintained but extracts content streams, not
// text). The library panics on some malformed files, so the reader recovers,
// and it trusts page counts, so the reader bounds pages, text and time.
const (
	pdfMaxPages = 5000
	pdfMaxText  = 64 << 20
)

// pdfMaxTime bounds one PDF's parsing. The library takes no context and can
// loop on crafted files (a page tree or object stream that refers to
// itself), so parsing runs in its own goroutine and the reader gives up
// after this long; that goroutine then runs on until the process exits.
// A variable so that the fuzz test can shorten it.
var pdfMaxTime = 2 * time.Minute

// ReadPDF reads the text layer of a PDF: pages in order, separated by a
// blank line, with trailing spaces and runs of blank lines trimmed. Title
// and language come from the document information and catalog, published
// from the creation date. A PDF without text (a scan) is an error.
func ReadPDF(source string, raw []byte) (*Doc, error) {
	if len(raw) == 0 {
		return nil, errorf("empty file")
	}
	if !bytes.Contains(raw[:min(len(raw), 1024)], []byte("%PDF-")) {
		return nil, errorf("not a PDF (no %%PDF- header)")
	}
	type result struct {
		d   *Doc
		err error
	}
	done := make(chan result, 1)
	go func() {
		d, err := readPDF(source, raw)
		done <- result{d, err}
	}()
	timer := time.NewTimer(pdfMaxTime)
	defer timer.Stop()
	select {
	case r := <-done:
		return r.d, r.err
	case <-timer.C:
		return nil, errorf("PDF parsing did not finish in %v (malformed PDF?)", pdfMaxTime)
	}
}

func readPDF(source string, raw []byte) (d *Doc, err error) {
	defer func() {
		if r := recover(); r != nil {
			d, err = nil, errorf("unreadable PDF: %v", r)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		if strings.Contains(err.Error(), "encrypted") || strings.Contains(err.Error(), "password") {
			return nil, errorf("encrypted PDF: %v", err)
		}
		return nil, errorf("unreadable PDF: %v", err)
	}
	text, err := pdfText(r)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(text) == "" {
		return nil, errorf("PDF has no text layer (scanned image?); nothing to extract")
	}
	var warn []string
	if !utf8Valid(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
		warn = append(warn, "PDF text had invalid UTF-8; replaced with U+FFFD")
	}
	info := r.Trailer().Key("Info")
	doc := rightsgraph.Document{
		ID: docID(raw), Source: source, Format: FormatPDF, Text: text,
		Title:     cleanMeta(info.Key("Title").Text()),
		Publisher: cleanMeta(info.Key("Author").Text()),
		Published: pdfDate(info.Key("CreationDate").Text()),
		Language:  cleanMeta(r.Trailer().Key("Root").Key("Lang").Text()),
	}
	return &Doc{Document: doc, Warnings: warn, Description: cleanMeta(info.Key("Subject").Text())}, nil
}

func pdfText(r *pdf.Reader) (string, error) {
	n := r.NumPage()
	if n > pdfMaxPages {
		n = pdfMaxPages
	}
	var out strings.Builder
	for i := 1; i <= n; i++ {
		p := r.Page(i)
		if p.V.IsNull() {
			break // the page tree has fewer pages than its Count says
		}
		// Font names (F1, ...) are per page: a cache across pages could
		// decode a page with another page's font, so each page gets its own.
		t, err := p.GetPlainText(nil)
		if err != nil {
			continue // one unreadable page does not lose the others
		}
		t = tidyPDFPage(t)
		if t == "" {
			continue
		}
		if out.Len() > 0 {
			out.WriteString("\n\n")
		}
		out.WriteString(t)
		if out.Len() > pdfMaxText {
			return "", errorf("PDF text over %s", humanSize(pdfMaxText))
		}
	}
	return out.String(), nil
}

// tidyPDFPage trims each line and drops runs of blank lines.
func tidyPDFPage(t string) string {
	lines := strings.Split(strings.ReplaceAll(t, "\r", "\n"), "\n")
	var b strings.Builder
	blank := 0
	for _, l := range lines {
		l = strings.TrimRight(l, " \t\x00")
		if strings.TrimSpace(l) == "" {
			blank++
			continue
		}
		if b.Len() > 0 {
			if blank > 1 {
				b.WriteString("\n\n")
			} else {
				b.WriteByte('\n')
			}
		}
		blank = 0
		b.WriteString(l)
	}
	return b.String()
}

func cleanMeta(s string) string {
	s = strings.ToValidUTF8(strings.TrimSpace(s), "")
	return strings.Join(strings.Fields(s), " ")
}

// pdfDate converts a PDF date (D:YYYYMMDDHHmmSS...) to an ISO 8601 prefix.
func pdfDate(s string) string {
	s = strings.TrimPrefix(strings.TrimSpace(s), "D:")
	digits := 0
	for digits < len(s) && digits < 8 && s[digits] >= '0' && s[digits] <= '9' {
		digits++
	}
	switch {
	case digits >= 8:
		return fmt.Sprintf("%s-%s-%s", s[:4], s[4:6], s[6:8])
	case digits >= 6:
		return fmt.Sprintf("%s-%s", s[:4], s[4:6])
	case digits >= 4:
		return s[:4]
	}
	return ""
}
