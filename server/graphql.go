package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/gqlerror"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/graph"
	"github.com/rightsgraph/rightsgraph/graph/generated"
	"github.com/rightsgraph/rightsgraph/graph/model"
)

// graphqlHandler is /graphql: GraphQL over HTTP (GET and POST with JSON),
// behind request checks that give malformed requests a GraphQL error with
// a useful message and the right status.
func (s *Server) graphqlHandler() http.Handler {
	res := &graph.Resolver{DB: s.db, Log: s.log, Limits: graph.Limits{MaxPageSize: s.cfg.MaxPageSize, MaxHops: s.cfg.MaxHops}}
	es := &costSchema{ExecutableSchema: generated.NewExecutableSchema(generated.Config{Resolvers: res, Directives: generated.DirectiveRoot{IncludeDisputed: graph.IncludeDisputed}}), costs: s.cfg.Costs}
	h := handler.New(es)
	h.AddTransport(transport.GET{})
	h.AddTransport(transport.POST{})
	h.SetQueryCache(s.queryCache)
	h.SetParserTokenLimit(s.cfg.MaxTokens)
	// Measured before validation, with fragments expanded: see guard.go.
	h.Use(documentLimits{maxTokens: s.cfg.MaxTokens, maxAliases: s.cfg.MaxAliases, maxRootFields: s.cfg.MaxRootFields,
		maxFields: s.cfg.MaxFields, maxDepth: s.cfg.MaxDepth, cache: s.queryCache})
	h.Use(roleIntrospection{s: s})
	h.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		if rec := auditFrom(ctx); rec != nil {
			oc := graphql.GetOperationContext(ctx)
			name := oc.OperationName
			if name == "" && oc.Operation != nil {
				name = oc.Operation.Name
			}
			rec.setOperation(name)
		}
		return next(ctx)
	})
	if s.audit != nil {
		h.AroundFields(countDocuments)
	}
	h.Use(extension.FixedComplexityLimit(s.cfg.MaxComplexity))
	h.Use(markExecuted{})
	h.SetErrorPresenter(s.presentError)
	h.SetRecoverFunc(func(ctx context.Context, p any) error {
		s.log.ErrorContext(ctx, "panic in resolver", "request_id", RequestID(ctx), "panic", fmt.Sprint(p))
		return errors.New("internal error")
	})
	return s.checkRequest(graph.LoaderMiddleware(s.db, h))
}

// allowedBodyFields are the members of a GraphQL-over-HTTP request body.
var allowedBodyFields = map[string]bool{"query": true, "operationName": true, "variables": true, "extensions": true}

// checkRequest rejects what gqlgen would answer vaguely: other methods,
// other content types, bodies over the limit, malformed JSON and unknown
// members of the request object.
func (s *Server) checkRequest(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet:
			if r.URL.Query().Get("query") == "" {
				writeJSONError(w, http.StatusBadRequest, "GET /graphql needs a query parameter (the Playground is at /)", "BAD_REQUEST")
				return
			}
			handOver(r)
			next.ServeHTTP(w, r)
			return
		case http.MethodPost:
		default:
			w.Header().Set("Allow", "GET, POST")
			writeJSONError(w, http.StatusMethodNotAllowed, fmt.Sprintf("method %s not allowed: use GET or POST", r.Method), "BAD_REQUEST")
			return
		}
		mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err != nil || mt != "application/json" {
			writeJSONError(w, http.StatusUnsupportedMediaType,
				fmt.Sprintf("unsupported Content-Type %q: send application/json", r.Header.Get("Content-Type")), "BAD_REQUEST")
			return
		}
		body, tooLarge, err := readBody(r, s.cfg.MaxBodyBytes)
		if err != nil {
			writeJSONError(w, http.StatusBadRequest, "could not read the request body", "BAD_REQUEST")
			return
		}
		if tooLarge {
			writeJSONError(w, http.StatusRequestEntityTooLarge,
				fmt.Sprintf("request body limit exceeded: the maximum is %d bytes", s.cfg.MaxBodyBytes), "LIMIT")
			return
		}
		if msg := checkBody(body); msg != "" {
			writeJSONError(w, http.StatusBadRequest, msg, "BAD_REQUEST")
			return
		}
		handOver(r)
		next.ServeHTTP(w, r)
	})
}

