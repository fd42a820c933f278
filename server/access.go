package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rs/cors"
	"golang.org/x/time/rate"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// Authenticator turns a request into a principal (auth.Authenticator is one).
type Authenticator interface {
	// Authenticate returns the anonymous principal for a request without
	// credentials, an error wrapping rightsgraph.ErrUnauthenticated for an
	// invalid one, and another error when the credential store cannot be read.
	Authenticate(r *http.Request) (rightsgraph.Principal, error)
	// Configured reports whether any credential can succeed (an API key
	// exists, OIDC is set).
	Configured(ctx context.Context) (bool, error)
}

// isLoopbackAddr reports whether a listen address only accepts local
// connections: localhost or a loopback IP. An empty host (every interface)
// is not.
func isLoopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	host = strings.Trim(host, "[]")
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// exposed reports whether the server listens beyond loopback: anonymous
// callers then get no introspection and no Playground.
func (s *Server) isExposed() bool { return s.exposed.Load() }

// CheckExposure enforces the one rule of defaults: on a loopback address
// the server may stay open to anonymous callers (it says so once in the
// log); on any other address it refuses to start unless credentials can
// be checked (an API key exists in Neo4j, or OIDC is configured) or
// InsecureOpen is set. Run and Serve call it (Run with Addr, Serve with the
// listener's address) unless it already passed for that address.
func (s *Server) CheckExposure(ctx context.Context, addr string) error {
	s.mu.Lock()
	done := s.checked == addr
	s.mu.Unlock()
	if done {
		return nil
	}
	if err := s.checkExposure(ctx, addr); err != nil {
		return err
	}
	s.mu.Lock()
	s.checked = addr
	s.mu.Unlock()
	return nil
}

func (s *Server) checkExposure(ctx context.Context, addr string) error {
	if !isLoopbackAddr(addr) {
		s.exposed.Store(true)
	}
	configured := false
	var cerr error
	if s.cfg.Auth != nil {
		cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		configured, cerr = s.cfg.Auth.Configured(cctx)
		cancel()
	}
	switch {
	case !s.isExposed() && s.cfg.RequireAuth:
		s.log.Info("access: serving on a loopback address; --require-auth: requests without a key or token get 401", "addr", addr)
	case !s.isExposed():
		s.log.Info("access: serving on a loopback address, open to anonymous callers: without a key or token a caller reads only public documents of the public collection (--require-auth refuses them)", "addr", addr)
	case configured:
		s.log.Info("access: serving on a non-loopback address; anonymous callers read only public documents of the public collection, without introspection or Playground", "addr", addr, "require_auth", s.cfg.RequireAuth)
	case s.cfg.InsecureOpen:
		s.log.Warn("access: --insecure-open: serving on a non-loopback address with no API key or OIDC configured; anyone who reaches it reads the public documents of the public collection", "addr", addr, "err", cerr)
	default:
		why := "no API key exists and no OIDC issuer is configured"
		if cerr != nil {
			why = fmt.Sprintf("cannot tell whether API keys exist (%v) and no OIDC issuer is configured", cerr)
		}
		return fmt.Errorf("refusing to serve on %s, which is not a loopback address, without authentication: %s; "+
			"create a key (rightsgraph keys create --name NAME --role reader), configure OIDC (--oidc-issuer, --oidc-audience, --oidc-jwks-url), "+
			"listen on 127.0.0.1, or pass --insecure-open to serve public documents to anyone", addr, why)
	}
	return nil
}

// publicPaths are answered without authentication.
var publicPaths = map[string]bool{"/healthz": true, "/readyz": true}

// auditedPaths are the requests that read the graph: audited and rate limited.
var auditedPaths = map[string]bool{"/graphql": true, "/export": true}

