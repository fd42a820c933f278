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
