package neo4jdb_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/loader"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

// relNode and relRel describe test data written the way docs/graph-model.md
// stores it. Labels and relationship types come from these test tables only.
type relNode struct {
	labels string
	props  map[string]any
}

type relRel struct {
	typ, from, to string
	props         map[string]any
}

// relEv builds the evidence properties of a relationship: parallel lists
// docIds/starts/ends/quotes and the confidence.
func relEv(conf float64, pieces ...any) map[string]any {
	p := map[string]any{"confidence": conf, "docIds": []string{}, "starts": []int64{}, "ends": []int64{}, "quotes": []string{}}
	for i := 0; i+3 < len(pieces); i += 4 {
		p["docIds"] = append(p["docIds"].([]string), pieces[i].(string))
		p["starts"] = append(p["starts"].([]int64), int64(pieces[i+1].(int)))
		p["ends"] = append(p["ends"].([]int64), int64(pieces[i+2].(int)))
		p["quotes"] = append(p["quotes"].([]string), pieces[i+3].(string))
	}
	return p
}

func relWith(p map[string]any, kv ...any) map[string]any {
	for i := 0; i+1 < len(kv); i += 2 {
		p[kv[i].(string)] = kv[i+1]
	}
	return p
}

func relEnt(labels, id, kind, name string, kv ...any) relNode {
	p := map[string]any{"id": id, "kind": kind, "name": name, "aliases": []string{}}
	return relNode{labels: labels, props: relWith(p, kv...)}
}

// relSeed is a small world: a state with institutions, a minister, an NGO and
// its member, climate activists in a protest, an arrest, a ruling, an undated
// statement, a 2022 report, two documents, and a hub of 40 places located in
// the state. person:carol and person:dave are linked only by being mentioned
// in the same document.
func relSeed() ([]relNode, []relRel) {
	nodes := []relNode{
		{labels: "Document", props: map[string]any{"id": relDocA, "title": "Belgium 2023", "source": "seeds/a.txt",
			"publisher": "Amnesty International", "published": "2024", "text": "long text that must not be exported"}},
		{labels: "Document", props: map[string]any{"id": relDocB, "title": "Rally in Brussels", "source": "seeds/b.txt",
			"publisher": "LDH", "published": "2024-02", "text": "other text"}},
		relEnt("Entity:Actor:State", "state:BEL", "State", "Belgium", "iso3", "BEL", "iso2", "BE", "reference", true),
		relEnt("Entity:Actor:Institution", "institution:gov", "Institution", "Federal Government", "category", "government"),
		relEnt("Entity:Actor:Institution", "institution:police", "Institution", "Federal Police", "category", "security"),
		relEnt("Entity:Actor:Institution:Court", "institution:court", "Institution", "Brussels Court of Appeal", "category", "court"),
		relEnt("Entity:Actor:Person", "person:alice", "Person", "Alice Minister"),
		relEnt("Entity:Actor:Person", "person:bob", "Person", "Bob Activist"),
		relEnt("Entity:Actor:Person", "person:carol", "Person", "Carol"),
		relEnt("Entity:Actor:Person", "person:dave", "Person", "Dave"),
		relEnt("Entity:Actor:Organization", "organization:ngo", "Organization", "Climate Now", "category", "ngo"),
		relEnt("Entity:Actor:Group", "group:activists", "Group", "climate activists"),
		relEnt("Entity:Place", "place:brussels", "Place", "Brussels"),
		relEnt("Entity:Event:Protest", "event:protest", "Event", "Climate activists protested", "type", "PROTEST", "date", "2023-04-15", "summary", "Climate activists protested"),
		relEnt("Entity:Event:Arrest", "event:arrest", "Event", "Police arrested activists", "type", "ARREST", "date", "2023-04", "summary", "Police arrested activists", "count", int64(12)),
		relEnt("Entity:Event:Ruling", "event:ruling", "Event", "Court convicted activists", "type", "RULING", "date", "2023", "summary", "Court convicted activists", "outcome", "guilty"),
		relEnt("Entity:Event:Statement", "event:statement", "Event", "Undated statement", "type", "STATEMENT", "summary", "Undated statement"),
		relEnt("Entity:Event:Report", "event:old", "Event", "2022 report", "type", "REPORT", "date", "2022-12", "summary", "2022 report"),
	}
	rels := []relRel{
		{"PART_OF", "institution:gov", "state:BEL", relEv(0.9, relDocA, 10, 20, "the government of Belgium")},
		{"PART_OF", "institution:police", "state:BEL", relEv(0.9, relDocA, 30, 40, "Belgian police")},
		{"PART_OF", "institution:court", "state:BEL", relEv(0.95, relDocA, 50, 60, "Belgian court")},
		{"HOLDS_POSITION", "person:alice", "institution:gov", relWith(relEv(0.8, relDocA, 70, 80, "Minister Alice", relDocB, 5, 15, "Alice, minister"), "title", "Minister", "from", "2020", "confidences", []float64{0.8, 0.6})},
		{"MEMBER_OF", "person:bob", "organization:ngo", relEv(0.7, relDocB, 100, 120, "Bob of Climate Now")},
		{"INVOLVED_IN", "organization:ngo", "event:protest", relWith(relEv(0.9, relDocA, 200, 230, "Climate Now organised"), "role", "organizer")},
		{"INVOLVED_IN", "group:activists", "event:protest", relWith(relEv(0.85, relDocA, 200, 230, "activists protested"), "role", "participant")},
		{"INVOLVED_IN", "institution:police", "event:arrest", relWith(relEv(0.9, relDocA, 240, 260, "police arrested"), "role", "agent")},
		{"INVOLVED_IN", "group:activists", "event:arrest", relWith(relEv(0.9, relDocA, 240, 260, "arrested activists"), "role", "target")},
		{"INVOLVED_IN", "group:activists", "event:arrest", relWith(relEv(0.6, relDocB, 40, 60, "activists at the arrest"), "role", "participant")},
		{"INVOLVED_IN", "institution:court", "event:ruling", relWith(relEv(0.9, relDocA, 300, 320, "the court found"), "role", "authority")},
		{"INVOLVED_IN", "group:activists", "event:ruling", relWith(relEv(0.3, relDocA, 300, 320, "activists guilty"), "role", "target")},
		{"INVOLVED_IN", "group:activists", "event:statement", relWith(relEv(0.8, relDocB, 70, 90, "a statement"), "role", "target")},
		{"INVOLVED_IN", "group:activists", "event:old", relWith(relEv(0.8, relDocB, 90, 99, "in 2022"), "role", "target")},
		{"OCCURRED_IN", "event:protest", "place:brussels", relEv(0.9, relDocA, 200, 230, "in Brussels")},
		{"LOCATED_IN", "place:brussels", "state:BEL", relEv(0.8, relDocA, 1, 5, "Brussels, Belgium")},
	}
	for _, id := range []string{"state:BEL", "institution:gov", "person:alice", "organization:ngo", "event:protest"} {
		rels = append(rels, relRel{"MENTIONED_IN", id, relDocA, map[string]any{"starts": []int64{1, 50}, "ends": []int64{5, 55}, "quotes": []string{"m1", "m2"}}})
	}
	for _, id := range []string{"person:carol", "person:dave", "person:bob"} {
		rels = append(rels, relRel{"MENTIONED_IN", id, relDocB, map[string]any{"starts": []int64{7}, "ends": []int64{12}, "quotes": []string{"name"}}})
	}
	// The hub: 40 places of low, distinct confidence located in Belgium.
	for i := 0; i < 40; i++ {
		id := fmt.Sprintf("place:p%02d", i)
		nodes = append(nodes, relEnt("Entity:Place", id, "Place", fmt.Sprintf("Place %02d", i)))
		rels = append(rels, relRel{"LOCATED_IN", id, "state:BEL", relEv(0.1+float64(i)*0.01, relDocA, 400+i, 410+i, "a town")})
	}
	return nodes, rels
}

