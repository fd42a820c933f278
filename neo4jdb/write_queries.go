package neo4jdb

import (
	"fmt"
	"sort"
)

// The loader's Cypher. Every query takes parameters; the only names spliced
// into a query are labels and relationship types from the closed lists in
// write_rows.go (entityLabelSets, EventTypes, RelationTypes), fixed when the
// program starts, never from input.

// Document lookups and the document node itself.
const (
	// priorDocsCypher says whether the document is already loaded and lists
	// the earlier versions of its source (same source, other content).
	// It also lists unfinished chunked writes (:PendingDocument) of the same
	// id or source, left by a loader that stopped mid-document.
	priorDocsCypher = `OPTIONAL MATCH (d:Document {id: $id})
WITH d IS NOT NULL AS loaded, d.collection AS collection, d.sensitivity AS sensitivity
RETURN loaded, COLLECT {
  MATCH (o:Document {sourceKey: $source}) WHERE o.id <> $id RETURN o.id AS oid
  UNION
  MATCH (o:Document {source: $source}) WHERE o.id <> $id AND o.sourceKey IS NULL RETURN o.id AS oid
} AS old, COLLECT {
  MATCH (p:PendingDocument {id: $id}) RETURN p.id AS pid
  UNION
  MATCH (p:PendingDocument {sourceKey: $source}) RETURN p.id AS pid
  UNION
  MATCH (p:PendingDocument {source: $source}) WHERE p.sourceKey IS NULL RETURN p.id AS pid
} AS pending, collection, sensitivity`

	// writeDocCypher creates the :Document node.
	writeDocCypher = `CREATE (d:Document {id: $id})
SET d += $props, d.loadedAt = datetime(), d.evidenceFrom = $evidenceFrom`

	// writeMentionsCypher links entities to the document with their spans.
	writeMentionsCypher = `UNWIND $rows AS r
MATCH (e:Entity {id: r.id})
MATCH (d:Document {id: $doc})
MERGE (e)-[m:MENTIONED_IN]->(d)
SET m.starts = coalesce(m.starts, []) + r.starts,
    m.ends = coalesce(m.ends, []) + r.ends,
    m.quotes = coalesce(m.quotes, []) + r.quotes`
)

// upsertEntityTemplate merges entity nodes of one label set: identity is the
// id (unique over :Entity), labels are added, properties overwritten by the
// latest document, aliases unioned.
const upsertEntityTemplate = `UNWIND $rows AS r
MERGE (n:Entity {id: r.id})
ON CREATE SET n.createdAt = datetime(), n.aliases = []
SET n:%s, n += r.props, n.updatedAt = datetime(),
    n.aliases = coalesce(n.aliases, []) + [a IN r.aliases WHERE NOT a IN coalesce(n.aliases, [])]`

// writeRelTemplate merges relationships of one type keyed by (from, type,
// to) and appends this document's evidence to the parallel lists.
const writeRelTemplate = `UNWIND $rows AS r
MATCH (a:Entity {id: r.from})
MATCH (b:Entity {id: r.to})
MERGE (a)-[x:%s]->(b)
ON CREATE SET x.docIds = [], x.starts = [], x.ends = [], x.quotes = [], x.confidences = [], x.docColls = [], x.docRanks = []
SET x.docColls = coalesce(x.docColls, [i IN x.docIds | 'public']), x.docRanks = coalesce(x.docRanks, [i IN x.docIds | 0])
SET x += r.props,
    x.docIds = x.docIds + [i IN range(1, r.n) | $doc],
    x.docColls = x.docColls + [i IN range(1, r.n) | $docColl],
    x.docRanks = x.docRanks + [i IN range(1, r.n) | $docRank],
    x.starts = x.starts + r.starts, x.ends = x.ends + r.ends, x.quotes = x.quotes + r.quotes,
    x.confidences = x.confidences + r.confidences,
    x.confidence = CASE WHEN x.confidence IS NULL OR r.confidence > x.confidence THEN r.confidence ELSE x.confidence END,
    x.disputed = CASE WHEN EXISTS { MATCH (s:FactState {key: r.key}) WHERE s.disputed } THEN true ELSE null END
RETURN count(x) AS written`

