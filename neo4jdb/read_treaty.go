package neo4jdb

import (
	"context"
	"sort"
	"strings"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/kb"
)

// This file holds the treaty reads behind the obligations, parties and
// violations queries and the obligations/violations CSV reports: who is
// party to what as of a date (PARTY_TO), what a state is bound by, grouped
// instrument -> provision -> right, and which events found or allege a
// breach concerning a state.
//
// Dates are ISO 8601 prefixes compared as strings: a stored partial date
// ("2006") sorts before every full date of that year, i.e. counts as its
// first day, like kb.Participation.Status.

// Participation is a PARTY_TO relationship with its state and instrument.
// P is the relationship decoded into the knowledge base's type, so status
// and reservations as of a date use the same rules as the reference data.
type Participation struct {
	State      *Node
	Instrument *Node
	Rel        *Rel
	P          kb.Participation
}

// Status is the participation's status on asOf ("" = latest).
func (p *Participation) Status(asOf string) string { return p.P.Status(asOf) }

var (
	participationsOfStateCypher = register(ReadQuery{
		Name: "treaty.participationsOfState",
		Cypher: `MATCH (s:Entity {id: $state})-[p:PARTY_TO]->(i:Instrument)
WHERE ` + canReadNode("s") + ` AND ` + canReadHop("p", "i") + `
RETURN s, p, i ORDER BY i.id`,
		Params: map[string]any{"state": "state:BEL"},
	})
	partiesOfInstrumentCypher = register(ReadQuery{
		Name: "treaty.partiesOfInstrument",
		Cypher: `MATCH (i:Entity {id: $instrument})<-[p:PARTY_TO]-(s:State)
WHERE ` + canReadNode("i") + ` AND ` + canReadHop("p", "s") + `
RETURN s, p, i ORDER BY s.id`,
		Params: map[string]any{"instrument": "instrument:echr"},
	})
)

// StateID turns "BEL", "bel" or "state:BEL" into "state:BEL".
func StateID(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "state:") {
		return s
	}
	if len(s) == 3 {
		return "state:" + strings.ToUpper(s)
	}
	return s
}

// ParticipationsOf returns every PARTY_TO of the state (any status), by
// instrument id.
func (db *DB) ParticipationsOf(ctx context.Context, state string) ([]*Participation, error) {
	return db.participations(ctx, "treaty.participationsOfState", participationsOfStateCypher, map[string]any{"state": StateID(state)})
}

// Parties returns the participations in the instrument whose status on asOf
// ("" = latest) is not empty (the state had at least signed), by state id.
func (db *DB) Parties(ctx context.Context, instrument, asOf string) ([]*Participation, error) {
	if err := checkDate("asOf", asOf); err != nil {
		return nil, err
	}
	all, err := db.participations(ctx, "treaty.partiesOfInstrument", partiesOfInstrumentCypher, map[string]any{"instrument": instrument})
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, p := range all {
		if p.Status(asOf) != "" {
			out = append(out, p)
		}
	}
	return out, nil
}

func (db *DB) participations(ctx context.Context, name, cypher string, params map[string]any) ([]*Participation, error) {
	recs, err := db.read(ctx, name, cypher, params)
	if err != nil {
		return nil, err
	}
	out := make([]*Participation, 0, len(recs))
	for _, rec := range recs {
		s, _ := rec.Get("s")
		p, _ := rec.Get("p")
		i, _ := rec.Get("i")
		part := &Participation{State: toNode(s), Rel: toRel(p), Instrument: toNode(i)}
		if part.State == nil || part.Rel == nil || part.Instrument == nil {
			continue
		}
		part.P = decodeParticipation(part.State, part.Instrument, part.Rel)
		out = append(out, part)
	}
	return out, nil
}

