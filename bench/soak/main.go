// Command soak runs mixed good and abusive GraphQL traffic against the
// server for a few minutes while Neo4j is restarted once, and reports what
// the server did:
//
//	go run ./bench/soak [-duration 3m] [-clients 8] [-abusers 4] [-restart]
//
// The server runs in-process on a loopback port over the Neo4j of
// NEO4J_URI (a local instance of your own: the reference data and example
// corpus are loaded into it first; what is loaded already is skipped). With -restart, Neo4j is
// restarted once, a third of the way in, with the script named by
// RIGHTSGRAPH_NEO4J_SCRIPT (scripts/neo4j, with RG_NEO4J_INSTANCE and the
// ports in the environment). Traffic is loopback only and bounded by
// -duration and -max-requests.
//
// Good clients search, look up nodes, page lists, follow paths and
// neighbourhoods, and ask obligations. Abusers send fragment fan-outs,
// alias floods, 30,000-way OR filters, 350-word searches, documents over
// the token limit, hub-to-hub paths at maxHops 6, requests they abandon
// after 5 ms, and bodies trickled slower than the read timeout. A prober
// times /healthz and a node lookup every 100 ms.
//
// The report: requests served, outcomes by kind (ok, error codes, HTTP
// statuses, transport errors), p50/p99 per client kind, probe p99 and max,
// peak RSS of the process (server and load generator together), and how
// far the slowest request outlived the request timeout plus the queue wait.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rightsgraph/rightsgraph/loader"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
	"github.com/rightsgraph/rightsgraph/server"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(1)
	}
}

func env(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

type outcome struct {
	kind    string // good, abusive, probe
	class   string // ok, LIMIT, BUSY, http-503, transport, ...
	elapsed time.Duration
	label   string // what was sent (first characters of the query)
	at      time.Time
}

// began is when the traffic started.
var began time.Time

type recorder struct {
	mu  sync.Mutex
	all []outcome
}

func (r *recorder) add(o outcome) {
	r.mu.Lock()
	r.all = append(r.all, o)
	r.mu.Unlock()
}

func run() error {
	duration := flag.Duration("duration", 3*time.Minute, "how long to run")
	clients := flag.Int("clients", 8, "good clients")
	abusers := flag.Int("abusers", 4, "abusive clients")
	restart := flag.Bool("restart", false, "restart Neo4j once, a third of the way in (RIGHTSGRAPH_NEO4J_SCRIPT)")
	maxRequests := flag.Int64("max-requests", 200000, "stop after this many requests")
	timeout := flag.Duration("request-timeout", server.DefaultRequestTimeout, "the server's request timeout")
	flag.Parse()
	if *restart && os.Getenv("RIGHTSGRAPH_NEO4J_SCRIPT") == "" {
		return fmt.Errorf("-restart needs RIGHTSGRAPH_NEO4J_SCRIPT")
	}

	ctx := context.Background()
	db, err := neo4jdb.Open(neo4jdb.Config{URI: env("NEO4J_URI", "bolt://127.0.0.1:7687"), User: env("NEO4J_USER", "neo4j"),
		Password: env("NEO4J_PASSWORD", "rightsgraph"), Database: os.Getenv("NEO4J_DATABASE")})
	if err != nil {
		return err
	}
	defer db.Close(ctx)
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	{ // the reference data and examples (documents already loaded are skipped)
		x, err := loader.NewExtractor()
		if err != nil {
			return err
		}
		l := &loader.Loader{DB: db, Extractor: x, Workers: 2, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
		if _, err := l.Load(ctx, []string{"reference", "examples/corpus"}); err != nil {
			return err
		}
	}

	cfg := server.DefaultConfig()
	cfg.RequestTimeout = *timeout
	cfg.ReadTimeout = 5 * time.Second
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := server.New(cfg, db)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	sctx, stop := context.WithCancel(ctx)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(sctx, ln) }()
	base := "http://" + ln.Addr().String()

	rec := &recorder{}
	var count atomic.Int64
	began = time.Now()
	end := began.Add(*duration)
	more := func() bool { return time.Now().Before(end) && count.Add(1) <= *maxRequests }
	client := &http.Client{Timeout: *timeout + cfg.QueueTimeout + 30*time.Second}

	var peakRSS atomic.Int64
	go func() {
		for time.Now().Before(end.Add(5 * time.Second)) {
			if v := rssKB(); v > peakRSS.Load() {
				peakRSS.Store(v)
			}
			time.Sleep(200 * time.Millisecond)
		}
	}()

	var wg sync.WaitGroup
	for i := 0; i < *clients; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(i), 1))
			for more() {
				q := goodQueries[rng.IntN(len(goodQueries))]
				rec.add(send(ctx, client, base, "good", q, nil, 0))
			}
		}(i)
	}
	for i := 0; i < *abusers; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(i), 2))
			for more() {
				switch n := rng.IntN(len(abusiveQueries) + 2); {
				case n < len(abusiveQueries):
					a := abusiveQueries[n]
					rec.add(send(ctx, client, base, "abusive", a.q, a.vars, 0))
				case n == len(abusiveQueries):
					rec.add(send(ctx, client, base, "abusive", `{ search(text: "belgium") { edges { node { id } } } }`, nil, 5*time.Millisecond))
				default:
					rec.add(slowBody(base, cfg.ReadTimeout))
				}
			}
		}(i)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for time.Now().Before(end) {
			start := time.Now()
			class := "ok"
			resp, err := client.Get(base + "/healthz")
			if err != nil {
				class = "transport"
			} else {
				resp.Body.Close()
			}
			rec.add(outcome{kind: "probe /healthz", class: class, elapsed: time.Since(start), at: start, label: "GET /healthz"})
			rec.add(send(ctx, client, base, "probe lookup", `{ node(id: "state:BEL") { id } }`, nil, 0))
			time.Sleep(100 * time.Millisecond)
		}
	}()
	var restarted string
	if *restart {
		script := os.Getenv("RIGHTSGRAPH_NEO4J_SCRIPT")
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(*duration / 3)
			start := time.Now()
			out, err := exec.Command(script, "restart").CombinedOutput()
			restarted = fmt.Sprintf("Neo4j restarted at %v, took %v (err %v)", *duration/3, time.Since(start).Round(time.Second), err)
			if err != nil {
				restarted += "\n" + string(out)
			}
		}()
	}
	wg.Wait()
	stop()
	<-served
	report(os.Stdout, rec.all, *duration, peakRSS.Load(), *timeout+cfg.QueueTimeout, restarted)
	return nil
}

