package loader

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// Input is one source to read: a file path, an http(s) URL, or "-" for
// standard input.
type Input struct {
	Source string
	// Display is the source as stored and shown: a path relative to what
	// was given (an absolute argument is shown from its last element), so
	// that readers of the graph do not learn where files sit on the loading
	// machine. Empty means Source.
	Display string
	// Format is the format chosen from the file extension ("" when the
	// content decides: stdin, URLs, files named explicitly with an unknown
	// extension).
	Format string
}

// Failure is a source that could not be read, extracted or written.
type Failure struct {
	Source string
	Err    error
}

func (f Failure) String() string { return f.Source + ": " + reason(f.Err) }

// reason is the message of err without the wrapping the loader added.
func reason(err error) string { return err.Error() }

// Skipped counts directory entries that were not read.
type Skipped struct {
	Hidden  int // names starting with '.'
	Unknown int // extensions no reader handles
}

// extFormats maps file extensions to formats.
var extFormats = map[string]string{
	".txt":      FormatText,
	".text":     FormatText,
	".md":       FormatMarkdown,
	".markdown": FormatMarkdown,
	".html":     FormatHTML,
	".htm":      FormatHTML,
	".xhtml":    FormatHTML,
	".pdf":      FormatPDF,
	".jsonl":    FormatJSONL,
	".yaml":     FormatReference,
	".yml":      FormatReference,
}

// FormatOf returns the format for a file name's extension, or "".
func FormatOf(name string) string {
	return extFormats[strings.ToLower(filepath.Ext(name))]
}

// IsURL says whether s is an http or https URL.
func IsURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// Expand turns command-line arguments into inputs: a file stays itself, a
// directory becomes its files (recursively, in sorted order, skipping and
// counting hidden entries and unknown extensions), URLs and "-" stay as they
// are. Arguments that do not exist, and directory entries that cannot be
// read, become failures.
func Expand(args []string) ([]Input, Skipped, []Failure) {
	var ins []Input
	var sk Skipped
	var fails []Failure
	for _, a := range args {
		switch {
		case a == "-":
			ins = append(ins, Input{Source: "-"})
		case IsURL(a):
			ins = append(ins, Input{Source: a})
		default:
			st, err := os.Stat(a)
			if err != nil {
				fails = append(fails, Failure{a, unwrapPathError(err)})
				continue
			}
			if !st.IsDir() {
				ins = append(ins, Input{Source: a, Format: FormatOf(a), Display: displayPath(a)})
				continue
			}
			walkDir(a, &ins, &sk, &fails)
		}
	}
	return ins, sk, fails
}

// displayPath is how a path argument is shown: cleaned as given when
// relative, its last element when absolute.
func displayPath(a string) string {
	if filepath.IsAbs(a) {
		return filepath.Base(a)
	}
	return filepath.ToSlash(filepath.Clean(a))
}

func walkDir(root string, ins *[]Input, sk *Skipped, fails *[]Failure) {
	// WalkDir visits entries in lexical order, which makes loads reproducible.
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			*fails = append(*fails, Failure{p, unwrapPathError(err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			sk.Hidden++
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			if d.Type()&fs.ModeSymlink == 0 {
				sk.Unknown++
				return nil
			}
			st, err := os.Stat(p)
			if err != nil {
				*fails = append(*fails, Failure{p, unwrapPathError(err)})
				return nil
			}
			if !st.Mode().IsRegular() {
				sk.Unknown++
				return nil
			}
		}
		f := FormatOf(p)
		if f == "" {
			sk.Unknown++
			return nil
		}
		disp := displayPath(root)
		if rel, err := filepath.Rel(root, p); err == nil {
			disp = filepath.ToSlash(filepath.Join(disp, rel))
		}
		*ins = append(*ins, Input{Source: p, Format: f, Display: disp})
		return nil
	})
}

// unwrapPathError drops the *PathError's path (the failure line already
// names the source) and keeps the reason ("permission denied").
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Fetcher gets the raw bytes of inputs, with a size limit and, for URLs, a timeout.
type Fetcher struct {
	MaxSize int64         // bytes; DefaultMaxSize when 0
	Timeout time.Duration // per URL; 30 s when 0
	Client  *http.Client  // a client that refuses internal addresses when nil
	Stdin   io.Reader     // for "-"
	// AllowPrivate lets URL sources reach loopback, private, link-local
	// and other internal addresses (--allow-private-urls). Off, such an
	// address is refused at every connection, redirects included, by the
	// IP actually dialed, so a public name resolving to 127.0.0.1 is
	// refused too.
	AllowPrivate bool
}

func (f *Fetcher) maxSize() int64 {
	if f.MaxSize > 0 {
		return f.MaxSize
	}
	return DefaultMaxSize
}

// Raw is an input's raw content and what its origin says about its format.
type Raw struct {
	Data        []byte
	ContentType string // from an HTTP response
	FinalURL    string // after redirects
}

// Fetch reads the input's raw bytes.
func (f *Fetcher) Fetch(ctx context.Context, in Input) (*Raw, error) {
	switch {
	case in.Source == "-":
		if f.Stdin == nil {
			return nil, errorf("no standard input")
		}
		b, err := readLimited(f.Stdin, f.maxSize())
		if err != nil {
			return nil, err
		}
		return &Raw{Data: b}, nil
	case IsURL(in.Source):
		return f.fetchURL(ctx, in.Source)
	default:
		st, err := os.Stat(in.Source)
		if err != nil {
			return nil, unwrapPathError(err)
		}
		if st.IsDir() {
			return nil, errorf("is a directory")
		}
		if st.Size() > f.maxSize() {
			return nil, errorf("too large: %s over the %s limit (--max-size)", humanSize(st.Size()), humanSize(f.maxSize()))
		}
		file, err := os.Open(in.Source)
		if err != nil {
			return nil, unwrapPathError(err)
		}
		defer file.Close()
		b, err := readLimited(file, f.maxSize())
		if err != nil {
			return nil, err
		}
		return &Raw{Data: b}, nil
	}
}

