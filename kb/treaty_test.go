package kb

import (
	"reflect"
	"testing"
)

func mustDefault(t *testing.T) *KB {
	t.Helper()
	k, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestProvisionSlug(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Article 2", "art-2"},
		{"article 2", "art-2"},
		{"Art. 8", "art-8"},
		{"Art. 8 § 1", "art-8-1"},
		{"Article 4, § 2 , 3°", "art-4-2-3"},
		{"Article 4 § 2, 3°", "art-4-2-3"},
		{"Article 4(2)(c)", "art-4-2-c"},
		{"Article 2bis", "art-2bis"},
		{"Article 1 of Protocol No. 1", "art-1"},
		{"Article 2 of the Convention", "art-2"},
		{"Articles 2 and 8", "art-2-8"},
		{"Rule 39", "rule-39"},
		{"§ 2", "para-2"},
		{"Artikel 3 EVRM", "art-3"},
		{"Article IV", "art-iv"},
		{"Preamble", "preamble"},
		{"the Convention", ""},
		{"", ""},
	} {
		if got := ProvisionSlug(tc.in); got != tc.want {
			t.Errorf("ProvisionSlug(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestInstrumentByName(t *testing.T) {
	k := mustDefault(t)
	for _, tc := range []struct{ in, want string }{
		{"European Convention on Human Rights", "instrument:echr"},
		{"the European Convention on Human Rights", "instrument:echr"},
		{"ECHR", "instrument:echr"},
		{"Convention européenne des droits de l’homme", "instrument:echr"},
		{"Europees Verdrag voor de Rechten van de Mens", "instrument:echr"},
		{"Convention on Mutual Assistance in Criminal Matters", "instrument:mutual-assistance-convention"},
		{"Convention on Mutual Assistance in Criminal Matters of the Council of Europe", "instrument:mutual-assistance-convention"},
		{"UN Charter", "instrument:un-charter"},
		{"Charter of the United Nations", "instrument:un-charter"},
		{"CAT", "instrument:cat"},
		{"Law of 9 December 2004", "instrument:be-law-2004-12-09-mutual-legal-assistance"},
		{"1951 Refugee Convention", "instrument:refugee-convention"},
	} {
		got, ok := k.InstrumentByName(tc.in)
		if !ok || got.ID != tc.want {
			t.Errorf("InstrumentByName(%q) = %v %v, want %s", tc.in, got, ok, tc.want)
		}
	}
	if got, ok := k.InstrumentByName("cat"); ok {
		t.Errorf("lower-case cat resolved to %s", got.ID)
	}
	if got, ok := k.InstrumentByName("the Convention"); ok {
		t.Errorf("bare 'the Convention' resolved to %s", got.ID)
	}
}

func TestInstrumentMentions(t *testing.T) {
	k := mustDefault(t)
	text := "Similarly, Article 2 of the Convention on Mutual Assistance in Criminal Matters of the Council of Europe (Strasbourg 20.4.1959) and the ECHR, but not a cat."
	ms := k.InstrumentMentions(text)
	var ids []string
	for _, m := range ms {
		ids = append(ids, m.ID)
	}
	want := []string{"instrument:mutual-assistance-convention", "instrument:echr"}
	if !reflect.DeepEqual(ids, want) {
		t.Fatalf("mentions = %v, want %v", ids, want)
	}
	if q := text[ms[0].Start:ms[0].End]; q != "Convention on Mutual Assistance in Criminal Matters of the Council of Europe" {
		t.Errorf("first mention quotes %q", q)
	}
}

func TestRightsIn(t *testing.T) {
	k := mustDefault(t)
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"the rights to life and to private life", []string{"right:life", "right:private-life"}},
		{"had violated the rights to life and to private life of the plaintiffs.", []string{"right:life", "right:private-life"}},
		{"Freedom of expression and assembly", []string{"right:freedom-of-expression", "right:freedom-of-assembly"}},
		{"prohibition of torture", []string{"right:freedom-from-torture"}},
		{"inhuman or degrading treatment", []string{"right:freedom-from-torture"}},
		{"Right to a healthy environment", []string{"right:healthy-environment"}},
		{"respect for private and family life", []string{"right:private-life"}},
		{"freedom of peaceful assembly", []string{"right:freedom-of-assembly"}},
		{"principle of non-refoulement", []string{"right:non-refoulement"}},
		{"the right to seek asylum", []string{"right:asylum"}},
		{"their life was at risk", nil},
		{"the right to a happy birthday", nil},
	} {
		if got := k.RightsIn(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("RightsIn(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestImpliedInstruments(t *testing.T) {
	k := mustDefault(t)
	if got := k.ImpliedInstruments("institution:ecthr"); !reflect.DeepEqual(got, []string{"instrument:echr"}) {
		t.Errorf("ECtHR implies %v", got)
	}
	if got := k.ImpliedInstruments("institution:committee-against-torture"); !reflect.DeepEqual(got, []string{"instrument:cat"}) {
		t.Errorf("CAT committee implies %v", got)
	}
}

func TestParticipationStatus(t *testing.T) {
	p := Participation{State: "XXX", Instrument: "instrument:x", Signed: "2000-01-10", Ratified: "2001-03-01", InForce: "2001-06-01", Withdrawn: "2022-09-16"}
	for _, tc := range []struct{ date, want string }{
		{"1999", ""},
		{"2000-06-01", StatusSignatory},
		{"2001-04-01", StatusRatified},
		{"2001-06-01", StatusParty},
		{"2022-09-15", StatusParty},
		{"2022-09-16", StatusWithdrawn},
		{"", StatusWithdrawn},
	} {
		if got := p.Status(tc.date); got != tc.want {
			t.Errorf("Status(%q) = %q, want %q", tc.date, got, tc.want)
		}
	}
	k := &KB{Participation: []Participation{p, {State: "YYY", Instrument: "instrument:x", Ratified: "2010", InForce: "2010-02-01"}}}
	if got := k.PartiesAsOf("instrument:x", "2005-01-01"); len(got) != 1 || got[0].State != "XXX" {
		t.Errorf("parties 2005 = %v", got)
	}
	if got := k.PartiesAsOf("instrument:x", "2023-01-01"); len(got) != 1 || got[0].State != "YYY" {
		t.Errorf("parties 2023 = %v", got)
	}
	if got := k.BindingAsOf("XXX", "2010-03-01"); len(got) != 1 {
		t.Errorf("XXX binding 2010 = %v", got)
	}
}

func TestReservationsAsOf(t *testing.T) {
	p := Participation{Reservations: []Reservation{
		{Kind: "reservation", Article: "Article 10", Text: "a", Made: "1990"},
		{Kind: "declaration", Article: "Article 5", Text: "b", Made: "1990", Withdrawn: "2000-05-01"},
	}}
	if got := p.ReservationsAsOf("1995"); len(got) != 2 {
		t.Errorf("1995: %v", got)
	}
	if got := p.ReservationsAsOf("2001"); len(got) != 1 || got[0].Article != "Article 10" {
		t.Errorf("2001: %v", got)
	}
	if got := p.ReservationsAsOf("1989"); len(got) != 0 {
		t.Errorf("1989: %v", got)
	}
}

func TestMergeInstruments(t *testing.T) {
	got := mergeInstruments([]Instrument{
		{ID: "instrument:a", Name: "A", Binding: true, Provisions: []Provision{{Number: "Article 1"}}},
		{ID: "instrument:b", Name: "B"},
		{ID: "instrument:a", Provisions: []Provision{{Number: "Art. 1", Title: "dup"}, {Number: "Article 2"}}},
	})
	if len(got) != 2 || got[0].Name != "A" || !got[0].Binding || len(got[0].Provisions) != 2 || got[0].Provisions[1].Number != "Article 2" {
		t.Fatalf("merged = %+v", got)
	}
}
