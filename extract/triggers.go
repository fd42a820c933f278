package extract

import (
	"fmt"
	"sort"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// More trigger words, English, for texts beyond the seed corpus. Words whose
// type depends on their context ("held", "found", "signed", "issued") are
// decided in triggerAt.
var moreTriggers = map[string]trig{
	"streets":       {typ: "PROTEST", need: []string{"took", "take", "taking", "takes"}},
	"march":         {typ: "PROTEST"},
	"marches":       {typ: "PROTEST"},
	"marching":      {typ: "PROTEST", verb: true},
	"crowd":         {typ: "PROTEST", need: []string{"joined", "gathered", "marched", "rally", "protest", "protested", "chanted"}},
	"crowds":        {typ: "PROTEST", need: []string{"joined", "gathered", "marched", "rally", "protest", "protested", "chanted"}},
	"gathered":      {typ: "PROTEST", verb: true, need: []string{"people", "crowd", "protesters", "demonstrators", "activists", "supporters", "hundreds", "thousands", "residents", "students", "members", "families"}},
	"vigil":         {typ: "PROTEST"},
	"strike":        {typ: "PROTEST", need: []string{"hunger", "general", "workers", "went", "staged"}},
	"told":          {typ: "STATEMENT", verb: true},
	"warnings":      {typ: "STATEMENT"},
	"called":        {typ: "STATEMENT", verb: true, need: []string{"on", "upon", "for"}},
	"calls":         {typ: "STATEMENT", verb: true, need: []string{"on", "upon", "for"}},
	"appealed":      {typ: "STATEMENT", verb: true, need: []string{"to", "for"}},
	"recorded":      {typ: "REPORT", verb: true},
	"interviewed":   {typ: "REPORT", verb: true},
	"reported":      {typ: "REPORT", verb: true},
	"amended":       {typ: "LEGISLATION", verb: true, need: []string{"law", "bill", "act", "constitution", "code", "it", "legislation", "decree"}},
	"vetoed":        {typ: "LEGISLATION", verb: true},
	"elections":     {typ: "OTHER"},
	"election":      {typ: "OTHER", need: []string{"held", "won", "presidential", "parliamentary", "general", "local"}},
	"appointed":     {typ: "OTHER", verb: true},
	"summoned":      {typ: "OTHER", verb: true},
	"incommunicado": {typ: "DETENTION"},
	"custody":       {typ: "DETENTION", need: []string{"taken", "held", "remanded", "police"}},
	"struck":        {typ: "RULING", verb: true, court: true, need: []string{"out", "down"}},
	"rejected":      {typ: "RULING", verb: true, court: true},
	"overturned":    {typ: "RULING", verb: true, court: true},
	"blocked":       {typ: "RULING", verb: true, court: true},
	"suspended":     {typ: "RULING", verb: true, court: true},
	"shot":          {typ: "KILLING", verb: true, need: []string{"dead", "killed", "killing"}},
	"disappeared":   {typ: "DETENTION", verb: true, need: []string{"forcibly", "enforced"}},
	"abducted":      {typ: "DETENTION", verb: true},
	"kidnapped":     {typ: "DETENTION", verb: true},
	"tortured":      {typ: "ATTACK", verb: true},
	"beaten":        {typ: "ATTACK", verb: true},
	"shelled":       {typ: "ATTACK", verb: true},
	"stormed":       {typ: "ATTACK", verb: true},
	"returned":      {typ: "EXPULSION", verb: true, need: []string{"forcibly", "deported", "refouled"}},
	"pushed":        {typ: "EXPULSION", verb: true, need: []string{"back"}},
	"fire":          {typ: "ATTACK", need: []string{"opened", "open", "opening"}},
	"described":     {typ: "STATEMENT", verb: true},
	"withheld":      {typ: "POLICY", verb: true, need: []string{"funding", "funds", "aid", "payments", "money"}},
	"push-backs":    {typ: "EXPULSION"},
	// withholding what people are entitled to: "denied them access to
	// accommodation", "refused international protection to asylum seekers"
	"denied":  {typ: "OTHER", verb: true, need: denialObjects},
	"deny":    {typ: "OTHER", verb: true, need: denialObjects},
	"denies":  {typ: "OTHER", verb: true, need: denialObjects},
	"denying": {typ: "OTHER", verb: true, need: denialObjects},
	"refused": {typ: "OTHER", verb: true, need: denialObjects},
	"refuse":  {typ: "OTHER", verb: true, need: denialObjects},
	"refuses": {typ: "OTHER", verb: true, need: denialObjects},
	// "left thousands of asylum seekers homeless": decided in triggerAt
	"left": {typ: "OTHER", verb: true},
	// repression of a gathering, beatings, force
	"dispersed":    {typ: "ATTACK", verb: true, need: []string{"violently", "force", "forcibly", "tear", "batons", "bullets", "water", "brutally", "beating"}},
	"assaulted":    {typ: "ATTACK", verb: true},
	"injured":      {typ: "ATTACK", verb: true, need: []string{"police", "soldiers", "forces", "army", "security", "attack", "attacked", "shot", "fired"}},
	"remanded":     {typ: "DETENTION", verb: true},
	"incarcerated": {typ: "DETENTION", verb: true},
	"indicted":     {typ: "RULING", verb: true, court: true},
	"acquittal":    {typ: "RULING"},
	"determined":   {typ: "RULING", verb: true, court: true},
	"concluded":    {typ: "RULING", verb: true, court: true},
	// returns at sea and at borders: "intercepted the boat and took him back"
	"intercepted":   {typ: "EXPULSION", verb: true, need: []string{"boat", "boats", "vessel", "vessels", "dinghy", "sea", "migrants", "refugees", "people", "back"}},
	"interceptions": {typ: "EXPULSION"},
	"forced":        {typ: "EXPULSION", verb: true, need: []string{"back"}},
	"sent":          {typ: "EXPULSION", verb: true, need: []string{"back"}},
	"taken":         {typ: "EXPULSION", verb: true, need: []string{"back"}},
	"took":          {typ: "EXPULSION", verb: true, need: []string{"back"}},
	// measures of a government
	"dismantled":   {typ: "POLICY", verb: true, need: []string{"ministry", "ministries", "commission", "institution", "institutions", "office", "council", "body"}},
	"reinstated":   {typ: "POLICY", verb: true},
	"dismantling":  {typ: "POLICY", need: []string{"ministry", "ministries", "commission", "institution", "institutions", "office", "council", "body"}},
	"banned":       {typ: "POLICY", verb: true},
	"abolished":    {typ: "LEGISLATION", verb: true},
	"criminalised": {typ: "LEGISLATION", verb: true},
	"criminalized": {typ: "LEGISLATION", verb: true},
	// reviews by treaty bodies and sessions of councils
	"consideration": {typ: "MEETING", need: []string{"concluded", "concludes", "began", "begins", "completed"}},
	"speech":        {typ: "STATEMENT"},
	"presented":     {typ: "REPORT", verb: true, need: []string{"report", "findings", "study", "review"}},
	"presenting":    {typ: "REPORT", verb: true, need: []string{"report", "findings", "study", "review"}},
	"extended":      {typ: "LEGISLATION", verb: true, need: []string{"penalty", "sentence", "law", "ban", "restrictions", "legislation"}},
	"handed":        {typ: "CONVICTION", verb: true, need: []string{"sentence", "sentences"}},
	"confiscated":   {typ: "OTHER", verb: true},
	"searches":      {typ: "OTHER", need: []string{"subjected", "illegal", "conducted", "carried", "raids"}},
	// other turning points
	"founded":  {typ: "OTHER", verb: true},
	"awarded":  {typ: "OTHER", verb: true, need: []string{"prize", "award", "medal"}},
	"award":    {typ: "OTHER", need: []string{"prize", "decided", "committee"}},
	"won":      {typ: "OTHER", verb: true, need: []string{"election", "elections", "vote", "seats", "prize", "majority"}},
	"takeover": {typ: "OTHER"},
	"coup":     {typ: "OTHER", need: []string{"staged", "seized", "military", "after", "since", "following"}},
}

// What a denial withholds: "denied access", "refused protection".
var denialObjects = []string{"access", "protection", "asylum", "accommodation", "shelter", "reception", "entry", "status", "housing", "care", "aid", "assistance", "visas", "registration"}

// "refused to register asylum seekers": refusing an entitlement.
var denialInfinitives = map[string]bool{"register": true, "admit": true, "accept": true, "allow": true, "issue": true, "process": true, "examine": true, "renew": true, "recognise": true, "recognize": true}

// Conditions "left" puts people in: "left asylum seekers homeless".
var leftConditions = map[string]bool{"homeless": true, "destitute": true, "stranded": true, "unprotected": true}

// Triggers that withhold something from their object: its group is the
// target, not a recipient or beneficiary.
var denialTriggers = map[string]bool{"denied": true, "deny": true, "denies": true, "denying": true, "refused": true, "refuse": true, "refuses": true, "left": true, "withheld": true}

// triggers is every trigger word, in the form the tokenizer gives it
// (accents folded), built once from baseTriggers and moreTriggers.
var triggers, triggerConflicts = buildTriggers(baseTriggers, moreTriggers)

// buildTriggers merges trigger tables and adds each word's folded form
// ("arrêté" is also "arrete", what the tokenizer makes of it). A word in two
// tables, or two words that fold to one, is a conflict: the later table
// would silently override the earlier, so conflicts are returned for a test
// to reject, and the first entry is kept.
func buildTriggers(tables ...map[string]trig) (map[string]trig, []string) {
	out := map[string]trig{}
	from := map[string]string{}
	var conflicts []string
	for _, t := range tables {
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			forms := []string{k}
			if f := foldString(k); f != k {
				forms = append(forms, f)
			}
			for _, f := range forms {
				if prev, ok := from[f]; ok {
					conflicts = append(conflicts, fmt.Sprintf("%q (%s) and %q (%s)", prev, out[f].typ, k, t[k].typ))
					break
				}
			}
			for _, f := range forms {
				if _, ok := from[f]; !ok {
					from[f] = k
					out[f] = t[k]
				}
			}
		}
	}
	return out, conflicts
}

