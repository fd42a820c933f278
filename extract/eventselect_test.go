package extract

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// A report told twice (a summary, then its section; or a file that repeats
// it) gives each event and each duty once, with the evidence of every telling.
func TestOneFactOnceWithAllItsEvidence(t *testing.T) {
	x := mustExtractor(t)
	report := "In March, police arrested 40 protesters in Ghent. The Council of Europe called on Belgium to end the use of kettling."
	once := x.Extract(doc("Belgium 2024\n\n" + report))
	if len(once.Events) == 0 || len(once.Obligations) == 0 {
		t.Fatalf("no event or obligation in %q: %+v %+v", report, once.Events, once.Obligations)
	}
	repeated := x.Extract(doc("Belgium 2024\n\n" + strings.Repeat(report+"\n\n", 12)))
	if len(repeated.Events) != len(once.Events) {
		t.Errorf("told 12 times: %d events, told once: %d", len(repeated.Events), len(once.Events))
	}
	if len(repeated.Obligations) != len(once.Obligations) {
		t.Errorf("told 12 times: %d obligations, told once: %d", len(repeated.Obligations), len(once.Obligations))
	}
	for _, e := range repeated.Events {
		if len(e.Evidence) != 12 {
			t.Errorf("%s has %d pieces of evidence, want 12", e.Type, len(e.Evidence))
		}
	}
	for _, o := range repeated.Obligations {
		if len(o.Evidence) != 12 {
			t.Errorf("obligation %q has %d pieces of evidence, want 12", o.Text, len(o.Evidence))
		}
	}
}

// One clause, one event: the saying of a fact is not a second event, and
// nouns that name what is asked for have not happened.
func TestOneEventPerClause(t *testing.T) {
	x := mustExtractor(t)
	for _, tt := range []struct {
		text string
		want []string // event types, in order
	}{
		{"Kenya 2024\n\nIn June, 12 students were arrested and detained for two days.", []string{"ARREST"}},
		{"Kenya 2024\n\nIn June, police arrested 40 students and jailed three journalists.", []string{"ARREST", "DETENTION"}},
		{"Iran 2024\n\nIn 2024, Iran carried out 900 executions, the rights group said.", []string{"EXECUTION"}},
		{"Iran 2024\n\nThe European Commission urged the release of the two journalists.", []string{"STATEMENT"}},
		// a non-governmental voice speaking in its own document is the document, not an event
		{"Iran 2024\n\nAmnesty International urged the release of the two journalists.", nil},
		// ... unless it carries a claim
		{"Iran 2024\n\nAmnesty International said Iran violated the right to a fair trial of the two journalists.", []string{"STATEMENT"}},
		{"Iran 2024\n\nIf the court confirms the sentence, she could be executed within weeks.", nil},
		{"Iran 2024\n\nThe authorities should release all detained protesters.", nil},
	} {
		out := x.Extract(doc(tt.text))
		var got []string
		for _, e := range out.Events {
			got = append(got, e.Type)
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("%q: events %v, want %v", tt.text, got, tt.want)
		}
	}
}

// The same ruling reported by two documents (court, day and case agree) is
// one event of the graph: both extractions give it the same id; another day
// of the same case is another ruling.
func TestOneRulingAcrossDocuments(t *testing.T) {
	x := mustExtractor(t)
	a := x.Extract(doc("Court news\n\nOn 18 July 2023 the European Court of Human Rights ruled in Camara v. Belgium that Belgium had violated Article 6 of the Convention."))
	b := x.Extract(doc("Reception crisis 2023\n\nIn its judgment of 18 July 2023 in Camara v Belgium, the European Court of Human Rights held that the State had breached Article 6."))
	c := x.Extract(doc("Court news\n\nOn 4 March 2024 the European Court of Human Rights ruled in Camara v. Belgium on just satisfaction."))
	ra, rb, rc := rulingIDsOf(a.Events), rulingIDsOf(b.Events), rulingIDsOf(c.Events)
	if len(ra) != 1 || len(rb) != 1 || ra[0] != rb[0] {
		t.Errorf("the same ruling in two documents: ids %v and %v", ra, rb)
	}
	if len(rc) != 1 || len(ra) == 1 && rc[0] == ra[0] {
		t.Errorf("another day of the case has the id of the first: %v %v", ra, rc)
	}
}

func rulingIDsOf(evs []rightsgraph.Event) []string {
	var out []string
	for _, e := range evs {
		if e.Type == "RULING" || e.Type == "CONVICTION" {
			out = append(out, e.ID)
		}
	}
	return out
}

// BenchmarkExtractVaried extracts the shared varied corpus (16 real texts of
// courts, NGOs, governments and UN bodies) document by document, as the
// loader does, and reports documents per second and the bytes allocated per
// byte of input (an upper bound on the extraction's peak memory over its
// input). Run with -cpu 1 for the one-core figure.
func BenchmarkExtractVaried(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "varied", "*.txt"))
	if len(files) == 0 {
		b.Skip("no shared varied corpus beside the checkout")
	}
	x := mustExtractor(b)
	var docs []rightsgraph.Document
	size := 0
	for _, f := range files {
		bs, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc(string(bs)))
		size += len(bs)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			x.Extract(d)
		}
	}
	el := time.Since(start)
	b.StopTimer()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(b.N*len(docs))/el.Seconds(), "docs/s")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/float64(size), "alloc/input")
	b.SetBytes(int64(size))
}

// A ruling that finds a breach: the provision is found violated, and the
// state found in breach is bound by it, the provision as the duty's source.
func TestFindingBindsTheRespondent(t *testing.T) {
	x := mustExtractor(t)
	out := x.Extract(doc("Court news\n\nOn 18 July 2023 the European Court of Human Rights delivered its judgment in Camara v. Belgium. It held unanimously that Belgium had violated Article 6 § 1 of the European Convention on Human Rights."))
	var ruling string
	for _, e := range out.Events {
		if e.Type == "RULING" {
			ruling = e.ID
		}
	}
	if ruling == "" {
		t.Fatalf("no ruling: %+v", out.Events)
	}
	found := false
	for _, r := range out.Relations {
		if r.Type == "FINDS_VIOLATION_OF" && r.From == ruling && strings.Contains(r.To, "provision:") {
			found = true
		}
	}
	if !found {
		t.Errorf("the ruling finds no provision violated: %+v", out.Relations)
	}
	bound := false
	for _, o := range out.Obligations {
		if o.Bound == "state:BEL" && o.Provision != nil && *o.Provision == "Article 6 § 1" {
			bound = true
		}
	}
	if !bound {
		t.Errorf("Belgium is not bound by the provision it breached: %+v", out.Obligations)
	}
}
