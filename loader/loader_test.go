package loader_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/loader"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

const fixtures = "../testdata/loader"

// wordExtractor is a deterministic stand-in for the real extractor, so the
// counts below do not move when extraction improves: every "Belgium" is a
// mention of state:BEL (reference data), and each document reports one
// event in which Belgium is the target.
type wordExtractor struct{}

func (wordExtractor) Extract(doc rightsgraph.Document) *rightsgraph.Extraction {
	ext := &rightsgraph.Extraction{Document: doc}
	var spans []rightsgraph.Span
	for off := 0; ; {
		i := strings.Index(doc.Text[off:], "Belgium")
		if i < 0 {
			break
		}
		spans = append(spans, rightsgraph.Span{Start: off + i, End: off + i + 7})
		off += i + 7
	}
	if len(spans) == 0 {
		return ext
	}
	ext.Entities = append(ext.Entities, rightsgraph.Entity{ID: "state:BEL", Kind: "State", Name: "Belgium", Reference: true, Mentions: spans})
	ev := rightsgraph.Evidence{Start: spans[0].Start, End: spans[0].End, Quote: "Belgium"}
	ext.Events = append(ext.Events, rightsgraph.Event{ID: "event:" + doc.ID[:12], Type: "REPORT", Summary: "report on Belgium",
		Participants: []rightsgraph.Participant{{Entity: "state:BEL", Role: "target"}}, Evidence: []rightsgraph.Evidence{ev}})
	return ext
}

func newLoader(db *neo4jdb.DB) *loader.Loader {
	return &loader.Loader{DB: db, Extractor: wordExtractor{}, Workers: 2,
		Fetcher: loader.Fetcher{Timeout: 500 * time.Millisecond, AllowPrivate: true}} // the test servers are on loopback
}

func failureLines(s *loader.Summary) []string {
	var out []string
	for _, f := range s.Failures {
		out = append(out, f.String())
	}
	sort.Strings(out)
	return out
}

