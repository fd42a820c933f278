// Package loader reads documents from files, directories, URLs and standard
// input, extracts their facts and writes them to Neo4j, one transaction per
// document.
//
// # Sources and formats
//
// A path is a file or a directory (read recursively in sorted order; hidden
// entries and unknown extensions are skipped and counted); an http(s) URL is
// fetched with a timeout and a size limit (a 4xx/5xx answer is a failure);
// "-" is standard input. The format comes from the extension, else from the
// HTTP Content-Type or the URL's extension, else from the content:
//
//   - .txt: the text as is (offsets are byte offsets into the file);
//   - .md: plain text from goldmark's AST, YAML front matter for title,
//     date, publisher, about, lang;
//   - .html/.htm: the main content (<article>, <main>, role=main, else
//     <body> without nav/header/footer/aside/forms/scripts) through
//     golang.org/x/net/html, metadata from <title>, meta tags, <time>, lang;
//   - .pdf: the text layer through github.com/ledongthuc/pdf (a PDF
//     without text is a failure: it needs OCR, which the loader does not do);
//   - .jsonl: the extract format, one rightsgraph.Extraction per line,
//     loaded back unchanged after validation (no re-extraction);
//   - .yaml/.yml: reference files, extracted by kb.ExtractReference.
//
// Document.ID is the sha256 of the raw content; Document.Text is the plain
// text every span points into.
//
// # Bad input
//
// Reading never stops a batch: each source that cannot be read (empty,
// binary, over --max-size, no text, unreadable, 404, timeout, a bad JSONL
// line) gets one Failure, "source: reason", and the rest goes on. Text that
// is not UTF-8 loads with a warning instead: a byte-order mark, a declared
// charset or HTML <meta charset> names its encoding, else invalid UTF-8 that
// is not mostly UTF-8 is decoded as Windows-1252 (Latin-1's superset), and a
// few broken bytes in UTF-8 text are repaired (each becomes U+FFFD). Offsets
// point into the decoded text, which is what is stored; the id stays the hash
// of the raw bytes.
//
// # Writing
//
// Loader.Load applies the migrations, extracts on a small worker pool (the
// Extractor must be safe for concurrent use) and writes from one goroutine
// in source order with neo4jdb.WriteExtraction. A document already loaded is
// skipped (unless Force); a changed source replaces its earlier version's
// evidence only. Because a document's :Document node commits in the same
// transaction as its facts, a re-run after a crash skips what committed and
// loads the rest.
package loader
