package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

// KeyPrefix starts every API key.
const KeyPrefix = "rg_"

// keyBytes is the randomness of a key: 32 bytes, 43 base64url characters.
const keyBytes = 32

var keyEncoding = base64.RawURLEncoding

// KeyStore creates, looks up and revokes API keys in Neo4j.
type KeyStore struct {
	DB *neo4jdb.DB
}

// NewKey is a key as created: Secret is shown once and never stored.
type NewKey struct {
	Secret string
	Key    neo4jdb.APIKey
}

// KeySpec is what a new key may do.
type KeySpec struct {
	Name           string
	Role           rightsgraph.Role
	Collections    []string
	MaxSensitivity rightsgraph.Sensitivity
}

// HashKey returns the hex sha256 of a key, what the store keeps.
func HashKey(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}

// GenerateKey returns a new random key: rg_ + 32 random bytes in base64url.
func GenerateKey() (string, error) {
	var b [keyBytes]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return KeyPrefix + keyEncoding.EncodeToString(b[:]), nil
}

// wellFormed reports whether s has a key's shape (so garbage never reaches Neo4j).
func wellFormed(s string) bool {
	rest, ok := strings.CutPrefix(s, KeyPrefix)
	if !ok || len(rest) != keyEncoding.EncodedLen(keyBytes) {
		return false
	}
	_, err := keyEncoding.DecodeString(rest)
	return err == nil
}

// Create makes and stores a key for spec; the secret is in the result only.
func (s *KeyStore) Create(ctx context.Context, spec KeySpec) (*NewKey, error) {
	if strings.TrimSpace(spec.Name) == "" {
		return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "a key needs a name")
	}
	if _, err := rightsgraph.ParseRole(string(spec.Role)); err != nil {
		return nil, err
	}
	if spec.MaxSensitivity < rightsgraph.Public || spec.MaxSensitivity > rightsgraph.Confidential {
		return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "unknown sensitivity %d", int(spec.MaxSensitivity))
	}
	cols := cleanCollections(spec.Collections)
	if len(cols) == 0 {
		cols = []string{rightsgraph.DefaultCollection}
	}
	secret, err := GenerateKey()
	if err != nil {
		return nil, err
	}
	var idb [6]byte
	if _, err := rand.Read(idb[:]); err != nil {
		return nil, err
	}
	k := neo4jdb.APIKey{ID: "key_" + hex.EncodeToString(idb[:]), Name: strings.TrimSpace(spec.Name),
		Hash: HashKey(secret), Role: string(spec.Role), Collections: cols, MaxSensitivity: spec.MaxSensitivity.String()}
	if err := s.DB.CreateAPIKey(ctx, k); err != nil {
		return nil, err
	}
	return &NewKey{Secret: secret, Key: k}, nil
}

// Authenticate returns the principal of the key secret. A malformed,
// unknown or revoked key is ErrUnauthenticated. Neo4j is read on every call
// (no cache), so a revocation is effective for the next request.
func (s *KeyStore) Authenticate(ctx context.Context, secret string) (rightsgraph.Principal, error) {
	if !wellFormed(secret) {
		return rightsgraph.Principal{}, unauthenticated("malformed API key")
	}
	hash := HashKey(secret)
	k, err := s.DB.APIKeyByHash(ctx, hash)
	if err != nil {
		return rightsgraph.Principal{}, err
	}
	// The lookup is by hash (an index seek); the comparison that decides is
	// in constant time, so no timing tells how much of a hash matched.
	if k == nil || subtle.ConstantTimeCompare([]byte(k.Hash), []byte(hash)) != 1 {
		return rightsgraph.Principal{}, unauthenticated("unknown API key")
	}
	if k.Revoked != nil {
		return rightsgraph.Principal{}, unauthenticated("API key %s was revoked", k.ID)
	}
	return PrincipalOfKey(*k)
}

// PrincipalOfKey is the principal a stored key stands for.
func PrincipalOfKey(k neo4jdb.APIKey) (rightsgraph.Principal, error) {
	role, err := rightsgraph.ParseRole(k.Role)
	if err != nil {
		return rightsgraph.Principal{}, fmt.Errorf("API key %s: %w", k.ID, err)
	}
	sens, err := rightsgraph.ParseSensitivity(k.MaxSensitivity)
	if err != nil {
		return rightsgraph.Principal{}, fmt.Errorf("API key %s: %w", k.ID, err)
	}
	return rightsgraph.Principal{ID: k.ID, Name: k.Name, Role: role, Collections: k.Collections, MaxSensitivity: sens}, nil
}

// Revoke revokes the key id; it is refused from the next request on.
func (s *KeyStore) Revoke(ctx context.Context, id string) (*neo4jdb.APIKey, error) {
	return s.DB.RevokeAPIKey(ctx, id)
}

// List returns every key (hashes included, never secrets).
func (s *KeyStore) List(ctx context.Context) ([]neo4jdb.APIKey, error) {
	return s.DB.APIKeys(ctx)
}

// ParseCollections splits "a,b" into collection names.
func ParseCollections(s string) []string { return cleanCollections(strings.Split(s, ",")) }

func cleanCollections(in []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range in {
		c = strings.TrimSpace(c)
		if c != "" && !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}
