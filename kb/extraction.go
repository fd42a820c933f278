package kb

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// ExtractReference turns one reference YAML document (doc.Text is the file's
// content, as under reference/) into an Extraction whose evidence spans point
// at the YAML that states each fact, so "which source says Belgium ratified
// the ECHR" is answered like "which sentence says so".
//
// What each top-level key gives:
//
//   - states: State entities; MEMBER_OF the United Nations (status member),
//     the Council of Europe (coe) and the European Union (eu).
//   - institutions, organizations: Institution (Court when court: true) and
//     Organization entities; PART_OF their partOf, else their state.
//   - instruments: Instrument entities; each provision a Provision entity
//     (id ProvisionID(instrument, ProvisionSlug(number))) with HAS_PROVISION
//     from its instrument and PROTECTS to each right it lists. A national
//     law with `state` establishes an obligation binding that state.
//   - rights: Right entities.
//   - participation: PARTY_TO from the state to the instrument with props
//     signed, ratified, action, inForce, withdrawn, status (as the file
//     stands), reservations (readable strings) with parallel lists
//     reservationArticles/Kinds/Texts/Made/Withdrawn, source, unverified;
//     and, once the state has ratified (acceded, succeeded), one Obligation
//     "<state> must respect and ensure the rights of <instrument>" binding
//     the state, established by the instrument, protecting every right the
//     instrument's provisions protect. Obligations are per instrument, not
//     per provision: the graph reaches provisions and rights through
//     HAS_PROVISION and PROTECTS, and the API applies the as-of date with
//     PARTY_TO's inForce and withdrawn.
//
// Every entity that a relation points at is emitted (with its name from the
// embedded knowledge base when the file does not state it) because the
// writer links existing nodes only. Facts marked unverified get confidence
// 0.7, others 1.
func ExtractReference(doc rightsgraph.Document) (*rightsgraph.Extraction, error) {
	ext := &rightsgraph.Extraction{
		Document:    doc,
		Entities:    []rightsgraph.Entity{},
		Relations:   []rightsgraph.Relation{},
		Events:      []rightsgraph.Event{},
		Obligations: []rightsgraph.Obligation{},
	}
	if ext.Document.Format == "" {
		ext.Document.Format = "reference"
	}
	if ext.Document.Title == "" && doc.Source != "" {
		ext.Document.Title = "Reference data: " + path.Base(doc.Source)
	}
	if ext.Document.Publisher == "" {
		ext.Document.Publisher = "rightsgraph reference data"
	}
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(doc.Text), &root); err != nil {
		return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "reference %s: %v", doc.Source, err)
	}
	if len(root.Content) == 0 {
		return ext, nil // empty or comments only
	}
	top := root.Content[0]
	if top.Kind != yaml.MappingNode {
		return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "reference %s: top level is not a mapping", doc.Source)
	}
	x := &refExtractor{ext: ext, text: doc.Text, ents: map[string]int{}, known: referenceNames()}
	x.lineStarts = lineStarts(doc.Text)
	for i := 0; i+1 < len(top.Content); i += 2 {
		key, val := top.Content[i], top.Content[i+1]
		if val.Kind != yaml.SequenceNode {
			continue
		}
		for _, item := range val.Content {
			var err error
			switch key.Value {
			case "states":
				err = x.state(item)
			case "institutions":
				err = x.institution(item, rightsgraph.KindInstitution)
			case "organizations":
				err = x.institution(item, rightsgraph.KindOrganization)
			case "instruments":
				err = x.instrument(item)
			case "rights":
				err = x.right(item)
			case "participation":
				err = x.participation(item)
			}
			if err != nil {
				return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "reference %s line %d: %v", doc.Source, item.Line, err)
			}
		}
	}
	return ext, nil
}

// referenceNames is the embedded knowledge base, used only to name entities
// that a file points at without describing (a provisions file's instrument,
// a participation file's state). Nil if it does not load.
var referenceNames = sync.OnceValue(func() *KB {
	k, err := Default()
	if err != nil {
		return nil
	}
	return k
})