// relWrite writes nodes and relationships with parameterised statements.
func relWrite(tb testing.TB, db *neo4jdb.DB, nodes []relNode, rels []relRel) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	byLabels := map[string][]map[string]any{}
	var order []string
	for _, n := range nodes {
		if _, ok := byLabels[n.labels]; !ok {
			order = append(order, n.labels)
		}
		byLabels[n.labels] = append(byLabels[n.labels], n.props)
	}
	for _, l := range order {
		q := "UNWIND $rows AS row CREATE (n:" + l + ") SET n = row, n.createdAt = datetime(), n.updatedAt = datetime()"
		if l == "Document" {
			q = "UNWIND $rows AS row CREATE (n:Document) SET n = row, n.loadedAt = datetime()"
		}
		relExec(tb, ctx, db, q, map[string]any{"rows": byLabels[l]})
	}
	byType := map[string][]map[string]any{}
	var torder []string
	for _, r := range rels {
		if _, ok := byType[r.typ]; !ok {
			torder = append(torder, r.typ)
		}
		byType[r.typ] = append(byType[r.typ], map[string]any{"from": r.from, "to": r.to, "props": r.props})
	}
	for _, t := range torder {
		to := "MATCH (b:Entity {id: row.to})"
		if t == "MENTIONED_IN" {
			to = "MATCH (b:Document {id: row.to})"
		}
		q := "UNWIND $rows AS row MATCH (a:Entity {id: row.from}) " + to + " CREATE (a)-[r:" + t + "]->(b) SET r = row.props"
		relExec(tb, ctx, db, q, map[string]any{"rows": byType[t]})
	}
}

func relExec(tb testing.TB, ctx context.Context, db *neo4jdb.DB, q string, params map[string]any) {
	tb.Helper()
	if _, err := neo4j.ExecuteQuery(ctx, neo4jtest.Driver(db), q, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(db.Database())); err != nil {
		tb.Fatalf("%s: %v", q, err)
	}
}

// Document ids are sha256 hex in the store.
var (
	relDocA = strings.Repeat("a", 64)
	relDocB = strings.Repeat("b", 64)
)