// Words that make "signed" a law, or a treaty.
var lawWords = []string{"law", "bill", "decree", "legislation", "act", "amendment", "amendments", "ordinance"}
var treatyWords = []string{"agreement", "treaty", "memorandum", "deal", "accord", "convention", "protocol", "partnership"}
var policyWords = []string{"policy", "plan", "programme", "program", "strategy", "scheme", "framework", "guidelines", "guidance"}
var detentionPlaces = []string{"custody", "detention", "centre", "centres", "center", "centers", "prison", "prisons", "camp", "camps", "incommunicado", "jail", "cells"}

// triggerAt returns the trigger at token k of clause cl, with the word's
// type decided by its context where it has several.
func (d *docState) triggerAt(si int, cl [2]int, k int) (trig, bool) {
	t := d.toks[k]
	// "so-called": not a call
	if t.hyphenBefore && k > 0 && d.toks[k-1].norm == "so" {
		return trig{}, false
	}
	courtBefore := d.courtSubject(cl, k)
	tr, ok := triggers[t.norm]
	switch t.norm {
	case "spoke", "addressed":
		// "spoke at the Foreign Affairs Council": a meeting; "spoke to
		// reporters", "addressed the nation": a statement
		if k+1 < cl[1] && (d.toks[k+1].norm == "at" || d.toks[k+1].norm == "before") {
			return trig{typ: "MEETING", verb: true}, true
		}
		return trig{typ: "STATEMENT", verb: true}, true
	case "programme", "program", "policy", "plan", "strategy", "reform":
		// "welcomes the adopted programme for renovation", "welcomed the new
		// policy not to detain families": a measure taken, the object of a
		// verb of judgement
		for q := k - 1; q >= cl[0] && q >= k-4; q-- {
			if evaluativeVerbs[d.toks[q].norm] {
				return trig{typ: "POLICY"}, true
			}
			if d.toks[q].kind != tokWord || d.tokMent[q] >= 0 {
				break
			}
		}
		return trig{}, false
	case "executed", "execution", "executions", "exécutions", "executies":
		// "executed a court decision", "the execution of judgments":
		// enforcement, not the death penalty
		if !d.deathPenaltyAt(si, cl, k) {
			return trig{}, false
		}
	case "release":
		// "press release", "End of release": the document itself
		if k > 0 && d.tokSent[k-1] == d.tokSent[k] {
			switch d.toks[k-1].norm {
			case "press", "news", "media", "this", "of":
				return trig{}, false
			}
		} else if k+1 >= len(d.toks) || d.toks[k+1].kind != tokWord {
			return trig{}, false
		}
	case "denied", "deny", "denies", "denying", "refused", "refuse", "refuses":
		// what is withheld follows the verb: "denied them access to
		// accommodation", "refused international protection"; "refused to
		// set a target" is no denial unless it refuses to grant something
		if k+2 < cl[1] && d.toks[k+1].norm == "to" && !provisionVerbs[d.toks[k+2].norm] && !denialInfinitives[d.toks[k+2].norm] {
			return trig{}, false
		}
		for q := k + 1; q < cl[1] && q <= k+8; q++ {
			for _, w := range denialObjects {
				if d.toks[q].norm == w {
					return tr, ok
				}
			}
		}
		return trig{}, false
	case "left":
		// "left thousands of asylum seekers homeless", "were left destitute";
		// not "left the country", "the left"
		for q := k + 1; q < cl[1] && q <= k+8; q++ {
			if leftConditions[d.toks[q].norm] {
				return tr, ok
			}
		}
		return trig{}, false
	case "demonstrated":
		// "demonstrated outside the parliament", "demonstrated against";
		// not "as this case has demonstrated, ...", "demonstrated that"
		if k+1 < cl[1] && demonstrationNext[d.toks[k+1].norm] {
			return tr, ok
		}
		return trig{}, false
	case "march", "marches":
		// "March" is a month
		if t.upper {
			return trig{}, false
		}
	case "held":
		switch {
		case courtBefore:
			return trig{typ: "RULING", verb: true, court: true}, true
		case d.clauseHas(cl[0], cl[1], detentionPlaces) && d.passiveAt(cl, k):
			return trig{typ: "DETENTION", verb: true}, true
		}
		return trig{}, false
	case "found":
		switch {
		case courtBefore:
			return trig{typ: "RULING", verb: true, court: true}, true
		case d.clauseHas(k, cl[1], []string{"guilty"}):
			return trig{}, false // "guilty" is the trigger
		case k > cl[0] && benchNouns[d.toks[k-1].norm]:
			// "the judges found that the applicants had not exhausted":
			// what a court's judges found is part of a ruling, no report
			return trig{}, false
		case !d.passiveAt(cl, k) && d.agentBefore(cl, k):
			return trig{typ: "REPORT", verb: true}, true
		}
		return trig{}, false
	case "imposed":
		if courtBefore {
			return trig{typ: "RULING", verb: true, court: true}, true
		}
		return trig{typ: "POLICY", verb: true}, true
	case "signed":
		switch {
		case d.clauseHas(cl[0], cl[1], treatyWords):
			return trig{typ: "OTHER", verb: true}, true
		case d.clauseHas(cl[0], cl[1], lawWords) || d.clauseHas(cl[0], cl[1], []string{"it"}) && si > 0 && d.sentHas(si-1, lawWords):
			return trig{typ: "LEGISLATION", verb: true}, true
		}
		return trig{}, false
	case "issued":
		switch {
		case courtBefore:
			return trig{typ: "RULING", verb: true, court: true}, true
		case d.clauseHas(cl[0], cl[1], lawWords) || d.clauseHas(cl[0], cl[1], []string{"edict", "edicts"}):
			return trig{typ: "LEGISLATION", verb: true}, true
		}
	case "condemned", "condemns":
		// a court condemns (sentences); anyone else condemns in words
		if courtBefore {
			return trig{typ: "CONVICTION", verb: true, court: true}, true
		}
		return trig{typ: "STATEMENT", verb: true}, true
	case "adopted", "passed", "approved":
		// "adopted a declaration", "passed a resolution"
		if d.clauseHas(k, cl[1], []string{"resolution", "resolutions", "declaration", "motion", "recommendation"}) && !d.clauseHas(k, cl[1], lawWords) {
			return trig{typ: "RESOLUTION", verb: true}, true
		}
	case "announced":
		if d.clauseHas(cl[0], cl[1], policyWords) {
			return trig{typ: "POLICY", verb: true}, true
		}
	case "detention":
		// "after 90 days in detention", "held in extradition detention"; not
		// "conditions of detention"
		// "Bialiatski's arbitrary detention since 14 July 2021"
		if k+1 < cl[1] && d.toks[k+1].norm == "since" || k > cl[0] && ongoingDetention[d.toks[k-1].norm] {
			return trig{typ: "DETENTION"}, true
		}
		// "Ales Bialiatski's detention on August 4": a person's detention
		if k > 1 && d.toks[k-1].norm == "'s" && d.tokMent[k-2] >= 0 && d.ents[d.ments[d.tokMent[k-2]].ent].e.Kind == rightsgraph.KindPerson {
			return trig{typ: "DETENTION"}, true
		}
		if k > cl[0] && (d.toks[k-1].norm == "in" || k-1 > cl[0] && d.toks[k-2].norm == "in" ||
			d.toks[k-1].hyphenBefore && k-3 >= cl[0] && (d.toks[k-3].norm == "in" || d.toks[k-3].norm == "to")) {
			return trig{typ: "DETENTION"}, true
		}
		return trig{}, false
	case "extradition", "deportation", "deportations", "expulsion":
		// "a request for the extradition of X" is a request, not yet a removal
		if d.clauseHas(cl[0], cl[1], []string{"request", "requested", "requests", "seek", "seeks", "sought", "obtain", "asked"}) {
			return trig{typ: "OTHER"}, true
		}
	}
	if ok && (tr.typ == "RULING" || tr.typ == "CONVICTION") {
		return tr, true
	}
	// "the Court had reduced the penalty", "the Supreme Court on Wednesday
	// unanimously dismissed": a court's own verb is its ruling
	if courtBefore && t.kind == tokWord && !t.upper && pastTense(t.norm) && !auxiliaries[t.norm] {
		return trig{typ: "RULING", verb: true, court: true}, true
	}
	return tr, ok
}

