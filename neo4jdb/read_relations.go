package neo4jdb

// Relationship reads for investigators and visualisation front-ends:
// neighbourhoods, paths between two entities, the connections among a set of
// entities, and an actor's timeline. Every query is anchored on the unique
// `id` of :Entity (or :Document) and takes parameters only; the few shapes
// Cypher cannot parameterise (the bounds of a quantified path pattern and the
// k of SHORTEST k) are chosen from a closed table built once from integer
// ranges (relPathQueries), never from user text.

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// Bounds of the relationship reads. The API reports a request beyond one of
// them as a limit error naming the bound.
const (
	MaxNeighborhoodDepth = 3    // hops from the seed
	DefaultLimitPerNode  = 25   // edges kept per expanded node
	MaxLimitPerNode      = 100  // largest limitPerNode a client may ask for
	MaxSubgraphNodes     = 1000 // nodes in one neighbourhood before it is truncated
	MaxPathHops          = 6    // maxHops of paths
	MaxPaths             = 10   // first of paths
	MaxConnectionIDs     = 10   // ids in one connections request (45 pairs)
	MaxConnectionHops    = 4    // maxHops of connections
	DefaultTimeline      = 100  // events in a timeline when first is not given
	MaxTimeline          = 1000 // first of timeline
)

// Direction says which relationships a neighbourhood follows from a node.
type Direction string

// Directions.
const (
	DirectionBoth Direction = "BOTH"
	DirectionOut  Direction = "OUT"
	DirectionIn   Direction = "IN"
)

// PathMode selects how paths are chosen.
type PathMode string

// Path modes: SHORTEST returns the k shortest paths (k = first), possibly of
// different lengths; ALL_SHORTEST returns paths of the minimum length only.
const (
	PathShortest    PathMode = "SHORTEST"
	PathAllShortest PathMode = "ALL_SHORTEST"
)

// DatePrecision says how much of a date an ISO 8601 prefix gives.
type DatePrecision string

// Date precisions.
const (
	PrecisionYear  DatePrecision = "YEAR"
	PrecisionMonth DatePrecision = "MONTH"
	PrecisionDay   DatePrecision = "DAY"
)

// MentionedIn is the provenance relationship from an entity to a document.
// Neighbourhoods and paths leave it (and :Document nodes) out unless asked.
const MentionedIn = "MENTIONED_IN"

// GraphNode is a node of a subgraph or path: an entity or, when asked for, a
// document.
type GraphNode struct {
	ID     string
	Kind   string // State, Institution, ..., Event, Obligation; Document for documents
	Label  string // name (events: summary; documents: title or source)
	Labels []string
	// Properties are the node's stored properties with temporal values as
	// ISO 8601 strings; a document's text is left out.
	Properties map[string]any
}

// EvidenceDocument is the part of a :Document that evidence shows.
type EvidenceDocument struct {
	ID, Title, Source, Publisher, Published string
}

// EdgeEvidence is one piece of evidence for an edge: a quote at a byte span
// of a document.
type EdgeEvidence struct {
	Document EvidenceDocument
	Quote    string
	Start    int
	End      int
	// Confidence of this piece of evidence (the loader's confidences list;
	// the edge's confidence when the list is absent).
	Confidence float64
}

// GraphEdge is a relationship with its evidence. ID is stable across loads
// and databases: TYPE:source:target, plus :role for INVOLVED_IN (which is keyed
// by role), so it does not depend on Neo4j's element ids.
type GraphEdge struct {
	ID         string
	Type       string
	Source     string // id of the start node
	Target     string // id of the end node
	Confidence float64
	Evidence   []EdgeEvidence
	// Properties are the relationship's own properties (role, title, from,
	// to, status...), without the evidence lists and confidence.
	Properties map[string]any
	// Disputed is true when a curator disputed the fact (it is then read
	// only when the request asks for disputed facts).
	Disputed bool
}

// Weight is the number of pieces of evidence behind the edge.
func (e GraphEdge) Weight() int { return len(e.Evidence) }

// Subgraph is a set of nodes and the edges among them. Truncated is true when
// a bound (limitPerNode or MaxSubgraphNodes) left some of it out.
type Subgraph struct {
	Nodes     []GraphNode
	Edges     []GraphEdge
	Truncated bool
}

// GraphPath is a path: Nodes in order from the first endpoint, Edges[i]
// linking Nodes[i] and Nodes[i+1] (in either direction: the edge keeps its
// stored Source and Target).
type GraphPath struct {
	Nodes  []GraphNode
	Edges  []GraphEdge
	Length int
}

// NeighborhoodOptions shape a neighbourhood. The zero value is depth 1, all
// relationship types but MENTIONED_IN, both directions, DefaultLimitPerNode.
type NeighborhoodOptions struct {
	Depth            int      // 1..MaxNeighborhoodDepth; 0 means 1
	RelTypes         []string // nil or empty: all types
	Direction        Direction
	LimitPerNode     int // 1..MaxLimitPerNode; 0 means DefaultLimitPerNode
	MinConfidence    float64
	IncludeDocuments bool // follow MENTIONED_IN to :Document nodes (and back)
	// DepthLimit is a deployment's lower cap on Depth (the server's MaxHops);
	// 0 or more than MaxNeighborhoodDepth means MaxNeighborhoodDepth.
	DepthLimit int
	// ResolveEvidence fills each evidence's Document (title, source,
	// publisher, published) with one more statement; without it only
	// Document.ID is set (the GraphQL layer loads documents itself, and only
	// when a client selects them).
	ResolveEvidence bool
	// Ranking chooses the edges kept per node; "" means RankBalanced.
	Ranking Ranking
}

// PathOptions shape a paths request.
type PathOptions struct {
	MaxHops          int // 1..MaxPathHops; 0 means 4
	RelTypes         []string
	Mode             PathMode // "" means SHORTEST
	First            int      // 1..MaxPaths; 0 means 5
	MinConfidence    float64
	IncludeDocuments bool // allow paths through documents (two entities mentioned in one document)
	// HopLimit is a deployment's lower cap on MaxHops (the server's MaxHops);
	// 0 or more than the read's own bound means that bound.
	HopLimit int
	// ResolveEvidence is as in NeighborhoodOptions.
	ResolveEvidence bool
}

// TimelineOptions filter a timeline. From and To are ISO 8601 date prefixes
// (YYYY, YYYY-MM or YYYY-MM-DD) or empty.
type TimelineOptions struct {
	From, To string
	Types    []string // event types (ARREST, RULING, ...); empty: all
	First    int      // at most this many events, the earliest; 0 means DefaultTimeline
	// Documents keeps the events mentioned in one of these documents (ids);
	// empty: all.
	Documents []string
}

