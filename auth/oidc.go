package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/MicahParks/keyfunc/v3"
	"github.com/golang-jwt/jwt/v5"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// OIDCConfig says which bearer tokens to accept and how to read a
// principal from their claims.
type OIDCConfig struct {
	Issuer   string // the iss a token must have
	Audience string // one of the token's aud values
	JWKSURL  string // the issuer's key set; empty: the jwks_uri of its discovery document
	// Claims holding the role (a string, or a list: the highest wins), the
	// collections (a list, or a comma- or space-separated string) and the
	// highest sensitivity. Defaults: rightsgraph_role,
	// rightsgraph_collections, rightsgraph_sensitivity.
	RoleClaim, CollectionsClaim, SensitivityClaim string
	// Leeway for exp, nbf and iat (default 30 s).
	Leeway time.Duration
	// RefreshInterval of the key set (default one hour; unknown key ids
	// trigger a refresh at most every five minutes, keyfunc's default).
	RefreshInterval time.Duration
}

// Default claim names.
const (
	DefaultRoleClaim        = "rightsgraph_role"
	DefaultCollectionsClaim = "rightsgraph_collections"
	DefaultSensitivityClaim = "rightsgraph_sensitivity"
)

// OIDC validates bearer tokens.
type OIDC struct {
	cfg    OIDCConfig
	keys   keyfunc.Keyfunc
	parser *jwt.Parser
}

// NewOIDC fetches the key set once (failing when it cannot) and keeps it
// refreshed in the background until ctx ends.
func NewOIDC(ctx context.Context, cfg OIDCConfig) (*OIDC, error) {
	if cfg.Issuer == "" || cfg.Audience == "" {
		return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "OIDC needs an issuer and an audience (--oidc-issuer, --oidc-audience)")
	}
	if cfg.JWKSURL == "" {
		u, err := DiscoverJWKS(ctx, cfg.Issuer)
		if err != nil {
			return nil, err
		}
		cfg.JWKSURL = u
	}
	if cfg.RoleClaim == "" {
		cfg.RoleClaim = DefaultRoleClaim
	}
	if cfg.CollectionsClaim == "" {
		cfg.CollectionsClaim = DefaultCollectionsClaim
	}
	if cfg.SensitivityClaim == "" {
		cfg.SensitivityClaim = DefaultSensitivityClaim
	}
	if cfg.Leeway == 0 {
		cfg.Leeway = 30 * time.Second
	}
	if cfg.RefreshInterval == 0 {
		cfg.RefreshInterval = time.Hour
	}
	k, err := keyfunc.NewDefaultOverrideCtx(ctx, []string{cfg.JWKSURL}, keyfunc.Override{
		HTTPTimeout: 10 * time.Second, RefreshInterval: cfg.RefreshInterval})
	if err != nil {
		return nil, fmt.Errorf("OIDC: key set %s: %w", cfg.JWKSURL, err)
	}
	p := jwt.NewParser(
		jwt.WithIssuer(cfg.Issuer),
		jwt.WithAudience(cfg.Audience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(cfg.Leeway),
		jwt.WithValidMethods([]string{"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"}),
	)
	return &OIDC{cfg: cfg, keys: k, parser: p}, nil
}

