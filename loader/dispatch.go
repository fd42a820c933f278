package loader

import (
	"context"
	"fmt"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/extract"
	"github.com/rightsgraph/rightsgraph/kb"
)

// Parse turns an input's raw content into documents, choosing the reader by
// format. Every format gives one document, except JSON Lines (one per line).
func Parse(in Input, raw *Raw) ([]*Doc, error) {
	format := DetectFormat(in, raw)
	var d *Doc
	var err error
	switch format {
	case FormatText:
		d, err = ReadText(in.Source, raw.Data)
	case FormatMarkdown:
		d, err = ReadMarkdown(in.Source, raw.Data)
	case FormatHTML:
		d, err = ReadHTML(in.Source, raw.Data)
	case FormatPDF:
		d, err = ReadPDF(in.Source, raw.Data)
	case FormatReference:
		d, err = ReadReference(in.Source, raw.Data)
	case FormatJSONL:
		return ReadJSONL(in.Source, raw.Data)
	default:
		return nil, errorf("unknown format %q", format)
	}
	if err != nil {
		return nil, err
	}
	return []*Doc{d}, nil
}

// Read fetches and parses one input.
func (f *Fetcher) Read(ctx context.Context, in Input) ([]*Doc, error) {
	raw, err := f.Fetch(ctx, in)
	if err != nil {
		return nil, err
	}
	return Parse(in, raw)
}

// Extractor is the pure extraction step (extract.Extractor satisfies it).
type Extractor interface {
	Extract(doc rightsgraph.Document) *rightsgraph.Extraction
}

// NewExtractor returns the default extractor over the embedded knowledge base.
func NewExtractor() (Extractor, error) {
	k, err := kb.Default()
	if err != nil {
		return nil, fmt.Errorf("load knowledge base: %w", err)
	}
	return extract.New(k), nil
}

// Extract returns the document's extraction: the one it came with (JSON
// Lines), the reference extraction for reference YAML, or x's.
func Extract(x Extractor, d *Doc) (ext *rightsgraph.Extraction, err error) {
	// Extraction is pure code run on untrusted text: a panic in it must fail
	// this document, not the batch.
	defer func() {
		if r := recover(); r != nil {
			ext, err = nil, fmt.Errorf("extraction panicked: %v", r)
		}
	}()
	switch {
	case d.Extraction != nil:
		return d.Extraction, nil
	case d.Document.Format == FormatReference:
		e, err := kb.ExtractReference(d.Document)
		if err != nil {
			return nil, fmt.Errorf("reference: %w", err)
		}
		return e, nil
	}
	e := x.Extract(d.Document)
	if e == nil {
		return nil, fmt.Errorf("extractor returned nothing")
	}
	return e, nil
}
