-- The prompt library (PostgreSQL): prompts keyed by the hash of their normalized text, uses per model, and a GIN
-- index over a tsvector made of the search terms genstore cuts from the text (words; Chinese and Japanese characters
-- and character pairs), taken verbatim: no parser, no stemming, so a CJK pair is a lexeme of its own.
CREATE TABLE prompts (
    id            uuid PRIMARY KEY,
    text          text NOT NULL,
    normalized    text NOT NULL,
    hash          text NOT NULL,
    total_uses    bigint NOT NULL CHECK (total_uses >= 1),
    first_used_at timestamptz NOT NULL,
    last_used_at  timestamptz NOT NULL,
    search_terms  text NOT NULL,
    search_vector tsvector GENERATED ALWAYS AS (array_to_tsvector(string_to_array(search_terms, ' '))) STORED,
    CONSTRAINT prompts_hash UNIQUE (hash)
);
CREATE INDEX prompts_popular ON prompts (total_uses DESC, id);
CREATE INDEX prompts_recent ON prompts (last_used_at DESC, id);
CREATE INDEX prompts_search ON prompts USING gin (search_vector);

CREATE TABLE prompt_models (
    prompt_id uuid NOT NULL REFERENCES prompts (id) ON DELETE CASCADE,
    model     text NOT NULL,
    uses      bigint NOT NULL CHECK (uses >= 1),
    PRIMARY KEY (prompt_id, model)
);
CREATE INDEX prompt_models_model ON prompt_models (model, prompt_id);

-- A WebP thumbnail per prompt, in the database as seed 002 keeps it.
CREATE TABLE prompt_thumbnails (
    prompt_id  uuid PRIMARY KEY REFERENCES prompts (id) ON DELETE CASCADE,
    mime_type  text NOT NULL,
    width      INTEGER NOT NULL CHECK (width > 0),
    height     INTEGER NOT NULL CHECK (height > 0),
    content    bytea NOT NULL,
    created_at timestamptz NOT NULL
);