// pastTense: a verb in the simple past ("reduced", "held", "found").
func pastTense(w string) bool {
	return len(w) > 4 && w[len(w)-2:] == "ed" || irregularParticiples[w] && w != "set"
}

// courtSubject reports whether a court is the subject of the verb at k: a
// court mention in the clause, followed only by adverbs, auxiliaries, a
// weekday or a date, or by a relative clause ending in a comma.
func (d *docState) courtSubject(cl [2]int, k int) bool {
	q := k - 1
	for q >= cl[0] {
		t := d.toks[q]
		if mi := d.tokMent[q]; mi >= 0 {
			return d.ents[d.ments[mi].ent].e.Court
		}
		if t.kind == tokWord && (courtAdverbs[t.norm] || weekdays[t.norm] != 0 || t.norm == "sunday" || monthNumber[t.norm] > 0 && t.upper) || t.kind == tokNum {
			q--
			continue
		}
		if t.norm == "," || t.norm == "on" || t.norm == "in" {
			q--
			continue
		}
		// "the Court of Appeal, which on 29 June had found"
		if (t.norm == "which" || t.norm == "who") && q == cl[0] && q >= 2 && d.toks[q-1].norm == "," {
			if mi := d.tokMent[q-2]; mi >= 0 {
				return d.ents[d.ments[mi].ent].e.Court
			}
		}
		return false
	}
	return false
}

