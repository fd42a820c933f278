// Package graph holds the GraphQL resolvers. Generated code lives in
// graph/generated (executable schema) and graph/model (models_gen.go); the
// resolvers stay thin: they call neo4jdb through the per-request loaders.
package graph

//go:generate sh -c "cd .. && go tool gqlgen generate"

import (
	"log/slog"

	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

// Limits bound what one request may ask for.
type Limits struct {
	// MaxPageSize caps first/last on every list and relationship field.
	MaxPageSize int
	// MaxHops caps path lengths and neighbourhood depths (relations fields).
	MaxHops int
}

// Resolver holds the resolvers' dependencies.
type Resolver struct {
	DB     *neo4jdb.DB
	Limits Limits
	Log    *slog.Logger
}
