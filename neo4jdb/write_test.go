package neo4jdb_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

// fixture builds a small extraction: a state (reference), a court, a
// person only this document names, a ruling event against the state, an
// obligation, and a CITES relation to the ECHR shared with other documents.
func fixture(id, source, person string) *rightsgraph.Extraction {
	text := "The Court ruled against Belgium citing the ECHR. " + person + " was named. Belgium must act."
	at := func(s string) rightsgraph.Span {
		i := strings.Index(text, s)
		return rightsgraph.Span{Start: i, End: i + len(s)}
	}
	ev := func(s string) []rightsgraph.Evidence {
		sp := at(s)
		return []rightsgraph.Evidence{{Start: sp.Start, End: sp.End, Quote: s}}
	}
	src := "institution:court"
	slug := strings.ToLower(strings.ReplaceAll(person, " ", "-"))
	return &rightsgraph.Extraction{
		Document: rightsgraph.Document{ID: id, Source: source, Title: "T " + id, Published: "2024", Format: "text", Text: text},
		Entities: []rightsgraph.Entity{
			{ID: "state:BEL", Kind: "State", Name: "Belgium", ISO3: "BEL", Reference: true, Aliases: []string{"Belgique"}, Mentions: []rightsgraph.Span{at("Belgium")}},
			{ID: "institution:court", Kind: "Institution", Court: true, Name: "The Court", Mentions: []rightsgraph.Span{at("Court")}},
			{ID: "instrument:echr", Kind: "Instrument", Name: "ECHR", Reference: true, Mentions: []rightsgraph.Span{at("ECHR")}},
			{ID: "person:" + slug, Kind: "Person", Name: person, Mentions: []rightsgraph.Span{at(person)}},
		},
		Relations: []rightsgraph.Relation{
			{Type: "CITES", From: "event:ruling-" + id, To: "instrument:echr", Confidence: 0.8, Evidence: ev("citing the ECHR")},
			{Type: "AFFILIATED_WITH", From: "person:" + slug, To: "institution:court", Confidence: 0.6, Evidence: ev(person)},
			{Type: "NATIONAL_OF", From: "person:" + slug, To: "state:NOWHERE", Confidence: 0.6}, // endpoint missing
		},
		Events: []rightsgraph.Event{{
			ID: "event:ruling-" + id, Type: "RULING", Date: "2023-04", Summary: "The Court ruled against Belgium",
			Participants: []rightsgraph.Participant{{Entity: "institution:court", Role: "authority"}, {Entity: "state:BEL", Role: "target"}},
			Evidence:     ev("The Court ruled against Belgium"),
		}},
		Obligations: []rightsgraph.Obligation{{
			ID: "obligation:bel-act", Bound: "state:BEL", Source: &src, Text: "Belgium must act", Modality: "must",
			Evidence: ev("Belgium must act"),
		}},
	}
}

type counts struct{ nodes, rels int64 }

func graphCounts(t *testing.T, db *neo4jdb.DB) counts {
	t.Helper()
	return counts{
		nodes: neo4jtest.Count(t, db, `MATCH (n) RETURN count(n)`, nil),
		rels:  neo4jtest.Count(t, db, `MATCH ()-[r]->() RETURN count(r)`, nil),
	}
}

func write(t *testing.T, db *neo4jdb.DB, ext *rightsgraph.Extraction, opts neo4jdb.WriteOptions) *neo4jdb.WriteResult {
	t.Helper()
	res, err := db.WriteExtraction(context.Background(), ext, opts)
	if err != nil {
		t.Fatalf("WriteExtraction(%s): %v", ext.Document.ID, err)
	}
	return res
}

// relEvidence returns the docIds of the relationship of type typ between from and to.
func relEvidence(t *testing.T, db *neo4jdb.DB, from, typ, to string) []string {
	t.Helper()
	res, err := neo4j.ExecuteQuery(context.Background(), neo4jtest.Driver(db),
		`MATCH (a:Entity {id: $from})-[r]->(b:Entity {id: $to}) WHERE type(r) = $type RETURN r.docIds`,
		map[string]any{"from": from, "to": to, "type": typ}, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(db.Database()))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Records) == 0 {
		return nil
	}
	if len(res.Records) > 1 {
		t.Fatalf("%s-[%s]->%s: %d relationships, want one", from, typ, to, len(res.Records))
	}
	var out []string
	for _, v := range res.Records[0].Values[0].([]any) {
		out = append(out, v.(string))
	}
	return out
}

