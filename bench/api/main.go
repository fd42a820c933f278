// Command api load-tests the GraphQL API against a real Neo4j and compares
// every scenario with the same reads made directly through the Go driver
// (the neo4jdb methods the resolvers call), in the same run:
//
//	go run ./bench/api [-nodes 100000] [-reset] [-duration 10s] [-requests 2000] [-concurrency 4]
//	go run ./bench/api -addr 127.0.0.1:8080   # a server that is already running on this machine
//
// Scenarios: full-text search, neighbourhood at depth 2, paths (k shortest,
// up to 4 hops), an actor's timeline, and a nested list (a page of persons
// with their memberships). For each it reports requests/s, p50 and p99 of
// the GraphQL requests and of the direct reads, and their ratio: the cost of
// HTTP, GraphQL parsing, validation, resolvers and JSON on top of Neo4j.
//
// The database comes from NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and
// NEO4J_DATABASE and must be a local instance of your own: the first run
// deletes everything in it (only with -reset when it is not empty), loads
// the reference data and example corpus (-load), then adds a generated
// graph of -nodes nodes (actors, events, places, documents, and their
// relationships with evidence, as docs/graph-model.md stores them) with
// batched, parameterised UNWIND statements. Later runs with the same -nodes
// and -seed reuse it.
//
// Traffic goes to 127.0.0.1 only: the server is started in-process on a
// loopback port unless -addr names one, which must be a loopback address.
// Each scenario stops after -requests requests or -duration, whichever
// comes first.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/pprof"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/rightsgraph/rightsgraph/internal/rawdriver"
	"github.com/rightsgraph/rightsgraph/loader"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
	"github.com/rightsgraph/rightsgraph/server"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "bench/api:", err)
		os.Exit(1)
	}
}

