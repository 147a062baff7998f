-- Quality checks, regeneration requests (each one a job in the queue) and the generated-image cache (H2).
CREATE TABLE quality_checks (
    id            UUID PRIMARY KEY,
    image_id      UUID NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    owner_id      UUID NOT NULL,
    checker       VARCHAR NOT NULL,
    status        VARCHAR NOT NULL CHECK (status IN ('PENDING', 'PASSED', 'FAILED', 'APPROVED', 'REJECTED')),
    overall_score DOUBLE PRECISION,
    scores        VARCHAR NOT NULL,
    reasons       VARCHAR NOT NULL,
    reviewer      VARCHAR,
    review_note   VARCHAR,
    created_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    checked_at    TIMESTAMP(6) WITH TIME ZONE,
    reviewed_at   TIMESTAMP(6) WITH TIME ZONE
);
CREATE INDEX quality_checks_image ON quality_checks (image_id, created_at, id);

CREATE TABLE regenerations (
    job_id     UUID PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    owner_id   UUID NOT NULL,
    image_id   UUID NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    check_id   UUID NOT NULL UNIQUE REFERENCES quality_checks (id) ON DELETE CASCADE,
    reason     VARCHAR NOT NULL,
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX regenerations_image ON regenerations (image_id, created_at);

CREATE TABLE cache_entries (
    id               UUID PRIMARY KEY,
    namespace        VARCHAR NOT NULL,
    item_key         VARCHAR NOT NULL,
    config_hash      VARCHAR NOT NULL,
    blob_key         VARCHAR NOT NULL UNIQUE,
    content_type     VARCHAR NOT NULL,
    byte_count       BIGINT NOT NULL CHECK (byte_count >= 0),
    metadata         VARCHAR NOT NULL,
    source_image_id  UUID,
    hit_count        BIGINT NOT NULL CHECK (hit_count >= 0),
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    last_accessed_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    UNIQUE (namespace, item_key, config_hash)
);
CREATE INDEX cache_entries_lru ON cache_entries (last_accessed_at, id);
CREATE INDEX cache_entries_created ON cache_entries (created_at, id);
CREATE INDEX cache_entries_source ON cache_entries (source_image_id);

CREATE TABLE cache_counters (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    hits BIGINT NOT NULL,
    misses BIGINT NOT NULL,
    evictions BIGINT NOT NULL
);
INSERT INTO cache_counters (id, hits, misses, evictions) VALUES (1, 0, 0, 0);