// decodeParticipation reads PARTY_TO's properties (as kb.ExtractReference
// writes them) back into a kb.Participation.
func decodeParticipation(s, i *Node, r *Rel) kb.Participation {
	str := func(k string) string { v, _ := r.Props[k].(string); return v }
	p := kb.Participation{
		State: s.Str("iso3"), Instrument: i.ID,
		Signed: str("signed"), Ratified: str("ratified"), Action: str("action"),
		InForce: str("inForce"), Withdrawn: str("withdrawn"), Source: str("source"),
	}
	if p.State == "" {
		p.State = strings.TrimPrefix(s.ID, "state:")
	}
	if p.InForce == "" {
		p.InForce = str("bindingFrom")
	}
	p.Unverified, _ = r.Props["unverified"].(bool)
	arts, kinds, texts := strs(r.Props["reservationArticles"]), strs(r.Props["reservationKinds"]), strs(r.Props["reservationTexts"])
	made, wd := strs(r.Props["reservationMade"]), strs(r.Props["reservationWithdrawn"])
	at := func(l []string, i int) string {
		if i < len(l) {
			return l[i]
		}
		return ""
	}
	for n := range texts {
		p.Reservations = append(p.Reservations, kb.Reservation{Kind: at(kinds, n), Article: at(arts, n), Text: texts[n], Made: at(made, n), Withdrawn: at(wd, n)})
	}
	if len(texts) == 0 {
		// Relations written by other sources carry readable strings only.
		for _, s := range strs(r.Props["reservations"]) {
			p.Reservations = append(p.Reservations, kb.Reservation{Kind: "reservation", Text: s})
		}
	}
	return p
}

// ---- Obligations of a state, grouped instrument -> provision -> right

// ObligationsArgs selects a state's obligations.
type ObligationsArgs struct {
	State      string // state id or ISO3
	AsOf       string // ISO date prefix; "" = latest
	Instrument string // optional instrument id
	Right      string // optional right id
}

// InstrumentObligations is what binds a state under one instrument: the
// participation that makes it binding (nil for a national law or an
// obligation stated by a document), the provisions (with the rights they
// protect and the reservations made on them) and the obligation nodes that
// bind the state under this instrument or its provisions.
type InstrumentObligations struct {
	Instrument    *Node
	Participation *Participation
	// BindingFrom is the date from which the instrument binds the state.
	BindingFrom string
	// Reservations in effect on the date, on any article.
	Reservations []kb.Reservation
	Provisions   []*ProvisionObligations
	Obligations  []*BoundObligation
}

// ProvisionObligations is one provision of a binding instrument.
type ProvisionObligations struct {
	Provision    *Node
	Rights       []*Node
	Reservations []kb.Reservation // those made on this article
	Obligations  []*BoundObligation
}

// BoundObligation is an Obligation node binding the state, with its BINDS
// relationship (evidence), its source and the rights it protects.
type BoundObligation struct {
	Obligation *Node
	Binds      *Rel
	Source     *Node // instrument, provision, event or actor; nil if none
	Rights     []*Node
}

var (
	instrumentProvisionsCypher = register(ReadQuery{
		Name: "treaty.instrumentProvisions",
		Cypher: `UNWIND $ids AS iid
MATCH (i:Entity {id: iid})-[hp:HAS_PROVISION]->(p:Provision)
WHERE ` + canReadNode("i") + ` AND ` + canReadHop("hp", "p") + `
OPTIONAL MATCH (p)-[pr:PROTECTS]->(r:Right) WHERE ` + canReadHop("pr", "r") + `
WITH iid, p, collect(DISTINCT r) AS rights
RETURN iid, p, rights`,
		Params: map[string]any{"ids": []string{"instrument:echr"}},
	})
	obligationsBindingCypher = register(ReadQuery{
		Name: "treaty.obligationsBinding",
		Cypher: `MATCH (s:Entity {id: $state})<-[b:BINDS]-(o:Obligation)
WHERE ` + canReadNode("s") + ` AND ` + canReadHop("b", "o") + `
OPTIONAL MATCH (src:Entity)-[es:ESTABLISHES]->(o) WHERE ` + canReadHop("es", "src") + `
OPTIONAL MATCH (inst:Instrument)-[hp:HAS_PROVISION]->(src) WHERE ` + canReadHop("hp", "inst") + `
OPTIONAL MATCH (o)-[pr:PROTECTS]->(r:Right) WHERE ` + canReadHop("pr", "r") + `
WITH o, b, src, inst, collect(DISTINCT r) AS rights
RETURN o, b, src, inst, rights ORDER BY o.id`,
		Params: map[string]any{"state": "state:BEL"},
	})
)