// TimelineEntry is one event of an actor's timeline.
type TimelineEntry struct {
	EventID       string
	Type          string
	Date          string // ISO 8601 prefix, "" when unknown
	DatePrecision DatePrecision
	Summary       string
	Outcome       string
	Count         *int64
	Roles         []string // the actor's roles in the event, sorted
	PlaceID       string
	PlaceName     string
	Node          GraphNode // the event node itself
}

// Property is a stored property as text, for clients that show key/value
// tables: Value is a scalar as itself or a list as JSON; Values holds each
// element (one for a scalar).
type Property struct {
	Key    string
	Value  string
	Values []string
}

// PropertyList returns props as Properties sorted by key.
func PropertyList(props map[string]any) []Property {
	out := make([]Property, 0, len(props))
	for k, v := range props {
		p := Property{Key: k}
		switch x := v.(type) {
		case []any:
			p.Values = make([]string, len(x))
			for i, e := range x {
				p.Values[i] = relStr(e)
			}
			b, err := json.Marshal(p.Values)
			if err == nil {
				p.Value = string(b)
			}
		default:
			p.Value = relStr(x)
			p.Values = []string{p.Value}
		}
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// PropertyList returns the node's properties sorted by key.
func (n GraphNode) PropertyList() []Property { return PropertyList(n.Properties) }

// PropertyList returns the edge's own properties sorted by key.
func (e GraphEdge) PropertyList() []Property { return PropertyList(e.Properties) }

// --- validation --------------------------------------------------------------

var (
	relTypeRe   = regexp.MustCompile(`^[A-Z][A-Z0-9_]{0,63}$`)
	eventTypeRe = regexp.MustCompile(`^[A-Z][A-Z0-9_]{0,63}$`)
	isoDateRe   = regexp.MustCompile(`^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$`)
)

func relInvalid(format string, args ...any) error {
	return rightsgraph.Errorf(rightsgraph.EINVALID, format, args...)
}

func relLimit(format string, args ...any) error {
	return rightsgraph.Errorf(rightsgraph.ELIMIT, format, args...)
}

// relNormTypes upper-cases and checks relationship type names; nil means all.
func relNormTypes(types []string) ([]string, error) {
	if len(types) == 0 {
		return nil, nil
	}
	out := make([]string, 0, len(types))
	for _, t := range types {
		u := strings.ToUpper(strings.TrimSpace(t))
		if !relTypeRe.MatchString(u) {
			return nil, relInvalid("relTypes: %q is not a relationship type (want e.g. MEMBER_OF, INVOLVED_IN)", t)
		}
		out = append(out, u)
	}
	return out, nil
}

func relCheckID(name, id string) error {
	if strings.TrimSpace(id) == "" {
		return relInvalid("%s: an id is required", name)
	}
	if len(id) > 512 {
		return relInvalid("%s: id longer than 512 characters", name)
	}
	return nil
}

// relCap is bound lowered to limit when 0 < limit < bound.
func relCap(bound, limit int) int {
	if limit > 0 && limit < bound {
		return limit
	}
	return bound
}

func (o *NeighborhoodOptions) normalize() error {
	switch {
	case o.Depth == 0:
		o.Depth = 1
	case o.Depth < 0:
		return relInvalid("depth must be at least 1")
	case o.Depth > relCap(MaxNeighborhoodDepth, o.DepthLimit):
		return relLimit("depth %d exceeds the limit of %d", o.Depth, relCap(MaxNeighborhoodDepth, o.DepthLimit))
	}
	switch {
	case o.LimitPerNode == 0:
		o.LimitPerNode = DefaultLimitPerNode
	case o.LimitPerNode < 0:
		return relInvalid("limitPerNode must be at least 1")
	case o.LimitPerNode > MaxLimitPerNode:
		return relLimit("limitPerNode %d exceeds the limit of %d", o.LimitPerNode, MaxLimitPerNode)
	}
	switch o.Ranking {
	case "":
		o.Ranking = RankBalanced
	case RankBalanced, RankConfidence:
	default:
		return relInvalid("ranking must be BALANCED or CONFIDENCE, not %q", o.Ranking)
	}
	switch o.Direction {
	case "":
		o.Direction = DirectionBoth
	case DirectionBoth, DirectionOut, DirectionIn:
	default:
		return relInvalid("direction must be BOTH, OUT or IN, not %q", o.Direction)
	}
	if o.MinConfidence < 0 || o.MinConfidence > 1 {
		return relInvalid("minConfidence must be between 0 and 1")
	}
	var err error
	o.RelTypes, err = relNormTypes(o.RelTypes)
	return err
}

func (o *PathOptions) normalize(maxHopsDefault, maxHopsLimit int) error {
	switch {
	case o.MaxHops == 0:
		o.MaxHops = maxHopsDefault
	case o.MaxHops < 0:
		return relInvalid("maxHops must be at least 1")
	case o.MaxHops > relCap(maxHopsLimit, o.HopLimit):
		return relLimit("maxHops %d exceeds the limit of %d", o.MaxHops, relCap(maxHopsLimit, o.HopLimit))
	}
	switch {
	case o.First == 0:
		o.First = 5
	case o.First < 0:
		return relInvalid("first must be at least 1")
	case o.First > MaxPaths:
		return relLimit("first %d exceeds the limit of %d", o.First, MaxPaths)
	}
	switch o.Mode {
	case "":
		o.Mode = PathShortest
	case PathShortest, PathAllShortest:
	default:
		return relInvalid("mode must be SHORTEST or ALL_SHORTEST, not %q", o.Mode)
	}
	if o.MinConfidence < 0 || o.MinConfidence > 1 {
		return relInvalid("minConfidence must be between 0 and 1")
	}
	var err error
	o.RelTypes, err = relNormTypes(o.RelTypes)
	return err
}

// PrecisionOf returns the precision of an ISO 8601 date prefix, "" when the
// date is empty or not such a prefix.
func PrecisionOf(date string) DatePrecision {
	if !isoDateRe.MatchString(date) {
		return ""
	}
	switch len(date) {
	case 4:
		return PrecisionYear
	case 7:
		return PrecisionMonth
	default:
		return PrecisionDay
	}
}

// --- Cypher ------------------------------------------------------------------

// Neighbourhood rankings: which of a node's edges a neighbourhood keeps when
// it has more than limitPerNode.
type Ranking string

// Rankings.
const (
	// RankBalanced (the default) groups a node's edges by relationship type,
	// direction and the other end's kind, orders each group by confidence and
	// evidence, and takes the groups in turns, each turn weighted by the
	// group's type (events count four, memberships, PARTY_TO and part-of
	// links two, BINDS and a treaty's incoming PARTY_TO links, which only say
	// that some other state shares the treaty, a half). So one kind of
	// reference-data edge cannot crowd out the events, memberships and
	// treaties of a state.
	RankBalanced Ranking = "BALANCED"
	// RankConfidence keeps the most confident edges, then those with the
	// most evidence, whatever their type.
	RankConfidence Ranking = "CONFIDENCE"
)

// relExpandCypher expands every node of a frontier by one hop. Per node it
// keeps the limit best relationships by $rank (see Ranking; ties broken by
// confidence, evidence count and a stable order) and says whether more were
// left out. The frontier can hold documents when they are included or when
// the seed is a document ($seedDoc), hence the union of two index seeks.
var relExpandCypher = register(ReadQuery{
	Name: "relations.expand",
	Cypher: `
UNWIND $frontier AS fid
CALL (fid) {
  MATCH (n:Entity {id: fid}) RETURN n
  UNION
  MATCH (n:Document {id: fid}) WHERE $includeDocuments OR fid = $seedDoc RETURN n
}
CALL (n) {
  MATCH (n)-[r]-(m)
  WHERE ($relTypes IS NULL OR type(r) IN $relTypes)
    AND ` + canReadHop("r", "m") + `
    AND ($includeDocuments OR n.id = $seedDoc OR (type(r) <> 'MENTIONED_IN' AND NOT m:Document))
    AND coalesce(r.confidence, 1.0) >= $minConfidence
    AND ($direction = 'BOTH' OR ($direction = 'OUT') = (startNode(r) = n))
  WITH r, m, startNode(r) = n AS out
  ORDER BY coalesce(r.confidence, 1.0) DESC, size(coalesce(r.docIds, [])) DESC, type(r), m.id, coalesce(r.role, '')
  WITH type(r) AS t, out, coalesce(m.kind, head(labels(m))) AS mk, collect({r: r, m: m}) AS grp
  WITH t, grp,
       CASE WHEN $rank = 'CONFIDENCE' THEN 0.0
            WHEN t = 'INVOLVED_IN' THEN 4.0
            WHEN t = 'PARTY_TO' AND NOT out THEN 0.5
            WHEN t IN ['MEMBER_OF', 'PARTY_TO', 'PART_OF', 'HOLDS_POSITION', 'FINDS_VIOLATION_OF', 'ALLEGES_VIOLATION_OF', 'AFFILIATED_WITH', 'NATIONAL_OF'] THEN 2.0
            WHEN t = 'BINDS' THEN 0.5
            ELSE 1.0 END AS weight
  UNWIND range(0, size(grp) - 1) AS i
  WITH grp[i] AS x, CASE WHEN weight = 0.0 THEN 0.0 ELSE toFloat(i) / weight END AS turn
  ORDER BY turn, coalesce(x.r.confidence, 1.0) DESC, size(coalesce(x.r.docIds, [])) DESC, type(x.r), x.m.id, coalesce(x.r.role, '')
  WITH collect(x) AS found
  RETURN found[..$limit] AS kept, size(found) > $limit AS cut
}
RETURN n.id AS id,
       [x IN kept | {type: type(x.r), source: startNode(x.r).id, target: endNode(x.r).id,
                     props: properties(x.r), node: x.m}] AS edges,
       cut`,
	Params: map[string]any{"frontier": []string{"state:BEL"}, "relTypes": nil, "includeDocuments": false, "minConfidence": 0.0,
		"direction": "BOTH", "limit": 25, "rank": "BALANCED", "seedDoc": nil},
})

// relSeedCypher returns the entities with the given ids.
var relSeedCypher = register(ReadQuery{
	Name: "relations.seed",
	Cypher: `
UNWIND $ids AS id
MATCH (n:Entity {id: id}) WHERE ` + canReadNode("n") + `
RETURN n`,
	Params: map[string]any{"ids": []string{"state:BEL"}},
})

// relSeedDocumentCypher returns the document with the given id (a
// neighbourhood may start from a document: the entities it mentions).
var relSeedDocumentCypher = register(ReadQuery{
	Name: "relations.seedDocument",
	Cypher: `
MATCH (n:Document {id: $id}) WHERE ` + canReadDoc("n") + `
RETURN n`,
	Params: map[string]any{"id": strings.Repeat("0", 64)},
})

// relDocumentsCypher returns what evidence shows of the given documents.
var relDocumentsCypher = register(ReadQuery{
	Name: "relations.documents",
	Cypher: `
UNWIND $ids AS id
MATCH (d:Document {id: id}) WHERE ` + canReadDoc("d") + `
RETURN d.id AS id, d.title AS title, d.source AS source, d.publisher AS publisher,
       toString(d.published) AS published`,
	Params: map[string]any{"ids": []string{strings.Repeat("0", 64)}},
})

// relTimelineCypher lists the events an entity takes part in, in date order.
// The range filter has overlap semantics on ISO 8601 prefixes: an event dated
// D covers every date that starts with D, so it is kept when that interval
// meets [from, to]. As strings: D <= to + '~' and D + '~' >= from ('~' sorts
// after every digit and '-'). Sorting by the date string puts a coarser date
// before the finer ones it contains (2023 < 2023-04 < 2023-04-15).
var relTimelineCypher = register(ReadQuery{
	Name: "relations.timeline",
	Cypher: `
MATCH (a:Entity {id: $actor}) WHERE ` + canReadNode("a") + `
OPTIONAL MATCH (a)-[r:INVOLVED_IN]->(e:Event)
WHERE ($types IS NULL OR e.type IN $types) AND ` + canReadHop("r", "e") + `
  AND ($from IS NULL OR (e.date IS NOT NULL AND toString(e.date) + '~' >= $from))
  AND ($toEnd IS NULL OR (e.date IS NOT NULL AND toString(e.date) <= $toEnd))
  AND ($docs IS NULL OR EXISTS { (e)-[:MENTIONED_IN]->(d:Document) WHERE d.id IN $docs AND ` + canReadDoc("d") + ` })
WITH a, e, collect(DISTINCT r.role) AS roles
ORDER BY e.date IS NULL, toString(e.date), e.id
LIMIT $limit
CALL (e) {
  OPTIONAL MATCH (e)-[o:OCCURRED_IN]->(p:Entity) WHERE ` + canReadHop("o", "p") + `
  RETURN p AS place ORDER BY p.id LIMIT 1
}
RETURN a.id AS actor, e, roles, place.id AS placeId, place.name AS placeName`,
	Params: map[string]any{"actor": "state:BEL", "from": "2023", "toEnd": "2024~", "types": []string{"ARREST"}, "limit": 100, "docs": nil},
})

// relPathStep is the QPP step of paths and connections: each relationship
// passes the type, provenance and confidence filters.
var relPathStep = `(()-[r]-() WHERE ($relTypes IS NULL OR type(r) IN $relTypes)
    AND ($includeDocuments OR type(r) <> 'MENTIONED_IN')
    AND coalesce(r.confidence, 1.0) >= $minConfidence
    AND ` + relPathACL + `)`

// relPathACL keeps a path's relationship when it is visible (a MENTIONED_IN
// when its document is readable; the ends of a visible relationship with
// evidence are visible).
var relPathACL = "(" + canReadRel("r") + " AND (type(r) <> 'MENTIONED_IN' OR " + canReadDoc("endNode(r)") + "))"

// relNamedQuery is a registered statement and its registry name.
type relNamedQuery struct{ name, cypher string }

// lazyBudget is a time budget that starts when start is called; until
// then its context is the parent's.
type lazyBudget struct {
	parent context.Context
	d      time.Duration
	ctx    context.Context
	cancel context.CancelFunc
}

func (b *lazyBudget) start() {
	if b.cancel == nil {
		b.ctx, b.cancel = context.WithTimeout(b.parent, b.d)
	}
}

func (b *lazyBudget) context() context.Context {
	if b.ctx == nil {
		return b.parent
	}
	return b.ctx
}

func (b *lazyBudget) stop() {
	if b.cancel != nil {
		b.cancel()
	}
}

// relPathLen is the length of a path record (nodes, rels).
func relPathLen(rec *neo4j.Record) int { return len(relAnyList(rec.Values[1])) }

// relPathKey picks a paths query: the QPP bound and SHORTEST k cannot be
// parameters in Neo4j 5, so each (mode, hops, k) is a statement of its own.
type relPathKey struct {
	mode PathMode
	hops int
	k    int // SHORTEST only; 0 for ALL_SHORTEST
}

// relPathParams are example parameters that make a paths statement valid to EXPLAIN.
var relPathParams = map[string]any{"from": "state:BEL", "to": "state:FRA", "relTypes": nil,
	"includeDocuments": false, "minConfidence": 0.0, "first": 5}

// relPathFilter is relPathStep's predicate over a whole path, for the
// shortestPath and allShortestPaths functions: Neo4j evaluates it during
// their bidirectional breadth-first search, which stays fast between hubs
// (tens of thousands of links each) where a quantified SHORTEST k pattern
// ran for the whole request timeout.
var relPathFilter = `all(r IN relationships(p) WHERE ($relTypes IS NULL OR type(r) IN $relTypes)
    AND ($includeDocuments OR type(r) <> 'MENTIONED_IN')
    AND coalesce(r.confidence, 1.0) >= $minConfidence
    AND ` + relPathACL + `)`

// Bounds of the path searches.
const (
	// relPathCandidates is how many shortest paths are drawn from the
	// search before the first are chosen in a stable order: between hubs
	// there can be hundreds of thousands of them.
	relPathCandidates = 200
	// relLongerPathBudget bounds the search for the longer paths SHORTEST k
	// adds when fewer than k shortest ones exist; when it runs out, the
	// shortest ones found are the answer.
	relLongerPathBudget = 5 * time.Second
	// relConnectionsBudget bounds the pair searches of one connections
	// request after the first; pairs not searched in time count as not
	// linked (truncated).
	relConnectionsBudget = 2 * time.Second
	// relNeighborhoodBudget bounds the hops of one neighbourhood after the first.
	relNeighborhoodBudget = 2 * time.Second
)

// relPathQueries is the closed table of paths statements, all registered:
// per hop bound, the minimum-length paths (allShortestPaths; ALL_SHORTEST,
// and the first step of SHORTEST k), and the k shortest of any length (a
// quantified SHORTEST k pattern, run under relLongerPathBudget).
var relPathQueries = func() map[relPathKey]relNamedQuery {
	m := map[relPathKey]relNamedQuery{}
	add := func(k relPathKey, match string) {
		name := fmt.Sprintf("relations.paths/%s/hops=%d", k.mode, k.hops)
		if k.k > 0 {
			name += fmt.Sprintf("/k=%d", k.k)
		}
		cypher := register(ReadQuery{Name: name, Params: relPathParams, Cypher: fmt.Sprintf(`
MATCH (a:Entity {id: $from}) WHERE `+canReadNode("a")+`
MATCH (b:Entity {id: $to}) WHERE `+canReadNode("b")+`
%s
WITH p, length(p) AS len
ORDER BY len, [x IN nodes(p) | x.id], [x IN relationships(p) | type(x)]
LIMIT $first
RETURN nodes(p) AS nodes, relationships(p) AS rels`, match)})
		m[k] = relNamedQuery{name, cypher}
	}
	for hops := 1; hops <= MaxPathHops; hops++ {
		for k := 1; k <= MaxPaths; k++ {
			add(relPathKey{PathShortest, hops, k}, fmt.Sprintf("MATCH p = SHORTEST %d (a)%s{1,%d}(b)", k, relPathStep, hops))
		}
		add(relPathKey{PathAllShortest, hops, 0}, fmt.Sprintf(
			"MATCH p = allShortestPaths((a)-[*..%d]-(b))\nWHERE %s\nWITH p LIMIT %d", hops, relPathFilter, relPathCandidates))
	}
	return m
}()

// relConnectionQueries holds, per hop bound, the statement that finds one
// shortest path between a pair of ids.
var relConnectionQueries = func() map[int]relNamedQuery {
	m := map[int]relNamedQuery{}
	for hops := 1; hops <= MaxConnectionHops; hops++ {
		name := fmt.Sprintf("relations.connections/hops=%d", hops)
		cypher := register(ReadQuery{Name: name, Cypher: fmt.Sprintf(`
MATCH (a:Entity {id: $from}) WHERE `+canReadNode("a")+`
MATCH (b:Entity {id: $to}) WHERE `+canReadNode("b")+`
MATCH p = shortestPath((a)-[*..%d]-(b))
WHERE %s
RETURN nodes(p) AS nodes, relationships(p) AS rels`, hops, relPathFilter),
			Params: map[string]any{"from": "state:BEL", "to": "state:FRA", "relTypes": nil,
				"includeDocuments": false, "minConfidence": 0.0}})
		m[hops] = relNamedQuery{name, cypher}
	}
	return m
}()

// --- reads -------------------------------------------------------------------

func relNotFound(ids []string) error {
	if len(ids) == 1 {
		return rightsgraph.Errorf(rightsgraph.ENOTFOUND, "no entity with id %q", ids[0])
	}
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = fmt.Sprintf("%q", id)
	}
	return rightsgraph.Errorf(rightsgraph.ENOTFOUND, "no entities with ids %s", strings.Join(q, ", "))
}

// relSeeds returns the entities with the given ids, in that order; an unknown
// id is a not-found error.
func relSeeds(ctx context.Context, db *DB, ids []string) ([]dbtype.Node, error) {
	// A merged id stands for the entity it was merged into.
	ids, err := db.canonical(ctx, ids)
	if err != nil {
		return nil, err
	}
	recs, err := db.read(ctx, "relations.seed", relSeedCypher, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	byID := map[string]dbtype.Node{}
	for _, rec := range recs {
		if n, ok := rec.Values[0].(dbtype.Node); ok {
			byID[relNodeID(n)] = n
		}
	}
	out := make([]dbtype.Node, 0, len(ids))
	var missing []string
	for _, id := range ids {
		n, ok := byID[id]
		if !ok {
			missing = append(missing, id)
			continue
		}
		out = append(out, n)
	}
	if len(missing) > 0 {
		return nil, relNotFound(missing)
	}
	return out, nil
}

// relNeighborhoodSeed finds a neighbourhood's seed: an entity or, failing
// that, a document (then seedDoc is its id, so the first hop follows
// MENTIONED_IN to the entities it mentions).
func relNeighborhoodSeed(ctx context.Context, db *DB, id string) (dbtype.Node, any, error) {
	seeds, err := relSeeds(ctx, db, []string{id})
	if err == nil {
		return seeds[0], nil, nil
	}
	if rightsgraph.ErrorCode(err) != rightsgraph.ENOTFOUND {
		return dbtype.Node{}, nil, err
	}
	recs, derr := db.read(ctx, "relations.seedDocument", relSeedDocumentCypher, map[string]any{"id": id})
	if derr != nil {
		return dbtype.Node{}, nil, derr
	}
	for _, rec := range recs {
		if n, ok := rec.Values[0].(dbtype.Node); ok {
			return n, id, nil
		}
	}
	return dbtype.Node{}, nil, err
}

// Neighborhood returns the subgraph around the entity (or document) id: breadth first up to
// opt.Depth hops, keeping at most opt.LimitPerNode edges per expanded node (the
// most confident first) and at most MaxSubgraphNodes nodes. The subgraph holds
// the edges it followed, not every edge among its nodes. An unknown id is a
// not-found error. Each hop is one statement over the whole frontier.
func (db *DB) Neighborhood(ctx context.Context, id string, opt NeighborhoodOptions) (*Subgraph, error) {
	if err := relCheckID("id", id); err != nil {
		return nil, err
	}
	if err := opt.normalize(); err != nil {
		return nil, err
	}
	seed, seedDoc, err := relNeighborhoodSeed(ctx, db, id)
	if err != nil {
		return nil, err
	}
	b := newRelBuilder()
	b.addNode(seed)
	frontier := []string{id}
	expanded := map[string]bool{}
	// Expansion is bounded in nodes (MaxSubgraphNodes: once full, the next
	// hop would add no node, so it is not sent) and in time
	// (relNeighborhoodBudget for all hops: a hop that does not finish in
	// time is dropped); either way the subgraph says it is truncated.
	// The budget starts after the first hop, which always runs (on a cold
	// instance planning it alone can take seconds).
	budget := &lazyBudget{parent: ctx, d: relNeighborhoodBudget}
	defer budget.stop()
	for level := 1; level <= opt.Depth && len(frontier) > 0; level++ {
		if level == 2 {
			budget.start()
		}
		bctx := budget.context()
		if len(b.nodes) >= MaxSubgraphNodes || bctx.Err() != nil {
			b.truncated = true
			break
		}
		for _, f := range frontier {
			expanded[f] = true
		}
		recs, err := db.read(bctx, "relations.expand", relExpandCypher, map[string]any{
			"frontier":         frontier,
			"relTypes":         relNilIfEmpty(opt.RelTypes),
			"includeDocuments": opt.IncludeDocuments,
			"minConfidence":    opt.MinConfidence,
			"direction":        string(opt.Direction),
			"limit":            opt.LimitPerNode,
			"rank":             string(opt.Ranking),
			"seedDoc":          seedDoc,
		})
		if err != nil {
			if ctx.Err() == nil && bctx.Err() != nil && rightsgraph.ErrorCode(err) == rightsgraph.ELIMIT {
				b.truncated = true
				break
			}
			return nil, err
		}
		// Records come back in no particular order: expand in frontier order
		// so that which nodes survive the node cap does not vary between runs.
		byID := map[string]*neo4j.Record{}
		for _, rec := range recs {
			fid, _ := rec.Values[0].(string)
			byID[fid] = rec
		}
		var next []string
		for _, fid := range frontier {
			rec := byID[fid]
			if rec == nil {
				continue
			}
			if cut, _ := rec.Values[2].(bool); cut {
				b.truncated = true
			}
			for _, e := range relAnyList(rec.Values[1]) {
				em, _ := e.(map[string]any)
				m, _ := em["node"].(dbtype.Node)
				mid := relNodeID(m)
				if mid == "" {
					continue
				}
				if !b.hasNode(mid) {
					if len(b.nodes) >= MaxSubgraphNodes {
						b.truncated = true
						continue
					}
					b.addNode(m)
					if !expanded[mid] {
						next = append(next, mid)
					}
				}
				props, _ := em["props"].(map[string]any)
				b.addEdge(relStr(em["type"]), relStr(em["source"]), relStr(em["target"]), props)
			}
		}
		frontier = next
	}
	if opt.ResolveEvidence {
		if err := b.resolveDocuments(ctx, db); err != nil {
			return nil, err
		}
	}
	return b.subgraph(), nil
}

// Paths returns paths between two entities: the k shortest (mode SHORTEST,
// k = opt.First) or all of the minimum length (ALL_SHORTEST, at most
// opt.First), shortest first. No path within opt.MaxHops is an empty result;
// an unknown endpoint is a not-found error; from == to is the zero-length path.
func (db *DB) Paths(ctx context.Context, from, to string, opt PathOptions) ([]GraphPath, error) {
	if err := relCheckID("from", from); err != nil {
		return nil, err
	}
	if err := relCheckID("to", to); err != nil {
		return nil, err
	}
	if err := opt.normalize(4, MaxPathHops); err != nil {
		return nil, err
	}
	ids := []string{from, to}
	if from == to {
		ids = ids[:1]
	}
	seeds, err := relSeeds(ctx, db, ids)
	if err != nil {
		return nil, err
	}
	if from == to {
		return []GraphPath{{Nodes: []GraphNode{relToGraphNode(seeds[0])}, Edges: []GraphEdge{}}}, nil
	}
	params := map[string]any{
		"from": from, "to": to, "relTypes": relNilIfEmpty(opt.RelTypes),
		"includeDocuments": opt.IncludeDocuments, "minConfidence": opt.MinConfidence,
		"first": opt.First,
	}
	// The minimum-length paths first: that is ALL_SHORTEST's answer, and
	// SHORTEST k's when there are k of them.
	q := relPathQueries[relPathKey{mode: PathAllShortest, hops: opt.MaxHops}]
	recs, err := db.read(ctx, q.name, q.cypher, params)
	if err != nil {
		return nil, err
	}
	if opt.Mode == PathShortest && len(recs) > 0 && len(recs) < opt.First && relPathLen(recs[0]) < opt.MaxHops {
		// Fewer than k shortest paths: look for longer ones, within a
		// budget; past it the shortest ones found are the answer.
		q, ok := relPathQueries[relPathKey{mode: PathShortest, hops: opt.MaxHops, k: opt.First}]
		if !ok {
			return nil, fmt.Errorf("paths: no statement for k=%d hops=%d", opt.First, opt.MaxHops)
		}
		lctx, cancel := context.WithTimeout(ctx, relLongerPathBudget)
		longer, lerr := db.read(lctx, q.name, q.cypher, params)
		cancel()
		switch {
		case lerr == nil:
			recs = longer
		case ctx.Err() != nil:
			return nil, lerr
		case rightsgraph.ErrorCode(lerr) != rightsgraph.ELIMIT:
			return nil, lerr
		}
	}
	b := newRelBuilder()
	paths := make([]*relRawPath, 0, len(recs))
	for _, rec := range recs {
		paths = append(paths, b.addPath(relAnyList(rec.Values[0]), relAnyList(rec.Values[1])))
	}
	if opt.ResolveEvidence {
		if err := b.resolveDocuments(ctx, db); err != nil {
			return nil, err
		}
	}
	out := make([]GraphPath, 0, len(paths))
	for _, p := range paths {
		out = append(out, b.path(p))
	}
	return out, nil
}

// Connections returns the subgraph linking a set of entities: the union of
// one shortest path (within opt.MaxHops, 0 meaning 3) for every pair,
// deduplicated, plus the entities themselves even when nothing links them.
// Truncated is true when some pair has no path within maxHops. Of opt, only
// MaxHops, HopLimit and ResolveEvidence apply.
func (db *DB) Connections(ctx context.Context, ids []string, opt PathOptions) (*Subgraph, error) {
	switch {
	case len(ids) > MaxConnectionIDs:
		return nil, relLimit("ids: %d ids exceed the limit of %d", len(ids), MaxConnectionIDs)
	case len(ids) < 2:
		return nil, relInvalid("ids: give at least 2 ids")
	}
	seen := map[string]bool{}
	var uniq []string
	for _, id := range ids {
		if err := relCheckID("ids", id); err != nil {
			return nil, err
		}
		if !seen[id] {
			seen[id] = true
			uniq = append(uniq, id)
		}
	}
	opt = PathOptions{MaxHops: opt.MaxHops, First: 1, HopLimit: opt.HopLimit, ResolveEvidence: opt.ResolveEvidence}
	if err := opt.normalize(3, MaxConnectionHops); err != nil {
		return nil, err
	}
	seeds, err := relSeeds(ctx, db, uniq)
	if err != nil {
		return nil, err
	}
	b := newRelBuilder()
	for _, n := range seeds {
		b.addNode(n)
	}
	var pairs [][]string
	for i := range uniq {
		for j := i + 1; j < len(uniq); j++ {
			pairs = append(pairs, []string{uniq[i], uniq[j]})
		}
	}
	// One statement per pair, in pair order, under one budget for all of
	// them: a pair whose search does not finish in time counts as not
	// linked, and the subgraph says it is truncated.
	// The budget starts after the first pair, which always runs (on a
	// cold instance planning it alone can take seconds).
	q := relConnectionQueries[opt.MaxHops]
	budget := &lazyBudget{parent: ctx, d: relConnectionsBudget}
	defer budget.stop()
	for i, p := range pairs {
		if i == 1 {
			budget.start()
		}
		bctx := budget.context()
		if bctx.Err() != nil {
			b.truncated = true
			break
		}
		recs, err := db.read(bctx, q.name, q.cypher, map[string]any{
			"from": p[0], "to": p[1], "relTypes": nil, "includeDocuments": false, "minConfidence": 0.0,
		})
		if err != nil {
			if ctx.Err() == nil && rightsgraph.ErrorCode(err) == rightsgraph.ELIMIT && bctx.Err() != nil {
				b.truncated = true
				break
			}
			return nil, err
		}
		if len(recs) == 0 {
			b.truncated = true
			continue
		}
		b.addPath(relAnyList(recs[0].Values[0]), relAnyList(recs[0].Values[1]))
	}
	if opt.ResolveEvidence {
		if err := b.resolveDocuments(ctx, db); err != nil {
			return nil, err
		}
	}
	return b.subgraph(), nil
}

// Timeline returns the events the entity actor takes part in (any role), in
// date order: by the ISO 8601 date string, so a coarser date comes before the
// finer dates it contains (2023, 2023-04, 2023-04-15), then by event id;
// undated events come last. From and To keep the events whose date interval
// meets [From, To] (an event dated 2023 is kept for From=2023-04, To=2023-05,
// since it may have happened then; DatePrecision lets the client tell);
// undated events are dropped when either bound is set. At most opt.First
// events (the earliest) are returned. An unknown actor is a not-found error.
func (db *DB) Timeline(ctx context.Context, actor string, opt TimelineOptions) ([]TimelineEntry, error) {
	if err := relCheckID("actor", actor); err != nil {
		return nil, err
	}
	docs, err := DocumentIDs("documents", opt.Documents)
	if err != nil {
		return nil, err
	}
	if c, err := db.canonical(ctx, []string{actor}); err != nil {
		return nil, err
	} else {
		actor = c[0]
	}
	params := map[string]any{"actor": actor, "from": nil, "toEnd": nil, "types": nil, "limit": DefaultTimeline, "docs": docs}
	switch {
	case opt.First < 0:
		return nil, relInvalid("first must be at least 1")
	case opt.First > MaxTimeline:
		return nil, relLimit("first %d exceeds the limit of %d", opt.First, MaxTimeline)
	case opt.First > 0:
		params["limit"] = opt.First
	}
	if opt.From != "" {
		if !isoDateRe.MatchString(opt.From) {
			return nil, relInvalid("from: %q is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)", opt.From)
		}
		params["from"] = opt.From
	}
	if opt.To != "" {
		if !isoDateRe.MatchString(opt.To) {
			return nil, relInvalid("to: %q is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)", opt.To)
		}
		params["toEnd"] = opt.To + "~"
	}
	if opt.From != "" && opt.To != "" && opt.To+"~" < opt.From {
		return nil, relInvalid("from %s is after to %s", opt.From, opt.To)
	}
	if len(opt.Types) > 0 {
		types := make([]string, 0, len(opt.Types))
		for _, t := range opt.Types {
			u := strings.ToUpper(strings.TrimSpace(t))
			if !eventTypeRe.MatchString(u) {
				return nil, relInvalid("types: %q is not an event type", t)
			}
			types = append(types, u)
		}
		params["types"] = types
	}
	recs, err := db.read(ctx, "relations.timeline", relTimelineCypher, params)
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, relNotFound([]string{actor})
	}
	out := []TimelineEntry{}
	for _, rec := range recs {
		e, ok := rec.Values[1].(dbtype.Node)
		if !ok {
			continue // the actor takes part in no matching event
		}
		te := TimelineEntry{
			EventID: relStr(e.Props["id"]),
			Type:    relStr(e.Props["type"]),
			Date:    relStr(relValue(e.Props["date"])),
			Summary: relStr(e.Props["summary"]),
			Outcome: relStr(e.Props["outcome"]),
			Node:    relToGraphNode(e),
		}
		if te.Summary == "" {
			te.Summary = relStr(e.Props["name"])
		}
		te.DatePrecision = PrecisionOf(te.Date)
		if c, ok := e.Props["count"].(int64); ok {
			te.Count = &c
		}
		for _, r := range relAnyList(rec.Values[2]) {
			if s, ok := r.(string); ok && s != "" {
				te.Roles = append(te.Roles, s)
			}
		}
		sort.Strings(te.Roles)
		te.PlaceID = relStr(rec.Values[3])
		te.PlaceName = relStr(rec.Values[4])
		out = append(out, te)
	}
	// Cypher sorted already; keep the documented order even if a plan does
	// not preserve it.
	sort.SliceStable(out, func(i, j int) bool { return TimelineLess(out[i], out[j]) })
	return out, nil
}

// TimelineLess is the timeline order: dated before undated, then by date
// string (a prefix sorts first), then by event id.
func TimelineLess(a, b TimelineEntry) bool {
	if (a.Date == "") != (b.Date == "") {
		return a.Date != ""
	}
	if a.Date != b.Date {
		return a.Date < b.Date
	}
	return a.EventID < b.EventID
}

// MaxDocumentIDs bounds the document ids of one document filter.
const MaxDocumentIDs = 100

// DocumentIDs checks a list of document ids for a filter: nil (no filter)
// when empty, else the ids; too many or malformed ids are an error naming arg.
func DocumentIDs(arg string, ids []string) (any, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	if len(ids) > MaxDocumentIDs {
		return nil, relLimit("%s: %d document ids exceed the limit of %d", arg, len(ids), MaxDocumentIDs)
	}
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if err := relCheckID(arg, id); err != nil {
			return nil, err
		}
		out = append(out, strings.TrimSpace(id))
	}
	return out, nil
}

