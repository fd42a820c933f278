package server_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"strings"
	"testing"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/loader"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
	"github.com/rightsgraph/rightsgraph/server"
)

// A confidential witness statement (testdata/access/witness, whose sidecar
// puts it in the collection "witness" at sensitivity confidential) is
// loaded next to the public example corpus. For every root field of the
// schema and every export format, an anonymous caller and a reader of the
// public collection see nothing of it (no name, quote or id of the
// statement, and counts without it), while a reader of the collection sees
// it. A root field without a case here fails the test.

const witnessFile = "../testdata/access/witness/2024-05-witness-statement-antwerp.txt"

// Only the statement names these; the public corpus does not.
var witnessMarkers = []string{"Varkevisser", "Baldewijns", "courthouse", "ysolde", "corentin"}

type accessCase struct {
	query string
	// sees: the collection's reader must find a marker in the answer (false
	// for fields the statement adds nothing to; they are still checked for
	// leaks).
	sees bool
}

func accessCases(docID string) map[string]accessCase {
	ev := `mentions { quote document { id source } }`
	return map[string]accessCase{
		"node":          {`{ node(id: "person:ysolde-varkevisser") { id ... on Person { name ` + ev + ` } } doc: node(id: "` + docID + `") { id } }`, true},
		"nodes":         {`{ nodes(ids: ["person:corentin-baldewijns", "state:BEL"]) { id } }`, true},
		"stats":         {`{ stats { nodes relationships byLabel { label count } } }`, false},
		"search":        {`{ a: search(text: "Varkevisser") { edges { node { id name } score } } b: search(text: "Belgium", documents: ["` + docID + `"]) { edges { node { id } } } }`, true},
		"states":        {`{ states(first: 100) { totalCount nodes { id name mentions(first: 5) { quote document { id } } } } }`, false},
		"institutions":  {`{ institutions(first: 100) { totalCount nodes { id name } } }`, false},
		"organizations": {`{ organizations(first: 100) { totalCount nodes { id name } } }`, false},
		"persons":       {`{ persons(first: 100) { totalCount nodes { id name } } }`, true},
		"groups":        {`{ groups(first: 100) { totalCount nodes { id name } } }`, false},
		"places":        {`{ places(first: 100) { totalCount nodes { id name ` + ev + ` } } }`, true},
		"instruments":   {`{ instruments(first: 100) { totalCount nodes { id name } } }`, false},
		"provisions":    {`{ provisions(first: 100, filter: {instrument: {eq: "instrument:echr"}}) { totalCount nodes { id name ` + ev + ` } } }`, true},
		"rights":        {`{ rights(first: 100) { totalCount nodes { id name } } }`, false},
		"events":        {`{ events(first: 100) { totalCount nodes { id type summary participants { actor { id name } } ` + ev + ` } } }`, true},
		"documents":     {`{ documents(first: 100) { totalCount nodes { id source title } } one: documents(filter: {id: {eq: "` + docID + `"}}) { totalCount } }`, true},
		"neighborhood": {`{ neighborhood(id: "person:ysolde-varkevisser") { nodes { id } } doc: neighborhood(id: "` + docID + `") { nodes { id } }
  ant: neighborhood(id: "instrument:echr", depth: 1, limitPerNode: 100) { nodes { id label } edges { source target evidence { quote document { id } } } } }`, true},
		"paths":           {`{ paths(from: "person:ysolde-varkevisser", to: "place:antwerp", maxHops: 3) { nodes { id } edges { evidence { quote } } } }`, true},
		"connections":     {`{ connections(ids: ["person:ysolde-varkevisser", "place:antwerp"], maxHops: 2) { nodes { id label } edges { evidence { quote } } } }`, true},
		"timeline":        {`{ timeline(actor: "person:ysolde-varkevisser") { event { id summary } } }`, true},
		"obligations":     {`{ obligations(state: "BEL") { instrument { id } obligations { obligation { id text } } } }`, false},
		"mergeCandidates": {`{ mergeCandidates(kind: PERSON, minScore: 0) { a { id name } b { id name } } }`, false},
		"notes":           {`{ notes(target: "person:ysolde-varkevisser") { text } }`, false},
		"violations":      {`{ violations(state: "BEL") { right { id } provisions { claims { event { id summary } evidence { quote } } } } }`, false},
	}
}

// loadCorpus loads paths with the real loader and extractor, failing t on
// any failure; it returns the loader for reloads.
func loadCorpus(t *testing.T, db *neo4jdb.DB, paths ...string) *loader.Loader {
	t.Helper()
	x, err := loader.NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	l := &loader.Loader{DB: db, Extractor: x, Workers: 2}
	if sum, err := l.Load(context.Background(), paths); err != nil || sum.Failed != 0 {
		t.Fatalf("load: %v %+v", err, sum)
	}
	return l
}

