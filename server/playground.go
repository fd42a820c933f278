package server

import (
	"embed"
	"io/fs"
	"log/slog"
	"net/http"
)

// static holds the Playground bundle (static/dist, built by `make assets`)
// and a committed placeholder, so the pattern matches on a fresh clone too.
//
//go:embed static
var static embed.FS

const notBuiltPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>rightsgraph: assets not built</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
<h1>Playground assets not built</h1>
<p>This binary was built without the Playground bundle. Run <code>make assets</code>
(npm ci &amp;&amp; npm run build in <code>web/</code>) and rebuild, or use <code>make build</code>.</p>
<p>The GraphQL endpoint works regardless: POST <code>/graphql</code>.</p>
</body></html>
`

// playground serves the embedded GraphiQL bundle at /, or a page saying how
// to build it when the binary was built without it.
func playground(log *slog.Logger) http.Handler {
	h := playgroundFiles(log)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		h.ServeHTTP(w, r)
	})
}

func playgroundFiles(log *slog.Logger) http.Handler {
	dist, err := fs.Sub(static, "static/dist")
	if err == nil {
		if _, err = fs.Stat(dist, "index.html"); err == nil {
			files := http.FileServerFS(dist)
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("X-Content-Type-Options", "nosniff")
				if r.URL.Path == "/" || r.URL.Path == "/index.html" {
					w.Header().Set("Cache-Control", "no-cache")
				} else {
					w.Header().Set("Cache-Control", "public, max-age=86400")
				}
				files.ServeHTTP(w, r)
			})
		}
	}
	log.Warn("playground assets not built: run make assets")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(notBuiltPage))
	})
}

// AssetsBuilt reports whether the binary embeds the Playground bundle.
func AssetsBuilt() bool {
	_, err := fs.Stat(static, "static/dist/index.html")
	return err == nil
}

// Pages of the browser front-end, each a bundled HTML file in static/dist
// that loads its script from /assets/ and talks to /graphql and /export.
var pages = map[string]string{
	"GET /explore":             "explore.html",
	"GET /documents/{id}":      "document.html",
	"GET /obligations/{state}": "obligations.html",
}

// page serves one embedded HTML page of the front-end, or the "assets not
// built" page when the binary has no bundle.
func page(log *slog.Logger, file string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := fs.ReadFile(static, "static/dist/"+file)
		if err != nil {
			log.Warn("front-end assets not built: run make assets", "page", file)
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte(notBuiltPage))
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if r.Method == http.MethodHead {
			return
		}
		_, _ = w.Write(b)
	})
}
