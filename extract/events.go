package extract

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// trig is an event trigger word and the event type it signals.
type trig struct {
	typ   string
	need  []string // one of these words must occur in the clause (nil: none needed)
	verb  bool     // a finite verb: its subject is the agent
	court bool     // only with a court in the clause before it
}

// baseTriggers are the trigger words first written for the seed corpus;
// moreTriggers (triggers.go) add words for other writing. buildTriggers
// merges them into triggers.
var baseTriggers = map[string]trig{
	"protest": {typ: "PROTEST"}, "protested": {typ: "PROTEST", verb: true}, "protests": {typ: "PROTEST"},
	"protesting": {typ: "PROTEST", verb: true}, "demonstration": {typ: "PROTEST"}, "demonstrations": {typ: "PROTEST"},
	"demonstrated": {typ: "PROTEST", verb: true}, "rally": {typ: "PROTEST"}, "rallied": {typ: "PROTEST", verb: true},
	"rallies": {typ: "PROTEST"}, "marched": {typ: "PROTEST", verb: true}, "sit-in": {typ: "PROTEST"},
	"gathering": {typ: "PROTEST"}, "manifestation": {typ: "PROTEST"}, "betoging": {typ: "PROTEST"},
	"arrested": {typ: "ARREST", verb: true}, "arrest": {typ: "ARREST"}, "arrests": {typ: "ARREST"},
	"apprehended": {typ: "ARREST", verb: true}, "detained": {typ: "DETENTION", verb: true},
	"imprisoned": {typ: "DETENTION", verb: true}, "jailed": {typ: "DETENTION", verb: true},
	"hostage": {typ: "DETENTION"}, "convicted": {typ: "CONVICTION", verb: true}, "sentenced": {typ: "CONVICTION", verb: true},
	"guilty": {typ: "CONVICTION", need: []string{"found", "find", "finds", "pleaded"}},
	"ruled":  {typ: "RULING", verb: true}, "ruling": {typ: "RULING"}, "judgment": {typ: "RULING"},
	"judgement": {typ: "RULING"}, "verdict": {typ: "RULING"}, "decided": {typ: "RULING", verb: true, court: true},
	"held": {typ: "RULING", verb: true, court: true}, "ordered": {typ: "RULING", verb: true, court: true},
	"upheld": {typ: "RULING", verb: true, court: true}, "quashed": {typ: "RULING", verb: true, court: true},
	"annulled": {typ: "RULING", verb: true, court: true}, "dismissed": {typ: "RULING", verb: true, court: true},
	"condemned": {typ: "RULING", verb: true, court: true}, "acquitted": {typ: "RULING", verb: true},
	"released": {typ: "RELEASE", verb: true}, "release": {typ: "RELEASE"}, "freed": {typ: "RELEASE", verb: true},
	"executed": {typ: "EXECUTION", verb: true}, "execution": {typ: "EXECUTION"}, "executions": {typ: "EXECUTION"},
	"killed": {typ: "KILLING", verb: true}, "killing": {typ: "KILLING"}, "killings": {typ: "KILLING"},
	"murdered": {typ: "KILLING", verb: true}, "dead": {typ: "KILLING", verb: true, need: []string{"shot", "beaten"}}, "murder": {typ: "KILLING"}, "death": {typ: "KILLING", need: []string{"tragic", "killed", "custody", "shot", "beaten"}},
	"adopted":  {typ: "LEGISLATION", verb: true, need: []string{"law", "bill", "proposal", "amendment", "decree", "legislation", "act", "ban"}},
	"passed":   {typ: "LEGISLATION", verb: true, need: []string{"law", "bill", "amendment", "legislation", "act"}},
	"withdrew": {typ: "LEGISLATION", verb: true, need: []string{"law", "bill", "proposal", "proposed", "amendment", "decree", "legislation", "ban"}},
	"enacted":  {typ: "LEGISLATION", verb: true}, "repealed": {typ: "LEGISLATION", verb: true},
	"introduced": {typ: "LEGISLATION", verb: true, need: []string{"law", "bill", "amendment", "legislation"}},
	"approved":   {typ: "LEGISLATION", verb: true, need: []string{"law", "bill", "amendment", "legislation"}},
	"issued":     {typ: "POLICY", verb: true, need: []string{"framework", "policy", "plan", "strategy", "guidelines", "circular", "directive", "measure", "measures", "instruction", "instructions"}},
	"launched":   {typ: "POLICY", verb: true, need: []string{"framework", "policy", "plan", "strategy", "programme", "program", "campaign"}},
	"set":        {typ: "POLICY", verb: true, need: []string{"principles", "guidelines", "framework", "strategy", "policy"}},
	"resolution": {typ: "RESOLUTION"}, "resolutions": {typ: "RESOLUTION"},
	"report": {typ: "REPORT"}, "inventory": {typ: "REPORT"}, "study": {typ: "REPORT"}, "survey": {typ: "REPORT"},
	"documented": {typ: "REPORT", verb: true}, "published": {typ: "REPORT", verb: true, need: []string{"report", "study", "findings"}},
	"transfers": {typ: "ARMS_TRANSFER", need: []string{"arms", "weapons"}}, "transfer": {typ: "ARMS_TRANSFER", need: []string{"arms", "weapons"}},
	"exports": {typ: "ARMS_TRANSFER", need: []string{"arms", "weapons"}}, "sales": {typ: "ARMS_TRANSFER", need: []string{"arms", "weapons"}},
	"deported": {typ: "EXPULSION", verb: true}, "deportation": {typ: "EXPULSION"}, "deportations": {typ: "EXPULSION"},
	"expelled": {typ: "EXPULSION", verb: true}, "expulsion": {typ: "EXPULSION"}, "extradited": {typ: "EXPULSION", verb: true},
	"extradition": {typ: "EXPULSION"}, "pushbacks": {typ: "EXPULSION"}, "refoulement": {typ: "EXPULSION"},
	"attack": {typ: "ATTACK"}, "attacked": {typ: "ATTACK", verb: true}, "attacks": {typ: "ATTACK"},
	"bombed": {typ: "ATTACK", verb: true}, "airstrike": {typ: "ATTACK"}, "airstrikes": {typ: "ATTACK"}, "raided": {typ: "ATTACK", verb: true},
	"meeting": {typ: "MEETING"}, "met": {typ: "MEETING", verb: true}, "talks": {typ: "MEETING", need: []string{"held", "with"}},
	"visited": {typ: "MEETING", verb: true},
	// French and Dutch participles and nouns that name the same events
	"arrêté": {typ: "ARREST", verb: true}, "arrêtés": {typ: "ARREST", verb: true}, "arrêtées": {typ: "ARREST", verb: true},
	"arrestation": {typ: "ARREST"}, "arrestations": {typ: "ARREST"}, "gearresteerd": {typ: "ARREST", verb: true}, "opgepakt": {typ: "ARREST", verb: true},
	"détenus": {typ: "DETENTION", verb: true}, "opgesloten": {typ: "DETENTION", verb: true},
	"condamné": {typ: "CONVICTION", verb: true}, "condamnés": {typ: "CONVICTION", verb: true}, "veroordeeld": {typ: "CONVICTION", verb: true},
	"jugé": {typ: "RULING", verb: true, court: true}, "arrêt": {typ: "RULING", court: true}, "oordeelde": {typ: "RULING", verb: true}, "uitspraak": {typ: "RULING"},
	"libéré": {typ: "RELEASE", verb: true}, "libérés": {typ: "RELEASE", verb: true}, "vrijgelaten": {typ: "RELEASE", verb: true},
	"expulsé": {typ: "EXPULSION", verb: true}, "expulsés": {typ: "EXPULSION", verb: true}, "expulsées": {typ: "EXPULSION", verb: true},
	"uitgezet": {typ: "EXPULSION", verb: true}, "teruggestuurd": {typ: "EXPULSION", verb: true},
	"manifestants": {typ: "PROTEST"}, "manifesté": {typ: "PROTEST", verb: true}, "betogers": {typ: "PROTEST"},
	"executies": {typ: "EXECUTION"}, "tués": {typ: "KILLING", verb: true}, "gedood": {typ: "KILLING", verb: true},
	"déclaré": {typ: "STATEMENT", verb: true}, "verklaarde": {typ: "STATEMENT", verb: true}, "rapport": {typ: "REPORT"}, "verslag": {typ: "REPORT"},
	"said": {typ: "STATEMENT", verb: true}, "says": {typ: "STATEMENT", verb: true}, "stated": {typ: "STATEMENT", verb: true},
	"statement": {typ: "STATEMENT"}, "emphasised": {typ: "STATEMENT", verb: true}, "emphasized": {typ: "STATEMENT", verb: true},
	"emphasises": {typ: "STATEMENT", verb: true}, "emphasizes": {typ: "STATEMENT", verb: true}, "criticism": {typ: "STATEMENT"},
	"criticised": {typ: "STATEMENT", verb: true}, "criticized": {typ: "STATEMENT", verb: true}, "condemns": {typ: "STATEMENT", verb: true},
	"urged": {typ: "STATEMENT", verb: true}, "urges": {typ: "STATEMENT", verb: true}, "denounced": {typ: "STATEMENT", verb: true},
	"welcomed": {typ: "STATEMENT", verb: true}, "declared": {typ: "STATEMENT", verb: true}, "announced": {typ: "STATEMENT", verb: true},
	"warned": {typ: "STATEMENT", verb: true}, "reiterated": {typ: "STATEMENT", verb: true}, "stressed": {typ: "STATEMENT", verb: true},
	"mandate": {typ: "OTHER", need: []string{"end", "ended", "expired", "began", "started", "begins", "ends"}},
	"elected": {typ: "OTHER", verb: true}, "granted": {typ: "OTHER", verb: true, need: []string{"assistance", "asylum", "status", "protection", "extradition"}},
}