// perimeter authenticates every request but the health checks and puts its
// principal in the context; it audits and rate-limits GraphQL and export
// requests, denied ones included.
func (s *Server) perimeter(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if publicPaths[r.URL.Path] {
			next.ServeHTTP(w, r)
			return
		}
		ctx := r.Context()
		var rec *auditRecord
		if s.audit != nil {
			rec = s.newAuditRecord(r)
			ctx = context.WithValue(ctx, auditKey{}, rec)
			ctx, rec.docs = rightsgraph.WithDocumentCounter(ctx)
			aw := &auditWriter{ResponseWriter: w}
			w = aw
			defer func() { s.writeAudit(rec, aw) }()
		}
		p, ok := rightsgraph.PrincipalIn(r.Context())
		if !ok {
			// (A principal already in the context was put there by Go code
			// wrapping Handler, an embedding program or a test; clients
			// cannot set context values, so it stands.)
			var err error
			if p, err = s.checkCredential(w, r, rec); err != nil {
				return
			}
		}
		if rec != nil {
			rec.principal = p
		}
		if p.Anonymous && s.cfg.RequireAuth {
			if rec != nil {
				rec.denied = "unauthenticated"
			}
			s.deny(w, r, fmt.Errorf("%w: this server requires an API key (Authorization: Bearer rg_… or X-API-Key) or an OIDC bearer token", rightsgraph.ErrUnauthenticated))
			return
		}
		if r.URL.Path == "/" && p.Anonymous && s.isExposed() {
			if rec != nil {
				rec.denied = "forbidden"
			}
			s.deny(w, r, fmt.Errorf("%w: the Playground is off for anonymous callers on this server; use an API key or token", rightsgraph.ErrForbidden))
			return
		}
		if auditedPaths[r.URL.Path] && s.limits != nil {
			if wait, ok := s.limits.allow(limitKey(p, r), time.Now()); !ok {
				if rec != nil {
					rec.denied = "rate_limited"
				}
				s.tooMany(w, wait, fmt.Sprintf("this server allows %g requests per second (burst %d) per principal", s.cfg.RateLimit, s.limits.burst))
				return
			}
		}
		next.ServeHTTP(w, r.WithContext(rightsgraph.WithPrincipal(ctx, p)))
	})
}

// checkCredential authenticates r; when it fails it has answered (401,
// 429 after repeated failures, 503 when the key store does not answer).
func (s *Server) checkCredential(w http.ResponseWriter, r *http.Request, rec *auditRecord) (rightsgraph.Principal, error) {
	hasCredential := r.Header.Get("Authorization") != "" || r.Header.Get("X-API-Key") != ""
	if hasCredential && s.limits != nil {
		// A client whose credentials keep failing is slowed down before
		// each costs a lookup: failures spend their own bucket per address.
		if wait, ok := s.limits.failing(clientAddr(r), time.Now()); !ok {
			if rec != nil {
				rec.denied = "rate_limited"
			}
			s.tooMany(w, wait, "too many failed authentications from this address")
			return rightsgraph.Principal{}, rightsgraph.ErrUnauthenticated
		}
	}
	p, err := s.authenticate(r)
	if err != nil {
		if rec != nil {
			rec.denied = "unauthenticated"
			if !errors.Is(err, rightsgraph.ErrUnauthenticated) {
				rec.denied = "auth_unavailable"
			}
		}
		if hasCredential && s.limits != nil && errors.Is(err, rightsgraph.ErrUnauthenticated) {
			s.limits.failed(clientAddr(r), time.Now())
		}
		s.deny(w, r, err)
		return rightsgraph.Principal{}, err
	}
	return p, nil
}

// tooMany answers 429 with Retry-After (whole seconds, at least 1) and a LIMIT error.
func (s *Server) tooMany(w http.ResponseWriter, wait time.Duration, why string) {
	secs := max(int(math.Ceil(wait.Seconds())), 1)
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	writeJSONError(w, http.StatusTooManyRequests, fmt.Sprintf("rate limit exceeded: %s; retry after %d s", why, secs), "LIMIT")
}

// authTimeout bounds a credential check (one Neo4j read for an API key).
const authTimeout = 5 * time.Second

func (s *Server) authenticate(r *http.Request) (rightsgraph.Principal, error) {
	if s.cfg.Auth == nil {
		if r.Header.Get("Authorization") != "" || r.Header.Get("X-API-Key") != "" {
			return rightsgraph.Principal{}, fmt.Errorf("%w: this server is not configured to check credentials", rightsgraph.ErrUnauthenticated)
		}
		return rightsgraph.AnonymousPrincipal(), nil
	}
	ctx, cancel := context.WithTimeout(r.Context(), authTimeout)
	defer cancel()
	return s.cfg.Auth.Authenticate(r.WithContext(ctx))
}

