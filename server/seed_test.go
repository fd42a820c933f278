package server_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

// Test data written with parameterised CREATE statements following
// docs/graph-model.md: a small human-rights graph around Belgium.

var (
	docAmnesty = strings.Repeat("a", 64)
	docRuling  = strings.Repeat("b", 64)
)

func exec(tb testing.TB, db *neo4jdb.DB, cypher string, params map[string]any) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := neo4j.ExecuteQuery(ctx, neo4jtest.Driver(db), cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(db.Database()))
	if err != nil {
		tb.Fatalf("seed: %v\n%s", err, cypher)
	}
}

// seed writes the small fixture graph.
func seed(tb testing.TB, db *neo4jdb.DB) {
	tb.Helper()
	exec(tb, db, `
UNWIND $docs AS d
CREATE (:Document {id: d.id, source: d.source, title: d.title, publisher: d.publisher, published: d.published, text: d.text, format: 'txt', language: 'en'})`,
		map[string]any{"docs": []map[string]any{
			{"id": docAmnesty, "source": "amnesty-2023.txt", "title": "Belgium 2023", "publisher": "Amnesty International", "published": "2023-05-02",
				"text": "Belgian authorities detained asylum seekers in Brussels in April 2023."},
			{"id": docRuling, "source": "ruling.txt", "title": "Judgment of the Brussels Court of Appeal", "publisher": "Brussels Court of Appeal", "published": "2023-09-12",
				"text": "The Court of Appeal found that Belgium violated the prohibition of torture."},
		}})
	// Labels cannot be parameters: each group of entities is created with
	// its fixed labels from this test's own table.
	for labels, ents := range map[string][]map[string]any{
		"Entity:Actor:State": {
			{"id": "state:BEL", "kind": "State", "name": "Belgium", "aliases": []string{"Belgique", "Belgian authorities"}, "iso3": "BEL", "iso2": "BE"},
			{"id": "state:FRA", "kind": "State", "name": "France", "aliases": []string{}, "iso3": "FRA", "iso2": "FR"},
		},
		"Entity:Actor:Institution:Court": {
			{"id": "institution:be-brussels-court-of-appeal", "kind": "Institution", "name": "Brussels Court of Appeal", "aliases": []string{"Cour d'appel de Bruxelles"}, "category": "court", "jurisdiction": "Belgium"},
		},
		"Entity:Actor:Institution": {
			{"id": "institution:commissioner-general", "kind": "Institution", "name": "Commissioner General for Refugees and Stateless Persons", "aliases": []string{"Commissariat Général aux Réfugiés", "CGRS"}, "category": "agency"},
			{"id": "institution:surete-de-l-etat", "kind": "Institution", "name": "Sûreté de l'État", "aliases": []string{"VSSE"}, "category": "security"},
		},
		"Entity:Actor:Organization": {
			{"id": "organization:amnesty-international", "kind": "Organization", "name": "Amnesty International", "aliases": []string{"Amnesty"}, "category": "ngo"},
		},
		"Entity:Actor:Person": {
			{"id": "person:jane-doe", "kind": "Person", "name": "Jane Doe", "aliases": []string{}},
		},
		"Entity:Actor:Group": {
			{"id": "group:asylum-seekers", "kind": "Group", "name": "asylum seekers", "aliases": []string{"demandeurs d'asile"}},
		},
		"Entity:Place": {
			{"id": "place:brussels", "kind": "Place", "name": "Brussels", "aliases": []string{"Bruxelles"}},
		},
		"Entity:Instrument": {
			{"id": "instrument:echr", "kind": "Instrument", "name": "European Convention on Human Rights", "aliases": []string{"ECHR"}, "category": "treaty", "adopted": "1950-11-04", "inForce": "1953-09-03", "binding": true},
		},
		"Entity:Provision": {
			{"id": "provision:echr-art-3", "kind": "Provision", "name": "ECHR Article 3", "aliases": []string{}, "number": "Article 3", "instrument": "instrument:echr"},
		},
		"Entity:Right": {
			{"id": "right:prohibition-of-torture", "kind": "Right", "name": "prohibition of torture", "aliases": []string{}},
			{"id": "right:asylum", "kind": "Right", "name": "right to asylum", "aliases": []string{}},
		},
		"Entity:Obligation": {
			{"id": "obligation:no-torture", "kind": "Obligation", "name": "No one shall be subjected to torture", "aliases": []string{}, "text": "No one shall be subjected to torture", "modality": "must_not"},
		},
		"Entity:Event:Detention": {
			{"id": "event:detention-brussels", "kind": "Event", "type": "DETENTION", "name": "Asylum seekers detained in Brussels", "summary": "Asylum seekers detained in Brussels", "date": "2023-04", "count": int64(40), "aliases": []string{}},
		},
		"Entity:Event:Report": {
			{"id": "event:amnesty-report", "kind": "Event", "type": "REPORT", "name": "Amnesty report on Belgium", "summary": "Amnesty report on Belgium", "date": "2023-05-02", "aliases": []string{}},
		},
		"Entity:Event:Ruling": {
			{"id": "event:ruling-2023", "kind": "Event", "type": "RULING", "name": "Court of Appeal ruling against Belgium", "summary": "Court of Appeal ruling against Belgium", "date": "2023-09-12", "outcome": "violation found", "aliases": []string{}},
		},
	} {
		exec(tb, db, "UNWIND $ents AS e CREATE (n:"+labels+") SET n = e", map[string]any{"ents": ents})
	}
	ev := func(doc string, start, end int, quote string) map[string]any {
		return map[string]any{"docIds": []string{doc}, "starts": []int64{int64(start)}, "ends": []int64{int64(end)}, "quotes": []string{quote}, "confidence": 0.9}
	}
	for typ, rels := range map[string][]map[string]any{
		"PART_OF":              {{"from": "institution:be-brussels-court-of-appeal", "to": "state:BEL", "props": ev(docRuling, 4, 18, "Court of Appeal")}},
		"MEMBER_OF":            {{"from": "state:BEL", "to": "organization:amnesty-international", "props": ev(docAmnesty, 0, 8, "Belgian ")}},
		"HOLDS_POSITION":       {{"from": "person:jane-doe", "to": "institution:be-brussels-court-of-appeal", "props": map[string]any{"title": "President", "docIds": []string{docRuling}, "starts": []int64{0}, "ends": []int64{3}, "quotes": []string{"The"}, "confidence": 0.7}}},
		"LOCATED_IN":           {{"from": "place:brussels", "to": "state:BEL", "props": ev(docAmnesty, 46, 54, "Brussels")}},
		"HAS_PROVISION":        {{"from": "instrument:echr", "to": "provision:echr-art-3", "props": ev(docRuling, 0, 3, "The")}},
		"PROTECTS":             {{"from": "provision:echr-art-3", "to": "right:prohibition-of-torture", "props": ev(docRuling, 50, 72, "prohibition of torture")}, {"from": "obligation:no-torture", "to": "right:prohibition-of-torture", "props": ev(docRuling, 50, 72, "prohibition of torture")}},
		"ESTABLISHES":          {{"from": "provision:echr-art-3", "to": "obligation:no-torture", "props": ev(docRuling, 50, 72, "prohibition of torture")}},
		"BINDS":                {{"from": "obligation:no-torture", "to": "state:BEL", "props": ev(docRuling, 31, 38, "Belgium")}},
		"OCCURRED_IN":          {{"from": "event:detention-brussels", "to": "place:brussels", "props": ev(docAmnesty, 46, 54, "Brussels")}},
		"CITES":                {{"from": "event:ruling-2023", "to": "provision:echr-art-3", "props": ev(docRuling, 50, 72, "prohibition of torture")}},
		"FINDS_VIOLATION_OF":   {{"from": "event:ruling-2023", "to": "right:prohibition-of-torture", "props": ev(docRuling, 24, 72, "found that Belgium violated the prohibition of torture")}},
		"ALLEGES_VIOLATION_OF": {{"from": "event:amnesty-report", "to": "right:asylum", "props": ev(docAmnesty, 0, 70, "Belgian authorities detained asylum seekers in Brussels in April 2023.")}},
	} {
		exec(tb, db, "UNWIND $rels AS r MATCH (a:Entity {id: r.from}), (b:Entity {id: r.to}) CREATE (a)-[x:"+typ+"]->(b) SET x = r.props", map[string]any{"rels": rels})
	}
	involved := []map[string]any{
		{"actor": "state:BEL", "event": "event:detention-brussels", "props": map[string]any{"role": "agent", "docIds": []string{docAmnesty}, "starts": []int64{0}, "ends": []int64{19}, "quotes": []string{"Belgian authorities"}, "confidence": 0.8}},
		{"actor": "group:asylum-seekers", "event": "event:detention-brussels", "props": map[string]any{"role": "target", "docIds": []string{docAmnesty}, "starts": []int64{29}, "ends": []int64{43}, "quotes": []string{"asylum seekers"}, "confidence": 0.9}},
		{"actor": "organization:amnesty-international", "event": "event:amnesty-report", "props": map[string]any{"role": "agent", "docIds": []string{docAmnesty}, "starts": []int64{0}, "ends": []int64{7}, "quotes": []string{"Belgian"}, "confidence": 0.6}},
		{"actor": "institution:be-brussels-court-of-appeal", "event": "event:ruling-2023", "props": map[string]any{"role": "authority", "docIds": []string{docRuling}, "starts": []int64{4}, "ends": []int64{19}, "quotes": []string{"Court of Appeal"}, "confidence": 0.95}},
		{"actor": "state:BEL", "event": "event:ruling-2023", "props": map[string]any{"role": "target", "docIds": []string{docRuling}, "starts": []int64{31}, "ends": []int64{38}, "quotes": []string{"Belgium"}, "confidence": 0.95}},
	}
	exec(tb, db, "UNWIND $rels AS r MATCH (a:Entity {id: r.actor}), (e:Event {id: r.event}) CREATE (a)-[x:INVOLVED_IN]->(e) SET x = r.props", map[string]any{"rels": involved})
	exec(tb, db, `MATCH (n:Entity), (d:Document {id: $doc}) WHERE n.id IN $ids
CREATE (n)-[:MENTIONED_IN {starts: [0], ends: [7], quotes: ['Belgian']}]->(d)`, map[string]any{"doc": docAmnesty, "ids": []string{"state:BEL", "group:asylum-seekers", "place:brussels", "organization:amnesty-international"}})
	exec(tb, db, `MATCH (n:Entity), (d:Document {id: $doc}) WHERE n.id IN $ids
CREATE (n)-[:MENTIONED_IN {starts: [31], ends: [38], quotes: ['Belgium']}]->(d)`, map[string]any{"doc": docRuling, "ids": []string{"state:BEL", "institution:be-brussels-court-of-appeal", "right:prohibition-of-torture"}})
	backfill(tb, db)
}