// Auxiliaries before a participle make it passive: "were arrested".
var auxiliaries = map[string]bool{"was": true, "were": true, "is": true, "are": true, "been": true, "be": true, "being": true, "get": true, "got": true}

// Present-tense forms: the event is the document's own moment.
var presentForms = map[string]bool{"says": true, "emphasises": true, "emphasizes": true, "urges": true, "calls": true, "condemns": true, "welcomes": true, "announces": true, "states": true, "declares": true}

// Sentence openers that continue the previous event's time.
var continuations = []string{"in the following", "following this", "afterwards", "subsequently", "then", "later", "during the rally", "during the meeting", "during the event", "during the gathering", "at the end of",
	"in the afternoon", "in the evening", "in the morning", "that evening", "that afternoon", "that morning", "later that day", "the same day", "on the same day", "after the rally", "after the meeting", "after the march", "after the protest", "at the rally", "in a statement read out"}

// Bare nouns that mean a state's authorities.
var authorityNouns = map[string]bool{"authorities": true, "government": true, "regime": true, "administration": true, "minister": true, "state": true, "police": true, "judges": true, "army": true, "military": true, "junta": true,
	"parliament": true, "lawmakers": true, "legislators": true, "ministers": true, "soldiers": true, "troops": true, "officers": true}

// Modifiers that make an authority noun someone else's ("foreign authorities").
var otherAuthority = map[string]bool{"foreign": true, "european": true, "other": true, "local": true, "municipal": true, "respective": true, "western": true, "their": true, "regional": true, "a": true, "any": true, "each": true, "every": true}

// actorRef is an actor in a clause: a mention or a bare authority noun.
type actorRef struct {
	t0, t1 int
	ent    int
}

func isActorKind(k string) bool {
	return k == rightsgraph.KindState || k == rightsgraph.KindInstitution || k == rightsgraph.KindOrganization || k == rightsgraph.KindPerson || k == rightsgraph.KindGroup
}

// clauses splits a sentence at semicolons.
func (d *docState) clauses(si int) [][2]int {
	s := d.sents[si]
	var out [][2]int
	b := s.t0
	for k := s.t0; k < s.t1; k++ {
		if d.toks[k].norm == ";" {
			if k > b {
				out = append(out, [2]int{b, k})
			}
			b = k + 1
		}
	}
	if b < s.t1 {
		out = append(out, [2]int{b, s.t1})
	}
	return out
}

// eventClauses splits a sentence's clauses again before a relative clause
// on a named actor (", which on 29 June had found", ", who was arrested"):
// its verb is an event of its own, with its own date.
func (d *docState) eventClauses(si int) [][2]int {
	var out [][2]int
	for _, cl := range d.clauses(si) {
		b := cl[0]
		for k := cl[0] + 2; k < cl[1]; k++ {
			n := d.toks[k].norm
			if (n == "which" || n == "who") && d.toks[k-1].norm == "," && k-1 > b ||
				n == "then" && d.toks[k-1].norm == "," && k-1 > b ||
				subordinators[n] && k-1 > b+1 && d.subordinateClause(si, k, cl[1]) ||
				// "X ruled that ..., as did Y in its ruling of 15 July 2021"
				n == "as" && k+1 < cl[1] && d.toks[k+1].norm == "did" && d.toks[k-1].norm == "," && k-1 > b ||
				// "X said (that) the ministry was dismantled": what was said is a
				// clause of its own
				k-1 > b && sayVerbs[d.toks[k-1].norm] && (n == "that" || n == "the" || n == "a") && d.subordinateClause(si, k-1, cl[1]) {
				// the clause ends before its comma ("X, which"), or before the
				// subordinator itself ("on Monday after ...")
				end := k
				if d.toks[k-1].norm == "," || d.toks[k-1].norm == "and" {
					end = k - 1
				}
				out = append(out, [2]int{b, end})
				b = k
			}
		}
		out = append(out, [2]int{b, cl[1]})
	}
	return out
}

