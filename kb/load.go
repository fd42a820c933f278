package kb

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

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
	for i := range k.Institutions {
		if k.Institutions[i].Kind == "" {
			k.Institutions[i].Kind = rightsgraph.KindInstitution
		}
	}
	return k, nil
}
