package neo4jdb

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// Merging duplicate entities, with an exact undo.
//
// mergeEntities(ids, into) moves every relationship, mention and piece of
// evidence of each merged entity onto the canonical one, adds the merged
// names to its aliases, deletes the merged nodes and leaves a :Redirect per
// merged id, so that reads of an old id find the canonical node and a
// reload of a document that names an old id writes onto the canonical one.
// The :Decision records who, when, why and exactly what moved (the merged
// nodes as they were, every relationship they had, and for each
// relationship of the canonical node that received evidence, its
// properties before), so unmerge puts the graph back as it was.
//
// Relationship types and labels are spliced into statements only from the
// closed lists (RelationTypes, MENTIONED_IN, the labels of entityLabelSets
// and event types); everything else is a parameter.

// MaxMergeIDs bounds one merge.
const MaxMergeIDs = 20

// Decision kinds of merges.
const (
	DecisionMerge    = "MERGE"
	DecisionUnmerge  = "UNMERGE"
	DecisionDistinct = "DISTINCT"
)

// MergeResult is a recorded merge.
type MergeResult struct {
	Decision *Decision
	Into     string
	Merged   []string
	// Moved counts the relationships moved (mentions included).
	Moved int
}

// mergeRecord is what a MERGE decision stores (as JSON) to undo it.
type mergeRecord struct {
	Into    string        `json:"into"`
	Sources []mergeSource `json:"sources"`
}

type mergeSource struct {
	ID     string         `json:"id"`
	Labels []string       `json:"labels"`
	Props  map[string]any `json:"props"`
	Rels   []savedRel     `json:"rels"`
	// Moves are the relationships of the canonical node that received this
	// source's relationships, in the order they were changed.
	Moves []relMove `json:"moves"`
	// Aliases added to the canonical node.
	Aliases []string `json:"aliases"`
	// Temporal lists the properties that were datetimes (kept as strings
	// in the record and turned back by Neo4j's datetime()).
	Temporal []string `json:"temporal"`
}

// temporalProps are the datetime properties an entity may have.
var temporalProps = map[string]string{
	"createdAt": "MATCH (n:Entity {id: $id}) SET n.createdAt = datetime(n.createdAt)",
	"updatedAt": "MATCH (n:Entity {id: $id}) SET n.updatedAt = datetime(n.updatedAt)",
}

type savedRel struct {
	Type  string         `json:"type"`
	From  string         `json:"from"`
	To    string         `json:"to"`
	ToDoc bool           `json:"toDoc"` // the end is a :Document (MENTIONED_IN)
	Props map[string]any `json:"props"`
}

type relMove struct {
	savedRel                // the relationship as it is after the move (ends on the canonical node)
	Created  bool           `json:"created"`
	Before   map[string]any `json:"before"` // its properties before, when it existed
	Added    map[string]any `json:"added"`  // the evidence lists appended
}

// parallel evidence lists, in the order the writer keeps them.
var mergeLists = []string{"docIds", "starts", "ends", "quotes", "confidences", "docColls", "docRanks"}

// mentionLists are a MENTIONED_IN relationship's lists.
var mentionLists = []string{"starts", "ends", "quotes"}

func relTemplates(typ string, toDoc bool) (get, set, del string) {
	end := "Entity"
	if toDoc {
		end = "Document"
	}
	role := ""
	if typ == "INVOLVED_IN" {
		role = " {role: $role}"
	}
	get = fmt.Sprintf("MATCH (a:Entity {id: $a})-[y:`%s`%s]->(b:%s {id: $b}) RETURN properties(y) AS p", typ, role, end)
	set = fmt.Sprintf("MATCH (a:Entity {id: $a}) MATCH (b:%s {id: $b}) MERGE (a)-[y:`%s`%s]->(b) SET y = $props", end, typ, role)
	del = fmt.Sprintf("MATCH (a:Entity {id: $a})-[y:`%s`%s]->(b:%s {id: $b}) DELETE y", typ, role, end)
	return
}

func mergeableType(t string) bool { return knownRelType[t] || t == MentionedIn }

// knownLabels are the labels an entity may carry (for recreating one).
var knownLabels = func() map[string]bool {
	m := map[string]bool{"Entity": true, "Event": true}
	for _, ls := range entityLabelSets {
		for _, l := range strings.Split(ls, ":") {
			m[l] = true
		}
	}
	for t := range validEventType {
		m[EventLabel(t)] = true
	}
	return m
}()

