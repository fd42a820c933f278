package server

import (
	"container/list"
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
)

// This file holds the checks that run before any expensive work on a
// GraphQL document: before validation (whose rules walk fragments),
// complexity (which expands them) and execution. A document is parsed once
// with a token limit, then measured with every fragment expanded, each
// fragment measured once (memoised), so a fan-out of fragments that would
// expand to billions of fields is refused in the time it takes to parse it.

// limitError is a GraphQL error with code LIMIT.
func limitError(format string, args ...any) *gqlerror.Error {
	err := gqlerror.Errorf(format, args...)
	err.Extensions = map[string]any{"code": "LIMIT"}
	return err
}

// documentLimits is the handler extension that measures a document before
// gqlgen validates it. Documents already in the query cache passed it
// before (the limits do not depend on variables) and are not measured again.
type documentLimits struct {
	maxTokens, maxAliases, maxRootFields, maxFields, maxDepth int
	cache                                                     *byteCache
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = documentLimits{}

func (documentLimits) ExtensionName() string                          { return "DocumentLimits" }
func (documentLimits) Validate(schema graphql.ExecutableSchema) error { return nil }

func (l documentLimits) MutateOperationParameters(ctx context.Context, params *graphql.RawParams) *gqlerror.Error {
	if l.cache != nil && l.cache.Has(params.Query) {
		return nil
	}
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: params.Query}, l.maxTokens)
	if err != nil {
		if strings.Contains(err.Error(), "exceeded token limit") {
			return limitError("query token limit exceeded: the query has more than %d tokens, the maximum is %d tokens", l.maxTokens, l.maxTokens)
		}
		return nil // a syntax error: gqlgen reports it
	}
	return l.measure(doc, params.OperationName)
}

// measure checks doc against the limits: every operation (validation
// walks them all, whichever is executed) and every fragment, each
// fragment measured once. It returns nil for a document gqlgen will refuse
// itself (no operations, a fragment cycle).
func (l documentLimits) measure(doc *ast.QueryDocument, operationName string) *gqlerror.Error {
	if len(doc.Operations) == 0 {
		return nil
	}
	aliases := 0
	for _, op := range doc.Operations {
		countAliases(op.SelectionSet, &aliases)
	}
	for _, f := range doc.Fragments {
		countAliases(f.SelectionSet, &aliases)
	}
	if aliases > l.maxAliases {
		return limitError("alias limit exceeded: the query has %d aliases, the maximum is %d aliases", aliases, l.maxAliases)
	}
	m := &measurer{doc: doc, cap: l.maxFields + 1, memo: map[string]size{}, busy: map[string]bool{}}
	var sizes []size
	for _, f := range doc.Fragments {
		sizes = append(sizes, m.fragment(f.Name))
	}
	for _, op := range doc.Operations {
		sizes = append(sizes, m.set(op.SelectionSet))
	}
	if m.cycle {
		return nil // validation reports fragment cycles
	}
	for _, s := range sizes {
		if s.fields > l.maxFields {
			return limitError("field limit exceeded: with its fragments expanded the query selects more than %d fields, the maximum is %d fields", l.maxFields, l.maxFields)
		}
	}
	for _, s := range sizes {
		if s.depth > l.maxDepth {
			return limitError("query depth limit exceeded: the query is nested %d levels deep, the maximum depth is %d", s.depth, l.maxDepth)
		}
	}
	// Bounded by the expanded sizes just checked.
	for _, op := range doc.Operations {
		if roots := m.rootFields(op.SelectionSet); roots > l.maxRootFields {
			return limitError("root field limit exceeded: the query asks for %d root fields, the maximum is %d root fields", roots, l.maxRootFields)
		}
	}
	return nil
}

func countAliases(set ast.SelectionSet, n *int) {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if s.Alias != "" && s.Alias != s.Name {
				*n++
			}
			countAliases(s.SelectionSet, n)
		case *ast.InlineFragment:
			countAliases(s.SelectionSet, n)
		}
	}
}

// size is a selection set's measure with fragments expanded: how many
// fields it selects (saturating at the measurer's cap) and how deep it
// nests (introspection fields do not count toward depth: the Playground's
// schema query is deep by nature).
type size struct{ fields, depth int }

