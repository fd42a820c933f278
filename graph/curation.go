package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/graph/model"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

// IncludeDisputed implements the operation directive @includeDisputed: the
// whole operation's reads also return disputed facts.
func IncludeDisputed(ctx context.Context, _ any, next graphql.Resolver) (any, error) {
	return next(neo4jdb.WithDisputed(ctx))
}

// curator reports whether ctx's principal may curate (and see decisions and notes).
func curator(ctx context.Context) bool {
	return rightsgraph.PrincipalFrom(ctx).Role.AtLeast(rightsgraph.RoleCurator)
}

// requireCurator is the check of every curation mutation.
func requireCurator(ctx context.Context) error {
	if !curator(ctx) {
		p := rightsgraph.PrincipalFrom(ctx)
		if p.Anonymous {
			return rightsgraph.ErrUnauthenticated
		}
		return rightsgraph.ErrForbidden
	}
	return nil
}

func (r *Resolver) decide(ctx context.Context, edge, kind string, note *string) (*model.FactStatus, error) {
	if err := requireCurator(ctx); err != nil {
		return nil, err
	}
	n := ""
	if note != nil {
		n = *note
	}
	d, err := r.DB.Decide(ctx, edge, kind, n)
	if err != nil {
		return nil, err
	}
	return &model.FactStatus{Edge: edge, Disputed: kind == neo4jdb.DecisionDispute, Decision: decisionOut(d)}, nil
}

func (r *Resolver) notesOf(ctx context.Context, target string) ([]*model.Note, error) {
	if !curator(ctx) {
		return []*model.Note{}, nil
	}
	ns, err := For(ctx).Notes.Load(ctx, target)
	if err != nil {
		return nil, err
	}
	out := make([]*model.Note, 0, len(ns))
	for _, n := range ns {
		out = append(out, noteOut(n))
	}
	return out, nil
}

func decisionOut(d *neo4jdb.Decision) *model.Decision {
	out := &model.Decision{ID: d.ID, Kind: model.DecisionKind(d.Kind), Target: d.Target, By: d.By, At: d.At}
	if d.Note != "" {
		n := d.Note
		out.Note = &n
	}
	return out
}

func decisionsOut(ds []*neo4jdb.Decision) []*model.Decision {
	out := make([]*model.Decision, 0, len(ds))
	for _, d := range ds {
		out = append(out, decisionOut(d))
	}
	return out
}

func noteOut(n *neo4jdb.Note) *model.Note {
	return &model.Note{ID: n.ID, Target: n.Target, Text: n.Text, By: n.By, At: n.At}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
