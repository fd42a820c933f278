package neo4jdb

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// Access control is enforced here, in the Cypher of every read, for the
// principal of the request's context (rightsgraph.PrincipalFrom; anonymous
// when there is none). What a principal cannot read does not exist for it:
//
//   - a document is readable when its collection is one of the principal's
//     and its sensitivity is at most the principal's (canReadDoc);
//   - a relationship with evidence is visible when at least one entry of its
//     evidence comes from a readable document (each relationship keeps the
//     collection and sensitivity rank of every entry beside docIds, so this
//     needs no lookup); the entries from other documents are removed from
//     what is returned (redact);
//   - an entity is visible when it is reference data, is mentioned in a
//     readable document, or has a visible relationship (canReadNode).
//
// Every read statement gets the parameter $acl (see read); a principal
// that may read every document of the database (checked once per request,
// on the few restricted documents) gets $acl.open, which short-circuits
// each predicate, so the cost of access control falls on restricted
// callers only.

// aclParam is the $acl parameter for p.
func aclParam(p rightsgraph.Principal, open bool) map[string]any {
	colls := p.Collections
	if colls == nil {
		colls = []string{}
	}
	return map[string]any{
		"open":  open || (p.AllCollectionsGranted() && p.MaxSensitivity >= rightsgraph.Confidential),
		"all":   p.AllCollectionsGranted(),
		"colls": colls,
		"rank":  int64(p.MaxSensitivity),
		// disputed: facts a curator disputed are returned too (see
		// WithDisputed); by default they are hidden like unreadable ones.
		"disputed": false,
	}
}

type disputedKey struct{}

// WithDisputed returns a context whose reads also return the facts that
// curators disputed (the GraphQL directive @includeDisputed).
func WithDisputed(ctx context.Context) context.Context {
	return context.WithValue(ctx, disputedKey{}, true)
}

func includeDisputed(ctx context.Context) bool {
	b, _ := ctx.Value(disputedKey{}).(bool)
	return b
}

// canReadDocInner is the document test without the open short-circuit.
func canReadDocInner(d string) string {
	return fmt.Sprintf("(coalesce(%[1]s.sensitivityRank, 0) <= $acl.rank AND ($acl.all OR coalesce(%[1]s.collection, '%[2]s') IN $acl.colls))", d, rightsgraph.DefaultCollection)
}

// canReadDoc is a Cypher predicate: the document bound to d is readable.
func canReadDoc(d string) string {
	return "($acl.open OR " + canReadDocInner(d) + ")"
}

// relEvidenceReadable is true when some evidence entry of x is readable.
func relEvidenceReadable(x string) string {
	return fmt.Sprintf("any(k IN range(0, size(%[1]s.docIds) - 1) WHERE coalesce(%[1]s.docRanks[k], 0) <= $acl.rank AND ($acl.all OR coalesce(%[1]s.docColls[k], '%[2]s') IN $acl.colls))", x, rightsgraph.DefaultCollection)
}

// relEvidenceIn is true when some readable evidence entry of x comes from
// one of the documents in the list expression docs.
func relEvidenceIn(x, docs string) string {
	return fmt.Sprintf("any(k IN range(0, size(coalesce(%[1]s.docIds, [])) - 1) WHERE %[1]s.docIds[k] IN %[3]s AND ($acl.open OR (coalesce(%[1]s.docRanks[k], 0) <= $acl.rank AND ($acl.all OR coalesce(%[1]s.docColls[k], '%[2]s') IN $acl.colls))))", x, rightsgraph.DefaultCollection, docs)
}

// canReadRel is a Cypher predicate: the relationship bound to x is
// visible. A relationship without evidence lists (MENTIONED_IN, whose
// document end decides) passes. A fact a curator disputed (x.disputed is
// true; the writer and the curation mutations keep it) is hidden unless
// the request asks for disputed facts.
func canReadRel(x string) string {
	return fmt.Sprintf("(%[2]s AND ($acl.disputed OR %[1]s.disputed IS NULL))", x, canReadRelEvidence(x))
}

// canReadRelEvidence is canReadRel without the disputed test: the caller
// can read the relationship's evidence (curation acts on disputed facts).
func canReadRelEvidence(x string) string {
	return fmt.Sprintf("($acl.open OR %[1]s.docIds IS NULL OR %[2]s)", x, relEvidenceReadable(x))
}

// canReadNode is a Cypher predicate: the entity or document bound to n is
// visible. The subquery variables are suffixed with n's name, so the
// predicate can be used for several variables of one statement.
func canReadNode(n string) string {
	d, x := "acl_d_"+n, "acl_x_"+n
	return fmt.Sprintf("($acl.open OR coalesce(%[1]s.reference, false)"+
		" OR (%[1]s:Document AND %[4]s)"+
		" OR EXISTS { MATCH (%[1]s)-[:MENTIONED_IN]->(%[2]s:Document) WHERE %[5]s }"+
		" OR EXISTS { MATCH (%[1]s)-[%[3]s]-() WHERE %[3]s.docIds IS NOT NULL AND %[6]s })",
		n, d, x, canReadDocInner(n), canReadDocInner(d), relEvidenceReadable(x))
}

// canReadHop is the predicate of one hop (x from a visible node to m):
// the relationship is visible and so is m (a MENTIONED_IN hop to a
// document needs the document readable).
func canReadHop(x, m string) string {
	// A relationship with a readable evidence entry makes both its ends
	// visible, so m is tested only for relationships without evidence.
	return "(" + canReadRel(x) + " AND (" + x + ".docIds IS NOT NULL OR " + canReadNode(m) + "))"
}

// ---- Per request

