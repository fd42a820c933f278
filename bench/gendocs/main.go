// Command gendocs writes N synthetic documents for the benchmarks:
//
//	go run ./bench/gendocs -n 1000 -out DIR [-seed 1]
//
// The documents are built from the knowledge base (states, institutions,
// instruments) and varied sentence templates (package bench/gen). It lives
// under bench/, not in the rightsgraph binary, so that the production
// binary links no benchmark code.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/rightsgraph/rightsgraph/bench/gen"
	"github.com/rightsgraph/rightsgraph/kb"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gendocs", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 1000, "number of documents")
	out := fs.String("out", "", "directory to write them to (created if needed)")
	seed := fs.Int64("seed", 1, "random seed: the same seed writes the same documents")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: go run ./bench/gendocs -n N -out DIR [-seed S]\n\n"+
			"Writes N synthetic .txt documents built from the knowledge base (states,\n"+
			"institutions, instruments) and varied sentence templates, for benchmarks.\n\nflags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" || *n < 1 || fs.NArg() > 0 {
		fs.Usage()
		return errors.New("-out DIR and a positive -n are required")
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
		return err
	}
	fmt.Fprintf(stdout, "wrote %d documents to %s\n", len(paths), *out)
	return nil
}
