package server_test

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/loader"
	"github.com/rightsgraph/rightsgraph/server"
)

// TestObligationsOnTheCorpus loads the reference data and the sample corpus
// with the real loader and extractor, then asks the obligations API what the
// documents say: the Brussels Court of Appeal's November 2023 climate ruling
// (seed 000) is a FOUND violation by Belgium of the rights to life and to
// private life, with its sentence as evidence and the court asserting it;
// the LDH statement (seed 004) cites Article 4 § 2, 3° of the Law of
// 9 December 2004 and Article 2 of the 1959 Convention, which appear as
// provisions with obligations binding Belgium.
func TestObligationsOnTheCorpus(t *testing.T) {
	seeds := os.Getenv("RIGHTSGRAPH_SEEDS")
	if seeds == "" {
		seeds = "../../shared/corpus/seeds"
	}
	if _, err := os.Stat(seeds); err != nil {
		t.Skipf("sample corpus not found at %s (set RIGHTSGRAPH_SEEDS)", seeds)
	}
	db := neo4jtest.Open(t)
	x, err := loader.NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	l := &loader.Loader{DB: db, Extractor: x, Workers: 2}
	sum, err := l.Load(context.Background(), []string{"../reference", seeds})
	if err != nil || sum.Failed != 0 {
		t.Fatalf("load: %v %+v", err, sum)
	}
	ts, _ := newServer(t, db, server.Config{})

	res := query(t, ts, `{ violations(state: "BEL", stance: FOUND) {
  right { id }
  provisions { claims { stance event { type date } evidence { quote } assertedBy { name } } }
} }`, nil)
	if len(res.Errors) > 0 {
		t.Fatalf("violations: %s", res.Raw)
	}
	var groups []struct {
		Right      *struct{ ID string }
		Provisions []struct {
			Claims []struct {
				Stance     string
				Event      struct{ Type, Date string }
				Evidence   []struct{ Quote string }
				AssertedBy []struct{ Name string }
			}
		}
	}
	b, _ := json.Marshal(res.Data["violations"])
	if err := json.Unmarshal(b, &groups); err != nil {
		t.Fatal(err)
	}
	rulingFor := map[string]bool{}
	for _, g := range groups {
		for _, p := range g.Provisions {
			for _, c := range p.Claims {
				if g.Right == nil || c.Event.Type != "RULING" || c.Event.Date != "2023-11" {
					continue
				}
				quoted, court := false, false
				for _, e := range c.Evidence {
					quoted = quoted || strings.Contains(e.Quote, "Brussels Court of Appeal ruled") && strings.Contains(e.Quote, "the rights to life and to private life")
				}
				for _, a := range c.AssertedBy {
					court = court || a.Name == "Brussels Court of Appeal"
				}
				if quoted && court {
					rulingFor[g.Right.ID] = true
				}
			}
		}
	}
	if !rulingFor["right:life"] || !rulingFor["right:private-life"] {
		t.Errorf("the November 2023 climate ruling is not a FOUND violation of life and private life with its quote: %s", res.Raw)
	}

	res = query(t, ts, `{ obligations(state: "BEL") {
  instrument { id }
  provisions { provision { number } obligations { obligation { id } evidence { quote } } }
} }`, nil)
	if len(res.Errors) > 0 {
		t.Fatalf("obligations: %s", res.Raw)
	}
	var obs []struct {
		Instrument struct{ ID string }
		Provisions []struct {
			Provision   struct{ Number string }
			Obligations []struct {
				Obligation struct{ ID string }
				Evidence   []struct{ Quote string }
			}
		}
	}
	b, _ = json.Marshal(res.Data["obligations"])
	if err := json.Unmarshal(b, &obs); err != nil {
		t.Fatal(err)
	}
	// Only obligations stated by the LDH document count here, not the
	// reference data's own: their evidence quotes the document's sentence.
	fromText := func(instrument, number, phrase string) bool {
		for _, g := range obs {
			if g.Instrument.ID != instrument {
				continue
			}
			for _, p := range g.Provisions {
				if p.Provision.Number != number {
					continue
				}
				for _, o := range p.Obligations {
					for _, e := range o.Evidence {
						if strings.Contains(e.Quote, phrase) {
							return true
						}
					}
				}
			}
		}
		return false
	}
	if !fromText("instrument:be-law-2004-12-09-mutual-legal-assistance", "Article 4 § 2, 3°", "political or other opinion") {
		t.Errorf("Law of 9 December 2004 Article 4 § 2, 3° has no obligation binding Belgium from the LDH text: %s", res.Raw)
	}
	if !fromText("instrument:mutual-assistance-convention", "Article 2", "political offence") {
		t.Errorf("Article 2 of the 1959 Convention has no obligation binding Belgium from the LDH text: %s", res.Raw)
	}
}
