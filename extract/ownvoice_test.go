package extract

import "testing"

// A post in an organisation written with a speaker's name links the person
// to it (AFFILIATED_WITH with the post as title: HOLDS_POSITION is for states
// and institutions), and that person's words in the organisation's own
// release are no event (an institution's are: TestOneEventPerClause).
func TestOrganisationStaffVoice(t *testing.T) {
	x := mustExtractor(t)
	cases := []struct {
		text, person, org, title string
	}{
		{"“The authorities must free him,” said Amnesty International Director Jane Smith.",
			"person:jane-smith", "organization:amnesty-international", "Director"},
		{"“The authorities must free him,” Amnesty International Europe and Central Asia Program Coordinator Jane Smith said.",
			"person:jane-smith", "organization:amnesty-international", "Europe and Central Asia Program Coordinator"},
		{"“The authorities must free him,” said Jane Smith, Deputy Director for the Middle East and North Africa at Amnesty International.",
			"person:jane-smith", "organization:amnesty-international", "Deputy Director for the Middle East and North Africa"},
		{"“The authorities must free him,” said Jane Smith, a researcher with Human Rights Watch.",
			"person:jane-smith", "organization:human-rights-watch", "a researcher"},
	}
	for _, c := range cases {
		out := x.Extract(doc("Iran 2024\n\n" + c.text))
		found := false
		for _, r := range out.Relations {
			if r.From != c.person || r.To != c.org {
				continue
			}
			if r.Type != "AFFILIATED_WITH" {
				t.Errorf("%q: %s to an organisation, want AFFILIATED_WITH", c.text, r.Type)
				continue
			}
			found = true
			if r.Props["title"] != c.title {
				t.Errorf("%q: title %v, want %q", c.text, r.Props["title"], c.title)
			}
		}
		if !found {
			t.Errorf("%q: no AFFILIATED_WITH %s -> %s in %+v", c.text, c.person, c.org, out.Relations)
		}
		for _, ev := range out.Events {
			if ev.Type == "STATEMENT" {
				t.Errorf("%q: the NGO staff's words are an event: %+v", c.text, ev)
			}
		}
	}
}

// An official's post written after the name links the person to the
// institution, and the official's statement stays an event.
func TestInstitutionPostAfterName(t *testing.T) {
	x := mustExtractor(t)
	out := x.Extract(doc("Iran 2024\n\n“The authorities must free him,” said Jane Smith, spokesperson of the European Commission."))
	found := false
	for _, r := range out.Relations {
		if r.Type == "HOLDS_POSITION" && r.From == "person:jane-smith" && r.Props["title"] == "spokesperson" {
			found = true
		}
	}
	if !found {
		t.Errorf("no HOLDS_POSITION with title spokesperson in %+v", out.Relations)
	}
	statement := false
	for _, ev := range out.Events {
		statement = statement || ev.Type == "STATEMENT"
	}
	if !statement {
		t.Errorf("an official's words gave no STATEMENT: %+v", out.Events)
	}
}

// A news outlet reporting is where the text got its facts, not an event; an
// NGO's report stays one.
func TestMediaReportIsSource(t *testing.T) {
	x := mustExtractor(t)
	reports := func(text string) int {
		n := 0
		for _, ev := range x.Extract(doc("Kazakhstan 2012\n\n" + text)).Events {
			if ev.Type == "REPORT" {
				n++
			}
		}
		return n
	}
	if n := reports("The charges against the editor were not backed by any evidence, independent newspaper Respublika reported on 20 January 2012."); n != 0 {
		t.Errorf("a newspaper's reporting gave %d REPORT events", n)
	}
	if n := reports("On 20 January 2012 Human Rights Watch published a report documenting the torture of detainees in Almaty."); n != 1 {
		t.Errorf("an NGO's published report gave %d REPORT events, want 1", n)
	}
}
