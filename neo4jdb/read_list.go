package neo4jdb

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// Lists: a typed filter (a tree of field conditions with AND/OR/NOT, as the
// GraphQL inputs give it) and a multi-key order are compiled into one
// parameterised Cypher statement. Property names come only from each kind's
// whitelist below; every value is a parameter. Pages are keyset pages: a
// cursor holds the sort key values of a row, and the next page starts
// strictly after them, so pages stay stable while data is added.

// FieldType says which conditions a filter field accepts.
type FieldType int

// Filter field types.
const (
	FieldID FieldType = iota
	FieldString
	FieldDate
	FieldInt
	FieldBool
	FieldEnum
	// FieldLabel is a boolean that tests a label (Institution.court tests :Court).
	FieldLabel
	// FieldDocument is an id condition on the documents that mention the
	// node (MENTIONED_IN): eq or in document ids.
	FieldDocument
)

// Field is a filterable or sortable property.
type Field struct {
	Prop    string
	Type    FieldType
	Indexed bool
	// Folded is the property holding Prop folded (FoldName) behind an
	// index: contains and startsWith compare it instead of toLower(Prop).
	Folded string
	// FoldedPrefixOnly: the folded index is a RANGE index, which serves
	// startsWith; contains reads every node of the label.
	FoldedPrefixOnly bool
}

// ListKind describes one root list: its label and its whitelists.
type ListKind struct {
	Name  string
	Label string
	// Fields maps filter field names (as in the GraphQL input) to properties.
	Fields map[string]Field
	// Sorts maps sort enum values (NAME, IN_FORCE) to filter field names.
	Sorts map[string]string
	// Default is the sort when the client gives none (id is always the final tie-break).
	Default []Sort
	// document lists read documents without their text.
	document bool
}

// Sort is one sort key.
type Sort struct {
	Field string // a key of ListKind.Fields
	Desc  bool
}

var (
	fID   = Field{Prop: "id", Type: FieldID, Indexed: true}
	fName = Field{Prop: "name", Type: FieldString, Indexed: true, Folded: FoldedProp}
	// fEventName: an event's name is its summary (migration 004).
	fEventName = Field{Prop: "name", Type: FieldString, Indexed: true, Folded: FoldedProp, FoldedPrefixOnly: true}
)

