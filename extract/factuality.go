package extract

import (
	"strings"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// Factuality: a trigger word names an event only where the text says the
// event happened. What should, could or would happen, what a law protects
// against, the risk of something, a principle, and a participle used as an
// adjective ("detained migrants") are no events.

// Words that open a clause about what is not (yet) so.
var conditionalOpeners = map[string]bool{"if": true, "unless": true, "whether": true, "should": true, "lest": true}

// Modals and semi-modals: what follows them is an obligation, a possibility
// or a prediction.
var clauseModals = map[string]bool{"should": true, "must": true, "would": true, "could": true, "might": true, "may": true, "shall": true, "will": true, "cannot": true, "ought": true}

// Words that start a clause of its own between a modal and a trigger: "must be
// held accountable after the release", "should know that they were arrested".
var clauseBreaks = map[string]bool{"after": true, "following": true, "since": true, "because": true, "when": true, "while": true, "who": true, "which": true, "that": true, "where": true, "as": true, "before": true, "until": true, "despite": true, "for": false}

// Heads of "X of <event>" that make the event an abstraction: "the risk of
// refoulement", "the principle of non-refoulement", "years of attacks".
var abstractOfHeads = map[string]bool{"risk": true, "risks": true, "principle": true, "threat": true, "threats": true, "fear": true, "fears": true,
	"danger": true, "context": true, "prohibition": true, "lens": true, "issue": true, "question": true, "practice": true, "practices": true,
	"years": true, "decades": true, "history": true, "use": true, "abolition": true, "aim": true, "purpose": true, "possibility": true,
	"legality": true, "lawfulness": true, "legitimacy": true, "conditions": true, "grounds": true, "ground": true, "victims": true, "consequences": true,
	"impact": true, "effects": true, "suppression": true, "right": true, "freedom": true, "form": true, "forms": true, "act": true, "acts": true,
	"service": true, "means": true, "tool": true, "tools": true}

// Words before a participle that make it an adjective: "the detained
// migrants", "inform detained migrants of their rights".
var adjectivalBefore = map[string]bool{"the": true, "a": true, "an": true, "of": true, "for": true, "to": true, "their": true, "his": true, "her": true,
	"its": true, "all": true, "many": true, "some": true, "with": true, "including": true, "among": true, "other": true, "these": true,
	"those": true, "inform": true, "advise": true, "newly": true, "recently": true, "wrongly": true, "unlawfully": true, "unjustly": true}

// nonFactual reports whether the trigger at token k of clause cl does not
// assert an event.
func (d *docState) nonFactual(si int, cl [2]int, k int, tr trig) bool {
	t := d.toks[k]
	s := d.sents[si]
	// "If ... such detention", "Unless ...": a condition
	if conditionalOpeners[d.toks[s.t0].norm] || conditionalOpeners[d.toks[cl[0]].norm] {
		return true
	}
	if s.t0+2 < s.t1 && d.toks[s.t0].norm == "in" && d.toks[s.t0+1].norm == "order" {
		return true
	}
	// "non-refoulement"
	if t.hyphenBefore && k > 0 && d.toks[k-1].norm == "non" {
		return true
	}
	if tr.typ != "STATEMENT" {
		// a modal governs the trigger, with no new clause between them
		for q := k - 1; q >= cl[0]; q-- {
			n := d.toks[q].norm
			if clauseBreaks[n] {
				break
			}
			if d.toks[q].kind == tokPunct && (n == ":" || n == "\u2013" || n == "\u2014") {
				break
			}
			// ("In May": the month, not the modal)
			if (clauseModals[n] || n == "need" || n == "needs") && !(d.toks[q].upper && monthNumber[n] > 0) {
				return true
			}
			if q+1 < cl[1] && n == "to" && (d.toks[q-1].norm == "have" || d.toks[q-1].norm == "has") && q-1 >= cl[0] && q+1 < k {
				return true
			}
		}
	}
	// "relatives of people who were killed": a passive in a relative clause
	// on an unnamed noun names an event as a description of those people,
	// told (if at all) elsewhere
	if tr.verb && d.relativeOnCommonNoun(cl, k) {
		return true
	}
	if !tr.verb {
		// "protest on private property is not protected", "the right to
		// protest": a bare singular noun names the kind, not an event
		if !strings.HasSuffix(t.norm, "s") && (k == cl[0] || genericBefore[d.toks[k-1].norm]) && !t.upper {
			return true
		}
		if k > cl[0] {
			p := d.toks[k-1].norm
			// "safeguards against refoulement", "protest against executions":
			// what the clause is against is no event of its own; nor is the
			// object of a call ("calls for the release of X"), but a call for
			// a rally or a meeting organises one
			if p == "against" || p == "for" && tr.typ != "PROTEST" && tr.typ != "MEETING" {
				return true
			}
			// "urged the release of X", "demanded an end to the detention":
			// what is asked for has not happened
			for q := k - 1; q >= cl[0] && q >= k-5; q-- {
				n := d.toks[q].norm
				if askVerbs[n] {
					return true
				}
				if d.toks[q].kind != tokWord || d.tokMent[q] >= 0 || !(n == "the" || n == "a" || n == "an" || n == "his" || n == "her" || n == "their" || n == "its" || n == "immediate" || n == "unconditional" || n == "end" || n == "to" || n == "swift" || n == "prompt") {
					break
				}
			}
			// "the risk of refoulement", "years of attacks"
			for q := k - 1; q >= cl[0] && q >= k-4; q-- {
				if d.toks[q].norm == "of" {
					if q > cl[0] && abstractOfHeads[d.toks[q-1].norm] {
						return true
					}
					break
				}
				if d.toks[q].kind != tokWord || d.tokMent[q] >= 0 {
					break
				}
			}
			// "this verdict", "that judgment": the ruling already told
			if (tr.typ == "RULING" || tr.typ == "CONVICTION") && (p == "this" || p == "that" || p == "its" || p == "important" && k-2 >= cl[0] && d.toks[k-2].norm == "this") {
				// ... unless a date of its own follows: "in its ruling of 15 July 2021"
				if !(k+2 < cl[1] && d.toks[k+1].norm == "of" && (d.toks[k+2].kind == tokNum || monthNumber[d.toks[k+2].norm] > 0)) {
					return true
				}
			}
		}
	}
	if tr.verb && k > cl[0] && k+1 < cl[1] {
		// "detained migrants", "the convicted protesters": an adjective
		p := d.toks[k-1]
		if adjectivalBefore[p.norm] && !auxiliaries[p.norm] {
			if mi := d.tokMent[k+1]; mi >= 0 && d.ents[d.ments[mi].ent].e.Kind == rightsgraph.KindGroup {
				return true
			}
		}
		// "Untried, convicted and psychiatric detainees should ...": a
		// participle in a list of adjectives before a group, with no actor
		// before it to be its subject
		if (p.norm == "," || d.toks[k+1].norm == "and" || d.toks[k+1].norm == ",") && len(d.actorsIn(cl[0], k)) == 0 {
			for q := k + 1; q < cl[1] && q <= k+4; q++ {
				if mi := d.tokMent[q]; mi >= 0 {
					if d.ents[d.ments[mi].ent].e.Kind == rightsgraph.KindGroup {
						return true
					}
					break
				}
			}
		}
	}
	return false
}

// Nouns after a state's adjective that make the state act: "Belgian
// authorities granted", "Libyan forces intercepted". Any other noun ("an
// Iranian community", "a Belgian aid worker") names someone else.
var stateAgentNouns = map[string]bool{"authorities": true, "government": true, "governments": true, "forces": true, "police": true, "army": true,
	"military": true, "troops": true, "soldiers": true, "regime": true, "security": true, "officials": true, "courts": true, "judiciary": true,
	"navy": true, "coast": true, "border": true, "state": true, "administration": true, "junta": true, "side": true, "delegation": true}

// adjectivalState: a state mention written as an adjective or nationality
// that does not name the state as acting.
func (d *docState) adjectivalState(m mention) bool {
	if m.form != formAdjective && m.form != formDemonym {
		return false
	}
	if d.ents[m.ent].e.Kind != rightsgraph.KindState {
		return false
	}
	if m.t1 < len(d.toks) && d.tokSent[m.t1] == d.tokSent[m.t0] && stateAgentNouns[d.toks[m.t1].norm] {
		return false
	}
	return true
}

// inQuote reports whether byte offset off lies inside quotation marks of
// its paragraph.
func (d *docState) inQuote(si, off int) bool {
	p := d.sents[si].para
	start := d.sents[si].start
	for j := si - 1; j >= 0 && d.sents[j].para == p; j-- {
		start = d.sents[j].start
	}
	open := false
	straight := false
	for i := start; i < off && i < len(d.text); i++ {
		switch d.text[i] {
		case '"':
			straight = !straight
		case 0xE2:
			if i+2 < len(d.text) && d.text[i+1] == 0x80 {
				switch d.text[i+2] {
				case 0x9C: // “
					open = true
				case 0x9D: // ”
					open = false
				}
			}
		}
	}
	return open || straight
}

// speakers returns the entities that speak at the verb of saying at token k:
// the subject before it ("Amnesty International said", "The Minister
// stressed"), or after it in an inverted attribution (`", said the
// Commissioner, Thomas Hammarberg`), never a name inside the quotation, an
// adjective, or a name in a phrase of a preposition.
func (d *docState) speakers(si int, cl [2]int, k int, acts []actorRef) map[int]bool {
	out := map[int]bool{}
	// `," said X`, `” says X`: the verb right after the end of a quotation
	closeQuote := func(q int) bool {
		n := d.toks[q].norm
		return n == "\u201d" || n == "\"" || n == "'" || n == "\u2019"
	}
	inverted := k-1 >= 0 && closeQuote(k-1) || k-2 >= 0 && d.toks[k-1].norm == "," && closeQuote(k-2)
	if !inverted && k-1 >= cl[0] && d.toks[k-1].norm == "," && k-2 >= 0 && d.inQuote(si, d.toks[k-2].start) {
		inverted = true
	}
	if inverted {
		for _, a := range acts {
			if a.t0 > k && a.t0 <= k+4 && !d.inQuote(si, d.toks[a.t0].start) {
				out[a.ent] = true
				// "said the Commissioner for Human Rights, Thomas Hammarberg"
				for _, b := range acts {
					if b.t0 > a.t1 && b.t0 <= a.t1+2 && d.toks[a.t1].norm == "," {
						out[b.ent] = true
					}
				}
				return out
			}
		}
		return out
	}
	// the subject: the nearest actor before the verb, and the actors
	// coordinated with it ("X and Y said")
	nearest := -1
	sawAnd := false
	for i := len(acts) - 1; i >= 0; i-- {
		a := acts[i]
		// only a name of the clause itself speaks in it
		if a.t0 >= k || a.t0 < cl[0] {
			continue
		}
		if d.inQuote(si, d.toks[a.t0].start) {
			continue
		}
		if a.t0 > 0 && prepositions[d.toks[a.t0-1].norm] || a.t0 > 1 && d.toks[a.t0-1].norm == "the" && prepositions[d.toks[a.t0-2].norm] {
			continue
		}
		// nothing but a role, an apposition or a coordination between it and the verb
		gap := false
		for q := a.t1; q < k; q++ {
			n := d.toks[q].norm
			if n == "that" || n == "which" || n == "who" || n == ";" || n == ":" || d.toks[q].kind == tokPunct && (n == "\u201d" || n == "\"") {
				gap = true
				break
			}
		}
		if gap {
			continue
		}
		// "Lawyers for the claimants, who came from Syria, Iraq and Iran,
		// said": a name inside a relative clause is not the subject
		if d.inRelativeBefore(cl[0], a.t0, a.t1, k) {
			continue
		}
		if nearest >= 0 {
			// "The UN Special Rapporteur on ..., Richard Bennett, said": an
			// office set in apposition to the person who holds it
			if b := acts[nearest]; a.t1+1 == b.t0 && d.toks[a.t1].norm == "," &&
				d.ents[b.ent].e.Kind == rightsgraph.KindPerson && d.ents[a.ent].e.Kind == rightsgraph.KindInstitution {
				out[a.ent] = true
				return out
			}
			// only "and", commas and articles between it and the subject
			// found; a comma alone links a list only after an "and" ("X, Y
			// and Z said"), not an opening phrase ("following X, the
			// government withdrew")
			and := false
			for q := a.t1; q < acts[nearest].t0; q++ {
				n := d.toks[q].norm
				if n != "and" && n != "," && n != "the" && n != "&" {
					return out
				}
				if n == "and" || n == "&" {
					and = true
				}
			}
			// ("22 Greenpeace activists": a name modifying the next is the
			// same subject)
			if !and && !sawAnd && a.t1 < acts[nearest].t0 {
				return out
			}
			sawAnd = sawAnd || and
		}
		out[a.ent] = true
		nearest = i
	}
	return out
}

// participialClause: "..., killing at least 20 people": an -ing form after a
// comma is the verb of a clause, not a noun.
func (d *docState) participialClause(k int) bool {
	return k > 0 && strings.HasSuffix(d.toks[k].norm, "ing") && d.toks[k-1].norm == ","
}

// Prepositions whose phrase holds no subject.
var prepositions = map[string]bool{"by": true, "in": true, "of": true, "on": true, "at": true, "from": true, "with": true, "following": true, "after": true,
	"against": true, "for": true, "to": true, "about": true, "under": true, "between": true, "among": true, "including": true, "like": true,
	"into": true, "towards": true, "toward": true, "over": true, "before": true, "since": true, "during": true, "within": true, "without": true, "via": true, "through": true}

// Verbs that ask for what their object names.
var askVerbs = map[string]bool{"urged": true, "urge": true, "urges": true, "urging": true, "demanded": true, "demand": true, "demands": true,
	"demanding": true, "requested": true, "request": true, "requests": true, "sought": true, "seek": true, "seeks": true, "seeking": true,
	"advocated": true, "advocate": true, "advocates": true, "awaiting": true, "awaits": true, "await": true, "secure": true, "securing": true, "prevent": true, "prevented": true, "prevents": true, "halt": true, "stop": true, "end": false}

// State acts: arrests, detention, executions and laws are a state's,
// its authorities named or not.
var stateActs = map[string]bool{"ARREST": true, "DETENTION": true, "EXECUTION": true, "LEGISLATION": true, "POLICY": true}

// impliedStateAgent makes the state an arrest, detention or execution took
// place in its agent when the text names no agent: the one state the
// sentence names (as a name, an adjective or a place in it), else, when the
// sentence names none, the state the document is about.
func (d *docState) impliedStateAgent(ev *rightsgraph.Event, si int, cl [2]int, k int) {
	if !stateActs[ev.Type] || hasRole(ev.Participants, "agent") || hasRole(ev.Participants, "authority") {
		return
	}
	state, several := d.oneStateIn(si)
	if several {
		return // several states: whose act it was is not said
	}
	// a sentence that names no state continues the one before it in its
	// paragraph ("... political prisoners in Belarus. Since the election,
	// tens of thousands have been detained")
	if state < 0 && si > 0 && d.sents[si-1].para == d.sents[si].para && !d.sents[si-1].heading {
		if st, sev := d.oneStateIn(si - 1); !sev {
			state = st
		}
	}
	if state < 0 {
		state = d.mainStateEntity()
	}
	if state < 0 {
		return
	}
	id := d.ents[state].e.ID
	for i, p := range ev.Participants {
		if p.Entity == id {
			ev.Participants[i].Role = "agent"
			return
		}
	}
	ev.Participants = append(ev.Participants, rightsgraph.Participant{Entity: id, Role: "agent"})
}

// presentPerfect: "have been arrested", "has detained".
func (d *docState) presentPerfect(cl [2]int, k int) bool {
	for q := k - 1; q >= cl[0] && q >= k-4; q-- {
		n := d.toks[q].norm
		if n == "has" || n == "have" {
			return true
		}
		if d.toks[q].kind != tokWord || d.tokMent[q] >= 0 {
			return false
		}
	}
	return false
}

// Words that open an adverbial clause: "said today after the army dispersed
// protests", "when the police arrived".
var subordinators = map[string]bool{"after": true, "when": true, "while": true, "because": true, "before": true, "until": true, "whereas": true, "although": true}

// subordinateClause: the subordinator at k opens a clause with a verb of its
// own (a trigger verb within a few words, not "after his arrest").
func (d *docState) subordinateClause(si, k, end int) bool {
	for q := k + 1; q < end && q <= k+8; q++ {
		t := d.toks[q]
		if t.kind == tokPunct && t.norm != "," {
			return false
		}
		if tr, ok := triggers[t.norm]; ok {
			return tr.verb && q > k+1
		}
	}
	return false
}

// onlyCourtAgents: every agent of the event is a court.
func (d *docState) onlyCourtAgents(ev *rightsgraph.Event) bool {
	n := 0
	for _, p := range ev.Participants {
		if p.Role != "agent" {
			continue
		}
		ei, ok := d.entByID[p.Entity]
		if !ok || !d.ents[ei].e.Court {
			return false
		}
		n++
	}
	return n > 0
}

// locativeBefore: the name at token t0 is the object of a preposition of
// place ("in Belgium", "outside the Ministry", "in front of the
// Commissariat General").
func (d *docState) locativeBefore(t0, lo int) bool {
	q := t0 - 1
	if q >= lo && d.toks[q].norm == "the" {
		q--
	}
	if q < lo {
		return false
	}
	switch d.toks[q].norm {
	case "in", "across", "throughout", "inside", "outside", "at", "near":
		return true
	case "of":
		return q-2 >= lo && d.toks[q-1].norm == "front" && d.toks[q-2].norm == "in"
	}
	return false
}

// Pronouns that take their referent from the sentence before.
var backPronouns = map[string]bool{"he": true, "she": true, "they": true, "them": true, "him": true, "her": true, "his": true, "their": true, "it": true, "its": true, "we": true, "us": true}

// refersBack: a clause without a name of its own speaks of the actors of the
// one before only through a pronoun ("They were arrested", "found them
// guilty"), a bare count ("14 were arrested") or no subject at all ("Arrested
// on Monday, ..."); "some 150 supporters gathered" names people of its own.
func (d *docState) refersBack(cl [2]int, k int) bool {
	for q := cl[0]; q < cl[1]; q++ {
		if backPronouns[d.toks[q].norm] {
			return true
		}
	}
	// a subject of its own before the trigger: a counted or determined
	// noun ("some 150 supporters", "the protesters", "many journalists")
	for q := cl[0]; q+1 < k; q++ {
		t, n := d.toks[q], d.toks[q+1]
		if n.kind != tokWord || auxiliaries[n.norm] || n.upper || d.tokMent[q+1] >= 0 {
			continue
		}
		// ("In 2023 alone": a year, not a count)
		if t.kind == tokNum && !(len(t.norm) == 4 && (strings.HasPrefix(t.norm, "19") || strings.HasPrefix(t.norm, "20"))) || subjectDeterminers[t.norm] {
			return false
		}
	}
	return true
}

// Determiners that open a noun phrase of people: "some", "many", "the".
var subjectDeterminers = map[string]bool{"some": true, "many": true, "several": true, "hundreds": true, "thousands": true, "dozens": true, "the": true, "a": true, "an": true, "most": true, "other": true, "these": true, "those": true}

// Words before a bare noun that leave it generic.
var genericBefore = map[string]bool{"that": true, "to": true, "on": true, "and": true, "or": true, "whether": true, "if": true, "against": true, "without": true}

// Verbs of saying whose complement is a clause: "said that", "noted the".
var sayVerbs = map[string]bool{"said": true, "says": true, "stated": true, "states": true, "noted": true, "notes": true, "added": true,
	"warned": true, "stressed": true, "emphasised": true, "emphasized": true, "reported": true, "reports": true, "argued": true, "claimed": true,
	"explained": true, "recalled": true, "observed": true, "concluded": false, "found": false, "announced": true, "declared": true, "insisted": true}

// Temporal prepositions before an event noun that take the event as given:
// "since the military takeover", "after his arrest".
var givenEventPreps = map[string]bool{"since": true, "after": true, "following": true, "before": true, "until": true, "during": true, "amid": true}

// givenEvent: the noun trigger at k follows a temporal preposition (with
// determiners and adjectives between): the event it names happened.
func (d *docState) givenEvent(cl [2]int, k int) bool {
	for q := k - 1; q >= cl[0] && q >= k-9; q-- {
		n := d.toks[q].norm
		if givenEventPreps[n] || evaluativeVerbs[n] {
			return true
		}
		// "after the Nobel Committee's decision to award him the prize"
		if n == "'s" || d.tokMent[q] >= 0 || n == "decision" || n == "to" {
			continue
		}
		if d.toks[q].kind != tokWord || n == "that" || n == "which" || clauseModals[n] {
			return false
		}
	}
	return false
}

// Verbs whose object is an event that happened: "condemns today's court
// ruling", "welcomed the verdict", "deplored the arrest of X".
var evaluativeVerbs = map[string]bool{"condemns": true, "condemned": true, "welcomes": true, "welcomed": true, "deplores": true, "deplored": true,
	"denounces": true, "denounced": true, "criticises": true, "criticised": true, "criticizes": true, "criticized": true, "regrets": true,
	"regretted": true, "applauds": true, "applauded": true, "hails": true, "hailed": true, "decries": true, "decried": true, "protests": false}

// activeWithObject: the verb at k has a named subject before it and a named
// person or group right after it ("police detained 30 protesters"), and no
// duration or place of custody follows ("for 48 hours", "since", "in prison").
func (d *docState) activeWithObject(cl [2]int, k int) bool {
	if d.passiveAt(cl, k) || len(d.actorsIn(cl[0], k)) == 0 {
		return false
	}
	obj := false
	for q := k + 1; q < cl[1] && q <= k+3; q++ {
		if mi := d.tokMent[q]; mi >= 0 {
			kind := d.ents[d.ments[mi].ent].e.Kind
			obj = kind == rightsgraph.KindPerson || kind == rightsgraph.KindGroup
			break
		}
		if d.toks[q].kind == tokNum {
			obj = true
			break
		}
	}
	if !obj {
		return false
	}
	for q := k + 1; q < cl[1]; q++ {
		switch d.toks[q].norm {
		case "for", "since", "until", "prison", "prisons", "custody", "incommunicado", "without", "pending", "detention", "months", "years", "weeks":
			return false
		}
	}
	return true
}

// instrumentInClause: an instrument is named in the clause.
func (d *docState) instrumentInClause(cl [2]int) bool {
	for q := cl[0]; q < cl[1]; q++ {
		if mi := d.tokMent[q]; mi >= 0 && d.ents[d.ments[mi].ent].e.Kind == rightsgraph.KindInstrument {
			return true
		}
	}
	return false
}

// personIn: a named person takes part in the event.
func (d *docState) personIn(ev *rightsgraph.Event) bool {
	for _, p := range ev.Participants {
		if strings.HasPrefix(p.Entity, "person:") {
			return true
		}
	}
	return false
}

// oneStateIn: the state sentence si names (as a name, an adjective or a
// place in it), -1 when none; several when it names more than one.
func (d *docState) oneStateIn(si int) (state int, several bool) {
	s := d.sents[si]
	state = -1
	for q := s.t0; q < s.t1; q++ {
		mi := d.tokMent[q]
		if mi < 0 || d.ments[mi].t0 != q {
			continue
		}
		e := d.ents[d.ments[mi].ent]
		st := -1
		switch {
		case e.e.Kind == rightsgraph.KindState:
			st = d.ments[mi].ent
		case e.e.Kind == rightsgraph.KindPlace && e.iso3 != "":
			if i, ok := d.entByID["state:"+e.iso3]; ok {
				st = i
			}
		}
		if st < 0 {
			continue
		}
		if state >= 0 && state != st {
			return -1, true
		}
		state = st
	}
	return state, false
}

// inRelativeBefore: the name [a0, a1) stands in a relative clause opened by
// ", who|which|whose" after cl0 and closed by a comma before the verb at k.
func (d *docState) inRelativeBefore(cl0, a0, a1, k int) bool {
	open := false
	// (the clause may start at the relative pronoun itself)
	for q := a0 - 1; q > 0 && q >= cl0-1; q-- {
		n := d.toks[q].norm
		if (n == "who" || n == "which" || n == "whose") && d.toks[q-1].norm == "," {
			open = true
			break
		}
	}
	if !open {
		return false
	}
	for q := a1; q < k; q++ {
		if d.toks[q].norm == "," {
			return true
		}
	}
	return false
}

// relativeOnCommonNoun: the verb at k is the passive of a relative clause
// ("who were killed", "that had been detained") whose antecedent is a
// common noun, not a name or a group the text names.
func (d *docState) relativeOnCommonNoun(cl [2]int, k int) bool {
	q := k - 1
	for q >= 0 && q >= k-3 && (auxiliaries[d.toks[q].norm] || d.toks[q].norm == "had" || d.toks[q].norm == "have" || d.toks[q].norm == "has") {
		q--
	}
	if q == k-1 || q < 1 {
		return false
	}
	if n := d.toks[q].norm; n != "who" && n != "that" && n != "which" {
		return false
	}
	ante := d.toks[q-1]
	return ante.kind == tokWord && !ante.upper && d.tokMent[q-1] < 0 && !prepositions[ante.norm] && !sayVerbs[ante.norm]
}
