// Command peer compares rightsgraph with @neo4j/graphql 7 on Apollo Server 5
// (the peer in this directory, server.mjs) on the same Neo4j and the same
// graph, query pair by query pair:
//
//	go run ./bench/peer [-duration 10s] [-clients 1,32] [-rounds 2] [-check 40] [-only lookup,search]
//
// The database (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) must
// already hold the bench/api graph (make bench-api, or
// go run ./bench/api -reset -requests 1 -rounds 1 -duration 1s): this
// command only reads. It runs npm ci here when node_modules is missing,
// starts the peer (node server.mjs) and rightsgraph (in-process), both on
// 127.0.0.1, and draws each scenario's parameters from the database with a
// fixed seed.
//
// For every scenario it first sends the first -check parameter sets to both
// servers and compares the answers as sorted id lists per level (for nested
// results, parent/child id pairs); a scenario whose answers differ is
// reported with the first difference and left out of the timing. Then the two
// servers take turns in -rounds rounds per client count (ABBA order), each
// round lasting -duration/-rounds or -requests/-rounds requests, and the
// table gives req/s, p50 and p99 of each and the ratios rightsgraph/peer.
// Peak resident memory: the peer's is its process's VmHWM; rightsgraph's is
// this process's, which also holds the load generator.
package main

import (
	"bufio"
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
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

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
		fmt.Fprintln(os.Stderr, "bench/peer:", err)
		os.Exit(1)
	}
}

func env(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

type config struct {
	duration time.Duration
	requests int
	rounds   int
	clients  []int
	warmup   int
	check    int
	seed     uint64
	only     map[string]bool
	dir      string
	node     string
	minNodes int64
}

func parseFlags(args []string) (config, error) {
	fs := flag.NewFlagSet("bench/peer", flag.ContinueOnError)
	var c config
	var clients, only string
	fs.DurationVar(&c.duration, "duration", 10*time.Second, "time per scenario, client count and server (split over the rounds)")
	fs.IntVar(&c.requests, "requests", 100000, "most requests per scenario, client count and server")
	fs.IntVar(&c.rounds, "rounds", 2, "turns per server, alternating (ABBA), so that background load falls on both alike")
	fs.StringVar(&clients, "clients", "1,32", "comma-separated client counts")
	fs.IntVar(&c.warmup, "warmup", 20, "unmeasured requests per scenario and server first")
	fs.IntVar(&c.check, "check", 40, "parameter sets whose answers are compared before timing")
	fs.Uint64Var(&c.seed, "seed", 1, "seed of the parameter draw")
	fs.StringVar(&only, "only", "", "comma-separated scenarios (default: all): "+strings.Join(scenarioNames, ","))
	fs.StringVar(&c.dir, "dir", "bench/peer", "the peer's directory (package.json, server.mjs)")
	fs.StringVar(&c.node, "node", "node", "the Node.js binary")
	fs.Int64Var(&c.minNodes, "min-nodes", 100000, "refuse a database with fewer nodes (the bench/api graph has 101,213 or more)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	for _, s := range strings.Split(clients, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 || n > 128 {
			return c, fmt.Errorf("-clients: %q is not a count in [1, 128]", s)
		}
		c.clients = append(c.clients, n)
	}
	if only != "" {
		c.only = map[string]bool{}
		for _, s := range strings.Split(only, ",") {
			s = strings.TrimSpace(s)
			if !slices.Contains(scenarioNames, s) {
				return c, fmt.Errorf("-only: unknown scenario %q (have %s)", s, strings.Join(scenarioNames, ", "))
			}
			c.only[s] = true
		}
	}
	if c.duration <= 0 || c.duration > 10*time.Minute || c.requests < 1 || c.rounds < 1 || c.rounds > c.requests ||
		c.warmup < 0 || c.check < 1 {
		return c, errors.New("out of range: -duration (0, 10m], -requests >= 1, -rounds [1, requests], -warmup >= 0, -check >= 1")
	}
	return c, nil
}

