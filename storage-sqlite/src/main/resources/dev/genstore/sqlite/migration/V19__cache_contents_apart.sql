-- A cache entry's inline bytes move from its row to cache_contents. Every write of a hit (hit_count, last_accessed_at)
-- rewrites the whole row, and SQLite rewrote the inline bytes with it: 77 µs per 20 KB entry against 4 µs for a row
-- without them. A hit now reads both tables in one statement (a join on the entry's id).
-- The rebuilt cache_entries is in place before cache_contents references it: with foreign keys on, dropping a table
-- deletes its rows first, which would cascade to the contents.
CREATE TABLE cache_entries_v19 (
    id               TEXT PRIMARY KEY,
    namespace        TEXT NOT NULL,
    item_key         TEXT NOT NULL,
    config_hash      TEXT NOT NULL,
    blob_key         TEXT UNIQUE,
    content_type     TEXT NOT NULL,
    byte_count       INTEGER NOT NULL CHECK (byte_count >= 0),
    metadata         TEXT NOT NULL,
    source_image_id  TEXT,
    hit_count        INTEGER NOT NULL CHECK (hit_count >= 0),
    created_at       INTEGER NOT NULL,
    last_accessed_at INTEGER NOT NULL,
    UNIQUE (namespace, item_key, config_hash)
) STRICT;
INSERT INTO cache_entries_v19 (id, namespace, item_key, config_hash, blob_key, content_type, byte_count, metadata,
                               source_image_id, hit_count, created_at, last_accessed_at)
    SELECT id, namespace, item_key, config_hash, blob_key, content_type, byte_count, metadata, source_image_id,
           hit_count, created_at, last_accessed_at FROM cache_entries;
CREATE TABLE cache_contents_v19 (entry_id TEXT NOT NULL, content BLOB NOT NULL) STRICT;
INSERT INTO cache_contents_v19 (entry_id, content) SELECT id, content FROM cache_entries WHERE content IS NOT NULL;
DROP TABLE cache_entries;
ALTER TABLE cache_entries_v19 RENAME TO cache_entries;
CREATE INDEX cache_entries_lru ON cache_entries (last_accessed_at, id);
CREATE INDEX cache_entries_created ON cache_entries (created_at, id);
CREATE INDEX cache_entries_source ON cache_entries (source_image_id);
CREATE TABLE cache_contents (
    entry_id TEXT PRIMARY KEY REFERENCES cache_entries (id) ON DELETE CASCADE,
    content  BLOB NOT NULL
) STRICT;
INSERT INTO cache_contents (entry_id, content) SELECT entry_id, content FROM cache_contents_v19;
DROP TABLE cache_contents_v19;
