package neo4jdb

import (
	"context"
	"sort"

	"strings"
)

// Relationship reads are batched: one statement fetches the neighbours of
// many parents (UNWIND $ids), each parent's list cut to $limit in a
// subquery. The GraphQL layer's dataloaders gather the parents of one
// request, so a nested query costs one statement per field, not per row.

// RelSpec is one kind of neighbourhood: a relationship type and direction
// from a parent label to a neighbour label, from a closed list.
type RelSpec struct {
	Name      string
	Type      string
	Out       bool   // (parent)-[r]->(neighbour) when true, (parent)<-[r]-(neighbour) otherwise
	FromLabel string // Entity or Document
	ToLabel   string // Entity, Document, Actor, Event, ...
	// Where is an extra constant predicate over r and b using the optional
	// parameters $role, $types, $from, $to (nil when unused).
	Where string
	// OrderBy orders each parent's neighbours (b is the neighbour).
	OrderBy string
}

const (
	byNeighbourName = "coalesce(b.name, ''), b.id"
	byEventDate     = "coalesce(b.date, ''), b.id"
	eventFilters    = "($types IS NULL OR b.type IN $types) AND ($from IS NULL OR coalesce(b.date, '') >= $from) AND ($to IS NULL OR coalesce(b.date, '') < $to)"
)

// Relationship specs the API reads, by name.
var RelSpecs = map[string]*RelSpec{}

func addSpec(s RelSpec) *RelSpec {
	if s.OrderBy == "" {
		s.OrderBy = byNeighbourName
	}
	if s.FromLabel == "" {
		s.FromLabel = "Entity"
	}
	if s.ToLabel == "" {
		s.ToLabel = "Entity"
	}
	RelSpecs[s.Name] = &s
	return &s
}

// The specs. Names are what the GraphQL layer asks for.
var (
	SpecMentions = addSpec(RelSpec{Name: "mentions", Type: "MENTIONED_IN", Out: true, ToLabel: "Document",
		OrderBy: "coalesce(b.published, '') DESC, b.id"})
	SpecDocumentEntities = addSpec(RelSpec{Name: "documentEntities", Type: "MENTIONED_IN", FromLabel: "Document",
		Where: "($labels IS NULL OR any(l IN labels(b) WHERE l IN $labels))"})
	SpecParticipants = addSpec(RelSpec{Name: "participants", Type: "INVOLVED_IN", ToLabel: "Actor",
		Where: "($role IS NULL OR r.role = $role)", OrderBy: "r.role, coalesce(b.name, ''), b.id"})
	SpecMemberships = addSpec(RelSpec{Name: "memberships", Type: "MEMBER_OF", Out: true})
	SpecMembers     = addSpec(RelSpec{Name: "members", Type: "MEMBER_OF"})
	SpecPositions   = addSpec(RelSpec{Name: "positionsHeld", Type: "HOLDS_POSITION", Out: true})
	SpecPositionsIn = addSpec(RelSpec{Name: "positionsIn", Type: "HOLDS_POSITION"})
	SpecPartOf      = addSpec(RelSpec{Name: "partOf", Type: "PART_OF", Out: true})
	SpecParts       = addSpec(RelSpec{Name: "parts", Type: "PART_OF"})
	SpecAffiliation = addSpec(RelSpec{Name: "affiliations", Type: "AFFILIATED_WITH", Out: true})
	SpecNationality = addSpec(RelSpec{Name: "nationality", Type: "NATIONAL_OF", Out: true})
	SpecLocatedIn   = addSpec(RelSpec{Name: "locatedIn", Type: "LOCATED_IN", Out: true})
	SpecPlaceEvents = addSpec(RelSpec{Name: "placeEvents", Type: "OCCURRED_IN", ToLabel: "Event",
		Where: eventFilters, OrderBy: byEventDate})
	SpecEventPlace = addSpec(RelSpec{Name: "eventPlace", Type: "OCCURRED_IN", Out: true})
	SpecProvisions = addSpec(RelSpec{Name: "provisions", Type: "HAS_PROVISION", Out: true, ToLabel: "Provision",
		// article order, not string order: Article 2 before Article 10
		OrderBy: "coalesce(toInteger(head([w IN split(coalesce(b.number, ''), ' ') WHERE w =~ '[0-9]+'])), 1000000), coalesce(b.number, ''), b.id"})
	SpecProtects    = addSpec(RelSpec{Name: "protects", Type: "PROTECTS", Out: true})
	SpecProtectedBy = addSpec(RelSpec{Name: "protectedBy", Type: "PROTECTS"})
	SpecBinds       = addSpec(RelSpec{Name: "binds", Type: "BINDS", Out: true})
	SpecEstablished = addSpec(RelSpec{Name: "establishedBy", Type: "ESTABLISHES"})
	SpecCites       = addSpec(RelSpec{Name: "cites", Type: "CITES", Out: true})
	SpecFindings    = addSpec(RelSpec{Name: "findings", Type: "FINDS_VIOLATION_OF", Out: true})
	SpecAllegations = addSpec(RelSpec{Name: "allegations", Type: "ALLEGES_VIOLATION_OF", Out: true})
)

