package server_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/server"
)

func TestLimitsAndMalformedRequests(t *testing.T) {
	db := neo4jtest.Open(t)
	seed(t, db)

	t.Run("depth", func(t *testing.T) {
		cfg := server.DefaultConfig()
		cfg.MaxDepth = 4
		ts, counter := newServer(t, db, cfg)
		counter.reset()
		r := query(t, ts, `{ node(id: "state:BEL") { ... on State { events { edges { node { id } } } } } }`, nil)
		if len(r.Errors) != 1 || !strings.Contains(r.Errors[0].Message, "depth") || r.code(0) != "LIMIT" || r.Status >= 500 || r.Data != nil {
			t.Errorf("deep query: %d %s", r.Status, r.Raw)
		}
		if n := counter.reset(); len(n) != 0 {
			t.Errorf("a rejected query sent %v", n)
		}
		okData(t, query(t, ts, `{ node(id: "state:BEL") { ... on State { events { totalCount } } } }`, nil))
		// Introspection is not counted: the Playground's schema query is deep.
		okData(t, query(t, ts, `{ __schema { types { fields { type { ofType { ofType { name } } } } } } }`, nil))
	})

	t.Run("complexity counts first x children", func(t *testing.T) {
		cfg := server.DefaultConfig()
		cfg.MaxComplexity = 200
		ts, _ := newServer(t, db, cfg)
		okData(t, query(t, ts, `{ states(first: 10) { edges { node { id name } } } }`, nil))
		r := query(t, ts, `{ states(first: 10) { edges { node { id name events(first: 10) { edges { node { id } } } } } } }`, nil)
		if len(r.Errors) != 1 || !strings.Contains(r.Errors[0].Message, "complexity") || !strings.Contains(r.Errors[0].Message, "200") || r.Data != nil {
			t.Errorf("complex query: %d %s", r.Status, r.Raw)
		}
		// A list without first costs the default page size.
		r = query(t, ts, `{ states { edges { node { id name mentions { quote } } } } }`, nil)
		if len(r.Errors) != 1 || !strings.Contains(r.Errors[0].Message, "complexity") {
			t.Errorf("default page size not costed: %s", r.Raw)
		}
	})

	t.Run("page size", func(t *testing.T) {
		cfg := server.DefaultConfig()
		cfg.MaxPageSize = 10
		ts, _ := newServer(t, db, cfg)
		for _, q := range []string{
			`{ states(first: 11) { totalCount } }`,
			`{ states(last: 11) { totalCount } }`,
			`{ search(text: "belgium", first: 11) { edges { score } } }`,
			`{ node(id: "state:BEL") { ... on Actor { events(first: 11) { totalCount } } } }`,
			`{ node(id: "event:ruling-2023") { ... on Event { participants(first: 11) { role } } } }`,
		} {
			r := query(t, ts, q, nil)
			if len(r.Errors) == 0 || r.code(0) != "LIMIT" || !strings.Contains(r.Errors[0].Message, "maximum page size is 10") {
				t.Errorf("%s: %s", q, r.Raw)
			}
		}
		okData(t, query(t, ts, `{ states(first: 10) { totalCount } }`, nil))
	})

	t.Run("request timeout", func(t *testing.T) {
		cfg := server.DefaultConfig()
		cfg.RequestTimeout = time.Nanosecond
		ts, _ := newServer(t, db, cfg)
		start := time.Now()
		r := query(t, ts, `{ stats { nodes } }`, nil)
		if len(r.Errors) != 1 || r.code(0) != "LIMIT" || !strings.Contains(r.Errors[0].Message, "timed out") || time.Since(start) > 5*time.Second {
			t.Errorf("timed-out request: %d %s", r.Status, r.Raw)
		}
	})

	t.Run("introspection switch", func(t *testing.T) {
		cfg := server.DefaultConfig()
		cfg.Introspection = false
		ts, _ := newServer(t, db, cfg)
		r := query(t, ts, `{ __schema { queryType { name } } }`, nil)
		if len(r.Errors) == 0 || !strings.Contains(strings.ToLower(r.Errors[0].Message), "introspection") {
			t.Errorf("introspection off: %s", r.Raw)
		}
		okData(t, query(t, ts, `{ stats { nodes } }`, nil))
	})

	t.Run("malformed requests", func(t *testing.T) {
		cfg := server.DefaultConfig()
		cfg.MaxBodyBytes = 2048
		ts, _ := newServer(t, db, cfg)
		cases := []struct {
			name, method, ctype, body string
			status                    int
			msg                       string
		}{
			{"bad JSON", "POST", "application/json", `{"query": "{ stats { nodes } }"`, 400, "not valid JSON"},
			{"not an object", "POST", "application/json", `["{ stats { nodes } }"]`, 400, "JSON object"},
			{"unknown field", "POST", "application/json", `{"quer": "{ stats { nodes } }"}`, 400, `unknown field "quer"`},
			{"no query", "POST", "application/json", `{"variables": {}}`, 400, "no query"},
			{"variables not an object", "POST", "application/json", `{"query": "{ stats { nodes } }", "variables": [1]}`, 400, "variables"},
			{"content type", "POST", "text/plain", `{"query": "{ stats { nodes } }"}`, 415, "application/json"},
			{"method", "PUT", "application/json", `{"query": "{ stats { nodes } }"}`, 405, "method PUT"},
			{"too large", "POST", "application/json", `{"query": "{ stats { nodes } }", "extensions": {"pad": "` + strings.Repeat("x", 4096) + `"}}`, 413, "2048 bytes"},
			{"syntax error", "POST", "application/json", `{"query": "{ stats { nodes "}`, 422, "Expected"},
			{"unknown field in query", "POST", "application/json", `{"query": "{ stats { vertices } }"}`, 422, "vertices"},
			{"bad variable", "POST", "application/json", `{"query": "query($n: Int) { states(first: $n) { totalCount } }", "variables": {"n": "ten"}}`, 422, "n"},
			{"bad enum variable", "POST", "application/json", `{"query": "query($k: [EntityKind!]) { search(text: \"x\", kinds: $k) { edges { score } } }", "variables": {"k": ["PLANET"]}}`, 422, "PLANET"},
		}
		for _, c := range cases {
			req, _ := http.NewRequest(c.method, ts.URL+"/graphql", bytes.NewReader([]byte(c.body)))
			req.Header.Set("Content-Type", c.ctype)
			req.Header.Set("Accept", "application/graphql-response+json")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			r := decode(t, resp)
			if r.Status != c.status && !(c.status == 422 && r.Status == 400) {
				t.Errorf("%s: status %d, want %d: %s", c.name, r.Status, c.status, r.Raw)
			}
			if len(r.Errors) == 0 || !strings.Contains(r.Errors[0].Message, c.msg) {
				t.Errorf("%s: errors %s, want a message with %q", c.name, r.Raw, c.msg)
			}
		}
	})

	t.Run("GET, content negotiation and request id", func(t *testing.T) {
		ts, _ := newServer(t, db, server.DefaultConfig())
		req, _ := http.NewRequest("GET", ts.URL+"/graphql?query="+url.QueryEscape(`{ node(id: "state:BEL") { id } }`), nil)
		req.Header.Set("Accept", "application/graphql-response+json")
		req.Header.Set("X-Request-Id", "test-123")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/graphql-response+json") {
			t.Errorf("Content-Type %q", ct)
		}
		if id := resp.Header.Get("X-Request-Id"); id != "test-123" {
			t.Errorf("X-Request-Id %q", id)
		}
		if d := okData(t, decode(t, resp)); at(d, "node", "id") != "state:BEL" {
			t.Errorf("GET: %v", d)
		}
		resp, err = http.Get(ts.URL + "/graphql")
		if err != nil {
			t.Fatal(err)
		}
		if r := decode(t, resp); r.Status != 400 || !strings.Contains(r.Errors[0].Message, "query parameter") {
			t.Errorf("GET without query: %d %s", r.Status, r.Raw)
		}
	})

	t.Run("panic in a handler is a 500 JSON error", func(t *testing.T) {
		cfg := server.DefaultConfig()
		cfg.Extra = map[string]http.Handler{"/boom": http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") })}
		ts, _ := newServer(t, db, cfg)
		resp, err := http.Get(ts.URL + "/boom")
		if err != nil {
			t.Fatal(err)
		}
		r := decode(t, resp)
		if r.Status != 500 || r.Errors[0].Message != "internal error" || strings.Contains(string(r.Raw), "boom") {
			t.Errorf("panic: %d %s", r.Status, r.Raw)
		}
	})
}
