package loader

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

// Loader reads sources, extracts them on a small worker pool (extraction is
// pure and the slow part) and writes each document in its own transaction
// from a single writer, in the order of the sources.
//
// Crash safety comes from the store: a document's :Document node commits in
// the same transaction as its facts, and documents already loaded are
// skipped, so re-running a batch after a crash picks up where it stopped.
type Loader struct {
	DB        *neo4jdb.DB
	Extractor Extractor
	Fetcher   Fetcher
	Workers   int  // extraction workers; 2 when 0
	Force     bool // rewrite documents that are already loaded
	// Access is the collection and sensitivity of the documents loaded
	// (empty: the default collection, public); a folder's sidecar file
	// overrides it (see SidecarName). Reference data is always public.
	Access   Access
	sidecars sidecars
	// Progress receives the progress bar (when it is a terminal) or
	// periodic log lines. nil means no progress output.
	Progress io.Writer
	Log      *slog.Logger // warnings and failures; slog.Default() when nil
	// WriteHook is passed to neo4jdb.WriteOptions.Hook. Tests only.
	WriteHook func(step string) error
}

// Summary is the outcome of a load.
type Summary struct {
	Sources   int     // inputs after expanding directories
	Loaded    int     // documents written
	Replaced  int     // of which replaced an earlier version of their source
	Unchanged int     // documents already loaded, skipped
	Failed    int     // sources (or JSONL lines) that failed
	Skipped   Skipped // directory entries not read
	Writes    neo4jdb.WriteResult
	Failures  []Failure
	Warnings  []string
	Duration  time.Duration
}

// item is one input's journey through the pipeline.
type item struct {
	in    Input
	docs  []*Doc
	exts  []*rightsgraph.Extraction
	fails []Failure
	warns []string
}

