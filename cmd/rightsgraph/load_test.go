package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
)

const loaderFixtures = "../../testdata/loader"

func TestExtractCommand(t *testing.T) {
	var out, errOut bytes.Buffer
	good := filepath.Join(loaderFixtures, "good", "report.txt")
	err := realMain(context.Background(), []string{"extract", good, filepath.Join(loaderFixtures, "bad", "empty.txt")},
		strings.NewReader(""), &out, &errOut)
	if !errors.Is(err, errReported) {
		t.Errorf("err = %v, want errReported (one source failed)", err)
	}
	if !strings.Contains(errOut.String(), "bad/empty.txt: empty file") {
		t.Errorf("stderr lacks the failure line:\n%s", errOut.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 1 {
		t.Fatalf("%d output lines, want 1:\n%s", len(lines), out.String())
	}
	var ext rightsgraph.Extraction
	if err := json.Unmarshal([]byte(lines[0]), &ext); err != nil {
		t.Fatal(err)
	}
	if ext.Document.Source != good || ext.Document.Text != "" || len(ext.Document.ID) != 64 {
		t.Errorf("document = %+v, want source as given and no text", ext.Document)
	}
	if strings.Contains(lines[0], `"entities":null`) || strings.Contains(lines[0], `"text":"Belgium 2023`) {
		t.Errorf("output has null lists or the text: %s", lines[0])
	}

	// Its output loads back through extract unchanged (the JSONL reader).
	dir := t.TempDir()
	jl := filepath.Join(dir, "out.jsonl")
	if err := os.WriteFile(jl, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := realMain(context.Background(), []string{"extract", jl}, nil, &again, &errOut); err != nil {
		t.Fatalf("extract of extract output: %v\n%s", err, errOut.String())
	}
	if again.String() != out.String() {
		t.Errorf("round trip changed the extraction:\n%s\n%s", out.String(), again.String())
	}

	// stdin
	var fromStdin bytes.Buffer
	if err := realMain(context.Background(), []string{"extract", "-"}, strings.NewReader("Belgium must act."), &fromStdin, &errOut); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(fromStdin.String(), `"source":"-"`) {
		t.Errorf("stdin source: %s", fromStdin.String())
	}
}

func TestCommandHelpAndUsage(t *testing.T) {
	for _, cmd := range []string{"load", "extract"} {
		var out, errOut bytes.Buffer
		err := realMain(context.Background(), []string{cmd, "--help"}, nil, &out, &errOut)
		if !errors.Is(err, flag.ErrHelp) || !strings.Contains(errOut.String(), "usage: rightsgraph "+cmd) {
			t.Errorf("%s --help: err %v, output %q", cmd, err, errOut.String())
		}
		err = realMain(context.Background(), []string{cmd}, nil, &out, &errOut)
		if err == nil {
			t.Errorf("%s without arguments succeeded", cmd)
		}
	}
}

func TestLoadCommand(t *testing.T) {
	db := neo4jtest.Open(t) // clean database; the command connects through the same env
	cfg := neo4jtest.Config()
	t.Setenv("NEO4J_URI", cfg.URI)
	var out, errOut bytes.Buffer
	args := []string{"load", "--quiet", filepath.Join(loaderFixtures, "good"), filepath.Join(loaderFixtures, "bad", "empty.txt")}
	err := realMain(context.Background(), args, nil, &out, &errOut)
	if !errors.Is(err, errReported) {
		t.Errorf("err = %v, want errReported", err)
	}
	for _, s := range []string{"loaded 5 document(s)", "1 failed", "bad/empty.txt: empty file", "skipped in directories: 1 hidden, 1 with an unknown extension"} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("output lacks %q:\n%s", s, out.String())
		}
	}
	if n := neo4jtest.Count(t, db, `MATCH (d:Document) RETURN count(d)`, nil); n != 5 {
		t.Errorf("%d documents, want 5", n)
	}
	out.Reset()
	if err := realMain(context.Background(), []string{"load", "--quiet", filepath.Join(loaderFixtures, "good")}, nil, &out, &errOut); err != nil {
		t.Errorf("reload: %v", err)
	}
	if !strings.Contains(out.String(), "loaded 0 document(s) (0 replacing an earlier version), 5 unchanged, 0 failed") {
		t.Errorf("reload output:\n%s", out.String())
	}
	// Neo4j down: a clear error, non-zero exit.
	err = realMain(context.Background(), []string{"load", "--neo4j-uri", "bolt://127.0.0.1:1", filepath.Join(loaderFixtures, "good")}, nil, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "bolt://127.0.0.1:1") {
		t.Errorf("unreachable Neo4j: err = %v", err)
	}
}
