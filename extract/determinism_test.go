package extract

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/rightsgraph/rightsgraph/bench/gen"
	"github.com/rightsgraph/rightsgraph/kb"
)

// TestExtractionIsDeterministic extracts every document of the corpus
// (fixtures, examples, eval-extra, the shared seeds and varied documents
// when present, and generated documents like the ones the load benchmark
// writes) several times and requires byte-identical output: Go randomises
// map order on every iteration, so a tie broken by map order shows up as
// two different extractions of the same bytes.
func TestExtractionIsDeterministic(t *testing.T) {
	x := mustExtractor(t)
	texts := readTexts(t, map[string]string{},
		filepath.Join("..", "testdata", "extract", "*.txt"),
		filepath.Join("..", "examples", "corpus", "*"),
		filepath.Join("..", "testdata", "eval-extra", "docs", "*.txt"),
		filepath.Join("..", "..", "shared", "corpus", "seeds", "*.txt"),
		filepath.Join("..", "..", "shared", "corpus", "varied", "*.txt"))
	if dir := os.Getenv("RIGHTSGRAPH_SEEDS"); dir != "" {
		readTexts(t, texts, filepath.Join(dir, "*.txt"))
	}
	k, err := kb.Default()
	if err != nil {
		t.Fatal(err)
	}
	g, err := gen.New(k, 1)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 40; i++ {
		name, text := g.Document(i)
		texts["gen/"+name] = text
	}
	// Two states named from the same token.
	texts["guinea"] = "Guinea-Bissau 2024\n\nGuinea-Bissau and Guinea signed an agreement. The authorities of Guinea-Bissau arrested 12 journalists in Guinea."
	names := make([]string, 0, len(texts))
	for n := range texts {
		names = append(names, n)
	}
	sort.Strings(names)
	const runs = 6
	for _, name := range names {
		d := doc(texts[name])
		var first []byte
		for i := 0; i < runs; i++ {
			out, err := json.Marshal(x.Extract(d))
			if err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				first = out
			} else if !bytes.Equal(first, out) {
				t.Errorf("%s: extraction %d differs from the first (of %d bytes)", name, i+1, len(texts[name]))
				break
			}
		}
	}
	if len(names) < 60 {
		t.Errorf("only %d documents in the corpus", len(names))
	}
}