func run(ctx context.Context, args []string, out io.Writer) error {
	c, err := parseFlags(args)
	if err != nil {
		return err
	}
	cfg := neo4jdb.Config{URI: env("NEO4J_URI", "bolt://127.0.0.1:7717"), User: env("NEO4J_USER", "neo4j"),
		Password: env("NEO4J_PASSWORD", "rightsgraph"), Database: os.Getenv("NEO4J_DATABASE")}

	// The parameter draw and the node count go through a driver of our own.
	drv, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""))
	if err != nil {
		return err
	}
	defer drv.Close(context.Background())
	if err := drv.VerifyConnectivity(ctx); err != nil {
		return fmt.Errorf("Neo4j at %s: %w", cfg.URI, err)
	}
	rd := reader{drv: drv, database: cfg.Database}
	nodes, err := rd.count(ctx, `MATCH (n) RETURN count(n)`)
	if err != nil {
		return err
	}
	rels, err := rd.count(ctx, `MATCH ()-[r]->() RETURN count(r)`)
	if err != nil {
		return err
	}
	if nodes < c.minNodes {
		return fmt.Errorf("the database at %s has %d nodes, fewer than %d: build the benchmark graph first with make bench-api "+
			"(or NEO4J_URI=%s go run ./bench/api -reset -requests 1 -rounds 1 -duration 1s)", cfg.URI, nodes, c.minNodes, cfg.URI)
	}
	fmt.Fprintf(out, "database: %s, %d nodes, %d relationships\n", cfg.URI, nodes, rels)
	p, err := draw(ctx, rd, c.seed)
	if err != nil {
		return err
	}

	peer, err := startPeer(ctx, c, cfg, out)
	if err != nil {
		return err
	}
	defer peer.stop()

	db, err := neo4jdb.Open(cfg)
	if err != nil {
		return err
	}
	defer db.Close(context.Background())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := server.New(server.Config{Addr: ln.Addr().String(), MaxHops: neo4jdb.MaxPathHops, Logger: quiet}, db)
	sctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(sctx, ln) }()
	defer func() { cancel(); <-done }()
	rgURL := "http://" + ln.Addr().String() + "/graphql"
	fmt.Fprintf(out, "rightsgraph: in-process at %s\npeer: %s (pid %d)\n", rgURL, peer.url, peer.cmd.Process.Pid)

	maxConn := slices.Max(c.clients) * 2
	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{
		MaxIdleConns: maxConn * 2, MaxIdleConnsPerHost: maxConn, IdleConnTimeout: time.Minute}}
	servers := [2]target{{"rightsgraph", rgURL}, {"peer", peer.url}}

	var results []result
	var skipped []string
	for _, s := range scenarios(p) {
		if c.only != nil && !c.only[s.name] {
			continue
		}
		if why, err := compare(ctx, client, servers, s, c.check); err != nil {
			return err
		} else if why != "" {
			fmt.Fprintf(out, "%-14s answers differ, left out: %s\n", s.name, why)
			skipped = append(skipped, s.name+": "+why)
			continue
		}
		fmt.Fprintf(out, "%-14s same ids on %d parameter sets; timing\n", s.name, c.check)
		for _, conc := range c.clients {
			r, err := measure(ctx, client, servers, s, conc, c)
			if err != nil {
				return err
			}
			results = append(results, r)
		}
	}
	fmt.Fprintln(out)
	report(out, results, c)
	fmt.Fprintf(out, "\npeak RSS: peer (node) %s; rightsgraph in this process with the load generator %s\n",
		vmHWM(peer.cmd.Process.Pid), vmHWM(os.Getpid()))
	for _, s := range skipped {
		fmt.Fprintf(out, "left out: %s\n", s)
	}
	return nil
}

// ---- reading the database for parameters

