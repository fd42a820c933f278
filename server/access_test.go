package server_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/auth"
	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
	"github.com/rightsgraph/rightsgraph/server"
)

// syncBuffer is an audit log the test reads while the server writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// lines waits (up to 2 s: a line is written once the handler returns)
// until the log has at least n lines, and returns them decoded.
func (s *syncBuffer) lines(tb testing.TB, n int) []map[string]any {
	tb.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for {
		s.mu.Lock()
		raw := s.b.String()
		s.mu.Unlock()
		var out []map[string]any
		for _, l := range strings.Split(strings.TrimSpace(raw), "\n") {
			if l == "" {
				continue
			}
			var m map[string]any
			if err := json.Unmarshal([]byte(l), &m); err != nil {
				tb.Fatalf("audit line is not JSON: %v: %s", err, l)
			}
			out = append(out, m)
		}
		if len(out) >= n || time.Now().After(deadline) {
			if len(out) < n {
				tb.Fatalf("audit log has %d lines, want %d:\n%s", len(out), n, raw)
			}
			return out
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// call sends one request with headers and returns the response and its body.
func call(tb testing.TB, ts *httptest.Server, method, path string, body []byte, hdr map[string]string) (*http.Response, []byte) {
	tb.Helper()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, ts.URL+path, rd)
	if err != nil {
		tb.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

func gql(tb testing.TB, ts *httptest.Server, hdr map[string]string, op, q string, vars map[string]any) (*http.Response, *gqlResponse) {
	tb.Helper()
	body, _ := json.Marshal(map[string]any{"query": q, "operationName": op, "variables": vars})
	if op == "" {
		body, _ = json.Marshal(map[string]any{"query": q, "variables": vars})
	}
	resp, raw := call(tb, ts, http.MethodPost, "/graphql", body, hdr)
	out := &gqlResponse{Status: resp.StatusCode, Raw: raw}
	if err := json.Unmarshal(raw, out); err != nil {
		tb.Fatalf("response is not JSON (status %d): %v\n%s", resp.StatusCode, err, raw)
	}
	return resp, out
}

func key(secret string) map[string]string {
	return map[string]string{"Authorization": "Bearer " + secret}
}

const partOfQuery = `query PartOf($id: ID!) { node(id: $id) { id ... on Institution { partOf { node { id } evidence { quote document { id } } } } } }`

func TestAccessAPIKeys(t *testing.T) {
	db := neo4jtest.Open(t)
	seed(t, db)
	ctx := context.Background()
	a := auth.New(db, nil)
	reader, err := a.Keys.Create(ctx, auth.KeySpec{Name: "reader", Role: rightsgraph.RoleReader, Collections: []string{"public"}})
	if err != nil {
		t.Fatal(err)
	}
	admin, err := a.Keys.Create(ctx, auth.KeySpec{Name: "admin", Role: rightsgraph.RoleAdmin, Collections: []string{"*"}, MaxSensitivity: rightsgraph.Confidential})
	if err != nil {
		t.Fatal(err)
	}
	audit := &syncBuffer{}
	cfg := server.DefaultConfig()
	cfg.Auth, cfg.AuditLog = a, audit
	ts, _ := newServer(t, db, cfg)
	vars := map[string]any{"id": "institution:be-brussels-court-of-appeal"}
	// The canonical JSON of the variables: keys sorted, no spaces.
	wantHash := sha256.Sum256([]byte(`{"id":"institution:be-brussels-court-of-appeal"}`))

	// 1. Anonymous on loopback: allowed, audited as anonymous.
	_, r := gql(t, ts, nil, "PartOf", partOfQuery, vars)
	okData(t, r)
	// 2. A valid key.
	_, r = gql(t, ts, key(reader.Secret), "PartOf", partOfQuery, vars)
	if at(okData(t, r), "node", "partOf", 0, "evidence", 0, "document", "id") != docRuling {
		t.Fatalf("reader key: %s", r.Raw)
	}
	resp, body := call(t, ts, http.MethodGet, "/whoami", nil, map[string]string{"X-API-Key": reader.Secret})
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"id":"`+reader.Key.ID+`"`) {
		t.Errorf("whoami with X-API-Key: %d %s", resp.StatusCode, body)
	}
	// 3. A wrong key: 401, WWW-Authenticate, GraphQL-over-HTTP error body.
	wrong, _ := auth.GenerateKey()
	resp, r = gql(t, ts, key(wrong), "PartOf", partOfQuery, vars)
	if r.Status != http.StatusUnauthorized || r.code(0) != "UNAUTHENTICATED" || r.Data != nil ||
		!strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer") || strings.Contains(string(r.Raw), wrong) {
		t.Errorf("wrong key: %d %v %s", r.Status, resp.Header, r.Raw)
	}
	// 4. Revoked: refused from the very next request.
	if _, err := a.Keys.Revoke(ctx, reader.Key.ID); err != nil {
		t.Fatal(err)
	}
	_, r = gql(t, ts, key(reader.Secret), "PartOf", partOfQuery, vars)
	if r.Status != http.StatusUnauthorized || r.code(0) != "UNAUTHENTICATED" || !strings.Contains(r.Errors[0].Message, "revoked") {
		t.Errorf("revoked key: %d %s", r.Status, r.Raw)
	}
	// 5. Roles: a reader may not list keys (403), an admin may (no hashes).
	reader2, err := a.Keys.Create(ctx, auth.KeySpec{Name: "reader 2", Role: rightsgraph.RoleReader})
	if err != nil {
		t.Fatal(err)
	}
	resp, body = call(t, ts, http.MethodGet, "/admin/keys", nil, key(reader2.Secret))
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(string(body), `"code":"FORBIDDEN"`) {
		t.Errorf("reader on /admin/keys: %d %s", resp.StatusCode, body)
	}
	resp, _ = call(t, ts, http.MethodGet, "/admin/keys", nil, nil)
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("anonymous on /admin/keys: %d", resp.StatusCode)
	}
	resp, body = call(t, ts, http.MethodGet, "/admin/keys", nil, key(admin.Secret))
	if resp.StatusCode != 200 || !strings.Contains(string(body), reader.Key.ID) || strings.Contains(string(body), reader.Key.Hash) {
		t.Errorf("admin on /admin/keys: %d %s", resp.StatusCode, body)
	}
	// Health checks need nothing, even with a bad credential.
	if resp, _ := call(t, ts, http.MethodGet, "/healthz", nil, key(wrong)); resp.StatusCode != 200 {
		t.Errorf("healthz with a wrong key: %d", resp.StatusCode)
	}
	// 6. An export is audited with its documents.
	resp, _ = call(t, ts, http.MethodGet, "/export?format=graphml&seed=state:BEL", nil, key(admin.Secret))
	if resp.StatusCode != 200 {
		t.Fatalf("export: %d", resp.StatusCode)
	}

	// The two GraphQL reads, wrong key, revoked key, three /admin requests
	// (two denied), export; not /whoami nor /healthz.
	lines := audit.lines(t, 8)
	if len(lines) != 8 {
		t.Fatalf("audit lines: %d, want 8: %v", len(lines), lines)
	}
	anon, ok, bad, revoked, export := lines[0], lines[1], lines[2], lines[3], lines[7]
	for i, l := range lines[:4] {
		if l["operation"] != "PartOf" || l["variables_sha256"] != hex.EncodeToString(wantHash[:]) || l["path"] != "/graphql" {
			t.Errorf("line %d: operation/variables: %v", i, l)
		}
		if _, err := time.Parse(time.RFC3339Nano, l["time"].(string)); err != nil {
			t.Errorf("line %d: time: %v", i, l["time"])
		}
		if d, _ := l["duration_ms"].(float64); d <= 0 {
			t.Errorf("line %d: duration_ms %v", i, l["duration_ms"])
		}
	}
	if anon["principal"] != "anonymous" || anon["anonymous"] != true || anon["status"] != float64(200) || anon["documents"] != float64(1) {
		t.Errorf("anonymous line: %v", anon)
	}
	if ok["principal"] != reader.Key.ID || ok["role"] != "reader" || ok["documents"] != float64(1) || len(ok["error_codes"].([]any)) != 0 {
		t.Errorf("reader line: %v", ok)
	}
	for name, l := range map[string]map[string]any{"wrong key": bad, "revoked key": revoked} {
		if l["principal"] != "unauthenticated" || l["status"] != float64(401) || l["denied"] != "unauthenticated" ||
			l["documents"] != float64(0) || at(l, "error_codes", 0) != "UNAUTHENTICATED" {
			t.Errorf("%s line: %v", name, l)
		}
	}
	if l := lines[4]; l["principal"] != reader2.Key.ID || l["status"] != float64(403) || l["denied"] != "forbidden" ||
		l["operation"] != "GET /admin/keys" || at(l, "error_codes", 0) != "FORBIDDEN" {
		t.Errorf("reader on /admin/keys line: %v", l)
	}
	if l := lines[6]; l["principal"] != admin.Key.ID || l["status"] != float64(200) || l["denied"] != nil {
		t.Errorf("admin on /admin/keys line: %v", l)
	}
	if export["principal"] != admin.Key.ID || export["operation"] != "export" || export["status"] != float64(200) {
		t.Errorf("export line: %v", export)
	}
	if d, _ := export["documents"].(float64); d < 1 {
		t.Errorf("export line counts no documents: %v", export)
	}

	// --require-auth: anonymous requests get 401, even on loopback.
	cfg.RequireAuth = true
	ts2, _ := newServer(t, db, cfg)
	resp, r = gql(t, ts2, nil, "", `{ stats { nodes } }`, nil)
	if r.Status != http.StatusUnauthorized || r.code(0) != "UNAUTHENTICATED" || resp.Header.Get("WWW-Authenticate") != `Bearer realm="rightsgraph"` {
		t.Errorf("require-auth anonymous: %d %v %s", r.Status, resp.Header, r.Raw)
	}
	_, r = gql(t, ts2, key(admin.Secret), "", `{ stats { nodes } }`, nil)
	okData(t, r)
	// documents counts what the response returned: none, both documents
	// (a list, a node by id), one through a nodes list.
	_, r = gql(t, ts2, key(admin.Secret), "Docs", `query Docs { documents(first: 10) { nodes { id } } }`, nil)
	okData(t, r)
	_, r = gql(t, ts2, key(admin.Secret), "", `query One($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": docAmnesty})
	okData(t, r)
	_, r = gql(t, ts2, key(admin.Secret), "", `{ nodes(ids: ["state:BEL", "`+docRuling+`"]) { id } }`, nil)
	okData(t, r)
	lines = audit.lines(t, 13)
	if n := len(lines); n != 13 {
		t.Fatalf("audit lines after require-auth: %d", n)
	}
	for i, want := range map[int]float64{8: 0, 9: 0, 10: 2, 11: 1, 12: 1} {
		if lines[i]["documents"] != want {
			t.Errorf("line %d: documents %v, want %v: %v", i, lines[i]["documents"], want, lines[i])
		}
	}
	if lines[10]["operation"] != "Docs" || lines[11]["operation"] != "One" {
		t.Errorf("operation names (given, and only in the document): %v, %v", lines[10]["operation"], lines[11]["operation"])
	}
}

func TestAccessExposure(t *testing.T) {
	db := neo4jtest.Open(t)
	seed(t, db)
	ctx := context.Background()
	a := auth.New(db, nil)
	cfg := server.DefaultConfig()
	cfg.Auth = a
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))

	// No key, no OIDC: a non-loopback address refuses to start.
	s := server.New(cfg, db)
	ln, err := net.Listen("tcp", "0.0.0.0:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "refusing to serve") || !strings.Contains(err.Error(), "--insecure-open") {
			t.Errorf("non-loopback without auth: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("non-loopback without auth started")
	}
	if err := server.New(cfg, db).CheckExposure(ctx, "127.0.0.1:8080"); err != nil {
		t.Errorf("loopback without auth: %v", err)
	}
	if err := server.New(cfg, db).CheckExposure(ctx, "[::1]:8080"); err != nil {
		t.Errorf("::1 without auth: %v", err)
	}
	if err := server.New(cfg, db).CheckExposure(ctx, ":8080"); err == nil {
		t.Errorf("every interface without auth started")
	}
	open := cfg
	open.InsecureOpen = true
	if err := server.New(open, db).CheckExposure(ctx, "0.0.0.0:8080"); err != nil {
		t.Errorf("--insecure-open: %v", err)
	}
	k, err := a.Keys.Create(ctx, auth.KeySpec{Name: "viz", Role: rightsgraph.RoleReader})
	if err != nil {
		t.Fatal(err)
	}
	if err := server.New(cfg, db).CheckExposure(ctx, "0.0.0.0:8080"); err != nil {
		t.Errorf("non-loopback with a key: %v", err)
	}

	// Exposed: no introspection and no Playground for anonymous callers.
	cfg.Addr = "0.0.0.0:8080"
	ts, _ := newServer(t, db, cfg)
	introspect := `{ __schema { queryType { name } } }`
	_, r := gql(t, ts, nil, "", introspect, nil)
	if r.code(0) != "INTROSPECTION_DISABLED" {
		t.Errorf("anonymous introspection on 0.0.0.0: %s", r.Raw)
	}
	_, r = gql(t, ts, key(k.Secret), "", introspect, nil)
	if at(okData(t, r), "__schema", "queryType", "name") != "Query" {
		t.Errorf("introspection with a key: %s", r.Raw)
	}
	_, r = gql(t, ts, nil, "", `{ stats { nodes } }`, nil)
	okData(t, r)
	resp, body := call(t, ts, http.MethodGet, "/", nil, nil)
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(string(body), "FORBIDDEN") {
		t.Errorf("anonymous Playground on 0.0.0.0: %d %s", resp.StatusCode, body)
	}
	if resp, _ := call(t, ts, http.MethodGet, "/", nil, key(k.Secret)); resp.StatusCode == http.StatusForbidden {
		t.Errorf("Playground with a key: %d", resp.StatusCode)
	}
	// On loopback, anonymous callers keep introspection.
	cfg.Addr = ""
	ts, _ = newServer(t, db, cfg)
	_, r = gql(t, ts, nil, "", introspect, nil)
	okData(t, r)
}

func TestAccessRateLimit(t *testing.T) {
	db := neo4jtest.Open(t)
	seed(t, db)
	ctx := context.Background()
	a := auth.New(db, nil)
	k1, err := a.Keys.Create(ctx, auth.KeySpec{Name: "one", Role: rightsgraph.RoleReader})
	if err != nil {
		t.Fatal(err)
	}
	k2, err := a.Keys.Create(ctx, auth.KeySpec{Name: "two", Role: rightsgraph.RoleReader})
	if err != nil {
		t.Fatal(err)
	}
	audit := &syncBuffer{}
	cfg := server.DefaultConfig()
	cfg.Auth, cfg.AuditLog, cfg.RateLimit, cfg.RateBurst = a, audit, 0.5, 2
	ts, _ := newServer(t, db, cfg)
	q := `{ stats { nodes } }`
	for i := 0; i < 2; i++ {
		_, r := gql(t, ts, key(k1.Secret), "", q, nil)
		okData(t, r)
	}
	resp, r := gql(t, ts, key(k1.Secret), "", q, nil)
	if r.Status != http.StatusTooManyRequests || r.code(0) != "LIMIT" || !strings.Contains(r.Errors[0].Message, "rate limit") {
		t.Fatalf("third request: %d %s", r.Status, r.Raw)
	}
	if ra, err := strconv.Atoi(resp.Header.Get("Retry-After")); err != nil || ra < 1 || ra > 2 {
		t.Errorf("Retry-After %q (a token every 2 s)", resp.Header.Get("Retry-After"))
	}
	// Another principal has its own bucket; so does /export.
	_, r = gql(t, ts, key(k2.Secret), "", q, nil)
	okData(t, r)
	if resp, _ := call(t, ts, http.MethodGet, "/export?format=graphml&seed=state:BEL", nil, key(k1.Secret)); resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("export over the limit: %d", resp.StatusCode)
	}
	lines := audit.lines(t, 5)
	if l := lines[2]; l["status"] != float64(429) || l["denied"] != "rate_limited" || l["principal"] != k1.Key.ID || at(l, "error_codes", 0) != "LIMIT" {
		t.Errorf("rate-limited line: %v", l)
	}
	// Failed credentials spend a bucket of the client's address: after the
	// burst, the next credential is refused before it is looked up.
	for i := 0; i < 2; i++ {
		bad, _ := auth.GenerateKey()
		if _, r := gql(t, ts, key(bad), "", q, nil); r.Status != http.StatusUnauthorized {
			t.Fatalf("wrong key %d: %d %s", i, r.Status, r.Raw)
		}
	}
	bad, _ := auth.GenerateKey()
	resp, r = gql(t, ts, key(bad), "", q, nil)
	if r.Status != http.StatusTooManyRequests || r.code(0) != "LIMIT" || !strings.Contains(r.Errors[0].Message, "failed authentications") || resp.Header.Get("Retry-After") == "" {
		t.Errorf("third wrong key: %d %v %s", r.Status, resp.Header, r.Raw)
	}
	// Anonymous requests from that address have their own bucket.
	_, r = gql(t, ts, nil, "", q, nil)
	okData(t, r)
}

func TestAccessStoreUnavailable(t *testing.T) {
	db := neo4jtest.Open(t)
	seed(t, db)
	// Keys live in a Neo4j that does not answer: a key is neither refused
	// as invalid nor taken as anonymous; the request fails as unavailable.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	down, err := neo4jdb.Open(neo4jdb.Config{URI: "bolt://" + addr, User: "neo4j", Password: "x", MaxRetryTime: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer down.Close(context.Background())
	audit := &syncBuffer{}
	cfg := server.DefaultConfig()
	cfg.Auth, cfg.AuditLog = auth.New(down, nil), audit
	ts, _ := newServer(t, db, cfg)
	k, _ := auth.GenerateKey()
	resp, r := gql(t, ts, key(k), "", `{ stats { nodes } }`, nil)
	if r.Status != http.StatusServiceUnavailable || r.code(0) != "UNAVAILABLE" || resp.Header.Get("WWW-Authenticate") != "" || r.Data != nil {
		t.Errorf("key with the store down: %d %v %s", r.Status, resp.Header, r.Raw)
	}
	if l := audit.lines(t, 1)[0]; l["status"] != float64(503) || l["denied"] != "auth_unavailable" {
		t.Errorf("audit: %v", l)
	}
	// Beyond loopback it cannot tell whether keys exist, so it does not start.
	if err := server.New(cfg, db).CheckExposure(context.Background(), "0.0.0.0:8080"); err == nil || !strings.Contains(err.Error(), "cannot tell whether API keys exist") {
		t.Errorf("exposure with the store down: %v", err)
	}
}

func TestAccessCORS(t *testing.T) {
	db := neo4jtest.Open(t)
	seed(t, db)
	preflight := func(ts *httptest.Server, origin string) *http.Response {
		resp, _ := call(t, ts, http.MethodOptions, "/graphql", nil, map[string]string{"Origin": origin,
			"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization, content-type"})
		return resp
	}
	// Not configured: as before, OPTIONS is not a method of /graphql.
	ts, _ := newServer(t, db, server.DefaultConfig())
	if resp := preflight(ts, "https://viz.example.org"); resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("no CORS configured: %d %v", resp.StatusCode, resp.Header)
	}
	cfg := server.DefaultConfig()
	cfg.CORSOrigins = []string{"https://viz.example.org"}
	cfg.Auth = auth.New(db, nil)
	cfg.RequireAuth = true // a preflight carries no credentials and still succeeds
	ts, _ = newServer(t, db, cfg)
	resp := preflight(ts, "https://viz.example.org")
	if resp.StatusCode/100 != 2 || resp.Header.Get("Access-Control-Allow-Origin") != "https://viz.example.org" ||
		!strings.Contains(strings.ToLower(resp.Header.Get("Access-Control-Allow-Headers")), "authorization") ||
		!strings.Contains(resp.Header.Get("Access-Control-Allow-Methods"), "POST") {
		t.Errorf("allowed origin preflight: %d %v", resp.StatusCode, resp.Header)
	}
	resp = preflight(ts, "https://evil.example.com")
	for h := range resp.Header {
		if strings.HasPrefix(h, "Access-Control-") {
			t.Errorf("disallowed origin got %s: %v", h, resp.Header)
		}
	}
	// The actual request from the allowed origin: a 401 the page can read.
	resp, _ = call(t, ts, http.MethodPost, "/graphql", []byte(`{"query":"{ stats { nodes } }"}`), map[string]string{"Origin": "https://viz.example.org"})
	if resp.StatusCode != http.StatusUnauthorized || resp.Header.Get("Access-Control-Allow-Origin") != "https://viz.example.org" {
		t.Errorf("401 to an allowed origin: %d %v", resp.StatusCode, resp.Header)
	}
}

// testIssuer is an OIDC issuer for the server tests: an RSA key, its JWKS
// on httptest, and signed tokens.
type testIssuer struct {
	key *rsa.PrivateKey
	url string
}

func newTestIssuer(tb testing.TB) *testIssuer {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		tb.Fatal(err)
	}
	jwks, _ := json.Marshal(map[string]any{"keys": []map[string]any{{"kty": "RSA", "kid": "k1", "use": "sig", "alg": "RS256",
		"n": base64.RawURLEncoding.EncodeToString(k.N.Bytes()), "e": base64.RawURLEncoding.EncodeToString(big.NewInt(int64(k.E)).Bytes())}}})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(jwks)
	}))
	tb.Cleanup(ts.Close)
	return &testIssuer{key: k, url: ts.URL}
}

