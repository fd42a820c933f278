// 003: a document too large for one transaction is written in chunks under
// the label :PendingDocument, relabelled :Document by its last transaction
// (neo4jdb.writeChunked). These find unfinished ones by id and by source.
CREATE INDEX pending_document_id IF NOT EXISTS FOR (n:PendingDocument) ON (n.id);
CREATE INDEX pending_document_source IF NOT EXISTS FOR (n:PendingDocument) ON (n.source);
