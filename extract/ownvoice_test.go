package extract

import "testing"

// A post in an organisation named before a speaker links the person to it,
// and that person's words in the organisation's own release are no event
// (an institution's are: TestOneEventPerClause).
func TestOrganisationStaffVoice(t *testing.T) {
	x := mustExtractor(t)
	out := x.Extract(doc("Iran 2024\n\n“The authorities must free him,” said Amnesty International Director Jane Smith."))
	found := false
	for _, r := range out.Relations {
		if r.Type == "HOLDS_POSITION" && r.From == "person:jane-smith" && r.To == "organization:amnesty-international" {
			found = true
			if r.Props["title"] != "Director" {
				t.Errorf("title %v, want Director", r.Props["title"])
			}
		}
	}
	if !found {
		t.Errorf("no HOLDS_POSITION person:jane-smith -> organization:amnesty-international in %+v", out.Relations)
	}
	for _, ev := range out.Events {
		if ev.Type == "STATEMENT" {
			t.Errorf("the NGO director's words are an event: %+v", ev)
		}
	}
}
