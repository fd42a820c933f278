package neo4jdb_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"strings"
	"testing"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/kb"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

// loadReference writes the named embedded reference files, as the loader
// does, through kb.ExtractReference.
func loadReference(t *testing.T, db *neo4jdb.DB, names ...string) {
	t.Helper()
	sub, err := fs.Sub(rightsgraph.ReferenceFS, "reference")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		b, err := fs.ReadFile(sub, n)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		ext, err := kb.ExtractReference(rightsgraph.Document{ID: hex.EncodeToString(sum[:]), Source: "reference/" + n, Format: "reference", Text: string(b)})
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		if _, err := db.WriteExtraction(context.Background(), ext, neo4jdb.WriteOptions{}); err != nil {
			t.Fatalf("write %s: %v", n, err)
		}
	}
}

var treatyFiles = []string{"rights.yaml", "instruments.yaml", "provisions/echr.yaml", "provisions/iccpr.yaml",
	"provisions/criminal-cooperation.yaml", "participation/BEL.yaml", "participation/RUS.yaml"}

func findGroup(gs []*neo4jdb.InstrumentObligations, id string) *neo4jdb.InstrumentObligations {
	for _, g := range gs {
		if g.Instrument.ID == id {
			return g
		}
	}
	return nil
}

func TestTreatyObligationsAsOf(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	loadReference(t, db, treatyFiles...)

	// Belgium ratified the ECHR on 14 June 1955 (in force that day): the
	// answer changes across that date.
	before, err := db.ObligationsOf(ctx, neo4jdb.ObligationsArgs{State: "BEL", AsOf: "1955-06-13"})
	if err != nil {
		t.Fatal(err)
	}
	if findGroup(before, "instrument:echr") != nil {
		t.Error("ECHR binds Belgium on 13 June 1955")
	}
	after, err := db.ObligationsOf(ctx, neo4jdb.ObligationsArgs{State: "state:BEL", AsOf: "1955-06-14"})
	if err != nil {
		t.Fatal(err)
	}
	echr := findGroup(after, "instrument:echr")
	if echr == nil {
		t.Fatal("ECHR does not bind Belgium on 14 June 1955")
	}
	if echr.BindingFrom != "1955-06-14" || echr.Participation == nil {
		t.Errorf("ECHR binding from %q, participation %v", echr.BindingFrom, echr.Participation)
	}
	var art2 *neo4jdb.ProvisionObligations
	for _, p := range echr.Provisions {
		if p.Provision.Str("number") == "Article 2" {
			art2 = p
		}
	}
	if art2 == nil || len(art2.Rights) != 1 || art2.Rights[0].ID != "right:life" {
		t.Fatalf("ECHR Article 2 = %+v", art2)
	}
	if len(echr.Provisions) != 59 || echr.Provisions[1].Provision.Str("number") != "Article 2" || echr.Provisions[9].Provision.Str("number") != "Article 10" {
		t.Errorf("ECHR provisions: %d, order %s, %s", len(echr.Provisions), echr.Provisions[1].Provision.Str("number"), echr.Provisions[9].Provision.Str("number"))
	}
	if findGroup(after, "instrument:iccpr") != nil {
		t.Error("ICCPR binds Belgium in 1955")
	}
	if len(echr.Obligations) != 1 || echr.Obligations[0].Obligation.ID != kb.ObligationID("BEL", "instrument:echr") {
		t.Errorf("ECHR obligations = %v", echr.Obligations)
	}

	// A reservation appears on its article: Belgium's ICCPR declarations on
	// Article 10.
	latest, err := db.ObligationsOf(ctx, neo4jdb.ObligationsArgs{State: "BEL", Instrument: "instrument:iccpr"})
	if err != nil {
		t.Fatal(err)
	}
	if len(latest) != 1 {
		t.Fatalf("instrument filter: %d groups", len(latest))
	}
	var art10, art9 *neo4jdb.ProvisionObligations
	for _, p := range latest[0].Provisions {
		switch p.Provision.Str("number") {
		case "Article 10":
			art10 = p
		case "Article 9":
			art9 = p
		}
	}
	if art10 == nil || len(art10.Reservations) != 2 || !strings.Contains(art10.Reservations[0].Text, "untried prisoners") {
		t.Errorf("ICCPR Article 10 reservations = %+v", art10)
	}
	if art9 == nil || len(art9.Reservations) != 0 {
		t.Errorf("ICCPR Article 9 reservations = %+v", art9)
	}

	// Right filter: only provisions protecting the right remain.
	life, err := db.ObligationsOf(ctx, neo4jdb.ObligationsArgs{State: "BEL", AsOf: "2023-05-01", Right: "right:life"})
	if err != nil {
		t.Fatal(err)
	}
	if g := findGroup(life, "instrument:echr"); g == nil || len(g.Provisions) != 1 || g.Provisions[0].Provision.Str("number") != "Article 2" {
		t.Errorf("right filter on ECHR: %+v", g)
	}
	if g := findGroup(life, "instrument:echr-p13"); g == nil {
		t.Error("Protocol No. 13 (abolition of the death penalty) missing under right:life in 2023")
	}
	if g := findGroup(life, "instrument:mutual-assistance-convention"); g != nil {
		t.Error("the mutual assistance convention protects no right:life")
	}

	// The Belgian mutual legal assistance law binds Belgium through its
	// obligation, with its Article 4 § 2, 3°; the 1959 Convention through
	// Belgium's participation, with its Article 2.
	all, err := db.ObligationsOf(ctx, neo4jdb.ObligationsArgs{State: "BEL", AsOf: "2023-05-01"})
	if err != nil {
		t.Fatal(err)
	}
	law := findGroup(all, "instrument:be-law-2004-12-09-mutual-legal-assistance")
	if law == nil || law.Participation != nil || len(law.Obligations) != 1 || len(law.Provisions) != 2 {
		t.Errorf("Belgian MLA law group = %+v", law)
	}
	mla := findGroup(all, "instrument:mutual-assistance-convention")
	if mla == nil || mla.Participation == nil || len(mla.Provisions) < 2 || mla.Provisions[1].Provision.Str("number") != "Article 2" {
		t.Errorf("mutual assistance convention group = %+v", mla)
	}

	if _, err := db.ObligationsOf(ctx, neo4jdb.ObligationsArgs{State: "BEL", AsOf: "May 2023"}); rightsgraph.ErrorCode(err) != rightsgraph.EINVALID {
		t.Errorf("bad asOf: %v", err)
	}
}

