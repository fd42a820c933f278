package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
	"github.com/rightsgraph/rightsgraph/server"
)

// The inputs of issue 13's table, sent to the real server over a real
// Neo4j: each gets a clear answer (data, or an error naming the limit it
// hit) without the work it would have cost. Every client call has a
// deadline, so a hang fails the test instead of stalling it.

// hardClient bounds every request of these tests.
var hardClient = &http.Client{Timeout: 20 * time.Second}

func hardPost(tb testing.TB, ts *httptest.Server, accept string, body []byte) *gqlResponse {
	tb.Helper()
	req, _ := http.NewRequest("POST", ts.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	resp, err := hardClient.Do(req)
	if err != nil {
		tb.Fatalf("POST /graphql: %v", err)
	}
	return decode(tb, resp)
}

func hardQuery(tb testing.TB, ts *httptest.Server, q string, vars map[string]any) *gqlResponse {
	tb.Helper()
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	return hardPost(tb, ts, "", body)
}

// wantLimit fails unless r is one LIMIT error whose message has every part.
func wantLimit(tb testing.TB, what string, r *gqlResponse, parts ...string) {
	tb.Helper()
	if len(r.Errors) == 0 || r.code(0) != "LIMIT" {
		tb.Errorf("%s: want a LIMIT error, got %d %.300s", what, r.Status, r.Raw)
		return
	}
	for _, p := range parts {
		if !strings.Contains(r.Errors[0].Message, p) {
			tb.Errorf("%s: message %q lacks %q", what, r.Errors[0].Message, p)
		}
	}
}

// fanOut is a ~1 KB document whose fragments each spread the next twice,
// levels deep: expanded, it selects 2^levels fields.
func fanOut(levels int) string {
	var b strings.Builder
	b.WriteString("query FanOut { ...F0 }\n")
	for i := 0; i < levels; i++ {
		fmt.Fprintf(&b, "fragment F%d on Query { ...F%d ... on Query { ...F%d } }\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "fragment F%d on Query { stats { nodes } }\n", levels)
	return b.String()
}

func TestHardeningDocumentLimits(t *testing.T) {
	db := neo4jtest.Open(t)
	seed(t, db)
	ts, counter := newServer(t, db, server.DefaultConfig())

	t.Run("fragment fan-out, POST and GET", func(t *testing.T) {
		q := fanOut(30)
		if len(q) > 2048 {
			t.Fatalf("fan-out document is %d bytes", len(q))
		}
		counter.reset()
		wantLimit(t, "fan-out POST", hardQuery(t, ts, q, nil), "field limit", "2000")
		resp, err := hardClient.Get(ts.URL + "/graphql?query=" + url.QueryEscape(q))
		if err != nil {
			t.Fatal(err)
		}
		wantLimit(t, "fan-out GET", decode(t, resp), "field limit")
		if n := counter.reset(); len(n) != 0 {
			t.Errorf("a refused document sent %v", n)
		}
		// A fan-out in an operation that is not the one executed, or in an
		// unused fragment, is measured too: validation would walk it.
		body, _ := json.Marshal(map[string]any{"query": "query Small { stats { nodes } }\n" + fanOut(30), "operationName": "Small"})
		wantLimit(t, "fan-out in another operation", hardPost(t, ts, "", body), "field limit")
		unused := strings.Replace(fanOut(30), "query FanOut { ...F0 }", "query Small { stats { nodes } }", 1)
		wantLimit(t, "fan-out in an unused fragment", hardQuery(t, ts, unused, nil), "field limit")
		// A small fan-out within the limit still runs.
		if d := okData(t, hardQuery(t, ts, fanOut(4), nil)); at(d, "stats", "nodes") == nil {
			t.Errorf("small fan-out: %v", d)
		}
	})

	t.Run("depth counts expanded fragments", func(t *testing.T) {
		q := `{ ...A } fragment A on Query { node(id: "state:BEL") { ...B } }
fragment B on Node { ... on State { events { edges { node { participants { actor { ... on State { events { edges { node { participants { actor { ... on State { events { edges { node { id } } } } } } } } } } } } } } } } }`
		wantLimit(t, "deep through fragments", hardQuery(t, ts, q, nil), "depth", "maximum depth is 12")
	})

	t.Run("tokens", func(t *testing.T) {
		q := "{ stats { nodes " + strings.Repeat("nodes ", 12000) + "} }"
		wantLimit(t, "12,000 tokens", hardQuery(t, ts, q, nil), "token limit", "10000")
	})

	t.Run("aliases and root fields", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("{")
		for i := 0; i < 1000; i++ {
			fmt.Fprintf(&b, " a%d: obligations(state: \"BEL\") { instrument { name } }", i)
		}
		b.WriteString(" }")
		counter.reset()
		// 1000 aliases of obligations are over 10,000 tokens; 60 short ones are not.
		wantLimit(t, "1000 aliases", hardQuery(t, ts, b.String(), nil), "token limit")
		b.Reset()
		b.WriteString("{ states(first: 1) { edges { node {")
		for i := 0; i < 60; i++ {
			fmt.Fprintf(&b, " a%d: name", i)
		}
		b.WriteString(" } } } }")
		wantLimit(t, "60 aliases", hardQuery(t, ts, b.String(), nil), "alias limit", "60 aliases", "maximum is 50")
		if n := counter.reset(); len(n) != 0 {
			t.Errorf("a refused document sent %v", n)
		}
		wantLimit(t, "21 root fields", hardQuery(t, ts, "{"+strings.Repeat(" stats { nodes }", 21)+" }", nil), "root field limit", "21 root fields")
	})

	t.Run("an unpaged list costs what it holds", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("{")
		for i := 0; i < 15; i++ {
			fmt.Fprintf(&b, " a%d: obligations(state: \"BEL\") { provisions { obligations { evidence { quote } } } }", i)
		}
		b.WriteString(" }")
		wantLimit(t, "15 costly obligations", hardQuery(t, ts, b.String(), nil), "complexity limit", "maximum complexity is 20000")
	})

	t.Run("filter with 30,000 ORs", func(t *testing.T) {
		ors := make([]any, 30000)
		for i := range ors {
			ors[i] = map[string]any{"name": map[string]any{"eq": fmt.Sprintf("state %d", i)}}
		}
		counter.reset()
		r := hardQuery(t, ts, `query($f: StateFilter) { states(filter: $f) { totalCount } }`, map[string]any{"f": map[string]any{"OR": ors}})
		wantLimit(t, "30,000 ORs", r, "filter size limit", "256")
		if n := counter.reset(); len(n) != 0 {
			t.Errorf("a refused filter sent %v", n)
		}
		okData(t, hardQuery(t, ts, `{ states(filter: {OR: [{name: {eq: "Belgium"}}, {iso3: {eq: "FRA"}}]}) { totalCount } }`, nil))
	})
}

func TestHardeningSearchInput(t *testing.T) {
	db := neo4jtest.Open(t)
	seed(t, db)
	ts, _ := newServer(t, db, server.DefaultConfig())
	words := make([]string, 350)
	for i := range words {
		words[i] = fmt.Sprintf("belgium%d", i)
	}
	for name, text := range map[string]string{
		"350 words":         strings.Join(words, " "),
		"one 50,000 word":   strings.Repeat("belgium", 50000/7),
		"Lucene syntax":     `+Belgium -France && || ! ( ) { } [ ] ^ " ~ * ? : \ / AND OR NOT`,
		"long fuzzy":        "Belgiumbelgiumbelgiumbelgium",
		"unicode":           "Sûreté de l’État 日本 ǅ İ \u0301",
		"300 distinct long": strings.Repeat("abcdefghijklmnopqrstuvwxyz0123456789 ", 300),
	} {
		r := hardQuery(t, ts, `query($t: String!) { search(text: $t, first: 5) { edges { score node { id } } } }`, map[string]any{"t": text})
		if r.Status != 200 || (len(r.Errors) > 0 && r.code(0) != "INVALID") {
			t.Errorf("search %s: %d %.300s", name, r.Status, r.Raw)
		}
	}
	// Searching still finds, with the capped query.
	r := hardQuery(t, ts, `{ search(text: "Belgium belgium belgium belgium belgium belgium belgium belgium belgium belgium belgium belgium belgium belgium", first: 1) { edges { node { id } } } }`, nil)
	if d := okData(t, r); at(d, "search", "edges", 0, "node", "id") != "state:BEL" {
		t.Errorf("repeated word: %s", r.Raw)
	}
}

func TestHardeningMemory(t *testing.T) {
	db := neo4jtest.Open(t)
	seed(t, db)

	t.Run("query cache is bounded by bytes", func(t *testing.T) {
		cfg := server.DefaultConfig()
		cfg.QueryCacheBytes = 1 << 20
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
		s := server.New(cfg, db)
		ts := httptest.NewServer(s.Handler())
		defer ts.Close()
		pad := strings.Repeat("x", 2000)
		for i := 0; i < 60; i++ {
			q := fmt.Sprintf(`{ a: node(id: "state:%d%s") { id } }`, i, pad)
			hardQuery(t, ts, q, nil)
		}
		bytes, docs := s.QueryCacheStats()
		if bytes > 1<<20 || docs == 0 || docs > 16 {
			t.Errorf("cache after 60 distinct 2 KB queries: %d bytes, %d documents (budget 1 MiB)", bytes, docs)
		}
		// A document bigger than an eighth of the budget is not kept.
		hardQuery(t, ts, `{ node(id: "`+strings.Repeat("y", 200000)+`") { id } }`, nil)
		if b, _ := s.QueryCacheStats(); b > 1<<20 {
			t.Errorf("cache over budget: %d", b)
		}
	})

	t.Run("rows and response size", func(t *testing.T) {
		cfg := server.DefaultConfig()
		cfg.MaxRows = 1
		ts, _ := newServer(t, db, cfg)
		wantLimit(t, "2 states with MaxRows 1", hardQuery(t, ts, `{ states(first: 10) { edges { node { id } } } }`, nil), "row limit", "1 rows")
		cfg = server.DefaultConfig()
		cfg.MaxResponseBytes = 100
		ts, _ = newServer(t, db, cfg)
		wantLimit(t, "response over 100 bytes", hardQuery(t, ts, `{ states(first: 10) { edges { node { id name aliases } } } }`, nil), "response size limit", "100 bytes")
	})

	t.Run("concurrency limit: queue, then BUSY; health probes still answer", func(t *testing.T) {
		cfg := server.DefaultConfig()
		cfg.MaxConcurrent, cfg.MaxQueued, cfg.QueueTimeout = 1, 1, 200*time.Millisecond
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
		h := server.New(cfg, db).Handler()
		hold := make(chan struct{})
		started := make(chan struct{}, 8)
		ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h.ServeHTTP(w, r.WithContext(neo4jdb.WithQueryHook(r.Context(), func(string, string) {
				started <- struct{}{}
				<-hold
			})))
		}))
		defer ts.Close()
		var wg sync.WaitGroup
		wg.Add(1)
		go func() { defer wg.Done(); hardQuery(t, ts, `{ stats { nodes } }`, nil) }()
		<-started // the first request holds the only slot
		start := time.Now()
		r := hardQuery(t, ts, `{ node(id: "state:BEL") { id } }`, nil)
		if r.Status != http.StatusServiceUnavailable || r.code(0) != "BUSY" {
			t.Errorf("second request while the slot is held: %d %s", r.Status, r.Raw)
		}
		if waited := time.Since(start); waited < 150*time.Millisecond {
			t.Errorf("refused after %v without queueing", waited)
		}
		resp, err := hardClient.Get(ts.URL + "/healthz")
		if err != nil || resp.StatusCode != 200 {
			t.Errorf("/healthz while busy: %v %v", resp, err)
		} else {
			resp.Body.Close()
		}
		// A queued request gets the slot when it frees.
		done := make(chan *gqlResponse, 1)
		go func() { done <- hardQuery(t, ts, `{ node(id: "state:BEL") { id } }`, nil) }()
		time.Sleep(50 * time.Millisecond)
		close(hold)
		if d := okData(t, <-done); at(d, "node", "id") != "state:BEL" {
			t.Errorf("queued request: %v", d)
		}
		wg.Wait()
	})
}