func TestWriteQueriesExplain(t *testing.T) {
	db := neo4jtest.Open(t)
	for name, q := range neo4jdb.WriteQueries() {
		if _, err := neo4j.ExecuteQuery(context.Background(), neo4jtest.Driver(db), "EXPLAIN "+q, nil,
			neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db.Database())); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestWriteExtraction(t *testing.T) {
	db := neo4jtest.Open(t)
	a := fixture("docA", "a.txt", "Jan Peeters")
	res := write(t, db, a, neo4jdb.WriteOptions{})
	// 4 entities + 1 event + 1 obligation + 1 document
	if res.NodesCreated != 7 {
		t.Errorf("NodesCreated = %d, want 7", res.NodesCreated)
	}
	// 6 MENTIONED_IN (4 entities, event, obligation) + CITES + AFFILIATED_WITH
	// + 2 INVOLVED_IN + BINDS + ESTABLISHES; NATIONAL_OF dropped.
	if res.RelationshipsCreated != 12 {
		t.Errorf("RelationshipsCreated = %d, want 12", res.RelationshipsCreated)
	}
	if res.Dropped["NATIONAL_OF: endpoint not in the graph"] != 1 {
		t.Errorf("Dropped = %v, want the NATIONAL_OF to a missing node", res.Dropped)
	}
	if got := neo4jtest.Count(t, db, `MATCH (n:Entity:Event:Ruling {id: 'event:ruling-docA', date: '2023-04', type: 'RULING'}) RETURN count(n)`, nil); got != 1 {
		t.Error("event node with labels :Entity:Event:Ruling missing")
	}
	if got := neo4jtest.Count(t, db, `MATCH (n:Entity:Actor:Institution:Court {id: 'institution:court', kind: 'Institution'}) RETURN count(n)`, nil); got != 1 {
		t.Error("court labels missing")
	}
	if got := neo4jtest.Count(t, db, `MATCH (:Entity:Actor:State {id: 'state:BEL'})-[r:INVOLVED_IN {role: 'target'}]->(:Event) WHERE r.docIds = ['docA'] RETURN count(r)`, nil); got != 1 {
		t.Error("INVOLVED_IN {role: target} with evidence missing")
	}
	if got := neo4jtest.Count(t, db, `MATCH (s:State {id: 'state:BEL'})-[m:MENTIONED_IN]->(d:Document {id: 'docA'})
		WHERE size(m.starts) = 2 AND m.quotes = ['Belgium', 'Belgium'] RETURN count(m)`, nil); got != 0 {
		// fixture mentions Belgium once (first occurrence)
		t.Error("unexpected mention count")
	}
	if got := neo4jtest.Count(t, db, `MATCH (:Entity {id: 'state:BEL'})-[m:MENTIONED_IN]->(:Document {id: 'docA'})
		WHERE m.quotes = ['Belgium'] RETURN count(m)`, nil); got != 1 {
		t.Error("MENTIONED_IN with quotes missing")
	}
	if got := neo4jtest.Count(t, db, `MATCH (:Obligation {id: 'obligation:bel-act'})-[b:BINDS]->(:State {id: 'state:BEL'})
		MATCH (:Court)-[:ESTABLISHES]->(:Obligation {id: 'obligation:bel-act'}) RETURN count(b)`, nil); got != 1 {
		t.Error("obligation edges missing")
	}
	before := graphCounts(t, db)

	// Loading the same document again changes nothing.
	res = write(t, db, a, neo4jdb.WriteOptions{})
	if !res.Skipped {
		t.Error("second write of the same document not skipped")
	}
	if got := graphCounts(t, db); got != before {
		t.Errorf("counts after reload = %+v, want %+v", got, before)
	}
	// --force rewrites it: same counts, evidence not duplicated.
	res = write(t, db, a, neo4jdb.WriteOptions{Force: true})
	if res.Skipped || !reflect.DeepEqual(res.Replaced, []string{"docA"}) {
		t.Errorf("forced write: %+v", res)
	}
	if got := graphCounts(t, db); got != before {
		t.Errorf("counts after forced reload = %+v, want %+v", got, before)
	}
	if got := relEvidence(t, db, "event:ruling-docA", "CITES", "instrument:echr"); !reflect.DeepEqual(got, []string{"docA"}) {
		t.Errorf("CITES evidence after --force = %v, want [docA]", got)
	}

	// A second document states a shared fact (the person's affiliation):
	// one relationship, two pieces of evidence.
	b := fixture("docB", "b.txt", "Jan Peeters")
	write(t, db, b, neo4jdb.WriteOptions{})
	if got := relEvidence(t, db, "person:jan-peeters", "AFFILIATED_WITH", "institution:court"); !reflect.DeepEqual(got, []string{"docA", "docB"}) {
		t.Errorf("shared AFFILIATED_WITH evidence = %v, want [docA docB]", got)
	}
	if got := neo4jtest.Count(t, db, `MATCH ()-[r:INVOLVED_IN {role: 'authority'}]->(:Event) RETURN count(r)`, nil); got != 2 {
		t.Errorf("INVOLVED_IN authority = %d, want 2 (one per event)", got)
	}
}

func TestWriteReplacesChangedDocument(t *testing.T) {
	db := neo4jtest.Open(t)
	write(t, db, fixture("docA1", "a.txt", "Jan Peeters"), neo4jdb.WriteOptions{})
	write(t, db, fixture("docB", "b.txt", "Jan Peeters"), neo4jdb.WriteOptions{})
	write(t, db, fixture("docC", "c.txt", "Marie Dubois"), neo4jdb.WriteOptions{})
	// a.txt changes: it now names Piet Janssens instead of Jan Peeters.
	a2 := fixture("docA2", "a.txt", "Piet Janssens")
	res := write(t, db, a2, neo4jdb.WriteOptions{})
	if !reflect.DeepEqual(res.Replaced, []string{"docA1"}) {
		t.Fatalf("Replaced = %v, want [docA1]", res.Replaced)
	}
	if got := neo4jtest.Count(t, db, `MATCH (d:Document {source: 'a.txt'}) RETURN count(d)`, nil); got != 1 {
		t.Errorf("documents for a.txt = %d, want 1", got)
	}
	if got := neo4jtest.Count(t, db, `MATCH (n {id: 'docA1'}) RETURN count(n)`, nil); got != 0 {
		t.Error("old :Document still there")
	}
	// docB's evidence on the shared relationship survives; docA1's is gone.
	if got := relEvidence(t, db, "person:jan-peeters", "AFFILIATED_WITH", "institution:court"); !reflect.DeepEqual(got, []string{"docB"}) {
		t.Errorf("shared evidence after replacement = %v, want [docB]", got)
	}
	// docA1's own event and its relationships are gone (no evidence left).
	if got := neo4jtest.Count(t, db, `MATCH (n {id: 'event:ruling-docA1'}) RETURN count(n)`, nil); got != 0 {
		t.Error("replaced document's event still there")
	}
	if got := neo4jtest.Count(t, db, `MATCH ()-[r]->() WHERE 'docA1' IN r.docIds RETURN count(r)`, nil); got != 0 {
		t.Errorf("%d relationships still carry docA1's evidence", got)
	}
	// Entities other documents still mention stay; reference ones always stay.
	for _, id := range []string{"person:jan-peeters", "person:marie-dubois", "person:piet-janssens", "state:BEL", "obligation:bel-act"} {
		if got := neo4jtest.Count(t, db, `MATCH (n:Entity {id: $id}) RETURN count(n)`, map[string]any{"id": id}); got != 1 {
			t.Errorf("%s: %d nodes, want 1", id, got)
		}
	}
	// The shared obligation keeps evidence from the three current documents.
	if got := relEvidence(t, db, "obligation:bel-act", "BINDS", "state:BEL"); !reflect.DeepEqual(got, []string{"docB", "docC", "docA2"}) {
		t.Errorf("BINDS evidence = %v, want [docB docC docA2]", got)
	}
	// Now c.txt changes so that Marie Dubois is no longer named: her node,
	// which no other document mentions, is deleted.
	write(t, db, fixture("docC2", "c.txt", "Piet Janssens"), neo4jdb.WriteOptions{})
	if got := neo4jtest.Count(t, db, `MATCH (n:Entity {id: 'person:marie-dubois'}) RETURN count(n)`, nil); got != 0 {
		t.Error("entity left without mentions or relationships not deleted")
	}
	// And the whole graph equals loading the current versions from scratch.
	after := graphCounts(t, db)
	if err := neo4jtest.Reset(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	for _, e := range []*rightsgraph.Extraction{fixture("docB", "b.txt", "Jan Peeters"), a2, fixture("docC2", "c.txt", "Piet Janssens")} {
		write(t, db, e, neo4jdb.WriteOptions{})
	}
	if fresh := graphCounts(t, db); fresh != after {
		t.Errorf("after replacements %+v, fresh load of the same versions %+v", after, fresh)
	}
}

func TestWriteFailureLeavesNothing(t *testing.T) {
	for _, step := range []string{"document", "entities", "mentions", "relations"} {
		t.Run(step, func(t *testing.T) {
			ctx := context.Background()
			db := neo4jtest.Open(t)
			write(t, db, fixture("docA", "a.txt", "Jan Peeters"), neo4jdb.WriteOptions{})
			before := graphCounts(t, db)
			_, err := db.WriteExtraction(ctx, fixture("docB", "b.txt", "Marie Dubois"), neo4jdb.WriteOptions{
				Hook: func(s string) error {
					if s == step {
						return neo4jdb.ErrInjected
					}
					return nil
				},
			})
			if !errors.Is(err, neo4jdb.ErrInjected) {
				t.Fatalf("err = %v, want the injected failure", err)
			}
			if got := graphCounts(t, db); got != before {
				t.Errorf("after a failure at %s: %+v, want %+v", step, got, before)
			}
			if got := neo4jtest.Count(t, db, `MATCH ()-[r]->() WHERE 'docB' IN r.docIds RETURN count(r)`, nil); got != 0 {
				t.Errorf("docB evidence left behind: %d", got)
			}
			// a changed version that fails to write keeps the old version whole
			_, err = db.WriteExtraction(ctx, fixture("docA2", "a.txt", "Piet Janssens"), neo4jdb.WriteOptions{
				Hook: func(s string) error {
					if s == step {
						return fmt.Errorf("boom: %w", neo4jdb.ErrInjected)
					}
					return nil
				},
			})
			if err == nil {
				t.Fatal("no error")
			}
			if got := graphCounts(t, db); got != before {
				t.Errorf("failed replacement changed the graph: %+v, want %+v", got, before)
			}
		})
	}
}
