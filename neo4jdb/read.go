package neo4jdb

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// This file holds the API's read path: how a read statement is sent (with the
// request's deadline as the transaction timeout, observed by query hooks),
// the registry of every read statement for the EXPLAIN test, and the record
// types (Node, Rel, Evidence, Hop) that the GraphQL layer maps.

// Node is an entity or document as read from Neo4j.
type Node struct {
	ID     string
	Labels []string
	Props  map[string]any
	// RedirectedFrom is set when the node was read by the id of an entity
	// merged into it (that id).
	RedirectedFrom string
}

// Has reports whether the node carries label.
func (n *Node) Has(label string) bool {
	for _, l := range n.Labels {
		if l == label {
			return true
		}
	}
	return false
}

// Str returns a string property, or "" when absent or not a string.
func (n *Node) Str(key string) string { s, _ := n.Props[key].(string); return s }

// StrPtr returns a string property, or nil when absent or empty.
func (n *Node) StrPtr(key string) *string { return strPtr(n.Props[key]) }

// Strs returns a list-of-strings property.
func (n *Node) Strs(key string) []string { return strs(n.Props[key]) }

// IntPtr returns an integer property, or nil when absent.
func (n *Node) IntPtr(key string) *int {
	if v, ok := n.Props[key].(int64); ok {
		i := int(v)
		return &i
	}
	return nil
}

// BoolPtr returns a boolean property, or nil when absent.
func (n *Node) BoolPtr(key string) *bool {
	if v, ok := n.Props[key].(bool); ok {
		return &v
	}
	return nil
}

// Rel is a relationship's type and properties.
type Rel struct {
	Type  string
	Props map[string]any
}

// Str returns a string property, or nil when absent or empty.
func (r *Rel) Str(key string) *string { return strPtr(r.Props[key]) }

// Confidence is the relationship's confidence (0 when absent).
func (r *Rel) Confidence() float64 {
	switch v := r.Props["confidence"].(type) {
	case float64:
		return v
	case int64:
		return float64(v)
	}
	return 0
}

// Evidence is one span of a document supporting a fact or naming an entity.
type Evidence struct {
	DocID string
	Start int
	End   int
	Quote string
}

// Evidence unzips the parallel docIds/starts/ends/quotes lists.
func (r *Rel) Evidence() []Evidence {
	docs := strs(r.Props["docIds"])
	return zipEvidence(docs, ints(r.Props["starts"]), ints(r.Props["ends"]), strs(r.Props["quotes"]))
}

// Mentions unzips a MENTIONED_IN relationship's spans; docID is the document
// it points to (mentions carry no docIds list).
func (r *Rel) Mentions(docID string) []Evidence {
	starts := ints(r.Props["starts"])
	docs := make([]string, len(starts))
	for i := range docs {
		docs[i] = docID
	}
	return zipEvidence(docs, starts, ints(r.Props["ends"]), strs(r.Props["quotes"]))
}

func zipEvidence(docs []string, starts, ends []int, quotes []string) []Evidence {
	n := len(docs)
	if len(starts) < n {
		n = len(starts)
	}
	out := make([]Evidence, 0, n)
	for i := 0; i < n; i++ {
		e := Evidence{DocID: docs[i], Start: starts[i]}
		if i < len(ends) {
			e.End = ends[i]
		}
		if i < len(quotes) {
			e.Quote = quotes[i]
		}
		out = append(out, e)
	}
	return out
}

// Hop is one relationship from a batched parent (From) to a neighbour.
type Hop struct {
	From string
	Rel  *Rel
	Node *Node
}

func strPtr(v any) *string {
	if s, ok := v.(string); ok && s != "" {
		return &s
	}
	return nil
}