type measurer struct {
	doc   *ast.QueryDocument
	cap   int
	memo  map[string]size
	busy  map[string]bool
	cycle bool
}

func (m *measurer) add(a, b int) int {
	if a+b > m.cap {
		return m.cap
	}
	return a + b
}

func (m *measurer) fragment(name string) size {
	if s, ok := m.memo[name]; ok {
		return s
	}
	f := m.doc.Fragments.ForName(name)
	if f == nil || m.busy[name] {
		m.cycle = m.cycle || f != nil
		return size{}
	}
	m.busy[name] = true
	s := m.set(f.SelectionSet)
	delete(m.busy, name)
	m.memo[name] = s
	return s
}

func (m *measurer) set(set ast.SelectionSet) size {
	var out size
	for _, sel := range set {
		var s size
		switch x := sel.(type) {
		case *ast.Field:
			sub := m.set(x.SelectionSet)
			s.fields = m.add(1, sub.fields)
			if !strings.HasPrefix(x.Name, "__") {
				s.depth = 1 + sub.depth
			}
		case *ast.InlineFragment:
			s = m.set(x.SelectionSet)
		case *ast.FragmentSpread:
			s = m.fragment(x.Name)
		}
		out.fields = m.add(out.fields, s.fields)
		out.depth = max(out.depth, s.depth)
	}
	return out
}

// rootFields counts the fields at the top of an operation, through fragments.
func (m *measurer) rootFields(set ast.SelectionSet) int {
	n := 0
	for _, sel := range set {
		switch x := sel.(type) {
		case *ast.Field:
			if x.Name != "__typename" {
				n++
			}
		case *ast.InlineFragment:
			n += m.rootFields(x.SelectionSet)
		case *ast.FragmentSpread:
			if f := m.doc.Fragments.ForName(x.Name); f != nil && !m.busy[x.Name] {
				m.busy[x.Name] = true
				n += m.rootFields(f.SelectionSet)
				delete(m.busy, x.Name)
			}
		}
		if n > m.cap {
			return n
		}
	}
	return n
}

// byteCache is the parsed-query cache, bounded by an estimate of the bytes
// its documents hold rather than by their number: a parsed and validated
// document takes about 30 times its source text (measured with gqlparser on
// a 170 KB query), so entryCost charges 32 bytes per query byte. Documents
// larger than an eighth of the budget are not cached at all.
type byteCache struct {
	mu     sync.Mutex
	budget int64
	used   int64
	order  *list.List // front = most recently used
	items  map[string]*list.Element
}

type cacheEntry struct {
	key  string
	doc  *ast.QueryDocument
	cost int64
}

func newByteCache(budget int64) *byteCache {
	return &byteCache{budget: budget, order: list.New(), items: map[string]*list.Element{}}
}

func entryCost(query string) int64 { return 32*int64(len(query)) + 1024 }

// Get implements graphql.Cache.
func (c *byteCache) Get(_ context.Context, key string) (*ast.QueryDocument, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*cacheEntry).doc, true
}

// Has reports whether key is cached, without touching the order.
func (c *byteCache) Has(key string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.items[key]
	return ok
}

// Add implements graphql.Cache.
func (c *byteCache) Add(_ context.Context, key string, doc *ast.QueryDocument) {
	cost := entryCost(key)
	if cost > c.budget/8 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[key]; ok {
		return
	}
	c.items[key] = c.order.PushFront(&cacheEntry{key: key, doc: doc, cost: cost})
	c.used += cost
	for c.used > c.budget {
		last := c.order.Back()
		ent := last.Value.(*cacheEntry)
		c.order.Remove(last)
		delete(c.items, ent.key)
		c.used -= ent.cost
	}
}

// Used returns the estimated bytes held and the number of documents.
func (c *byteCache) Used() (bytes int64, docs int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.used, len(c.items)
}

func (c *byteCache) String() string {
	b, n := c.Used()
	return fmt.Sprintf("%d documents, ~%d bytes of %d", n, b, c.budget)
}

// QueryCacheStats returns the parsed-query cache's estimated bytes and its
// number of documents.
func (s *Server) QueryCacheStats() (bytes int64, docs int) { return s.queryCache.Used() }
