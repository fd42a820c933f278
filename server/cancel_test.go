package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/server"
)

// logLines is a concurrency-safe JSON log sink.
type logLines struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logLines) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// of returns the decoded log records of one request.
func (l *logLines) of(id string) []map[string]any {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []map[string]any
	for _, line := range strings.Split(l.buf.String(), "\n") {
		var rec map[string]any
		if json.Unmarshal([]byte(line), &rec) == nil && rec["request_id"] == id {
			out = append(out, rec)
		}
	}
	return out
}

// serveReal runs the API on a real listener (net/http's own server, whose
// request context ends when the client's connection closes).
func serveReal(t *testing.T, cfg server.Config, s *server.Server) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()
	t.Cleanup(func() { cancel(); <-served })
	return "http://" + ln.Addr().String()
}

// cancelQuery is a nested query that keeps Neo4j busy for tens of
// milliseconds on seedScale's graph, so that cancellations land mid-flight.
const cancelQuery = `{ states(first: 100, filter: {name: {startsWith: "Scale"}}) { edges { node { id
  events(first: 20) { totalCount edges { evidence { quote document { title } }
    node { id participants(first: 20) { role actor { id name } evidence { quote document { title } } } } } } } } } }`

// checkRequestLog: a request that ended early has exactly one
// cancellation record, at info, with the reason; nothing of the request is
// logged above info or as unavailable or internal.
func checkRequestLog(t *testing.T, recs []map[string]any, id, reason string) {
	t.Helper()
	n := 0
	for _, r := range recs {
		line, _ := json.Marshal(r)
		if r["msg"] == "request cancelled" {
			n++
			if r["level"] != "INFO" || r["reason"] != reason {
				t.Errorf("%s: cancellation logged as %s", id, line)
			}
		}
		if r["level"] == "ERROR" || r["level"] == "WARN" || strings.Contains(strings.ToLower(string(line)), "unavailable") ||
			strings.Contains(string(line), "internal error") {
			t.Errorf("%s: an early end logged as a failure: %s", id, line)
		}
	}
	if reason != "" && n != 1 {
		t.Errorf("%s: %d cancellation records, want 1: %v", id, n, recs)
	}
	if reason == "" && n != 0 {
		t.Errorf("%s: answered in full but logged as cancelled: %v", id, recs)
	}
}

// answered: the server wrote its whole answer before the client gave up
// (the client's deadline passed while it read the body): no cancellation.
func answered(recs []map[string]any) bool {
	for _, r := range recs {
		if r["msg"] == "request cancelled" {
			return false
		}
	}
	for _, r := range recs {
		if b, _ := r["bytes"].(float64); r["msg"] == "http request" && b > 0 {
			return true
		}
	}
	return false
}

