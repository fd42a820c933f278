package server_test

// Browser tests: the explorer, the document reader and the obligations page
// in a real headless Chromium (Debian's chromium package; `make test` installs
// it through scripts/chromium and passes its path in CHROMIUM), driven over
// the DevTools protocol by chromedp, against the server on a test database
// loaded with the reference data and the example corpus. Each step writes a
// screenshot under test-artifacts/browser/ (git-ignored; RIGHTSGRAPH_ARTIFACTS
// overrides the folder).
//
// The assertions are on behaviour, not on extracted strings (the extraction
// improves underneath): a quote is shown, the reader highlights a span, the
// highlighted text is the edge's evidence quote, the obligations page lists
// what the API says binds Belgium on the date.

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	osexec "os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/loader"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
	"github.com/rightsgraph/rightsgraph/server"
)

// chromiumPath finds the browser: $CHROMIUM, else chromium on PATH. When
// RIGHTSGRAPH_BROWSER_TESTS=required (make test sets it) a missing browser
// fails the test instead of skipping it.
func chromiumPath(tb testing.TB) string {
	tb.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := osexec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "no Chromium found: run scripts/chromium (installs Debian's chromium package) or set CHROMIUM"
	if os.Getenv("RIGHTSGRAPH_BROWSER_TESTS") == "required" {
		tb.Fatal(msg)
	}
	tb.Skip(msg)
	return ""
}

// newBrowser starts a headless Chromium and returns a tab context.
func newBrowser(tb testing.TB, width, height int) context.Context {
	tb.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(tb)),
		chromedp.NoSandbox, // tests run as root in CI
		chromedp.DisableGPU,
		chromedp.WindowSize(width, height),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("lang", "en-GB"),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx)
	tb.Cleanup(func() { cancelB(); cancelA() })
	// Start the browser now so that a failure to launch is reported here.
	if err := chromedp.Do(ctx); err != nil {
		tb.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// artifacts is where screenshots go.
func artifacts(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("RIGHTSGRAPH_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join("..", "test-artifacts", "browser")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	return dir
}

func screenshot(tb testing.TB, ctx context.Context, name string) {
	tb.Helper()
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		tb.Fatalf("screenshot %s: %v", name, err)
	}
	p := filepath.Join(artifacts(tb), name+".png")
	if err := os.WriteFile(p, buf, 0o644); err != nil {
		tb.Fatal(err)
	}
	tb.Logf("screenshot: %s", p)
}

// run runs actions with a timeout, failing the test with what it was doing.
func run(tb testing.TB, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	tb.Helper()
	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx, actions...); err != nil {
		tb.Fatalf("%s: %v", what, err)
	}
}

