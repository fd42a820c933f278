package server_test

import (
	"testing"

	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/server"
)

// nestedQuery walks actors -> events -> participants -> evidence ->
// documents: four levels of relationships under one list.
const nestedQuery = `{
  states(first: 100, filter: {name: {startsWith: "Scale"}}) {
    edges { node { id name
      events(first: 20) {
        totalCount
        edges { role confidence evidence { quote document { title publisher } }
          node { id type date
            participants(first: 20) { role actor { id name } evidence { quote start end document { title } } }
          }
        }
      }
    } }
  }
}`

// TestNoNPlusOne counts the Cypher statements of one nested query over a
// small and a larger graph: the count must stay a small constant (one per
// level), however many rows each level returns.
func TestNoNPlusOne(t *testing.T) {
	db := neo4jtest.Open(t)
	seed(t, db)
	cfg := server.DefaultConfig()
	cfg.MaxComplexity = 1 << 30
	ts, counter := newServer(t, db, cfg)

	run := func(states, events, participants int) (statements []string, rows int) {
		counter.reset()
		d := okData(t, query(t, ts, nestedQuery, nil))
		statements = counter.reset()
		for _, s := range at(d, "states", "edges").([]any) {
			for _, e := range at(s, "node", "events", "edges").([]any) {
				rows += len(at(e, "node", "participants").([]any))
			}
		}
		if n := len(at(d, "states", "edges").([]any)); n != states {
			t.Fatalf("%d states, want %d", n, states)
		}
		if want := states * events * (participants + 1); rows != want { // the state is a participant too
			t.Fatalf("%d participant rows, want %d", rows, want)
		}
		return statements, rows
	}

	seedScale(t, db, 3, 2, 2)
	small, smallRows := run(3, 2, 2)
	// Grow every level: 20 states x 5 events x 4 participants.
	if err := neo4jtest.Reset(t.Context(), db); err != nil {
		t.Fatal(err)
	}
	seed(t, db)
	seedScale(t, db, 20, 5, 4)
	large, largeRows := run(20, 5, 4)

	t.Logf("small graph: %d participant rows in %d statements %v", smallRows, len(small), small)
	t.Logf("large graph: %d participant rows in %d statements %v", largeRows, len(large), large)
	// list + count + actor events + participants + evidence documents at two
	// levels: at most 6, whatever the size.
	const maxStatements = 6
	if len(small) > maxStatements || len(large) > maxStatements {
		t.Errorf("statements grow with results: small %d, large %d (max %d)", len(small), len(large), maxStatements)
	}
	if len(large) > len(small) {
		t.Errorf("more statements for more rows: %d -> %d", len(small), len(large))
	}
}