var courtAdverbs = map[string]bool{
	"had": true, "has": true, "have": true, "also": true, "again": true, "then": true, "unanimously": true,
	"later": true, "subsequently": true, "finally": true, "further": true, "partly": true, "partially": true,
	"eventually": true, "today": true, "yesterday": true, "once": true, "already": true, "effectively": true,
}

func (d *docState) passiveAt(cl [2]int, k int) bool {
	for q := k - 1; q >= cl[0] && q >= k-3; q-- {
		if auxiliaries[d.toks[q].norm] {
			return true
		}
		if d.tokMent[q] >= 0 || d.toks[q].kind != tokWord {
			break
		}
	}
	return false
}

// agentBefore: an organisation, institution, person or state precedes k in
// the clause.
func (d *docState) agentBefore(cl [2]int, k int) bool {
	for _, a := range d.actorsIn(cl[0], k) {
		switch d.ents[a.ent].e.Kind {
		case rightsgraph.KindOrganization, rightsgraph.KindInstitution, rightsgraph.KindPerson, rightsgraph.KindState:
			return true
		}
	}
	return false
}

func (d *docState) sentHas(si int, words []string) bool {
	s := d.sents[si]
	return d.clauseHas(s.t0, s.t1, words)
}

// Words that put "execution" in the sense of the death penalty.
var deathWords = map[string]bool{
	"death": true, "capital": true, "hanged": true, "hanging": true, "hangings": true, "gallows": true,
	"firing": true, "lethal": true, "executioner": true, "beheaded": true, "stoning": true, "extrajudicial": true,
	"summary": true, "summarily": true, "extra-judicial": true, "mort": true, "doodstraf": true, "peine": true,
	"dood": true, "condemned": true,
}

