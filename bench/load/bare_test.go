package main

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/rightsgraph/rightsgraph/bench/gen"
	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/internal/rawdriver"
	"github.com/rightsgraph/rightsgraph/kb"
	"github.com/rightsgraph/rightsgraph/loader"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

// TestBareWritesTheWritersGraph: the baseline writes the nodes (with their
// labels) and the relationships the loader's writer writes, so the ratio of
// the two compares the same work.
func TestBareWritesTheWritersGraph(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	raw, err := rawdriver.Open(neo4jtest.Config())
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close(ctx)
	k, err := kb.Default()
	if err != nil {
		t.Fatal(err)
	}
	g, err := gen.New(k, 7)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := g.Write(dir, 12); err != nil {
		t.Fatal(err)
	}
	x, err := loader.NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	exts, err := extractAll(ctx, dir, x)
	if err != nil || len(exts) != 12 {
		t.Fatalf("%d extractions, %v", len(exts), err)
	}
	snapshot := func() (nodes, rels []string) {
		query := func(cy string) (out []string) {
			res, err := raw.Write(ctx, cy, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range res.Records {
				out = append(out, fmt.Sprint(r.Values[0]))
			}
			return out
		}
		nodes = query(`MATCH (n) WHERE NOT n:Document UNWIND labels(n) AS l WITH n, l ORDER BY l
WITH n, collect(l) AS ls RETURN n.id + ' ' + reduce(s = '', l IN ls | s + ':' + l) AS s ORDER BY s`)
		rels = query(`MATCH (a)-[r]->(b) WHERE type(r) <> 'MENTIONED_IN'
RETURN DISTINCT a.id + ' ' + type(r) + ' ' + b.id + ' ' + coalesce(r.role, '') AS s ORDER BY s`)
		return
	}
	for _, e := range exts {
		if _, err := db.WriteExtraction(ctx, e, neo4jdb.WriteOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	wantNodes, wantRels := snapshot()
	if len(wantNodes) < 12 || len(wantRels) < 12 {
		t.Fatalf("the writer wrote only %d nodes and %d relationships", len(wantNodes), len(wantRels))
	}
	if err := neo4jtest.Reset(ctx, db); err != nil {
		t.Fatal(err)
	}
	if _, err := writeBare(ctx, raw, exts); err != nil {
		t.Fatal(err)
	}
	gotNodes, gotRels := snapshot()
	if !reflect.DeepEqual(gotNodes, wantNodes) {
		t.Errorf("bare nodes differ from the writer's:\nbare   %d %v\nwriter %d %v", len(gotNodes), firstDiff(gotNodes, wantNodes), len(wantNodes), firstDiff(wantNodes, gotNodes))
	}
	if !reflect.DeepEqual(gotRels, wantRels) {
		t.Errorf("bare relationships differ from the writer's:\nbare   %d %v\nwriter %d %v", len(gotRels), firstDiff(gotRels, wantRels), len(wantRels), firstDiff(wantRels, gotRels))
	}
}

// firstDiff is the part of s from its first difference with other.
func firstDiff(s, other []string) []string {
	i := 0
	for i < len(s) && i < len(other) && s[i] == other[i] {
		i++
	}
	return s[i:min(len(s), i+4)]
}
