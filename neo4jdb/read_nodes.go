package neo4jdb

import (
	"context"
	"regexp"
	"slices"
	"strings"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// IsDocumentID reports whether id is a document id (64 hex digits, the
// sha256 of its content) rather than an entity id (kind:slug).
func IsDocumentID(id string) bool { return docIDPattern.MatchString(id) }

var docIDPattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

// documentProjection reads a document without its text, which can be large
// and is loaded only when a client selects it.
const documentProjection = `d {.id, .source, .title, .publisher, .published, .about, .language, .format, labels: labels(d)}`

var (
	entitiesByIDCypher = register(ReadQuery{
		Name:   "entitiesByID",
		Cypher: `UNWIND $ids AS id MATCH (n:Entity {id: id}) WHERE ` + canReadNode("n") + ` RETURN n`,
		Params: map[string]any{"ids": []string{"state:BEL"}},
	})
	documentsByIDCypher = register(ReadQuery{
		Name:   "documentsByID",
		Cypher: `UNWIND $ids AS id MATCH (d:Document {id: id}) WHERE ` + canReadDoc("d") + ` RETURN ` + documentProjection + ` AS d`,
		Params: map[string]any{"ids": []string{strings.Repeat("0", 64)}},
	})
	documentTextCypher = register(ReadQuery{
		Name:   "documentText",
		Cypher: `UNWIND $ids AS id MATCH (d:Document {id: id}) WHERE ` + canReadDoc("d") + ` RETURN d.id AS id, d.text AS text`,
		Params: map[string]any{"ids": []string{strings.Repeat("0", 64)}},
	})
)

// NodesByID returns the entities and documents with the given ids, keyed by
// id; unknown ids are absent. Documents come without their text.
func (db *DB) NodesByID(ctx context.Context, ids []string) (map[string]*Node, error) {
	var ents, docs []string
	for _, id := range ids {
		if IsDocumentID(id) {
			docs = append(docs, id)
		} else {
			ents = append(ents, id)
		}
	}
	out := make(map[string]*Node, len(ids))
	for _, q := range []struct {
		name, cypher string
		ids          []string
	}{{"entitiesByID", entitiesByIDCypher, ents}, {"documentsByID", documentsByIDCypher, docs}} {
		if len(q.ids) == 0 {
			continue
		}
		recs, err := db.read(ctx, q.name, q.cypher, map[string]any{"ids": q.ids})
		if err != nil {
			return nil, err
		}
		for _, rec := range recs {
			if n := toNode(rec.Values[0]); n != nil {
				out[n.ID] = n
			}
		}
	}
	// Ids merged away read as the entity they were merged into, flagged.
	var missing []string
	for _, id := range ents {
		if out[id] == nil {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	red, err := db.Redirects(ctx, missing)
	if err != nil || len(red) == 0 {
		return out, err
	}
	var targets []string
	for _, to := range red {
		targets = append(targets, to)
	}
	got, err := db.NodesByID(ctx, targets)
	if err != nil {
		return nil, err
	}
	for from, to := range red {
		if n := got[to]; n != nil && n.RedirectedFrom == "" {
			c := *n
			c.RedirectedFrom = from
			out[from] = &c
		}
	}
	return out, nil
}

// DocumentTexts returns the text of the given documents, keyed by id.
func (db *DB) DocumentTexts(ctx context.Context, ids []string) (map[string]string, error) {
	recs, err := db.read(ctx, "documentText", documentTextCypher, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(recs))
	for _, rec := range recs {
		id, _ := rec.Values[0].(string)
		text, _ := rec.Values[1].(string)
		out[id] = text
	}
	return out, nil
}

// Stats are node and relationship counts.
type Stats struct {
	Nodes         int
	Relationships int
	ByLabel       []LabelCount
}

// LabelCount is the number of nodes with one label.
type LabelCount struct {
	Label string
	Count int
}

// StatLabels are the labels whose counts Stats reports: the ontology's kinds
// and the event type labels.
var StatLabels = []string{
	"Entity", "Actor", "State", "Institution", "Court", "Organization", "Person", "Group",
	"Place", "Instrument", "Provision", "Right", "Obligation", "Event", "Document",
	"Protest", "Arrest", "Detention", "Conviction", "Ruling", "Release", "Execution",
	"Killing", "Legislation", "Policy", "Resolution", "Report", "ArmsTransfer",
	"Expulsion", "Attack", "Meeting", "Statement", "Other",
}

// statsCypher reads every count from Neo4j's count store (one subquery per
// label, labels from the closed list above), so it costs the same on any
// size of graph.
var statsCypher = register(ReadQuery{
	Name:   "stats",
	Cypher: buildStatsCypher(),
	ScanOK: "counts come from the count store",
})

// statsVisibleCypher counts what a restricted principal sees: visible
// nodes by label, and relationships that are visible between visible nodes
// (a MENTIONED_IN counts when its document is readable).
var statsVisibleCypher = register(ReadQuery{
	Name: "statsVisible",
	Cypher: `CALL { MATCH (n) WHERE (n:Entity OR n:Document) AND ` + canReadNode("n") + `
  UNWIND labels(n) AS label RETURN label, count(*) AS c }
WITH collect([label, c]) AS byLabel
CALL { MATCH (n) WHERE (n:Entity OR n:Document) AND ` + canReadNode("n") + ` RETURN count(n) AS nodes }
CALL { MATCH (a)-[r]->(b) WHERE ` + canReadRel("r") + ` AND ` + canReadNode("a") + ` AND ` + canReadNode("b") + ` RETURN count(r) AS relationships }
RETURN nodes, relationships, byLabel`,
	Params: map[string]any{"acl": aclParam(rightsgraph.AnonymousPrincipal(), false)},
	ScanOK: "counting what a restricted principal sees visits every node",
})

func buildStatsCypher() string {
	var b strings.Builder
	b.WriteString("CALL { MATCH (n:Entity) RETURN count(n) AS entities }\n")
	b.WriteString("CALL { MATCH (n:Document) RETURN count(n) AS documents }\n")
	b.WriteString("CALL { MATCH ()-[r]->() RETURN count(r) AS relationships }\n")
	for i, l := range StatLabels {
		b.WriteString("CALL { MATCH (n:`" + l + "`) RETURN count(n) AS c" + itoa(i) + " }\n")
	}
	b.WriteString("RETURN entities + documents AS nodes, relationships, [")
	for i, l := range StatLabels {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("['" + l + "', c" + itoa(i) + "]")
	}
	b.WriteString("] AS byLabel")
	return b.String()
}

// Stats counts nodes and relationships, in total and by label (labels with
// no nodes are left out).
func (db *DB) Stats(ctx context.Context) (*Stats, error) {
	name, cypher := "stats", statsCypher
	if acl, err := db.aclFor(ctx); err != nil {
		return nil, db.readErr(ctx, name, err)
	} else if open, _ := acl["open"].(bool); !open {
		name, cypher = "statsVisible", statsVisibleCypher
	}
	recs, err := db.read(ctx, name, cypher, nil)
	if err != nil {
		return nil, err
	}
	s := &Stats{}
	if len(recs) == 0 {
		return s, nil
	}
	rec := recs[0]
	n, _ := rec.Values[0].(int64)
	r, _ := rec.Values[1].(int64)
	s.Nodes, s.Relationships = int(n), int(r)
	pairs, _ := rec.Values[2].([]any)
	for _, p := range pairs {
		pair, _ := p.([]any)
		if len(pair) != 2 {
			continue
		}
		label, _ := pair[0].(string)
		c, _ := pair[1].(int64)
		if c > 0 && slices.Contains(StatLabels, label) {
			s.ByLabel = append(s.ByLabel, LabelCount{Label: label, Count: int(c)})
		}
	}
	slices.SortFunc(s.ByLabel, func(a, b LabelCount) int {
		return slices.Index(StatLabels, a.Label) - slices.Index(StatLabels, b.Label)
	})
	return s, nil
}

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}