// MergeEntities merges the entities ids into the entity into (see above).
func (db *DB) MergeEntities(ctx context.Context, ids []string, into, note string) (*MergeResult, error) {
	switch {
	case len(ids) == 0:
		return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "ids: give at least one entity to merge")
	case len(ids) > MaxMergeIDs:
		return nil, rightsgraph.Errorf(rightsgraph.ELIMIT, "ids: %d entities exceed the limit of %d per merge", len(ids), MaxMergeIDs)
	}
	n, err := checkNote(note)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if id == into {
			return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "cannot merge %q into itself", clipID(id))
		}
		if seen[id] {
			return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "ids: %q given twice", clipID(id))
		}
		seen[id] = true
	}
	acl, err := db.aclOf(ctx)
	if err != nil {
		return nil, err
	}
	by := rightsgraph.PrincipalFrom(ctx).ID
	sess := db.Session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(context.WithoutCancel(ctx))
	res, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (*MergeResult, error) {
		return mergeTx(ctx, tx, ids, into, n, by, acl)
	})
	if err != nil {
		return nil, db.readErr(ctx, "merge", err)
	}
	return res, nil
}

func run(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	r, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	return r.Collect(ctx)
}

// mergeLockCypher locks and returns the entities of a merge: a concurrent
// merge of any of them waits for this one, then finds the merged ones gone.
var mergeLockCypher = `UNWIND $ids AS id
MATCH (n:Entity {id: id}) WHERE ` + canReadNode("n") + `
SET n.curationLock = true
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props`

const mergeUnlockCypher = `MATCH (n:Entity {id: $id}) REMOVE n.curationLock`

const mergeRelsCypher = `MATCH (s:Entity {id: $id})-[x]-(o)
RETURN type(x) AS type, startNode(x) = s AS out, o.id AS other, o:Document AS doc, properties(x) AS props
ORDER BY type, out, other, coalesce(x.role, '')`

const mergeFinishCypher = `MATCH (s:Entity {id: $id}) DETACH DELETE s
CREATE (:Redirect {id: $id, to: $into, decision: $decision})`

const mergeAliasesCypher = `MATCH (t:Entity {id: $into}) SET t.aliases = $aliases`

const createDecisionCypher = `CREATE (d:Decision {id: randomUUID(), kind: $kind, target: $target, by: $by,
  at: toString(datetime()), note: $note, merged: $merged, record: $record})
RETURN d`