func env(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// config is the command line.
type config struct {
	addr        string
	nodes       int
	seed        uint64
	reset       bool
	load        string
	duration    time.Duration
	requests    int
	concurrency int
	warmup      int
	rounds      int
	only        string
	cpuprofile  string
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("bench/api", flag.ContinueOnError)
	var c config
	fs.StringVar(&c.addr, "addr", "", "a running server's loopback address (host:port); empty starts one in-process")
	fs.IntVar(&c.nodes, "nodes", 100000, "nodes in the generated graph (the workload draws its ids from it)")
	fs.Uint64Var(&c.seed, "seed", 1, "generator and workload seed")
	fs.BoolVar(&c.reset, "reset", false, "allow deleting everything in a database that holds something else")
	fs.StringVar(&c.load, "load", "reference,examples/corpus,../shared/corpus/seeds", "comma-separated paths to load before generating (missing ones are skipped)")
	fs.DurationVar(&c.duration, "duration", 10*time.Second, "longest time per scenario and mode")
	fs.IntVar(&c.requests, "requests", 2000, "most requests per scenario and mode")
	fs.IntVar(&c.concurrency, "concurrency", 4, "concurrent clients")
	fs.IntVar(&c.warmup, "warmup", 30, "unmeasured requests per scenario and mode first")
	fs.IntVar(&c.rounds, "rounds", 4, "alternate GraphQL and direct in this many rounds per scenario, so that background load falls on both alike")
	fs.StringVar(&c.only, "only", "", "comma-separated scenarios to run (default: all)")
	fs.StringVar(&c.cpuprofile, "cpuprofile", "", "write a CPU profile of the measured phase (client, in-process server and driver) to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if c.duration <= 0 || c.duration > 10*time.Minute || c.requests <= 0 || c.requests > 1_000_000 ||
		c.concurrency < 1 || c.concurrency > 64 || c.nodes < 1000 || c.nodes > 5_000_000 || c.rounds < 1 || c.rounds > c.requests {
		return errors.New("out of range: -duration (0, 10m], -requests (0, 1e6], -concurrency [1, 64], -nodes [1000, 5e6], -rounds [1, requests]")
	}
	if c.addr != "" {
		if err := checkLoopback(c.addr); err != nil {
			return err
		}
	}

	cfg := neo4jdb.Config{URI: env("NEO4J_URI", "bolt://127.0.0.1:7687"), User: env("NEO4J_USER", "neo4j"),
		Password: env("NEO4J_PASSWORD", "rightsgraph"), Database: os.Getenv("NEO4J_DATABASE")}
	db, err := neo4jdb.Open(cfg)
	if err != nil {
		return err
	}
	defer db.Close(context.Background())
	if err := db.Ping(ctx); err != nil {
		return fmt.Errorf("Neo4j at %s: %w", cfg.URI, err)
	}

	raw, err := rawdriver.Open(cfg) // generating, wiping, counting: Cypher the API never sends
	if err != nil {
		return err
	}
	defer raw.Close(context.Background())

	g := newGenerator(c.nodes, c.seed)
	if err := prepare(ctx, db, raw, g, c, out); err != nil {
		return err
	}

	base := "http://" + c.addr
	if c.addr == "" {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
		srv := server.New(server.Config{Addr: ln.Addr().String(), MaxHops: neo4jdb.MaxPathHops, Logger: quiet,
			Introspection: true}, db)
		sctx, cancel := context.WithCancel(ctx)
		done := make(chan error, 1)
		go func() { done <- srv.Serve(sctx, ln) }()
		defer func() { cancel(); <-done }()
		base = "http://" + ln.Addr().String()
		fmt.Fprintf(out, "server: in-process at %s\n", base)
	} else {
		fmt.Fprintf(out, "server: %s\n", base)
	}

	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{
		MaxIdleConns: c.concurrency * 2, MaxIdleConnsPerHost: c.concurrency * 2, IdleConnTimeout: time.Minute}}
	scenarios := g.scenarios(db)
	if c.only != "" {
		keep := map[string]bool{}
		for _, s := range strings.Split(c.only, ",") {
			keep[strings.TrimSpace(s)] = true
		}
		var sel []scenario
		for _, s := range scenarios {
			if keep[s.name] {
				sel = append(sel, s)
			}
		}
		scenarios = sel
	}

	fmt.Fprintf(out, "workload: %d clients, at most %d requests or %v per scenario and mode in %d alternating rounds, %d warm-up requests\n\n",
		c.concurrency, c.requests, c.duration, c.rounds, c.warmup)
	if c.cpuprofile != "" {
		f, err := os.Create(c.cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	var results []result
	for _, s := range scenarios {
		gq := func(ctx context.Context, i int) error { return postGraphQL(ctx, client, base, s.graphql(i)) }
		rs, err := measure(ctx, s.name, []mode{{"graphql", gq}, {"direct", s.direct}}, c)
		if err != nil {
			return err
		}
		results = append(results, rs...)
	}
	report(out, results)
	return nil
}

// checkLoopback refuses any address that is not on this machine's loopback.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("-addr %q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("-addr %q: only loopback addresses (127.0.0.0/8, ::1, localhost) are allowed", addr)
	}
	return nil
}

// ---- measuring

type result struct {
	scenario, mode string
	n, errors      int
	elapsed        time.Duration
	p50, p90, p99  time.Duration
}

func (r result) rps() float64 { return float64(r.n) / r.elapsed.Seconds() }

type mode struct {
	name string
	f    func(ctx context.Context, i int) error
}

// measure runs each mode's f from c.concurrency goroutines in c.rounds
// alternating rounds, each round of at most c.requests/c.rounds calls and
// c.duration/c.rounds, after c.warmup unmeasured calls per mode. i is the
// request's index (each picks its parameters from it); both modes see the
// same sequence of parameters.
func measure(ctx context.Context, name string, modes []mode, c config) ([]result, error) {
	for _, m := range modes {
		for i := 0; i < c.warmup; i++ {
			if err := m.f(ctx, i); err != nil {
				return nil, fmt.Errorf("%s %s: warm-up: %w", name, m.name, err)
			}
		}
	}
	lat := make([][]time.Duration, len(modes))
	elapsed := make([]time.Duration, len(modes))
	next := make([]int, len(modes))
	per := c.requests / c.rounds
	for round := 0; round < c.rounds; round++ {
		for k, m := range modes {
			l, n, d, err := runRound(ctx, m.f, c.warmup+next[k], per, c.duration/time.Duration(c.rounds), c.concurrency)
			if err != nil {
				return nil, fmt.Errorf("%s %s: %w", name, m.name, err)
			}
			lat[k] = append(lat[k], l...)
			next[k] += n
			elapsed[k] += d
		}
	}
	out := make([]result, len(modes))
	for k, m := range modes {
		all := lat[k]
		if len(all) == 0 {
			return nil, fmt.Errorf("%s %s: no request finished in time", name, m.name)
		}
		sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
		pct := func(p float64) time.Duration { return all[min(len(all)-1, int(p*float64(len(all))))] }
		out[k] = result{scenario: name, mode: m.name, n: len(all), elapsed: elapsed[k], p50: pct(0.50), p90: pct(0.90), p99: pct(0.99)}
	}
	return out, nil
}

// runRound calls f with indexes first, first+1, ... from conc goroutines
// until n calls have started or d has passed; calls in flight then finish.
// It returns the latencies, how many indexes it used and how long it ran.
func runRound(ctx context.Context, f func(context.Context, int) error, first, n int, d time.Duration, conc int) ([]time.Duration, int, time.Duration, error) {
	deadline := time.Now().Add(d)
	var next, nerr atomic.Int64
	var firstErr atomic.Value
	lat := make([][]time.Duration, conc)
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < conc; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for ctx.Err() == nil && time.Now().Before(deadline) {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				t0 := time.Now()
				err := f(ctx, first+i)
				took := time.Since(t0)
				if err != nil {
					nerr.Add(1)
					firstErr.CompareAndSwap(nil, err)
					continue
				}
				lat[w] = append(lat[w], took)
			}
		}(w)
	}
	wg.Wait()
	took := time.Since(start)
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	if nerr.Load() > 0 {
		return nil, 0, 0, fmt.Errorf("%d of %d requests failed, first: %v", nerr.Load(), int(nerr.Load())+len(all), firstErr.Load())
	}
	return all, min(int(next.Load()), n), took, nil
}