func (iss *testIssuer) token(tb testing.TB, claims jwt.MapClaims) string {
	t := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	t.Header["kid"] = "k1"
	s, err := t.SignedString(iss.key)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func TestAccessOIDC(t *testing.T) {
	db := neo4jtest.Open(t)
	seed(t, db)
	iss := newTestIssuer(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	oidc, err := auth.NewOIDC(ctx, auth.OIDCConfig{Issuer: "https://id.example.org", Audience: "rightsgraph", JWKSURL: iss.url})
	if err != nil {
		t.Fatal(err)
	}
	audit := &syncBuffer{}
	cfg := server.DefaultConfig()
	cfg.Auth, cfg.AuditLog = auth.New(db, oidc), audit
	ts, _ := newServer(t, db, cfg)
	now := time.Now()
	claims := func(edit func(jwt.MapClaims)) string {
		c := jwt.MapClaims{"iss": "https://id.example.org", "aud": "rightsgraph", "sub": "investigator-1",
			"exp": now.Add(time.Hour).Unix(), "rightsgraph_role": "curator", "rightsgraph_collections": []string{"public", "witnesses"}}
		if edit != nil {
			edit(c)
		}
		return iss.token(t, c)
	}
	resp, body := call(t, ts, http.MethodGet, "/whoami", nil, key(claims(nil)))
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"id":"oidc:investigator-1"`) || !strings.Contains(string(body), `"role":"curator"`) {
		t.Errorf("valid token: %d %s", resp.StatusCode, body)
	}
	_, r := gql(t, ts, key(claims(nil)), "", `{ stats { nodes } }`, nil)
	okData(t, r)
	for name, edit := range map[string]func(jwt.MapClaims){
		"expired":        func(c jwt.MapClaims) { c["exp"] = now.Add(-time.Hour).Unix() },
		"wrong audience": func(c jwt.MapClaims) { c["aud"] = "another-api" },
		"wrong issuer":   func(c jwt.MapClaims) { c["iss"] = "https://evil.example.org" },
	} {
		resp, r := gql(t, ts, key(claims(edit)), "", `{ stats { nodes } }`, nil)
		if r.Status != http.StatusUnauthorized || r.code(0) != "UNAUTHENTICATED" || !strings.Contains(resp.Header.Get("WWW-Authenticate"), `error="invalid_token"`) ||
			!strings.Contains(r.Errors[0].Message, strings.TrimPrefix(name, "wrong ")) {
			t.Errorf("%s token: %d %v %s", name, r.Status, resp.Header, r.Raw)
		}
	}
	lines := audit.lines(t, 4)
	if lines[0]["principal"] != "oidc:investigator-1" || lines[0]["role"] != "curator" {
		t.Errorf("audit of a token: %v", lines[0])
	}
}

func TestAccessPrincipalFromWrapper(t *testing.T) {
	db := neo4jtest.Open(t)
	seed(t, db)
	cfg := server.DefaultConfig()
	cfg.Auth = auth.New(db, nil)
	cfg.RequireAuth = true
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	h := server.New(cfg, db).Handler()
	want := rightsgraph.Principal{ID: "embedded", Role: rightsgraph.RoleCurator, Collections: []string{"witness"}}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r.WithContext(rightsgraph.WithPrincipal(r.Context(), want)))
	}))
	defer ts.Close()
	// Go code wrapping Handler decides the principal: no credential needed
	// even with RequireAuth, and a header cannot replace it.
	for _, hdr := range []map[string]string{nil, {"X-API-Key": "rg_forged"}} {
		resp, body := call(t, ts, http.MethodGet, "/whoami", nil, hdr)
		if resp.StatusCode != 200 || !strings.Contains(string(body), `"id":"embedded"`) || !strings.Contains(string(body), `"role":"curator"`) {
			t.Errorf("wrapped principal (%v): %d %s", hdr, resp.StatusCode, body)
		}
	}
}
