// Command load benchmarks the loader against a real Neo4j:
//
//	go run ./bench/load -n 10000 [-seed 1] [-workers 2] [-batch 500] -reset
//
// It generates N documents (bench/gen), then, each time on an emptied
// database, measures:
//
//  1. the loader: read, extract and write each document in its own
//     transaction with evidence bookkeeping (loader.Loader), end to end;
//  2. the writer alone: neo4jdb.WriteExtraction over the same extractions,
//     computed beforehand;
//  3. the baseline: the same nodes and relationships written with bare
//     batched UNWIND ... MERGE queries (writeBare in bare.go), -batch documents
//     per transaction, no extraction and no evidence bookkeeping;
//
// and reports documents/s, nodes/s and the ratios of 1 and 2 to 3. The
// database comes from NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE.
// It deletes everything in that database, so it refuses to run without
// -reset on a database that is not empty.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"time"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/bench/gen"
	"github.com/rightsgraph/rightsgraph/internal/rawdriver"
	"github.com/rightsgraph/rightsgraph/kb"
	"github.com/rightsgraph/rightsgraph/loader"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bench/load:", err)
		os.Exit(1)
	}
}

func env(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

type phase struct {
	name  string
	dur   time.Duration
	nodes int
	rels  int
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	n := fs.Int("n", 1000, "documents to generate and load")
	seed := fs.Int64("seed", 1, "generator seed")
	workers := fs.Int("workers", 2, "loader extraction workers")
	batch := fs.Int("batch", 500, "documents per transaction in the bare baseline")
	reset := fs.Bool("reset", false, "allow deleting everything in a non-empty database")
	dir := fs.String("dir", "", "where to write the documents (default: a temporary directory, removed after)")
	if err := fs.Parse(args); err != nil {
		return err
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
	raw, err := rawdriver.Open(cfg) // the baseline, wipes and counts: Cypher the loader never sends
	if err != nil {
		return err
	}
	defer raw.Close(context.Background())
	if nodes, err := raw.Count(ctx, countCypher, nil); err != nil {
		return err
	} else if nodes > 0 && !*reset {
		return fmt.Errorf("the database at %s has %d nodes; -reset deletes them", cfg.URI, nodes)
	}

	k, err := kb.Default()
	if err != nil {
		return err
	}
	g, err := gen.New(k, *seed)
	if err != nil {
		return err
	}
	if *dir == "" {
		tmp, err := os.MkdirTemp("", "rightsgraph-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		*dir = tmp
	}
	t0 := time.Now()
	if _, err := g.Write(*dir, *n); err != nil {
		return err
	}
	fmt.Fprintf(out, "generated %d documents in %s (%s)\n", *n, time.Since(t0).Round(time.Millisecond), *dir)

	x, err := loader.NewExtractor()
	if err != nil {
		return err
	}
	var phases []phase
	l := &loader.Loader{DB: db, Extractor: x, Workers: *workers, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}

	// Warm-up, not measured: the server plans and caches every query, the
	// JVM compiles its hot paths.
	if err := raw.Wipe(ctx); err != nil {
		return err
	}
	warm, err := os.MkdirTemp("", "rightsgraph-bench-warm-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(warm)
	if _, err := g.Write(warm, min(*n, 100)); err != nil {
		return err
	}
	if _, err := l.Load(ctx, []string{warm}); err != nil {
		return err
	}
	warmExts, err := extractAll(ctx, warm, x)
	if err != nil {
		return err
	}
	if err := raw.Wipe(ctx); err != nil {
		return err
	}
	if _, err := writeBare(ctx, raw, warmExts); err != nil {
		return err
	}

	// 1. The loader, end to end.
	if err := raw.Wipe(ctx); err != nil {
		return err
	}
	t0 = time.Now()
	sum, err := l.Load(ctx, []string{*dir})
	if err != nil {
		return err
	}
	if sum.Failed > 0 {
		fmt.Fprintf(out, "loader: %d source(s) failed, first: %v\n", sum.Failed, sum.Failures[0])
	}
	phases = append(phases, phase{"loader (read+extract+write)", time.Since(t0), sum.Writes.NodesCreated, sum.Writes.RelationshipsCreated})
	graphNodes, _ := raw.Count(ctx, countCypher, nil)

	// The extractions, computed once outside any timing.
	t0 = time.Now()
	exts, err := extractAll(ctx, *dir, x)
	if err != nil {
		return err
	}
	if len(exts) < *n {
		fmt.Fprintf(out, "extraction failed for %d document(s); the writer and the baseline write the other %d\n", *n-len(exts), len(exts))
	}
	extractDur := time.Since(t0)

	// 2. The writer alone.
	if err := raw.Wipe(ctx); err != nil {
		return err
	}
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	var tot neo4jdb.WriteResult
	t0 = time.Now()
	for _, e := range exts {
		res, err := db.WriteExtraction(ctx, e, neo4jdb.WriteOptions{})
		if err != nil {
			return err
		}
		tot.Add(res)
	}
	phases = append(phases, phase{"writer only (1 tx/doc, evidence)", time.Since(t0), tot.NodesCreated, tot.RelationshipsCreated})

	// 3. The bare baseline.
	if err := raw.Wipe(ctx); err != nil {
		return err
	}
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	tot = neo4jdb.WriteResult{}
	t0 = time.Now()
	for i := 0; i < len(exts); i += *batch {
		j := min(i+*batch, len(exts))
		res, err := writeBare(ctx, raw, exts[i:j])
		if err != nil {
			return err
		}
		tot.Add(res)
	}
	phases = append(phases, phase{fmt.Sprintf("bare UNWIND (%d docs/tx)", *batch), time.Since(t0), tot.NodesCreated, tot.RelationshipsCreated})
	bareNodes, _ := raw.Count(ctx, countCypher, nil)

	fmt.Fprintf(out, "\n%d documents, %d CPUs, Neo4j %s; extraction alone took %s (%.0f docs/s)\n",
		*n, runtime.NumCPU(), cfg.URI, extractDur.Round(time.Millisecond), float64(*n)/extractDur.Seconds())
	fmt.Fprintf(out, "nodes in the graph: loader %d, bare %d\n\n", graphNodes, bareNodes)
	fmt.Fprintf(out, "%-36s %10s %10s %10s %10s %10s\n", "phase", "time", "docs/s", "nodes", "nodes/s", "rels")
	for _, p := range phases {
		s := p.dur.Seconds()
		fmt.Fprintf(out, "%-36s %10s %10.1f %10d %10.1f %10d\n", p.name, p.dur.Round(time.Millisecond), float64(*n)/s, p.nodes, float64(p.nodes)/s, p.rels)
	}
	base := phases[2].dur.Seconds()
	fmt.Fprintf(out, "\nratio loader / bare UNWIND: %.2f\nratio writer / bare UNWIND: %.2f\n",
		phases[0].dur.Seconds()/base, phases[1].dur.Seconds()/base)
	return nil
}

func extractAll(ctx context.Context, dir string, x loader.Extractor) ([]*rightsgraph.Extraction, error) {
	ins, _, fails := loader.Expand([]string{dir})
	if len(fails) > 0 {
		return nil, errors.New(fails[0].String())
	}
	f := &loader.Fetcher{}
	out := make([]*rightsgraph.Extraction, 0, len(ins))
	for _, in := range ins {
		docs, err := f.Read(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Base(in.Source), err)
		}
		for _, d := range docs {
			e, err := loader.Extract(x, d)
			if err != nil {
				// An extractor bug on one document must not stop the benchmark.
				fmt.Fprintf(os.Stderr, "%s: %v\n", in.Source, err)
				continue
			}
			out = append(out, e)
		}
	}
	return out, nil
}

const countCypher = `MATCH (n) RETURN count(n)`
