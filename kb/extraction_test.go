package kb

import (
	"io/fs"
	"strings"
	"testing"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// referenceExtractions runs ExtractReference on every shipped reference file.
func referenceExtractions(t *testing.T) map[string]*rightsgraph.Extraction {
	t.Helper()
	sub, err := fs.Sub(rightsgraph.ReferenceFS, "reference")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*rightsgraph.Extraction{}
	err = fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			return err
		}
		b, err := fs.ReadFile(sub, p)
		if err != nil {
			return err
		}
		ext, err := ExtractReference(rightsgraph.Document{ID: p, Source: "reference/" + p, Text: string(b)})
		if err != nil {
			t.Errorf("%s: %v", p, err)
			return nil
		}
		out[p] = ext
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func checkSpans(t *testing.T, name string, ext *rightsgraph.Extraction) {
	t.Helper()
	text := ext.Document.Text
	checkEv := func(what string, ev []rightsgraph.Evidence) {
		if len(ev) == 0 {
			t.Errorf("%s: %s has no evidence", name, what)
		}
		for _, e := range ev {
			if e.Start < 0 || e.End > len(text) || e.Start >= e.End {
				t.Errorf("%s: %s: bad span %d..%d", name, what, e.Start, e.End)
				continue
			}
			if text[e.Start:e.End] != e.Quote {
				t.Errorf("%s: %s: quote %q != text %q", name, what, e.Quote, text[e.Start:e.End])
			}
		}
	}
	ids := map[string]bool{}
	for _, e := range ext.Entities {
		if ids[e.ID] {
			t.Errorf("%s: entity %s twice", name, e.ID)
		}
		ids[e.ID] = true
		if e.Kind == "" || e.Name == "" {
			t.Errorf("%s: entity %s without kind or name", name, e.ID)
		}
		for _, m := range e.Mentions {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
				t.Errorf("%s: entity %s: bad mention %v", name, e.ID, m)
			}
		}
	}
	for _, o := range ext.Obligations {
		ids[o.ID] = true
		checkEv(o.ID, o.Evidence)
		if !ids[o.Bound] || o.Source == nil || !ids[*o.Source] {
			t.Errorf("%s: obligation %s: bound %s or source not among the entities", name, o.ID, o.Bound)
		}
	}
	for _, r := range ext.Relations {
		checkEv(r.Type+" "+r.From+"->"+r.To, r.Evidence)
		if !ids[r.From] || !ids[r.To] {
			t.Errorf("%s: %s %s->%s: endpoint not among the entities", name, r.Type, r.From, r.To)
		}
	}
}

func TestExtractReferenceSpansQuoteExactly(t *testing.T) {
	exts := referenceExtractions(t)
	if len(exts) < 5 {
		t.Fatalf("only %d reference files", len(exts))
	}
	for name, ext := range exts {
		checkSpans(t, name, ext)
	}
}

func findRel(ext *rightsgraph.Extraction, typ, from, to string) *rightsgraph.Relation {
	for i, r := range ext.Relations {
		if r.Type == typ && r.From == from && r.To == to {
			return &ext.Relations[i]
		}
	}
	return nil
}

func TestExtractReferenceFacts(t *testing.T) {
	exts := referenceExtractions(t)
	echr := exts["provisions/echr.yaml"]
	art2 := ProvisionID("instrument:echr", "art-2")
	if r := findRel(echr, "HAS_PROVISION", "instrument:echr", art2); r == nil {
		t.Error("no HAS_PROVISION ECHR -> Article 2")
	}
	r := findRel(echr, "PROTECTS", art2, "right:life")
	if r == nil {
		t.Fatal("Article 2 ECHR does not protect right:life")
	}
	if !strings.Contains(r.Evidence[0].Quote, `"Article 2"`) || !strings.Contains(r.Evidence[0].Quote, "right:life") {
		t.Errorf("Article 2 evidence quotes %q", r.Evidence[0].Quote)
	}
	var prov *rightsgraph.Entity
	for i, e := range echr.Entities {
		if e.ID == art2 {
			prov = &echr.Entities[i]
		}
	}
	if prov == nil || prov.Kind != rightsgraph.KindProvision || prov.Number != "Article 2" || prov.Instrument != "instrument:echr" || prov.Name != "Article 2 ECHR" {
		t.Errorf("Article 2 entity = %+v", prov)
	}
	if prov != nil && !strings.Contains(strings.ToLower(prov.Title), "life") {
		t.Errorf("Article 2 ECHR title = %q, want its heading (right to life)", prov.Title)
	}

	ins := exts["instruments.yaml"]
	for _, e := range ins.Entities {
		if e.ID == "instrument:udhr" && (e.Binding == nil || *e.Binding) {
			t.Errorf("UDHR binding = %v", e.Binding)
		}
		if e.ID == "instrument:echr" && (e.AdoptedAt != "Rome" || e.Depositary == "" || e.Adopted != "1950-11-04") {
			t.Errorf("ECHR adopted %q at %q, depositary %q", e.Adopted, e.AdoptedAt, e.Depositary)
		}
		if e.ID == "instrument:echr" && (e.Adopted != "1950-11-04" || e.Category != "treaty" || e.Binding == nil || !*e.Binding) {
			t.Errorf("ECHR = %+v", e)
		}
	}

	bel := exts["participation/BEL.yaml"]
	if bel == nil {
		t.Fatal("no participation/BEL.yaml")
	}
	pt := findRel(bel, "PARTY_TO", "state:BEL", "instrument:echr")
	if pt == nil {
		t.Fatal("Belgium is not PARTY_TO the ECHR")
	}
	if pt.Props["ratified"] != "1955-06-14" || pt.Props["status"] != StatusParty {
		t.Errorf("BEL ECHR props = %v", pt.Props)
	}
	if !strings.Contains(pt.Evidence[0].Quote, "instrument:echr") {
		t.Errorf("BEL ECHR evidence = %q", pt.Evidence[0].Quote)
	}
	var ob *rightsgraph.Obligation
	for i, o := range bel.Obligations {
		if o.ID == ObligationID("BEL", "instrument:echr") {
			ob = &bel.Obligations[i]
		}
	}
	if ob == nil || ob.Bound != "state:BEL" || *ob.Source != "instrument:echr" || !contains(ob.Rights, "right:life") || !contains(ob.Rights, "right:private-life") {
		t.Errorf("BEL ECHR obligation = %+v", ob)
	}

	rus := exts["participation/RUS.yaml"]
	if rus != nil {
		if pt := findRel(rus, "PARTY_TO", "state:RUS", "instrument:echr"); pt == nil || pt.Props["withdrawn"] != "2022-09-16" || pt.Props["status"] != StatusWithdrawn {
			t.Errorf("RUS ECHR = %+v", pt)
		}
	}

	law := exts["instruments.yaml"]
	found := false
	for _, o := range law.Obligations {
		if o.ID == ObligationID("BEL", "instrument:be-law-2004-12-09-mutual-legal-assistance") && o.Bound == "state:BEL" {
			found = true
		}
	}
	if !found {
		t.Error("the Belgian MLA law does not bind Belgium")
	}
}