func TestLoadBatchWithBrokenInputs(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			select {
			case <-time.After(5 * time.Second):
			case <-r.Context().Done():
			}
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	broken := t.TempDir()
	if err := os.Symlink(filepath.Join(broken, "gone.txt"), filepath.Join(broken, "unreadable.txt")); err != nil {
		t.Fatal(err)
	}
	binary := filepath.Join(broken, "blob.txt")
	if err := os.WriteFile(binary, bytes.Repeat([]byte{0, 0xff, 7}, 300), 0o644); err != nil {
		t.Fatal(err)
	}

	l := newLoader(db)
	sum, err := l.Load(ctx, []string{filepath.Join(fixtures, "good"), filepath.Join(fixtures, "bad"), broken, srv.URL + "/missing", srv.URL + "/slow"})
	if err != nil {
		t.Fatal(err)
	}
	// good: txt, html, md, pdf, jsonl; bad: invalid-utf8.txt (Latin-1, decoded) and
	// the one good line of bad-lines.jsonl.
	if sum.Loaded != 7 {
		t.Errorf("loaded %d, want 7", sum.Loaded)
	}
	want := []string{
		"../testdata/loader/bad/bad-lines.jsonl:2: invalid JSON",
		"../testdata/loader/bad/bad-lines.jsonl:3: obligation obligation:bel-comply-2024: quote",
		"../testdata/loader/bad/bad-lines.jsonl:5: entity state:BEL: span 30-500 is outside the text",
		"../testdata/loader/bad/bad-lines.jsonl:6: event event:ruling-const-court-2024-03: unknown type",
		"../testdata/loader/bad/empty.txt: empty file",
		"../testdata/loader/bad/not-a.pdf: not a PDF",
		"../testdata/loader/bad/scanned.pdf: PDF has no text layer",
		"../testdata/loader/bad/scripts-only.html: no text content in the HTML",
		"../testdata/loader/bad/whitespace.txt: no text",
		broken + "/blob.txt: binary content",
		broken + "/unreadable.txt: no such file or directory",
		srv.URL + "/missing: HTTP 404 Not Found",
		srv.URL + "/slow: timed out after 500ms",
	}
	got := failureLines(sum)
	sort.Strings(want)
	if len(got) != len(want) {
		t.Fatalf("failures:\n%s\nwant %d", strings.Join(got, "\n"), len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("failure %q, want prefix %q", got[i], want[i])
		}
	}
	if sum.Failed != len(want) {
		t.Errorf("Failed = %d, want %d", sum.Failed, len(want))
	}
	if sum.Skipped.Hidden != 1 || sum.Skipped.Unknown != 1 {
		t.Errorf("skipped %+v, want 1 hidden and 1 unknown", sum.Skipped)
	}
	if len(sum.Warnings) != 1 || !strings.Contains(sum.Warnings[0], "invalid-utf8.txt: not UTF-8: decoded from windows-1252") {
		t.Errorf("warnings %q", sum.Warnings)
	}
	if n := neo4jtest.Count(t, db, `MATCH (d:Document) RETURN count(d)`, nil); n != 7 {
		t.Errorf("documents in the graph: %d, want 7", n)
	}
	// Files are shown under the path given (relative: the loading machine's
	// layout is not served) and keyed by their absolute path; JSONL records
	// keep their own source.
	abs, _ := filepath.Abs(filepath.Join(fixtures, "good", "report.txt"))
	shown := "../testdata/loader/good/report.txt"
	if n := neo4jtest.Count(t, db, `MATCH (d:Document {source: $s, sourceKey: $k}) RETURN count(d)`, map[string]any{"s": shown, "k": abs}); n != 1 {
		t.Errorf("no document shown as %s with key %s", shown, abs)
	}
	for _, src := range []string{"ruling-2024.txt", "second.txt"} {
		if n := neo4jtest.Count(t, db, `MATCH (d:Document {source: $s}) RETURN count(d)`, map[string]any{"s": src}); n != 1 {
			t.Errorf("no document with source %s", src)
		}
	}
	if n := neo4jtest.Count(t, db, `MATCH (d:Document) WHERE d.source STARTS WITH '/' RETURN count(d)`, nil); n != 0 {
		t.Errorf("%d documents show an absolute path", n)
	}
	// The JSONL record was loaded as it was extracted, not re-extracted.
	if n := neo4jtest.Count(t, db, `MATCH (:Court {id: 'institution:constitutional-court'})-[r:INVOLVED_IN {role: 'authority'}]->(:Event:Ruling {date: '2024-03'}) RETURN count(r)`, nil); n != 1 {
		t.Error("JSONL extraction not loaded unchanged")
	}
	var buf bytes.Buffer
	sum.Print(&buf)
	for _, s := range []string{"loaded 7 document(s)", "13 failure(s):", "  " + srv.URL + "/missing: HTTP 404 Not Found"} {
		if !strings.Contains(buf.String(), s) {
			t.Errorf("summary lacks %q:\n%s", s, buf.String())
		}
	}
	if sum.Writes.NodesCreated == 0 || sum.Writes.RelationshipsCreated == 0 {
		t.Errorf("no counters in the summary: %+v", sum.Writes)
	}
}

func TestLoadIsIdempotentAndReplacesChangedFiles(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	dir := t.TempDir()
	a := filepath.Join(dir, "a.txt")
	b := filepath.Join(dir, "b.txt")
	must(t, os.WriteFile(a, []byte("Belgium was criticised. Belgium answered."), 0o644))
	must(t, os.WriteFile(b, []byte("Belgium ratified the treaty."), 0o644))

	l := newLoader(db)
	sum, err := l.Load(ctx, []string{dir})
	if err != nil || sum.Loaded != 2 {
		t.Fatalf("first load: %v %+v", err, sum)
	}
	counts := func() [2]int64 {
		return [2]int64{neo4jtest.Count(t, db, `MATCH (n) RETURN count(n)`, nil), neo4jtest.Count(t, db, `MATCH ()-[r]->() RETURN count(r)`, nil)}
	}
	before := counts()
	// 2 documents + state:BEL + 2 events; 2 MENTIONED_IN (state) + 2 (events) + 2 INVOLVED_IN
	if before != [2]int64{5, 6} {
		t.Errorf("counts = %v, want [5 6]", before)
	}

	sum, err = l.Load(ctx, []string{dir})
	if err != nil || sum.Loaded != 0 || sum.Unchanged != 2 || counts() != before {
		t.Errorf("second load: %v loaded %d unchanged %d, counts %v want %v", err, sum.Loaded, sum.Unchanged, counts(), before)
	}
	l.Force = true
	sum, err = l.Load(ctx, []string{dir})
	if err != nil || sum.Loaded != 2 || counts() != before {
		t.Errorf("forced load: %v loaded %d, counts %v want %v", err, sum.Loaded, counts(), before)
	}
	if n := neo4jtest.Count(t, db, `MATCH (:State)-[m:MENTIONED_IN]->(:Document {sourceKey: $a}) RETURN size(m.starts)`, map[string]any{"a": a}); n != 2 {
		t.Errorf("mentions after --force: %d spans, want 2 (not duplicated)", n)
	}
	l.Force = false

	// a.txt changes: its old document and event go, b's stay.
	must(t, os.WriteFile(a, []byte("Belgium changed its law."), 0o644))
	sum, err = l.Load(ctx, []string{dir})
	if err != nil || sum.Loaded != 1 || sum.Replaced != 1 || sum.Unchanged != 1 {
		t.Fatalf("changed load: %v %+v", err, sum)
	}
	if got := counts(); got != before {
		t.Errorf("counts after replacing a.txt = %v, want %v", got, before)
	}
	if n := neo4jtest.Count(t, db, `MATCH (:State)-[m:MENTIONED_IN]->(:Document {sourceKey: $a}) RETURN size(m.starts)`, map[string]any{"a": a}); n != 1 {
		t.Errorf("a.txt mentions = %d, want 1 (the new version's)", n)
	}
}

