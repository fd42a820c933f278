package neo4jdb

import (
	"context"
	"encoding/base64"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Search over the entitySearch full-text index (name and aliases of every
// :Entity). The index folds case and accents (analyzer standard-folding);
// wildcard and fuzzy terms bypass the analyzer in Lucene, so the query is
// folded here the same way before it is built.

// searchCypher ranks by score with the id as a stable tie-break. Kinds
// filter on labels after the index lookup.
var searchCypher = register(ReadQuery{
	Name: "search",
	Cypher: `CALL db.index.fulltext.queryNodes($index, $query) YIELD node, score
WHERE ($labels IS NULL OR any(l IN labels(node) WHERE l IN $labels))
  AND ($docs IS NULL OR EXISTS { (node)-[:MENTIONED_IN]->(d:Document) WHERE d.id IN $docs AND ` + canReadDoc("d") + ` })
  AND ` + canReadNode("node") + `
RETURN node, score ORDER BY score DESC, node.id ASC SKIP $skip LIMIT $limit`,
	Params: map[string]any{"index": FulltextIndex, "query": "belgium* OR belgium~1", "labels": nil, "skip": int64(0), "limit": int64(21), "docs": nil},
})

// SearchHit is one search result.
type SearchHit struct {
	Node   *Node
	Score  float64
	Cursor string
}

// SearchResult is one page of search hits.
type SearchResult struct {
	Hits     []SearchHit
	PageInfo PageInfo
}

// searchStopwords are left out of queries: they carry no meaning in names
// ("Court of Appeal") and would match every name as a prefix.
var searchStopwords = map[string]bool{
	"a": true, "an": true, "and": true, "at": true, "for": true, "in": true, "of": true,
	"on": true, "the": true, "to": true, "de": true, "des": true, "du": true, "la": true,
	"le": true, "les": true, "et": true, "van": true, "der": true, "het": true,
}

// Fold lowercases s and removes diacritics ("Général" -> "general").
func Fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// luceneSpecial are the characters the Lucene query parser treats as syntax.
const luceneSpecial = `+-&|!(){}[]^"~*?:\/`

// escapeLucene backslash-escapes Lucene syntax in one term.
func escapeLucene(term string) string {
	var b strings.Builder
	for _, r := range term {
		if strings.ContainsRune(luceneSpecial, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Bounds on the full-text query built from user text: Lucene refuses more
// than 1024 clauses (each word makes up to six) and builds an automaton per
// prefix or fuzzy term that grows with its length.
const (
	// MaxSearchTerms is how many words of the text are searched; later words are ignored.
	MaxSearchTerms = 12
	// MaxSearchTermRunes is how long a searched word may be; longer words are cut.
	MaxSearchTermRunes = 40
	// maxFuzzyRunes: longer words match exactly or as a prefix, not within an edit.
	maxFuzzyRunes = 20
)

// LuceneQuery builds the full-text query for user text: each word matches
// exactly, as a prefix, or (for words of four letters or more) within one
// edit, and names matching every word rank above names matching some:
// "amnesty intl" -> "((amnesty^2 OR amnesty* OR amnesty~1) AND (intl^2 OR intl* OR intl~1))^4 OR ...".
// Any text gives a valid query: words are runs of letters and digits (every
// other character separates them), the first MaxSearchTerms distinct words
// count, each cut to MaxSearchTermRunes, and Lucene syntax is escaped.
// It returns "" when the text has no searchable word.
func LuceneQuery(text string) string {
	words := strings.FieldsFunc(Fold(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	seen := map[string]bool{}
	var clauses []string
	for _, w := range words {
		if len(clauses) == MaxSearchTerms {
			break
		}
		if searchStopwords[w] && len(words) > 1 {
			continue
		}
		if r := []rune(w); len(r) > MaxSearchTermRunes {
			w = string(r[:MaxSearchTermRunes])
		}
		if seen[w] {
			continue
		}
		seen[w] = true
		t := escapeLucene(w)
		alts := []string{t + "^2", t + "*"}
		if n := len([]rune(w)); n >= 4 && n <= maxFuzzyRunes {
			alts = append(alts, t+"~1")
		}
		clauses = append(clauses, "("+strings.Join(alts, " OR ")+")")
	}
	if len(clauses) <= 1 {
		return strings.Join(clauses, "")
	}
	// Names matching every word rank first; names matching some still come
	// (French elisions like "l'État" are one token, so a word can miss).
	return "(" + strings.Join(clauses, " AND ") + ")^4 OR " + strings.Join(clauses, " OR ")
}

// Search returns a page of entities whose names or aliases match text, best
// first. labels restricts the kinds (nil for all). Cursors are offsets: a
// ranking has no stable key to seek from.
func (db *DB) Search(ctx context.Context, text string, labels []string, first int, after *string) (*SearchResult, error) {
	return db.SearchIn(ctx, text, labels, nil, first, after)
}

// SearchIn is Search restricted to the entities mentioned in one of the
// documents docs (ids; nil or empty: all).
func (db *DB) SearchIn(ctx context.Context, text string, labels, docs []string, first int, after *string) (*SearchResult, error) {
	docIDs, err := DocumentIDs("documents", docs)
	if err != nil {
		return nil, err
	}
	query := LuceneQuery(text)
	if query == "" {
		return nil, invalid("search text has no words")
	}
	skip := 0
	if after != nil {
		n, err := decodeOffset(*after)
		if err != nil {
			return nil, err
		}
		skip = n + 1
	}
	var lbl any
	if labels != nil {
		lbl = labels
	}
	recs, err := db.read(ctx, "search", searchCypher, map[string]any{
		"index": FulltextIndex, "query": query, "labels": lbl,
		"skip": int64(skip), "limit": int64(first + 1), "docs": docIDs,
	})
	if err != nil {
		return nil, err
	}
	res := &SearchResult{}
	res.PageInfo.HasNextPage = len(recs) > first
	res.PageInfo.HasPreviousPage = skip > 0
	if len(recs) > first {
		recs = recs[:first]
	}
	for i, rec := range recs {
		score, _ := rec.Values[1].(float64)
		res.Hits = append(res.Hits, SearchHit{Node: toNode(rec.Values[0]), Score: score, Cursor: encodeOffset(skip + i)})
	}
	if len(res.Hits) > 0 {
		res.PageInfo.StartCursor = &res.Hits[0].Cursor
		res.PageInfo.EndCursor = &res.Hits[len(res.Hits)-1].Cursor
	}
	return res, nil
}

func encodeOffset(n int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("search:" + strconv.Itoa(n)))
}

func decodeOffset(s string) (int, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || !strings.HasPrefix(string(b), "search:") {
		return 0, invalid("invalid cursor")
	}
	n, err := strconv.Atoi(strings.TrimPrefix(string(b), "search:"))
	if err != nil || n < 0 {
		return 0, invalid("invalid cursor")
	}
	return n, nil
}