// waitJS polls a JavaScript expression until it is true.
func waitJS(tb testing.TB, ctx context.Context, what, expr string) {
	tb.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!(`+expr+`)`))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			diag, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`[(document.querySelector('#status')||{}).textContent || document.title, ...[...document.querySelectorAll('.error')].map((e) => e.textContent)].join(' | ')`))
			tb.Fatalf("timed out waiting for %s (%s); page status: %q; err %v", what, expr, diag, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func evalJS[T any](tb testing.TB, ctx context.Context, expr string) T {
	tb.Helper()
	out, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		tb.Fatalf("evaluate %s: %v", expr, err)
	}
	return out
}

// corpusServer loads reference/ and examples/corpus/ into the test database
// with the real loader and serves the whole server (pages and API).
func corpusServer(tb testing.TB) (*httptest.Server, *neo4jdb.DB) {
	tb.Helper()
	db := neo4jtest.Open(tb)
	x, err := loader.NewExtractor()
	if err != nil {
		tb.Fatal(err)
	}
	l := &loader.Loader{DB: db, Extractor: x, Workers: 2}
	sum, err := l.Load(context.Background(), []string{"../reference", "../examples/corpus"})
	if err != nil || sum.Failed != 0 {
		tb.Fatalf("load: %v %+v", err, sum)
	}
	s := server.New(server.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, db)
	ts := httptest.NewServer(s.Handler())
	tb.Cleanup(ts.Close)
	if !server.AssetsBuilt() {
		tb.Fatal("front-end assets not built: run make assets before go test")
	}
	return ts, db
}

// TestBrowser runs issue 10's scenario: search "Fedasil", expand it,
// open an edge's evidence and see its quote, follow it to the reader and see
// the highlighted span, open Belgium's obligations as of 2023-05-01; then the
// "done when" question, by clicking only: how is Belgium connected to the
// Brussels Court of Appeal, and which sentence says so.
func TestBrowser(t *testing.T) {
	chromiumPath(t)
	ts, _ := corpusServer(t)
	ctx := newBrowser(t, 1440, 900)
	t.Run("scenario", func(t *testing.T) { browserScenario(t, ts, ctx) })
	t.Run("keyboard, labels, filters, deep links and downloads", func(t *testing.T) { browserKeyboard(t, ts, ctx) })
}

func browserScenario(t *testing.T, ts *httptest.Server, ctx context.Context) {

	// 1. Search "Fedasil" from the search box, with the keyboard.
	run(t, ctx, "open /explore",
		chromedp.Navigate(ts.URL+"/explore"),
		chromedp.WaitVisible(chromedp.CSS(`#q`)),
	)
	waitJS(t, ctx, "explorer ready", `document.body.dataset.ready === 'true'`)
	run(t, ctx, "search Fedasil",
		chromedp.Focus(chromedp.CSS(`#q`)),
		chromedp.SendKeys(chromedp.CSS(`#q`), "Fedasil\r"),
		chromedp.WaitVisible(chromedp.CSS(`#results button`)),
	)
	hits := evalJS[[]string](t, ctx, `[...document.querySelectorAll('#results button')].map(b => b.textContent)`)
	if len(hits) == 0 || !strings.Contains(strings.ToLower(hits[0]), "fedasil") {
		t.Fatalf("search results for Fedasil: %q", hits)
	}
	// The first result has the focus: Enter adds it to the canvas.
	if focused := evalJS[bool](t, ctx, `document.activeElement === document.querySelector('#results button')`); !focused {
		t.Error("the first search result does not have the keyboard focus")
	}
	screenshot(t, ctx, "01-search-fedasil")
	run(t, ctx, "add Fedasil", chromedp.KeyEvent("\r"))
	waitJS(t, ctx, "Fedasil on the canvas", `rgCy.nodes().length === 1 && document.querySelector('#act-expand')`)
	fedasil := evalJS[string](t, ctx, `rgCy.nodes()[0].id()`)

	// 2. Expand it (the panel's button).
	run(t, ctx, "expand", chromedp.Click(chromedp.CSS(`#act-expand`)))
	waitJS(t, ctx, "neighbourhood on the canvas", `rgCy.edges().length > 0 && !document.querySelector('#status').textContent.includes('…')`)
	waitJS(t, ctx, "panel lists edges", `document.querySelectorAll('#panel a[data-edge]').length > 0`)
	nEdges := evalJS[int](t, ctx, `rgCy.edges().length`)
	if !strings.Contains(evalJS[string](t, ctx, `location.hash`), "x=") {
		t.Error("the expansion is not in the URL")
	}
	screenshot(t, ctx, "02-fedasil-expanded")

	// 3. Open the evidence of an edge backed by a document (not reference data) and see its quote.
	edgeID := evalJS[string](t, ctx, `(rgCy.edges().filter(e => (e.data('evidence')||[]).some(v => v.quote && v.document && !/^Reference data/.test(v.document.title||'')))[0] || {id: () => ''}).id()`)
	if edgeID == "" {
		t.Fatalf("none of the %d edges around %s has document evidence", nEdges, fedasil)
	}
	run(t, ctx, "open edge evidence", chromedp.Click(chromedp.CSS(fmt.Sprintf(`#panel a[data-edge=%q]`, edgeID))))
	waitJS(t, ctx, "evidence quote shown", `document.querySelector('#panel blockquote.quote')`)
	type ev struct {
		Quote string `json:"quote"`
		Start int    `json:"start"`
		End   int    `json:"end"`
		Doc   string `json:"doc"`
	}
	want := evalJS[ev](t, ctx, fmt.Sprintf(`(() => { const v = rgCy.getElementById(%q).data('evidence').find(v => v.quote && !/^Reference data/.test(v.document.title||'')); return {quote: v.quote, start: v.start, end: v.end, doc: v.document.id}; })()`, edgeID))
	shown := evalJS[[]string](t, ctx, `[...document.querySelectorAll('#panel blockquote.quote')].map(q => q.textContent)`)
	if !contains(shown, want.Quote) {
		t.Errorf("evidence panel shows %q, want the edge's quote %q", shown, want.Quote)
	}
	if title := evalJS[string](t, ctx, `document.querySelector('#panel .doc-title').textContent`); title == "" {
		t.Error("evidence shows no document title")
	}
	screenshot(t, ctx, "03-edge-evidence")

	// 4. Follow the quote to the reader: the span is highlighted and scrolled into view.
	link := fmt.Sprintf(`#panel a.reader-link[href^="/documents/%s?start=%d&end=%d"]`, want.Doc, want.Start, want.End)
	run(t, ctx, "follow the reader link", chromedp.Click(chromedp.CSS(link)))
	waitJS(t, ctx, "reader ready", `location.pathname.startsWith('/documents/') && document.body.dataset.ready === 'true'`)
	checkReaderQuote(t, ctx, want.Quote)
	screenshot(t, ctx, "04-reader-highlight")

	// 5. Belgium's obligations as of 2023-05-01, from the top navigation and the date field.
	run(t, ctx, "open the obligations page",
		chromedp.Click(chromedp.CSS(`nav a[href="/obligations/BEL"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#asof`)),
	)
	waitJS(t, ctx, "obligations ready", `document.body.dataset.ready === 'true'`)
	run(t, ctx, "choose 2023-05-01",
		chromedp.SetValue(chromedp.CSS(`#asof`), "2023-05-01"),
		chromedp.Click(chromedp.CSS(`#form button[type=submit]`)),
	)
	waitJS(t, ctx, "obligations as of 2023-05-01", `location.search.includes('asOf=2023-05-01') && document.body.dataset.ready === 'true'`)
	checkObligationsPage(t, ctx, ts)
	screenshot(t, ctx, "05-obligations-bel-2023-05-01")

	// 6. Done when: Belgium and the Brussels Court of Appeal, by clicking.
	run(t, ctx, "back to the explorer", chromedp.Click(chromedp.CSS(`nav a[href="/explore"]`)))
	waitJS(t, ctx, "explorer ready", `document.body.dataset.ready === 'true'`)
	for _, name := range []string{"Belgium", "Brussels Court of Appeal"} {
		run(t, ctx, "search "+name,
			chromedp.SetValue(chromedp.CSS(`#q`), name),
			chromedp.Click(chromedp.CSS(`#search-form button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`#results button`)),
		)
		first := evalJS[string](t, ctx, `document.querySelector('#results button').textContent`)
		if !strings.Contains(first, name) {
			t.Fatalf("first result for %q is %q", name, first)
		}
		before := evalJS[int](t, ctx, `rgCy.nodes().length`)
		run(t, ctx, "add "+name, chromedp.Click(chromedp.CSS(`#results button`)))
		waitJS(t, ctx, name+" added and selected", fmt.Sprintf(`rgCy.nodes().length > %d && document.querySelector('#act-from') && document.querySelector('#panel h2').textContent.includes(%q)`, before, name))
		if name == "Belgium" {
			run(t, ctx, "path from Belgium", chromedp.Click(chromedp.CSS(`#act-from`)))
		} else {
			run(t, ctx, "path to the court", chromedp.Click(chromedp.CSS(`#act-to`)))
		}
	}
	waitJS(t, ctx, "paths listed", `document.querySelectorAll('#panel .path-list a.path-edge').length > 0`)
	pathText := evalJS[string](t, ctx, `document.querySelector('#panel .path-list li').textContent`)
	if !strings.Contains(pathText, "Belgium") || !strings.Contains(pathText, "Brussels Court of Appeal") {
		t.Errorf("first path: %q", pathText)
	}
	screenshot(t, ctx, "06-paths-belgium-court")
	// The path edge whose evidence comes from a document (a ruling's sentence).
	pathEdge := evalJS[string](t, ctx, `(() => { const a = [...document.querySelectorAll('#panel a.path-edge')].find(a => (rgCy.getElementById(a.dataset.edge).data('evidence')||[]).some(v => v.quote && !/^Reference data/.test(v.document.title||''))); return a ? a.dataset.edge : ''; })()`)
	if pathEdge == "" {
		t.Fatal("no edge on the paths between Belgium and the court has a sentence from a document")
	}
	run(t, ctx, "open the path edge", chromedp.Click(chromedp.CSS(fmt.Sprintf(`#panel a.path-edge[data-edge=%q]`, pathEdge))))
	waitJS(t, ctx, "path edge evidence", `document.querySelector('#panel blockquote.quote')`)
	sentence := evalJS[string](t, ctx, `[...document.querySelectorAll('#panel li')].find(li => !/Reference data/.test(li.textContent)).querySelector('blockquote').textContent`)
	if len(sentence) < 20 {
		t.Errorf("the sentence behind the path edge: %q", sentence)
	}
	screenshot(t, ctx, "07-path-edge-sentence")
	readHref := evalJS[string](t, ctx, `[...document.querySelectorAll('#panel li')].find(li => !/Reference data/.test(li.textContent)).querySelector('a.reader-link').getAttribute('href')`)
	run(t, ctx, "read the sentence", chromedp.Click(chromedp.CSS(fmt.Sprintf(`#panel a.reader-link[href=%q]`, readHref))))
	waitJS(t, ctx, "reader ready", `location.pathname.startsWith('/documents/') && document.body.dataset.ready === 'true'`)
	checkReaderQuote(t, ctx, "")
	screenshot(t, ctx, "08-reader-path-sentence")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.TrimSpace(x) == strings.TrimSpace(s) {
			return true
		}
	}
	return false
}