// Authenticate validates token (signature, issuer, audience, expiry) and
// returns its principal, "oidc:" + subject.
func (o *OIDC) Authenticate(ctx context.Context, token string) (rightsgraph.Principal, error) {
	claims := jwt.MapClaims{}
	_, err := o.parser.ParseWithClaims(token, claims, o.keys.KeyfuncCtx(ctx))
	if err != nil {
		return rightsgraph.Principal{}, unauthenticated("bearer token refused: %s", tokenReason(err))
	}
	sub, _ := claims.GetSubject()
	if sub == "" {
		return rightsgraph.Principal{}, unauthenticated("bearer token refused: it has no subject")
	}
	p := rightsgraph.Principal{ID: "oidc:" + sub, Name: sub, Role: rightsgraph.RoleReader,
		Collections: []string{rightsgraph.DefaultCollection}, MaxSensitivity: rightsgraph.Public}
	for _, c := range []string{"preferred_username", "email", "name"} {
		if s, ok := claims[c].(string); ok && s != "" {
			p.Name = s
			break
		}
	}
	if v, ok := claims[o.cfg.RoleClaim]; ok {
		roles := claimStrings(v)
		best := rightsgraph.Role("")
		for _, r := range roles {
			role, err := rightsgraph.ParseRole(r)
			if err != nil {
				continue // a role of another application
			}
			if best == "" || role.AtLeast(best) {
				best = role
			}
		}
		if best == "" {
			return rightsgraph.Principal{}, unauthenticated("bearer token refused: claim %s names no role of reader, curator or admin", o.cfg.RoleClaim)
		}
		p.Role = best
	}
	if v, ok := claims[o.cfg.CollectionsClaim]; ok {
		if cols := cleanCollections(claimStrings(v)); len(cols) > 0 {
			p.Collections = cols
		}
	}
	if v, ok := claims[o.cfg.SensitivityClaim]; ok {
		s, _ := v.(string)
		sens, err := rightsgraph.ParseSensitivity(s)
		if err != nil {
			return rightsgraph.Principal{}, unauthenticated("bearer token refused: claim %s: %s", o.cfg.SensitivityClaim, rightsgraph.ErrorMessage(err))
		}
		p.MaxSensitivity = sens
	}
	return p, nil
}

// claimStrings reads a claim that is a list of strings or one string of
// comma- or space-separated values.
func claimStrings(v any) []string {
	switch x := v.(type) {
	case string:
		return strings.FieldsFunc(x, func(r rune) bool { return r == ',' || r == ' ' })
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// tokenReason names why a token was refused, without echoing it.
func tokenReason(err error) string {
	switch {
	case errors.Is(err, jwt.ErrTokenExpired):
		return "expired"
	case errors.Is(err, jwt.ErrTokenNotValidYet), errors.Is(err, jwt.ErrTokenUsedBeforeIssued):
		return "not valid yet"
	case errors.Is(err, jwt.ErrTokenInvalidAudience):
		return "wrong audience"
	case errors.Is(err, jwt.ErrTokenInvalidIssuer):
		return "wrong issuer"
	case errors.Is(err, jwt.ErrTokenRequiredClaimMissing):
		return "a required claim (exp) is missing"
	case errors.Is(err, jwt.ErrTokenMalformed):
		return "malformed"
	case errors.Is(err, jwt.ErrTokenSignatureInvalid), errors.Is(err, jwt.ErrTokenUnverifiable):
		return "signature not verified by the issuer's keys"
	}
	return "invalid"
}

// DiscoverJWKS reads jwks_uri from the issuer's OpenID Provider metadata
// (issuer + "/.well-known/openid-configuration"), whose issuer must be the
// one configured.
func DiscoverJWKS(ctx context.Context, issuer string) (string, error) {
	u := strings.TrimSuffix(issuer, "/") + "/.well-known/openid-configuration"
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return "", rightsgraph.Errorf(rightsgraph.EINVALID, "OIDC issuer %q is not a URL: %v", issuer, err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", fmt.Errorf("OIDC discovery %s: %w", u, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("OIDC discovery %s: status %d (give --oidc-jwks-url)", u, resp.StatusCode)
	}
	var meta struct {
		Issuer  string `json:"issuer"`
		JWKSURI string `json:"jwks_uri"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&meta); err != nil {
		return "", fmt.Errorf("OIDC discovery %s: %w", u, err)
	}
	if meta.Issuer != issuer || meta.JWKSURI == "" {
		return "", fmt.Errorf("OIDC discovery %s: issuer %q (want %q), jwks_uri %q", u, meta.Issuer, issuer, meta.JWKSURI)
	}
	return meta.JWKSURI, nil
}
