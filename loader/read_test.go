package loader

import (
	"bytes"
	"context"
	"flag"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

var update = flag.Bool("update", false, "rewrite generated fixtures under testdata/loader")

const fixtures = "../testdata/loader"

func TestWritePDFFixtures(t *testing.T) {
	files := map[string][]byte{
		"good/report.pdf": makePDF("Detention conditions in Belgium", "20240312093000+01'00'",
			[]string{"Prisoners were detained in inhumane conditions in 2023.", "The Council of Europe criticised Belgium."},
			[]string{"Belgium must end overcrowding in its prisons."}),
		"bad/scanned.pdf": makePDF("Scanned letter", "20240101", nil...),
	}
	for name, want := range files {
		p := filepath.Join(fixtures, name)
		if *update {
			if err := os.WriteFile(p, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(p)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is stale or missing (go test ./loader -run TestWritePDFFixtures -update): %v", p, err)
		}
	}
}

func readFixture(t *testing.T, name string) []*Doc {
	t.Helper()
	f := &Fetcher{}
	in := Input{Source: filepath.Join(fixtures, name), Format: FormatOf(name)}
	docs, err := f.Read(context.Background(), in)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return docs
}

func TestReadFormats(t *testing.T) {
	tests := []struct {
		file                                string
		format, title, publisher, published string
		lang                                string
		contains, absent                    []string
		text                                string // exact, when set
	}{
		{file: "good/report.txt", format: FormatText,
			contains: []string{"Brussels Court of First Instance", "(Fedasil)"}},
		{file: "good/article.html", format: FormatHTML,
			title: "Climate activists convicted in Brussels | Example Rights Monitor", publisher: "Example Rights Monitor",
			published: "2023-11-04", lang: "en",
			text: "Climate activists convicted in Brussels\n\n4 November 2023\n\n" +
				"On 3 November 2023, the Brussels Criminal Court found twelve climate activists guilty of trespassing after a peaceful action at an airport.\n\n" +
				"The activists said they would appeal.\nTheir lawyers cited Article 11 of the European Convention on Human Rights."},
		{file: "good/statement.md", format: FormatMarkdown,
			title: "Statement on the rights of asylum seekers", publisher: "Example Foreign Ministry", published: "2024-02-12", lang: "en",
			contains: []string{"The Minister recalled that Belgium is a party to the Refugee Convention.", "Detention of children must end.", "2023\t35,000"},
			absent:   []string{"**", "https://", "Share this page", "title:", "<div"}},
		{file: "good/report.pdf", format: FormatPDF,
			title: "Detention conditions in Belgium", publisher: "Test Publisher", published: "2024-03-12", lang: "en",
			text: "Prisoners were detained in inhumane conditions in 2023.\nThe Council of Europe criticised Belgium.\n\nBelgium must end overcrowding in its prisons."},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			docs := readFixture(t, tt.file)
			if len(docs) != 1 {
				t.Fatalf("%d docs, want 1", len(docs))
			}
			d := docs[0].Document
			raw, _ := os.ReadFile(filepath.Join(fixtures, tt.file))
			if d.ID != docID(raw) || len(d.ID) != 64 {
				t.Errorf("id = %s, want sha256 of the raw content", d.ID)
			}
			got := []string{d.Format, d.Title, d.Publisher, d.Published, d.Language}
			want := []string{tt.format, tt.title, tt.publisher, tt.published, tt.lang}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("format/title/publisher/published/lang = %q, want %q", got, want)
			}
			if tt.text != "" && d.Text != tt.text {
				t.Errorf("text =\n%q\nwant\n%q", d.Text, tt.text)
			}
			for _, s := range tt.contains {
				if !strings.Contains(d.Text, s) {
					t.Errorf("text lacks %q:\n%s", s, d.Text)
				}
			}
			for _, s := range tt.absent {
				if strings.Contains(d.Text, s) {
					t.Errorf("text has %q:\n%s", s, d.Text)
				}
			}
		})
	}
	// .txt: the text is the file's bytes, so offsets are file offsets.
	raw, _ := os.ReadFile(filepath.Join(fixtures, "good/report.txt"))
	if d := readFixture(t, "good/report.txt")[0]; d.Document.Text != string(raw) {
		t.Error("text document is not the file's bytes")
	}
}

