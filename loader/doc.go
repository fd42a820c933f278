// Package loader reads documents from files, directories, URLs and standard
// input (text, Markdown, HTML, PDF, extract-format JSON Lines, reference
// YAML), extracts their facts and writes them to Neo4j, one transaction per
// document.
//
// Reading never stops a batch: each source that cannot be read gets one
// Failure naming the source and the reason, and the rest goes on.
//
// Text encoding: invalid UTF-8 is repaired (each invalid byte sequence
// becomes U+FFFD) and the document loads with a warning saying so; offsets
// point into the repaired Document.Text, and Document.ID stays the sha256 of
// the raw bytes.
package loader