// writeInvolvedCypher is INVOLVED_IN, keyed by (actor, event, role).
const writeInvolvedCypher = `UNWIND $rows AS r
MATCH (a:Entity {id: r.from})
MATCH (b:Entity {id: r.to})
MERGE (a)-[x:INVOLVED_IN {role: r.role}]->(b)
ON CREATE SET x.docIds = [], x.starts = [], x.ends = [], x.quotes = [], x.confidences = [], x.docColls = [], x.docRanks = []
SET x.docColls = coalesce(x.docColls, [i IN x.docIds | 'public']), x.docRanks = coalesce(x.docRanks, [i IN x.docIds | 0])
SET x += r.props,
    x.docIds = x.docIds + [i IN range(1, r.n) | $doc],
    x.docColls = x.docColls + [i IN range(1, r.n) | $docColl],
    x.docRanks = x.docRanks + [i IN range(1, r.n) | $docRank],
    x.starts = x.starts + r.starts, x.ends = x.ends + r.ends, x.quotes = x.quotes + r.quotes,
    x.confidences = x.confidences + r.confidences,
    x.confidence = CASE WHEN x.confidence IS NULL OR r.confidence > x.confidence THEN r.confidence ELSE x.confidence END,
    x.disputed = CASE WHEN EXISTS { MATCH (s:FactState {key: r.key}) WHERE s.disputed } THEN true ELSE null END
RETURN count(x) AS written`

// Removing a document's evidence (replacement, --force).
const (
	// oldDocNodesCypher lists the nodes a document touched: those it
	// mentions and those whose outgoing relationships carry its evidence
	// (recorded on the document when it was written, so finding them needs
	// no scan of all relationships).
	oldDocNodesCypher = `MATCH (d:Document {id: $doc})
OPTIONAL MATCH (e:Entity)-[:MENTIONED_IN]->(d)
RETURN collect(e.id) AS mentioned, coalesce(d.evidenceFrom, []) AS evidenceFrom`

	// stripEvidenceCypher removes the document's entries from the evidence
	// lists of the relationships leaving the given nodes, deletes the
	// relationships left with none, and returns the far ends of everything
	// it touched (candidates for orphan deletion).
	stripEvidenceCypher = `UNWIND $ids AS id
MATCH (a:Entity {id: id})-[x]->(b)
WHERE x.docIds IS NOT NULL AND $doc IN x.docIds
WITH DISTINCT x, b, [i IN range(0, size(x.docIds) - 1) WHERE x.docIds[i] <> $doc] AS keep
SET x.docIds = [i IN keep | x.docIds[i]],
    x.starts = [i IN keep | x.starts[i]],
    x.ends = [i IN keep | x.ends[i]],
    x.quotes = [i IN keep | x.quotes[i]],
    x.confidences = [i IN keep | coalesce(x.confidences[i], x.confidence)],
    x.docColls = [i IN keep | coalesce(x.docColls[i], 'public')],
    x.docRanks = [i IN keep | coalesce(x.docRanks[i], 0)]
SET x.confidence = reduce(m = 0.0, c IN x.confidences | CASE WHEN c > m THEN c ELSE m END)
WITH x, b, size(keep) = 0 AS empty
FOREACH (_ IN CASE WHEN empty THEN [1] ELSE [] END | DELETE x)
RETURN collect(DISTINCT b.id) AS ids`

	// deleteDocCypher deletes a document node and its MENTIONED_IN links.
	deleteDocCypher = `MATCH (d:Document {id: $doc}) DETACH DELETE d`

	// deleteOrphansCypher deletes the given entities when they are not
	// reference data and have no relationship left.
	deleteOrphansCypher = `UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE coalesce(n.reference, false) = false AND NOT (n)--()
DELETE n`
)

var (
	// upsertEntityCypher holds one query per label-set key of entityLabelSets
	// plus one per event type ("Event:<Label>").
	upsertEntityCypher = map[string]string{}
	// writeRelCypher holds one query per relationship type.
	writeRelCypher = map[string]string{}
)

func init() {
	for key, labels := range entityLabelSets {
		upsertEntityCypher[key] = fmt.Sprintf(upsertEntityTemplate, labels)
	}
	for _, t := range eventTypesSorted() {
		l := "Event:" + EventLabel(t)
		upsertEntityCypher[l] = fmt.Sprintf(upsertEntityTemplate, l)
	}
	for _, t := range RelationTypes {
		if t == "INVOLVED_IN" {
			writeRelCypher[t] = writeInvolvedCypher
			continue
		}
		writeRelCypher[t] = fmt.Sprintf(writeRelTemplate, t)
	}
}

func eventTypesSorted() []string {
	out := make([]string, 0, len(validEventType))
	for t := range validEventType {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// WriteQueries returns every query the writer may run, by name, so a test
// can EXPLAIN each against a real database.
func WriteQueries() map[string]string {
	q := map[string]string{
		"priorDocs": priorDocsCypher, "writeDoc": writeDocCypher,
		"writeMentions": writeMentionsCypher, "oldDocNodes": oldDocNodesCypher,
		"stripEvidence": stripEvidenceCypher, "deleteDoc": deleteDocCypher, "deleteOrphans": deleteOrphansCypher,
	}
	for k, v := range upsertEntityCypher {
		q["upsertEntity:"+k] = v
	}
	for k, v := range writeRelCypher {
		q["writeRel:"+k] = v
	}
	return q
}