func TestReadHTMLChoosesMainContent(t *testing.T) {
	tests := []struct{ name, html, want string }{
		{"main", `<body><nav>Menu</nav><main><p>Main text.</p></main><footer>Foot</footer></body>`, "Main text."},
		{"role main", `<body><header>Top</header><div role="main"><p>Role text.</p></div><aside>Side</aside></body>`, "Role text."},
		{"body minus boilerplate", `<body><nav>Menu</nav><header>Top</header><div><p>Body text.</p><p>More.</p></div><aside>Side</aside><footer>Foot</footer><form>Find</form></body>`, "Body text.\n\nMore."},
		{"empty article falls back", `<body><article></article><p>Outside.</p></body>`, "Outside."},
		{"entities and whitespace", `<p>Caf&eacute;   &amp;&nbsp;bar</p>`, "Café & bar"},
		{"hidden", `<p>Seen</p><p hidden>Unseen</p><div aria-hidden="true">No</div>`, "Seen"},
		{"pre keeps lines", `<pre>a  b
c</pre>`, "a  b\nc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ReadHTML("x.html", []byte(tt.html))
			if err != nil {
				t.Fatal(err)
			}
			if d.Document.Text != tt.want {
				t.Errorf("text = %q, want %q", d.Document.Text, tt.want)
			}
		})
	}
}

func TestReadJSONL(t *testing.T) {
	docs := readFixture(t, "good/extraction.jsonl")
	if len(docs) != 1 || docs[0].Extraction == nil {
		t.Fatalf("got %d docs, want 1 pre-extracted", len(docs))
	}
	e := docs[0].Extraction
	if e.Document.Source != "ruling-2024.txt" || len(e.Entities) != 2 || len(e.Events) != 1 || len(e.Obligations) != 1 {
		t.Errorf("extraction not loaded back unchanged: %+v", e.Document)
	}
	// Reading back is exact: extract's output is the loader's input.
	x, err := Extract(nil, docs[0])
	if err != nil || x != e {
		t.Errorf("Extract of a JSONL doc must return its extraction unchanged: %v", err)
	}

	raw, _ := os.ReadFile(filepath.Join(fixtures, "bad/bad-lines.jsonl"))
	docs, err = ReadJSONL("bad-lines.jsonl", raw)
	if len(docs) != 1 || docs[0].Document.Source != "second.txt" {
		t.Errorf("good line not read: %d docs", len(docs))
	}
	fs := Failures("bad-lines.jsonl", err)
	var lines []string
	for _, f := range fs {
		lines = append(lines, f.String())
	}
	want := []string{"bad-lines.jsonl:2: invalid JSON", "bad-lines.jsonl:3: obligation obligation:bel-comply-2024: quote \"Belgium must obey\" does not match",
		"bad-lines.jsonl:5: entity state:BEL: span 30-500 is outside the text", "bad-lines.jsonl:6: event event:ruling-const-court-2024-03: unknown type \"PICNIC\""}
	if len(lines) != len(want) {
		t.Fatalf("failures = %q, want %d", lines, len(want))
	}
	for i := range want {
		if !strings.HasPrefix(lines[i], want[i]) {
			t.Errorf("failure %d = %q, want prefix %q", i, lines[i], want[i])
		}
	}
}

