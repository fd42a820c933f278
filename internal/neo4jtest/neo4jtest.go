// Package neo4jtest gives integration tests a clean, migrated Neo4j database.
//
// Tests run against a real Neo4j 5 server (never a mock), found through the
// environment: NEO4J_URI (default bolt://127.0.0.1:7687), NEO4J_USER (neo4j),
// NEO4J_PASSWORD (rightsgraph), NEO4J_DATABASE (server default). A test that
// calls Open fails, rather than skips, when the server does not answer.
//
// Open empties the whole database, so two tests must not use the same server
// at the same time. Open therefore holds a lock until the test's cleanup:
// a mutex inside the test binary and a file lock (keyed by the URI and
// database) across the test binaries that `go test ./...` runs in parallel.
// Call Open once per top-level test; a subtest that calls Open while its
// parent holds the database waits for the parent, which waits for it.
package neo4jtest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

// Config returns the connection settings from the environment.
func Config() neo4jdb.Config {
	return neo4jdb.Config{
		URI:      envOr("NEO4J_URI", "bolt://127.0.0.1:7687"),
		User:     envOr("NEO4J_USER", "neo4j"),
		Password: envOr("NEO4J_PASSWORD", "rightsgraph"),
		Database: os.Getenv("NEO4J_DATABASE"),
	}
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// inProcess serialises the tests of one test binary.
var inProcess sync.Mutex

// lockTimeout bounds how long Open waits for another test to release the
// database before failing.
const lockTimeout = 10 * time.Minute

// Open connects to the test Neo4j, waits for exclusive use of it, deletes
// every node and relationship, applies the migrations and returns the
// handle. The handle is closed and the lock released in tb.Cleanup.
func Open(tb testing.TB) *neo4jdb.DB {
	tb.Helper()
	cfg := Config()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	db, err := neo4jdb.Open(cfg)
	if err != nil {
		tb.Fatalf("neo4jtest: %v", err)
	}
	pingCtx, pingCancel := context.WithTimeout(ctx, 15*time.Second)
	err = db.Ping(pingCtx)
	pingCancel()
	if err != nil {
		_ = db.Close(context.Background())
		tb.Fatalf("Neo4j not reachable at %s: start it with `make neo4j` (or set NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD): %v", cfg.URI, err)
	}

	unlock := lock(tb, cfg)
	tb.Cleanup(func() {
		_ = db.Close(context.Background())
		unlock()
	})
	if err := Reset(ctx, db); err != nil {
		tb.Fatalf("neo4jtest: empty the database at %s: %v", cfg.URI, err)
	}
	if err := db.Migrate(ctx); err != nil {
		tb.Fatalf("neo4jtest: migrate: %v", err)
	}
	return db
}

// Reset deletes relationships first, then nodes, in batches that are each
// their own transaction: DETACH DELETE of a batch of nodes would also take
// all their relationships into one transaction, and a node with many (a
// state mentioned by every document) exceeds the server's transaction
// memory. Each must run in an auto-commit transaction (session.Run), as
// CALL IN TRANSACTIONS requires.
const (
	resetRelsCypher  = `MATCH ()-[r]->() CALL { WITH r DELETE r } IN TRANSACTIONS OF 5000 ROWS`
	resetNodesCypher = `MATCH (n) CALL { WITH n DELETE n } IN TRANSACTIONS OF 5000 ROWS`
)

// Reset deletes every node and relationship (schema stays).
func Reset(ctx context.Context, db *neo4jdb.DB) error {
	sess := db.Session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	for _, q := range []string{resetRelsCypher, resetNodesCypher} {
		res, err := sess.Run(ctx, q, nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return neo4jdb.Translate(err)
		}
	}
	return nil
}

// lock takes the in-process mutex and a file lock named after the server and
// database, failing tb after lockTimeout.
func lock(tb testing.TB, cfg neo4jdb.Config) (unlock func()) {
	tb.Helper()
	deadline := time.Now().Add(lockTimeout)
	for !inProcess.TryLock() {
		if time.Now().After(deadline) {
			tb.Fatalf("neo4jtest: another test in this binary held %s for %v (does a subtest call Open while its parent holds it?)", cfg.URI, lockTimeout)
		}
		time.Sleep(20 * time.Millisecond)
	}
	sum := sha256.Sum256([]byte(cfg.URI + "\x00" + cfg.Database))
	path := filepath.Join(os.TempDir(), "rightsgraph-neo4jtest-"+hex.EncodeToString(sum[:8])+".lock")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o666)
	if err != nil {
		inProcess.Unlock()
		tb.Fatalf("neo4jtest: open lock file: %v", err)
	}
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			f.Close()
			inProcess.Unlock()
			tb.Fatalf("neo4jtest: another test process held %s for %v (lock %s)", cfg.URI, lockTimeout, path)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return func() {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
		inProcess.Unlock()
	}
}

// Count returns the result of a count query (a query returning one integer
// column), failing tb on error. Handy for asserting node and relationship counts.
func Count(tb testing.TB, db *neo4jdb.DB, cypher string, params map[string]any) int64 {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := neo4j.ExecuteQuery(ctx, db.Driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(db.Database()), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		tb.Fatalf("neo4jtest: %s: %v", cypher, err)
	}
	if len(res.Records) != 1 || len(res.Records[0].Values) != 1 {
		tb.Fatalf("neo4jtest: %s: want one value, got %d records", cypher, len(res.Records))
	}
	n, ok := res.Records[0].Values[0].(int64)
	if !ok {
		tb.Fatalf("neo4jtest: %s: not an integer: %T", cypher, res.Records[0].Values[0])
	}
	return n
}

// Rows returns the values of every record of a query, failing tb on error.
func Rows(tb testing.TB, db *neo4jdb.DB, cypher string, params map[string]any) [][]any {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := neo4j.ExecuteQuery(ctx, db.Driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(db.Database()), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		tb.Fatalf("neo4jtest: %s: %v", cypher, err)
	}
	out := make([][]any, len(res.Records))
	for i, r := range res.Records {
		out[i] = r.Values
	}
	return out
}
