package extract

import (
	"strings"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// relate adds a relation, or adds the evidence to the same (type, from, to)
// relation already found.
func (d *docState) relate(typ, from, to string, props map[string]any, conf float64, ev rightsgraph.Evidence) {
	if from == "" || to == "" || from == to {
		return
	}
	if d.relIndex == nil {
		d.relIndex = map[string]int{}
	}
	key := typ + "|" + from + "|" + to
	if i, ok := d.relIndex[key]; ok {
		r := &d.out.Relations[i]
		for _, e := range r.Evidence {
			if e.Start == ev.Start && e.End == ev.End {
				return
			}
		}
		r.Evidence = append(r.Evidence, ev)
		if conf > r.Confidence {
			r.Confidence = conf
		}
		return
	}
	d.relIndex[key] = len(d.out.Relations)
	d.out.Relations = append(d.out.Relations, rightsgraph.Relation{Type: typ, From: from, To: to, Props: props, Confidence: conf, Evidence: []rightsgraph.Evidence{ev}})
}

// Words that say a breach happened.
var violationWords = map[string]bool{
	"violated": true, "violates": true, "violate": true, "violation": true, "violations": true, "violating": true,
	"breached": true, "breach": true, "breaches": true, "infringed": true, "infringes": true, "contravened": true,
	"contravene": true, "contravenes": true, "undermined": true, "undermines": true,
}

// eventRelations: CITES, FINDS_VIOLATION_OF / ALLEGES_VIOLATION_OF and
// OCCURRED_IN for the event just added.
func (d *docState) eventRelations(evi, si int) {
	ev := &d.out.Events[evi]
	s := d.sents[si]
	evid := d.sentEvidence(si)
	violation := d.violationIn(si)
	var rights []string
	for k := s.t0; k < s.t1; k++ {
		mi := d.tokMent[k]
		if mi < 0 || d.ments[mi].t0 != k {
			continue
		}
		e := d.ents[d.ments[mi].ent].e
		switch e.Kind {
		case rightsgraph.KindInstrument, rightsgraph.KindProvision:
			d.relate("CITES", ev.ID, e.ID, nil, 0.7, evid)
		case rightsgraph.KindRight:
			rights = append(rights, e.ID)
		}
	}
	if d.x.kb != nil {
		for _, id := range d.rightsIn(si) {
			if !containsString(rights, id) {
				d.ensureRightMention(id, si)
				rights = append(rights, id)
			}
		}
	}
	for _, id := range rights {
		switch {
		case violation && (ev.Type == "RULING" || ev.Type == "CONVICTION"):
			d.relate("FINDS_VIOLATION_OF", ev.ID, id, nil, 0.8, evid)
		case violation:
			d.relate("ALLEGES_VIOLATION_OF", ev.ID, id, d.assertedBy(evi, si), 0.6, evid)
		default:
			d.relate("CITES", ev.ID, id, nil, 0.6, evid)
		}
	}
	if violation && (ev.Type == "RULING" || ev.Type == "CONVICTION") {
		// the state found in breach is bound by the provision it breached
		respondent := -1
		for _, p := range ev.Participants {
			if ei, ok := d.entByID[p.Entity]; ok && p.Role == "target" && d.ents[ei].e.Kind == rightsgraph.KindState {
				respondent = ei
				break
			}
		}
		s := d.sents[si]
		for _, p := range d.violatedProvisions(si) {
			if p.ent >= 0 {
				d.relate("FINDS_VIOLATION_OF", ev.ID, d.ents[p.ent].e.ID, nil, 0.8, evid)
				if respondent >= 0 && p.instrument >= 0 {
					d.addObligation(si, respondent, p.instrument, p.number, "must", s.start, s.end)
				}
			}
		}
	}
	if ev.Place != "" {
		d.relate("OCCURRED_IN", ev.ID, ev.Place, nil, 0.7, evid)
	}
	// an institution whose mention implies an instrument (the ECtHR, the ECHR)
	for _, p := range ev.Participants {
		if p.Role != "authority" {
			continue
		}
		if i, ok := d.x.ix.byID[p.Entity]; ok {
			for _, ins := range d.x.ix.ents[i].implies {
				// only an instrument the text names: a relation's ends are
				// entities of the same extraction
				if _, ok := d.entByID[ins]; ok {
					d.relate("CITES", ev.ID, ins, nil, 0.5, evid)
				}
			}
		}
	}
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// ensureRightMention registers a Right the knowledge base found in a
// sentence's coordinated phrase ("the rights to life and to private life"),
// with the phrase as its mention.
func (d *docState) ensureRightMention(id string, si int) {
	ri, ok := d.x.ix.byID[id]
	if !ok {
		return
	}
	ei := d.refEntity(ri)
	s := d.sents[si]
	// the phrase: from "right(s)"/"freedom(s)" to the end of its list
	for k := s.t0; k < s.t1; k++ {
		n := d.toks[k].norm
		if n != "right" && n != "rights" && n != "freedom" && n != "freedoms" && n != "prohibition" {
			continue
		}
		if d.tokMent[k] >= 0 {
			continue
		}
		e := k + 1
		for e < s.t1 && d.toks[e].kind == tokWord && d.tokMent[e] < 0 && e-k < 12 {
			e++
		}
		if e-k < 3 {
			continue
		}
		d.ents[ei].e.Mentions = append(d.ents[ei].e.Mentions, rightsgraph.Span{Start: d.toks[k].start, End: d.toks[e-1].end})
		return
	}
}

// Role nouns that make a person an official of a state ("intelligence agent").
var officialRoles = map[string]bool{
	"agent": true, "minister": true, "official": true, "officer": true, "ambassador": true, "diplomat": true,
	"judge": true, "prosecutor": true, "president": true, "spokesperson": true, "spokesman": true, "spokeswoman": true,
	"commissioner": true, "rapporteur": true, "secretary": true, "governor": true, "mayor": true, "representative": true,
}

// actorRelations: HOLDS_POSITION, NATIONAL_OF, AFFILIATED_WITH, MEMBER_OF,
// PART_OF and LOCATED_IN from the mentions and their neighbours.
func (d *docState) actorRelations() {
	for _, m := range d.ments {
		e := d.ents[m.ent]
		if m.sent < 0 {
			continue
		}
		s := d.sents[m.sent]
		evid := d.sentEvidence(m.sent)
		switch e.e.Kind {
		case rightsgraph.KindPerson:
			d.personRelations(m, e, s, evid)
		case rightsgraph.KindState:
			// "as a member of the Human Rights Council", "mandate in the ..."
			for k := m.t1; k < s.t1 && k < m.t1+25; k++ {
				n := d.toks[k].norm
				if n != "member" && n != "mandate" && n != "membership" && n != "seat" {
					continue
				}
				for q := k + 1; q < s.t1 && q < k+5; q++ {
					if mi := d.tokMent[q]; mi >= 0 {
						to := d.ents[d.ments[mi].ent].e
						if to.Kind == rightsgraph.KindInstitution || to.Kind == rightsgraph.KindOrganization {
							d.relate("MEMBER_OF", e.e.ID, to.ID, nil, 0.7, evid)
						}
						break
					}
				}
				break
			}
		case rightsgraph.KindInstitution, rightsgraph.KindOrganization:
			if e.ref >= 0 {
				re := d.x.ix.ents[e.ref]
				if re.partOf != "" {
					if pi, ok := d.x.ix.byID[re.partOf]; ok {
						parent := d.x.ix.ents[pi]
						if _, mentioned := d.entByID[parent.id]; mentioned || parent.kind == rightsgraph.KindState {
							d.refEntity(pi)
							d.relate("PART_OF", e.e.ID, parent.id, nil, 0.9, d.evidence(d.toks[m.t0].start, d.toks[m.t1-1].end))
						}
					}
				}
			}
		case rightsgraph.KindPlace:
			// a gazetteer place: its state when the text names it (a
			// relation's ends are entities of the same extraction, and a
			// state the text does not name is not made one); never another
			// state of the sentence or the document
			if e.iso3 != "" {
				if _, ok := d.entByID["state:"+e.iso3]; ok {
					d.relate("LOCATED_IN", e.e.ID, "state:"+e.iso3, nil, 0.9, d.evidence(d.toks[m.t0].start, d.toks[m.t1-1].end))
				}
				continue
			}
			// the one state the sentence names (not an adjective: "Iranian
			// refugees in Brussels" are not in Iran); with no state at all,
			// the document's, with less confidence
			st, anyState := -1, false
			for k := s.t0; k < s.t1; k++ {
				mi := d.tokMent[k]
				if mi < 0 || d.ments[mi].t0 != k || d.ents[d.ments[mi].ent].e.Kind != rightsgraph.KindState {
					continue
				}
				anyState = true
				if f := d.ments[mi].form; f == formAdjective || f == formDemonym {
					continue
				}
				if st < 0 {
					st = d.ments[mi].ent
				} else if st != d.ments[mi].ent {
					st = -2
				}
			}
			conf := 0.7
			if st < 0 && !anyState {
				st = d.mainStateEntity()
				conf = 0.4
			}
			if st >= 0 {
				d.relate("LOCATED_IN", e.e.ID, d.ents[st].e.ID, nil, conf, d.evidence(d.toks[m.t0].start, d.toks[m.t1-1].end))
			}
		}
	}
}

func (d *docState) personRelations(m mention, e *docEntity, s sentence, evid rightsgraph.Evidence) {
	// the words before the name: "Belgian aid worker", "Iranian intelligence agent"
	role := ""
	state := -1
	for k := m.t0 - 1; k >= s.t0 && k >= m.t0-5; k-- {
		t := d.toks[k]
		if mi := d.tokMent[k]; mi >= 0 {
			if d.ents[d.ments[mi].ent].e.Kind == rightsgraph.KindState && d.ments[mi].form == formAdjective {
				state = d.ments[mi].ent
			}
			break
		}
		if t.kind != tokWord || t.upper && !honorifics[t.norm] {
			break
		}
		if officialRoles[t.norm] && role == "" {
			role = t.norm
		}
	}
	if state >= 0 {
		d.relate("NATIONAL_OF", e.e.ID, d.ents[state].e.ID, nil, 0.7, evid)
		if role != "" {
			title := d.textBetweenStateAndName(m, state)
			d.relate("HOLDS_POSITION", e.e.ID, d.ents[state].e.ID, map[string]any{"title": title}, 0.6, evid)
		}
	}
	// a title with a body in it: "Minister of Foreign Affairs ... Maxime Prévot"
	if e.title != "" && !d.titleRelated[m.ent] {
		d.titleRelated[m.ent] = true
		if to := d.titleBody(e.title); to >= 0 {
			d.relate("HOLDS_POSITION", e.e.ID, d.ents[to].e.ID, map[string]any{"title": e.title}, 0.6, evid)
		} else if headOfState[firstWord(e.title)] && d.mainState >= 0 && !titleHasMention(d, s, m, len(e.title)) {
			d.relate("HOLDS_POSITION", e.e.ID, d.ents[d.mainStateEntity()].e.ID, map[string]any{"title": e.title}, 0.5, evid)
		}
		for k := s.t0; k < m.t0; k++ {
			mi := d.tokMent[k]
			if mi < 0 || d.toks[d.ments[mi].t0].start < d.toks[m.t0].start-len(e.title)-2 {
				continue
			}
			to := d.ents[d.ments[mi].ent].e
			if to.Kind == rightsgraph.KindInstitution {
				d.relate("HOLDS_POSITION", e.e.ID, to.ID, map[string]any{"title": e.title}, 0.7, evid)
				break
			}
			// "Amnesty International Director Jane Smith": a post in an
			// organisation named at the start of the title (an affiliation:
			// HOLDS_POSITION is for states and institutions)
			if to.Kind == rightsgraph.KindOrganization {
				a, b := d.toks[d.ments[mi].t0].start, d.toks[d.ments[mi].t1-1].end
				post := e.title
				if p := strings.Index(post, d.text[a:b]); p == 0 {
					post = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(post[b-a:], "'s"), "’s"))
				}
				if post == "" {
					post = e.title
				}
				d.relate("AFFILIATED_WITH", e.e.ID, to.ID, map[string]any{"title": post}, 0.6, evid)
				break
			}
			k = d.ments[mi].t1 - 1
		}
	}
	d.postRelations(m, e, s, evid)
	// "Father Danial from Beginage Church", "X of Amnesty International"
	k := m.t1
	if k < s.t1 && d.toks[k].norm == "," {
		k++
	}
	if k < s.t1 && (d.toks[k].norm == "from" || d.toks[k].norm == "of" || d.toks[k].norm == "at") {
		k++
		if k < s.t1 && d.toks[k].norm == "the" {
			k++
		}
		if k < s.t1 {
			if mi := d.tokMent[k]; mi >= 0 {
				to := d.ents[d.ments[mi].ent].e
				if to.Kind == rightsgraph.KindOrganization || to.Kind == rightsgraph.KindInstitution {
					d.relate("AFFILIATED_WITH", e.e.ID, to.ID, nil, 0.7, evid)
				}
			}
		}
	}
}