func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "image.txt")
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0, 1, 2, 3}, 100)...)
	if err := os.WriteFile(bin, png, 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.txt")
	f, _ := os.Create(big)
	_ = f.Truncate(DefaultMaxSize + 1) // sparse: nothing is written to disk
	f.Close()

	tests := []struct{ source, want string }{
		{filepath.Join(fixtures, "bad/empty.txt"), "empty file"},
		{filepath.Join(fixtures, "bad/whitespace.txt"), "no text"},
		{filepath.Join(fixtures, "bad/scripts-only.html"), "no text content in the HTML"},
		{filepath.Join(fixtures, "bad/scanned.pdf"), "PDF has no text layer"},
		{filepath.Join(fixtures, "bad/not-a.pdf"), "not a PDF"},
		{bin, "binary content (image/png)"},
		{big, "too large: 20.0 MB over the 20.0 MB limit"},
		{filepath.Join(dir, "missing.txt"), "no such file or directory"},
	}
	f2 := &Fetcher{}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.source), func(t *testing.T) {
			_, err := f2.Read(context.Background(), Input{Source: tt.source, Format: FormatOf(tt.source)})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
	t.Run("max-size flag", func(t *testing.T) {
		small := &Fetcher{MaxSize: 100}
		_, err := small.Read(context.Background(), Input{Source: filepath.Join(fixtures, "good/report.txt"), Format: FormatText})
		if err == nil || !strings.Contains(err.Error(), "over the 100 bytes limit") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("Latin-1 is decoded with a warning", func(t *testing.T) {
		docs := readFixture(t, "bad/invalid-utf8.txt")
		d := docs[0]
		if !strings.HasPrefix(d.Document.Text, "Résumé of the report: the Ministère de la Justice") || len(d.Warnings) != 1 ||
			!strings.Contains(d.Warnings[0], "decoded from windows-1252") {
			t.Errorf("text %q warnings %q", d.Document.Text, d.Warnings)
		}
		raw, _ := os.ReadFile(filepath.Join(fixtures, "bad/invalid-utf8.txt"))
		if d.Document.ID != docID(raw) {
			t.Error("id must hash the raw bytes")
		}
	})
}

func TestExpand(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"b/2.md", "b/1.txt", "a.html", ".git/x.txt", "c/.draft.md", "data.bin", "z.jsonl"} {
		full := filepath.Join(dir, p)
		_ = os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte("text"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(dir, "nowhere.txt"), filepath.Join(dir, "dangling.txt")); err != nil {
		t.Fatal(err)
	}
	ins, sk, fails := Expand([]string{dir, "-", "https://example.org/a", filepath.Join(dir, "data.bin"), filepath.Join(dir, "nope")})
	var got []string
	for _, in := range ins {
		got = append(got, strings.TrimPrefix(in.Source, dir+"/")+"="+in.Format)
	}
	want := []string{"a.html=html", "b/1.txt=text", "b/2.md=markdown", "z.jsonl=jsonl", "-=", "https://example.org/a=", "data.bin="}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("inputs = %q, want %q", got, want)
	}
	if sk.Hidden != 2 || sk.Unknown != 1 {
		t.Errorf("skipped = %+v, want 2 hidden (.git, .draft.md), 1 unknown (data.bin)", sk)
	}
	if len(fails) != 2 || !strings.HasSuffix(fails[0].String(), "dangling.txt: no such file or directory") ||
		!strings.HasSuffix(fails[1].String(), "nope: no such file or directory") {
		t.Errorf("failures = %v", fails)
	}
}

func TestFetchURL(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(`<html><head><title>T</title></head><body><main><p>Hello from a URL.</p></main></body></html>`))
	})
	mux.HandleFunc("/doc.md", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		_, _ = w.Write([]byte("# Title\n\nSome *text*."))
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write(bytes.Repeat([]byte("a"), 2000))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	f := &Fetcher{Timeout: 300 * time.Millisecond, MaxSize: 1000, AllowPrivate: true} // httptest listens on loopback
	ctx := context.Background()

	docs, err := f.Read(ctx, Input{Source: srv.URL + "/page"})
	if err != nil || docs[0].Document.Format != FormatHTML || docs[0].Document.Text != "Hello from a URL." || docs[0].Document.Source != srv.URL+"/page" {
		t.Errorf("page: %v %+v", err, docs)
	}
	docs, err = f.Read(ctx, Input{Source: srv.URL + "/doc.md"})
	if err != nil || docs[0].Document.Format != FormatMarkdown || docs[0].Document.Text != "Title\n\nSome text." {
		t.Errorf("markdown by URL extension: %v %+v", err, docs)
	}
	for path, want := range map[string]string{
		"/missing": "HTTP 404 Not Found",
		"/slow":    "timed out after 300ms",
		"/big":     "too large",
	} {
		_, err := f.Read(ctx, Input{Source: srv.URL + path})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", path, err, want)
		}
	}
}