type reader struct {
	drv      neo4j.DriverWithContext
	database string
}

func (r reader) query(ctx context.Context, cypher string) ([]*neo4j.Record, error) {
	res, err := neo4j.ExecuteQuery(ctx, r.drv, cypher, nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(r.database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, err
	}
	return res.Records, nil
}

func (r reader) count(ctx context.Context, cypher string) (int64, error) {
	recs, err := r.query(ctx, cypher)
	if err != nil || len(recs) == 0 {
		return 0, err
	}
	n, _ := recs[0].Values[0].(int64)
	return n, nil
}

// strings returns the first column of every record, in order.
func (r reader) strings(ctx context.Context, cypher string) ([]string, error) {
	recs, err := r.query(ctx, cypher)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(recs))
	for _, rec := range recs {
		if s, ok := rec.Values[0].(string); ok && s != "" {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no rows for %s", cypher)
	}
	return out, nil
}

// params are the parameter sets of the scenarios: k of each, drawn with a
// fixed seed from id-ordered lists read from the database.
type params struct {
	persons  []string // person ids
	actors   []actor  // persons and institutions that take part in events
	prefixes []string // the first two letters of a person's name
	surnames []string // the last word of a person's name
	events   [][]string
}

type actor struct{ id, root string } // root: the peer's root field for its type

const paramSets = 512

func draw(ctx context.Context, rd reader, seed uint64) (*params, error) {
	persons, err := rd.query(ctx, `MATCH (p:Person) RETURN p.id, p.name ORDER BY p.id`)
	if err != nil {
		return nil, err
	}
	insts, err := rd.strings(ctx, `MATCH (a:Institution) WHERE EXISTS { (a)-[:INVOLVED_IN]->(:Event) } RETURN a.id ORDER BY a.id`)
	if err != nil {
		return nil, err
	}
	// Generated events only: their participants' events all have dates.
	// An undated event comes first in rightsgraph's Actor.events
	// (coalesce(date, '')) and last in the peer's sort (ORDER BY date).
	events, err := rd.strings(ctx, `MATCH (e:Event) WHERE e.id STARTS WITH 'event:zz-' RETURN e.id ORDER BY e.id`)
	if err != nil {
		return nil, err
	}
	if len(persons) == 0 {
		return nil, errors.New("no :Person in the database")
	}
	r := rand.New(rand.NewPCG(seed, 12))
	person := func() (string, string) {
		rec := persons[r.IntN(len(persons))]
		id, _ := rec.Values[0].(string)
		name, _ := rec.Values[1].(string)
		return id, name
	}
	p := &params{}
	for len(p.persons) < paramSets {
		id, name := person()
		p.persons = append(p.persons, id)
		if rs := []rune(name); len(rs) >= 2 {
			p.prefixes = append(p.prefixes, string(rs[:2]))
		}
		if f := strings.Fields(name); len(f) > 0 {
			p.surnames = append(p.surnames, f[len(f)-1])
		}
		if r.IntN(4) == 0 {
			p.actors = append(p.actors, actor{insts[r.IntN(len(insts))], "institutions"})
		} else {
			id, _ := person()
			p.actors = append(p.actors, actor{id, "people"})
		}
		ev := make([]string, 10)
		for i := range ev {
			ev[i] = events[r.IntN(len(events))]
		}
		p.events = append(p.events, ev)
	}
	return p, nil
}

// ---- scenarios

var scenarioNames = []string{"lookup", "memberships", "timeline", "search", "neighborhood", "nested"}

// A scenario is a pair of equivalent GraphQL requests, one per server, for
// parameter set i, and for each answer its ids by level.
type scenario struct {
	name  string
	title string
	req   [2]func(i int) gqlRequest
	ids   [2]func(data any) map[string][]string
}

type gqlRequest struct {
	Query     string         `json:"query"`
	Variables map[string]any `json:"variables,omitempty"`
}

func at[T any](list []T, i int) T { return list[i%len(list)] }

// The peer's selection of an actor's first 10 events in date order, on every
// member of the participant union.
func peerParticipants() string {
	var b strings.Builder
	for _, t := range []string{"Person", "Organization", "Institution", "State", "Group"} {
		fmt.Fprintf(&b, " ... on %s { id events(limit: 10, sort: [{date: ASC}, {id: ASC}]) { id } }", t)
	}
	return b.String()
}

func scenarios(p *params) []scenario {
	return []scenario{
		{name: "lookup", title: "lookup by id",
			req: [2]func(int) gqlRequest{
				func(i int) gqlRequest {
					return gqlRequest{`query($id: ID!) { node(id: $id) { id ... on Person { name kind } } }`,
						map[string]any{"id": at(p.persons, i)}}
				},
				func(i int) gqlRequest {
					return gqlRequest{`query($id: ID!) { people(where: {id: {eq: $id}}) { id name kind } }`,
						map[string]any{"id": at(p.persons, i)}}
				}},
			ids: [2]func(any) map[string][]string{
				func(d any) map[string][]string { return levels("node", ids(pick(d, "node"))) },
				func(d any) map[string][]string { return levels("node", ids(pick(d, "people"))) }}},

		{name: "memberships", title: "20 persons by name prefix, 10 memberships each",
			req: [2]func(int) gqlRequest{
				func(i int) gqlRequest {
					return gqlRequest{`query($p: String!) { persons(first: 20, filter: {name: {startsWith: $p}}, orderBy: [{field: NAME}, {field: ID}]) {
  nodes { id name memberships(first: 10) { confidence organization { id name } } } } }`, map[string]any{"p": at(p.prefixes, i)}}
				},
				func(i int) gqlRequest {
					return gqlRequest{`query($p: String!) { people(where: {name: {startsWith: $p}}, sort: [{name: ASC}, {id: ASC}], limit: 20) {
  id name memberOfConnection(first: 10) { edges { properties { confidence }
    node { ... on Organization { id name } ... on Institution { id name } } } } } }`, map[string]any{"p": at(p.prefixes, i)}}
				}},
			ids: [2]func(any) map[string][]string{
				func(d any) map[string][]string {
					ps := list(pick(d, "persons", "nodes"))
					return levels("persons", ids(ps), "memberships", pairs(ps, func(x any) []any {
						return mapList(list(pick(x, "memberships")), func(m any) any { return pick(m, "organization") })
					}))
				},
				func(d any) map[string][]string {
					ps := list(pick(d, "people"))
					return levels("persons", ids(ps), "memberships", pairs(ps, func(x any) []any {
						return mapList(list(pick(x, "memberOfConnection", "edges")), func(e any) any { return pick(e, "node") })
					}))
				}}},

		{name: "timeline", title: "an actor's events in date order, first 50",
			req: [2]func(int) gqlRequest{
				func(i int) gqlRequest {
					return gqlRequest{`query($id: ID!) { timeline(actor: $id, first: 50) { date roles event { id type date summary } } }`,
						map[string]any{"id": at(p.actors, i).id}}
				},
				func(i int) gqlRequest {
					a := at(p.actors, i)
					// a.root is one of two constants, never user input.
					return gqlRequest{`query($id: ID!) { a: ` + a.root + `(where: {id: {eq: $id}}) {
  events(sort: [{date: ASC}, {id: ASC}], limit: 50) { id type date summary } } }`, map[string]any{"id": a.id}}
				}},
			ids: [2]func(any) map[string][]string{
				func(d any) map[string][]string {
					return levels("events", ids(mapList(list(pick(d, "timeline")), func(e any) any { return pick(e, "event") })))
				},
				func(d any) map[string][]string {
					var evs []any
					for _, a := range list(pick(d, "a")) {
						evs = append(evs, list(pick(a, "events"))...)
					}
					return levels("events", ids(evs))
				}}},

		{name: "search", title: "full-text search, 20 hits",
			req: [2]func(int) gqlRequest{
				func(i int) gqlRequest {
					return gqlRequest{`query($t: String!) { search(text: $t, first: 20) { edges { score node { id name kind } } } }`,
						map[string]any{"t": at(p.surnames, i)}}
				},
				func(i int) gqlRequest {
					// The peer gets the Lucene query rightsgraph builds from the same text.
					return gqlRequest{`query($q: String!) { searchEntities(phrase: $q, first: 20, sort: [{score: DESC}, {node: {id: ASC}}]) {
  edges { score node { id name kind } } } }`, map[string]any{"q": neo4jdb.LuceneQuery(at(p.surnames, i))}}
				}},
			ids: [2]func(any) map[string][]string{
				func(d any) map[string][]string {
					return levels("hits", ids(mapList(list(pick(d, "search", "edges")), func(e any) any { return pick(e, "node") })))
				},
				func(d any) map[string][]string {
					return levels("hits", ids(mapList(list(pick(d, "searchEntities", "edges")), func(e any) any { return pick(e, "node") })))
				}}},

		{name: "neighborhood", title: "neighbourhood, depth 2 (peer: a @cypher field)",
			req: [2]func(int) gqlRequest{
				func(i int) gqlRequest {
					return gqlRequest{`query($id: ID!) { neighborhood(id: $id, depth: 2) { nodes { id } } }`,
						map[string]any{"id": at(p.persons, i)}}
				},
				func(i int) gqlRequest {
					return gqlRequest{`query($id: ID!) { people(where: {id: {eq: $id}}) { neighborhood } }`,
						map[string]any{"id": at(p.persons, i)}}
				}},
			ids: [2]func(any) map[string][]string{
				func(d any) map[string][]string { return levels("nodes", ids(list(pick(d, "neighborhood", "nodes")))) },
				func(d any) map[string][]string {
					var out []string
					for _, x := range list(pick(d, "people")) {
						for _, id := range list(pick(x, "neighborhood")) {
							s, _ := id.(string)
							out = append(out, s)
						}
					}
					return levels("nodes", out)
				}}},

		{name: "nested", title: "events -> participants -> events, 10 each",
			req: [2]func(int) gqlRequest{
				func(i int) gqlRequest {
					return gqlRequest{`query($ids: [ID!]!) { events(first: 10, filter: {id: {in: $ids}}) { nodes { id
  participants(first: 10) { actor { id events(first: 10) { edges { node { id } } } } } } } }`, map[string]any{"ids": at(p.events, i)}}
				},
				func(i int) gqlRequest {
					return gqlRequest{`query($ids: [ID!]!) { events(where: {id: {in: $ids}}, sort: [{id: ASC}], limit: 10) { id
  participants(limit: 10) {` + peerParticipants() + ` } } }`, map[string]any{"ids": at(p.events, i)}}
				}},
			ids: [2]func(any) map[string][]string{
				func(d any) map[string][]string {
					evs := list(pick(d, "events", "nodes"))
					var actors []any
					for _, e := range evs {
						for _, x := range list(pick(e, "participants")) {
							actors = append(actors, pick(x, "actor"))
						}
					}
					return levels("events", ids(evs),
						"participants", pairs(evs, func(e any) []any {
							return mapList(list(pick(e, "participants")), func(x any) any { return pick(x, "actor") })
						}),
						"their events", pairs(actors, func(a any) []any {
							return mapList(list(pick(a, "events", "edges")), func(x any) any { return pick(x, "node") })
						}))
				},
				func(d any) map[string][]string {
					evs := list(pick(d, "events"))
					var actors []any
					for _, e := range evs {
						actors = append(actors, list(pick(e, "participants"))...)
					}
					return levels("events", ids(evs),
						"participants", pairs(evs, func(e any) []any { return list(pick(e, "participants")) }),
						"their events", pairs(actors, func(a any) []any { return list(pick(a, "events")) }))
				}}},
	}
}

// ---- normalising answers

func pick(v any, path ...string) any {
	for _, k := range path {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	return v
}

// list returns v as a list; a single object is a list of one, null is empty.
func list(v any) []any {
	switch x := v.(type) {
	case []any:
		return x
	case nil:
		return nil
	default:
		return []any{x}
	}
}

func mapList(in []any, f func(any) any) []any {
	out := make([]any, 0, len(in))
	for _, x := range in {
		out = append(out, f(x))
	}
	return out
}

func ids(objs any) []string {
	var out []string
	for _, o := range list(objs) {
		if s, ok := pick(o, "id").(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// pairs returns "parent > child" for every child children(parent) gives.
func pairs(parents []any, children func(any) []any) []string {
	var out []string
	for _, p := range parents {
		pid, _ := pick(p, "id").(string)
		for _, c := range children(p) {
			if cid, ok := pick(c, "id").(string); ok {
				out = append(out, pid+" > "+cid)
			}
		}
	}
	return out
}

// levels makes the normalised answer: each level's ids sorted, duplicates
// kept (a pair seen twice must be seen twice on both sides).
func levels(kv ...any) map[string][]string {
	m := map[string][]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		l, _ := kv[i+1].([]string)
		l = slices.Clone(l)
		sort.Strings(l)
		m[kv[i].(string)] = l
	}
	return m
}

// diff says how two normalised answers differ, or "" when they are equal.
func diff(a, b map[string][]string) string {
	var keys []string
	for k := range a {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		x, y := a[k], b[k]
		if slices.Equal(x, y) {
			continue
		}
		onlyA, onlyB := minus(x, y), minus(y, x)
		return fmt.Sprintf("%s: rightsgraph %d, peer %d; only rightsgraph %s; only peer %s", k, len(x), len(y), clip(onlyA), clip(onlyB))
	}
	return ""
}

func minus(a, b []string) []string {
	count := map[string]int{}
	for _, s := range b {
		count[s]++
	}
	var out []string
	for _, s := range a {
		if count[s] > 0 {
			count[s]--
			continue
		}
		out = append(out, s)
	}
	return out
}

func clip(l []string) string {
	if len(l) > 4 {
		return fmt.Sprintf("%v and %d more", l[:4], len(l)-4)
	}
	return fmt.Sprint(l)
}

// compare sends the first n parameter sets to both servers and returns why
// their answers differ ("" when every pair is equal).
func compare(ctx context.Context, client *http.Client, servers [2]target, s scenario, n int) (string, error) {
	bad, first := 0, ""
	empty := 0
	for i := 0; i < n; i++ {
		var got [2]map[string][]string
		for k, t := range servers {
			data, err := t.post(ctx, client, s.req[k](i), true)
			if err != nil {
				return "", fmt.Errorf("%s %s, parameter set %d: %w", s.name, t.name, i, err)
			}
			got[k] = s.ids[k](data)
		}
		total := 0
		for _, l := range got[0] {
			total += len(l)
		}
		if total == 0 {
			empty++
		}
		if d := diff(got[0], got[1]); d != "" {
			bad++
			if first == "" {
				b, _ := json.Marshal(s.req[0](i).Variables)
				first = fmt.Sprintf("parameters %s: %s", b, d)
			}
		}
	}
	if bad > 0 {
		return fmt.Sprintf("%d of %d parameter sets differ; first: %s", bad, n, first), nil
	}
	if empty == n {
		return "every answer is empty on both sides (nothing to compare)", nil
	}
	return "", nil
}

// ---- HTTP

type target struct{ name, url string }

// post sends one request; it fails on a non-200 status or a GraphQL error,
// and decodes data only when asked.
func (t target) post(ctx context.Context, client *http.Client, q gqlRequest, decode bool) (any, error) {
	body, err := json.Marshal(q)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	var res struct {
		Data   json.RawMessage `json:"data"`
		Errors []struct {
			Message string `json:"message"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(raw, &res); err != nil {
		return nil, fmt.Errorf("status %d: %w", resp.StatusCode, err)
	}
	if resp.StatusCode != http.StatusOK || len(res.Errors) > 0 {
		msg := ""
		if len(res.Errors) > 0 {
			msg = res.Errors[0].Message
		}
		return nil, fmt.Errorf("status %d: %s", resp.StatusCode, msg)
	}
	if !decode {
		return nil, nil
	}
	var data any
	err = json.Unmarshal(res.Data, &data)
	return data, err
}

// ---- timing

type result struct {
	scenario, title string
	clients         int
	stats           [2]stats
}

type stats struct {
	n        int
	elapsed  time.Duration
	p50, p99 time.Duration
}

func (s stats) rps() float64 { return float64(s.n) / s.elapsed.Seconds() }

// measure times one scenario at conc clients: warm-up on both, then
// c.rounds turns each, in the order A B B A A B ...
func measure(ctx context.Context, client *http.Client, servers [2]target, s scenario, conc int, c config) (result, error) {
	for k, t := range servers {
		for i := 0; i < c.warmup; i++ {
			if _, err := t.post(ctx, client, s.req[k](i), false); err != nil {
				return result{}, fmt.Errorf("%s %s: warm-up: %w", s.name, t.name, err)
			}
		}
	}
	var lat [2][]time.Duration
	var elapsed [2]time.Duration
	var next [2]int
	per, d := max(1, c.requests/c.rounds), c.duration/time.Duration(c.rounds)
	for round := 0; round < c.rounds; round++ {
		order := []int{0, 1}
		if round%2 == 1 {
			order = []int{1, 0}
		}
		for _, k := range order {
			t := servers[k]
			f := func(ctx context.Context, i int) error {
				_, err := t.post(ctx, client, s.req[k](i), false)
				return err
			}
			l, used, took, err := runRound(ctx, f, c.warmup+next[k], per, d, conc)
			if err != nil {
				return result{}, fmt.Errorf("%s %s at %d clients: %w", s.name, t.name, conc, err)
			}
			lat[k] = append(lat[k], l...)
			next[k] += used
			elapsed[k] += took
		}
	}
	r := result{scenario: s.name, title: s.title, clients: conc}
	for k := range servers {
		all := lat[k]
		if len(all) == 0 {
			return result{}, fmt.Errorf("%s %s: no request finished", s.name, servers[k].name)
		}
		slices.Sort(all)
		pct := func(p float64) time.Duration { return all[min(len(all)-1, int(p*float64(len(all))))] }
		r.stats[k] = stats{n: len(all), elapsed: elapsed[k], p50: pct(0.50), p99: pct(0.99)}
	}
	return r, nil
}

// runRound calls f with indexes first, first+1, ... from conc goroutines
// until n calls have started or d has passed; calls in flight then finish.
// Any failed request fails the round.
func runRound(ctx context.Context, f func(context.Context, int) error, first, n int, d time.Duration, conc int) ([]time.Duration, int, time.Duration, error) {
	var next atomic.Int64
	var failed atomic.Int64
	var once sync.Once
	var firstErr error
	lat := make([][]time.Duration, conc)
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(d)
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
				if err := f(ctx, first+i); err != nil {
					failed.Add(1)
					once.Do(func() { firstErr = err })
					continue
				}
				lat[w] = append(lat[w], time.Since(t0))
			}
		}(w)
	}
	wg.Wait()
	took := time.Since(start)
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	if err := ctx.Err(); err != nil {
		return nil, 0, 0, err
	}
	if failed.Load() > 0 {
		return nil, 0, 0, fmt.Errorf("%d of %d requests failed, first: %v", failed.Load(), int(failed.Load())+len(all), firstErr)
	}
	return all, min(int(next.Load()), n), took, nil
}

func report(out io.Writer, rs []result, c config) {
	fmt.Fprintf(out, "%d alternating rounds per server (ABBA), at most %v or %d requests per scenario, client count and server, %d warm-up requests\n\n",
		c.rounds, c.duration, c.requests, c.warmup)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "scenario\tclients\trightsgraph req/s\tp50\tp99\tpeer req/s\tp50\tp99\treq/s rg/peer\tp50 rg/peer\tp99 rg/peer\t")
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }
	for _, r := range rs {
		g, p := r.stats[0], r.stats[1]
		fmt.Fprintf(tw, "%s\t%d\t%.1f\t%s\t%s\t%.1f\t%s\t%s\t%.2f\t%.2f\t%.2f\t\n", r.scenario, r.clients,
			g.rps(), ms(g.p50), ms(g.p99), p.rps(), ms(p.p50), ms(p.p99),
			g.rps()/p.rps(), float64(g.p50)/float64(p.p50), float64(g.p99)/float64(p.p99))
	}
	tw.Flush()
	fmt.Fprintln(out, "\nreq/s rg/peer above 1 and latency rg/peer below 1 favour rightsgraph.")
}

// vmHWM is a process's peak resident set size from /proc.
func vmHWM(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "unknown (" + err.Error() + ")"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(v)
			if kb, err := strconv.Atoi(f[0]); err == nil {
				return fmt.Sprintf("%d MB", kb/1024)
			}
		}
	}
	return "unknown"
}

// ---- the peer process

type peerProc struct {
	cmd  *exec.Cmd
	url  string
	done chan struct{}
}

// startPeer installs the peer's packages when node_modules is missing
// (npm ci, from the committed package-lock.json), starts node server.mjs on
// a free loopback port and waits for its ready line.
func startPeer(ctx context.Context, c config, cfg neo4jdb.Config, out io.Writer) (*peerProc, error) {
	if _, err := os.Stat(filepath.Join(c.dir, "server.mjs")); err != nil {
		return nil, fmt.Errorf("the peer: %w (run from the repository root or pass -dir)", err)
	}
	if _, err := os.Stat(filepath.Join(c.dir, "node_modules", "@neo4j", "graphql")); err != nil {
		fmt.Fprintf(out, "peer: npm ci in %s\n", c.dir)
		npm := exec.CommandContext(ctx, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
		npm.Dir, npm.Stdout, npm.Stderr = c.dir, os.Stderr, os.Stderr
		if err := npm.Run(); err != nil {
			return nil, fmt.Errorf("npm ci in %s: %w", c.dir, err)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	cmd := exec.Command(c.node, "server.mjs")
	cmd.Dir = c.dir
	cmd.Env = append(os.Environ(), "PORT="+strconv.Itoa(port), "NEO4J_URI="+cfg.URI, "NEO4J_USER="+cfg.User,
		"NEO4J_PASSWORD="+cfg.Password, "NEO4J_DATABASE="+cfg.Database, "NODE_ENV=production")
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting the peer (%s server.mjs): %w", c.node, err)
	}
	p := &peerProc{cmd: cmd, done: make(chan struct{})}
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "peer: ready "); ok {
				select {
				case ready <- u:
				default:
				}
			}
		}
		cmd.Wait()
		close(p.done)
	}()
	select {
	case u := <-ready:
		p.url = u
		return p, nil
	case <-p.done:
		return nil, errors.New("the peer exited before it was ready")
	case <-time.After(90 * time.Second):
	case <-ctx.Done():
	}
	p.stop()
	return nil, errors.New("the peer was not ready in time")
}

// stop ends the peer: SIGTERM, then SIGKILL after 5 s.
func (p *peerProc) stop() {
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(5 * time.Second):
		p.cmd.Process.Kill()
		<-p.done
	}
}
