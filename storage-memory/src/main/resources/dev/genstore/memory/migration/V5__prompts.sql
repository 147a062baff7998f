-- The prompt library (H2): prompts keyed by the hash of their normalized text, uses per model. Search matches the
-- space-separated search terms genstore cuts from the text with LIKE (no full-text index: the memory backend is for
-- tests and prototypes).
CREATE TABLE prompts (
    id            UUID PRIMARY KEY,
    text          VARCHAR NOT NULL,
    normalized    VARCHAR NOT NULL,
    hash          VARCHAR(64) NOT NULL,
    total_uses    BIGINT NOT NULL CHECK (total_uses >= 1),
    first_used_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    last_used_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    search_terms  VARCHAR NOT NULL,
    CONSTRAINT prompts_hash UNIQUE (hash)
);
CREATE INDEX prompts_popular ON prompts (total_uses DESC, id);
CREATE INDEX prompts_recent ON prompts (last_used_at DESC, id);

CREATE TABLE prompt_models (
    prompt_id UUID NOT NULL REFERENCES prompts (id) ON DELETE CASCADE,
    model     VARCHAR(200) NOT NULL,
    uses      BIGINT NOT NULL CHECK (uses >= 1),
    PRIMARY KEY (prompt_id, model)
);
CREATE INDEX prompt_models_model ON prompt_models (model, prompt_id);

-- A WebP thumbnail per prompt, in the database as seed 002 keeps it.
CREATE TABLE prompt_thumbnails (
    prompt_id  UUID PRIMARY KEY REFERENCES prompts (id) ON DELETE CASCADE,
    mime_type  VARCHAR NOT NULL,
    width      INTEGER NOT NULL CHECK (width > 0),
    height     INTEGER NOT NULL CHECK (height > 0),
    content    VARBINARY NOT NULL,
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
