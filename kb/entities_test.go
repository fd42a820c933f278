package kb

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func loadDefaultKB(t *testing.T) *KB {
	t.Helper()
	k, err := Default()
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return k
}

func TestStates(t *testing.T) {
	k := loadDefaultKB(t)
	members, observers := 0, 0
	iso2, iso3 := map[string]bool{}, map[string]bool{}
	for _, s := range k.States {
		if len(s.ISO2) != 2 || len(s.ISO3) != 3 || s.Name == "" {
			t.Errorf("state %+v: bad codes or name", s)
		}
		if iso2[s.ISO2] || iso3[s.ISO3] {
			t.Errorf("state %s listed twice", s.ISO3)
		}
		iso2[s.ISO2], iso3[s.ISO3] = true, true
		switch s.Status {
		case "member":
			members++
		case "observer":
			observers++
		default:
			t.Errorf("state %s: status %q", s.ISO3, s.Status)
		}
	}
	if members != 193 || observers != 2 {
		t.Errorf("got %d members and %d observers, want 193 and 2", members, observers)
	}
	for _, tc := range []struct{ iso3, alias, adj string }{
		{"BEL", "België", "Belgian"},
		{"DEU", "Allemagne", "German"},
		{"NLD", "Niederlande", "Dutch"},
		{"COD", "Democratic Republic of Congo", "Congolese"},
		{"KAZ", "Kazachstan", "Kazakh"},
	} {
		var found *State
		for i := range k.States {
			if k.States[i].ISO3 == tc.iso3 {
				found = &k.States[i]
			}
		}
		if found == nil {
			t.Errorf("no state %s", tc.iso3)
			continue
		}
		if !has(found.Aliases, tc.alias) || !has(found.Adjective, tc.adj) {
			t.Errorf("%s: aliases %v adjectives %v, want %q and %q", tc.iso3, found.Aliases, found.Adjective, tc.alias, tc.adj)
		}
	}
}

func has(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func TestInstitutions(t *testing.T) {
	k := loadDefaultKB(t)
	cats := map[string]bool{"government": true, "ministry": true, "agency": true, "security": true, "court": true, "legislature": true, "regional": true, "igo": true, "mechanism": true}
	ids := map[string]bool{}
	for _, in := range k.Institutions {
		if ids[in.ID] {
			t.Errorf("%s listed twice", in.ID)
		}
		ids[in.ID] = true
		prefix := "institution:"
		if in.Kind == "Organization" {
			prefix = "organization:"
		}
		if !strings.HasPrefix(in.ID, prefix) {
			t.Errorf("%s: id should start with %s", in.ID, prefix)
		}
		if in.Kind == "Institution" && !cats[in.Category] {
			t.Errorf("%s: category %q", in.ID, in.Category)
		}
		if in.Category == "court" && !in.Court {
			t.Errorf("%s: a court without court: true", in.ID)
		}
		if len(in.LocalAliases) > 0 && in.State == "" {
			t.Errorf("%s: local aliases need a state", in.ID)
		}
	}
	for _, in := range k.Institutions {
		if in.PartOf != "" && !strings.HasPrefix(in.PartOf, "state:") && !ids[in.PartOf] {
			t.Errorf("%s: partOf %s is unknown", in.ID, in.PartOf)
		}
	}
	for _, in := range k.Institutions {
		if in.ID == "institution:ecthr" && !has(in.Implies, "instrument:echr") {
			t.Errorf("the ECtHR must imply the ECHR")
		}
	}
}

// TestStatesGenerated checks that reference/states.yaml is what `go generate
// ./kb` writes from kb/internal/genstates/un.yaml.
func TestStatesGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the generator")
	}
	out := filepath.Join(t.TempDir(), "states.yaml")
	cmd := exec.Command("go", "run", "./internal/genstates", "-in", "internal/genstates/un.yaml", "-out", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("generator: %v\n%s", err, b)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "reference", "states.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("reference/states.yaml is stale: run `go generate ./kb`")
	}
}