// deny answers a refused request in GraphQL-over-HTTP form: 401 with
// WWW-Authenticate for ErrUnauthenticated, 403 for ErrForbidden, the
// store's error (503 unavailable) otherwise.
func (s *Server) deny(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, rightsgraph.ErrUnauthenticated):
		if r.Header.Get("Authorization") != "" || r.Header.Get("X-API-Key") != "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="rightsgraph", error="invalid_token"`)
		} else {
			w.Header().Set("WWW-Authenticate", `Bearer realm="rightsgraph"`)
		}
		writeJSONError(w, http.StatusUnauthorized, err.Error(), "UNAUTHENTICATED")
	case errors.Is(err, rightsgraph.ErrForbidden):
		writeJSONError(w, http.StatusForbidden, err.Error(), "FORBIDDEN")
	default:
		code := rightsgraph.ErrorCode(err)
		s.log.WarnContext(r.Context(), "authentication failed", "request_id", RequestID(r.Context()), "err", err)
		status := http.StatusInternalServerError
		switch code {
		case rightsgraph.EUNAVAILABLE:
			status = http.StatusServiceUnavailable
		case rightsgraph.EBUSY:
			status = http.StatusServiceUnavailable
		case rightsgraph.ECANCELLED:
			return
		}
		writeJSONError(w, status, rightsgraph.ErrorMessage(err), strings.ToUpper(code))
	}
}

// requireRole wraps h so that only principals with at least role reach it.
func requireRole(s *Server, role rightsgraph.Role, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := rightsgraph.PrincipalFrom(r.Context())
		if !p.Role.AtLeast(role) || p.Anonymous {
			if rec := auditFrom(r.Context()); rec != nil {
				rec.denied = "forbidden"
			}
			s.deny(w, r, fmt.Errorf("%w: %s needs the %s role", rightsgraph.ErrForbidden, r.URL.Path, role))
			return
		}
		h.ServeHTTP(w, r)
	})
}

// adminKeys is GET /admin/keys (admins only): the API keys, without
// secrets or hashes.
func (s *Server) adminKeys(w http.ResponseWriter, r *http.Request) {
	keys, err := s.db.APIKeys(r.Context())
	if err != nil {
		s.deny(w, r, err)
		return
	}
	out := make([]map[string]any, 0, len(keys))
	for _, k := range keys {
		out = append(out, map[string]any{"id": k.ID, "name": k.Name, "role": k.Role, "collections": k.Collections,
			"maxSensitivity": k.MaxSensitivity, "created": k.Created, "revoked": k.Revoked})
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(map[string]any{"keys": out})
}

// whoami is GET /whoami: the caller's principal, so a client can check
// which key or token the server sees (and what it may read).
func whoami(w http.ResponseWriter, r *http.Request) {
	p := rightsgraph.PrincipalFrom(r.Context())
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(map[string]any{"id": p.ID, "name": p.Name, "role": p.Role,
		"collections": p.Collections, "maxSensitivity": p.MaxSensitivity.String(), "anonymous": p.Anonymous})
}

// ---- CORS

// withCORS answers preflight requests from the allowed origins (and only
// adds CORS headers for them); without origins it changes nothing.
func (s *Server) withCORS(next http.Handler) http.Handler {
	if len(s.cfg.CORSOrigins) == 0 {
		return next
	}
	c := cors.New(cors.Options{
		AllowedOrigins: s.cfg.CORSOrigins,
		AllowedMethods: []string{http.MethodGet, http.MethodHead, http.MethodPost},
		AllowedHeaders: []string{"Authorization", "Content-Type", "X-API-Key", "X-Request-Id", "Accept"},
		ExposedHeaders: []string{"X-Request-Id", "Retry-After", "Content-Disposition", "X-Rightsgraph-Truncated", "WWW-Authenticate"},
		MaxAge:         600,
	})
	return c.Handler(next)
}

// ---- Rate limits

// limiters is a token bucket per principal (per client address for
// anonymous callers); buckets idle for long are dropped.
type limiters struct {
	limit rate.Limit
	burst int
	mu    sync.Mutex
	m     map[string]*bucket
	swept time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

// limiterIdle is how long an unused bucket is kept (it is full again by then).
const limiterIdle = 10 * time.Minute

func newLimiters(perSecond float64, burst int) *limiters {
	if perSecond <= 0 {
		return nil
	}
	if burst < 1 {
		burst = max(1, int(math.Ceil(perSecond)))
	}
	return &limiters{limit: rate.Limit(perSecond), burst: burst, m: map[string]*bucket{}}
}

// allow takes a token from key's bucket, or says how long until one is there.
func (l *limiters) allow(key string, now time.Time) (time.Duration, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.swept) > limiterIdle {
		for k, b := range l.m {
			if now.Sub(b.seen) > limiterIdle {
				delete(l.m, k)
			}
		}
		l.swept = now
	}
	b := l.m[key]
	if b == nil {
		b = &bucket{lim: rate.NewLimiter(l.limit, l.burst)}
		l.m[key] = b
	}
	b.seen = now
	res := b.lim.ReserveN(now, 1)
	if !res.OK() {
		return time.Second, false
	}
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now)
		return d, false
	}
	return 0, true
}

