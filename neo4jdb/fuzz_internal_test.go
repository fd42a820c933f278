package neo4jdb

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// The fuzz targets of the API's input compilers: the full-text query
// builder, the filter compiler and the list cursors. They check properties
// that make any input safe to send: the search query is a well-formed
// Lucene query within Lucene's limits, a filter becomes parameterised Cypher
// or an invalid/limit error, and a cursor decodes or is refused.

// luceneShape is the only shape LuceneQuery may produce: groups of
// alternatives of one escaped word each, joined by AND/OR.
var luceneTerm = regexp.MustCompile(`^(?:\\.|[^\s\\+\-&|!(){}\[\]^"~*?:/])+(?:\^2|\*|~1)$`)

func checkLucene(t *testing.T, text, q string) {
	t.Helper()
	if !utf8.ValidString(q) {
		t.Fatalf("LuceneQuery(%q) is not UTF-8: %q", text, q)
	}
	depth := 0
	for _, r := range q {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		}
		if depth < 0 {
			t.Fatalf("LuceneQuery(%q) = %q: unbalanced parentheses", text, q)
		}
	}
	if depth != 0 {
		t.Fatalf("LuceneQuery(%q) = %q: unbalanced parentheses", text, q)
	}
	terms := 0
	words := map[string]bool{}
	for _, tok := range strings.Fields(strings.NewReplacer("(", " ", ")^4", " ", ")", " ").Replace(q)) {
		if tok == "OR" || tok == "AND" {
			continue
		}
		if !luceneTerm.MatchString(tok) {
			t.Fatalf("LuceneQuery(%q) = %q: %q is not an escaped term", text, q, tok)
		}
		w := strings.TrimRight(tok, "^2*~1")
		if n := utf8.RuneCountInString(strings.ReplaceAll(w, `\`, "")); n > MaxSearchTermRunes {
			t.Fatalf("LuceneQuery(%q): term %q has %d runes, over %d", text, w, n, MaxSearchTermRunes)
		}
		if strings.HasSuffix(tok, "~1") && utf8.RuneCountInString(w) > maxFuzzyRunes {
			t.Fatalf("LuceneQuery(%q): fuzzy term %q is too long", text, w)
		}
		words[w] = true
		terms++
	}
	if len(words) > MaxSearchTerms {
		t.Fatalf("LuceneQuery(%q) has %d distinct words, over %d", text, len(words), MaxSearchTerms)
	}
	// Lucene's default limit is 1024 clauses.
	if terms > 1024 {
		t.Fatalf("LuceneQuery(%q) has %d clauses", text, terms)
	}
}

func FuzzLuceneQuery(f *testing.F) {
	for _, s := range []string{
		"Belgium", "court of appeal", `a:b* OR (x) "NOT" AND~`, "l'État belge", "Général",
		strings.Repeat("word ", 300), strings.Repeat("x", 50000), "\\", "*?~^", "AND OR NOT",
		"日本 国", "ǅemal", "İstanbul", "\u0301\u0301", "a\x00b", "\xff\xfe",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkLucene(t, text, LuceneQuery(text))
	})
}

// filterProps are the property names a filter may name in Cypher.
func filterProps() map[string]bool {
	m := map[string]bool{}
	for _, k := range ListKinds {
		for _, f := range k.Fields {
			m[f.Prop] = true
			if f.Folded != "" {
				m[f.Folded] = true
			}
		}
	}
	return m
}

var (
	cypherParam = regexp.MustCompile(`\$f[0-9]+`)
	cypherProp  = regexp.MustCompile("`([^`]*)`")
)

func FuzzCompileFilter(f *testing.F) {
	kinds := make([]string, 0, len(ListKinds))
	for k := range ListKinds {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, s := range []string{
		`{"name": {"eq": "Belgium"}}`,
		`{"OR": [{"iso3": {"in": ["BEL", "FRA"]}}, {"NOT": {"id": {"eq": "state:FRA"}}}]}`,
		`{"name": {"contains": "x' OR 1=1 //", "startsWith": "` + "`" + `"}}`,
		`{"AND": [{"AND": [{"AND": [{"AND": [{"AND": [{"AND": [{"AND": [{"AND": [{"AND": [{"name": {"eq": "x"}}]}]}]}]}]}]}]}]}]}`,
		`{"date": {"from": "2023", "to": "2024"}, "count": {"gt": 3}}`,
		`{"name` + "`" + `) RETURN 1 //": {"eq": 1}}`,
		`{"name": {"isNull": true}, "court": {"eq": true}}`,
	} {
		for i := range kinds {
			f.Add(i, s)
		}
	}
	props := filterProps()
	f.Fuzz(func(t *testing.T, kind int, js string) {
		if kind < 0 || kind >= len(kinds) {
			return
		}
		var filter map[string]any
		if json.Unmarshal([]byte(js), &filter) != nil {
			return
		}
		where, params, err := CompileFilter(ListKinds[kinds[kind]], filter)
		if err != nil {
			if c := rightsgraph.ErrorCode(err); c != rightsgraph.EINVALID && c != rightsgraph.ELIMIT {
				t.Fatalf("filter %s: error %v with code %s, want invalid or limit", js, err, c)
			}
			return
		}
		// Every backquoted name is a whitelisted property or label, every
		// value is a parameter, and nothing else from the input is inlined.
		for _, m := range cypherProp.FindAllStringSubmatch(where, -1) {
			if !props[m[1]] {
				t.Fatalf("filter %s: Cypher names %q, not a whitelisted property: %s", js, m[1], where)
			}
		}
		rest := cypherProp.ReplaceAllString(cypherParam.ReplaceAllString(where, ""), "")
		if strings.ContainsAny(rest, `'"\;/`) {
			t.Fatalf("filter %s: Cypher has inlined text: %s", js, where)
		}
		for _, p := range cypherParam.FindAllString(where, -1) {
			if _, ok := params[p[1:]]; !ok {
				t.Fatalf("filter %s: %s has no value", js, p)
			}
		}
	})
}

func FuzzCursor(f *testing.F) {
	k := ListKinds["events"]
	c, err := k.compile(ListQuery{Kind: k})
	if err != nil {
		f.Fatal(err)
	}
	good := encodeCursor(cursor{Sig: c.sig, Keys: []any{"2023-01-01", "event:x"}})
	for _, s := range []string{good, "", "e30", "!!!", encodeOffset(3), "c2VhcmNoOi0x", good + "A"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		vals, err := c.decodeCursor(s)
		if err != nil {
			if rightsgraph.ErrorCode(err) != rightsgraph.EINVALID {
				t.Fatalf("decodeCursor(%q): %v, want an invalid error", s, err)
			}
		} else {
			if len(vals) != len(c.sorts) {
				t.Fatalf("decodeCursor(%q) = %v: %d keys for %d sorts", s, vals, len(vals), len(c.sorts))
			}
			// The keyset predicate is the same Cypher whatever the cursor
			// holds: its values are parameters.
			if pred, want := c.keyset(vals, true, "a"), c.keyset(make([]any, len(vals)), true, "a"); pred != want {
				t.Fatalf("decodeCursor(%q): keyset depends on the cursor: %s", s, pred)
			}
		}
		if n, err := decodeOffset(s); err == nil && n < 0 {
			t.Fatalf("decodeOffset(%q) = %d", s, n)
		} else if err != nil && rightsgraph.ErrorCode(err) != rightsgraph.EINVALID {
			t.Fatalf("decodeOffset(%q): %v", s, err)
		}
	})
}