// actorsIn returns the actors of tokens [a, b): entity mentions, and the
// authorities that bare nouns ("the government") refer to.
func (d *docState) actorsIn(a, b int) []actorRef {
	var out []actorRef
	for k := a; k < b; k++ {
		if mi := d.tokMent[k]; mi >= 0 {
			m := d.ments[mi]
			if isActorKind(d.ents[m.ent].e.Kind) && m.t0 == k && !d.adjectivalState(m) {
				out = append(out, actorRef{m.t0, m.t1, m.ent})
			}
			k = m.t1 - 1
			continue
		}
		t := d.toks[k]
		// "the Government", "The Minister" (capitalised as British and
		// official texts write them)
		if !authorityNouns[t.norm] || t.upper && k > a && d.toks[k-1].norm != "the" {
			continue
		}
		if k > a {
			p := d.toks[k-1]
			if otherAuthority[p.norm] || d.tokMent[k-1] >= 0 {
				// "foreign authorities"; "Belgian authorities" is the adjective's state
				continue
			}
			if t.norm == "state" && p.norm != "the" {
				continue
			}
			if t.norm == "minister" && !(p.norm == "the" || p.norm == "interior" || p.norm == "justice" || p.norm == "foreign") {
				continue
			}
		}
		if k+1 < len(d.toks) && (d.toks[k+1].norm == "of" || d.toks[k+1].norm == "'s") && t.norm != "authorities" &&
			!(k+2 < b && d.toks[k+1].norm == "of" && d.tokMent[k+2] >= 0 && d.ents[d.ments[d.tokMent[k+2]].ent].e.Kind == rightsgraph.KindState) {
			continue
		}
		// "the military junta", "police officers": the head noun names them
		if k+1 < b && authorityNouns[d.toks[k+1].norm] {
			continue
		}
		// "the judges' association": a possessive modifier
		if k+1 < len(d.toks) && d.toks[k+1].norm == "'" && d.toks[k+1].start == t.end {
			continue
		}
		ei := -1
		// "the military junta in Myanmar", "the authorities in Belarus": the
		// state named after the noun
		if k+2 < b && (d.toks[k+1].norm == "in" || d.toks[k+1].norm == "of") {
			if mi := d.tokMent[k+2]; mi >= 0 && d.ents[d.ments[mi].ent].e.Kind == rightsgraph.KindState {
				ei = d.ments[mi].ent
			}
		}
		if ei < 0 && t.norm == "regime" {
			ei = d.lastStateBefore(k)
		}
		// "The Minister called on ...": the minister the text named
		if t.norm == "minister" && k > 0 && d.toks[k-1].norm == "the" {
			ei = d.lastMentionBefore(k, func(ei int) bool {
				e := d.ents[ei]
				return e.e.Kind == rightsgraph.KindPerson && strings.Contains(strings.ToLower(e.title), "minister")
			})
		}
		// "the army" after "the Egyptian Army": the body the text named
		if ei < 0 {
			ei = d.lastMentionBefore(k, func(ei int) bool {
				return d.ents[ei].e.Kind == rightsgraph.KindInstitution && d.lastWordOf(ei) == t.norm
			})
		}
		if ei < 0 {
			ei = d.mainStateEntity()
		}
		if ei >= 0 {
			out = append(out, actorRef{k, k + 1, ei})
		}
	}
	return out
}

func (d *docState) mainStateEntity() int {
	if d.mainState < 0 {
		return -1
	}
	return d.refEntity(d.mainState)
}

// refEntity returns the document entity of a reference entity, creating it
// without a mention when the text only refers to it ("the authorities").
func (d *docState) refEntity(ref int32) int {
	re := &d.x.ix.ents[ref]
	if ei, ok := d.entByID[re.id]; ok {
		return ei
	}
	return d.entityFor(candidate{ref: ref, kind: re.kind, name: re.name, t0: -1})
}

func (d *docState) lastStateBefore(k int) int {
	return d.lastMentionBefore(k, func(ei int) bool { return d.ents[ei].e.Kind == rightsgraph.KindState })
}

// sentDates returns the dates of sentence si (offsets absolute), without
// those inside instrument names.
func (d *docState) sentDates(si int) []dateMention {
	if d.dateCache == nil {
		d.dateCache = make([][]dateMention, len(d.sents))
		d.dateDone = make([]bool, len(d.sents))
	}
	if d.dateDone[si] {
		return d.dateCache[si]
	}
	s := d.sents[si]
	var out []dateMention
	if !d.mayHaveDate(si) {
		d.dateDone[si] = true
		return nil
	}
	for _, dm := range findDates(d.text[s.start:s.end], d.about) {
		dm.start += s.start
		dm.end += s.start
		if d.inInstrument(si, dm.start) || dm.end <= d.datelineEnd {
			continue
		}
		out = append(out, dm)
	}
	d.dateCache[si] = out
	d.dateDone[si] = true
	return out
}

// mayHaveDate is a cheap test before the date expressions run: a number, a
// month's name or "year" among the sentence's tokens.
func (d *docState) mayHaveDate(si int) bool {
	s := d.sents[si]
	for k := s.t0; k < s.t1; k++ {
		t := d.toks[k]
		if t.kind == tokNum || monthNumber[t.norm] > 0 || t.norm == "year" {
			return true
		}
	}
	return false
}

// dateAt returns the explicit date that starts at byte off (after spaces).
func (d *docState) dateAt(si int, off int) (dateMention, bool) {
	s := d.sents[si]
	for off < s.end && isSpaceByte(d.text[off]) {
		off++
	}
	end := minInt(s.end, off+40)
	ds := findDates(d.text[off:end], "")
	if len(ds) > 0 && ds[0].start == 0 {
		dm := ds[0]
		dm.absEnd = off + dm.end
		return dm, true
	}
	return dateMention{}, false
}

