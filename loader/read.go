package loader

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"

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

// checkText rejects empty and binary content and decodes plain text to
// UTF-8 (see decodeText).
func checkText(raw []byte) (string, []string, error) {
	return decodeText(raw, "text/plain")
}

// decodeText rejects empty and binary content and returns the text as UTF-8,
// with a warning when it was not UTF-8 as read:
//   - valid UTF-8 is kept byte for byte (offsets are file offsets);
//   - a byte-order mark, a charset in contentType or an HTML <meta charset>
//     names the encoding (golang.org/x/net/html/charset), and the text is
//     decoded from it (UTF-16 included);
//   - otherwise invalid UTF-8 with no well-formed multi-byte sequence, or
//     fewer of them than stray bytes, is a single-byte text: it is decoded as
//     Windows-1252, the superset of Latin-1 that such files are written in
//     (golang.org/x/text/encoding/charmap);
//   - mostly-UTF-8 text with a few broken bytes is repaired (each invalid
//     sequence becomes U+FFFD).
//
// Document.Text is the decoded text, and every evidence span is a byte range
// of it; the document id stays the hash of the raw bytes.
func decodeText(raw []byte, contentType string) (string, []string, error) {
	if len(raw) == 0 {
		return "", nil, errorf("empty file")
	}
	enc, name, certain := charset.DetermineEncoding(raw, contentType)
	if certain && strings.HasPrefix(name, "utf-16") {
		// a UTF-16 byte-order mark: NUL bytes are expected, decode first
		text, err := enc.NewDecoder().Bytes(raw)
		if err != nil || !utf8.Valid(text) {
			return "", nil, errorf("invalid %s text", name)
		}
		return strings.TrimPrefix(string(text), "\uFEFF"), []string{"decoded from " + name}, nil
	}
	if isBinary(raw) {
		return "", nil, errorf("binary content (%s), not text", http.DetectContentType(raw))
	}
	if utf8Valid(string(raw)) {
		return string(raw), nil, nil
	}
	declared := name != "utf-8" && name != "windows-1252" && enc != nil
	if !declared && looksSingleByte(raw) {
		enc, name, declared = charmap.Windows1252, "windows-1252", true
	}
	if declared {
		if text, err := enc.NewDecoder().Bytes(raw); err == nil && utf8.Valid(text) {
			return string(text), []string{"not UTF-8: decoded from " + name}, nil
		}
	}
	n := countInvalid(raw)
	text := strings.ToValidUTF8(string(raw), "\uFFFD")
	return text, []string{fmt.Sprintf("invalid UTF-8: %d byte(s) replaced with U+FFFD", n)}, nil
}

// looksSingleByte says whether invalid UTF-8 is rather a single-byte
// encoding: it has no well-formed multi-byte sequence, or fewer of them than
// bytes that start none ("Liège" in Latin-1 is "Li\xe8ge": a lone high byte).
func looksSingleByte(raw []byte) bool {
	multi, bad := 0, 0
	for len(raw) > 0 {
		if raw[0] < utf8.RuneSelf {
			raw = raw[1:]
			continue
		}
		r, size := utf8.DecodeRune(raw)
		if r == utf8.RuneError && size == 1 {
			bad++
		} else {
			multi++
		}
		raw = raw[size:]
	}
	return bad > multi
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
// when it is UTF-8 (offsets are then byte offsets into the file), else the
// content decoded to UTF-8 (offsets point into the decoded text).
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