var goodQueries = []string{
	`{ search(text: "belgium", first: 5) { edges { score node { id name } } } }`,
	`{ search(text: "court of appeal", first: 5) { edges { node { id } } } }`,
	`{ node(id: "state:BEL") { id ... on State { name events(first: 5) { totalCount edges { node { id type date } } } } } }`,
	`{ states(first: 20) { edges { node { id name } } pageInfo { hasNextPage endCursor } } }`,
	`{ paths(from: "state:BEL", to: "institution:be-brussels-court-of-appeal", maxHops: 3, first: 3) { length nodes { id } } }`,
	`{ neighborhood(id: "state:BEL", depth: 2) { truncated nodes { id } edges { type } } }`,
	`{ obligations(state: "BEL", instrument: "instrument:iccpr") { instrument { name } bindingFrom provisions { provision { number } } } }`,
	`{ events(first: 10, filter: {date: {from: "2023"}}) { totalCount edges { node { id type } } } }`,
}

type abusive struct {
	q    string
	vars map[string]any
}

var abusiveQueries = func() []abusive {
	var fan strings.Builder
	fan.WriteString("query FanOut { ...F0 }\n")
	for i := 0; i < 30; i++ {
		fmt.Fprintf(&fan, "fragment F%d on Query { ...F%d ... on Query { ...F%d } }\n", i, i+1, i+1)
	}
	fan.WriteString("fragment F30 on Query { stats { nodes } }\n")
	var aliases strings.Builder
	aliases.WriteString("{")
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&aliases, " a%d: obligations(state: \"BEL\") { instrument { name } }", i)
	}
	aliases.WriteString(" }")
	var costly strings.Builder
	costly.WriteString("{")
	for i := 0; i < 15; i++ {
		fmt.Fprintf(&costly, " a%d: obligations(state: \"BEL\") { provisions { obligations { evidence { quote } } } }", i)
	}
	costly.WriteString(" }")
	ors := make([]any, 30000)
	for i := range ors {
		ors[i] = map[string]any{"name": map[string]any{"eq": fmt.Sprintf("state %d", i)}}
	}
	words := make([]string, 350)
	for i := range words {
		words[i] = fmt.Sprintf("word%d", i)
	}
	return []abusive{
		{q: fan.String()},
		{q: aliases.String()},
		{q: costly.String()},
		{q: `query($f: StateFilter) { states(filter: $f) { totalCount } }`, vars: map[string]any{"f": map[string]any{"OR": ors}}},
		{q: `query($t: String!) { search(text: $t) { edges { score } } }`, vars: map[string]any{"t": strings.Join(words, " ")}},
		{q: `query($t: String!) { search(text: $t) { edges { score } } }`, vars: map[string]any{"t": strings.Repeat("x", 50000)}},
		{q: "{ stats { nodes " + strings.Repeat("nodes ", 12000) + "} }"},
		{q: `{ paths(from: "state:BEL", to: "state:FRA", maxHops: 6, first: 10) { length } }`},
		{q: `{ neighborhood(id: "state:BEL", depth: 3, limitPerNode: 100) { truncated nodes { id } } }`},
	}
}()

