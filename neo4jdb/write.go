package neo4jdb

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// WriteOptions changes how WriteExtraction treats a document.
type WriteOptions struct {
	// Force rewrites a document that is already loaded (same id): its
	// evidence is removed and written again, never duplicated.
	Force bool

	// Hook is for tests only: when set, it is called inside the transaction
	// after each step ("replace", "document", "entities", "mentions",
	// "relations") and a non-nil error aborts the transaction, which lets a
	// test check that a failure mid-document leaves nothing of it.
	Hook func(step string) error

	// ChunkRows is the most rows (entities, mentions, relationships) one
	// transaction writes; a document with more is written in chunks (see
	// writeChunked). 0 means DefaultChunkRows.
	ChunkRows int
}

// DefaultChunkRows keeps a transaction of a dense document well inside
// Neo4j's default transaction memory pool (a 3.5 MB generated document of
// 86,000 rows took most of the 717 MiB pool of a 1 GiB heap in one transaction).
const DefaultChunkRows = 10000

// WriteResult says what writing one document did.
type WriteResult struct {
	// Skipped is true when the document was already loaded (and not forced).
	Skipped bool
	// Replaced lists ids of earlier versions of the same source whose
	// evidence was removed (and the document's own id under Force).
	Replaced []string
	// Counters from the driver's result summaries, summed over the queries.
	NodesCreated, NodesDeleted, RelationshipsCreated, RelationshipsDeleted, PropertiesSet int
	// Dropped counts relations not written, by reason ("unknown type X",
	// "endpoint not found").
	Dropped map[string]int
}

// Add adds o's counters to r (for batch totals).
func (r *WriteResult) Add(o *WriteResult) {
	r.NodesCreated += o.NodesCreated
	r.NodesDeleted += o.NodesDeleted
	r.RelationshipsCreated += o.RelationshipsCreated
	r.RelationshipsDeleted += o.RelationshipsDeleted
	r.PropertiesSet += o.PropertiesSet
	for k, v := range o.Dropped {
		if r.Dropped == nil {
			r.Dropped = map[string]int{}
		}
		r.Dropped[k] += v
	}
}

// WriteExtraction writes one document's extraction in one managed write
// transaction: the :Document node, its entities, events and obligations,
// MENTIONED_IN spans and relationships with evidence all commit together or
// not at all (the driver retries transient failures such as deadlocks).
//
// A document whose id is already loaded is skipped unless opts.Force. An
// earlier version of the same source (other id) is replaced: its evidence
// is removed from every relationship, relationships left without evidence
// and non-reference entities left without any relationship are deleted, and
// so is its :Document.
func (db *DB) WriteExtraction(ctx context.Context, ext *rightsgraph.Extraction, opts WriteOptions) (*WriteResult, error) {
	if ext == nil || ext.Document.ID == "" {
		return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "write: document has no id")
	}
	ext, err := db.followRedirects(ctx, ext)
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", ext.Document.Source, err)
	}
	rows := buildRows(ext)
	chunk := opts.ChunkRows
	if chunk <= 0 {
		chunk = DefaultChunkRows
	}
	if rows.size() > chunk {
		res, err := db.writeChunked(ctx, ext, rows, opts, chunk)
		if err != nil {
			return nil, fmt.Errorf("write %s: %w", ext.Document.Source, Translate(err))
		}
		return res, nil
	}
	sess := db.Session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	res, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (*WriteResult, error) {
		return writeDocument(ctx, tx, ext, rows, opts)
	})
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", ext.Document.Source, Translate(err))
	}
	return res, nil
}

