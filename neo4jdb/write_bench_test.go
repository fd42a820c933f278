package neo4jdb_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

// BenchmarkWriteExtraction measures one document's write transaction
// (4 entities, an event, an obligation, 12 relationships) on a graph that
// grows as the benchmark runs; shared nodes (the state, the court, the
// instrument) see their evidence lists grow too.
func BenchmarkWriteExtraction(b *testing.B) {
	db := neo4jtest.Open(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ext := fixture(fmt.Sprintf("bench-%d", i), fmt.Sprintf("bench-%d.txt", i), fmt.Sprintf("Person %d", i%500))
		if _, err := db.WriteExtraction(ctx, ext, neo4jdb.WriteOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

// The bare UNWIND baseline is bench/load's (make bench-load): neo4jdb has no
// write path the loader does not use.
