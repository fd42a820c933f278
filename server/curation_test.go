package server_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
)

// Curation on the real loader's graph of the example corpus: a curator
// disputes a participation, which disappears from every answer unless the
// operation says @includeDisputed (then it is flagged, with the decision);
// readers and anonymous callers cannot decide anything and change nothing;
// a forced reload of every document keeps the dispute; a confirmation
// lifts it; notes are kept on nodes and edges; bad ids get clear errors.
func TestCurationDisputesAndNotes(t *testing.T) {
	db := neo4jtest.Open(t)
	l := loadCorpus(t, db, "../reference", "../examples/corpus")
	cur, reader := curatorAndReader(t, db)
	anon := serveAs(t, db, rightsgraph.AnonymousPrincipal())

	// A participation with an actor, found through the API.
	d := okData(t, query(t, reader, `{ events(first: 50) { nodes { id participants { role actor { id } } } } }`, nil))
	var event, actor, role string
	for _, n := range at(d, "events", "nodes").([]any) {
		ps := n.(map[string]any)["participants"].([]any)
		if len(ps) > 0 {
			p := ps[0].(map[string]any)
			event, role, actor = n.(map[string]any)["id"].(string), p["role"].(string), p["actor"].(map[string]any)["id"].(string)
			break
		}
	}
	if event == "" {
		t.Fatal("no event with a participant in the example corpus")
	}
	edge := fmt.Sprintf("INVOLVED_IN:%s:%s:%s", actor, event, strings.ToLower(role))
	decisions := func() int64 { return neo4jtest.Count(t, db, `MATCH (d:Decision) RETURN count(d)`, nil) }

	neighbourEdges := func(srv *httptest.Server, directive string) map[string]map[string]any {
		t.Helper()
		q := `query Q($id: ID!) ` + directive + ` { neighborhood(id: $id, limitPerNode: 100) { edges { id disputed decisions { kind by note } notes { text by } } } }`
		d := okData(t, query(t, srv, q, map[string]any{"id": event}))
		out := map[string]map[string]any{}
		for _, e := range at(d, "neighborhood", "edges").([]any) {
			m := e.(map[string]any)
			out[m["id"].(string)] = m
		}
		return out
	}
	if _, ok := neighbourEdges(reader, "")[edge]; !ok {
		t.Fatalf("edge %s not in the neighbourhood of %s before any decision", edge, event)
	}

	// Nobody below curator decides anything.
	for who, ts := range map[string]*httptest.Server{"reader": reader, "anonymous": anon} {
		res := query(t, ts, `mutation { disputeFact(edge: "`+edge+`", note: "no") { disputed } }`, nil)
		if len(res.Errors) != 1 || (res.code(0) != "FORBIDDEN" && res.code(0) != "UNAUTHENTICATED" && res.code(0) != "UNAUTHORIZED") {
			t.Errorf("%s disputing: %s", who, res.Raw)
		}
	}
	if n := decisions(); n != 0 {
		t.Fatalf("%d decisions recorded by callers below curator", n)
	}
	// Bad ids: clear errors, nothing written.
	for _, bad := range []string{"INVOLVED_IN:person:nobody:" + event + ":agent", "NOT_A_TYPE:a:b", "state:BEL"} {
		res := query(t, cur, `mutation($e: ID!) { disputeFact(edge: $e) { disputed } }`, map[string]any{"e": bad})
		if len(res.Errors) != 1 || (res.code(0) != "NOT_FOUND" && res.code(0) != "INVALID") {
			t.Errorf("disputing %q: %s", bad, res.Raw)
		}
	}
	if n := decisions(); n != 0 {
		t.Fatalf("%d decisions recorded for bad ids", n)
	}

	// The curator disputes it.
	res := query(t, cur, `mutation($e: ID!) { disputeFact(edge: $e, note: "the report names another officer") { edge disputed decision { kind by note } } }`, map[string]any{"e": edge})
	st := okData(t, res)
	if at(st, "disputeFact", "disputed") != true || at(st, "disputeFact", "decision", "by") != "curator-1" {
		t.Fatalf("dispute: %s", res.Raw)
	}
	hiddenEverywhere := func(stage string) {
		t.Helper()
		if _, ok := neighbourEdges(reader, "")[edge]; ok {
			t.Errorf("%s: the disputed edge is still in the neighbourhood", stage)
		}
		d := okData(t, query(t, reader, `query($id: ID!) { node(id: $id) { ... on Event { participants { role actor { id } } } } }`, map[string]any{"id": event}))
		for _, p := range at(d, "node", "participants").([]any) {
			pm := p.(map[string]any)
			if pm["actor"].(map[string]any)["id"] == actor && strings.EqualFold(pm["role"].(string), role) {
				t.Errorf("%s: the disputed participation is still listed", stage)
			}
		}
		e, ok := neighbourEdges(cur, "@includeDisputed")[edge]
		if !ok || e["disputed"] != true {
			t.Fatalf("%s: @includeDisputed does not return the edge flagged: %v", stage, e)
		}
		ds := e["decisions"].([]any)
		if len(ds) == 0 || ds[len(ds)-1].(map[string]any)["kind"] != "DISPUTE" || ds[len(ds)-1].(map[string]any)["by"] != "curator-1" {
			t.Errorf("%s: decisions %v", stage, ds)
		}
		if r, ok := neighbourEdges(reader, "@includeDisputed")[edge]; !ok || len(r["decisions"].([]any)) != 0 {
			t.Errorf("%s: a reader with @includeDisputed should see the flagged edge without the decisions: %v", stage, r)
		}
	}
	hiddenEverywhere("after the dispute")

	// A forced reload rewrites every relationship; the dispute stays.
	l.Force = true
	if sum, err := l.Load(context.Background(), []string{"../examples/corpus"}); err != nil || sum.Failed != 0 || sum.Loaded == 0 {
		t.Fatalf("reload: %v %+v", err, sum)
	}
	hiddenEverywhere("after a forced reload")

	// Notes on the edge and on the event; readers do not see them.
	for _, target := range []string{edge, event} {
		res := query(t, cur, `mutation($t: ID!) { addNote(target: $t, text: "checked against the court record") { id target by } }`, map[string]any{"t": target})
		if at(okData(t, res), "addNote", "target") != target {
			t.Errorf("addNote(%s): %s", target, res.Raw)
		}
	}
	if e := neighbourEdges(cur, "@includeDisputed")[edge]; len(e["notes"].([]any)) != 1 {
		t.Errorf("edge notes: %v", e["notes"])
	}
	if n := at(okData(t, query(t, cur, `query($t: ID!) { notes(target: $t) { text by } }`, map[string]any{"t": event})), "notes").([]any); len(n) != 1 || n[0].(map[string]any)["by"] != "curator-1" {
		t.Errorf("notes on the event: %v", n)
	}
	if n := at(okData(t, query(t, reader, `query($t: ID!) { notes(target: $t) { text } }`, map[string]any{"t": event})), "notes").([]any); len(n) != 0 {
		t.Errorf("a reader sees notes: %v", n)
	}
	for _, bad := range []string{"person:nobody-at-all", ""} {
		res := query(t, cur, `mutation($t: ID!) { addNote(target: $t, text: "x") { id } }`, map[string]any{"t": bad})
		if len(res.Errors) != 1 || (res.code(0) != "NOT_FOUND" && res.code(0) != "INVALID") {
			t.Errorf("addNote(%q): %s", bad, res.Raw)
		}
	}
	if res := query(t, reader, `mutation($t: ID!) { addNote(target: $t, text: "x") { id } }`, map[string]any{"t": event}); len(res.Errors) != 1 || res.code(0) != "FORBIDDEN" {
		t.Errorf("a reader adding a note: %s", res.Raw)
	}

	// Confirmation lifts the dispute; both decisions stay on record.
	res = query(t, cur, `mutation($e: ID!) { confirmFact(edge: $e, note: "second source agrees") { disputed } }`, map[string]any{"e": edge})
	if at(okData(t, res), "confirmFact", "disputed") != false {
		t.Fatalf("confirm: %s", res.Raw)
	}
	e, ok := neighbourEdges(cur, "")[edge]
	if !ok || e["disputed"] != false || len(e["decisions"].([]any)) != 2 {
		t.Errorf("after the confirmation: %v (present %v)", e, ok)
	}
	if n := decisions(); n != 2 {
		t.Errorf("%d decisions recorded, want 2", n)
	}
}