// curatorAndReader serve the API as a curator and as a reader, both of
// every collection up to confidential.
func curatorAndReader(t *testing.T, db *neo4jdb.DB) (cur, reader *httptest.Server) {
	t.Helper()
	cur = serveAs(t, db, rightsgraph.Principal{ID: "curator-1", Role: rightsgraph.RoleCurator, Collections: []string{rightsgraph.AllCollections}, MaxSensitivity: rightsgraph.Confidential})
	reader = serveAs(t, db, rightsgraph.Principal{ID: "reader-1", Role: rightsgraph.RoleReader, Collections: []string{rightsgraph.AllCollections}, MaxSensitivity: rightsgraph.Confidential})
	return cur, reader
}

// serveAs serves the API with every request made by p.
func serveAs(t *testing.T, db *neo4jdb.DB, p rightsgraph.Principal) *httptest.Server {
	t.Helper()
	cfg := server.DefaultConfig()
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	s := server.New(cfg, db)
	h := s.Handler()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r.WithContext(rightsgraph.WithPrincipal(r.Context(), p)))
	}))
	t.Cleanup(ts.Close)
	return ts
}

func TestAccessControlEveryRootField(t *testing.T) {
	db := neo4jtest.Open(t)
	loadCorpus(t, db, "../reference", "../examples/corpus", "../testdata/access")
	raw, err := os.ReadFile(witnessFile)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.Sum256(raw)
	docID := hex.EncodeToString(h[:])
	if n := neo4jtest.Count(t, db, `MATCH (d:Document {id: $id, collection: 'witness', sensitivity: 'confidential', restricted: true}) RETURN count(d)`, map[string]any{"id": docID}); n != 1 {
		t.Fatalf("the statement was not loaded as confidential in the witness collection (%d)", n)
	}

	anon := serveAs(t, db, rightsgraph.AnonymousPrincipal())
	public := serveAs(t, db, rightsgraph.Principal{ID: "k1", Role: rightsgraph.RoleReader, Collections: []string{"public"}, MaxSensitivity: rightsgraph.Confidential})
	restricted := serveAs(t, db, rightsgraph.Principal{ID: "k2", Role: rightsgraph.RoleReader, Collections: []string{"public", "witness"}, MaxSensitivity: rightsgraph.Restricted})
	witness := serveAs(t, db, rightsgraph.Principal{ID: "k3", Role: rightsgraph.RoleReader, Collections: []string{"public", "witness"}, MaxSensitivity: rightsgraph.Confidential})

	// Every root field has a case.
	intro := okData(t, query(t, anon, `{ __schema { queryType { fields { name } } } }`, nil))
	cases := accessCases(docID)
	var roots []string
	for _, f := range at(intro, "__schema", "queryType", "fields").([]any) {
		name := f.(map[string]any)["name"].(string)
		roots = append(roots, name)
		if _, ok := cases[name]; !ok {
			t.Errorf("root field %s has no access case: add one to accessCases", name)
		}
	}
	sort.Strings(roots)

	for _, name := range roots {
		c, ok := cases[name]
		if !ok {
			continue
		}
		t.Run(name, func(t *testing.T) {
			for who, ts := range map[string]*httptest.Server{"anonymous": anon, "public-collection key": public, "witness key below confidential": restricted} {
				res := query(t, ts, c.query, nil)
				for i := range res.Errors {
					if code := res.code(i); code != "NOT_FOUND" {
						t.Errorf("%s: error %s: %s", who, code, res.Raw)
					}
				}
				if m := leak(res, c.query, docID); m != "" {
					t.Errorf("%s sees %q of the confidential statement: %s", who, m, clip(string(res.Raw)))
				}
			}
			res := query(t, witness, c.query, nil)
			if len(res.Errors) > 0 {
				t.Fatalf("witness key: %s", res.Raw)
			}
			if c.sees {
				found := false
				for _, m := range append(witnessMarkers, docID) {
					found = found || strings.Contains(strings.ToLower(string(res.Raw)), strings.ToLower(m))
				}
				if !found {
					t.Errorf("the witness key does not see the statement: %s", clip(string(res.Raw)))
				}
			}
		})
	}

	// Curator-only answers follow the same rule: a curator of the public
	// collection is proposed no pair with the statement's people.
	pubCurator := serveAs(t, db, rightsgraph.Principal{ID: "c1", Role: rightsgraph.RoleCurator, Collections: []string{"public"}, MaxSensitivity: rightsgraph.Confidential})
	const candQ = `{ mergeCandidates(kind: PERSON, minScore: 0, first: 100) { a { id name } b { id name } } }`
	if r := query(t, pubCurator, candQ, nil); leak(r, candQ, docID) != "" || len(r.Errors) > 0 {
		t.Errorf("merge candidates of a public curator show the statement: %s", clip(string(r.Raw)))
	}

	// Counts agree with what each caller sees.
	counts := func(ts *httptest.Server) (persons, docs, nodes float64) {
		d := okData(t, query(t, ts, `{ persons { totalCount } documents { totalCount } stats { nodes } }`, nil))
		return at(d, "persons", "totalCount").(float64), at(d, "documents", "totalCount").(float64), at(d, "stats", "nodes").(float64)
	}
	ap, ad, an := counts(anon)
	wp, wd, wn := counts(witness)
	if wp != ap+2 || wd != ad+1 || wn <= an {
		t.Errorf("counts: anonymous persons %v documents %v nodes %v; witness key %v %v %v (want 2 persons, 1 document and some nodes more)", ap, ad, an, wp, wd, wn)
	}
	lp, ld, ln := counts(serveAs(t, db, rightsgraph.Unrestricted()))
	if lp != wp || ld != wd || ln != wn {
		t.Errorf("unrestricted counts %v %v %v differ from the witness key's %v %v %v", lp, ld, ln, wp, wd, wn)
	}

	// Evidence from the statement on a public fact is cut, the fact kept.
	const echr = `{ node(id: "provision:echr:art-5") { id ... on Provision { mentions(first: 100) { document { id } } } } }`
	if r := query(t, anon, echr, nil); strings.Contains(string(r.Raw), docID) || at(okData(t, r), "node", "id") != "provision:echr:art-5" {
		t.Errorf("anonymous: Article 5 (public) missing or with the statement's evidence: %s", clip(string(r.Raw)))
	}
	if r := query(t, witness, echr, nil); !strings.Contains(string(r.Raw), docID) {
		t.Errorf("witness key: Article 5 without the statement's mention: %s", clip(string(r.Raw)))
	}

	// Exports and reports.
	for _, path := range []string{
		"/export?format=graphml&seed=instrument:echr&depth=2&limitPerNode=100",
		"/export?format=gexf&seed=instrument:echr&depth=2&limitPerNode=100",
		"/export?format=csv&seed=instrument:echr&depth=2&limitPerNode=100",
		"/export?format=ftm&seed=instrument:echr&depth=2&limitPerNode=100",
		"/export?format=graphml&seed=person:ysolde-varkevisser",
		"/export?format=ftm&ids=person:ysolde-varkevisser,place:antwerp,provision:echr:art-5",
		"/export?format=graphml&seed=" + docID + "&includeDocuments=true",
		"/export?report=obligations&state=BEL",
		"/export?report=violations&state=BEL",
	} {
		for who, ts := range map[string]*httptest.Server{"anonymous": anon, "public-collection key": public} {
			status, body := get(t, ts, path)
			for _, m := range append(witnessMarkers, docID) {
				// A refusal may repeat the id asked for, nothing else.
				echo := status != http.StatusOK && strings.Contains(strings.ToLower(path), strings.ToLower(m))
				if !echo && strings.Contains(strings.ToLower(body), strings.ToLower(m)) {
					t.Errorf("%s: %s (%d) shows %q of the statement", who, path, status, m)
				}
			}
		}
	}
	if _, body := get(t, witness, "/export?format=ftm&ids=person:ysolde-varkevisser,place:antwerp"); !strings.Contains(body, "Varkevisser") {
		t.Errorf("witness key: the export lacks the statement's person: %s", clip(body))
	}
}

func get(t *testing.T, ts *httptest.Server, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// leak returns a marker of the statement found in the answer's data, or in
// its errors when the query did not name it itself ("" when none).
func leak(res *gqlResponse, query, docID string) string {
	data, _ := json.Marshal(res.Data)
	var msgs strings.Builder
	for _, e := range res.Errors {
		msgs.WriteString(e.Message + "\n")
	}
	for _, m := range append(witnessMarkers, docID) {
		lm := strings.ToLower(m)
		if strings.Contains(strings.ToLower(string(data)), lm) {
			return m
		}
		if strings.Contains(strings.ToLower(msgs.String()), lm) && !strings.Contains(strings.ToLower(query), lm) {
			return m
		}
	}
	return ""
}

func clip(s string) string {
	if len(s) > 600 {
		return s[:600] + "…"
	}
	return s
}
