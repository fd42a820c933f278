package server_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	osexec "os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/server"
)

// TestGraphQLOverHTTPAudit runs the graphql-http audit (npm graphql-http,
// tools/graphql-http-audit) against the real server and requires every
// check, MUST, SHOULD and MAY, to pass: no error, warning or notice. make
// test installs the audit (make audit-deps) and sets RIGHTSGRAPH_AUDIT=1,
// which makes a missing Node.js or audit a failure rather than a skip.
func TestGraphQLOverHTTPAudit(t *testing.T) {
	dir := filepath.Join("..", "tools", "graphql-http-audit")
	required := os.Getenv("RIGHTSGRAPH_AUDIT") == "1"
	node, err := osexec.LookPath("node")
	if _, serr := os.Stat(filepath.Join(dir, "node_modules", "graphql-http")); err != nil || serr != nil {
		if required {
			t.Fatalf("the graphql-http audit is not installed (node: %v, node_modules: %v): run make audit-deps", err, serr)
		}
		t.Skip("the graphql-http audit is not installed: make audit-deps (make test does it)")
	}
	db := neo4jtest.Open(t)
	seed(t, db)
	ts, _ := newServer(t, db, server.DefaultConfig())
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := osexec.CommandContext(ctx, node, "audit.mjs", ts.URL+"/graphql")
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("audit: %v\n%s", err, stderr.String())
	}
	ok := 0
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var r struct {
			ID, Name, Status, Reason string
			Response                 any
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("audit output: %v: %s", err, sc.Text())
		}
		if r.Status == "ok" {
			ok++
			continue
		}
		t.Errorf("audit %s %s: %s: %s (%v)", r.ID, r.Status, r.Name, r.Reason, r.Response)
	}
	if ok < 50 {
		t.Errorf("only %d audit checks passed:\n%s", ok, out)
	}
	t.Logf("graphql-http audit: %d checks passed", ok)
}