func mergeTx(ctx context.Context, tx neo4j.ManagedTransaction, ids []string, into string, note any, by string, acl map[string]any) (*MergeResult, error) {
	all := append([]string{into}, ids...)
	recs, err := run(ctx, tx, mergeLockCypher, map[string]any{"ids": all, "acl": acl})
	if err != nil {
		return nil, err
	}
	nodes := map[string]*neo4j.Record{}
	for _, r := range recs {
		id, _ := r.Values[0].(string)
		nodes[id] = r
	}
	var missing []string
	for _, id := range all {
		if nodes[id] == nil {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		return nil, relNotFound(missing)
	}
	kindOf := func(id string) string {
		p, _ := nodes[id].Values[2].(map[string]any)
		k, _ := p["kind"].(string)
		return k
	}
	tk := kindOf(into)
	for _, id := range ids {
		if k := kindOf(id); k != tk {
			return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "cannot merge %s %q into %s %q: merge entities of one kind", k, id, tk, into)
		}
		if p, _ := nodes[id].Values[2].(map[string]any); p["reference"] == true {
			return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "%q is reference data: merge the duplicate into it instead", id)
		}
	}
	tprops, _ := nodes[into].Values[2].(map[string]any)
	aliases := strs(tprops["aliases"])
	tname, _ := tprops["name"].(string)

	rec := mergeRecord{Into: into}
	moved := 0
	for _, sid := range ids {
		src := mergeSource{ID: sid, Props: map[string]any{}}
		src.Labels = strs(nodes[sid].Values[1])
		sp, _ := nodes[sid].Values[2].(map[string]any)
		for k, v := range sp {
			switch t := v.(type) {
			case time.Time:
				if _, ok := temporalProps[k]; !ok {
					return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "%q has a datetime property %q a merge cannot restore", sid, k)
				}
				src.Props[k] = t.Format(time.RFC3339Nano)
				src.Temporal = append(src.Temporal, k)
			default:
				if k != "curationLock" {
					src.Props[k] = v
				}
			}
		}
		rels, err := run(ctx, tx, mergeRelsCypher, map[string]any{"id": sid})
		if err != nil {
			return nil, err
		}
		for _, r := range rels {
			typ, _ := r.Values[0].(string)
			out, _ := r.Values[1].(bool)
			other, _ := r.Values[2].(string)
			toDoc, _ := r.Values[3].(bool)
			props, _ := r.Values[4].(map[string]any)
			if !mergeableType(typ) {
				return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "%q has a %s relationship, which a merge does not move", sid, typ)
			}
			saved := savedRel{Type: typ, From: other, To: sid, ToDoc: false, Props: props}
			if out {
				saved = savedRel{Type: typ, From: sid, To: other, ToDoc: toDoc, Props: props}
			}
			src.Rels = append(src.Rels, saved)
			if other == into {
				continue // would loop on the canonical node: dropped, restored by unmerge
			}
			mv := relMove{savedRel: saved}
			if out {
				mv.From = into
			} else {
				mv.To = into
			}
			get, set, _ := relTemplates(typ, mv.ToDoc)
			params := map[string]any{"a": mv.From, "b": mv.To, "role": props["role"]}
			cur, err := run(ctx, tx, get, params)
			if err != nil {
				return nil, err
			}
			lists := mergeLists
			if typ == MentionedIn {
				lists = mentionLists
			}
			newProps := props
			if len(cur) > 0 {
				before, _ := cur[0].Values[0].(map[string]any)
				mv.Before = before
				mv.Added = map[string]any{}
				newProps = map[string]any{}
				for k, v := range before {
					newProps[k] = v
				}
				for _, l := range lists {
					add, _ := props[l].([]any)
					mv.Added[l] = add
					old, _ := before[l].([]any)
					newProps[l] = append(append([]any{}, old...), add...)
				}
				if typ != MentionedIn {
					newProps["confidence"] = maxConfidence(newProps)
				}
			} else {
				mv.Created = true
			}
			params["props"] = newProps
			if _, err := run(ctx, tx, set, params); err != nil {
				return nil, err
			}
			mv.Props = newProps
			src.Moves = append(src.Moves, mv)
			moved++
		}
		sname, _ := src.Props["name"].(string)
		for _, a := range append([]string{sname}, strs(src.Props["aliases"])...) {
			if a != "" && a != tname && !slices.Contains(aliases, a) {
				aliases = append(aliases, a)
				src.Aliases = append(src.Aliases, a)
			}
		}
		rec.Sources = append(rec.Sources, src)
	}
	if _, err := run(ctx, tx, mergeAliasesCypher, map[string]any{"into": into, "aliases": aliases}); err != nil {
		return nil, err
	}
	blob, err := json.Marshal(rec)
	if err != nil {
		return nil, err
	}
	drecs, err := run(ctx, tx, createDecisionCypher, map[string]any{"kind": DecisionMerge, "target": into, "by": by,
		"note": note, "merged": ids, "record": string(blob)})
	if err != nil {
		return nil, err
	}
	d := toDecision(drecs[0].Values[0])
	for _, sid := range ids {
		if _, err := run(ctx, tx, mergeFinishCypher, map[string]any{"id": sid, "into": into, "decision": d.ID}); err != nil {
			return nil, err
		}
	}
	if _, err := run(ctx, tx, mergeUnlockCypher, map[string]any{"id": into}); err != nil {
		return nil, err
	}
	return &MergeResult{Decision: d, Into: into, Merged: ids, Moved: moved}, nil
}

func maxConfidence(p map[string]any) float64 {
	best := 0.0
	cs, _ := p["confidences"].([]any)
	for _, c := range cs {
		if f, ok := c.(float64); ok && f > best {
			best = f
		}
	}
	return best
}

// Unmerge undoes a MERGE decision: the merged entities come back with their
// labels, properties and relationships, the canonical one loses what it
// received, the redirects go, and the decision is marked undone (an
// UNMERGE decision records who undid it).
func (db *DB) Unmerge(ctx context.Context, decision, note string) (*Decision, error) {
	n, err := checkNote(note)
	if err != nil {
		return nil, err
	}
	by := rightsgraph.PrincipalFrom(ctx).ID
	sess := db.Session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(context.WithoutCancel(ctx))
	d, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (*Decision, error) {
		return unmergeTx(ctx, tx, decision, n, by)
	})
	if err != nil {
		return nil, db.readErr(ctx, "unmerge", err)
	}
	return d, nil
}

