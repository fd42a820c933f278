package neo4jdb_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

// TestReadQueriesExplain runs EXPLAIN on every read statement the API can
// send (the registry plus every shape built from the list, filter and
// relationship whitelists): each must plan, and none may scan a whole label
// (or every node) where an index serves it.
func TestReadQueriesExplain(t *testing.T) {
	db := neo4jtest.Open(t)
	qs := neo4jdb.ReadQueries()
	if len(qs) < 100 {
		t.Fatalf("only %d read queries registered", len(qs))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	sess := db.Session(ctx, neo4j.AccessModeRead)
	defer sess.Close(ctx)
	checked, scansAllowed, folded := 0, 0, 0
	for _, q := range qs {
		res, err := sess.Run(ctx, "EXPLAIN "+q.Cypher, q.Params)
		if err != nil {
			t.Errorf("%s: %v\n%s", q.Name, err, q.Cypher)
			continue
		}
		sum, err := res.Consume(ctx)
		if err != nil {
			t.Errorf("%s: %v\n%s", q.Name, err, q.Cypher)
			continue
		}
		checked++
		var scans, ops []string
		walkPlan(sum.Plan(), func(op string) {
			ops = append(ops, op)
			if strings.Contains(op, "NodeByLabelScan") || strings.Contains(op, "AllNodesScan") {
				scans = append(scans, op)
			}
		})
		// The driver's plan tree loses operators of deep plans (the access
		// predicates' subqueries); the rendered plan Neo4j sends with the
		// root has them all.
		if text, ok := sum.Plan().Arguments()["string-representation"].(string); ok {
			for _, line := range strings.Split(text, "\n") {
				f := strings.Fields(strings.Trim(line, "|+ "))
				if len(f) == 0 {
					continue
				}
				op := strings.TrimLeft(f[0], "+|")
				ops = append(ops, op)
				if (op == "NodeByLabelScan" || op == "AllNodesScan") && !slices.Contains(scans, op) {
					scans = append(scans, op)
				}
			}
		}
		// A case/accent-insensitive name filter reads the folded name's TEXT
		// index (NodeIndexContainsScan, NodeIndexSeekByRange), never the label.
		if strings.HasSuffix(q.Name, ":name:startsWith") || (strings.HasSuffix(q.Name, ":name:contains") && q.Name != "list:events:name:contains") {
			folded++
			if !strings.Contains(q.Cypher, "nameFolded") || !hasIndexOp(ops) {
				t.Errorf("%s does not read the folded name's index (plan %v):\n%s", q.Name, ops, q.Cypher)
			}
		}
		if len(scans) > 0 {
			if q.ScanOK == "" {
				t.Errorf("%s scans (%v) although an index serves it:\n%s", q.Name, scans, q.Cypher)
			} else {
				scansAllowed++
			}
		}
	}
	if folded < 19 {
		t.Errorf("only %d folded name filters planned, want one startsWith per named list and one contains per named list but events", folded)
	}
	t.Logf("%d read statements planned; %d scan by design (unfiltered lists, unindexed filters); %d folded name filters", checked, scansAllowed, folded)
}

func hasIndexOp(ops []string) bool {
	for _, op := range ops {
		if strings.Contains(op, "NodeIndex") {
			return true
		}
	}
	return false
}

func walkPlan(p neo4j.Plan, f func(op string)) {
	if p == nil {
		return
	}
	f(p.Operator())
	for _, c := range p.Children() {
		walkPlan(c, f)
	}
}

// TestIndexedLookupsAreIndexed double-checks the rule on one statement per
// index the API relies on.
func TestIndexedLookupsAreIndexed(t *testing.T) {
	want := map[string]bool{"entitiesByID": false, "documentsByID": false, "list:events:type:eq": false,
		"list:states:id:eq": false, "list:states:name:in": false,
		"list:persons:name:startsWith": false, "list:persons:name:contains": false, "list:events:name:startsWith": false, "list:documents:title:eq": false, "related:participants": false}
	for _, q := range neo4jdb.ReadQueries() {
		if _, ok := want[q.Name]; ok {
			want[q.Name] = true
			if q.ScanOK != "" {
				t.Errorf("%s allows a scan: %s", q.Name, q.ScanOK)
			}
		}
	}
	for name, seen := range want {
		if !seen {
			t.Errorf("no read query %s", name)
		}
	}
}
