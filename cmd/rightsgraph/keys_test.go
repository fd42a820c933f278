package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
)

func TestKeysCommand(t *testing.T) {
	neo4jtest.Open(t) // an empty database, held for this test
	ctx := context.Background()
	run := func(args ...string) (string, string, error) {
		var out, errOut bytes.Buffer
		err := realMain(ctx, args, strings.NewReader(""), &out, &errOut)
		return out.String(), errOut.String(), err
	}

	// Beyond loopback without a key, serve refuses to start.
	sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	var sout, serr bytes.Buffer
	err := realMain(sctx, []string{"serve", "--addr", "0.0.0.0:0"}, strings.NewReader(""), &sout, &serr)
	cancel()
	if err == nil || !strings.Contains(err.Error(), "serve: refusing to serve on 0.0.0.0:0") {
		t.Fatalf("serve on 0.0.0.0 without keys: %v", err)
	}

	secret, info, err := run("keys", "create", "--name", "witness desk", "--role", "curator", "--collections", "witnesses,public", "--max-sensitivity", "confidential")
	if err != nil {
		t.Fatalf("create: %v\n%s", err, info)
	}
	secret = strings.TrimSpace(secret)
	if !strings.HasPrefix(secret, "rg_") || len(secret) != 46 || !strings.Contains(info, "shown once") {
		t.Fatalf("create printed %q / %q", secret, info)
	}
	id := strings.Fields(strings.TrimPrefix(info, "created key "))[0]
	list, _, err := run("keys", "list")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(list, id) || !strings.Contains(list, "witness desk") || !strings.Contains(list, "witnesses,public") ||
		!strings.Contains(list, "confidential") || strings.Contains(list, secret) || strings.Contains(list, secret[3:13]) {
		t.Errorf("list:\n%s", list)
	}
	out, _, err := run("keys", "revoke", id)
	if err != nil || !strings.Contains(out, "revoked "+id) {
		t.Errorf("revoke: %v %s", err, out)
	}
	list, _, _ = run("keys", "list")
	row := strings.Fields(strings.SplitN(list[strings.Index(list, id):], "\n", 2)[0])
	if revoked := row[len(row)-1]; revoked == "-" {
		t.Errorf("list after revoke shows no revocation time:\n%s", list)
	} else if _, err := time.Parse(time.RFC3339, revoked); err != nil {
		t.Errorf("revocation time %q: %v", revoked, err)
	}
	if _, _, err := run("keys", "revoke", "key_missing"); err == nil || !strings.Contains(err.Error(), "no API key") {
		t.Errorf("revoke unknown: %v", err)
	}
	for _, bad := range [][]string{
		{"keys", "create", "--role", "reader"},
		{"keys", "create", "--name", "x", "--role", "owner"},
		{"keys", "create", "--name", "x", "--max-sensitivity", "secret"},
		{"keys", "rotate"},
		{"keys", "revoke"},
	} {
		if _, _, err := run(bad...); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
}

func TestParseRate(t *testing.T) {
	for in, want := range map[string]float64{"10/s": 10, "10": 10, "120/m": 2, "3600/h": 1, " 0.5/s ": 0.5} {
		if got, err := parseRate(in); err != nil || got != want {
			t.Errorf("parseRate(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0/s", "-1", "ten/s", "10/d"} {
		if _, err := parseRate(in); err == nil {
			t.Errorf("parseRate(%q): no error", in)
		}
	}
}
