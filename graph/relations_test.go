package graph_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
	"github.com/rightsgraph/rightsgraph/server"
)

// relDoc builds an extraction whose evidence spans point at the quotes in text.
type relDoc struct {
	ext  *rightsgraph.Extraction
	text string
}

func newRelDoc(source, title, publisher, published, text string) *relDoc {
	sum := sha256.Sum256([]byte(text))
	return &relDoc{text: text, ext: &rightsgraph.Extraction{Document: rightsgraph.Document{
		ID: hex.EncodeToString(sum[:]), Source: source, Title: title, Publisher: publisher, Published: published, Text: text}}}
}

func (d *relDoc) ev(quote string) []rightsgraph.Evidence {
	i := strings.Index(d.text, quote)
	if i < 0 {
		panic("quote not in text: " + quote)
	}
	return []rightsgraph.Evidence{{Start: i, End: i + len(quote), Quote: quote}}
}

func (d *relDoc) ent(id, kind, name string) {
	i := strings.Index(d.text, name)
	var ms []rightsgraph.Span
	if i >= 0 {
		ms = []rightsgraph.Span{{Start: i, End: i + len(name)}}
	}
	d.ext.Entities = append(d.ext.Entities, rightsgraph.Entity{ID: id, Kind: kind, Name: name, Mentions: ms})
}