// checkReaderQuote checks the reader: mentions are highlighted, the quoted
// span is marked, lies in the viewport, and (when want is given) reads as want.
func checkReaderQuote(t *testing.T, ctx context.Context, want string) {
	t.Helper()
	if n := evalJS[int](t, ctx, `document.querySelectorAll('#text .m').length`); n == 0 {
		t.Error("the reader highlights no mention")
	}
	got := evalJS[string](t, ctx, `[...document.querySelectorAll('#text mark.q')].map(m => m.textContent).join('')`)
	if got == "" {
		t.Fatal("the reader marks no quoted span")
	}
	if want != "" && strings.Join(strings.Fields(got), " ") != strings.Join(strings.Fields(want), " ") {
		t.Errorf("highlighted span %q, want the evidence quote %q", got, want)
	}
	inView := evalJS[bool](t, ctx, `(() => { const r = document.getElementById('quote').getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0; })()`)
	if !inView {
		t.Error("the quoted span is not scrolled into view")
	}
	if n := evalJS[int](t, ctx, `document.querySelectorAll('aside a[href^="/explore#"]').length`); n == 0 {
		t.Error("the reader lists no entity linking back to the explorer")
	}
}

// checkObligationsPage compares the page with the API's answer for the same date.
func checkObligationsPage(t *testing.T, ctx context.Context, ts *httptest.Server) {
	t.Helper()
	title := evalJS[string](t, ctx, `document.querySelector('#title').textContent`)
	if !strings.Contains(title, "Belgium") || !strings.Contains(title, "2023-05-01") {
		t.Errorf("title %q", title)
	}
	res := query(t, ts, `{ obligations(state: "BEL", asOf: "2023-05-01") { instrument { name } participation { unverified } } }`, nil)
	obs, _ := okData(t, res)["obligations"].([]any)
	if len(obs) == 0 {
		t.Fatal("the API says nothing binds Belgium on 2023-05-01")
	}
	shown := evalJS[int](t, ctx, `document.querySelectorAll('details.inst').length`)
	if shown != len(obs) {
		t.Errorf("the page lists %d instruments, the API %d", shown, len(obs))
	}
	unverified := 0
	for _, o := range obs {
		if at(o, "participation", "unverified") == true {
			unverified++
		}
	}
	if flags := evalJS[int](t, ctx, `[...document.querySelectorAll('details.inst summary .flag')].filter(f => f.textContent === 'unverified').length`); flags != unverified {
		t.Errorf("%d unverified flags shown, the API has %d unverified participations", flags, unverified)
	}
	href := evalJS[string](t, ctx, `document.querySelector('#csv a').getAttribute('href')`)
	if !strings.Contains(href, "report=obligations") || !strings.Contains(href, "asOf=2023-05-01") {
		t.Errorf("CSV link %q", href)
	}
	resp, err := http.Get(ts.URL + href)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(string(body), "state,") {
		t.Errorf("CSV report: %d %.200s", resp.StatusCode, body)
	}
	if n := evalJS[int](t, ctx, `document.querySelectorAll('#out table tbody tr').length`); n == 0 {
		t.Error("no provision or violation rows")
	}
}

