package extract

import "testing"

// Who condemns, welcomes or asks for an event named by a noun takes no part
// in it; who calls for a protest organises it.
func TestReactorIsNoParticipant(t *testing.T) {
	x := mustExtractor(t)
	cases := []struct {
		text, typ, absent, present string
	}{
		{"Lithuania strongly condemns today's verdict of the Lenininsky District Court of Minsk against Ales Bialiatski.",
			"RULING", "state:LTU", "person:ales-bialiatski"},
		{"On 3 March 2023 Amnesty International called for the release of Ales Bialiatski, detained by Belarus since 2021.",
			"RELEASE", "organization:amnesty-international", ""},
	}
	for _, c := range cases {
		out := x.Extract(doc("Belarus 2023\n\n" + c.text))
		for _, ev := range out.Events {
			if ev.Type != c.typ {
				continue
			}
			if hasParticipant(ev.Participants, c.absent) {
				t.Errorf("%q: %s is a participant of the %s: %+v", c.text, c.absent, c.typ, ev.Participants)
			}
			if c.present != "" && !hasParticipant(ev.Participants, c.present) {
				t.Errorf("%q: %s missing from the %s: %+v", c.text, c.present, c.typ, ev.Participants)
			}
		}
	}
	out := x.Extract(doc("Belgium 2024\n\nThe Belgian League of Human Rights calls for a rally in front of the Parliament on 21 February 2024."))
	organised := false
	for _, ev := range out.Events {
		for _, p := range ev.Participants {
			organised = organised || ev.Type == "PROTEST" && p.Role == "organizer"
		}
	}
	if !organised {
		t.Errorf("who calls for a rally does not organise it: %+v", out.Events)
	}
}

// An arrest or detention with no one named is the act of the state the
// sentence, else the sentence before it in its paragraph, places it in,
// not of the state whose ministry wrote the text; a count of victims with
// only a date and no one named is no event.
func TestUnnamedAgentFromContext(t *testing.T) {
	x := mustExtractor(t)
	out := x.Extract(doc("Lithuania 2023\n\nLithuania condemns the verdict. There are more than 1,400 political prisoners in Belarus. Since August 2020, tens of thousands of people have been detained.\n\nAt least 11 people have been killed since 16 December 2022."))
	detained := false
	for _, ev := range out.Events {
		if ev.Type == "DETENTION" {
			detained = true
			if !hasParticipant(ev.Participants, "state:BLR") || hasParticipant(ev.Participants, "state:LTU") {
				t.Errorf("detention participants %+v, want Belarus and not Lithuania", ev.Participants)
			}
		}
		if ev.Type == "KILLING" {
			t.Errorf("a count of victims naming no one is an event: %+v", ev)
		}
	}
	if !detained {
		t.Errorf("no DETENTION in %+v", out.Events)
	}
}

// Who speaks: not the states of a relative clause about the speakers; an
// office in apposition to its holder speaks with them. What a court's judges
// found is no report.
func TestSpeakersAndJudges(t *testing.T) {
	x := mustExtractor(t)
	out := x.Extract(doc("United Kingdom 2023\n\nOn 15 November 2023 lawyers for the claimants, who came from Syria, Iraq and Iran, said the Home Office should process the claims."))
	for _, ev := range out.Events {
		for _, p := range ev.Participants {
			if p.Role == "agent" && (p.Entity == "state:IRQ" || p.Entity == "state:IRN" || p.Entity == "state:SYR") {
				t.Errorf("%s, where the claimants came from, is an agent of the %s", p.Entity, ev.Type)
			}
		}
	}
	out = x.Extract(doc("Afghanistan 2025\n\nOn 18 August 2025 the UN Special Rapporteur on the situation of human rights in Afghanistan, Richard Bennett, said that women were being erased from public life."))
	n := 0
	for _, ev := range out.Events {
		if ev.Type != "STATEMENT" {
			continue
		}
		for _, p := range ev.Participants {
			if p.Role == "agent" {
				n++
			}
		}
	}
	if n != 2 {
		t.Errorf("the Rapporteur and Richard Bennett: %d agents, want 2: %+v", n, out.Events)
	}
	out = x.Extract(doc("Portugal 2024\n\nOn 9 April 2024, in Duarte Agostinho v. Portugal, the judges found that the applicants had not exhausted domestic remedies."))
	for _, ev := range out.Events {
		if ev.Type == "REPORT" {
			t.Errorf("the judges' finding is a REPORT: %+v", ev)
		}
	}
}