// relWorld loads two documents through the loader's writer: a minister of a
// government that is part of Belgium, an NGO whose member is Bob, a protest
// the NGO organised, and an arrest by the police.
func relWorld(t *testing.T, db *neo4jdb.DB) (docA, docB string) {
	t.Helper()
	ctx := context.Background()
	a := newRelDoc("a.txt", "Belgium 2023", "Amnesty International", "2024",
		"Alice Minister leads the Federal Government of Belgium. Climate Now organised a protest in April 2023. "+
			"The Federal Police arrested protesters in May 2023. The Federal Police is part of Belgium.")
	a.ent("person:alice", rightsgraph.KindPerson, "Alice Minister")
	a.ent("institution:gov", rightsgraph.KindInstitution, "Federal Government")
	a.ent("institution:police", rightsgraph.KindInstitution, "Federal Police")
	a.ent("state:BEL", rightsgraph.KindState, "Belgium")
	a.ent("organization:ngo", rightsgraph.KindOrganization, "Climate Now")
	a.ext.Relations = []rightsgraph.Relation{
		{Type: "HOLDS_POSITION", From: "person:alice", To: "institution:gov", Confidence: 0.9, Props: map[string]any{"title": "Minister"},
			Evidence: a.ev("Alice Minister leads the Federal Government")},
		{Type: "PART_OF", From: "institution:gov", To: "state:BEL", Confidence: 0.8, Evidence: a.ev("Federal Government of Belgium")},
		{Type: "PART_OF", From: "institution:police", To: "state:BEL", Confidence: 0.8, Evidence: a.ev("The Federal Police is part of Belgium")},
	}
	a.ext.Events = []rightsgraph.Event{
		{ID: "event:protest", Type: "PROTEST", Date: "2023-04", Summary: "Climate Now organised a protest", Place: "state:BEL",
			Participants: []rightsgraph.Participant{{Entity: "organization:ngo", Role: "organizer"}},
			Evidence:     a.ev("Climate Now organised a protest in April 2023")},
		{ID: "event:arrest", Type: "ARREST", Date: "2023-05", Summary: "Police arrested protesters",
			Participants: []rightsgraph.Participant{{Entity: "institution:police", Role: "agent"}},
			Evidence:     a.ev("The Federal Police arrested protesters in May 2023")},
	}
	b := newRelDoc("b.txt", "Rally", "LDH", "2024-02", "Bob is a member of Climate Now. In 2023 Bob spoke at rallies.")
	b.ent("person:bob", rightsgraph.KindPerson, "Bob")
	b.ent("organization:ngo", rightsgraph.KindOrganization, "Climate Now")
	b.ext.Relations = []rightsgraph.Relation{
		{Type: "MEMBER_OF", From: "person:bob", To: "organization:ngo", Confidence: 0.7, Evidence: b.ev("Bob is a member of Climate Now")},
	}
	b.ext.Events = []rightsgraph.Event{
		{ID: "event:speech", Type: "STATEMENT", Date: "2023", Summary: "Bob spoke at rallies",
			Participants: []rightsgraph.Participant{{Entity: "person:bob", Role: "agent"}}, Evidence: b.ev("In 2023 Bob spoke at rallies")},
		{ID: "event:protest", Type: "PROTEST", Date: "2023-04", Summary: "Climate Now organised a protest",
			Participants: []rightsgraph.Participant{{Entity: "person:bob", Role: "participant"}}, Evidence: b.ev("Bob spoke at rallies")},
	}
	for _, d := range []*relDoc{a, b} {
		if _, err := db.WriteExtraction(ctx, d.ext, neo4jdb.WriteOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	return a.ext.Document.ID, b.ext.Document.ID
}

// relQuiet keeps the access log out of test output.
var relQuiet = slog.New(slog.NewTextHandler(io.Discard, nil))

type relResponse struct {
	Data   map[string]any `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Path       []any          `json:"path"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

func relQuery(t *testing.T, ts *httptest.Server, q string, vars map[string]any) *relResponse {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	resp, err := http.Post(ts.URL+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out relResponse
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("decode: %v", err)
	}
	return &out
}

func relOK(t *testing.T, r *relResponse) map[string]any {
	t.Helper()
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %+v", r.Errors)
	}
	return r.Data
}

// relErr checks that the response has exactly one error, with code and a
// message containing each of want, and that field is null.
func relErr(t *testing.T, r *relResponse, field, code string, want ...string) {
	t.Helper()
	if len(r.Errors) != 1 {
		t.Fatalf("want one error, got %+v", r.Errors)
	}
	e := r.Errors[0]
	if e.Extensions["code"] != code {
		t.Errorf("code %v, want %s (%s)", e.Extensions["code"], code, e.Message)
	}
	for _, w := range want {
		if !strings.Contains(e.Message, w) {
			t.Errorf("message %q does not mention %q", e.Message, w)
		}
	}
	if r.Data != nil && r.Data[field] != nil {
		t.Errorf("%s is %v, want null", field, r.Data[field])
	}
}

func relList(v any) []any         { l, _ := v.([]any); return l }
func relMap(v any) map[string]any { m, _ := v.(map[string]any); return m }

func TestRelationsGraphQL(t *testing.T) {
	db := neo4jtest.Open(t)
	docA, _ := relWorld(t, db)
	ts := httptest.NewServer(server.New(server.Config{MaxHops: 6, Logger: relQuiet}, db).Handler())
	defer ts.Close()

	t.Run("neighborhood", func(t *testing.T) {
		d := relOK(t, relQuery(t, ts, `query($id: ID!) { neighborhood(id: $id, depth: 2, limitPerNode: 10) {
			truncated
			nodes { id kind label labels properties { key value values } node { ... on Person { name } ... on Institution { category court } } }
			edges { id type source target weight confidence properties { key value } evidence { quote start end document { id title publisher } } }
		} }`, map[string]any{"id": "person:alice"}))
		g := relMap(d["neighborhood"])
		nodes, edges := relList(g["nodes"]), relList(g["edges"])
		if len(nodes) != 3 || len(edges) != 2 || g["truncated"] != false {
			t.Fatalf("%d nodes %d edges: %v", len(nodes), len(edges), g)
		}
		alice := relMap(nodes[0])
		if alice["id"] != "person:alice" || alice["kind"] != "Person" || relMap(alice["node"])["name"] != "Alice Minister" {
			t.Errorf("alice %v", alice)
		}
		e := relMap(edges[0])
		if e["id"] != "HOLDS_POSITION:person:alice:institution:gov" || e["weight"] != 1.0 || e["confidence"] != 0.9 {
			t.Errorf("edge %v", e)
		}
		ev := relMap(relList(e["evidence"])[0])
		if ev["quote"] != "Alice Minister leads the Federal Government" || relMap(ev["document"])["id"] != docA ||
			relMap(ev["document"])["title"] != "Belgium 2023" {
			t.Errorf("evidence %v", ev)
		}
		props := relList(e["properties"])
		if len(props) != 1 || relMap(props[0])["key"] != "title" || relMap(props[0])["value"] != "Minister" {
			t.Errorf("edge properties %v", props)
		}
	})

	t.Run("paths", func(t *testing.T) {
		d := relOK(t, relQuery(t, ts, `{ paths(from: "person:bob", to: "state:BEL", maxHops: 6, first: 2) {
			length nodes { id } edges { type source target evidence { quote } } } }`, nil))
		ps := relList(d["paths"])
		if len(ps) == 0 {
			t.Fatal("no path")
		}
		p := relMap(ps[0])
		var ids []string
		for _, n := range relList(p["nodes"]) {
			ids = append(ids, relMap(n)["id"].(string))
		}
		// Bob took part in the protest, which occurred in Belgium.
		if want := []string{"person:bob", "event:protest", "state:BEL"}; p["length"] != 2.0 || strings.Join(ids, " ") != strings.Join(want, " ") {
			t.Errorf("path %v (length %v), want %v", ids, p["length"], want)
		}
		if len(ps) != 2 || relMap(ps[1])["length"].(float64) < 2 {
			t.Errorf("second path %v", ps)
		}
		for _, e := range relList(p["edges"]) {
			if len(relList(relMap(e)["evidence"])) == 0 {
				t.Errorf("edge without evidence: %v", e)
			}
		}
	})

	t.Run("connections and timeline", func(t *testing.T) {
		d := relOK(t, relQuery(t, ts, `{ connections(ids: ["person:alice", "institution:police"]) { truncated nodes { id } edges { id } } }`, nil))
		c := relMap(d["connections"])
		if c["truncated"] != false || len(relList(c["edges"])) != 3 {
			t.Errorf("connections %v", c)
		}
		d = relOK(t, relQuery(t, ts, `{ timeline(actor: "person:bob") { date datePrecision roles event { id type summary } } }`, nil))
		tl := relList(d["timeline"])
		if len(tl) != 2 {
			t.Fatalf("timeline %v", tl)
		}
		first, second := relMap(tl[0]), relMap(tl[1])
		if first["date"] != "2023" || first["datePrecision"] != "YEAR" || relMap(first["event"])["id"] != "event:speech" ||
			second["datePrecision"] != "MONTH" || relList(second["roles"])[0] != "PARTICIPANT" || relMap(second["event"])["type"] != "PROTEST" {
			t.Errorf("timeline %v", tl)
		}
		d = relOK(t, relQuery(t, ts, `{ timeline(actor: "person:bob", from: "2023-04", to: "2023-04", types: [PROTEST]) { event { id } } }`, nil))
		if tl := relList(d["timeline"]); len(tl) != 1 || relMap(relMap(tl[0])["event"])["id"] != "event:protest" {
			t.Errorf("filtered timeline %v", tl)
		}
	})

	bounds := []struct {
		name, query, field, code string
		want                     []string
	}{
		{"depth", `{ neighborhood(id: "person:alice", depth: 4) { truncated } }`, "neighborhood", "LIMIT", []string{"depth 4", "limit of 3"}},
		{"depth 0", `{ neighborhood(id: "person:alice", depth: 0) { truncated } }`, "neighborhood", "INVALID", []string{"depth"}},
		{"limitPerNode", `{ neighborhood(id: "person:alice", limitPerNode: 500) { truncated } }`, "neighborhood", "LIMIT", []string{"limitPerNode", "100"}},
		{"relTypes", `{ neighborhood(id: "person:alice", relTypes: ["A]-() DELETE"]) { truncated } }`, "neighborhood", "INVALID", []string{"relTypes"}},
		{"maxHops", `{ paths(from: "person:alice", to: "state:BEL", maxHops: 7) { length } }`, "paths", "LIMIT", []string{"maxHops 7", "limit of 6"}},
		{"first", `{ paths(from: "person:alice", to: "state:BEL", first: 50) { length } }`, "paths", "LIMIT", []string{"first 50", "limit of 10"}},
		{"too many ids", `{ connections(ids: ["a:1","a:2","a:3","a:4","a:5","a:6","a:7","a:8","a:9","a:10","a:11"]) { truncated } }`,
			"connections", "LIMIT", []string{"11 ids", "limit of 10"}},
		{"connections maxHops", `{ connections(ids: ["person:alice", "person:bob"], maxHops: 5) { truncated } }`, "connections", "LIMIT", []string{"limit of 4"}},
		{"unknown id", `{ neighborhood(id: "person:nobody") { truncated } }`, "neighborhood", "NOT_FOUND", []string{`"person:nobody"`}},
		{"unknown path end", `{ paths(from: "person:alice", to: "state:XXX") { length } }`, "paths", "NOT_FOUND", []string{`"state:XXX"`}},
		{"unknown connection ids", `{ connections(ids: ["person:alice", "x:1", "x:2"]) { truncated } }`, "connections", "NOT_FOUND", []string{`"x:1"`, `"x:2"`}},
		{"unknown actor", `{ timeline(actor: "person:nobody") { date } }`, "timeline", "NOT_FOUND", []string{`"person:nobody"`}},
		{"bad date", `{ timeline(actor: "person:bob", from: "spring 2023") { date } }`, "timeline", "INVALID", []string{"from"}},
		{"timeline first", `{ timeline(actor: "person:bob", first: 5000) { date } }`, "timeline", "LIMIT", []string{"first 5000", "limit of 1000"}},
	}
	for _, c := range bounds {
		t.Run(c.name, func(t *testing.T) {
			relErr(t, relQuery(t, ts, c.query, nil), c.field, c.code, c.want...)
		})
	}

	t.Run("RelationCosts refuse nested lists under a large neighbourhood", func(t *testing.T) {
		ts3 := httptest.NewServer(server.New(server.Config{MaxHops: 6, Logger: relQuiet, Costs: server.RelationCosts()}, db).Handler())
		defer ts3.Close()
		r := relQuery(t, ts3, `{ neighborhood(id: "person:alice", depth: 3) { nodes { node { ... on Person { memberships(first: 50) { organization { id name } } } } } } }`, nil)
		if len(r.Errors) != 1 || !strings.Contains(r.Errors[0].Message, "complexity") {
			t.Errorf("want a complexity error, got %+v", r.Errors)
		}
		relOK(t, relQuery(t, ts3, `{ neighborhood(id: "person:alice", depth: 2) { nodes { id label } edges { id evidence { quote document { title } } } } }`, nil))
	})

	t.Run("the server's MaxHops caps depth and maxHops", func(t *testing.T) {
		ts2 := httptest.NewServer(server.New(server.Config{MaxHops: 2, Logger: relQuiet}, db).Handler())
		defer ts2.Close()
		relErr(t, relQuery(t, ts2, `{ neighborhood(id: "person:alice", depth: 3) { truncated } }`, nil), "neighborhood", "LIMIT", "limit of 2")
		relErr(t, relQuery(t, ts2, `{ paths(from: "person:alice", to: "state:BEL", maxHops: 3) { length } }`, nil), "paths", "LIMIT", "limit of 2")
	})
}
