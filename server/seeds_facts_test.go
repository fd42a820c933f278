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

// The facts an investigator met in the graph of the sample corpus before the
// extraction was reworked, and which must not come back: each is checked on
// the graph that the real loader writes, through the GraphQL API.

type factParticipant struct {
	Role  string
	Actor struct{ ID, Name, Kind string }
}

type factClaim struct {
	Stance     string
	AssertedBy []struct {
		Name     string
		Actor    *struct{ ID string }
		Document *struct{ ID string }
	}
}

type factEvent struct {
	ID, Type     string
	Date         *string
	Summary      string
	Participants []factParticipant
	Findings     []struct {
		Breached struct{ ID string }
	}
	Allegations []factClaim
	Mentions    []struct {
		Document struct{ ID, Source string }
	}
}

func (e factEvent) role(actorID string) []string {
	var out []string
	for _, p := range e.Participants {
		if p.Actor.ID == actorID {
			out = append(out, p.Role)
		}
	}
	return out
}

func (e factEvent) has(actorID, role string) bool {
	for _, r := range e.role(actorID) {
		if r == role {
			return true
		}
	}
	return false
}

// allEvents pages through every event of the graph.
func allEvents(t *testing.T, q func(string, map[string]any) *gqlResponse) []factEvent {
	t.Helper()
	var out []factEvent
	after := ""
	for page := 0; page < 100; page++ {
		vars := map[string]any{}
		if after != "" {
			vars["after"] = after
		}
		res := q(`query($after: String) { events(first: 20, after: $after) {
  edges { node { id type date summary
    participants(first: 20) { role actor { id name kind } }
    findings(first: 10) { breached { id } }
    allegations(first: 10) { stance assertedBy { name actor { id } document { id } } }
  } }
  pageInfo { hasNextPage endCursor } } }`, vars)
		if len(res.Errors) > 0 {
			t.Fatalf("events: %s", res.Raw)
		}
		var conn struct {
			Edges    []struct{ Node factEvent }
			PageInfo struct {
				HasNextPage bool
				EndCursor   string
			}
		}
		b, _ := json.Marshal(res.Data["events"])
		if err := json.Unmarshal(b, &conn); err != nil {
			t.Fatal(err)
		}
		for _, e := range conn.Edges {
			out = append(out, e.Node)
		}
		if !conn.PageInfo.HasNextPage {
			return out
		}
		after = conn.PageInfo.EndCursor
	}
	t.Fatal("more than 2,000 events")
	return nil
}