func readLimited(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, unwrapPathError(err)
	}
	if int64(len(b)) > max {
		return nil, errorf("too large: over the %s limit (--max-size)", humanSize(max))
	}
	return b, nil
}

func (f *Fetcher) fetchURL(ctx context.Context, u string) (*Raw, error) {
	timeout := f.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, errorf("bad URL: %v", err)
	}
	req.Header.Set("User-Agent", "rightsgraph-loader/1")
	req.Header.Set("Accept", "text/html, text/markdown, text/plain, application/pdf, application/x-ndjson, application/yaml;q=0.9, */*;q=0.5")
	client := f.Client
	if client == nil {
		allow := publicAddr
		if f.AllowPrivate {
			allow = nil
		}
		client = checkedClient(allow)
	}
	resp, err := client.Do(req)
	if err != nil {
		var refused *internalAddrError
		if errors.As(err, &refused) {
			return nil, errorf("refused: %v (pass --allow-private-urls to load from internal addresses)", refused)
		}
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, errorf("timed out after %v (--timeout)", timeout)
		}
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, errorf("fetch failed: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, errorf("HTTP %s", resp.Status)
	}
	if resp.ContentLength > f.maxSize() {
		return nil, errorf("too large: %s over the %s limit (--max-size)", humanSize(resp.ContentLength), humanSize(f.maxSize()))
	}
	b, err := readLimited(resp.Body, f.maxSize())
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, errorf("timed out after %v reading the body (--timeout)", timeout)
		}
		return nil, err
	}
	return &Raw{Data: b, ContentType: resp.Header.Get("Content-Type"), FinalURL: resp.Request.URL.String()}, nil
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// DetectFormat chooses a format for content whose extension did not: from
// the HTTP content type, then the URL path's extension, then the bytes.
func DetectFormat(in Input, raw *Raw) string {
	if in.Format != "" {
		return in.Format
	}
	if raw.ContentType != "" {
		mt, _, _ := mime.ParseMediaType(raw.ContentType)
		switch mt {
		case "text/html", "application/xhtml+xml":
			return FormatHTML
		case "text/markdown", "text/x-markdown":
			return FormatMarkdown
		case "application/pdf":
			return FormatPDF
		case "application/x-ndjson", "application/jsonl", "application/x-jsonlines":
			return FormatJSONL
		case "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml":
			return FormatReference
		}
	}
	if IsURL(in.Source) {
		u, _ := url.Parse(raw.FinalURL)
		if u == nil {
			u, _ = url.Parse(in.Source)
		}
		if f := FormatOf(path.Base(u.Path)); f != "" {
			return f
		}
	}
	return sniff(raw.Data)
}

// sniff guesses a format from content.
func sniff(b []byte) string {
	head := b
	if len(head) > 512 {
		head = head[:512]
	}
	trimmed := strings.TrimLeft(string(head), " \t\r\n\ufeff")
	switch {
	case strings.HasPrefix(trimmed, "%PDF-"):
		return FormatPDF
	case strings.HasPrefix(trimmed, `{"document"`) || strings.HasPrefix(trimmed, "{\n") || strings.HasPrefix(trimmed, "{ \"document\""):
		return FormatJSONL
	}
	if strings.HasPrefix(http.DetectContentType(b), "text/html") {
		return FormatHTML
	}
	return FormatText
}

// internalAddrError is a connection refused because of the address dialed.
type internalAddrError struct{ addr netip.Addr }

func (e *internalAddrError) Error() string {
	return fmt.Sprintf("%s is a loopback, private, link-local or otherwise internal address", e.addr)
}

// cgnat is the shared address space of carrier-grade NAT (RFC 6598).
var cgnat = netip.MustParsePrefix("100.64.0.0/10")

// internalAddr reports whether a is not a public unicast address.
func internalAddr(a netip.Addr) bool {
	a = a.Unmap()
	return a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsInterfaceLocalMulticast() || a.IsMulticast() || a.IsUnspecified() || cgnat.Contains(a) ||
		(a.Is4() && a.As4()[0] == 0)
}

// publicAddr is the default dial policy: public unicast addresses only.
func publicAddr(ap netip.AddrPort) bool { return !internalAddr(ap.Addr()) }

// checkedClient fetches URLs over a transport whose dialer checks every IP
// and port it connects to (after DNS resolution, on every redirect) with
// allow; nil allows all. It uses no proxy from the environment, so the
// check sees the real destination.
func checkedClient(allow func(netip.AddrPort) bool) *http.Client {
	d := &net.Dialer{Timeout: 10 * time.Second}
	if allow != nil {
		d.Control = func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("dial %s: %w", address, err)
			}
			if !allow(ap) {
				return &internalAddrError{addr: ap.Addr().Unmap()}
			}
			return nil
		}
	}
	tr := &http.Transport{
		DialContext:           d.DialContext,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 30 * time.Second,
		MaxIdleConns:          4,
		IdleConnTimeout:       30 * time.Second,
	}
	return &http.Client{Transport: tr, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}}
}
