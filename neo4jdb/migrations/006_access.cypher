// 004: access control. A document outside the default collection or above
// public is marked restricted; this finds them, so that a request checks
// only those to know whether its principal reads everything.
CREATE INDEX document_restricted IF NOT EXISTS FOR (n:Document) ON (n.restricted);
// A document's source is shown relative to what the loader was given; the
// key that finds its earlier versions (an absolute path) is sourceKey.
CREATE INDEX document_source_key IF NOT EXISTS FOR (n:Document) ON (n.sourceKey);
CREATE INDEX pending_document_source_key IF NOT EXISTS FOR (n:PendingDocument) ON (n.sourceKey);
