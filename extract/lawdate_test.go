package extract

import "testing"

// An undated law-making takes its date from the law's name, and only when
// the names in its sentence agree.
func TestLegislationDatedByTheLawsName(t *testing.T) {
	x := mustExtractor(t)
	for _, tt := range []struct{ text, want string }{
		{"Analysis\n\nThe parliament of Hungary recently adopted the Media Services Act 2010.", "2010"},
		{"Analysis\n\nIn this analysis, ARTICLE 19 comments on the recently passed Act on the Defence of National Sovereignty (2023) in Hungary.", "2023"},
		// two laws of different years: no date rather than a wrong one
		{"Analysis\n\nThe parliament of Hungary recently adopted the Media Services Act 2010 and amended the Civil Code 2013.", ""},
	} {
		out := x.Extract(doc(tt.text))
		found := false
		for _, ev := range out.Events {
			if ev.Type == "LEGISLATION" {
				found = true
				if ev.Date != tt.want {
					t.Errorf("%q: LEGISLATION dated %q, want %q", tt.text, ev.Date, tt.want)
				}
			}
		}
		if !found {
			t.Errorf("%q: no LEGISLATION event", tt.text)
		}
	}
}
