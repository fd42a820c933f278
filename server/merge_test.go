package server_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http/httptest"
	"sort"
	"sync"
	"testing"

	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

// graphChecksum hashes every entity and document (id, labels, properties)
// and every relationship between them (type, ends, properties with the
// evidence lists), sorted: equal checksums mean equal graphs.
func graphChecksum(t *testing.T, db *neo4jdb.DB) string {
	t.Helper()
	var lines []string
	for _, r := range neo4jtest.Rows(t, db, `MATCH (n) WHERE n:Entity OR n:Document RETURN n.id, labels(n), properties(n)`, nil) {
		labels := r[1].([]any)
		ls := make([]string, len(labels))
		for i, l := range labels {
			ls[i] = l.(string)
		}
		sort.Strings(ls)
		b, _ := json.Marshal([]any{r[0], ls, r[2]})
		lines = append(lines, string(b))
	}
	for _, r := range neo4jtest.Rows(t, db, `MATCH (a)-[x]->(b) WHERE (a:Entity OR a:Document) AND (b:Entity OR b:Document) RETURN type(x), a.id, b.id, properties(x)`, nil) {
		b, _ := json.Marshal(r)
		lines = append(lines, string(b))
	}
	sort.Strings(lines)
	h := sha256.New()
	for _, l := range lines {
		h.Write([]byte(l + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// evidenceCount is the number of evidence entries and mention spans in the graph.
func evidenceCount(t *testing.T, db *neo4jdb.DB) int64 {
	return neo4jtest.Count(t, db, `MATCH ()-[x]->() RETURN sum(size(coalesce(x.docIds, x.starts, [])))`, nil)
}

// Merging entities moves everything and leaves redirects; unmerge gives back
// an identical graph; bad merges change nothing; a reload after a merge
// keeps it; two concurrent merges over overlapping sets lose no evidence.
func TestCurationMergeAndUnmerge(t *testing.T) {
	db := neo4jtest.Open(t)
	l := loadCorpus(t, db, "../reference", "../examples/corpus")
	cur, reader := curatorAndReader(t, db)

	rows := neo4jtest.Rows(t, db, `MATCH (n:Institution)-[:MENTIONED_IN]->() WHERE coalesce(n.reference, false) = false
WITH DISTINCT n ORDER BY n.id LIMIT 3 RETURN n.id, n.name`, nil)
	if len(rows) < 3 {
		t.Fatalf("want 3 extracted institutions in the example corpus, got %d", len(rows))
	}
	a, b, c := rows[0][0].(string), rows[1][0].(string), rows[2][0].(string)
	bName := rows[1][1].(string)
	person := neo4jtest.Rows(t, db, `MATCH (n:Person) RETURN n.id LIMIT 1`, nil)[0][0].(string)

	// Candidates: pairs sharing a name word, best first; a pair marked
	// distinct is no longer proposed; readers get none.
	const candQ = `{ mergeCandidates(kind: INSTITUTION, minScore: 0, first: 100) { a { id } b { id } score nameOverlap sharedDocuments } }`
	cands := at(okData(t, query(t, cur, candQ, nil)), "mergeCandidates").([]any)
	if len(cands) == 0 {
		t.Fatal("no merge candidates among the corpus's institutions")
	}
	for i, c := range cands {
		cm := c.(map[string]any)
		if cm["nameOverlap"].(float64) <= 0 || (i > 0 && cm["score"].(float64) > cands[i-1].(map[string]any)["score"].(float64)) {
			t.Errorf("candidate %d: %v (no shared word, or out of order)", i, cm)
		}
	}
	top := cands[0].(map[string]any)
	pa, pb := at(top, "a", "id").(string), at(top, "b", "id").(string)
	if r := query(t, cur, `mutation($a: ID!, $b: ID!) { markDistinct(a: $a, b: $b, note: "two bodies") { kind } }`, map[string]any{"a": pb, "b": pa}); at(okData(t, r), "markDistinct", "kind") != "DISTINCT" {
		t.Fatalf("markDistinct: %s", r.Raw)
	}
	for _, c := range at(okData(t, query(t, cur, candQ, nil)), "mergeCandidates").([]any) {
		if at(c, "a", "id") == pa && at(c, "b", "id") == pb {
			t.Error("a pair marked distinct is still proposed")
		}
	}
	if c := at(okData(t, query(t, reader, candQ, nil)), "mergeCandidates").([]any); len(c) != 0 {
		t.Errorf("a reader gets %d candidates", len(c))
	}

	before := graphChecksum(t, db)
	evBefore := evidenceCount(t, db)
	const mergeQ = `mutation($ids: [ID!]!, $into: ID!) { mergeEntities(ids: $ids, into: $into, note: "same body") { decision { id kind by } into merged moved } }`

	// Bad merges: clear errors, nothing changes.
	for name, tc := range map[string]struct {
		ts   *httptest.Server
		ids  []string
		into string
		code string
	}{
		"unknown id":   {cur, []string{"institution:no-such-body"}, a, "NOT_FOUND"},
		"across kinds": {cur, []string{person}, a, "INVALID"},
		"into itself":  {cur, []string{a}, a, "INVALID"},
		"reader":       {reader, []string{b}, a, "FORBIDDEN"},
		"reference":    {cur, []string{"state:BEL"}, "state:FRA", "INVALID"},
		"unknown into": {cur, []string{b}, "institution:no-such-body", "NOT_FOUND"},
	} {
		res := query(t, tc.ts, mergeQ, map[string]any{"ids": tc.ids, "into": tc.into})
		if len(res.Errors) != 1 || res.code(0) != tc.code {
			t.Errorf("%s: want %s, got %s", name, tc.code, res.Raw)
		}
	}
	if got := graphChecksum(t, db); got != before {
		t.Fatal("a refused merge changed the graph")
	}

	// Merge b into a.
	res := query(t, cur, mergeQ, map[string]any{"ids": []string{b}, "into": a})
	m := okData(t, res)
	decision := at(m, "mergeEntities", "decision", "id").(string)
	if at(m, "mergeEntities", "moved").(float64) < 1 || at(m, "mergeEntities", "decision", "by") != "curator-1" {
		t.Fatalf("merge: %s", res.Raw)
	}
	lost := evBefore - evidenceCount(t, db)
	loops := neo4jtest.Count(t, db, `MATCH (n:Entity {id: $a})-[x]-(n) RETURN count(x)`, map[string]any{"a": a})
	if lost != 0 || loops != 0 {
		t.Errorf("merge lost %d evidence entries (self loops %d)", lost, loops)
	}
	n := okData(t, query(t, reader, `query($id: ID!) { node(id: $id) { id ... on Entity { redirectedFrom aliases } } }`, map[string]any{"id": b}))
	if at(n, "node", "id") != a || at(n, "node", "redirectedFrom") != b {
		t.Errorf("node(%s) = %v, want %s redirected from it", b, n, a)
	}
	found := false
	for _, al := range at(n, "node", "aliases").([]any) {
		found = found || al == bName
	}
	if !found {
		t.Errorf("the merged name %q is not an alias of %s: %v", bName, a, n)
	}
	if r := query(t, reader, `query($id: ID!) { neighborhood(id: $id) { nodes { id } } }`, map[string]any{"id": b}); len(r.Errors) > 0 {
		t.Errorf("neighborhood of the merged id: %s", r.Raw)
	}
	if r := query(t, reader, `query($a: ID!, $b: ID!) { paths(from: $a, to: $b) { length } }`, map[string]any{"a": b, "b": a}); len(r.Errors) > 0 {
		t.Errorf("paths from the merged id: %s", r.Raw)
	}

	// Unmerge: the same graph as before.
	res = query(t, cur, `mutation($d: ID!) { unmerge(decision: $d, note: "not the same") { kind by } }`, map[string]any{"d": decision})
	if at(okData(t, res), "unmerge", "kind") != "UNMERGE" {
		t.Fatalf("unmerge: %s", res.Raw)
	}
	if got := graphChecksum(t, db); got != before {
		t.Error("merge then unmerge did not give back an identical graph")
	}
	if r := query(t, cur, `mutation($d: ID!) { unmerge(decision: $d) { kind } }`, map[string]any{"d": decision}); len(r.Errors) != 1 || r.code(0) != "INVALID" {
		t.Errorf("a second unmerge: %s", r.Raw)
	}

	// Two concurrent merges over overlapping sets: no evidence lost.
	var wg sync.WaitGroup
	for _, ids := range [][]string{{b}, {b, c}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			query(t, cur, mergeQ, map[string]any{"ids": ids, "into": a})
		}()
	}
	wg.Wait()
	if lost := evBefore - evidenceCount(t, db); lost != 0 {
		t.Errorf("concurrent merges lost %d evidence entries", lost)
	}
	if n := neo4jtest.Count(t, db, `MATCH (n:Entity) WHERE n.id IN [$b, $c] RETURN count(n)`, map[string]any{"b": b, "c": c}); n > 1 {
		t.Errorf("%d of the merged entities remain after the concurrent merges", n)
	}

	// A forced reload keeps the merge: the merged id does not come back.
	l.Force = true
	if sum, err := l.Load(context.Background(), []string{"../examples/corpus"}); err != nil || sum.Failed != 0 {
		t.Fatalf("reload: %v %+v", err, sum)
	}
	if n := neo4jtest.Count(t, db, `MATCH (n:Entity {id: $b}) RETURN count(n)`, map[string]any{"b": b}); n != 0 {
		t.Errorf("the reload brought the merged entity %s back", b)
	}
	if n := neo4jtest.Count(t, db, `MATCH (n:Entity {id: $a})-[:MENTIONED_IN]->() RETURN count(*)`, map[string]any{"a": a}); n == 0 {
		t.Errorf("%s lost its mentions in the reload", a)
	}
}
