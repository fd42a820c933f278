package main

import (
	"context"
	"errors"
	"io"
)

// runExtract is a placeholder until the extract command lands.
func runExtract(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return errors.New("extract: not implemented yet")
}
