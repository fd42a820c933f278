package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/rightsgraph/rightsgraph/auth"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
	"github.com/rightsgraph/rightsgraph/server"
)

// runServe serves GraphQL at /graphql, the Playground at /, and health
// checks. It starts even when Neo4j is down: migrations are applied once
// Neo4j answers, retried in the background, and requests meanwhile get
// "graph database unavailable".
func runServe(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := server.DefaultConfig()
	fs.StringVar(&cfg.Addr, "addr", envOr("RIGHTSGRAPH_ADDR", cfg.Addr), "listen address (env RIGHTSGRAPH_ADDR)")
	fs.IntVar(&cfg.MaxDepth, "max-depth", envInt("RIGHTSGRAPH_MAX_DEPTH", cfg.MaxDepth), "maximum query depth (env RIGHTSGRAPH_MAX_DEPTH)")
	fs.IntVar(&cfg.MaxComplexity, "max-complexity", envInt("RIGHTSGRAPH_MAX_COMPLEXITY", cfg.MaxComplexity), "maximum query complexity; a list field costs first × its selection (env RIGHTSGRAPH_MAX_COMPLEXITY)")
	fs.IntVar(&cfg.MaxPageSize, "max-page-size", envInt("RIGHTSGRAPH_MAX_PAGE_SIZE", cfg.MaxPageSize), "maximum first/last of any list (env RIGHTSGRAPH_MAX_PAGE_SIZE)")
	fs.IntVar(&cfg.MaxHops, "max-hops", envInt("RIGHTSGRAPH_MAX_HOPS", cfg.MaxHops), "maximum path length and neighbourhood depth (env RIGHTSGRAPH_MAX_HOPS)")
	fs.DurationVar(&cfg.RequestTimeout, "request-timeout", envDuration("RIGHTSGRAPH_REQUEST_TIMEOUT", cfg.RequestTimeout), "per-request timeout, also Neo4j's transaction timeout (env RIGHTSGRAPH_REQUEST_TIMEOUT)")
	fs.Int64Var(&cfg.MaxBodyBytes, "max-body-bytes", int64(envInt("RIGHTSGRAPH_MAX_BODY_BYTES", int(cfg.MaxBodyBytes))), "maximum request body size (env RIGHTSGRAPH_MAX_BODY_BYTES)")
	fs.BoolVar(&cfg.Introspection, "introspection", envBool("RIGHTSGRAPH_INTROSPECTION", cfg.Introspection), "allow schema introspection; the Playground needs it (env RIGHTSGRAPH_INTROSPECTION)")
	fs.DurationVar(&cfg.ShutdownTimeout, "shutdown-timeout", envDuration("RIGHTSGRAPH_SHUTDOWN_TIMEOUT", cfg.ShutdownTimeout), "how long in-flight requests may finish at shutdown")
	fs.IntVar(&cfg.MaxTokens, "max-tokens", envInt("RIGHTSGRAPH_MAX_TOKENS", cfg.MaxTokens), "maximum tokens of a query document (env RIGHTSGRAPH_MAX_TOKENS)")
	fs.IntVar(&cfg.MaxAliases, "max-aliases", envInt("RIGHTSGRAPH_MAX_ALIASES", cfg.MaxAliases), "maximum aliased fields of a query (env RIGHTSGRAPH_MAX_ALIASES)")
	fs.IntVar(&cfg.MaxRootFields, "max-root-fields", envInt("RIGHTSGRAPH_MAX_ROOT_FIELDS", cfg.MaxRootFields), "maximum top-level fields of an operation (env RIGHTSGRAPH_MAX_ROOT_FIELDS)")
	fs.IntVar(&cfg.MaxFields, "max-fields", envInt("RIGHTSGRAPH_MAX_FIELDS", cfg.MaxFields), "maximum fields of an operation with its fragments expanded (env RIGHTSGRAPH_MAX_FIELDS)")
	fs.Int64Var(&cfg.QueryCacheBytes, "query-cache-bytes", int64(envInt("RIGHTSGRAPH_QUERY_CACHE_BYTES", int(cfg.QueryCacheBytes))), "estimated bytes the parsed-query cache may hold (env RIGHTSGRAPH_QUERY_CACHE_BYTES)")
	fs.IntVar(&cfg.MaxRows, "max-rows", envInt("RIGHTSGRAPH_MAX_ROWS", cfg.MaxRows), "maximum rows one request reads from Neo4j (env RIGHTSGRAPH_MAX_ROWS)")
	fs.Int64Var(&cfg.MaxResponseBytes, "max-response-bytes", int64(envInt("RIGHTSGRAPH_MAX_RESPONSE_BYTES", int(cfg.MaxResponseBytes))), "maximum size of one GraphQL response (env RIGHTSGRAPH_MAX_RESPONSE_BYTES)")
	fs.IntVar(&cfg.MaxConcurrent, "max-concurrent", envInt("RIGHTSGRAPH_MAX_CONCURRENT", cfg.MaxConcurrent), "GraphQL and export requests running at once (env RIGHTSGRAPH_MAX_CONCURRENT)")
	fs.IntVar(&cfg.MaxQueued, "max-queued", envInt("RIGHTSGRAPH_MAX_QUEUED", cfg.MaxQueued), "requests waiting for a slot; more get BUSY (env RIGHTSGRAPH_MAX_QUEUED)")
	fs.DurationVar(&cfg.QueueTimeout, "queue-timeout", envDuration("RIGHTSGRAPH_QUEUE_TIMEOUT", cfg.QueueTimeout), "how long a request waits for a slot (env RIGHTSGRAPH_QUEUE_TIMEOUT)")
	fs.DurationVar(&cfg.ReadTimeout, "read-timeout", envDuration("RIGHTSGRAPH_READ_TIMEOUT", cfg.ReadTimeout), "time to read a request's headers and body (env RIGHTSGRAPH_READ_TIMEOUT)")
	fs.DurationVar(&cfg.WriteTimeout, "write-timeout", envDuration("RIGHTSGRAPH_WRITE_TIMEOUT", cfg.WriteTimeout), "time to write a response (env RIGHTSGRAPH_WRITE_TIMEOUT)")
	fs.DurationVar(&cfg.IdleTimeout, "idle-timeout", envDuration("RIGHTSGRAPH_IDLE_TIMEOUT", cfg.IdleTimeout), "keep-alive idle time (env RIGHTSGRAPH_IDLE_TIMEOUT)")
	allowedHosts := fs.String("allowed-hosts", envOr("RIGHTSGRAPH_ALLOWED_HOSTS", ""), "comma-separated Host names to answer to; empty: loopback names only when --addr is loopback, any otherwise (env RIGHTSGRAPH_ALLOWED_HOSTS)")
	memBudget := fs.Int64("memory-budget", int64(envInt("RIGHTSGRAPH_MEMORY_BUDGET", 512<<20)), "soft memory limit of the server process in bytes (the Go runtime collects harder near it; GOMEMLIMIT overrides) (env RIGHTSGRAPH_MEMORY_BUDGET)")
	logJSON := fs.Bool("log-json", envBool("RIGHTSGRAPH_LOG_JSON", false), "log JSON lines instead of text (env RIGHTSGRAPH_LOG_JSON)")
	oidcIssuer := fs.String("oidc-issuer", envOr("RIGHTSGRAPH_OIDC_ISSUER", ""), "accept OIDC bearer tokens (JWTs) from this issuer (iss); needs --oidc-audience (env RIGHTSGRAPH_OIDC_ISSUER)")
	oidcAudience := fs.String("oidc-audience", envOr("RIGHTSGRAPH_OIDC_AUDIENCE", ""), "the audience (aud) tokens must name (env RIGHTSGRAPH_OIDC_AUDIENCE)")
	oidcJWKS := fs.String("oidc-jwks-url", envOr("RIGHTSGRAPH_OIDC_JWKS_URL", ""), "the issuer's JWKS URL; empty: the jwks_uri of its /.well-known/openid-configuration (env RIGHTSGRAPH_OIDC_JWKS_URL)")
	oidcRole := fs.String("oidc-role-claim", envOr("RIGHTSGRAPH_OIDC_ROLE_CLAIM", auth.DefaultRoleClaim), "token claim with the role: reader, curator or admin")
	oidcCollections := fs.String("oidc-collections-claim", envOr("RIGHTSGRAPH_OIDC_COLLECTIONS_CLAIM", auth.DefaultCollectionsClaim), "token claim with the collections it reads")
	oidcSensitivity := fs.String("oidc-sensitivity-claim", envOr("RIGHTSGRAPH_OIDC_SENSITIVITY_CLAIM", auth.DefaultSensitivityClaim), "token claim with the highest sensitivity it reads")
	fs.BoolVar(&cfg.RequireAuth, "require-auth", envBool("RIGHTSGRAPH_REQUIRE_AUTH", false), "answer requests without an API key or token with 401, even on a loopback address (env RIGHTSGRAPH_REQUIRE_AUTH)")
	fs.BoolVar(&cfg.InsecureOpen, "insecure-open", envBool("RIGHTSGRAPH_INSECURE_OPEN", false), "start on a non-loopback address even when no API key or OIDC issuer is configured; anonymous callers read public documents only (env RIGHTSGRAPH_INSECURE_OPEN)")
	auditPath := fs.String("audit-log", envOr("RIGHTSGRAPH_AUDIT_LOG", ""), "append a JSON line per GraphQL and export request to this file; - for stderr (env RIGHTSGRAPH_AUDIT_LOG)")
	rateLimit := fs.String("rate-limit", envOr("RIGHTSGRAPH_RATE_LIMIT", ""), "GraphQL and export requests per principal, N/s, N/m or N/h; empty: no limit (env RIGHTSGRAPH_RATE_LIMIT)")
	fs.IntVar(&cfg.RateBurst, "rate-burst", envInt("RIGHTSGRAPH_RATE_BURST", 0), "requests a principal may make at once above the rate; 0: the per-second rate rounded up (env RIGHTSGRAPH_RATE_BURST)")
	corsOrigins := fs.String("cors-origins", envOr("RIGHTSGRAPH_CORS_ORIGINS", ""), "comma-separated origins browsers may call the API from (https://viz.example.org); empty: none (env RIGHTSGRAPH_CORS_ORIGINS)")
	ncfg := neo4jFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: rightsgraph serve [flags]\n\n"+
			"Serves GraphQL at /graphql (GET and POST), the GraphQL Playground at /, and\n"+
			"/healthz and /readyz. Starts even when Neo4j is down (/readyz answers 503 and\n"+
			"queries get \"graph database unavailable\" until it is back); applies the schema\n"+
			"migrations once Neo4j answers.\n\nflags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("serve: unexpected arguments %q", fs.Args())
	}
	for _, h := range strings.Split(*allowedHosts, ",") {
		if h = strings.TrimSpace(h); h != "" {
			cfg.AllowedHosts = append(cfg.AllowedHosts, h)
		}
	}
	for name, v := range map[string]int{"max-depth": cfg.MaxDepth, "max-complexity": cfg.MaxComplexity, "max-page-size": cfg.MaxPageSize, "max-hops": cfg.MaxHops,
		"max-tokens": cfg.MaxTokens, "max-aliases": cfg.MaxAliases, "max-root-fields": cfg.MaxRootFields, "max-fields": cfg.MaxFields,
		"max-rows": cfg.MaxRows, "max-concurrent": cfg.MaxConcurrent, "max-queued": cfg.MaxQueued} {
		if v < 1 {
			return fmt.Errorf("serve: --%s must be at least 1", name)
		}
	}
	if cfg.RequestTimeout <= 0 || cfg.MaxBodyBytes <= 0 {
		return errors.New("serve: --request-timeout and --max-body-bytes must be positive")
	}
	if *rateLimit != "" {
		r, err := parseRate(*rateLimit)
		if err != nil {
			return fmt.Errorf("serve: --rate-limit: %w", err)
		}
		cfg.RateLimit = r
	}
	if cfg.RateBurst < 0 {
		return errors.New("serve: --rate-burst must not be negative")
	}
	for _, o := range strings.Split(*corsOrigins, ",") {
		if o = strings.TrimSpace(o); o != "" {
			cfg.CORSOrigins = append(cfg.CORSOrigins, o)
		}
	}

	if os.Getenv("GOMEMLIMIT") == "" && *memBudget > 0 {
		debug.SetMemoryLimit(*memBudget)
	}

	var h slog.Handler = slog.NewTextHandler(stderr, nil)
	if *logJSON {
		h = slog.NewJSONHandler(stderr, nil)
	}
	log := slog.New(h)
	cfg.Logger = log

	db, err := neo4jdb.Open(*ncfg)
	if err != nil {
		return err
	}
	defer db.Close(context.Background())

	var oidc *auth.OIDC
	if *oidcIssuer != "" || *oidcAudience != "" || *oidcJWKS != "" {
		oidc, err = auth.NewOIDC(ctx, auth.OIDCConfig{Issuer: *oidcIssuer, Audience: *oidcAudience, JWKSURL: *oidcJWKS,
			RoleClaim: *oidcRole, CollectionsClaim: *oidcCollections, SensitivityClaim: *oidcSensitivity})
		if err != nil {
			return fmt.Errorf("serve: %w", err)
		}
	}
	cfg.Auth = auth.New(db, oidc)
	switch *auditPath {
	case "":
	case "-":
		cfg.AuditLog = stderr
	default:
		f, err := os.OpenFile(*auditPath, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
		if err != nil {
			return fmt.Errorf("serve: --audit-log: %w", err)
		}
		defer f.Close()
		cfg.AuditLog = f
	}

	srv := server.New(cfg, db)
	// Before anything else talks to Neo4j: refuse a non-loopback address
	// without authentication (and the driver's first connection is then
	// made by one goroutine: its lazy set-up is not safe for concurrent first use).
	if err := srv.CheckExposure(ctx, cfg.Addr); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	migrated := make(chan struct{})
	go migrateWhenUp(ctx, db, log, migrated)

	if !server.AssetsBuilt() {
		log.Warn("the Playground bundle is not embedded: run make assets, then rebuild")
	}
	fmt.Fprintf(stdout, "rightsgraph: GraphQL Playground at http://%s/  (endpoint http://%s/graphql, Neo4j %s)\n", cfg.Addr, cfg.Addr, ncfg.URI)
	err = srv.Run(ctx)
	return err
}

