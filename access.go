package rightsgraph

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// Sensitivity is how confidential a document is. A principal reads a
// document when the document's collection is one of its collections and the
// document's sensitivity is at most the principal's MaxSensitivity.
type Sensitivity int

// Sensitivity levels, in increasing order (the stored value is the name).
const (
	Public Sensitivity = iota
	Restricted
	Confidential
)

var sensitivityNames = []string{"public", "restricted", "confidential"}

func (s Sensitivity) String() string {
	if s < 0 || int(s) >= len(sensitivityNames) {
		return fmt.Sprintf("Sensitivity(%d)", int(s))
	}
	return sensitivityNames[s]
}

// ParseSensitivity reads "public", "restricted" or "confidential" (any case).
func ParseSensitivity(s string) (Sensitivity, error) {
	i := slices.Index(sensitivityNames, strings.ToLower(strings.TrimSpace(s)))
	if i < 0 {
		return 0, Errorf(EINVALID, "unknown sensitivity %q (want public, restricted or confidential)", s)
	}
	return Sensitivity(i), nil
}

// DefaultCollection is the collection of documents loaded without one, and
// of reference data.
const DefaultCollection = "public"

// Role is what a principal may do.
type Role string

// Roles, each including the ones before it.
const (
	RoleReader  Role = "reader"
	RoleCurator Role = "curator"
	RoleAdmin   Role = "admin"
)

// ParseRole reads reader, curator or admin.
func ParseRole(s string) (Role, error) {
	switch r := Role(strings.ToLower(strings.TrimSpace(s))); r {
	case RoleReader, RoleCurator, RoleAdmin:
		return r, nil
	}
	return "", Errorf(EINVALID, "unknown role %q (want reader, curator or admin)", s)
}

// AtLeast reports whether r includes want.
func (r Role) AtLeast(want Role) bool {
	rank := map[Role]int{RoleReader: 1, RoleCurator: 2, RoleAdmin: 3}
	return rank[r] >= rank[want] && rank[want] > 0
}

// AllCollections in Principal.Collections grants every collection.
const AllCollections = "*"

// Principal is who makes a request, and what it may read.
type Principal struct {
	// ID is stable (an API key's id, an OIDC subject); "anonymous" for nobody.
	ID   string
	Name string
	Role Role
	// Collections it may read; AllCollections grants every one.
	Collections []string
	// MaxSensitivity is the most confidential level it may read.
	MaxSensitivity Sensitivity
	// Anonymous is true when no credential was given.
	Anonymous bool
}

// AnonymousPrincipal is the principal of a request without credentials: it reads
// public documents of the public collection only.
func AnonymousPrincipal() Principal {
	return Principal{ID: "anonymous", Name: "anonymous", Role: RoleReader,
		Collections: []string{DefaultCollection}, MaxSensitivity: Public, Anonymous: true}
}

// Unrestricted is the principal of trusted local tools (the loader, the
// tests' setup): it reads everything. A server never gives it to a request:
// --insecure-open only lets it start beyond loopback, and its anonymous
// callers are still AnonymousPrincipal.
func Unrestricted() Principal {
	return Principal{ID: "local", Name: "local", Role: RoleAdmin,
		Collections: []string{AllCollections}, MaxSensitivity: Confidential}
}

// AllCollectionsGranted reports whether p reads every collection.
func (p Principal) AllCollectionsGranted() bool {
	return slices.Contains(p.Collections, AllCollections)
}

// CanRead reports whether p may read a document of that collection and sensitivity.
func (p Principal) CanRead(collection string, s Sensitivity) bool {
	if s > p.MaxSensitivity {
		return false
	}
	return p.AllCollectionsGranted() || slices.Contains(p.Collections, collection)
}

// Sentinel errors of access control, checked with errors.Is.
var (
	// ErrUnauthenticated: a credential was missing where one is required, or was invalid, expired or revoked (401).
	ErrUnauthenticated = &Error{Code: EUNAUTHORIZED, Message: "authentication required or credential invalid"}
	// ErrForbidden: the principal is known but its role does not allow the operation (403).
	ErrForbidden = &Error{Code: EFORBIDDEN, Message: "forbidden for this principal"}
)

// EFORBIDDEN is the code of ErrForbidden.
const EFORBIDDEN = "forbidden"

type principalKey struct{}

// WithPrincipal returns ctx carrying p.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalIn returns the principal of ctx and whether one was put there.
func PrincipalIn(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}

// PrincipalFrom returns the principal of ctx. A context without one gets
// the anonymous principal: forgetting to authenticate never widens access.
func PrincipalFrom(ctx context.Context) Principal {
	if p, ok := ctx.Value(principalKey{}).(Principal); ok {
		return p
	}
	return AnonymousPrincipal()
}
