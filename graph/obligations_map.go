package graph

// Mapping of the treaty reads (neo4jdb/read_treaty.go) to the GraphQL types
// of obligations.graphqls. Kept out of obligations.resolvers.go, which gqlgen
// rewrites.

import (
	"github.com/rightsgraph/rightsgraph/graph/model"
	"github.com/rightsgraph/rightsgraph/kb"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

// obEntity wraps a node in its GraphQL type T; the zero T when the node
// is nil or of another kind.
func obEntity[T model.Entity](n *neo4jdb.Node) T {
	var zero T
	if n == nil {
		return zero
	}
	t, ok := model.EntityOf(n).(T)
	if !ok {
		return zero
	}
	return t
}

// obStr dereferences an optional string argument.
func obStr(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// obOptStr is nil for "".
func obOptStr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// participationOf maps a PARTY_TO read; status and reservations are those
// on asOf ("" = latest).
func participationOf(p *neo4jdb.Participation, asOf string) *model.Participation {
	status := model.ParticipationStatusParty
	switch p.Status(asOf) {
	case kb.StatusRatified:
		status = model.ParticipationStatusRatified
	case kb.StatusSignatory:
		status = model.ParticipationStatusSignatory
	case kb.StatusWithdrawn:
		status = model.ParticipationStatusWithdrawn
	}
	return &model.Participation{
		State: obEntity[*model.State](p.State), Instrument: obEntity[*model.Instrument](p.Instrument), Status: status,
		Signed: obOptStr(p.P.Signed), Ratified: obOptStr(p.P.Ratified), Action: obOptStr(p.P.Action),
		InForce: obOptStr(p.P.InForce), Withdrawn: obOptStr(p.P.Withdrawn),
		Reservations: reservationsOf(p.P.ReservationsAsOf(asOf)), Source: obOptStr(p.P.Source),
		Unverified: p.P.Unverified, Confidence: p.Rel.Confidence(), Evidence: model.EvidenceOf(p.Rel.Evidence()),
	}
}

// reservationsOf maps reservations and declarations.
func reservationsOf(rs []kb.Reservation) []*model.Reservation {
	out := make([]*model.Reservation, 0, len(rs))
	for _, r := range rs {
		out = append(out, &model.Reservation{Kind: r.Kind, Article: obOptStr(r.Article), Text: r.Text,
			Made: obOptStr(r.Made), Withdrawn: obOptStr(r.Withdrawn)})
	}
	return out
}

// rightsOf maps right nodes, skipping any other kind.
func rightsOf(ns []*neo4jdb.Node) []*model.Right {
	out := make([]*model.Right, 0, len(ns))
	for _, n := range ns {
		if r := obEntity[*model.Right](n); r != nil {
			out = append(out, r)
		}
	}
	return out
}

// boundObligationsOf maps obligations with their BINDS provenance.
func boundObligationsOf(obs []*neo4jdb.BoundObligation) []*model.BoundObligation {
	out := make([]*model.BoundObligation, 0, len(obs))
	for _, o := range obs {
		ob := obEntity[*model.Obligation](o.Obligation)
		if ob == nil {
			continue
		}
		b := &model.BoundObligation{Obligation: ob, Rights: rightsOf(o.Rights)}
		if o.Source != nil {
			b.Source = model.EntityOf(o.Source)
		}
		if o.Binds != nil {
			b.Confidence, b.Evidence = o.Binds.Confidence(), model.EvidenceOf(o.Binds.Evidence())
		} else {
			b.Evidence = []*model.Evidence{}
		}
		out = append(out, b)
	}
	return out
}