// RelArgs are the optional arguments of a neighbourhood read. It is
// comparable so that dataloaders can key on it.
type RelArgs struct {
	Limit  int
	Role   string // INVOLVED_IN role, "" for any
	Types  string // comma-separated event types, "" for any
	From   string
	To     string // inclusive prefix
	Labels string // comma-separated neighbour labels, "" for any
}

func (s *RelSpec) cypher() string {
	from := "(a:`" + s.FromLabel + "` {id: id})"
	rel := "-[r:`" + s.Type + "`]->"
	if !s.Out {
		rel = "<-[r:`" + s.Type + "`]-"
	}
	where := " WHERE " + canReadHop("r", "b")
	if s.Where != "" {
		where += " AND " + s.Where
	}
	ret := "b"
	if s.ToLabel == "Document" {
		ret = "b {.id, .source, .title, .publisher, .published, .about, .language, .format, labels: labels(b)}"
	}
	return "UNWIND $ids AS id MATCH " + from + " CALL { WITH a MATCH (a)" + rel + "(b:`" + s.ToLabel + "`)" + where +
		" RETURN r, " + ret + " AS b ORDER BY " + s.OrderBy + " LIMIT $limit } RETURN id, r, b"
}

func (a RelArgs) params(ids []string) map[string]any {
	p := map[string]any{"ids": ids, "limit": int64(a.Limit), "role": nil, "types": nil, "from": nil, "to": nil, "labels": nil}
	if a.Role != "" {
		p["role"] = a.Role
	}
	if a.Types != "" {
		p["types"] = strings.Split(a.Types, ",")
	}
	if a.From != "" {
		p["from"] = a.From
	}
	if a.To != "" {
		p["to"] = a.To + "\uffff"
	}
	if a.Labels != "" {
		p["labels"] = strings.Split(a.Labels, ",")
	}
	return p
}

// Related returns, for each parent id, its neighbours along spec, at most
// args.Limit each, in the spec's order. One statement for all ids.
func (db *DB) Related(ctx context.Context, spec *RelSpec, ids []string, args RelArgs) (map[string][]Hop, error) {
	recs, err := db.read(ctx, "related:"+spec.Name, spec.cypher(), args.params(ids))
	if err != nil {
		return nil, err
	}
	out := make(map[string][]Hop, len(ids))
	for _, rec := range recs {
		id, _ := rec.Values[0].(string)
		out[id] = append(out[id], Hop{From: id, Rel: toRel(rec.Values[1]), Node: toNode(rec.Values[2])})
	}
	return out, nil
}

// ---- Events of an actor, keyset-paginated, with an optional count.

// ActorEventsArgs are the arguments of Actor.events.
type ActorEventsArgs struct {
	RelArgs
	After string // opaque cursor, "" for the first page
	Count bool   // also count every match (only when totalCount is selected)
}

// EventPage is one page of an actor's events.
type EventPage struct {
	Hops    []Hop
	Cursors []string
	HasNext bool
	HasPrev bool
	Total   int
	Counted bool
}

var actorEventsMatch = "MATCH (a)-[r:INVOLVED_IN]->(b:Event) WHERE ($role IS NULL OR r.role = $role) AND " + eventFilters + " AND " + canReadHop("r", "b")

func actorEventsCypher(count bool) string {
	q := "UNWIND $ids AS id MATCH (a:Entity {id: id}) CALL { WITH a " + actorEventsMatch +
		" AND ($c0 IS NULL OR coalesce(b.date, '') > $c0 OR (coalesce(b.date, '') = $c0 AND (b.id > $c1 OR (b.id = $c1 AND r.role > $c2))))" +
		" WITH r, b ORDER BY coalesce(b.date, ''), b.id, r.role LIMIT $limit RETURN collect([r, b]) AS hops }"
	if count {
		q += " CALL { WITH a " + actorEventsMatch + " RETURN count(*) AS total } RETURN id, hops, total"
	} else {
		q += " RETURN id, hops, -1 AS total"
	}
	return q
}

