package server_test

import (
	"context"
	"testing"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
	"github.com/rightsgraph/rightsgraph/server"
)

// TestProvisionsInArticleOrder checks that an instrument's provisions come in
// article order (2 before 10, a paragraph after its article) with their
// headings, not in string order.
func TestProvisionsInArticleOrder(t *testing.T) {
	db := neo4jtest.Open(t)
	text := "Articles of a convention."
	doc := rightsgraph.Document{ID: "doc-provisions", Source: "provisions.txt", Title: "Provisions", Text: text}
	ev := []rightsgraph.Evidence{{Start: 0, End: 8, Quote: text[:8]}}
	ext := &rightsgraph.Extraction{Document: doc,
		Entities: []rightsgraph.Entity{{ID: "instrument:conv", Kind: rightsgraph.KindInstrument, Name: "Convention", Mentions: []rightsgraph.Span{{Start: 0, End: 8}}}}}
	for _, p := range []struct{ slug, number, title string }{
		{"art-10", "Article 10", "Freedom of expression"}, {"art-2", "Article 2", "Right to life"},
		{"art-2-1", "Article 2 § 1", ""}, {"art-1", "Article 1", "Obligation to respect"},
	} {
		id := "provision:conv:" + p.slug
		ext.Entities = append(ext.Entities, rightsgraph.Entity{ID: id, Kind: rightsgraph.KindProvision, Name: p.number,
			Number: p.number, Title: p.title, Instrument: "instrument:conv", Mentions: []rightsgraph.Span{{Start: 0, End: 8}}})
		ext.Relations = append(ext.Relations, rightsgraph.Relation{Type: "HAS_PROVISION", From: "instrument:conv", To: id, Confidence: 1, Evidence: ev})
	}
	if _, err := db.WriteExtraction(context.Background(), ext, neo4jdb.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	ts, _ := newServer(t, db, server.DefaultConfig())
	d := okData(t, query(t, ts, `{ node(id: "instrument:conv") { ... on Instrument { provisions { number title } } } }`, nil))
	want := []string{"Article 1", "Article 2", "Article 2 § 1", "Article 10"}
	for i, w := range want {
		if got := at(d, "node", "provisions", i, "number"); got != w {
			t.Errorf("provision %d = %v, want %s", i, got, w)
		}
	}
	if got := at(d, "node", "provisions", 1, "title"); got != "Right to life" {
		t.Errorf("Article 2 title = %v", got)
	}
}
