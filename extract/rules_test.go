package extract

import (
	"testing"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// Rules for texts beyond the seed corpus, one behaviour per case (the
// held-out sets in evalextra_test.go measure them together).

func TestNamesWithoutCueWords(t *testing.T) {
	x := mustExtractor(t)
	tests := []struct {
		name, text    string
		want, notWant []string
	}{
		{"appositive role", "Ibrahim Musa, a 27-year-old tailor from Kano, said he saw it.", []string{"person:ibrahim-musa"}, nil},
		{"role then name in commas", "A police spokesperson, Olumide Bakare, told journalists that officers had acted with restraint.", []string{"person:olumide-bakare"}, nil},
		{"verb of speech after", "Chinedu Eze told the court that his clients had been held for weeks.", []string{"person:chinedu-eze"}, nil},
		{"age before", "The protests started after the death in custody of 22-year-old Jina Mahsa Amini.", []string{"person:jina-mahsa-amini"}, nil},
		{"who after", "In May, Dorota Lalik, who was five months pregnant, died in hospital.", []string{"person:dorota-lalik"}, nil},
		{"as a role", "In December, the Sejm elected Donald Tusk as prime minister.", []string{"person:donald-tusk", "institution:pl-sejm"}, nil},
		{"given name before a demonym", "The High Commissioner for Human Rights, Volker Türk, urged restraint.", []string{"person:volker-turk"}, []string{"state:TUR"}},
		{"coordinated after a role", "His colleagues from the centre, Valiantsin Stefanovich and Uladzimir Labkovich, received long sentences.", []string{"person:valiantsin-stefanovich", "person:uladzimir-labkovich"}, nil},
		{"title and honorific merge", "Türkiye asked for the extradition of Deniz Arslan, who lives in Basel. Mr Arslan denies the charges.", []string{"person:deniz-arslan", "place:basel"}, []string{"person:mr-arslan"}},
		{"an organisation speaks", "Human Rights Watch said the killings must be investigated.", []string{"organization:human-rights-watch"}, []string{"person:human-rights-watch"}},
		{"a university is no person", "Eva Brems, a professor at Ghent University, said the law was weak.", []string{"person:eva-brems", "organization:ghent-university"}, []string{"person:ghent-university"}},
		{"after the, still a title", "Addressed to: Paul Van Tigchelt, Deputy Prime Minister and Minister of Justice and the North Sea", []string{"person:paul-van-tigchelt"}, []string{"person:north-sea"}},
		{"a mayor of a town", "Damien Carême, a former mayor of Grande-Synthe, lost his case.", []string{"person:damien-careme"}, []string{"person:grande-synthe"}},
		{"a city is no person", "In the end Hong Kong said nothing about the arrests.", []string{"place:hong-kong"}, []string{"person:hong-kong"}},
		{"organisation noun before", "She co-founded the collective Abortion Dream Team in 2006.", []string{"organization:abortion-dream-team"}, nil},
		{"organisation appositive", "Grupa Granica, a network of volunteers, recorded hundreds of pushbacks.", []string{"organization:grupa-granica"}, []string{"person:grupa-granica"}},
		{"whose director", "Rights groups, among them Freedom from Torture, whose chief executive had opposed the plan, welcomed it.", []string{"organization:freedom-from-torture"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkIDs(t, entityIDs(x.Extract(doc(tt.text))), tt.want, tt.notWant)
		})
	}
}

func TestUnseenBodies(t *testing.T) {
	x := mustExtractor(t)
	tests := []struct {
		name, text    string
		want, notWant []string
	}{
		{"court and its seat", "In Kenya, the High Court in Nairobi ordered the police to stop.", []string{"institution:ken-high-court-in-nairobi", "place:nairobi"}, nil},
		{"lower-case government after a place", "In Nigeria, the Kano State government imposed a curfew.", []string{"institution:nga-kano-state-government"}, nil},
		{"a leader's government is the state's", "In Hungary, the Orbán government passed the law.", []string{"state:HUN"}, []string{"institution:hun-orban-government"}},
		{"a state's government is the state", "The Belgian government withdrew the bill.", []string{"state:BEL"}, []string{"institution:bel-belgian-government"}},
		{"police force", "In Nigeria, the Nigeria Police Force denied the killings.", []string{"institution:nigeria-police-force"}, nil},
		{"office title before a name", "HRW called on the Inspector-General of Police, Kayode Egbetokun, to act.", []string{"person:kayode-egbetokun"}, []string{"institution:inspector-general-of-police"}},
		{"office as a body", "The office of the Attorney General of the Federation withdrew the charges in Nigeria.", []string{"institution:nga-attorney-general-of-the-federation"}, nil},
		{"mandate title", "The UN Special Rapporteur on the situation of human rights in Afghanistan, Richard Bennett, spoke.", []string{"institution:un-special-rapporteur-on-the-situation-of-human-rights-in-afghanistan", "person:richard-bennett"}, []string{"institution:united-nations"}},
		{"state-qualified names merge", "The UK Supreme Court ruled. The Supreme Court of the United Kingdom is the highest court. The Supreme Court was unanimous.", []string{"institution:uk-supreme-court"}, []string{"institution:gbr-supreme-court"}},
		{"short start of a known name", "The Court of Justice of the European Union ruled. The Court of Justice had said so before.", []string{"institution:cjeu"}, []string{"institution:court-of-justice"}},
		{"intergovernmental name as modifier", "The African Union Commission condemned the statement.", []string{"institution:african-union-commission"}, []string{"institution:african-union"}},
		{"numbered law", "Decree-Law 54 was used against journalists in Tunisia.", []string{"instrument:decree-law-54"}, nil},
		{"generic modifier alone is no instrument", "Swiss law and the European Convention require it.", nil, []string{"instrument:european-convention"}},
		{"a state party is no party", "As a State party to the Covenant, Iran is obliged to respect it.", nil, []string{"organization:state-party"}},
		{"law by its French date", "Selon l'article 4 de la loi du 9 décembre 2004, la demande doit être refusée.", []string{"instrument:be-law-2004-12-09-mutual-legal-assistance"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkIDs(t, entityIDs(x.Extract(doc(tt.text))), tt.want, tt.notWant)
		})
	}
}

func TestGazetteer(t *testing.T) {
	x := mustExtractor(t)
	out := x.Extract(doc("Around 800 people gathered in Vienna. Others marched in Den Haag."))
	got := entityIDs(out)
	for _, id := range []string{"place:vienna", "place:the-hague"} {
		if _, ok := got[id]; !ok {
			t.Errorf("missing %s; got %v", id, keys(got))
		}
	}
	if _, ok := got["state:AUT"]; ok {
		t.Error("a place's state is related, not made an entity of the text")
	}
	located := map[string]string{}
	for _, r := range out.Relations {
		if r.Type == "LOCATED_IN" {
			located[r.From] = r.To
		}
	}
	// the states are not named, so not entities: no relation may point at them
	if len(located) != 0 {
		t.Errorf("LOCATED_IN to states the text does not name: %v", located)
	}
	out = x.Extract(doc("Around 800 people gathered in Vienna, the capital of Austria."))
	located = map[string]string{}
	for _, r := range out.Relations {
		if r.Type == "LOCATED_IN" {
			located[r.From] = r.To
		}
	}
	if located["place:vienna"] != "state:AUT" {
		t.Errorf("LOCATED_IN %v", located)
	}
	// "Paris Agreement" is an instrument, not Paris
	if _, ok := entityIDs(x.Extract(doc("France signed the Paris Agreement.")))["place:paris"]; ok {
		t.Error("a city's name at the start of a longer name is not the city")
	}
}

func TestEventDates(t *testing.T) {
	x := mustExtractor(t)
	find := func(out *rightsgraph.Extraction, typ string) []string {
		var ds []string
		for _, e := range out.Events {
			if e.Type == typ {
				ds = append(ds, e.Date)
			}
		}
		return ds
	}
	tests := []struct {
		name, text, typ, want string
	}{
		{"dateline and today", "Title of the release\n\n(Abuja, November 12, 2024) – The European Commission said today that the inquiry had been closed too early.", "STATEMENT", "2024-11-12"},
		{"what was said is dated by its own clause", "Title of the release\n\n(Abuja, November 12, 2024) – Police killed protesters in August 2024, Human Rights Watch said today.", "KILLING", "2024-08"},
		{"weekday before publication", "Court rules\n\nLondon, 15 November 2023\n\nThe Supreme Court of the United Kingdom on Wednesday dismissed the appeal.", "RULING", "2023-11-15"},
		{"the next day", "Belgium 2023\n\nOn 4 November, the president ordered the release of the children. The next day, the Federal High Court in Abuja struck out the case.", "RULING", "2023-11-05"},
		{"range start", "Belgium 2023\n\nBetween 1 August and 10 August, thousands of people took to the streets in Brussels.", "PROTEST", "2023-08-01"},
		{"the paragraph's date", "Belgium 2023\n\nIn April, 22 activists protested in Antwerp. Police arrested 14 of them.", "ARREST", "2023-04"},
		{"since is a duration", "Belgium 2023\n\nGermany has been a member of the Council since 2020 and was re-elected in October.", "OTHER", "2023-10"},
		{"court's own verb", "Poland 2023\n\nIn April, the Court of Justice of the European Union reduced the daily penalty.", "RULING", "2023-04"},
		{"the sentence's full date over the document's year", "Reception crisis 2024\n\nThe Secretary of State excluded single men. On 13 September 2023, in judgment no. 257.300, the Council of State suspended it.", "RULING", "2023-09-13"},
		{"a deadline is not the date", "Klimaatzaak, 30 November 2023\n\nOn 30 November 2023 the Brussels Court of Appeal ruled. The court ordered the three governments to reduce emissions by 55% by 2030.", "RULING", "2023-11-30"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := find(x.Extract(doc(tt.text)), tt.typ)
			if !contains(ds, tt.want) {
				t.Errorf("%s dates %v, want %s", tt.typ, ds, tt.want)
			}
		})
	}
}