const unmergeLoadCypher = `MATCH (d:Decision {id: $id}) SET d.curationLock = true
RETURN d.kind AS kind, d.record AS record, d.undone AS undone`

func unmergeTx(ctx context.Context, tx neo4j.ManagedTransaction, id string, note any, by string) (*Decision, error) {
	recs, err := run(ctx, tx, unmergeLoadCypher, map[string]any{"id": id})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, rightsgraph.Errorf(rightsgraph.ENOTFOUND, "no decision with id %q", clipID(id))
	}
	kind, _ := recs[0].Values[0].(string)
	blob, _ := recs[0].Values[1].(string)
	if kind != DecisionMerge {
		return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "decision %q is a %s, not a merge", clipID(id), kind)
	}
	if undone, _ := recs[0].Values[2].(bool); undone {
		return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "decision %q was already undone", clipID(id))
	}
	var rec mergeRecord
	if err := json.Unmarshal([]byte(blob), &rec); err != nil {
		return nil, fmt.Errorf("decision %s: unreadable record: %w", id, err)
	}
	// The canonical node must still be there (a later merge of it into
	// another is undone first).
	if c, err := run(ctx, tx, `MATCH (t:Entity {id: $id}) SET t.curationLock = true RETURN t.aliases`, map[string]any{"id": rec.Into}); err != nil {
		return nil, err
	} else if len(c) == 0 {
		return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "cannot undo: %q was itself merged or removed since; undo that first", rec.Into)
	} else {
		aliases := strs(c[0].Values[0])
		for _, s := range rec.Sources {
			aliases = slices.DeleteFunc(aliases, func(a string) bool { return slices.Contains(s.Aliases, a) })
		}
		if _, err := run(ctx, tx, mergeAliasesCypher, map[string]any{"into": rec.Into, "aliases": aliases}); err != nil {
			return nil, err
		}
	}
	for i := len(rec.Sources) - 1; i >= 0; i-- {
		s := rec.Sources[i]
		if r, err := run(ctx, tx, `MATCH (n:Entity {id: $id}) RETURN count(n)`, map[string]any{"id": s.ID}); err != nil {
			return nil, err
		} else if n, _ := r[0].Values[0].(int64); n > 0 {
			return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "cannot undo: an entity %q exists again", s.ID)
		}
		for j := len(s.Moves) - 1; j >= 0; j-- {
			if err := undoMove(ctx, tx, s.Moves[j]); err != nil {
				return nil, err
			}
		}
		var labels []string
		for _, l := range s.Labels {
			if !knownLabels[l] {
				return nil, fmt.Errorf("decision %s: unknown label %q in its record", id, l)
			}
			labels = append(labels, "`"+l+"`")
		}
		props := restoreTypes(s.Props)
		if _, err := run(ctx, tx, "CREATE (n:"+strings.Join(labels, ":")+") SET n = $props", map[string]any{"props": props}); err != nil {
			return nil, err
		}
		for _, k := range s.Temporal {
			q, ok := temporalProps[k]
			if !ok {
				return nil, fmt.Errorf("decision %s: unknown datetime property %q in its record", id, k)
			}
			if _, err := run(ctx, tx, q, map[string]any{"id": s.ID}); err != nil {
				return nil, err
			}
		}
		for _, r := range s.Rels {
			if !mergeableType(r.Type) {
				return nil, fmt.Errorf("decision %s: unknown relationship type %q in its record", id, r.Type)
			}
			_, set, _ := relTemplates(r.Type, r.ToDoc)
			if _, err := run(ctx, tx, set, map[string]any{"a": r.From, "b": r.To, "role": r.Props["role"], "props": restoreTypes(r.Props)}); err != nil {
				return nil, err
			}
		}
		if _, err := run(ctx, tx, `MATCH (r:Redirect {id: $id}) DELETE r`, map[string]any{"id": s.ID}); err != nil {
			return nil, err
		}
	}
	if _, err := run(ctx, tx, `MATCH (t:Entity {id: $id}) REMOVE t.curationLock`, map[string]any{"id": rec.Into}); err != nil {
		return nil, err
	}
	drecs, err := run(ctx, tx, createDecisionCypher, map[string]any{"kind": DecisionUnmerge, "target": id, "by": by,
		"note": note, "merged": []string{}, "record": nil})
	if err != nil {
		return nil, err
	}
	if _, err := run(ctx, tx, `MATCH (d:Decision {id: $id}) SET d.undone = true, d.undoneBy = $by REMOVE d.curationLock`, map[string]any{"id": id, "by": by}); err != nil {
		return nil, err
	}
	return toDecision(drecs[0].Values[0]), nil
}