// --- building results ----------------------------------------------------------

// relBuilder accumulates nodes and edges, deduplicated by id, in the order
// first seen, and fills in evidence documents with one query at the end.
type relBuilder struct {
	nodes     []GraphNode
	nodeIdx   map[string]int
	elemToID  map[string]string
	edges     []GraphEdge
	edgeIdx   map[string]int
	docs      map[string]*EvidenceDocument
	truncated bool
}

type relRawPath struct {
	nodeIDs []string
	edgeIDs []string
}

func newRelBuilder() *relBuilder {
	return &relBuilder{
		nodeIdx:  map[string]int{},
		elemToID: map[string]string{},
		edgeIdx:  map[string]int{},
		docs:     map[string]*EvidenceDocument{},
	}
}

func (b *relBuilder) hasNode(id string) bool { _, ok := b.nodeIdx[id]; return ok }

func (b *relBuilder) addNode(n dbtype.Node) string {
	id := relNodeID(n)
	if id == "" {
		return ""
	}
	b.elemToID[n.ElementId] = id
	if _, ok := b.nodeIdx[id]; !ok {
		b.nodeIdx[id] = len(b.nodes)
		b.nodes = append(b.nodes, relToGraphNode(n))
	}
	return id
}

// EdgeID returns the stable id of an edge: TYPE:source:target, with :role
// appended for INVOLVED_IN.
func EdgeID(typ, source, target, role string) string {
	id := typ + ":" + source + ":" + target
	if role != "" {
		id += ":" + role
	}
	return id
}