type refExtractor struct {
	ext        *rightsgraph.Extraction
	text       string
	lineStarts []int
	ents       map[string]int // entity id -> index in ext.Entities
	known      *KB
}

// state emits a State and its memberships.
func (x *refExtractor) state(item *yaml.Node) error {
	var s State
	if err := item.Decode(&s); err != nil {
		return err
	}
	if s.ISO3 == "" {
		return fmt.Errorf("state without iso3")
	}
	aliases := append(append(append([]string{}, s.Aliases...), s.Adjective...), s.Demonyms...)
	if s.Official != "" {
		aliases = appendNew(aliases, s.Official)
	}
	x.entity(rightsgraph.Entity{ID: s.ID(), Kind: rightsgraph.KindState, Name: s.Name, Aliases: aliases, ISO3: s.ISO3, ISO2: s.ISO2},
		x.span(field(item, "name")))
	for _, m := range []struct {
		on       bool
		key, org string
	}{
		{s.Status == "member", "status", "institution:united-nations"},
		{s.CoE, "coe", "institution:council-of-europe"},
		{s.EU, "eu", "institution:european-union"},
	} {
		if m.on {
			x.stub(m.org, nil)
			x.relation("MEMBER_OF", s.ID(), m.org, nil, false, x.fieldEvidence(item, m.key))
		}
	}
	return nil
}

// institution emits an Institution or Organization and its PART_OF.
func (x *refExtractor) institution(item *yaml.Node, kind string) error {
	var in Institution
	if err := item.Decode(&in); err != nil {
		return err
	}
	if in.ID == "" {
		return fmt.Errorf("%s without id", strings.ToLower(kind))
	}
	if in.Kind != "" {
		kind = in.Kind
	}
	x.entity(rightsgraph.Entity{ID: in.ID, Kind: kind, Name: in.Name, Aliases: appendNew(append([]string{}, in.Acronyms...), in.Aliases...),
		Category: in.Category, Court: in.Court, Jurisdiction: in.Jurisdiction}, x.span(field(item, "name")))
	parent, key := in.PartOf, "partOf"
	if parent == "" && in.State != "" {
		parent, key = "state:"+in.State, "state"
	}
	if parent != "" {
		x.stub(parent, x.span(field(item, key)))
		x.relation("PART_OF", in.ID, parent, nil, false, x.fieldEvidence(item, key))
	}
	return nil
}

// right emits a Right.
func (x *refExtractor) right(item *yaml.Node) error {
	var r Right
	if err := item.Decode(&r); err != nil {
		return err
	}
	if r.ID == "" {
		return fmt.Errorf("right without id")
	}
	x.entity(rightsgraph.Entity{ID: r.ID, Kind: rightsgraph.KindRight, Name: r.Name, Aliases: r.Aliases}, x.span(field(item, "name")))
	return nil
}