// failing reports whether addr may try a credential now: its failure
// bucket (the same rate and burst) has a token left; it takes none.
func (l *limiters) failing(addr string, now time.Time) (time.Duration, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.m["fail:"+addr]
	if b == nil || b.lim.TokensAt(now) >= 1 {
		return 0, true
	}
	res := b.lim.ReserveN(now, 1)
	d := res.DelayFrom(now)
	res.CancelAt(now)
	return d, false
}

// failed spends a token of addr's failure bucket.
func (l *limiters) failed(addr string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.m["fail:"+addr]
	if b == nil {
		b = &bucket{lim: rate.NewLimiter(l.limit, l.burst)}
		l.m["fail:"+addr] = b
	}
	b.seen = now
	b.lim.AllowN(now, 1)
}

// clientAddr is the client's IP (the connection's: a proxy in front makes
// every client one address).
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// limitKey is the bucket of a request: the principal, or for anonymous
// callers their address, so one anonymous client cannot starve the others.
func limitKey(p rightsgraph.Principal, r *http.Request) string {
	if !p.Anonymous {
		return "p:" + p.ID
	}
	return "anon:" + clientAddr(r)
}

// ---- Audit log

type auditKey struct{}

// auditRecord is one request's audit line, filled in as it is served.
type auditRecord struct {
	start     time.Time
	requestID string
	method    string
	path      string
	principal rightsgraph.Principal
	operation string
	varsHash  string
	denied    string
	docs      *rightsgraph.DocumentCounter
	mu        sync.Mutex
}

func auditFrom(ctx context.Context) *auditRecord {
	rec, _ := ctx.Value(auditKey{}).(*auditRecord)
	return rec
}

// setOperation records the operation name gqlgen resolved (when the request
// did not name it).
func (rec *auditRecord) setOperation(name string) {
	if rec == nil || name == "" {
		return
	}
	rec.mu.Lock()
	if rec.operation == "" {
		rec.operation = name
	}
	rec.mu.Unlock()
}

// newAuditRecord reads the operation name and variables of a GraphQL
// request (GET parameters or a POST body, which it puts back); an export's
// "variables" are its query parameters.
func (s *Server) newAuditRecord(r *http.Request) *auditRecord {
	rec := &auditRecord{start: time.Now(), requestID: RequestID(r.Context()), method: r.Method, path: r.URL.Path,
		principal: rightsgraph.Principal{ID: "", Role: ""}}
	var vars json.RawMessage
	switch {
	case r.URL.Path == "/export":
		q := map[string]string{}
		for k, v := range r.URL.Query() {
			q[k] = strings.Join(v, ",")
		}
		vars, _ = json.Marshal(q)
		rec.operation = "export"
		if r.URL.Query().Has("report") {
			rec.operation = "export:report"
		}
	case r.URL.Path != "/graphql":
		rec.operation = r.Method + " " + r.URL.Path
	case r.Method == http.MethodGet:
		rec.operation = r.URL.Query().Get("operationName")
		vars = json.RawMessage(r.URL.Query().Get("variables"))
	case r.Method == http.MethodPost && r.ContentLength <= s.cfg.MaxBodyBytes:
		// Put back what was read: checkRequest reads the body again (and
		// still sees one over the limit).
		b, err := io.ReadAll(io.LimitReader(r.Body, s.cfg.MaxBodyBytes+1))
		r.Body = struct {
			io.Reader
			io.Closer
		}{io.MultiReader(bytes.NewReader(b), r.Body), r.Body}
		if err != nil {
			break
		}
		var body struct {
			OperationName any             `json:"operationName"`
			Variables     json.RawMessage `json:"variables"`
		}
		if json.Unmarshal(b, &body) == nil {
			rec.operation, _ = body.OperationName.(string)
			vars = body.Variables
		}
	}
	rec.varsHash = variablesHash(vars)
	return rec
}