// Load loads every source named by args (paths, URLs, "-"). It applies the
// migrations first. It returns an error only when the batch could not run
// (database unreachable, migrations failed, cancelled); failed sources are
// in the summary.
func (l *Loader) Load(ctx context.Context, args []string) (*Summary, error) {
	start := time.Now()
	log := l.Log
	if log == nil {
		log = slog.Default()
	}
	if err := l.DB.Migrate(ctx); err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	ins, skipped, fails := Expand(args)
	sum := &Summary{Sources: len(ins), Skipped: skipped}
	for _, f := range fails {
		sum.fail(log, f)
	}
	workers := l.Workers
	if workers <= 0 {
		workers = 2
	}
	prog := newProgress(l.Progress, len(ins))
	defer prog.finish()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Items are processed by the workers in any order and written in input
	// order; the window bounds how many finished items wait in memory.
	results := make([]chan *item, len(ins))
	for i := range results {
		results[i] = make(chan *item, 1)
	}
	window := make(chan struct{}, 4*workers)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results[i] <- l.prepare(ctx, ins[i])
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := range ins {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	// Stop the feeder and workers before waiting for them, whichever way
	// Load returns.
	defer func() {
		cancel()
		wg.Wait()
	}()

	for i := range ins {
		var it *item
		select {
		case it = <-results[i]:
		case <-ctx.Done():
			return sum.done(start), ctx.Err()
		}
		<-window
		for _, f := range it.fails {
			sum.fail(log, f)
		}
		for _, w := range it.warns {
			sum.warn(log, w)
		}
		for _, ext := range it.exts {
			res, err := l.DB.WriteExtraction(ctx, ext, neo4jdb.WriteOptions{Force: l.Force, Hook: l.WriteHook})
			if err != nil {
				sum.fail(log, Failure{Source: ext.Document.Source, Err: err})
				if rightsgraph.ErrorCode(err) == rightsgraph.EUNAVAILABLE || ctx.Err() != nil {
					// Every later write would fail the same way, slowly.
					if rightsgraph.ErrorCode(err) == rightsgraph.EUNAVAILABLE {
						return sum.done(start), fmt.Errorf("load: stopped after %d of %d sources: Neo4j does not answer (%w); run the same command again once it is up: what was loaded is skipped", i, len(ins), err)
					}
					return sum.done(start), fmt.Errorf("load: stopped after %d of %d sources: %w", i, len(ins), err)
				}
				continue
			}
			sum.Writes.Add(res)
			switch {
			case res.Skipped:
				sum.Unchanged++
			default:
				sum.Loaded++
				if len(res.Replaced) > 0 && !(len(res.Replaced) == 1 && res.Replaced[0] == ext.Document.ID) {
					sum.Replaced++
				}
			}
			for reason, n := range res.Dropped {
				sum.warn(log, fmt.Sprintf("%s: %d relation(s) not written: %s", ext.Document.Source, n, reason))
			}
		}
		prog.step(it.in.Source, sum)
	}
	return sum.done(start), nil
}

// prepare reads and extracts one input. It never fails the batch.
func (l *Loader) prepare(ctx context.Context, in Input) *item {
	it := &item{in: in}
	docs, err := l.Fetcher.Read(ctx, in)
	if err != nil {
		it.fails = append(it.fails, Failures(in.Source, err)...)
	}
	for _, d := range docs {
		for _, w := range d.Warnings {
			it.warns = append(it.warns, in.Source+": "+w)
		}
		if d.Extraction == nil {
			d.Document.SourceKey = storedSource(in.Source, d.Document.ID)
			d.Document.Source = d.Document.SourceKey
			if in.Display != "" {
				d.Document.Source = in.Display
			}
		}
		acc, err := l.accessOf(in, d.Document.Format)
		if err != nil {
			it.fails = append(it.fails, Failure{Source: d.Document.Source, Err: err})
			continue
		}
		ext, err := Extract(l.Extractor, d)
		if err != nil {
			it.fails = append(it.fails, Failure{Source: d.Document.Source, Err: err})
			continue
		}
		if ext.Document.ID == "" {
			ext.Document.ID = d.Document.ID // an extractor must not lose the id
		}
		if d.Extraction == nil {
			ext.Document.Source, ext.Document.SourceKey = d.Document.Source, d.Document.SourceKey
		}
		if ext.Document.Format != FormatReference {
			ext.Document.Collection, ext.Document.Sensitivity = acc.Collection, acc.Sensitivity
		}
		it.exts = append(it.exts, ext)
	}
	it.docs = nil // the extraction holds the text; let the raw docs go
	return it
}

// storedSource is the source recorded on the :Document, which decides what
// counts as a new version of the same document: a file's absolute path (so
// "a.txt" and "./a.txt" are one source), a URL as given, and for standard
// input a name of its own per content ("stdin:<id prefix>"), since two
// different documents piped in are not versions of each other.
func storedSource(source, id string) string {
	switch {
	case source == "-":
		return "stdin:" + id[:min(12, len(id))]
	case IsURL(source):
		return source
	}
	if abs, err := filepath.Abs(source); err == nil {
		return abs
	}
	return source
}

func (s *Summary) fail(log *slog.Logger, f Failure) {
	s.Failed++
	s.Failures = append(s.Failures, f)
	log.Error("failed", "source", f.Source, "reason", reason(f.Err))
}

func (s *Summary) warn(log *slog.Logger, w string) {
	s.Warnings = append(s.Warnings, w)
	log.Warn(w)
}

func (s *Summary) done(start time.Time) *Summary {
	s.Duration = time.Since(start)
	return s
}

// Print writes the summary for people: counts, then each failure on its own
// line ("source: reason").
func (s *Summary) Print(w io.Writer) {
	fmt.Fprintf(w, "loaded %d document(s) (%d replacing an earlier version), %d unchanged, %d failed, in %s\n",
		s.Loaded, s.Replaced, s.Unchanged, s.Failed, s.Duration.Round(time.Millisecond))
	fmt.Fprintf(w, "graph: +%d nodes, +%d relationships, -%d nodes, -%d relationships, %d properties set\n",
		s.Writes.NodesCreated, s.Writes.RelationshipsCreated, s.Writes.NodesDeleted, s.Writes.RelationshipsDeleted, s.Writes.PropertiesSet)
	if s.Skipped.Hidden+s.Skipped.Unknown > 0 {
		fmt.Fprintf(w, "skipped in directories: %d hidden, %d with an unknown extension\n", s.Skipped.Hidden, s.Skipped.Unknown)
	}
	if len(s.Warnings) > 0 {
		fmt.Fprintf(w, "%d warning(s):\n", len(s.Warnings))
		for _, x := range s.Warnings {
			fmt.Fprintln(w, "  "+x)
		}
	}
	if len(s.Failures) > 0 {
		fmt.Fprintf(w, "%d failure(s):\n", len(s.Failures))
		fs := append([]Failure(nil), s.Failures...)
		sort.SliceStable(fs, func(i, j int) bool { return fs[i].Source < fs[j].Source })
		for _, f := range fs {
			fmt.Fprintln(w, "  "+f.String())
		}
	}
}

// progress shows a bar on a terminal and a log line every few seconds elsewhere.
type progress struct {
	bar   *progressbar.ProgressBar
	w     io.Writer
	total int
	n     int
	last  time.Time
}

func newProgress(w io.Writer, total int) *progress {
	p := &progress{w: w, total: total, last: time.Now()}
	if w == nil || total == 0 {
		return p
	}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription("loading"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("docs"),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	return p
}

func (p *progress) step(source string, s *Summary) {
	p.n++
	switch {
	case p.bar != nil:
		_ = p.bar.Add(1)
	case p.w != nil && (time.Since(p.last) > 5*time.Second || p.n == p.total):
		p.last = time.Now()
		fmt.Fprintf(p.w, "%s load: %d/%d sources (%d loaded, %d unchanged, %d failed) last %s\n",
			time.Now().Format("15:04:05"), p.n, p.total, s.Loaded, s.Unchanged, s.Failed, shortSource(source))
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}

func shortSource(s string) string {
	if len(s) > 60 {
		return "…" + s[len(s)-59:]
	}
	return s
}
