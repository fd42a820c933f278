// 002: lookup indexes used by the API and the loader.
CREATE INDEX event_date IF NOT EXISTS FOR (n:Event) ON (n.date);
CREATE INDEX event_type IF NOT EXISTS FOR (n:Event) ON (n.type);
CREATE INDEX document_source IF NOT EXISTS FOR (n:Document) ON (n.source);

// Full-text search over entity names and aliases (neo4jdb.FulltextIndex). The
// standard-folding analyzer folds accents, so "Prevot" finds "Prévot". An earlier
// build created the index as entityNames with the plain standard analyzer; an
// index's analyzer cannot be changed in place, so that one is dropped.
DROP INDEX entityNames IF EXISTS;
CREATE FULLTEXT INDEX entitySearch IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliases]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
