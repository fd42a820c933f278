package neo4jdb_test

import (
	"context"
	"strings"
	"testing"
	"time"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

// routed is cfg with the routing scheme: neo4j:// instead of bolt://.
func routed(cfg neo4jdb.Config) neo4jdb.Config {
	if i := strings.Index(cfg.URI, "://"); i >= 0 {
		cfg.URI = "neo4j" + cfg.URI[i:]
	}
	return cfg
}

// TestRoutingURIAndBookmarks runs migrations, a load and reads through a
// neo4j:// URI (the driver asks the server for its routing table and sends
// read sessions to readers, write sessions to the writer; one server is
// both), and checks that the handle's bookmark manager holds the load's
// bookmark, which the next transaction waits for.
func TestRoutingURIAndBookmarks(t *testing.T) {
	neo4jtest.Open(t) // empties and migrates the test database, and holds it
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cfg := routed(neo4jtest.Config())
	if !strings.HasPrefix(cfg.URI, "neo4j://") {
		t.Fatalf("routing URI %q", cfg.URI)
	}
	db, err := neo4jdb.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(context.Background())
	if err := db.Ping(ctx); err != nil {
		t.Fatalf("ping %s: %v", cfg.URI, err)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate through %s: %v", cfg.URI, err)
	}
	before, err := neo4jdb.Bookmarks(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.WriteExtraction(ctx, fixture("doc-routed", "routed.txt", "Ada Routed"), neo4jdb.WriteOptions{}); err != nil {
		t.Fatalf("write through %s: %v", cfg.URI, err)
	}
	after, err := neo4jdb.Bookmarks(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) == 0 || strings.Join(after, ",") == strings.Join(before, ",") {
		t.Errorf("the load left no new bookmark: before %v, after %v", before, after)
	}
	// The read right after the write, on a read session, sees it.
	nodes, err := db.NodesByID(ctx, []string{"person:ada-routed", "state:BEL"})
	if err != nil {
		t.Fatalf("read through %s: %v", cfg.URI, err)
	}
	if nodes["person:ada-routed"] == nil || nodes["state:BEL"] == nil {
		t.Errorf("the read after the load misses its nodes: %v", nodes)
	}
	first := 5
	page, err := db.List(ctx, neo4jdb.ListQuery{Kind: neo4jdb.ListKinds["persons"], First: &first,
		Filter: map[string]any{"name": map[string]any{"startsWith": "ADA"}}})
	if err != nil || len(page.Nodes) != 1 || page.Nodes[0].ID != "person:ada-routed" {
		t.Errorf("list after the load: %v, %v", page, err)
	}
	// The same handle's reads keep the write's bookmark (reads add their own).
	later, _ := neo4jdb.Bookmarks(ctx, db)
	if len(later) == 0 {
		t.Error("the bookmark manager lost its bookmarks after a read")
	}

	// A routing URI to nothing is unavailable, not an internal error.
	down, err := neo4jdb.Open(neo4jdb.Config{URI: "neo4j://127.0.0.1:1", User: "neo4j", Password: "x"})
	if err != nil {
		t.Fatal(err)
	}
	defer down.Close(context.Background())
	pctx, pcancel := context.WithTimeout(ctx, 20*time.Second)
	defer pcancel()
	if err := down.Ping(pctx); rightsgraph.ErrorCode(err) != rightsgraph.EUNAVAILABLE {
		t.Errorf("ping neo4j://127.0.0.1:1: %v (code %s), want unavailable", err, rightsgraph.ErrorCode(err))
	}
	if _, err := down.NodesByID(pctx, []string{"state:BEL"}); rightsgraph.ErrorCode(err) != rightsgraph.EUNAVAILABLE {
		t.Errorf("read through neo4j://127.0.0.1:1: %v (code %s), want unavailable", err, rightsgraph.ErrorCode(err))
	}
}
