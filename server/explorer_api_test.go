package server_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
)

// TestExplorerAPIOnTheCorpus checks the API support the browser pages need,
// on the reference data and the example corpus loaded by the real loader:
// the balanced neighbourhood ranking, a document as a neighbourhood and export
// seed, document-id filters on events, search, timeline and violations,
// Document.mentions, and /export?ids= for a view. Expectations come from the
// graph itself (Cypher counts), not from extracted strings.
func TestExplorerAPIOnTheCorpus(t *testing.T) {
	ts, db := corpusServer(t)

	// --- ranking: Belgium's first hop.
	typesOf := func(ranking string) (map[string]int, bool) {
		q := `{ neighborhood(id: "state:BEL") { truncated edges { type } } }`
		if ranking != "" {
			q = `{ neighborhood(id: "state:BEL", ranking: ` + ranking + `) { truncated edges { type } } }`
		}
		d := okData(t, query(t, ts, q, nil))
		m := map[string]int{}
		edges, _ := at(d, "neighborhood", "edges").([]any)
		for _, e := range edges {
			m[at(e, "type").(string)]++
		}
		return m, at(d, "neighborhood", "truncated") == true
	}
	bal, cut := typesOf("BALANCED")
	conf, _ := typesOf("CONFIDENCE")
	t.Logf("Belgium, 25 edges: balanced %v; by confidence %v", bal, conf)
	if !cut {
		t.Fatal("Belgium has more than 25 edges: the neighbourhood should say it is truncated")
	}
	for _, want := range []string{"PARTY_TO", "MEMBER_OF", "INVOLVED_IN"} {
		if bal[want] == 0 {
			t.Errorf("balanced neighbourhood of Belgium has no %s edge: %v", want, bal)
		}
	}
	if bal["BINDS"] > 25/4 {
		t.Errorf("balanced neighbourhood: %d of 25 edges are BINDS", bal["BINDS"])
	}
	if conf["BINDS"] <= bal["BINDS"] {
		t.Errorf("the confidence ranking keeps %d BINDS, the balanced one %d: the ranking changes nothing", conf["BINDS"], bal["BINDS"])
	}
	if def, _ := typesOf(""); fmt.Sprint(def) != fmt.Sprint(bal) {
		t.Errorf("the default ranking is not BALANCED: %v", def)
	}

	// --- a corpus document that mentions Belgium and has events.
	doc := ""
	for _, id := range corpusDocs(t, ts) {
		if neo4jtest.Count(t, db, `MATCH (:Event)-[:MENTIONED_IN]->(d:Document {id: $id}) RETURN count(*)`, map[string]any{"id": id}) > 0 &&
			neo4jtest.Count(t, db, `MATCH (:Entity {id: 'state:BEL'})-[:MENTIONED_IN]->(d:Document {id: $id}) RETURN count(*)`, map[string]any{"id": id}) > 0 {
			doc = id
			break
		}
	}
	if doc == "" {
		t.Fatal("no corpus document mentions Belgium and an event")
	}
	inDoc := func(id string) bool {
		return neo4jtest.Count(t, db, `MATCH (:Entity {id: $e})-[:MENTIONED_IN]->(:Document {id: $d}) RETURN count(*)`, map[string]any{"e": id, "d": doc}) > 0
	}
	vars := map[string]any{"d": doc}

	// events by document
	d := okData(t, query(t, ts, `query($d: ID!) { events(filter: {document: {eq: $d}}, first: 100) { totalCount nodes { id } } }`, vars))
	want := neo4jtest.Count(t, db, `MATCH (e:Event)-[:MENTIONED_IN]->(:Document {id: $id}) RETURN count(DISTINCT e)`, map[string]any{"id": doc})
	if tc := at(d, "events", "totalCount"); tc != float64(want) {
		t.Errorf("events in the document: totalCount %v, Cypher %d", tc, want)
	}
	for _, n := range at(d, "events", "nodes").([]any) {
		if !inDoc(at(n, "id").(string)) {
			t.Errorf("event %v is not mentioned in the document", n)
		}
	}

	// search by document
	d = okData(t, query(t, ts, `query($d: ID!) { all: search(text: "court", first: 100) { edges { node { id } } }
	  doc: search(text: "court", documents: [$d], first: 100) { edges { node { id } } } }`, vars))
	all, only := ids(at(d, "all", "edges"), "node", "id"), ids(at(d, "doc", "edges"), "node", "id")
	for _, id := range only {
		if !inDoc(id) {
			t.Errorf("search in the document returned %s, which it does not mention", id)
		}
	}
	for _, id := range all {
		if inDoc(id) && !contains(only, id) {
			t.Errorf("search in the document left out %s, which it mentions", id)
		}
	}

	// timeline by document
	d = okData(t, query(t, ts, `query($d: ID!) { all: timeline(actor: "state:BEL") { event { id } } doc: timeline(actor: "state:BEL", documents: [$d]) { event { id } } }`, vars))
	tAll, tDoc := ids(at(d, "all"), "event", "id"), ids(at(d, "doc"), "event", "id")
	if len(tDoc) == 0 || len(tDoc) >= len(tAll) {
		t.Errorf("Belgium's timeline: %d events, %d in the document", len(tAll), len(tDoc))
	}
	for _, id := range tDoc {
		if !contains(tAll, id) || !inDoc(id) {
			t.Errorf("timeline in the document has %s", id)
		}
	}

	// violations by document: every claim's evidence is in the document; a
	// reference-data document has none.
	d = okData(t, query(t, ts, `query($d: ID!) { violations(state: "BEL", documents: [$d]) { provisions { claims { evidence { document { id } } } } } }`, vars))
	for _, g := range at(d, "violations").([]any) {
		for _, p := range at(g, "provisions").([]any) {
			for _, c := range at(p, "claims").([]any) {
				found := false
				for _, e := range at(c, "evidence").([]any) {
					found = found || at(e, "document", "id") == doc
				}
				if !found {
					t.Errorf("a claim without evidence in the document: %v", c)
				}
			}
		}
	}
	ref := refDoc(t, ts)
	d = okData(t, query(t, ts, `query($d: ID!) { violations(state: "BEL", documents: [$d]) { right { id } } }`, map[string]any{"d": ref}))
	if vs := at(d, "violations").([]any); len(vs) != 0 {
		t.Errorf("violations evidenced by reference data: %v", vs)
	}

	// too many document ids: a LIMIT error, no crash
	many := make([]string, 101)
	for i := range many {
		many[i] = fmt.Sprintf("doc%d", i)
	}
	r := query(t, ts, `query($ds: [ID!]) { search(text: "court", documents: $ds) { edges { node { id } } } }`, map[string]any{"ds": many})
	if r.code(0) != "LIMIT" {
		t.Errorf("101 document ids: %s", r.Raw)
	}

	// a document as a neighbourhood seed: its first hop is what it mentions
	d = okData(t, query(t, ts, `query($d: ID!) { neighborhood(id: $d, limitPerNode: 100) { nodes { id kind } edges { type target } } }`, vars))
	nodes := at(d, "neighborhood", "nodes").([]any)
	if at(nodes[0], "id") != doc || at(nodes[0], "kind") != "Document" {
		t.Errorf("seed node %v", nodes[0])
	}
	mentioned := neo4jtest.Count(t, db, `MATCH (e:Entity)-[:MENTIONED_IN]->(:Document {id: $id}) RETURN count(DISTINCT e)`, map[string]any{"id": doc})
	if want := min(mentioned, 100); int64(len(nodes)-1) != want {
		t.Errorf("document neighbourhood: %d entities, the document mentions %d", len(nodes)-1, mentioned)
	}
	for _, e := range at(d, "neighborhood", "edges").([]any) {
		if at(e, "type") != "MENTIONED_IN" || at(e, "target") != doc {
			t.Errorf("document neighbourhood edge %v", e)
		}
	}

	// Document.mentions: spans in text order, each quote the text at its bytes
	d = okData(t, query(t, ts, `query($d: ID!) { node(id: $d) { ... on Document { text mentions(first: 2000) { start end quote entity { id } } } } }`, vars))
	text := at(d, "node", "text").(string)
	ms := at(d, "node", "mentions").([]any)
	if int64(len(ms)) < mentioned {
		t.Errorf("%d mention spans for %d entities", len(ms), mentioned)
	}
	last := -1
	for _, m := range ms {
		s, e := int(at(m, "start").(float64)), int(at(m, "end").(float64))
		if s < last || e <= s || e > len(text) {
			t.Fatalf("mention span %d..%d after %d (text %d bytes)", s, e, last, len(text))
		}
		if q, _ := at(m, "quote").(string); q != "" && text[s:e] != q {
			t.Errorf("mention %v: text at the span is %q", m, text[s:e])
		}
		last = s
	}

	// /export: a document seed, and a view by ids
	get := func(q string) (int, string) {
		resp, err := http.Get(ts.URL + "/export?" + q)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get("format=graphml&seed=" + doc); code != 200 || !strings.Contains(body, `"state:BEL"`) {
		t.Errorf("export around the document: %d %.200s", code, body)
	}
	view := []string{"state:BEL", "institution:be-brussels-court-of-appeal", "state:NOPE"}
	code, body := get("format=gexf&ids=" + url.QueryEscape(strings.Join(view, ",")))
	if code != 200 || !strings.Contains(body, `"state:BEL"`) || !strings.Contains(body, `"institution:be-brussels-court-of-appeal"`) || strings.Contains(body, "state:NOPE") {
		t.Errorf("export of a view: %d %.300s", code, body)
	}
	between := neo4jtest.Count(t, db, `MATCH (:Entity {id: 'state:BEL'})-[r]-(:Entity {id: 'institution:be-brussels-court-of-appeal'}) RETURN count(r)`, nil)
	if got := int64(strings.Count(body, "<edge ")); got != between {
		t.Errorf("export of a view: %d edges, Cypher %d", got, between)
	}
	tooMany := make([]string, 1001)
	for i := range tooMany {
		tooMany[i] = fmt.Sprintf("x:%d", i)
	}
	if code, body := get("format=graphml&ids=" + strings.Join(tooMany, ",")); code != 400 || !strings.Contains(body, "1000") {
		t.Errorf("1001 ids: %d %.200s", code, body)
	}
	if code, _ := get("format=graphml&seed=state:BEL&ids=state:BEL"); code != 400 {
		t.Errorf("seed and ids: %d", code)
	}
}

// corpusDocs are the ids of the example corpus documents; refDoc is a reference-data document.
func corpusDocs(t *testing.T, ts *httptest.Server) []string {
	t.Helper()
	d := okData(t, query(t, ts, `{ documents(first: 100, filter: {source: {contains: "examples/corpus"}}, orderBy: [{field: SOURCE}]) { nodes { id } } }`, nil))
	return ids(at(d, "documents", "nodes"), "id")
}

func refDoc(t *testing.T, ts *httptest.Server) string {
	t.Helper()
	d := okData(t, query(t, ts, `{ documents(first: 1, filter: {source: {contains: "reference/states"}}) { nodes { id } } }`, nil))
	id, _ := at(d, "documents", "nodes", 0, "id").(string)
	if id == "" {
		t.Fatal("no reference-data document")
	}
	return id
}

func ids(v any, path ...any) []string {
	var out []string
	l, _ := v.([]any)
	for _, x := range l {
		if s, ok := at(x, path...).(string); ok {
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}
