package loader

import rightsgraph "github.com/rightsgraph/rightsgraph"

// ReadReference reads a reference YAML file: Document.Text is the YAML as is,
// so that the reference extraction's evidence spans point at its lines.
func ReadReference(source string, raw []byte) (*Doc, error) {
	text, warn, err := checkText(raw)
	if err != nil {
		return nil, err
	}
	return &Doc{
		Document: rightsgraph.Document{ID: docID(raw), Source: source, Format: FormatReference, Text: text},
		Warnings: warn,
	}, nil
}
