package neo4jdb_test

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

func neo4jExec(ctx context.Context, db *neo4jdb.DB, cypher string) (*neo4j.EagerResult, error) {
	return neo4j.ExecuteQuery(ctx, neo4jtest.Driver(db), cypher, nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(db.Database()))
}