// instrument emits an Instrument, its provisions and, for a national law,
// the obligation it puts on its state.
func (x *refExtractor) instrument(item *yaml.Node) error {
	var in Instrument
	if err := item.Decode(&in); err != nil {
		return err
	}
	if in.ID == "" {
		return fmt.Errorf("instrument without id")
	}
	if in.Name == "" {
		// A provisions file: {id, provisions}. The instrument is described
		// in instruments.yaml; here it is the endpoint of HAS_PROVISION.
		x.stub(in.ID, x.span(field(item, "id")))
	} else {
		aliases := appendNew(appendNew(nonEmpty(in.ShortName), in.Acronyms...), in.Aliases...)
		binding := in.Binding
		x.entity(rightsgraph.Entity{ID: in.ID, Kind: rightsgraph.KindInstrument, Name: in.Name, Aliases: aliases,
			Category: in.Category, Adopted: in.Adopted, AdoptedAt: in.AdoptedAt, Depositary: in.Depositary, InForce: in.InForce, Binding: &binding}, x.span(field(item, "name")))
	}
	label := x.instrumentLabel(in.ID)
	if provs := field(item, "provisions"); provs != nil {
		for _, pn := range provs.Content {
			var p Provision
			if err := pn.Decode(&p); err != nil {
				return err
			}
			slug := ProvisionSlug(p.Number)
			if slug == "" {
				return fmt.Errorf("provision %q: no number", p.Number)
			}
			pid := ProvisionID(in.ID, slug)
			x.entity(rightsgraph.Entity{ID: pid, Kind: rightsgraph.KindProvision, Name: p.Number + " " + label,
				Number: p.Number, Title: p.Title, Instrument: in.ID}, x.span(field(pn, "number")))
			x.relation("HAS_PROVISION", in.ID, pid, nil, p.Unverified, x.evidence(pn))
			rights := field(pn, "rights")
			for i, r := range p.Rights {
				var at *yaml.Node
				if rights != nil && i < len(rights.Content) {
					at = rights.Content[i]
				}
				x.stub(r, x.span(at))
				x.relation("PROTECTS", pid, r, nil, p.Unverified, x.evidence(pn))
			}
		}
	}
	if in.Category == "law" && in.State != "" {
		state := "state:" + in.State
		x.stub(state, x.span(field(item, "state")))
		src := in.ID
		name := in.Name
		x.ext.Obligations = append(x.ext.Obligations, rightsgraph.Obligation{
			ID:       ObligationID(in.State, in.ID),
			Bound:    state,
			Source:   &src,
			Text:     x.stateName(in.State) + " must apply the " + name,
			Modality: "must",
			Rights:   x.stubRights(x.instrumentRights(in.ID, in.Provisions)),
			Evidence: x.evidence(item),
		})
	}
	return nil
}

// participation emits PARTY_TO and the obligation it creates.
func (x *refExtractor) participation(item *yaml.Node) error {
	var p Participation
	if err := item.Decode(&p); err != nil {
		return err
	}
	if p.State == "" || p.Instrument == "" {
		return fmt.Errorf("participation needs state and instrument")
	}
	state := "state:" + p.State
	x.stub(state, x.span(field(item, "state")))
	x.stub(p.Instrument, x.span(field(item, "instrument")))
	props := map[string]any{"status": p.Status("")}
	for k, v := range map[string]string{"signed": p.Signed, "ratified": p.Ratified, "action": p.Action,
		"inForce": p.InForce, "withdrawn": p.Withdrawn, "source": p.Source} {
		if v != "" {
			props[k] = v
		}
	}
	if b := p.BindingFrom(); b != "" {
		props["bindingFrom"] = b
	}
	props["unverified"] = p.Unverified
	readable := make([]string, 0, len(p.Reservations))
	var arts, kinds, texts, made, withdrawn []string
	for _, r := range p.Reservations {
		s := r.Kind
		if r.Article != "" {
			s += " (" + r.Article + ")"
		}
		s += ": " + r.Text
		if r.Withdrawn != "" {
			s += " [withdrawn " + r.Withdrawn + "]"
		}
		if r.Unverified {
			s += " [unverified]"
		}
		readable = append(readable, s)
		arts = append(arts, r.Article)
		kinds = append(kinds, r.Kind)
		texts = append(texts, r.Text)
		made = append(made, r.Made)
		withdrawn = append(withdrawn, r.Withdrawn)
	}
	props["reservations"] = readable
	if len(p.Reservations) > 0 {
		props["reservationArticles"] = arts
		props["reservationKinds"] = kinds
		props["reservationTexts"] = texts
		props["reservationMade"] = made
		props["reservationWithdrawn"] = withdrawn
	}
	ev := x.evidence(item)
	x.relation("PARTY_TO", state, p.Instrument, props, p.Unverified, ev)
	if p.Ratified == "" {
		return nil // a signatory is not bound by the treaty's obligations
	}
	src := p.Instrument
	x.ext.Obligations = append(x.ext.Obligations, rightsgraph.Obligation{
		ID:       ObligationID(p.State, p.Instrument),
		Bound:    state,
		Source:   &src,
		Text:     x.stateName(p.State) + " must respect and ensure the rights and obligations of the " + x.instrumentName(p.Instrument),
		Modality: "must",
		Rights:   x.stubRights(x.instrumentRights(p.Instrument, nil)),
		Evidence: ev,
	})
	return nil
}