func (d *docState) events() {
	lastActors := []actorRef(nil)
	lastPara := -1
	lastDate := ""
	paraDate := map[int]string{}    // paragraph -> date of its last dated event
	typeDate := map[string]string{} // event type -> date of the last dated event of that type
	typeEvent := map[string]int{}   // event type -> index of its last event
	firstRuling := ""               // date of the first dated ruling
	d.titleStatement()
	for si, s := range d.sents {
		if s.heading || d.referenceLine(si) {
			continue
		}
		if d.sents[si].para != lastPara && lastPara >= 0 && si > 0 && d.sents[si-1].heading {
			lastActors = nil
		}
		lastPara = s.para
		sentLower := strings.ToLower(d.text[s.start:minInt(s.end, s.start+40)])
		continued := false
		for _, c := range continuations {
			if strings.HasPrefix(sentLower, c) {
				continued = true
			}
		}
		dates := d.sentDates(si)
		var prevClauseActors []actorRef
		for _, cl := range d.eventClauses(si) {
			all := d.actorsIn(cl[0], cl[1])
			cited := len(all)
			actors := d.withoutSources(all)
			cited -= len(actors)
			seen := map[string]bool{}
			for k := cl[0]; k < cl[1]; k++ {
				t := d.toks[k]
				if t.kind != tokWord {
					continue
				}
				tr, ok := d.triggerAt(si, cl, k)
				if !ok || d.nonFactual(si, cl, k, tr) {
					continue
				}
				// "protest-related", "arms-transfer": a modifier, not an event
				if k+1 < cl[1] && d.toks[k+1].hyphenBefore {
					continue
				}
				if t.upper && k > s.t0 && d.tokMent[k] >= 0 {
					continue
				}
				if tr.need != nil && !d.clauseHas(cl[0], cl[1], tr.need) {
					continue
				}
				if tr.typ == "ARMS_TRANSFER" && !(k > cl[0] && (d.toks[k-1].norm == "arms" || d.toks[k-1].norm == "weapons")) {
					continue
				}
				courtBefore := d.courtIn(cl[0], k)
				if tr.court && courtBefore < 0 && !d.courtSubject(cl, k) {
					continue
				}
				typ := tr.typ
				if typ == "RULING" && d.clauseHas(k, cl[1], []string{"guilty"}) {
					typ = "CONVICTION"
				}
				// "the security service detained Vinyavsky on Monday": taking
				// someone into custody is an arrest; "was detained for two
				// years", "detained since July" is detention
				if typ == "DETENTION" && t.norm == "detained" && d.activeWithObject(cl, k) {
					typ = "ARREST"
				}
				// a second trigger of the type in the clause: a verb may take
				// over from a noun ("the judgment ..., the Court held"), else
				// it is the same event
				if (seen[typ] || isRulingType(typ) && (seen["RULING"] || seen["CONVICTION"])) && !tr.verb {
					continue
				}
				// "people convicted of ...": a participle describing a noun;
				// "to release", "should release": not (yet) an event
				if k > cl[0] && (tr.verb && reducedRelNouns[d.toks[k-1].norm] && !d.countedSubject(k-1) || d.toks[k-1].norm == "to" && !(k-2 >= cl[0] && aspectVerbs[d.toks[k-2].norm]) || d.irrealisBefore(cl, k)) {
					continue
				}
				if (typ == "PROTEST" || typ == "EXECUTION") && k > cl[0] && (d.toks[k-1].norm == "attending" || d.toks[k-1].norm == "on" || d.toks[k-1].norm == "against" && typ == "EXECUTION") {
					continue
				}
				// "at the end of the rally": a reference to an event already
				// found, not another one
				if !tr.verb && k > cl[0] && d.toks[k-1].norm == "the" && typeDate[typ] != "" && anaphoricEvents[t.norm] == typ {
					// "The rally was organised by X": X joins that event
					if ei, ok := typeEvent[typ]; ok && (typ == "PROTEST" || typ == "MEETING") && d.clauseHas(k, cl[1], []string{"organised", "organized", "called", "led", "attended", "joined"}) {
						prev := &d.out.Events[ei]
						ev := rightsgraph.Event{Type: typ}
						d.addParticipants(&ev, actors, k, false, false, cl)
						for _, p := range ev.Participants {
							if !hasParticipant(prev.Participants, p.Entity) {
								if p.Role == "participant" && d.clauseHas(k, cl[1], []string{"organised", "organized", "called", "led"}) {
									p.Role = "organizer"
								}
								prev.Participants = append(prev.Participants, p)
							}
						}
						prev.Evidence = append(prev.Evidence, d.sentEvidence(si))
						d.evMeta[ei].sents = append(d.evMeta[ei].sents, si)
					}
					continue
				}
				ev := rightsgraph.Event{Type: typ, Participants: []rightsgraph.Participant{}}
				passive := false
				for q := k - 1; q >= cl[0] && q >= k-3; q-- {
					if auxiliaries[d.toks[q].norm] {
						passive = true
						break
					}
					if d.tokMent[q] >= 0 || d.toks[q].kind != tokWord {
						break
					}
				}
				// date
				date, source := d.eventDate(si, cl, k, dates, continued, lastDate, t.norm, typ, paraDate[s.para], typeDate, firstRuling)
				ev.Date = date
				// participants
				acts := actors
				// "found them guilty", "14 were arrested": the actors of the
				// previous clause or sentence
				if len(acts) == 0 && cited == 0 && d.refersBack(cl, k) || (typ == "RULING" || typ == "CONVICTION") && onlyCourts(d, acts) && d.clauseHas(cl[0], cl[1], []string{"them", "him", "her", "they", "it"}) {
					from := lastActors
					if len(prevClauseActors) > 0 {
						from = prevClauseActors
					}
					for _, a := range from {
						// "found them guilty": the court of the clause decided,
						// the one before is no authority of it
						if len(acts) > 0 && d.ents[a.ent].e.Court {
							continue
						}
						acts = append(acts, a)
					}
				}
				d.addParticipants(&ev, acts, k, tr.verb, passive, cl)
				// an event nobody is named in: kept when the text anchors it in
				// place, a protest also in time ("protests in dozens of towns
				// in June"), or names the measure it is ("the recently passed
				// Act"); a count of victims with only a date ("at least 11
				// people have been killed since 16 December") links nothing
				// and is no event of its own
				// a dated arrest or detention with no one named is the act of
				// the state the text places it in (impliedStateAgent)
				if len(ev.Participants) == 0 && stateActs[typ] && anchorless[typ] && d.clauseHasDate(cl, dates) {
					d.impliedStateAgent(&ev, si, cl, k)
				}
				if len(ev.Participants) == 0 && !(anchorless[typ] && (typ == "PROTEST" && d.clauseHasDate(cl, dates) || d.placeIn(cl[0], cl[1]) >= 0)) &&
					!((typ == "POLICY" || typ == "RESOLUTION" || typ == "LEGISLATION") && (d.clauseHasDate(cl, dates) || d.instrumentInClause(cl) || !tr.verb && d.givenEvent(cl, k))) {
					continue
				}
				// what a quotation says happened, with no date and no one
				// named, is an opinion ("Long prison sentences handed down to
				// defenders are emblematic of ...")
				if d.inQuote(si, t.start) && !d.clauseHasDate(cl, dates) && !d.personIn(&ev) && typ != "STATEMENT" {
					continue
				}
				// "Prisoners were detained in inhumane conditions", "children
				// continue to be detained", "opponents who have been granted
				// refugee status": a passive with no date, no place and only
				// groups in it describes how things are, not an event
				if tr.verb && passive && d.onlyGroups(&ev) && !d.clauseHasDate(cl, dates) && d.placeIn(cl[0], cl[1]) < 0 && d.countBefore(cl[0], k) == nil &&
					!d.clauseHas(cl[0], cl[1], quantityWords) && !d.clauseHas(k, cl[1], detentionPlaces) && !d.clauseHas(k, cl[1], []string{"to"}) {
					continue
				}
				d.impliedStateAgent(&ev, si, cl, k)
				if (typ == "STATEMENT" || typ == "REPORT") && !hasRole(ev.Participants, "agent") {
					continue
				}
				// "the Court stressed", "the court's analysis emphasised": what
				// a court says is part of its ruling
				if typ == "STATEMENT" && d.onlyCourtAgents(&ev) {
					continue
				}
				if countable[typ] {
					ev.Count = d.countBefore(cl[0], k)
					if ev.Count == nil && tr.verb {
						ev.Count = d.countAfter(k, cl[1])
					}
				}
				if ev.Count == nil {
					ev.Count = d.groupTargetCount(&ev, acts, k, cl)
				}
				seen[typ] = true
				typeEvent[typ] = len(d.out.Events)
				// "said today": when it was reported, which does not date what the
				// paragraph goes on to report
				if (typ == "RULING" || typ == "CONVICTION") && firstRuling == "" && source != dateFallback && len(date) >= 7 {
					firstRuling = date
				}
				if source != dateFallback && len(date) >= 7 {
					typeDate[typ] = date
					if source == dateAnchored || typ != "STATEMENT" {
						lastDate = date
						// a paragraph carries its date to the sentences after
						// it only within the year the text is about: "In
						// 2020, soldiers opened fire. ..." is background
						if d.about == "" || yearOf(date) == d.about {
							paraDate[s.para] = date
						} else {
							delete(paraDate, s.para)
						}
					}
				}
				ev.Summary = d.clauseText(cl)
				if typ == "RULING" || typ == "CONVICTION" {
					ev.Outcome = strings.TrimSpace(strings.TrimRight(d.text[d.toks[k].start:d.toks[cl[1]-1].end], ". "))
				}
				if p := d.placeIn(cl[0], cl[1]); p >= 0 {
					ev.Place = d.ents[p].e.ID
				}
				ev.Evidence = []rightsgraph.Evidence{d.sentEvidence(si)}
				ev.ID = fmt.Sprintf("event:%s-%d-%s", shortID(d.doc.ID), d.toks[k].start, strings.ToLower(typ))
				d.out.Events = append(d.out.Events, ev)
				d.evMeta = append(d.evMeta, eventMeta{sent: si, clause: cl, trigger: k, verb: tr.verb || d.lightVerbNoun(cl, k) || d.participialClause(k), given: !tr.verb && d.givenEvent(cl, k), dated: source != dateFallback, sents: []int{si}})
			}
			if len(actors) > 0 {
				prevClauseActors = actors
				lastActors = actors
			}
		}
	}
	d.anaphoricDates()
	d.selectEvents()
}

