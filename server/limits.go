package server

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// CostFunc is a field's complexity given its children's and its arguments.
type CostFunc func(childComplexity int, args map[string]any) int

// costSchema gives fields real costs for gqlgen's complexity limit: a field
// with a first/last argument costs its page size times its children (the
// schema's default when the client gives none), nodes(ids) costs one child
// per id, and introspection costs nothing. Config.Costs overrides a field.
type costSchema struct {
	graphql.ExecutableSchema
	costs map[string]CostFunc
}

// Complexity implements graphql.ExecutableSchema.
func (c *costSchema) Complexity(ctx context.Context, typeName, field string, child int, args map[string]any) (int, bool) {
	if f, ok := c.costs[typeName+"."+field]; ok {
		return f(child, args), true
	}
	if strings.HasPrefix(field, "__") || strings.HasPrefix(typeName, "__") {
		return 1, true
	}
	n := -1
	for _, a := range []string{"first", "last"} {
		if v, ok := asInt(args[a]); ok && v > n {
			n = v
		}
	}
	if ids, ok := args["ids"].([]any); ok {
		n = len(ids)
	}
	if n < 0 {
		if !c.paged(typeName, field) {
			return 0, false // gqlgen's default: 1 + children
		}
		n = 20 // a list given neither first nor last: the default page size
	}
	if n == 0 {
		n = 1
	}
	return 1 + n*child, true
}

func asInt(v any) (int, bool) {
	switch x := v.(type) {
	case int:
		return x, true
	case int64:
		return int(x), true
	case *int:
		if x != nil {
			return *x, true
		}
	}
	return 0, false
}

// depthLimit rejects operations nested deeper than max (introspection
// fields do not count: the Playground's schema query is deep by nature).
type depthLimit struct{ max int }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = depthLimit{}

func (d depthLimit) ExtensionName() string                          { return "DepthLimit" }
func (d depthLimit) Validate(schema graphql.ExecutableSchema) error { return nil }

func (d depthLimit) MutateOperationContext(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	op := opCtx.Doc.Operations.ForName(opCtx.OperationName)
	if op == nil {
		return nil
	}
	if depth := selectionDepth(op.SelectionSet, 0); depth > d.max {
		err := gqlerror.Errorf("query depth limit exceeded: the query is nested %d levels deep, the maximum depth is %d", depth, d.max)
		err.Extensions = map[string]any{"code": "LIMIT"}
		return err
	}
	return nil
}

// selectionDepth is the deepest field nesting under set. Validation has
// already rejected fragment cycles; guard is a second fence.
func selectionDepth(set ast.SelectionSet, guard int) int {
	if guard > 100 {
		return guard
	}
	max := 0
	for _, sel := range set {
		var d int
		switch s := sel.(type) {
		case *ast.Field:
			if strings.HasPrefix(s.Name, "__") {
				continue
			}
			d = 1 + selectionDepth(s.SelectionSet, guard+1)
		case *ast.InlineFragment:
			d = selectionDepth(s.SelectionSet, guard+1)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				d = selectionDepth(s.Definition.SelectionSet, guard+1)
			}
		}
		if d > max {
			max = d
		}
	}
	return max
}

// paged reports whether typeName.field takes a first argument.
func (c *costSchema) paged(typeName, field string) bool {
	t := c.Schema().Types[typeName]
	if t == nil {
		return false
	}
	f := t.Fields.ForName(field)
	return f != nil && f.Arguments.ForName("first") != nil
}
