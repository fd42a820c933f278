// Package neo4jdb is the only package that imports the Neo4j driver. It owns
// the connection, the schema migrations, the loader's writes and the API's
// reads. Every query is a named constant run with parameters.
package neo4jdb

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// Config says how to reach Neo4j.
type Config struct {
	// URI is bolt://host:7687 for one server, or neo4j://host:7687 (and
	// neo4j+s:// for Aura) to let the driver route: reads to followers,
	// writes to the leader.
	URI      string
	User     string
	Password string
	Database string // "" means the server's default (neo4j)
	// MaxRetryTime bounds how long a write is retried while Neo4j does not
	// answer (15 s when 0); then it fails as unavailable.
	MaxRetryTime time.Duration
	// MaxPoolSize caps the driver's connections (the driver's default, 100,
	// when 0); a read that waits longer than AcquisitionTimeout (10 s when
	// 0) for one fails as busy.
	MaxPoolSize        int
	AcquisitionTimeout time.Duration
}

// DB is a handle on a Neo4j database. It is safe for concurrent use.
type DB struct {
	// driver is not exported: every statement the API and the loader send
	// is a constant of this package. Tests and benchmarks that need Cypher
	// of their own open a driver of their own (internal/rawdriver).
	driver   neo4j.DriverWithContext
	database string
	// bookmarks is shared by every session and query of this handle: each
	// transaction starts after the last one this process saw committed, so
	// on a cluster a read that follows a load (on a follower) sees the
	// load's writes. On a single server it costs nothing.
	bookmarks neo4j.BookmarkManager
}

// Open creates a driver for cfg. It does not require the server to be up:
// the driver connects lazily, so a server started before Neo4j can still come
// up and recover once Neo4j answers. Use Ping to check reachability.
func Open(cfg Config) (*DB, error) {
	if cfg.URI == "" {
		return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "neo4j: no URI configured")
	}
	auth := neo4j.NoAuth()
	if cfg.User != "" {
		auth = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	drv, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		c.SocketConnectTimeout = 5 * time.Second
		c.ConnectionAcquisitionTimeout = 10 * time.Second
		c.MaxTransactionRetryTime = 15 * time.Second
		if cfg.MaxPoolSize > 0 {
			c.MaxConnectionPoolSize = cfg.MaxPoolSize
		}
		if cfg.AcquisitionTimeout > 0 {
			c.ConnectionAcquisitionTimeout = cfg.AcquisitionTimeout
		}
		if cfg.MaxRetryTime > 0 {
			c.MaxTransactionRetryTime = cfg.MaxRetryTime
			c.ConnectionAcquisitionTimeout = min(c.ConnectionAcquisitionTimeout, cfg.MaxRetryTime)
		}
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: open %s: %w", cfg.URI, err)
	}
	return &DB{driver: drv, database: cfg.Database, bookmarks: neo4j.NewBookmarkManager(neo4j.BookmarkManagerConfig{})}, nil
}

// Close closes the driver.
func (db *DB) Close(ctx context.Context) error { return db.driver.Close(ctx) }

// Database returns the configured database name ("" for the default).
func (db *DB) Database() string { return db.database }

// Ping checks that Neo4j answers.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.driver.VerifyConnectivity(ctx); err != nil {
		return Translate(err)
	}
	return nil
}

// Session opens a session in the given access mode on the configured
// database, with the handle's bookmark manager. With a routing URI
// (neo4j://, neo4j+s://) the mode routes its transactions: a read session's
// auto-commit reads and ExecuteRead go to the cluster's readers
// (followers, read replicas), a write session's to the leader.
func (db *DB) Session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return db.driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: mode, DatabaseName: db.database, BookmarkManager: db.bookmarks})
}

// ErrUnavailable is what callers see when the database cannot be reached.
var ErrUnavailable = rightsgraph.Errorf(rightsgraph.EUNAVAILABLE, "graph database unavailable")

// ErrBusy is what callers see when every connection to the database is in
// use for longer than the acquisition timeout: the database is up, the
// server is saturated.
var ErrBusy = rightsgraph.Errorf(rightsgraph.EBUSY, "server busy: every graph database connection is in use, retry later")

// ErrCancelled is what callers see when the request's context was cancelled
// (the client went away) before the database answered.
var ErrCancelled = rightsgraph.Errorf(rightsgraph.ECANCELLED, "request cancelled")

// isPoolExhausted recognises the driver's pool errors (their types are
// internal to the driver): "Timeout while waiting for connection" and "No
// idle connections".
func isPoolExhausted(err error) bool {
	m := err.Error()
	return strings.Contains(m, "Timeout while waiting for connection") || strings.Contains(m, "No idle connections on any of")
}

// Translate maps driver errors to the domain's error codes: connectivity
// problems become ErrUnavailable, timeouts become a limit error, client
// errors stay internal (their detail belongs in the log, not to clients).
func Translate(err error) error {
	if err == nil {
		return nil
	}
	var appErr *rightsgraph.Error
	if errors.As(err, &appErr) {
		return err
	}
	var connErr *neo4j.ConnectivityError
	var netErr net.Error
	var usageErr *neo4j.UsageError
	var nErr *neo4j.Neo4jError
	var limitErr *neo4j.TransactionExecutionLimit
	if errors.As(err, &limitErr) && len(limitErr.Errors) > 0 {
		// The driver's retries ran out: what failed is the last attempt's
		// error (a connectivity error while Neo4j is down), which the limit
		// error does not unwrap to.
		if last := Translate(limitErr.Errors[len(limitErr.Errors)-1]); rightsgraph.ErrorCode(last) != rightsgraph.EINTERNAL {
			return fmt.Errorf("%w (after %d attempts)", last, len(limitErr.Errors))
		}
	}
	switch {
	case errors.Is(err, context.Canceled):
		return fmt.Errorf("%w: %v", ErrCancelled, err)
	case isPoolExhausted(err):
		return fmt.Errorf("%w: %v", ErrBusy, err)
	case errors.As(err, &connErr), errors.As(err, &netErr):
		return fmt.Errorf("%w: %v", ErrUnavailable, err)
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("%w: %v", rightsgraph.Errorf(rightsgraph.ELIMIT, "query timed out"), err)
	case errors.As(err, &nErr):
		switch nErr.Code {
		case "Neo.ClientError.Transaction.TransactionTimedOut",
			"Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration":
			return fmt.Errorf("%w: %v", rightsgraph.Errorf(rightsgraph.ELIMIT, "query timed out"), err)
		case "Neo.TransientError.General.MemoryPoolOutOfMemoryError",
			"Neo.TransientError.General.TransactionMemoryLimit":
			// Not an outage: this one transaction (or all running ones
			// together) needs more memory than Neo4j's transaction pool allows.
			return fmt.Errorf("%w: %v", rightsgraph.Errorf(rightsgraph.ELIMIT,
				"Neo4j refused the transaction: it needs more memory than dbms.memory.transaction.total.max allows"), err)
		case "Neo.TransientError.General.DatabaseUnavailable",
			"Neo.ClientError.Security.Unauthorized",
			"Neo.ClientError.Database.DatabaseNotFound":
			return fmt.Errorf("%w: %v", ErrUnavailable, err)
		}
	case errors.As(err, &usageErr):
		return err
	}
	if neo4j.IsRetryable(err) {
		return fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	return err
}
