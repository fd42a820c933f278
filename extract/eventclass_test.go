package extract

import "testing"

// Classes of wrong events found on texts the rules were not written for.
func TestEventErrorClasses(t *testing.T) {
	x := mustExtractor(t)
	count := func(text, typ string) (n int, roles map[string]string) {
		out := x.Extract(doc(text))
		roles = map[string]string{}
		for _, ev := range out.Events {
			if ev.Type == typ {
				n++
				for _, p := range ev.Participants {
					roles[p.Entity] = p.Role
				}
			}
		}
		return n, roles
	}
	// "demonstrated" as showing is no protest; as a march it is
	if n, _ := count("Uganda 2021\n\nAs this case has clearly demonstrated, the attacks by the Lord's Resistance Army had horrific consequences.", "PROTEST"); n != 0 {
		t.Errorf("'as this case has demonstrated' gave %d PROTEST", n)
	}
	if n, _ := count("Belgium 2024\n\nOn 3 May 2024 hundreds of students demonstrated outside the Federal Parliament in Brussels.", "PROTEST"); n != 1 {
		t.Errorf("'students demonstrated outside the Parliament' gave %d PROTEST, want 1", n)
	}
	// who is with the attackers is no victim of the attacks
	_, roles := count("Uganda 2021\n\nThe campaigns of attacks on the civilian population by the Lord's Resistance Army with Mr Dominic Ongwen as one of its commanders had horrific consequences.", "ATTACK")
	if roles["person:dominic-ongwen"] == "target" {
		t.Errorf("Ongwen is the target of the attacks he took part in: %v", roles)
	}
	// who disperses a protest takes no part in it; "the army" is the one
	// army the text names, even named later
	text := "Egypt 2011\n\nOn 17 December 2011 the army violently dispersed protests in Cairo. Arms must not be supplied to the Egyptian Army."
	if _, roles := count(text, "PROTEST"); len(roles) != 0 {
		t.Errorf("the dispersing army takes part in the protest: %v", roles)
	}
	if _, roles := count(text, "ATTACK"); len(roles) != 1 {
		t.Errorf("the attack on the protest: participants %v, want the army alone", roles)
	} else {
		for id, role := range roles {
			if role != "agent" || id == "state:EGY" {
				t.Errorf("the attack's participant %s (%s), want the army as agent", id, role)
			}
		}
	}
	// a statement made while presenting a report is that report, once
	n, _ := count("Belgium 2009\n\n[Strasbourg, 17.06.2009] – \"Belgium must do more\", said the Council of Europe Commissioner for Human Rights, Thomas Hammarberg, when presenting his report on the Kingdom today.", "REPORT")
	s, _ := count("Belgium 2009\n\n[Strasbourg, 17.06.2009] – \"Belgium must do more\", said the Council of Europe Commissioner for Human Rights, Thomas Hammarberg, when presenting his report on the Kingdom today.", "STATEMENT")
	if n != 1 || s != 0 {
		t.Errorf("statement presenting a report: %d REPORT and %d STATEMENT, want 1 and 0", n, s)
	}
}

// Descriptions of how things are, and dates taken from the event a sentence
// names again.
func TestEventStatesAndAnaphoricDates(t *testing.T) {
	x := mustExtractor(t)
	evs := func(text string) []string {
		var out []string
		for _, ev := range x.Extract(doc(text)).Events {
			out = append(out, ev.Type+" "+ev.Date)
		}
		return out
	}
	// a passive with no date, place or count and only groups in it is a state
	// of things; a counted group or a place of custody makes it an event
	if got := evs("Belgium 2023\n\nPrisoners were detained in inhumane conditions."); len(got) != 0 {
		t.Errorf("a description of prison conditions gave events %v", got)
	}
	if got := evs("Tunisia 2023\n\nHundreds of migrants were expelled to remote border areas."); len(got) != 1 {
		t.Errorf("a counted expulsion gave %v, want one event", got)
	}
	// "After the boat was intercepted, he was detained": the interception's date
	got := evs("Libya 2022\n\nLibyan forces intercepted the boat of Abu Laila on 30 July 2021. After the boat was intercepted, he was detained in a prison in Tripoli.")
	found := false
	for _, g := range got {
		if g == "DETENTION 2021-07-30" {
			found = true
		}
		if g == "DETENTION 2022" {
			t.Errorf("the detention took the document's year: %v", got)
		}
	}
	if !found {
		t.Errorf("no DETENTION dated by the interception in %v", got)
	}
}

// "relatives of people who were killed" describes the people interviewed,
// not a killing of its own; a relative clause on a group the text names
// still tells its event.
func TestRelativeClauseOnCommonNoun(t *testing.T) {
	x := mustExtractor(t)
	for _, ev := range x.Extract(doc("Nigeria 2024\n\nHuman Rights Watch interviewed 41 people, including protesters, relatives of people who were killed, and lawyers.")).Events {
		if ev.Type == "KILLING" {
			t.Errorf("a description of interviewees gave a KILLING: %+v", ev)
		}
	}
	n := 0
	for _, ev := range x.Extract(doc("Belgium 2023\n\nIn April 2023, 22 Greenpeace activists who were arrested in Zeebrugge were held for 48 hours.")).Events {
		if ev.Type == "ARREST" || ev.Type == "DETENTION" {
			n++
		}
	}
	if n == 0 {
		t.Errorf("the arrest of named activists in a relative clause was lost")
	}
}

// A ruling breaches the provision a breach word names, not every provision
// of its sentence: "in the proceedings under Article 46 § 4 ... a violation
// of Article 46 § 1".
func TestViolatedProvisionOnly(t *testing.T) {
	x := mustExtractor(t)
	out := x.Extract(doc("Türkiye 2022\n\nIn today's Grand Chamber judgment in the proceedings under Article 46 § 4 of the Convention in the case of Kavala v. Türkiye, the European Court of Human Rights held on 11 July 2022 that there had been a violation of Article 46 § 1 of the European Convention on Human Rights."))
	found := map[string]bool{}
	for _, r := range out.Relations {
		if r.Type == "FINDS_VIOLATION_OF" {
			found[r.To] = true
		}
	}
	if !found["provision:echr:art-46-1"] || found["provision:echr:art-46-4"] {
		t.Errorf("FINDS_VIOLATION_OF %v, want Article 46 § 1 and not § 4", found)
	}
	for _, o := range out.Obligations {
		if o.Provision != nil && *o.Provision == "Article 46 § 4" {
			t.Errorf("an obligation under the procedural Article 46 § 4: %+v", o)
		}
	}
}
