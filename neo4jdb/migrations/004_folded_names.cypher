// 004: the folded name (neo4jdb.FoldName: lowercased, accents removed, as the
// full-text analyzer folds) that the lists' startsWith/contains name filters
// compare. A TEXT index serves both STARTS WITH and CONTAINS; one per listed
// label whose names are names. Events' names are their summaries, sentences
// of about 110 characters, and most of a load's nodes: a TEXT index of them
// made the writer about 2.4 times slower, so events get a RANGE index, which
// serves STARTS WITH only (an event's contains filter reads every event).
// Migrate then sets nameFolded on nodes written without it (the folding is
// Go code, not Cypher).
CREATE TEXT INDEX state_name_folded IF NOT EXISTS FOR (n:State) ON (n.nameFolded);
CREATE TEXT INDEX institution_name_folded IF NOT EXISTS FOR (n:Institution) ON (n.nameFolded);
CREATE TEXT INDEX organization_name_folded IF NOT EXISTS FOR (n:Organization) ON (n.nameFolded);
CREATE TEXT INDEX person_name_folded IF NOT EXISTS FOR (n:Person) ON (n.nameFolded);
CREATE TEXT INDEX group_name_folded IF NOT EXISTS FOR (n:Group) ON (n.nameFolded);
CREATE TEXT INDEX place_name_folded IF NOT EXISTS FOR (n:Place) ON (n.nameFolded);
CREATE TEXT INDEX right_name_folded IF NOT EXISTS FOR (n:Right) ON (n.nameFolded);
CREATE TEXT INDEX instrument_name_folded IF NOT EXISTS FOR (n:Instrument) ON (n.nameFolded);
CREATE TEXT INDEX provision_name_folded IF NOT EXISTS FOR (n:Provision) ON (n.nameFolded);
// An earlier build of this migration gave events a TEXT index too.
DROP INDEX event_name_folded IF EXISTS;
CREATE RANGE INDEX event_name_folded_prefix IF NOT EXISTS FOR (n:Event) ON (n.nameFolded);
