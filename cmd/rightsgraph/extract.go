package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"time"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/loader"
)

// runExtract prints one JSON line (rightsgraph.Extraction, without the
// document's text) per document read from the arguments. It touches no
// database. Sources that fail are reported on stderr, the others are still
// printed, and the exit status is non-zero.
func runExtract(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	maxSize := fs.Int64("max-size", loader.DefaultMaxSize, "largest source to read, in bytes")
	timeout := fs.Duration("timeout", 30*time.Second, "timeout for fetching one URL")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: rightsgraph extract [flags] PATH|URL|- ...\n\n"+
			"Prints the extraction of each document as one JSON line (the eval format; the\n"+
			"document's text is left out). Directories are read recursively. Touches no database.\n\nflags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("extract: no sources given")
	}
	x, err := loader.NewExtractor()
	if err != nil {
		return err
	}
	f := &loader.Fetcher{MaxSize: *maxSize, Timeout: *timeout, Stdin: stdin}
	ins, skipped, fails := loader.Expand(fs.Args())
	if skipped.Hidden+skipped.Unknown > 0 {
		fmt.Fprintf(stderr, "extract: skipped %d hidden and %d unknown-format files in directories\n", skipped.Hidden, skipped.Unknown)
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, in := range ins {
		if err := ctx.Err(); err != nil {
			return err
		}
		docs, err := f.Read(ctx, in)
		if err != nil {
			// A JSON Lines source can fail on some lines and still give documents.
			fails = append(fails, loader.Failures(in.Source, err)...)
		}
		for _, d := range docs {
			for _, warn := range d.Warnings {
				fmt.Fprintf(stderr, "%s: warning: %s\n", in.Source, warn)
			}
			ext, err := loader.Extract(x, d)
			if err != nil {
				fails = append(fails, loader.Failure{Source: in.Source, Err: err})
				continue
			}
			out := *ext
			out.Document.Text = ""
			normalize(&out)
			if err := enc.Encode(&out); err != nil {
				return fmt.Errorf("extract: write output: %w", err)
			}
		}
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("extract: write output: %w", err)
	}
	for _, fl := range fails {
		fmt.Fprintln(stderr, fl.String())
	}
	if len(fails) > 0 {
		fmt.Fprintf(stderr, "extract: %d source(s) failed\n", len(fails))
		return errReported
	}
	return nil
}

// normalize prints empty lists as [] rather than null, so consumers of the
// JSON Lines can iterate without checks.
func normalize(e *rightsgraph.Extraction) {
	if e.Entities == nil {
		e.Entities = []rightsgraph.Entity{}
	}
	if e.Relations == nil {
		e.Relations = []rightsgraph.Relation{}
	}
	if e.Events == nil {
		e.Events = []rightsgraph.Event{}
	}
	if e.Obligations == nil {
		e.Obligations = []rightsgraph.Obligation{}
	}
}
