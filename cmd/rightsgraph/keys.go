package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/auth"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

// runKeys manages API keys: create (prints the key once), list (no
// secrets), revoke (effective for the next request).
func runKeys(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	usage := func() {
		fmt.Fprintln(stderr, "usage:\n"+
			"  rightsgraph keys create --name NAME --role reader|curator|admin [--collections a,b] [--max-sensitivity public|restricted|confidential]\n"+
			"  rightsgraph keys list\n"+
			"  rightsgraph keys revoke ID\n\n"+
			"A key is printed once, at creation; Neo4j keeps only its sha256. A revoked key is refused from the next request on.\n"+
			"Run 'rightsgraph keys create --help' for the Neo4j connection flags.")
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage()
		if len(args) == 0 {
			return errors.New("keys: no subcommand given")
		}
		return nil
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("keys "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	ncfg := neo4jFlags(fs)
	var name, role, collections, sens *string
	switch sub {
	case "create":
		name = fs.String("name", "", "what the key is for (required)")
		role = fs.String("role", "reader", "reader, curator or admin")
		collections = fs.String("collections", rightsgraph.DefaultCollection, "comma-separated collections it reads; * for all")
		sens = fs.String("max-sensitivity", "public", "the most confidential level it reads: public, restricted or confidential")
	case "list", "revoke":
	default:
		usage()
		return fmt.Errorf("keys: unknown subcommand %q", sub)
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	want := 0
	if sub == "revoke" {
		want = 1
	}
	if fs.NArg() != want {
		usage()
		return fmt.Errorf("keys %s: want %d argument(s), got %q", sub, want, fs.Args())
	}
	var spec auth.KeySpec
	if sub == "create" {
		r, err := rightsgraph.ParseRole(*role)
		if err != nil {
			return fmt.Errorf("keys create: --role: %s", rightsgraph.ErrorMessage(err))
		}
		s, err := rightsgraph.ParseSensitivity(*sens)
		if err != nil {
			return fmt.Errorf("keys create: --max-sensitivity: %s", rightsgraph.ErrorMessage(err))
		}
		if strings.TrimSpace(*name) == "" {
			return errors.New("keys create: --name is required")
		}
		spec = auth.KeySpec{Name: *name, Role: r, Collections: auth.ParseCollections(*collections), MaxSensitivity: s}
	}

	db, err := neo4jdb.Open(*ncfg)
	if err != nil {
		return err
	}
	defer db.Close(context.Background())
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	store := &auth.KeyStore{DB: db}
	switch sub {
	case "create":
		nk, err := store.Create(ctx, spec)
		if err != nil {
			return fmt.Errorf("keys create: %w", err)
		}
		fmt.Fprintf(stderr, "created key %s (%s): role %s, collections %s, up to %s. It is shown once; store it now:\n",
			nk.Key.ID, nk.Key.Name, nk.Key.Role, strings.Join(nk.Key.Collections, ","), nk.Key.MaxSensitivity)
		fmt.Fprintln(stdout, nk.Secret)
	case "list":
		keys, err := store.List(ctx)
		if err != nil {
			return fmt.Errorf("keys list: %w", err)
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tROLE\tCOLLECTIONS\tMAX SENSITIVITY\tCREATED\tREVOKED")
		for _, k := range keys {
			revoked := "-"
			if k.Revoked != nil {
				revoked = k.Revoked.Format(time.RFC3339)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", k.ID, k.Name, k.Role, strings.Join(k.Collections, ","),
				k.MaxSensitivity, k.Created.Format(time.RFC3339), revoked)
		}
		return tw.Flush()
	case "revoke":
		k, err := store.Revoke(ctx, fs.Arg(0))
		if err != nil {
			return fmt.Errorf("keys revoke: %w", err)
		}
		fmt.Fprintf(stdout, "revoked %s (%s) at %s\n", k.ID, k.Name, k.Revoked.Format(time.RFC3339))
	}
	return nil
}
