package server_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/vektah/gqlparser/v2"

	"github.com/rightsgraph/rightsgraph/graph"
	"github.com/rightsgraph/rightsgraph/graph/generated"
	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/server"
)

// TestExampleQueries checks the Playground's example tabs (web/queries,
// reused by the README): each validates against the schema and runs within
// the default limits on the fixture graph, answering the question it asks.
func TestExampleQueries(t *testing.T) {
	files, _ := filepath.Glob("../web/queries/*.graphql")
	if len(files) < 3 {
		t.Fatalf("example queries: %v", files)
	}
	schema := generated.NewExecutableSchema(generated.Config{Resolvers: &graph.Resolver{}}).Schema()
	db := neo4jtest.Open(t)
	seed(t, db)
	ts, _ := newServer(t, db, server.DefaultConfig())
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, errs := gqlparser.LoadQuery(schema, string(src)); len(errs) > 0 {
			t.Errorf("%s does not validate: %v", f, errs)
			continue
		}
		d := okData(t, query(t, ts, string(src), nil))
		switch filepath.Base(f) {
		case "asylum-seekers-2023.graphql":
			if at(d, "search", "edges", 0, "node", "events", "edges", 0, "node", "type") != "DETENTION" {
				t.Errorf("%s: %v", f, d)
			}
		case "belgium-rulings.graphql":
			if at(d, "violations", 0, "right", "id") != "right:prohibition-of-torture" ||
				at(d, "violations", 0, "provisions", 0, "claims", 0, "assertedBy", 0, "actor", "id") != "institution:be-brussels-court-of-appeal" {
				t.Errorf("%s: %v", f, d)
			}
		case "connected.graphql":
			if at(d, "court", "edges", 0, "node", "id") != "institution:be-brussels-court-of-appeal" ||
				at(d, "paths", 0, "length") != float64(1) || at(d, "paths", 0, "edges", 0, "evidence", 0, "quote") != "Court of Appeal" {
				t.Errorf("%s: %v", f, d)
			}
		}
	}
}
