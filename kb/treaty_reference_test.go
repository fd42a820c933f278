package kb

import (
	"strings"
	"testing"
)

// TestReferenceConsistency checks the shipped treaty reference data: ids are
// unique and well-formed, every id a fact points to exists, dates are ISO
// prefixes, and every instrument and participation names its source.
func TestReferenceConsistency(t *testing.T) {
	k := mustDefault(t)
	rights := map[string]bool{}
	for _, r := range k.Rights {
		if !strings.HasPrefix(r.ID, "right:") || r.Name == "" {
			t.Errorf("bad right %+v", r)
		}
		if rights[r.ID] {
			t.Errorf("duplicate right %s", r.ID)
		}
		rights[r.ID] = true
	}
	instruments := map[string]bool{}
	for _, in := range k.Instruments {
		instruments[in.ID] = true
	}
	for _, in := range k.Instruments {
		if !strings.HasPrefix(in.ID, "instrument:") || in.Name == "" || in.Category == "" {
			t.Errorf("instrument %s: needs id, name and category (merged from a provisions file with a typo'd id?)", in.ID)
		}
		if in.Source == "" {
			t.Errorf("instrument %s: no source", in.ID)
		}
		if in.Parent != "" && !instruments[in.Parent] {
			t.Errorf("instrument %s: unknown parent %s", in.ID, in.Parent)
		}
		for _, d := range []string{in.Adopted, in.InForce} {
			if d != "" && !isISODate(d) {
				t.Errorf("instrument %s: bad date %q", in.ID, d)
			}
		}
		seen := map[string]bool{}
		for _, p := range in.Provisions {
			s := ProvisionSlug(p.Number)
			if s == "" {
				t.Errorf("%s: provision %q has no slug", in.ID, p.Number)
			}
			if seen[s] {
				t.Errorf("%s: duplicate provision %q", in.ID, p.Number)
			}
			seen[s] = true
			for _, r := range p.Rights {
				if !rights[r] {
					t.Errorf("%s %s: unknown right %s", in.ID, p.Number, r)
				}
			}
		}
	}
	for _, p := range k.Participation {
		if !instruments[p.Instrument] {
			t.Errorf("participation %s: unknown instrument %s", p.State, p.Instrument)
		}
		if len(p.State) != 3 || strings.ToUpper(p.State) != p.State {
			t.Errorf("participation: bad state %q", p.State)
		}
		if p.Source == "" {
			t.Errorf("participation %s %s: no source", p.State, p.Instrument)
		}
		for _, d := range []string{p.Signed, p.Ratified, p.InForce, p.Withdrawn} {
			if d != "" && !isISODate(d) {
				t.Errorf("participation %s %s: bad date %q", p.State, p.Instrument, d)
			}
		}
		if p.Ratified != "" && p.InForce != "" && !dateLE(p.Ratified, p.InForce) {
			t.Errorf("participation %s %s: in force %s before ratification %s", p.State, p.Instrument, p.InForce, p.Ratified)
		}
		switch p.Action {
		case "", "ratification", "accession", "succession", "approval", "acceptance", "signature":
		default:
			t.Errorf("participation %s %s: unknown action %q", p.State, p.Instrument, p.Action)
		}
		for _, r := range p.Reservations {
			if r.Kind != "reservation" && r.Kind != "declaration" && r.Kind != "objection" {
				t.Errorf("participation %s %s: reservation kind %q", p.State, p.Instrument, r.Kind)
			}
		}
	}
}

func TestReferenceProvisions(t *testing.T) {
	k := mustDefault(t)
	for _, tc := range []struct {
		instrument string
		count      int
	}{
		{"instrument:echr", 59}, {"instrument:iccpr", 53}, {"instrument:cat", 33},
		{"instrument:refugee-convention", 46}, {"instrument:echr-p1", 6},
	} {
		in, ok := k.Instrument(tc.instrument)
		if !ok || len(in.Provisions) != tc.count {
			t.Errorf("%s: %d provisions, want %d", tc.instrument, len(in.Provisions), tc.count)
		}
	}
	for _, tc := range []struct {
		instrument, number, right string
	}{
		{"instrument:echr", "Article 2", "right:life"},
		{"instrument:echr", "Art. 8 § 1", "right:private-life"},
		{"instrument:echr-p1", "Article 1", "right:property"},
		{"instrument:cat", "Article 3", "right:non-refoulement"},
		{"instrument:refugee-convention", "Article 33", "right:non-refoulement"},
		{"instrument:iccpr", "Article 21", "right:freedom-of-assembly"},
	} {
		p, _, ok := k.Provision(tc.instrument, tc.number)
		if !ok || !contains(p.Rights, tc.right) {
			t.Errorf("%s %s: %+v %v, want right %s", tc.instrument, tc.number, p, ok, tc.right)
		}
	}
	if p, exact, ok := k.Provision("instrument:mutual-assistance-convention", "Article 2"); !ok || !exact || p.Number != "Article 2" {
		t.Errorf("ETS 030 Article 2: %+v %v %v", p, exact, ok)
	}
	if _, exact, ok := k.Provision("instrument:be-law-2004-12-09-mutual-legal-assistance", "Article 4, § 2 , 3°"); !ok || !exact {
		t.Errorf("Belgian law Art 4 § 2, 3°: exact=%v ok=%v", exact, ok)
	}
	if _, exact, ok := k.Provision("instrument:echr", "Article 8 § 2"); !ok || exact {
		t.Errorf("Article 8 § 2 should fall back to Article 8: exact=%v ok=%v", exact, ok)
	}
	if _, _, ok := k.Provision("instrument:echr", "Article 99"); ok {
		t.Error("Article 99 ECHR found")
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func isISODate(d string) bool {
	if len(d) != 4 && len(d) != 7 && len(d) != 10 {
		return false
	}
	for i, r := range d {
		if i == 4 || i == 7 {
			if r != '-' {
				return false
			}
		} else if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
