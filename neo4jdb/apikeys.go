package neo4jdb

import (
	"context"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// APIKey is a stored API key: never the key itself, only its sha256.
type APIKey struct {
	ID             string
	Name           string
	Hash           string // hex sha256 of the key
	Role           string
	Collections    []string
	MaxSensitivity string
	Created        time.Time
	Revoked        *time.Time // nil while the key is valid
}

// The statements of API keys. They are not in the read registry: they are
// not the API's reads, and ReadQueries' plan checks are about documents.
const (
	apiKeySchemaID     = `CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.id IS UNIQUE`
	apiKeySchemaHash   = `CREATE CONSTRAINT api_key_hash IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.hash IS UNIQUE`
	createAPIKeyCypher = `CREATE (k:ApiKey {id: $id, name: $name, hash: $hash, role: $role,
  collections: $collections, maxSensitivity: $maxSensitivity, created: datetime($created), revoked: null})`
	apiKeyByHashCypher = `MATCH (k:ApiKey {hash: $hash}) RETURN k`
	listAPIKeysCypher  = `MATCH (k:ApiKey) RETURN k ORDER BY k.created, k.id`
	revokeAPIKeyCypher = `MATCH (k:ApiKey {id: $id})
SET k.revoked = coalesce(k.revoked, datetime($now)) RETURN k`
	countAPIKeysCypher = `MATCH (k:ApiKey) WHERE k.revoked IS NULL RETURN count(k) AS n`
)

// CreateAPIKey stores k (its Created is set when zero). The uniqueness
// constraints on id and hash are created first (idempotent), so they need no
// migration of their own.
func (db *DB) CreateAPIKey(ctx context.Context, k APIKey) error {
	if k.Created.IsZero() {
		k.Created = time.Now().UTC()
	}
	sess := db.Session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(context.WithoutCancel(ctx))
	for _, stmt := range []string{apiKeySchemaID, apiKeySchemaHash} {
		res, err := sess.Run(ctx, stmt, nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return fmt.Errorf("neo4j: api key schema: %w", Translate(err))
		}
	}
	_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, createAPIKeyCypher, map[string]any{
			"id": k.ID, "name": k.Name, "hash": k.Hash, "role": k.Role,
			"collections": k.Collections, "maxSensitivity": k.MaxSensitivity,
			"created": k.Created.UTC().Format(time.RFC3339Nano),
		})
		if err != nil {
			return nil, err
		}
		return res.Consume(ctx)
	})
	if err != nil {
		return fmt.Errorf("neo4j: create api key: %w", Translate(err))
	}
	return nil
}

// APIKeyByHash returns the key whose hash is hash, or nil when none is.
// It reads Neo4j every time: a revocation is effective at once.
func (db *DB) APIKeyByHash(ctx context.Context, hash string) (*APIKey, error) {
	recs, err := db.runAPIKeys(ctx, neo4j.AccessModeRead, apiKeyByHashCypher, map[string]any{"hash": hash})
	if err != nil || len(recs) == 0 {
		return nil, err
	}
	return &recs[0], nil
}

// APIKeys lists every key, revoked ones included, oldest first.
func (db *DB) APIKeys(ctx context.Context) ([]APIKey, error) {
	return db.runAPIKeys(ctx, neo4j.AccessModeRead, listAPIKeysCypher, nil)
}

// RevokeAPIKey marks the key id revoked (keeping the first revocation time)
// and returns it; a key that does not exist is ENOTFOUND.
func (db *DB) RevokeAPIKey(ctx context.Context, id string) (*APIKey, error) {
	recs, err := db.runAPIKeys(ctx, neo4j.AccessModeWrite, revokeAPIKeyCypher,
		map[string]any{"id": id, "now": time.Now().UTC().Format(time.RFC3339Nano)})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, rightsgraph.Errorf(rightsgraph.ENOTFOUND, "no API key with id %q", id)
	}
	return &recs[0], nil
}

// CountAPIKeys returns the number of keys not revoked.
func (db *DB) CountAPIKeys(ctx context.Context) (int, error) {
	sess := db.Session(ctx, neo4j.AccessModeRead)
	defer sess.Close(context.WithoutCancel(ctx))
	res, err := sess.Run(ctx, countAPIKeysCypher, nil)
	if err != nil {
		return 0, fmt.Errorf("neo4j: count api keys: %w", Translate(err))
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return 0, fmt.Errorf("neo4j: count api keys: %w", Translate(err))
	}
	n, _ := rec.Get("n")
	i, _ := n.(int64)
	return int(i), nil
}

func (db *DB) runAPIKeys(ctx context.Context, mode neo4j.AccessMode, cypher string, params map[string]any) ([]APIKey, error) {
	sess := db.Session(ctx, mode)
	defer sess.Close(context.WithoutCancel(ctx))
	work := func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, cypher, params)
		if err != nil {
			return nil, err
		}
		return res.Collect(ctx)
	}
	var recs []*neo4j.Record
	if mode == neo4j.AccessModeWrite {
		out, err := sess.ExecuteWrite(ctx, work)
		if err != nil {
			return nil, fmt.Errorf("neo4j: api keys: %w", Translate(err))
		}
		recs = out.([]*neo4j.Record)
	} else {
		// A read is one auto-commit statement: one round trip fewer than a
		// managed transaction, on every request that carries a key.
		res, err := sess.Run(ctx, cypher, params)
		if err == nil {
			recs, err = res.Collect(ctx)
		}
		if err != nil {
			return nil, fmt.Errorf("neo4j: api keys: %w", Translate(err))
		}
	}
	keys := make([]APIKey, 0, len(recs))
	for _, rec := range recs {
		v, _ := rec.Get("k")
		n, ok := v.(neo4j.Node)
		if !ok {
			continue
		}
		keys = append(keys, apiKeyOf(n.Props))
	}
	return keys, nil
}

func apiKeyOf(p map[string]any) APIKey {
	str := func(k string) string { s, _ := p[k].(string); return s }
	k := APIKey{ID: str("id"), Name: str("name"), Hash: str("hash"), Role: str("role"),
		Collections: apiKeyStrings(p["collections"]), MaxSensitivity: str("maxSensitivity")}
	if t, ok := p["created"].(time.Time); ok {
		k.Created = t.UTC()
	}
	if t, ok := p["revoked"].(time.Time); ok {
		t = t.UTC()
		k.Revoked = &t
	}
	return k
}

func apiKeyStrings(v any) []string {
	l, _ := v.([]any)
	out := make([]string, 0, len(l))
	for _, x := range l {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
