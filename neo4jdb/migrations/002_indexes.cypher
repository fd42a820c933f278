// 002: lookup indexes used by the API and the loader.
CREATE INDEX event_date IF NOT EXISTS FOR (n:Event) ON (n.date);
CREATE INDEX event_type IF NOT EXISTS FOR (n:Event) ON (n.type);
CREATE INDEX document_source IF NOT EXISTS FOR (n:Document) ON (n.source);

// Full-text search over entity names and aliases (neo4jdb.FulltextIndex).
CREATE FULLTEXT INDEX entityNames IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliases];
