// Package auth turns a request's credentials into a rightsgraph.Principal:
// API keys (rg_…, stored as their sha256 in Neo4j, compared in constant
// time, revocable at once) and OIDC bearer tokens (JWTs checked against the
// issuer's JWKS). A request without credentials is the anonymous principal;
// an invalid, expired or revoked credential is rightsgraph.ErrUnauthenticated.
package auth

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

// Authenticator authenticates requests. The zero value (no keys, no OIDC)
// makes every request anonymous and refuses any credential.
type Authenticator struct {
	// Keys looks API keys up; nil refuses every API key.
	Keys *KeyStore
	// OIDC validates bearer tokens that are not API keys; nil refuses them.
	OIDC *OIDC
}

// New returns an authenticator with API keys in db and, when oidc is not
// nil, OIDC bearer tokens.
func New(db *neo4jdb.DB, oidc *OIDC) *Authenticator {
	a := &Authenticator{OIDC: oidc}
	if db != nil {
		a.Keys = &KeyStore{DB: db}
	}
	return a
}

// Authenticate returns the principal of r: an API key from
// "Authorization: Bearer rg_…" or "X-API-Key: rg_…", an OIDC token from
// any other bearer token, the anonymous principal without credentials.
// An invalid, expired or revoked credential, or an authorization scheme
// other than Bearer, is ErrUnauthenticated (wrapped with the reason);
// a key store that cannot be read is its error (unavailable).
func (a *Authenticator) Authenticate(r *http.Request) (rightsgraph.Principal, error) {
	authz := strings.TrimSpace(r.Header.Get("Authorization"))
	apiKey := strings.TrimSpace(r.Header.Get("X-API-Key"))
	if authz == "" && apiKey == "" {
		return rightsgraph.AnonymousPrincipal(), nil
	}
	if authz != "" && apiKey != "" {
		return rightsgraph.Principal{}, unauthenticated("send either an Authorization header or an X-API-Key header, not both")
	}
	token := apiKey
	if authz != "" {
		scheme, rest, _ := strings.Cut(authz, " ")
		if !strings.EqualFold(scheme, "Bearer") {
			return rightsgraph.Principal{}, unauthenticated("unsupported authorization scheme %q: use Bearer", scheme)
		}
		token = strings.TrimSpace(rest)
	}
	if token == "" {
		return rightsgraph.Principal{}, unauthenticated("empty credential")
	}
	if strings.HasPrefix(token, KeyPrefix) || apiKey != "" {
		if a.Keys == nil {
			return rightsgraph.Principal{}, unauthenticated("this server does not accept API keys")
		}
		return a.Keys.Authenticate(r.Context(), token)
	}
	if a.OIDC == nil {
		return rightsgraph.Principal{}, unauthenticated("this server does not accept bearer tokens other than API keys (no OIDC issuer configured)")
	}
	return a.OIDC.Authenticate(r.Context(), token)
}

// Configured reports whether any credential can succeed: OIDC is set, or
// at least one API key that is not revoked exists.
func (a *Authenticator) Configured(ctx context.Context) (bool, error) {
	if a.OIDC != nil {
		return true, nil
	}
	if a.Keys == nil {
		return false, nil
	}
	n, err := a.Keys.DB.CountAPIKeys(ctx)
	return n > 0, err
}

// Require returns ErrForbidden unless the principal of ctx has at least the
// role want. Mutations (curation) call it with RoleCurator.
func Require(ctx context.Context, want rightsgraph.Role) error {
	p := rightsgraph.PrincipalFrom(ctx)
	if p.Role.AtLeast(want) {
		return nil
	}
	return fmt.Errorf("%w: %s needs the %s role, %s has %s", rightsgraph.ErrForbidden, "this operation", want, principalName(p), p.Role)
}

func principalName(p rightsgraph.Principal) string {
	if p.Anonymous {
		return "an anonymous caller"
	}
	return fmt.Sprintf("principal %s", p.ID)
}

// unauthenticated wraps ErrUnauthenticated with a reason. The reason is safe
// to show: it never contains the credential.
func unauthenticated(format string, args ...any) error {
	return fmt.Errorf("%w: %s", rightsgraph.ErrUnauthenticated, fmt.Sprintf(format, args...))
}
