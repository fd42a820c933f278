package rightsgraph

import (
	"context"
	"sync"
)

// DocumentCounter collects the distinct documents whose content (evidence,
// text, metadata) one request returned, for the audit log. It is safe for
// concurrent use: resolvers run in parallel.
type DocumentCounter struct {
	mu  sync.Mutex
	ids map[string]struct{}
}

type documentCounterKey struct{}

// WithDocumentCounter returns ctx carrying a new counter, and the counter.
func WithDocumentCounter(ctx context.Context) (context.Context, *DocumentCounter) {
	c := &DocumentCounter{ids: map[string]struct{}{}}
	return context.WithValue(ctx, documentCounterKey{}, c), c
}

// CountDocuments records that the request of ctx returned content of the
// documents ids; a context without a counter ignores it. The store and the
// API layers call it wherever a document's evidence leaves the server.
func CountDocuments(ctx context.Context, ids ...string) {
	c, _ := ctx.Value(documentCounterKey{}).(*DocumentCounter)
	if c == nil || len(ids) == 0 {
		return
	}
	c.mu.Lock()
	for _, id := range ids {
		if id != "" {
			c.ids[id] = struct{}{}
		}
	}
	c.mu.Unlock()
}

// Len returns the number of distinct documents counted.
func (c *DocumentCounter) Len() int {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.ids)
}
