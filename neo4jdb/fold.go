package neo4jdb

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"golang.org/x/text/unicode/norm"
)

// Folded names. Every :Entity with a name also stores nameFolded: the name
// lowercased with its accents removed, folded the way the full-text index's
// standard-folding analyzer (Lucene's LowerCaseFilter and ASCIIFoldingFilter)
// folds it, so "Prévot", "PREVOT" and "prevot" are one value. The lists'
// case- and accent-insensitive name filters (startsWith, contains) compare
// it with the folded filter value through a TEXT index per label (migration
// 004), where toLower(n.name) read every node of the label.

// FoldedProp is the property that holds an entity's folded name.
const FoldedProp = "nameFolded"

// maxFoldedBytes caps the folded value (a long event summary or obligation
// text): index entries have a size limit, and no filter needs more.
const maxFoldedBytes = 4096

// foldSpecial are letters that have no decomposition but that
// ASCIIFoldingFilter folds all the same.
var foldSpecial = map[rune]string{
	'ø': "o", 'æ': "ae", 'œ': "oe", 'ß': "ss", 'ł': "l", 'đ': "d", 'ð': "d", 'þ': "th",
	'ı': "i", 'ħ': "h", 'ŀ': "l", 'ŧ': "t", 'ŋ': "n", 'ĸ': "q", 'ſ': "s",
}

// FoldName lowercases s, decomposes it (NFKD: "é" is "e" and an accent,
// "ﬁ" is "fi"), drops the combining marks and folds the letters that do not
// decompose (ø, æ, œ, ß, ł, đ, ...), cut to 4,096 bytes at a rune boundary.
func FoldName(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFKD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		r = unicode.ToLower(r)
		if f, ok := foldSpecial[r]; ok {
			b.WriteString(f)
		} else {
			b.WriteRune(r)
		}
		if b.Len() >= maxFoldedBytes {
			break
		}
	}
	out := b.String()
	for len(out) > maxFoldedBytes {
		_, n := utf8.DecodeLastRuneInString(out)
		out = out[:len(out)-n]
	}
	return out
}

// Backfill of nodes written before nameFolded existed (or by anything other
// than the writer): Cypher has no accent folding, so the values are computed
// here, in batches that are each one transaction.
const (
	unfoldedCypher = `MATCH (n:Entity) WHERE n.name IS NOT NULL AND n.nameFolded IS NULL
RETURN elementId(n) AS eid, n.name AS name LIMIT $limit`
	setFoldedCypher = `UNWIND $rows AS r MATCH (n) WHERE elementId(n) = r.eid SET n.nameFolded = r.folded`
	foldBatch       = 5000
)

// backfillFolded sets nameFolded on every :Entity that has a name and no
// folded name; it returns how many it set.
func (db *DB) backfillFolded(ctx context.Context) (int, error) {
	total := 0
	for {
		res, err := neo4j.ExecuteQuery(ctx, db.driver, unfoldedCypher, map[string]any{"limit": int64(foldBatch)},
			neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db.database), neo4j.ExecuteQueryWithWritersRouting(),
			neo4j.ExecuteQueryWithBookmarkManager(db.bookmarks))
		if err != nil {
			return total, fmt.Errorf("neo4j: backfill %s: %w", FoldedProp, Translate(err))
		}
		if len(res.Records) == 0 {
			return total, nil
		}
		rows := make([]map[string]any, 0, len(res.Records))
		for _, rec := range res.Records {
			name, _ := rec.Values[1].(string)
			rows = append(rows, map[string]any{"eid": rec.Values[0], "folded": FoldName(name)})
		}
		if _, err := neo4j.ExecuteQuery(ctx, db.driver, setFoldedCypher, map[string]any{"rows": rows},
			neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db.database), neo4j.ExecuteQueryWithWritersRouting(),
			neo4j.ExecuteQueryWithBookmarkManager(db.bookmarks)); err != nil {
			return total, fmt.Errorf("neo4j: backfill %s: %w", FoldedProp, Translate(err))
		}
		total += len(rows)
		if len(rows) < foldBatch {
			return total, nil
		}
	}
}
