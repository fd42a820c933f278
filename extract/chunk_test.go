package extract

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// repeatedReports: the project's own evaluation texts repeated to at least n
// bytes, as one document.
func repeatedReports(t testing.TB, n int) string {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "eval-extra", "docs", "*.txt"))
	if len(files) == 0 {
		t.Fatal("no testdata/eval-extra/docs")
	}
	var one strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		one.Write(b)
		one.WriteString("\n\n")
	}
	var all strings.Builder
	for all.Len() < n {
		all.WriteString(one.String())
	}
	return all.String()
}

// A text above the window size is extracted in windows: the evidence stays
// exact against the whole text, the entities are those of one pass over the
// whole text, and facts told in every copy are one item with evidence from
// each window, not one per window.
func TestChunkedExtraction(t *testing.T) {
	x := mustExtractor(t)
	text := repeatedReports(t, chunkAbove+chunkBytes)
	whole := newDoc(x, doc(text)) // one pass, without windows
	whole.run()
	one := whole.out
	out := x.Extract(doc(text))
	if len(out.Relations) == 0 || out.Document.Title != one.Document.Title {
		t.Errorf("windowed: %d relations, title %q (one pass: %q)", len(out.Relations), out.Document.Title, one.Document.Title)
	}
	ids := map[string]bool{}
	for _, e := range out.Entities {
		if ids[e.ID] {
			t.Errorf("entity %s twice", e.ID)
		}
		ids[e.ID] = true
		for _, m := range e.Mentions {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
				t.Fatalf("mention %+v outside the text", m)
			}
		}
	}
	missing := 0
	for _, e := range one.Entities {
		if !ids[e.ID] {
			missing++
		}
	}
	if missing > len(one.Entities)/20 {
		t.Errorf("%d of %d entities of one pass missing from the windowed extraction", missing, len(one.Entities))
	}
	if len(out.Entities) > len(one.Entities)+len(one.Entities)/20 {
		t.Errorf("windows gave %d entities, one pass %d", len(out.Entities), len(one.Entities))
	}
	spans := 0
	for _, ev := range out.Events {
		for _, s := range ev.Evidence {
			spans++
			if text[s.Start:s.End] != s.Quote {
				t.Fatalf("evidence %d-%d quotes %q, the text says %q", s.Start, s.End, s.Quote, text[s.Start:s.End])
			}
		}
	}
	for _, r := range out.Relations {
		for _, s := range r.Evidence {
			if text[s.Start:s.End] != s.Quote {
				t.Fatalf("relation evidence %d-%d is not exact", s.Start, s.End)
			}
		}
	}
	if len(out.Events) > len(one.Events)*5/4 || len(out.Obligations) > len(one.Obligations)*5/4 {
		t.Errorf("windows gave %d events and %d obligations, one pass %d and %d: windows repeat facts",
			len(out.Events), len(out.Obligations), len(one.Events), len(one.Obligations))
	}
	wholeSpans := 0
	for _, ev := range one.Events {
		wholeSpans += len(ev.Evidence)
	}
	if spans < wholeSpans*9/10 {
		t.Errorf("%d evidence spans for the events, one pass %d: evidence lost", spans, wholeSpans)
	}
}

// BenchmarkExtractLarge reports the extraction's peak heap over its input
// for a 5 MB text (the goal is under 10x) and its throughput.
func BenchmarkExtractLarge(b *testing.B) {
	x := mustExtractor(b)
	text := repeatedReports(b, 5<<20)
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	var peak atomic.Uint64
	stop := make(chan struct{})
	go func() {
		var m runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
		}
	}()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x.Extract(doc(text))
	}
	b.StopTimer()
	close(stop)
	b.ReportMetric(float64(peak.Load()-base.HeapInuse)/float64(len(text)), "peakheap/input")
	b.ReportMetric(float64(len(text))*float64(b.N)/b.Elapsed().Seconds()/1e6, "MB/s")
}

// Windows cover the text end to end and end at a paragraph break when the
// text has one.
func TestChunkEnd(t *testing.T) {
	text := repeatedReports(t, 3*chunkBytes)
	n := 0
	for a := 0; a < len(text); n++ {
		b := chunkEnd(text, a, chunkBytes)
		if b <= a || b > len(text) || b-a > chunkBytes+chunkBytes/2 {
			t.Fatalf("window %d-%d of %d", a, b, len(text))
		}
		if b < len(text) && !strings.HasSuffix(text[a:b], "\n\n") {
			t.Errorf("window %d-%d does not end at a paragraph break: %q", a, b, text[b-20:b])
		}
		a = b
	}
	if n < 2 {
		t.Errorf("%d bytes in %d window(s)", len(text), n)
	}
	// one line with no break: the window still ends on a space
	line := strings.Repeat("word ", chunkBytes)
	if b := chunkEnd(line, 0, chunkBytes); b >= len(line) || line[b-1] != ' ' {
		t.Errorf("a single line was cut at %d", b)
	}
}
