package graph

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Keys asked for by goroutines started together go in one batch; a lone
// key is sent after the idle time, not a fixed long wait; a repeated key is
// served from the request's cache; a full batch is sent at once.
func TestBatcher(t *testing.T) {
	ctx := context.Background()
	var calls atomic.Int32
	var sizes sync.Map
	b := newBatcher(func(_ context.Context, keys []int) ([]int, []error) {
		n := calls.Add(1)
		sizes.Store(n, len(keys))
		out := make([]int, len(keys))
		errs := make([]error, len(keys))
		for i, k := range keys {
			out[i] = k * 2
			if k < 0 {
				errs[i] = errors.New("negative")
			}
		}
		return out, errs
	})
	// Keys that arrive within the idle time of each other share a batch;
	// the test widens it further so that a loaded machine (the race detector, two
	// cores) starting 500 goroutines does not split them.
	b.idle = 20 * time.Millisecond
	var wg sync.WaitGroup
	for i := range 500 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if v, err := b.Load(ctx, i); err != nil || v != 2*i {
				t.Errorf("Load(%d) = %d, %v", i, v, err)
			}
		}()
	}
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Errorf("500 sibling loads took %d batches, want 1", n)
	}
	b.idle = batchIdle
	start := time.Now()
	if v, _ := b.Load(ctx, 1000); v != 2000 {
		t.Errorf("lone load = %d", v)
	}
	if d := time.Since(start); d > 10*time.Millisecond {
		t.Errorf("a lone key waited %v", d)
	}
	before := calls.Load()
	if v, _ := b.Load(ctx, 7); v != 14 || calls.Load() != before {
		t.Errorf("cached key refetched or wrong (%d)", v)
	}
	vals, err := b.LoadAll(ctx, []int{3, -1, 4})
	if err == nil || vals[0] != 6 || vals[2] != 8 {
		t.Errorf("LoadAll = %v, %v; want values and the one error", vals, err)
	}

	full := newBatcher(func(_ context.Context, keys []int) ([]int, []error) { return make([]int, len(keys)), nil })
	full.capacity, full.idle, full.max = 10, time.Hour, time.Hour
	done := make(chan struct{})
	go func() {
		_, _ = full.LoadAll(ctx, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Error("a full batch waited for its timer")
	}
}

// A mapped fetch that leaves a key out gives that key errNotFound, which
// isMissingOnly recognises in a LoadAll, while a fetch error stays an error.
func TestMappedBatcherNotFound(t *testing.T) {
	ctx := context.Background()
	b := newMappedBatcher(func(_ context.Context, keys []string) (map[string]int, error) {
		return map[string]int{"a": 1}, nil
	})
	if v, err := b.Load(ctx, "a"); err != nil || v != 1 {
		t.Fatalf("Load(a) = %d, %v", v, err)
	}
	if _, err := b.Load(ctx, "zz"); !notFound(err) {
		t.Fatalf("Load(missing) error = %v, want not found", err)
	}
	if _, err := b.LoadAll(ctx, []string{"a", "x", "y"}); err == nil || !isMissingOnly(err) {
		t.Fatalf("LoadAll error = %v, want only not-founds", err)
	}
	bad := newMappedBatcher(func(_ context.Context, keys []string) (map[string]int, error) {
		return nil, errors.New("db down")
	})
	if _, err := bad.LoadAll(ctx, []string{"a"}); err == nil || isMissingOnly(err) {
		t.Fatalf("fetch error reported as %v", err)
	}
}
