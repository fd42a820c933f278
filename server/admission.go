package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"
)

// admission bounds how many expensive requests (GraphQL, export) run at
// once. A request over the limit waits in a bounded queue for up to the
// queue timeout; when the queue is full or the wait runs out it gets a 503
// with code BUSY and Retry-After, so the server degrades by refusing work
// instead of by running everything slowly (or out of memory). Health
// probes are not admitted through it: they answer however busy the API is.
type admission struct {
	slots   chan struct{}
	waiting atomic.Int64
	maxWait int64
	timeout time.Duration
}

func newAdmission(concurrent, queued int, timeout time.Duration) *admission {
	return &admission{slots: make(chan struct{}, concurrent), maxWait: int64(queued), timeout: timeout}
}

// acquire takes a slot, waiting in the queue if needed; ok is false when
// the request must be refused.
func (a *admission) acquire(ctx context.Context) (release func(), ok bool) {
	release = func() { <-a.slots }
	select {
	case a.slots <- struct{}{}:
		return release, true
	default:
	}
	if a.waiting.Add(1) > a.maxWait {
		a.waiting.Add(-1)
		return nil, false
	}
	defer a.waiting.Add(-1)
	t := time.NewTimer(a.timeout)
	defer t.Stop()
	select {
	case a.slots <- struct{}{}:
		return release, true
	case <-t.C:
	case <-ctx.Done():
	}
	return nil, false
}

// admit runs next under the admission limit.
func (s *Server) admit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		release, ok := s.admission.acquire(r.Context())
		if !ok {
			if r.Context().Err() != nil {
				s.logCancelled(r.Context(), r.Context().Err())
				return
			}
			w.Header().Set("Retry-After", "1")
			writeJSONError(w, http.StatusServiceUnavailable,
				fmt.Sprintf("server busy: %d requests are running and the queue is full or the wait passed %v; retry later", cap(s.admission.slots), s.admission.timeout), "BUSY")
			return
		}
		defer release()
		next.ServeHTTP(w, r)
	})
}

// ---- Per-request state

type requestStateKey struct{}

// requestState is what the GraphQL layers learn about one request.
type requestState struct {
	// handed is set when the request passed the HTTP checks and went to
	// gqlgen: only gqlgen's responses are corrected.
	handed atomic.Bool
	// executed is set once gqlgen starts executing the operation: until
	// then every error is a request error, whose response has no data.
	executed atomic.Bool
	// cancelLogged makes a cancelled request log one line, not one per field.
	cancelLogged atomic.Bool
}

func stateOf(ctx context.Context) *requestState {
	st, _ := ctx.Value(requestStateKey{}).(*requestState)
	return st
}

// logCancelled logs, once per request and at info level, that the request
// ended before its answer: the client went away or its deadline passed.
// Neither is the database's or the server's failure.
func (s *Server) logCancelled(ctx context.Context, cause error) {
	if st := stateOf(ctx); st != nil && !st.cancelLogged.CompareAndSwap(false, true) {
		return
	}
	reason := "client disconnected"
	if errors.Is(cause, context.DeadlineExceeded) {
		reason = "request timeout passed"
	}
	s.log.LogAttrs(ctx, slog.LevelInfo, "request cancelled",
		slog.String("request_id", RequestID(ctx)), slog.String("reason", reason))
}

// markExecuted is the handler extension that records that execution began.
type markExecuted struct{}

func (markExecuted) ExtensionName() string { return "MarkExecuted" }

// ---- Host allow-list

// allowedHosts returns the Host names the server answers to: the
// configured list, or, when it listens on a loopback address and none is
// configured, only loopback names — so a page on another site that
// rebinds its DNS name to 127.0.0.1 cannot read the API from a browser.
// nil means any host.
func allowedHosts(cfg Config) map[string]bool {
	if len(cfg.AllowedHosts) > 0 {
		m := map[string]bool{}
		for _, h := range cfg.AllowedHosts {
			m[strings.ToLower(strings.TrimSpace(h))] = true
		}
		return m
	}
	host, _, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		host = cfg.Addr
	}
	if host == "localhost" || (net.ParseIP(host) != nil && net.ParseIP(host).IsLoopback()) {
		return map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true}
	}
	return nil
}

// checkHost refuses requests whose Host header is not allowed.
func (s *Server) checkHost(next http.Handler) http.Handler {
	allowed := allowedHosts(s.cfg)
	if allowed == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := r.Host
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
		host = strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"))
		if !allowed[host] {
			writeJSONError(w, http.StatusForbidden,
				fmt.Sprintf("host %q is not allowed: this server answers to %s (set --allowed-hosts to add names)", r.Host, hostList(allowed)), "FORBIDDEN")
			return
		}
		next.ServeHTTP(w, r)
	})
}

func hostList(m map[string]bool) string {
	var out []string
	for _, h := range []string{"localhost", "127.0.0.1", "::1"} {
		if m[h] {
			out = append(out, h)
		}
	}
	for h := range m {
		if h != "localhost" && h != "127.0.0.1" && h != "::1" {
			out = append(out, h)
		}
	}
	return strings.Join(out, ", ")
}

func (markExecuted) Validate(graphql.ExecutableSchema) error { return nil }

func (markExecuted) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	if st := stateOf(ctx); st != nil {
		st.executed.Store(true)
	}
	return next(ctx)
}