func strs(v any) []string {
	switch l := v.(type) {
	case []string:
		return l
	case []any:
		out := make([]string, 0, len(l))
		for _, x := range l {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func ints(v any) []int {
	l, _ := v.([]any)
	out := make([]int, 0, len(l))
	for _, x := range l {
		if i, ok := x.(int64); ok {
			out = append(out, int(i))
		}
	}
	return out
}

// toNode converts a driver node or a map projection (documents are read as
// maps, without their text) to a Node.
func toNode(v any) *Node {
	switch n := v.(type) {
	case neo4j.Node:
		id, _ := n.Props["id"].(string)
		return &Node{ID: id, Labels: n.Labels, Props: n.Props}
	case map[string]any:
		id, _ := n["id"].(string)
		labels := strs(n["labels"])
		delete(n, "labels")
		return &Node{ID: id, Labels: labels, Props: n}
	}
	return nil
}

func toRel(v any) *Rel {
	if r, ok := v.(neo4j.Relationship); ok {
		return &Rel{Type: r.Type, Props: r.Props}
	}
	return nil
}

// ---- Query hooks

type hookKey struct{}

// QueryHook observes every read statement the API sends: its registry name
// and Cypher. Tests use it to count statements per request.
type QueryHook func(name, cypher string)

// WithQueryHook returns a context whose reads call h before they are sent.
func WithQueryHook(ctx context.Context, h QueryHook) context.Context {
	return context.WithValue(ctx, hookKey{}, h)
}

// ---- Registry of read statements

// ReadQuery is one read statement the API can send, with example parameters
// that make it valid to EXPLAIN.
type ReadQuery struct {
	Name   string
	Cypher string
	Params map[string]any
	// ScanOK explains why a label scan is the right plan (an unfiltered
	// list, a filter on an unindexed property); empty means the plan must
	// use an index.
	ScanOK string
}

var (
	registryMu sync.Mutex
	registry   = map[string]ReadQuery{}
)

// register adds a read statement to the registry (at init) and returns its
// Cypher, so queries are declared as `var x = register(...)`.
func register(q ReadQuery) string {
	registryMu.Lock()
	defer registryMu.Unlock()
	if _, dup := registry[q.Name]; dup {
		panic("neo4jdb: duplicate read query " + q.Name)
	}
	registry[q.Name] = q
	return q.Cypher
}

// ReadQueries returns every registered read statement, plus the generated
// shapes of the list, search and relationship queries (each combination the
// API can build from its whitelists), sorted by name.
func ReadQueries() []ReadQuery {
	registryMu.Lock()
	out := make([]ReadQuery, 0, len(registry))
	for _, q := range registry {
		out = append(out, q)
	}
	registryMu.Unlock()
	out = append(out, generatedQueries()...)
	for i, q := range out {
		if _, ok := q.Params["acl"]; !ok {
			p := withACL(q.Params, aclParam(rightsgraph.AnonymousPrincipal(), false))
			out[i].Params = p
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// ---- Sending reads

var errQueryTimeout = rightsgraph.Errorf(rightsgraph.ELIMIT, "query timed out")

// maxTxTimeout bounds a read when the context has no deadline.
const maxTxTimeout = 60 * time.Second

// read runs one read statement in an auto-commit transaction whose timeout is
// the time left before ctx's deadline, so Neo4j itself stops a query the
// client no longer waits for. Reads are single idempotent statements, so they
// do not go through the driver's retry loop (up to 15 s while Neo4j is down);
// a connection found broken (Neo4j restarted under a pooled connection) is
// retried once, on a fresh one.
func (db *DB) read(ctx context.Context, name, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	if h, _ := ctx.Value(hookKey{}).(QueryHook); h != nil {
		h(name, cypher)
	}
	acl, err := db.aclFor(ctx)
	if err != nil {
		return nil, db.readErr(ctx, name, err)
	}
	params = withACL(params, acl)
	var recs []*neo4j.Record
	for attempt := 0; attempt < 2; attempt++ {
		recs, err = db.readOnce(ctx, cypher, params)
		var connErr *neo4j.ConnectivityError
		if err == nil || ctx.Err() != nil || !errors.As(err, &connErr) {
			break
		}
	}
	if err != nil {
		return nil, db.readErr(ctx, name, err)
	}
	redact(recs, acl)
	return recs, nil
}

// readErr wraps a read's error: a cancelled request, its deadline, or what
// Neo4j said.
func (db *DB) readErr(ctx context.Context, name string, err error) error {
	if errors.Is(ctx.Err(), context.Canceled) {
		// The client went away: not Neo4j's fault, whatever the driver says.
		return fmt.Errorf("neo4j read %s: %w: %v", name, ErrCancelled, err)
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) {
		// The driver reports the client-side deadline as a connectivity
		// error; it is the request's time limit, not Neo4j being down.
		return fmt.Errorf("neo4j read %s: %w: %v", name, errQueryTimeout, err)
	}
	return fmt.Errorf("neo4j read %s: %w", name, Translate(err))
}

func (db *DB) readOnce(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	timeout := maxTxTimeout
	if dl, ok := ctx.Deadline(); ok {
		// Neo4j stops the transaction a little before the client gives up,
		// so the server's timeout error (not a dropped connection) ends it.
		left := time.Until(dl)
		if left < time.Millisecond {
			return nil, context.DeadlineExceeded
		}
		timeout = left - left/10
		if timeout < time.Millisecond {
			timeout = time.Millisecond
		}
	}
	sess := db.Session(ctx, neo4j.AccessModeRead)
	defer sess.Close(context.WithoutCancel(ctx))
	res, err := sess.Run(ctx, cypher, params, neo4j.WithTxTimeout(timeout))
	if err != nil {
		return nil, err
	}
	budget, _ := ctx.Value(rowBudgetKey{}).(*RowBudget)
	var recs []*neo4j.Record
	for res.Next(ctx) {
		if budget != nil && budget.left.Add(-1) < 0 {
			return nil, budget.err()
		}
		recs = append(recs, res.Record())
	}
	if err := res.Err(); err != nil {
		return nil, err
	}
	return recs, nil
}

// ---- Row budget

type rowBudgetKey struct{}

// RowBudget caps the rows one request may read from Neo4j, over all of its
// statements, so no request materialises an unbounded result.
type RowBudget struct {
	max  int64
	left atomic.Int64
}

func (b *RowBudget) err() error {
	return rightsgraph.Errorf(rightsgraph.ELIMIT, "row limit exceeded: the request read more than %d rows from the graph database, the maximum rows per request is %d; ask for smaller pages or fewer fields", b.max, b.max)
}

// WithRowBudget returns a context whose reads fail with a limit error once
// they have read more than max rows in total; max <= 0 means no budget.
func WithRowBudget(ctx context.Context, max int) context.Context {
	if max <= 0 {
		return ctx
	}
	b := &RowBudget{max: int64(max)}
	b.left.Store(int64(max))
	return context.WithValue(ctx, rowBudgetKey{}, b)
}
