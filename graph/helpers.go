package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/graph/model"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

// The helpers the resolvers share: page-size checks, loader calls and the
// conversion of hops into GraphQL relationship types.

// size returns the page size asked for (def when nil), checked against the
// configured maximum.
func (r *Resolver) size(arg string, n *int, def int) (int, error) {
	if n == nil {
		return def, nil
	}
	if *n < 0 {
		return 0, rightsgraph.Errorf(rightsgraph.EINVALID, "%s must not be negative", arg)
	}
	if max := r.Limits.MaxPageSize; max > 0 && *n > max {
		return 0, rightsgraph.Errorf(rightsgraph.ELIMIT, "page size limit exceeded: %s is %d, the maximum page size is %d", arg, *n, max)
	}
	return *n, nil
}

func notFound(err error) bool { return errors.Is(err, errNotFound) }

// node loads one node by id; nil (no error) when there is none.
func (r *Resolver) node(ctx context.Context, id string) (*neo4jdb.Node, error) {
	n, err := For(ctx).Nodes.Load(ctx, id)
	if notFound(err) {
		return nil, nil
	}
	return n, err
}

// hops loads the neighbours of id along spec.
func (r *Resolver) hops(ctx context.Context, spec *neo4jdb.RelSpec, id string, args neo4jdb.RelArgs) ([]neo4jdb.Hop, error) {
	return For(ctx).Related.Load(ctx, relKey{Spec: spec.Name, Args: args, ID: id})
}

// links loads neighbours as Links, first at most (def when nil).
func (r *Resolver) links(ctx context.Context, spec *neo4jdb.RelSpec, id string, first *int, def int) ([]*model.Link, error) {
	n, err := r.size("first", first, def)
	if err != nil {
		return nil, err
	}
	hs, err := r.hops(ctx, spec, id, neo4jdb.RelArgs{Limit: n})
	if err != nil {
		return nil, err
	}
	out := make([]*model.Link, 0, len(hs))
	for _, h := range hs {
		if l := model.LinkOf(h); l != nil {
			out = append(out, l)
		}
	}
	return out, nil
}

// mentions loads the spans where documents name an entity, newest documents first.
func (r *Resolver) mentions(ctx context.Context, id string, first *int) ([]*model.Evidence, error) {
	n, err := r.size("first", first, 10)
	if err != nil {
		return nil, err
	}
	hs, err := r.hops(ctx, neo4jdb.SpecMentions, id, neo4jdb.RelArgs{Limit: n})
	if err != nil {
		return nil, err
	}
	out := []*model.Evidence{}
	for _, h := range hs {
		for _, e := range model.EvidenceOf(h.Rel.Mentions(h.Node.ID)) {
			if len(out) == n {
				return out, nil
			}
			out = append(out, e)
		}
	}
	return out, nil
}

// selected reports whether the current field's selection includes name.
func selected(ctx context.Context, name string) bool {
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		if f.Name == name {
			return true
		}
	}
	return false
}

// actorEvents loads one page of an actor's events.
func (r *Resolver) actorEvents(ctx context.Context, id string, role *model.Role, types []model.EventType, from, to *string, first *int, after *string) (*model.ActorEventConnection, error) {
	n, err := r.size("first", first, 20)
	if err != nil {
		return nil, err
	}
	args := neo4jdb.ActorEventsArgs{RelArgs: eventArgs(n, types, from, to), Count: selected(ctx, "totalCount")}
	if role != nil {
		args.Role = role.Stored()
	}
	if after != nil {
		args.After = *after
	}
	page, err := For(ctx).ActorEvents.Load(ctx, eventsKey{Args: args, ID: id})
	if err != nil {
		return nil, err
	}
	conn := &model.ActorEventConnection{
		PageInfo: &model.PageInfo{HasNextPage: page.HasNext, HasPreviousPage: page.HasPrev},
		Counter:  model.NewCounter(func(context.Context) (int, error) { return page.Total, nil }),
	}
	for i, h := range page.Hops {
		ev, _ := model.EntityOf(h.Node).(*model.Event)
		role, _ := h.Rel.Props["role"].(string)
		conn.Edges = append(conn.Edges, &model.ActorEventEdge{Cursor: page.Cursors[i], Node: ev, Role: model.RoleOf(role),
			Confidence: h.Rel.Confidence(), Evidence: model.EvidenceOf(h.Rel.Evidence())})
	}
	if len(page.Cursors) > 0 {
		conn.PageInfo.StartCursor = &page.Cursors[0]
		conn.PageInfo.EndCursor = &page.Cursors[len(page.Cursors)-1]
	}
	return conn, nil
}