// BenchmarkExplorerLayout500 renders and lays out (fCoSE, no animation) a
// synthetic view of 500 nodes and 1,500 edges in the explorer in headless
// Chromium; ms/view is the time from adding the elements to the first frame
// after the layout stopped. Issue 10 asks for under 2 s on the project's
// 2-core machine.
func BenchmarkExplorerLayout500(b *testing.B) {
	if !server.AssetsBuilt() {
		b.Skip("front-end assets not built: run make assets")
	}
	s := server.New(server.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, nil)
	ts := httptest.NewServer(s.Handler())
	b.Cleanup(ts.Close)
	ctx := newBrowser(b, 1440, 900)
	run(b, ctx, "open /explore", chromedp.Navigate(ts.URL+"/explore"))
	waitJS(b, ctx, "explorer ready", `document.body.dataset.ready === 'true'`)
	var total float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`rgBench(500, 1500)`, chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatal(err)
		}
		total += ms
	}
	b.StopTimer()
	nodes := evalJS[int](b, ctx, `rgCy.nodes().length`)
	edges := evalJS[int](b, ctx, `rgCy.edges().length`)
	if nodes != 500 || edges != 1500 {
		b.Fatalf("view has %d nodes and %d edges, want 500 and 1500", nodes, edges)
	}
	b.ReportMetric(total/float64(b.N), "ms/view")
	screenshot(b, ctx, "bench-500-nodes-1500-edges")
}

