package rightsgraph

import "embed"

// ReferenceFS is the reference knowledge base shipped with the binary: the
// YAML files under reference/ (states, institutions, organisations,
// instruments with their provisions, rights, and states' participation in
// instruments). Package kb parses it; `rightsgraph load reference/` loads the
// same files from disk into Neo4j.
//
//go:embed reference
var ReferenceFS embed.FS