// Nouns that are executed in the sense of enforced.
var enforcedNouns = map[string]bool{
	"decision": true, "decisions": true, "judgment": true, "judgments": true, "judgement": true, "judgements": true,
	"order": true, "orders": true, "ruling": true, "rulings": true, "award": true, "awards": true, "warrant": true,
	"warrants": true, "contract": true, "contracts": true, "plan": true, "plans": true, "budget": true,
	"agreement": true, "agreements": true, "measures": true, "measure": true, "programme": true, "program": true,
	"will": true, "deed": true, "decree": true, "decrees": true, "arrêt": true, "arrêts": true, "vonnis": true,
	"jugement": true, "jugements": true, "décision": true, "décisions": true, "uitspraak": true,
}

// deathPenaltyAt: the execution at token k of clause cl is a putting to
// death: the sentence speaks of death (penalty, sentence, row), hanging or
// extrajudicial killing; or the executions are counted ("860 executions");
// or persons were executed and nothing enforced is in the clause.
func (d *docState) deathPenaltyAt(si int, cl [2]int, k int) bool {
	s := d.sents[si]
	for q := s.t0; q < s.t1; q++ {
		if deathWords[d.toks[q].norm] {
			return true
		}
	}
	if d.toks[k].norm != "executed" && d.countBefore(cl[0], k) != nil {
		return true
	}
	for q := cl[0]; q < cl[1]; q++ {
		if enforcedNouns[d.toks[q].norm] {
			return false
		}
	}
	// "were executed", "X was executed": a person or people put to death
	if d.toks[k].norm == "executed" && d.passiveAt(cl, k) {
		return true
	}
	// "the junta had opposition leaders executed" in a paragraph about the
	// death penalty
	if d.toks[k].norm == "executed" {
		for sj := si - 3; sj <= si+1; sj++ {
			if sj < 0 || sj >= len(d.sents) || sj == si || d.sents[sj].para != s.para {
				continue
			}
			for q := d.sents[sj].t0; q < d.sents[sj].t1; q++ {
				if deathWords[d.toks[q].norm] {
					return true
				}
			}
		}
	}
	return false
}

// Adjectives of a detention that is going on: "arbitrary detention".
var ongoingDetention = map[string]bool{"arbitrary": true, "continued": true, "ongoing": true, "prolonged": true, "unlawful": true, "illegal": true, "indefinite": true}

// Words after "demonstrated" that make it a protest, not a showing.
var demonstrationNext = map[string]bool{"against": true, "in": true, "outside": true, "for": true, "near": true, "at": true,
	"before": true, "across": true, "throughout": true, "on": true, "peacefully": true, "again": true, "together": true, "in front": true}

// Nouns for the judges of a court, as the subject of "found".
var benchNouns = map[string]bool{"judges": true, "judge": true, "justices": true, "panel": true, "chamber": true, "bench": true, "majority": true}