var (
	actorEventsPageCypher  = register(ReadQuery{Name: "actorEvents", Cypher: actorEventsCypher(false), Params: exampleActorEventsParams()})
	actorEventsCountCypher = register(ReadQuery{Name: "actorEventsCount", Cypher: actorEventsCypher(true), Params: exampleActorEventsParams()})
)

func exampleActorEventsParams() map[string]any {
	p := RelArgs{Limit: 21, Role: "agent", Types: "ARREST", From: "2023", To: "2023"}.params([]string{"state:BEL"})
	p["c0"], p["c1"], p["c2"] = "2023", "event:x", "agent"
	return p
}

// ActorEvents returns a page of each actor's events in date order.
func (db *DB) ActorEvents(ctx context.Context, ids []string, args ActorEventsArgs) (map[string]*EventPage, error) {
	p := args.params(ids)
	p["limit"] = int64(args.Limit + 1)
	p["c0"], p["c1"], p["c2"] = nil, nil, nil
	if args.After != "" {
		keys, err := decodeEventCursor(args.After)
		if err != nil {
			return nil, err
		}
		p["c0"], p["c1"], p["c2"] = keys[0], keys[1], keys[2]
	}
	name, cypher := "actorEvents", actorEventsPageCypher
	if args.Count {
		name, cypher = "actorEventsCount", actorEventsCountCypher
	}
	recs, err := db.read(ctx, name, cypher, p)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*EventPage, len(ids))
	for _, rec := range recs {
		id, _ := rec.Values[0].(string)
		pairs, _ := rec.Values[1].([]any)
		total, _ := rec.Values[2].(int64)
		page := &EventPage{HasPrev: args.After != "", Total: int(total), Counted: args.Count}
		for i, pr := range pairs {
			if i == args.Limit {
				page.HasNext = true
				break
			}
			pair, _ := pr.([]any)
			if len(pair) != 2 {
				continue
			}
			h := Hop{From: id, Rel: toRel(pair[0]), Node: toNode(pair[1])}
			page.Hops = append(page.Hops, h)
			role, _ := h.Rel.Props["role"].(string)
			page.Cursors = append(page.Cursors, encodeEventCursor(h.Node.Str("date"), h.Node.ID, role))
		}
		out[id] = page
	}
	return out, nil
}

func encodeEventCursor(date, id, role string) string {
	return encodeCursor(cursor{Sig: "actorEvents", Keys: []any{date, id, role}})
}

func decodeEventCursor(s string) ([]string, error) {
	c := &compiled{sig: "actorEvents", kind: &ListKind{Fields: map[string]Field{}}, sorts: make([]Sort, 3)}
	vals, err := c.decodeCursor(s)
	if err != nil {
		return nil, err
	}
	out := make([]string, 3)
	for i, v := range vals {
		out[i], _ = v.(string)
	}
	return out, nil
}

// ---- Actors by name (who published an allegation).

var actorsByNameCypher = register(ReadQuery{
	Name:   "actorsByName",
	Cypher: "UNWIND $names AS nm MATCH (a:Entity) WHERE a.name = nm AND a:Actor AND " + canReadNode("a") + " RETURN nm, a ORDER BY a.id",
	Params: map[string]any{"names": []string{"Amnesty International"}},
})

// ActorsByName returns, for each name, the first actor (by id) with exactly that name.
func (db *DB) ActorsByName(ctx context.Context, names []string) (map[string]*Node, error) {
	recs, err := db.read(ctx, "actorsByName", actorsByNameCypher, map[string]any{"names": names})
	if err != nil {
		return nil, err
	}
	out := map[string]*Node{}
	for _, rec := range recs {
		nm, _ := rec.Values[0].(string)
		if _, ok := out[nm]; !ok {
			out[nm] = toNode(rec.Values[1])
		}
	}
	return out, nil
}

// generatedQueries lists the statements built from whitelists (lists, and
// one per relationship spec) for ReadQueries.
func generatedQueries() []ReadQuery {
	out := listExamples()
	names := make([]string, 0, len(RelSpecs))
	for n := range RelSpecs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		s := RelSpecs[n]
		ids := []string{"state:BEL"}
		if s.FromLabel == "Document" {
			ids = []string{strings.Repeat("0", 64)}
		}
		out = append(out, ReadQuery{Name: "related:" + n, Cypher: s.cypher(),
			Params: RelArgs{Limit: 10, Role: "agent", Types: "ARREST", From: "2023", To: "2024", Labels: "State"}.params(ids)})
	}
	return out
}