// unlabelled lists the form controls and buttons of the page without an
// accessible name (a label, aria-label, aria-labelledby or text).
const unlabelledJS = `[...document.querySelectorAll('input, select, button, [role=listbox], [role=application]')]
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby') && !el.textContent.trim())
  .map(el => el.outerHTML.slice(0, 80))`

func browserKeyboard(t *testing.T, ts *httptest.Server, ctx context.Context) {
	run(t, ctx, "open /explore", chromedp.Navigate(ts.URL+"/explore"))
	waitJS(t, ctx, "explorer ready", `document.body.dataset.ready === 'true'`)
	if bad := evalJS[[]string](t, ctx, unlabelledJS); len(bad) > 0 {
		t.Errorf("explorer controls without a label: %q", bad)
	}
	if n := evalJS[int](t, ctx, `document.querySelectorAll('main section[aria-label], main [role=search]').length`); n < 5 {
		t.Errorf("%d labelled regions (search, filters, graph, evidence, timeline)", n)
	}

	// Keyboard only: type, Enter, Enter on the focused result, then the node list.
	run(t, ctx, "search with the keyboard",
		chromedp.Focus(chromedp.CSS(`#q`)),
		chromedp.SendKeys(chromedp.CSS(`#q`), "Belgium\r"),
		chromedp.WaitVisible(chromedp.CSS(`#results button`)),
	)
	waitJS(t, ctx, "a result has the focus", `document.activeElement && document.activeElement.closest('#results')`)
	run(t, ctx, "add with Enter", chromedp.KeyEvent("\r"))
	waitJS(t, ctx, "node added", `rgCy.nodes().length === 1 && document.querySelector('#panel h2').textContent.includes('Belgium')`)
	run(t, ctx, "focus the node list", chromedp.Focus(chromedp.CSS(`#node-list`)))
	run(t, ctx, "expand with Enter", chromedp.KeyEvent("\r"))
	waitJS(t, ctx, "expanded with the keyboard", `rgCy.edges().length > 0 && document.querySelectorAll('#node-list li').length > 1 && document.body.dataset.layout === 'done'`)
	before := evalJS[string](t, ctx, `document.querySelector('#node-list li[aria-selected=true]').dataset.id`)
	run(t, ctx, "arrow down", chromedp.Focus(chromedp.CSS(`#node-list`)), chromedp.KeyEvent(kb.ArrowDown))
	waitJS(t, ctx, "selection moved", fmt.Sprintf(`document.querySelector('#node-list li[aria-selected=true]') && document.querySelector('#node-list li[aria-selected=true]').dataset.id !== %q`, before))

	// The balanced ranking: Belgium's first hop shows treaties and events, not only obligations.
	types := evalJS[map[string]int](t, ctx, `rgCy.edges().reduce((m, e) => (m[e.data('type')] = (m[e.data('type')] || 0) + 1, m), {})`)
	for _, want := range []string{"PARTY_TO", "INVOLVED_IN"} {
		if types[want] == 0 {
			t.Errorf("Belgium's neighbourhood has no %s edge: %v", want, types)
		}
	}

	// Filters: hide events; they leave the canvas, the timeline and the URL says so.
	run(t, ctx, "hide events", chromedp.Click(chromedp.CSS(`#f-kinds input[data-kind=Event]`)))
	waitJS(t, ctx, "events hidden", `rgCy.nodes('[kind = "Event"]').every(n => n.hasClass('hidden')) && location.hash.includes('hk=Event')`)
	if n := evalJS[int](t, ctx, `document.querySelectorAll('#timeline .tl-event').length`); n != 0 {
		t.Errorf("timeline shows %d hidden events", n)
	}
	run(t, ctx, "show events", chromedp.Click(chromedp.CSS(`#f-kinds input[data-kind=Event]`)))
	waitJS(t, ctx, "timeline in date order", `document.querySelectorAll('#timeline .tl-event').length > 0`)
	dates := evalJS[[]string](t, ctx, `[...document.querySelectorAll('#timeline .tl-event')].map(b => b.title.split(' ')[0])`)
	for i := 1; i < len(dates); i++ {
		if dates[i] < dates[i-1] {
			t.Errorf("timeline out of order: %v", dates)
			break
		}
	}
	screenshot(t, ctx, "10-keyboard-expanded-belgium")

	// Belgium has more than 25 edges: the panel offers the next 75.
	run(t, ctx, "select Belgium", chromedp.Click(chromedp.CSS(`#node-list li[data-id="state:BEL"]`)))
	waitJS(t, ctx, "more edges offered", `document.querySelector('#act-more')`)
	edgesBefore := evalJS[int](t, ctx, `rgCy.edges().length`)
	run(t, ctx, "load up to 100 edges", chromedp.Click(chromedp.CSS(`#act-more`)))
	waitJS(t, ctx, "more edges loaded", fmt.Sprintf(`rgCy.edges().length > %d && document.body.dataset.layout === 'done'`, edgesBefore))

	// The view in the URL: a fresh load of the link shows the same nodes.
	link := evalJS[string](t, ctx, `location.href`)
	wantIDs := evalJS[[]string](t, ctx, `rgCy.nodes().map(n => n.id()).sort()`)
	run(t, ctx, "reload the deep link", chromedp.Navigate("about:blank"), chromedp.Navigate(link))
	waitJS(t, ctx, "deep link restored", `document.body.dataset.ready === 'true' && rgCy.nodes().length > 0`)
	if got := evalJS[[]string](t, ctx, `rgCy.nodes().map(n => n.id()).sort()`); strings.Join(got, ",") != strings.Join(wantIDs, ",") {
		t.Errorf("deep link restored %d nodes, the view had %d", len(got), len(wantIDs))
	}

	// A mouse click on a node on the canvas selects it and loads its neighbourhood.
	type pt struct {
		ID string  `json:"id"`
		X  float64 `json:"x"`
		Y  float64 `json:"y"`
	}
	target := evalJS[pt](t, ctx, `(() => { const ex = new URLSearchParams(location.hash.slice(1)).get('x') || '';
	  const n = rgCy.nodes().filter(n => !ex.split(',').includes(n.id()) && n.data('kind') !== 'Event')[0];
	  const r = document.querySelector('#cy').getBoundingClientRect(), p = n.renderedPosition();
	  return {id: n.id(), x: r.left + p.x, y: r.top + p.y}; })()`)
	run(t, ctx, "click a node", chromedp.MouseClickXY(target.X, target.Y))
	waitJS(t, ctx, "clicked node selected and expanded", fmt.Sprintf(`document.querySelector('#panel h2') && rgCy.getElementById(%q).selected() && (new URLSearchParams(location.hash.slice(1)).get('x') || '').split(',').includes(%q) && document.body.dataset.layout === 'done'`, target.ID, target.ID))
	screenshot(t, ctx, "12-clicked-node-expanded")
	wantIDs = evalJS[[]string](t, ctx, `rgCy.nodes().map(n => n.id()).sort()`)

	// Downloads: PNG and SVG of the view, GraphML and GEXF of the view through /export.
	if png := evalJS[string](t, ctx, `rgCy.png({full: true})`); !strings.HasPrefix(png, "data:image/png;base64,") || len(png) < 1000 {
		t.Errorf("PNG: %.60s", png)
	}
	visible := evalJS[int](t, ctx, `rgCy.nodes().not('.hidden').length`)
	if circles := evalJS[int](t, ctx, `(rgViewSVG().match(/<circle /g) || []).length`); circles != visible {
		t.Errorf("SVG has %d nodes, the view %d", circles, visible)
	}
	for _, f := range []string{"graphml", "gexf"} {
		href := evalJS[string](t, ctx, `document.querySelector('#`+f+`').getAttribute('href')`)
		resp, err := http.Get(ts.URL + href)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("%s export: %d %.200s", f, resp.StatusCode, body)
			continue
		}
		for _, id := range wantIDs {
			if !strings.Contains(string(body), `"`+id+`"`) {
				t.Errorf("%s export lacks node %s", f, id)
				break
			}
		}
	}

	// A document as a seed: the reader's "Open in the explorer" shows what it mentions.
	run(t, ctx, "open a corpus document", chromedp.Navigate(ts.URL+"/documents/"+firstCorpusDoc(t, ts)))
	waitJS(t, ctx, "reader ready", `document.body.dataset.ready === 'true'`)
	if bad := evalJS[[]string](t, ctx, unlabelledJS); len(bad) > 0 {
		t.Errorf("reader controls without a label: %q", bad)
	}
	mentioned := evalJS[int](t, ctx, `new Set([...document.querySelectorAll('#text .m')].map(m => m.dataset.entity)).size`)
	run(t, ctx, "open the document in the explorer", chromedp.Click(chromedp.CSS(`a[href^="/explore#x="]`)))
	waitJS(t, ctx, "document neighbourhood", `location.pathname === '/explore' && document.body.dataset.ready === 'true' && rgCy.edges('[type = "MENTIONED_IN"]').length > 0`)
	if n := evalJS[int](t, ctx, `rgCy.nodes().length - 1`); n == 0 || n > mentioned {
		t.Errorf("the document's neighbourhood has %d entities; the reader highlights %d", n, mentioned)
	}
	screenshot(t, ctx, "11-document-as-seed")

	// The Playground stays at /.
	run(t, ctx, "open the Playground", chromedp.Navigate(ts.URL+"/"))
	waitJS(t, ctx, "GraphiQL", `document.querySelector('.graphiql-container')`)

	run(t, ctx, "open the obligations page", chromedp.Navigate(ts.URL+"/obligations/BEL?asOf=2023-05-01"))
	waitJS(t, ctx, "obligations ready", `document.body.dataset.ready === 'true'`)
	if bad := evalJS[[]string](t, ctx, unlabelledJS); len(bad) > 0 {
		t.Errorf("obligations controls without a label: %q", bad)
	}
}

// firstCorpusDoc is the id of a document of examples/corpus that mentions entities.
func firstCorpusDoc(t *testing.T, ts *httptest.Server) string {
	t.Helper()
	d := okData(t, query(t, ts, `{ documents(first: 50, filter: {source: {contains: "examples/corpus"}}) { nodes { id } } }`, nil))
	nodes, _ := at(d, "documents", "nodes").([]any)
	if len(nodes) == 0 {
		t.Fatal("no example corpus document")
	}
	id, _ := at(nodes[0], "id").(string)
	return id
}
