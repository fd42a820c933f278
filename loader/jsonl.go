package loader

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// LineError is one bad record of a JSON Lines source.
type LineError struct {
	Line int
	Err  error
}

func (e LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }

// LineErrors are the bad records of a JSON Lines source whose other records
// were read. Failures reports each as its own failure, "file.jsonl:3".
type LineErrors []LineError

func (e LineErrors) Error() string {
	if len(e) == 1 {
		return e[0].Error()
	}
	return fmt.Sprintf("%d bad lines, first %v", len(e), e[0])
}

// Failures turns a read error into failure lines: one per bad line of a JSON
// Lines source, else one for the source.
func Failures(source string, err error) []Failure {
	var le LineErrors
	if errors.As(err, &le) {
		out := make([]Failure, len(le))
		for i, l := range le {
			out[i] = Failure{Source: fmt.Sprintf("%s:%d", source, l.Line), Err: l.Err}
		}
		return out
	}
	return []Failure{{Source: source, Err: err}}
}

// kinds are the entity kinds an extraction may hold.
var kinds = map[string]bool{
	rightsgraph.KindState: true, rightsgraph.KindInstitution: true, rightsgraph.KindOrganization: true,
	rightsgraph.KindPerson: true, rightsgraph.KindGroup: true, rightsgraph.KindPlace: true,
	rightsgraph.KindInstrument: true, rightsgraph.KindProvision: true, rightsgraph.KindRight: true,
}

// ReadJSONL reads the extract format: one rightsgraph.Extraction per line,
// loaded back as it is (no re-extraction). Blank lines are ignored. A record
// is checked before it is accepted: ids and kinds present, event types and
// roles from the ontology, spans in order, and, when the record carries the
// document's text, every span inside it and every quote equal to the text it
// points at. Bad records are returned as LineErrors beside the good ones.
func ReadJSONL(source string, raw []byte) ([]*Doc, error) {
	if len(raw) == 0 {
		return nil, errorf("empty file")
	}
	if isBinary(raw) {
		return nil, errorf("binary content, not JSON Lines")
	}
	var docs []*Doc
	var bad LineErrors
	lineNo := 0
	for rest := raw; len(rest) > 0; {
		lineNo++
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		d, err := jsonlRecord(source, lineNo, line)
		if err != nil {
			bad = append(bad, LineError{Line: lineNo, Err: err})
			continue
		}
		docs = append(docs, d)
	}
	switch {
	case len(docs) == 0 && len(bad) == 0:
		return nil, errorf("no records (only blank lines)")
	case len(docs) == 0 && len(bad) == 1:
		return nil, bad
	case len(bad) > 0:
		return docs, bad
	}
	return docs, nil
}

func jsonlRecord(source string, lineNo int, line []byte) (*Doc, error) {
	var e rightsgraph.Extraction
	dec := json.NewDecoder(bytes.NewReader(line))
	if err := dec.Decode(&e); err != nil {
		return nil, errorf("invalid JSON: %v", err)
	}
	if dec.More() {
		return nil, errorf("invalid JSON: more than one value on the line")
	}
	d := &e.Document
	if !utf8Valid(d.Text) {
		return nil, errorf("document text is not valid UTF-8")
	}
	if d.ID == "" {
		if d.Text == "" {
			return nil, errorf("document has neither id nor text")
		}
		d.ID = docID([]byte(d.Text))
	}
	if d.Source == "" {
		d.Source = fmt.Sprintf("%s:%d", source, lineNo)
	}
	if d.Format == "" {
		d.Format = FormatJSONL
	}
	if err := validateExtraction(&e); err != nil {
		return nil, err
	}
	return &Doc{Document: *d, Extraction: &e}, nil
}

var (
	eventTypes = setOf(rightsgraph.EventTypes)
	roles      = setOf(rightsgraph.Roles)
)

func setOf(xs []string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// validateExtraction checks an extraction read from outside (see ReadJSONL).
func validateExtraction(e *rightsgraph.Extraction) error {
	text := e.Document.Text
	hasText := text != ""
	span := func(what string, start, end int) error {
		if start < 0 || end < start {
			return errorf("%s: bad span %d-%d", what, start, end)
		}
		if hasText && end > len(text) {
			return errorf("%s: span %d-%d is outside the text (%d bytes)", what, start, end, len(text))
		}
		return nil
	}
	evidence := func(what string, ev []rightsgraph.Evidence) error {
		for _, x := range ev {
			if err := span(what, x.Start, x.End); err != nil {
				return err
			}
			if hasText && text[x.Start:x.End] != x.Quote {
				return errorf("%s: quote %q does not match the text at %d-%d (%q)", what, shorten(x.Quote), x.Start, x.End, shorten(text[x.Start:x.End]))
			}
		}
		return nil
	}
	for _, en := range e.Entities {
		if en.ID == "" {
			return errorf("entity %q has no id", en.Name)
		}
		if !kinds[en.Kind] {
			return errorf("entity %s: unknown kind %q", en.ID, en.Kind)
		}
		for _, m := range en.Mentions {
			if err := span("entity "+en.ID, m.Start, m.End); err != nil {
				return err
			}
		}
	}
	for _, r := range e.Relations {
		if r.Type == "" || r.From == "" || r.To == "" {
			return errorf("relation %s %s->%s: type, from and to are required", r.Type, r.From, r.To)
		}
		if !validRelType(r.Type) {
			return errorf("relation type %q is not an upper-case identifier", r.Type)
		}
		if err := evidence("relation "+r.Type, r.Evidence); err != nil {
			return err
		}
	}
	for _, ev := range e.Events {
		if ev.ID == "" {
			return errorf("event %q has no id", shorten(ev.Summary))
		}
		if !eventTypes[ev.Type] {
			return errorf("event %s: unknown type %q", ev.ID, ev.Type)
		}
		for _, p := range ev.Participants {
			if p.Entity == "" || !roles[p.Role] {
				return errorf("event %s: bad participant %q with role %q", ev.ID, p.Entity, p.Role)
			}
		}
		if err := evidence("event "+ev.ID, ev.Evidence); err != nil {
			return err
		}
	}
	for _, o := range e.Obligations {
		if o.ID == "" {
			return errorf("obligation %q has no id", shorten(o.Text))
		}
		if err := evidence("obligation "+o.ID, o.Evidence); err != nil {
			return err
		}
	}
	return nil
}

// validRelType accepts relationship types the writer can name safely:
// upper-case letters, digits and underscores.
func validRelType(t string) bool {
	if t == "" || len(t) > 64 {
		return false
	}
	for i, c := range t {
		if !(c >= 'A' && c <= 'Z' || c == '_' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func shorten(s string) string {
	if len(s) <= 40 {
		return s
	}
	cut := 40
	for cut > 0 && !utf8RuneStart(s[cut]) {
		cut--
	}
	return strings.TrimSpace(s[:cut]) + "…"
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }
