package extract

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// eventMeta records how an event of out.Events was found, for the selection
// pass that runs once every sentence has been read.
type eventMeta struct {
	sent    int    // sentence of the trigger
	clause  [2]int // token range of the trigger's clause
	trigger int    // token of the trigger
	verb    bool   // a verb triggered it ("arrested"), not a noun ("arrest")
	dated   bool   // its date was written in the text, not a fallback
	given   bool   // a noun after "since", "after": an event the clause takes as given
	sents   []int  // every sentence that is evidence for it
	gone    bool
}

// selectEvents keeps what a reader would count as the events of the text:
//
//   - one event per clause: a clause is one predication, so "14 were arrested
//     and detained" is one arrest, and "calls for the release of X" is a
//     statement, not a release. A verb's event beats a noun's; among verbs,
//     the first that is not a verb of saying beats a statement;
//   - one event per fact: the same event told twice in a document (a summary
//     and its section, "The Council decided ..." after "On 20 December the
//     Council decided ...") is one event with the evidence of both.
//
// Relations of the events (citations, findings, places) are made afterwards,
// from every sentence that is evidence for the surviving event.
func (d *docState) selectEvents() {
	evs := d.out.Events
	meta := d.evMeta
	// one event per clause
	byClause := map[[2]int][]int{}
	var order [][2]int
	for i, m := range meta {
		if m.gone {
			continue // told again (anaphoricDates)
		}
		// a gathering named as the setting of another event ("killed 20
		// people during nationwide protests", "dispersed protests") happened
		// too: it is not one of the clause's readings
		if !m.verb && (evs[i].Type == "PROTEST" || m.given) {
			continue
		}
		key := m.clause
		// "arrested hundreds of protesters and detained journalists": a
		// second verb with an object of its own is a predication of its own
		if m.verb {
			for _, j := range byClause[key] {
				// ("condemns the ruling ... and calls for his release": one
				// statement)
				if meta[j].verb && meta[j].trigger < m.trigger && evs[j].Type != evs[i].Type && d.coordinatedVerb(meta[j].trigger, m.trigger) {
					key = [2]int{m.trigger, m.clause[1]}
					break
				}
			}
		}
		if _, ok := byClause[key]; !ok {
			order = append(order, key)
		}
		byClause[key] = append(byClause[key], i)
	}
	for _, cl := range order {
		is := byClause[cl]
		if len(is) < 2 {
			continue
		}
		best := is[0]
		rank := func(i int) int {
			switch {
			case !meta[i].verb && evs[i].Type == "MEETING":
				// "in a meeting with X, emphasised": the meeting is what
				// happened
				return 4
			case meta[i].verb && evs[i].Type != "STATEMENT":
				// "Iran carried out 853 executions, Amnesty said": what
				// was said to happen beats the saying
				return 3
			case meta[i].verb:
				// "called on Tunisia to investigate the attacks": the call
				return 2
			default:
				return 1
			}
		}
		for _, i := range is[1:] {
			if rank(i) > rank(best) {
				best = i
			}
		}
		for _, i := range is {
			if i != best {
				meta[i].gone = true
			}
		}
	}
	// one event per fact: each event is compared with the events of its
	// type kept so far (not with every other event), so a long text of
	// repeated reports stays linear in its facts
	reps := map[string][]int{}
	bySummary := map[string]int{}
	for j := range evs {
		if meta[j].gone {
			continue
		}
		t := evs[j].Type
		if isRulingType(t) {
			t = "RULING"
		}
		// the same clause told again, word for word
		sk := evs[j].Type + "|" + evs[j].Date + "|" + evs[j].Summary
		if i, ok := bySummary[sk]; ok && !meta[i].gone {
			d.mergeEvent(i, j)
			continue
		}
		merged := false
		for _, i := range reps[t] {
			if !meta[i].gone && d.sameEvent(&evs[i], &evs[j], meta[i], meta[j]) {
				d.mergeEvent(i, j)
				merged = true
				break
			}
		}
		if !merged {
			reps[t] = append(reps[t], j)
			bySummary[sk] = j
		}
	}
	out := evs[:0]
	keep := meta[:0]
	for i := range evs {
		if !meta[i].gone {
			out = append(out, evs[i])
			keep = append(keep, meta[i])
		}
	}
	d.out.Events = out
	d.evMeta = keep
	d.rulingIDs()
	for i := range d.out.Events {
		sort.Ints(d.evMeta[i].sents)
		last := -1
		for _, si := range d.evMeta[i].sents {
			if si != last {
				d.eventRelations(i, si)
			}
			last = si
		}
	}
	d.laterFindings()
	d.sentEvents = nil // evidence moved: rebuilt on the next use
}

