package server_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/rightsgraph/rightsgraph/neo4jdb"
	"github.com/rightsgraph/rightsgraph/server"
)

// gqlResponse is a GraphQL response as clients see it.
type gqlResponse struct {
	Status int
	Data   map[string]any
	Errors []struct {
		Message    string         `json:"message"`
		Path       []any          `json:"path"`
		Extensions map[string]any `json:"extensions"`
	}
	Raw []byte
}

func (r *gqlResponse) code(i int) string {
	if i >= len(r.Errors) {
		return ""
	}
	c, _ := r.Errors[i].Extensions["code"].(string)
	return c
}

// statementCounter counts the read statements sent while serving requests.
type statementCounter struct {
	mu    sync.Mutex
	names []string
}

func (c *statementCounter) hook(name, cypher string) {
	c.mu.Lock()
	c.names = append(c.names, name)
	c.mu.Unlock()
}

func (c *statementCounter) reset() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.names
	c.names = nil
	return out
}

// newServer starts the API over db on an httptest server; every request's
// read statements are counted.
func newServer(tb testing.TB, db *neo4jdb.DB, cfg server.Config) (*httptest.Server, *statementCounter) {
	tb.Helper()
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s := server.New(cfg, db)
	counter := &statementCounter{}
	h := s.Handler()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r.WithContext(neo4jdb.WithQueryHook(r.Context(), counter.hook)))
	}))
	tb.Cleanup(ts.Close)
	return ts, counter
}

// query POSTs a GraphQL request.
func query(tb testing.TB, ts *httptest.Server, q string, vars map[string]any) *gqlResponse {
	tb.Helper()
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	return post(tb, ts, "application/json", body)
}

func post(tb testing.TB, ts *httptest.Server, contentType string, body []byte) *gqlResponse {
	tb.Helper()
	resp, err := http.Post(ts.URL+"/graphql", contentType, bytes.NewReader(body))
	if err != nil {
		tb.Fatalf("POST /graphql: %v", err)
	}
	return decode(tb, resp)
}

func decode(tb testing.TB, resp *http.Response) *gqlResponse {
	tb.Helper()
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	out := &gqlResponse{Status: resp.StatusCode, Raw: raw}
	if err := json.Unmarshal(raw, out); err != nil {
		tb.Fatalf("response is not JSON (status %d): %v\n%s", resp.StatusCode, err, raw)
	}
	return out
}

// okData fails unless the response has no errors, and returns its data.
func okData(tb testing.TB, r *gqlResponse) map[string]any {
	tb.Helper()
	if len(r.Errors) > 0 || r.Status != http.StatusOK {
		tb.Fatalf("status %d, errors: %s", r.Status, r.Raw)
	}
	return r.Data
}

// at walks a decoded JSON value by keys and indexes.
func at(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			l, _ := v.([]any)
			if k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}
