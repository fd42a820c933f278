package server_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
	"github.com/rightsgraph/rightsgraph/server"
)

func listIDs(d map[string]any, field string) []string {
	var out []string
	for _, e := range at(d, field, "edges").([]any) {
		out = append(out, at(e, "node", "id").(string))
	}
	return out
}

func TestListsAndSearch(t *testing.T) {
	db := neo4jtest.Open(t)
	seed(t, db)
	seedScale(t, db, 7, 3, 1) // states S1..S7 with 3 arrests each, plus one group
	ts, counter := newServer(t, db, server.DefaultConfig())

	t.Run("filters compile to the right rows", func(t *testing.T) {
		cases := []struct {
			q    string
			want string
		}{
			{`states(filter: {iso3: {eq: "BEL"}})`, "[state:BEL]"},
			{`states(filter: {iso3: {in: ["FRA", "BEL"]}})`, "[state:BEL state:FRA]"},
			{`states(filter: {name: {contains: "ELGI"}})`, "[state:BEL]"},
			{`states(filter: {name: {startsWith: "fr"}})`, "[state:FRA]"},
			{`states(filter: {OR: [{iso3: {eq: "FRA"}}, {id: {eq: "state:BEL"}}]})`, "[state:BEL state:FRA]"},
			{`states(filter: {NOT: {name: {startsWith: "Scale"}}})`, "[state:BEL state:FRA]"},
			{`states(filter: {AND: [{name: {startsWith: "Scale"}}, {iso3: {in: ["S1", "S2"]}}]})`, "[state:S1 state:S2]"},
			{`states(filter: {iso2: {isNull: false}})`, "[state:BEL state:FRA]"},
			{`institutions(filter: {court: {eq: true}})`, "[institution:be-brussels-court-of-appeal]"},
			{`institutions(filter: {court: {eq: false}})`, "[institution:commissioner-general institution:surete-de-l-etat]"},
			{`events(filter: {type: {eq: RULING}})`, "[event:ruling-2023]"},
			{`events(filter: {date: {from: "2023-05", to: "2023-09"}, type: {in: [REPORT, RULING]}})`, "[event:amnesty-report event:ruling-2023]"},
			{`events(filter: {count: {gte: 40}})`, "[event:detention-brussels]"},
			{`events(filter: {outcome: {isNull: false}})`, "[event:ruling-2023]"},
			{`instruments(filter: {binding: {eq: true}, adopted: {to: "1950"}})`, "[instrument:echr]"},
			{`provisions(filter: {instrument: {eq: "instrument:echr"}})`, "[provision:echr-art-3]"},
			{`documents(filter: {publisher: {contains: "amnesty"}})`, "[" + docAmnesty + "]"},
			{`groups(filter: {name: {eq: "asylum seekers"}})`, "[group:asylum-seekers]"},
		}
		for _, c := range cases {
			field := c.q[:strings.Index(c.q, "(")]
			d := okData(t, query(t, ts, `{ `+c.q+` { totalCount edges { node { id } } } }`, nil))
			got := listIDs(d, field)
			sortStrings(got)
			if fmt.Sprint(got) != c.want {
				t.Errorf("%s: got %v, want %s", c.q, got, c.want)
			}
			if tc := at(d, field, "totalCount"); tc != float64(len(got)) {
				t.Errorf("%s: totalCount %v, rows %d", c.q, tc, len(got))
			}
		}
	})

	t.Run("invalid filters and cursors are INVALID errors", func(t *testing.T) {
		for _, q := range []string{
			`{ states(after: "not-a-cursor") { totalCount } }`,
			`{ states(first: 1, last: 1) { totalCount } }`,
			`{ search(text: "  ") { edges { score } } }`,
		} {
			r := query(t, ts, q, nil)
			if len(r.Errors) == 0 || r.code(0) != "INVALID" {
				t.Errorf("%s: %s", q, r.Raw)
			}
		}
		// A cursor from another order is refused.
		d := okData(t, query(t, ts, `{ states(first: 1) { pageInfo { endCursor } } }`, nil))
		cur := at(d, "states", "pageInfo", "endCursor")
		r := query(t, ts, `query($c: String) { states(first: 1, after: $c, orderBy: [{field: ISO3}]) { totalCount } }`, map[string]any{"c": cur})
		if r.code(0) != "INVALID" || !strings.Contains(r.Errors[0].Message, "cursor") {
			t.Errorf("foreign cursor: %s", r.Raw)
		}
	})

	t.Run("keyset pagination forwards and backwards, multi-key order", func(t *testing.T) {
		// 9 states; order by name DESC then id: walk forward 2 at a time,
		// then backward from the end, and compare with one big page.
		all := listIDs(okData(t, query(t, ts, `{ states(first: 100, orderBy: [{field: NAME, direction: DESC}]) { edges { node { id } } } }`, nil)), "states")
		if len(all) != 9 || all[0] != "state:S7" || all[len(all)-1] != "state:BEL" {
			t.Fatalf("all = %v", all)
		}
		q := `query($first: Int, $after: String, $last: Int, $before: String) {
			states(first: $first, after: $after, last: $last, before: $before, orderBy: [{field: NAME, direction: DESC}]) {
				edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`
		var fwd []string
		vars := map[string]any{"first": 2}
		for pages := 0; ; pages++ {
			if pages > 10 {
				t.Fatal("forward pagination does not end")
			}
			d := okData(t, query(t, ts, q, vars))
			fwd = append(fwd, listIDs(d, "states")...)
			if at(d, "states", "pageInfo", "hasNextPage") != true {
				break
			}
			vars = map[string]any{"first": 2, "after": at(d, "states", "pageInfo", "endCursor")}
		}
		if fmt.Sprint(fwd) != fmt.Sprint(all) {
			t.Errorf("forward = %v, want %v", fwd, all)
		}
		var bwd []string
		vars = map[string]any{"last": 2}
		for pages := 0; ; pages++ {
			if pages > 10 {
				t.Fatal("backward pagination does not end")
			}
			d := okData(t, query(t, ts, q, vars))
			bwd = append(listIDs(d, "states"), bwd...)
			if at(d, "states", "pageInfo", "hasPreviousPage") != true {
				break
			}
			vars = map[string]any{"last": 2, "before": at(d, "states", "pageInfo", "startCursor")}
		}
		if fmt.Sprint(bwd) != fmt.Sprint(all) {
			t.Errorf("backward = %v, want %v", bwd, all)
		}
		// Events by date (many share one) with the id tie-break: no row lost or repeated.
		allEv := listIDs(okData(t, query(t, ts, `{ events(first: 100, orderBy: [{field: DATE}]) { edges { node { id } } } }`, nil)), "events")
		var evs []string
		var after any
		for i := 0; i < 30; i++ {
			d := okData(t, query(t, ts, `query($a: String) { events(first: 4, after: $a, orderBy: [{field: DATE}]) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`, map[string]any{"a": after}))
			evs = append(evs, listIDs(d, "events")...)
			if at(d, "events", "pageInfo", "hasNextPage") != true {
				break
			}
			after = at(d, "events", "pageInfo", "endCursor")
		}
		if len(allEv) != 24 || fmt.Sprint(evs) != fmt.Sprint(allEv) {
			t.Errorf("events paged = %v\nwant %v", evs, allEv)
		}
	})

	t.Run("totalCount runs a count only when selected", func(t *testing.T) {
		counter.reset()
		okData(t, query(t, ts, `{ states(first: 2) { edges { node { id } } } }`, nil))
		if names := counter.reset(); fmt.Sprint(names) != "[list:states]" {
			t.Errorf("without totalCount: %v", names)
		}
		d := okData(t, query(t, ts, `{ states(first: 2) { totalCount } }`, nil))
		if names := counter.reset(); fmt.Sprint(names) != "[list:states count:states]" {
			t.Errorf("with totalCount: %v", names)
		}
		if at(d, "states", "totalCount") != float64(9) {
			t.Errorf("totalCount = %v", d)
		}
	})

	t.Run("search: aliases, prefixes, typos, kinds, ranking", func(t *testing.T) {
		cases := []struct {
			text, kinds, want string
		}{
			{"Belgique", "", "state:BEL"},
			{"belgi", "", "state:BEL"},
			{"Belgum", "", "state:BEL"},
			{"amnesty", "", "organization:amnesty-international"},
			{"CGRS", "", "institution:commissioner-general"},
			{"asylum seekers", "[GROUP]", "group:asylum-seekers"},
			{"court of appeal brussels", "", "institution:be-brussels-court-of-appeal"},
			{"Bruxelles", "[PLACE]", "place:brussels"},
		}
		for _, c := range cases {
			q := `{ search(text: ` + fmt.Sprintf("%q", c.text)
			if c.kinds != "" {
				q += `, kinds: ` + c.kinds
			}
			q += `) { edges { score node { id kind } } } }`
			d := okData(t, query(t, ts, q, nil))
			if got := at(d, "search", "edges", 0, "node", "id"); got != c.want {
				t.Errorf("search %q %s: first hit %v, want %s (%v)", c.text, c.kinds, got, c.want, d)
			}
		}
		d := okData(t, query(t, ts, `{ search(text: "scale state", kinds: [STATE], first: 3) { edges { cursor score node { id } } pageInfo { hasNextPage endCursor } } }`, nil))
		edges := at(d, "search", "edges").([]any)
		if len(edges) != 3 || at(d, "search", "pageInfo", "hasNextPage") != true {
			t.Fatalf("search page = %v", d)
		}
		for i := 1; i < len(edges); i++ {
			if at(edges[i], "score").(float64) > at(edges[i-1], "score").(float64) {
				t.Errorf("not ranked by score: %v", edges)
			}
		}
		d2 := okData(t, query(t, ts, `query($a: String) { search(text: "scale state", kinds: [STATE], first: 3, after: $a) { edges { node { id } } } }`, map[string]any{"a": at(d, "search", "pageInfo", "endCursor")}))
		if id := at(d2, "search", "edges", 0, "node", "id"); id == nil || id == at(edges[2], "node", "id") {
			t.Errorf("second search page starts with %v", id)
		}
	})

	t.Run("search folds accents", func(t *testing.T) {
		if n := neo4jtest.Count(t, db, `SHOW FULLTEXT INDEXES YIELD name, options WHERE name = $name AND options.indexConfig['fulltext.analyzer'] = 'standard-folding' RETURN count(*)`,
			map[string]any{"name": neo4jdb.FulltextIndex}); n != 1 {
			t.Fatalf("full-text index %s with the standard-folding analyzer: found %d", neo4jdb.FulltextIndex, n)
		}
		d := okData(t, query(t, ts, `{ search(text: "surete de l'etat") { edges { node { id } } } }`, nil))
		if got := at(d, "search", "edges", 0, "node", "id"); got != "institution:surete-de-l-etat" {
			t.Errorf("accent-folded search: first hit %v", got)
		}
	})
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
