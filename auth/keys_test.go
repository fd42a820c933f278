package auth_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/auth"
	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
)

func TestAPIKeys(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	a := auth.New(db, nil)
	if ok, err := a.Configured(ctx); err != nil || ok {
		t.Fatalf("no keys yet: configured=%v, %v", ok, err)
	}
	nk, err := a.Keys.Create(ctx, auth.KeySpec{Name: "field team", Role: rightsgraph.RoleCurator,
		Collections: []string{"witnesses", " public", "witnesses"}, MaxSensitivity: rightsgraph.Confidential})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(nk.Secret, "rg_") || len(nk.Secret) != 3+43 {
		t.Errorf("secret %q: want rg_ + 43 base64url characters", nk.Secret)
	}
	if ok, err := a.Configured(ctx); err != nil || !ok {
		t.Fatalf("a key exists: configured=%v, %v", ok, err)
	}
	// Only the hash is stored.
	if n := neo4jtest.Count(t, db, `MATCH (k:ApiKey) WHERE any(p IN keys(k) WHERE k[p] = $s) RETURN count(k)`, map[string]any{"s": nk.Secret}); n != 0 {
		t.Errorf("the secret is stored in %d key node(s)", n)
	}
	if n := neo4jtest.Count(t, db, `MATCH (k:ApiKey {hash: $h}) RETURN count(k)`, map[string]any{"h": auth.HashKey(nk.Secret)}); n != 1 {
		t.Errorf("hash stored %d times, want 1", n)
	}

	for _, hdr := range []string{"Authorization", "X-API-Key"} {
		r := httptest.NewRequest(http.MethodGet, "/graphql", nil)
		if hdr == "Authorization" {
			r.Header.Set(hdr, "Bearer "+nk.Secret)
		} else {
			r.Header.Set(hdr, nk.Secret)
		}
		p, err := a.Authenticate(r)
		if err != nil {
			t.Fatalf("%s: %v", hdr, err)
		}
		if p.ID != nk.Key.ID || p.Name != "field team" || p.Role != rightsgraph.RoleCurator ||
			!slices.Equal(p.Collections, []string{"witnesses", "public"}) || p.MaxSensitivity != rightsgraph.Confidential || p.Anonymous {
			t.Errorf("%s: principal %+v", hdr, p)
		}
	}

	// A key of the right shape that was never issued, one character off, malformed.
	other, _ := auth.GenerateKey()
	last := nk.Secret[len(nk.Secret)-1]
	flip := byte('A')
	if last == 'A' {
		flip = 'B'
	}
	for name, k := range map[string]string{"unknown": other, "one off": nk.Secret[:len(nk.Secret)-1] + string(flip),
		"short": nk.Secret[:20], "not base64": "rg_" + strings.Repeat("!", 43)} {
		if _, err := a.Keys.Authenticate(ctx, k); !errors.Is(err, rightsgraph.ErrUnauthenticated) {
			t.Errorf("%s key: got %v, want ErrUnauthenticated", name, err)
		}
	}

	list, err := a.Keys.List(ctx)
	if err != nil || len(list) != 1 || list[0].ID != nk.Key.ID || list[0].Revoked != nil || list[0].Created.IsZero() {
		t.Fatalf("list: %+v, %v", list, err)
	}
	rk, err := a.Keys.Revoke(ctx, nk.Key.ID)
	if err != nil || rk.Revoked == nil {
		t.Fatalf("revoke: %+v, %v", rk, err)
	}
	// At once: the very next authentication is refused.
	if _, err := a.Keys.Authenticate(ctx, nk.Secret); !errors.Is(err, rightsgraph.ErrUnauthenticated) || !strings.Contains(err.Error(), "revoked") {
		t.Errorf("revoked key: got %v", err)
	}
	again, err := a.Keys.Revoke(ctx, nk.Key.ID)
	if err != nil || !again.Revoked.Equal(*rk.Revoked) {
		t.Errorf("second revoke keeps the first time: %v, %v", again, err)
	}
	if _, err := a.Keys.Revoke(ctx, "key_nope"); rightsgraph.ErrorCode(err) != rightsgraph.ENOTFOUND {
		t.Errorf("revoke unknown: %v", err)
	}
	if ok, err := a.Configured(ctx); err != nil || ok {
		t.Errorf("only a revoked key: configured=%v, %v", ok, err)
	}
	if _, err := a.Keys.Create(ctx, auth.KeySpec{Name: "x", Role: "owner"}); rightsgraph.ErrorCode(err) != rightsgraph.EINVALID {
		t.Errorf("bad role: %v", err)
	}
}

// BenchmarkKeyAuthenticate is the cost of an API key on every request: one
// Neo4j read by hash (no cache, so revocation is immediate).
func BenchmarkKeyAuthenticate(b *testing.B) {
	db := neo4jtest.Open(b)
	ctx := context.Background()
	s := &auth.KeyStore{DB: db}
	for i := 0; i < 50; i++ { // a few keys beside the one used
		if _, err := s.Create(ctx, auth.KeySpec{Name: "other", Role: rightsgraph.RoleReader}); err != nil {
			b.Fatal(err)
		}
	}
	nk, err := s.Create(ctx, auth.KeySpec{Name: "bench", Role: rightsgraph.RoleReader})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Authenticate(ctx, nk.Secret); err != nil {
			b.Fatal(err)
		}
	}
}