// writeDocument is the transaction body. It may run more than once (the
// driver retries), so it keeps no state outside its result.
func writeDocument(ctx context.Context, tx neo4j.ManagedTransaction, ext *rightsgraph.Extraction, rows *writeRows, opts WriteOptions) (*WriteResult, error) {
	res := &WriteResult{}
	for t, n := range rows.dropped {
		if res.Dropped == nil {
			res.Dropped = map[string]int{}
		}
		res.Dropped[fmt.Sprintf("unknown relationship type %s", t)] += n
	}
	doc := ext.Document
	run := countingRun(ctx, tx, res)
	hook := func(step string) error {
		if opts.Hook == nil {
			return nil
		}
		return opts.Hook(step)
	}

	// Already loaded? Earlier versions of the same source?
	recs, err := run(priorDocsCypher, map[string]any{"id": doc.ID, "source": doc.Key()})
	if err != nil {
		return nil, err
	}
	var old []string
	if len(recs) == 1 {
		if loaded, _ := recs[0].Values[0].(bool); loaded {
			if !opts.Force && !accessChanged(&doc, recs[0]) {
				res.Skipped = true
				return res, nil
			}
			old = append(old, doc.ID)
		}
		for _, v := range recs[0].Values[1].([]any) {
			if id, ok := v.(string); ok {
				old = append(old, id)
			}
		}
	}
	for _, id := range old {
		if err := removeDocument(run, id); err != nil {
			return nil, err
		}
		res.Replaced = append(res.Replaced, id)
	}
	// An unfinished chunked write of this document or source: made a
	// :Document inside this transaction only to be removed like one.
	if len(recs) == 1 {
		for _, v := range recs[0].Values[2].([]any) {
			id, _ := v.(string)
			if _, err := run(unpendCypher, map[string]any{"doc": id}); err != nil {
				return nil, err
			}
			if err := removeDocument(run, id); err != nil {
				return nil, err
			}
		}
	}
	if err := hook("replace"); err != nil {
		return nil, err
	}

	if _, err := run(writeDocCypher, map[string]any{"id": doc.ID, "props": documentProps(ext, rows), "evidenceFrom": rows.evidenceFrom}); err != nil {
		return nil, err
	}
	if err := hook("document"); err != nil {
		return nil, err
	}

	// Entities first (sorted keys: a stable lock order across transactions).
	for _, key := range sortedKeys(rows.entities) {
		q, ok := upsertEntityCypher[key]
		if !ok {
			return nil, fmt.Errorf("no write query for label set %q", key)
		}
		if _, err := run(q, map[string]any{"rows": rows.entities[key]}); err != nil {
			return nil, err
		}
	}
	if err := hook("entities"); err != nil {
		return nil, err
	}
	if len(rows.mentions) > 0 {
		if _, err := run(writeMentionsCypher, map[string]any{"rows": rows.mentions, "doc": doc.ID}); err != nil {
			return nil, err
		}
	}
	if err := hook("mentions"); err != nil {
		return nil, err
	}
	for _, typ := range sortedKeys(rows.relations) {
		rs := rows.relations[typ]
		recs, err := run(writeRelCypher[typ], relParams(&doc, rs))
		if err != nil {
			return nil, err
		}
		if len(recs) == 1 {
			if n, ok := recs[0].Values[0].(int64); ok && int(n) < len(rs) {
				if res.Dropped == nil {
					res.Dropped = map[string]int{}
				}
				res.Dropped[typ+": endpoint not in the graph"] += len(rs) - int(n)
			}
		}
	}
	if err := hook("relations"); err != nil {
		return nil, err
	}
	return res, nil
}

type runFunc func(cypher string, params map[string]any) ([]*neo4j.Record, error)

// removeDocument removes a loaded document and its evidence (see WriteExtraction).
func removeDocument(run runFunc, docID string) error {
	recs, err := run(oldDocNodesCypher, map[string]any{"doc": docID})
	if err != nil {
		return err
	}
	ids := map[string]bool{}
	var list []string
	addIDs := func(v any) {
		xs, _ := v.([]any)
		for _, x := range xs {
			if s, ok := x.(string); ok && !ids[s] {
				ids[s] = true
				list = append(list, s)
			}
		}
	}
	if len(recs) == 0 {
		return nil
	}
	addIDs(recs[0].Values[0])
	addIDs(recs[0].Values[1])
	// Every relationship with this document's evidence leaves a node in
	// evidenceFrom; mentioned nodes are only orphan candidates.
	recs, err = run(stripEvidenceCypher, map[string]any{"doc": docID, "ids": recs[0].Values[1]})
	if err != nil {
		return err
	}
	if len(recs) > 0 {
		addIDs(recs[0].Values[0])
	}
	if _, err := run(deleteDocCypher, map[string]any{"doc": docID}); err != nil {
		return err
	}
	_, err = run(deleteOrphansCypher, map[string]any{"ids": list})
	return err
}

// relParams are the parameters of a writeRelCypher query: the rows and the
// document's id, collection and sensitivity rank, appended to each
// relationship's evidence lists in step with docIds.
func relParams(doc *rightsgraph.Document, rows []map[string]any) map[string]any {
	coll, sens := doc.Access()
	return map[string]any{"rows": rows, "doc": doc.ID, "docColl": coll, "docRank": int64(sens)}
}

// accessChanged reports whether a loaded document (the priorDocs record)
// was stored with another collection or sensitivity than doc has now: it
// is then rewritten, so that a change of access is a reload.
func accessChanged(doc *rightsgraph.Document, rec *neo4j.Record) bool {
	if len(rec.Values) < 5 {
		return false
	}
	coll, sens := doc.Access()
	c, _ := rec.Values[3].(string)
	s, _ := rec.Values[4].(string)
	if c == "" {
		c = rightsgraph.DefaultCollection
	}
	if s == "" {
		s = rightsgraph.Public.String()
	}
	return c != coll || s != sens.String()
}

// documentProps are the :Document properties (id and evidenceFrom apart).
func documentProps(ext *rightsgraph.Extraction, rows *writeRows) map[string]any {
	d := ext.Document
	p := map[string]any{
		"source":    d.Source,
		"sourceKey": d.Key(),
		"text":      d.Text,
		"entities":  int64(rows.nodes),
		"relations": int64(rows.rels),
	}
	setStr(p, "title", d.Title)
	setStr(p, "publisher", d.Publisher)
	setStr(p, "published", d.Published)
	setStr(p, "about", d.About)
	setStr(p, "language", d.Language)
	setStr(p, "format", d.Format)
	coll, sens := d.Access()
	p["collection"], p["sensitivity"], p["sensitivityRank"] = coll, sens.String(), int64(sens)
	p["restricted"] = coll != rightsgraph.DefaultCollection || sens > rightsgraph.Public
	return p
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// ErrInjected is what test hooks conventionally return.
var ErrInjected = errors.New("injected failure (test hook)")
