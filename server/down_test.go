package server_test

import (
	"context"
	"net/http"
	"os"
	osexec "os/exec"
	"strings"
	"testing"
	"time"

	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/server"
)

// TestNeo4jDownAndBack stops the test Neo4j under a running server and
// starts it again: while it is down /healthz stays 200, /readyz is 503 and
// queries get "graph database unavailable"; once it is back the same server
// answers again without a restart. It drives the instance with the script
// named by RIGHTSGRAPH_NEO4J_SCRIPT (scripts/neo4j, with the instance and
// ports in the environment, as make test sets them).
func TestNeo4jDownAndBack(t *testing.T) {
	script := os.Getenv("RIGHTSGRAPH_NEO4J_SCRIPT")
	if script == "" {
		t.Skip("RIGHTSGRAPH_NEO4J_SCRIPT is unset: set it to scripts/neo4j (with RG_NEO4J_INSTANCE and the ports of the test instance) to stop and restart Neo4j under the server; make test does")
	}
	db := neo4jtest.Open(t)
	seed(t, db)
	ts, _ := newServer(t, db, server.DefaultConfig())
	run := func(cmd string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		out, err := osexec.CommandContext(ctx, script, cmd).CombinedOutput()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", script, cmd, err, out)
		}
	}
	status := func(path string) int {
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	const q = `{ stats { nodes } node(id: "state:BEL") { id } }`
	if d := okData(t, query(t, ts, q, nil)); at(d, "node", "id") != "state:BEL" {
		t.Fatalf("before: %v", d)
	}

	stopped := true
	run("stop")
	t.Cleanup(func() {
		if stopped {
			run("start")
		}
	})
	if got := status("/readyz"); got != http.StatusServiceUnavailable {
		t.Errorf("/readyz with Neo4j down: %d, want 503", got)
	}
	if got := status("/healthz"); got != http.StatusOK {
		t.Errorf("/healthz with Neo4j down: %d, want 200", got)
	}
	start := time.Now()
	r := query(t, ts, q, nil)
	if r.Status != http.StatusOK || len(r.Errors) == 0 || r.Errors[0].Message != "graph database unavailable" || r.code(0) != "UNAVAILABLE" {
		t.Errorf("query with Neo4j down: %d %s", r.Status, r.Raw)
	}
	if strings.Contains(string(r.Raw), "bolt") || strings.Contains(string(r.Raw), "refused") {
		t.Errorf("driver detail leaked to the client: %s", r.Raw)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("query with Neo4j down took %v", d)
	}

	run("start")
	stopped = false
	deadline := time.Now().Add(2 * time.Minute)
	for status("/readyz") != http.StatusOK {
		if time.Now().After(deadline) {
			t.Fatal("/readyz not 200 two minutes after Neo4j started")
		}
		time.Sleep(500 * time.Millisecond)
	}
	// The same server answers again. A just-started Neo4j plans its first
	// statements slowly (cold JVM), so allow time, but every failure on the
	// way must be one a client can act on, never an internal error.
	for {
		r := query(t, ts, q, nil)
		if len(r.Errors) == 0 && at(r.Data, "node", "id") == "state:BEL" {
			break
		}
		if c := r.code(0); c != "UNAVAILABLE" && c != "LIMIT" {
			t.Fatalf("while recovering: %d %s", r.Status, r.Raw)
		}
		if time.Now().After(deadline) {
			t.Fatalf("no answer two minutes after Neo4j started: %s", r.Raw)
		}
		time.Sleep(time.Second)
	}
	if got := status("/readyz"); got != http.StatusOK {
		t.Errorf("/readyz after recovery: %d", got)
	}
}
