package server

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"
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
		if c.paged(typeName, field) {
			n = 20 // a list given neither first nor last: the default page size
		} else if c.list(typeName, field) {
			n = unpagedListSize(typeName, field, args)
		} else {
			return 0, false // gqlgen's default: 1 + children
		}
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

// unpagedListSize is the cost multiplier of a list field without first or
// last: what such a list holds on the reference data and corpus (a state's
// obligations span about 40 instruments; an instrument's provisions, an
// edge's evidence or a claim's asserters are a handful), so that many
// aliases of a cheap-looking field add up to their real cost.
func unpagedListSize(typeName, field string, args map[string]any) int {
	if strings.HasSuffix(typeName, "Connection") || typeName == "Subgraph" || typeName == "Path" {
		return 1 // the page, subgraph or path size is already the parent's multiplier
	}
	switch typeName + "." + field {
	case "Query.obligations":
		if args["instrument"] != nil {
			return 1
		}
		return 40
	case "Instrument.parties":
		return 50
	case "InstrumentObligations.provisions":
		return 10
	case "RightViolations.provisions", "ProvisionViolations.claims":
		return 1 // they group the claims violations(first:) already counts
	}
	return 5
}

// list reports whether typeName.field returns a list of objects (a list of
// scalars costs what its field costs: it is one property).
func (c *costSchema) list(typeName, field string) bool {
	t := c.Schema().Types[typeName]
	if t == nil {
		return false
	}
	f := t.Fields.ForName(field)
	if f == nil || f.Type == nil || f.Type.Elem == nil {
		return false
	}
	elem := f.Type.Elem
	for elem.Elem != nil {
		elem = elem.Elem
	}
	et := c.Schema().Types[elem.NamedType]
	return et != nil && et.Kind != "SCALAR" && et.Kind != "ENUM"
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
