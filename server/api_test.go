package server_test

import (
	"net/http"
	"testing"

	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/server"
)

func TestSmoke(t *testing.T) {
	db := neo4jtest.Open(t)
	seed(t, db)
	ts, _ := newServer(t, db, server.DefaultConfig())

	resp, err := http.Get(ts.URL + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", err, resp)
	}
	resp, err = http.Get(ts.URL + "/readyz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("readyz: %v %v", err, resp)
	}
	d := okData(t, query(t, ts, `{ stats { nodes relationships byLabel { label count } } node(id: "state:BEL") { id ... on State { name iso3 kind events { totalCount edges { role node { type date } } } } } }`, nil))
	t.Logf("%v", d)
}