func eventArgs(limit int, types []model.EventType, from, to *string) neo4jdb.RelArgs {
	a := neo4jdb.RelArgs{Limit: limit}
	if len(types) > 0 {
		ts := make([]string, len(types))
		for i, t := range types {
			ts[i] = string(t)
		}
		sort.Strings(ts)
		a.Types = strings.Join(ts, ",")
	}
	if from != nil {
		a.From = *from
	}
	if to != nil {
		a.To = *to
	}
	return a
}

// memberships loads MEMBER_OF relationships: out of id (its memberships)
// or into it (its members).
func (r *Resolver) memberships(ctx context.Context, self model.Actor, first *int, members bool) ([]*model.Membership, error) {
	n, err := r.size("first", first, 50)
	if err != nil {
		return nil, err
	}
	spec := neo4jdb.SpecMemberships
	if members {
		spec = neo4jdb.SpecMembers
	}
	hs, err := r.hops(ctx, spec, self.Graph().ID, neo4jdb.RelArgs{Limit: n})
	if err != nil {
		return nil, err
	}
	out := []*model.Membership{}
	for _, h := range hs {
		other := model.ActorOf(h.Node)
		if other == nil {
			continue
		}
		m := &model.Membership{Member: self, Organization: other, From: h.Rel.Str("from"), To: h.Rel.Str("to"),
			Confidence: h.Rel.Confidence(), Evidence: model.EvidenceOf(h.Rel.Evidence())}
		if members {
			m.Member, m.Organization = other, self
		}
		out = append(out, m)
	}
	return out, nil
}

// positions loads HOLDS_POSITION: held by a person, or held in a state or institution.
func (r *Resolver) positions(ctx context.Context, self model.Actor, first *int) ([]*model.Position, error) {
	n, err := r.size("first", first, 50)
	if err != nil {
		return nil, err
	}
	person, held := self.(*model.Person)
	spec := neo4jdb.SpecPositionsIn
	if held {
		spec = neo4jdb.SpecPositions
	}
	hs, err := r.hops(ctx, spec, self.Graph().ID, neo4jdb.RelArgs{Limit: n})
	if err != nil {
		return nil, err
	}
	out := []*model.Position{}
	for _, h := range hs {
		p := &model.Position{Title: h.Rel.Str("title"), From: h.Rel.Str("from"), To: h.Rel.Str("to"),
			Confidence: h.Rel.Confidence(), Evidence: model.EvidenceOf(h.Rel.Evidence())}
		if held {
			p.Holder, p.Organization = person, model.ActorOf(h.Node)
		} else {
			p.Holder, _ = model.EntityOf(h.Node).(*model.Person)
			p.Organization = self
		}
		if p.Holder == nil || p.Organization == nil {
			continue
		}
		out = append(out, p)
	}
	return out, nil
}

// violations loads FINDS_VIOLATION_OF or ALLEGES_VIOLATION_OF from an event.
func (r *Resolver) violations(ctx context.Context, ev *model.Event, first *int, stance model.Stance) ([]*model.ViolationClaim, error) {
	n, err := r.size("first", first, 50)
	if err != nil {
		return nil, err
	}
	spec := neo4jdb.SpecFindings
	if stance == model.StanceAlleged {
		spec = neo4jdb.SpecAllegations
	}
	hs, err := r.hops(ctx, spec, ev.ID(), neo4jdb.RelArgs{Limit: n})
	if err != nil {
		return nil, err
	}
	out := []*model.ViolationClaim{}
	for _, h := range hs {
		target := model.EntityOf(h.Node)
		if target == nil {
			continue
		}
		out = append(out, &model.ViolationClaim{Stance: stance, Event: ev, Breached: target,
			Confidence: h.Rel.Confidence(), Evidence: model.EvidenceOf(h.Rel.Evidence()), AssertedByID: str(h.Rel.Str("assertedBy"))})
	}
	return out, nil
}

// Unattributed names the asserter of an allegation whose document names
// neither a speaker nor a publisher.
const Unattributed = "unattributed"

