package loader_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/loader"
)

// Collections and sensitivity come from the loader's flags and from a
// folder's sidecar (nearest wins, field by field); reference data stays
// public; a change of either is a reload that rewrites the document; a
// broken sidecar fails its documents instead of loading them as public;
// a file loaded again under another relative path is the same source.
func TestLoadCollectionsAndSensitivity(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	root := t.TempDir()
	pub := filepath.Join(root, "reports")
	wit := filepath.Join(root, "witness")
	deep := filepath.Join(wit, "restricted-part")
	bad := filepath.Join(root, "broken")
	for _, d := range []string{pub, deep, bad} {
		must(t, os.MkdirAll(d, 0o755))
	}
	must(t, os.WriteFile(filepath.Join(pub, "a.txt"), []byte("Belgium was criticised."), 0o644))
	must(t, os.WriteFile(filepath.Join(wit, "b.txt"), []byte("Belgium detained a witness."), 0o644))
	must(t, os.WriteFile(filepath.Join(deep, "c.txt"), []byte("Belgium answered the witness."), 0o644))
	must(t, os.WriteFile(filepath.Join(bad, "d.txt"), []byte("Belgium ratified."), 0o644))
	must(t, os.WriteFile(filepath.Join(wit, loader.SidecarName), []byte("collection: witness\nsensitivity: confidential\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(deep, loader.SidecarName), []byte("sensitivity: restricted\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(bad, loader.SidecarName), []byte("sensitivity: secret\n"), 0o644))

	l := newLoader(db)
	l.Access = loader.Access{Collection: "ngo-reports"}
	sum, err := l.Load(ctx, []string{root, "../reference"})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed != 1 || !strings.Contains(failureLines(sum)[0], "unknown sensitivity") {
		t.Errorf("failures %q, want the broken sidecar's document", failureLines(sum))
	}
	access := func(file string) (string, string) {
		t.Helper()
		recs := neo4jtest.Rows(t, db, `MATCH (d:Document) WHERE d.sourceKey ENDS WITH $f RETURN d.collection, d.sensitivity`, map[string]any{"f": file})
		if len(recs) != 1 {
			t.Fatalf("%s: %d documents", file, len(recs))
		}
		c, _ := recs[0][0].(string)
		s, _ := recs[0][1].(string)
		return c, s
	}
	for file, want := range map[string][2]string{
		"reports/a.txt":                 {"ngo-reports", "public"},
		"witness/b.txt":                 {"witness", "confidential"},
		"witness/restricted-part/c.txt": {"witness", "restricted"},
	} {
		if c, s := access(file); c != want[0] || s != want[1] {
			t.Errorf("%s: collection %q sensitivity %q, want %v", file, c, s, want)
		}
	}
	if n := neo4jtest.Count(t, db, `MATCH (d:Document) WHERE d.format = 'reference' AND (d.collection <> 'public' OR d.sensitivity <> 'public') RETURN count(d)`, nil); n != 0 {
		t.Errorf("%d reference documents are not public", n)
	}
	if n := neo4jtest.Count(t, db, `MATCH (d:Document) WHERE d.sourceKey ENDS WITH 'd.txt' RETURN count(d)`, nil); n != 0 {
		t.Error("the document under a broken sidecar was loaded")
	}

	// The same files again: nothing changes. With another sensitivity: a.txt is rewritten.
	sum, err = l.Load(ctx, []string{pub})
	if err != nil || sum.Unchanged != 1 || sum.Loaded != 0 {
		t.Fatalf("reload: %v %+v", err, sum)
	}
	l.Access.Sensitivity = "restricted"
	sum, err = l.Load(ctx, []string{filepath.Join(pub, "a.txt")})
	if err != nil || sum.Loaded != 1 {
		t.Fatalf("reload with another sensitivity: %v %+v", err, sum)
	}
	if c, s := access("reports/a.txt"); c != "ngo-reports" || s != "restricted" {
		t.Errorf("after the change: %q %q", c, s)
	}
	if n := neo4jtest.Count(t, db, `MATCH (d:Document) WHERE d.sourceKey ENDS WITH 'reports/a.txt' RETURN count(d)`, nil); n != 1 {
		t.Errorf("%d documents for a.txt after the change, want 1", n)
	}
	if n := neo4jtest.Count(t, db, `MATCH ()-[r]->() WHERE r.docIds IS NOT NULL AND size(r.docRanks) <> size(r.docIds) RETURN count(r)`, nil); n != 0 {
		t.Errorf("%d relationships whose evidence lists are out of step", n)
	}
	if n := neo4jtest.Count(t, db, `MATCH ()-[r]->() WHERE r.docIds IS NOT NULL AND size(r.docColls) <> size(r.docIds) RETURN count(r)`, nil); n != 0 {
		t.Errorf("%d relationships whose collection lists are out of step", n)
	}
}
