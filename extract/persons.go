package extract

import (
	"strings"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// Names without a title in front: a run of two to four capitalised words is
// a person when the text says so around it, in any of these general ways:
//
//	"Ibrahim Musa, a 27-year-old tailor from Kano, said"  (appositive role)
//	"Dorota Lalik, who was ..."                           (relative "who")
//	"A police spokesperson, Olumide Bakare, told"         (role, then the name in commas)
//	"Chinedu Eze told", "Zahra Amiri said"                (verb of speech after)
//	"of 22-year-old Jina Mahsa Amini"                     (age before)
//	"elected Donald Tusk as prime minister"               ("as" and a role)
//
// and a run of capitalised words is an organisation when an organisation noun
// stands next to it: "Grupa Granica, a network of ...", "the collective
// Abortion Dream Team", "the judges' association Iustitia".

// speechVerbs after a name make it a person's.
var speechVerbs = map[string]bool{
	"said": true, "says": true, "told": true, "added": true, "explained": true, "stated": true,
	"warned": true, "noted": true, "wrote": true, "argued": true, "stressed": true, "insisted": true,
	"claimed": true, "replied": true, "recalled": true, "tweeted": true, "testified": true,
	"alleged": true, "confirmed": true, "denied": true, "recounted": true, "described": true,
	"asked": true, "urged": true, "writes": true, "adds": true, "explains": true, "tells": true,
}

// appositiveRoles are nouns that, after "Name, a ...", make Name a person.
var appositiveRoles = map[string]bool{
	"executive": true, "head": true, "member": true, "teacher": true, "nurse": true, "tailor": true,
	"farmer": true, "trader": true, "driver": true, "engineer": true, "witness": true, "resident": true,
	"survivor": true, "victim": true, "relative": true, "brother": true, "sister": true, "cousin": true,
	"neighbour": true, "neighbor": true, "friend": true, "colleague": true, "professor": true,
	"lecturer": true, "pastor": true, "imam": true, "bishop": true, "nun": true, "monk": true,
	"pupil": true, "candidate": true, "organiser": true, "organizer": true, "volunteer": true,
	"employee": true, "expert": true, "analyst": true, "consultant": true, "partner": true,
	"vendor": true, "mechanic": true, "labourer": true, "laborer": true, "fisherman": true,
	"grandmother": true, "grandfather": true, "father": true, "uncle": true, "aunt": true,
	"barrister": true, "solicitor": true, "attorney-at-law": true, "mp": true, "senator": true,
	"lawmaker": true, "legislator": true, "councillor": true, "councilor": true, "chief": true,
	"secretary-general": true, "president": true, "minister": true, "judge": true, "prosecutor": true,
	"spokesperson": true, "spokesman": true, "spokeswoman": true, "mayor": true, "governor": true,
	"laureate": true, "colleagues": true, "co-defendants": true, "defendants": true, "lawyers": true,
	"activists": true, "journalists": true, "members": true, "leaders": true, "defenders": true, "founders": true,
}

// isRoleWord: a role noun or title, as in roleNouns, honorifics or appositiveRoles.
func isRoleWord(n string) bool {
	return roleNouns[n] && n != "by" && n != "national" && n != "citizen" || appositiveRoles[n] || honorifics[n] && n != "general"
}

// orgNouns name a kind of organisation in lower case.
var orgNouns = map[string]string{
	"network": "ngo", "group": "ngo", "organisation": "ngo", "organization": "ngo", "ngo": "ngo",
	"charity": "ngo", "coalition": "ngo", "collective": "ngo", "association": "ngo", "movement": "movement",
	"party": "party", "foundation": "ngo", "alliance": "ngo", "union": "union", "initiative": "ngo",
	"platform": "ngo", "federation": "ngo", "society": "ngo", "campaign": "ngo", "trust": "ngo",
	"non-profit": "ngo", "nonprofit": "ngo", "watchdog": "ngo", "company": "company", "firm": "company",
	"newspaper": "company", "broadcaster": "company", "outlet": "company", "website": "company",
	"militia": "armed-group", "faction": "movement",
	"station": "company", "channel": "company", "magazine": "company", "radio": "company", "daily": "company", "weekly": "company",
}

// nameRun returns the end of a run of 2..4 capitalised name words starting at
// k (particles allowed inside), or k when there is none. A single-token
// state name may end the run ("Volker Türk").
func (d *docState) nameRun(si, k int) int {
	s := d.sents[si]
	e := k
	for e < s.t1 && e-k < 4 {
		t := d.toks[e]
		if isCapWord(t) && !t.allCaps && !notNameWord[t.norm] && !capStop[t.norm] && !honorifics[t.norm] && !(e == k && isRoleWord(t.norm)) &&
			!isHeadWord(t.norm) && monthNumber[t.norm] == 0 && !(t.hyphenBefore && e == k) {
			if d.kbCover[e] {
				// "Volker Türk": a one-word state alias after a given name
				if e == k || !d.stateWord[e] || d.stateAdj[e] && d.adjState[e] != "" && !d.demonymAt(e) || e+1 < s.t1 && d.kbCover[e+1] {
					break
				}
			}
			e++
			continue
		}
		if t.kind == tokWord && nameParticles[t.norm] && !t.upper && e > k && e+1 < s.t1 && isCapWord(d.toks[e+1]) {
			e++
			continue
		}
		break
	}
	for e > k && nameParticles[d.toks[e-1].norm] && !d.toks[e-1].upper {
		e--
	}
	if e-k < 2 {
		return k
	}
	return e
}

// demonymAt reports whether the state word at k is a demonym ("Türk"; a
// surname can be one), not an adjective in front of a noun.
func (d *docState) demonymAt(k int) bool {
	return d.demonym[k]
}

// roleAfterComma reports whether tokens after the comma at k describe a role
// ("a 27-year-old tailor", "Nigeria researcher at", "who", "34,").
func (d *docState) roleAfterComma(si, k int, nouns func(string) bool) bool {
	s := d.sents[si]
	if k >= s.t1 || d.toks[k].norm != "," {
		return false
	}
	j := k + 1
	if j < s.t1 && nouns == nil {
		n := d.toks[j].norm
		if n == "who" || n == "whose" {
			return true
		}
		// "Zahra Amiri, 34, said"
		if d.toks[j].kind == tokNum && j+1 < s.t1 && d.toks[j+1].norm == "," {
			return true
		}
	}
	if nouns == nil {
		nouns = func(n string) bool { return isRoleWord(n) || agentNoun(n) }
	}
	// the head of the noun phrase: its last word before a preposition, a
	// relative pronoun or punctuation ("a co-founder of the collective X":
	// founder; "a network of activists": network)
	head := ""
	for q := j; q < s.t1 && q < j+7; q++ {
		t := d.toks[q]
		if t.kind == tokPunct || appositiveStops[t.norm] {
			break
		}
		if t.kind == tokWord && (!t.upper || isRoleWord(t.norm)) {
			head = t.norm
		}
	}
	return head != "" && nouns(head)
}

// givenNameRun: the name run [i, e) starts with a known given name, its
// other words are not known given names alone nor words of the knowledge
// base, and nothing capitalised follows it ("Victoria Falls Road").
func (d *docState) givenNameRun(si, i, e int) bool {
	s := d.sents[si]
	if !isGivenName(d.toks[i].norm) || d.kbCover[i] || d.placeWord[i] || d.titleCase(si) {
		return false
	}
	// "Duarte Agostinho and Others v. Portugal": a party to a case
	if e < s.t1 && (isCapWord(d.toks[e]) || d.toks[e].kind == tokNum) || d.caseParty(e, s.t1) {
		return false
	}
	for k := i + 1; k < e; k++ {
		t := d.toks[k]
		if d.kbCover[k] || d.placeWord[k] || len(t.norm) < 2 || t.allCaps || notSurname[t.norm] {
			return false
		}
	}
	return true
}

// titleCase: a heading whose words are all capitalised ("Key Findings and
// Recommendations"): capitals there say nothing about names.
func (d *docState) titleCase(si int) bool {
	s := d.sents[si]
	if !s.heading {
		return false
	}
	words := 0
	for k := s.t0; k < s.t1; k++ {
		t := d.toks[k]
		if t.kind != tokWord || connectors[t.norm] || len(t.norm) <= 3 {
			continue
		}
		if !t.upper {
			return false
		}
		words++
	}
	return words >= 2
}

// notSurname: words that end names of places, buildings and prizes named
// after people ("Victoria Falls Road", "Nelson Mandela Square").
var notSurname = map[string]bool{
	"road": true, "street": true, "avenue": true, "square": true, "bridge": true, "station": true, "airport": true,
	"park": true, "falls": true, "lake": true, "river": true, "hall": true, "house": true, "prize": true, "award": true,
	"day": true, "week": true, "report": true, "tower": true, "building": true, "palace": true, "stadium": true,
	"camp": true, "prison": true, "island": true, "islands": true, "bay": true, "valley": true, "mountain": true,
	"mountains": true, "desert": true, "gate": true, "boulevard": true, "way": true, "lane": true, "highway": true,
	"port": true, "harbour": true, "harbor": true, "beach": true, "plaza": true, "memorial": true, "lecture": true,
	"fellowship": true, "scholarship": true, "doctrine": true, "plan": true, "rule": true, "principles": true,
}

// humanVerbs are done only to people: their object or passive subject, a
// capitalised two-to-four-word name, is a person.
var humanVerbs = map[string]bool{
	"arrested": true, "detained": true, "jailed": true, "imprisoned": true, "tortured": true, "killed": true,
	"executed": true, "abducted": true, "kidnapped": true, "freed": true, "beaten": true, "injured": true,
	"shot": true, "murdered": true, "sentenced": true, "interrogated": true, "deported": true, "extradited": true,
	"acquitted": true, "pardoned": true, "released": true, "assassinated": true, "hanged": true, "disappeared": true,
}

// nameEndsPhrase: the name ending before token e is followed by what ends a
// noun phrase (punctuation, a preposition, a conjunction), not by a noun
// that it would modify ("arrested Grupa Granica volunteers").
func (d *docState) nameEndsPhrase(si, e int) bool {
	s := d.sents[si]
	if e >= s.t1 {
		return true
	}
	t := d.toks[e]
	return t.kind == tokPunct && t.norm != "'s" || phraseEnders[t.norm]
}

var phraseEnders = map[string]bool{
	"at": true, "in": true, "on": true, "for": true, "after": true, "and": true, "with": true, "from": true,
	"without": true, "who": true, "over": true, "during": true, "last": true, "since": true, "because": true,
	"when": true, "while": true, "as": true, "to": true, "by": true, "earlier": true, "again": true,
	"yesterday": true, "today": true, "before": true, "following": true, "despite": true, "under": true, "near": true,
}

// agentNoun: a noun that by its ending names a person by what they do
// ("editor", "historian", "activist", "employee", "consultant"), for the
// appositive "Name, editor of ...". Common nouns with those endings that name
// things are excluded.
func agentNoun(n string) bool {
	if len(n) < 5 || notAgentNouns[n] {
		return false
	}
	for _, suf := range []string{"or", "er", "ist", "ian", "ant", "ee", "ent"} {
		if strings.HasSuffix(n, suf) {
			return !strings.HasSuffix(n, "ment") && !strings.HasSuffix(n, "ier") || n == "soldier" || n == "courier"
		}
	}
	return false
}

var notAgentNouns = map[string]bool{
	"center": true, "centre": true, "order": true, "border": true, "number": true, "letter": true, "paper": true,
	"water": true, "matter": true, "chapter": true, "quarter": true, "winter": true, "summer": true, "power": true,
	"cluster": true, "sector": true, "factor": true, "corridor": true, "mirror": true, "error": true, "terror": true,
	"honor": true, "honour": true, "favor": true, "favour": true, "labor": true, "labour": true, "floor": true,
	"door": true, "interior": true, "exterior": true, "theater": true, "theatre": true, "register": true,
	"filter": true, "folder": true, "banner": true, "manner": true, "dinner": true, "corner": true, "poster": true,
	"charter": true, "shelter": true, "master": true, "disaster": true, "minister": false, "other": true, "another": true,
	"either": true, "neither": true, "whether": true, "together": true, "however": true, "further": true, "rather": true,
	"father": false, "mother": false, "brother": false, "sister": false, "daughter": false, "december": true,
	"november": true, "october": true, "september": true, "percent": true, "incident": true, "content": true,
	"event": true, "extent": true, "intent": true, "consent": true, "accident": true, "parent": false,
	"talent": true, "agent": false, "restaurant": true, "variant": true, "instant": true, "covenant": true,
	"warrant": true, "grant": true, "plant": true, "guarantee": true, "committee": true, "coffee": true,
	"degree": true, "decree": true, "jubilee": true, "fee": true, "tree": true, "agree": true, "capital": true,
	"civilian": false, "guardian": false, "meridian": true, "median": true, "regulator": true,
	"newspaper": true, "computer": true, "counter": true, "cancer": true, "sender": false, "member": false,
	"monitor": false, "reactor": true, "motor": true, "tractor": true, "vector": true, "calendar": true,
	"humanist": false, "list": true, "exist": true, "twist": true, "wrist": true, "gender": true, "weather": true,
}

// appositiveStops end the noun phrase of an appositive.
var appositiveStops = map[string]bool{
	"of": true, "at": true, "from": true, "in": true, "for": true, "with": true, "who": true, "which": true,
	"that": true, "whose": true, "based": true, "and": true, "on": true, "to": true, "by": true, "since": true,
}

// roleBeforeComma reports whether the words before the comma at k end with a
// role or a title ("A police spokesperson,", "Inspector-General of Police,",
// "Rwanda's foreign minister,").
func (d *docState) roleBeforeComma(si, k int) bool {
	s := d.sents[si]
	if k <= s.t0 || d.toks[k].norm != "," {
		return false
	}
	for q := k - 1; q >= s.t0 && q >= k-12; q-- {
		t := d.toks[q]
		if t.kind == tokPunct {
			return false
		}
		if isRoleWord(t.norm) || t.norm == "general" && t.hyphenBefore {
			return true
		}
	}
	return false
}

func (d *docState) personPatterns(si int) {
	s := d.sents[si]
	toks := d.toks
	for i := s.t0; i < s.t1; i++ {
		if !isCapWord(toks[i]) {
			continue
		}
		// inside a longer capitalised run, unless what precedes is a title
		// ("Home Secretary James Cleverly")
		if i > s.t0 && isCapWord(toks[i-1]) && !capStop[toks[i-1].norm] && !d.kbCover[i-1] &&
			!(notNameWord[toks[i-1].norm] || honorifics[toks[i-1].norm] || isHeadWord(toks[i-1].norm) || isRoleWord(toks[i-1].norm)) {
			continue
		}
		e := d.nameRun(si, i)
		if e == i {
			continue
		}
		// a name followed by a head noun is an organisation or institution;
		// a city's name ("Hong Kong said") is no person's
		if e < s.t1 && toks[e].upper && isHeadWord(toks[e].norm) || d.placeEnd[i] == e {
			i = e - 1
			continue
		}
		person := false
		switch {
		case d.roleAfterComma(si, e, nil):
			person = true
		case e < s.t1 && speechVerbs[toks[e].norm]:
			person = true
		case e+1 < s.t1 && toks[e].norm == "," && d.roleBeforeComma(si, i-1) && (toks[e+1].kind == tokWord && !toks[e+1].upper):
			// "A police spokesperson, Olumide Bakare, told journalists"
			person = true
		case i > s.t0 && d.roleBeforeComma(si, i-1) && (e == s.t1 || toks[e].kind == tokPunct):
			person = true
		case i >= s.t0+3 && toks[i-1].norm == "old" && toks[i-2].norm == "year" && toks[i-3].kind == tokNum:
			// "22-year-old Jina Mahsa Amini"
			person = true
		case e+1 < s.t1 && toks[e].norm == "as" && (isRoleWord(toks[e+1].norm) || e+2 < s.t1 && isRoleWord(toks[e+2].norm)):
			person = true
		case e-i <= 3 && d.givenNameRun(si, i, e):
			// "Elham Chobdar", "Viktor Orban": a known given name and a
			// surname
			person = true
		case i > s.t0 && humanVerbs[toks[i-1].norm] && d.nameEndsPhrase(si, e):
			// "police arrested Tomasz Wrona at his home": the object of a
			// verb done only to people
			person = true
		case e+1 < s.t1 && (toks[e].norm == "was" || toks[e].norm == "were") && humanVerbs[toks[e+1].norm] && (i == s.t0 || toks[i-1].kind == tokPunct || toks[i-1].norm == "and"):
			// "Tomasz Wrona was detained at the border"
			person = true
		case e+2 < s.t1 && (toks[e].norm == "has" || toks[e].norm == "had") && toks[e+1].norm == "been" && humanVerbs[toks[e+2].norm] && (i == s.t0 || toks[i-1].kind == tokPunct):
			person = true
		}
		// "..., Valiantsin Stefanovich and Uladzimir Labkovich, received":
		// names coordinated after a role and a comma
		if !person && i > s.t0 && d.roleBeforeComma(si, i-1) && e+1 < s.t1 && toks[e].norm == "and" {
			if e2 := d.nameRun(si, e+1); e2 > e+1 && (e2 == s.t1 || toks[e2].kind == tokPunct) {
				d.cands = append(d.cands, candidate{t0: i, t1: e, ref: -1, kind: rightsgraph.KindPerson, name: d.span(i, e), prio: prioPerson})
				d.cands = append(d.cands, candidate{t0: e + 1, t1: e2, ref: -1, kind: rightsgraph.KindPerson, name: d.span(e+1, e2), prio: prioPerson})
				i = e2 - 1
				continue
			}
		}
		if person {
			d.cands = append(d.cands, candidate{t0: i, t1: e, ref: -1, kind: rightsgraph.KindPerson, name: d.span(i, e), prio: prioPerson})
			// "the Inspector-General of Police, Kayode Egbetokun,": the office
			// before the name is the person's title, not a body the text names
			if i-1 > s.t0 && toks[i-1].norm == "," {
				d.dropTitleOffice(i - 1)
			}
			i = e - 1
		}
	}
	d.namesAfterPlural(si)
	d.orgPatterns(si)
}

// namesAfterPlural: "two activists for gay and lesbian rights: Zahra
// Sedighi-Hamedani and Elham Chobdar", "lawyers, including Ana Ruiz and Tom
// Hale": names listed after a plural noun for people are people.
func (d *docState) namesAfterPlural(si int) {
	s := d.sents[si]
	toks := d.toks
	for k := s.t0 + 1; k+2 < s.t1; k++ {
		n := toks[k].norm
		start := -1
		switch {
		case n == ":":
			start = k + 1
		case n == "including" || n == "among":
			start = k + 1
			if start < s.t1 && toks[start].norm == "them" {
				start++
			}
		case n == "such" && toks[k+1].norm == "as":
			start = k + 2
		}
		if start < 0 || start >= s.t1 {
			continue
		}
		plural := false
		for q := k - 1; q >= s.t0 && q >= k-8; q-- {
			w := toks[q].norm
			if toks[q].kind == tokPunct && w != "," {
				break
			}
			if toks[q].kind == tokWord && !toks[q].upper && len(w) > 3 && strings.HasSuffix(w, "s") && (isRoleWord(w) || isRoleWord(strings.TrimSuffix(w, "s")) || agentNoun(strings.TrimSuffix(w, "s")) || w == "people" || w == "persons") {
				plural = true
				break
			}
		}
		if !plural {
			continue
		}
		var items [][2]int
		q := start
		for q < s.t1 {
			e := d.nameRun(si, q)
			if e == q || e < s.t1 && isCapWord(toks[e]) {
				items = nil
				break
			}
			items = append(items, [2]int{q, e})
			if e+1 < s.t1 && (toks[e].norm == "," && (isCapWord(toks[e+1]) || toks[e+1].norm == "and") || toks[e].norm == "and") {
				q = e + 1
				if q+1 < s.t1 && toks[q-1].norm == "," && toks[q].norm == "and" {
					q++
				}
				continue
			}
			if e < s.t1 && toks[e].kind == tokWord {
				// the list must end the clause
				items = nil
			}
			break
		}
		for _, it := range items {
			d.cands = append(d.cands, candidate{t0: it[0], t1: it[1], ref: -1, kind: rightsgraph.KindPerson, name: d.span(it[0], it[1]), prio: prioPerson})
		}
		if len(items) > 0 {
			k = items[len(items)-1][1] - 1
		}
	}
}

// orgRun returns the end of a capitalised name (connectors allowed between
// capitalised words) starting at k, or k.
func (d *docState) orgRun(si, k int) int {
	s := d.sents[si]
	e := k
	for e < s.t1 && e-k < 6 {
		t := d.toks[e]
		if (isCapWord(t) || t.kind == tokNum && e > k) && !(d.kbCover[e] && !d.stateWord[e]) && !(capStop[t.norm] && e == k) && monthNumber[t.norm] == 0 {
			e++
			continue
		}
		// "Soulèvements de la Terre", "Freedom from Torture"
		if t.kind == tokWord && (connectors[t.norm] || t.norm == "from") && t.norm != "to" && e > k {
			q := e
			for q < s.t1 && q < e+3 && d.toks[q].kind == tokWord && !d.toks[q].upper && (connectors[d.toks[q].norm] || d.toks[q].norm == "from") {
				q++
			}
			if q > e && q < s.t1 && isCapWord(d.toks[q]) && !(t.norm == "the" && q == e+1) {
				e = q
				continue
			}
		}
		break
	}
	return e
}

func (d *docState) orgPatterns(si int) {
	s := d.sents[si]
	toks := d.toks
	for i := s.t0; i < s.t1; i++ {
		t := toks[i]
		// "the collective Abortion Dream Team", "The charity Care4Calais"
		if cat, ok := orgNouns[t.norm]; ok && !t.upper && i > s.t0 && i+1 < s.t1 {
			det := false
			for q := i - 1; q >= s.t0 && q >= i-4; q-- {
				n := toks[q].norm
				if n == "the" || n == "a" || n == "an" || n == "its" || n == "their" || q == i-1 && mediaAdjectives[n] {
					det = true
					break
				}
				if toks[q].kind != tokWord && n != "'" {
					break
				}
			}
			e := d.orgRun(si, i+1)
			if det && e > i+1 && !d.allStateWords(i+1, e) && !(e < s.t1 && (isHeadWord(toks[e].norm) && toks[e].upper || toks[e].norm == "of")) {
				d.cands = append(d.cands, candidate{t0: i + 1, t1: e, ref: -1, kind: rightsgraph.KindOrganization, name: d.span(i+1, e), category: cat, prio: prioPattern})
				i = e - 1
				continue
			}
		}
		// "the Chapter Four Uganda rights group condemned it": a name, a
		// few lower-case modifiers and an organisation noun
		if cat, ok := orgNouns[t.norm]; ok && !t.upper && i > s.t0+1 && (i+1 == s.t1 || !isCapWord(toks[i+1])) {
			m := i - 1
			for m > s.t0 && i-m <= 3 && !toks[m].upper && orgModifiers[toks[m].norm] {
				m--
			}
			if m < i-1 && isCapWord(toks[m]) && !d.kbCover[m] || m < i-1 && d.stateWord[m] {
				b := m
				for b > s.t0 && isCapWord(toks[b-1]) && !capStop[toks[b-1].norm] && m-b < 4 {
					b--
				}
				for b < m && capStop[toks[b].norm] {
					b++
				}
				if !d.allStateWords(b, m+1) && !d.kbCover[b] && !isHeadWord(toks[m].norm) && (b == s.t0 || !isCapWord(toks[b-1]) || capStop[toks[b-1].norm]) {
					d.cands = append(d.cands, candidate{t0: b, t1: m + 1, ref: -1, kind: rightsgraph.KindOrganization, name: d.span(b, m+1), category: cat, prio: prioPattern})
				}
			}
		}
		// "Grupa Granica, a network of activists"; "Freedom from Torture,
		// whose chief executive ..."
		if isCapWord(t) && (i == s.t0 || !isCapWord(toks[i-1])) && !d.kbCover[i] {
			e := d.orgRun(si, i)
			whose := e+3 < s.t1 && toks[e].norm == "," && toks[e+1].norm == "whose" && (leaderRoles[toks[e+2].norm] || leaderRoles[toks[e+3].norm])
			if e > i && !d.allStateWords(i, e) && (whose || d.roleAfterComma(si, e, func(n string) bool { return orgNouns[n] != "" })) {
				// the noun's category
				cat := "ngo"
				for q := e + 1; q < s.t1 && q < e+7; q++ {
					if c, ok := orgNouns[toks[q].norm]; ok {
						cat = c
						break
					}
				}
				d.cands = append(d.cands, candidate{t0: i, t1: e, ref: -1, kind: rightsgraph.KindOrganization, name: d.span(i, e), category: cat, prio: prioPattern})
				i = e - 1
			}
		}
	}
}

// orgModifiers stand between an organisation's name and its noun: "the
// Chapter Four Uganda rights group", "the Viasna human rights centre".
var orgModifiers = map[string]bool{"rights": true, "human": true, "advocacy": true, "opposition": true, "civil": true, "society": true,
	"armed": true, "rebel": true, "separatist": true, "islamist": true, "environmental": true, "feminist": true, "student": true,
	"youth": true, "media": true, "press": true, "legal": true, "aid": true, "humanitarian": true, "women's": true, "monitoring": true, "campaign": true}

// mediaAdjectives before an organisation noun stand for a determiner:
// "independent newspaper Respublika reported".
var mediaAdjectives = map[string]bool{"independent": true, "opposition": true, "online": true, "exiled": true, "banned": true, "pro-government": true, "state-run": true, "state-owned": true, "private": true, "local": true, "regional": true, "national": true}

// dropTitleOffice removes the pattern institution that ends at token end and
// starts with an office title ("Inspector-General of Police").
func (d *docState) dropTitleOffice(end int) {
	out := d.cands[:d.sentCand0]
	for _, c := range d.cands[d.sentCand0:] {
		if c.ref < 0 && c.kind == rightsgraph.KindInstitution && c.t1 == end && c.t0 >= 0 && (officeTitles[d.toks[c.t0].norm] || d.toks[c.t0].norm == "secretary") {
			continue
		}
		out = append(out, c)
	}
	d.cands = out
}

// leaderRoles head an organisation: "X, whose director ...".
var leaderRoles = map[string]bool{"executive": true, "director": true, "founder": true, "president": true, "head": true, "chair": true, "chairman": true, "chairwoman": true, "chairperson": true, "leader": true, "spokesperson": true, "coordinator": true, "secretary-general": true}

func (d *docState) allStateWords(a, b int) bool {
	for k := a; k < b; k++ {
		if !d.stateWord[k] {
			return false
		}
	}
	return true
}