// ObligationsOf returns what binds the state on args.AsOf, grouped by
// instrument (sorted by id). An instrument appears when the state is party
// to it on that date (PARTY_TO in force and not withdrawn), or when an
// obligation binding the state is established by it or by one of its
// provisions (a national law, a document's statement); in the latter case a
// treaty the state is not party to on that date is left out.
func (db *DB) ObligationsOf(ctx context.Context, args ObligationsArgs) ([]*InstrumentObligations, error) {
	if err := checkDate("asOf", args.AsOf); err != nil {
		return nil, err
	}
	state := StateID(args.State)
	parts, err := db.ParticipationsOf(ctx, state)
	if err != nil {
		return nil, err
	}
	groups := map[string]*InstrumentObligations{}
	partyTo := map[string]bool{} // instruments with a PARTY_TO, bound or not
	for _, p := range parts {
		partyTo[p.Instrument.ID] = true
		if p.Status(args.AsOf) != kb.StatusParty {
			continue
		}
		groups[p.Instrument.ID] = &InstrumentObligations{
			Instrument: p.Instrument, Participation: p, BindingFrom: p.P.BindingFrom(),
			Reservations: p.P.ReservationsAsOf(args.AsOf),
		}
	}

	recs, err := db.read(ctx, "treaty.obligationsBinding", obligationsBindingCypher, map[string]any{"state": state})
	if err != nil {
		return nil, err
	}
	type pending struct {
		ob   *BoundObligation
		inst *Node
	}
	var obs []pending
	for _, rec := range recs {
		o, _ := rec.Get("o")
		b, _ := rec.Get("b")
		src, _ := rec.Get("src")
		inst, _ := rec.Get("inst")
		rs, _ := rec.Get("rights")
		bo := &BoundObligation{Obligation: toNode(o), Binds: toRel(b), Source: toNode(src), Rights: nodeList(rs)}
		if bo.Obligation == nil {
			continue
		}
		in := toNode(inst)
		if in == nil && bo.Source != nil && bo.Source.Has("Instrument") {
			in = bo.Source
		}
		obs = append(obs, pending{bo, in})
	}
	for _, p := range obs {
		if p.inst == nil {
			continue // established by an event or actor: not an instrument's obligation
		}
		g := groups[p.inst.ID]
		if g == nil {
			if partyTo[p.inst.ID] {
				continue // a treaty the state is not bound by on that date
			}
			from := p.inst.Str("inForce")
			if from == "" {
				from = p.inst.Str("adopted")
			}
			if args.AsOf != "" && from != "" && !(from <= args.AsOf) {
				continue
			}
			g = &InstrumentObligations{Instrument: p.inst, BindingFrom: from}
			groups[p.inst.ID] = g
		}
		g.Obligations = append(g.Obligations, p.ob)
	}
	if args.Instrument != "" {
		for id := range groups {
			if id != args.Instrument {
				delete(groups, id)
			}
		}
	}
	if len(groups) == 0 {
		return []*InstrumentObligations{}, nil
	}
	ids := make([]string, 0, len(groups))
	for id := range groups {
		ids = append(ids, id)
	}
	sort.Strings(ids)

	recs, err = db.read(ctx, "treaty.instrumentProvisions", instrumentProvisionsCypher, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	provByID := map[string]*ProvisionObligations{}
	for _, rec := range recs {
		iid, _ := rec.Get("iid")
		pn, _ := rec.Get("p")
		rs, _ := rec.Get("rights")
		g := groups[iid.(string)]
		p := &ProvisionObligations{Provision: toNode(pn), Rights: nodeList(rs)}
		if g == nil || p.Provision == nil {
			continue
		}
		slug := kb.ProvisionSlug(p.Provision.Str("number"))
		for _, r := range g.Reservations {
			if r.Article != "" && sameArticle(kb.ProvisionSlug(r.Article), slug) {
				p.Reservations = append(p.Reservations, r)
			}
		}
		provByID[p.Provision.ID] = p
		g.Provisions = append(g.Provisions, p)
	}
	// An obligation established by a provision is listed under it too; so is
	// one established by the instrument that cites a provision by number (its
	// `provision` property: "Article 4 § 2, 3°"), under that provision or the
	// article enclosing it.
	for _, g := range groups {
		bySlug := map[string]*ProvisionObligations{}
		for _, p := range g.Provisions {
			bySlug[kb.ProvisionSlug(p.Provision.Str("number"))] = p
		}
		for _, o := range g.Obligations {
			if o.Source != nil {
				if p := provByID[o.Source.ID]; p != nil {
					p.Obligations = append(p.Obligations, o)
					continue
				}
			}
			parts := strings.Split(kb.ProvisionSlug(o.Obligation.Str("provision")), "-")
			for n := len(parts); n >= 2; n-- {
				if p := bySlug[strings.Join(parts[:n], "-")]; p != nil {
					p.Obligations = append(p.Obligations, o)
					break
				}
			}
		}
	}

	out := make([]*InstrumentObligations, 0, len(ids))
	for _, id := range ids {
		g := groups[id]
		sort.SliceStable(g.Provisions, func(i, j int) bool {
			return provisionLess(g.Provisions[i].Provision, g.Provisions[j].Provision)
		})
		if args.Right != "" {
			g.Provisions = filterProvisions(g.Provisions, args.Right)
			var obs []*BoundObligation
			for _, o := range g.Obligations {
				if hasNode(o.Rights, args.Right) {
					obs = append(obs, o)
				}
			}
			g.Obligations = obs
			if len(g.Provisions) == 0 && len(g.Obligations) == 0 {
				continue
			}
		}
		out = append(out, g)
	}
	return out, nil
}

// sameArticle reports whether a reservation's article (slug r) concerns a
// provision (slug p): the same article, or r is a paragraph of p or p of r.
func sameArticle(r, p string) bool {
	if r == "" || p == "" {
		return false
	}
	return r == p || strings.HasPrefix(r, p+"-") || strings.HasPrefix(p, r+"-")
}

func filterProvisions(ps []*ProvisionObligations, right string) []*ProvisionObligations {
	var out []*ProvisionObligations
	for _, p := range ps {
		if hasNode(p.Rights, right) {
			out = append(out, p)
		}
	}
	return out
}

func hasNode(ns []*Node, id string) bool {
	for _, n := range ns {
		if n.ID == id {
			return true
		}
	}
	return false
}

// provisionLess orders provisions by their number's components
// numerically: Article 2 < Article 10 < Article 10 § 2.
func provisionLess(a, b *Node) bool {
	sa := strings.Split(kb.ProvisionSlug(a.Str("number")), "-")
	sb := strings.Split(kb.ProvisionSlug(b.Str("number")), "-")
	for i := 0; i < len(sa) && i < len(sb); i++ {
		if sa[i] == sb[i] {
			continue
		}
		na, ea := leadingInt(sa[i])
		nb, eb := leadingInt(sb[i])
		if ea && eb && na != nb {
			return na < nb
		}
		return sa[i] < sb[i]
	}
	if len(sa) != len(sb) {
		return len(sa) < len(sb)
	}
	return a.ID < b.ID
}

func leadingInt(s string) (int, bool) {
	n, i := 0, 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		n = n*10 + int(s[i]-'0')
		i++
	}
	return n, i > 0
}

