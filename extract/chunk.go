package extract

import (
	"sort"
	"strings"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// Texts longer than chunkAbove bytes are extracted in windows of about
// chunkBytes. Each window ends at a paragraph break (else a line break, else a
// sentence end, else a space), so no sentence is cut; what the windows find
// is merged into one extraction: an entity by its id (mentions and aliases
// joined), a relation by type and ends, and an event or obligation that two
// windows state alike (an obligation: same bound party,
// modality and words; an event: same type and clause, or same type, date
// and participants) is one item with the evidence of both.
// Windows after the first take the document's metadata, and the state the
// document is about, from the first.
// What crosses a window is lost: an acronym defined in an earlier window, a
// surname alone after the full name was given in an earlier one.
const (
	chunkAbove = 1 << 20
	chunkBytes = 256 << 10
)

func (x *Extractor) extractChunked(doc rightsgraph.Document) *rightsgraph.Extraction {
	var out *rightsgraph.Extraction
	var main *int32
	m := newMerger()
	for a := 0; a < len(doc.Text); {
		b := chunkEnd(doc.Text, a, chunkBytes)
		d := newDocWindow(x, doc, a, b)
		d.windowMain = main
		d.run()
		if main == nil {
			ms := d.mainState
			main = &ms
		}
		if out == nil {
			out = d.out
			doc = d.doc // the id and the metadata the first window found
		}
		m.add(d.out, d.out == out)
		a = b
	}
	out.Entities, out.Relations, out.Events, out.Obligations = m.ents, m.rels, m.evs, m.obs
	return out
}

// chunkEnd: the end of the window that starts at a, about n bytes long.
func chunkEnd(text string, a, n int) int {
	if len(text)-a <= n+n/2 {
		return len(text)
	}
	w := text[a : a+n]
	for _, sep := range []string{"\n\n", "\n", ". ", " "} {
		if i := strings.LastIndex(w, sep); i > n/2 {
			return a + i + len(sep)
		}
	}
	return a + n
}

type merger struct {
	ents []rightsgraph.Entity
	rels []rightsgraph.Relation
	evs  []rightsgraph.Event
	obs  []rightsgraph.Obligation

	entAt, relAt, evAt, evFact, evSaid, obAt map[string]int
}

func newMerger() *merger {
	return &merger{entAt: map[string]int{}, relAt: map[string]int{}, evAt: map[string]int{}, evFact: map[string]int{}, evSaid: map[string]int{}, obAt: map[string]int{}}
}

func eventFact(e *rightsgraph.Event) string {
	ps := make([]string, 0, len(e.Participants))
	for _, p := range e.Participants {
		ps = append(ps, p.Entity+"/"+p.Role)
	}
	sort.Strings(ps)
	return e.Type + "|" + e.Date + "|" + strings.Join(ps, ",")
}

// obligationFact: a duty of the same party in the same words and modality.
func obligationFact(o *rightsgraph.Obligation) string {
	return o.Bound + "|" + o.Text + "|" + o.Modality
}

func addEvidence(to []rightsgraph.Evidence, from []rightsgraph.Evidence) []rightsgraph.Evidence {
	for _, e := range from {
		dup := false
		for _, f := range to {
			if f.Start == e.Start && f.End == e.End {
				dup = true
				break
			}
		}
		if !dup {
			to = append(to, e)
		}
	}
	return to
}

// add merges one window's extraction (first: the window whose items are
// taken as they are).
func (m *merger) add(x *rightsgraph.Extraction, first bool) {
	for _, e := range x.Entities {
		i, ok := m.entAt[e.ID]
		if !ok {
			m.entAt[e.ID] = len(m.ents)
			m.ents = append(m.ents, e)
			continue
		}
		t := &m.ents[i]
		t.Mentions = append(t.Mentions, e.Mentions...)
		for _, a := range e.Aliases {
			if !containsString(t.Aliases, a) && a != t.Name {
				t.Aliases = append(t.Aliases, a)
			}
		}
	}
	// events: the same id (a ruling's), or the same fact told in another window
	renamed := map[string]string{}
	for _, e := range x.Events {
		// (the same clause, word for word, is the same fact even where a
		// window read its date or actors from other context)
		said, fact := e.Type+"|"+e.Summary, eventFact(&e)
		i, ok := m.evAt[e.ID]
		if !ok {
			i, ok = m.evFact[fact]
		}
		if !ok {
			i, ok = m.evSaid[said]
		}
		if ok && !first {
			t := &m.evs[i]
			renamed[e.ID] = t.ID
			t.Evidence = addEvidence(t.Evidence, e.Evidence)
			for _, p := range e.Participants {
				if !hasParticipant(t.Participants, p.Entity) {
					t.Participants = append(t.Participants, p)
				}
			}
			continue
		}
		m.evAt[e.ID] = len(m.evs)
		if _, seen := m.evFact[fact]; !seen {
			m.evFact[fact] = len(m.evs)
		}
		if _, seen := m.evSaid[said]; !seen {
			m.evSaid[said] = len(m.evs)
		}
		m.evs = append(m.evs, e)
	}
	for _, o := range x.Obligations {
		if o.Source != nil && renamed[*o.Source] != "" {
			v := renamed[*o.Source]
			o.Source = &v
		}
		k := obligationFact(&o)
		if i, ok := m.obAt[k]; ok && !first {
			renamed[o.ID] = m.obs[i].ID
			m.obs[i].Evidence = addEvidence(m.obs[i].Evidence, o.Evidence)
			for _, r := range o.Rights {
				if !containsString(m.obs[i].Rights, r) {
					m.obs[i].Rights = append(m.obs[i].Rights, r)
				}
			}
			continue
		}
		if _, ok := m.obAt[k]; !ok {
			m.obAt[k] = len(m.obs)
		}
		m.obs = append(m.obs, o)
	}
	for _, r := range x.Relations {
		if v := renamed[r.From]; v != "" {
			r.From = v
		}
		if v := renamed[r.To]; v != "" {
			r.To = v
		}
		k := r.Type + "|" + r.From + "|" + r.To
		i, ok := m.relAt[k]
		if !ok {
			m.relAt[k] = len(m.rels)
			m.rels = append(m.rels, r)
			continue
		}
		t := &m.rels[i]
		t.Evidence = addEvidence(t.Evidence, r.Evidence)
		if r.Confidence > t.Confidence {
			t.Confidence = r.Confidence
		}
	}
}