// ObligationID returns the id of the obligation that ExtractReference
// derives from a state's participation in an instrument (or from a national
// law binding its state): obligation:BEL:echr.
func ObligationID(iso3, instrumentID string) string {
	return "obligation:" + iso3 + ":" + trimKind(instrumentID)
}

// entity adds e (merging mentions into an entity of the same id).
func (x *refExtractor) entity(e rightsgraph.Entity, mention *rightsgraph.Span) {
	e.Reference = true
	if i, ok := x.ents[e.ID]; ok {
		old := &x.ext.Entities[i]
		if mention != nil {
			old.Mentions = append(old.Mentions, *mention)
		}
		if old.Name == "" || old.Name == old.ID {
			ms := old.Mentions
			*old = e
			old.Mentions = ms
		}
		return
	}
	e.Mentions = []rightsgraph.Span{}
	if mention != nil {
		e.Mentions = append(e.Mentions, *mention)
	}
	x.ents[e.ID] = len(x.ext.Entities)
	x.ext.Entities = append(x.ext.Entities, e)
}

// stub adds an entity that a relation points at, described elsewhere, with
// its kind and name from the embedded knowledge base.
func (x *refExtractor) stub(id string, mention *rightsgraph.Span) {
	if i, ok := x.ents[id]; ok {
		if mention != nil {
			x.ext.Entities[i].Mentions = append(x.ext.Entities[i].Mentions, *mention)
		}
		return
	}
	e := rightsgraph.Entity{ID: id, Name: id}
	kind, name := x.describe(id)
	e.Kind, e.Name = kind, name
	if kind == rightsgraph.KindState {
		e.ISO3 = strings.TrimPrefix(id, "state:")
	}
	if k := x.known; k != nil && kind == rightsgraph.KindInstitution {
		for _, in := range k.Institutions {
			if in.ID == id {
				e.Kind, e.Court, e.Category, e.Jurisdiction = in.Kind, in.Court, in.Category, in.Jurisdiction
			}
		}
	}
	x.entity(e, mention)
	x.ext.Entities[x.ents[id]].Name = name // a stub never counts as "described"
}

// describe returns the kind and name of an id from the embedded knowledge
// base, falling back to the id's prefix and the id itself.
func (x *refExtractor) describe(id string) (kind, name string) {
	prefix, _, _ := strings.Cut(id, ":")
	kind = map[string]string{"state": rightsgraph.KindState, "institution": rightsgraph.KindInstitution,
		"organization": rightsgraph.KindOrganization, "instrument": rightsgraph.KindInstrument,
		"right": rightsgraph.KindRight, "provision": rightsgraph.KindProvision}[prefix]
	name = id
	k := x.known
	if k == nil {
		return kind, name
	}
	switch prefix {
	case "state":
		name = x.stateName(strings.TrimPrefix(id, "state:"))
	case "instrument":
		if in, ok := k.Instrument(id); ok {
			name = in.Name
		}
	case "right":
		if r, ok := k.Right(id); ok {
			name = r.Name
		}
	case "institution", "organization":
		for _, in := range k.Institutions {
			if in.ID == id {
				name = in.Name
			}
		}
	}
	return kind, name
}

func (x *refExtractor) stateName(iso3 string) string {
	if k := x.known; k != nil {
		for _, s := range k.States {
			if s.ISO3 == iso3 {
				return s.Name
			}
		}
	}
	return iso3
}

