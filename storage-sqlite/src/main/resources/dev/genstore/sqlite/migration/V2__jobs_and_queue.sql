-- Job configurations, jobs and their queue, provider limits (SQLite).
CREATE TABLE job_configurations (
    id         TEXT PRIMARY KEY,
    owner_id   TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    settings   TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CONSTRAINT job_configurations_name UNIQUE (owner_id, name)
) STRICT;

CREATE TABLE jobs (
    id                TEXT PRIMARY KEY,
    owner_id          TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    configuration_id  TEXT REFERENCES job_configurations (id) ON DELETE SET NULL,
    prompt            TEXT NOT NULL,
    parameters        TEXT NOT NULL,
    provider          TEXT NOT NULL,
    model             TEXT NOT NULL,
    token_cost        INTEGER NOT NULL,
    priority          INTEGER NOT NULL,
    status            TEXT NOT NULL,
    outcome           TEXT,
    total_images      INTEGER NOT NULL,
    successful_images INTEGER NOT NULL,
    failed_images     INTEGER NOT NULL,
    attempts          INTEGER NOT NULL,
    max_attempts      INTEGER NOT NULL,
    run_after         INTEGER NOT NULL,
    lease_owner       TEXT,
    lease_expires_at  INTEGER,
    error_message     TEXT,
    idempotency_key   TEXT,
    hold_id           TEXT,
    created_at        INTEGER NOT NULL,
    started_at        INTEGER,
    completed_at      INTEGER,
    CONSTRAINT jobs_idempotency UNIQUE (owner_id, idempotency_key),
    CONSTRAINT jobs_counts CHECK (successful_images >= 0 AND failed_images >= 0
        AND successful_images + failed_images <= total_images)
) STRICT;
CREATE INDEX jobs_queued ON jobs (priority DESC, created_at, id) WHERE status = 'QUEUED';
CREATE INDEX jobs_leased ON jobs (lease_expires_at) WHERE status = 'RUNNING';
CREATE INDEX jobs_running_provider ON jobs (provider, lease_expires_at) WHERE status = 'RUNNING';
CREATE INDEX jobs_owner ON jobs (owner_id, id);
CREATE INDEX jobs_configuration ON jobs (configuration_id);
CREATE INDEX jobs_finished ON jobs (completed_at) WHERE status IN ('SUCCEEDED', 'FAILED', 'CANCELLED');

CREATE TABLE provider_limits (
    provider    TEXT PRIMARY KEY,
    max_running INTEGER NOT NULL CHECK (max_running >= 1)
) STRICT;
