package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/auth"
	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/server"
)

// BenchmarkAccess measures what the perimeter adds to a small GraphQL
// request: the audit line (with its field hook), an API key (one Neo4j
// read per request), an OIDC token (a signature check).
func BenchmarkAccess(b *testing.B) {
	db := neo4jtest.Open(b)
	seed(b, db)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	iss := newTestIssuer(b)
	oidc, err := auth.NewOIDC(ctx, auth.OIDCConfig{Issuer: "https://id.example.org", Audience: "rightsgraph", JWKSURL: iss.url})
	if err != nil {
		b.Fatal(err)
	}
	a := auth.New(db, oidc)
	k, err := a.Keys.Create(ctx, auth.KeySpec{Name: "bench", Role: rightsgraph.RoleReader})
	if err != nil {
		b.Fatal(err)
	}
	tok := iss.token(b, jwt.MapClaims{"iss": "https://id.example.org", "aud": "rightsgraph", "sub": "bench", "exp": time.Now().Add(time.Hour).Unix()})
	body, _ := json.Marshal(map[string]any{"query": partOfQuery, "variables": map[string]any{"id": "institution:be-brussels-court-of-appeal"}})
	for _, c := range []struct {
		name  string
		audit bool
		hdr   string
	}{{"anonymous", false, ""}, {"anonymous+audit", true, ""}, {"apikey+audit", true, "Bearer " + k.Secret}, {"oidc+audit", true, "Bearer " + tok}} {
		b.Run(c.name, func(b *testing.B) {
			cfg := server.DefaultConfig()
			cfg.Auth = a
			if c.audit {
				cfg.AuditLog = io.Discard
			}
			ts, _ := newServer(b, db, cfg)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				req, _ := http.NewRequest(http.MethodPost, ts.URL+"/graphql", strings.NewReader(string(body)))
				req.Header.Set("Content-Type", "application/json")
				if c.hdr != "" {
					req.Header.Set("Authorization", c.hdr)
				}
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					b.Fatalf("status %d", resp.StatusCode)
				}
			}
		})
	}
}