// irrealisBefore: a modal governs the trigger ("should release", "will
// present its national report", "would be executed").
func (d *docState) irrealisBefore(cl [2]int, k int) bool {
	for q := k - 1; q >= cl[0] && q >= k-4; q-- {
		t := d.toks[q]
		if irrealis[t.norm] {
			return true
		}
		if t.kind != tokWord || d.tokMent[q] >= 0 && q < k-1 || t.norm == "and" || t.norm == "but" || t.norm == "that" || t.norm == "which" || t.norm == "who" {
			return false
		}
	}
	return false
}

// Modals before a verb: what should or will happen is not an event.
var irrealis = map[string]bool{"should": true, "must": true, "would": true, "could": true, "will": true, "shall": true, "might": true, "cannot": true}

// withoutSources drops the actors a clause only cites ("according to the LDH").
func (d *docState) withoutSources(acts []actorRef) []actorRef {
	out := acts[:0]
	for _, a := range acts {
		if a.t0 >= 1 && (d.toks[a.t0-1].norm == "selon" || d.toks[a.t0-1].norm == "volgens" || d.toks[a.t0-1].norm == "laut") ||
			a.t0 >= 2 && d.toks[a.t0-1].norm == "to" && d.toks[a.t0-2].norm == "according" ||
			a.t0 >= 3 && d.toks[a.t0-1].norm == "the" && d.toks[a.t0-2].norm == "to" && d.toks[a.t0-3].norm == "according" {
			continue
		}
		out = append(out, a)
	}
	return out
}

func onlyCourts(d *docState, acts []actorRef) bool {
	for _, a := range acts {
		if !d.ents[a.ent].e.Court {
			return false
		}
	}
	return true
}

func hasParticipant(ps []rightsgraph.Participant, id string) bool {
	for _, p := range ps {
		if p.Entity == id {
			return true
		}
	}
	return false
}

func hasRole(ps []rightsgraph.Participant, role string) bool {
	for _, p := range ps {
		if p.Role == role {
			return true
		}
	}
	return false
}

// countedSubject: "800 people gathered", "thousands of people marched": a
// counted noun before a verb is its subject, not a noun the participle
// describes.
func (d *docState) countedSubject(k int) bool {
	if k == 0 {
		return false
	}
	p := d.toks[k-1]
	return p.kind == tokNum || p.norm == "of" || p.norm == "many" || p.norm == "several" || p.norm == "some"
}

// Nouns a participle describes ("people convicted of ..."): not an event.
// "continued to deny", "began to deport": the infinitive is what happened.
var aspectVerbs = map[string]bool{"continued": true, "continues": true, "continue": true, "began": true, "begun": true, "started": true, "proceeded": true}

var reducedRelNouns = map[string]bool{"people": true, "persons": true, "those": true, "individuals": true, "anyone": true, "someone": true, "everyone": true}

// Event types whose count is worth reading ("860 executions").
var countable = map[string]bool{"PROTEST": true, "ARREST": true, "DETENTION": true, "CONVICTION": true, "EXECUTION": true, "KILLING": true, "EXPULSION": true, "RELEASE": true, "ATTACK": true, "ARMS_TRANSFER": true}

