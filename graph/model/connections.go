package model

import "github.com/rightsgraph/rightsgraph/neo4jdb"

// Connections of the root lists: one edge and connection type per kind (as
// the schema names them), filled by Page.

// Page converts a list page into edges and nodes, wrapping each node with wrap.
func Page[N any, E any](p *neo4jdb.Page, wrap func(*neo4jdb.Node) N, edge func(cursor string, n N) E) ([]E, []N) {
	edges := make([]E, 0, len(p.Nodes))
	nodes := make([]N, 0, len(p.Nodes))
	for i, n := range p.Nodes {
		w := wrap(n)
		nodes = append(nodes, w)
		edges = append(edges, edge(p.Cursors[i], w))
	}
	return edges, nodes
}

// StateEdge is one State in a list.
type StateEdge struct {
	Cursor string
	Node   *State
}

// StateConnection is a page of State nodes.
type StateConnection struct {
	Edges    []*StateEdge
	Nodes    []*State
	PageInfo *PageInfo
	Counter
}

// StateConnectionOf converts a page.
func StateConnectionOf(p *neo4jdb.Page, c Counter) *StateConnection {
	edges, nodes := Page(p, func(n *neo4jdb.Node) *State { return wrapState(n) },
		func(cur string, n *State) *StateEdge { return &StateEdge{Cursor: cur, Node: n} })
	return &StateConnection{Edges: edges, Nodes: nodes, PageInfo: PageInfoOf(p.PageInfo), Counter: c}
}

// InstitutionEdge is one Institution in a list.
type InstitutionEdge struct {
	Cursor string
	Node   *Institution
}

// InstitutionConnection is a page of Institution nodes.
type InstitutionConnection struct {
	Edges    []*InstitutionEdge
	Nodes    []*Institution
	PageInfo *PageInfo
	Counter
}

// InstitutionConnectionOf converts a page.
func InstitutionConnectionOf(p *neo4jdb.Page, c Counter) *InstitutionConnection {
	edges, nodes := Page(p, func(n *neo4jdb.Node) *Institution { return wrapInstitution(n) },
		func(cur string, n *Institution) *InstitutionEdge { return &InstitutionEdge{Cursor: cur, Node: n} })
	return &InstitutionConnection{Edges: edges, Nodes: nodes, PageInfo: PageInfoOf(p.PageInfo), Counter: c}
}

// OrganizationEdge is one Organization in a list.
type OrganizationEdge struct {
	Cursor string
	Node   *Organization
}

// OrganizationConnection is a page of Organization nodes.
type OrganizationConnection struct {
	Edges    []*OrganizationEdge
	Nodes    []*Organization
	PageInfo *PageInfo
	Counter
}

// OrganizationConnectionOf converts a page.
func OrganizationConnectionOf(p *neo4jdb.Page, c Counter) *OrganizationConnection {
	edges, nodes := Page(p, func(n *neo4jdb.Node) *Organization { return wrapOrganization(n) },
		func(cur string, n *Organization) *OrganizationEdge { return &OrganizationEdge{Cursor: cur, Node: n} })
	return &OrganizationConnection{Edges: edges, Nodes: nodes, PageInfo: PageInfoOf(p.PageInfo), Counter: c}
}

// PersonEdge is one Person in a list.
type PersonEdge struct {
	Cursor string
	Node   *Person
}

// PersonConnection is a page of Person nodes.
type PersonConnection struct {
	Edges    []*PersonEdge
	Nodes    []*Person
	PageInfo *PageInfo
	Counter
}

// PersonConnectionOf converts a page.
func PersonConnectionOf(p *neo4jdb.Page, c Counter) *PersonConnection {
	edges, nodes := Page(p, func(n *neo4jdb.Node) *Person { return wrapPerson(n) },
		func(cur string, n *Person) *PersonEdge { return &PersonEdge{Cursor: cur, Node: n} })
	return &PersonConnection{Edges: edges, Nodes: nodes, PageInfo: PageInfoOf(p.PageInfo), Counter: c}
}

