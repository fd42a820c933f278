package graph_test

import (
	"slices"
	"testing"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/graph"
	"github.com/rightsgraph/rightsgraph/graph/generated"
)

// TestEventTypeEnum: the schema's EventType enum is the ontology's list of
// event types (rightsgraph.EventTypes), in its order, so a type added there
// and to the trigger tables (extract, checked by TestTriggerTables) must be
// added to schema.graphqls too.
func TestEventTypeEnum(t *testing.T) {
	schema := generated.NewExecutableSchema(generated.Config{Resolvers: &graph.Resolver{}}).Schema()
	def := schema.Types["EventType"]
	if def == nil {
		t.Fatal("no EventType in the schema")
	}
	var got []string
	for _, v := range def.EnumValues {
		got = append(got, v.Name)
	}
	if !slices.Equal(got, rightsgraph.EventTypes) {
		t.Errorf("schema EventType %v, ontology %v", got, rightsgraph.EventTypes)
	}
}
