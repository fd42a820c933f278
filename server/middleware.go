package server

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"runtime/debug"
	"strings"
	"time"

	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

type requestIDKey struct{}

// RequestID returns the request's id ("" outside a request).
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// requestID takes a well-formed X-Request-Id from the client or makes one,
// puts it in the context and echoes it in the response.
func (s *Server) requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if !validRequestID.MatchString(id) {
			var b [8]byte
			_, _ = rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id)))
	})
}

// statusWriter records the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// accessLog writes one structured line per request.
func (s *Server) accessLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		level := slog.LevelInfo
		// A 504 is a request that ran out of time (logged as cancelled), not a failure.
		if sw.status >= 500 && sw.status != http.StatusGatewayTimeout {
			level = slog.LevelError
		}
		s.log.LogAttrs(r.Context(), level, "http request",
			slog.String("request_id", RequestID(r.Context())),
			slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", sw.status), slog.Int64("bytes", sw.bytes),
			slog.Duration("duration", time.Since(start)), slog.String("remote", r.RemoteAddr))
	})
}

// recoverPanics turns a panic into a 500 with a GraphQL-shaped JSON body;
// the panic and its stack go to the log.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			p := recover()
			if p == nil {
				return
			}
			if p == http.ErrAbortHandler {
				panic(p)
			}
			s.log.ErrorContext(r.Context(), "panic", "request_id", RequestID(r.Context()),
				"panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			writeJSONError(w, http.StatusInternalServerError, "internal error", "INTERNAL")
		}()
		next.ServeHTTP(w, r)
	})
}

// withTimeout bounds a request's context; reads pass the time left to
// Neo4j as the transaction timeout, and a row budget caps what they
// materialise. The response is buffered so that it can be corrected before
// it is sent:
//   - a request whose deadline passed before gqlgen wrote anything (gqlgen
//     then writes a bare null) gets a GraphQL error naming the limit;
//   - a request error (parse, validation, a document limit: nothing was
//     executed) has no "data" member, and its status follows
//     GraphQL-over-HTTP: 200 for application/json, 400 for
//     application/graphql-response+json;
//   - a response over MaxResponseBytes is replaced by a LIMIT error.
func (s *Server) withTimeout(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), s.cfg.RequestTimeout)
		defer cancel()
		st := &requestState{}
		ctx = context.WithValue(ctx, requestStateKey{}, st)
		ctx = neo4jdb.WithRowBudget(ctx, s.cfg.MaxRows)
		ctx = neo4jdb.WithAccessMemo(ctx)
		bw := &bufferedWriter{header: w.Header()}
		next.ServeHTTP(bw, r.WithContext(ctx))
		if r.Context().Err() != nil {
			s.logCancelled(ctx, r.Context().Err())
			return // nobody is listening
		}
		body := bytes.TrimSpace(bw.buf.Bytes())
		if ctx.Err() != nil && (len(body) == 0 || string(body) == "null") {
			s.logCancelled(ctx, context.DeadlineExceeded)
			writeJSONError(w, http.StatusOK, fmt.Sprintf("query timed out: the request timeout is %v", s.cfg.RequestTimeout), "LIMIT")
			return
		}
		if int64(len(body)) > s.cfg.MaxResponseBytes {
			writeJSONError(w, http.StatusOK, fmt.Sprintf("response size limit exceeded: the answer has %d bytes, the maximum response size is %d bytes; ask for smaller pages or fewer fields", len(body), s.cfg.MaxResponseBytes), "LIMIT")
			return
		}
		status := bw.status
		if st.handed.Load() && !st.executed.Load() && len(body) > 0 && body[0] == '{' {
			var graphqlErr bool
			body, graphqlErr = dropData(body)
			// A GraphQL request error (parse, validation, a limit: each
			// error has a code) is 200 for application/json and 400 for
			// graphql-response+json; gqlgen's own decoding errors keep theirs.
			if graphqlErr && (status == 0 || status == http.StatusOK || status == http.StatusBadRequest || status == http.StatusUnprocessableEntity) {
				if strings.HasPrefix(w.Header().Get("Content-Type"), "application/graphql-response+json") {
					status = http.StatusBadRequest
				} else {
					status = http.StatusOK
				}
			}
		}
		if status != 0 {
			w.WriteHeader(status)
		}
		_, _ = w.Write(body)
	})
}

// dropData removes the "data" member of a request error's response (gqlgen
// always writes one, as null); graphqlErr reports that every error has an
// extensions.code, as GraphQL's parse, validation and limit errors do.
func dropData(body []byte) (out []byte, graphqlErr bool) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(body, &obj); err != nil {
		return body, false
	}
	var errs []struct {
		Extensions map[string]any `json:"extensions"`
	}
	_ = json.Unmarshal(obj["errors"], &errs)
	graphqlErr = len(errs) > 0
	for _, e := range errs {
		if c, _ := e.Extensions["code"].(string); c == "" {
			graphqlErr = false
		}
	}
	if _, ok := obj["data"]; !ok {
		return body, graphqlErr
	}
	delete(obj, "data")
	b, err := json.Marshal(obj)
	if err != nil {
		return body, graphqlErr
	}
	return b, graphqlErr
}

// bufferedWriter holds a response until the handler returns.
type bufferedWriter struct {
	header http.Header
	status int
	buf    bytes.Buffer
}

func (b *bufferedWriter) Header() http.Header { return b.header }
func (b *bufferedWriter) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.buf.Write(p)
}
func (b *bufferedWriter) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}

// readBody reads at most max bytes of the request body; tooLarge reports a
// body over the limit.
func readBody(r *http.Request, max int64) (body []byte, tooLarge bool, err error) {
	if r.ContentLength > max {
		return nil, true, nil
	}
	b, err := io.ReadAll(io.LimitReader(r.Body, max+1))
	if err != nil {
		return nil, false, err
	}
	if int64(len(b)) > max {
		return nil, true, nil
	}
	r.Body = io.NopCloser(bytes.NewReader(b))
	return b, false, nil
}

type jsonError struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions,omitempty"`
}

// writeJSONError writes a GraphQL-shaped error response.
func writeJSONError(w http.ResponseWriter, status int, msg, code string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []jsonError{{Message: msg, Extensions: map[string]any{"code": code}}},
	})
}
