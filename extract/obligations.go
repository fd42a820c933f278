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
}

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
		}
	}
}

func (d *docState) addObligation(si, bound, source int, provision string, modality string, textFrom, textTo int) {
	if bound < 0 {
		return
	}
	be := d.ents[bound].e
	if be.Kind != rightsgraph.KindState && be.Kind != rightsgraph.KindInstitution {
		return
	}
	ob := rightsgraph.Obligation{Bound: be.ID, Modality: modality}
	if source >= 0 && source != bound {
		id := d.ents[source].e.ID
		ob.Source = &id
	}
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
	// the subject of a reporting verb earlier in the sentence
	s := d.sents[si]
	for k := before - 1; k >= s.t0; k-- {
		if !reportingVerbs[d.toks[k].norm] {
			continue
		}
		src := -1
		for _, a := range d.actorsIn(s.t0, k) {
			kind := d.ents[a.ent].e.Kind
			if kind == rightsgraph.KindOrganization || kind == rightsgraph.KindInstitution || kind == rightsgraph.KindPerson {
				src = a.ent
			}
		}
		if src >= 0 {
			return src, provision
		}
	}
	return d.voice, provision
}

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
				continue
			}
		}
		// the addressee, then "to <verb>"
		to := -1
		for q := j; q < cl[1] && q < j+40; q++ {
			if d.toks[q].norm == "to" && q+1 < cl[1] && d.toks[q+1].kind == tokWord && d.tokMent[q+1] < 0 && !d.toks[q+1].upper {
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
		src := -1
		for _, a := range d.actorsIn(cl[0], k) {
			src = a.ent
		}
		if src < 0 {
			src = d.voice
		}
		for _, a := range addressees {
			if a.t0 > j+6 {
				break
			}
			d.addObligation(si, a.ent, src, "", "must", d.toks[to+1].start, d.toks[cl[1]-1].end)
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
		case "can", "may":
			if k+1 < cl[1] && d.toks[k+1].norm == "be" {
				mod = "may"
			}
		case "is", "are":
			if k+2 < cl[1] && d.toks[k+1].norm == "to" && d.toks[k+2].norm == "be" {
				mod = "must"
			}
			if k+2 < cl[1] && (d.toks[k+1].norm == "required" || d.toks[k+1].norm == "obliged" || d.toks[k+1].norm == "bound") && d.toks[k+2].norm == "to" {
				mod = "must"
			}
		}
		if mod == "" {
			continue
		}
		neg := k+1 < cl[1] && (d.toks[k+1].norm == "not" || d.toks[k+1].norm == "never") || d.clauseHas(cl[0], k, []string{"no"}) && d.clauseHas(cl[0], k, []string{"circumstances"})
		if neg && mod == "must" {
			mod = "must_not"
		}
		// passive: "must be processed", "is to be refused"
		q := k + 1
		for q < cl[1] && (d.toks[q].norm == "not" || d.toks[q].norm == "to" || d.toks[q].norm == "be") {
			q++
		}
		passive := q > k+1 && d.toks[q-1].norm == "be" && q < cl[1] && isParticiple(d.toks[q].norm)
		if mod == "may" && !passive {
			// "may be as high as": not a permission
			continue
		}
		bound := d.boundNear(cl, k)
		src, prov := d.sourceOf(si, cl, k)
		if prov == "" && (src < 0 || src == d.voice) {
			// "should implement the judgments of the European Court of Human Rights"
			for _, a := range d.actorsIn(k, cl[1]) {
				if e := d.ents[a.ent].e; e.Court || e.Category == "mechanism" {
					src = a.ent
					break
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
		if !(n == "failed" || n == "fails" || n == "fail") || d.toks[k+1].norm != "to" {
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
		src := d.courtIn(s.t0, s.t1)
		if src < 0 {
			src = d.voice
		}
		d.addObligation(si, last, src, "", "must", d.toks[k+2].start, d.toks[cl[1]-1].end)
		return
	}
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
		d.addObligation(si, acts[0].ent, d.voice, "", "must", d.toks[cl[0]].start, d.toks[cl[1]-1].end)
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