func nodeList(v any) []*Node {
	l, _ := v.([]any)
	out := make([]*Node, 0, len(l))
	for _, x := range l {
		if n := toNode(x); n != nil {
			out = append(out, n)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// checkDate rejects a malformed ISO date prefix.
func checkDate(field, d string) error {
	if d == "" {
		return nil
	}
	ok := len(d) == 4 || len(d) == 7 || len(d) == 10
	for i := 0; ok && i < len(d); i++ {
		if i == 4 || i == 7 {
			ok = d[i] == '-'
		} else {
			ok = d[i] >= '0' && d[i] <= '9'
		}
	}
	if !ok {
		return rightsgraph.Errorf(rightsgraph.EINVALID, "%s: %q is not an ISO 8601 date (2023, 2023-04 or 2023-04-15)", field, d)
	}
	return nil
}

// ---- Violations concerning a state

// ViolationsArgs selects the events that found or allege a breach
// concerning a state.
type ViolationsArgs struct {
	State      string // state id or ISO3
	From, To   string // inclusive ISO prefixes on the event's date
	Stance     string // "FOUND", "ALLEGED" or "" for both
	Right      string // optional right id
	Instrument string // optional instrument id
	Limit      int    // claims; 0 = 500
	// Documents keeps the claims with evidence in one of these documents.
	Documents []string
}

// ViolationClaim is one FINDS_VIOLATION_OF or ALLEGES_VIOLATION_OF
// relationship: the event, what it says was breached, and the rights and
// provisions that breach concerns (a right itself; a provision and the
// rights it protects; an obligation, its source provision and its rights).
type ViolationClaim struct {
	Stance     string // FOUND or ALLEGED
	Event      *Node
	Rel        *Rel
	Breached   *Node
	Rights     []*Node
	Provisions []*Node
	// Authorities are the event's participants with role authority (the
	// ruling court), who assert a FOUND claim.
	Authorities []*Node
}

// ViolationGroup is the claims concerning one right (nil: none known),
// split by provision (nil: claims that name no provision).
type ViolationGroup struct {
	Right      *Node
	Provisions []*ProvisionViolations
}

// ProvisionViolations is the claims concerning one provision under a right.
type ProvisionViolations struct {
	Provision *Node
	Claims    []*ViolationClaim
}

// violationsCypher finds the claims whose event concerns the state: the
// state, or a body that is part of it, took part in the event; the event
// occurred in the state (or in a place in it); or the breached obligation
// binds the state.
var violationsCypher = register(ReadQuery{
	Name: "treaty.violationsOfState",
	Cypher: `MATCH (s:Entity {id: $state}) WHERE ` + canReadNode("s") + `
MATCH (e:Event)-[v:FINDS_VIOLATION_OF|ALLEGES_VIOLATION_OF]->(b:Entity)
WHERE ($types IS NULL OR type(v) IN $types) AND ` + canReadHop("v", "b") + `
  AND ($from IS NULL OR e.date >= $from)
  AND ($to IS NULL OR e.date <= $to OR e.date STARTS WITH $to)
  AND ($docs IS NULL OR ` + relEvidenceIn("v", "$docs") + `)
  AND (EXISTS { (s)-[x1:INVOLVED_IN]->(e) WHERE ` + canReadRel("x1") + ` }
    OR EXISTS { (s)<-[x2:PART_OF*1..3]-(:Entity)-[x3:INVOLVED_IN]->(e) WHERE all(y IN x2 WHERE ` + canReadRel("y") + `) AND ` + canReadRel("x3") + ` }
    OR EXISTS { (e)-[x4:OCCURRED_IN]->(s) WHERE ` + canReadRel("x4") + ` }
    OR EXISTS { (e)-[x5:OCCURRED_IN]->(:Entity)-[x6:LOCATED_IN*1..3]->(s) WHERE ` + canReadRel("x5") + ` AND all(y IN x6 WHERE ` + canReadRel("y") + `) }
    OR EXISTS { (b)-[x7:BINDS]->(s) WHERE ` + canReadRel("x7") + ` })
OPTIONAL MATCH (b)-[p1:PROTECTS]->(r1:Right) WHERE ` + canReadHop("p1", "r1") + `
OPTIONAL MATCH (ps:Provision)-[p2:ESTABLISHES]->(b) WHERE ` + canReadHop("p2", "ps") + `
OPTIONAL MATCH (ps)-[p3:PROTECTS]->(r2:Right) WHERE ` + canReadHop("p3", "r2") + `
OPTIONAL MATCH (a:Entity)-[p4:INVOLVED_IN {role: 'authority'}]->(e) WHERE ` + canReadHop("p4", "a") + `
WITH e, v, b, collect(DISTINCT r1) + collect(DISTINCT r2) AS rights, collect(DISTINCT ps) AS srcProvisions,
     collect(DISTINCT a) AS authorities
OPTIONAL MATCH (bi:Instrument)-[h1:HAS_PROVISION]->(b) WHERE ` + canReadHop("h1", "bi") + `
OPTIONAL MATCH (si:Instrument)-[h2:HAS_PROVISION]->(sp) WHERE sp IN srcProvisions AND ` + canReadHop("h2", "si") + `
OPTIONAL MATCH (oi:Instrument)-[h3:ESTABLISHES]->(b) WHERE ` + canReadHop("h3", "oi") + `
WITH e, v, b, rights, srcProvisions, authorities,
     [x IN collect(DISTINCT bi.id) + collect(DISTINCT si.id) + collect(DISTINCT oi.id) WHERE x IS NOT NULL] AS instruments
WHERE $instrument IS NULL OR b.id = $instrument OR $instrument IN instruments
RETURN e, v, b, rights, srcProvisions, authorities
ORDER BY e.date DESC, e.id, b.id
LIMIT $limit`,
	Params: map[string]any{"state": "state:BEL", "types": nil, "from": nil, "to": nil, "instrument": nil, "limit": 10, "docs": nil},
	ScanOK: "events are found from the state through bounded EXISTS patterns; the corpus has few violation claims per state",
})

// Violations returns the claims concerning the state, grouped by right and
// provision. A claim on a right goes under that right; a claim on a
// provision under each right the provision protects; a claim on an
// obligation under the rights it (or its source provision) protects. Within
// a right, a claim on the right itself is also listed under every provision
// protecting that right that the same event claims, so a ruling on "the
// right to life" and "Article 2" reads as one finding.
func (db *DB) Violations(ctx context.Context, args ViolationsArgs) ([]*ViolationGroup, error) {
	for f, d := range map[string]string{"from": args.From, "to": args.To} {
		if err := checkDate(f, d); err != nil {
			return nil, err
		}
	}
	var types any
	switch strings.ToUpper(args.Stance) {
	case "":
	case "FOUND":
		types = []string{"FINDS_VIOLATION_OF"}
	case "ALLEGED":
		types = []string{"ALLEGES_VIOLATION_OF"}
	default:
		return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "stance: %q is not FOUND or ALLEGED", args.Stance)
	}
	limit := args.Limit
	if limit <= 0 {
		limit = 500
	}
	docs, err := DocumentIDs("documents", args.Documents)
	if err != nil {
		return nil, err
	}
	params := map[string]any{"state": StateID(args.State), "types": types, "from": nilIfEmpty(args.From),
		"to": nilIfEmpty(args.To), "instrument": nilIfEmpty(args.Instrument), "limit": int64(limit), "docs": docs}
	recs, err := db.read(ctx, "treaty.violationsOfState", violationsCypher, params)
	if err != nil {
		return nil, err
	}
	var claims []*ViolationClaim
	for _, rec := range recs {
		e, _ := rec.Get("e")
		v, _ := rec.Get("v")
		b, _ := rec.Get("b")
		rs, _ := rec.Get("rights")
		sp, _ := rec.Get("srcProvisions")
		au, _ := rec.Get("authorities")
		c := &ViolationClaim{Event: toNode(e), Rel: toRel(v), Breached: toNode(b), Rights: nodeList(rs), Provisions: nodeList(sp), Authorities: nodeList(au)}
		if c.Event == nil || c.Rel == nil || c.Breached == nil {
			continue
		}
		c.Stance = "ALLEGED"
		if c.Rel.Type == "FINDS_VIOLATION_OF" {
			c.Stance = "FOUND"
		}
		switch {
		case c.Breached.Has("Right"):
			c.Rights = uniqueNodes(append([]*Node{c.Breached}, c.Rights...))
		case c.Breached.Has("Provision"):
			c.Provisions = uniqueNodes(append([]*Node{c.Breached}, c.Provisions...))
		}
		claims = append(claims, c)
	}
	return groupViolations(claims, args.Right), nil
}

// groupViolations builds the right -> provision -> claims tree.
func groupViolations(claims []*ViolationClaim, onlyRight string) []*ViolationGroup {
	// Provisions each event claims, to pair a right claim with them.
	eventProvisions := map[string][]*Node{}
	for _, c := range claims {
		for _, p := range c.Provisions {
			eventProvisions[c.Event.ID] = uniqueNodes(append(eventProvisions[c.Event.ID], p))
		}
	}
	// Rights a provision protects, as far as the claims tell.
	provisionRights := map[string]map[string]bool{}
	for _, c := range claims {
		if c.Breached.Has("Provision") {
			m := provisionRights[c.Breached.ID]
			if m == nil {
				m = map[string]bool{}
				provisionRights[c.Breached.ID] = m
			}
			for _, r := range c.Rights {
				m[r.ID] = true
			}
		}
	}
	type key struct{ right, provision string }
	groups := map[string]*ViolationGroup{}
	cells := map[key]*ProvisionViolations{}
	seen := map[key]map[*ViolationClaim]bool{}
	add := func(right, prov *Node, c *ViolationClaim) {
		rid, pid := "", ""
		if right != nil {
			rid = right.ID
		}
		if prov != nil {
			pid = prov.ID
		}
		if onlyRight != "" && rid != onlyRight {
			return
		}
		g := groups[rid]
		if g == nil {
			g = &ViolationGroup{Right: right}
			groups[rid] = g
		}
		k := key{rid, pid}
		cell := cells[k]
		if cell == nil {
			cell = &ProvisionViolations{Provision: prov}
			cells[k] = cell
			seen[k] = map[*ViolationClaim]bool{}
			g.Provisions = append(g.Provisions, cell)
		}
		if !seen[k][c] {
			seen[k][c] = true
			cell.Claims = append(cell.Claims, c)
		}
	}
	for _, c := range claims {
		rights := c.Rights
		if len(rights) == 0 {
			rights = []*Node{nil}
		}
		for _, r := range rights {
			provs := c.Provisions
			if c.Breached.Has("Right") {
				// Pair with the event's provisions that protect this right.
				provs = nil
				for _, p := range eventProvisions[c.Event.ID] {
					if provisionRights[p.ID][r.ID] {
						provs = append(provs, p)
					}
				}
			}
			if len(provs) == 0 {
				add(r, nil, c)
			}
			for _, p := range provs {
				add(r, p, c)
			}
		}
	}
	out := make([]*ViolationGroup, 0, len(groups))
	for _, g := range groups {
		sort.SliceStable(g.Provisions, func(i, j int) bool {
			a, b := g.Provisions[i].Provision, g.Provisions[j].Provision
			if a == nil || b == nil {
				return b == nil && a != nil
			}
			return provisionLess(a, b)
		})
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Right, out[j].Right
		if a == nil || b == nil {
			return b == nil && a != nil
		}
		return a.ID < b.ID
	})
	return out
}

func uniqueNodes(ns []*Node) []*Node {
	seen := map[string]bool{}
	out := ns[:0:0]
	for _, n := range ns {
		if n != nil && !seen[n.ID] {
			seen[n.ID] = true
			out = append(out, n)
		}
	}
	return out
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