func shortID(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

func (d *docState) clauseHas(a, b int, words []string) bool {
	for k := a; k < b; k++ {
		for _, w := range words {
			if d.toks[k].norm == w {
				return true
			}
		}
	}
	return false
}

// courtIn returns the entity of the last court mentioned in tokens [a, b), or -1.
func (d *docState) courtIn(a, b int) int {
	ei := -1
	for k := a; k < b; k++ {
		if mi := d.tokMent[k]; mi >= 0 && d.ents[d.ments[mi].ent].e.Court {
			ei = d.ments[mi].ent
		}
	}
	return ei
}

func (d *docState) clauseText(cl [2]int) string {
	s := strings.Join(strings.Fields(d.span(cl[0], cl[1])), " ")
	if len(s) > 240 {
		cut := strings.LastIndex(s[:240], " ")
		if cut > 0 {
			s = s[:cut] + "…"
		}
	}
	return s
}

// eventDate picks the date of the event at token k: a date in its clause
// (the nearest before the trigger, else after), one earlier in the
// sentence, the previous event's for a continuation ("In the following"),
// the publication date for the present tense, else the year the document is
// about.
func (d *docState) eventDate(si int, cl [2]int, k int, dates []dateMention, continued bool, lastDate string, trigger string, typ string, paraDate string, typeDate map[string]string, firstRuling string) (string, int) {
	a, b := d.toks[cl[0]].start, d.toks[cl[1]-1].end
	trig := d.toks[k].start
	// "said today", "on Wednesday ... dismissed": the day of publication, or
	// the weekday before it
	if v := d.deicticDate(cl, k); v != "" {
		return v, dateDeictic
	}
	// "the next day", "the following day": the day after the last event
	if len(lastDate) >= 7 && d.clauseHasSeq(cl, sameDayPhrases) && !d.clauseHasSeq(cl, nextDayPhrases) {
		return lastDate, dateAnchored
	}
	if len(lastDate) >= 7 && d.clauseHasSeq(cl, nextDayPhrases) {
		if v := addDays(lastDate, 1); v != "" {
			return v, dateAnchored
		}
		return lastDate, dateAnchored
	}
	// "detention since 14 July 2021": the day it began
	if typ == "DETENTION" && k+1 < cl[1] && d.toks[k+1].norm == "since" {
		for _, dm := range dates {
			if dm.value != "" && dm.start > d.toks[k+1].start && dm.start <= d.toks[k+1].end+2 {
				return dm.value, dateAnchored
			}
		}
	}
	best := ""
	bestPos := -1
	bestIdx := -1
	for i, dm := range dates {
		if dm.value == "" || d.durationDate(dm) || d.deadlineDate(dm) {
			continue
		}
		if dm.start >= a && dm.end <= b && dm.start < trig && dm.start > bestPos {
			best, bestPos, bestIdx = dm.value, dm.start, i
		}
	}
	if best != "" {
		// "between 1 and 10 August": the start of the range
		if bestIdx > 0 && dates[bestIdx-1].value != "" && dates[bestIdx-1].start >= a && rangeJoin(d.text[dates[bestIdx-1].end:dates[bestIdx].start]) {
			return dates[bestIdx-1].value, dateAnchored
		}
		return best, dateAnchored
	}
	for _, dm := range dates {
		if dm.value != "" && dm.start >= a && dm.end <= b && !d.durationDate(dm) && !d.deadlineDate(dm) {
			// "a resolution ... on the protests that began on 16 September":
			// a date in a clause of its own belongs to something else, when
			// the paragraph gives the event a date of its own
			if (paraDate != "" || continued && lastDate != "") && d.subordinateBetween(k, dm.start) {
				continue
			}
			return dm.value, dateAnchored
		}
	}
	for _, dm := range dates {
		if dm.value != "" && dm.start < a {
			best = dm.value
		}
	}
	if best != "" {
		return best, dateAnchored
	}
	// "welcomed the ruling", "two days before the judgment": the ruling the
	// text reports first (its news)
	if firstRuling != "" {
		for q := cl[0]; q+1 < cl[1]; q++ {
			if d.toks[q].norm == "the" && rulingNouns[d.toks[q+1].norm] && q+1 != k {
				return firstRuling, dateAnchored
			}
		}
	}
	// "at the end of the rally", "told the meeting": the date of the event
	// named
	for q := cl[0]; q+1 < cl[1]; q++ {
		if d.toks[q].norm != "the" {
			continue
		}
		if t, ok := anaphoricEvents[d.toks[q+1].norm]; ok && q+1 != k && (t == "PROTEST" || t == "MEETING") && q > cl[0] && anaphoraPreps[d.toks[q-1].norm] {
			if v := typeDate[t]; v != "" {
				return v, dateAnchored
			}
		}
	}
	if continued && lastDate != "" {
		return lastDate, dateAnchored
	}
	// a sentence without a date continues the paragraph's last dated event
	if paraDate != "" {
		return paraDate, dateAnchored
	}
	if presentForms[trigger] || d.clauseHas(cl[0], cl[1], []string{"just", "recently", "today", "currently"}) {
		if d.doc.Published != "" {
			return d.doc.Published, dateFallback
		}
	}
	// "300 people have been arrested": the present perfect of a dated news
	// item reports what happened in the weeks before it
	if len(d.doc.Published) >= 7 && yearOf(d.doc.Published) == d.about && d.presentPerfect(cl, k) {
		return d.doc.Published[:7], dateFallback
	}
	// "said today after the army dispersed protests": what a dated news
	// item reports as just happened, in its month
	if len(d.doc.Published) >= 7 && yearOf(d.doc.Published) == d.about && typ != "STATEMENT" && typ != "MEETING" && d.sentHas(si, []string{"today", "yesterday", "tonight"}) {
		return d.doc.Published[:7], dateFallback
	}
	// a statement or meeting in a dated news item or press release: the day
	// it was published
	if (typ == "STATEMENT" || typ == "MEETING") && len(d.doc.Published) == 10 && yearOf(d.doc.Published) == d.about {
		return d.doc.Published, dateFallback
	}
	return d.about, dateFallback
}

// Nouns that, after "the", refer back to an earlier event of a type.
var anaphoricEvents = map[string]string{"rally": "PROTEST", "protest": "PROTEST", "protests": "PROTEST", "demonstration": "PROTEST", "march": "PROTEST", "gathering": "PROTEST", "vigil": "PROTEST", "meeting": "MEETING", "session": "MEETING", "killings": "KILLING", "killing": "KILLING", "arrests": "ARREST", "executions": "EXECUTION", "pushbacks": "EXPULSION", "deportations": "EXPULSION"}

// Where an event's date came from.
const (
	dateFallback = iota // the publication date or the year the text is about
	dateDeictic         // "today", "on Wednesday": the moment of reporting
	dateAnchored        // written in its clause or sentence, or carried from an event before
)

// Nouns that refer back to a ruling.
var rulingNouns = map[string]bool{"ruling": true, "judgment": true, "judgement": true, "decision": true, "verdict": true, "finding": true}

// Words before "the rally" that place something at that event.
var anaphoraPreps = map[string]bool{"at": true, "after": true, "during": true, "of": true, "to": true, "told": true, "addressed": true, "before": true, "following": true}

var sameDayPhrases = [][]string{{"the", "same", "day"}, {"the", "same", "date"}, {"that", "same", "day"}, {"later", "that", "day"}, {"that", "day"}}

var nextDayPhrases = [][]string{{"the", "next", "day"}, {"the", "following", "day"}, {"a", "day", "later"}, {"the", "day", "after"}}

func (d *docState) clauseHasSeq(cl [2]int, seqs [][]string) bool {
	for k := cl[0]; k < cl[1]; k++ {
		for _, sq := range seqs {
			if _, ok := d.matchSeq(k, cl[1], sq); ok {
				return true
			}
		}
	}
	return false
}

// durationDate: "since 2020", "for 2023": the start of a state, not the
// date of an event.
func (d *docState) durationDate(dm dateMention) bool {
	p := strings.TrimRight(d.text[maxInt(0, dm.start-8):dm.start], " ")
	return strings.HasSuffix(strings.ToLower(p), "since")
}

// deadlineDate: "reduce emissions by 2030", "until 2035": a deadline
// after the year the text was published or is about, not the date of what
// the clause reports.
func (d *docState) deadlineDate(dm dateMention) bool {
	ref := yearOf(d.doc.Published)
	if ref == "" {
		ref = d.about
	}
	if d.baselineDate(dm) {
		return true
	}
	if ref == "" || yearOf(dm.value) <= ref {
		return false
	}
	p := strings.ToLower(strings.TrimRight(d.text[maxInt(0, dm.start-8):dm.start], " "))
	for _, w := range []string{" by", " until", " before", " in", " till"} {
		if strings.HasSuffix(" "+p, w) {
			return true
		}
	}
	return false
}

// baselineDate: "by 55% compared with 1990", "lower than in 2015": the
// year a quantity is measured against.
func (d *docState) baselineDate(dm dateMention) bool {
	p := strings.ToLower(strings.Join(strings.Fields(d.text[maxInt(0, dm.start-20):dm.start]), " "))
	for _, w := range []string{"compared with", "compared to", "relative to", " than", "than in", "levels of"} {
		if strings.HasSuffix(p, w) {
			return true
		}
	}
	return false
}

// rangeJoin: the text between two dates joins them into a range.
func rangeJoin(between string) bool {
	switch strings.TrimSpace(strings.ToLower(between)) {
	case "and", "to", "until", "till", "-", "–", "—", "and on", "through":
		return true
	}
	return false
}

// subordinateBetween reports whether a relative or subordinate clause opens
// between the trigger at token k and byte offset b ("a resolution presented
// by X that establishes ... the protests that began on ...").
func (d *docState) subordinateBetween(k int, b int) bool {
	for i := k + 1; i < len(d.toks) && d.toks[i].start < b; i++ {
		switch d.toks[i].norm {
		case "that", "which", "who", "when", "after", "before", "because", "while", "until":
			// "the protests that began on ...": the clause describes the trigger
			if i == k+1 {
				return false
			}
			return true
		}
	}
	return false
}

// deicticDate resolves "today" and "on <weekday>" near the trigger against a
// full publication date.
func (d *docState) deicticDate(cl [2]int, k int) string {
	pub := d.doc.Published
	if len(pub) < 7 {
		return ""
	}
	if len(pub) != 10 {
		// a page filed under its month: "today" is that month
		for q := maxInt(cl[0], k-6); q < cl[1] && q <= k+4; q++ {
			if d.toks[q].norm == "today" {
				return pub
			}
		}
		return ""
	}
	for q := cl[0]; q < k; q++ {
		// "in today's judgment ... the Court held"
		if d.toks[q].norm == "today" && q+1 < cl[1] && d.toks[q+1].norm == "'s" {
			return pub
		}
	}
	for q := maxInt(cl[0], k-6); q < cl[1] && q <= k+4; q++ {
		n := d.toks[q].norm
		if n == "today" || n == "tonight" {
			return pub
		}
		if wd, ok := weekdays[n]; ok && q > 0 && (d.toks[q-1].norm == "on" || d.toks[q-1].norm == "last") {
			return weekdayOnOrBefore(pub, wd)
		}
	}
	return ""
}

var weekdays = map[string]time.Weekday{"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday, "thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday, "sunday": time.Sunday}

func weekdayOnOrBefore(pub string, wd time.Weekday) string {
	t, err := time.Parse("2006-01-02", pub)
	if err != nil {
		return ""
	}
	for i := 0; i < 7; i++ {
		if t.Weekday() == wd {
			return t.Format("2006-01-02")
		}
		t = t.AddDate(0, 0, -1)
	}
	return ""
}

func addDays(date string, n int) string {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return ""
	}
	return t.AddDate(0, 0, n).Format("2006-01-02")
}

