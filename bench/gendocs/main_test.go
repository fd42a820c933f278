package main

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGenDocs(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	if err := run([]string{"-n", "4", "-out", dir, "-seed", "3"}, &out, &out); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) != 4 {
		t.Fatalf("%d files, want 4", len(files))
	}
	// The same seed writes the same documents.
	again := t.TempDir()
	if err := run([]string{"-n", "4", "-out", again, "-seed", "3"}, &out, &out); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		a, _ := os.ReadFile(f)
		b, err := os.ReadFile(filepath.Join(again, filepath.Base(f)))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs with seed 3 (%v)", filepath.Base(f), err)
		}
	}
}

func TestGenDocsUsage(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run([]string{"--help"}, &out, &errOut); !errors.Is(err, flag.ErrHelp) || !strings.Contains(errOut.String(), "usage: go run ./bench/gendocs") {
		t.Errorf("--help: err %v, output %q", err, errOut.String())
	}
	if err := run(nil, &out, &errOut); err == nil {
		t.Error("no -out: succeeded")
	}
}
