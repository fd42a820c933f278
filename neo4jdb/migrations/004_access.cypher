// 004: access control. A document outside the default collection or above
// public is marked restricted; this finds them, so that a request checks
// only those to know whether its principal reads everything.
CREATE INDEX document_restricted IF NOT EXISTS FOR (n:Document) ON (n.restricted);