func (d *docState) textBetweenStateAndName(m mention, state int) string {
	for k := m.t0 - 1; k >= 0 && k >= m.t0-6; k-- {
		if mi := d.tokMent[k]; mi >= 0 && d.ments[mi].ent == state {
			return strings.TrimSpace(d.span(d.ments[mi].t1, m.t0))
		}
	}
	return ""
}

// Titles that make a person an office holder of their state when the title
// names no body: "President William Ruto".
var headOfState = map[string]bool{"president": true, "prime": true, "minister": true, "king": true, "queen": true, "chancellor": true, "premier": true, "deputy": true, "emir": true, "sultan": true, "vice-president": true}

func firstWord(s string) string {
	f := strings.Fields(strings.ToLower(s))
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

// titleHasMention reports whether the title before a name contains an
// entity mention (the body is then linked from that mention).
func titleHasMention(d *docState, s sentence, m mention, titleLen int) bool {
	from := d.toks[m.t0].start - titleLen - 2
	for k := s.t0; k < m.t0; k++ {
		if d.toks[k].start >= from && d.tokMent[k] >= 0 && d.ents[d.ments[d.tokMent[k]].ent].e.Kind == rightsgraph.KindInstitution {
			return true
		}
	}
	return false
}

// titleBody finds the ministry a minister's title names: "Minister of
// Foreign Affairs" -> the document's "Ministry of Foreign Affairs".
func (d *docState) titleBody(title string) int {
	tw := normTokens(title)
	i := -1
	for j, w := range tw {
		if w == "minister" {
			i = j
		}
	}
	if i < 0 || i+2 > len(tw) || tw[i+1] != "of" && tw[i+1] != "for" {
		return -1
	}
	want := append([]string{"ministry"}, tw[i+1:]...)
	for ei, e := range d.ents {
		if e.e.Kind == rightsgraph.KindInstitution && len(e.nameToks) >= 3 && containsSeq(want, e.nameToks) {
			return ei
		}
	}
	return -1
}

// rightsIn returns the rights a sentence's coordinated right phrases name
// ("the rights to life and to private life", "freedom of expression and
// assembly"), once per sentence. It reads the sentence's tokens: after a
// head ("right(s) to", "freedom(s) of", "prohibition of") each list item is
// resolved, longest prefix first, as "<head> <item>", "right to <item>",
// the item alone, or a right's bare term (kb.Right.Terms). The same idea as
// kb.(*KB).RightsIn, on tokens and the Extractor's index, so it costs
// nothing on sentences without a right phrase.
func (d *docState) rightsIn(si int) []string {
	if d.rightsCache == nil {
		d.rightsCache = map[int][]string{}
	}
	if r, ok := d.rightsCache[si]; ok {
		return r
	}
	s := d.sents[si]
	var out []string
	add := func(id string) {
		if id != "" && !containsString(out, id) {
			out = append(out, id)
		}
	}
	for k := s.t0; k+1 < s.t1; k++ {
		n := d.toks[k].norm
		// "International Freedom of Speech Alliance" names an organisation
		if mi := d.tokMent[k]; mi >= 0 && d.ents[d.ments[mi].ent].e.Kind != rightsgraph.KindRight {
			continue
		}
		var head []string
		switch {
		case (n == "right" || n == "rights") && (d.toks[k+1].norm == "to" || d.toks[k+1].norm == "of"):
			head = []string{"right", d.toks[k+1].norm}
		case (n == "freedom" || n == "freedoms") && (d.toks[k+1].norm == "of" || d.toks[k+1].norm == "from"):
			head = []string{"freedom", d.toks[k+1].norm}
		case n == "prohibition" && d.toks[k+1].norm == "of":
			head = []string{"prohibition", "of"}
		default:
			continue
		}
		// the list: items of words, split at commas, "and", "or"
		j := k + 2
		var item []string
		first := true
		flush := func() bool {
			if len(item) == 0 {
				return true
			}
			id := d.x.ix.rightOfItem(head, item)
			item = item[:0]
			if id == "" {
				return !first
			}
			first = false
			add(id)
			return true
		}
		for ; j < s.t1 && j-k < 40; j++ {
			t := d.toks[j]
			if t.kind == tokPunct && t.norm != "," {
				break
			}
			if t.norm == "," || t.norm == "and" || t.norm == "or" {
				if !flush() {
					break
				}
				continue
			}
			if len(item) == 0 && (t.norm == "to" || t.norm == "of" || t.norm == "the" || t.norm == "from") {
				continue
			}
			item = append(item, t.norm)
		}
		flush()
		k = j - 1
	}
	d.rightsCache[si] = out
	return out
}

// sentenceRights: the rights named in a sentence, as mentions or in a
// coordinated right phrase.
func (d *docState) sentenceRights(si int) []string {
	s := d.sents[si]
	var out []string
	for k := s.t0; k < s.t1; k++ {
		if mi := d.tokMent[k]; mi >= 0 && d.ments[mi].t0 == k {
			if e := d.ents[d.ments[mi].ent].e; e.Kind == rightsgraph.KindRight && !containsString(out, e.ID) {
				out = append(out, e.ID)
			}
		}
	}
	if d.x.kb != nil {
		for _, id := range d.rightsIn(si) {
			if !containsString(out, id) {
				// an entity of the text, with the phrase as its mention
				d.ensureRightMention(id, si)
				out = append(out, id)
			}
		}
	}
	return out
}

// assertedBy is who says the event of evi breached something: the speaker of
// a statement or report, else whose words sentence si is (a quotation's
// speaker, the publisher, the text's first speaker); nil when the text does
// not say.
func (d *docState) assertedBy(evi, si int) map[string]any {
	who := -1
	switch d.out.Events[evi].Type {
	case "STATEMENT", "REPORT", "RESOLUTION":
		who = d.agentOf(evi)
	}
	if who < 0 {
		who = d.voiceAt(si)
		d.eventSource = -1 // (a court's ruling as voice: the ruling is no asserter)
	}
	if who < 0 {
		return nil
	}
	return map[string]any{"assertedBy": d.ents[who].e.ID}
}

// violationIn: sentence si says a breach happened ("violated", "a breach
// of", "contrary to Article 3", "failed to fulfil its obligation").
func (d *docState) violationIn(si int) bool {
	s := d.sents[si]
	for k := s.t0; k < s.t1; k++ {
		n := d.toks[k].norm
		if violationWords[n] {
			return true
		}
		if k+1 < s.t1 && (n == "contrary" && d.toks[k+1].norm == "to" || n == "incompatible" && d.toks[k+1].norm == "with") {
			return true
		}
		if k+2 < s.t1 && (n == "failed" || n == "fails" || n == "failure") && d.toks[k+1].norm == "to" && failedDuties[d.toks[k+2].norm] {
			return true
		}
	}
	return false
}

// What a state fails to do when it breaches a duty.
var failedDuties = map[string]bool{"fulfil": true, "fulfill": true, "comply": true, "respect": true, "honour": true, "honor": true, "abide": true, "meet": true, "discharge": true}

// Openers of a sentence that goes on about the ruling before it: "It held
// that", "The Court found", "In its judgment, the judges".
var rulingAnaphora = map[string]bool{"it": true, "court": true, "judges": true, "chamber": true, "tribunal": true, "justices": true, "bench": true, "judgment": true, "ruling": true}

// laterFindings gives a ruling the findings of the sentences after it that
// speak of it without naming its court ("On 18 July 2023 the ECtHR delivered
// its judgment. It held unanimously that Belgium had violated Article 6 §
// 1."): the breach is the ruling's finding, with that sentence as evidence.
func (d *docState) laterFindings() {
	for si := range d.sents {
		if len(d.eventsOf(si)) > 0 || !d.violationIn(si) {
			continue
		}
		s := d.sents[si]
		q := s.t0
		for q < s.t1 && q < s.t0+4 && (d.toks[q].norm == "the" || d.toks[q].norm == "in" || d.toks[q].norm == "its" || d.toks[q].norm == "grand" || d.toks[q].norm == "this" || d.toks[q].kind == tokPunct) {
			q++
		}
		if q >= s.t1 || !rulingAnaphora[d.toks[q].norm] || d.tokMent[q] >= 0 && !d.ents[d.ments[d.tokMent[q]].ent].e.Court {
			continue
		}
		for sj := si - 1; sj >= 0 && sj >= si-2 && d.sents[sj].para == s.para; sj-- {
			if ev := d.rulingEventIn(sj); ev >= 0 {
				d.out.Events[ev].Evidence = append(d.out.Events[ev].Evidence, d.sentEvidence(si))
				d.evMeta[ev].sents = append(d.evMeta[ev].sents, si)
				d.eventRelations(ev, si)
				break
			}
		}
	}
}

// postRelations links a person to the body whose post is written with the
// name: before it, as capitalised words after the body ("CPJ Europe and
// Central Asia Program Coordinator Nina Ognianova"), or after it, as an
// appositive ending in "at/of/with/for <body>" ("Hassiba Hadj Sahraoui,
// Deputy Director for the Middle East and North Africa at Amnesty
// International"). A post in an institution is HOLDS_POSITION, in an
// organisation AFFILIATED_WITH, both with the post as title.
func (d *docState) postRelations(m mention, e *docEntity, s sentence, evid rightsgraph.Evidence) {
	link := func(to int, title string) {
		te := d.ents[to].e
		title = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(title), "'s"), "’s"))
		if title == "" {
			return
		}
		switch te.Kind {
		case rightsgraph.KindInstitution:
			d.relate("HOLDS_POSITION", e.e.ID, te.ID, map[string]any{"title": title}, 0.6, evid)
		case rightsgraph.KindOrganization:
			d.relate("AFFILIATED_WITH", e.e.ID, te.ID, map[string]any{"title": title}, 0.6, evid)
		}
	}
	if j := m.t0 - 1; j > s.t0 && d.tokMent[j] < 0 && d.toks[j].upper && isRoleWord(d.toks[j].norm) {
		for k := j - 1; k >= s.t0 && k >= m.t0-10; k-- {
			if mi := d.tokMent[k]; mi >= 0 {
				link(d.ments[mi].ent, d.span(d.ments[mi].t1, m.t0))
				break
			}
			t := d.toks[k]
			if t.kind != tokWord || !(isCapWord(t) || t.norm == "and" || t.norm == "of" || t.norm == "for") {
				break
			}
		}
	}
	k := m.t1
	if k+2 >= s.t1 || d.toks[k].norm != "," {
		return
	}
	role := false
	for q := k + 1; q < s.t1 && q < k+18; q++ {
		t := d.toks[q]
		if mi := d.tokMent[q]; mi >= 0 && d.ments[mi].t0 == q {
			p := q - 1
			if d.toks[p].norm == "the" && p > k+1 {
				p--
			}
			kind := d.ents[d.ments[mi].ent].e.Kind
			if role && p > k+1 && (kind == rightsgraph.KindOrganization || kind == rightsgraph.KindInstitution) {
				if n := d.toks[p].norm; n == "at" || n == "of" || n == "with" || n == "for" {
					link(d.ments[mi].ent, d.span(k+1, p))
				}
				return
			}
			if kind != rightsgraph.KindPlace && kind != rightsgraph.KindState {
				return
			}
			q = d.ments[mi].t1 - 1
			continue
		}
		if t.kind == tokPunct && t.norm != "-" && t.norm != "&" {
			return
		}
		if q < k+6 && isRoleWord(t.norm) {
			role = true
		}
	}
}

// Words right before a provision that make it the one breached: "a
// violation of Article 46 § 1", "in breach of Article 3", "its obligation
// under Article 46 § 1".
var breachCues = map[string]bool{"violation": true, "violations": true, "violated": true, "violating": true, "breach": true,
	"breached": true, "breaching": true, "contrary": true, "infringement": true, "infringed": true, "obligation": true, "obligations": true}

// violatedProvisions: the provisions of sentence si that a breach is found
// of. When a breach word stands before some of them (within five words),
// those alone ("the proceedings under Article 46 § 4 ... a violation of
// Article 46 § 1" breached § 1, not § 4); else all of them.
func (d *docState) violatedProvisions(si int) []provRef {
	var cued []provRef
	for _, p := range d.provs[si] {
		for q := p.t0 - 1; q >= d.sents[si].t0 && q >= p.t0-5; q-- {
			if breachCues[d.toks[q].norm] {
				cued = append(cued, p)
				break
			}
		}
	}
	if len(cued) > 0 {
		return cued
	}
	return d.provs[si]
}