// instrumentName is the instrument's short name for obligation texts.
func (x *refExtractor) instrumentName(id string) string {
	if k := x.known; k != nil {
		if in, ok := k.Instrument(id); ok {
			if in.ShortName != "" {
				return in.ShortName
			}
			return in.Name
		}
	}
	return id
}

// instrumentLabel is the short form appended to a provision's number in its
// name: the first acronym, else the short name ("Article 2 ECHR").
func (x *refExtractor) instrumentLabel(id string) string {
	if k := x.known; k != nil {
		if in, ok := k.Instrument(id); ok {
			if len(in.Acronyms) > 0 {
				return in.Acronyms[0]
			}
			if in.ShortName != "" {
				return in.ShortName
			}
			return in.Name
		}
	}
	return id
}

// stubRights makes sure every right an obligation protects is a node of
// this extraction (without a mention: the file states it only through the
// instrument), so the PROTECTS edges have both endpoints whatever order the
// reference files are loaded in.
func (x *refExtractor) stubRights(ids []string) []string {
	for _, id := range ids {
		x.stub(id, nil)
	}
	return ids
}

// instrumentRights is the union of the rights its provisions protect
// (the embedded knowledge base's provisions, else those given), sorted.
func (x *refExtractor) instrumentRights(id string, given []Provision) []string {
	provs := given
	if k := x.known; k != nil {
		if in, ok := k.Instrument(id); ok && len(in.Provisions) > 0 {
			provs = in.Provisions
		}
	}
	seen := map[string]bool{}
	var out []string
	for _, p := range provs {
		for _, r := range p.Rights {
			if !seen[r] {
				seen[r] = true
				out = append(out, r)
			}
		}
	}
	sort.Strings(out)
	return out
}

func (x *refExtractor) relation(typ, from, to string, props map[string]any, unverified bool, ev []rightsgraph.Evidence) {
	conf := 1.0
	if unverified {
		conf = 0.7
	}
	x.ext.Relations = append(x.ext.Relations, rightsgraph.Relation{Type: typ, From: from, To: to, Props: props, Confidence: conf, Evidence: ev})
}

// --- spans -----------------------------------------------------------------

