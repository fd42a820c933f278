package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/internal/rawdriver"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

// The generated graph: synthetic actors, events, places and documents with
// the relationships and evidence of docs/graph-model.md. Ids carry a "zz-"
// slug so they never meet the reference data's ids. Hubs are deliberate:
// states, institutions and organisations are picked with a skewed
// distribution, so a few have thousands of relationships, as real states do.

// sizes are the node counts per kind.
type sizes struct {
	docs, states, institutions, organizations, persons, groups, places, events int
}

type generator struct {
	seed     uint64
	total    int
	n        sizes
	given    []string
	surnames []string
	states   []string // state names
}

func newGenerator(total int, seed uint64) *generator {
	g := &generator{seed: seed, total: total}
	if total > 0 {
		g.n = sizes{
			docs: max(10, total/100), states: max(10, total/500), institutions: max(10, total*6/100),
			organizations: max(10, total*8/100), groups: max(5, total*8/1000), places: max(10, total*5/100),
			events: max(10, total*39/100),
		}
		g.n.persons = max(10, total-g.n.docs-g.n.states-g.n.institutions-g.n.organizations-g.n.groups-g.n.places-g.n.events)
	}
	r := rand.New(rand.NewPCG(seed, 1))
	syl := []string{"ka", "lo", "mi", "ra", "ve", "to", "sa", "ni", "der", "bel", "mon", "var", "li", "zu", "po", "ren",
		"tal", "os", "ine", "gor", "ha", "fe", "dri", "sto", "an", "el", "ur", "qua", "bri", "nes"}
	word := func(parts int) string {
		var b strings.Builder
		for i := 0; i < parts; i++ {
			b.WriteString(syl[r.IntN(len(syl))])
		}
		s := b.String()
		return strings.ToUpper(s[:1]) + s[1:]
	}
	seen := map[string]bool{}
	for len(g.given) < 80 {
		if w := word(2); !seen[w] {
			seen[w] = true
			g.given = append(g.given, w)
		}
	}
	for len(g.surnames) < 400 {
		if w := word(2 + r.IntN(2)); !seen[w] {
			seen[w] = true
			g.surnames = append(g.surnames, w)
		}
	}
	for i := 0; i < g.n.states; i++ {
		g.states = append(g.states, word(3)+"ia")
	}
	return g
}

func (g *generator) id(kind string, i int) string { return fmt.Sprintf("%s:zz-%06d", kind, i) }

// marker is the id of the node that records which graph was generated.
func (g *generator) marker() string {
	return fmt.Sprintf("organization:zz-bench-n%d-seed%d", g.total, g.seed)
}

func (g *generator) docID(i int) string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("rightsgraph bench document %d seed %d", i, g.seed)))
	return hex.EncodeToString(sum[:])
}

// skewed returns an index in [0, n) where small indexes are much more likely.
func skewed(r *rand.Rand, n int, power float64) int {
	return min(n-1, int(float64(n)*math.Pow(r.Float64(), power)))
}

// Node statements, one per label set: labels cannot be parameters.
var nodeCypher = func() map[string]string {
	m := map[string]string{
		"Document": `UNWIND $rows AS r CREATE (n:Document) SET n = r, n.loadedAt = datetime()`,
	}
	for _, l := range []string{"Actor:State", "Actor:Institution", "Actor:Institution:Court", "Actor:Organization",
		"Actor:Person", "Actor:Group", "Place"} {
		m[l] = `UNWIND $rows AS r CREATE (n:Entity:` + l + `) SET n = r, n.createdAt = datetime(), n.updatedAt = datetime()`
	}
	for _, t := range rightsgraph.EventTypes {
		l := "Event:" + pascal(t)
		m[l] = `UNWIND $rows AS r CREATE (n:Entity:` + l + `) SET n = r, n.createdAt = datetime(), n.updatedAt = datetime()`
	}
	return m
}()

