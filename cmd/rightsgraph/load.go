package main

import (
	"context"
	"errors"
	"io"
)

// runLoad is a placeholder until the load command lands.
func runLoad(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return errors.New("load: not implemented yet")
}
