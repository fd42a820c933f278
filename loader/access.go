package loader

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"gopkg.in/yaml.v3"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// SidecarName is the file that sets the collection and sensitivity of the
// documents in its folder and the folders below it (the nearest one wins,
// as with .editorconfig):
//
//	collection: witness-statements
//	sensitivity: confidential
//
// A sidecar overrides the loader's --collection and --sensitivity for its
// folder; a field it leaves out keeps the loader's value.
const SidecarName = ".rightsgraph.yaml"

// Access is where a document belongs and how confidential it is.
type Access struct {
	Collection  string `yaml:"collection"`
	Sensitivity string `yaml:"sensitivity"`
}

// Validate checks the names; an empty field means the default.
func (a Access) Validate() error {
	if a.Sensitivity != "" {
		if _, err := rightsgraph.ParseSensitivity(a.Sensitivity); err != nil {
			return err
		}
	}
	if len(a.Collection) > 200 {
		return rightsgraph.Errorf(rightsgraph.EINVALID, "collection name longer than 200 bytes")
	}
	return nil
}

// sidecars finds and caches the sidecar that applies to a file.
type sidecars struct {
	mu    sync.Mutex
	byDir map[string]sidecarResult
}

type sidecarResult struct {
	access Access
	found  bool
	err    error
}

// forFile returns the access of the nearest sidecar above path (found is
// false when there is none). A sidecar that cannot be read or parsed, or
// names an unknown sensitivity, is an error for every file under it: its
// documents are not loaded as public by mistake.
func (s *sidecars) forFile(path string) (Access, bool, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return Access{}, false, nil
	}
	r := s.forDir(filepath.Dir(abs))
	return r.access, r.found, r.err
}

func (s *sidecars) forDir(dir string) sidecarResult {
	s.mu.Lock()
	if s.byDir == nil {
		s.byDir = map[string]sidecarResult{}
	}
	if r, ok := s.byDir[dir]; ok {
		s.mu.Unlock()
		return r
	}
	s.mu.Unlock()
	var r sidecarResult
	p := filepath.Join(dir, SidecarName)
	b, err := os.ReadFile(p)
	switch {
	case err == nil:
		r.found = true
		if err := yaml.Unmarshal(b, &r.access); err != nil {
			r.err = rightsgraph.Errorf(rightsgraph.EINVALID, "%s: %v", p, err)
		} else if err := r.access.Validate(); err != nil {
			r.err = fmt.Errorf("%s: %w", p, err)
		} else if parent := filepath.Dir(dir); parent != dir {
			// A field this sidecar leaves out comes from the one above.
			up := s.forDir(parent)
			if up.err != nil {
				r.err = up.err
			}
			if r.access.Collection == "" {
				r.access.Collection = up.access.Collection
			}
			if r.access.Sensitivity == "" {
				r.access.Sensitivity = up.access.Sensitivity
			}
		}
	case errors.Is(err, fs.ErrNotExist):
		if parent := filepath.Dir(dir); parent != dir {
			r = s.forDir(parent)
		}
	default:
		r.err = rightsgraph.Errorf(rightsgraph.EINVALID, "%s: %v", p, err)
		r.found = true
	}
	s.mu.Lock()
	s.byDir[dir] = r
	s.mu.Unlock()
	return r
}

// accessOf returns the access of a document read from source: the loader's
// own (flags), overridden field by field by the nearest sidecar for files.
// Reference data is always public, in the default collection.
func (l *Loader) accessOf(in Input, format string) (Access, error) {
	if format == FormatReference {
		return Access{}, nil
	}
	a := l.Access
	if in.Source == "-" || IsURL(in.Source) {
		return a, nil
	}
	sc, found, err := l.sidecars.forFile(in.Source)
	if err != nil {
		return Access{}, err
	}
	if found {
		if sc.Collection != "" {
			a.Collection = sc.Collection
		}
		if sc.Sensitivity != "" {
			a.Sensitivity = sc.Sensitivity
		}
	}
	return a, nil
}