// backfill lets Migrate give the seeded nodes the folded names the writer
// would have written (neo4jdb.FoldName).
func backfill(tb testing.TB, db *neo4jdb.DB) {
	tb.Helper()
	if err := db.Migrate(context.Background()); err != nil {
		tb.Fatalf("seed: migrate: %v", err)
	}
}

// seedScale adds n states, each the agent of m events with k participants
// (groups), every relationship with evidence in one document.
func seedScale(tb testing.TB, db *neo4jdb.DB, n, m, k int) {
	tb.Helper()
	exec(tb, db, `
MATCH (d:Document {id: $doc})
UNWIND range(1, $n) AS i
CREATE (s:Entity:Actor:State {id: 'state:S' + i, kind: 'State', name: 'Scale state ' + i, aliases: [], iso3: 'S' + i})
WITH s, i, d
UNWIND range(1, $m) AS j
CREATE (e:Entity:Event:Arrest {id: 'event:s' + i + '-' + j, kind: 'Event', type: 'ARREST', name: 'arrest ' + i + '-' + j, date: '2023-0' + (1 + j % 9), aliases: []})
CREATE (s)-[:INVOLVED_IN {role: 'agent', docIds: [d.id], starts: [0], ends: [5], quotes: ['Belgi'], confidence: 0.5}]->(e)
WITH e, i, j, d
UNWIND range(1, $k) AS p
MERGE (g:Entity:Actor:Group {id: 'group:g' + p}) ON CREATE SET g.kind = 'Group', g.name = 'scale group ' + p, g.aliases = []
CREATE (g)-[:INVOLVED_IN {role: 'target', docIds: [d.id], starts: [0], ends: [5], quotes: ['Belgi'], confidence: 0.5}]->(e)`,
		map[string]any{"doc": docAmnesty, "n": int64(n), "m": int64(m), "k": int64(k)})
	backfill(tb, db)
}
