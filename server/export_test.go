package server_test

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
	"github.com/rightsgraph/rightsgraph/server"
)

var (
	expDocA = strings.Repeat("1", 64)
	expDocB = strings.Repeat("2", 64)
)

// expSubgraph is a hand-built subgraph with awkward text (markup characters,
// quotes, commas, newlines) to check escaping in every format.
func expSubgraph() *neo4jdb.Subgraph {
	docA := neo4jdb.EvidenceDocument{ID: expDocA, Title: `Belgium 2023 <annual> & "report"`, Source: "https://example.org/be-2023",
		Publisher: "Amnesty International", Published: "2024"}
	docB := neo4jdb.EvidenceDocument{ID: expDocB, Title: "Rally, Brussels", Source: "seeds/rally.txt", Publisher: "LDH", Published: "2024-02"}
	return &neo4jdb.Subgraph{
		Truncated: true,
		Nodes: []neo4jdb.GraphNode{
			{ID: "person:alice", Kind: "Person", Label: "Alice <Minister>", Labels: []string{"Actor", "Entity", "Person"},
				Properties: map[string]any{"id": "person:alice", "kind": "Person", "name": "Alice <Minister>", "aliases": []any{"A. M.", "Alice"}}},
			{ID: "institution:gov", Kind: "Institution", Label: "Federal Government", Labels: []string{"Actor", "Entity", "Institution"},
				Properties: map[string]any{"id": "institution:gov", "kind": "Institution", "name": "Federal Government", "category": "government", "reference": true}},
			{ID: "state:BEL", Kind: "State", Label: "Belgium", Labels: []string{"Actor", "Entity", "State"},
				Properties: map[string]any{"id": "state:BEL", "kind": "State", "name": "Belgium", "iso3": "BEL", "iso2": "BE"}},
			{ID: "organization:ngo", Kind: "Organization", Label: "Climate Now", Labels: []string{"Actor", "Entity", "Organization"},
				Properties: map[string]any{"id": "organization:ngo", "kind": "Organization", "name": "Climate Now", "category": "ngo"}},
			{ID: "event:protest", Kind: "Event", Label: "Climate activists protested", Labels: []string{"Entity", "Event", "Protest"},
				Properties: map[string]any{"id": "event:protest", "kind": "Event", "type": "PROTEST", "date": "2023-04-15", "count": int64(300)}},
			{ID: "right:assembly", Kind: "Right", Label: "freedom of assembly", Labels: []string{"Entity", "Right"},
				Properties: map[string]any{"id": "right:assembly", "kind": "Right", "name": "freedom of assembly"}},
			{ID: "place:brussels", Kind: "Place", Label: "Brussels", Labels: []string{"Entity", "Place"},
				Properties: map[string]any{"id": "place:brussels", "kind": "Place", "name": "Brussels"}},
		},
		Edges: []neo4jdb.GraphEdge{
			{ID: "HOLDS_POSITION:person:alice:institution:gov", Type: "HOLDS_POSITION", Source: "person:alice", Target: "institution:gov",
				Confidence: 0.8, Properties: map[string]any{"title": "Minister of \"Justice\"", "from": "2020"},
				Evidence: []neo4jdb.EdgeEvidence{
					{Document: docA, Quote: "Minister <Alice> & co", Start: 70, End: 80},
					{Document: docB, Quote: "Alice, minister,\nsaid", Start: 5, End: 15},
				}},
			{ID: "PART_OF:institution:gov:state:BEL", Type: "PART_OF", Source: "institution:gov", Target: "state:BEL", Confidence: 0.9,
				Properties: map[string]any{}, Evidence: []neo4jdb.EdgeEvidence{{Document: docA, Quote: "the government", Start: 1, End: 9}}},
			{ID: "MEMBER_OF:person:alice:organization:ngo", Type: "MEMBER_OF", Source: "person:alice", Target: "organization:ngo", Confidence: 0.6,
				Properties: map[string]any{}, Evidence: []neo4jdb.EdgeEvidence{{Document: docB, Quote: "member of Climate Now", Start: 20, End: 40}}},
			{ID: "INVOLVED_IN:organization:ngo:event:protest:organizer", Type: "INVOLVED_IN", Source: "organization:ngo", Target: "event:protest",
				Confidence: 0.9, Properties: map[string]any{"role": "organizer"},
				Evidence: []neo4jdb.EdgeEvidence{{Document: docA, Quote: "organised by Climate Now", Start: 200, End: 230}}},
			{ID: "OCCURRED_IN:event:protest:place:brussels", Type: "OCCURRED_IN", Source: "event:protest", Target: "place:brussels",
				Confidence: 0.9, Properties: map[string]any{}, Evidence: []neo4jdb.EdgeEvidence{{Document: docA, Quote: "in Brussels", Start: 231, End: 242}}},
			{ID: "ALLEGES_VIOLATION_OF:event:protest:right:assembly", Type: "ALLEGES_VIOLATION_OF", Source: "event:protest", Target: "right:assembly",
				Confidence: 0.7, Properties: map[string]any{}, Evidence: []neo4jdb.EdgeEvidence{{Document: docA, Quote: "violated", Start: 300, End: 308}}},
		},
	}
}