// undoMove takes back what a merge gave a relationship of the canonical node.
func undoMove(ctx context.Context, tx neo4j.ManagedTransaction, mv relMove) error {
	get, set, del := relTemplates(mv.Type, mv.ToDoc)
	params := map[string]any{"a": mv.From, "b": mv.To, "role": mv.Props["role"]}
	cur, err := run(ctx, tx, get, params)
	if err != nil {
		return err
	}
	if len(cur) == 0 {
		return nil // gone since (its evidence was removed by a reload)
	}
	now, _ := cur[0].Values[0].(map[string]any)
	lists := mergeLists
	if mv.Type == MentionedIn {
		lists = mentionLists
	}
	if mv.Created {
		// Remove the moved entries; what a later load added stays.
		rest := removeEntries(now, restoreTypes(mv.Props), lists)
		if listLen(rest, lists[0]) == 0 {
			_, err = run(ctx, tx, del, params)
			return err
		}
		params["props"] = rest
		_, err = run(ctx, tx, set, params)
		return err
	}
	before := restoreTypes(mv.Before)
	if sameJSON(now, restoreTypes(mv.Props)) {
		params["props"] = before // untouched since the merge: exactly as it was
	} else {
		params["props"] = removeEntries(now, restoreTypes(mv.Added), lists)
	}
	_, err = run(ctx, tx, set, params)
	return err
}

// removeEntries removes from props' parallel lists, from the end, one entry
// per entry of added (matched on document, start and end).
func removeEntries(props, added map[string]any, lists []string) map[string]any {
	out := map[string]any{}
	for k, v := range props {
		out[k] = v
	}
	keyAt := func(p map[string]any, i int) string {
		var parts []string
		for _, l := range []string{"docIds", "starts", "ends"} {
			xs, _ := p[l].([]any)
			if i < len(xs) {
				parts = append(parts, fmt.Sprint(xs[i]))
			}
		}
		return strings.Join(parts, "\x00")
	}
	n := listLen(out, lists[0])
	keep := make([]bool, n)
	for i := range keep {
		keep[i] = true
	}
	for j := listLen(added, lists[0]) - 1; j >= 0; j-- {
		k := keyAt(added, j)
		for i := n - 1; i >= 0; i-- {
			if keep[i] && keyAt(out, i) == k {
				keep[i] = false
				break
			}
		}
	}
	for _, l := range lists {
		xs, _ := out[l].([]any)
		var kept []any
		for i, x := range xs {
			if i >= len(keep) || keep[i] {
				kept = append(kept, x)
			}
		}
		if kept == nil {
			kept = []any{}
		}
		out[l] = kept
	}
	if _, ok := out["confidences"]; ok {
		out["confidence"] = maxConfidence(out)
	}
	return out
}

func listLen(p map[string]any, key string) int {
	xs, _ := p[key].([]any)
	return len(xs)
}

func sameJSON(a, b map[string]any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// restoreTypes turns a JSON-decoded property map back into the types Neo4j
// stored: whole numbers in the integer lists and properties were int64.
func restoreTypes(p map[string]any) map[string]any {
	out := make(map[string]any, len(p))
	for k, v := range p {
		out[k] = restoreValue(k, v)
	}
	return out
}

// floatProps are the properties stored as floats (the rest of the numbers
// are integers).
var floatProps = map[string]bool{"confidence": true, "confidences": true}

func restoreValue(k string, v any) any {
	switch x := v.(type) {
	case float64:
		if !floatProps[k] && x == float64(int64(x)) {
			return int64(x)
		}
		return x
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = restoreValue(k, e)
		}
		return out
	case map[string]any:
		return restoreTypes(x)
	}
	return v
}

// ---- Redirects

// maxRedirectHops bounds a chain of merges (a into b, then b into c).
const maxRedirectHops = 10

var redirectsCypher = register(ReadQuery{
	Name:   "curation.redirects",
	Cypher: `UNWIND $ids AS id MATCH (r:Redirect {id: id}) RETURN id, r.to AS to`,
	Params: map[string]any{"ids": []string{"person:x"}},
})