func TestTreatyPartiesAndWithdrawal(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	loadReference(t, db, treatyFiles...)

	status := func(asOf string) map[string]string {
		t.Helper()
		ps, err := db.Parties(ctx, "instrument:echr", asOf)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for _, p := range ps {
			m[p.State.ID] = p.Status(asOf)
		}
		return m
	}
	if got := status("1950-12-01"); got["state:BEL"] != kb.StatusSignatory || got["state:RUS"] != "" {
		t.Errorf("1950: %v", got)
	}
	if got := status("2022-09-15"); got["state:BEL"] != kb.StatusParty || got["state:RUS"] != kb.StatusParty {
		t.Errorf("2022-09-15: %v", got)
	}
	if got := status("2022-09-16"); got["state:RUS"] != kb.StatusWithdrawn {
		t.Errorf("2022-09-16: %v", got)
	}
	// Russia is bound by the ECHR in 2020, not in 2023.
	for asOf, want := range map[string]bool{"2020-01-01": true, "2023-01-01": false, "": false} {
		gs, err := db.ObligationsOf(ctx, neo4jdb.ObligationsArgs{State: "RUS", AsOf: asOf})
		if err != nil {
			t.Fatal(err)
		}
		if got := findGroup(gs, "instrument:echr") != nil; got != want {
			t.Errorf("RUS bound by ECHR as of %q: %v, want %v", asOf, got, want)
		}
	}
	// The reservation read back from PARTY_TO keeps its article.
	ps, err := db.Parties(ctx, "instrument:iccpr", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 || ps[0].State.ID != "state:BEL" || len(ps[0].P.Reservations) != 5 || ps[0].P.Reservations[0].Article != "Article 10" {
		t.Errorf("ICCPR parties = %+v", ps)
	}
}

// violationFixture is a document with a ruling against Belgium that found
// violations of the rights to life and private life and of Articles 2 and 8
// ECHR, and a report alleging a breach of Article 3 ECHR.
func violationFixture() *rightsgraph.Extraction {
	text := "In November 2023 the Brussels Court of Appeal ruled that Belgium had violated the rights to life and to private life (Articles 2 and 8 ECHR). A report said prisons breach Article 3."
	ev := func(s string) []rightsgraph.Evidence {
		i := strings.Index(text, s)
		return []rightsgraph.Evidence{{Start: i, End: i + len(s), Quote: s}}
	}
	sum := sha256.Sum256([]byte(text))
	court := "institution:be-brussels-court-of-appeal"
	ruling := "event:ruling-2023-11-brussels-climate"
	report := "event:report-2023-prisons"
	a2 := kb.ProvisionID("instrument:echr", "art-2")
	a8 := kb.ProvisionID("instrument:echr", "art-8")
	a3 := kb.ProvisionID("instrument:echr", "art-3")
	return &rightsgraph.Extraction{
		Document: rightsgraph.Document{ID: hex.EncodeToString(sum[:]), Source: "fixture.txt", Publisher: "Amnesty International", Text: text},
		Entities: []rightsgraph.Entity{
			{ID: "state:BEL", Kind: rightsgraph.KindState, Name: "Belgium", ISO3: "BEL"},
			{ID: court, Kind: rightsgraph.KindInstitution, Court: true, Name: "Brussels Court of Appeal"},
			{ID: "right:life", Kind: rightsgraph.KindRight, Name: "Right to life"},
			{ID: "right:private-life", Kind: rightsgraph.KindRight, Name: "Right to respect for private and family life"},
			{ID: a2, Kind: rightsgraph.KindProvision, Name: "Article 2 ECHR", Number: "Article 2", Instrument: "instrument:echr"},
			{ID: a8, Kind: rightsgraph.KindProvision, Name: "Article 8 ECHR", Number: "Article 8", Instrument: "instrument:echr"},
			{ID: a3, Kind: rightsgraph.KindProvision, Name: "Article 3 ECHR", Number: "Article 3", Instrument: "instrument:echr"},
		},
		Events: []rightsgraph.Event{
			{ID: ruling, Type: "RULING", Date: "2023-11", Summary: "climate ruling", Participants: []rightsgraph.Participant{
				{Entity: court, Role: "authority"}, {Entity: "state:BEL", Role: "target"}}, Evidence: ev("the Brussels Court of Appeal ruled")},
			{ID: report, Type: "REPORT", Date: "2023", Summary: "prison report", Participants: []rightsgraph.Participant{
				{Entity: "state:BEL", Role: "target"}}, Evidence: ev("A report said prisons breach Article 3.")},
		},
		Relations: []rightsgraph.Relation{
			{Type: "FINDS_VIOLATION_OF", From: ruling, To: "right:life", Confidence: 0.9, Evidence: ev("violated the rights to life and to private life")},
			{Type: "FINDS_VIOLATION_OF", From: ruling, To: "right:private-life", Confidence: 0.9, Evidence: ev("violated the rights to life and to private life")},
			{Type: "FINDS_VIOLATION_OF", From: ruling, To: a2, Confidence: 0.8, Evidence: ev("Articles 2 and 8 ECHR")},
			{Type: "FINDS_VIOLATION_OF", From: ruling, To: a8, Confidence: 0.8, Evidence: ev("Articles 2 and 8 ECHR")},
			{Type: "ALLEGES_VIOLATION_OF", From: report, To: a3, Confidence: 0.7, Evidence: ev("breach Article 3")},
		},
	}
}

func TestTreatyViolations(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	loadReference(t, db, "rights.yaml", "instruments.yaml", "provisions/echr.yaml", "participation/BEL.yaml")
	if _, err := db.WriteExtraction(ctx, violationFixture(), neo4jdb.WriteOptions{}); err != nil {
		t.Fatal(err)
	}

	found, err := db.Violations(ctx, neo4jdb.ViolationsArgs{State: "BEL", Stance: "FOUND"})
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != 2 || found[0].Right.ID != "right:life" || found[1].Right.ID != "right:private-life" {
		t.Fatalf("FOUND groups = %+v", found)
	}
	life := found[0]
	if len(life.Provisions) != 1 || life.Provisions[0].Provision == nil || life.Provisions[0].Provision.Str("number") != "Article 2" {
		t.Fatalf("right:life provisions = %+v", life.Provisions)
	}
	claims := life.Provisions[0].Claims
	if len(claims) != 2 {
		t.Fatalf("right:life / Article 2 claims = %d", len(claims))
	}
	for _, c := range claims {
		if c.Stance != "FOUND" || c.Event.ID != "event:ruling-2023-11-brussels-climate" {
			t.Errorf("claim = %+v", c)
		}
		if len(c.Authorities) != 1 || c.Authorities[0].ID != "institution:be-brussels-court-of-appeal" {
			t.Errorf("authorities = %v", c.Authorities)
		}
		if ev := c.Rel.Evidence(); len(ev) != 1 || ev[0].Quote == "" {
			t.Errorf("evidence = %v", ev)
		}
	}

	alleged, err := db.Violations(ctx, neo4jdb.ViolationsArgs{State: "state:BEL", Stance: "ALLEGED"})
	if err != nil {
		t.Fatal(err)
	}
	if len(alleged) != 1 || alleged[0].Right.ID != "right:freedom-from-torture" || alleged[0].Provisions[0].Provision.Str("number") != "Article 3" {
		t.Errorf("ALLEGED groups = %+v", alleged)
	}

	for _, tc := range []struct {
		args neo4jdb.ViolationsArgs
		want int // groups
	}{
		{neo4jdb.ViolationsArgs{State: "BEL"}, 3},
		{neo4jdb.ViolationsArgs{State: "BEL", From: "2023-11", To: "2023-11"}, 2},
		{neo4jdb.ViolationsArgs{State: "BEL", From: "2024"}, 0},
		{neo4jdb.ViolationsArgs{State: "BEL", To: "2023"}, 3},
		{neo4jdb.ViolationsArgs{State: "BEL", Right: "right:private-life"}, 1},
		{neo4jdb.ViolationsArgs{State: "BEL", Instrument: "instrument:echr"}, 3},
		{neo4jdb.ViolationsArgs{State: "BEL", Instrument: "instrument:cat"}, 0},
		{neo4jdb.ViolationsArgs{State: "NLD"}, 0},
	} {
		gs, err := db.Violations(ctx, tc.args)
		if err != nil {
			t.Fatal(err)
		}
		if len(gs) != tc.want {
			t.Errorf("%+v: %d groups, want %d", tc.args, len(gs), tc.want)
		}
	}
	if _, err := db.Violations(ctx, neo4jdb.ViolationsArgs{State: "BEL", Stance: "MAYBE"}); rightsgraph.ErrorCode(err) != rightsgraph.EINVALID {
		t.Errorf("bad stance: %v", err)
	}
}

// TestTreatyQueriesRegistered checks that the treaty statements are in the
// registry that TestReadQueriesExplain plans (and holds to its scan rule).
func TestTreatyQueriesRegistered(t *testing.T) {
	n := 0
	for _, q := range neo4jdb.ReadQueries() {
		if strings.HasPrefix(q.Name, "treaty.") {
			n++
		}
	}
	if n != 5 {
		t.Errorf("%d treaty statements, want 5", n)
	}
}
