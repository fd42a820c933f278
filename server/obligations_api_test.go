package server_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/server"
)

// TestObligationsAPI queries obligations, Instrument.parties and violations
// over GraphQL against a real Neo4j loaded with the reference data and a
// ruling document (writeReference and the ruling fixture are shared with the
// report test).
func TestObligationsAPI(t *testing.T) {
	db := neo4jtest.Open(t)
	writeReference(t, db, "rights.yaml", "instruments.yaml", "provisions/echr.yaml", "provisions/iccpr.yaml",
		"provisions/criminal-cooperation.yaml", "participation/BEL.yaml", "participation/RUS.yaml")
	writeRulingFixture(t, db)
	ts, _ := newServer(t, db, server.Config{})

	const obligationsQ = `query($asOf: Date, $right: ID) {
  obligations(state: "BEL", asOf: $asOf, right: $right) {
    instrument { id name }
    bindingFrom
    participation { status ratified inForce unverified evidence { quote } }
    provisions { provision { id number } rights { id } reservations { kind article text } }
    obligations { obligation { id text } evidence { quote } }
  }
}`
	type group struct {
		Instrument    struct{ ID, Name string }
		BindingFrom   *string
		Participation *struct {
			Status, Ratified, InForce string
			Unverified                bool
			Evidence                  []struct{ Quote string }
		}
		Provisions []struct {
			Provision    struct{ ID, Number string }
			Rights       []struct{ ID string }
			Reservations []struct{ Kind, Article, Text string }
		}
		Obligations []struct {
			Obligation struct{ ID, Text string }
			Evidence   []struct{ Quote string }
		}
	}
	groups := func(vars map[string]any) map[string]group {
		t.Helper()
		res := query(t, ts, obligationsQ, vars)
		if len(res.Errors) > 0 {
			t.Fatalf("obligations %v: %s", vars, res.Raw)
		}
		var gs []group
		b, _ := json.Marshal(res.Data["obligations"])
		if err := json.Unmarshal(b, &gs); err != nil {
			t.Fatal(err)
		}
		m := map[string]group{}
		for _, g := range gs {
			m[g.Instrument.ID] = g
		}
		return m
	}

	// The answer changes across Belgium's ratification of the ECHR.
	if _, ok := groups(map[string]any{"asOf": "1955-06-13"})["instrument:echr"]; ok {
		t.Error("ECHR binds Belgium on 13 June 1955")
	}
	g, ok := groups(map[string]any{"asOf": "1955-06-14"})["instrument:echr"]
	if !ok {
		t.Fatal("ECHR does not bind Belgium on 14 June 1955")
	}
	if g.BindingFrom == nil || *g.BindingFrom != "1955-06-14" || g.Participation == nil || g.Participation.Status != "PARTY" {
		t.Errorf("ECHR group = %+v", g)
	}
	if len(g.Participation.Evidence) != 1 || !strings.Contains(g.Participation.Evidence[0].Quote, "instrument: instrument:echr") {
		t.Errorf("participation evidence = %+v", g.Participation.Evidence)
	}
	if len(g.Obligations) != 1 || !strings.Contains(g.Obligations[0].Obligation.Text, "Belgium must respect and ensure") {
		t.Errorf("ECHR obligations = %+v", g.Obligations)
	}

	// A reservation appears on its article.
	latest := groups(nil)
	found := false
	for _, p := range latest["instrument:iccpr"].Provisions {
		if p.Provision.Number == "Article 10" {
			found = len(p.Reservations) == 2 && p.Reservations[0].Article == "Article 10"
		}
	}
	if !found {
		t.Errorf("no reservation on ICCPR Article 10: %+v", latest["instrument:iccpr"].Provisions)
	}
	// The 1959 Convention's Article 2 is among Belgium's provisions, and the
	// Belgian law's Article 4 § 2, 3° binds Belgium through the law.
	var mla2, law423 bool
	for _, p := range latest["instrument:mutual-assistance-convention"].Provisions {
		mla2 = mla2 || p.Provision.Number == "Article 2"
	}
	for _, p := range latest["instrument:be-law-2004-12-09-mutual-legal-assistance"].Provisions {
		law423 = law423 || p.Provision.Number == "Article 4 § 2, 3°"
	}
	if !mla2 || !law423 {
		t.Errorf("1959 Convention Article 2 present: %v; Belgian law Article 4 § 2, 3° present: %v", mla2, law423)
	}

	// Instrument.parties as of a date: Russia is party in 2020, withdrawn in 2023.
	const partiesQ = `query($asOf: Date) { node(id: "instrument:echr") { ... on Instrument { parties(asOf: $asOf) { state { id } status } } } }`
	status := func(asOf string) map[string]string {
		t.Helper()
		res := query(t, ts, partiesQ, map[string]any{"asOf": asOf})
		if len(res.Errors) > 0 {
			t.Fatalf("parties: %s", res.Raw)
		}
		var ps []struct {
			State  struct{ ID string }
			Status string
		}
		b, _ := json.Marshal(res.Data["node"].(map[string]any)["parties"])
		_ = json.Unmarshal(b, &ps)
		m := map[string]string{}
		for _, p := range ps {
			m[p.State.ID] = p.Status
		}
		return m
	}
	if got := status("2020-01-01"); got["state:RUS"] != "PARTY" || got["state:BEL"] != "PARTY" {
		t.Errorf("parties 2020 = %v", got)
	}
	if got := status("2023-01-01"); got["state:RUS"] != "WITHDRAWN" {
		t.Errorf("parties 2023 = %v", got)
	}

	// violations(stance: FOUND): the ruling, grouped by right, with its quote
	// and the court asserting it.
	res := query(t, ts, `{ violations(state: "BEL", stance: FOUND) {
  right { id }
  provisions { provision { id } claims { stance event { id date } breached { id } evidence { quote } assertedBy { name } } }
} }`, nil)
	if len(res.Errors) > 0 {
		t.Fatalf("violations: %s", res.Raw)
	}
	raw := string(res.Raw)
	for _, want := range []string{`"right:life"`, rulingQuote, `"Brussels Court of Appeal"`, `"FOUND"`} {
		if !strings.Contains(raw, want) {
			t.Errorf("violations response lacks %s: %s", want, raw)
		}
	}
	res = query(t, ts, `{ violations(state: "BEL", from: "2024") { right { id } } }`, nil)
	if len(res.Errors) > 0 || !strings.Contains(string(res.Raw), `"violations":[]`) {
		t.Errorf("violations from 2024: %s", res.Raw)
	}
	res = query(t, ts, `{ obligations(state: "BEL", asOf: "May 2023") { bindingFrom } }`, nil)
	if len(res.Errors) != 1 || res.code(0) == "" {
		t.Errorf("bad asOf: %s", res.Raw)
	}
}
