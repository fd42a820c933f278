package neo4jdb

import (
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// Every read statement the API can send applies access control, except the
// count-store statistics, which are sent only to a principal that reads
// every document (Stats switches to statsVisible otherwise).
func TestEveryReadAppliesAccessControl(t *testing.T) {
	exempt := map[string]bool{
		"stats": true,
		// Decisions and notes are read by the ids of edges and nodes the
		// caller was just shown (so already filtered), and the GraphQL
		// layer returns them to curators only.
		"curation.decisions": true, "curation.notes": true,
		// Redirects only map ids; the node they lead to is read through
		// the access predicates.
		"curation.redirects": true,
	}
	n := 0
	for _, q := range ReadQueries() {
		n++
		if !exempt[q.Name] && !usesACL(q.Cypher) {
			t.Errorf("read %s has no access predicate ($acl)", q.Name)
		}
	}
	if n < 50 {
		t.Fatalf("only %d read statements registered", n)
	}
}

// Redaction keeps the evidence entries of readable documents only, in
// step across the parallel lists, and recomputes the confidence.
func TestRedactEvidence(t *testing.T) {
	rel := neo4j.Relationship{Type: "MEMBER_OF", Props: map[string]any{
		"docIds":      []any{"pub", "secret", "pub2"},
		"starts":      []any{int64(1), int64(2), int64(3)},
		"ends":        []any{int64(4), int64(5), int64(6)},
		"quotes":      []any{"a", "the secret quote", "c"},
		"confidences": []any{0.5, 0.99, 0.6},
		"confidence":  0.99,
		"docColls":    []any{"public", "witness", "public"},
		"docRanks":    []any{int64(0), int64(2), int64(0)},
	}}
	rec := &neo4j.Record{Values: []any{rel, map[string]any{"props": map[string]any{
		"docIds": []any{"secret"}, "quotes": []any{"x"}, "docColls": []any{"witness"}, "docRanks": []any{int64(1)}}}}}
	redact([]*neo4j.Record{rec}, aclParam(rightsgraph.AnonymousPrincipal(), false))
	p := rel.Props
	if got := p["docIds"].([]any); len(got) != 2 || got[0] != "pub" || got[1] != "pub2" {
		t.Errorf("docIds = %v", got)
	}
	if got := p["quotes"].([]any); len(got) != 2 || got[1] != "c" {
		t.Errorf("quotes = %v", got)
	}
	if p["confidence"] != 0.6 {
		t.Errorf("confidence = %v, want 0.6 (the best readable entry)", p["confidence"])
	}
	nested := rec.Values[1].(map[string]any)["props"].(map[string]any)
	if len(nested["docIds"].([]any)) != 0 || len(nested["quotes"].([]any)) != 0 {
		t.Errorf("nested properties map not redacted: %v", nested)
	}
	// A principal of the collection up to confidential keeps everything.
	rel2 := neo4j.Relationship{Props: map[string]any{"docIds": []any{"secret"}, "docColls": []any{"witness"}, "docRanks": []any{int64(2)}}}
	redact([]*neo4j.Record{{Values: []any{rel2}}}, aclParam(rightsgraph.Principal{Collections: []string{"witness"}, MaxSensitivity: rightsgraph.Confidential}, false))
	if len(rel2.Props["docIds"].([]any)) != 1 {
		t.Errorf("a reader of the collection lost its evidence")
	}
}
