package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/loader"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

// runLoad reads documents, extracts them and writes them to Neo4j, one
// transaction per document. Sources that fail are listed at the end and make
// the exit status non-zero; the others are loaded.
func runLoad(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := neo4jFlags(fs)
	force := fs.Bool("force", false, "rewrite documents that are already loaded (their evidence is replaced, not duplicated)")
	maxSize := fs.Int64("max-size", loader.DefaultMaxSize, "largest source to read, in bytes")
	timeout := fs.Duration("timeout", 30*time.Second, "timeout for fetching one URL")
	workers := fs.Int("workers", 2, "documents read and extracted in parallel")
	quiet := fs.Bool("quiet", false, "no progress output")
	allowPrivate := fs.Bool("allow-private-urls", false, "let URL sources reach loopback, private and link-local addresses (refused by default, after redirects too)")
	collection := fs.String("collection", "", "collection of the documents loaded (default "+rightsgraph.DefaultCollection+"); a folder's "+loader.SidecarName+" overrides it")
	sensitivity := fs.String("sensitivity", "", "public, restricted or confidential (default public); a folder's "+loader.SidecarName+" overrides it. Reference data is always public")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: rightsgraph load [flags] PATH|URL|- ...\n\n"+
			"Reads documents (.txt .md .html .pdf, extract-format .jsonl, reference .yaml),\n"+
			"extracts actors, events and obligations, and writes them to Neo4j, one\n"+
			"transaction per document. Directories are read recursively (hidden files and\n"+
			"unknown extensions are skipped); - reads standard input. Documents already\n"+
			"loaded are skipped; a changed file replaces its earlier version's evidence.\n\nflags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errors.New("load: no sources given")
	}
	if *workers < 1 {
		return errors.New("load: --workers must be at least 1")
	}
	if *maxSize < 1 {
		return errors.New("load: --max-size must be positive")
	}
	access := loader.Access{Collection: *collection, Sensitivity: *sensitivity}
	if err := access.Validate(); err != nil {
		return fmt.Errorf("load: %w", err)
	}

	db, err := neo4jdb.Open(*cfg)
	if err != nil {
		return err
	}
	defer db.Close(context.Background())
	pingCtx, cancel := context.WithTimeout(ctx, 15*time.Second)
	err = db.Ping(pingCtx)
	cancel()
	if err != nil {
		return fmt.Errorf("load: Neo4j at %s: %w", cfg.URI, err)
	}
	x, err := loader.NewExtractor()
	if err != nil {
		return err
	}
	var progress io.Writer = stderr
	if *quiet {
		progress = nil
	}
	l := &loader.Loader{
		DB: db, Extractor: x, Workers: *workers, Force: *force, Progress: progress, Access: access,
		Fetcher: loader.Fetcher{MaxSize: *maxSize, Timeout: *timeout, Stdin: stdin, AllowPrivate: *allowPrivate},
		// Failures and warnings are printed once, in the summary.
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	sum, err := l.Load(ctx, fs.Args())
	if sum != nil {
		sum.Print(stdout)
	}
	if err != nil {
		return err
	}
	if sum.Failed > 0 {
		return errReported
	}
	return nil
}
