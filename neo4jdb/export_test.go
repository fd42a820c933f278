package neo4jdb

import "context"

// Bookmarks returns the bookmarks db's bookmark manager holds (for tests).
func Bookmarks(ctx context.Context, db *DB) ([]string, error) {
	return db.bookmarks.GetBookmarks(ctx)
}