func TestLoadWriteFailureLeavesNothingOfThatDocument(t *testing.T) {
	db := neo4jtest.Open(t)
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, "1-good.txt"), []byte("Belgium one."), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "2-fails.txt"), []byte("Belgium two."), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "3-good.txt"), []byte("Belgium three."), 0o644))
	l := newLoader(db)
	calls := 0
	l.WriteHook = func(step string) error {
		if step == "relations" {
			calls++
			if calls == 2 { // the second document, after everything but the commit
				return neo4jdb.ErrInjected
			}
		}
		return nil
	}
	sum, err := l.Load(context.Background(), []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Loaded != 2 || sum.Failed != 1 || !strings.HasSuffix(sum.Failures[0].Source, "2-fails.txt") ||
		!errors.Is(sum.Failures[0].Err, neo4jdb.ErrInjected) {
		t.Fatalf("summary %+v", sum)
	}
	if n := neo4jtest.Count(t, db, `MATCH (d:Document) WHERE d.source ENDS WITH '2-fails.txt' RETURN count(d)`, nil); n != 0 {
		t.Error("failed document's :Document committed")
	}
	if n := neo4jtest.Count(t, db, `MATCH (e:Event) RETURN count(e)`, nil); n != 2 {
		t.Errorf("events = %d, want 2 (none from the failed document)", n)
	}
	// A re-run (as after a crash) loads only what is missing.
	l.WriteHook = nil
	sum, err = l.Load(context.Background(), []string{dir})
	if err != nil || sum.Loaded != 1 || sum.Unchanged != 2 {
		t.Errorf("re-run: %v %+v", err, sum)
	}
}

// TestLoadSeedsWithTheRealExtractor loads the sample corpus with the real
// extractor: every document loads and loading again changes nothing.
func TestLoadSeedsWithTheRealExtractor(t *testing.T) {
	seeds := os.Getenv("RIGHTSGRAPH_SEEDS")
	if seeds == "" {
		seeds = "../../shared/corpus/seeds"
	}
	if _, err := os.Stat(seeds); err != nil {
		t.Skipf("sample corpus not found at %s (set RIGHTSGRAPH_SEEDS)", seeds)
	}
	db := neo4jtest.Open(t)
	x, err := loader.NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	l := &loader.Loader{DB: db, Extractor: x, Workers: 2}
	sum, err := l.Load(context.Background(), []string{seeds})
	if err != nil || sum.Failed != 0 || sum.Loaded < 5 {
		t.Fatalf("load seeds: %v %+v", err, sum)
	}
	n1 := neo4jtest.Count(t, db, `MATCH (n) RETURN count(n)`, nil)
	r1 := neo4jtest.Count(t, db, `MATCH ()-[r]->() RETURN count(r)`, nil)
	sum, err = l.Load(context.Background(), []string{seeds})
	if err != nil || sum.Loaded != 0 {
		t.Fatalf("reload: %v %+v", err, sum)
	}
	if n2, r2 := neo4jtest.Count(t, db, `MATCH (n) RETURN count(n)`, nil), neo4jtest.Count(t, db, `MATCH ()-[r]->() RETURN count(r)`, nil); n1 != n2 || r1 != r2 {
		t.Errorf("reload changed counts: %d/%d -> %d/%d", n1, r1, n2, r2)
	}
}

