package neo4jdb_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

func TestFoldName(t *testing.T) {
	for in, want := range map[string]string{
		"Jean Prévot":          "jean prevot",
		"ÉVÊQUE":               "eveque",
		"Øystein Ærø":          "oystein aero",
		"Straße":               "strasse",
		"Łódź":                 "lodz",
		"FInance":              "finance",
		"Ğökçe İnan":           "gokce inan",
		"Cour d'appel (Liège)": "cour d'appel (liege)",
	} {
		if got := neo4jdb.FoldName(in); got != want {
			t.Errorf("FoldName(%q) = %q, want %q", in, got, want)
		}
	}
	long := neo4jdb.FoldName(strings.Repeat("é", 5000))
	if len(long) > 4096 || !strings.HasPrefix(long, "eee") {
		t.Errorf("a long name folds to %d bytes (%q...)", len(long), long[:min(len(long), 10)])
	}
}

// TestFoldedNameFilters: startsWith and contains on names ignore case and
// accents, for nodes the writer wrote and for nodes Migrate backfilled; and
// the folding agrees with the full-text index's analyzer, word by word.
func TestFoldedNameFilters(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	names := []string{"Jean Prévot", "Øystein Ærø", "Hans Straße", "Jeanne Dupont"}
	for i, name := range names {
		if _, err := db.WriteExtraction(ctx, fixture(fmt.Sprintf("fold-%d", i), fmt.Sprintf("fold-%d.txt", i), name), neo4jdb.WriteOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	// A node written by something else than the writer, without a folded name.
	if _, err := neo4jExec(ctx, db, `CREATE (:Entity:Actor:Person {id: 'person:zoe', kind: 'Person', name: 'Zoë Łukasz'})`); err != nil {
		t.Fatal(err)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if n := neo4jtest.Count(t, db, `MATCH (n:Entity) WHERE n.name IS NOT NULL AND n.nameFolded IS NULL RETURN count(n)`, nil); n != 0 {
		t.Errorf("%d named nodes without a folded name after Migrate", n)
	}
	persons := neo4jdb.ListKinds["persons"]
	list := func(op, value string) string {
		first := 50
		page, err := db.List(ctx, neo4jdb.ListQuery{Kind: persons, First: &first,
			Filter: map[string]any{"name": map[string]any{op: value}}})
		if err != nil {
			t.Fatalf("%s %q: %v", op, value, err)
		}
		var ids []string
		for _, n := range page.Nodes {
			ids = append(ids, n.ID)
		}
		sort.Strings(ids)
		return strings.Join(ids, " ")
	}
	for _, c := range []struct{ op, value, want string }{
		{"startsWith", "JEAN", "person:jean-prévot person:jeanne-dupont"},
		{"startsWith", "jean pre", "person:jean-prévot"},
		{"startsWith", "Jean Prév", "person:jean-prévot"},
		{"startsWith", "prevot", ""},
		{"contains", "EVOT", "person:jean-prévot"},
		{"contains", "oystein aero", "person:øystein-ærø"},
		{"contains", "strasse", "person:hans-straße"},
		{"contains", "STRAßE", "person:hans-straße"},
		{"contains", "lukasz", "person:zoe"},
		{"startsWith", "zoe", "person:zoe"},
		{"contains", "nobody", ""},
	} {
		if got := list(c.op, c.value); got != c.want {
			t.Errorf("persons %s %q = [%s], want [%s]", c.op, c.value, got, c.want)
		}
	}
	// Events: startsWith reads the folded summary too.
	first := 50
	page, err := db.List(ctx, neo4jdb.ListQuery{Kind: neo4jdb.ListKinds["events"], First: &first,
		Filter: map[string]any{"name": map[string]any{"startsWith": "THE COURT RULED"}}})
	if err != nil || len(page.Nodes) != len(names) {
		t.Errorf("events startsWith: %d nodes, %v; want %d", len(page.Nodes), err, len(names))
	}
	page, err = db.List(ctx, neo4jdb.ListQuery{Kind: neo4jdb.ListKinds["events"], First: &first,
		Filter: map[string]any{"name": map[string]any{"contains": "AGAINST BELGIUM"}}})
	if err != nil || len(page.Nodes) != len(names) {
		t.Errorf("events contains: %d nodes, %v; want %d", len(page.Nodes), err, len(names))
	}
	// Every word of a folded name is a term of the full-text index.
	for _, name := range append(names, "Zoë Łukasz") {
		for _, w := range strings.FieldsFunc(neo4jdb.FoldName(name), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			if n := neo4jtest.Count(t, db, `CALL db.index.fulltext.queryNodes($index, $q) YIELD node WHERE node.name = $name RETURN count(node)`,
				map[string]any{"index": neo4jdb.FulltextIndex, "q": w, "name": name}); n != 1 {
				t.Errorf("full-text term %q (folded from %q) finds %d nodes named so, want 1", w, name, n)
			}
		}
	}
}