// GroupEdge is one Group in a list.
type GroupEdge struct {
	Cursor string
	Node   *Group
}

// GroupConnection is a page of Group nodes.
type GroupConnection struct {
	Edges    []*GroupEdge
	Nodes    []*Group
	PageInfo *PageInfo
	Counter
}

// GroupConnectionOf converts a page.
func GroupConnectionOf(p *neo4jdb.Page, c Counter) *GroupConnection {
	edges, nodes := Page(p, func(n *neo4jdb.Node) *Group { return wrapGroup(n) },
		func(cur string, n *Group) *GroupEdge { return &GroupEdge{Cursor: cur, Node: n} })
	return &GroupConnection{Edges: edges, Nodes: nodes, PageInfo: PageInfoOf(p.PageInfo), Counter: c}
}

// PlaceEdge is one Place in a list.
type PlaceEdge struct {
	Cursor string
	Node   *Place
}

// PlaceConnection is a page of Place nodes.
type PlaceConnection struct {
	Edges    []*PlaceEdge
	Nodes    []*Place
	PageInfo *PageInfo
	Counter
}

// PlaceConnectionOf converts a page.
func PlaceConnectionOf(p *neo4jdb.Page, c Counter) *PlaceConnection {
	edges, nodes := Page(p, func(n *neo4jdb.Node) *Place { return wrapPlace(n) },
		func(cur string, n *Place) *PlaceEdge { return &PlaceEdge{Cursor: cur, Node: n} })
	return &PlaceConnection{Edges: edges, Nodes: nodes, PageInfo: PageInfoOf(p.PageInfo), Counter: c}
}

// InstrumentEdge is one Instrument in a list.
type InstrumentEdge struct {
	Cursor string
	Node   *Instrument
}

// InstrumentConnection is a page of Instrument nodes.
type InstrumentConnection struct {
	Edges    []*InstrumentEdge
	Nodes    []*Instrument
	PageInfo *PageInfo
	Counter
}

// InstrumentConnectionOf converts a page.
func InstrumentConnectionOf(p *neo4jdb.Page, c Counter) *InstrumentConnection {
	edges, nodes := Page(p, func(n *neo4jdb.Node) *Instrument { return wrapInstrument(n) },
		func(cur string, n *Instrument) *InstrumentEdge { return &InstrumentEdge{Cursor: cur, Node: n} })
	return &InstrumentConnection{Edges: edges, Nodes: nodes, PageInfo: PageInfoOf(p.PageInfo), Counter: c}
}

// ProvisionEdge is one Provision in a list.
type ProvisionEdge struct {
	Cursor string
	Node   *Provision
}

// ProvisionConnection is a page of Provision nodes.
type ProvisionConnection struct {
	Edges    []*ProvisionEdge
	Nodes    []*Provision
	PageInfo *PageInfo
	Counter
}

// ProvisionConnectionOf converts a page.
func ProvisionConnectionOf(p *neo4jdb.Page, c Counter) *ProvisionConnection {
	edges, nodes := Page(p, func(n *neo4jdb.Node) *Provision { return wrapProvision(n) },
		func(cur string, n *Provision) *ProvisionEdge { return &ProvisionEdge{Cursor: cur, Node: n} })
	return &ProvisionConnection{Edges: edges, Nodes: nodes, PageInfo: PageInfoOf(p.PageInfo), Counter: c}
}

// RightEdge is one Right in a list.
type RightEdge struct {
	Cursor string
	Node   *Right
}

// RightConnection is a page of Right nodes.
type RightConnection struct {
	Edges    []*RightEdge
	Nodes    []*Right
	PageInfo *PageInfo
	Counter
}

