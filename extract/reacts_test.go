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
