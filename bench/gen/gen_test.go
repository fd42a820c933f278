package gen

import (
	"strings"
	"testing"

	"github.com/rightsgraph/rightsgraph/kb"
)

func TestDocumentsAreDeterministicAndVaried(t *testing.T) {
	k, err := kb.Default()
	if err != nil {
		t.Fatal(err)
	}
	g1, err := New(k, 7)
	if err != nil {
		t.Fatal(err)
	}
	g2, _ := New(k, 7)
	g3, _ := New(k, 8)
	n1, t1 := g1.Document(3)
	n2, t2 := g2.Document(3)
	if n1 != n2 || t1 != t2 {
		t.Error("same seed and index gave different documents")
	}
	if _, t3 := g3.Document(3); t3 == t1 {
		t.Error("another seed gave the same document")
	}
	seen := map[string]bool{}
	for i := 0; i < 50; i++ {
		_, txt := g1.Document(i)
		if len(txt) < 300 || !strings.Contains(txt, ".") {
			t.Fatalf("document %d too short: %q", i, txt)
		}
		seen[strings.SplitN(txt, "\n", 2)[0]] = true
	}
	if len(seen) < 20 {
		t.Errorf("only %d distinct title lines in 50 documents", len(seen))
	}
}

func TestWrite(t *testing.T) {
	k, _ := kb.Default()
	g, err := New(k, 1)
	if err != nil {
		t.Fatal(err)
	}
	paths, err := g.Write(t.TempDir(), 5)
	if err != nil || len(paths) != 5 {
		t.Fatalf("%v %d", err, len(paths))
	}
	if !strings.HasSuffix(paths[0], ".txt") || !strings.Contains(paths[0], "000000-") {
		t.Errorf("name %s", paths[0])
	}
}