func TestObligationForms(t *testing.T) {
	x := mustExtractor(t)
	tests := []struct {
		name, text, bound, source, modality string
	}{
		{"is obliged to, instrument in the sentence", "As a State party to the International Covenant on Civil and Political Rights, Iran is obliged to respect the right to life.", "state:IRN", "instrument:iccpr", "must"},
		{"bound not to, court after", "Switzerland is therefore bound not to surrender him, as the European Court of Human Rights has held.", "state:CHE", "institution:ecthr", "must_not"},
		{"has an obligation to, the court held", "The European Court of Human Rights held that Poland has an obligation to provide legal recognition.", "state:POL", "institution:ecthr", "must"},
		{"recommended that", "The Committee against Torture recommended that Belgium ensure adequate reception.", "state:BEL", "institution:committee-against-torture", "must"},
		{"subject, not the last actor", "The Committee against Torture criticised the detention of children and urged Poland to end it.", "state:POL", "institution:committee-against-torture", "must"},
		{"rule under a provision", "Finally, Article 25 of the Federal Constitution provides that refugees may not be extradited to Switzerland's persecutors.", "state:CHE", "", "must_not"},
		{"French duty", "La Belgique doit respecter l'article 3 de la Convention européenne des droits de l'homme.", "state:BEL", "", "must"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := x.Extract(doc(tt.text))
			for _, o := range out.Obligations {
				if o.Bound != tt.bound || o.Modality != tt.modality {
					continue
				}
				if tt.source == "" || o.Source != nil && *o.Source == tt.source {
					return
				}
				// a court's order: established by its ruling, whose authority is the court
				if o.Source != nil {
					for _, ev := range out.Events {
						if ev.ID == *o.Source && (ev.Type == "RULING" || ev.Type == "CONVICTION") {
							for _, p := range ev.Participants {
								if p.Role == "authority" && p.Entity == tt.source {
									return
								}
							}
						}
					}
				}
			}
			t.Errorf("no %s obligation of %s from %q; got %+v", tt.modality, tt.bound, tt.source, out.Obligations)
		})
	}
}

