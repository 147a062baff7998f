-- A prompt thumbnail is kept in its row (content) or in the blob store (storage_key), exactly one of the two.
-- SQLite cannot drop a NOT NULL constraint, so the table is rebuilt (nothing references it).
CREATE TABLE prompt_thumbnails_v8 (
    prompt_id   TEXT PRIMARY KEY REFERENCES prompts (id) ON DELETE CASCADE,
    mime_type   TEXT NOT NULL,
    width       INTEGER NOT NULL CHECK (width > 0),
    height      INTEGER NOT NULL CHECK (height > 0),
    content     BLOB,
    storage_key TEXT,
    created_at  INTEGER NOT NULL,
    CHECK ((content IS NULL) <> (storage_key IS NULL))
) STRICT;
INSERT INTO prompt_thumbnails_v8 (prompt_id, mime_type, width, height, content, created_at)
    SELECT prompt_id, mime_type, width, height, content, created_at FROM prompt_thumbnails;
DROP TABLE prompt_thumbnails;
ALTER TABLE prompt_thumbnails_v8 RENAME TO prompt_thumbnails;
