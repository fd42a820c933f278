// Package extract turns a document's text into entities, events, obligations
// and relations with byte-exact evidence. It is pure: no network, no database.
package extract

import (
	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/kb"
)

// Extractor extracts facts from documents, linking mentions to a knowledge base.
type Extractor struct {
	kb *kb.KB
}

// New returns an Extractor over the given knowledge base.
func New(k *kb.KB) *Extractor { return &Extractor{kb: k} }

// Extract extracts everything from doc. doc.Text must be set; missing
// metadata (title, published, about, publisher, language) is filled from the
// text where it can be. Placeholder until the extraction lands.
func (x *Extractor) Extract(doc rightsgraph.Document) *rightsgraph.Extraction {
	return &rightsgraph.Extraction{Document: doc}
}