func TestPlaceInsideLongerName(t *testing.T) {
	x := mustExtractor(t)
	for _, text := range []string{
		"Belgium ratified the Rome Statute in 2000.",
		"The Rome Statute of the International Criminal Court entered into force in 2002.",
		"Donors endorsed the Paris Declaration on Aid Effectiveness.",
		"Both parties violated the Geneva Conventions, Amnesty International said.",
		"Under the Vienna Convention on Consular Relations, he had a right to a consul.",
		"Türkiye withdrew from the Istanbul Convention in 2021.",
		"On 13 September 2023, the Council of State suspended the decision.",
		"The Brussels Capital Region and the Brussels Court of Appeal disagreed.",
		"The Paris Principles govern national human rights institutions.",
		"Belgium 2023\n\nBelgium ratified the Rome\nStatute in 2000, the Council said.",
		"The statute of Rome was adopted in 1998.",
		"Belgium finally ratified the Istanbul convention.",
		"The Court held so in Camara v. Belgium and in Kudrevičius and Others v. Lithuania.",
		"Olivier De Schutter, a professor at UCLouvain, said so.",
	} {
		t.Run(text, func(t *testing.T) {
			out := x.Extract(doc(text))
			for _, e := range out.Entities {
				if e.Kind == rightsgraph.KindPlace {
					t.Errorf("place %s from a longer name", e.ID)
				}
			}
		})
	}
	// the city itself still is one
	if _, ok := entityIDs(x.Extract(doc("The conference was held in Rome, and later in Geneva.")))["place:rome"]; !ok {
		t.Error("Rome alone is a place")
	}
}

