-- The prompt library (SQLite): prompts keyed by the hash of their normalized text, uses per model, and an FTS5 index
-- over the search terms genstore cuts from the text (words; Chinese and Japanese characters and character pairs).
CREATE TABLE prompts (
    fts_rowid     INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    text          TEXT NOT NULL,
    normalized    TEXT NOT NULL,
    hash          TEXT NOT NULL,
    total_uses    INTEGER NOT NULL CHECK (total_uses >= 1),
    first_used_at INTEGER NOT NULL,
    last_used_at  INTEGER NOT NULL,
    search_terms  TEXT NOT NULL,
    CONSTRAINT prompts_hash UNIQUE (hash)
) STRICT;
CREATE INDEX prompts_popular ON prompts (total_uses DESC, id);
CREATE INDEX prompts_recent ON prompts (last_used_at DESC, id);

CREATE TABLE prompt_models (
    prompt_id TEXT NOT NULL REFERENCES prompts (id) ON DELETE CASCADE,
    model     TEXT NOT NULL,
    uses      INTEGER NOT NULL CHECK (uses >= 1),
    PRIMARY KEY (prompt_id, model)
) STRICT;
CREATE INDEX prompt_models_model ON prompt_models (model, prompt_id);

CREATE VIRTUAL TABLE prompts_fts USING fts5 (terms, tokenize = 'unicode61 remove_diacritics 0');
CREATE TRIGGER prompts_fts_insert AFTER INSERT ON prompts BEGIN
    INSERT INTO prompts_fts (rowid, terms) VALUES (new.fts_rowid, new.search_terms);
END;
CREATE TRIGGER prompts_fts_delete AFTER DELETE ON prompts BEGIN
    DELETE FROM prompts_fts WHERE rowid = old.fts_rowid;
END;

-- A WebP thumbnail per prompt, in the database as seed 002 keeps it.
CREATE TABLE prompt_thumbnails (
    prompt_id  TEXT PRIMARY KEY REFERENCES prompts (id) ON DELETE CASCADE,
    mime_type  TEXT NOT NULL,
    width      INTEGER NOT NULL CHECK (width > 0),
    height     INTEGER NOT NULL CHECK (height > 0),
    content    BLOB NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;