func TestSeedFacts(t *testing.T) {
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
	sum, err := l.Load(context.Background(), []string{"../reference", seeds, "../examples/corpus"})
	if err != nil || sum.Failed != 0 {
		t.Fatalf("load: %v %+v", err, sum)
	}
	ts, _ := newServer(t, db, server.Config{})
	q := func(s string, vars map[string]any) *gqlResponse { return query(t, ts, s, vars) }
	events := allEvents(t, q)
	if len(events) < 20 {
		t.Fatalf("only %d events in the graph of the corpus", len(events))
	}
	byType := map[string][]factEvent{}
	for _, e := range events {
		byType[e.Type] = append(byType[e.Type], e)
	}

	t.Run("a protest is organised by its organisers, not by the states its words name nor the body it stood before", func(t *testing.T) {
		protests := byType["PROTEST"]
		if len(protests) == 0 {
			t.Fatal("no PROTEST")
		}
		for _, e := range protests {
			for _, p := range e.Participants {
				if p.Actor.Kind == "STATE" && (p.Role == "ORGANIZER" || p.Role == "AGENT") {
					t.Errorf("state %s is %s of the protest %q", p.Actor.Name, p.Role, e.Summary)
				}
				if p.Actor.Kind == "INSTITUTION" && (p.Role == "ORGANIZER" || p.Role == "PARTICIPANT") {
					t.Errorf("public body %s is %s of the protest %q", p.Actor.Name, p.Role, e.Summary)
				}
			}
		}
	})

	t.Run("nobody is both released and executed", func(t *testing.T) {
		released := map[string]bool{}
		for _, e := range byType["RELEASE"] {
			for _, p := range e.Participants {
				if p.Role == "TARGET" && p.Actor.Kind == "PERSON" {
					released[p.Actor.ID] = true
				}
			}
		}
		if len(released) == 0 {
			t.Fatal("no one released (the prisoner swap of seed 000)")
		}
		for _, e := range byType["EXECUTION"] {
			for _, p := range e.Participants {
				if released[p.Actor.ID] {
					t.Errorf("%s is released and the target of an EXECUTION %q", p.Actor.Name, e.Summary)
				}
			}
		}
	})

	t.Run("a released hostage's detention is not dated by his release", func(t *testing.T) {
		releaseDate := map[string]string{}
		for _, e := range byType["RELEASE"] {
			for _, p := range e.Participants {
				if p.Role == "TARGET" && e.Date != nil {
					releaseDate[p.Actor.ID] = *e.Date
				}
			}
		}
		for _, e := range byType["DETENTION"] {
			for _, p := range e.Participants {
				if d, ok := releaseDate[p.Actor.ID]; ok && e.Date != nil && *e.Date == d {
					t.Errorf("%s's DETENTION is dated %s, the day of the release: %q", p.Actor.Name, d, e.Summary)
				}
			}
		}
	})

	t.Run("a speaker is the agent of a statement, never its target", func(t *testing.T) {
		for _, e := range byType["STATEMENT"] {
			agents := 0
			for _, p := range e.Participants {
				if p.Role == "AGENT" {
					agents++
				}
			}
			if agents == 0 {
				t.Errorf("STATEMENT without a speaker: %q", e.Summary)
			}
			for _, p := range e.Participants {
				if p.Role != "TARGET" || p.Actor.Kind != "PERSON" {
					continue
				}
				// "..., says Deputy Prime Minister X": the person after the
				// verb of saying speaks
				if i := strings.Index(e.Summary, p.Actor.Name); i > 0 {
					before := strings.ToLower(e.Summary[:i])
					for _, v := range []string{" says ", " said ", " stated "} {
						if j := strings.LastIndex(before, v); j >= 0 && i-j < 60 {
							t.Errorf("%s, who speaks in %q, is its target", p.Actor.Name, e.Summary)
						}
					}
				}
			}
		}
	})

	t.Run("a mutual legal assistance granted by Belgium to Kazakhstan keeps its direction", func(t *testing.T) {
		found := false
		for _, e := range events {
			if e.has("state:BEL", "AGENT") && e.has("state:KAZ", "RECIPIENT") {
				found = true
			}
			if e.has("state:KAZ", "AGENT") && e.has("state:BEL", "RECIPIENT") {
				t.Errorf("Kazakhstan grants to Belgium: %q", e.Summary)
			}
		}
		if !found {
			t.Error("no event in which Belgium grants Kazakhstan assistance (seed 004)")
		}
	})

	t.Run("a Belgian law binds no other state", func(t *testing.T) {
		for _, st := range []string{"KAZ", "IRN"} {
			res := q(`query($s: ID!) { obligations(state: $s) { instrument { id } } }`, map[string]any{"s": st})
			if len(res.Errors) > 0 {
				t.Fatalf("obligations(%s): %s", st, res.Raw)
			}
			// national laws of Belgium have ids instrument:be-...
			if strings.Contains(string(res.Raw), `"instrument:be-`) {
				t.Errorf("a Belgian law binds %s: %s", st, res.Raw)
			}
		}
	})

	t.Run("the European Court's judgments against Belgium find what they find", func(t *testing.T) {
		n := 0
		for _, e := range byType["RULING"] {
			if !e.has("institution:ecthr", "AUTHORITY") || !e.has("state:BEL", "TARGET") {
				continue
			}
			n++
			if len(e.Findings) == 0 {
				t.Errorf("ECtHR ruling against Belgium finds nothing: %q", e.Summary)
			}
		}
		if n < 2 {
			t.Errorf("%d ECtHR rulings against Belgium, want the two of the example corpus", n)
		}
	})

	t.Run("every allegation says who asserts it", func(t *testing.T) {
		n := 0
		for _, e := range events {
			for _, c := range e.Allegations {
				n++
				if len(c.AssertedBy) == 0 {
					t.Errorf("allegation by %s %q has no assertedBy", e.Type, e.Summary)
				}
			}
		}
		if n == 0 {
			t.Error("no allegations in the corpus")
		}
	})

	t.Run("no event is dated by a year a text only names in passing", func(t *testing.T) {
		res := q(`{ documents(first: 50) { edges { node { id source about published } } } }`, nil)
		if len(res.Errors) > 0 {
			t.Fatalf("documents: %s", res.Raw)
		}
		// seed 003 has no date and names 2008 only as "the 2008 crisis"
		if strings.Contains(string(res.Raw), `"about":"2008"`) {
			t.Errorf("a document is about 2008: %s", res.Raw)
		}
	})
}
