package loader_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rightsgraph/rightsgraph/bench/gen"
	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/kb"
	"github.com/rightsgraph/rightsgraph/loader"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

// A dense document of 2.4 MB (600 generated reports in one file: some
// 40,000 rows of entities, mentions and relationships) is more than one
// transaction of Neo4j's default memory pool takes well; it loads in chunks,
// is published whole as one :Document, and a second load changes nothing.
func TestLoadLargeDocumentInChunks(t *testing.T) {
	if testing.Short() {
		t.Skip("large document")
	}
	k, err := kb.Default()
	if err != nil {
		t.Fatal(err)
	}
	g, err := gen.New(k, 7)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i := 0; b.Len() < 2_400_000; i++ {
		_, text := g.Document(i)
		b.WriteString(text)
		b.WriteString("\n\n")
	}
	path := filepath.Join(t.TempDir(), "large.txt")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	db := neo4jtest.Open(t)
	x, err := loader.NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	l := &loader.Loader{DB: db, Extractor: x, Workers: 1}
	sum, err := l.Load(context.Background(), []string{path})
	if err != nil || sum.Loaded != 1 || sum.Failed != 0 {
		t.Fatalf("load: %v %+v", err, sum)
	}
	if n := neo4jtest.Count(t, db, `MATCH (d:Document) RETURN count(d)`, nil); n != 1 {
		t.Errorf("%d documents, want 1", n)
	}
	if n := neo4jtest.Count(t, db, `MATCH (d:PendingDocument) RETURN count(d)`, nil); n != 0 {
		t.Errorf("%d pending documents left", n)
	}
	rels := neo4jtest.Count(t, db, `MATCH ()-[r]->() WHERE r.docIds IS NOT NULL RETURN count(r)`, nil)
	mentions := neo4jtest.Count(t, db, `MATCH (:Entity)-[m:MENTIONED_IN]->(:Document) RETURN count(m)`, nil)
	if rows := rels + mentions; rows <= neo4jdb.DefaultChunkRows {
		t.Fatalf("%d relationships and %d mentions: not more than one chunk, the test proves nothing", rels, mentions)
	}
	sum, err = l.Load(context.Background(), []string{path})
	if err != nil || sum.Unchanged != 1 {
		t.Fatalf("reload: %v %+v", err, sum)
	}
}
