package kb

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// KB is the merged knowledge base.
type KB struct {
	Version       string
	States        []State
	Institutions  []Institution // Institutions and Organizations together, told apart by Kind
	Instruments   []Instrument
	Rights        []Right
	Participation []Participation

	// Treaty lookup tables, built on first use (treaty_index.go).
	idxOnce sync.Once
	idx     *treatyIndex
}

// Default loads the knowledge base embedded in the binary.
func Default() (*KB, error) {
	sub, err := fs.Sub(rightsgraph.ReferenceFS, "reference")
	if err != nil {
		return nil, err
	}
	return Load(sub)
}

// Load reads every .yaml/.yml file in fsys (recursively) and merges them.
func Load(fsys fs.FS) (*KB, error) {
	var names []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("kb: list reference files: %w", err)
	}
	sort.Strings(names)
	k := &KB{}
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, fmt.Errorf("kb: read %s: %w", n, err)
		}
		var f File
		if err := yaml.Unmarshal(b, &f); err != nil {
			return nil, fmt.Errorf("kb: parse %s: %w", path.Clean(n), err)
		}
		if f.Version != "" {
			k.Version = f.Version
		}
		k.States = append(k.States, f.States...)
		k.Institutions = append(k.Institutions, f.Institutions...)
		for _, o := range f.Organizations {
			if o.Kind == "" {
				o.Kind = rightsgraph.KindOrganization
			}
			k.Institutions = append(k.Institutions, o)
		}
		k.Instruments = append(k.Instruments, f.Instruments...)
		k.Rights = append(k.Rights, f.Rights...)
		k.Participation = append(k.Participation, f.Participation...)
	}
	k.Instruments = mergeInstruments(k.Instruments)
	for i := range k.Institutions {
		if k.Institutions[i].Kind == "" {
			k.Institutions[i].Kind = rightsgraph.KindInstitution
		}
	}
	return k, nil
}

// mergeInstruments merges entries with the same id, so that a file under
// reference/provisions/ can add an instrument's articles ({id, provisions})
// to the entry in instruments.yaml: the first non-empty value of each field
// wins, provisions are concatenated (a later number that repeats an earlier
// one is dropped). The first entry's position is kept.
func mergeInstruments(in []Instrument) []Instrument {
	pos := map[string]int{}
	var out []Instrument
	for _, ins := range in {
		i, seen := pos[ins.ID]
		if !seen {
			pos[ins.ID] = len(out)
			out = append(out, ins)
			continue
		}
		m := &out[i]
		fill := func(dst *string, src string) {
			if *dst == "" {
				*dst = src
			}
		}
		fill(&m.Name, ins.Name)
		fill(&m.ShortName, ins.ShortName)
		fill(&m.Category, ins.Category)
		fill(&m.Parent, ins.Parent)
		fill(&m.Adopted, ins.Adopted)
		fill(&m.AdoptedAt, ins.AdoptedAt)
		fill(&m.InForce, ins.InForce)
		fill(&m.Depositary, ins.Depositary)
		fill(&m.Body, ins.Body)
		fill(&m.State, ins.State)
		fill(&m.Source, ins.Source)
		m.Binding = m.Binding || ins.Binding
		m.Acronyms = appendNew(m.Acronyms, ins.Acronyms...)
		m.Aliases = appendNew(m.Aliases, ins.Aliases...)
		have := map[string]bool{}
		for _, p := range m.Provisions {
			have[ProvisionSlug(p.Number)] = true
		}
		for _, p := range ins.Provisions {
			if s := ProvisionSlug(p.Number); !have[s] {
				have[s] = true
				m.Provisions = append(m.Provisions, p)
			}
		}
	}
	return out
}

func appendNew(dst []string, src ...string) []string {
	for _, s := range src {
		dup := false
		for _, d := range dst {
			if d == s {
				dup = true
				break
			}
		}
		if !dup {
			dst = append(dst, s)
		}
	}
	return dst
}