// canonical maps ids through the redirects (an id merged away becomes the
// id of the entity it was merged into; others stay).
func (db *DB) canonical(ctx context.Context, ids []string) ([]string, error) {
	red, err := db.Redirects(ctx, ids)
	if err != nil || len(red) == 0 {
		return ids, err
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id
		if to, ok := red[id]; ok {
			out[i] = to
		}
	}
	return out, nil
}

// Redirects returns, for the ids that were merged away, the id of the
// entity they now are (following chains of merges).
func (db *DB) Redirects(ctx context.Context, ids []string) (map[string]string, error) {
	out := map[string]string{}
	origins := map[string][]string{} // id asked about at this hop -> the ids first asked for
	cur := make([]string, 0, len(ids))
	for _, id := range ids {
		if _, dup := origins[id]; !dup {
			cur = append(cur, id)
		}
		origins[id] = append(origins[id], id)
	}
	for hop := 0; hop < maxRedirectHops && len(cur) > 0; hop++ {
		recs, err := db.readOnce(ctx, redirectsCypher, map[string]any{"ids": cur})
		if err != nil {
			return nil, db.readErr(ctx, "curation.redirects", err)
		}
		next := map[string][]string{}
		cur = cur[:0]
		for _, r := range recs {
			from, _ := r.Values[0].(string)
			to, _ := r.Values[1].(string)
			for _, o := range origins[from] {
				out[o] = to
			}
			if _, seen := next[to]; !seen {
				cur = append(cur, to)
			}
			next[to] = append(next[to], origins[from]...)
		}
		origins = next
	}
	return out, nil
}

// followRedirects returns ext with every id that was merged away replaced by
// the id of the entity it was merged into (a copy; ext is not changed), so
// that reloading a document never brings a merged entity back.
func (db *DB) followRedirects(ctx context.Context, ext *rightsgraph.Extraction) (*rightsgraph.Extraction, error) {
	var ids []string
	for _, e := range ext.Entities {
		ids = append(ids, e.ID)
	}
	for _, ev := range ext.Events {
		ids = append(ids, ev.ID)
	}
	if len(ids) == 0 {
		return ext, nil
	}
	red, err := db.Redirects(ctx, ids)
	if err != nil || len(red) == 0 {
		return ext, err
	}
	m := func(id string) string {
		if to, ok := red[id]; ok {
			return to
		}
		return id
	}
	out := *ext
	out.Entities = make([]rightsgraph.Entity, len(ext.Entities))
	for i, e := range ext.Entities {
		if to, ok := red[e.ID]; ok {
			e.ID, e.Redirected = to, true
		}
		out.Entities[i] = e
	}
	out.Relations = make([]rightsgraph.Relation, len(ext.Relations))
	for i, r := range ext.Relations {
		r.From, r.To = m(r.From), m(r.To)
		out.Relations[i] = r
	}
	out.Events = make([]rightsgraph.Event, len(ext.Events))
	for i, ev := range ext.Events {
		ev.ID, ev.Place = m(ev.ID), m(ev.Place)
		ps := make([]rightsgraph.Participant, len(ev.Participants))
		for j, p := range ev.Participants {
			p.Entity = m(p.Entity)
			ps[j] = p
		}
		ev.Participants = ps
		out.Events[i] = ev
	}
	out.Obligations = make([]rightsgraph.Obligation, len(ext.Obligations))
	for i, o := range ext.Obligations {
		o.Bound = m(o.Bound)
		if o.Source != nil {
			s := m(*o.Source)
			o.Source = &s
		}
		rs := make([]string, len(o.Rights))
		for j, r := range o.Rights {
			rs[j] = m(r)
		}
		o.Rights = rs
		out.Obligations[i] = o
	}
	return &out, nil
}

// ---- Candidates

// Candidate is a pair of entities that may be one.
type Candidate struct {
	A, B             *Node
	Score, Overlap   float64
	SharedDocs       int
	SharedNeighbours int
}

// MaxCandidates bounds one candidates read.
const MaxCandidates = 100

// candidateGroupCap leaves out name words shared by more entities than this
// (common words say nothing about identity and make pairs quadratic).
const candidateGroupCap = 50

