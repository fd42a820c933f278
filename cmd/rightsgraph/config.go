package main

import (
	"flag"
	"os"

	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

// envOr returns the environment variable key, or def when it is unset or empty.
func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// neo4jFlags registers the Neo4j connection flags on fs, defaulting to the
// environment (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE), so that
// flags override the environment.
func neo4jFlags(fs *flag.FlagSet) *neo4jdb.Config {
	c := &neo4jdb.Config{}
	fs.StringVar(&c.URI, "neo4j-uri", envOr("NEO4J_URI", "bolt://127.0.0.1:7687"), "Neo4j Bolt URI (env NEO4J_URI)")
	fs.StringVar(&c.User, "neo4j-user", envOr("NEO4J_USER", "neo4j"), "Neo4j user (env NEO4J_USER)")
	fs.StringVar(&c.Password, "neo4j-password", envOr("NEO4J_PASSWORD", "rightsgraph"), "Neo4j password (env NEO4J_PASSWORD)")
	fs.StringVar(&c.Database, "neo4j-database", envOr("NEO4J_DATABASE", ""), "Neo4j database; empty for the server default (env NEO4J_DATABASE)")
	return c
}
