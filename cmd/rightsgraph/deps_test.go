package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestBinaryLinksNoBenchOrTestCode fails when the production binary depends
// on a benchmark package (bench/...) or a test helper (internal/neo4jtest).
func TestBinaryLinksNoBenchOrTestCode(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	out, err := exec.Command(goBin, "list", "-deps", "-f", "{{.ImportPath}}", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	const mod = "github.com/rightsgraph/rightsgraph/"
	n := 0
	for _, p := range strings.Fields(string(out)) {
		if !strings.HasPrefix(p, mod) {
			continue
		}
		n++
		rel := strings.TrimPrefix(p, mod)
		if strings.HasPrefix(rel, "bench/") || strings.HasPrefix(rel, "internal/neo4jtest") || strings.HasPrefix(rel, "internal/rawdriver") {
			t.Errorf("the rightsgraph binary depends on %s", p)
		}
	}
	if n < 5 {
		t.Fatalf("go list found only %d packages of the module: %s", n, out)
	}
}