// waitLogged waits for the access log record of request id, written once
// the server is done with it.
func waitLogged(t *testing.T, logs *logLines, id string) []map[string]any {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		recs := logs.of(id)
		for _, r := range recs {
			if r["msg"] == "http request" {
				return recs
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: no access log record after 10 s: %v", id, recs)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestCancellationsAreLoggedOnce: clients that hang up while Neo4j works on
// their query, and requests whose timeout passes mid-flight, each log one
// info line "request cancelled" (reason "client disconnected" or "request
// timeout passed") and no error, warning, "unavailable" or "internal error".
func TestCancellationsAreLoggedOnce(t *testing.T) {
	db := neo4jtest.Open(t)
	seed(t, db)
	seedScale(t, db, 40, 10, 12)
	logs := &logLines{}
	logger := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	body, _ := json.Marshal(map[string]any{"query": cancelQuery})
	send := func(ctx context.Context, base, id string) (*http.Response, []byte, error) {
		req, _ := http.NewRequestWithContext(ctx, "POST", base+"/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Request-Id", id)
		// A connection of its own: giving up closes it, as a browser tab does.
		client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
		resp, err := client.Do(req)
		if err != nil {
			return nil, nil, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return resp, b, err
	}

	cfg := server.DefaultConfig()
	cfg.MaxComplexity = 1 << 30
	cfg.Logger = logger
	base := serveReal(t, cfg, server.New(cfg, db))
	// How long the whole query takes when nobody hangs up (after one run
	// that fills the plan cache).
	if _, _, err := send(context.Background(), base, "warm-0"); err != nil {
		t.Fatal(err)
	}
	t0 := time.Now()
	if _, b, err := send(context.Background(), base, "full-0"); err != nil || !bytes.Contains(b, []byte(`"states"`)) || bytes.Contains(b, []byte(`"errors"`)) {
		t.Fatalf("full query: %v %.300s", err, b)
	}
	full := time.Since(t0)
	checkRequestLog(t, waitLogged(t, logs, "full-0"), "full-0", "")
	t.Logf("the query takes %v", full)

	left := 0
	for i, frac := range []float64{0.1, 0.25, 0.4, 0.55, 0.7, 0.85} {
		id := fmt.Sprintf("left-%d", i)
		ctx, cancel := context.WithTimeout(context.Background(), time.Duration(frac*float64(full)))
		_, _, err := send(ctx, base, id)
		cancel()
		recs := waitLogged(t, logs, id)
		if err == nil || answered(recs) {
			checkRequestLog(t, recs, id, "") // answered before the client gave up
			continue
		}
		left++
		checkRequestLog(t, recs, id, "client disconnected")
	}

	timedOut := 0
	for i, frac := range []float64{0.2, 0.4, 0.6, 0.8} {
		id := fmt.Sprintf("deadline-%d", i)
		c := cfg
		c.RequestTimeout = time.Duration(frac * float64(full))
		b := serveReal(t, c, server.New(c, db))
		resp, raw, err := send(context.Background(), b, id)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		recs := waitLogged(t, logs, id)
		if !bytes.Contains(raw, []byte("query timed out")) {
			checkRequestLog(t, recs, id, "") // fast enough this time
			continue
		}
		timedOut++
		if resp.StatusCode != 200 || !bytes.Contains(raw, []byte(`"LIMIT"`)) {
			t.Errorf("%s: %d %.300s, want 200 with a LIMIT error", id, resp.StatusCode, raw)
		}
		checkRequestLog(t, recs, id, "request timeout passed")
	}
	t.Logf("%d clients hung up mid-flight, %d requests timed out mid-flight", left, timedOut)
	if left < 2 || timedOut < 2 {
		t.Errorf("too few requests ended early to check (%d hung up, %d timed out): the query was %v", left, timedOut, full)
	}
}

// TestExportCancellationsAreLoggedOnce: the same for /export, whose errors
// are plain text: a client that hangs up mid-export and an export that runs
// out of time (504) log one info line each, no error.
func TestExportCancellationsAreLoggedOnce(t *testing.T) {
	db := neo4jtest.Open(t)
	seed(t, db)
	seedScale(t, db, 40, 10, 12)
	logs := &logLines{}
	logger := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	const path = "/export?format=graphml&seed=state:S1&depth=3"
	get := func(ctx context.Context, base, id string) (int, []byte, error) {
		req, _ := http.NewRequestWithContext(ctx, "GET", base+path, nil)
		req.Header.Set("X-Request-Id", id)
		client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
		resp, err := client.Do(req)
		if err != nil {
			return 0, nil, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return resp.StatusCode, b, err
	}
	cfg := server.DefaultConfig()
	cfg.Logger = logger
	base := serveReal(t, cfg, server.New(cfg, db))
	if _, _, err := get(context.Background(), base, "export-warm"); err != nil {
		t.Fatal(err)
	}
	t0 := time.Now()
	if st, b, err := get(context.Background(), base, "export-full"); err != nil || st != 200 || !bytes.Contains(b, []byte("<graphml")) {
		t.Fatalf("full export: %d %v %.200s", st, err, b)
	}
	full := time.Since(t0)
	checkRequestLog(t, waitLogged(t, logs, "export-full"), "export-full", "")
	t.Logf("the export takes %v", full)

	left := 0
	for i, frac := range []float64{0.1, 0.3, 0.5, 0.7} {
		id := fmt.Sprintf("export-left-%d", i)
		ctx, cancel := context.WithTimeout(context.Background(), time.Duration(frac*float64(full)))
		_, _, err := get(ctx, base, id)
		cancel()
		recs := waitLogged(t, logs, id)
		if err == nil || answered(recs) {
			checkRequestLog(t, recs, id, "")
			continue
		}
		left++
		checkRequestLog(t, recs, id, "client disconnected")
	}

	timedOut := 0
	for i, frac := range []float64{0.1, 0.3, 0.5} {
		id := fmt.Sprintf("export-deadline-%d", i)
		c := cfg
		c.Extra = map[string]http.Handler{"GET /export": &server.ExportHandler{DB: db, Log: logger, Timeout: time.Duration(frac * float64(full))}}
		st, b, err := get(context.Background(), serveReal(t, c, server.New(c, db)), id)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		recs := waitLogged(t, logs, id)
		if st == 200 {
			checkRequestLog(t, recs, id, "")
			continue
		}
		timedOut++
		if st != http.StatusGatewayTimeout || !bytes.Contains(b, []byte("timed out")) {
			t.Errorf("%s: %d %.200s, want 504 timed out", id, st, b)
		}
		checkRequestLog(t, recs, id, "request timeout passed")
	}
	t.Logf("%d clients hung up mid-export, %d exports timed out", left, timedOut)
	if left < 1 || timedOut < 1 {
		t.Errorf("too few exports ended early to check (%d hung up, %d timed out): the export took %v", left, timedOut, full)
	}
}