// TestHardeningHTTP covers the connection-level rows: slow bodies,
// Host names, GraphQL-over-HTTP status codes and cancellations.
func TestHardeningHTTP(t *testing.T) {
	db := neo4jtest.Open(t)
	seed(t, db)

	t.Run("slow bodies are cut off by the read timeout", func(t *testing.T) {
		cfg := server.DefaultConfig()
		cfg.ReadTimeout = time.Second
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
		s := server.New(cfg, db)
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		served := make(chan error, 1)
		go func() { served <- s.Serve(ctx, ln) }()
		defer func() { cancel(); <-served }()
		const n = 20
		conns := make([]net.Conn, 0, n)
		for i := 0; i < n; i++ {
			c, err := net.DialTimeout("tcp", ln.Addr().String(), time.Second)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			fmt.Fprintf(c, "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
			conns = append(conns, c)
		}
		// Trickle one byte per connection every 300 ms for up to 4 s; the
		// server must have closed every one of them by then.
		closed := make([]bool, n)
		deadline := time.Now().Add(4 * time.Second)
		for time.Now().Before(deadline) {
			all := true
			for i, c := range conns {
				if closed[i] {
					continue
				}
				_ = c.SetDeadline(time.Now().Add(10 * time.Millisecond))
				if _, err := c.Write([]byte(" ")); err != nil {
					closed[i] = true
					continue
				}
				buf := make([]byte, 512)
				if _, err := c.Read(buf); err != nil && !isTimeout(err) {
					closed[i] = true
					continue
				} else if err == nil {
					closed[i] = true // the server answered (408/400) and closes
					continue
				}
				all = false
			}
			if all {
				break
			}
			time.Sleep(300 * time.Millisecond)
		}
		for i, c := range closed {
			if !c {
				t.Errorf("connection %d still open 4 s after a 1 s read timeout", i)
			}
		}
	})

	t.Run("Host allow-list on loopback", func(t *testing.T) {
		ts, _ := newServer(t, db, server.DefaultConfig())
		for host, want := range map[string]int{"evil.example": 403, "evil.example:8080": 403, "localhost:8080": 200, "127.0.0.1": 200, "[::1]:8080": 200} {
			req, _ := http.NewRequest("GET", ts.URL+"/healthz", nil)
			req.Host = host
			resp, err := hardClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != want {
				t.Errorf("Host %s: %d, want %d", host, resp.StatusCode, want)
			}
		}
		cfg := server.DefaultConfig()
		cfg.AllowedHosts = []string{"rights.example.org"}
		ts, _ = newServer(t, db, cfg)
		req, _ := http.NewRequest("GET", ts.URL+"/healthz", nil)
		req.Host = "rights.example.org"
		resp, err := hardClient.Do(req)
		if err != nil || resp.StatusCode != 200 {
			t.Errorf("configured host: %v %v", resp, err)
		} else {
			resp.Body.Close()
		}
	})

	t.Run("request errors: 200 for application/json, 400 and no data for graphql-response+json", func(t *testing.T) {
		ts, _ := newServer(t, db, server.DefaultConfig())
		for _, q := range []string{`{ stats { nodes `, `{ stats { vertices } }`, fanOut(30)} {
			body, _ := json.Marshal(map[string]any{"query": q})
			for accept, status := range map[string]int{"application/json": 200, "": 200, "application/graphql-response+json": 400} {
				r := hardPost(t, ts, accept, body)
				var raw map[string]json.RawMessage
				_ = json.Unmarshal(r.Raw, &raw)
				if _, has := raw["data"]; has || r.Status != status || len(r.Errors) == 0 {
					t.Errorf("%.30q with Accept %q: %d %s, want %d without data", q, accept, r.Status, r.Raw, status)
				}
			}
		}
		// An executed operation keeps its data member.
		r := hardQuery(t, ts, `{ node(id: "state:XXX") { id } }`, nil)
		var raw map[string]json.RawMessage
		_ = json.Unmarshal(r.Raw, &raw)
		if _, has := raw["data"]; !has || r.code(0) != "NOT_FOUND" {
			t.Errorf("executed: %s", r.Raw)
		}
	})

	t.Run("a client that leaves is logged once, as cancelled, at info", func(t *testing.T) {
		var logs bytes.Buffer
		var mu sync.Mutex
		cfg := server.DefaultConfig()
		cfg.Logger = slog.New(slog.NewJSONHandler(&lockedWriter{w: &logs, mu: &mu}, &slog.HandlerOptions{Level: slog.LevelDebug}))
		h := server.New(cfg, db).Handler()
		ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx, cancel := context.WithCancel(r.Context())
			defer cancel()
			// The client goes away as the first statement is about to be sent.
			h.ServeHTTP(w, r.WithContext(neo4jdb.WithQueryHook(ctx, func(string, string) { cancel() })))
		}))
		defer ts.Close()
		body, _ := json.Marshal(map[string]any{"query": `{ a: node(id: "state:BEL") { id } b: search(text: "belgium") { edges { score } } c: stats { nodes } }`})
		resp, err := hardClient.Post(ts.URL+"/graphql", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		mu.Lock()
		out := logs.String()
		mu.Unlock()
		if n := strings.Count(out, `"msg":"request cancelled"`); n != 1 {
			t.Errorf("%d cancellation lines, want 1:\n%s", n, out)
		}
		for _, line := range strings.Split(out, "\n") {
			if strings.Contains(line, "request cancelled") && !strings.Contains(line, `"level":"INFO"`) {
				t.Errorf("cancellation not at info: %s", line)
			}
			if !strings.Contains(line, "request_id") {
				continue // not about a request (the Playground's startup warning)
			}
			if strings.Contains(line, "unavailable") || strings.Contains(line, "internal error") || strings.Contains(line, `"level":"ERROR"`) || strings.Contains(line, `"level":"WARN"`) {
				t.Errorf("a cancellation logged as a failure: %s", line)
			}
		}
	})
}

type lockedWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func isTimeout(err error) bool {
	ne, ok := err.(net.Error)
	return ok && ne.Timeout()
}

// TestHardeningHubTraversals: paths and connections between two hubs of
// 17,000 links each, at maxHops 6, answer with what they found instead of
// running into the request timeout.
func TestHardeningHubTraversals(t *testing.T) {
	db := neo4jtest.Open(t)
	exec(t, db, `CREATE (:Entity:Actor:State {id: 'state:H1', kind: 'State', name: 'Hub one', aliases: []}),
(:Entity:Actor:State {id: 'state:H2', kind: 'State', name: 'Hub two', aliases: []})`, nil)
	exec(t, db, `UNWIND range(1, 400) AS i CREATE (:Entity:Actor:Group {id: 'group:g' + i, kind: 'Group', name: 'group ' + i, aliases: []})`, nil)
	for _, h := range []string{"H1", "H2"} {
		exec(t, db, `MATCH (h:State {id: 'state:' + $h})
UNWIND range(1, 17000) AS i
CREATE (e:Entity:Event {id: 'event:' + $h + '-' + i, kind: 'Event', type: 'OTHER', name: 'event ' + i, aliases: []})
CREATE (h)-[:INVOLVED_IN {role: 'agent', confidence: 0.9}]->(e)
WITH e, i MATCH (g:Group {id: 'group:g' + ((i * 7919 + size($h)) % 400 + 1)})
CREATE (g)-[:INVOLVED_IN {role: 'target', confidence: 0.9}]->(e)`, map[string]any{"h": h})
	}
	cfg := server.DefaultConfig()
	ts, _ := newServer(t, db, cfg)
	for _, mode := range []string{"SHORTEST", "ALL_SHORTEST"} {
		r := hardQuery(t, ts, `query($m: PathMode) { paths(from: "state:H1", to: "state:H2", maxHops: 6, mode: $m, first: 5) { length nodes { id } } }`, map[string]any{"m": mode})
		d := okData(t, r)
		ps, _ := d["paths"].([]any)
		if len(ps) != 5 || at(ps, 0, "length") != float64(4) {
			t.Errorf("paths %s between hubs: %.300s", mode, r.Raw)
		}
	}
	r := hardQuery(t, ts, `{ connections(ids: ["state:H1", "state:H2", "group:g1"], maxHops: 4) { truncated nodes { id } } }`, nil)
	d := okData(t, r)
	if at(d, "connections", "truncated") != false {
		t.Errorf("connections between hubs: %.300s", r.Raw)
	}
}
