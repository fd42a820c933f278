// Package server is rightsgraph's HTTP side: the GraphQL endpoint with its
// limits and error policy, the offline Playground, health checks, request
// middleware and graceful shutdown. Other packages mount more routes through
// Config.Extra or Server.Handle.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

// Config is the server's configuration; zero values take the defaults.
type Config struct {
	// Addr is the listen address (default 127.0.0.1:8080).
	Addr string
	// MaxDepth caps the nesting depth of a query's selections.
	MaxDepth int
	// MaxComplexity caps a query's estimated cost (list fields cost first × child).
	MaxComplexity int
	// MaxPageSize caps first/last (and the number of ids in nodes).
	MaxPageSize int
	// MaxHops caps path lengths and neighbourhood depths.
	MaxHops int
	// RequestTimeout bounds a GraphQL request; it is also Neo4j's transaction timeout.
	RequestTimeout time.Duration
	// MaxBodyBytes caps a request body.
	MaxBodyBytes int64
	// MaxTokens caps the tokens of a query document (checked while parsing).
	MaxTokens int
	// MaxAliases caps the aliased fields of a query document.
	MaxAliases int
	// MaxRootFields caps the top-level fields of an operation.
	MaxRootFields int
	// MaxFields caps the fields an operation selects with its fragments expanded.
	MaxFields int
	// QueryCacheBytes bounds the parsed-query cache by the estimated bytes of its documents.
	QueryCacheBytes int64
	// MaxRows caps the rows one request reads from Neo4j over all its statements.
	MaxRows int
	// MaxResponseBytes caps the size of one GraphQL response.
	MaxResponseBytes int64
	// MaxConcurrent caps the GraphQL and export requests running at once;
	// MaxQueued more wait up to QueueTimeout for a slot, the rest get BUSY.
	MaxConcurrent int
	MaxQueued     int
	QueueTimeout  time.Duration
	// ReadTimeout, WriteTimeout and IdleTimeout bound a connection's
	// request read (headers and body), response write and keep-alive idle time.
	ReadTimeout  time.Duration
	WriteTimeout time.Duration
	IdleTimeout  time.Duration
	// AllowedHosts are the Host header names the server answers to. Empty
	// means: only loopback names when Addr is a loopback address (refuses
	// DNS rebinding), any host otherwise.
	AllowedHosts []string
	// Introspection allows __schema and __type queries (the Playground needs them).
	Introspection bool
	// ShutdownTimeout is how long Run lets in-flight requests finish after ctx ends.
	ShutdownTimeout time.Duration
	// Extra routes (a net/http ServeMux pattern to a handler), mounted
	// beside the built-in ones and wrapped in the same middleware.
	Extra map[string]http.Handler
	// Costs overrides the complexity of fields, keyed "Type.field".
	Costs map[string]CostFunc
	// Logger receives the access log and error details (default slog.Default()).
	Logger *slog.Logger

	// Auth authenticates every request but /healthz and /readyz; nil makes
	// every request anonymous and refuses credentials (401).
	Auth Authenticator
	// RequireAuth answers requests without credentials with 401, even on a
	// loopback address.
	RequireAuth bool
	// InsecureOpen lets the server start on a non-loopback address with no
	// credential configured (anonymous callers still read public documents only).
	InsecureOpen bool
	// AuditLog receives one JSON line per GraphQL and export request,
	// denied ones included; nil: no audit log.
	AuditLog io.Writer
	// RateLimit is each principal's sustained rate of GraphQL and export
	// requests per second (anonymous callers: per client address), RateBurst
	// its bucket size (default: the rate rounded up); 0: no limit.
	RateLimit float64
	RateBurst int
	// CORSOrigins are the origins browsers may call the API from
	// ("https://viz.example.org"; "*" for any); empty: no CORS headers.
	CORSOrigins []string
}

// Defaults.
const (
	DefaultAddr            = "127.0.0.1:8080"
	DefaultMaxDepth        = 12
	DefaultMaxComplexity   = 20000
	DefaultMaxPageSize     = 100
	DefaultMaxHops         = 6
	DefaultRequestTimeout  = 15 * time.Second
	DefaultMaxBodyBytes    = 1 << 20
	DefaultShutdownTimeout = 20 * time.Second
	DefaultMaxTokens       = 10000
	DefaultMaxAliases      = 50
	DefaultMaxRootFields   = 20
	DefaultMaxFields       = 2000
	DefaultQueryCacheBytes = 32 << 20
	DefaultMaxRows         = 50000
	DefaultMaxResponse     = 16 << 20
	DefaultMaxConcurrent   = 16
	DefaultMaxQueued       = 64
	DefaultQueueTimeout    = 5 * time.Second
	DefaultReadTimeout     = 30 * time.Second
	DefaultWriteTimeout    = 60 * time.Second
	DefaultIdleTimeout     = 2 * time.Minute
)

