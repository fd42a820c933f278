package extract

import (
	"strings"
	"testing"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// Groups (asylum seekers, prisoners, journalists, ...) as participants of
// the events done to them or for them.
func TestGroupParticipants(t *testing.T) {
	x := mustExtractor(t)
	tests := []struct {
		name, text string
		typ        string
		want       map[string]string // entity -> role
		count      int64             // 0: no count
	}{
		{"left homeless by denying access", "In 2023 the Greek authorities left thousands of migrants homeless by denying them access to shelter.",
			"OTHER", map[string]string{"state:GRC": "agent", "group:migrants": "target"}, 0},
		{"continued to deny protection to", "The Immigration Office in Belgium continued to deny international protection to most Eritrean refugees.",
			"OTHER", map[string]string{"group:refugees": "target"}, 0},
		{"passive subject denied", "Asylum-seekers were refused entry by the Italian authorities in 2023.",
			"OTHER", map[string]string{"group:asylum-seekers": "target", "state:ITA": "agent"}, 0},
		{"left destitute, passive", "In Poland, hundreds of refugees were left destitute in 2022.",
			"OTHER", map[string]string{"group:refugees": "target"}, 0},
		{"counted group object", "In March the Hungarian government denied 300 asylum seekers access to food.",
			"OTHER", map[string]string{"state:HUN": "agent", "group:asylum-seekers": "target"}, 300},
		{"arrest with count after", "In France, police arrested 25 climate activists in May.",
			"ARREST", map[string]string{"state:FRA": "agent", "group:climate-activists": "target"}, 25},
		{"passive detention", "In Greece, detainees were held in overcrowded cells.",
			"DETENTION", map[string]string{"group:detainees": "target"}, 0},
		{"law aimed at a group", "In June the Italian parliament adopted a law restricting the work of human rights defenders.",
			"LEGISLATION", map[string]string{"group:human-rights-defenders": "target"}, 0},
		{"policy for a group", "In 2021 the Spanish government launched a strategy for unaccompanied minors.",
			"POLICY", map[string]string{"state:ESP": "agent", "group:unaccompanied-minors": "beneficiary"}, 0},
		{"resolution on the safety of", "Last year Norway adopted a resolution on the protection of women and girls.",
			"RESOLUTION", map[string]string{"group:women-and-girls": "beneficiary"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := x.Extract(doc(tt.text))
			var ev *rightsgraph.Event
			for i := range ex.Events {
				if ex.Events[i].Type == tt.typ {
					ev = &ex.Events[i]
				}
			}
			if ev == nil {
				t.Fatalf("no %s event; got %+v", tt.typ, ex.Events)
			}
			roles := map[string]string{}
			for _, p := range ev.Participants {
				roles[p.Entity] = p.Role
			}
			for id, role := range tt.want {
				if role == "" {
					continue
				}
				if roles[id] != role {
					t.Errorf("%s: role %q, want %q; participants %v", id, roles[id], role, ev.Participants)
				}
			}
			switch {
			case tt.count == 0 && ev.Count != nil:
				t.Errorf("count %d, want none", *ev.Count)
			case tt.count != 0 && (ev.Count == nil || *ev.Count != tt.count):
				t.Errorf("count %v, want %d", ev.Count, tt.count)
			}
		})
	}
}

// A denial trigger needs something denied; "left" needs a condition.
func TestNoGroupEventWithoutCue(t *testing.T) {
	x := mustExtractor(t)
	for _, text := range []string{
		"In 2022 the minister left the country for talks with journalists.",
		"The spokesperson denied the allegations made by refugees.",
		"The government should deny asylum seekers nothing they are owed.",
	} {
		ex := x.Extract(doc(text))
		for _, ev := range ex.Events {
			if ev.Type == "OTHER" {
				t.Errorf("%q: unexpected OTHER event %+v", text, ev)
			}
		}
	}
}

// "refused to set a target" withholds nothing from anyone; a denial's
// object follows the verb.
func TestRefusalNeedsDeniedObject(t *testing.T) {
	x := mustExtractor(t)
	for _, text := range []string{
		"The tribunal found a breach of the duty of care owed to detainees, but it refused to set a deadline.",
		"Access to the camp was easy, although the guards refused journalists' questions.",
	} {
		for _, ev := range x.Extract(doc(text)).Events {
			if ev.Type == "OTHER" {
				t.Errorf("%q: unexpected OTHER event %+v", text, ev)
			}
		}
	}
	ex := x.Extract(doc("In 2022 the Danish authorities refused to register stateless persons for health care."))
	found := false
	for _, ev := range ex.Events {
		if ev.Type == "OTHER" && hasParticipant(ev.Participants, "group:stateless-persons") {
			found = true
		}
	}
	if !found {
		t.Errorf("no OTHER event with group:stateless-persons; got %+v", ex.Events)
	}
}

// One id for a group however the text capitalises it, but no group inside
// a name written in title case.
func TestGroupCapitalisation(t *testing.T) {
	x := mustExtractor(t)
	got := entityIDs(x.Extract(doc("The NGO warned that Human Rights defenders face reprisals in many countries.")))
	if _, ok := got["group:human-rights-defenders"]; !ok {
		t.Errorf("missing group:human-rights-defenders; got %v", keys(got))
	}
	got = entityIDs(x.Extract(doc("She works for the Agency for the Reception of Asylum Seekers in Brussels.")))
	if _, ok := got["group:asylum-seekers"]; ok {
		t.Errorf("unexpected group:asylum-seekers inside a name; got %v", keys(got))
	}
	got = entityIDs(x.Extract(doc("Asylum-seekers and asylum seekers are one group.")))
	n := 0
	for id := range got {
		if strings.HasPrefix(id, "group:asylum") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("want one asylum-seekers group; got %v", keys(got))
	}
}