func TestLanguageIsNoState(t *testing.T) {
	x := mustExtractor(t)
	tests := []struct {
		text    string
		notWant []string
		want    []string
	}{
		{"The French-speaking Labour Court of Brussels ruled on 5 May 2023.", []string{"state:FRA"}, nil},
		{"The Dutch-speaking Court of First Instance agreed with German-speaking judges.", []string{"state:NLD", "state:DEU"}, nil},
		{"French-language newspapers reported it.", []string{"state:FRA"}, nil},
		{"French speakers and Dutch speakers were heard.", []string{"state:FRA", "state:NLD"}, nil},
		{"Klimaatzaak, known in French as L'Affaire Climat, sued. Its Dutch initials are FIRM.", []string{"state:FRA", "state:NLD", "place:french"}, nil},
		{"The institute (IEFH in French, IGVM in Dutch) applies the law.", []string{"state:FRA", "state:NLD", "place:french", "place:dutch"}, nil},
		{"The Flemish government and the Walloon Region disagreed.", nil, nil},
		{"The French government protested in French courts.", nil, []string{"state:FRA"}},
		{"The German-speaking Community of Belgium objected.", []string{"state:DEU"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := entityIDs(x.Extract(doc(tt.text)))
			checkIDs(t, got, tt.want, tt.notWant)
			// Flemish and Walloon are Belgian, never another state's
			for id, e := range got {
				if e.Kind == rightsgraph.KindState && id != "state:BEL" && !contains(tt.want, id) {
					t.Errorf("unexpected state %s", id)
				}
			}
		})
	}
}

func TestExecutionIsTheDeathPenalty(t *testing.T) {
	x := mustExtractor(t)
	has := func(text, typ string) bool {
		for _, e := range x.Extract(doc(text)).Events {
			if e.Type == typ {
				return true
			}
		}
		return false
	}
	for _, text := range []string{
		"Belgium 2024\n\nIt held unanimously that Belgium had violated Article 6 § 1, because the authorities had not executed a final and enforceable court decision for months.",
		"Belgium 2024\n\nThe Committee of Ministers of the Council of Europe supervises the execution of the Court's judgments.",
		"Belgium 2024\n\nIn May, the Council of State ordered the execution of the judgment by Belgium.",
	} {
		if has(text, "EXECUTION") {
			t.Errorf("EXECUTION from enforcement: %q", text)
		}
	}
	for _, text := range []string{
		"Iran 2023\n\nIn 2023, Iran carried out at least 853 executions, Amnesty International said.",
		"Iran 2023\n\nIn December, two protesters were executed in Iran after unfair trials.",
		"Iran 2023\n\nIn May, Iran executed Habib Chaab, a Swedish-Iranian dissident, after a death sentence.",
	} {
		if !has(text, "EXECUTION") {
			t.Errorf("no EXECUTION: %q", text)
		}
	}
}

func TestReadingListIsNoEvent(t *testing.T) {
	x := mustExtractor(t)
	for _, text := range []string{
		"Belgium 2024\n\nFurther reading: the judgment Camara v. Belgium on HUDOC and the Reception Act on Justel.",
		"Belgium 2024\n\nSources for the facts: the judgment of the Bruges criminal court of 15 November 2023, and the ECtHR judgment in Kudrevičius and Others v. Lithuania.",
		"See also: the ruling of the Council of State of 13 September 2023.",
	} {
		if evs := x.Extract(doc(text)).Events; len(evs) > 0 {
			t.Errorf("events from a reading list %q: %+v", text, evs)
		}
	}
}

func TestDeadlineIsNoEventDate(t *testing.T) {
	x := mustExtractor(t)
	d := doc("Klimaatzaak\n\nOn 30 November 2023 the Brussels Court of Appeal ruled against Belgium. The court ordered the three governments to reduce emissions by 55% by 2030 compared with 1990.")
	d.Published = "2023-11-30"
	for _, e := range x.Extract(d).Events {
		if yearOf(e.Date) == "2030" || yearOf(e.Date) == "1990" {
			t.Errorf("%s dated by its deadline: %s", e.Type, e.Date)
		}
	}
}

func TestPressReleaseIsNoRelease(t *testing.T) {
	x := mustExtractor(t)
	for _, e := range x.Extract(doc("Belgium 2025\n\nIn this press release, the Council of Europe welcomed the ratification by Belgium.\n\nEnd of release.")).Events {
		if e.Type == "RELEASE" {
			t.Errorf("RELEASE from the press release: %+v", e)
		}
	}
	found := false
	for _, e := range x.Extract(doc("Belgium 2025\n\nIn May, the release of Olivier Vandecasteele was agreed by Iran.")).Events {
		found = found || e.Type == "RELEASE"
	}
	if !found {
		t.Error("a person's release is a RELEASE")
	}
}