func (d *docState) clauseHasDate(cl [2]int, dates []dateMention) bool {
	a, b := d.toks[cl[0]].start, d.toks[cl[1]-1].end
	for _, dm := range dates {
		if dm.value != "" && dm.start >= a && dm.end <= b && !dm.relative {
			return true
		}
	}
	return false
}

// Event types that stand without a named participant when dated or placed.
var anchorless = map[string]bool{"RULING": true, "CONVICTION": true, "PROTEST": true, "KILLING": true, "ARREST": true, "DETENTION": true, "RELEASE": true, "EXPULSION": true, "ATTACK": true, "EXECUTION": true}

// addParticipants gives the clause's actors their roles.
func (d *docState) addParticipants(ev *rightsgraph.Event, acts []actorRef, k int, verb, passive bool, cl [2]int) {
	seen := map[string]bool{}
	var speakers, subjects map[int]bool
	organize := d.clauseHas(cl[0], k, []string{"calls", "call", "called", "organised", "organized", "organises", "organizes"})
	for _, a := range acts {
		e := d.ents[a.ent]
		// "in Belgium", "across Nigeria": where it happened, not who took
		// part; "in front of the Commissariat General": what a protest
		// stood before, its target
		loc := d.locativeBefore(a.t0, cl[0])
		if loc && e.e.Kind == rightsgraph.KindState {
			continue
		}
		// "taken back to Libya", "deported to Afghanistan": where people
		// were sent, not who sent them or was sent
		if ev.Type == "EXPULSION" && e.e.Kind == rightsgraph.KindState && a.t0 > cl[0] && d.toks[a.t0-1].norm == "to" {
			continue
		}
		// "..., Human Rights Watch said today": the source of the report
		if ev.Type != "STATEMENT" && ev.Type != "REPORT" && a.t0 > k && d.attributes(a.t0, a.t1, cl[1]) {
			continue
		}
		before := a.t0 < k
		// "CPJ condemns today's court ruling", "Belgium welcomed the
		// release of X", "LDH calls for his release": who reacts to an event
		// named as a noun, or asks for it, takes no part in it
		if !verb && before && ev.Type != "STATEMENT" && ev.Type != "REPORT" && d.reactsTo(a.t1, k, ev.Type, ev.Type != "PROTEST") {
			continue
		}
		// "arrested by the police", "the release of X by Iran": a by-phrase
		// after the trigger; "following opposition by trade unions, the
		// government withdrew" names who opposed, not who withdrew
		byAgent := false
		for q := a.t0 - 1; q >= cl[0] && q >= a.t0-3 && a.t0 > k; q-- {
			if d.toks[q].norm == "by" {
				byAgent = true
			}
		}
		// "the recently passed Act": a participle used as an adjective has no
		// subject before it
		if verb && a.t0 < k && k > cl[0] && participleDeterminers[d.toks[k-1].norm] {
			continue
		}
		// before an active verb, only its subject acts: the nearest actor and
		// those coordinated with it
		if verb && !passive && a.t0 < k && ev.Type != "STATEMENT" && ev.Type != "REPORT" {
			if subjects == nil {
				subjects = d.speakers(int(d.tokSent[k]), cl, k, acts)
			}
			if len(subjects) > 0 && !subjects[a.ent] && e.e.Kind != rightsgraph.KindState && !e.e.Court {
				continue
			}
		}
		person := e.e.Kind == rightsgraph.KindPerson || e.e.Kind == rightsgraph.KindGroup
		role := "participant"
		switch ev.Type {
		case "RULING", "CONVICTION":
			switch {
			case e.e.Court:
				role = "authority"
			case e.e.Kind == rightsgraph.KindPerson && before && verb && !passive && subjects[a.ent]:
				// "Judge X of the District Court sentenced ...": the judge decided
				role = "authority"
			default:
				role = "target"
			}
		case "ARREST", "DETENTION", "EXECUTION", "KILLING", "EXPULSION", "ATTACK", "RELEASE":
			switch {
			case byAgent:
				role = "agent"
			case e.e.Kind == rightsgraph.KindGroup:
				// protesters, prisoners, journalists: those it was done to
				role = "target"
			case !verb && person && a.t0 > k && a.t0 > cl[0]+1 && (d.toks[a.t0-1].norm == "with" || d.toks[a.t0-2].norm == "with" && honorifics[d.toks[a.t0-1].norm]):
				// "attacks by the LRA with Mr Ongwen as one of its leaders":
				// who is with the attackers is no victim
				role = "participant"
			case !verb && person:
				// "the release of X", "held hostage", "extrajudicial execution of dissidents"
				role = "target"
			case before && !passive:
				role = "agent"
			default:
				role = "target"
			}
			if ev.Type == "EXECUTION" && e.e.Kind == rightsgraph.KindState {
				role = "agent"
			}
			if ev.Type == "RELEASE" && e.e.Kind == rightsgraph.KindState {
				role = "participant"
			}
		case "PROTEST":
			switch {
			case loc:
				role = "target"
			case organize && before:
				role = "organizer"
			case verb && before:
				role = "agent"
			default:
				role = "participant"
			}
		case "STATEMENT", "REPORT":
			if speakers == nil {
				speakers = d.speakers(int(d.tokSent[k]), cl, k, acts)
			}
			if speakers[a.ent] {
				role = "agent"
			} else {
				role = "target"
			}
		case "ARMS_TRANSFER":
			if before {
				role = "agent"
			} else {
				role = "recipient"
			}
		case "LEGISLATION", "POLICY", "RESOLUTION", "OTHER":
			if before && !passive || byAgent {
				role = "agent"
			} else if ev.Type == "OTHER" {
				role = "recipient"
			}
		case "MEETING":
			role = "participant"
		}
		// a group a policy, law or other measure is aimed at: its object
		// ("denied asylum seekers access", "deny protection to refugees") or
		// its passive subject ("refugees were refused entry") is its target;
		// "for" or "provide ... to" makes it a beneficiary
		if e.e.Kind == rightsgraph.KindGroup && !byAgent && (!before || passive) {
			switch ev.Type {
			case "LEGISLATION", "POLICY", "RESOLUTION", "OTHER":
				role = d.groupObjectRole(ev.Type, k, a.t0, role)
			}
		}
		if seen[e.e.ID] {
			continue
		}
		seen[e.e.ID] = true
		ev.Participants = append(ev.Participants, rightsgraph.Participant{Entity: e.e.ID, Role: role})
	}
}

// Verbs whose "to" object is given something: "to provide shelter to migrants".
var provisionVerbs = map[string]bool{"provide": true, "provided": true, "provides": true, "providing": true, "offer": true, "offered": true, "offers": true, "offering": true,
	"grant": true, "granted": true, "grants": true, "granting": true, "give": true, "gave": true, "given": true, "allocate": true, "allocated": true, "extend": true, "extended": true}

// Nouns a measure protects its "of" group with: "the safety of journalists".
var protectiveNouns = map[string]bool{"safety": true, "protection": true, "rights": true, "welfare": true, "security": true, "wellbeing": true, "well-being": true, "needs": true, "inclusion": true}

