-- Quality checks, regeneration requests (each one a job in the queue) and the generated-image cache (SQLite).
CREATE TABLE quality_checks (
    id            TEXT PRIMARY KEY,
    image_id      TEXT NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    owner_id      TEXT NOT NULL,
    checker       TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('PENDING', 'PASSED', 'FAILED', 'APPROVED', 'REJECTED')),
    overall_score REAL,
    scores        TEXT NOT NULL,
    reasons       TEXT NOT NULL,
    reviewer      TEXT,
    review_note   TEXT,
    created_at    INTEGER NOT NULL,
    checked_at    INTEGER,
    reviewed_at   INTEGER
) STRICT;
CREATE INDEX quality_checks_image ON quality_checks (image_id, created_at, id);

CREATE TABLE regenerations (
    job_id     TEXT PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    owner_id   TEXT NOT NULL,
    image_id   TEXT NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    check_id   TEXT NOT NULL UNIQUE REFERENCES quality_checks (id) ON DELETE CASCADE,
    reason     TEXT NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX regenerations_image ON regenerations (image_id, created_at);

CREATE TABLE cache_entries (
    id               TEXT PRIMARY KEY,
    namespace        TEXT NOT NULL,
    item_key         TEXT NOT NULL,
    config_hash      TEXT NOT NULL,
    blob_key         TEXT NOT NULL UNIQUE,
    content_type     TEXT NOT NULL,
    byte_count       INTEGER NOT NULL CHECK (byte_count >= 0),
    metadata         TEXT NOT NULL,
    source_image_id  TEXT,
    hit_count        INTEGER NOT NULL CHECK (hit_count >= 0),
    created_at       INTEGER NOT NULL,
    last_accessed_at INTEGER NOT NULL,
    UNIQUE (namespace, item_key, config_hash)
) STRICT;
CREATE INDEX cache_entries_lru ON cache_entries (last_accessed_at, id);
CREATE INDEX cache_entries_created ON cache_entries (created_at, id);
CREATE INDEX cache_entries_source ON cache_entries (source_image_id);

CREATE TABLE cache_counters (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    hits      INTEGER NOT NULL,
    misses    INTEGER NOT NULL,
    evictions INTEGER NOT NULL
) STRICT;
INSERT INTO cache_counters (id, hits, misses, evictions) VALUES (1, 0, 0, 0);