// sameEvent: two events of a document are one fact when their type is the
// same, their dates agree (equal, or one a prefix of the other), and they
// share a participant in the same role (a statement: its speaker), without
// naming different persons as their targets.
func (d *docState) sameEvent(a, b *rightsgraph.Event, ma, mb eventMeta) bool {
	if a.Type != b.Type && !(isRulingType(a.Type) && isRulingType(b.Type)) {
		return false
	}
	if !datesAgree(a.Date, b.Date, ma.dated, mb.dated) && !(a.Type == "DETENTION" && ongoingSince(a.Date, b.Date, ma.dated, mb.dated)) {
		return false
	}
	shared := false
	// two undated events that share only the document's own state are not
	// known to be one ("the adopted programme", "the new policy")
	main := ""
	if ms := d.mainStateEntity(); ms >= 0 && !ma.dated && !mb.dated {
		main = d.ents[ms].e.ID
	}
	for _, p := range a.Participants {
		for _, q := range b.Participants {
			if p.Role == q.Role && (a.Type != "STATEMENT" || p.Role == "agent") && (p.Entity == q.Entity && p.Entity != main || d.sameGroup(p.Entity, q.Entity)) {
				shared = true
			}
		}
	}
	// a ruling told without its court ("today's court ruling against X")
	// is the ruling of the court the document names for that day
	if !shared && isRulingType(a.Type) && (!hasRole(a.Participants, "authority") || !hasRole(b.Participants, "authority")) {
		shared = true
	}
	if !shared {
		return false
	}
	pa, pb := d.personsIn(a), d.personsIn(b)
	if len(pa) > 0 && len(pb) > 0 {
		for id := range pa {
			if pb[id] {
				return true
			}
		}
		return false
	}
	return true
}

func (d *docState) personsIn(ev *rightsgraph.Event) map[string]bool {
	out := map[string]bool{}
	for _, p := range ev.Participants {
		if strings.HasPrefix(p.Entity, "person:") && p.Role != "agent" && p.Role != "authority" {
			out[p.Entity] = true
		}
	}
	return out
}

// datesAgree: equal dates, or one more precise than the other; a date the
// text did not give (a fallback) agrees with any date of its year.
func datesAgree(a, b string, da, db bool) bool {
	if a == b {
		return true
	}
	if a == "" || b == "" {
		return !da || !db
	}
	if strings.HasPrefix(a, b) || strings.HasPrefix(b, a) {
		return true
	}
	if !da && len(a) >= 4 && len(b) >= 4 && a[:4] == b[:4] {
		return true
	}
	if !db && len(a) >= 4 && len(b) >= 4 && a[:4] == b[:4] {
		return true
	}
	return false
}

// mergeEvent folds event j into event i: the more precise written date, every
// participant and every piece of evidence.
func (d *docState) mergeEvent(i, j int) {
	a, b := &d.out.Events[i], &d.out.Events[j]
	ma, mb := &d.evMeta[i], &d.evMeta[j]
	if mb.dated && (!ma.dated || len(b.Date) > len(a.Date)) {
		a.Date = b.Date
		ma.dated = true
	}
	for _, p := range b.Participants {
		if !hasParticipant(a.Participants, p.Entity) {
			a.Participants = append(a.Participants, p)
		}
	}
	a.Evidence = addEvidence(a.Evidence, b.Evidence)
	if a.Place == "" {
		a.Place = b.Place
	}
	if a.Count == nil {
		a.Count = b.Count
	}
	if a.Outcome == "" {
		a.Outcome = b.Outcome
	}
	ma.sents = append(ma.sents, mb.sents...)
	mb.gone = true
}

func isRulingType(t string) bool { return t == "RULING" || t == "CONVICTION" }

// eventsOf returns the events sentence si is evidence for.
func (d *docState) eventsOf(si int) []int {
	if d.sentEvents == nil {
		d.sentEvents = make([][]int, len(d.sents))
		for i, m := range d.evMeta {
			for _, s := range m.sents {
				d.sentEvents[s] = append(d.sentEvents[s], i)
			}
		}
	}
	if si < 0 || si >= len(d.sentEvents) {
		return nil
	}
	return d.sentEvents[si]
}