// groupObjectRole is the role of a group at token g that a measure
// triggered at k is aimed at; role is what it has otherwise.
func (d *docState) groupObjectRole(typ string, k, g int, role string) string {
	if denialTriggers[d.toks[k].norm] {
		return "target"
	}
	// the preposition that opens the group's phrase: the nearest before it
	// after the trigger ("for journalists", "to the majority of migrants")
	prep := ""
	for q := g - 1; q > k && q >= g-6; q-- {
		n := d.toks[q].norm
		if n == "for" || n == "to" {
			prep = n
			break
		}
	}
	// "a resolution on the safety of journalists", "the rights of refugees"
	if g-2 > k && d.toks[g-1].norm == "of" && protectiveNouns[d.toks[g-2].norm] {
		return "beneficiary"
	}
	switch {
	case prep == "for":
		return "beneficiary"
	case prep == "to" && (provisionVerbs[d.toks[k].norm] || d.clauseHas(k, g, []string{"provide", "providing", "offer", "offering", "give", "giving"})):
		return "beneficiary"
	case typ == "OTHER" && role == "recipient":
		return role
	}
	return "target"
}

// groupTargetCount: the number written just before a target group after
// the trigger ("denied 300 asylum seekers access", "arrested 40 climate
// activists").
func (d *docState) groupTargetCount(ev *rightsgraph.Event, acts []actorRef, k int, cl [2]int) *int64 {
	for _, a := range acts {
		if a.t0 <= k || a.t0 >= cl[1] || d.ents[a.ent].e.Kind != rightsgraph.KindGroup {
			continue
		}
		for _, p := range ev.Participants {
			if p.Entity == d.ents[a.ent].e.ID && p.Role == "target" {
				return d.countBefore(maxInt(k+1, a.t0-2), a.t0)
			}
		}
	}
	return nil
}

// countBefore returns the number written before the trigger in its clause
// ("at least 860 executions", "22 Greenpeace activists protested").
func (d *docState) countBefore(a, k int) *int64 {
	for j := k - 1; j >= a && j >= k-4; j-- {
		t := d.toks[j]
		if t.kind != tokNum {
			continue
		}
		raw := strings.ReplaceAll(d.text[t.start:t.end], ",", "")
		n, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || n <= 0 {
			continue
		}
		// a year, a percentage or a sum is not a count
		if n >= 1900 && n <= 2100 && len(raw) == 4 {
			continue
		}
		if j+1 < len(d.toks) && notCountUnits[d.toks[j+1].norm] {
			continue
		}
		if j > 0 && (d.toks[j-1].norm == "€" || d.toks[j-1].norm == "$") {
			continue
		}
		return &n
	}
	return nil
}

// countAfter: "police detained 12 climate activists".
func (d *docState) countAfter(k, b int) *int64 {
	for j := k + 1; j < b && j <= k+3; j++ {
		t := d.toks[j]
		if t.kind != tokNum {
			continue
		}
		return d.countBefore(j, j+1)
	}
	return nil
}

// placeIn returns a Place mentioned in tokens [a, b), or -1.
func (d *docState) placeIn(a, b int) int {
	for k := a; k < b; k++ {
		if mi := d.tokMent[k]; mi >= 0 && d.ents[d.ments[mi].ent].e.Kind == rightsgraph.KindPlace {
			return d.ments[mi].ent
		}
	}
	// the seat of a court named in the clause ("the High Court in Nairobi")
	for _, m := range d.nested {
		if m.t0 >= a && m.t1 <= b && d.ents[m.ent].e.Kind == rightsgraph.KindPlace {
			return m.ent
		}
	}
	return -1
}

// Units after a number that make it something other than a count.
var notCountUnits = map[string]bool{"%": true, "percent": true, "per": true, "billion": true, "million": true,
	"years": true, "year": true, "months": true, "month": true, "days": true, "day": true, "hours": true,
	"hour": true, "weeks": true, "week": true, "minutes": true, "km": true, "kilometres": true, "euros": true, "dollars": true}

// Token norms are folded ("expulsées" -> "expulsees"): so are the triggers.

// Words of a label that opens a reading list or a list of sources
// ("Further reading:", "Sources for the facts:", "See also:").
var referenceLabels = map[string]bool{
	"reading": true, "source": true, "sources": true, "see": true, "reference": true, "references": true,
	"bibliography": true, "links": true, "related": true, "read": true, "citation": true, "citations": true,
	"lire": true, "bronnen": true, "bron": true, "literatur": true, "quellen": true,
}

// referenceLine: sentence si opens with a short label ending in a colon that
// names a reading list or sources: what it lists (a judgment, a report) is
// cited, not an event.
func (d *docState) referenceLine(si int) bool {
	s := d.sents[si]
	label := false
	for q := s.t0; q < s.t1 && q < s.t0+6; q++ {
		t := d.toks[q]
		if t.norm == ":" {
			return label
		}
		if t.kind != tokWord {
			return false
		}
		if referenceLabels[t.norm] {
			label = true
		}
	}
	return false
}

// lastWordOf is the last word of a multi-word entity name, lower case and
// folded ("Egyptian Army" -> "army"), or "" for a one-word name.
func (d *docState) lastWordOf(ei int) string {
	if d.lastWords == nil {
		d.lastWords = map[int]string{}
	}
	if w, ok := d.lastWords[ei]; ok {
		return w
	}
	w := ""
	if f := strings.Fields(d.ents[ei].e.Name); len(f) > 1 {
		w = foldString(strings.ToLower(f[len(f)-1]))
	}
	d.lastWords[ei] = w
	return w
}

// Words right before a participle that make it an adjective: "the recently
// passed Act", "the newly adopted law".
var participleDeterminers = map[string]bool{"the": true, "a": true, "an": true, "its": true, "their": true, "this": true, "recently": true, "newly": true, "hastily": true, "controversial": true}

// reactsTo: between an actor ending at a1 and a noun trigger at k stands a
// verb of evaluating or asking whose object the trigger is ("condemns
// today's court ruling against", "called for the immediate release of").
// Asking counts only when asked is true: who calls for a protest organises it.
func (d *docState) reactsTo(a1, k int, typ string, asked bool) bool {
	if k-a1 > 10 {
		return false
	}
	for q := a1; q < k; q++ {
		n := d.toks[q].norm
		if evaluativeVerbs[n] || asked && askVerbs[n] {
			return true
		}
		// "the army violently dispersed protests", "police arrested
		// demonstrators": who represses a protest takes no part in it
		if tr, ok := triggers[n]; ok && tr.verb && typ == "PROTEST" && repressionTypes[tr.typ] {
			return true
		}
		if asked && (n == "call" || n == "calls" || n == "called" || n == "calling") && q+1 < k && d.toks[q+1].norm == "for" {
			return true
		}
	}
	return false
}

// Event types of what is done to protesters.
var repressionTypes = map[string]bool{"ATTACK": true, "ARREST": true, "DETENTION": true, "KILLING": true, "EXPULSION": true}

// Words that count the people of a group: "Hundreds of migrants".
var quantityWords = []string{"hundreds", "thousands", "dozens", "scores", "tens", "millions"}

// onlyGroups: the event has participants and all are unorganised groups.
func (d *docState) onlyGroups(ev *rightsgraph.Event) bool {
	for _, p := range ev.Participants {
		if !strings.HasPrefix(p.Entity, "group:") {
			return false
		}
	}
	return len(ev.Participants) > 0
}
