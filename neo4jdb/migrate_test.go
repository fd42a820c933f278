package neo4jdb_test

import (
	"context"
	"strings"
	"testing"

	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

func TestMigrationsAreIdempotentStatements(t *testing.T) {
	ms, err := neo4jdb.Migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 {
		t.Fatal("no embedded migrations")
	}
	n := 0
	for _, m := range ms {
		for _, s := range m.Statements {
			n++
			if !strings.Contains(s, "IF NOT EXISTS") && !(strings.HasPrefix(s, "DROP ") && strings.HasSuffix(s, " IF EXISTS")) {
				t.Errorf("%s: statement is not idempotent: %s", m.Name, s)
			}
			if strings.Contains(s, ";") || strings.Contains(s, "//") {
				t.Errorf("%s: statement not split cleanly: %q", m.Name, s)
			}
		}
	}
	// 14 uniqueness constraints + 14 name/title indexes + 3 lookups + 1 full-text,
	// the drop of the full-text index an earlier build created without folding,
	// the two :PendingDocument lookups of chunked writes, the nine TEXT
	// indexes and the one RANGE index of folded names, and the drop of an
	// earlier build's TEXT index of events' folded names; access control (3),
	// curation (6).
	if n != 55 {
		t.Errorf("got %d statements, want 55", n)
	}
}

func TestMigrate(t *testing.T) {
	db := neo4jtest.Open(t) // applies the migrations once
	ctx := context.Background()
	if err := db.Migrate(ctx); err != nil { // and again: must be a no-op
		t.Fatalf("second Migrate: %v", err)
	}
	kinds := []string{"Entity", "State", "Institution", "Court", "Organization", "Person", "Group",
		"Place", "Instrument", "Provision", "Right", "Obligation", "Event", "Document"}
	for _, k := range kinds {
		got := neo4jtest.Count(t, db, `SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties
			WHERE type = 'UNIQUENESS' AND labelsOrTypes = [$label] AND properties = ['id'] RETURN count(*)`,
			map[string]any{"label": k})
		if got != 1 {
			t.Errorf("uniqueness constraint on %s(id): got %d, want 1", k, got)
		}
	}
	for _, ix := range [][2]string{{"Event", "date"}, {"Event", "type"}, {"Document", "source"}, {"State", "name"}, {"Entity", "name"}} {
		got := neo4jtest.Count(t, db, `SHOW INDEXES YIELD type, labelsOrTypes, properties, state
			WHERE type = 'RANGE' AND labelsOrTypes = [$label] AND properties = [$prop] AND state = 'ONLINE' RETURN count(*)`,
			map[string]any{"label": ix[0], "prop": ix[1]})
		if got != 1 {
			t.Errorf("index on %s(%s): got %d online, want 1", ix[0], ix[1], got)
		}
	}
	if got := neo4jtest.Count(t, db, `SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties, state
		WHERE name = $name AND labelsOrTypes = ['Entity'] AND properties = ['name', 'aliases'] AND state = 'ONLINE' RETURN count(*)`,
		map[string]any{"name": neo4jdb.FulltextIndex}); got != 1 {
		t.Errorf("full-text index %s: got %d, want 1", neo4jdb.FulltextIndex, got)
	}

	// The full-text index finds an entity by an alias held in a list.
	if _, err := neo4jExec(ctx, db, `CREATE (:Entity:Actor:State {id: 'state:BEL', name: 'Belgium', aliases: ['Kingdom of Belgium', 'Belgique']})`); err != nil {
		t.Fatalf("create test node: %v", err)
	}
	if got := neo4jtest.Count(t, db, `CALL db.index.fulltext.queryNodes($index, 'Belgique') YIELD node RETURN count(node)`,
		map[string]any{"index": neo4jdb.FulltextIndex}); got != 1 {
		t.Errorf("full-text search on an alias: got %d hits, want 1", got)
	}
	// Uniqueness is enforced across kinds through :Entity.
	if _, err := neo4jExec(ctx, db, `CREATE (:Entity:Place {id: 'state:BEL', name: 'x'})`); err == nil {
		t.Error("duplicate Entity id accepted")
	}
}
