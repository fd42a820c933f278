package neo4jdb

import (
	"context"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// MaxViewNodes bounds the ids of one Induced request (an explorer's view).
const MaxViewNodes = MaxSubgraphNodes

// relInducedCypher returns the given entities and documents and every
// relationship among them (MENTIONED_IN only when both ends are given).
var relInducedCypher = register(ReadQuery{
	Name: "relations.induced",
	Cypher: `
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Entity {id: id}) WHERE ` + canReadNode("n") + ` RETURN n
  UNION
  MATCH (n:Document {id: id}) WHERE ` + canReadDoc("n") + ` RETURN n
}
WITH collect(DISTINCT n) AS ns
UNWIND ns AS a
CALL (a, ns) {
  MATCH (a)-[r]->(b)
  WHERE b IN ns AND ` + canReadRel("r") + `
  RETURN collect(r) AS rels, collect(b) AS ends
}
RETURN a, rels, ends`,
	Params: map[string]any{"ids": []string{"state:BEL", "institution:be-brussels-court-of-appeal"}},
})

// Induced returns the subgraph of the entities (or documents) with the given
// ids and every relationship among them: what an explorer shows, for export.
// Unknown ids are left out; more than MaxViewNodes ids is a limit error.
// Nodes come in the order of ids.
func (db *DB) Induced(ctx context.Context, ids []string, resolveEvidence bool) (*Subgraph, error) {
	switch {
	case len(ids) == 0:
		return nil, relInvalid("ids: give at least one id")
	case len(ids) > MaxViewNodes:
		return nil, relLimit("ids: %d ids exceed the limit of %d", len(ids), MaxViewNodes)
	}
	for _, id := range ids {
		if err := relCheckID("ids", id); err != nil {
			return nil, err
		}
	}
	recs, err := db.read(ctx, "relations.induced", relInducedCypher, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	byID := map[string]dbtype.Node{}
	for _, rec := range recs {
		if n, ok := rec.Values[0].(dbtype.Node); ok {
			byID[relNodeID(n)] = n
		}
	}
	b := newRelBuilder()
	for _, id := range ids {
		if n, ok := byID[id]; ok {
			b.addNode(n)
		}
	}
	for _, rec := range recs {
		a, _ := rec.Values[0].(dbtype.Node)
		ends := relAnyList(rec.Values[2])
		for i, x := range relAnyList(rec.Values[1]) {
			r, ok := x.(dbtype.Relationship)
			if !ok || i >= len(ends) {
				continue
			}
			m, _ := ends[i].(dbtype.Node)
			b.addEdge(r.Type, relNodeID(a), relNodeID(m), r.Props)
		}
	}
	if resolveEvidence {
		if err := b.resolveDocuments(ctx, db); err != nil {
			return nil, err
		}
	}
	return b.subgraph(), nil
}

// DocumentMention is one span of a document that names an entity.
type DocumentMention struct {
	Entity     *Node
	Start, End int
	Quote      string
}

// MaxDocumentMentions bounds the mentions one document read returns.
const MaxDocumentMentions = 5000

var documentMentionsCypher = register(ReadQuery{
	Name: "document.mentions",
	Cypher: `
MATCH (d:Document {id: $id})<-[m:MENTIONED_IN]-(e:Entity)
WHERE ($labels IS NULL OR any(l IN labels(e) WHERE l IN $labels)) AND ` + canReadDoc("d") + `
RETURN e, m.starts AS starts, m.ends AS ends, m.quotes AS quotes`,
	Params: map[string]any{"id": strings.Repeat("0", 64), "labels": nil},
})

// DocumentMentions returns every span of document id that names an entity
// (of the given labels; nil: all), in text order (then the longer span
// first, then by entity id), at most limit of them.
func (db *DB) DocumentMentions(ctx context.Context, id string, labels []string, limit int) ([]DocumentMention, error) {
	if err := relCheckID("id", id); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > MaxDocumentMentions {
		limit = MaxDocumentMentions
	}
	var lbl any
	if len(labels) > 0 {
		lbl = labels
	}
	recs, err := db.read(ctx, "document.mentions", documentMentionsCypher, map[string]any{"id": id, "labels": lbl})
	if err != nil {
		return nil, err
	}
	var out []DocumentMention
	for _, rec := range recs {
		n := toNode(rec.Values[0])
		if n == nil {
			continue
		}
		starts, ends, quotes := relAnyList(rec.Values[1]), relAnyList(rec.Values[2]), relAnyList(rec.Values[3])
		for i := range starts {
			if i >= len(ends) {
				break
			}
			m := DocumentMention{Entity: n, Start: relInt(starts[i]), End: relInt(ends[i])}
			if i < len(quotes) {
				m.Quote = relStr(quotes[i])
			}
			out = append(out, m)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End > b.End
		}
		return a.Entity.ID < b.Entity.ID
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}