// Relationship statements, one per type: types cannot be parameters either.
var relCypher = func() map[string]string {
	m := map[string]string{}
	for _, t := range []string{"PART_OF", "LOCATED_IN", "NATIONAL_OF", "MEMBER_OF", "HOLDS_POSITION", "AFFILIATED_WITH",
		"INVOLVED_IN", "OCCURRED_IN"} {
		m[t] = `UNWIND $rows AS r MATCH (a:Entity {id: r.from}) MATCH (b:Entity {id: r.to}) CREATE (a)-[x:` + t + `]->(b) SET x = r.props`
	}
	m["MENTIONED_IN"] = `UNWIND $rows AS r MATCH (a:Entity {id: r.from}) MATCH (b:Document {id: r.to}) CREATE (a)-[x:MENTIONED_IN]->(b) SET x = r.props`
	return m
}()

func pascal(t string) string {
	var b strings.Builder
	for _, p := range strings.Split(strings.ToLower(t), "_") {
		b.WriteString(strings.ToUpper(p[:1]) + p[1:])
	}
	return b.String()
}

// batchWriter sends rows to one statement in batches.
type batchWriter struct {
	ctx         context.Context
	raw         *rawdriver.Conn
	nodes, rels int
	pending     map[string][]map[string]any
	err         error
}

const batchSize = 5000

func (w *batchWriter) add(cypher string, row map[string]any) {
	if w.err != nil {
		return
	}
	w.pending[cypher] = append(w.pending[cypher], row)
	if len(w.pending[cypher]) >= batchSize {
		w.flush(cypher)
	}
}

func (w *batchWriter) flush(cypher string) {
	rows := w.pending[cypher]
	if w.err != nil || len(rows) == 0 {
		return
	}
	delete(w.pending, cypher)
	res, err := w.raw.Write(w.ctx, cypher, map[string]any{"rows": rows})
	if err != nil {
		w.err = fmt.Errorf("generate: %w", neo4jdb.Translate(err))
		return
	}
	c := res.Summary.Counters()
	w.nodes += c.NodesCreated()
	w.rels += c.RelationshipsCreated()
}

func (w *batchWriter) flushAll() {
	for c := range w.pending {
		w.flush(c)
	}
}

// evidence returns a relationship's evidence properties: one or two pieces
// from random documents.
func (g *generator) evidence(r *rand.Rand, quote string) map[string]any {
	k := 1 + r.IntN(2)
	p := map[string]any{}
	var docs, quotes []string
	var starts, ends []int64
	var confs []float64
	best := 0.0
	for i := 0; i < k; i++ {
		docs = append(docs, g.docID(r.IntN(g.n.docs)))
		s := int64(r.IntN(20000))
		starts = append(starts, s)
		ends = append(ends, s+int64(len(quote)))
		quotes = append(quotes, quote)
		c := math.Round((0.5+0.5*r.Float64())*100) / 100
		confs = append(confs, c)
		best = max(best, c)
	}
	p["docIds"], p["starts"], p["ends"], p["quotes"], p["confidences"], p["confidence"] = docs, starts, ends, quotes, confs, best
	return p
}

func (g *generator) date(r *rand.Rand) string {
	y := 2000 + r.IntN(25)
	switch r.IntN(5) {
	case 0:
		return fmt.Sprintf("%d", y)
	case 1, 2:
		return fmt.Sprintf("%d-%02d", y, 1+r.IntN(12))
	default:
		return fmt.Sprintf("%d-%02d-%02d", y, 1+r.IntN(12), 1+r.IntN(28))
	}
}

