package server_test

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/server"
)

// TestAPI runs the read API over the fixture graph: one database for all
// subtests (neo4jtest.Open per top-level test).
func TestAPI(t *testing.T) {
	db := neo4jtest.Open(t)
	seed(t, db)
	ts, counter := newServer(t, db, server.DefaultConfig())

	t.Run("health", func(t *testing.T) {
		for path, want := range map[string]int{"/healthz": 200, "/readyz": 200} {
			resp, err := http.Get(ts.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != want {
				t.Errorf("%s: status %d, want %d", path, resp.StatusCode, want)
			}
			if resp.Header.Get("X-Request-Id") == "" {
				t.Errorf("%s: no X-Request-Id", path)
			}
		}
	})

	t.Run("stats are real counts", func(t *testing.T) {
		d := okData(t, query(t, ts, `{ stats { nodes relationships byLabel { label count } } }`, nil))
		nodes := neo4jtest.Count(t, db, `MATCH (n) RETURN count(n)`, nil)
		rels := neo4jtest.Count(t, db, `MATCH ()-[r]->() RETURN count(r)`, nil)
		if got := at(d, "stats", "nodes"); got != float64(nodes) || nodes != 19 {
			t.Errorf("nodes = %v, Neo4j says %d (fixture has 19)", got, nodes)
		}
		if got := at(d, "stats", "relationships"); got != float64(rels) {
			t.Errorf("relationships = %v, Neo4j says %d", got, rels)
		}
		byLabel := map[string]float64{}
		for _, l := range at(d, "stats", "byLabel").([]any) {
			byLabel[at(l, "label").(string)] = at(l, "count").(float64)
		}
		if byLabel["State"] != 2 || byLabel["Court"] != 1 || byLabel["Event"] != 3 || byLabel["Document"] != 2 {
			t.Errorf("byLabel = %v", byLabel)
		}
	})

	t.Run("node by global id with kind fields", func(t *testing.T) {
		d := okData(t, query(t, ts, `{ node(id: "institution:be-brussels-court-of-appeal") { id __typename ... on Institution { name kind court jurisdiction category aliases partOf { node { id } confidence evidence { quote start end document { id title } } } } } }`, nil))
		n := at(d, "node")
		if at(n, "__typename") != "Institution" || at(n, "court") != true || at(n, "jurisdiction") != "Belgium" || at(n, "kind") != "INSTITUTION" {
			t.Errorf("node = %v", n)
		}
		if at(n, "partOf", 0, "node", "id") != "state:BEL" || at(n, "partOf", 0, "evidence", 0, "document", "title") != "Judgment of the Brussels Court of Appeal" {
			t.Errorf("partOf = %v", at(n, "partOf"))
		}
		if at(n, "partOf", 0, "evidence", 0, "quote") != "Court of Appeal" || at(n, "partOf", 0, "evidence", 0, "start") != float64(4) {
			t.Errorf("evidence = %v", at(n, "partOf", 0, "evidence"))
		}
	})

	t.Run("unknown id is null with NOT_FOUND", func(t *testing.T) {
		r := query(t, ts, `{ node(id: "state:XXX") { id } }`, nil)
		if r.Status != 200 || at(r.Data, "node") != nil || len(r.Errors) != 1 || r.code(0) != "NOT_FOUND" {
			t.Fatalf("got %d %s", r.Status, r.Raw)
		}
		r = query(t, ts, `{ nodes(ids: ["state:BEL", "state:XXX", "`+docRuling+`"]) { id ... on Document { title } } }`, nil)
		if at(r.Data, "nodes", 0, "id") != "state:BEL" || at(r.Data, "nodes", 1) != nil || at(r.Data, "nodes", 2, "title") == nil {
			t.Errorf("nodes = %s", r.Raw)
		}
		if len(r.Errors) != 1 || r.code(0) != "NOT_FOUND" || fmt.Sprint(r.Errors[0].Path) != "[nodes 1]" {
			t.Errorf("errors = %s", r.Raw)
		}
	})

	t.Run("event participants, place, findings asserted by the court", func(t *testing.T) {
		d := okData(t, query(t, ts, `{ node(id: "event:ruling-2023") { ... on Event { type date outcome
			participants { role actor { id } confidence evidence { quote document { id } } }
			cites { node { id } }
			findings { stance breached { id } assertedBy { name actor { id } } evidence { quote } } } } }`, nil))
		ev := at(d, "node")
		roles := map[string]string{}
		for _, p := range at(ev, "participants").([]any) {
			roles[at(p, "actor", "id").(string)] = at(p, "role").(string)
		}
		if roles["state:BEL"] != "TARGET" || roles["institution:be-brussels-court-of-appeal"] != "AUTHORITY" {
			t.Errorf("participants = %v", roles)
		}
		f := at(ev, "findings", 0)
		if at(f, "stance") != "FOUND" || at(f, "breached", "id") != "right:prohibition-of-torture" || at(f, "assertedBy", 0, "actor", "id") != "institution:be-brussels-court-of-appeal" {
			t.Errorf("findings = %v", at(ev, "findings"))
		}
		if at(ev, "cites", 0, "node", "id") != "provision:echr-art-3" {
			t.Errorf("cites = %v", at(ev, "cites"))
		}
		d = okData(t, query(t, ts, `{ node(id: "event:amnesty-report") { ... on Event { allegations { stance breached { name } assertedBy { name actor { id } document { title } } } findings { stance } } } }`, nil))
		a := at(d, "node", "allegations", 0)
		if at(a, "stance") != "ALLEGED" || at(a, "assertedBy", 0, "name") != "Amnesty International" ||
			at(a, "assertedBy", 0, "actor", "id") != "organization:amnesty-international" || at(a, "assertedBy", 0, "document", "title") != "Belgium 2023" {
			t.Errorf("allegations = %v", at(d, "node"))
		}
		if n := len(at(d, "node", "findings").([]any)); n != 0 {
			t.Errorf("a report found %d violations", n)
		}
		d = okData(t, query(t, ts, `{ node(id: "event:detention-brussels") { ... on Event { count place { node { id } } participants(role: TARGET) { actor { id } } } } }`, nil))
		if at(d, "node", "place", "node", "id") != "place:brussels" || at(d, "node", "count") != float64(40) {
			t.Errorf("detention = %v", d)
		}
		if ps := at(d, "node", "participants").([]any); len(ps) != 1 || at(ps[0], "actor", "id") != "group:asylum-seekers" {
			t.Errorf("participants(role: TARGET) = %v", ps)
		}
	})

	t.Run("actor events filtered by role, type and dates, paged with totalCount", func(t *testing.T) {
		q := `query($role: Role, $types: [EventType!], $from: Date, $to: Date, $first: Int, $after: String) {
			node(id: "state:BEL") { ... on Actor { events(role: $role, types: $types, from: $from, to: $to, first: $first, after: $after) {
				totalCount pageInfo { hasNextPage endCursor } edges { role node { id } evidence { quote } } } } } }`
		ids := func(d map[string]any) []string {
			var out []string
			for _, e := range at(d, "node", "events", "edges").([]any) {
				out = append(out, at(e, "node", "id").(string))
			}
			return out
		}
		cases := []struct {
			vars map[string]any
			want string
		}{
			{map[string]any{}, "[event:detention-brussels event:ruling-2023]"},
			{map[string]any{"role": "TARGET"}, "[event:ruling-2023]"},
			{map[string]any{"types": []string{"DETENTION"}}, "[event:detention-brussels]"},
			{map[string]any{"from": "2023-05", "to": "2023"}, "[event:ruling-2023]"},
			{map[string]any{"to": "2023-04"}, "[event:detention-brussels]"},
			{map[string]any{"from": "2024"}, "[]"},
		}
		for _, c := range cases {
			d := okData(t, query(t, ts, q, c.vars))
			got := fmt.Sprint(ids(d))
			if got == "[]" && c.want == "[]" {
				continue
			}
			if got != c.want {
				t.Errorf("%v: got %s, want %s", c.vars, got, c.want)
			}
			if tc := at(d, "node", "events", "totalCount"); tc != float64(strings.Count(c.want, "event:")) {
				t.Errorf("%v: totalCount %v", c.vars, tc)
			}
		}
		d := okData(t, query(t, ts, q, map[string]any{"first": 1}))
		if fmt.Sprint(ids(d)) != "[event:detention-brussels]" || at(d, "node", "events", "pageInfo", "hasNextPage") != true {
			t.Fatalf("first page = %v", d)
		}
		d = okData(t, query(t, ts, q, map[string]any{"first": 1, "after": at(d, "node", "events", "pageInfo", "endCursor")}))
		if fmt.Sprint(ids(d)) != "[event:ruling-2023]" || at(d, "node", "events", "pageInfo", "hasNextPage") != false {
			t.Fatalf("second page = %v", d)
		}
	})

	t.Run("memberships, positions, mentions, provisions", func(t *testing.T) {
		d := okData(t, query(t, ts, `{
			bel: node(id: "state:BEL") { ... on State { memberships { member { id } organization { id } } mentions { quote document { title } } institutions { node { id } } } }
			amnesty: node(id: "organization:amnesty-international") { ... on Organization { members { member { id } } } }
			jane: node(id: "person:jane-doe") { ... on Person { positions { title holder { id } organization { id } } } }
			court: node(id: "institution:be-brussels-court-of-appeal") { ... on Institution { positions { holder { id } } } }
			echr: node(id: "instrument:echr") { ... on Instrument { binding adopted provisions { id number instrument { id } rights { node { id } } } } }
			ob: node(id: "obligation:no-torture") { ... on Obligation { modality bound { node { id } } source { node { id } } rights { node { id } } } }
			right: node(id: "right:prohibition-of-torture") { ... on Right { protectedBy { node { id } } } }
			place: node(id: "place:brussels") { ... on Place { locatedIn { node { id } } events { id } } }
		}`, nil))
		checks := map[string][2]any{
			"bel memberships":      {at(d, "bel", "memberships", 0, "organization", "id"), "organization:amnesty-international"},
			"amnesty members":      {at(d, "amnesty", "members", 0, "member", "id"), "state:BEL"},
			"jane position":        {at(d, "jane", "positions", 0, "title"), "President"},
			"court positions":      {at(d, "court", "positions", 0, "holder", "id"), "person:jane-doe"},
			"state institutions":   {at(d, "bel", "institutions", 0, "node", "id"), "institution:be-brussels-court-of-appeal"},
			"provision number":     {at(d, "echr", "provisions", 0, "number"), "Article 3"},
			"provision instrument": {at(d, "echr", "provisions", 0, "instrument", "id"), "instrument:echr"},
			"provision rights":     {at(d, "echr", "provisions", 0, "rights", 0, "node", "id"), "right:prohibition-of-torture"},
			"binding":              {at(d, "echr", "binding"), true},
			"modality":             {at(d, "ob", "modality"), "MUST_NOT"},
			"bound":                {at(d, "ob", "bound", 0, "node", "id"), "state:BEL"},
			"obligation source":    {at(d, "ob", "source", 0, "node", "id"), "provision:echr-art-3"},
			"protectedBy":          {len(at(d, "right", "protectedBy").([]any)), 2},
			"locatedIn":            {at(d, "place", "locatedIn", 0, "node", "id"), "state:BEL"},
			"place events":         {at(d, "place", "events", 0, "id"), "event:detention-brussels"},
		}
		for name, c := range checks {
			if c[0] != c[1] {
				t.Errorf("%s = %v, want %v", name, c[0], c[1])
			}
		}
		// Mentions: newest document first.
		ms := at(d, "bel", "mentions").([]any)
		if len(ms) != 2 || at(ms[0], "document", "title") != "Judgment of the Brussels Court of Appeal" || at(ms[0], "quote") != "Belgium" {
			t.Errorf("mentions = %v", ms)
		}
	})

	t.Run("document text and entities", func(t *testing.T) {
		d := okData(t, query(t, ts, `query($id: ID!) { node(id: $id) { ... on Document { title publisher published text entities(kinds: [STATE, GROUP]) { id } } } }`, map[string]any{"id": docAmnesty}))
		if !strings.HasPrefix(at(d, "node", "text").(string), "Belgian authorities") {
			t.Errorf("text = %v", at(d, "node", "text"))
		}
		var ids []string
		for _, e := range at(d, "node", "entities").([]any) {
			ids = append(ids, at(e, "id").(string))
		}
		sort.Strings(ids)
		if fmt.Sprint(ids) != "[group:asylum-seekers state:BEL]" {
			t.Errorf("entities = %v", ids)
		}
	})

	t.Run("evidence document id needs no read", func(t *testing.T) {
		counter.reset()
		okData(t, query(t, ts, `{ node(id: "institution:be-brussels-court-of-appeal") { ... on Institution { partOf { evidence { document { id } } } } } }`, nil))
		names := counter.reset()
		for _, n := range names {
			if n == "documentsByID" {
				t.Errorf("document loaded although only its id was selected: %v", names)
			}
		}
	})
}
