package loader

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
)

// makePDF writes a minimal, valid PDF 1.4 with one page per entry of pages,
// each showing its lines in Helvetica; an empty pages list gives one page
// with no content stream (a PDF without text, like a scan). Title and
// creation date go into the document information dictionary.
func makePDF(title, created string, pages ...[]string) []byte {
	return makePDFWith(false, title, created, pages...)
}

// makePDFWith is makePDF with the content streams Flate-compressed when flate is set.
func makePDFWith(flate bool, title, created string, pages ...[]string) []byte {
	var objs []string
	// 1 catalog, 2 pages, 3 font, 4 info, then page/content pairs.
	n := len(pages)
	if n == 0 {
		n = 1
	}
	kids := make([]string, n)
	for i := range kids {
		kids[i] = fmt.Sprintf("%d 0 R", 5+2*i)
	}
	objs = append(objs,
		"<< /Type /Catalog /Pages 2 0 R /Lang (en) >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Title (%s) /CreationDate (D:%s) /Author (Test Publisher) >>", title, created),
	)
	for i := 0; i < n; i++ {
		contents := ""
		if len(pages) > 0 {
			var s strings.Builder
			s.WriteString("BT /F1 12 Tf 72 720 Td 14 TL\n")
			for _, l := range pages[i] {
				l = strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(l)
				fmt.Fprintf(&s, "(%s) Tj T*\n", l)
			}
			s.WriteString("ET")
			contents = fmt.Sprintf(" /Contents %d 0 R", 6+2*i)
			stream, filter := s.String(), ""
			if flate {
				var z bytes.Buffer
				zw := zlib.NewWriter(&z)
				_, _ = zw.Write([]byte(stream))
				_ = zw.Close()
				stream, filter = z.String(), " /Filter /FlateDecode"
			}
			objs = append(objs,
				fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >>%s >>", contents),
				fmt.Sprintf("<< /Length %d%s >>\nstream\n%s\nendstream", len(stream), filter, stream))
			continue
		}
		objs = append(objs,
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
			"<< >>")
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}
