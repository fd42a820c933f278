package extract

import (
	"strings"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/kb"
)

// provRef is a provision cited in a sentence.
type provRef struct {
	t0, t1     int
	number     string // "Article 4 § 2, 3°"
	instrument int    // entity index of its instrument, -1 when unknown
	ent        int    // entity index of the provision, -1 when the instrument is unknown
}

var provisionHeads = map[string]string{
	"article": "Article", "art": "Article", "articles": "Article", "artikel": "Article", "artikels": "Article",
	"rule": "Rule", "section": "Section",
}

// thisInstrument: "of this law" refers to the last instrument of that kind.
var thisInstrument = map[string]bool{"law": true, "act": true, "convention": true, "treaty": true, "decree": true, "code": true, "charter": true, "covenant": true, "protocol": true, "statute": true, "declaration": true}

// provisions finds "Article 4, § 2, 3° of this law", "Article 2 of the
// Convention ...", "Art. 8 ECHR" and links each to its instrument.
func (d *docState) provisions() {
	d.provs = make([][]provRef, len(d.sents))
	for si, s := range d.sents {
		for i := s.t0; i < s.t1; i++ {
			t := d.toks[i]
			// "l'article 4": the elided article is part of the token
			head, ok := provisionHeads[strings.TrimPrefix(t.norm, "l'")]
			if !ok || t.kind != tokWord {
				continue
			}
			if head != "Article" && !t.upper {
				continue
			}
			j := i + 1
			if j < s.t1 && d.toks[j].norm == "." {
				j++
			}
			if j >= s.t1 || d.toks[j].kind != tokNum {
				continue
			}
			num := d.text[d.toks[j].start:d.toks[j].end]
			var b strings.Builder
			b.WriteString(head + " " + num)
			e := j + 1
			for e < s.t1 {
				tk := d.toks[e]
				switch {
				case tk.norm == "," && e+1 < s.t1 && (d.toks[e+1].norm == "§" || d.toks[e+1].kind == tokNum && e+2 < s.t1 && d.toks[e+2].norm == "°"):
					e++
					continue
				case tk.norm == "," && e+2 < s.t1 && (d.toks[e+1].norm == "paragraph" || d.toks[e+1].norm == "para" || d.toks[e+1].norm == "sub-paragraph") && (d.toks[e+2].kind == tokNum || d.toks[e+2].norm == "." && e+3 < s.t1 && d.toks[e+3].kind == tokNum):
					// "Article 3, paragraph 1, of the Convention"
					e++
					continue
				case (tk.norm == "§" || tk.norm == "paragraph" || tk.norm == "para" || tk.norm == "par" || tk.norm == "al") && e+1 < s.t1 && d.toks[e+1].kind == tokNum:
					if tk.norm == "para" || tk.norm == "par" || tk.norm == "al" {
						if e+2 < s.t1 && d.toks[e+1].norm == "." {
							e++
						}
					}
					b.WriteString(" § " + d.text[d.toks[e+1].start:d.toks[e+1].end])
					e += 2
					continue
				case tk.kind == tokNum && e+1 < s.t1 && d.toks[e+1].norm == "°":
					b.WriteString(", " + d.text[tk.start:tk.end] + "°")
					e += 2
					continue
				case tk.norm == "(" && e+2 < s.t1 && d.toks[e+2].norm == ")" && d.toks[e].end == d.toks[e+1].start && (d.toks[e+1].kind == tokNum || len(d.toks[e+1].norm) == 1):
					b.WriteString("(" + d.text[d.toks[e+1].start:d.toks[e+1].end] + ")")
					e += 3
					continue
				}
				break
			}
			p := provRef{t0: i, t1: e, number: b.String(), instrument: -1, ent: -1}
			p.instrument = d.provisionInstrument(si, e)
			if p.instrument < 0 {
				// the last instrument named earlier in the sentence
				for k := i - 1; k >= s.t0; k-- {
					if mi := d.tokMent[k]; mi >= 0 && d.ents[d.ments[mi].ent].e.Kind == rightsgraph.KindInstrument {
						p.instrument = d.ments[mi].ent
						break
					}
				}
			}
			if p.instrument >= 0 {
				p.ent = d.provisionEntity(p)
			}
			d.provs[si] = append(d.provs[si], p)
			i = e - 1
		}
	}
}

