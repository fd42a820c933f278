package extract

import (
	"strings"
	"testing"
)

// Duties an instrument imposes on its parties, and the duty a court's
// suspension of a measure puts on the state that took it.
func TestDutiesFromInstrumentsAndOrders(t *testing.T) {
	x := mustExtractor(t)
	out := x.Extract(doc("Greece 2021\n\nThe court recalled Article 33 of the Refugee Convention, which obliges the States parties to refrain from returning refugees to persecution."))
	ok := false
	for _, o := range out.Obligations {
		if o.Bound == "state:GRC" && o.Provision != nil && *o.Provision == "Article 33" {
			ok = true
		}
	}
	if !ok {
		t.Errorf("the States parties of a provision in a text about Greece: %+v", out.Obligations)
	}

	out = x.Extract(doc("Poland 2022\n\nOn 3 May 2022 the Supreme Administrative Court of Poland suspended the regulation on border zones."))
	var ruling string
	for _, e := range out.Events {
		if e.Type == "RULING" {
			ruling = e.ID
		}
	}
	ok = false
	for _, o := range out.Obligations {
		if o.Bound == "state:POL" && o.Source != nil && *o.Source == ruling && o.Modality == "must_not" {
			ok = true
		}
	}
	if ruling == "" || !ok {
		t.Errorf("a suspended measure binds its state, established by the ruling %q: %+v", ruling, out.Obligations)
	}
}

// Only the subject of an active verb does it: a by-phrase before the
// subject names someone else's act, and a judge who sentences decides.
func TestSubjectsAct(t *testing.T) {
	x := mustExtractor(t)
	out := x.Extract(doc("Belgium 2023\n\nIn December, following opposition by trade unions, the government withdrew its proposed ban on demonstrations."))
	for _, e := range out.Events {
		for _, p := range e.Participants {
			if p.Entity == "group:trade-unions" && p.Role == "agent" {
				t.Errorf("the unions that opposed it are the agent of %s", e.Type)
			}
		}
	}
	out = x.Extract(doc("Belarus 2011\n\nOn 24 November 2011, Judge Anton Kireyeu of the Minsk City Court sentenced the activist to four years."))
	ok := false
	for _, e := range out.Events {
		for _, p := range e.Participants {
			if (e.Type == "CONVICTION" || e.Type == "RULING") && p.Role == "authority" && strings.HasPrefix(p.Entity, "person:") {
				ok = true
			}
		}
	}
	if !ok {
		t.Errorf("the sentencing judge is no authority: %+v", out.Events)
	}
}

// Events the rules of the rework find, in sentences written for the test.
func TestEventClasses(t *testing.T) {
	x := mustExtractor(t)
	for _, tt := range []struct{ text, typ, date string }{
		{"Belarus 2022\n\nThe experts raised concerns about Maria Kalesnikava's arbitrary detention since 7 September 2020.", "DETENTION", "2020-09-07"},
		{"Belarus 2022\n\nFrom the outset of Maria Kalesnikava's detention on 7 September, she was held incommunicado.", "DETENTION", "2022-09-07"},
		{"Russia 2024\n\nLast week the widow of Boris Nemtsov spoke at the Foreign Affairs Council in Brussels.", "MEETING", ""},
		{"Kenya 2024\n\nIn May 2024, the police confiscated the computers of the newspaper.", "OTHER", "2024-05"},
		{"Belgium 2009\n\nThe report welcomes the new policy not to detain families with children.", "POLICY", ""},
		{"Egypt 2011\n\nThe organisation spoke out today after the army violently dispersed protests in Cairo.", "ATTACK", ""},
		{"Myanmar 2022\n\nThe death penalty is back. In July, the junta in Myanmar had four democracy activists executed.", "EXECUTION", "2022-07"},
	} {
		out := x.Extract(doc(tt.text))
		ok := false
		for _, e := range out.Events {
			if e.Type == tt.typ && (tt.date == "" || e.Date == tt.date) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%q: no %s %s in %+v", tt.text, tt.typ, tt.date, out.Events)
		}
	}
}