// handOver records that r goes to gqlgen.
func handOver(r *http.Request) {
	if st := stateOf(r.Context()); st != nil {
		st.handed.Store(true)
	}
}

// checkBody returns a message for a body that is not a GraphQL request
// object, "" for one that is.
func checkBody(body []byte) string {
	var obj map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&obj); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			return fmt.Sprintf("request body is not valid JSON: %v (at byte %d)", syn, syn.Offset)
		case errors.As(err, &typ):
			return "request body must be a JSON object with a query"
		}
		return fmt.Sprintf("request body is not valid JSON: %v", err)
	}
	if dec.More() {
		return "request body has data after the JSON object"
	}
	for k := range obj {
		if !allowedBodyFields[k] {
			return fmt.Sprintf("request body has an unknown field %q: use query, operationName, variables and extensions", k)
		}
	}
	if q, ok := obj["query"]; !ok || string(q) == "null" {
		return "request body has no query"
	}
	for name, want := range map[string]byte{"query": '"', "operationName": '"', "extensions": '{'} {
		v, ok := obj[name]
		if !ok || string(v) == "null" {
			continue
		}
		if t := strings.TrimSpace(string(v)); t == "" || t[0] != want {
			kind := "a string"
			if want == '{' {
				kind = "a JSON object"
			}
			return fmt.Sprintf("%s must be %s", name, kind)
		}
	}
	if v, ok := obj["variables"]; ok && string(v) != "null" && !strings.HasPrefix(strings.TrimSpace(string(v)), "{") {
		return "variables must be a JSON object"
	}
	return ""
}