// provisionInstrument resolves what follows a provision number: "of this
// law", "of the Convention on ...", "ECHR".
func (d *docState) provisionInstrument(si, k int) int {
	s := d.sents[si]
	if k >= s.t1 {
		return -1
	}
	// "Article 3, paragraph 1, of the Convention"
	if d.toks[k].norm == "," && k+1 < s.t1 && d.toks[k+1].norm == "of" {
		k++
	}
	if mi := d.tokMent[k]; mi >= 0 && d.ents[d.ments[mi].ent].e.Kind == rightsgraph.KindInstrument {
		return d.ments[mi].ent
	}
	if d.toks[k].norm != "of" && d.toks[k].norm != "de" && d.toks[k].norm != "van" {
		return -1
	}
	k++
	// "de la loi", "van de wet"
	if k < s.t1 && (d.toks[k].norm == "la" || d.toks[k].norm == "l'" || d.toks[k].norm == "de" || d.toks[k].norm == "het") {
		k++
	}
	// "of the same Act": as "of this Act"
	if k+2 < s.t1 && d.toks[k].norm == "the" && d.toks[k+1].norm == "same" && thisInstrument[d.toks[k+2].norm] {
		k++
	}
	if k < s.t1 && (d.toks[k].norm == "this" || d.toks[k].norm == "same" || d.toks[k].norm == "that") && k+1 < s.t1 && thisInstrument[d.toks[k+1].norm] {
		head := d.toks[k+1].norm
		return d.lastMentionBefore(k, func(ei int) bool {
			e := d.ents[ei]
			if e.e.Kind != rightsgraph.KindInstrument {
				return false
			}
			if head == "law" && e.e.Category == "law" {
				return true
			}
			for _, w := range e.nameToks {
				if w == head {
					return true
				}
			}
			return false
		})
	}
	if k < s.t1 && d.toks[k].norm == "the" {
		k++
	}
	if k < s.t1 {
		if mi := d.tokMent[k]; mi >= 0 && d.ents[d.ments[mi].ent].e.Kind == rightsgraph.KindInstrument {
			return d.ments[mi].ent
		}
	}
	return -1
}

// provisionEntity registers the Provision entity and its HAS_PROVISION edge.
func (d *docState) provisionEntity(p provRef) int {
	ins := d.ents[p.instrument]
	slug := kb.ProvisionSlug(p.number)
	if slug == "" {
		return -1
	}
	id := kb.ProvisionID(ins.e.ID, slug)
	ei, ok := d.entByID[id]
	if !ok {
		de := &docEntity{ref: -1, aliases: map[string]bool{}, first: p.t0}
		de.e = rightsgraph.Entity{ID: id, Kind: rightsgraph.KindProvision, Name: p.number + ", " + ins.e.Name, Number: p.number, Instrument: ins.e.ID, Mentions: []rightsgraph.Span{}}
		if d.x.kb != nil && ins.e.Reference {
			if _, _, found := d.x.kb.Provision(ins.e.ID, p.number); found {
				de.e.Reference = true
			}
		}
		de.nameToks = normTokens(de.e.Name)
		d.ents = append(d.ents, de)
		ei = len(d.ents) - 1
		d.entByID[id] = ei
	}
	d.addMentionTo(p.t0, p.t1, ei)
	st, en := d.toks[p.t0].start, d.toks[p.t1-1].end
	d.relate("HAS_PROVISION", ins.e.ID, id, nil, 0.9, d.evidence(st, en))
	return ei
}
