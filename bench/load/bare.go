package main

import (
	"context"
	"fmt"
	"sort"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/internal/rawdriver"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

// The baseline: the nodes and relationships of many extractions written with
// plain batched UNWIND ... MERGE queries in one transaction through a driver
// of its own: no evidence lists, no spans, no replacement or skip checks, no
// timestamps. It lives here, not in neo4jdb, because the loader never uses it.

// bareLabels are the labels each entity kind's node gets besides :Entity,
// as neo4jdb's writer gives them (docs/graph-model.md); a node count printed
// after both runs shows they write the same graph.
var bareLabels = map[string]string{
	rightsgraph.KindState:        "Actor:State",
	rightsgraph.KindInstitution:  "Actor:Institution",
	"Court":                      "Actor:Institution:Court",
	rightsgraph.KindOrganization: "Actor:Organization",
	rightsgraph.KindPerson:       "Actor:Person",
	rightsgraph.KindGroup:        "Actor:Group",
	rightsgraph.KindPlace:        "Place",
	rightsgraph.KindInstrument:   "Instrument",
	rightsgraph.KindProvision:    "Provision",
	rightsgraph.KindRight:        "Right",
	neo4jdb.KindObligation:       "Obligation",
}

const (
	bareDocCypher      = `UNWIND $rows AS r CREATE (d:Document) SET d = r`
	bareEntityTemplate = `UNWIND $rows AS r MERGE (n:Entity {id: r.id}) SET n:%s, n += r.props`
	bareMentionCypher  = `UNWIND $rows AS r
MATCH (e:Entity {id: r.id}) MATCH (d:Document {id: r.doc})
MERGE (e)-[:MENTIONED_IN]->(d)`
	bareRelTemplate = `UNWIND $rows AS r
MATCH (a:Entity {id: r.from}) MATCH (b:Entity {id: r.to})
MERGE (a)-[:%s]->(b)`
	bareInvolvedCypher = `UNWIND $rows AS r
MATCH (a:Entity {id: r.from}) MATCH (b:Entity {id: r.to})
MERGE (a)-[:INVOLVED_IN {role: r.role}]->(b)`
)

type bareRows struct {
	docs     []map[string]any
	entities map[string][]map[string]any // labels -> rows
	mentions []map[string]any
	rels     map[string][]map[string]any // type -> rows
}

func setStr(m map[string]any, k, v string) {
	if v != "" {
		m[k] = v
	}
}

// buildBare groups the extractions' rows: each entity once, each
// relationship (type, ends, role) once.
func buildBare(exts []*rightsgraph.Extraction) *bareRows {
	b := &bareRows{entities: map[string][]map[string]any{}, rels: map[string][]map[string]any{}}
	known := map[string]bool{}
	for _, t := range neo4jdb.RelationTypes {
		known[t] = true
	}
	seen := map[string]bool{}
	seenRel := map[[4]string]bool{}
	entity := func(labels, id string, props map[string]any) {
		if seen[id] {
			return
		}
		seen[id] = true
		props[neo4jdb.FoldedProp] = neo4jdb.FoldName(fmt.Sprint(props["name"]))
		b.entities[labels] = append(b.entities[labels], map[string]any{"id": id, "props": props})
	}
	rel := func(typ, from, to, role string) {
		k := [4]string{typ, from, to, role}
		if !known[typ] || seenRel[k] {
			return
		}
		seenRel[k] = true
		b.rels[typ] = append(b.rels[typ], map[string]any{"from": from, "to": to, "role": role})
	}
	for _, ext := range exts {
		d := ext.Document
		doc := map[string]any{"id": d.ID, "source": d.Source, "text": d.Text}
		setStr(doc, "title", d.Title)
		setStr(doc, "publisher", d.Publisher)
		setStr(doc, "published", d.Published)
		setStr(doc, "about", d.About)
		setStr(doc, "language", d.Language)
		setStr(doc, "format", d.Format)
		b.docs = append(b.docs, doc)
		mention := func(id string) { b.mentions = append(b.mentions, map[string]any{"id": id, "doc": d.ID}) }
		for _, e := range ext.Entities {
			if e.ID == "" {
				continue
			}
			key := e.Kind
			if e.Kind == rightsgraph.KindInstitution && e.Court {
				key = "Court"
			}
			labels, ok := bareLabels[key]
			if !ok {
				labels = bareLabels[rightsgraph.KindGroup]
			}
			p := map[string]any{"kind": e.Kind, "name": e.Name}
			for k, v := range map[string]string{"iso3": e.ISO3, "iso2": e.ISO2, "category": e.Category,
				"jurisdiction": e.Jurisdiction, "number": e.Number, "title": e.Title, "instrument": e.Instrument,
				"adopted": e.Adopted, "adoptedAt": e.AdoptedAt, "depositary": e.Depositary, "inForce": e.InForce} {
				setStr(p, k, v)
			}
			if e.Binding != nil {
				p["binding"] = *e.Binding
			}
			if e.Reference {
				p["reference"] = true
			}
			entity(labels, e.ID, p)
			if len(e.Mentions) > 0 {
				mention(e.ID)
			}
		}
		for _, r := range ext.Relations {
			role, _ := r.Props["role"].(string)
			rel(r.Type, r.From, r.To, role)
		}
		for _, ev := range ext.Events {
			if ev.ID == "" {
				continue
			}
			p := map[string]any{"kind": neo4jdb.KindEvent, "type": ev.Type, "name": ev.Summary, "summary": ev.Summary}
			setStr(p, "date", ev.Date)
			setStr(p, "outcome", ev.Outcome)
			if ev.Count != nil {
				p["count"] = *ev.Count
			}
			entity("Event:"+neo4jdb.EventLabel(ev.Type), ev.ID, p)
			if len(ev.Evidence) > 0 {
				mention(ev.ID)
			}
			for _, pt := range ev.Participants {
				rel("INVOLVED_IN", pt.Entity, ev.ID, pt.Role)
			}
			if ev.Place != "" {
				rel("OCCURRED_IN", ev.ID, ev.Place, "")
			}
		}
		for _, o := range ext.Obligations {
			if o.ID == "" {
				continue
			}
			p := map[string]any{"kind": neo4jdb.KindObligation, "name": o.Text, "text": o.Text}
			setStr(p, "modality", o.Modality)
			if o.Provision != nil {
				setStr(p, "provision", *o.Provision)
			}
			entity("Obligation", o.ID, p)
			if len(o.Evidence) > 0 {
				mention(o.ID)
			}
			if o.Bound != "" {
				rel("BINDS", o.ID, o.Bound, "")
			}
			if o.Source != nil && *o.Source != "" {
				rel("ESTABLISHES", *o.Source, o.ID, "")
			}
			for _, right := range o.Rights {
				rel("PROTECTS", o.ID, right, "")
			}
		}
	}
	return b
}

func sortedKeys(m map[string][]map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// writeBare writes exts in one managed write transaction.
func writeBare(ctx context.Context, raw *rawdriver.Conn, exts []*rightsgraph.Extraction) (*neo4jdb.WriteResult, error) {
	b := buildBare(exts)
	sess := raw.Driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeWrite, DatabaseName: raw.Database})
	defer sess.Close(ctx)
	res, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (*neo4jdb.WriteResult, error) {
		res := &neo4jdb.WriteResult{}
		run := func(q string, rows []map[string]any) error {
			r, err := tx.Run(ctx, q, map[string]any{"rows": rows})
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
		if err := run(bareDocCypher, b.docs); err != nil {
			return nil, err
		}
		for _, labels := range sortedKeys(b.entities) {
			// labels is one of bareLabels' values or Event:<EventLabel>, never input.
			if err := run(fmt.Sprintf(bareEntityTemplate, labels), b.entities[labels]); err != nil {
				return nil, err
			}
		}
		if err := run(bareMentionCypher, b.mentions); err != nil {
			return nil, err
		}
		for _, typ := range sortedKeys(b.rels) {
			q := fmt.Sprintf(bareRelTemplate, typ) // typ is one of neo4jdb.RelationTypes
			if typ == "INVOLVED_IN" {
				q = bareInvolvedCypher
			}
			if err := run(q, b.rels[typ]); err != nil {
				return nil, err
			}
		}
		return res, nil
	})
	if err != nil {
		return nil, fmt.Errorf("bare write: %w", neo4jdb.Translate(err))
	}
	return res, nil
}
