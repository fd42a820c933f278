package neo4jdb

import (
	"context"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// Curation: decisions on facts (dispute, confirm) and notes on nodes and
// edges. They are nodes of their own (:Decision, :Note, :FactState) keyed
// by the stable id of what they are about, so that a reload, which may
// delete and re-create a relationship, never loses them: the writer copies
// a fact's standing from its :FactState each time it writes the
// relationship (writeRelTemplate). Every statement takes parameters; who
// may curate is decided by the caller (the GraphQL layer checks the role),
// what may be curated by the same access predicates as reads: a caller
// cannot dispute or annotate what it cannot read.

// Decision is a recorded judgement on a fact.
type Decision struct {
	ID, Kind, Target, By, At, Note string
}

// Note is a curator's note on a node or an edge.
type Note struct {
	ID, Target, Text, By, At string
}

// Decision kinds.
const (
	DecisionDispute = "DISPUTE"
	DecisionConfirm = "CONFIRM"
)

// MaxNoteBytes bounds a note's text and a decision's note.
const MaxNoteBytes = 10000

// checkNote bounds a decision's note and returns it as a parameter (nil
// when empty, so no empty note is stored).
func checkNote(note string) (any, error) {
	if len(note) > MaxNoteBytes {
		return nil, rightsgraph.Errorf(rightsgraph.ELIMIT, "note of %d bytes exceeds the limit of %d", len(note), MaxNoteBytes)
	}
	if note == "" {
		return nil, nil
	}
	return note, nil
}

// edgeCandidates splits an edge id (TYPE:source:target, plus :role for
// INVOLVED_IN) into the (source, target, role) readings it allows: entity
// ids contain colons themselves, so every split is tried against the graph.
func edgeCandidates(id string) (typ string, cands []map[string]any, err error) {
	typ, rest, ok := strings.Cut(id, ":")
	if !ok || !knownRelType[typ] {
		return "", nil, rightsgraph.Errorf(rightsgraph.EINVALID, "edge %q: not an edge id (TYPE:source:target, for example MEMBER_OF:person:x:organization:y)", clipID(id))
	}
	parts := strings.Split(rest, ":")
	if len(parts) > 12 {
		return "", nil, rightsgraph.Errorf(rightsgraph.EINVALID, "edge %q: too many parts", clipID(id))
	}
	ends := len(parts)
	if typ == "INVOLVED_IN" {
		ends-- // the role is the last part
	}
	for i := 1; i < ends; i++ {
		c := map[string]any{"from": strings.Join(parts[:i], ":"), "to": strings.Join(parts[i:ends], ":"), "role": nil}
		if typ == "INVOLVED_IN" {
			c["role"] = parts[len(parts)-1]
		}
		cands = append(cands, c)
	}
	if len(cands) == 0 {
		return "", nil, rightsgraph.Errorf(rightsgraph.EINVALID, "edge %q: not an edge id (TYPE:source:target)", clipID(id))
	}
	return typ, cands, nil
}

func clipID(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}

// decideCypher records a decision on the fact and sets its standing, on
// the relationship and in its :FactState. The relationship must be
// readable by the caller (its disputed state aside).
var decideCypher = `UNWIND $cands AS c
MATCH (a:Entity {id: c.from})-[x]->(b:Entity {id: c.to})
WHERE type(x) = $type AND (c.role IS NULL OR x.role = c.role)
  AND ` + canReadRelEvidence("x") + `
WITH x LIMIT 1
CREATE (d:Decision {id: randomUUID(), kind: $kind, target: $key, by: $by, at: toString(datetime()), note: $note})
MERGE (s:FactState {key: $key})
SET s.disputed = ($kind = 'DISPUTE'), s.updatedAt = datetime(),
    x.disputed = CASE WHEN $kind = 'DISPUTE' THEN true ELSE null END
RETURN d`

// Decide records a DISPUTE or CONFIRM by principal on the edge with that id.
// An edge that does not exist, or that ctx's principal cannot read, is a
// not-found error and nothing is written.
func (db *DB) Decide(ctx context.Context, edge, kind, note string) (*Decision, error) {
	if kind != DecisionDispute && kind != DecisionConfirm {
		return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "unknown decision %q", kind)
	}
	n, err := checkNote(note)
	if err != nil {
		return nil, err
	}
	typ, cands, err := edgeCandidates(edge)
	if err != nil {
		return nil, err
	}
	acl, err := db.aclOf(ctx)
	if err != nil {
		return nil, err
	}
	recs, err := db.write(ctx, decideCypher, map[string]any{
		"cands": cands, "type": typ, "key": edge, "kind": kind, "note": n,
		"by": rightsgraph.PrincipalFrom(ctx).ID, "acl": acl,
	})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, rightsgraph.Errorf(rightsgraph.ENOTFOUND, "no fact with edge id %q", clipID(edge))
	}
	return toDecision(recs[0].Values[0]), nil
}