func TestLoadStdinDocumentsAreNotVersionsOfEachOther(t *testing.T) {
	db := neo4jtest.Open(t)
	for _, text := range []string{"Belgium one.", "Belgium two."} {
		l := newLoader(db)
		l.Fetcher.Stdin = strings.NewReader(text)
		sum, err := l.Load(context.Background(), []string{"-"})
		if err != nil || sum.Loaded != 1 || sum.Replaced != 0 {
			t.Fatalf("stdin %q: %v %+v", text, err, sum)
		}
	}
	if n := neo4jtest.Count(t, db, `MATCH (d:Document) WHERE d.source STARTS WITH 'stdin:' RETURN count(d)`, nil); n != 2 {
		t.Errorf("%d stdin documents, want 2", n)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestLoadFailsClearlyWhenNeo4jIsDown(t *testing.T) {
	db, err := neo4jdb.Open(neo4jdb.Config{URI: "bolt://127.0.0.1:1", User: "neo4j", Password: "x"})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(context.Background())
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, err = newLoader(db).Load(ctx, []string{filepath.Join(fixtures, "good")})
	if err == nil || rightsgraph.ErrorCode(err) != rightsgraph.EUNAVAILABLE {
		t.Errorf("err = %v (code %s), want unavailable", err, rightsgraph.ErrorCode(err))
	}
}

// boltProxy forwards connections to Neo4j until closed; closing it drops
// every connection and refuses new ones, as a stopped Neo4j would.
type boltProxy struct {
	ln    net.Listener
	mu    sync.Mutex
	conns []net.Conn
}

func newBoltProxy(t *testing.T, target string) *boltProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &boltProxy{ln: ln}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			up, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, up)
			p.mu.Unlock()
			go func() { _, _ = io.Copy(up, c); up.Close() }()
			go func() { _, _ = io.Copy(c, up); c.Close() }()
		}
	}()
	t.Cleanup(p.close)
	return p
}

func (p *boltProxy) close() {
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// When Neo4j goes away during a load, the loader stops at the first
// document whose write ran out of retries (a bounded wait), with a message
// saying so, instead of retrying every document in turn; a rerun resumes.
func TestLoadStopsWhenNeo4jGoesAway(t *testing.T) {
	real := neo4jtest.Open(t)
	u, err := url.Parse(os.Getenv("NEO4J_URI"))
	if err != nil || u.Host == "" {
		t.Skip("NEO4J_URI is not a bolt URL")
	}
	proxy := newBoltProxy(t, u.Host)
	db, err := neo4jdb.Open(neo4jdb.Config{URI: "bolt://" + proxy.ln.Addr().String(), User: envOr("NEO4J_USER", "neo4j"),
		Password: envOr("NEO4J_PASSWORD", "rightsgraph"), MaxRetryTime: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(context.Background())
	dir := t.TempDir()
	for i := 0; i < 6; i++ {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("d%d.txt", i)), []byte(fmt.Sprintf("Belgium report number %d.", i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	l := newLoader(db)
	l.Workers = 1
	// Neo4j goes away inside the third document's transaction (workers
	// is 1, so documents are written in order).
	docs := 0
	l.WriteHook = func(step string) error {
		if step == "document" {
			if docs++; docs == 3 {
				proxy.close()
			}
		}
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	start := time.Now()
	sum, err := l.Load(ctx, []string{dir})
	took := time.Since(start)
	if err == nil || !strings.Contains(err.Error(), "Neo4j does not answer") || !strings.Contains(err.Error(), "run the same command again") {
		t.Fatalf("load with Neo4j gone: %v", err)
	}
	if sum.Failed != 1 || sum.Loaded != 2 {
		t.Errorf("loaded %d, failed %d: want 2 loaded, one failure, then a stop", sum.Loaded, sum.Failed)
	}
	if took > 30*time.Second {
		t.Errorf("stopping took %v with a 2 s retry bound", took)
	}
	// The rerun, with Neo4j back, loads the rest and skips what committed.
	l2 := newLoader(real)
	sum, err = l2.Load(ctx, []string{dir})
	if err != nil || sum.Loaded != 4 || sum.Unchanged != 2 {
		t.Errorf("rerun: %v, loaded %d, unchanged %d", err, sum.Loaded, sum.Unchanged)
	}
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}
