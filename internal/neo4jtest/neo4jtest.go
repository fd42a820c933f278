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

	"github.com/rightsgraph/rightsgraph/internal/rawdriver"
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

	raw, err := rawdriver.Open(cfg)
	if err != nil {
		_ = db.Close(context.Background())
		tb.Fatalf("neo4jtest: %v", err)
	}
	unlock := lock(tb, cfg)
	drivers.Store(db, raw)
	tb.Cleanup(func() {
		drivers.Delete(db)
		_ = raw.Close(context.Background())
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

// drivers holds the driver of its own that Open opens beside each handle:
// neo4jdb does not export its driver.
var drivers sync.Map // *neo4jdb.DB -> *rawdriver.Conn

// Driver returns a driver on db's server and database for statements the
// API never sends (fixtures, counts, EXPLAIN). db must come from Open.
func Driver(db *neo4jdb.DB) neo4j.DriverWithContext { return conn(db).Driver }

func conn(db *neo4jdb.DB) *rawdriver.Conn {
	c, ok := drivers.Load(db)
	if !ok {
		panic("neo4jtest: the handle does not come from neo4jtest.Open")
	}
	return c.(*rawdriver.Conn)
}

// Reset deletes every node and relationship (schema stays), in batches that
// are each their own transaction (a hub's relationships would exceed the
// server's transaction memory in one).
func Reset(ctx context.Context, db *neo4jdb.DB) error {
	if err := conn(db).Wipe(ctx); err != nil {
		return neo4jdb.Translate(err)
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
	n, err := conn(db).Count(ctx, cypher, params)
	if err != nil {
		tb.Fatalf("neo4jtest: %v", err)
	}
	return n
}

// Rows returns the values of every record of a query, failing tb on error.
func Rows(tb testing.TB, db *neo4jdb.DB, cypher string, params map[string]any) [][]any {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := neo4j.ExecuteQuery(ctx, Driver(db), cypher, params, neo4j.EagerResultTransformer,
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