// variablesHash is the sha256 of the variables' canonical JSON (keys
// sorted, no spaces, numbers as written); no variables hash as {}.
func variablesHash(raw json.RawMessage) string {
	canon := []byte("{}")
	if t := bytes.TrimSpace(raw); len(t) > 0 && string(t) != "null" {
		dec := json.NewDecoder(bytes.NewReader(t))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err == nil {
			if b, err := json.Marshal(v); err == nil {
				canon = b
			}
		} else {
			canon = t // not JSON: hash as sent
		}
	}
	h := sha256.Sum256(canon)
	return hex.EncodeToString(h[:])
}

// auditWriter records the status and the start of a JSON response (where
// GraphQL puts its errors).
type auditWriter struct {
	http.ResponseWriter
	status int
	head   bytes.Buffer
}

// auditHead is how much of a JSON response is kept to read its error codes.
const auditHead = 64 << 10

func (w *auditWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *auditWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	if room := auditHead - w.head.Len(); room > 0 && strings.Contains(w.Header().Get("Content-Type"), "json") {
		w.head.Write(b[:min(room, len(b))])
	}
	return w.ResponseWriter.Write(b)
}

func (w *auditWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// errorCodes reads extensions.code of the errors at the start of a GraphQL
// response ("errors" comes first in what the server writes).
func errorCodes(head []byte) []string {
	dec := json.NewDecoder(bytes.NewReader(head))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return nil
		}
		if k != "errors" {
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return nil
			}
			continue
		}
		var errs []struct {
			Extensions struct {
				Code string `json:"code"`
			} `json:"extensions"`
		}
		if dec.Decode(&errs) != nil {
			return []string{"UNREADABLE"}
		}
		seen := map[string]bool{}
		var out []string
		for _, e := range errs {
			c := e.Extensions.Code
			if c == "" {
				c = "NONE"
			}
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
		return out
	}
	return nil
}

// audited reports whether a request gets an audit line: every read of the
// graph (GraphQL, export), every admin request, and every denied request.
func audited(path string, status int) bool {
	return auditedPaths[path] || strings.HasPrefix(path, "/admin/") ||
		status == http.StatusUnauthorized || status == http.StatusForbidden || status == http.StatusTooManyRequests
}

func (s *Server) writeAudit(rec *auditRecord, w *auditWriter) {
	status := w.status
	if status == 0 {
		status = http.StatusOK
	}
	if !audited(rec.path, status) {
		return
	}
	p := rec.principal
	id, role := p.ID, string(p.Role)
	if id == "" {
		id, role = "unauthenticated", ""
	}
	codes := errorCodes(w.head.Bytes())
	if codes == nil {
		codes = []string{}
	}
	rec.mu.Lock()
	op := rec.operation
	rec.mu.Unlock()
	attrs := []slog.Attr{
		slog.String("request_id", rec.requestID),
		slog.String("principal", id),
		slog.String("role", role),
		slog.Bool("anonymous", p.Anonymous),
		slog.String("method", rec.method),
		slog.String("path", rec.path),
		slog.String("operation", op),
		slog.String("variables_sha256", rec.varsHash),
		slog.Int("status", status),
		slog.Any("error_codes", codes),
		slog.Float64("duration_ms", math.Round(float64(time.Since(rec.start).Microseconds()))/1000),
		slog.Int("documents", rec.docs.Len()),
	}
	if rec.denied != "" {
		attrs = append(attrs, slog.String("denied", rec.denied))
	}
	s.audit.LogAttrs(context.Background(), slog.LevelInfo, "request", attrs...)
}
