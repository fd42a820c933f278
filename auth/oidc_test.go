package auth_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math/big"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/auth"
)

// Issuer is a test OIDC issuer: an RSA key and its JWKS on httptest.
type Issuer struct {
	Key  *rsa.PrivateKey
	KID  string
	URL  string // the JWKS URL
	Name string // iss
}

// NewIssuer starts a JWKS endpoint for a fresh 2048-bit RSA key.
func NewIssuer(tb testing.TB) *Issuer {
	tb.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		tb.Fatal(err)
	}
	iss := &Issuer{Key: k, KID: "test-key-1", Name: "https://issuer.test/"}
	jwks := map[string]any{"keys": []map[string]any{{
		"kty": "RSA", "kid": iss.KID, "use": "sig", "alg": "RS256",
		"n": base64.RawURLEncoding.EncodeToString(k.N.Bytes()),
		"e": base64.RawURLEncoding.EncodeToString(big.NewInt(int64(k.E)).Bytes()),
	}}}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(jwks)
	}))
	tb.Cleanup(ts.Close)
	iss.URL = ts.URL + "/jwks.json"
	return iss
}

// Token signs claims with the issuer's key (or with key when not nil).
func (iss *Issuer) Token(tb testing.TB, claims jwt.MapClaims, key *rsa.PrivateKey) string {
	tb.Helper()
	if key == nil {
		key = iss.Key
	}
	t := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	t.Header["kid"] = iss.KID
	s, err := t.SignedString(key)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func newOIDC(tb testing.TB, iss *Issuer) *auth.OIDC {
	ctx, cancel := context.WithCancel(context.Background())
	tb.Cleanup(cancel)
	o, err := auth.NewOIDC(ctx, auth.OIDCConfig{Issuer: iss.Name, Audience: "rightsgraph-api", JWKSURL: iss.URL})
	if err != nil {
		tb.Fatal(err)
	}
	return o
}

func bearer(token string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/graphql", nil)
	r.Header.Set("Authorization", "Bearer "+token)
	return r
}

func TestOIDCTokens(t *testing.T) {
	iss := NewIssuer(t)
	a := &auth.Authenticator{OIDC: newOIDC(t, iss)}
	now := time.Now()
	base := func() jwt.MapClaims {
		return jwt.MapClaims{"iss": iss.Name, "aud": []string{"other", "rightsgraph-api"}, "sub": "u-42",
			"iat": now.Unix(), "exp": now.Add(time.Hour).Unix(), "email": "ana@example.org",
			"rightsgraph_role": []string{"viewer", "curator"}, "rightsgraph_collections": "witnesses, public",
			"rightsgraph_sensitivity": "confidential"}
	}
	p, err := a.Authenticate(bearer(iss.Token(t, base(), nil)))
	if err != nil {
		t.Fatalf("valid token: %v", err)
	}
	if p.ID != "oidc:u-42" || p.Name != "ana@example.org" || p.Role != rightsgraph.RoleCurator ||
		!slices.Equal(p.Collections, []string{"witnesses", "public"}) || p.MaxSensitivity != rightsgraph.Confidential || p.Anonymous {
		t.Errorf("principal %+v", p)
	}

	minimal := jwt.MapClaims{"iss": iss.Name, "aud": "rightsgraph-api", "sub": "u-7", "exp": now.Add(time.Minute).Unix()}
	p, err = a.Authenticate(bearer(iss.Token(t, minimal, nil)))
	if err != nil {
		t.Fatalf("token without rightsgraph claims: %v", err)
	}
	if p.Role != rightsgraph.RoleReader || !slices.Equal(p.Collections, []string{"public"}) || p.MaxSensitivity != rightsgraph.Public {
		t.Errorf("token without rightsgraph claims reads only public: %+v", p)
	}

	other, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]struct {
		edit   func(jwt.MapClaims)
		key    *rsa.PrivateKey
		reason string
	}{
		"expired":        {edit: func(c jwt.MapClaims) { c["exp"] = now.Add(-time.Hour).Unix() }, reason: "expired"},
		"no exp":         {edit: func(c jwt.MapClaims) { delete(c, "exp") }, reason: "exp"},
		"wrong audience": {edit: func(c jwt.MapClaims) { c["aud"] = "someone-else" }, reason: "wrong audience"},
		"wrong issuer":   {edit: func(c jwt.MapClaims) { c["iss"] = "https://evil.test/" }, reason: "wrong issuer"},
		"other key":      {key: other, reason: "signature"},
		"unknown role":   {edit: func(c jwt.MapClaims) { c["rightsgraph_role"] = "superuser" }, reason: "no role"},
		"bad level":      {edit: func(c jwt.MapClaims) { c["rightsgraph_sensitivity"] = "secret" }, reason: "sensitivity"},
		"no subject":     {edit: func(c jwt.MapClaims) { delete(c, "sub") }, reason: "subject"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			c := base()
			if tc.edit != nil {
				tc.edit(c)
			}
			_, err := a.Authenticate(bearer(iss.Token(t, c, tc.key)))
			if !errors.Is(err, rightsgraph.ErrUnauthenticated) {
				t.Fatalf("got %v, want ErrUnauthenticated", err)
			}
			if !contains(err.Error(), tc.reason) {
				t.Errorf("error %q does not say %q", err, tc.reason)
			}
		})
	}

	// HS256 signed with the RSA public key as an HMAC secret (the classic
	// algorithm confusion) is refused.
	hs := jwt.NewWithClaims(jwt.SigningMethodHS256, base())
	hs.Header["kid"] = iss.KID
	s, _ := hs.SignedString(iss.Key.N.Bytes())
	if _, err := a.Authenticate(bearer(s)); !errors.Is(err, rightsgraph.ErrUnauthenticated) {
		t.Errorf("HS256 token: got %v", err)
	}
	if _, err := a.Authenticate(bearer("not-a-jwt")); !errors.Is(err, rightsgraph.ErrUnauthenticated) {
		t.Errorf("garbage bearer: got %v", err)
	}
}

