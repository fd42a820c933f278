package neo4jdb

import (
	"encoding/json"
	"math"
	"sort"
	"strings"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// This file turns an Extraction into the parameter rows of the write
// queries. It is pure (no driver calls), so it is unit-tested on its own.

// entityLabelSets maps an extraction kind to the labels its node gets besides
// :Entity. The list is closed (the ontology's kinds); the write query for each
// is a constant built from it, never from input.
var entityLabelSets = map[string]string{
	rightsgraph.KindState:        "Actor:State",
	rightsgraph.KindInstitution:  "Actor:Institution",
	kindCourt:                    "Actor:Institution:Court",
	rightsgraph.KindOrganization: "Actor:Organization",
	rightsgraph.KindPerson:       "Actor:Person",
	rightsgraph.KindGroup:        "Actor:Group",
	rightsgraph.KindPlace:        "Place",
	rightsgraph.KindInstrument:   "Instrument",
	rightsgraph.KindProvision:    "Provision",
	rightsgraph.KindRight:        "Right",
	KindObligation:               "Obligation",
}

// kindCourt is the label-set key of an Institution that is a court; its
// kind property stays "Institution".
const kindCourt = "Court"

// Node kinds the graph adds to the extraction's entity kinds.
const (
	KindEvent      = "Event"
	KindObligation = "Obligation"
)

// EventLabel returns the type label of an event type: ARMS_TRANSFER ->
// ArmsTransfer. Unknown types get OTHER's label.
func EventLabel(eventType string) string {
	if !validEventType[eventType] {
		eventType = "OTHER"
	}
	var b strings.Builder
	for _, part := range strings.Split(strings.ToLower(eventType), "_") {
		if part == "" {
			continue
		}
		b.WriteString(strings.ToUpper(part[:1]))
		b.WriteString(part[1:])
	}
	return b.String()
}

var validEventType = func() map[string]bool {
	m := map[string]bool{}
	for _, t := range rightsgraph.EventTypes {
		m[t] = true
	}
	return m
}()

// RelationTypes is the relationship vocabulary the writer stores (the
// ontology's, plus ISSUED_BY from the extraction format). A relation of any
// other type is dropped and reported, never spliced into Cypher.
var RelationTypes = []string{
	"HOLDS_POSITION", "NATIONAL_OF", "MEMBER_OF", "PART_OF", "LOCATED_IN", "AFFILIATED_WITH",
	"INVOLVED_IN", "OCCURRED_IN",
	"PARTY_TO", "HAS_PROVISION", "ESTABLISHES", "BINDS", "PROTECTS", "CITES",
	"FINDS_VIOLATION_OF", "ALLEGES_VIOLATION_OF", "ISSUED_BY",
}

var knownRelType = func() map[string]bool {
	m := map[string]bool{}
	for _, t := range RelationTypes {
		m[t] = true
	}
	return m
}()

// evidenceKeys are relationship properties the writer owns; a relation's own
// props cannot overwrite them.
var evidenceKeys = map[string]bool{
	"docIds": true, "starts": true, "ends": true, "quotes": true,
	"confidence": true, "confidences": true, "role": true, "docColls": true, "docRanks": true, "disputed": true,
}

// writeRows is everything one document writes, grouped for UNWIND.
type writeRows struct {
	entities  map[string][]map[string]any // label-set key (kind, Court, Event:<Label>) -> rows
	mentions  []map[string]any            // {id, starts, ends, quotes}
	relations map[string][]map[string]any // relationship type -> rows
	// evidenceFrom lists the ids of the nodes whose outgoing relationships
	// carry this document's evidence: replacement finds them without a scan.
	evidenceFrom []string
	dropped      map[string]int // relation type -> count, for unknown types
	nodes, rels  int            // rows, for the summary
}

// buildRows groups ext for the write queries.
func buildRows(ext *rightsgraph.Extraction) *writeRows {
	docID := ext.Document.ID
	w := &writeRows{
		entities:  map[string][]map[string]any{},
		relations: map[string][]map[string]any{},
		dropped:   map[string]int{},
	}
	text := ext.Document.Text
	quoteOf := func(s, e int) string {
		if s >= 0 && e >= s && e <= len(text) {
			return text[s:e]
		}
		return ""
	}
	seenEntity := map[string]int{} // id -> index in mentions, to merge duplicates
	for _, e := range ext.Entities {
		if e.ID == "" {
			continue
		}
		key := e.Kind
		if e.Kind == rightsgraph.KindInstitution && e.Court {
			key = kindCourt
		}
		if _, ok := entityLabelSets[key]; !ok {
			key = rightsgraph.KindGroup // not reachable after validation; never lose a node
		}
		props := map[string]any{"kind": e.Kind, "name": e.Name, FoldedProp: FoldName(e.Name)}
		setStr(props, "iso3", e.ISO3)
		setStr(props, "iso2", e.ISO2)
		setStr(props, "category", e.Category)
		setStr(props, "jurisdiction", e.Jurisdiction)
		setStr(props, "number", e.Number)
		setStr(props, "title", e.Title)
		setStr(props, "instrument", e.Instrument)
		setStr(props, "adopted", e.Adopted)
		setStr(props, "adoptedAt", e.AdoptedAt)
		setStr(props, "depositary", e.Depositary)
		setStr(props, "inForce", e.InForce)
		if e.Binding != nil {
			props["binding"] = *e.Binding
		}
		if e.Reference {
			props["reference"] = true
		}
		aliases := e.Aliases
		if aliases == nil {
			aliases = []string{}
		}
		if e.Redirected {
			props = map[string]any{}
			if e.Name != "" {
				aliases = append([]string{e.Name}, aliases...)
			}
		}
		if _, dup := seenEntity[e.ID]; !dup {
			w.entities[key] = append(w.entities[key], map[string]any{"id": e.ID, "props": props, "aliases": aliases})
			w.nodes++
		}
		var starts, ends []int64
		var quotes []string
		for _, m := range e.Mentions {
			starts = append(starts, int64(m.Start))
			ends = append(ends, int64(m.End))
			quotes = append(quotes, quoteOf(m.Start, m.End))
		}
		if i, dup := seenEntity[e.ID]; dup {
			if i >= 0 {
				r := w.mentions[i]
				r["starts"] = append(r["starts"].([]int64), starts...)
				r["ends"] = append(r["ends"].([]int64), ends...)
				r["quotes"] = append(r["quotes"].([]string), quotes...)
			}
			continue
		}
		seenEntity[e.ID] = -1
		if len(starts) > 0 {
			seenEntity[e.ID] = len(w.mentions)
			w.mentions = append(w.mentions, map[string]any{"id": e.ID, "starts": starts, "ends": ends, "quotes": quotes})
		}
	}

	rels := newRelGroup(docID)
	for _, r := range ext.Relations {
		if !knownRelType[r.Type] {
			w.dropped[r.Type]++
			continue
		}
		role, _ := r.Props["role"].(string)
		rels.add(r.Type, r.From, r.To, role, r.Props, r.Confidence, r.Evidence)
	}

	for _, ev := range ext.Events {
		if ev.ID == "" {
			continue
		}
		label := EventLabel(ev.Type)
		props := map[string]any{"kind": KindEvent, "type": ev.Type, "name": ev.Summary, FoldedProp: FoldName(ev.Summary), "summary": ev.Summary}
		setStr(props, "date", ev.Date)
		setStr(props, "outcome", ev.Outcome)
		if ev.Count != nil {
			props["count"] = *ev.Count
		}
		key := "Event:" + label
		w.entities[key] = append(w.entities[key], map[string]any{"id": ev.ID, "props": props, "aliases": []string{}})
		w.nodes++
		if m := evidenceMention(ev.ID, ev.Evidence); m != nil {
			w.mentions = append(w.mentions, m)
		}
		for _, p := range ev.Participants {
			rels.add("INVOLVED_IN", p.Entity, ev.ID, p.Role, nil, 1, ev.Evidence)
		}
		if ev.Place != "" {
			rels.add("OCCURRED_IN", ev.ID, ev.Place, "", nil, 1, ev.Evidence)
		}
	}

	for _, o := range ext.Obligations {
		if o.ID == "" {
			continue
		}
		props := map[string]any{"kind": KindObligation, "name": o.Text, FoldedProp: FoldName(o.Text), "text": o.Text}
		setStr(props, "modality", o.Modality)
		if o.Provision != nil {
			setStr(props, "provision", *o.Provision)
		}
		w.entities[KindObligation] = append(w.entities[KindObligation], map[string]any{"id": o.ID, "props": props, "aliases": []string{}})
		w.nodes++
		if m := evidenceMention(o.ID, o.Evidence); m != nil {
			w.mentions = append(w.mentions, m)
		}
		if o.Bound != "" {
			rels.add("BINDS", o.ID, o.Bound, "", nil, 1, o.Evidence)
		}
		if o.Source != nil && *o.Source != "" {
			rels.add("ESTABLISHES", *o.Source, o.ID, "", nil, 1, o.Evidence)
		}
		for _, right := range o.Rights {
			rels.add("PROTECTS", o.ID, right, "", nil, 1, o.Evidence)
		}
	}

	for _, k := range rels.order {
		g := rels.byKey[k]
		w.relations[g.typ] = append(w.relations[g.typ], g.row())
		w.rels++
	}
	w.evidenceFrom = rels.froms()
	return w
}

// evidenceMention is an event's or obligation's MENTIONED_IN row: its
// evidence spans, so that replacing the document finds and removes it.
func evidenceMention(id string, ev []rightsgraph.Evidence) map[string]any {
	if len(ev) == 0 {
		return nil
	}
	starts := make([]int64, len(ev))
	ends := make([]int64, len(ev))
	quotes := make([]string, len(ev))
	for i, e := range ev {
		starts[i], ends[i], quotes[i] = int64(e.Start), int64(e.End), e.Quote
	}
	return map[string]any{"id": id, "starts": starts, "ends": ends, "quotes": quotes}
}

func setStr(m map[string]any, k, v string) {
	if v != "" {
		m[k] = v
	}
}

// relGroup merges a document's relations by key (type, from, to and, for
// INVOLVED_IN, role), so one fact stated twice in a document is one row with
// two pieces of evidence.
type relGroup struct {
	docID string
	byKey map[string]*relRow
	order []string
}

type relRow struct {
	typ, from, to, role string
	props               map[string]any
	starts, ends        []int64
	quotes              []string
	confidences         []float64
	seen                map[[2]int]bool
}

func newRelGroup(docID string) *relGroup {
	return &relGroup{docID: docID, byKey: map[string]*relRow{}}
}

func (g *relGroup) add(typ, from, to, role string, props map[string]any, conf float64, ev []rightsgraph.Evidence) {
	if from == "" || to == "" {
		return
	}
	if typ != "INVOLVED_IN" {
		role = ""
	}
	key := typ + "\x00" + from + "\x00" + to + "\x00" + role
	r, ok := g.byKey[key]
	if !ok {
		r = &relRow{typ: typ, from: from, to: to, role: role, props: map[string]any{}, seen: map[[2]int]bool{}}
		g.byKey[key] = r
		g.order = append(g.order, key)
	}
	for k, v := range props {
		if evidenceKeys[k] {
			continue
		}
		if pv, ok := propertyValue(v); ok {
			r.props[k] = pv
		}
	}
	conf = clamp01(conf)
	if len(ev) == 0 {
		// A fact without a span is still this document's evidence: it gets
		// one entry with span -1..-1, so replacing the document removes it.
		ev = []rightsgraph.Evidence{{Start: -1, End: -1}}
	}
	for _, e := range ev {
		k := [2]int{e.Start, e.End}
		if r.seen[k] {
			continue
		}
		r.seen[k] = true
		r.starts = append(r.starts, int64(e.Start))
		r.ends = append(r.ends, int64(e.End))
		r.quotes = append(r.quotes, e.Quote)
		r.confidences = append(r.confidences, conf)
	}
}

func (r *relRow) row() map[string]any {
	maxConf := 0.0
	for _, c := range r.confidences {
		maxConf = math.Max(maxConf, c)
	}
	return map[string]any{
		"from": r.from, "to": r.to, "role": r.role, "props": r.props,
		"n": int64(len(r.starts)), "starts": r.starts, "ends": r.ends, "quotes": r.quotes,
		"confidences": r.confidences, "confidence": maxConf,
		"key": EdgeID(r.typ, r.from, r.to, r.role),
	}
}

func (g *relGroup) froms() []string {
	set := map[string]bool{}
	for _, r := range g.byKey {
		set[r.from] = true
	}
	out := make([]string, 0, len(set))
	for id := range set {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

func clamp01(f float64) float64 {
	switch {
	case math.IsNaN(f) || f < 0:
		return 0
	case f > 1:
		return 1
	}
	return f
}

// propertyValue converts a JSON value to a Neo4j property value: strings,
// numbers, booleans and homogeneous lists of them stay; anything else
// (objects, mixed or nested lists) is stored as its JSON text.
func propertyValue(v any) (any, bool) {
	switch x := v.(type) {
	case nil:
		return nil, false
	case string, bool, int64, int, float64:
		return x, true
	case []string:
		return x, true
	case []any:
		if len(x) == 0 {
			return []string{}, true
		}
		switch x[0].(type) {
		case string:
			out := make([]string, 0, len(x))
			for _, e := range x {
				s, ok := e.(string)
				if !ok {
					return jsonText(v)
				}
				out = append(out, s)
			}
			return out, true
		case float64:
			out := make([]float64, 0, len(x))
			for _, e := range x {
				f, ok := e.(float64)
				if !ok {
					return jsonText(v)
				}
				out = append(out, f)
			}
			return out, true
		case bool:
			out := make([]bool, 0, len(x))
			for _, e := range x {
				b, ok := e.(bool)
				if !ok {
					return jsonText(v)
				}
				out = append(out, b)
			}
			return out, true
		}
	}
	return jsonText(v)
}

func jsonText(v any) (any, bool) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, false
	}
	return string(b), true
}