// rulingEventIn returns the ruling or conviction sentence si reports, or -1.
func (d *docState) rulingEventIn(si int) int {
	for _, i := range d.eventsOf(si) {
		if isRulingType(d.out.Events[i].Type) && hasRole(d.out.Events[i].Participants, "authority") {
			return i
		}
	}
	return -1
}

// agentOf returns the document entity of an event's first agent, or -1.
func (d *docState) agentOf(ev int) int {
	for _, p := range d.out.Events[ev].Participants {
		if p.Role == "agent" {
			if ei, ok := d.entByID[p.Entity]; ok {
				return ei
			}
		}
	}
	return -1
}

// quoteSpeaker: whose words sentence si is, when a statement in it or
// earlier in its paragraph says so ("“We call on the authorities to ...,”
// said X").
func (d *docState) quoteSpeaker(si int) int {
	p := d.sents[si].para
	for sj := si; sj >= 0 && d.sents[sj].para == p; sj-- {
		for _, i := range d.eventsOf(sj) {
			if d.out.Events[i].Type == "STATEMENT" {
				if a := d.agentOf(i); a >= 0 {
					return a
				}
			}
		}
		if a := d.attributionIn(sj); a >= 0 {
			return a
		}
	}
	// "... immediately,” CPJ's X said." in the next sentence of the paragraph
	if si+1 < len(d.sents) && d.sents[si+1].para == p && d.inQuote(si+1, d.sents[si+1].start) {
		for _, i := range d.eventsOf(si + 1) {
			if d.out.Events[i].Type == "STATEMENT" {
				if a := d.agentOf(i); a >= 0 {
					return a
				}
			}
		}
	}
	return -1
}

// docSpeaker: who speaks in a document that names no publisher: the agent
// of its first statement or report.
func (d *docState) docSpeaker() int {
	if d.speakerOfDoc != -2 {
		return d.speakerOfDoc
	}
	d.speakerOfDoc = -1
	for i := range d.out.Events {
		t := d.out.Events[i].Type
		if t != "STATEMENT" && t != "REPORT" {
			continue
		}
		if a := d.agentOf(i); a >= 0 && d.ents[a].e.Kind != rightsgraph.KindGroup {
			d.speakerOfDoc = a
			break
		}
	}
	return d.speakerOfDoc
}

// Verbs that make an event noun their predicate: "carried out 853
// executions", "made arrests", "staged a protest", "executions took place".
var lightVerbs = map[string]bool{"carried": true, "carries": true, "conducted": true, "conducts": true, "made": true, "staged": true,
	"held": true, "holds": true, "launched": true, "committed": true, "perpetrated": true, "undertook": true, "organised": true, "organized": true,
	"led": true, "ordered": false, "suffered": true, "faced": false}

// lightVerbNoun: the event noun at token k is what its clause asserts: the
// object of a light verb, the subject of "took place" or "occurred", or
// counted after "there were".
func (d *docState) lightVerbNoun(cl [2]int, k int) bool {
	for q := k - 1; q >= cl[0] && q >= k-6; q-- {
		n := d.toks[q].norm
		if lightVerbs[n] {
			return true
		}
		if (n == "were" || n == "was" || n == "have" || n == "has") && q > cl[0] && d.toks[q-1].norm == "there" {
			return true
		}
		if d.toks[q].kind == tokPunct && n != "," || d.tokMent[q] >= 0 {
			break
		}
	}
	for q := k + 1; q < cl[1] && q <= k+3; q++ {
		n := d.toks[q].norm
		if n == "took" && q+1 < cl[1] && d.toks[q+1].norm == "place" || n == "occurred" || n == "happened" || n == "were" && q+1 < cl[1] && d.toks[q+1].norm == "carried" {
			return true
		}
	}
	return false
}

// coordinatedVerb: the verb at k2 is coordinated with the verb at k1 ("and",
// ", then") after k1 took an object of its own (a name, a group or a count).
func (d *docState) coordinatedVerb(k1, k2 int) bool {
	and := -1
	for q := k2 - 1; q > k1; q-- {
		if n := d.toks[q].norm; n == "and" || n == "then" || n == "," {
			and = q
			break
		}
	}
	if and < 0 {
		return false
	}
	// "was taken back to Libya, detained, beaten": passives share their
	// subject and take no object
	for q := k1 - 1; q >= 0 && q >= k1-3; q-- {
		if auxiliaries[d.toks[q].norm] {
			return false
		}
	}
	for q := k1 + 1; q < and; q++ {
		if mi := d.tokMent[q]; mi >= 0 && !prepositions[d.toks[q-1].norm] && !(q > 1 && d.toks[q-1].norm == "the" && prepositions[d.toks[q-2].norm]) ||
			d.toks[q].kind == tokNum && q == k1+1 {
			return true
		}
	}
	return false
}

