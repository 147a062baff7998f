-- A cache entry's bytes are kept in its row (content: values up to CachePolicy.inlineBytes, read by a hit in the same
-- statement as the entry) or in the blob store (blob_key), exactly one of the two.
-- SQLite cannot drop a NOT NULL constraint, so the table is rebuilt (nothing references it). content is the last
-- column: the others are read without walking its overflow pages (listings, eviction).
CREATE TABLE cache_entries_v15 (
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
    content          BLOB,
    UNIQUE (namespace, item_key, config_hash),
    CHECK ((content IS NULL) <> (blob_key IS NULL))
) STRICT;
INSERT INTO cache_entries_v15 (id, namespace, item_key, config_hash, blob_key, content_type, byte_count, metadata,
                               source_image_id, hit_count, created_at, last_accessed_at)
    SELECT id, namespace, item_key, config_hash, blob_key, content_type, byte_count, metadata, source_image_id,
           hit_count, created_at, last_accessed_at FROM cache_entries;
DROP TABLE cache_entries;
ALTER TABLE cache_entries_v15 RENAME TO cache_entries;
CREATE INDEX cache_entries_lru ON cache_entries (last_accessed_at, id);
CREATE INDEX cache_entries_created ON cache_entries (created_at, id);
CREATE INDEX cache_entries_source ON cache_entries (source_image_id);
