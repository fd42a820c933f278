package main

import (
	"context"
	"errors"
	"io"
)

// runGen is a placeholder until the gen command lands.
func runGen(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return errors.New("gen: not implemented yet")
}
