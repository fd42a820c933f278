package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

func TestPresentError(t *testing.T) {
	var logs bytes.Buffer
	s := &Server{cfg: DefaultConfig(), log: slog.New(slog.NewTextHandler(&logs, nil))}
	ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, graphql.DefaultRecover)
	cases := []struct {
		err      error
		msg      string
		code     string
		detailIn bool // the detail reaches the log
	}{
		{rightsgraph.Errorf(rightsgraph.ENOTFOUND, "no node with id %q", "x"), `no node with id "x"`, "NOT_FOUND", false},
		{fmt.Errorf("neo4j read stats: %w", fmt.Errorf("%w: dial tcp: refused", neo4jdb.ErrUnavailable)), "graph database unavailable", "UNAVAILABLE", true},
		{fmt.Errorf("wrapped: %w", errors.New("secret driver detail")), "internal error", "INTERNAL", true},
		{context.DeadlineExceeded, "query timed out: the request timeout is 15s", "LIMIT", false},
		{&gqlerror.Error{Message: "Cannot query field \"x\" on type \"Query\".", Extensions: map[string]any{"code": "GRAPHQL_VALIDATION_FAILED"}}, `Cannot query field "x"`, "GRAPHQL_VALIDATION_FAILED", false},
	}
	for _, c := range cases {
		logs.Reset()
		got := s.presentError(ctx, c.err)
		if !strings.HasPrefix(got.Message, c.msg) || got.Extensions["code"] != c.code {
			t.Errorf("%v: presented %q %v, want %q %s", c.err, got.Message, got.Extensions, c.msg, c.code)
		}
		if strings.Contains(got.Message, "secret") {
			t.Errorf("detail leaked: %q", got.Message)
		}
		if c.detailIn && !strings.Contains(logs.String(), "err=") {
			t.Errorf("%v: detail not logged: %q", c.err, logs.String())
		}
	}
}
