package neo4jdb_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

// snapshot is the whole graph as sorted lines: every node with its labels
// and properties, every relationship with its ends, type and properties
// (evidence lists included). The load's clock (loadedAt, createdAt,
// updatedAt) is left out.
func snapshot(t *testing.T, db *neo4jdb.DB) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	for _, q := range []string{
		`MATCH (n) RETURN 'node', n.id, labels(n), properties(n)`,
		`MATCH (a)-[r]->(b) RETURN type(r), a.id + '->' + b.id, [], properties(r)`,
	} {
		res, err := neo4j.ExecuteQuery(ctx, neo4jtest.Driver(db), q, nil, neo4j.EagerResultTransformer)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res.Records {
			props, _ := r.Values[3].(map[string]any)
			for _, clock := range []string{"loadedAt", "createdAt", "updatedAt"} {
				delete(props, clock)
			}
			labels, _ := r.Values[2].([]any)
			ls := fmt.Sprint(labels...)
			out = append(out, fmt.Sprintf("%v %v %s %v", r.Values[0], r.Values[1], ls, props))
		}
	}
	sort.Strings(out)
	return out
}

func diff(a, b []string) string {
	in := map[string]int{}
	for _, x := range a {
		in[x]++
	}
	for _, x := range b {
		in[x]--
	}
	var d []string
	for x, n := range in {
		if n != 0 {
			d = append(d, fmt.Sprintf("%+d %s", n, x))
		}
	}
	sort.Strings(d)
	if len(d) > 6 {
		d = append(d[:6], fmt.Sprintf("… %d more", len(d)-6))
	}
	return fmt.Sprint(d)
}

func sameGraph(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) != len(want) || diff(got, want) != "[]" {
		t.Errorf("%s: %d lines, want %d; difference %s", what, len(got), len(want), diff(got, want))
	}
}

// A document written in chunks (here one row per transaction) ends in
// exactly the graph that one transaction writes, for a first load, a
// replacement by a changed version and a forced rewrite.
func TestChunkedWriteEqualsOneTransaction(t *testing.T) {
	db := neo4jtest.Open(t)
	docs := []*rightsgraph.Extraction{fixture("docA", "a.txt", "Jan Peeters"), fixture("docB", "b.txt", "Marie Dubois")}
	v2 := fixture("docA2", "a.txt", "Piet Janssens")
	load := func(chunk int, force bool) []string {
		if err := neo4jtest.Reset(context.Background(), db); err != nil {
			t.Fatal(err)
		}
		for _, e := range append(docs, v2) {
			write(t, db, e, neo4jdb.WriteOptions{ChunkRows: chunk})
		}
		if force {
			res := write(t, db, docs[1], neo4jdb.WriteOptions{ChunkRows: chunk, Force: true})
			if len(res.Replaced) != 1 || res.Replaced[0] != "docB" {
				t.Errorf("forced rewrite replaced %v, want [docB]", res.Replaced)
			}
		}
		return snapshot(t, db)
	}
	whole := load(0, false)
	if len(whole) < 10 {
		t.Fatalf("snapshot of %d lines: the fixture wrote nothing?", len(whole))
	}
	sameGraph(t, "chunked load and replacement", load(1, false), whole)
	sameGraph(t, "chunked forced rewrite", load(1, true), load(0, true))
	sameGraph(t, "chunks of 3 rows", load(3, false), whole)
}

// A chunked write that stops half-way publishes no :Document (the API
// matches that label only), and the next write of the same document, or of
// a new version of its source, ends in the graph of a clean load.
func TestChunkedWriteStoppedMidwayIsRedone(t *testing.T) {
	ctx := context.Background()
	db := neo4jtest.Open(t)
	base := fixture("docA", "a.txt", "Jan Peeters")
	for _, step := range []string{"document", "entities", "mentions", "relations"} {
		for _, next := range []*rightsgraph.Extraction{fixture("docB", "b.txt", "Marie Dubois"), fixture("docB2", "b.txt", "Piet Janssens")} {
			t.Run(step+"/then "+next.Document.ID, func(t *testing.T) {
				if err := neo4jtest.Reset(ctx, db); err != nil {
					t.Fatal(err)
				}
				write(t, db, base, neo4jdb.WriteOptions{})
				write(t, db, next, neo4jdb.WriteOptions{})
				clean := snapshot(t, db)

				if err := neo4jtest.Reset(ctx, db); err != nil {
					t.Fatal(err)
				}
				write(t, db, base, neo4jdb.WriteOptions{})
				_, err := db.WriteExtraction(ctx, fixture("docB", "b.txt", "Marie Dubois"), neo4jdb.WriteOptions{ChunkRows: 1,
					Hook: func(s string) error {
						if s == step {
							return neo4jdb.ErrInjected
						}
						return nil
					}})
				if !errors.Is(err, neo4jdb.ErrInjected) {
					t.Fatalf("err = %v, want the injected failure", err)
				}
				if n := neo4jtest.Count(t, db, `MATCH (d:Document {id: 'docB'}) RETURN count(d)`, nil); n != 0 {
					t.Errorf("a half-written document is a :Document (%d)", n)
				}
				if n := neo4jtest.Count(t, db, `MATCH (d:PendingDocument {id: 'docB'}) RETURN count(d)`, nil); n != 1 {
					t.Errorf("%d :PendingDocument, want 1", n)
				}
				// the rerun: in one transaction (small chunk limit not set) or in chunks
				write(t, db, next, neo4jdb.WriteOptions{ChunkRows: 2})
				sameGraph(t, "after the rerun", snapshot(t, db), clean)
			})
		}
	}
}

// Neo4j refusing a transaction for memory is a per-document LIMIT, not an outage.
func TestTranslateMemoryPoolIsLimit(t *testing.T) {
	err := neo4jdb.Translate(&neo4j.Neo4jError{Code: "Neo.TransientError.General.MemoryPoolOutOfMemoryError", Msg: "The allocation of an extra 2.0 MiB would use more than the limit"})
	if got := rightsgraph.ErrorCode(err); got != rightsgraph.ELIMIT {
		t.Errorf("code %q (%v), want limit", got, err)
	}
	if errors.Is(err, neo4jdb.ErrUnavailable) {
		t.Error("reported as unavailable")
	}
}
