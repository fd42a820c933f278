// Command rightsgraph turns human-rights documents into a knowledge graph in
// Neo4j and serves it over GraphQL.
//
//	rightsgraph serve    serve GraphQL, Playground, health and export endpoints
//	rightsgraph load     read documents, extract, and write them to Neo4j
//	rightsgraph extract  print the extraction of documents as JSON Lines (no database)
//	rightsgraph keys     create, list and revoke API keys
//
// Benchmark documents are written by go run ./bench/gendocs, which is not
// part of this binary.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// command is one subcommand: run gets the arguments after the subcommand's name.
type command struct {
	name, summary string
	run           func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"serve", "serve GraphQL at /graphql with Playground at /", runServe},
		{"load", "load documents (files, directories, URLs, - for stdin) into Neo4j", runLoad},
		{"extract", "print the extraction of documents as JSON Lines; touches no database", runExtract},
		{"keys", "create, list and revoke API keys (create|list|revoke)", runKeys},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := realMain(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) && !errors.Is(err, errReported) {
			fmt.Fprintln(os.Stderr, "rightsgraph:", err)
		}
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		os.Exit(1)
	}
}

// errReported is returned by a command that already printed its failures
// (for example a load where some sources failed) and only needs a non-zero exit.
var errReported = errors.New("failures reported above")

func realMain(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		if len(args) == 0 {
			return errors.New("no command given")
		}
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdin, stdout, stderr)
		}
	}
	usage(stderr)
	return fmt.Errorf("unknown command %q", args[0])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: rightsgraph <command> [flags] [args]\n\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'rightsgraph <command> --help' for a command's flags.")
}
