package neo4jdb_test

import (
	"context"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

// When every connection of the pool is taken, a read fails as busy (retry
// later), not as "graph database unavailable": Neo4j is up.
func TestPoolExhaustedIsBusy(t *testing.T) {
	neo4jtest.Open(t)
	cfg := neo4jtest.Config()
	cfg.MaxPoolSize, cfg.AcquisitionTimeout = 1, 300*time.Millisecond
	db, err := neo4jdb.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	defer db.Close(ctx)
	sess := db.Session(ctx, neo4j.AccessModeRead)
	defer sess.Close(ctx)
	tx, err := sess.BeginTransaction(ctx) // holds the only connection
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	_, err = db.Stats(ctx)
	if code := rightsgraph.ErrorCode(err); code != rightsgraph.EBUSY {
		t.Fatalf("read with the pool exhausted: %v (code %s), want busy", err, code)
	}
}