// write creates the generated graph and returns the nodes and relationships
// it created.
func (g *generator) write(ctx context.Context, raw *rawdriver.Conn) (int, int, error) {
	r := rand.New(rand.NewPCG(g.seed, 2))
	w := &batchWriter{ctx: ctx, raw: raw, pending: map[string][]map[string]any{}}
	ent := func(kind, id, name string, kv ...any) map[string]any {
		m := map[string]any{"id": id, "kind": kind, "name": name, neo4jdb.FoldedProp: neo4jdb.FoldName(name), "aliases": []string{}}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
	rel := func(typ, from, to string, props map[string]any) {
		w.add(relCypher[typ], map[string]any{"from": from, "to": to, "props": props})
	}
	mention := func(id string) {
		s := int64(r.IntN(20000))
		rel("MENTIONED_IN", id, g.docID(r.IntN(g.n.docs)), map[string]any{"starts": []int64{s}, "ends": []int64{s + 12}, "quotes": []string{"a mention"}})
	}
	person := func(i int) string {
		return g.given[(i*7+int(g.seed))%len(g.given)] + " " + g.surnames[(i*13/7)%len(g.surnames)]
	}

	publishers := []string{"Amnesty International", "Human Rights Watch", "UN OHCHR", "FIDH", "LDH"}
	for i := 0; i < g.n.docs; i++ {
		w.add(nodeCypher["Document"], map[string]any{"id": g.docID(i), "source": fmt.Sprintf("bench://documents/%d.txt", i),
			"title": fmt.Sprintf("Synthetic report %d", i), "publisher": publishers[i%len(publishers)],
			"published": g.date(r), "language": "en", "format": "text", "text": "synthetic"})
	}
	w.flushAll()
	for i, name := range g.states {
		id := g.id("state", i)
		w.add(nodeCypher["Actor:State"], ent("State", id, name, "iso3", fmt.Sprintf("Z%02d", i%100), "iso2", fmt.Sprintf("Z%d", i%10)))
	}
	cats := []string{"government", "ministry", "agency", "security", "court", "legislature", "regional"}
	for i := 0; i < g.n.institutions; i++ {
		cat := cats[r.IntN(len(cats))]
		st := g.states[skewed(r, len(g.states), 2)]
		labels := "Actor:Institution"
		name := fmt.Sprintf("%s %s of %s", strings.ToUpper(cat[:1])+cat[1:], g.surnames[r.IntN(len(g.surnames))], st)
		if cat == "court" {
			labels = "Actor:Institution:Court"
			name = fmt.Sprintf("Court of %s %d", g.surnames[r.IntN(len(g.surnames))], i)
		}
		w.add(nodeCypher[labels], ent("Institution", g.id("institution", i), name, "category", cat))
	}
	orgSuffix := []string{"Rights Network", "Foundation", "Union", "Alliance", "Watch", "Collective", "Party", "Council"}
	for i := 0; i < g.n.organizations; i++ {
		w.add(nodeCypher["Actor:Organization"], ent("Organization", g.id("organization", i),
			fmt.Sprintf("%s %s", g.surnames[r.IntN(len(g.surnames))], orgSuffix[r.IntN(len(orgSuffix))]), "category", "ngo"))
	}
	w.add(nodeCypher["Actor:Organization"], ent("Organization", g.marker(), "rightsgraph benchmark marker", "category", "benchmark"))
	for i := 0; i < g.n.persons; i++ {
		w.add(nodeCypher["Actor:Person"], ent("Person", g.id("person", i), person(i)))
	}
	groupNouns := []string{"asylum seekers", "prisoners", "climate activists", "journalists", "students", "detainees"}
	for i := 0; i < g.n.groups; i++ {
		w.add(nodeCypher["Actor:Group"], ent("Group", g.id("group", i), fmt.Sprintf("%s of %s", groupNouns[i%len(groupNouns)], g.surnames[r.IntN(len(g.surnames))])))
	}
	for i := 0; i < g.n.places; i++ {
		w.add(nodeCypher["Place"], ent("Place", g.id("place", i), g.surnames[r.IntN(len(g.surnames))]+"ville"))
	}
	roles := []string{"target", "participant", "beneficiary", "requester", "recipient"}
	type evRow struct {
		id, typ string
	}
	events := make([]evRow, g.n.events)
	for i := range events {
		t := rightsgraph.EventTypes[r.IntN(len(rightsgraph.EventTypes))]
		events[i] = evRow{g.id("event", i), t}
		summary := fmt.Sprintf("%s involving %s", strings.ToLower(strings.ReplaceAll(t, "_", " ")), g.surnames[r.IntN(len(g.surnames))])
		row := ent("Event", events[i].id, summary, "type", t, "date", g.date(r), "summary", summary)
		if t == "EXECUTION" || t == "ARREST" {
			row["count"] = int64(1 + r.IntN(900))
		}
		w.add(nodeCypher["Event:"+pascal(t)], row)
	}
	w.flushAll()

	for i := 0; i < g.n.institutions; i++ {
		rel("PART_OF", g.id("institution", i), g.id("state", skewed(r, g.n.states, 2)), g.evidence(r, "is part of"))
	}
	for i := 0; i < g.n.places; i++ {
		rel("LOCATED_IN", g.id("place", i), g.id("state", skewed(r, g.n.states, 2)), g.evidence(r, "is located in"))
	}
	titles := []string{"Minister", "Director", "Judge", "Spokesperson", "Commissioner", "Chair"}
	for i := 0; i < g.n.persons; i++ {
		p := g.id("person", i)
		rel("NATIONAL_OF", p, g.id("state", skewed(r, g.n.states, 2)), g.evidence(r, "a national of"))
		a := skewed(r, g.n.organizations, 1.5)
		rel("MEMBER_OF", p, g.id("organization", a), g.evidence(r, "is a member of"))
		if r.IntN(2) == 0 {
			if b := r.IntN(g.n.organizations); b != a {
				rel("MEMBER_OF", p, g.id("organization", b), g.evidence(r, "joined"))
			}
		}
		if r.IntN(4) == 0 {
			props := g.evidence(r, "holds the post of")
			props["title"] = titles[r.IntN(len(titles))]
			props["from"] = fmt.Sprint(2000 + r.IntN(24))
			rel("HOLDS_POSITION", p, g.id("institution", skewed(r, g.n.institutions, 1.5)), props)
		}
	}
	for i := 0; i < g.n.organizations; i += 10 {
		rel("AFFILIATED_WITH", g.id("organization", i), g.id("institution", r.IntN(g.n.institutions)), g.evidence(r, "is affiliated with"))
	}
	for _, e := range events {
		props := g.evidence(r, "carried out")
		props["role"] = "agent"
		agent := g.id("institution", skewed(r, g.n.institutions, 1.5))
		rel("INVOLVED_IN", agent, e.id, props)
		var other string
		switch r.IntN(3) {
		case 0:
			other = g.id("group", r.IntN(g.n.groups))
		case 1:
			other = g.id("organization", skewed(r, g.n.organizations, 1.5))
		default:
			other = g.id("person", r.IntN(g.n.persons))
		}
		props = g.evidence(r, "was affected")
		props["role"] = roles[r.IntN(len(roles))]
		rel("INVOLVED_IN", other, e.id, props)
		if r.IntN(2) == 0 {
			props = g.evidence(r, "took part")
			props["role"] = "participant"
			rel("INVOLVED_IN", g.id("person", r.IntN(g.n.persons)), e.id, props)
		}
		rel("OCCURRED_IN", e.id, g.id("place", r.IntN(g.n.places)), g.evidence(r, "in"))
	}
	for i := 0; i < g.n.states; i++ {
		mention(g.id("state", i))
	}
	for i := 0; i < g.n.institutions; i++ {
		mention(g.id("institution", i))
	}
	for i := 0; i < g.n.organizations; i++ {
		mention(g.id("organization", i))
	}
	for i := 0; i < g.n.persons; i++ {
		mention(g.id("person", i))
	}
	for _, e := range events {
		mention(e.id)
	}
	w.flushAll()
	return w.nodes, w.rels, w.err
}
