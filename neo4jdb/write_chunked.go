package neo4jdb

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// A document with more rows than one transaction should hold (a report of
// several megabytes) is written in chunks, and the per-document guarantee
// is kept by a label: its node is created as :PendingDocument, every read
// of the API matches :Document, and only the last transaction relabels it.
// Until then nothing reads the document, its text or its mentions. A loader
// that stops in between leaves a :PendingDocument, which the next write of
// the same id or source removes (evidence, mentions, orphans) before it
// writes again, so a rerun ends in the same graph as one clean load.
//
// The entities and relationships a chunk writes carry the pending
// document's id in their evidence lists while the load runs; a relationship
// known only from it is visible to readers for that time, with evidence
// whose document does not resolve yet.
const (
	writePendingDocCypher = `CREATE (d:PendingDocument {id: $id})
SET d += $props, d.loadedAt = datetime(), d.evidenceFrom = $evidenceFrom`

	writePendingMentionsCypher = `UNWIND $rows AS r
MATCH (e:Entity {id: r.id})
MATCH (d:PendingDocument {id: $doc})
MERGE (e)-[m:MENTIONED_IN]->(d)
SET m.starts = coalesce(m.starts, []) + r.starts,
    m.ends = coalesce(m.ends, []) + r.ends,
    m.quotes = coalesce(m.quotes, []) + r.quotes`

	// unpendCypher publishes a pending document (the last chunk), or makes
	// one a :Document inside a transaction that then removes it.
	unpendCypher = `MATCH (p:PendingDocument {id: $doc}) REMOVE p:PendingDocument SET p:Document`

	// pendCypher hides a loaded document before a chunked removal.
	pendCypher = `MATCH (d:Document {id: $doc}) REMOVE d:Document SET d:PendingDocument`

	pendingDocNodesCypher = `MATCH (d:PendingDocument {id: $doc})
OPTIONAL MATCH (e:Entity)-[:MENTIONED_IN]->(d)
RETURN collect(e.id) AS mentioned, coalesce(d.evidenceFrom, []) AS evidenceFrom`

	deletePendingMentionsCypher = `UNWIND $ids AS id
MATCH (:Entity {id: id})-[m:MENTIONED_IN]->(:PendingDocument {id: $doc})
DELETE m`

	deletePendingDocCypher = `MATCH (d:PendingDocument {id: $doc}) DETACH DELETE d`
)

// size is the number of rows the write queries send.
func (w *writeRows) size() int {
	n := len(w.mentions)
	for _, rs := range w.entities {
		n += len(rs)
	}
	for _, rs := range w.relations {
		n += len(rs)
	}
	return n
}

// inTx runs fn in one managed write transaction and adds the counters of
// the attempt that committed to res (a retried attempt counts nothing).
func (db *DB) inTx(ctx context.Context, res *WriteResult, fn func(run runFunc) error) error {
	sess := db.Session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	got, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (*WriteResult, error) {
		attempt := &WriteResult{}
		if err := fn(countingRun(ctx, tx, attempt)); err != nil {
			return nil, err
		}
		return attempt, nil
	})
	if err != nil {
		return err
	}
	res.Add(got)
	return nil
}

// countingRun runs a statement in tx, collects its records and adds its
// counters to res.
func countingRun(ctx context.Context, tx neo4j.ManagedTransaction, res *WriteResult) runFunc {
	return func(cypher string, params map[string]any) ([]*neo4j.Record, error) {
		r, err := tx.Run(ctx, cypher, params)
		if err != nil {
			return nil, err
		}
		recs, err := r.Collect(ctx)
		if err != nil {
			return nil, err
		}
		sum, err := r.Consume(ctx)
		if err != nil {
			return nil, err
		}
		c := sum.Counters()
		res.NodesCreated += c.NodesCreated()
		res.NodesDeleted += c.NodesDeleted()
		res.RelationshipsCreated += c.RelationshipsCreated()
		res.RelationshipsDeleted += c.RelationshipsDeleted()
		res.PropertiesSet += c.PropertiesSet()
		return recs, nil
	}
}

// chunks calls fn with consecutive slices of xs of at most n elements.
func chunks[T any](xs []T, n int, fn func([]T) error) error {
	for len(xs) > 0 {
		k := min(n, len(xs))
		if err := fn(xs[:k]); err != nil {
			return err
		}
		xs = xs[k:]
	}
	return nil
}