func TestAuthenticatorHeaders(t *testing.T) {
	a := &auth.Authenticator{}
	p, err := a.Authenticate(httptest.NewRequest(http.MethodGet, "/graphql", nil))
	if err != nil || !p.Anonymous || p.ID != "anonymous" {
		t.Fatalf("no credentials: %+v, %v", p, err)
	}
	for name, set := range map[string]func(*http.Request){
		"basic":            func(r *http.Request) { r.Header.Set("Authorization", "Basic dXNlcjpwYXNz") },
		"empty bearer":     func(r *http.Request) { r.Header.Set("Authorization", "Bearer ") },
		"jwt without oidc": func(r *http.Request) { r.Header.Set("Authorization", "Bearer eyJhbGciOi.x.y") },
		"key without store": func(r *http.Request) {
			r.Header.Set("X-API-Key", "rg_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
		},
		"both headers": func(r *http.Request) {
			r.Header.Set("Authorization", "Bearer rg_x")
			r.Header.Set("X-API-Key", "rg_x")
		},
	} {
		r := httptest.NewRequest(http.MethodGet, "/graphql", nil)
		set(r)
		if _, err := a.Authenticate(r); !errors.Is(err, rightsgraph.ErrUnauthenticated) {
			t.Errorf("%s: got %v, want ErrUnauthenticated", name, err)
		}
	}
}

func TestRequire(t *testing.T) {
	ctx := context.Background()
	if err := auth.Require(ctx, rightsgraph.RoleCurator); !errors.Is(err, rightsgraph.ErrForbidden) {
		t.Errorf("anonymous curator: %v", err)
	}
	reader := rightsgraph.WithPrincipal(ctx, rightsgraph.Principal{ID: "k", Role: rightsgraph.RoleReader})
	if err := auth.Require(reader, rightsgraph.RoleReader); err != nil {
		t.Errorf("reader reader: %v", err)
	}
	if err := auth.Require(reader, rightsgraph.RoleAdmin); !errors.Is(err, rightsgraph.ErrForbidden) {
		t.Errorf("reader admin: %v", err)
	}
	admin := rightsgraph.WithPrincipal(ctx, rightsgraph.Principal{ID: "a", Role: rightsgraph.RoleAdmin})
	if err := auth.Require(admin, rightsgraph.RoleCurator); err != nil {
		t.Errorf("admin curator: %v", err)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func TestOIDCDiscovery(t *testing.T) {
	iss := NewIssuer(t)
	var issuerURL string
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/.well-known/openid-configuration" {
			http.NotFound(w, r)
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]string{"issuer": issuerURL, "jwks_uri": iss.URL})
	}))
	defer ts.Close()
	issuerURL = ts.URL
	got, err := auth.DiscoverJWKS(context.Background(), issuerURL)
	if err != nil || got != iss.URL {
		t.Fatalf("discovery: %q, %v", got, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	o, err := auth.NewOIDC(ctx, auth.OIDCConfig{Issuer: issuerURL, Audience: "api"})
	if err != nil {
		t.Fatal(err)
	}
	tok := iss.Token(t, jwt.MapClaims{"iss": issuerURL, "aud": "api", "sub": "s", "exp": time.Now().Add(time.Minute).Unix()}, nil)
	if p, err := o.Authenticate(ctx, tok); err != nil || p.ID != "oidc:s" {
		t.Errorf("token through discovered keys: %+v, %v", p, err)
	}
	// Metadata naming another issuer is refused.
	if _, err := auth.DiscoverJWKS(context.Background(), issuerURL+"/"); err == nil {
		t.Errorf("discovery accepted metadata of another issuer")
	}
}
