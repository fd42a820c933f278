package extract

import "regexp"

// reReportRelease: a speaker who is releasing a report as they speak,
// "said the Commissioner ..., when presenting his report on the Kingdom
// today", "said X, launching the organisation's annual report".
var reReportRelease = regexp.MustCompile(`(?i)\b(?:present|presenting|presented|publish|publishing|published|release|releasing|released|launch|launching|launched|issue|issuing|issued)\s+(?:(?:his|her|its|their|the|a|an|this|new|latest|annual|first|final|[A-Z][\w'’-]*'s|[A-Z][\w-]*’s)\s+){0,3}report\b`)

// statementsOfReports retypes as REPORT a statement whose speaker is, in the
// same sentence, presenting their report: the event is the report, the
// quote its summary. When that sentence already gave the report (from the
// noun) with one of the same agents, the statement is a second copy of it
// and goes.
func (d *docState) statementsOfReports() {
	drop := map[int]bool{}
	into := map[string]string{} // dropped statement id -> the report kept
	for i := range d.out.Events {
		ev := &d.out.Events[i]
		if ev.Type != "STATEMENT" || len(ev.Evidence) == 0 || !hasRole(ev.Participants, "agent") {
			continue
		}
		if !reReportRelease.MatchString(ev.Evidence[0].Quote) {
			continue
		}
		ev.Type = "REPORT"
		for j := range d.out.Events {
			o := &d.out.Events[j]
			if j == i || drop[j] || o.Type != "REPORT" || len(o.Evidence) == 0 || o.Evidence[0].Start != ev.Evidence[0].Start {
				continue
			}
			for _, p := range ev.Participants {
				if p.Role == "agent" && hasParticipant(o.Participants, p.Entity) && !drop[i] {
					drop[i] = true
					into[ev.ID] = o.ID
				}
			}
		}
	}
	if len(drop) == 0 {
		return
	}
	// what the statement was the source or subject of now comes from the report
	for i := range d.out.Obligations {
		if o := d.out.Obligations[i].Source; o != nil && into[*o] != "" {
			v := into[*o]
			d.out.Obligations[i].Source = &v
		}
	}
	for i := range d.out.Relations {
		r := &d.out.Relations[i]
		if v := into[r.From]; v != "" {
			r.From = v
		}
		if v := into[r.To]; v != "" {
			r.To = v
		}
	}
	evs := d.out.Events[:0]
	for i, ev := range d.out.Events {
		if !drop[i] {
			evs = append(evs, ev)
		}
	}
	d.out.Events = evs
}
