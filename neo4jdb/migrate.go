package neo4jdb

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// FulltextIndex is the name of the full-text index over :Entity name and
// aliases (created by migrations/002_indexes.cypher). The API searches it with
// db.index.fulltext.queryNodes.
const FulltextIndex = "entitySearch"

//go:embed migrations/*.cypher
var migrationFS embed.FS

// Migration is one embedded migration file split into statements.
type Migration struct {
	Name       string   // file name, e.g. 001_constraints.cypher
	Statements []string // Cypher statements, comments removed
}

// Migrations returns the embedded migrations in the order Migrate applies them.
func Migrations() ([]Migration, error) {
	names, err := fs.Glob(migrationFS, "migrations/*.cypher")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	out := make([]Migration, 0, len(names))
	for _, n := range names {
		b, err := migrationFS.ReadFile(n)
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Name: strings.TrimPrefix(n, "migrations/"), Statements: splitStatements(string(b))})
	}
	return out, nil
}

// splitStatements drops // line comments and splits on ';' at line ends.
// Migration files hold schema statements only, so no string literal contains
// a ';' followed by a newline.
func splitStatements(src string) []string {
	var stmts []string
	var cur strings.Builder
	for _, line := range strings.Split(src, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "//") {
			continue
		}
		cur.WriteString(t)
		if strings.HasSuffix(t, ";") {
			s := strings.TrimSuffix(strings.TrimSpace(cur.String()), ";")
			if s != "" {
				stmts = append(stmts, s)
			}
			cur.Reset()
			continue
		}
		cur.WriteByte(' ')
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		stmts = append(stmts, s)
	}
	return stmts
}

// Migrate applies every embedded migration. Each statement is idempotent
// (CREATE ... IF NOT EXISTS), so Migrate is safe to run on every start and
// from several processes; schema statements cannot share a transaction with
// data writes, so each runs in its own auto-commit transaction. It waits for
// the indexes to come online so that a load or a search right after it sees
// them. Nodes without a folded name (written before it existed, or by
// other tools) get one (backfillFolded).
func (db *DB) Migrate(ctx context.Context) error {
	ms, err := Migrations()
	if err != nil {
		return fmt.Errorf("neo4j: read migrations: %w", err)
	}
	sess := db.Session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	for _, m := range ms {
		for _, stmt := range m.Statements {
			res, err := sess.Run(ctx, stmt, nil)
			if err == nil {
				_, err = res.Consume(ctx)
			}
			if err != nil {
				return fmt.Errorf("neo4j: migration %s: %q: %w", m.Name, stmt, Translate(err))
			}
		}
	}
	if _, err := db.backfillFolded(ctx); err != nil {
		return err
	}
	res, err := sess.Run(ctx, awaitIndexesCypher, nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		return fmt.Errorf("neo4j: await indexes: %w", Translate(err))
	}
	return nil
}

// awaitIndexesCypher waits (up to 300 s) until every index is online.
const awaitIndexesCypher = `CALL db.awaitIndexes(300)`