// TestExtractReferenceYAMLStyles checks span arithmetic on the YAML forms a
// hand-written file uses: quoted and plain scalars, flow and block
// collections, multi-byte characters before a node, comments, block scalars.
func TestExtractReferenceYAMLStyles(t *testing.T) {
	text := `# comment with é and “quotes”
instruments:
  - {id: instrument:x, name: "Convention européenne, “quoted”", category: treaty, binding: true, source: s,
     provisions: [{number: 'Article 4 § 2, 3°', title: 'it''s', rights: [right:life]}]}
  - id: instrument:y
    name: Ωmega law   # trailing comment
    category: law
    state: BEL
    binding: true
    provisions:
      - number: Article 1
        title: |
          first line
          second line
        rights:
          - right:private-life
participation:
  - state: BEL
    instrument: instrument:x
    signed: "2000-01-01"
    ratified: 2001-02-03
    reservations:
      - {kind: reservation, article: Article 10, text: "limits on broadcasting", made: "2001-02-03"}
    source: https://example.org/x
    unverified: true
`
	ext, err := ExtractReference(rightsgraph.Document{ID: "t", Source: "t.yaml", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	checkSpans(t, "styles", ext)
	mention := func(id string) string {
		for _, e := range ext.Entities {
			if e.ID == id && len(e.Mentions) > 0 {
				return text[e.Mentions[0].Start:e.Mentions[0].End]
			}
		}
		return ""
	}
	for id, want := range map[string]string{
		"instrument:x":                           `"Convention européenne, “quoted”"`,
		"instrument:y":                           "Ωmega law",
		ProvisionID("instrument:x", "art-4-2-3"): `'Article 4 § 2, 3°'`,
		ProvisionID("instrument:y", "art-1"):     "Article 1",
	} {
		if got := mention(id); got != want {
			t.Errorf("mention of %s = %q, want %q", id, got, want)
		}
	}
	r := findRel(ext, "HAS_PROVISION", "instrument:y", ProvisionID("instrument:y", "art-1"))
	if r == nil || !strings.HasSuffix(r.Evidence[0].Quote, "- right:private-life") {
		t.Errorf("block provision evidence = %+v", r)
	}
	pt := findRel(ext, "PARTY_TO", "state:BEL", "instrument:x")
	if pt == nil || pt.Confidence >= 1 || pt.Props["unverified"] != true {
		t.Fatalf("PARTY_TO = %+v", pt)
	}
	if arts, _ := pt.Props["reservationArticles"].([]string); len(arts) != 1 || arts[0] != "Article 10" {
		t.Errorf("reservation articles = %v", pt.Props["reservationArticles"])
	}
	if !strings.HasSuffix(pt.Evidence[0].Quote, "unverified: true") || !strings.HasPrefix(pt.Evidence[0].Quote, "state: BEL") {
		t.Errorf("PARTY_TO evidence = %q", pt.Evidence[0].Quote)
	}
}

func TestExtractReferenceRejectsBadYAML(t *testing.T) {
	for _, text := range []string{"instruments: [", "- a\n- b\n"} {
		if _, err := ExtractReference(rightsgraph.Document{Text: text}); rightsgraph.ErrorCode(err) != rightsgraph.EINVALID {
			t.Errorf("%q: err = %v", text, err)
		}
	}
	ext, err := ExtractReference(rightsgraph.Document{Text: "# only a comment\n"})
	if err != nil || len(ext.Entities) != 0 {
		t.Errorf("comment-only file: %v %v", ext, err)
	}
}