func candidatesCypher(label string) string {
	return fmt.Sprintf(`MATCH (a:%[1]s) WHERE a.nameFolded IS NOT NULL AND `+canReadNode("a")+`
UNWIND [w IN split(a.nameFolded, ' ') WHERE size(w) > 2] AS w
WITH w, collect(DISTINCT a) AS grp WHERE size(grp) > 1 AND size(grp) <= %[2]d
UNWIND grp AS a
UNWIND grp AS b
WITH DISTINCT a, b WHERE a.id < b.id
  AND NOT EXISTS { MATCH (d:Decision {kind: 'DISTINCT', target: a.id + '|' + b.id}) }
WITH a, b, [w IN split(a.nameFolded, ' ') WHERE size(w) > 2] AS wa, [w IN split(b.nameFolded, ' ') WHERE size(w) > 2] AS wb
WITH a, b, toFloat(size([w IN wa WHERE w IN wb])) / (size(wa) + size([w IN wb WHERE NOT w IN wa])) AS overlap,
     COUNT { MATCH (a)-[:MENTIONED_IN]->(d:Document)<-[:MENTIONED_IN]-(b) WHERE `+canReadDoc("d")+` } AS docs,
     COUNT { MATCH (a)-[x]-(m:Entity)-[y]-(b) WHERE m <> a AND m <> b AND `+canReadRel("x")+` AND `+canReadRel("y")+` } AS neighbours
WITH a, b, overlap, docs, neighbours,
     0.6 * overlap + 0.2 * CASE WHEN docs >= 2 THEN 1.0 ELSE docs / 2.0 END + 0.2 * CASE WHEN neighbours >= 3 THEN 1.0 ELSE neighbours / 3.0 END AS score
WHERE score >= $minScore
RETURN a, b, score, overlap, docs, neighbours ORDER BY score DESC, a.id, b.id LIMIT $first`, label, candidateGroupCap)
}

var candidateQueries = func() map[string]string {
	m := map[string]string{}
	for _, l := range []string{"State", "Institution", "Organization", "Person", "Group", "Place", "Instrument", "Provision", "Right", "Obligation", "Event"} {
		m[l] = register(ReadQuery{Name: "curation.candidates:" + l, Cypher: candidatesCypher(l),
			Params: map[string]any{"minScore": 0.3, "first": int64(20)}, ScanOK: "candidates compare every entity of a kind"})
	}
	return m
}()

// MergeCandidates returns likely duplicates among the entities with label.
func (db *DB) MergeCandidates(ctx context.Context, label string, minScore float64, first int) ([]Candidate, error) {
	q, ok := candidateQueries[label]
	if !ok {
		return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "unknown kind %q", label)
	}
	if first < 1 || first > MaxCandidates {
		return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "first must be 1..%d", MaxCandidates)
	}
	recs, err := db.read(ctx, "curation.candidates:"+label, q, map[string]any{"minScore": minScore, "first": int64(first)})
	if err != nil {
		return nil, err
	}
	out := make([]Candidate, 0, len(recs))
	for _, r := range recs {
		c := Candidate{A: toNode(r.Values[0]), B: toNode(r.Values[1])}
		c.Score, _ = r.Values[2].(float64)
		c.Overlap, _ = r.Values[3].(float64)
		d, _ := r.Values[4].(int64)
		n, _ := r.Values[5].(int64)
		c.SharedDocs, c.SharedNeighbours = int(d), int(n)
		out = append(out, c)
	}
	return out, nil
}

var markDistinctCypher = `MATCH (a:Entity {id: $a}) WHERE ` + canReadNode("a") + `
MATCH (b:Entity {id: $b}) WHERE ` + canReadNode("b") + `
CREATE (d:Decision {id: randomUUID(), kind: 'DISTINCT', target: $a + '|' + $b, by: $by, at: toString(datetime()), note: $note})
RETURN d`

// MarkDistinct records that a and b are not the same entity.
func (db *DB) MarkDistinct(ctx context.Context, a, b, note string) (*Decision, error) {
	if a == b {
		return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "an entity is not distinct from itself")
	}
	n, err := checkNote(note)
	if err != nil {
		return nil, err
	}
	if b < a {
		a, b = b, a
	}
	acl, err := db.aclOf(ctx)
	if err != nil {
		return nil, err
	}
	recs, err := db.write(ctx, markDistinctCypher, map[string]any{"a": a, "b": b, "by": rightsgraph.PrincipalFrom(ctx).ID, "note": n, "acl": acl})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, relNotFound([]string{a, b})
	}
	return toDecision(recs[0].Values[0]), nil
}
