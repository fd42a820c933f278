package neo4jdb

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

func TestLuceneQuery(t *testing.T) {
	cases := map[string]string{
		"Belgium":                "belgium^2 OR belgium* OR belgium~1",
		"  ":                     "",
		"Général":                "general^2 OR general* OR general~1",
		"EU":                     "eu^2 OR eu*",
		"court of appeal":        "((court^2 OR court* OR court~1) AND (appeal^2 OR appeal* OR appeal~1))^4 OR (court^2 OR court* OR court~1) OR (appeal^2 OR appeal* OR appeal~1)",
		`a:b* OR (x) "NOT" AND~`: "",
		"of":                     "of^2 OR of*",
	}
	for in, want := range cases {
		got := LuceneQuery(in)
		if in == `a:b* OR (x) "NOT" AND~` {
			// Syntax in user text never survives as syntax: only word
			// characters reach the query, lower-cased (so OR/NOT/AND are terms).
			for _, bad := range []string{":", `"`, "(x)", " NOT ", "~ "} {
				if strings.Contains(got, bad) {
					t.Errorf("LuceneQuery(%q) = %q keeps %q", in, got, bad)
				}
			}
			continue
		}
		if strings.Count(want, "(") == 0 && want != "" {
			want = "(" + want + ")"
		}
		if got != want {
			t.Errorf("LuceneQuery(%q) = %q, want %q", in, got, want)
		}
	}
	if got := escapeLucene(`a+b:c`); got != `a\+b\:c` {
		t.Errorf("escapeLucene = %q", got)
	}
}

func TestCompileFilterUsesParameters(t *testing.T) {
	k := ListKinds["states"]
	evil := `x' OR 1=1 //`
	where, params, err := CompileFilter(k, map[string]any{
		"name": map[string]any{"eq": evil, "contains": "Bel"},
		"OR":   []any{map[string]any{"iso3": map[string]any{"in": []any{"BEL"}}}, map[string]any{"NOT": map[string]any{"id": map[string]any{"eq": "state:FRA"}}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(where, evil) || strings.Contains(where, "Bel") {
		t.Errorf("values inlined into Cypher: %s", where)
	}
	found := false
	for _, v := range params {
		if v == evil {
			found = true
		}
	}
	if !found {
		t.Errorf("value not passed as a parameter: %v", params)
	}
	for _, bad := range []map[string]any{
		{"password": map[string]any{"eq": "x"}},
		{"name": map[string]any{"regex": ".*"}},
		{"name": map[string]any{"gt": "a"}},
		{"iso3": "BEL"},
	} {
		if _, _, err := CompileFilter(k, bad); rightsgraph.ErrorCode(err) != rightsgraph.EINVALID {
			t.Errorf("CompileFilter(%v) = %v, want invalid", bad, err)
		}
	}
	deep := map[string]any{}
	cur := deep
	for i := 0; i < 20; i++ {
		next := map[string]any{}
		cur["NOT"] = next
		cur = next
	}
	if _, _, err := CompileFilter(k, deep); rightsgraph.ErrorCode(err) != rightsgraph.EINVALID {
		t.Errorf("deep filter: %v", err)
	}
}

func TestCursorRoundTrip(t *testing.T) {
	k := ListKinds["events"]
	c, err := k.compile(ListQuery{Kind: k, Order: []map[string]any{{"field": "COUNT", "direction": "DESC"}}})
	if err != nil {
		t.Fatal(err)
	}
	cur := encodeCursor(cursor{Sig: c.sig, Keys: []any{int64(860), "event:x"}})
	vals, err := c.decodeCursor(cur)
	if err != nil || vals[0] != int64(860) || vals[1] != "event:x" {
		t.Errorf("decode = %v, %v", vals, err)
	}
	for _, bad := range []string{"", "!!!", encodeCursor(cursor{Sig: "other", Keys: []any{int64(1), "x"}}), encodeCursor(cursor{Sig: c.sig, Keys: []any{"x"}})} {
		if _, err := c.decodeCursor(bad); rightsgraph.ErrorCode(err) != rightsgraph.EINVALID {
			t.Errorf("decodeCursor(%q) = %v", bad, err)
		}
	}
}

// TestReadTimeoutReachesNeo4j proves the request deadline becomes Neo4j's
// transaction timeout: a statement that would run for minutes stops at the
// deadline with a limit error instead of hanging.
func TestReadTimeoutReachesNeo4j(t *testing.T) {
	db := openForInternalTest(t)
	ctx, cancel := context.WithTimeout(context.Background(), 700*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := db.read(ctx, "slow", `UNWIND range(1, 2000000000) AS x WITH x WHERE x < 0 RETURN count(x)`, nil)
	if rightsgraph.ErrorCode(err) != rightsgraph.ELIMIT {
		t.Fatalf("err = %v (code %q), want a limit error", err, rightsgraph.ErrorCode(err))
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
}

// openForInternalTest connects to the test Neo4j (same environment as
// internal/neo4jtest, which this package's internal tests cannot import).
// It touches no data.
func openForInternalTest(t *testing.T) *DB {
	t.Helper()
	env := func(k, def string) string {
		if v := os.Getenv(k); v != "" {
			return v
		}
		return def
	}
	db, err := Open(Config{URI: env("NEO4J_URI", "bolt://127.0.0.1:7687"), User: env("NEO4J_USER", "neo4j"),
		Password: env("NEO4J_PASSWORD", "rightsgraph"), Database: os.Getenv("NEO4J_DATABASE")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close(context.Background()) })
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := db.Ping(ctx); err != nil {
		t.Fatalf("Neo4j not reachable: %v", err)
	}
	return db
}
