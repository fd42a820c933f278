package graph

import (
	"context"
	"net/http"

	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

// Loaders batch the reads of one request: every resolver at one level of a
// query asks its loader, and the loader sends one statement for all of them.
// They cache for the request only, so nothing stale survives it (and nothing
// broken survives a Neo4j restart).
type Loaders struct {
	Nodes        *batcher[string, *neo4jdb.Node]
	Texts        *batcher[string, string]
	Related      *batcher[relKey, []neo4jdb.Hop]
	ActorEvents  *batcher[eventsKey, *neo4jdb.EventPage]
	ActorsByName *batcher[string, *neo4jdb.Node]
	Decisions    *batcher[string, []*neo4jdb.Decision]
	Notes        *batcher[string, []*neo4jdb.Note]
}

// relKey asks for one parent's neighbours along a spec with arguments.
type relKey struct {
	Spec string
	Args neo4jdb.RelArgs
	ID   string
}

// eventsKey asks for one page of an actor's events.
type eventsKey struct {
	Args neo4jdb.ActorEventsArgs
	ID   string
}

type loadersKey struct{}

// NewLoaders returns fresh loaders over db.
func NewLoaders(db *neo4jdb.DB) *Loaders {
	return &Loaders{
		Nodes: newMappedBatcher(func(ctx context.Context, ids []string) (map[string]*neo4jdb.Node, error) {
			return db.NodesByID(ctx, ids)
		}),
		Texts: newMappedBatcher(func(ctx context.Context, ids []string) (map[string]string, error) {
			return db.DocumentTexts(ctx, ids)
		}),
		Decisions: newListBatcher(db.DecisionsFor),
		Notes:     newListBatcher(db.NotesFor),
		Related: newBatcher(func(ctx context.Context, keys []relKey) ([][]neo4jdb.Hop, []error) {
			type group struct {
				spec string
				args neo4jdb.RelArgs
			}
			byGroup := map[group][]string{}
			for _, k := range keys {
				g := group{k.Spec, k.Args}
				byGroup[g] = append(byGroup[g], k.ID)
			}
			results := map[group]map[string][]neo4jdb.Hop{}
			errs := map[group]error{}
			for g, ids := range byGroup {
				results[g], errs[g] = db.Related(ctx, neo4jdb.RelSpecs[g.spec], ids, g.args)
			}
			vals := make([][]neo4jdb.Hop, len(keys))
			errList := make([]error, len(keys))
			for i, k := range keys {
				g := group{k.Spec, k.Args}
				vals[i], errList[i] = results[g][k.ID], errs[g]
			}
			return vals, errList
		}),
		ActorEvents: newBatcher(func(ctx context.Context, keys []eventsKey) ([]*neo4jdb.EventPage, []error) {
			byArgs := map[neo4jdb.ActorEventsArgs][]string{}
			for _, k := range keys {
				byArgs[k.Args] = append(byArgs[k.Args], k.ID)
			}
			results := map[neo4jdb.ActorEventsArgs]map[string]*neo4jdb.EventPage{}
			errs := map[neo4jdb.ActorEventsArgs]error{}
			for a, ids := range byArgs {
				results[a], errs[a] = db.ActorEvents(ctx, ids, a)
			}
			vals := make([]*neo4jdb.EventPage, len(keys))
			errList := make([]error, len(keys))
			for i, k := range keys {
				vals[i], errList[i] = results[k.Args][k.ID], errs[k.Args]
				if vals[i] == nil && errList[i] == nil {
					vals[i] = &neo4jdb.EventPage{Counted: k.Args.Count}
				}
			}
			return vals, errList
		}),
		ActorsByName: newBatcher(func(ctx context.Context, names []string) ([]*neo4jdb.Node, []error) {
			m, err := db.ActorsByName(ctx, names)
			vals := make([]*neo4jdb.Node, len(names))
			errList := make([]error, len(names))
			for i, n := range names {
				vals[i], errList[i] = m[n], err
			}
			return vals, errList
		}),
	}
}

// WithLoaders returns ctx carrying l.
func WithLoaders(ctx context.Context, l *Loaders) context.Context {
	return context.WithValue(ctx, loadersKey{}, l)
}

// For returns the request's loaders.
func For(ctx context.Context) *Loaders {
	l, _ := ctx.Value(loadersKey{}).(*Loaders)
	if l == nil {
		panic("graph: no loaders in context (wrap the handler with graph.LoaderMiddleware)")
	}
	return l
}

// LoaderMiddleware gives every request its own loaders.
func LoaderMiddleware(db *neo4jdb.DB, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(WithLoaders(r.Context(), NewLoaders(db))))
	})
}