// assertedBy: the ruling's authority (the court) for a finding; for an
// allegation the speaker the extraction found, the publisher of each
// evidence document, or "unattributed" with the document.
func (r *Resolver) assertedBy(ctx context.Context, v *model.ViolationClaim) ([]*model.Asserter, error) {
	out := []*model.Asserter{}
	if v.Stance == model.StanceFound {
		hs, err := r.hops(ctx, neo4jdb.SpecParticipants, v.Event.ID(), neo4jdb.RelArgs{Limit: 10, Role: "authority"})
		if err != nil {
			return nil, err
		}
		for _, h := range hs {
			if a := model.ActorOf(h.Node); a != nil {
				out = append(out, &model.Asserter{Name: h.Node.Str("name"), Actor: a})
			}
		}
		return out, nil
	}
	// the speaker the extraction found, then the publisher of each evidence
	// document; a document that names neither is said to be unattributed
	named := map[string]bool{}
	if v.AssertedByID != "" {
		n, err := For(ctx).Nodes.Load(ctx, v.AssertedByID)
		if err != nil && !notFound(err) {
			return nil, err
		}
		if n != nil {
			out = append(out, &model.Asserter{Name: n.Str("name"), Actor: model.ActorOf(n)})
			named[n.Str("name")] = true
		}
	}
	seen := map[string]bool{}
	var docIDs []string
	for _, e := range v.Evidence {
		if !seen[e.DocID] {
			seen[e.DocID] = true
			docIDs = append(docIDs, e.DocID)
		}
	}
	docs, err := For(ctx).Nodes.LoadAll(ctx, docIDs)
	if err != nil && !notFound(err) && !isMissingOnly(err) {
		return nil, err
	}
	for _, d := range docs {
		if d == nil {
			continue
		}
		pub := d.Str("publisher")
		if pub == "" {
			if len(out) == 0 {
				out = append(out, &model.Asserter{Name: Unattributed, Document: &model.Document{N: d}})
			}
			continue
		}
		if named[pub] {
			continue
		}
		named[pub] = true
		a := &model.Asserter{Name: pub, Document: &model.Document{N: d}}
		actor, err := For(ctx).ActorsByName.Load(ctx, pub)
		if err != nil {
			return nil, err
		}
		a.Actor = model.ActorOf(actor)
		out = append(out, a)
	}
	return out, nil
}

// isMissingOnly reports whether every error in a LoadAll error list is a not-found.
func isMissingOnly(err error) bool {
	var errs errorSlice
	if !errors.As(err, &errs) {
		return false
	}
	for _, e := range errs {
		if e != nil && !notFound(e) {
			return false
		}
	}
	return true
}

// list reads one page of a root list, with a totalCount that runs only when selected.
func (r *Resolver) list(ctx context.Context, kind string, filterIn, orderIn any, first *int, after *string, last *int, before *string) (*neo4jdb.Page, model.Counter, error) {
	if _, err := r.size("first", first, 0); err != nil {
		return nil, model.Counter{}, err
	}
	if _, err := r.size("last", last, 0); err != nil {
		return nil, model.Counter{}, err
	}
	// The generated input structs carry the schema's field names as JSON
	// tags, so a JSON round trip gives the tree neo4jdb compiles.
	var filter map[string]any
	var orderBy []map[string]any
	if err := roundTrip(filterIn, &filter); err != nil {
		return nil, model.Counter{}, err
	}
	if err := roundTrip(orderIn, &orderBy); err != nil {
		return nil, model.Counter{}, err
	}
	q := neo4jdb.ListQuery{Kind: neo4jdb.ListKinds[kind], Filter: filter, Order: orderBy, First: first, After: after, Last: last, Before: before}
	p, err := r.DB.List(ctx, q)
	if err != nil {
		return nil, model.Counter{}, err
	}
	return p, model.NewCounter(func(ctx context.Context) (int, error) { return r.DB.Count(ctx, q) }), nil
}

// addNotFound reports an unknown id at index i of a list field.
func addNotFound(ctx context.Context, i int, id string) {
	graphql.AddError(ctx, &gqlerror.Error{
		Path: append(graphql.GetPath(ctx), ast.PathIndex(i)),
		Err:  rightsgraph.Errorf(rightsgraph.ENOTFOUND, "no node with id %q", id),
	})
}

func roundTrip(in, out any) error {
	b, err := json.Marshal(in)
	if err != nil {
		return fmt.Errorf("encode list arguments: %w", err)
	}
	if err := json.Unmarshal(b, out); err != nil {
		return fmt.Errorf("decode list arguments: %w", err)
	}
	return nil
}

// str is *s, or "" for nil.
func str(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