// ---- GraphML

type gmlDoc struct {
	XMLName xml.Name `xml:"http://graphml.graphdrawing.org/xmlns graphml"`
	Keys    []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graph struct {
		EdgeDefault string    `xml:"edgedefault,attr"`
		Data        []gmlData `xml:"data"`
		Nodes       []struct {
			ID   string    `xml:"id,attr"`
			Data []gmlData `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			ID     string    `xml:"id,attr"`
			Source string    `xml:"source,attr"`
			Target string    `xml:"target,attr"`
			Data   []gmlData `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

type gmlData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

// gmlAttrs resolves data keys to attribute names.
func expGmlAttrs(t *testing.T, d *gmlDoc, data []gmlData, forWhat string) map[string]string {
	t.Helper()
	names := map[string]string{}
	for _, k := range d.Keys {
		if k.For == forWhat {
			names[k.ID] = k.Name
		}
	}
	out := map[string]string{}
	for _, x := range data {
		if _, dup := out[names[x.Key]]; dup {
			t.Errorf("attribute %q written twice", names[x.Key])
		}
		name, ok := names[x.Key]
		if !ok {
			t.Errorf("data key %q has no <key for=%q>", x.Key, forWhat)
		}
		out[name] = x.Value
	}
	return out
}

func expParseGraphML(t *testing.T, b []byte) *gmlDoc {
	t.Helper()
	var d gmlDoc
	if err := xml.Unmarshal(b, &d); err != nil {
		t.Fatalf("GraphML does not parse: %v\n%s", err, b)
	}
	return &d
}

func TestWriteGraphML(t *testing.T) {
	g := expSubgraph()
	var buf bytes.Buffer
	if err := server.WriteGraphML(&buf, g); err != nil {
		t.Fatal(err)
	}
	d := expParseGraphML(t, buf.Bytes())
	if d.Graph.EdgeDefault != "directed" || len(d.Graph.Nodes) != len(g.Nodes) || len(d.Graph.Edges) != len(g.Edges) {
		t.Fatalf("%d nodes, %d edges", len(d.Graph.Nodes), len(d.Graph.Edges))
	}
	if a := expGmlAttrs(t, d, d.Graph.Data, "graph"); a["truncated"] != "true" {
		t.Errorf("graph data %v", a)
	}
	alice := expGmlAttrs(t, d, d.Graph.Nodes[0].Data, "node")
	if d.Graph.Nodes[0].ID != "person:alice" || alice["label"] != "Alice <Minister>" || alice["kind"] != "Person" ||
		alice["aliases"] != `["A. M.","Alice"]` {
		t.Errorf("alice %v", alice)
	}
	gov := expGmlAttrs(t, d, d.Graph.Nodes[1].Data, "node")
	if gov["category"] != "government" || gov["reference"] != "true" {
		t.Errorf("gov %v", gov)
	}
	for _, k := range d.Keys {
		if k.Name == "reference" && k.Type != "boolean" || k.Name == "count" && k.Type != "long" {
			t.Errorf("key %+v has the wrong type", k)
		}
	}
	e := d.Graph.Edges[0]
	ea := expGmlAttrs(t, d, e.Data, "edge")
	if e.ID != "HOLDS_POSITION:person:alice:institution:gov" || e.Source != "person:alice" || e.Target != "institution:gov" {
		t.Errorf("edge %+v", e)
	}
	if ea["type"] != "HOLDS_POSITION" || ea["weight"] != "2" || ea["confidence"] != "0.8" || ea["title"] != `Minister of "Justice"` {
		t.Errorf("edge attributes %v", ea)
	}
	if !strings.Contains(ea["quotes"], "Minister <Alice> & co") || !strings.Contains(ea["documents"], `Belgium 2023 <annual> & "report"`) {
		t.Errorf("evidence attributes %v", ea)
	}
	var evs []map[string]any
	if err := json.Unmarshal([]byte(ea["evidence"]), &evs); err != nil || len(evs) != 2 {
		t.Fatalf("evidence JSON %q: %v", ea["evidence"], err)
	}
	if evs[1]["document"] != expDocB || evs[1]["quote"] != "Alice, minister,\nsaid" || evs[1]["start"] != 5.0 || evs[1]["publisher"] != "LDH" {
		t.Errorf("evidence %v", evs[1])
	}
}

// ---- GEXF

type gexfParsed struct {
	XMLName xml.Name `xml:"http://gexf.net/1.3 gexf"`
	Version string   `xml:"version,attr"`
	Graph   struct {
		DefaultEdgeType string `xml:"defaultedgetype,attr"`
		Attributes      []struct {
			Class string `xml:"class,attr"`
			Attrs []struct {
				ID    string `xml:"id,attr"`
				Title string `xml:"title,attr"`
				Type  string `xml:"type,attr"`
			} `xml:"attribute"`
		} `xml:"attributes"`
		Nodes []struct {
			ID     string `xml:"id,attr"`
			Label  string `xml:"label,attr"`
			Values []struct {
				For   string `xml:"for,attr"`
				Value string `xml:"value,attr"`
			} `xml:"attvalues>attvalue"`
		} `xml:"nodes>node"`
		Edges []struct {
			ID     string `xml:"id,attr"`
			Source string `xml:"source,attr"`
			Target string `xml:"target,attr"`
			Label  string `xml:"label,attr"`
			Weight string `xml:"weight,attr"`
			Values []struct {
				For   string `xml:"for,attr"`
				Value string `xml:"value,attr"`
			} `xml:"attvalues>attvalue"`
		} `xml:"edges>edge"`
	} `xml:"graph"`
}

func TestWriteGEXF(t *testing.T) {
	g := expSubgraph()
	var buf bytes.Buffer
	if err := server.WriteGEXF(&buf, g); err != nil {
		t.Fatal(err)
	}
	var d gexfParsed
	if err := xml.Unmarshal(buf.Bytes(), &d); err != nil {
		t.Fatalf("GEXF does not parse: %v\n%s", err, buf.Bytes())
	}
	if d.Version != "1.3" || d.Graph.DefaultEdgeType != "directed" || len(d.Graph.Nodes) != len(g.Nodes) || len(d.Graph.Edges) != len(g.Edges) {
		t.Fatalf("version %q, %d nodes, %d edges", d.Version, len(d.Graph.Nodes), len(d.Graph.Edges))
	}
	titles := map[string]map[string]string{}
	for _, a := range d.Graph.Attributes {
		titles[a.Class] = map[string]string{}
		for _, x := range a.Attrs {
			titles[a.Class][x.ID] = x.Title
		}
	}
	n := d.Graph.Nodes[2]
	seenTitle := map[string]bool{}
	for _, a := range d.Graph.Attributes {
		for _, x := range a.Attrs {
			if seenTitle[a.Class+x.Title] {
				t.Errorf("%s attribute %q declared twice", a.Class, x.Title)
			}
			seenTitle[a.Class+x.Title] = true
		}
	}
	vals := map[string]string{}
	for _, v := range n.Values {
		title, ok := titles["node"][v.For]
		if !ok {
			t.Errorf("attvalue for %q not declared", v.For)
		}
		vals[title] = v.Value
	}
	if n.ID != "state:BEL" || n.Label != "Belgium" || vals["kind"] != "State" || vals["iso3"] != "BEL" {
		t.Errorf("node %s %q %v", n.ID, n.Label, vals)
	}
	e := d.Graph.Edges[0]
	evals := map[string]string{}
	for _, v := range e.Values {
		evals[titles["edge"][v.For]] = v.Value
	}
	if e.Label != "HOLDS_POSITION" || e.Weight != "2" || evals["confidence"] != "0.8" || evals["title"] != `Minister of "Justice"` ||
		!strings.Contains(evals["quotes"], "Alice, minister,\nsaid") {
		t.Errorf("edge %+v %v", e, evals)
	}
	var evs []map[string]any
	if err := json.Unmarshal([]byte(evals["evidence"]), &evs); err != nil || len(evs) != 2 || evs[0]["title"] != `Belgium 2023 <annual> & "report"` {
		t.Errorf("evidence %q: %v", evals["evidence"], err)
	}
}

// ---- CSV

func expReadZipCSV(t *testing.T, b []byte) map[string][][]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	out := map[string][][]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(rc).ReadAll()
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		out[f.Name] = rows
	}
	return out
}

func expCsvRecords(rows [][]string) []map[string]string {
	var out []map[string]string
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

func TestWriteCSVZip(t *testing.T) {
	var buf bytes.Buffer
	if err := server.WriteCSVZip(&buf, expSubgraph()); err != nil {
		t.Fatal(err)
	}
	files := expReadZipCSV(t, buf.Bytes())
	for _, name := range []string{"nodes-person.csv", "nodes-institution.csv", "nodes-state.csv", "nodes-organization.csv",
		"nodes-event.csv", "nodes-right.csv", "nodes-place.csv", "edges.csv"} {
		if _, ok := files[name]; !ok {
			t.Errorf("%s missing from %v", name, expKeys(files))
		}
	}
	states := expCsvRecords(files["nodes-state.csv"])
	if len(states) != 1 || states[0]["id"] != "state:BEL" || states[0]["iso2"] != "BE" || states[0]["label"] != "Belgium" {
		t.Errorf("states %v", states)
	}
	if _, ok := expCsvRecords(files["nodes-person.csv"])[0]["iso2"]; ok {
		t.Error("a person table has the state's columns")
	}
	events := expCsvRecords(files["nodes-event.csv"])
	if events[0]["count"] != "300" || events[0]["date"] != "2023-04-15" {
		t.Errorf("events %v", events)
	}
	edges := expCsvRecords(files["edges.csv"])
	if len(edges) != 6 {
		t.Fatalf("%d edges", len(edges))
	}
	e := edges[0]
	if e["id"] != "HOLDS_POSITION:person:alice:institution:gov" || e["source"] != "person:alice" || e["weight"] != "2" ||
		e["title"] != `Minister of "Justice"` || !strings.Contains(e["quotes"], "Alice, minister,\nsaid") {
		t.Errorf("edge %v", e)
	}
	var evs []map[string]any
	if err := json.Unmarshal([]byte(e["evidence"]), &evs); err != nil || len(evs) != 2 || evs[1]["published"] != "2024-02" {
		t.Errorf("evidence %q: %v", e["evidence"], err)
	}
	if edges[3]["role"] != "organizer" {
		t.Errorf("INVOLVED_IN role column: %v", edges[3])
	}
}

func expKeys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// ---- FollowTheMoney

func expReadFtM(t *testing.T, r io.Reader) map[string]server.FtMEntity {
	t.Helper()
	out := map[string]server.FtMEntity{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var e server.FtMEntity
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		if e.ID == "" || e.Schema == "" {
			t.Errorf("entity without id or schema: %s", sc.Text())
		}
		if _, dup := out[e.ID]; dup {
			t.Errorf("entity %s written twice", e.ID)
		}
		out[e.ID] = e
	}
	return out
}

func TestWriteFtM(t *testing.T) {
	var buf bytes.Buffer
	if err := server.WriteFtM(&buf, expSubgraph()); err != nil {
		t.Fatal(err)
	}
	ents := expReadFtM(t, &buf)
	schemas := map[string]string{"person:alice": "Person", "institution:gov": "PublicBody", "state:BEL": "PublicBody",
		"organization:ngo": "Organization", "event:protest": "Event", "place:brussels": "Address", expDocA: "Document", expDocB: "Document",
		"HOLDS_POSITION:person:alice:institution:gov": "Directorship", "MEMBER_OF:person:alice:organization:ngo": "Membership",
		"PART_OF:institution:gov:state:BEL": "UnknownLink", "INVOLVED_IN:organization:ngo:event:protest:organizer": "UnknownLink"}
	for id, want := range schemas {
		if got := ents[id].Schema; got != want {
			t.Errorf("%s: schema %q, want %q", id, got, want)
		}
	}
	if _, ok := ents["right:assembly"]; ok {
		t.Error("a right has no FtM schema and must be left out")
	}
	if _, ok := ents["ALLEGES_VIOLATION_OF:event:protest:right:assembly"]; ok {
		t.Error("an edge to a left-out node was written")
	}
	bel := ents["state:BEL"].Properties
	if bel["country"][0] != "be" || bel["name"][0] != "Belgium" {
		t.Errorf("state %v", bel)
	}
	alice := ents["person:alice"].Properties
	if !expContains(alice["alias"], "A. M.") || !expContains(alice["proof"], expDocA) || !expContains(alice["proof"], expDocB) {
		t.Errorf("alice %v", alice)
	}
	dir := ents["HOLDS_POSITION:person:alice:institution:gov"].Properties
	if dir["director"][0] != "person:alice" || dir["organization"][0] != "institution:gov" || dir["role"][0] != `Minister of "Justice"` ||
		dir["startDate"][0] != "2020" || dir["sourceUrl"][0] != "https://example.org/be-2023" ||
		!strings.Contains(dir["summary"][0], "Minister <Alice> & co") || !strings.Contains(dir["description"][0], "bytes 5-15") ||
		!expContains(dir["publisher"], "LDH") {
		t.Errorf("directorship %v", dir)
	}
	mem := ents["MEMBER_OF:person:alice:organization:ngo"].Properties
	if mem["member"][0] != "person:alice" || mem["organization"][0] != "organization:ngo" {
		t.Errorf("membership %v", mem)
	}
	ev := ents["event:protest"].Properties
	if ev["date"][0] != "2023-04-15" || !expContains(ev["involved"], "organization:ngo") || !expContains(ev["organizer"], "organization:ngo") ||
		!expContains(ev["location"], "Brussels") {
		t.Errorf("event %v", ev)
	}
	doc := ents[expDocA].Properties
	if doc["title"][0] != `Belgium 2023 <annual> & "report"` || doc["fileName"][0] != "be-2023" || doc["publishedAt"][0] != "2024" {
		t.Errorf("document %v", doc)
	}
	// Every entity reference points at an entity in the file.
	for _, e := range ents {
		for _, prop := range []string{"director", "organization", "member", "subject", "object", "involved", "organizer", "proof"} {
			for _, ref := range e.Properties[prop] {
				if _, ok := ents[ref]; !ok {
					t.Errorf("%s.%s points at %s, which is not in the file", e.ID, prop, ref)
				}
			}
		}
	}
}

func expContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ---- the handler against a real Neo4j

func expSeed(t *testing.T, db *neo4jdb.DB) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	run := func(q string, params map[string]any) {
		t.Helper()
		if _, err := neo4j.ExecuteQuery(ctx, neo4jtest.Driver(db), q, params, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(db.Database())); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	run(`UNWIND $docs AS d CREATE (x:Document) SET x = d`, map[string]any{"docs": []map[string]any{
		{"id": expDocA, "title": "Belgium 2023", "source": "https://example.org/be-2023", "publisher": "Amnesty International", "published": "2024", "text": "secret full text"},
		{"id": expDocB, "title": "Rally", "source": "seeds/rally.txt", "publisher": "LDH", "published": "2024-02", "text": "more text"},
	}})
	run(`UNWIND $rows AS r CREATE (n:Entity:Actor:Person) SET n = r`, map[string]any{"rows": []map[string]any{
		{"id": "person:alice", "kind": "Person", "name": "Alice Minister", "aliases": []string{"Alice"}},
		{"id": "person:bob", "kind": "Person", "name": "Bob"},
	}})
	run(`CREATE (n:Entity:Actor:Institution {id: 'institution:gov', kind: 'Institution', name: 'Federal Government', category: 'government'})`, nil)
	run(`CREATE (n:Entity:Actor:State {id: 'state:BEL', kind: 'State', name: 'Belgium', iso3: 'BEL', iso2: 'BE'})`, nil)
	run(`CREATE (n:Entity:Actor:Organization {id: 'organization:ngo', kind: 'Organization', name: 'Climate Now'})`, nil)
	run(`CREATE (n:Entity:Event:Protest {id: 'event:protest', kind: 'Event', name: 'Protest', type: 'PROTEST', date: '2023-04-15'})`, nil)
	rel := func(typ, from, to string, props map[string]any) {
		t.Helper()
		// typ comes from this test's constants only.
		run(`MATCH (a:Entity {id: $from}) MATCH (b:Entity {id: $to}) CREATE (a)-[r:`+typ+`]->(b) SET r = $props`,
			map[string]any{"from": from, "to": to, "props": props})
	}
	ev := func(conf float64, doc string, start, end int, quote string) map[string]any {
		return map[string]any{"confidence": conf, "docIds": []string{doc}, "starts": []int64{int64(start)}, "ends": []int64{int64(end)}, "quotes": []string{quote}}
	}
	p := ev(0.8, expDocA, 70, 80, "Minister Alice")
	p["title"] = "Minister"
	rel("HOLDS_POSITION", "person:alice", "institution:gov", p)
	rel("PART_OF", "institution:gov", "state:BEL", ev(0.9, expDocA, 1, 9, "the government"))
	rel("MEMBER_OF", "person:bob", "organization:ngo", ev(0.7, expDocB, 10, 20, "Bob of Climate Now"))
	p = ev(0.9, expDocA, 200, 230, "organised by Climate Now")
	p["role"] = "organizer"
	rel("INVOLVED_IN", "organization:ngo", "event:protest", p)
	run(`MATCH (a:Entity {id: 'person:alice'}) MATCH (d:Document {id: $doc}) CREATE (a)-[:MENTIONED_IN {starts: [70], ends: [75], quotes: ['Alice']}]->(d)`,
		map[string]any{"doc": expDocA})
}

func expGet(t *testing.T, h http.Handler, query string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, "/export?"+query, nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestExportHandler(t *testing.T) {
	db := neo4jtest.Open(t)
	expSeed(t, db)
	h := server.NewExportHandler(db)

	t.Run("graphml depth 2", func(t *testing.T) {
		rec := expGet(t, h, "format=graphml&seed=person:alice&depth=2")
		if rec.Code != 200 {
			t.Fatalf("%d %s", rec.Code, rec.Body)
		}
		if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/graphml+xml") {
			t.Errorf("content type %q", ct)
		}
		if cd := rec.Header().Get("Content-Disposition"); !strings.Contains(cd, `filename="rightsgraph-person-alice-depth2.graphml"`) {
			t.Errorf("content disposition %q", cd)
		}
		d := expParseGraphML(t, rec.Body.Bytes())
		ids := map[string]bool{}
		for _, n := range d.Graph.Nodes {
			ids[n.ID] = true
		}
		if !ids["person:alice"] || !ids["institution:gov"] || !ids["state:BEL"] || ids[expDocA] || ids["person:bob"] {
			t.Errorf("nodes %v", ids)
		}
		if len(d.Graph.Edges) != 2 {
			t.Fatalf("%d edges", len(d.Graph.Edges))
		}
		ea := expGmlAttrs(t, d, d.Graph.Edges[0].Data, "edge")
		if ea["quotes"] != "Minister Alice" || ea["documents"] != "Belgium 2023" || ea["title"] != "Minister" {
			t.Errorf("edge %v", ea)
		}
	})

	t.Run("gexf with documents", func(t *testing.T) {
		rec := expGet(t, h, "format=gexf&seed=person:alice&includeDocuments=true")
		if rec.Code != 200 {
			t.Fatalf("%d %s", rec.Code, rec.Body)
		}
		var d gexfParsed
		if err := xml.Unmarshal(rec.Body.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		found := false
		for _, n := range d.Graph.Nodes {
			if n.ID == expDocA {
				found = true
			}
		}
		if !found || strings.Contains(rec.Body.String(), "secret full text") {
			t.Errorf("document node present %v; text leaked %v", found, strings.Contains(rec.Body.String(), "secret full text"))
		}
	})

	t.Run("csv", func(t *testing.T) {
		rec := expGet(t, h, "format=csv&seed=organization:ngo")
		if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/zip" {
			t.Fatalf("%d %q", rec.Code, rec.Header().Get("Content-Type"))
		}
		files := expReadZipCSV(t, rec.Body.Bytes())
		edges := expCsvRecords(files["edges.csv"])
		if len(edges) != 2 || len(expCsvRecords(files["nodes-person.csv"])) != 1 || len(expCsvRecords(files["nodes-event.csv"])) != 1 {
			t.Errorf("files %v", files)
		}
	})

	t.Run("ftm", func(t *testing.T) {
		rec := expGet(t, h, "format=ftm&seed=person:bob")
		if rec.Code != 200 {
			t.Fatalf("%d %s", rec.Code, rec.Body)
		}
		ents := expReadFtM(t, rec.Body)
		m := ents["MEMBER_OF:person:bob:organization:ngo"]
		if m.Schema != "Membership" || m.Properties["member"][0] != "person:bob" || m.Properties["summary"][0] != "Bob of Climate Now" {
			t.Errorf("membership %+v", m)
		}
		if ents[expDocB].Schema != "Document" || ents[expDocB].Properties["title"][0] != "Rally" {
			t.Errorf("document %+v", ents[expDocB])
		}
	})

	bad := []struct {
		query  string
		status int
		msg    string
	}{
		{"seed=person:alice", 400, "format is required"},
		{"format=pdf&seed=person:alice", 400, `unknown format "pdf"`},
		{"format=graphml", 400, "seed is required"},
		{"format=graphml&seed=person:nobody", 404, `no entity with id "person:nobody"`},
		{"format=graphml&seed=person:alice&depth=4", 400, "depth must be between 1 and 3"},
		{"format=graphml&seed=person:alice&depth=two", 400, "depth must be an integer"},
		{"format=graphml&seed=person:alice&limitPerNode=1000", 400, "limitPerNode must be between 1 and 100"},
		{"format=graphml&seed=person:alice&minConfidence=2", 400, "minConfidence"},
		{"format=graphml&seed=person:alice&direction=UP", 400, "direction"},
		{"format=graphml&seed=person:alice&includeDocuments=maybe", 400, "includeDocuments"},
		{"format=graphml&seed=person:alice&relTypes=" + url.QueryEscape("X]->() DELETE"), 400, "relTypes"},
		{"format=graphml&seed=person:alice&colour=red", 400, `unknown parameter "colour"`},
		{"format=graphml&seed=person:alice&seed=person:bob", 400, "given 2 times"},
		{"report=ratifications&state=BEL", 400, `unknown report "ratifications"`},
		{"report=obligations", 400, "state is required"},
		{"report=obligations&state=BEL&format=gexf", 400, "reports are CSV only"},
	}
	for _, c := range bad {
		t.Run(c.query, func(t *testing.T) {
			rec := expGet(t, h, c.query)
			if rec.Code != c.status || !strings.Contains(rec.Body.String(), c.msg) {
				t.Errorf("%d %q, want %d containing %q", rec.Code, rec.Body.String(), c.status, c.msg)
			}
		})
	}
	t.Run("report dispatch", func(t *testing.T) {
		rec := expGet(t, h, "report=obligations&state=BEL")
		if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") {
			t.Fatalf("%d %q %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
		}
		if _, err := csv.NewReader(rec.Body).ReadAll(); err != nil {
			t.Errorf("report is not CSV: %v", err)
		}
	})
	t.Run("POST", func(t *testing.T) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/export?format=graphml&seed=person:alice", nil))
		if rec.Code != http.StatusMethodNotAllowed {
			t.Errorf("status %d", rec.Code)
		}
	})
	t.Run("HEAD", func(t *testing.T) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodHead, "/export?format=gexf&seed=person:alice", nil))
		n, _ := strconv.Atoi(rec.Header().Get("Content-Length"))
		if rec.Code != 200 || rec.Body.Len() != 0 || n == 0 {
			t.Errorf("status %d, body %d bytes, length %d", rec.Code, rec.Body.Len(), n)
		}
	})
}

func TestRelationCosts(t *testing.T) {
	c := server.RelationCosts()
	cases := []struct {
		field string
		args  map[string]any
		want  int
	}{
		{"Query.neighborhood", map[string]any{"depth": 1, "limitPerNode": 25}, 1 + 26*10},
		{"Query.neighborhood", map[string]any{"depth": 2, "limitPerNode": 25}, 1 + 651*10},
		{"Query.neighborhood", map[string]any{"depth": 3, "limitPerNode": 25}, 1 + 1000*10},
		{"Query.neighborhood", map[string]any{}, 1 + 26*10},
		{"Query.paths", map[string]any{"first": 5, "maxHops": 4}, 1 + 25*10},
		{"Query.connections", map[string]any{"ids": []any{"a", "b", "c"}, "maxHops": 3}, 1 + (3+3*4)*10},
	}
	for _, tc := range cases {
		if got := c[tc.field](10, tc.args); got != tc.want {
			t.Errorf("%s %v: cost %d, want %d", tc.field, tc.args, got, tc.want)
		}
	}
}