// DefaultConfig returns the defaults, introspection on.
func DefaultConfig() Config {
	return Config{
		Addr: DefaultAddr, MaxDepth: DefaultMaxDepth, MaxComplexity: DefaultMaxComplexity,
		MaxPageSize: DefaultMaxPageSize, MaxHops: DefaultMaxHops, RequestTimeout: DefaultRequestTimeout,
		MaxBodyBytes: DefaultMaxBodyBytes, Introspection: true, ShutdownTimeout: DefaultShutdownTimeout,
		MaxTokens: DefaultMaxTokens, MaxAliases: DefaultMaxAliases, MaxRootFields: DefaultMaxRootFields,
		MaxFields: DefaultMaxFields, QueryCacheBytes: DefaultQueryCacheBytes, MaxRows: DefaultMaxRows,
		MaxResponseBytes: DefaultMaxResponse, MaxConcurrent: DefaultMaxConcurrent, MaxQueued: DefaultMaxQueued,
		QueueTimeout: DefaultQueueTimeout, ReadTimeout: DefaultReadTimeout, WriteTimeout: DefaultWriteTimeout,
		IdleTimeout: DefaultIdleTimeout,
	}
}

func (c *Config) withDefaults() {
	d := DefaultConfig()
	if c.Addr == "" {
		c.Addr = d.Addr
	}
	if c.MaxDepth == 0 {
		c.MaxDepth = d.MaxDepth
	}
	if c.MaxComplexity == 0 {
		c.MaxComplexity = d.MaxComplexity
	}
	if c.MaxPageSize == 0 {
		c.MaxPageSize = d.MaxPageSize
	}
	if c.MaxHops == 0 {
		c.MaxHops = d.MaxHops
	}
	if c.RequestTimeout == 0 {
		c.RequestTimeout = d.RequestTimeout
	}
	if c.MaxBodyBytes == 0 {
		c.MaxBodyBytes = d.MaxBodyBytes
	}
	if c.ShutdownTimeout == 0 {
		c.ShutdownTimeout = d.ShutdownTimeout
	}
	setDefault(&c.MaxTokens, d.MaxTokens)
	setDefault(&c.MaxAliases, d.MaxAliases)
	setDefault(&c.MaxRootFields, d.MaxRootFields)
	setDefault(&c.MaxFields, d.MaxFields)
	setDefault(&c.QueryCacheBytes, d.QueryCacheBytes)
	setDefault(&c.MaxRows, d.MaxRows)
	setDefault(&c.MaxResponseBytes, d.MaxResponseBytes)
	setDefault(&c.MaxConcurrent, d.MaxConcurrent)
	setDefault(&c.MaxQueued, d.MaxQueued)
	setDefault(&c.QueueTimeout, d.QueueTimeout)
	setDefault(&c.ReadTimeout, d.ReadTimeout)
	setDefault(&c.WriteTimeout, max(d.WriteTimeout, c.RequestTimeout+c.QueueTimeout+5*time.Second))
	setDefault(&c.IdleTimeout, d.IdleTimeout)
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
}

func setDefault[T int | int64 | time.Duration](v *T, d T) {
	if *v == 0 {
		*v = d
	}
}

// Server serves the API.
type Server struct {
	cfg Config
	db  *neo4jdb.DB
	log *slog.Logger
	// Mux holds every route; Handle adds more before Run.
	Mux *http.ServeMux

	admission  *admission
	queryCache *byteCache

	// exposed: listening beyond loopback (from Addr, and the listener Serve gets).
	exposed atomic.Bool
	audit   *slog.Logger
	limits  *limiters

	mu   sync.Mutex
	addr string
	// checked is the address CheckExposure last allowed.
	checked string
}

// Option changes a Server at construction.
type Option func(*Server)