// Case references: "Camara v. Belgium", "Kavala v. Türkiye", "X and Others
// v. Y"; "application no. 49255/22", "judgment no. 257.300"; "C-924/19".
var (
	reCaseName   = regexp.MustCompile(`\b(\p{Lu}[\p{L}'’.-]+(?:\s+and\s+Others)?)\s+v\.?\s+(?:the\s+)?(\p{Lu}[\p{L}-]+)`)
	reCaseNumber = regexp.MustCompile(`(?i)\b(?:application|judgment|case|decision|arrêt|arrest)\s+nos?\.?\s*(\d[\d./-]*\d)`)
	reCJEUCase   = regexp.MustCompile(`\b([CT])[-‑](\d+/\d+)\b`)
)

// caseOf returns the case a ruling's sentences name, as a slug, or "".
func (d *docState) caseOf(m eventMeta) string {
	for _, si := range m.sents {
		s := d.text[d.sents[si].start:d.sents[si].end]
		if c := reCaseName.FindStringSubmatch(s); c != nil {
			return slugify(c[1] + " v " + c[2])
		}
		if c := reCaseNumber.FindStringSubmatch(s); c != nil {
			return "no-" + slugify(c[1])
		}
		if c := reCJEUCase.FindStringSubmatch(s); c != nil {
			return slugify(c[1] + "-" + c[2])
		}
	}
	return ""
}

// rulingIDs: a ruling whose court, day and case the text gives is the same
// ruling in every document that reports it, so its id is made of those
// ("event:ruling:ecthr:2023-07-18:camara-v-belgium") and the graph keeps one
// event with the evidence of each document.
func (d *docState) rulingIDs() {
	for i := range d.out.Events {
		ev := &d.out.Events[i]
		if !isRulingType(ev.Type) || len(ev.Date) != 10 {
			continue
		}
		court := ""
		for _, p := range ev.Participants {
			if p.Role == "authority" {
				court = p.Entity
				break
			}
		}
		cs := d.caseOf(d.evMeta[i])
		if court == "" || cs == "" {
			continue
		}
		if j := strings.IndexByte(court, ':'); j >= 0 {
			court = court[j+1:]
		}
		ev.ID = "event:ruling:" + court + ":" + ev.Date + ":" + cs
	}
}

// Title words that make the document itself a statement: "Statement by
// Human Rights Commissioner X", "Speech by Minister Y at the Council".
var statementTitles = map[string]bool{"statement": true, "speech": true, "remarks": true, "address": true, "declaration": true, "intervention": true, "message": true}

// titleStatement: a document titled "Statement by X" or "Speech by X" is X's
// statement, made on the day it was published; a body it was made at ("at
// the UN Human Rights Council") took part.
func (d *docState) titleStatement() {
	for si, s := range d.sents {
		if si > 3 || s.start > 600 {
			return
		}
		if s.t1-s.t0 < 3 || !statementTitles[d.toks[s.t0].norm] || !d.toks[s.t0].upper {
			continue
		}
		if n := d.toks[s.t0+1].norm; n != "by" && n != "of" {
			continue
		}
		ev := rightsgraph.Event{Type: "STATEMENT", Date: d.doc.Published, Participants: []rightsgraph.Participant{}}
		at := false
		for q := s.t0 + 2; q < s.t1; q++ {
			n := d.toks[q].norm
			if n == "at" || n == "to" || n == "before" || n == "on" {
				at = true
			}
			mi := d.tokMent[q]
			if mi < 0 || d.ments[mi].t0 != q {
				continue
			}
			e := d.ents[d.ments[mi].ent].e
			if !isActorKind(e.Kind) || hasParticipant(ev.Participants, e.ID) {
				continue
			}
			role := "agent"
			if at {
				role = "participant"
			}
			ev.Participants = append(ev.Participants, rightsgraph.Participant{Entity: e.ID, Role: role})
		}
		if !hasRole(ev.Participants, "agent") {
			return
		}
		ev.Summary = d.clauseText([2]int{s.t0, s.t1})
		ev.Evidence = []rightsgraph.Evidence{d.sentEvidence(si)}
		ev.ID = fmt.Sprintf("event:%s-%d-statement", shortID(d.doc.ID), d.toks[s.t0].start)
		d.out.Events = append(d.out.Events, ev)
		d.evMeta = append(d.evMeta, eventMeta{sent: si, clause: [2]int{s.t0, s.t1}, trigger: s.t0, verb: true, dated: d.doc.Published != "", sents: []int{si}})
		return
	}
}