// migrateWhenUp applies the migrations as soon as Neo4j answers, retrying
// with backoff until it does or ctx ends.
func migrateWhenUp(ctx context.Context, db *neo4jdb.DB, log *slog.Logger, done chan<- struct{}) {
	defer close(done)
	wait := time.Second
	for attempt := 1; ; attempt++ {
		pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		err := db.Ping(pctx)
		cancel()
		if err == nil {
			mctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
			err = db.Migrate(mctx)
			cancel()
			if err == nil {
				log.Info("migrations applied")
				return
			}
		}
		if ctx.Err() != nil {
			return
		}
		if attempt == 1 {
			log.Warn("Neo4j not ready; serving anyway and retrying migrations in the background", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		if wait < 30*time.Second {
			wait *= 2
		}
	}
}

func envInt(key string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(key)); err == nil {
		return v
	}
	return def
}

func envBool(key string, def bool) bool {
	if v, err := strconv.ParseBool(os.Getenv(key)); err == nil {
		return v
	}
	return def
}

func envDuration(key string, def time.Duration) time.Duration {
	if v, err := time.ParseDuration(os.Getenv(key)); err == nil {
		return v
	}
	return def
}

// parseRate reads "N/s", "N/m", "N/h" or a bare N (per second) as requests per second.
func parseRate(s string) (float64, error) {
	num, unit, _ := strings.Cut(strings.TrimSpace(s), "/")
	n, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q: want a positive rate such as 10/s, 300/m or 1000/h", s)
	}
	switch strings.TrimSpace(unit) {
	case "", "s":
		return n, nil
	case "m":
		return n / 60, nil
	case "h":
		return n / 3600, nil
	}
	return 0, fmt.Errorf("%q: the unit is s, m or h", s)
}