func (b *relBuilder) addEdge(typ, src, dst string, props map[string]any) string {
	role := ""
	if typ == "INVOLVED_IN" {
		role = relStr(props["role"])
	}
	id := EdgeID(typ, src, dst, role)
	if _, ok := b.edgeIdx[id]; ok {
		return id
	}
	e := GraphEdge{ID: id, Type: typ, Source: src, Target: dst, Confidence: 1, Evidence: []EdgeEvidence{}, Properties: map[string]any{}}
	if c, ok := relFloat(props["confidence"]); ok {
		e.Confidence = c
	}
	e.Disputed, _ = props["disputed"].(bool)
	docIDs := relAnyList(props["docIds"])
	starts := relAnyList(props["starts"])
	ends := relAnyList(props["ends"])
	quotes := relAnyList(props["quotes"])
	confs := relAnyList(props["confidences"])
	n := max(len(docIDs), len(starts))
	if typ == MentionedIn {
		n = len(starts) // the document is the target
	}
	for i := 0; i < n; i++ {
		docID := dst
		if typ != MentionedIn {
			if i >= len(docIDs) {
				break
			}
			docID = relStr(docIDs[i])
		}
		ev := EdgeEvidence{Document: EvidenceDocument{ID: docID}, Confidence: e.Confidence}
		if i < len(confs) {
			if c, ok := relFloat(confs[i]); ok {
				ev.Confidence = c
			}
		}
		if i < len(starts) {
			ev.Start = relInt(starts[i])
		}
		if i < len(ends) {
			ev.End = relInt(ends[i])
		}
		if i < len(quotes) {
			ev.Quote = relStr(quotes[i])
		}
		if docID != "" {
			b.docs[docID] = nil
		}
		e.Evidence = append(e.Evidence, ev)
	}
	for k, v := range props {
		switch k {
		case "docIds", "starts", "ends", "quotes", "confidence", "confidences", "docColls", "docRanks", "disputed":
			continue // evidence bookkeeping, exposed as Evidence and Confidence
		}
		e.Properties[k] = relValue(v)
	}
	b.edgeIdx[id] = len(b.edges)
	b.edges = append(b.edges, e)
	return id
}