// presentError decides what clients see: application errors keep their
// message and get their code in extensions.code; GraphQL's own errors
// (parse, validation, limits) pass through; anything else is logged and
// shown as "internal error".
func (s *Server) presentError(ctx context.Context, err error) *gqlerror.Error {
	gqlErr := graphql.DefaultErrorPresenter(ctx, err)
	var appErr *rightsgraph.Error
	if errors.As(err, &appErr) {
		gqlErr.Message = appErr.Message
		if appErr.Code == rightsgraph.ELIMIT && appErr.Message == "query timed out" {
			s.logCancelled(ctx, context.DeadlineExceeded)
			gqlErr.Message = fmt.Sprintf("query timed out: the request timeout is %v", s.cfg.RequestTimeout)
		}
		if gqlErr.Extensions == nil {
			gqlErr.Extensions = map[string]any{}
		}
		gqlErr.Extensions["code"] = strings.ToUpper(appErr.Code)
		if appErr.Code == rightsgraph.EUNAUTHORIZED {
			gqlErr.Extensions["code"] = "UNAUTHENTICATED"
		}
		if appErr.Code == rightsgraph.ECANCELLED || (ctx.Err() != nil && (appErr.Code == rightsgraph.EUNAVAILABLE || appErr.Code == rightsgraph.EINTERNAL)) {
			// The client left or the deadline passed: whatever the driver
			// reported then, it is a cancellation, not an outage.
			s.logCancelled(ctx, context.Cause(ctx))
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				gqlErr.Message = fmt.Sprintf("query timed out: the request timeout is %v", s.cfg.RequestTimeout)
				gqlErr.Extensions["code"] = "LIMIT"
			} else {
				gqlErr.Message = "request cancelled"
				gqlErr.Extensions["code"] = "CANCELLED"
			}
			return gqlErr
		}
		if appErr.Code == rightsgraph.EUNAVAILABLE || appErr.Code == rightsgraph.EINTERNAL {
			s.log.WarnContext(ctx, "graphql error", "request_id", RequestID(ctx), "path", gqlErr.Path.String(), "err", err)
		}
		return gqlErr
	}
	if errors.Is(err, context.DeadlineExceeded) {
		s.logCancelled(ctx, context.DeadlineExceeded)
		gqlErr.Message = fmt.Sprintf("query timed out: the request timeout is %v", s.cfg.RequestTimeout)
		gqlErr.Extensions = map[string]any{"code": "LIMIT"}
		return gqlErr
	}
	if strings.Contains(err.Error(), "introspection disabled") {
		gqlErr.Message = "introspection is disabled on this server"
		gqlErr.Extensions = map[string]any{"code": "INTROSPECTION_DISABLED"}
		return gqlErr
	}
	if rightsgraph.ErrorCode(err) == rightsgraph.ECANCELLED || errors.Is(err, context.Canceled) {
		s.logCancelled(ctx, context.Canceled)
		gqlErr.Message = "request cancelled"
		gqlErr.Extensions = map[string]any{"code": "CANCELLED"}
		return gqlErr
	}
	var inner *gqlerror.Error
	if errors.As(err, &inner) && inner.Err == nil {
		switch {
		case inner.Extensions["code"] == "COMPLEXITY_LIMIT_EXCEEDED":
			var got, limit int
			if _, e := fmt.Sscanf(inner.Message, "operation has complexity %d, which exceeds the limit of %d", &got, &limit); e == nil {
				gqlErr.Message = fmt.Sprintf("complexity limit exceeded: the query costs %d, the maximum complexity is %d (a list field costs first × its selection)", got, limit)
			}
			gqlErr.Extensions = map[string]any{"code": "LIMIT"}
		case strings.HasPrefix(inner.Message, "exceeded token limit of "):
			gqlErr.Message = "query token limit exceeded: " + inner.Message
			gqlErr.Extensions = map[string]any{"code": "LIMIT"}
		}
		return gqlErr // GraphQL's own: parse, validation
	}
	if ctx.Err() != nil {
		s.logCancelled(ctx, context.Cause(ctx))
		gqlErr.Message = "request cancelled"
		gqlErr.Extensions = map[string]any{"code": "CANCELLED"}
		return gqlErr
	}
	s.log.ErrorContext(ctx, "internal error", "request_id", RequestID(ctx), "path", gqlErr.Path.String(), "err", err)
	gqlErr.Message = "internal error"
	gqlErr.Extensions = map[string]any{"code": "INTERNAL"}
	return gqlErr
}

// roleIntrospection allows introspection when the server allows it and the
// caller may see it: anyone on a loopback address, callers with a key or
// token otherwise.
type roleIntrospection struct{ s *Server }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = roleIntrospection{}

func (roleIntrospection) ExtensionName() string                          { return "RoleIntrospection" }
func (roleIntrospection) Validate(schema graphql.ExecutableSchema) error { return nil }

func (ri roleIntrospection) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	p := rightsgraph.PrincipalFrom(ctx)
	oc.DisableIntrospection = !ri.s.cfg.Introspection || (p.Anonymous && ri.s.isExposed())
	return nil
}

// countDocuments counts, for the audit log, the documents whose evidence
// or own fields a GraphQL response returns.
func countDocuments(ctx context.Context, next graphql.Resolver) (any, error) {
	res, err := next(ctx)
	switch v := res.(type) {
	case *model.Evidence:
		if v != nil {
			rightsgraph.CountDocuments(ctx, v.DocID)
		}
	case []*model.Evidence:
		for _, e := range v {
			if e != nil {
				rightsgraph.CountDocuments(ctx, e.DocID)
			}
		}
	case *model.Document:
		countDocument(ctx, v)
	case []*model.Document:
		for _, d := range v {
			countDocument(ctx, d)
		}
	case []model.Node:
		for _, n := range v {
			if d, ok := n.(*model.Document); ok {
				countDocument(ctx, d)
			}
		}
	}
	return res, err
}

func countDocument(ctx context.Context, d *model.Document) {
	if d != nil && d.N != nil {
		rightsgraph.CountDocuments(ctx, d.N.ID)
	}
}