func report(out io.Writer, rs []result) {
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "scenario\tmode\trequests\treq/s\tp50\tp90\tp99\tp50 ratio\treq/s ratio\t")
	ms := func(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d.Microseconds())/1000) }
	for i := 0; i+1 < len(rs); i += 2 {
		g, d := rs[i], rs[i+1]
		fmt.Fprintf(tw, "%s\t%s\t%d\t%.1f\t%s\t%s\t%s\t\t\t\n", g.scenario, g.mode, g.n, g.rps(), ms(g.p50), ms(g.p90), ms(g.p99))
		fmt.Fprintf(tw, "%s\t%s\t%d\t%.1f\t%s\t%s\t%s\t%.2f\t%.2f\t\n", d.scenario, d.mode, d.n, d.rps(), ms(d.p50), ms(d.p90), ms(d.p99),
			float64(g.p50)/float64(d.p50), d.rps()/g.rps())
	}
	tw.Flush()
	fmt.Fprintln(out, "\nratios: GraphQL over direct (p50) and direct over GraphQL (req/s); 1.00 means no server overhead.")
}

// ---- GraphQL over HTTP

type gqlRequest struct {
	Query     string         `json:"query"`
	Variables map[string]any `json:"variables,omitempty"`
}

func postGraphQL(ctx context.Context, client *http.Client, base string, q gqlRequest) error {
	body, err := json.Marshal(q)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/graphql", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var res struct {
		Data   json.RawMessage `json:"data"`
		Errors []struct {
			Message string `json:"message"`
		} `json:"errors"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
		return fmt.Errorf("status %d: %w", resp.StatusCode, err)
	}
	if resp.StatusCode != http.StatusOK || len(res.Errors) > 0 {
		msg := ""
		if len(res.Errors) > 0 {
			msg = res.Errors[0].Message
		}
		return fmt.Errorf("status %d: %s", resp.StatusCode, msg)
	}
	return nil
}

// ---- scenarios

// scenario is one kind of request: its GraphQL form and the same reads
// made directly, both parameterised by the request index.
type scenario struct {
	name    string
	graphql func(i int) gqlRequest
	direct  func(ctx context.Context, i int) error
}

func (g *generator) scenarios(db *neo4jdb.DB) []scenario {
	r := rand.New(rand.NewPCG(g.seed, 99))
	pick := func(n int, f func() string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = f()
		}
		return out
	}
	const k = 512 // distinct parameter sets per scenario
	terms := pick(k, func() string { return g.surnames[r.IntN(len(g.surnames))] })
	persons := pick(k, func() string { return g.id("person", r.IntN(g.n.persons)) })
	actors := pick(k, func() string {
		if r.IntN(4) == 0 {
			return g.id("institution", r.IntN(g.n.institutions))
		}
		return g.id("person", r.IntN(g.n.persons))
	})
	targets := pick(k, func() string {
		if r.IntN(2) == 0 {
			return g.id("organization", r.IntN(g.n.organizations))
		}
		return g.id("institution", r.IntN(g.n.institutions))
	})
	prefixes := pick(k, func() string { return g.given[r.IntN(len(g.given))][:2] })
	at := func(list []string, i int) string { return list[i%len(list)] }

	const neighborhoodQ = `query($id: ID!) { neighborhood(id: $id, depth: 2) { truncated
  nodes { id kind label }
  edges { id type source target weight confidence evidence { quote start end } } } }`
	const pathsQ = `query($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxHops: 4, first: 3) { length
  nodes { id kind label } edges { id type source target confidence evidence { quote } } } }`
	const timelineQ = `query($id: ID!) { timeline(actor: $id) { date datePrecision roles event { id type date summary } } }`
	const searchQ = `query($t: String!) { search(text: $t, first: 20) { edges { score node { id name kind } } } }`
	const listQ = `query($p: String!) { persons(first: 20, filter: {name: {startsWith: $p}}) {
  nodes { id name memberships(first: 10) { confidence organization { id name } } } } }`

	return []scenario{
		{name: "search",
			graphql: func(i int) gqlRequest { return gqlRequest{searchQ, map[string]any{"t": at(terms, i)}} },
			direct: func(ctx context.Context, i int) error {
				_, err := db.Search(ctx, at(terms, i), nil, 20, nil)
				return err
			}},
		{name: "neighborhood-d2",
			graphql: func(i int) gqlRequest { return gqlRequest{neighborhoodQ, map[string]any{"id": at(persons, i)}} },
			direct: func(ctx context.Context, i int) error {
				_, err := db.Neighborhood(ctx, at(persons, i), neo4jdb.NeighborhoodOptions{Depth: 2})
				return err
			}},
		{name: "paths",
			graphql: func(i int) gqlRequest {
				return gqlRequest{pathsQ, map[string]any{"from": at(persons, i), "to": at(targets, i)}}
			},
			direct: func(ctx context.Context, i int) error {
				_, err := db.Paths(ctx, at(persons, i), at(targets, i), neo4jdb.PathOptions{MaxHops: 4, First: 3})
				return err
			}},
		{name: "timeline",
			graphql: func(i int) gqlRequest { return gqlRequest{timelineQ, map[string]any{"id": at(actors, i)}} },
			direct: func(ctx context.Context, i int) error {
				_, err := db.Timeline(ctx, at(actors, i), neo4jdb.TimelineOptions{})
				return err
			}},
		{name: "nested-list",
			graphql: func(i int) gqlRequest { return gqlRequest{listQ, map[string]any{"p": at(prefixes, i)}} },
			direct: func(ctx context.Context, i int) error {
				first := 20
				page, err := db.List(ctx, neo4jdb.ListQuery{Kind: neo4jdb.ListKinds["persons"], First: &first,
					Filter: map[string]any{"name": map[string]any{"startsWith": at(prefixes, i)}}})
				if err != nil {
					return err
				}
				ids := make([]string, len(page.Nodes))
				for j, n := range page.Nodes {
					ids[j] = n.ID
				}
				if len(ids) == 0 {
					return nil
				}
				_, err = db.Related(ctx, neo4jdb.SpecMemberships, ids, neo4jdb.RelArgs{Limit: 10})
				return err
			}},
	}
}

// ---- preparing the database

// prepare makes sure the database holds the corpus and the generated graph:
// it reuses them when a previous run with the same size and seed left them,
// and otherwise empties the database (with -reset when it holds anything
// else), migrates, loads c.load and generates.
func prepare(ctx context.Context, db *neo4jdb.DB, raw *rawdriver.Conn, g *generator, c config, out io.Writer) error {
	have, err := count(ctx, raw, `MATCH (n:Entity {id: $id}) RETURN count(n)`, map[string]any{"id": g.marker()})
	if err != nil {
		return err
	}
	if have == 1 {
		n, err := count(ctx, raw, `MATCH (n) RETURN count(n)`, nil)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "database: reusing the generated graph (%d nodes, seed %d)\n", n, c.seed)
		return nil
	}
	n, err := count(ctx, raw, `MATCH (n) RETURN count(n)`, nil)
	if err != nil {
		return err
	}
	if n > 0 && !c.reset {
		return fmt.Errorf("the database at %s has %d nodes and no generated graph of this size and seed; -reset deletes them", env("NEO4J_URI", "bolt://127.0.0.1:7687"), n)
	}
	t0 := time.Now()
	if err := wipe(ctx, raw); err != nil {
		return err
	}
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	var paths []string
	for _, p := range strings.Split(c.load, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			paths = append(paths, p)
		} else {
			fmt.Fprintf(out, "load: skipping %s (%v)\n", p, err)
		}
	}
	if len(paths) > 0 {
		x, err := loader.NewExtractor()
		if err != nil {
			return err
		}
		l := &loader.Loader{DB: db, Extractor: x, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
		sum, err := l.Load(ctx, paths)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "load: %d documents from %s in %s (%d failed)\n", sum.Loaded, strings.Join(paths, ", "),
			sum.Duration.Round(time.Millisecond), sum.Failed)
	}
	{
		t1 := time.Now()
		nodes, rels, err := g.write(ctx, raw)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "generate: %d nodes, %d relationships in %s\n", nodes, rels, time.Since(t1).Round(time.Millisecond))
	}
	total, _ := count(ctx, raw, `MATCH (n) RETURN count(n)`, nil)
	rels, _ := count(ctx, raw, `MATCH ()-[r]->() RETURN count(r)`, nil)
	fmt.Fprintf(out, "database: %d nodes, %d relationships, prepared in %s\n", total, rels, time.Since(t0).Round(time.Millisecond))
	return nil
}

func count(ctx context.Context, raw *rawdriver.Conn, cypher string, params map[string]any) (int64, error) {
	n, err := raw.Count(ctx, cypher, params)
	return n, neo4jdb.Translate(err)
}

// wipe deletes every node in batches (CALL IN TRANSACTIONS needs an
// auto-commit transaction).
func wipe(ctx context.Context, raw *rawdriver.Conn) error {
	return neo4jdb.Translate(raw.AutoCommit(ctx, `MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`))
}