type accessMemoKey struct{}

// accessMemo remembers, for one request, whether its principal may read
// every document of the database.
type accessMemo struct {
	once sync.Once
	open bool
	err  error
}

// WithAccessMemo returns a context in which the check that makes a
// principal open (it may read every document loaded) runs once, not before
// each statement. The server adds it per request; a context without one
// checks before every statement, which is correct but slower.
func WithAccessMemo(ctx context.Context) context.Context {
	return context.WithValue(ctx, accessMemoKey{}, &accessMemo{})
}

// restrictedUnreadableCypher counts the documents a principal may not read
// among those outside the default collection or above public (indexed by
// :Document(restricted)), so it is cheap when most documents are public.
var restrictedUnreadableCypher = register(ReadQuery{
	Name: "restrictedUnreadable",
	Cypher: `MATCH (d:Document) WHERE d.restricted = true AND NOT ` + canReadDocInner("d") + `
RETURN count(d) AS n`,
	Params: map[string]any{"acl": aclParam(rightsgraph.AnonymousPrincipal(), false)},
})

// aclFor returns the $acl parameter of ctx's principal.
func (db *DB) aclFor(ctx context.Context) (map[string]any, error) {
	acl, err := db.aclOf(ctx)
	if err != nil {
		return nil, err
	}
	acl["disputed"] = includeDisputed(ctx)
	return acl, nil
}

func (db *DB) aclOf(ctx context.Context) (map[string]any, error) {
	p := rightsgraph.PrincipalFrom(ctx)
	if p.AllCollectionsGranted() && p.MaxSensitivity >= rightsgraph.Confidential {
		return aclParam(p, true), nil
	}
	check := func() (bool, error) {
		recs, err := db.readOnce(ctx, restrictedUnreadableCypher, map[string]any{"acl": aclParam(p, false)})
		if err != nil {
			return false, err
		}
		if len(recs) == 1 {
			n, _ := recs[0].Values[0].(int64)
			return n == 0, nil
		}
		return false, nil
	}
	var open bool
	var err error
	if m, _ := ctx.Value(accessMemoKey{}).(*accessMemo); m != nil {
		m.once.Do(func() { m.open, m.err = check() })
		open, err = m.open, m.err
	} else {
		open, err = check()
	}
	if err != nil {
		return nil, err
	}
	return aclParam(p, open), nil
}

// withACL returns params plus $acl, without changing the caller's map.
func withACL(params map[string]any, acl map[string]any) map[string]any {
	out := make(map[string]any, len(params)+1)
	for k, v := range params {
		out[k] = v
	}
	out["acl"] = acl
	return out
}

// ---- Redaction of evidence

// evidenceLists are the parallel lists of a relationship's evidence.
var evidenceLists = []string{"docIds", "starts", "ends", "quotes", "confidences", "docColls", "docRanks"}

// redact removes from every relationship in recs the evidence entries of
// documents the principal may not read, and recomputes its confidence
// from the entries left. Statements only return relationships with at
// least one readable entry.
func redact(recs []*neo4j.Record, acl map[string]any) {
	if open, _ := acl["open"].(bool); open {
		return
	}
	p := aclPrincipal(acl)
	for _, rec := range recs {
		for _, v := range rec.Values {
			redactValue(v, p)
		}
	}
}

type aclView struct {
	all   bool
	colls []string
	rank  int64
}

func aclPrincipal(acl map[string]any) aclView {
	v := aclView{}
	v.all, _ = acl["all"].(bool)
	v.colls, _ = acl["colls"].([]string)
	v.rank, _ = acl["rank"].(int64)
	return v
}

func (a aclView) readable(coll string, rank int64) bool {
	if coll == "" {
		coll = rightsgraph.DefaultCollection
	}
	return rank <= a.rank && (a.all || slices.Contains(a.colls, coll))
}

func redactValue(v any, a aclView) {
	switch x := v.(type) {
	case neo4j.Relationship:
		redactProps(x.Props, a)
	case neo4j.Path:
		for _, r := range x.Relationships {
			redactProps(r.Props, a)
		}
	case []any:
		for _, e := range x {
			redactValue(e, a)
		}
	case map[string]any:
		// properties(r) read as a map, or a map holding relationships.
		if _, ok := x["docIds"].([]any); ok {
			redactProps(x, a)
			return
		}
		for _, e := range x {
			redactValue(e, a)
		}
	}
}

func redactProps(props map[string]any, a aclView) {
	docs, ok := props["docIds"].([]any)
	if !ok {
		return
	}
	colls, _ := props["docColls"].([]any)
	ranks, _ := props["docRanks"].([]any)
	keep := make([]int, 0, len(docs))
	for i := range docs {
		var c string
		var r int64
		if i < len(colls) {
			c, _ = colls[i].(string)
		}
		if i < len(ranks) {
			r, _ = ranks[i].(int64)
		}
		if a.readable(c, r) {
			keep = append(keep, i)
		}
	}
	if len(keep) == len(docs) {
		return
	}
	for _, key := range evidenceLists {
		l, ok := props[key].([]any)
		if !ok {
			continue
		}
		out := make([]any, 0, len(keep))
		for _, i := range keep {
			if i < len(l) {
				out = append(out, l[i])
			}
		}
		props[key] = out
	}
	if cs, ok := props["confidences"].([]any); ok {
		best := 0.0
		for _, c := range cs {
			if f, ok := c.(float64); ok && f > best {
				best = f
			}
		}
		props["confidence"] = best
	}
}

// aclNames lists the Cypher fragments, for tests that check a statement
// applies access control.
func usesACL(cypher string) bool { return strings.Contains(cypher, "$acl") }