// send posts one request; abandon > 0 gives up on it after that long.
func send(ctx context.Context, c *http.Client, base, kind, q string, vars map[string]any, abandon time.Duration) outcome {
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	if abandon > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, abandon)
		defer cancel()
		kind = "abandoned"
	}
	req, _ := http.NewRequestWithContext(ctx, "POST", base+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	start := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		return outcome{kind: kind, class: "transport", elapsed: time.Since(start), label: label(q), at: start}
	}
	raw, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	o := outcome{kind: kind, elapsed: time.Since(start), class: "ok", label: label(q), at: start}
	if err != nil {
		o.class = "transport"
		return o
	}
	var r struct {
		Errors []struct {
			Extensions struct{ Code string } `json:"extensions"`
		} `json:"errors"`
	}
	_ = json.Unmarshal(raw, &r)
	switch {
	case len(r.Errors) > 0 && r.Errors[0].Extensions.Code != "":
		o.class = r.Errors[0].Extensions.Code
	case resp.StatusCode != 200:
		o.class = fmt.Sprintf("http-%d", resp.StatusCode)
	case len(r.Errors) > 0:
		o.class = "error-without-code"
	}
	return o
}

func label(q string) string {
	q = strings.Join(strings.Fields(q), " ")
	if len(q) > 60 {
		q = q[:60]
	}
	return q
}

// slowBody opens a connection and trickles a body slower than the read
// timeout; the server must cut it off.
func slowBody(base string, readTimeout time.Duration) outcome {
	start := time.Now()
	c, err := net.DialTimeout("tcp", strings.TrimPrefix(base, "http://"), time.Second)
	if err != nil {
		return outcome{kind: "slow body", class: "transport", elapsed: time.Since(start)}
	}
	defer c.Close()
	fmt.Fprintf(c, "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
	limit := time.Now().Add(readTimeout + 5*time.Second)
	for time.Now().Before(limit) {
		_ = c.SetDeadline(time.Now().Add(500 * time.Millisecond))
		if _, err := c.Write([]byte(" ")); err != nil {
			return outcome{kind: "slow body", class: "cut off", elapsed: time.Since(start)}
		}
		buf := make([]byte, 256)
		if _, err := c.Read(buf); err == nil || !isTimeout(err) {
			return outcome{kind: "slow body", class: "cut off", elapsed: time.Since(start)}
		}
	}
	return outcome{kind: "slow body", class: "still open", elapsed: time.Since(start)}
}

func isTimeout(err error) bool {
	ne, ok := err.(net.Error)
	return ok && ne.Timeout()
}

func rssKB() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			var kb int64
			fmt.Sscanf(strings.TrimSpace(strings.TrimPrefix(line, "VmRSS:")), "%d", &kb)
			return kb
		}
	}
	return 0
}

func pct(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[min(len(ds)-1, int(float64(len(ds))*p))]
}

func report(w io.Writer, all []outcome, duration time.Duration, peakKB int64, bound time.Duration, restarted string) {
	byKind := map[string][]time.Duration{}
	classes := map[string]map[string]int{}
	var worst time.Duration
	for _, o := range all {
		byKind[o.kind] = append(byKind[o.kind], o.elapsed)
		if classes[o.kind] == nil {
			classes[o.kind] = map[string]int{}
		}
		classes[o.kind][o.class]++
		if o.kind != "slow body" && o.elapsed > worst {
			worst = o.elapsed
		}
	}
	fmt.Fprintf(w, "soak: %v, %d requests\n", duration, len(all))
	if restarted != "" {
		fmt.Fprintln(w, restarted)
	}
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		var cs []string
		for c, n := range classes[k] {
			cs = append(cs, fmt.Sprintf("%s %d", c, n))
		}
		sort.Strings(cs)
		ds := byKind[k]
		fmt.Fprintf(w, "%-15s n=%-6d p50 %-10v p99 %-10v max %-10v  %s\n", k, len(ds), pct(ds, 0.5).Round(time.Millisecond),
			pct(ds, 0.99).Round(time.Millisecond), pct(ds, 1).Round(time.Millisecond), strings.Join(cs, ", "))
	}
	var slow []outcome
	for _, o := range all {
		if o.kind != "slow body" && o.elapsed > 2*time.Second {
			slow = append(slow, o)
		}
	}
	sort.Slice(slow, func(i, j int) bool { return slow[i].elapsed > slow[j].elapsed })
	fmt.Fprintf(w, "%d requests over 2 s; the slowest:\n", len(slow))
	for _, o := range slow[:min(8, len(slow))] {
		fmt.Fprintf(w, "  %v %s %s at +%v: %s\n", o.elapsed.Round(time.Millisecond), o.kind, o.class, o.at.Sub(began).Round(time.Second), o.label)
	}
	fmt.Fprintf(w, "peak RSS (server and load generator): %d MB\n", peakKB/1024)
	fmt.Fprintf(w, "slowest request %v; request timeout + queue wait %v; outlived by %v\n",
		worst.Round(time.Millisecond), bound, max(0, worst-bound).Round(time.Millisecond))
}