// writeChunked writes a large document in transactions of at most chunk
// rows each, under the :PendingDocument label until the last one.
func (db *DB) writeChunked(ctx context.Context, ext *rightsgraph.Extraction, rows *writeRows, opts WriteOptions, chunk int) (*WriteResult, error) {
	res := &WriteResult{}
	for t, n := range rows.dropped {
		if res.Dropped == nil {
			res.Dropped = map[string]int{}
		}
		res.Dropped[fmt.Sprintf("unknown relationship type %s", t)] += n
	}
	doc := ext.Document
	hook := func(step string) error {
		if opts.Hook == nil {
			return nil
		}
		return opts.Hook(step)
	}

	var loaded, changed bool
	var old, pending []string
	err := db.inTx(ctx, res, func(run runFunc) error {
		recs, err := run(priorDocsCypher, map[string]any{"id": doc.ID, "source": doc.Key()})
		if err != nil || len(recs) != 1 {
			return err
		}
		loaded, _ = recs[0].Values[0].(bool)
		changed = accessChanged(&doc, recs[0])
		old, pending = stringList(recs[0].Values[1]), stringList(recs[0].Values[2])
		return nil
	})
	if err != nil {
		return nil, err
	}
	if loaded {
		if !opts.Force && !changed {
			res.Skipped = true
			return res, nil
		}
		old = append([]string{doc.ID}, old...)
	}
	for _, id := range old {
		if err := db.removeChunked(ctx, res, id, true, chunk); err != nil {
			return nil, err
		}
		res.Replaced = append(res.Replaced, id)
	}
	for _, id := range pending {
		if err := db.removeChunked(ctx, res, id, false, chunk); err != nil {
			return nil, err
		}
	}
	if err := hook("replace"); err != nil {
		return nil, err
	}

	err = db.inTx(ctx, res, func(run runFunc) error {
		_, err := run(writePendingDocCypher, map[string]any{"id": doc.ID, "props": documentProps(ext, rows), "evidenceFrom": rows.evidenceFrom})
		return err
	})
	if err != nil {
		return nil, err
	}
	if err := hook("document"); err != nil {
		return nil, err
	}
	for _, key := range sortedKeys(rows.entities) {
		q, ok := upsertEntityCypher[key]
		if !ok {
			return nil, fmt.Errorf("no write query for label set %q", key)
		}
		err := chunks(rows.entities[key], chunk, func(rs []map[string]any) error {
			return db.inTx(ctx, res, func(run runFunc) error {
				_, err := run(q, map[string]any{"rows": rs})
				return err
			})
		})
		if err != nil {
			return nil, err
		}
	}
	if err := hook("entities"); err != nil {
		return nil, err
	}
	err = chunks(rows.mentions, chunk, func(rs []map[string]any) error {
		return db.inTx(ctx, res, func(run runFunc) error {
			_, err := run(writePendingMentionsCypher, map[string]any{"rows": rs, "doc": doc.ID})
			return err
		})
	})
	if err != nil {
		return nil, err
	}
	if err := hook("mentions"); err != nil {
		return nil, err
	}
	for _, typ := range sortedKeys(rows.relations) {
		err := chunks(rows.relations[typ], chunk, func(rs []map[string]any) error {
			dropped := 0 // set by the attempt that commits
			err := db.inTx(ctx, res, func(run runFunc) error {
				recs, err := run(writeRelCypher[typ], relParams(&doc, rs))
				if err != nil {
					return err
				}
				dropped = 0
				if len(recs) == 1 {
					if n, ok := recs[0].Values[0].(int64); ok && int(n) < len(rs) {
						dropped = len(rs) - int(n)
					}
				}
				return nil
			})
			if err == nil && dropped > 0 {
				if res.Dropped == nil {
					res.Dropped = map[string]int{}
				}
				res.Dropped[typ+": endpoint not in the graph"] += dropped
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	if err := hook("relations"); err != nil {
		return nil, err
	}
	err = db.inTx(ctx, res, func(run runFunc) error {
		_, err := run(unpendCypher, map[string]any{"doc": doc.ID})
		return err
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// removeChunked removes a document and its evidence in transactions of at
// most chunk ids each. A loaded document (loaded) is first relabelled
// :PendingDocument, so readers stop seeing it at once; a removal that stops
// half-way leaves a :PendingDocument that the next write removes.
func (db *DB) removeChunked(ctx context.Context, res *WriteResult, docID string, loaded bool, chunk int) error {
	var mentioned, evidenceFrom []string
	err := db.inTx(ctx, res, func(run runFunc) error {
		if loaded {
			if _, err := run(pendCypher, map[string]any{"doc": docID}); err != nil {
				return err
			}
		}
		recs, err := run(pendingDocNodesCypher, map[string]any{"doc": docID})
		if err != nil || len(recs) == 0 {
			return err
		}
		mentioned, evidenceFrom = stringList(recs[0].Values[0]), stringList(recs[0].Values[1])
		return nil
	})
	if err != nil {
		return err
	}
	orphans := map[string]bool{}
	var candidates []string
	add := func(ids []string) {
		for _, id := range ids {
			if !orphans[id] {
				orphans[id] = true
				candidates = append(candidates, id)
			}
		}
	}
	add(mentioned)
	add(evidenceFrom)
	err = chunks(evidenceFrom, chunk, func(ids []string) error {
		var far []string
		err := db.inTx(ctx, res, func(run runFunc) error {
			recs, err := run(stripEvidenceCypher, map[string]any{"doc": docID, "ids": ids})
			if err != nil {
				return err
			}
			far = nil
			if len(recs) > 0 {
				far = stringList(recs[0].Values[0])
			}
			return nil
		})
		add(far)
		return err
	})
	if err != nil {
		return err
	}
	err = chunks(mentioned, chunk, func(ids []string) error {
		return db.inTx(ctx, res, func(run runFunc) error {
			_, err := run(deletePendingMentionsCypher, map[string]any{"doc": docID, "ids": ids})
			return err
		})
	})
	if err != nil {
		return err
	}
	err = db.inTx(ctx, res, func(run runFunc) error {
		_, err := run(deletePendingDocCypher, map[string]any{"doc": docID})
		return err
	})
	if err != nil {
		return err
	}
	return chunks(candidates, chunk, func(ids []string) error {
		return db.inTx(ctx, res, func(run runFunc) error {
			_, err := run(deleteOrphansCypher, map[string]any{"ids": ids})
			return err
		})
	})
}

// stringList reads a Cypher list of strings.
func stringList(v any) []string {
	xs, _ := v.([]any)
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