func relOpenSeeded(t *testing.T) *neo4jdb.DB {
	t.Helper()
	db := neo4jtest.Open(t)
	nodes, rels := relSeed()
	relWrite(t, db, nodes, rels)
	return db
}

func relCode(t *testing.T, err error, code string, contains ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("want a %s error, got none", code)
	}
	if got := rightsgraph.ErrorCode(err); got != code {
		t.Fatalf("error code %q, want %q (%v)", got, code, err)
	}
	for _, c := range contains {
		if !strings.Contains(rightsgraph.ErrorMessage(err), c) {
			t.Errorf("error %q does not mention %q", rightsgraph.ErrorMessage(err), c)
		}
	}
}

func relNodeIDs(ns []neo4jdb.GraphNode) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.ID
	}
	sort.Strings(out)
	return out
}

func relEdgeByID(es []neo4jdb.GraphEdge) map[string]neo4jdb.GraphEdge {
	m := map[string]neo4jdb.GraphEdge{}
	for _, e := range es {
		m[e.ID] = e
	}
	return m
}

func TestNeighborhood(t *testing.T) {
	db := relOpenSeeded(t)
	ctx := context.Background()

	t.Run("depth 1 leaves documents out and carries evidence", func(t *testing.T) {
		g, err := db.Neighborhood(ctx, "person:alice", neo4jdb.NeighborhoodOptions{ResolveEvidence: true})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := relNodeIDs(g.Nodes), []string{"institution:gov", "person:alice"}; !reflect.DeepEqual(got, want) {
			t.Fatalf("nodes %v, want %v", got, want)
		}
		if len(g.Edges) != 1 || g.Truncated {
			t.Fatalf("edges %+v truncated %v", g.Edges, g.Truncated)
		}
		e := g.Edges[0]
		if e.ID != "HOLDS_POSITION:person:alice:institution:gov" || e.Source != "person:alice" || e.Target != "institution:gov" {
			t.Errorf("edge %+v", e)
		}
		if e.Weight() != 2 || e.Confidence != 0.8 {
			t.Errorf("weight %d confidence %v", e.Weight(), e.Confidence)
		}
		if e.Evidence[0].Confidence != 0.8 || e.Evidence[1].Confidence != 0.6 {
			t.Errorf("evidence confidences %v %v", e.Evidence[0].Confidence, e.Evidence[1].Confidence)
		}
		if e.Properties["title"] != "Minister" || e.Properties["docIds"] != nil || e.Properties["confidences"] != nil {
			t.Errorf("properties %v", e.Properties)
		}
		ev := e.Evidence[1]
		if ev.Document.ID != relDocB || ev.Document.Title != "Rally in Brussels" || ev.Document.Publisher != "LDH" ||
			ev.Document.Published != "2024-02" || ev.Quote != "Alice, minister" || ev.Start != 5 || ev.End != 15 {
			t.Errorf("evidence %+v", ev)
		}
		for _, n := range g.Nodes {
			if n.ID == "institution:gov" && (n.Kind != "Institution" || n.Label != "Federal Government" || n.Properties["category"] != "government") {
				t.Errorf("node %+v", n)
			}
		}
	})

	t.Run("includeDocuments adds documents and MENTIONED_IN", func(t *testing.T) {
		g, err := db.Neighborhood(ctx, "person:alice", neo4jdb.NeighborhoodOptions{IncludeDocuments: true, ResolveEvidence: true})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := relNodeIDs(g.Nodes), []string{relDocA, "institution:gov", "person:alice"}; !reflect.DeepEqual(got, want) {
			t.Fatalf("nodes %v, want %v", got, want)
		}
		m := relEdgeByID(g.Edges)
		men, ok := m["MENTIONED_IN:person:alice:"+relDocA]
		if !ok || men.Weight() != 2 || men.Evidence[0].Document.Title != "Belgium 2023" {
			t.Fatalf("mention edge %+v", men)
		}
		for _, n := range g.Nodes {
			if n.ID == relDocA {
				if n.Kind != "Document" || n.Label != "Belgium 2023" {
					t.Errorf("document node %+v", n)
				}
				if _, ok := n.Properties["text"]; ok {
					t.Error("document text leaked into the subgraph")
				}
			}
		}
	})

	t.Run("limitPerNode caps a hub, strongest first", func(t *testing.T) {
		g, err := db.Neighborhood(ctx, "state:BEL", neo4jdb.NeighborhoodOptions{LimitPerNode: 5, Ranking: neo4jdb.RankConfidence})
		if err != nil {
			t.Fatal(err)
		}
		if !g.Truncated || len(g.Edges) != 5 || len(g.Nodes) != 6 {
			t.Fatalf("truncated %v, %d edges, %d nodes", g.Truncated, len(g.Edges), len(g.Nodes))
		}
		want := []string{"institution:court", "institution:gov", "institution:police", "place:brussels", "place:p39", "state:BEL"}
		if got := relNodeIDs(g.Nodes); !reflect.DeepEqual(got, want) {
			t.Errorf("kept %v, want %v", got, want)
		}
		full, err := db.Neighborhood(ctx, "state:BEL", neo4jdb.NeighborhoodOptions{LimitPerNode: 100})
		if err != nil {
			t.Fatal(err)
		}
		if full.Truncated || len(full.Edges) != 44 {
			t.Errorf("uncapped: truncated %v, %d edges", full.Truncated, len(full.Edges))
		}
	})

	t.Run("depth 2 reaches co-participants through events", func(t *testing.T) {
		g, err := db.Neighborhood(ctx, "organization:ngo", neo4jdb.NeighborhoodOptions{Depth: 2})
		if err != nil {
			t.Fatal(err)
		}
		ids := relNodeIDs(g.Nodes)
		want := []string{"event:protest", "group:activists", "organization:ngo", "person:bob", "place:brussels"}
		if !reflect.DeepEqual(ids, want) {
			t.Errorf("nodes %v, want %v", ids, want)
		}
		m := relEdgeByID(g.Edges)
		if _, ok := m["INVOLVED_IN:group:activists:event:protest:participant"]; !ok {
			t.Errorf("edges %v lack the participant edge", relKeys(m))
		}
		// Without ResolveEvidence, evidence names its document by id only.
		ev := m["INVOLVED_IN:group:activists:event:protest:participant"].Evidence[0]
		if ev.Document.ID != relDocA || ev.Document.Title != "" || ev.Quote != "activists protested" {
			t.Errorf("evidence %+v", ev)
		}
	})

	t.Run("direction, relTypes and minConfidence filter", func(t *testing.T) {
		out, err := db.Neighborhood(ctx, "institution:police", neo4jdb.NeighborhoodOptions{Direction: neo4jdb.DirectionOut})
		if err != nil {
			t.Fatal(err)
		}
		if got := relNodeIDs(out.Nodes); !reflect.DeepEqual(got, []string{"event:arrest", "institution:police", "state:BEL"}) {
			t.Errorf("OUT: %v", got)
		}
		in, err := db.Neighborhood(ctx, "state:BEL", neo4jdb.NeighborhoodOptions{Direction: neo4jdb.DirectionIn, RelTypes: []string{"part_of"}})
		if err != nil {
			t.Fatal(err)
		}
		if got := relNodeIDs(in.Nodes); !reflect.DeepEqual(got, []string{"institution:court", "institution:gov", "institution:police", "state:BEL"}) {
			t.Errorf("IN PART_OF: %v", got)
		}
		none, err := db.Neighborhood(ctx, "state:BEL", neo4jdb.NeighborhoodOptions{Direction: neo4jdb.DirectionOut})
		if err != nil {
			t.Fatal(err)
		}
		if len(none.Edges) != 0 || len(none.Nodes) != 1 {
			t.Errorf("OUT from BEL: %v", relNodeIDs(none.Nodes))
		}
		conf, err := db.Neighborhood(ctx, "group:activists", neo4jdb.NeighborhoodOptions{MinConfidence: 0.5})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range conf.Edges {
			if e.Confidence < 0.5 {
				t.Errorf("edge %s below minConfidence", e.ID)
			}
		}
		if relEdgeByID(conf.Edges)["INVOLVED_IN:group:activists:event:arrest:participant"].ID == "" {
			t.Error("two roles in one event must be two edges")
		}
		if _, ok := relEdgeByID(conf.Edges)["INVOLVED_IN:group:activists:event:ruling:target"]; ok {
			t.Error("the 0.3 edge passed minConfidence 0.5")
		}
	})

	t.Run("bounds and unknown ids", func(t *testing.T) {
		_, err := db.Neighborhood(ctx, "state:BEL", neo4jdb.NeighborhoodOptions{Depth: 4})
		relCode(t, err, rightsgraph.ELIMIT, "depth", "3")
		_, err = db.Neighborhood(ctx, "state:BEL", neo4jdb.NeighborhoodOptions{Depth: 3, DepthLimit: 2})
		relCode(t, err, rightsgraph.ELIMIT, "depth 3 exceeds the limit of 2")
		_, err = db.Neighborhood(ctx, "state:BEL", neo4jdb.NeighborhoodOptions{LimitPerNode: 101})
		relCode(t, err, rightsgraph.ELIMIT, "limitPerNode", "100")
		_, err = db.Neighborhood(ctx, "state:BEL", neo4jdb.NeighborhoodOptions{Direction: "SIDEWAYS"})
		relCode(t, err, rightsgraph.EINVALID, "direction")
		_, err = db.Neighborhood(ctx, "state:BEL", neo4jdb.NeighborhoodOptions{Ranking: "ALPHABETICAL"})
		relCode(t, err, rightsgraph.EINVALID, "ranking")
		_, err = db.Neighborhood(ctx, "state:BEL", neo4jdb.NeighborhoodOptions{RelTypes: []string{"PART_OF]->(x) DETACH DELETE x //"}})
		relCode(t, err, rightsgraph.EINVALID, "relTypes")
		_, err = db.Neighborhood(ctx, "state:XXX", neo4jdb.NeighborhoodOptions{})
		relCode(t, err, rightsgraph.ENOTFOUND, "state:XXX")
	})
}

