package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/rightsgraph/rightsgraph/bench/gen"
	"github.com/rightsgraph/rightsgraph/kb"
)

// runGen writes N synthetic documents for benchmarks (see package bench/gen).
func runGen(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 1000, "number of documents")
	out := fs.String("out", "", "directory to write them to (created if needed)")
	seed := fs.Int64("seed", 1, "random seed: the same seed writes the same documents")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: rightsgraph gen -n N -out DIR [-seed S]\n\n"+
			"Writes N synthetic .txt documents built from the knowledge base (states,\n"+
			"institutions, instruments) and varied sentence templates, for benchmarks.\n\nflags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" || *n < 1 || fs.NArg() > 0 {
		fs.Usage()
		return errors.New("gen: -out DIR and a positive -n are required")
	}
	k, err := kb.Default()
	if err != nil {
		return err
	}
	g, err := gen.New(k, *seed)
	if err != nil {
		return err
	}
	paths, err := g.Write(*out, *n)
	if err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %d documents to %s\n", len(paths), *out)
	return nil
}
