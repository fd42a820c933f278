package server

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/complexity"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/rightsgraph/rightsgraph/graph"
	"github.com/rightsgraph/rightsgraph/graph/generated"
)

// TestDefaultPageSizesFitTheComplexityLimit builds the "ordinary" queries a
// client writes without thinking about page sizes: every root list (at its
// default page), one node, a nested list of that node at its default page,
// and a list nested in that at its default page, each with a few scalar
// fields (a list reached back through itself is left out). Every such query must stay inside the default complexity limit:
// a client that takes the defaults must not trip it.
func TestDefaultPageSizesFitTheComplexityLimit(t *testing.T) {
	es := &costSchema{ExecutableSchema: generated.NewExecutableSchema(generated.Config{Resolvers: &graph.Resolver{}}), costs: RelationCosts()}
	schema := es.Schema()
	var over []string
	n := 0
	for _, q := range ordinaryQueries(schema) {
		doc, errs := gqlparser.LoadQuery(schema, q)
		if len(errs) > 0 {
			t.Fatalf("%s: %v", q, errs)
		}
		c := complexity.Calculate(context.Background(), es, doc.Operations[0], nil)
		n++
		if c > DefaultMaxComplexity {
			over = append(over, fmt.Sprintf("%6d  %s", c, q))
		}
	}
	if n < 100 {
		t.Fatalf("only %d queries built", n)
	}
	sort.Strings(over)
	if len(over) > 0 {
		t.Errorf("%d of %d ordinary queries exceed the default complexity limit of %d:\n%s", len(over), n, DefaultMaxComplexity, strings.Join(over, "\n"))
	}
}

// ordinaryQueries returns root list -> nested list -> nested list queries.
func ordinaryQueries(s *ast.Schema) []string {
	var out []string
	for _, root := range s.Query.Fields {
		rt := s.Types[root.Type.Name()]
		if rt == nil || !strings.HasSuffix(rt.Name, "Connection") || root.Arguments.ForName("first") == nil {
			continue
		}
		args := requiredArgs(root)
		node := s.Types[rt.Fields.ForName("edges").Type.Name()].Fields.ForName("node").Type.Name()
		for _, f := range nestedLists(s, s.Types[node]) {
			for _, g := range nestedLists(s, s.Types[f.elem]) {
				if listName(g.path) == listName(f.path) {
					continue // a list reached back through itself (provisions -> instrument -> provisions) is a cycle
				}
				inner := fmt.Sprintf("%s { %s }%s", g.path, leaves(s, s.Types[g.elem]), closers(g.path))
				out = append(out, fmt.Sprintf("{ %s%s { edges { node { ... on %s { %s { %s }%s } } } } }",
					root.Name, args, node, f.path, inner, closers(f.path)))
			}
		}
	}
	sort.Strings(out)
	return out
}

type nested struct {
	path string // selection up to the list field, e.g. "events" or "node { mentions"
	elem string // the list's element type (through a connection's edges.node)
}

// nestedLists are the paged fields of t, directly or through one non-list
// object field (Link.node, Participant.actor), as selections to open.
func nestedLists(s *ast.Schema, t *ast.Definition) []nested {
	var out []nested
	if t == nil {
		return nil
	}
	for _, f := range t.Fields {
		ft := s.Types[f.Type.Name()]
		if strings.HasPrefix(f.Name, "__") || ft == nil || (ft.Kind != ast.Object && ft.Kind != ast.Interface) {
			continue
		}
		if f.Arguments.ForName("first") != nil {
			elem := ft.Name
			path := f.Name
			if e := ft.Fields.ForName("edges"); e != nil {
				elem = s.Types[e.Type.Name()].Fields.ForName("node").Type.Name()
				path = f.Name + " { edges { node"
				out = append(out, nested{path: path, elem: elem})
				continue
			}
			out = append(out, nested{path: path, elem: elem})
			continue
		}
		if f.Type.Elem == nil { // a single object: look one level in
			for _, g := range ft.Fields {
				gt := s.Types[g.Type.Name()]
				if g.Arguments.ForName("first") == nil || gt == nil || strings.HasPrefix(g.Name, "__") {
					continue
				}
				if e := gt.Fields.ForName("edges"); e != nil {
					out = append(out, nested{path: f.Name + " { " + g.Name + " { edges { node", elem: s.Types[e.Type.Name()].Fields.ForName("node").Type.Name()})
				} else {
					out = append(out, nested{path: f.Name + " { " + g.Name, elem: gt.Name})
				}
			}
		}
	}
	return out
}

// leaves selects up to three scalar fields of t (and closes the braces the
// nested path opened).
func leaves(s *ast.Schema, t *ast.Definition) string {
	var fs []string
	for _, f := range t.Fields {
		ft := s.Types[f.Type.Name()]
		if ft != nil && (ft.Kind == ast.Scalar || ft.Kind == ast.Enum) && !strings.HasPrefix(f.Name, "__") && len(f.Arguments) == 0 {
			fs = append(fs, f.Name)
		}
		if len(fs) == 3 {
			break
		}
	}
	if len(fs) == 0 {
		fs = []string{"__typename"}
	}
	return strings.Join(fs, " ")
}

func requiredArgs(f *ast.FieldDefinition) string {
	var as []string
	for _, a := range f.Arguments {
		if a.Type.NonNull && a.DefaultValue == nil {
			as = append(as, a.Name+`: "x"`)
		}
	}
	if len(as) == 0 {
		return ""
	}
	return "(" + strings.Join(as, ", ") + ")"
}

func closers(path string) string { return strings.Repeat(" }", strings.Count(path, "{")) }

// listName is the paged field a nested path selects.
func listName(path string) string {
	f := strings.Fields(strings.ReplaceAll(path, "{", " "))
	for i := len(f) - 1; i >= 0; i-- {
		if f[i] != "edges" && f[i] != "node" {
			return f[i]
		}
	}
	return ""
}
