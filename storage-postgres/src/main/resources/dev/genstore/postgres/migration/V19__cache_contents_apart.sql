-- A cache entry's inline bytes move from its row to cache_contents, so that writing a hit (hit_count,
-- last_accessed_at) never copies them (SQLite and H2 rewrite a whole row to update a column of it). A hit reads both
-- tables in one statement (a join on the entry's id). Exactly one of blob_key and a contents row holds the bytes; the
-- store writes the entry and its contents in one transaction (a constraint cannot span the two tables).
CREATE TABLE cache_contents (
    entry_id uuid PRIMARY KEY REFERENCES cache_entries (id) ON DELETE CASCADE,
    content  bytea NOT NULL
);
INSERT INTO cache_contents (entry_id, content) SELECT id, content FROM cache_entries WHERE content IS NOT NULL;
ALTER TABLE cache_entries DROP CONSTRAINT cache_entries_one_place;
ALTER TABLE cache_entries DROP COLUMN content;
