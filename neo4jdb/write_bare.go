package neo4jdb

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// WriteBare writes the nodes and relationships of many extractions with
// plain batched UNWIND ... MERGE queries in one transaction: no evidence
// lists, no spans, no replacement or skip checks, no timestamps. It is the
// baseline the loader benchmark (bench/load) compares WriteExtraction with;
// the loader never uses it.
func (db *DB) WriteBare(ctx context.Context, exts []*rightsgraph.Extraction) (*WriteResult, error) {
	docs := make([]map[string]any, 0, len(exts))
	entities := map[string][]map[string]any{}
	seen := map[string]bool{}
	var mentions []map[string]any
	rels := map[string][]map[string]any{}
	for _, ext := range exts {
		rows := buildRows(ext)
		props := documentProps(ext, rows)
		props["id"] = ext.Document.ID
		docs = append(docs, props)
		for key, rs := range rows.entities {
			for _, r := range rs {
				id := r["id"].(string)
				if !seen[id] {
					seen[id] = true
					entities[key] = append(entities[key], map[string]any{"id": id, "props": r["props"]})
				}
			}
		}
		for _, m := range rows.mentions {
			mentions = append(mentions, map[string]any{"id": m["id"], "doc": ext.Document.ID})
		}
		for typ, rs := range rows.relations {
			for _, r := range rs {
				rels[typ] = append(rels[typ], map[string]any{"from": r["from"], "to": r["to"], "role": r["role"]})
			}
		}
	}
	sess := db.Session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	res, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (*WriteResult, error) {
		res := &WriteResult{}
		run := func(q string, params map[string]any) error {
			r, err := tx.Run(ctx, q, params)
			if err != nil {
				return err
			}
			sum, err := r.Consume(ctx)
			if err != nil {
				return err
			}
			c := sum.Counters()
			res.NodesCreated += c.NodesCreated()
			res.RelationshipsCreated += c.RelationshipsCreated()
			res.PropertiesSet += c.PropertiesSet()
			return nil
		}
		if err := run(bareDocCypher, map[string]any{"rows": docs}); err != nil {
			return nil, err
		}
		for _, key := range sortedKeys(entities) {
			if err := run(bareEntityCypher[key], map[string]any{"rows": entities[key]}); err != nil {
				return nil, err
			}
		}
		if err := run(bareMentionCypher, map[string]any{"rows": mentions}); err != nil {
			return nil, err
		}
		for _, typ := range sortedKeys(rels) {
			if err := run(bareRelCypher[typ], map[string]any{"rows": rels[typ]}); err != nil {
				return nil, err
			}
		}
		return res, nil
	})
	if err != nil {
		return nil, fmt.Errorf("bare write: %w", Translate(err))
	}
	return res, nil
}

// The baseline's Cypher (see WriteBare).
const (
	bareDocCypher = `UNWIND $rows AS r CREATE (d:Document) SET d = r`

	bareEntityTemplate = `UNWIND $rows AS r MERGE (n:Entity {id: r.id}) SET n:%s, n += r.props`

	bareMentionCypher = `UNWIND $rows AS r
MATCH (e:Entity {id: r.id}) MATCH (d:Document {id: r.doc})
MERGE (e)-[:MENTIONED_IN]->(d)`

	bareRelTemplate = `UNWIND $rows AS r
MATCH (a:Entity {id: r.from}) MATCH (b:Entity {id: r.to})
MERGE (a)-[:%s]->(b)`

	bareInvolvedCypher = `UNWIND $rows AS r
MATCH (a:Entity {id: r.from}) MATCH (b:Entity {id: r.to})
MERGE (a)-[:INVOLVED_IN {role: r.role}]->(b)`
)

var (
	bareEntityCypher = map[string]string{}
	bareRelCypher    = map[string]string{}
)

func init() {
	// Built from the closed lists, not from upsertEntityCypher: package
	// init order across files must not matter.
	for key, labels := range entityLabelSets {
		bareEntityCypher[key] = fmt.Sprintf(bareEntityTemplate, labels)
	}
	for _, t := range rightsgraph.EventTypes {
		l := "Event:" + EventLabel(t)
		bareEntityCypher[l] = fmt.Sprintf(bareEntityTemplate, l)
	}
	for _, t := range RelationTypes {
		if t == "INVOLVED_IN" {
			bareRelCypher[t] = bareInvolvedCypher
			continue
		}
		bareRelCypher[t] = fmt.Sprintf(bareRelTemplate, t)
	}
}