func relKeys(m map[string]neo4jdb.GraphEdge) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestPaths(t *testing.T) {
	db := relOpenSeeded(t)
	ctx := context.Background()

	t.Run("k shortest, shortest first, edges keep their direction", func(t *testing.T) {
		ps, err := db.Paths(ctx, "person:bob", "state:BEL", neo4jdb.PathOptions{MaxHops: 6, First: 3, ResolveEvidence: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) != 3 {
			t.Fatalf("%d paths, want 3", len(ps))
		}
		p := ps[0]
		var ids []string
		for _, n := range p.Nodes {
			ids = append(ids, n.ID)
		}
		want := []string{"person:bob", "organization:ngo", "event:protest", "place:brussels", "state:BEL"}
		if p.Length != 4 || !reflect.DeepEqual(ids, want) {
			t.Fatalf("shortest %d %v", p.Length, ids)
		}
		if e := p.Edges[0]; e.Type != "MEMBER_OF" || e.Source != "person:bob" || e.Target != "organization:ngo" ||
			len(e.Evidence) != 1 || e.Evidence[0].Document.Title != "Rally in Brussels" {
			t.Errorf("first edge %+v", e)
		}
		for i := 1; i < len(ps); i++ {
			if ps[i].Length < ps[i-1].Length {
				t.Errorf("path %d shorter than path %d", i, i-1)
			}
			if len(ps[i].Edges) != ps[i].Length || len(ps[i].Nodes) != ps[i].Length+1 {
				t.Errorf("path %d: %d nodes, %d edges, length %d", i, len(ps[i].Nodes), len(ps[i].Edges), ps[i].Length)
			}
		}
		if ps[1].Length != 6 {
			t.Errorf("second shortest has length %d, want 6", ps[1].Length)
		}
	})

	t.Run("ALL_SHORTEST keeps the minimum length only", func(t *testing.T) {
		ps, err := db.Paths(ctx, "person:bob", "state:BEL", neo4jdb.PathOptions{MaxHops: 6, Mode: neo4jdb.PathAllShortest, First: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) != 1 || ps[0].Length != 4 {
			t.Fatalf("got %d paths", len(ps))
		}
		ps, err = db.Paths(ctx, "group:activists", "state:BEL", neo4jdb.PathOptions{Mode: neo4jdb.PathAllShortest})
		if err != nil {
			t.Fatal(err)
		}
		// activists -> protest -> brussels -> BEL, -> arrest(2 roles) -> police -> BEL, -> ruling -> court -> BEL
		if len(ps) != 4 {
			t.Errorf("%d shortest paths of length 3, want 4", len(ps))
		}
		for _, p := range ps {
			if p.Length != 3 {
				t.Errorf("length %d", p.Length)
			}
		}
	})

	t.Run("maxHops, relTypes and documents", func(t *testing.T) {
		ps, err := db.Paths(ctx, "person:bob", "state:BEL", neo4jdb.PathOptions{MaxHops: 3})
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) != 0 {
			t.Errorf("found a path within 3 hops: %+v", ps)
		}
		ps, err = db.Paths(ctx, "person:bob", "state:BEL", neo4jdb.PathOptions{MaxHops: 6, RelTypes: []string{"MEMBER_OF", "INVOLVED_IN", "PART_OF"}})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			for _, e := range p.Edges {
				if e.Type != "MEMBER_OF" && e.Type != "INVOLVED_IN" && e.Type != "PART_OF" {
					t.Errorf("edge type %s outside relTypes", e.Type)
				}
			}
		}
		if len(ps) == 0 {
			t.Error("no path with relTypes")
		}
		ps, err = db.Paths(ctx, "person:carol", "person:dave", neo4jdb.PathOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) != 0 {
			t.Errorf("a path through a document without includeDocuments: %+v", ps)
		}
		ps, err = db.Paths(ctx, "person:carol", "person:dave", neo4jdb.PathOptions{IncludeDocuments: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) != 1 || ps[0].Length != 2 || ps[0].Nodes[1].ID != relDocB {
			t.Errorf("through the document: %+v", ps)
		}
	})

	t.Run("bounds and unknown ids", func(t *testing.T) {
		_, err := db.Paths(ctx, "person:bob", "state:BEL", neo4jdb.PathOptions{MaxHops: 7})
		relCode(t, err, rightsgraph.ELIMIT, "maxHops", "6")
		_, err = db.Paths(ctx, "person:bob", "state:BEL", neo4jdb.PathOptions{MaxHops: 5, HopLimit: 4})
		relCode(t, err, rightsgraph.ELIMIT, "maxHops 5 exceeds the limit of 4")
		_, err = db.Paths(ctx, "person:bob", "state:BEL", neo4jdb.PathOptions{First: 11})
		relCode(t, err, rightsgraph.ELIMIT, "first", "10")
		_, err = db.Paths(ctx, "person:bob", "state:XXX", neo4jdb.PathOptions{})
		relCode(t, err, rightsgraph.ENOTFOUND, "state:XXX")
		_, err = db.Paths(ctx, "", "state:BEL", neo4jdb.PathOptions{})
		relCode(t, err, rightsgraph.EINVALID, "from")
		ps, err := db.Paths(ctx, "person:bob", "person:bob", neo4jdb.PathOptions{})
		if err != nil || len(ps) != 1 || ps[0].Length != 0 || ps[0].Nodes[0].ID != "person:bob" {
			t.Errorf("same endpoints: %+v %v", ps, err)
		}
	})
}

func TestConnections(t *testing.T) {
	db := relOpenSeeded(t)
	ctx := context.Background()

	g, err := db.Connections(ctx, []string{"person:bob", "institution:police", "person:alice"}, neo4jdb.PathOptions{MaxHops: 0, ResolveEvidence: true})
	if err != nil {
		t.Fatal(err)
	}
	ids := relNodeIDs(g.Nodes)
	for _, want := range []string{"person:bob", "institution:police", "person:alice"} {
		if i := sort.SearchStrings(ids, want); i == len(ids) || ids[i] != want {
			t.Errorf("%s missing from %v", want, ids)
		}
	}
	// bob..police needs 5 hops and bob..alice 6: beyond the default 3, so
	// only police-gov..alice (3 hops) links.
	if !g.Truncated {
		t.Error("pairs without a path within 3 hops must mark the subgraph truncated")
	}
	m := relEdgeByID(g.Edges)
	if _, ok := m["HOLDS_POSITION:person:alice:institution:gov"]; !ok {
		t.Errorf("alice-police path missing: %v", relKeys(m))
	}

	g, err = db.Connections(ctx, []string{"person:bob", "institution:police", "person:alice", "person:bob"}, neo4jdb.PathOptions{MaxHops: 4, ResolveEvidence: true})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, e := range g.Edges {
		seen[e.ID]++
	}
	for id, n := range seen {
		if n > 1 {
			t.Errorf("edge %s appears %d times", id, n)
		}
	}
	seenN := map[string]int{}
	for _, n := range g.Nodes {
		seenN[n.ID]++
		if seenN[n.ID] > 1 {
			t.Errorf("node %s repeated", n.ID)
		}
	}

	many := make([]string, neo4jdb.MaxConnectionIDs+1)
	for i := range many {
		many[i] = fmt.Sprintf("place:p%02d", i)
	}
	_, err = db.Connections(ctx, many, neo4jdb.PathOptions{MaxHops: 2, ResolveEvidence: true})
	relCode(t, err, rightsgraph.ELIMIT, "ids", "10")
	_, err = db.Connections(ctx, []string{"person:bob", "state:BEL"}, neo4jdb.PathOptions{MaxHops: 5, ResolveEvidence: true})
	relCode(t, err, rightsgraph.ELIMIT, "maxHops", "4")
	_, err = db.Connections(ctx, []string{"person:bob", "person:nobody", "state:NOPE"}, neo4jdb.PathOptions{MaxHops: 2, ResolveEvidence: true})
	relCode(t, err, rightsgraph.ENOTFOUND, "person:nobody", "state:NOPE")
}

func TestTimeline(t *testing.T) {
	db := relOpenSeeded(t)
	ctx := context.Background()
	ids := func(es []neo4jdb.TimelineEntry) []string {
		var out []string
		for _, e := range es {
			out = append(out, e.EventID)
		}
		return out
	}

	all, err := db.Timeline(ctx, "group:activists", neo4jdb.TimelineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"event:old", "event:ruling", "event:arrest", "event:protest", "event:statement"}
	if got := ids(all); !reflect.DeepEqual(got, want) {
		t.Fatalf("order %v, want %v", got, want)
	}
	prec := []neo4jdb.DatePrecision{neo4jdb.PrecisionMonth, neo4jdb.PrecisionYear, neo4jdb.PrecisionMonth, neo4jdb.PrecisionDay, ""}
	for i, e := range all {
		if e.DatePrecision != prec[i] {
			t.Errorf("%s precision %q, want %q", e.EventID, e.DatePrecision, prec[i])
		}
	}
	arrest := all[2]
	if !reflect.DeepEqual(arrest.Roles, []string{"participant", "target"}) || arrest.Type != "ARREST" ||
		arrest.Count == nil || *arrest.Count != 12 {
		t.Errorf("arrest %+v", arrest)
	}
	if all[3].PlaceID != "place:brussels" || all[3].PlaceName != "Brussels" {
		t.Errorf("protest place %q %q", all[3].PlaceID, all[3].PlaceName)
	}

	cases := []struct {
		name string
		opt  neo4jdb.TimelineOptions
		want []string
	}{
		{"a year overlaps a month range", neo4jdb.TimelineOptions{From: "2023-04", To: "2023-05"}, []string{"event:ruling", "event:arrest", "event:protest"}},
		{"a day range inside the month", neo4jdb.TimelineOptions{From: "2023-04-15", To: "2023-04-15"}, []string{"event:ruling", "event:arrest", "event:protest"}},
		{"a later month excludes the day", neo4jdb.TimelineOptions{From: "2023-05"}, []string{"event:ruling"}},
		{"up to 2022 keeps December 2022", neo4jdb.TimelineOptions{To: "2022"}, []string{"event:old"}},
		{"from 2023-01 drops 2022-12", neo4jdb.TimelineOptions{From: "2023-01", To: "2023-03"}, []string{"event:ruling"}},
		{"types", neo4jdb.TimelineOptions{Types: []string{"ARREST", "statement"}}, []string{"event:arrest", "event:statement"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := db.Timeline(ctx, "group:activists", c.opt)
			if err != nil {
				t.Fatal(err)
			}
			if g := ids(got); !reflect.DeepEqual(g, c.want) {
				t.Errorf("got %v, want %v", g, c.want)
			}
		})
	}

	none, err := db.Timeline(ctx, "person:carol", neo4jdb.TimelineOptions{})
	if err != nil || len(none) != 0 {
		t.Errorf("actor without events: %v %v", none, err)
	}
	_, err = db.Timeline(ctx, "person:nobody", neo4jdb.TimelineOptions{})
	relCode(t, err, rightsgraph.ENOTFOUND, "person:nobody")
	two, err := db.Timeline(ctx, "group:activists", neo4jdb.TimelineOptions{First: 2})
	if err != nil || !reflect.DeepEqual(ids(two), want[:2]) {
		t.Errorf("first 2: %v %v", ids(two), err)
	}
	_, err = db.Timeline(ctx, "group:activists", neo4jdb.TimelineOptions{First: 1001})
	relCode(t, err, rightsgraph.ELIMIT, "first 1001 exceeds the limit of 1000")
	_, err = db.Timeline(ctx, "group:activists", neo4jdb.TimelineOptions{From: "April 2023"})
	relCode(t, err, rightsgraph.EINVALID, "from")
	_, err = db.Timeline(ctx, "group:activists", neo4jdb.TimelineOptions{From: "2024", To: "2023"})
	relCode(t, err, rightsgraph.EINVALID, "after")
}

func TestPrecisionOf(t *testing.T) {
	for in, want := range map[string]neo4jdb.DatePrecision{
		"2023": neo4jdb.PrecisionYear, "2023-04": neo4jdb.PrecisionMonth, "2023-04-15": neo4jdb.PrecisionDay,
		"": "", "2023-13": "", "23": "", "2023-04-15T10:00": "",
	} {
		if got := neo4jdb.PrecisionOf(in); got != want {
			t.Errorf("PrecisionOf(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRelationQueriesRegistered checks that every relationship statement is
// in the registry that TestReadQueriesExplain plans, and that none of them is
// excused from the no-label-scan rule: each one seeks the id index.
func TestRelationQueriesRegistered(t *testing.T) {
	n := 0
	for _, q := range neo4jdb.ReadQueries() {
		if !strings.HasPrefix(q.Name, "relations.") {
			continue
		}
		n++
		if q.ScanOK != "" {
			t.Errorf("%s may scan (%s); relationship reads must seek the id index", q.Name, q.ScanOK)
		}
	}
	// 6 fixed statements (expand, seed, seedDocument, documents, timeline, induced) + 6 hop bounds x (10 SHORTEST k + ALL SHORTEST) + 4 connection bounds.
	if want := 6 + 6*11 + 4; n != want {
		t.Errorf("%d relationship statements registered, want %d", n, want)
	}
}

// TestRelationsOnTheCorpus loads the reference data, the example corpus and
// the sample documents with the real loader, then checks what the relationship
// reads return on real extractions: every edge joins nodes of its subgraph,
// edge ids are unique, every quote is the document's text at its span, paths
// are connected chains, and timelines are in date order.
func TestRelationsOnTheCorpus(t *testing.T) {
	seeds := os.Getenv("RIGHTSGRAPH_SEEDS")
	if seeds == "" {
		seeds = "../../shared/corpus/seeds"
	}
	paths := []string{"../reference"}
	for _, p := range []string{"../examples/corpus", seeds} {
		if _, err := os.Stat(p); err == nil {
			paths = append(paths, p)
		}
	}
	if len(paths) == 1 {
		t.Skip("neither examples/corpus nor the sample corpus is here (set RIGHTSGRAPH_SEEDS)")
	}
	db := neo4jtest.Open(t)
	ctx := context.Background()
	x, err := loader.NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	sum, err := (&loader.Loader{DB: db, Extractor: x, Workers: 2, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}).Load(ctx, paths)
	if err != nil || sum.Failed != 0 {
		t.Fatalf("load %v: %v %+v", paths, err, sum)
	}

	// The best-connected actors and the actor in most events.
	res, err := neo4j.ExecuteQuery(ctx, neo4jtest.Driver(db), `MATCH (a:Actor) WITH a, COUNT { (a)--() } AS deg
		RETURN a.id ORDER BY deg DESC, a.id LIMIT 3`, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db.Database()))
	if err != nil || len(res.Records) < 2 {
		t.Fatalf("top actors: %v (%d)", err, len(res.Records))
	}
	var top []string
	for _, r := range res.Records {
		top = append(top, r.Values[0].(string))
	}
	res, err = neo4j.ExecuteQuery(ctx, neo4jtest.Driver(db), `MATCH (a:Actor)-[:INVOLVED_IN]->(e:Event) WITH a, count(DISTINCT e) AS n
		RETURN a.id, n ORDER BY n DESC, a.id LIMIT 1`, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db.Database()))
	if err != nil || len(res.Records) != 1 {
		t.Fatalf("busiest actor: %v", err)
	}
	busiest, busiestN := res.Records[0].Values[0].(string), res.Records[0].Values[1].(int64)

	texts := map[string]string{}
	checkEvidence := func(t *testing.T, edges []neo4jdb.GraphEdge) {
		t.Helper()
		var ids []string
		for _, e := range edges {
			for _, ev := range e.Evidence {
				if _, ok := texts[ev.Document.ID]; !ok {
					ids = append(ids, ev.Document.ID)
				}
			}
		}
		if len(ids) > 0 {
			got, err := db.DocumentTexts(ctx, ids)
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range got {
				texts[k] = v
			}
		}
		for _, e := range edges {
			if len(e.Evidence) == 0 {
				t.Errorf("%s has no evidence", e.ID)
			}
			for _, ev := range e.Evidence {
				text, ok := texts[ev.Document.ID]
				if !ok {
					t.Errorf("%s: evidence document %s not loaded", e.ID, ev.Document.ID)
					continue
				}
				if ev.Start < 0 || ev.End > len(text) || ev.Start > ev.End {
					t.Errorf("%s: span %d-%d outside the document (%d bytes)", e.ID, ev.Start, ev.End, len(text))
					continue
				}
				if ev.Quote != "" && text[ev.Start:ev.End] != ev.Quote {
					t.Errorf("%s: quote %q is not the text at %d-%d: %q", e.ID, ev.Quote, ev.Start, ev.End, text[ev.Start:ev.End])
				}
			}
		}
	}
	checkSubgraph := func(t *testing.T, g *neo4jdb.Subgraph) {
		t.Helper()
		nodes := map[string]bool{}
		for _, n := range g.Nodes {
			if nodes[n.ID] {
				t.Errorf("node %s twice", n.ID)
			}
			nodes[n.ID] = true
			if n.Kind == "" || n.Label == "" {
				t.Errorf("node %+v without kind or label", n)
			}
		}
		edges := map[string]bool{}
		for _, e := range g.Edges {
			if edges[e.ID] {
				t.Errorf("edge %s twice", e.ID)
			}
			edges[e.ID] = true
			if !nodes[e.Source] || !nodes[e.Target] {
				t.Errorf("edge %s joins a node outside the subgraph", e.ID)
			}
		}
		checkEvidence(t, g.Edges)
	}

	t.Run("neighborhood of "+top[0], func(t *testing.T) {
		g, err := db.Neighborhood(ctx, top[0], neo4jdb.NeighborhoodOptions{Depth: 2, ResolveEvidence: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(g.Edges) == 0 {
			t.Fatal("the best-connected actor has no edges")
		}
		checkSubgraph(t, g)
		for _, e := range g.Edges {
			for _, ev := range e.Evidence {
				if ev.Document.Source == "" {
					t.Errorf("%s: evidence document %s not resolved", e.ID, ev.Document.ID)
				}
			}
		}
	})
	t.Run("paths", func(t *testing.T) {
		ps, err := db.Paths(ctx, top[0], top[1], neo4jdb.PathOptions{MaxHops: 6, First: 5})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			if p.Nodes[0].ID != top[0] || p.Nodes[len(p.Nodes)-1].ID != top[1] {
				t.Errorf("path from %s to %s", p.Nodes[0].ID, p.Nodes[len(p.Nodes)-1].ID)
			}
			for i, e := range p.Edges {
				a, b := p.Nodes[i].ID, p.Nodes[i+1].ID
				if !(e.Source == a && e.Target == b) && !(e.Source == b && e.Target == a) {
					t.Errorf("edge %d (%s) does not join %s and %s", i, e.ID, a, b)
				}
			}
			checkEvidence(t, p.Edges)
		}
	})
	t.Run("connections", func(t *testing.T) {
		g, err := db.Connections(ctx, top, neo4jdb.PathOptions{MaxHops: 4})
		if err != nil {
			t.Fatal(err)
		}
		checkSubgraph(t, g)
	})
	t.Run("timeline of "+busiest, func(t *testing.T) {
		es, err := db.Timeline(ctx, busiest, neo4jdb.TimelineOptions{First: 1000})
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(es)) != busiestN {
			t.Errorf("%d events, Neo4j counts %d", len(es), busiestN)
		}
		for i := 1; i < len(es); i++ {
			if neo4jdb.TimelineLess(es[i], es[i-1]) {
				t.Errorf("%s (%s) after %s (%s)", es[i].EventID, es[i].Date, es[i-1].EventID, es[i-1].Date)
			}
		}
		for _, e := range es {
			if e.Date != "" && e.DatePrecision == "" {
				t.Errorf("%s: date %q is not an ISO prefix", e.EventID, e.Date)
			}
			if len(e.Roles) == 0 {
				t.Errorf("%s: no role", e.EventID)
			}
		}
	})
}