// New builds the server's routes; it does not touch the network.
func New(cfg Config, db *neo4jdb.DB, opts ...Option) *Server {
	cfg.withDefaults()
	// The relationship queries' own costs, overridable through cfg.Costs.
	costs := RelationCosts()
	for k, f := range cfg.Costs {
		costs[k] = f
	}
	cfg.Costs = costs
	s := &Server{cfg: cfg, db: db, log: cfg.Logger, Mux: http.NewServeMux(),
		admission:  newAdmission(cfg.MaxConcurrent, cfg.MaxQueued, cfg.QueueTimeout),
		queryCache: newByteCache(cfg.QueryCacheBytes), limits: newLimiters(cfg.RateLimit, cfg.RateBurst)}
	s.exposed.Store(!isLoopbackAddr(cfg.Addr))
	if cfg.AuditLog != nil {
		s.audit = slog.New(slog.NewJSONHandler(cfg.AuditLog, nil))
	}
	for _, o := range opts {
		o(s)
	}
	s.routes()
	return s
}

// Config returns the effective configuration (defaults filled in).
func (s *Server) Config() Config { return s.cfg }

// Handle mounts an extra route, wrapped in the request middleware.
func (s *Server) Handle(pattern string, h http.Handler) { s.Mux.Handle(pattern, h) }

func (s *Server) routes() {
	s.Mux.Handle("/graphql", s.admit(s.withTimeout(s.graphqlHandler())))
	s.Mux.HandleFunc("GET /healthz", s.healthz)
	s.Mux.HandleFunc("GET /readyz", s.readyz)
	s.Mux.HandleFunc("GET /whoami", whoami)
	s.Mux.Handle("GET /admin/keys", requireRole(s, rightsgraph.RoleAdmin, http.HandlerFunc(s.adminKeys)))
	s.Mux.Handle("/", playground(s.log))
	for pattern, file := range pages {
		s.Mux.Handle(pattern, page(s.log, file))
	}
	s.Mux.Handle("GET /obligations", http.RedirectHandler("/obligations/BEL", http.StatusFound))
	if _, ok := s.cfg.Extra["GET /export"]; !ok {
		s.Mux.Handle("GET /export", s.admit(&ExportHandler{DB: s.db, Log: s.log}))
	}
	for pattern, h := range s.cfg.Extra {
		s.Mux.Handle(pattern, h)
	}
}

// Handler returns the server's root handler: every route behind the
// request id, access log, panic recovery, Host check, CORS and perimeter
// (authentication, audit, rate limit) middleware.
func (s *Server) Handler() http.Handler {
	return s.requestID(s.accessLog(s.recoverPanics(s.checkHost(s.withCORS(s.perimeter(s.Mux))))))
}

// Addr returns the address the server listens on once Run has started.
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addr
}

// Run listens on the configured address and serves until ctx ends, then
// shuts down gracefully: it stops accepting, lets in-flight requests finish
// for up to ShutdownTimeout, and returns.
func (s *Server) Run(ctx context.Context) error {
	if err := s.CheckExposure(ctx, s.cfg.Addr); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", s.cfg.Addr, err)
	}
	return s.serve(ctx, ln)
}

// Serve is Run on a listener the caller opened. It refuses to serve on a
// non-loopback address without authentication (see CheckExposure).
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	if err := s.CheckExposure(ctx, ln.Addr().String()); err != nil {
		_ = ln.Close()
		return err
	}
	return s.serve(ctx, ln)
}

func (s *Server) serve(ctx context.Context, ln net.Listener) error {
	s.mu.Lock()
	s.addr = ln.Addr().String()
	s.mu.Unlock()
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: min(10*time.Second, s.cfg.ReadTimeout),
		ReadTimeout:       s.cfg.ReadTimeout,
		WriteTimeout:      s.cfg.WriteTimeout,
		IdleTimeout:       s.cfg.IdleTimeout,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "timeout", s.cfg.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.cfg.ShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	if err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"status":"ok"}` + "\n"))
}

// readyTimeout bounds the Neo4j ping of /readyz.
const readyTimeout = 2 * time.Second

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
	defer cancel()
	w.Header().Set("Content-Type", "application/json")
	if err := s.db.Ping(ctx); err != nil {
		s.log.WarnContext(ctx, "not ready", "err", err, "request_id", RequestID(ctx))
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(`{"status":"unavailable","error":"graph database unavailable"}` + "\n"))
		return
	}
	_, _ = w.Write([]byte(`{"status":"ready"}` + "\n"))
}
