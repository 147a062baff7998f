-- Quality checks, regeneration requests (each one a job in the queue) and the generated-image cache (PostgreSQL).
CREATE TABLE quality_checks (
    id            uuid PRIMARY KEY,
    image_id      uuid NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    owner_id      uuid NOT NULL,
    checker       text NOT NULL,
    status        text NOT NULL CHECK (status IN ('PENDING', 'PASSED', 'FAILED', 'APPROVED', 'REJECTED')),
    overall_score double precision,
    scores        text NOT NULL,
    reasons       text NOT NULL,
    reviewer      text,
    review_note   text,
    created_at    timestamptz NOT NULL,
    checked_at    timestamptz,
    reviewed_at   timestamptz
);
CREATE INDEX quality_checks_image ON quality_checks (image_id, created_at, id);

CREATE TABLE regenerations (
    job_id     uuid PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    owner_id   uuid NOT NULL,
    image_id   uuid NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    check_id   uuid NOT NULL UNIQUE REFERENCES quality_checks (id) ON DELETE CASCADE,
    reason     text NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX regenerations_image ON regenerations (image_id, created_at);

CREATE TABLE cache_entries (
    id               uuid PRIMARY KEY,
    namespace        text NOT NULL,
    item_key         text NOT NULL,
    config_hash      text NOT NULL,
    blob_key         text NOT NULL UNIQUE,
    content_type     text NOT NULL,
    byte_count       bigint NOT NULL CHECK (byte_count >= 0),
    metadata         text NOT NULL,
    source_image_id  uuid,
    hit_count        bigint NOT NULL CHECK (hit_count >= 0),
    created_at       timestamptz NOT NULL,
    last_accessed_at timestamptz NOT NULL,
    UNIQUE (namespace, item_key, config_hash)
);
CREATE INDEX cache_entries_lru ON cache_entries (last_accessed_at, id);
CREATE INDEX cache_entries_created ON cache_entries (created_at, id);
CREATE INDEX cache_entries_source ON cache_entries (source_image_id);

CREATE TABLE cache_counters (
    id        integer PRIMARY KEY CHECK (id = 1),
    hits bigint NOT NULL,
    misses bigint NOT NULL,
    evictions bigint NOT NULL
);
INSERT INTO cache_counters (id, hits, misses, evictions) VALUES (1, 0, 0, 0);