// addPath adds a path's nodes and relationships and returns it as ids.
func (b *relBuilder) addPath(nodes, rels []any) *relRawPath {
	p := &relRawPath{}
	for _, x := range nodes {
		n, ok := x.(dbtype.Node)
		if !ok {
			continue
		}
		p.nodeIDs = append(p.nodeIDs, b.addNode(n))
	}
	for _, x := range rels {
		r, ok := x.(dbtype.Relationship)
		if !ok {
			continue
		}
		src, dst := b.elemToID[r.StartElementId], b.elemToID[r.EndElementId]
		p.edgeIDs = append(p.edgeIDs, b.addEdge(r.Type, src, dst, r.Props))
	}
	return p
}

func (b *relBuilder) path(p *relRawPath) GraphPath {
	gp := GraphPath{Nodes: make([]GraphNode, 0, len(p.nodeIDs)), Edges: make([]GraphEdge, 0, len(p.edgeIDs)), Length: len(p.edgeIDs)}
	for _, id := range p.nodeIDs {
		gp.Nodes = append(gp.Nodes, b.nodes[b.nodeIdx[id]])
	}
	for _, id := range p.edgeIDs {
		gp.Edges = append(gp.Edges, b.edges[b.edgeIdx[id]])
	}
	return gp
}

// resolveDocuments fills the title, source, publisher and published date of
// every document that evidence points at.
func (b *relBuilder) resolveDocuments(ctx context.Context, db *DB) error {
	if len(b.docs) == 0 {
		return nil
	}
	ids := make([]string, 0, len(b.docs))
	for id := range b.docs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	recs, err := db.read(ctx, "relations.documents", relDocumentsCypher, map[string]any{"ids": ids})
	if err != nil {
		return err
	}
	for _, rec := range recs {
		d := &EvidenceDocument{
			ID:        relStr(rec.Values[0]),
			Title:     relStr(rec.Values[1]),
			Source:    relStr(rec.Values[2]),
			Publisher: relStr(rec.Values[3]),
			Published: relStr(rec.Values[4]),
		}
		b.docs[d.ID] = d
	}
	for i := range b.edges {
		for j := range b.edges[i].Evidence {
			ev := &b.edges[i].Evidence[j]
			if d := b.docs[ev.Document.ID]; d != nil {
				ev.Document = *d
			}
		}
	}
	return nil
}