// field returns the value node of key in a mapping node, or nil.
func field(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

func lineStarts(text string) []int {
	starts := []int{0}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// offset converts a yaml.v3 position (1-based line, 1-based column counted
// in characters) to a byte offset into the text.
func (x *refExtractor) offset(line, col int) int {
	if line < 1 || line > len(x.lineStarts) {
		return -1
	}
	i := x.lineStarts[line-1]
	for c := 1; c < col && i < len(x.text) && x.text[i] != '\n'; c++ {
		_, w := utf8.DecodeRuneInString(x.text[i:])
		i += w
	}
	return i
}

// bounds returns the byte span of a node's source text.
func (x *refExtractor) bounds(n *yaml.Node) (int, int, bool) {
	if n == nil {
		return 0, 0, false
	}
	start := x.offset(n.Line, n.Column)
	if start < 0 {
		return 0, 0, false
	}
	end := x.end(n, start)
	if end <= start || end > len(x.text) {
		return 0, 0, false
	}
	return start, end, true
}

// end returns the byte offset just past node n, which starts at start.
func (x *refExtractor) end(n *yaml.Node, start int) int {
	t := x.text
	switch n.Kind {
	case yaml.ScalarNode:
		switch {
		case n.Style&yaml.DoubleQuotedStyle != 0:
			for i := start + 1; i < len(t); i++ {
				if t[i] == '\\' {
					i++
					continue
				}
				if t[i] == '"' {
					return i + 1
				}
			}
		case n.Style&yaml.SingleQuotedStyle != 0:
			for i := start + 1; i < len(t); i++ {
				if t[i] == '\'' {
					if i+1 < len(t) && t[i+1] == '\'' {
						i++
						continue
					}
					return i + 1
				}
			}
		case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
			return x.blockScalarEnd(n, start)
		default:
			if strings.HasPrefix(t[start:], n.Value) {
				return start + len(n.Value)
			}
			return x.lineEnd(start)
		}
		return x.lineEnd(start)
	case yaml.AliasNode:
		return start + 1 + len(n.Value)
	case yaml.MappingNode, yaml.SequenceNode:
		if n.Style&yaml.FlowStyle != 0 || (start < len(t) && (t[start] == '{' || t[start] == '[')) {
			return x.flowEnd(start)
		}
		if len(n.Content) == 0 {
			return x.lineEnd(start)
		}
		last := n.Content[len(n.Content)-1]
		ls := x.offset(last.Line, last.Column)
		if ls < 0 {
			return x.lineEnd(start)
		}
		return x.end(last, ls)
	}
	return x.lineEnd(start)
}

// flowEnd finds the bracket closing the flow collection opening at start.
func (x *refExtractor) flowEnd(start int) int {
	t := x.text
	depth := 0
	for i := start; i < len(t); i++ {
		switch t[i] {
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				return i + 1
			}
		case '"':
			for i++; i < len(t) && t[i] != '"'; i++ {
				if t[i] == '\\' {
					i++
				}
			}
		case '\'':
			for i++; i < len(t); i++ {
				if t[i] == '\'' {
					if i+1 < len(t) && t[i+1] == '\'' {
						i++
						continue
					}
					break
				}
			}
		case '#':
			// A comment runs to the end of the line inside a multi-line flow.
			if i > 0 && (t[i-1] == ' ' || t[i-1] == '\t') {
				for i < len(t) && t[i] != '\n' {
					i++
				}
			}
		}
	}
	return len(t)
}

// blockScalarEnd is the end of the last content line of a literal or folded
// scalar: lines after the header that are blank or indented deeper than the
// header's line.
func (x *refExtractor) blockScalarEnd(n *yaml.Node, start int) int {
	t := x.text
	headerLine := n.Line
	indent := 0
	for i := x.lineStarts[headerLine-1]; i < len(t) && t[i] == ' '; i++ {
		indent++
	}
	end := x.lineEnd(start)
	for l := headerLine; l < len(x.lineStarts); l++ {
		ls := x.lineStarts[l]
		le := x.lineEnd(ls)
		line := t[ls:le]
		if strings.TrimSpace(line) == "" {
			continue
		}
		ind := len(line) - len(strings.TrimLeft(line, " "))
		if ind <= indent {
			break
		}
		end = le
	}
	return end
}

// lineEnd is the offset of the end of the line holding i.
func (x *refExtractor) lineEnd(i int) int {
	for i < len(x.text) && x.text[i] != '\n' {
		i++
	}
	return i
}

func (x *refExtractor) span(n *yaml.Node) *rightsgraph.Span {
	s, e, ok := x.bounds(n)
	if !ok {
		return nil
	}
	return &rightsgraph.Span{Start: s, End: e}
}

func (x *refExtractor) evidence(n *yaml.Node) []rightsgraph.Evidence {
	s, e, ok := x.bounds(n)
	if !ok {
		return nil
	}
	return []rightsgraph.Evidence{{Start: s, End: e, Quote: x.text[s:e]}}
}

// fieldEvidence is the span from a mapping key to the end of its value
// ("coe: true"), the evidence of a fact stated by one field.
func (x *refExtractor) fieldEvidence(n *yaml.Node, key string) []rightsgraph.Evidence {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value != key {
			continue
		}
		s := x.offset(n.Content[i].Line, n.Content[i].Column)
		_, e, ok := x.bounds(n.Content[i+1])
		if s < 0 || !ok || e <= s {
			return nil
		}
		return []rightsgraph.Evidence{{Start: s, End: e, Quote: x.text[s:e]}}
	}
	return nil
}
