package neo4jdb

import (
	"reflect"
	"testing"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

func TestEventLabel(t *testing.T) {
	for in, want := range map[string]string{
		"ARMS_TRANSFER": "ArmsTransfer", "RULING": "Ruling", "OTHER": "Other",
		"bogus": "Other", "": "Other", "Protest": "Other",
	} {
		if got := EventLabel(in); got != want {
			t.Errorf("EventLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBuildRows(t *testing.T) {
	src := "state:BEL"
	prov := "Article 3"
	text := "Belgium was condemned by the Court. Belgium must act."
	ext := &rightsgraph.Extraction{
		Document: rightsgraph.Document{ID: "d1", Source: "a.txt", Text: text},
		Entities: []rightsgraph.Entity{
			{ID: "state:BEL", Kind: "State", Name: "Belgium", Mentions: []rightsgraph.Span{{Start: 0, End: 7}}},
			{ID: "institution:court", Kind: "Institution", Court: true, Name: "Court", Mentions: []rightsgraph.Span{{Start: 28, End: 33}}},
			// the same entity listed twice: one node row, mentions merged
			{ID: "state:BEL", Kind: "State", Name: "Belgium", Mentions: []rightsgraph.Span{{Start: 36, End: 43}}},
		},
		Relations: []rightsgraph.Relation{
			{Type: "CITES", From: "event:1", To: "state:BEL", Confidence: 0.5, Evidence: []rightsgraph.Evidence{{Start: 0, End: 7, Quote: "Belgium"}}},
			{Type: "CITES", From: "event:1", To: "state:BEL", Confidence: 0.9, Evidence: []rightsgraph.Evidence{{Start: 36, End: 43, Quote: "Belgium"}, {Start: 0, End: 7, Quote: "Belgium"}}},
			{Type: "MADE_UP", From: "a", To: "b"},
			{Type: "PARTY_TO", From: "state:BEL", To: "instrument:echr", Props: map[string]any{"ratified": "1955", "docIds": []any{"x"}, "reservations": []any{map[string]any{"a": 1.0}}}},
		},
		Events: []rightsgraph.Event{{ID: "event:1", Type: "RULING", Summary: "condemned", Date: "2023",
			Participants: []rightsgraph.Participant{{Entity: "institution:court", Role: "authority"}, {Entity: "state:BEL", Role: "target"}},
			Evidence:     []rightsgraph.Evidence{{Start: 0, End: 34, Quote: text[:34]}}}},
		Obligations: []rightsgraph.Obligation{{ID: "obligation:1", Bound: "state:BEL", Source: &src, Provision: &prov, Text: "must act", Rights: []string{"right:life"}}},
	}
	w := buildRows(ext)

	if got := len(w.entities["State"]); got != 1 {
		t.Errorf("State rows = %d, want 1 (duplicate merged)", got)
	}
	if got := len(w.entities["Court"]); got != 1 {
		t.Errorf("Court rows = %d, want 1", got)
	}
	if got := len(w.entities["Event:Ruling"]); got != 1 {
		t.Errorf("Event:Ruling rows = %d, want 1", got)
	}
	if w.nodes != 4 {
		t.Errorf("nodes = %d, want 4", w.nodes)
	}
	var bel map[string]any
	for _, m := range w.mentions {
		if m["id"] == "state:BEL" {
			bel = m
		}
	}
	if bel == nil || !reflect.DeepEqual(bel["starts"], []int64{0, 36}) || !reflect.DeepEqual(bel["quotes"], []string{"Belgium", "Belgium"}) {
		t.Errorf("state:BEL mentions = %v, want starts [0 36] with quotes", bel)
	}
	cites := w.relations["CITES"]
	if len(cites) != 1 {
		t.Fatalf("CITES rows = %d, want 1 (same key merged)", len(cites))
	}
	if c := cites[0]; c["n"] != int64(2) || c["confidence"] != 0.9 || !reflect.DeepEqual(c["starts"], []int64{0, 36}) {
		t.Errorf("CITES row = %v, want 2 distinct evidence entries, confidence 0.9", c)
	}
	if w.dropped["MADE_UP"] != 1 {
		t.Errorf("unknown type not dropped: %v", w.dropped)
	}
	pt := w.relations["PARTY_TO"][0]
	props := pt["props"].(map[string]any)
	if _, ok := props["docIds"]; ok {
		t.Error("relation props overwrote the evidence list docIds")
	}
	if props["reservations"] != `[{"a":1}]` {
		t.Errorf("nested props not stored as JSON text: %#v", props["reservations"])
	}
	if pt["starts"].([]int64)[0] != -1 {
		t.Errorf("relation without evidence should get a -1 span entry: %v", pt)
	}
	if got := len(w.relations["INVOLVED_IN"]); got != 2 {
		t.Errorf("INVOLVED_IN rows = %d, want 2", got)
	}
	for _, typ := range []string{"BINDS", "ESTABLISHES", "PROTECTS"} {
		if len(w.relations[typ]) != 1 {
			t.Errorf("%s rows = %d, want 1", typ, len(w.relations[typ]))
		}
	}
	want := []string{"event:1", "institution:court", "obligation:1", "state:BEL"}
	if !reflect.DeepEqual(w.evidenceFrom, want) {
		t.Errorf("evidenceFrom = %v, want %v", w.evidenceFrom, want)
	}
}

func TestEveryLabelSetHasAQuery(t *testing.T) {
	for _, m := range []map[string]string{upsertEntityCypher} {
		for k := range entityLabelSets {
			if m[k] == "" {
				t.Errorf("no query for %s", k)
			}
		}
		for _, e := range rightsgraph.EventTypes {
			if m["Event:"+EventLabel(e)] == "" {
				t.Errorf("no query for event type %s", e)
			}
		}
	}
	for _, m := range []map[string]string{writeRelCypher} {
		for _, r := range RelationTypes {
			if m[r] == "" {
				t.Errorf("no query for relationship %s", r)
			}
		}
	}
}
