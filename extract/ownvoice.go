package extract

import rightsgraph "github.com/rightsgraph/rightsgraph"

// dropOwnVoice removes the statements that are only a non-governmental
// voice speaking in its own document: "CPJ condemns today's ruling",
// "'...,' Amnesty's director said". Such a press statement is the document
// itself (its publisher, quotes and claims are already in the graph), not
// something that happened in the world the way a minister's speech, a UN
// expert's call or a court's announcement is. A statement is kept when it
// carries a claim (it alleges a violation) or is the source of an
// obligation, when any of its agents is a state, an institution or a person
// not known to speak for an organisation, so the public acts of officials
// stay events.
func (d *docState) dropOwnVoice() {
	kind := make(map[string]string, len(d.ents))
	media := map[string]bool{}
	for _, de := range d.ents {
		kind[de.e.ID] = de.e.Kind
		media[de.e.ID] = de.e.Kind == rightsgraph.KindOrganization && de.e.Category == "company"
	}
	// persons speaking for organisations only (a membership or position in
	// an Organization and none in a state or institution)
	orgOnly := map[string]bool{}
	official := map[string]bool{}
	for _, r := range d.out.Relations {
		if (r.Type != "MEMBER_OF" && r.Type != "HOLDS_POSITION" && r.Type != "AFFILIATED_WITH") || kind[r.From] != rightsgraph.KindPerson {
			continue
		}
		if kind[r.To] == rightsgraph.KindOrganization {
			orgOnly[r.From] = true
		} else {
			official[r.From] = true
		}
	}
	keep := map[string]bool{}
	for _, r := range d.out.Relations {
		if r.Type == "ALLEGES_VIOLATION_OF" || r.Type == "FINDS_VIOLATION_OF" {
			keep[r.From] = true
		}
	}
	for _, o := range d.out.Obligations {
		if o.Source != nil {
			keep[*o.Source] = true
		}
	}
	evs := d.out.Events[:0]
	for _, ev := range d.out.Events {
		if ev.Type == "STATEMENT" && !keep[ev.ID] && ngoVoice(ev.Participants, kind, orgOnly, official) {
			continue
		}
		// "..., independent newspaper Respublika reported": a news outlet
		// reporting is where the text got its facts, not an event
		if (ev.Type == "REPORT" || ev.Type == "STATEMENT") && !keep[ev.ID] && mediaVoice(ev.Participants, media) {
			continue
		}
		evs = append(evs, ev)
	}
	d.out.Events = evs
}

// ngoVoice: the statement has agents, and every one is an organisation, an
// unorganised group, or a person who speaks only for organisations.
func ngoVoice(ps []rightsgraph.Participant, kind map[string]string, orgOnly, official map[string]bool) bool {
	agents := 0
	for _, p := range ps {
		if p.Role != "agent" {
			continue
		}
		agents++
		switch kind[p.Entity] {
		case rightsgraph.KindOrganization, rightsgraph.KindGroup:
		case rightsgraph.KindPerson:
			if !orgOnly[p.Entity] || official[p.Entity] {
				return false
			}
		default:
			return false
		}
	}
	return agents > 0
}

// mediaVoice: the event has agents and every one is a news outlet.
func mediaVoice(ps []rightsgraph.Participant, media map[string]bool) bool {
	agents := 0
	for _, p := range ps {
		if p.Role != "agent" {
			continue
		}
		agents++
		if !media[p.Entity] {
			return false
		}
	}
	return agents > 0
}