// RightConnectionOf converts a page.
func RightConnectionOf(p *neo4jdb.Page, c Counter) *RightConnection {
	edges, nodes := Page(p, func(n *neo4jdb.Node) *Right { return wrapRight(n) },
		func(cur string, n *Right) *RightEdge { return &RightEdge{Cursor: cur, Node: n} })
	return &RightConnection{Edges: edges, Nodes: nodes, PageInfo: PageInfoOf(p.PageInfo), Counter: c}
}

// EventEdge is one Event in a list.
type EventEdge struct {
	Cursor string
	Node   *Event
}

// EventConnection is a page of Event nodes.
type EventConnection struct {
	Edges    []*EventEdge
	Nodes    []*Event
	PageInfo *PageInfo
	Counter
}

// EventConnectionOf converts a page.
func EventConnectionOf(p *neo4jdb.Page, c Counter) *EventConnection {
	edges, nodes := Page(p, func(n *neo4jdb.Node) *Event { return wrapEvent(n) },
		func(cur string, n *Event) *EventEdge { return &EventEdge{Cursor: cur, Node: n} })
	return &EventConnection{Edges: edges, Nodes: nodes, PageInfo: PageInfoOf(p.PageInfo), Counter: c}
}

// DocumentEdge is one Document in a list.
type DocumentEdge struct {
	Cursor string
	Node   *Document
}

// DocumentConnection is a page of Document nodes.
type DocumentConnection struct {
	Edges    []*DocumentEdge
	Nodes    []*Document
	PageInfo *PageInfo
	Counter
}

// DocumentConnectionOf converts a page.
func DocumentConnectionOf(p *neo4jdb.Page, c Counter) *DocumentConnection {
	edges, nodes := Page(p, func(n *neo4jdb.Node) *Document { return wrapDocument(n) },
		func(cur string, n *Document) *DocumentEdge { return &DocumentEdge{Cursor: cur, Node: n} })
	return &DocumentConnection{Edges: edges, Nodes: nodes, PageInfo: PageInfoOf(p.PageInfo), Counter: c}
}

func wrapState(n *neo4jdb.Node) *State {
	x, _ := EntityOf(n).(*State)
	if x == nil {
		x = new(State)
		x.N = n
	}
	return x
}

func wrapInstitution(n *neo4jdb.Node) *Institution {
	x, _ := EntityOf(n).(*Institution)
	if x == nil {
		x = new(Institution)
		x.N = n
	}
	return x
}

func wrapOrganization(n *neo4jdb.Node) *Organization {
	x, _ := EntityOf(n).(*Organization)
	if x == nil {
		x = new(Organization)
		x.N = n
	}
	return x
}

func wrapPerson(n *neo4jdb.Node) *Person {
	x, _ := EntityOf(n).(*Person)
	if x == nil {
		x = new(Person)
		x.N = n
	}
	return x
}

func wrapGroup(n *neo4jdb.Node) *Group {
	x, _ := EntityOf(n).(*Group)
	if x == nil {
		x = new(Group)
		x.N = n
	}
	return x
}

func wrapPlace(n *neo4jdb.Node) *Place {
	x, _ := EntityOf(n).(*Place)
	if x == nil {
		x = new(Place)
		x.N = n
	}
	return x
}

func wrapInstrument(n *neo4jdb.Node) *Instrument {
	x, _ := EntityOf(n).(*Instrument)
	if x == nil {
		x = new(Instrument)
		x.N = n
	}
	return x
}

func wrapProvision(n *neo4jdb.Node) *Provision {
	x, _ := EntityOf(n).(*Provision)
	if x == nil {
		x = new(Provision)
		x.N = n
	}
	return x
}

func wrapRight(n *neo4jdb.Node) *Right {
	x, _ := EntityOf(n).(*Right)
	if x == nil {
		x = new(Right)
		x.N = n
	}
	return x
}

func wrapEvent(n *neo4jdb.Node) *Event {
	x, _ := EntityOf(n).(*Event)
	if x == nil {
		x = new(Event)
		x.N = n
	}
	return x
}

func wrapDocument(n *neo4jdb.Node) *Document { return &Document{N: n} }