// addNoteCypher adds a note to a node or an edge the caller can read.
var addNoteCypher = `CALL {
  MATCH (n:Entity {id: $target}) WHERE ` + canReadNode("n") + ` RETURN 1 AS found
  UNION
  MATCH (n:Document {id: $target}) WHERE ` + canReadDoc("n") + ` RETURN 1 AS found
  UNION
  UNWIND $cands AS c
  MATCH (a:Entity {id: c.from})-[x]->(b:Entity {id: c.to})
  WHERE type(x) = $type AND (c.role IS NULL OR x.role = c.role) AND ` + canReadRelEvidence("x") + `
  RETURN 1 AS found
}
WITH count(found) AS found WHERE found > 0
CREATE (m:Note {id: randomUUID(), target: $target, text: $text, by: $by, at: toString(datetime())})
RETURN m`

// AddNote adds a note by ctx's principal to the node or edge target.
func (db *DB) AddNote(ctx context.Context, target, text string) (*Note, error) {
	text = strings.TrimSpace(text)
	switch {
	case text == "":
		return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "a note needs text")
	case len(text) > MaxNoteBytes:
		return nil, rightsgraph.Errorf(rightsgraph.ELIMIT, "note of %d bytes exceeds the limit of %d", len(text), MaxNoteBytes)
	case target == "" || len(target) > 1000:
		return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "target: give a node or edge id")
	}
	typ, cands, err := edgeCandidates(target)
	if err != nil {
		typ, cands = "", []map[string]any{} // a node id
	}
	acl, err := db.aclOf(ctx)
	if err != nil {
		return nil, err
	}
	recs, err := db.write(ctx, addNoteCypher, map[string]any{
		"target": target, "cands": cands, "type": typ, "text": text,
		"by": rightsgraph.PrincipalFrom(ctx).ID, "acl": acl,
	})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, rightsgraph.Errorf(rightsgraph.ENOTFOUND, "no node or edge with id %q", clipID(target))
	}
	return toNote(recs[0].Values[0]), nil
}

var (
	decisionsCypher = register(ReadQuery{
		Name: "curation.decisions",
		Cypher: `UNWIND $keys AS k MATCH (d:Decision {target: k})
RETURN k, d ORDER BY d.at, d.id`,
		Params: map[string]any{"keys": []string{"MEMBER_OF:person:a:organization:b"}},
	})
	notesCypher = register(ReadQuery{
		Name: "curation.notes",
		Cypher: `UNWIND $keys AS k MATCH (m:Note {target: k})
RETURN k, m ORDER BY m.at, m.id`,
		Params: map[string]any{"keys": []string{"state:BEL"}},
	})
)

// DecisionsFor returns the decisions on each edge id, oldest first. The
// caller decides who may see them (curators); the targets are edges the
// caller was already shown.
func (db *DB) DecisionsFor(ctx context.Context, keys []string) (map[string][]*Decision, error) {
	recs, err := db.read(ctx, "curation.decisions", decisionsCypher, map[string]any{"keys": keys})
	if err != nil {
		return nil, err
	}
	out := map[string][]*Decision{}
	for _, r := range recs {
		k, _ := r.Values[0].(string)
		out[k] = append(out[k], toDecision(r.Values[1]))
	}
	return out, nil
}

// NotesFor returns the notes on each node or edge id, oldest first.
func (db *DB) NotesFor(ctx context.Context, keys []string) (map[string][]*Note, error) {
	recs, err := db.read(ctx, "curation.notes", notesCypher, map[string]any{"keys": keys})
	if err != nil {
		return nil, err
	}
	out := map[string][]*Note{}
	for _, r := range recs {
		k, _ := r.Values[0].(string)
		out[k] = append(out[k], toNote(r.Values[1]))
	}
	return out, nil
}

func toDecision(v any) *Decision {
	n, _ := v.(neo4j.Node)
	s := func(k string) string { x, _ := n.Props[k].(string); return x }
	return &Decision{ID: s("id"), Kind: s("kind"), Target: s("target"), By: s("by"), At: s("at"), Note: s("note")}
}

func toNote(v any) *Note {
	n, _ := v.(neo4j.Node)
	s := func(k string) string { x, _ := n.Props[k].(string); return x }
	return &Note{ID: s("id"), Target: s("target"), Text: s("text"), By: s("by"), At: s("at")}
}

// write runs one statement in a managed write transaction bounded by the
// request's deadline (the driver retries transient failures).
func (db *DB) write(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	timeout := maxTxTimeout
	if dl, ok := ctx.Deadline(); ok {
		if timeout = time.Until(dl); timeout < time.Millisecond {
			return nil, errQueryTimeout
		}
	}
	sess := db.Session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(context.WithoutCancel(ctx))
	recs, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) ([]*neo4j.Record, error) {
		res, err := tx.Run(ctx, cypher, params)
		if err != nil {
			return nil, err
		}
		return res.Collect(ctx)
	}, neo4j.WithTxTimeout(timeout))
	if err != nil {
		return nil, db.readErr(ctx, "write", err)
	}
	return recs, nil
}