func named(extra map[string]Field) map[string]Field {
	m := map[string]Field{"id": fID, "name": fName}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

var byName = []Sort{{Field: "name"}}

// ListKinds are the root lists the API serves, by name.
var ListKinds = map[string]*ListKind{
	"states": {Name: "states", Label: "State", Default: byName,
		Fields: named(map[string]Field{"iso3": {Prop: "iso3", Type: FieldString}, "iso2": {Prop: "iso2", Type: FieldString}}),
		Sorts:  map[string]string{"ID": "id", "NAME": "name", "ISO3": "iso3"}},
	"institutions": {Name: "institutions", Label: "Institution", Default: byName,
		Fields: named(map[string]Field{"category": {Prop: "category", Type: FieldString},
			"court": {Prop: "Court", Type: FieldLabel}, "jurisdiction": {Prop: "jurisdiction", Type: FieldString}}),
		Sorts: map[string]string{"ID": "id", "NAME": "name", "CATEGORY": "category"}},
	"organizations": {Name: "organizations", Label: "Organization", Default: byName,
		Fields: named(map[string]Field{"category": {Prop: "category", Type: FieldString}}),
		Sorts:  map[string]string{"ID": "id", "NAME": "name", "CATEGORY": "category"}},
	"persons": {Name: "persons", Label: "Person", Default: byName, Fields: named(nil),
		Sorts: map[string]string{"ID": "id", "NAME": "name"}},
	"groups": {Name: "groups", Label: "Group", Default: byName, Fields: named(nil),
		Sorts: map[string]string{"ID": "id", "NAME": "name"}},
	"places": {Name: "places", Label: "Place", Default: byName, Fields: named(nil),
		Sorts: map[string]string{"ID": "id", "NAME": "name"}},
	"rights": {Name: "rights", Label: "Right", Default: byName, Fields: named(nil),
		Sorts: map[string]string{"ID": "id", "NAME": "name"}},
	"instruments": {Name: "instruments", Label: "Instrument", Default: byName,
		Fields: named(map[string]Field{"category": {Prop: "category", Type: FieldString},
			"adopted": {Prop: "adopted", Type: FieldDate}, "inForce": {Prop: "inForce", Type: FieldDate},
			"binding": {Prop: "binding", Type: FieldBool}}),
		Sorts: map[string]string{"ID": "id", "NAME": "name", "ADOPTED": "adopted", "IN_FORCE": "inForce"}},
	"provisions": {Name: "provisions", Label: "Provision", Default: []Sort{{Field: "instrument"}, {Field: "number"}},
		Fields: named(map[string]Field{"number": {Prop: "number", Type: FieldString},
			"instrument": {Prop: "instrument", Type: FieldID}}),
		Sorts: map[string]string{"ID": "id", "NAME": "name", "NUMBER": "number"}},
	"events": {Name: "events", Label: "Event", Default: []Sort{{Field: "date"}},
		Fields: named(map[string]Field{"name": fEventName, "type": {Prop: "type", Type: FieldEnum, Indexed: true},
			"date": {Prop: "date", Type: FieldDate, Indexed: true}, "count": {Prop: "count", Type: FieldInt},
			"outcome": {Prop: "outcome", Type: FieldString}, "document": {Type: FieldDocument}}),
		Sorts: map[string]string{"ID": "id", "NAME": "name", "DATE": "date", "TYPE": "type", "COUNT": "count"}},
	"documents": {Name: "documents", Label: "Document", Default: []Sort{{Field: "published", Desc: true}}, document: true,
		Fields: map[string]Field{"id": fID, "title": {Prop: "title", Type: FieldString, Indexed: true},
			"source": {Prop: "source", Type: FieldString, Indexed: true}, "publisher": {Prop: "publisher", Type: FieldString},
			"published": {Prop: "published", Type: FieldDate}, "language": {Prop: "language", Type: FieldString},
			"format": {Prop: "format", Type: FieldString}},
		Sorts: map[string]string{"ID": "id", "TITLE": "title", "PUBLISHED": "published", "PUBLISHER": "publisher", "SOURCE": "source"}},
}

// ListQuery is a request for one page of a list.
type ListQuery struct {
	Kind   *ListKind
	Filter map[string]any
	// Order as the GraphQL input gives it: [{field: NAME, direction: DESC}].
	Order  []map[string]any
	First  *int
	After  *string
	Last   *int
	Before *string
}

// PageInfo is Relay's page information.
type PageInfo struct {
	HasNextPage     bool
	HasPreviousPage bool
	StartCursor     *string
	EndCursor       *string
}

// Page is one page of a list.
type Page struct {
	Nodes    []*Node
	Cursors  []string
	PageInfo PageInfo
}

// DefaultPageSize is the page size when a client gives neither first nor last.
const DefaultPageSize = 20

// compiled is a list query turned into Cypher pieces.
type compiled struct {
	kind   *ListKind
	where  string
	params map[string]any
	sorts  []Sort
	sig    string
}

type compiler struct {
	kind   *ListKind
	params map[string]any
}

func (c *compiler) param(v any) string {
	name := "f" + strconv.Itoa(len(c.params))
	c.params[name] = v
	return "$" + name
}

func invalid(format string, args ...any) error {
	return rightsgraph.Errorf(rightsgraph.EINVALID, format, args...)
}

// CompileFilter turns a filter tree into a Cypher predicate over n (or
// "true") plus its parameters; unknown fields or operators are invalid.
func CompileFilter(kind *ListKind, filter map[string]any) (string, map[string]any, error) {
	if err := checkFilterSize(filter); err != nil {
		return "", nil, err
	}
	c := &compiler{kind: kind, params: map[string]any{}}
	w, err := c.filter(filter, 0)
	return w, c.params, err
}

// maxFilterDepth bounds AND/OR/NOT nesting.
const maxFilterDepth = 8

func (c *compiler) filter(m map[string]any, depth int) (string, error) {
	if depth > maxFilterDepth {
		return "", invalid("filter nested deeper than %d levels", maxFilterDepth)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		v := m[k]
		if v == nil {
			continue
		}
		switch k {
		case "AND", "OR":
			subs, ok := v.([]any)
			if !ok {
				return "", invalid("filter %s: want a list", k)
			}
			var ps []string
			for _, s := range subs {
				sm, ok := s.(map[string]any)
				if !ok {
					return "", invalid("filter %s: want objects", k)
				}
				p, err := c.filter(sm, depth+1)
				if err != nil {
					return "", err
				}
				ps = append(ps, "("+p+")")
			}
			if len(ps) == 0 {
				continue
			}
			parts = append(parts, "("+strings.Join(ps, " "+k+" ")+")")
		case "NOT":
			sm, ok := v.(map[string]any)
			if !ok {
				return "", invalid("filter NOT: want an object")
			}
			p, err := c.filter(sm, depth+1)
			if err != nil {
				return "", err
			}
			parts = append(parts, "NOT ("+p+")")
		default:
			f, ok := c.kind.Fields[k]
			if !ok {
				return "", invalid("%s cannot be filtered by %q", c.kind.Name, k)
			}
			ops, ok := v.(map[string]any)
			if !ok {
				return "", invalid("filter %s: want an object of conditions", k)
			}
			p, err := c.field(k, f, ops)
			if err != nil {
				return "", err
			}
			parts = append(parts, p...)
		}
	}
	if len(parts) == 0 {
		return "true", nil
	}
	return strings.Join(parts, " AND "), nil
}

func (c *compiler) field(name string, f Field, ops map[string]any) ([]string, error) {
	prop := "n.`" + f.Prop + "`"
	keys := make([]string, 0, len(ops))
	for k := range ops {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []string
	for _, op := range keys {
		v := ops[op]
		if v == nil {
			continue
		}
		if f.Type == FieldDocument {
			var ids []any
			switch op {
			case "eq":
				ids = []any{v}
			case "in":
				list, ok := v.([]any)
				if !ok {
					return nil, invalid("filter %s.in: want a list", name)
				}
				ids = list
			default:
				return nil, invalid("filter %s: unknown condition %q", name, op)
			}
			if len(ids) > MaxDocumentIDs {
				return nil, invalid("filter %s.in: %d document ids exceed the limit of %d", name, len(ids), MaxDocumentIDs)
			}
			vals := make([]any, 0, len(ids))
			for _, x := range ids {
				s, ok := x.(string)
				if !ok {
					return nil, invalid("filter %s.%s: want document ids", name, op)
				}
				vals = append(vals, s)
			}
			out = append(out, "EXISTS { (n)-[:MENTIONED_IN]->(d:Document) WHERE d.id IN "+c.param(vals)+" AND "+canReadDoc("d")+" }")
			continue
		}
		if f.Type == FieldLabel {
			b, ok := v.(bool)
			if !ok {
				return nil, invalid("filter %s.%s: want a boolean", name, op)
			}
			switch op {
			case "eq":
				if b {
					out = append(out, "n:`"+f.Prop+"`")
				} else {
					out = append(out, "NOT n:`"+f.Prop+"`")
				}
			case "isNull":
				if b {
					out = append(out, "false")
				}
			default:
				return nil, invalid("filter %s: unknown condition %q", name, op)
			}
			continue
		}
		switch op {
		case "isNull":
			b, ok := v.(bool)
			if !ok {
				return nil, invalid("filter %s.isNull: want a boolean", name)
			}
			if b {
				out = append(out, prop+" IS NULL")
			} else {
				out = append(out, prop+" IS NOT NULL")
			}
		case "eq":
			val, err := scalar(f, v)
			if err != nil {
				return nil, invalid("filter %s.eq: %v", name, err)
			}
			out = append(out, prop+" = "+c.param(val))
		case "in":
			list, ok := v.([]any)
			if !ok {
				return nil, invalid("filter %s.in: want a list", name)
			}
			vals := make([]any, 0, len(list))
			for _, x := range list {
				val, err := scalar(f, x)
				if err != nil {
					return nil, invalid("filter %s.in: %v", name, err)
				}
				vals = append(vals, val)
			}
			out = append(out, prop+" IN "+c.param(vals))
		case "contains", "startsWith":
			if f.Type != FieldString {
				return nil, invalid("filter %s: unknown condition %q", name, op)
			}
			s, ok := v.(string)
			if !ok {
				return nil, invalid("filter %s.%s: want a string", name, op)
			}
			kw := " CONTAINS "
			if op == "startsWith" {
				kw = " STARTS WITH "
			}
			if f.Folded != "" {
				out = append(out, "n.`"+f.Folded+"`"+kw+c.param(FoldName(s)))
			} else {
				out = append(out, "toLower("+prop+")"+kw+c.param(strings.ToLower(s)))
			}
		case "from", "to":
			if f.Type != FieldDate {
				return nil, invalid("filter %s: unknown condition %q", name, op)
			}
			s, ok := v.(string)
			if !ok {
				return nil, invalid("filter %s.%s: want a date", name, op)
			}
			if op == "from" {
				out = append(out, prop+" >= "+c.param(s))
			} else {
				// Inclusive prefix: to "2023" keeps "2023-12-31".
				out = append(out, prop+" < "+c.param(s+"\uffff"))
			}
		case "gt", "gte", "lt", "lte":
			if f.Type != FieldInt {
				return nil, invalid("filter %s: unknown condition %q", name, op)
			}
			val, err := scalar(f, v)
			if err != nil {
				return nil, invalid("filter %s.%s: %v", name, op, err)
			}
			sym := map[string]string{"gt": " > ", "gte": " >= ", "lt": " < ", "lte": " <= "}[op]
			out = append(out, prop+sym+c.param(val))
		default:
			return nil, invalid("filter %s: unknown condition %q", name, op)
		}
	}
	return out, nil
}

// scalar checks and normalises one filter value for f's type.
func scalar(f Field, v any) (any, error) {
	switch f.Type {
	case FieldInt:
		return toInt64(v)
	case FieldBool:
		b, ok := v.(bool)
		if !ok {
			return nil, fmt.Errorf("want a boolean")
		}
		return b, nil
	default:
		s, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("want a string")
		}
		return s, nil
	}
}

func toInt64(v any) (int64, error) {
	switch x := v.(type) {
	case int:
		return int64(x), nil
	case int64:
		return x, nil
	case int32:
		return int64(x), nil
	case float64:
		return int64(x), nil
	case json.Number:
		return x.Int64()
	}
	return 0, fmt.Errorf("want an integer")
}

// sortExpr is the Cypher expression of a sort key: nulls sort as the
// smallest value so that keyset comparisons never meet a null.
func sortExpr(f Field) string {
	prop := "n.`" + f.Prop + "`"
	switch {
	case f.Prop == "id":
		return prop
	case f.Type == FieldInt:
		return "coalesce(" + prop + ", -9223372036854775808)"
	case f.Type == FieldBool:
		return "coalesce(toString(" + prop + "), '')"
	default:
		return "coalesce(" + prop + ", '')"
	}
}

func (k *ListKind) sorts(order []map[string]any) ([]Sort, error) {
	var out []Sort
	seen := map[string]bool{}
	if len(order) == 0 {
		out = append(out, k.Default...)
		for _, s := range out {
			seen[s.Field] = true
		}
	}
	for _, o := range order {
		enum, _ := o["field"].(string)
		field, ok := k.Sorts[enum]
		if !ok {
			return nil, invalid("%s cannot be sorted by %q", k.Name, enum)
		}
		if seen[field] {
			return nil, invalid("%s: sort field %s given twice", k.Name, enum)
		}
		seen[field] = true
		dir, _ := o["direction"].(string)
		out = append(out, Sort{Field: field, Desc: dir == "DESC"})
		if field == "id" {
			return out, nil // id is unique: later keys never decide
		}
	}
	if !seen["id"] {
		out = append(out, Sort{Field: "id"})
	}
	return out, nil
}

func (k *ListKind) compile(q ListQuery) (*compiled, error) {
	where, params, err := CompileFilter(k, q.Filter)
	if err != nil {
		return nil, err
	}
	sorts, err := k.sorts(q.Order)
	if err != nil {
		return nil, err
	}
	var sig strings.Builder
	sig.WriteString(k.Name)
	for _, s := range sorts {
		fmt.Fprintf(&sig, "|%s:%v", s.Field, s.Desc)
	}
	sum := sha256.Sum256([]byte(sig.String()))
	return &compiled{kind: k, where: where, params: params, sorts: sorts, sig: hex.EncodeToString(sum[:4])}, nil
}

// cursor is what an opaque cursor holds: the sort key values of a row and a
// signature of the order they belong to.
type cursor struct {
	Sig  string `json:"s"`
	Keys []any  `json:"k"`
}

func encodeCursor(c cursor) string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func (c *compiled) decodeCursor(s string) ([]any, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, invalid("invalid cursor")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var cur cursor
	if err := dec.Decode(&cur); err != nil || len(cur.Keys) != len(c.sorts) {
		return nil, invalid("invalid cursor")
	}
	if cur.Sig != c.sig {
		return nil, invalid("cursor belongs to another list or order")
	}
	for i, s := range c.sorts {
		f := c.kind.Fields[s.Field]
		if f.Type == FieldInt {
			n, err := toInt64(cur.Keys[i])
			if err != nil {
				return nil, invalid("invalid cursor")
			}
			cur.Keys[i] = n
		} else if _, ok := cur.Keys[i].(string); !ok {
			return nil, invalid("invalid cursor")
		}
	}
	return cur.Keys, nil
}

// keyset returns the predicate "row comes after (forward) or before the
// cursor values" in the order c.sorts, as an OR over key prefixes.
func (c *compiled) keyset(vals []any, after bool, prefix string) string {
	var ors []string
	for i := range c.sorts {
		var ands []string
		for j := 0; j < i; j++ {
			name := prefix + strconv.Itoa(j)
			c.params[name] = vals[j]
			ands = append(ands, sortExpr(c.kind.Fields[c.sorts[j].Field])+" = $"+name)
		}
		name := prefix + strconv.Itoa(i)
		c.params[name] = vals[i]
		greater := !c.sorts[i].Desc
		if !after {
			greater = !greater
		}
		op := " < "
		if greater {
			op = " > "
		}
		ands = append(ands, sortExpr(c.kind.Fields[c.sorts[i].Field])+op+"$"+name)
		ors = append(ors, "("+strings.Join(ands, " AND ")+")")
	}
	return "(" + strings.Join(ors, " OR ") + ")"
}

func (c *compiled) ret() string {
	if c.kind.document {
		return "n {.id, .source, .title, .publisher, .published, .about, .language, .format, labels: labels(n)}"
	}
	return "n"
}

// pageCypher builds the page statement; backward pages reverse the order.
func (c *compiled) pageCypher(where string, backward bool) string {
	var keys, order []string
	for _, s := range c.sorts {
		e := sortExpr(c.kind.Fields[s.Field])
		keys = append(keys, e)
		desc := s.Desc != backward
		if desc {
			order = append(order, e+" DESC")
		} else {
			order = append(order, e+" ASC")
		}
	}
	return "MATCH (n:`" + c.kind.Label + "`) WHERE " + where + " AND " + c.acl() +
		" RETURN " + c.ret() + " AS n, [" + strings.Join(keys, ", ") + "] AS keys ORDER BY " +
		strings.Join(order, ", ") + " LIMIT $limit"
}

func (c *compiled) countCypher() string {
	return "MATCH (n:`" + c.kind.Label + "`) WHERE " + c.where + " AND " + c.acl() + " RETURN count(n) AS total"
}

// acl is the access predicate of the listed node n.
func (c *compiled) acl() string {
	if c.kind.document {
		return canReadDoc("n")
	}
	return canReadNode("n")
}

// List returns one keyset page of a list.
func (db *DB) List(ctx context.Context, q ListQuery) (*Page, error) {
	c, err := q.Kind.compile(q)
	if err != nil {
		return nil, err
	}
	if q.First != nil && q.Last != nil {
		return nil, invalid("give first or last, not both")
	}
	n := DefaultPageSize
	backward := false
	switch {
	case q.First != nil:
		n = *q.First
	case q.Last != nil:
		n, backward = *q.Last, true
	}
	if n < 0 {
		return nil, invalid("first and last must not be negative")
	}
	where := c.where
	if q.After != nil {
		vals, err := c.decodeCursor(*q.After)
		if err != nil {
			return nil, err
		}
		where += " AND " + c.keyset(vals, true, "a")
	}
	if q.Before != nil {
		vals, err := c.decodeCursor(*q.Before)
		if err != nil {
			return nil, err
		}
		where += " AND " + c.keyset(vals, false, "b")
	}
	c.params["limit"] = int64(n + 1)
	recs, err := db.read(ctx, "list:"+q.Kind.Name, c.pageCypher(where, backward), c.params)
	if err != nil {
		return nil, err
	}
	more := len(recs) > n
	if more {
		recs = recs[:n]
	}
	p := &Page{}
	for _, rec := range recs {
		node := toNode(rec.Values[0])
		keys, _ := rec.Values[1].([]any)
		p.Nodes = append(p.Nodes, node)
		p.Cursors = append(p.Cursors, encodeCursor(cursor{Sig: c.sig, Keys: keys}))
	}
	if backward {
		for i, j := 0, len(p.Nodes)-1; i < j; i, j = i+1, j-1 {
			p.Nodes[i], p.Nodes[j] = p.Nodes[j], p.Nodes[i]
			p.Cursors[i], p.Cursors[j] = p.Cursors[j], p.Cursors[i]
		}
		p.PageInfo.HasPreviousPage = more
		p.PageInfo.HasNextPage = q.Before != nil
	} else {
		p.PageInfo.HasNextPage = more
		p.PageInfo.HasPreviousPage = q.After != nil
	}
	if len(p.Cursors) > 0 {
		p.PageInfo.StartCursor = &p.Cursors[0]
		p.PageInfo.EndCursor = &p.Cursors[len(p.Cursors)-1]
	}
	return p, nil
}

// Count returns the number of rows matching q's filter (ignoring cursors and
// page size) with a count() statement that loads no rows.
func (db *DB) Count(ctx context.Context, q ListQuery) (int, error) {
	where, params, err := CompileFilter(q.Kind, q.Filter)
	if err != nil {
		return 0, err
	}
	c := &compiled{kind: q.Kind, where: where}
	recs, err := db.read(ctx, "count:"+q.Kind.Name, c.countCypher(), params)
	if err != nil {
		return 0, err
	}
	if len(recs) == 0 {
		return 0, nil
	}
	n, _ := recs[0].Values[0].(int64)
	return int(n), nil
}

// listExamples are the list statement shapes for the EXPLAIN test: for every
// kind, the default page, a page after a cursor, a backward page, the count,
// and one filter per whitelisted field and condition. Lookups by an indexed
// property must use the index.
func listExamples() []ReadQuery {
	var out []ReadQuery
	names := make([]string, 0, len(ListKinds))
	for n := range ListKinds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		k := ListKinds[name]
		c, _ := k.compile(ListQuery{Kind: k})
		params := map[string]any{"limit": int64(21)}
		out = append(out, ReadQuery{Name: "list:" + name, Cypher: c.pageCypher("true", false), Params: params,
			ScanOK: "an unfiltered list reads every node of its label"})
		vals := make([]any, len(c.sorts))
		for i, s := range c.sorts {
			if k.Fields[s.Field].Type == FieldInt {
				vals[i] = int64(0)
			} else {
				vals[i] = "x"
			}
		}
		afterWhere := "true AND " + c.keyset(vals, true, "a")
		c.params["limit"] = int64(21)
		out = append(out, ReadQuery{Name: "list:" + name + ":after", Cypher: c.pageCypher(afterWhere, false),
			Params: c.params, ScanOK: "keyset over an unfiltered list"})
		c2, _ := k.compile(ListQuery{Kind: k})
		beforeWhere := "true AND " + c2.keyset(vals, false, "b")
		c2.params["limit"] = int64(21)
		out = append(out, ReadQuery{Name: "list:" + name + ":before", Cypher: c2.pageCypher(beforeWhere, true),
			Params: c2.params, ScanOK: "keyset over an unfiltered list"})
		out = append(out, ReadQuery{Name: "count:" + name, Cypher: c.countCypher(), ScanOK: "count of a label"})
		fields := make([]string, 0, len(k.Fields))
		for f := range k.Fields {
			fields = append(fields, f)
		}
		sort.Strings(fields)
		for _, fname := range fields {
			f := k.Fields[fname]
			for _, op := range opsFor(f.Type) {
				filter := map[string]any{fname: map[string]any{op: exampleValue(f.Type, op)}}
				cc, err := k.compile(ListQuery{Kind: k, Filter: filter})
				if err != nil {
					panic(err)
				}
				cc.params["limit"] = int64(21)
				rq := ReadQuery{Name: "list:" + name + ":" + fname + ":" + op, Cypher: cc.pageCypher(cc.where, false), Params: cc.params}
				folded := f.Folded != "" && (op == "startsWith" || (op == "contains" && !f.FoldedPrefixOnly))
				if !folded && !(f.Indexed && (op == "eq" || op == "in")) {
					rq.ScanOK = "filter on an unindexed property or condition"
				}
				out = append(out, rq)
			}
		}
	}
	return out
}

func opsFor(t FieldType) []string {
	switch t {
	case FieldID, FieldEnum, FieldDocument:
		return []string{"eq", "in"}
	case FieldString:
		return []string{"eq", "in", "contains", "startsWith", "isNull"}
	case FieldDate:
		return []string{"eq", "from", "to", "isNull"}
	case FieldInt:
		return []string{"eq", "gt", "gte", "lt", "lte", "isNull"}
	case FieldBool:
		return []string{"eq", "isNull"}
	case FieldLabel:
		return []string{"eq"}
	}
	return nil
}

func exampleValue(t FieldType, op string) any {
	if op == "isNull" {
		return true
	}
	var v any = "x"
	switch t {
	case FieldInt:
		v = int64(1)
	case FieldBool, FieldLabel:
		v = true
	}
	if op == "in" {
		return []any{v}
	}
	return v
}
