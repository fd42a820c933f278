// 004: the folded name (neo4jdb.FoldName: lowercased, accents removed, as the
// full-text analyzer folds) that the lists' startsWith/contains name filters
// compare, one TEXT index per listed label: a text index serves STARTS WITH
// and CONTAINS. Migrate then sets nameFolded on nodes written without it
// (the folding is Go code, not Cypher).
CREATE TEXT INDEX state_name_folded IF NOT EXISTS FOR (n:State) ON (n.nameFolded);
CREATE TEXT INDEX institution_name_folded IF NOT EXISTS FOR (n:Institution) ON (n.nameFolded);
CREATE TEXT INDEX organization_name_folded IF NOT EXISTS FOR (n:Organization) ON (n.nameFolded);
CREATE TEXT INDEX person_name_folded IF NOT EXISTS FOR (n:Person) ON (n.nameFolded);
CREATE TEXT INDEX group_name_folded IF NOT EXISTS FOR (n:Group) ON (n.nameFolded);
CREATE TEXT INDEX place_name_folded IF NOT EXISTS FOR (n:Place) ON (n.nameFolded);
CREATE TEXT INDEX right_name_folded IF NOT EXISTS FOR (n:Right) ON (n.nameFolded);
CREATE TEXT INDEX instrument_name_folded IF NOT EXISTS FOR (n:Instrument) ON (n.nameFolded);
CREATE TEXT INDEX provision_name_folded IF NOT EXISTS FOR (n:Provision) ON (n.nameFolded);
CREATE TEXT INDEX event_name_folded IF NOT EXISTS FOR (n:Event) ON (n.nameFolded);
