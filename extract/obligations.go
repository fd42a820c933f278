package extract

import (
	"fmt"
	"strings"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// Verbs that put a duty on their object: "urged the authorities to".
var directiveVerbs = map[string]bool{
	"urged": true, "urges": true, "urge": true, "asked": true, "asks": true, "requested": true,
	"requests": true, "demanded": true, "demands": true, "ordered": true, "orders": true,
	"instructed": true, "invited": true, "invites": true, "encouraged": true, "encourages": true,
	"recommended": true, "recommends": true, "called": true, "calls": true, "call": true, "required": false,
	"insisted": true, "insists": true,
	// French and Dutch: "demande à la Belgique de", "roept ... op om"
	"demande": true, "exhorte": true, "appelle": true, "invite": true, "roept": true, "vraagt": true, "verzoekt": true,
}

// Words before an infinitive: "to", French "de"/"à", Dutch "om"/"te".
var infinitiveMarkers = map[string]bool{"to": true, "de": true, "d'": true, "a": true, "om": true, "te": true}

// Articles and determiners that follow "de"/"à" when no infinitive does.
var articles = map[string]bool{"la": true, "le": true, "les": true, "l'": true, "des": true, "du": true, "un": true, "une": true, "de": true, "het": true, "een": true, "the": true, "a": true, "an": true, "leur": true, "leurs": true, "ses": true, "sa": true, "son": true, "ces": true, "cette": true}

// Directive verbs that also take a "that" clause: "recommended that X ensure".
var thatVerbs = map[string]bool{"recommended": true, "recommends": true, "urged": true, "urges": true, "demanded": true, "demands": true, "requested": true, "requests": true, "asked": true, "asks": true, "insisted": true, "insists": true, "ordered": true, "orders": true, "required": true}

// Verbs after which what a provision says is a rule: "provides that".
var ruleVerbs = map[string]bool{"provides": true, "provide": true, "states": true, "stipulates": true, "requires": true, "prohibits": true, "says": true}

// Reporting verbs whose subject is the source of what follows.
var reportingVerbs = map[string]bool{
	"considers": true, "recalls": true, "says": true, "said": true, "insists": true, "believes": true,
	"argues": true, "argued": true, "stresses": true, "stressed": true, "notes": true, "noted": true,
	"pointed": true, "points": true, "warns": true, "warned": true, "emphasises": true, "emphasized": true,
	"emphasizes": true, "emphasised": true, "ruled": true, "found": true, "held": true, "decided": true,
}

// Verbs by which a state takes part in a review mechanism.
var mechanismVerbs = map[string]bool{"participate": true, "participates": true, "participated": true, "undergo": true, "undergoes": true, "report": true, "reports": true, "submit": true, "submits": true, "appear": true}

// obligations finds duties stated or cited in each clause.
func (d *docState) obligations() {
	d.eventSource = -1
	for si, s := range d.sents {
		if s.heading {
			continue
		}
		for _, cl := range d.clauses(si) {
			d.directives(si, cl)
			d.modals(si, cl)
			d.failures(si, cl)
			d.mechanisms(si, cl)
			d.actionFrom(si, cl)
			d.instrumentObliges(si, cl)
		}
	}
	d.rulingOrders()
	d.mergeObligations()
}

// mergeObligations: the same duty stated twice in a document (a summary and
// its section, a report repeated) is one obligation with the evidence of
// both: same bound party, source, provision, modality and words.
func (d *docState) mergeObligations() {
	key := func(o *rightsgraph.Obligation) string {
		k := o.Bound + "|" + o.Modality + "|"
		if o.Source != nil {
			k += *o.Source
		}
		k += "|"
		if o.Provision != nil {
			k += *o.Provision
		}
		return k + "|" + strings.Join(strings.Fields(strings.ToLower(foldString(o.Text))), " ")
	}
	first := map[string]int{}
	renamed := map[string]string{}
	out := d.out.Obligations[:0]
	for _, o := range d.out.Obligations {
		k := key(&o)
		if i, ok := first[k]; ok {
			m := &out[i]
			m.Evidence = append(m.Evidence, o.Evidence...)
			for _, r := range o.Rights {
				if !containsString(m.Rights, r) {
					m.Rights = append(m.Rights, r)
				}
			}
			renamed[o.ID] = m.ID
			continue
		}
		first[k] = len(out)
		out = append(out, o)
	}
	d.out.Obligations = out
	d.mergeProvisionDuties(renamed)
	d.mergeRecommendations(renamed)
	if len(renamed) == 0 {
		return
	}
	for i := range d.out.Relations {
		r := &d.out.Relations[i]
		if to, ok := renamed[r.From]; ok {
			r.From = to
		}
		if to, ok := renamed[r.To]; ok {
			r.To = to
		}
	}
}

func (d *docState) addObligation(si, bound, source int, provision string, modality string, textFrom, textTo int) {
	if bound < 0 {
		return
	}
	// a national law binds its own state: "in the absence of a treaty
	// between Belgium and Kazakhstan, the Belgian law of 2004 applies"
	if source >= 0 && d.ents[bound].e.Kind == rightsgraph.KindState {
		if ref := d.ents[source].ref; ref >= 0 {
			re := &d.x.ix.ents[ref]
			if re.kind == rightsgraph.KindInstrument && re.state != "" && d.ents[bound].e.ID != "state:"+re.state {
				if si, ok := d.x.ix.byID["state:"+re.state]; ok {
					bound = d.refEntity(si)
				}
			}
		}
	}
	be := d.ents[bound].e
	if be.Kind != rightsgraph.KindState && be.Kind != rightsgraph.KindInstitution {
		return
	}
	ob := rightsgraph.Obligation{Bound: be.ID, Modality: modality}
	if source >= 0 && source != bound {
		id := d.ents[source].e.ID
		ob.Source = &id
	} else if source < 0 && d.eventSource >= 0 && d.eventSource < len(d.out.Events) {
		// a ruling's order: established by the ruling event
		id := d.out.Events[d.eventSource].ID
		ob.Source = &id
	}
	d.eventSource = -1
	if provision != "" {
		p := provision
		ob.Provision = &p
	}
	if textFrom < textTo {
		ob.Text = strings.Join(strings.Fields(strings.TrimRight(d.text[textFrom:textTo], " .;,")), " ")
	}
	key := fmt.Sprintf("%s|%d|", ob.Bound, d.sents[si].start)
	if ob.Source != nil {
		key += *ob.Source
	}
	if d.obSeen[key] {
		return
	}
	d.obSeen[key] = true
	if source >= 0 {
		d.lastSource = source
	}
	s := d.sents[si]
	ob.Evidence = []rightsgraph.Evidence{d.sentEvidence(si)}
	ob.ID = fmt.Sprintf("obligation:%s-%d-%s", shortID(d.doc.ID), textFrom, slugify(be.ID))
	_ = s
	ob.Rights = d.sentenceRights(si)
	d.out.Obligations = append(d.out.Obligations, ob)
}

func eqPtr(a, b *string) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// sourceOf returns what establishes a duty stated in clause cl: a provision
// or instrument cited in the sentence, the subject of a reporting verb before
// `before`, else the document's voice. provision is the cited number.
func (d *docState) sourceOf(si int, cl [2]int, before int) (src int, provision string) {
	for _, p := range d.provs[si] {
		if p.t0 < cl[1] {
			if p.instrument >= 0 {
				return p.instrument, p.number
			}
			provision = p.number
		}
	}
	// an instrument the sentence names ("As a State party to the ICCPR,
	// Iran is obliged to ..."); "That follows from Article 33 of the
	// Refugee Convention" in the next sentence
	if provision == "" {
		if ins := d.instrumentIn(si); ins >= 0 {
			return ins, provision
		}
		if si+1 < len(d.sents) && d.sents[si+1].para == d.sents[si].para && d.followsFrom(si+1) {
			for _, p := range d.provs[si+1] {
				if p.instrument >= 0 {
					return p.instrument, p.number
				}
			}
			if ins := d.instrumentIn(si + 1); ins >= 0 {
				return ins, ""
			}
		}
	}
	// a ruling the sentence reports: its order ("the judgment of 10
	// December 2019, which called on the Government to end ...")
	if provision == "" {
		if ev := d.rulingEventIn(si); ev >= 0 {
			d.eventSource = ev
			return -1, provision
		}
	}
	// the subject of a reporting verb earlier in the sentence
	s := d.sents[si]
	for k := before - 1; k >= s.t0; k-- {
		if !reportingVerbs[d.toks[k].norm] {
			continue
		}
		if src := d.subjectOf(si, [2]int{s.t0, k}, k); src >= 0 {
			return src, provision
		}
		// "The justices said that ...": the court last named
		if d.clauseHas(s.t0, k, []string{"justices", "judges", "judge", "court", "tribunal", "bench"}) {
			if c := d.lastMentionBefore(s.t0, func(ei int) bool { return d.ents[ei].e.Court }); c >= 0 {
				return c, provision
			}
		}
	}
	return d.voiceAt(si), provision
}

// voiceAt is whose words sentence si is: the speaker of the quotation or
// statement it belongs to, else the document's publisher or advocate, else
// the agent of its first statement.
func (d *docState) voiceAt(si int) int {
	if sp := d.quoteSpeaker(si); sp >= 0 {
		return sp
	}
	if d.voice >= 0 {
		return d.voice
	}
	if sp := d.docSpeaker(); sp >= 0 {
		return sp
	}
	// a court's own text (a judgment's summary, a press release of the
	// court): what it says must be done is its ruling's
	if ev := d.onlyRuling(); ev >= 0 {
		d.eventSource = ev
	}
	return -1
}

// onlyRuling returns the document's ruling when it reports exactly one
// dated ruling by a court, else -1.
func (d *docState) onlyRuling() int {
	found := -1
	for i, ev := range d.out.Events {
		if isRulingType(ev.Type) && hasRole(ev.Participants, "authority") && len(ev.Date) >= 7 {
			if found >= 0 {
				return -1
			}
			found = i
		}
	}
	return found
}

// callerOf is who makes the call or demand at token k: inside a quotation
// its speaker ("“We call on the authorities ...,” said X"), else the verb's
// subject, else the sentence's voice.
func (d *docState) callerOf(si int, cl [2]int, k int) int {
	// "the judgment of 10 December 2019, which called on the Government
	// to ...": the ruling's order
	for q := k - 1; q >= d.sents[si].t0 && q >= k-12; q-- {
		if rulingNouns[d.toks[q].norm] {
			if ev := d.rulingEventIn(si); ev >= 0 {
				d.eventSource = ev
				return -1
			}
			break
		}
	}
	if d.inQuote(si, d.toks[k].start) {
		if sp := d.quoteSpeaker(si); sp >= 0 {
			return sp
		}
	}
	if src := d.subjectOf(si, cl, k); src >= 0 {
		return src
	}
	return d.voiceAt(si)
}

// paragraphInstrument: a duty stated without a source, after sentences of
// its paragraph that cite instruments ("Nigeria is a party to the African
// Charter ... Nigeria has an obligation to investigate"): the last
// instrument cited there, or -1.
func (d *docState) paragraphInstrument(si int) int {
	para := d.sents[si].para
	for sj := si - 1; sj >= 0 && sj >= si-4 && d.sents[sj].para == para; sj-- {
		if ins := d.lastInstrumentIn(sj); ins >= 0 {
			return ins
		}
	}
	return -1
}

// instrumentIn returns the first instrument mentioned in sentence si, or -1.
func (d *docState) instrumentIn(si int) int {
	s := d.sents[si]
	for k := s.t0; k < s.t1; k++ {
		if mi := d.tokMent[k]; mi >= 0 && d.ents[d.ments[mi].ent].e.Kind == rightsgraph.KindInstrument {
			return d.ments[mi].ent
		}
	}
	return -1
}

func (d *docState) lastInstrumentIn(si int) int {
	s := d.sents[si]
	for k := s.t1 - 1; k >= s.t0; k-- {
		if mi := d.tokMent[k]; mi >= 0 && d.ents[d.ments[mi].ent].e.Kind == rightsgraph.KindInstrument {
			return d.ments[mi].ent
		}
	}
	return -1
}

// followsFrom: a sentence that gives the legal basis of the one before
// ("That follows from Article 33 ...", "This is required by ...").
func (d *docState) followsFrom(si int) bool {
	s := d.sents[si]
	if s.t1-s.t0 < 3 {
		return false
	}
	first := d.toks[s.t0].norm
	if first != "that" && first != "this" && first != "these" && first != "both" {
		return false
	}
	for k := s.t0 + 1; k+1 < s.t1 && k < s.t0+5; k++ {
		n, m := d.toks[k].norm, d.toks[k+1].norm
		if (n == "follows" || n == "follow" || n == "derives" || n == "stems" || n == "flows") && m == "from" || n == "required" && m == "by" || n == "under" {
			return true
		}
	}
	return false
}

// subjectOf returns the subject of the verb at k in clause cl: its first
// actor other than a collective (a group is the subject only when it opens
// the clause: "Lawyers for the claimants ... said"); for "It also urged",
// the source of the sentence before.
func (d *docState) subjectOf(si int, cl [2]int, k int) int {
	a0 := cl[0]
	// "At the request of Germany and Iceland, the Council ...": an opening
	// prepositional phrase holds no subject
	if placePreps[d.toks[a0].norm] || d.toks[a0].norm == "at" || d.toks[a0].norm == "on" || d.toks[a0].norm == "following" || d.toks[a0].norm == "after" || d.toks[a0].norm == "under" {
		for q := a0; q < k; q++ {
			if d.toks[q].norm == "," {
				a0 = q + 1
				break
			}
		}
	}
	acts := d.actorsIn(a0, k)
	for i, a := range acts {
		kind := d.ents[a.ent].e.Kind
		if kind == rightsgraph.KindGroup && !(i == 0 && a.t0 == a0) {
			continue
		}
		// "Kenya: The Kenya Human Rights Commission calls ...": a headline
		// prefix
		if a.t1 < len(d.toks) && d.toks[a.t1].norm == ":" {
			continue
		}
		return a.ent
	}
	if n := d.toks[cl[0]].norm; (n == "it" || n == "they" || n == "she" || n == "he") && d.lastSource >= 0 {
		return d.lastSource
	}
	return -1
}

// officeOf finds the body an addressee's office title names ("the
// Inspector-General of Police, X" -> the police), or the main state.
func (d *docState) officeOf(a, b int) int {
	for k := a; k < b; k++ {
		t := d.toks[k]
		if !t.upper || institutionHeads[t.norm] == "" {
			continue
		}
		found := -1
		for ei, e := range d.ents {
			if e.e.Kind == rightsgraph.KindInstitution && containsString(e.nameToks, t.norm) {
				if found >= 0 {
					found = -2
					break
				}
				found = ei
			}
		}
		if found >= 0 {
			return found
		}
	}
	return d.mainStateEntity()
}

// Copulas before "tenu", "verplicht": "est tenu de", "is verplicht".
var frenchDutchCopula = map[string]bool{"est": true, "sont": true, "etait": true, "is": true, "zijn": true, "was": true, "ist": true, "sind": true, "reste": true, "blijft": true}

// frenchParticiple: "refusée", "examinés", "accordé".
func (d *docState) frenchParticiple(k int) bool {
	w := d.text[d.toks[k].start:d.toks[k].end]
	for _, suf := range []string{"é", "ée", "és", "ées", "is", "ise", "it", "ite", "u", "ue"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	return false
}

// dutchGermanPassive: "moet ... worden geweigerd", "muss ... werden
// abgelehnt": a passive infinitive later in the clause.
func (d *docState) dutchGermanPassive(cl [2]int, k int) bool {
	for q := k + 1; q < cl[1] && q < k+12; q++ {
		n := d.toks[q].norm
		if n == "worden" || n == "werden" {
			return true
		}
	}
	return false
}

// isDutyModal: the modal at k states a legal duty ("has an obligation to",
// "is obliged to"), not advice ("should").
func (d *docState) isDutyModal(k int) bool {
	switch d.toks[k].norm {
	case "is", "are", "was", "were", "has", "have", "had", "remains", "remain", "bears", "bear", "must", "shall":
		return true
	}
	return false
}

// Words after "is"/"are" that state a duty: "is obliged to".
var dutyAdjectives = map[string]bool{"obliged": true, "obligated": true, "bound": true, "required": true, "compelled": true}

// Adverbs between "is" and the duty: "is therefore bound".
var modalAdverbs = map[string]bool{"therefore": true, "also": true, "thus": true, "still": true, "legally": true, "clearly": true, "equally": true, "further": true, "hence": true, "now": true}

// Adjectives that, after a provision, forbid: "is prohibited", "is inadmissible".
var prohibitedWords = map[string]bool{"prohibited": true, "forbidden": true, "inadmissible": true, "banned": true}

// boundNear returns the actor that is bound: the nearest State or
// Institution actor before token k in the clause (or just after it, for
// "should Belgium authorise").
func (d *docState) boundNear(cl [2]int, k int) int {
	acts := d.actorsIn(cl[0], cl[1])
	best := -1
	for _, a := range acts {
		kind := d.ents[a.ent].e.Kind
		if kind != rightsgraph.KindState && kind != rightsgraph.KindInstitution {
			continue
		}
		if a.t0 < k {
			best = a.ent
		}
	}
	if best < 0 {
		for _, a := range acts {
			kind := d.ents[a.ent].e.Kind
			if (kind == rightsgraph.KindState || kind == rightsgraph.KindInstitution) && a.t0 > k && a.t0 <= k+2 {
				return a.ent
			}
		}
	}
	return best
}

// directives: "urged the authorities to take ...", "calls on Belgium to ...".
func (d *docState) directives(si int, cl [2]int) {
	for k := cl[0]; k < cl[1]; k++ {
		t := d.toks[k]
		if !directiveVerbs[t.norm] {
			continue
		}
		j := k + 1
		if t.norm == "call" || t.norm == "calls" || t.norm == "called" {
			if j < cl[1] && (d.toks[j].norm == "on" || d.toks[j].norm == "upon") {
				j++
			} else {
				if j < cl[1] && d.toks[j].norm == "for" {
					d.unaddressedCall(si, cl, k, j+1)
				}
				continue
			}
		}
		// "recommends that resources be increased": no addressee named
		if j < cl[1] && d.toks[j].norm == "that" && thatVerbs[t.norm] && len(d.actorsIn(j+1, minInt(cl[1], j+8))) == 0 {
			d.unaddressedCall(si, cl, k, j+1)
			continue
		}
		// "recommended that Belgium ensure ...", "urged that the authorities
		// should release ...": the first state or body after "that"
		if j < cl[1] && d.toks[j].norm == "that" && thatVerbs[t.norm] {
			for _, a := range d.actorsIn(j+1, minInt(cl[1], j+8)) {
				kind := d.ents[a.ent].e.Kind
				if kind != rightsgraph.KindState && kind != rightsgraph.KindInstitution {
					continue
				}
				src := d.callerOf(si, cl, k)
				if a.t1 < cl[1] {
					d.addObligation(si, a.ent, src, "", "must", d.toks[a.t1].start, d.toks[cl[1]-1].end)
				}
				break
			}
			continue
		}
		// the addressee, then "to <verb>"
		to := -1
		for q := j; q < cl[1] && q < j+40; q++ {
			if infinitiveMarkers[d.toks[q].norm] && q+1 < cl[1] && d.toks[q+1].kind == tokWord && d.tokMent[q+1] < 0 && !d.toks[q+1].upper && !articles[d.toks[q+1].norm] {
				to = q
				break
			}
		}
		if to < 0 {
			continue
		}
		addressees := d.actorsIn(j, to)
		if len(addressees) == 0 {
			continue
		}
		src := d.callerOf(si, cl, k)
		for _, a := range addressees {
			if a.t0 > j+6 {
				break
			}
			bound := a.ent
			// "called on the Inspector-General of Police, Kayode Egbetokun, to
			// ...": a person addressed by an office title binds the office's
			// body, or the state
			if d.ents[bound].e.Kind == rightsgraph.KindPerson {
				bound = d.officeOf(j, a.t0)
			}
			d.addObligation(si, bound, src, "", "must", d.toks[to+1].start, d.toks[cl[1]-1].end)
		}
	}
}

// modals: "must", "should", "shall", "is to be refused", "can be rejected".
func (d *docState) modals(si int, cl [2]int) {
	for k := cl[0]; k < cl[1]; k++ {
		t := d.toks[k]
		mod := ""
		switch t.norm {
		case "must", "shall", "should":
			mod = "must"
			// "must be seen in the context of", "should be noted": how to
			// read something, not a duty
			if k+2 < cl[1] && d.toks[k+1].norm == "be" && readingVerbs[d.toks[k+2].norm] {
				mod = ""
			}
			// "Iran must be held accountable": others must hold it to account
			if k+3 < cl[1] && d.toks[k+1].norm == "be" && d.toks[k+2].norm == "held" && (d.toks[k+3].norm == "accountable" || d.toks[k+3].norm == "responsible" || d.toks[k+3].norm == "liable" || d.toks[k+3].norm == "to") {
				mod = ""
			}
		case "can", "may", "cannot":
			// "may be refused", "may not be extradited", "cannot be returned"
			if k+1 < cl[1] && d.toks[k+1].norm == "be" || k+2 < cl[1] && d.toks[k+1].norm == "not" && d.toks[k+2].norm == "be" {
				mod = "may"
			}
			if t.norm == "cannot" && mod == "may" {
				mod = "must_not"
			}
		// French, Dutch and German modals of duty: "doit", "devrait",
		// "moet", "dient ... te", "muss", "sollte"
		case "doit", "doivent", "devrait", "devraient", "devra", "devront", "moet", "moeten", "dient", "dienen", "muss", "mussen", "sollte", "sollten", "soll":
			mod = "must"
		case "peut", "peuvent", "kan", "kunnen", "mag", "mogen", "darf", "durfen", "kann", "konnen":
			// "peut être refusée", "mag niet", "darf nicht"
			if k+1 < cl[1] && (d.toks[k+1].norm == "etre" || d.toks[k+1].norm == "worden" || d.toks[k+1].norm == "werden") {
				mod = "may"
			}
			if k+1 < cl[1] && (d.toks[k+1].norm == "pas" || d.toks[k+1].norm == "niet" || d.toks[k+1].norm == "nicht") || k > cl[0] && d.toks[k-1].norm == "ne" {
				mod = "must_not"
			}
		case "tenu", "tenus", "tenue", "tenues", "oblige", "obliges", "verplicht", "verpflichtet", "gehouden":
			// "est tenu de", "is verplicht om/te", "ist verpflichtet"
			if k > cl[0] && frenchDutchCopula[d.toks[k-1].norm] {
				mod = "must"
			}
		case "is", "are", "was", "were", "remains", "remain":
			if k+2 < cl[1] && d.toks[k+1].norm == "to" && d.toks[k+2].norm == "be" {
				mod = "must"
			}
			// "is obliged to", "is therefore bound not to", "are required to",
			// "is under an obligation to"
			q := k + 1
			for q < cl[1] && (modalAdverbs[d.toks[q].norm] || d.toks[q].norm == "legally") {
				q++
			}
			if q+1 < cl[1] && dutyAdjectives[d.toks[q].norm] {
				r := q + 1
				if d.toks[r].norm == "not" {
					r++
				}
				if r < cl[1] && d.toks[r].norm == "to" {
					mod = "must"
					if r > q+1 {
						mod = "must_not"
					}
				}
			}
			if q+3 < cl[1] && d.toks[q].norm == "under" && (d.toks[q+1].norm == "an" || d.toks[q+1].norm == "a") && (d.toks[q+2].norm == "obligation" || d.toks[q+2].norm == "duty") && d.toks[q+3].norm == "to" {
				mod = "must"
			}
			// "a request is not granted where ...", "refugees may not be"
			// under a provision cited in the sentence: the rule it states
			if mod == "" && len(d.provs[si]) > 0 && q+1 < cl[1] && d.toks[q].norm == "not" && isParticiple(d.toks[q+1].norm) {
				mod = "must_not"
			}
			if mod == "" && len(d.provs[si]) > 0 && q < cl[1] && prohibitedWords[d.toks[q].norm] {
				mod = "must_not"
			}
		case "has", "have", "had", "bears", "bear":
			// "has an obligation to", "have a duty to"
			q := k + 1
			for q < cl[1] && modalAdverbs[d.toks[q].norm] {
				q++
			}
			if q+2 < cl[1] && (d.toks[q].norm == "an" || d.toks[q].norm == "a" || d.toks[q].norm == "the") && (d.toks[q+1].norm == "obligation" || d.toks[q+1].norm == "duty" || d.toks[q+1].norm == "responsibility") && d.toks[q+2].norm == "to" {
				mod = "must"
			}
			if q+3 < cl[1] && d.toks[q].norm == "a" && (d.toks[q+1].norm == "legal" || d.toks[q+1].norm == "positive") && (d.toks[q+2].norm == "obligation" || d.toks[q+2].norm == "duty") && d.toks[q+3].norm == "to" {
				mod = "must"
			}
		case "makes", "make", "renders":
			// "Article 2 of the Act makes a request inadmissible"
			if len(d.provs[si]) > 0 && d.clauseHas(k, minInt(cl[1], k+6), []string{"inadmissible", "unlawful", "impossible"}) {
				mod = "must_not"
			}
		}
		if mod == "" {
			continue
		}
		neg := k+1 < cl[1] && (d.toks[k+1].norm == "not" || d.toks[k+1].norm == "never" || d.toks[k+1].norm == "pas" || d.toks[k+1].norm == "niet" || d.toks[k+1].norm == "nicht" || d.toks[k+1].norm == "jamais" || d.toks[k+1].norm == "nooit") ||
			d.clauseHas(cl[0], k, []string{"no"}) && d.clauseHas(cl[0], k, []string{"circumstances"})
		if neg && mod == "must" {
			mod = "must_not"
		}
		// "refugees may not be extradited": a prohibition
		if neg && mod == "may" {
			mod = "must_not"
		}
		// passive: "must be processed", "is to be refused"
		q := k + 1
		for q < cl[1] && (d.toks[q].norm == "not" || d.toks[q].norm == "to" || d.toks[q].norm == "be" || d.toks[q].norm == "pas" || d.toks[q].norm == "etre" || d.toks[q].norm == "niet" || d.toks[q].norm == "nicht") {
			q++
		}
		passive := q > k+1 && d.toks[q-1].norm == "be" && q < cl[1] && isParticiple(d.toks[q].norm) ||
			q > k+1 && d.toks[q-1].norm == "etre" && q < cl[1] && d.frenchParticiple(q) ||
			d.dutchGermanPassive(cl, k)
		if (mod == "must" || mod == "must_not") && (d.toks[k].norm == "is" || d.toks[k].norm == "are" || d.toks[k].norm == "makes") && len(d.provs[si]) > 0 {
			// a rule stated in the present under a provision binds like a passive
			passive = true
		}
		if mod == "may" && !passive {
			// "may be as high as": not a permission
			continue
		}
		bound := d.boundNear(cl, k)
		src, prov := d.sourceOf(si, cl, k)
		if prov == "" && (src < 0 || src == d.voice) {
			// "should implement the judgments of the European Court of Human
			// Rights", "is bound not to ..., as the Court has held"
			found := false
			for _, a := range d.actorsIn(k, cl[1]) {
				if e := d.ents[a.ent].e; e.Court || e.Category == "mechanism" {
					src, found = a.ent, true
					break
				}
			}
			if !found && d.isDutyModal(k) {
				if ins := d.paragraphInstrument(si); ins >= 0 {
					src = ins
				}
			}
		}
		if bound < 0 {
			if !passive && len(d.provs[si]) == 0 {
				continue
			}
			// a rule on a procedure binds the state the text is about
			if !passive && !d.ruleSentence(si) {
				continue
			}
			bound = d.mainStateEntity()
		}
		if bound >= 0 && d.ents[bound].e.Kind == rightsgraph.KindState || bound >= 0 && d.ents[bound].e.Kind == rightsgraph.KindInstitution {
			d.addObligation(si, bound, src, prov, mod, d.toks[cl[0]].start, d.toks[cl[1]-1].end)
		}
		return
	}
}

func (d *docState) ruleSentence(si int) bool {
	s := d.sents[si]
	for k := s.t0; k < s.t1; k++ {
		if ruleVerbs[d.toks[k].norm] {
			return true
		}
	}
	return false
}

// failures: "the government failed to provide ..." after court decisions.
func (d *docState) failures(si int, cl [2]int) {
	for k := cl[0]; k+1 < cl[1]; k++ {
		n := d.toks[k].norm
		if !(n == "failed" || n == "fails" || n == "fail" || n == "failing" || n == "failure") || d.toks[k+1].norm != "to" {
			continue
		}
		s := d.sents[si]
		var bounds []int
		for _, a := range d.actorsIn(cl[0], k) {
			kind := d.ents[a.ent].e.Kind
			if (kind == rightsgraph.KindState || kind == rightsgraph.KindInstitution) && !d.ents[a.ent].e.Court {
				bounds = append(bounds, a.ent)
			}
		}
		if len(bounds) == 0 {
			continue
		}
		// the nearest, plus those joined to it ("the federal, the Flemish and
		// the Brussels Capital Region's authorities")
		last := bounds[len(bounds)-1]
		// "failed to fulfil its obligation under Article 46 § 1": the
		// provision the failure names is the duty's source
		prov := ""
		src := -1
		best := -1
		for _, p := range d.provs[si] {
			if p.t0 > k && p.t0 < cl[1] && (best < 0 || p.t0 < best) {
				prov, src, best = p.number, p.instrument, p.t0
			}
		}
		if prov == "" {
			src = d.firstCourtIn(s.t0, s.t1)
		}
		if src < 0 && prov == "" {
			src = d.voiceAt(si)
		}
		d.addObligation(si, last, src, prov, "must", d.toks[k+2].start, d.toks[cl[1]-1].end)
		return
	}
}

// firstCourtIn returns the entity of the first court mentioned in tokens
// [a, b), or -1.
func (d *docState) firstCourtIn(a, b int) int {
	for k := a; k < b; k++ {
		if mi := d.tokMent[k]; mi >= 0 && d.ents[d.ments[mi].ent].e.Court {
			return d.ments[mi].ent
		}
	}
	return -1
}

// mechanisms: "Belgium will participate in the Universal Periodic Review".
func (d *docState) mechanisms(si int, cl [2]int) {
	for k := cl[0]; k < cl[1]; k++ {
		if !mechanismVerbs[d.toks[k].norm] {
			continue
		}
		state, mech := -1, -1
		for _, a := range d.actorsIn(cl[0], cl[1]) {
			e := d.ents[a.ent].e
			if e.Kind == rightsgraph.KindState && a.t0 < k && state < 0 {
				state = a.ent
			}
			if e.Category == "mechanism" && a.t0 > k && mech < 0 {
				mech = a.ent
			}
		}
		if state >= 0 && mech >= 0 {
			d.addObligation(si, state, mech, "", "must", d.toks[k].start, d.toks[cl[1]-1].end)
			return
		}
	}
}

// actionFrom: "needs urgent action from the Belgian government".
func (d *docState) actionFrom(si int, cl [2]int) {
	for k := cl[0]; k+1 < cl[1]; k++ {
		if d.toks[k].norm != "action" && d.toks[k].norm != "measures" {
			continue
		}
		p := d.toks[k+1].norm
		if p != "from" && p != "by" {
			continue
		}
		if !d.clauseHas(cl[0], k, []string{"needs", "need", "requires", "require", "demands", "calls", "urgent"}) {
			continue
		}
		acts := d.actorsIn(k+2, minInt(cl[1], k+6))
		if len(acts) == 0 {
			continue
		}
		d.addObligation(si, acts[0].ent, d.voiceAt(si), "", "must", d.toks[cl[0]].start, d.toks[cl[1]-1].end)
		return
	}
}

var irregularParticiples = map[string]bool{
	"held": true, "made": true, "taken": true, "given": true, "done": true, "seen": true, "kept": true,
	"sent": true, "brought": true, "built": true, "put": true, "set": true, "paid": true, "led": true,
	"met": true, "found": true, "shown": true, "known": true, "told": true, "heard": true, "left": true,
	"sought": true, "thrown": true, "struck": true, "withdrawn": true, "forbidden": true, "undertaken": true,
}

// isParticiple reports whether a word looks like a past participle.
func isParticiple(w string) bool {
	return strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en") || irregularParticiples[w]
}

// unaddressedCall: "the Commissioner calls for more transparency", "the
// experts called for the release of X", "recommends that resources be
// increased": a call that names nobody to heed it is addressed to the state
// the document is about, unless what it asks for is a gathering ("calls for
// a rally") or the caller is that state itself. from is the first token of
// what is asked.
func (d *docState) unaddressedCall(si int, cl [2]int, k, from int) {
	if from >= cl[1] {
		return
	}
	for q := from; q < cl[1] && q < from+4; q++ {
		if tr, ok := triggers[d.toks[q].norm]; ok && (tr.typ == "PROTEST" || tr.typ == "MEETING") {
			return
		}
	}
	if d.inQuote(si, d.toks[k].start) && !d.inQuote(si, d.toks[from].start) {
		return
	}
	bound := d.mainStateEntity()
	if bound < 0 {
		return
	}
	src := d.callerOf(si, cl, k)
	if src == bound {
		return
	}
	// "calls for X and Y to be released, and asks Z": up to the end of the clause
	d.addObligation(si, bound, src, "", "must", d.toks[from].start, d.toks[cl[1]-1].end)
}

// Participles after "must be" that say how to read or weigh something.
var readingVerbs = map[string]bool{"seen": true, "noted": true, "understood": true, "considered": true, "regarded": true, "viewed": true,
	"read": true, "recalled": true, "remembered": true, "stressed": true, "emphasised": true, "emphasized": true, "said": true,
	"welcomed": true, "borne": true, "mentioned": true, "recognised": true, "recognized": true, "acknowledged": true, "interpreted": true}

// mergeRecommendations: a paragraph of recommendations by one body to one
// party ("Alternatives to imprisonment should be developed. Untried
// detainees should be held separately.") is one recommendation of that
// paragraph, its sentences its evidence and its text; duties with a
// provision, or established by an instrument or a ruling, stay apart.
func (d *docState) mergeRecommendations(renamed map[string]string) {
	para := func(o *rightsgraph.Obligation) int {
		if len(o.Evidence) == 0 {
			return -1
		}
		for _, s := range d.sents {
			if s.start <= o.Evidence[0].Start && o.Evidence[0].Start < s.end {
				return s.para
			}
		}
		return -1
	}
	recommendation := func(o *rightsgraph.Obligation) bool {
		if o.Provision != nil || o.Source == nil {
			return false
		}
		ei, ok := d.entByID[*o.Source]
		if !ok {
			return false // an event: a ruling's order
		}
		k := d.ents[ei].e.Kind
		return k != rightsgraph.KindInstrument && k != rightsgraph.KindProvision && !d.ents[ei].e.Court
	}
	first := map[string]int{}
	out := d.out.Obligations[:0]
	for _, o := range d.out.Obligations {
		if !recommendation(&o) {
			out = append(out, o)
			continue
		}
		k := fmt.Sprintf("%s|%s|%s|%d", o.Bound, *o.Source, o.Modality, para(&o))
		if i, ok := first[k]; ok {
			m := &out[i]
			m.Evidence = append(m.Evidence, o.Evidence...)
			if o.Text != "" && !strings.Contains(m.Text, o.Text) {
				m.Text += "; " + o.Text
			}
			for _, r := range o.Rights {
				if !containsString(m.Rights, r) {
					m.Rights = append(m.Rights, r)
				}
			}
			renamed[o.ID] = m.ID
			continue
		}
		first[k] = len(out)
		out = append(out, o)
	}
	d.out.Obligations = out
}

// mergeProvisionDuties: "Türkiye failed to fulfil its obligation under
// Article 46 § 1" told in the headline and again in the body is one duty of
// Türkiye under that provision (the source kept where one telling names the
// instrument).
func (d *docState) mergeProvisionDuties(renamed map[string]string) {
	first := map[string]int{}
	out := d.out.Obligations[:0]
	for _, o := range d.out.Obligations {
		if o.Provision == nil {
			out = append(out, o)
			continue
		}
		k := o.Bound + "|" + *o.Provision + "|" + o.Modality
		if i, ok := first[k]; ok {
			m := &out[i]
			if m.Source == nil || o.Source == nil || *m.Source == *o.Source {
				if m.Source == nil {
					m.Source = o.Source
				}
				m.Evidence = append(m.Evidence, o.Evidence...)
				for _, r := range o.Rights {
					if !containsString(m.Rights, r) {
						m.Rights = append(m.Rights, r)
					}
				}
				renamed[o.ID] = m.ID
				continue
			}
		}
		first[k] = len(out)
		out = append(out, o)
	}
	d.out.Obligations = out
}

// Verbs by which an instrument or a provision imposes a duty: "Article 7 (1)
// of the Directive, which obliges the Member States to make sure ...".
var imposingVerbs = map[string]bool{"obliges": true, "obligates": true, "requires": true, "compels": true, "binds": true, "oblige": true, "require": true}

// Generic addressees of an instrument: its parties, which in a document
// about one state are that state.
var partyNouns = map[string]bool{"states": true, "state": true, "parties": true, "governments": true, "countries": true}

// instrumentObliges: a provision or instrument that obliges its parties, or
// a named state, to do something binds them, with the provision as source.
func (d *docState) instrumentObliges(si int, cl [2]int) {
	for k := cl[0]; k < cl[1]; k++ {
		if !imposingVerbs[d.toks[k].norm] {
			continue
		}
		// the provision or instrument before the verb, in this sentence
		src, prov := -1, ""
		for _, p := range d.provs[si] {
			if p.t1 <= k && p.instrument >= 0 {
				src, prov = p.instrument, p.number
			}
		}
		if src < 0 {
			for q := k - 1; q >= cl[0]; q-- {
				if mi := d.tokMent[q]; mi >= 0 && d.ents[d.ments[mi].ent].e.Kind == rightsgraph.KindInstrument {
					src = d.ments[mi].ent
					break
				}
			}
		}
		if src < 0 {
			continue
		}
		// the addressee, then "to <verb>"
		to, bound := -1, -1
		for q := k + 1; q < cl[1] && q <= k+8; q++ {
			if d.toks[q].norm == "to" {
				to = q
				break
			}
			if mi := d.tokMent[q]; mi >= 0 && bound < 0 {
				if e := d.ents[d.ments[mi].ent].e; e.Kind == rightsgraph.KindState || e.Kind == rightsgraph.KindInstitution {
					bound = d.ments[mi].ent
				}
			}
			if partyNouns[d.toks[q].norm] && bound < 0 {
				bound = d.mainStateEntity()
			}
		}
		if to < 0 || bound < 0 || to+1 >= cl[1] {
			continue
		}
		d.addObligation(si, bound, src, prov, "must", d.toks[to+1].start, d.toks[cl[1]-1].end)
	}
}

// Verbs of a court that undo a measure: the state that took it must stop
// applying it.
var undoingVerbs = map[string]bool{"suspend": true, "suspended": true, "suspends": true, "annul": true, "annulled": true, "annuls": true,
	"quash": true, "quashed": true, "quashes": true, "overturned": true, "overturn": true, "invalidated": true, "struck": true, "set": false}

// rulingOrders: a ruling that suspends, annuls or quashes a measure binds the
// state it ruled against (else the state the document is about) to stop
// applying it, established by the ruling.
func (d *docState) rulingOrders() {
	for i := range d.out.Events {
		ev := &d.out.Events[i]
		if !isRulingType(ev.Type) || !hasRole(ev.Participants, "authority") || i >= len(d.evMeta) {
			continue
		}
		m := d.evMeta[i]
		undo := -1
		for q := m.clause[0]; q < m.clause[1]; q++ {
			if undoingVerbs[d.toks[q].norm] {
				undo = q
				break
			}
		}
		if undo < 0 {
			continue
		}
		bound := -1
		for _, p := range ev.Participants {
			if ei, ok := d.entByID[p.Entity]; ok && p.Role == "target" && d.ents[ei].e.Kind == rightsgraph.KindState {
				bound = ei
				break
			}
		}
		if bound < 0 {
			bound = d.mainStateEntity()
		}
		if bound < 0 {
			continue
		}
		d.eventSource = i
		d.addObligation(m.sent, bound, -1, "", "must_not", d.toks[undo].start, d.toks[m.clause[1]-1].end)
	}
}
