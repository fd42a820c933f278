package extract

import (
	"regexp"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// reYearAfter: a year in brackets right after a name, "the Act on the
// Defence of National Sovereignty (2023)".
var reYearAfter = regexp.MustCompile(`^\s*\(((?:19|20)\d{2})\)`)

// dateLegislationByName dates an undated LEGISLATION event by the law it is
// about, when the law's name says when it was made: "Human Rights Act 1998",
// "Law of 9 December 2004", "the Act ... (2023)". The name is a mention of
// an Instrument inside the event's own evidence; a law named with two
// different dates gives none.
func (d *docState) dateLegislationByName() {
	for i := range d.out.Events {
		ev := &d.out.Events[i]
		if ev.Type != "LEGISLATION" || ev.Date != "" || len(ev.Evidence) == 0 {
			continue
		}
		span := ev.Evidence[0]
		date := ""
		for _, m := range d.ments {
			if d.ents[m.ent].e.Kind != rightsgraph.KindInstrument {
				continue
			}
			a, b := d.toks[m.t0].start, d.toks[m.t1-1].end
			if a < span.Start || b > span.End {
				continue
			}
			v := ""
			if ds := findDates(d.text[a:b], ""); len(ds) == 1 && ds[0].hasYear {
				v = ds[0].value
			} else if len(ds) == 0 {
				if g := reYearAfter.FindStringSubmatch(d.text[b:min(len(d.text), b+12)]); g != nil {
					v = g[1]
				}
			}
			if v == "" {
				continue
			}
			if date != "" && date != v {
				date = ""
				break
			}
			date = v
		}
		ev.Date = date
	}
}