func (b *relBuilder) subgraph() *Subgraph {
	return &Subgraph{Nodes: b.nodes, Edges: b.edges, Truncated: b.truncated}
}

// --- value helpers -------------------------------------------------------------

func relNilIfEmpty(s []string) any {
	if len(s) == 0 {
		return nil
	}
	return s
}

func relNodeID(n dbtype.Node) string { return relStr(n.Props["id"]) }

// kindOrder names a node's kind when it has no kind property: the most
// specific label wins.
var relKindOrder = []string{"Court", "Institution", "State", "Organization", "Person", "Group",
	"Place", "Instrument", "Provision", "Right", "Obligation", "Event", "Document"}

func relToGraphNode(n dbtype.Node) GraphNode {
	g := GraphNode{ID: relNodeID(n), Labels: append([]string(nil), n.Labels...), Properties: map[string]any{}}
	sort.Strings(g.Labels)
	isDoc := false
	for _, l := range n.Labels {
		if l == "Document" {
			isDoc = true
		}
	}
	switch {
	case isDoc:
		g.Kind = "Document"
	case relStr(n.Props["kind"]) != "":
		g.Kind = relStr(n.Props["kind"])
	default:
		for _, k := range relKindOrder {
			for _, l := range n.Labels {
				if l == k && g.Kind == "" {
					g.Kind = k
				}
			}
		}
	}
	if g.Kind == "Court" {
		g.Kind = "Institution"
	}
	g.Label = relStr(n.Props["name"])
	if isDoc {
		g.Label = relStr(n.Props["title"])
		if g.Label == "" {
			g.Label = relStr(n.Props["source"])
		}
	}
	if g.Label == "" {
		g.Label = g.ID
	}
	for k, v := range n.Props {
		if isDoc && k == "text" {
			continue // whole documents do not belong in a graph view
		}
		g.Properties[k] = relValue(v)
	}
	return g
}

// relValue turns driver values into plain Go values: temporal types become
// ISO 8601 strings, lists keep their element values converted.
func relValue(v any) any {
	switch x := v.(type) {
	case nil, string, bool, int64, float64:
		return x
	case time.Time:
		return x.Format(time.RFC3339Nano)
	case dbtype.Date:
		return x.Time().Format("2006-01-02")
	case dbtype.LocalDateTime:
		return x.Time().Format("2006-01-02T15:04:05.999999999")
	case dbtype.LocalTime:
		return x.Time().Format("15:04:05.999999999")
	case dbtype.Time:
		return x.Time().Format("15:04:05.999999999Z07:00")
	case dbtype.Duration:
		return x.String()
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = relValue(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = relValue(e)
		}
		return out
	default:
		return fmt.Sprint(x)
	}
}

func relStr(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	default:
		return fmt.Sprint(relValue(x))
	}
}

func relInt(v any) int {
	switch x := v.(type) {
	case int64:
		return int(x)
	case float64:
		return int(x)
	}
	return 0
}

func relFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int64:
		return float64(x), true
	}
	return 0, false
}

func relAnyList(v any) []any {
	switch x := v.(type) {
	case []any:
		return x
	case []string:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out
	}
	return nil
}
