// Package model holds the Go types the GraphQL schema binds to. Entities
// wrap the node read from Neo4j (neo4jdb.Node); relationship types are plain
// structs filled in by the resolvers. models_gen.go is generated.
package model

import (
	"context"
	"strings"

	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

// Node is anything with a global id (GraphQL interface Node).
type Node interface{ IsNode() }

// Entity is a node named in documents (GraphQL interface Entity).
type Entity interface {
	Node
	IsEntity()
	Graph() *neo4jdb.Node
}

// Actor is a state, institution, organisation, person or group.
type Actor interface {
	Entity
	IsActor()
}

// entity is what every entity type embeds.
type entity struct{ N *neo4jdb.Node }

// IsNode marks a Node.
func (e *entity) IsNode() {}

// IsEntity marks an Entity.
func (e *entity) IsEntity() {}

// Graph returns the node as read from Neo4j.
func (e *entity) Graph() *neo4jdb.Node { return e.N }

// ID is the global id.
func (e *entity) ID() string { return e.N.ID }

// Name is the canonical name; an entity stored without one shows its id.
func (e *entity) Name() string {
	if s := e.N.Str("name"); s != "" {
		return s
	}
	return e.N.ID
}

// Aliases are the entity's other names.
func (e *entity) Aliases() []string {
	if a := e.N.Strs("aliases"); a != nil {
		return a
	}
	return []string{}
}

// RedirectedFrom is the merged id this entity was asked for by, if any.
func (e *entity) RedirectedFrom() *string {
	if e.N.RedirectedFrom == "" {
		return nil
	}
	s := e.N.RedirectedFrom
	return &s
}

// Kind is derived from the node's labels.
func (e *entity) Kind() EntityKind { return KindOf(e.N) }

// KindOf returns the entity kind of a node from its labels.
func KindOf(n *neo4jdb.Node) EntityKind {
	for _, k := range []EntityKind{EntityKindState, EntityKindInstitution, EntityKindOrganization, EntityKindPerson,
		EntityKindGroup, EntityKindPlace, EntityKindInstrument, EntityKindProvision, EntityKindRight,
		EntityKindObligation, EntityKindEvent} {
		if n.Has(KindLabels[k]) {
			return k
		}
	}
	return EntityKindEvent
}

type actor struct{ entity }

func (a *actor) IsActor() {}

// State is a sovereign state.
type State struct{ actor }

// Iso3 is the ISO 3166-1 alpha-3 code.
func (s *State) Iso3() *string { return s.N.StrPtr("iso3") }

// Iso2 is the ISO 3166-1 alpha-2 code.
func (s *State) Iso2() *string { return s.N.StrPtr("iso2") }

// Institution is a public body (courts included).
type Institution struct{ actor }

// Category is the kind of body.
func (i *Institution) Category() *string { return i.N.StrPtr("category") }

// Court reports whether the body is a court or tribunal.
func (i *Institution) Court() bool { return i.N.Has("Court") }

// Jurisdiction is a court's jurisdiction.
func (i *Institution) Jurisdiction() *string { return i.N.StrPtr("jurisdiction") }

// Organization is a non-state body.
type Organization struct{ actor }

// Category is the kind of organisation.
func (o *Organization) Category() *string { return o.N.StrPtr("category") }

// Person is a named individual.
type Person struct{ actor }

// Group is an unorganised collective.
type Group struct{ actor }

// Place is a city, port or region.
type Place struct{ entity }

// Instrument is a treaty, convention, law, ...
type Instrument struct{ entity }

// Category is the kind of instrument.
func (i *Instrument) Category() *string { return i.N.StrPtr("category") }

// Adopted is the adoption date.
func (i *Instrument) Adopted() *string { return i.N.StrPtr("adopted") }

// AdoptedAt is where it was adopted.
func (i *Instrument) AdoptedAt() *string { return i.N.StrPtr("adoptedAt") }

// InForce is the entry-into-force date.
func (i *Instrument) InForce() *string { return i.N.StrPtr("inForce") }

// Binding reports whether it binds its parties.
func (i *Instrument) Binding() *bool { return i.N.BoolPtr("binding") }

// Depositary holds the instrument.
func (i *Instrument) Depositary() *string { return i.N.StrPtr("depositary") }

// Provision is an article or paragraph.
type Provision struct{ entity }

// Number is the provision's number ("Article 3").
func (p *Provision) Number() *string { return p.N.StrPtr("number") }

// Title is the provision's heading from the reference data, if any.
func (p *Provision) Title() *string { return p.N.StrPtr("title") }

// InstrumentID is the id of the provision's instrument.
func (p *Provision) InstrumentID() string { return p.N.Str("instrument") }

// Right is a protected right.
type Right struct{ entity }

// Obligation is a duty.
type Obligation struct{ entity }

// Text is the duty's wording.
func (o *Obligation) Text() *string { return o.N.StrPtr("text") }

// Modality is must, must not or may.
func (o *Obligation) Modality() *Modality {
	m := Modality(strings.ToUpper(o.N.Str("modality")))
	if !validEnum("Modality", string(m)) {
		return nil
	}
	return &m
}

// Event is something that happened.
type Event struct{ entity }

// Type is the event type.
func (e *Event) Type() EventType { return EventType(e.N.Str("type")) }

// Date is the ISO date prefix.
func (e *Event) Date() *string { return e.N.StrPtr("date") }

// Summary describes the event.
func (e *Event) Summary() *string {
	if s := e.N.StrPtr("summary"); s != nil {
		return s
	}
	return e.N.StrPtr("name")
}

// Count is how many (executions, arrests...).
func (e *Event) Count() *int { return e.N.IntPtr("count") }

// Outcome is a ruling's outcome.
func (e *Event) Outcome() *string { return e.N.StrPtr("outcome") }

// Document is a loaded source.
type Document struct{ N *neo4jdb.Node }

// IsNode marks a Node.
func (d *Document) IsNode() {}

// ID is the sha256 of the content.
func (d *Document) ID() string { return d.N.ID }

// Title is the document's title.
func (d *Document) Title() *string { return d.N.StrPtr("title") }

// Source is where it was loaded from.
func (d *Document) Source() string { return d.N.Str("source") }

// Publisher published it.
func (d *Document) Publisher() *string { return d.N.StrPtr("publisher") }

// Published is the publication date.
func (d *Document) Published() *string { return d.N.StrPtr("published") }

// About is the year the document reports on.
func (d *Document) About() *string { return d.N.StrPtr("about") }

// Language of the text.
func (d *Document) Language() *string { return d.N.StrPtr("language") }

// Format it was loaded from.
func (d *Document) Format() *string { return d.N.StrPtr("format") }

// FromNode wraps a node in its GraphQL type; nil for nil.
func FromNode(n *neo4jdb.Node) Node {
	if n == nil {
		return nil
	}
	if n.Has("Document") {
		return &Document{N: n}
	}
	return EntityOf(n)
}

// EntityOf wraps an entity node in its GraphQL type; nil for nil or a document.
func EntityOf(n *neo4jdb.Node) Entity {
	if n == nil || n.Has("Document") {
		return nil
	}
	e := entity{N: n}
	switch KindOf(n) {
	case EntityKindState:
		return &State{actor{e}}
	case EntityKindInstitution:
		return &Institution{actor{e}}
	case EntityKindOrganization:
		return &Organization{actor{e}}
	case EntityKindPerson:
		return &Person{actor{e}}
	case EntityKindGroup:
		return &Group{actor{e}}
	case EntityKindPlace:
		return &Place{e}
	case EntityKindInstrument:
		return &Instrument{e}
	case EntityKindProvision:
		return &Provision{e}
	case EntityKindRight:
		return &Right{e}
	case EntityKindObligation:
		return &Obligation{e}
	}
	return &Event{e}
}

// ActorOf wraps an actor node; nil when the node is not an actor.
func ActorOf(n *neo4jdb.Node) Actor {
	a, _ := EntityOf(n).(Actor)
	return a
}

// ---- Relationships

// Evidence is a span of a document.
type Evidence struct {
	DocID string `json:"-"`
	Quote *string
	Start int
	End   int
}

// EvidenceOf converts evidence read from Neo4j.
func EvidenceOf(ev []neo4jdb.Evidence) []*Evidence {
	out := make([]*Evidence, 0, len(ev))
	for _, e := range ev {
		x := &Evidence{DocID: e.DocID, Start: e.Start, End: e.End}
		if e.Quote != "" {
			q := e.Quote
			x.Quote = &q
		}
		out = append(out, x)
	}
	return out
}

// Link is a relationship to another entity.
type Link struct {
	Node       Entity
	Confidence float64
	Evidence   []*Evidence
}

// LinkOf converts a hop; nil when the neighbour is not an entity.
func LinkOf(h neo4jdb.Hop) *Link {
	e := EntityOf(h.Node)
	if e == nil {
		return nil
	}
	return &Link{Node: e, Confidence: h.Rel.Confidence(), Evidence: EvidenceOf(h.Rel.Evidence())}
}

// Participant is an actor's part in an event.
type Participant struct {
	Role       Role
	Actor      Actor
	Confidence float64
	Evidence   []*Evidence
}

// Membership is a member of a body.
type Membership struct {
	Member       Actor
	Organization Actor
	From         *string
	To           *string
	Confidence   float64
	Evidence     []*Evidence
}

// Position is a position a person holds.
type Position struct {
	Holder       *Person
	Organization Actor
	Title        *string
	From         *string
	To           *string
	Confidence   float64
	Evidence     []*Evidence
}

// ViolationClaim is a breach found or alleged by an event.
type ViolationClaim struct {
	Stance     Stance
	Event      *Event
	Breached   Entity
	Confidence float64
	Evidence   []*Evidence
	// AssertedByID is the entity the extraction found asserting an ALLEGED
	// claim (the speaker of the sentence), "" when the text does not say.
	AssertedByID string
}

// Asserter is who asserts a violation.
type Asserter struct {
	Name     string
	Actor    Actor
	Document *Document
}

// ActorEventEdge is an event an actor took part in.
type ActorEventEdge struct {
	Cursor     string
	Node       *Event
	Role       Role
	Confidence float64
	Evidence   []*Evidence
}

// ActorEventConnection is a page of an actor's events.
type ActorEventConnection struct {
	Edges    []*ActorEventEdge
	PageInfo *PageInfo
	Counter
}

// PageInfo is Relay's page information.
type PageInfo struct {
	HasNextPage     bool
	HasPreviousPage bool
	StartCursor     *string
	EndCursor       *string
}

// PageInfoOf converts page information.
func PageInfoOf(p neo4jdb.PageInfo) *PageInfo {
	return &PageInfo{HasNextPage: p.HasNextPage, HasPreviousPage: p.HasPreviousPage, StartCursor: p.StartCursor, EndCursor: p.EndCursor}
}

// Counter computes a connection's totalCount only when a client selects it.
type Counter struct {
	count func(ctx context.Context) (int, error)
}

// NewCounter returns a Counter calling f.
func NewCounter(f func(ctx context.Context) (int, error)) Counter { return Counter{count: f} }

// TotalCount runs the count.
func (c Counter) TotalCount(ctx context.Context) (int, error) {
	if c.count == nil {
		return 0, nil
	}
	return c.count(ctx)
}