// attributionIn returns who sentence si says is speaking ("..., Human
// Rights Watch said today", "“...,” said X"), or -1.
func (d *docState) attributionIn(si int) int {
	s := d.sents[si]
	for k := s.t0; k < s.t1; k++ {
		if !sayVerbs[d.toks[k].norm] {
			continue
		}
		cl := [2]int{s.t0, s.t1}
		for _, c := range d.clauses(si) {
			if c[0] <= k && k < c[1] {
				cl = c
			}
		}
		sp := d.speakers(si, cl, k, d.actorsIn(cl[0], cl[1]))
		best := -1
		for ei := range sp {
			if k := d.ents[ei].e.Kind; k == rightsgraph.KindState || k == rightsgraph.KindGroup {
				continue
			}
			if best < 0 || ei < best {
				best = ei
			}
		}
		if best >= 0 {
			return best
		}
	}
	return -1
}

// attributes: the actor at a0..a1 only says what its clause reports ("...,
// Human Rights Watch said today"): it takes no part in the events reported.
func (d *docState) attributes(a0, a1, end int) bool {
	for q := a1; q < end && q <= a1+1; q++ {
		if sayVerbs[d.toks[q].norm] {
			return true
		}
	}
	return a0 > 0 && (d.toks[a0-1].norm == "said" || d.toks[a0-1].norm == "says")
}

// sameGroup: two groups of which one narrows the other ("climate activists",
// "activists") name the same people in one document's telling of an event.
func (d *docState) sameGroup(a, b string) bool {
	ia, ok1 := d.entByID[a]
	ib, ok2 := d.entByID[b]
	if !ok1 || !ok2 || d.ents[ia].e.Kind != rightsgraph.KindGroup || d.ents[ib].e.Kind != rightsgraph.KindGroup {
		return false
	}
	na, nb := strings.ToLower(d.ents[ia].e.Name), strings.ToLower(d.ents[ib].e.Name)
	return strings.HasSuffix(na, " "+nb) || strings.HasSuffix(nb, " "+na)
}

// ongoingSince: a detention told without a date ("the ongoing detention of
// X", dated by the document's year) goes on from one that began earlier.
func ongoingSince(a, b string, da, db bool) bool {
	if da == db || len(a) < 4 || len(b) < 4 {
		return false
	}
	if !da {
		a, b = b, a
	}
	return a[:4] <= b[:4]
}

// anaphoricDates dates an event whose date the text did not give by the
// earlier event its sentence names again: "... intercepted the boat on July
// 30, 2021. ... After the boat was intercepted, he was taken back to Libya
// and detained" — the detention follows the interception, not the year the
// document was written. The earlier event is dated, at most three sentences
// back in the same paragraph, and named by a word of the same stem as its
// trigger ("intercepted", "interception").
func (d *docState) anaphoricDates() {
	for j := range d.out.Events {
		mj := d.evMeta[j]
		if mj.dated {
			continue
		}
		s := d.sents[mj.sent]
		date := ""
		for i := j - 1; i >= 0 && date == ""; i-- {
			mi := d.evMeta[i]
			if mi.sent < mj.sent-3 {
				break
			}
			if !mi.dated || mi.sent == mj.sent || d.sents[mi.sent].para != s.para || d.out.Events[i].Date == "" {
				continue
			}
			stem := d.toks[mi.trigger].norm
			for q := s.t0; q < s.t1; q++ {
				if sameStem(d.toks[q].norm, stem) {
					date = d.out.Events[i].Date
					// its own trigger: the earlier event told again
					if q == mj.trigger && d.out.Events[i].Type == d.out.Events[j].Type && !d.evMeta[i].gone {
						d.mergeEvent(i, j)
					}
					break
				}
			}
		}
		if date != "" && !d.evMeta[j].gone {
			d.out.Events[j].Date = date
			d.evMeta[j].dated = true
		}
	}
}

// sameStem: two words that share their first six letters or more and differ
// only in an ending ("intercepted", "interception"; not "detained", "deterred").
func sameStem(a, b string) bool {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n >= 6 && len(a)-n <= 4 && len(b)-n <= 4
}
