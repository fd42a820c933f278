package loader

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// Formats a document can have (Document.Format).
const (
	FormatText      = "text"
	FormatMarkdown  = "markdown"
	FormatHTML      = "html"
	FormatPDF       = "pdf"
	FormatJSONL     = "jsonl"     // extract output: already extracted
	FormatReference = "reference" // reference YAML, extracted by kb.ExtractReference
)

// DefaultMaxSize is the default limit on one source's raw size.
const DefaultMaxSize = 20 << 20

// Doc is one document read from a source.
type Doc struct {
	Document rightsgraph.Document
	// Extraction is set when the source was already extracted (a .jsonl
	// record); the loader writes it as is, without re-extraction.
	Extraction *rightsgraph.Extraction
	// Warnings are things worth saying that did not stop the document
	// (for example repaired UTF-8).
	Warnings []string
	// Description is the page's own summary (HTML meta description), when it
	// has one. rightsgraph.Document has no field for it yet, so it is not stored.
	Description string
}

// docID is the document id: the hex sha256 of the raw content.
func docID(raw []byte) string {
	s := sha256.Sum256(raw)
	return hex.EncodeToString(s[:])
}

// errorf builds a read error: the message is the reason shown after the source.
func errorf(format string, args ...any) error {
	return rightsgraph.Errorf(rightsgraph.EINVALID, format, args...)
}

// checkText rejects empty and binary content and repairs invalid UTF-8.
// It returns the text and a warning when it repaired.
func checkText(raw []byte) (string, []string, error) {
	if len(raw) == 0 {
		return "", nil, errorf("empty file")
	}
	if isBinary(raw) {
		return "", nil, errorf("binary content (%s), not text", http.DetectContentType(raw))
	}
	if utf8Valid(string(raw)) {
		return string(raw), nil, nil
	}
	n := countInvalid(raw)
	text := strings.ToValidUTF8(string(raw), "\uFFFD")
	return text, []string{fmt.Sprintf("invalid UTF-8: %d byte(s) replaced with U+FFFD", n)}, nil
}

// isBinary says whether raw looks like binary data rather than text: a NUL
// byte, or too many control bytes, in the first 8 KB.
func isBinary(raw []byte) bool {
	head := raw
	if len(head) > 8192 {
		head = head[:8192]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	ctrl := 0
	for _, b := range head {
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != '\v' && b != 0x1b {
			ctrl++
		}
	}
	return ctrl*20 > len(head) // more than 5% control bytes
}

func countInvalid(raw []byte) int {
	n := 0
	for len(raw) > 0 {
		r, size := utf8.DecodeRune(raw)
		if r == utf8.RuneError && size == 1 {
			n++
		}
		raw = raw[size:]
	}
	return n
}

// ReadText reads a plain-text document: Document.Text is the content as is
// (after UTF-8 repair), so offsets are byte offsets into the file.
func ReadText(source string, raw []byte) (*Doc, error) {
	text, warn, err := checkText(raw)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(text) == "" {
		return nil, errorf("no text (only whitespace)")
	}
	return &Doc{
		Document: rightsgraph.Document{ID: docID(raw), Source: source, Format: FormatText, Text: text},
		Warnings: warn,
	}, nil
}

func utf8Valid(s string) bool { return utf8.ValidString(s) }
