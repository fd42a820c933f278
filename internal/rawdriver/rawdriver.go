// Package rawdriver opens a Neo4j driver of its own, beside a neo4jdb.DB,
// for the tests and benchmarks that send Cypher the API never sends:
// emptying a database, seeding fixtures, counting, the loader benchmark's
// bare baseline. neo4jdb keeps its driver to itself; the rightsgraph binary
// never links this package (cmd/rightsgraph's TestBinaryLinksNoBenchOrTestCode).
package rawdriver

import (
	"context"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

// Conn is a driver and the database it talks to.
type Conn struct {
	Driver   neo4j.DriverWithContext
	Database string
}

// Open creates a driver for cfg's URI, credentials and database.
func Open(cfg neo4jdb.Config) (*Conn, error) {
	auth := neo4j.NoAuth()
	if cfg.User != "" {
		auth = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	drv, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		c.SocketConnectTimeout = 5 * time.Second
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: open %s: %w", cfg.URI, err)
	}
	return &Conn{Driver: drv, Database: cfg.Database}, nil
}

// Close closes the driver.
func (c *Conn) Close(ctx context.Context) error { return c.Driver.Close(ctx) }

// Write runs one statement in a managed write transaction.
func (c *Conn) Write(ctx context.Context, cypher string, params map[string]any) (*neo4j.EagerResult, error) {
	return neo4j.ExecuteQuery(ctx, c.Driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(c.Database), neo4j.ExecuteQueryWithWritersRouting())
}

// Count runs a statement that returns one integer.
func (c *Conn) Count(ctx context.Context, cypher string, params map[string]any) (int64, error) {
	res, err := neo4j.ExecuteQuery(ctx, c.Driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(c.Database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return 0, err
	}
	if len(res.Records) != 1 || len(res.Records[0].Values) != 1 {
		return 0, fmt.Errorf("%s: want one value, got %d records", cypher, len(res.Records))
	}
	n, ok := res.Records[0].Values[0].(int64)
	if !ok {
		return 0, fmt.Errorf("%s: not an integer: %T", cypher, res.Records[0].Values[0])
	}
	return n, nil
}

// AutoCommit runs statements one after the other, each in its own
// auto-commit transaction, as CALL { ... } IN TRANSACTIONS requires.
func (c *Conn) AutoCommit(ctx context.Context, statements ...string) error {
	sess := c.Driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeWrite, DatabaseName: c.Database})
	defer sess.Close(ctx)
	for _, q := range statements {
		res, err := sess.Run(ctx, q, nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Wipe deletes every relationship, then every node, in batches that are each
// their own transaction: DETACH DELETE of a batch of nodes would take a hub's
// many relationships into one transaction. The schema stays.
func (c *Conn) Wipe(ctx context.Context) error {
	return c.AutoCommit(ctx,
		`MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 5000 ROWS`,
		`MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 5000 ROWS`)
}
