package extract

import (
	"path/filepath"
	"sync"
	"testing"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// checkRefs asserts that every id an extraction refers to is one of its own
// entities (or, for relations, one of its events or obligations): the writer
// drops whatever points elsewhere.
func checkRefs(tb testing.TB, name string, out *rightsgraph.Extraction) {
	tb.Helper()
	ents := map[string]bool{}
	for _, e := range out.Entities {
		ents[e.ID] = true
	}
	nodes := map[string]bool{}
	for id := range ents {
		nodes[id] = true
	}
	for _, ev := range out.Events {
		nodes[ev.ID] = true
	}
	for _, o := range out.Obligations {
		nodes[o.ID] = true
	}
	for _, r := range out.Relations {
		if !nodes[r.From] || !nodes[r.To] {
			tb.Errorf("%s: relation %s %s -> %s points outside the extraction", name, r.Type, r.From, r.To)
		}
	}
	for _, ev := range out.Events {
		for _, p := range ev.Participants {
			if !ents[p.Entity] {
				tb.Errorf("%s: event %s participant %s is no entity", name, ev.ID, p.Entity)
			}
		}
		if ev.Place != "" && !ents[ev.Place] {
			tb.Errorf("%s: event %s place %s is no entity", name, ev.ID, ev.Place)
		}
	}
	rulings := map[string]bool{}
	for _, ev := range out.Events {
		if ev.Type == "RULING" || ev.Type == "CONVICTION" {
			rulings[ev.ID] = true
		}
	}
	for _, o := range out.Obligations {
		if !ents[o.Bound] {
			tb.Errorf("%s: obligation %s bound %s is no entity", name, o.ID, o.Bound)
		}
		// a source is an entity, or a ruling event of the extraction (its order)
		if o.Source != nil && !ents[*o.Source] && !rulings[*o.Source] {
			tb.Errorf("%s: obligation %s source %s is no entity nor ruling", name, o.ID, *o.Source)
		}
		for _, r := range o.Rights {
			if !ents[r] {
				tb.Errorf("%s: obligation %s right %s is no entity", name, o.ID, r)
			}
		}
	}
}

// allFixtureTexts: the golden fixtures, the held-out sets and the shared seeds
// (when present).
func allFixtureTexts(tb testing.TB) map[string]string {
	tb.Helper()
	return readTexts(tb, fixtures(tb),
		filepath.Join("..", "testdata", "eval-extra", "docs", "*.txt"),
		filepath.Join("..", "testdata", "eval-extra", "validation", "docs", "*.txt"),
		filepath.Join("..", "..", "shared", "corpus", "seeds", "*.txt"),
		filepath.Join("..", "examples", "corpus", "*.txt"))
}

func TestReferencesResolve(t *testing.T) {
	x := mustExtractor(t)
	texts := allFixtureTexts(t)
	texts["place of an unnamed state"] = "Around 800 people gathered in Vienna. Others marched in Den Haag."
	texts["court implying a treaty"] = "The European Court of Human Rights ruled on 3 May 2023 that the detention was unlawful."
	for name, text := range texts {
		t.Run(filepath.Base(name), func(t *testing.T) {
			checkRefs(t, name, x.Extract(doc(text)))
		})
	}
}

// TestExtractConcurrent runs Extract on several documents from 8 goroutines
// with one Extractor, as the loader does; run with -race. Every result must
// equal the one extracted alone.
func TestExtractConcurrent(t *testing.T) {
	x := mustExtractor(t)
	texts := allFixtureTexts(t)
	var names []string
	want := map[string]int{}
	for n, text := range texts {
		names = append(names, n)
		out := x.Extract(doc(text))
		want[n] = len(out.Entities)*1000000 + len(out.Relations)*1000 + len(out.Events)*10 + len(out.Obligations)
	}
	fresh := mustExtractor(t)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := range names {
				n := names[(i+g)%len(names)]
				out := fresh.Extract(doc(texts[n]))
				got := len(out.Entities)*1000000 + len(out.Relations)*1000 + len(out.Events)*10 + len(out.Obligations)
				if got != want[n] {
					t.Errorf("%s: concurrent extraction differs (%d, alone %d)", n, got, want[n])
				}
			}
		}(g)
	}
	wg.Wait()
}
