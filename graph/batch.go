package graph

import (
	"context"
	"errors"
	"sync"
	"time"
)

// batcher is a per-request dataloader that sends a batch when no new key
// has arrived for idle (or when max has passed since its first key, or it
// holds capacity keys). gqlgen starts the resolvers of a list's elements in
// goroutines one after another, so their keys arrive microseconds apart
// however long the list is; waiting for a quiet moment instead of a fixed
// time (dataloadgen waits 16 ms per nesting level) keeps one statement per
// level while a single lookup waits only idle. Results are cached for the
// request, as a dataloader's are.
type batcher[K comparable, V any] struct {
	fetch    func(ctx context.Context, keys []K) ([]V, []error)
	idle     time.Duration
	max      time.Duration
	capacity int

	mu    sync.Mutex
	cur   *pending[K, V]
	cache map[K]*result[V]
}

// errorSlice is LoadAll's error: one entry per key, nil for those that loaded.
type errorSlice []error

func (e errorSlice) Error() string {
	for _, err := range e {
		if err != nil {
			return err.Error()
		}
	}
	return "no error"
}

type result[V any] struct {
	done chan struct{}
	val  V
	err  error
}

type pending[K comparable, V any] struct {
	keys    []K
	results []*result[V]
	first   time.Time
	last    time.Time
	timer   *time.Timer
	sent    bool
}

const (
	batchIdle     = time.Millisecond
	batchMax      = 16 * time.Millisecond
	batchCapacity = 1000
)

func newBatcher[K comparable, V any](fetch func(ctx context.Context, keys []K) ([]V, []error)) *batcher[K, V] {
	return &batcher[K, V]{fetch: fetch, idle: batchIdle, max: batchMax, capacity: batchCapacity, cache: map[K]*result[V]{}}
}

// errNotFound is the error of a key a mapped fetch did not return.
var errNotFound = errors.New("not found")

// newMappedBatcher adapts a fetch that returns a map; a key missing from it
// gets errNotFound.
func newMappedBatcher[K comparable, V any](fetch func(ctx context.Context, keys []K) (map[K]V, error)) *batcher[K, V] {
	return newBatcher(fromMap(fetch, errNotFound))
}

// newListBatcher adapts a fetch of lists by key: a key it leaves out has
// an empty list, not an error.
func newListBatcher[K comparable, V any](fetch func(ctx context.Context, keys []K) (map[K][]V, error)) *batcher[K, []V] {
	return newBatcher(fromMap(fetch, nil))
}

// fromMap turns a fetch returning a map into a batch fetch; a key missing
// from the map gets missing as its error (nil: V's zero value, no error).
func fromMap[K comparable, V any](fetch func(ctx context.Context, keys []K) (map[K]V, error), missing error) func(ctx context.Context, keys []K) ([]V, []error) {
	return func(ctx context.Context, keys []K) ([]V, []error) {
		m, err := fetch(ctx, keys)
		vals := make([]V, len(keys))
		errs := make([]error, len(keys))
		for i, k := range keys {
			v, ok := m[k]
			vals[i], errs[i] = v, err
			if err == nil && !ok {
				errs[i] = missing
			}
		}
		return vals, errs
	}
}

// enqueue returns the result slot of key, adding it to the open batch.
func (b *batcher[K, V]) enqueue(ctx context.Context, key K) *result[V] {
	b.mu.Lock()
	defer b.mu.Unlock()
	if r, ok := b.cache[key]; ok {
		return r
	}
	r := &result[V]{done: make(chan struct{})}
	b.cache[key] = r
	now := time.Now()
	p := b.cur
	if p == nil {
		p = &pending[K, V]{first: now}
		b.cur = p
		// The context of the first key: every key of a batch belongs to
		// the same request.
		p.timer = time.AfterFunc(b.idle, func() { b.tick(ctx, p) })
	}
	p.keys = append(p.keys, key)
	p.results = append(p.results, r)
	p.last = now
	if len(p.keys) >= b.capacity {
		b.cur = nil
		p.timer.Stop()
		go b.send(ctx, p)
	}
	return r
}

// tick sends p when it has been quiet for idle or open for max, else waits on.
func (b *batcher[K, V]) tick(ctx context.Context, p *pending[K, V]) {
	b.mu.Lock()
	if b.cur != p { // sent at capacity
		b.mu.Unlock()
		return
	}
	now := time.Now()
	if quiet := now.Sub(p.last); quiet < b.idle && now.Sub(p.first) < b.max {
		p.timer.Reset(b.idle - quiet)
		b.mu.Unlock()
		return
	}
	b.cur = nil
	b.mu.Unlock()
	b.send(ctx, p)
}

func (b *batcher[K, V]) send(ctx context.Context, p *pending[K, V]) {
	vals, errs := b.fetch(ctx, p.keys)
	for i, r := range p.results {
		if i < len(vals) {
			r.val = vals[i]
		}
		if i < len(errs) {
			r.err = errs[i]
		}
		close(r.done)
	}
}

// Load returns the value of key, batched with the other keys asked for meanwhile.
func (b *batcher[K, V]) Load(ctx context.Context, key K) (V, error) {
	r := b.enqueue(ctx, key)
	select {
	case <-r.done:
		return r.val, r.err
	case <-ctx.Done():
		var zero V
		return zero, ctx.Err()
	}
}

// LoadAll returns the values of keys, in order, and, when any failed, a
// errorSlice with one error per key.
func (b *batcher[K, V]) LoadAll(ctx context.Context, keys []K) ([]V, error) {
	rs := make([]*result[V], len(keys))
	for i, k := range keys {
		rs[i] = b.enqueue(ctx, k)
	}
	vals := make([]V, len(keys))
	errs := make(errorSlice, len(keys))
	failed := false
	for i, r := range rs {
		select {
		case <-r.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		vals[i], errs[i] = r.val, r.err
		failed = failed || r.err != nil
	}
	if failed {
		return vals, errs
	}
	return vals, nil
}