func TestStdinSniffing(t *testing.T) {
	pdf := makePDF("T", "2024", []string{"From stdin."})
	for name, tt := range map[string]struct {
		in     []byte
		format string
	}{
		"text":  {[]byte("Plain words."), FormatText},
		"html":  {[]byte("<!doctype html><p>Hi</p>"), FormatHTML},
		"pdf":   {pdf, FormatPDF},
		"jsonl": {[]byte(`{"document":{"id":"abc","source":"s.txt","published":""},"entities":[],"relations":[],"events":[],"obligations":[]}`), FormatJSONL},
	} {
		f := &Fetcher{Stdin: bytes.NewReader(tt.in)}
		docs, err := f.Read(context.Background(), Input{Source: "-"})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got := docs[0].Document.Format; got != tt.format {
			t.Errorf("%s: format %q, want %q", name, got, tt.format)
		}
	}
}

func TestExtractRecoversFromPanics(t *testing.T) {
	_, err := Extract(panicky{}, &Doc{})
	if err == nil || !strings.Contains(err.Error(), "extraction panicked") {
		t.Errorf("err = %v", err)
	}
}

type panicky struct{}

func (panicky) Extract(d rightsgraph.Document) *rightsgraph.Extraction { panic("boom") }

func TestReadPDFCompressedAndBroken(t *testing.T) {
	d, err := ReadPDF("f.pdf", makePDFWith(true, "Flate", "20240101", []string{"Compressed text."}))
	if err != nil || d.Document.Text != "Compressed text." {
		t.Errorf("flate PDF: %v %+v", err, d)
	}
	// A truncated PDF fails cleanly.
	full := makePDF("T", "2024", []string{"Some text."})
	if _, err := ReadPDF("t.pdf", full[:len(full)/2]); err == nil || !strings.Contains(err.Error(), "PDF") {
		t.Errorf("truncated PDF: err = %v", err)
	}
}

// URL sources may not reach internal addresses unless allowed: the check
// is on the IP actually dialed, so it holds for a name that resolves to
// loopback and for a redirect from an allowed server to an internal one.
func TestFetchRefusesInternalAddresses(t *testing.T) {
	internal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("secret metadata"))
	}))
	defer internal.Close()
	ctx := context.Background()
	for _, u := range []string{internal.URL + "/", strings.Replace(internal.URL, "127.0.0.1", "localhost", 1) + "/"} {
		_, err := (&Fetcher{Timeout: 2 * time.Second}).Fetch(ctx, Input{Source: u})
		if err == nil || !strings.Contains(err.Error(), "refused") || !strings.Contains(err.Error(), "--allow-private-urls") {
			t.Errorf("%s: %v, want a refusal naming --allow-private-urls", u, err)
		}
	}
	if raw, err := (&Fetcher{Timeout: 2 * time.Second, AllowPrivate: true}).Fetch(ctx, Input{Source: internal.URL + "/"}); err != nil || string(raw.Data) != "secret metadata" {
		t.Errorf("AllowPrivate: %v", err)
	}

	// "public" stands for an allowed server that redirects inward.
	public := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, internal.URL+"/", http.StatusFound)
	}))
	defer public.Close()
	pub := netip.MustParseAddrPort(strings.TrimPrefix(public.URL, "http://"))
	f := &Fetcher{Timeout: 2 * time.Second, Client: checkedClient(func(ap netip.AddrPort) bool { return ap == pub || publicAddr(ap) })}
	_, err := f.Fetch(ctx, Input{Source: public.URL + "/"})
	if err == nil || !strings.Contains(err.Error(), "refused") || !strings.Contains(err.Error(), "127.0.0.1") {
		t.Errorf("redirect to loopback: %v, want refused", err)
	}

	for addr, want := range map[string]bool{"127.0.0.1": true, "10.1.2.3": true, "192.168.0.1": true, "172.16.5.4": true,
		"169.254.169.254": true, "::1": true, "fe80::1": true, "fd00::1": true, "100.64.0.1": true, "0.0.0.0": true,
		"::ffff:127.0.0.1": true, "8.8.8.8": false, "2001:4860:4860::8888": false, "93.184.216.34": false} {
		if got := internalAddr(netip.MustParseAddr(addr)); got != want {
			t.Errorf("internalAddr(%s) = %v", addr, got)
		}
	}
}
