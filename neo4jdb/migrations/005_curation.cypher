// 005: curation. Decisions on facts and notes are nodes of their own, keyed
// by the stable id of what they are about (an edge id, an entity or
// document id), not attached to it, so that reloading a document (which may
// delete and re-create a relationship or an entity) never loses them.
// FactState holds the current standing of a fact (disputed or not); the
// writer copies it onto the relationship each time it writes it.
CREATE CONSTRAINT decision_id IF NOT EXISTS FOR (n:Decision) REQUIRE n.id IS UNIQUE;
CREATE INDEX decision_target IF NOT EXISTS FOR (n:Decision) ON (n.target);
CREATE CONSTRAINT fact_state_key IF NOT EXISTS FOR (n:FactState) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT note_id IF NOT EXISTS FOR (n:Note) REQUIRE n.id IS UNIQUE;
CREATE INDEX note_target IF NOT EXISTS FOR (n:Note) ON (n.target);
// A merged entity's id redirects to the entity it was merged into.
CREATE CONSTRAINT redirect_id IF NOT EXISTS FOR (n:Redirect) REQUIRE n.id IS UNIQUE;
