-- Job configurations, jobs and their queue, provider limits (PostgreSQL).
-- Settings and parameters are json, not jsonb: jsonb rewrites numbers (1.0E7 reads back as 10000000) and refuses
-- \u0000, so values would not read back as written, nor as the other backends give them.
CREATE TABLE job_configurations (
    id         uuid PRIMARY KEY,
    owner_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       text NOT NULL,
    settings   json NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT job_configurations_name UNIQUE (owner_id, name)
);

CREATE TABLE jobs (
    id                uuid PRIMARY KEY,
    owner_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    configuration_id  uuid REFERENCES job_configurations (id) ON DELETE SET NULL,
    prompt            text NOT NULL,
    parameters        json NOT NULL,
    provider          text NOT NULL,
    model             text NOT NULL,
    token_cost        bigint NOT NULL,
    priority          integer NOT NULL,
    status            text NOT NULL,
    outcome           text,
    total_images      integer NOT NULL,
    successful_images integer NOT NULL,
    failed_images     integer NOT NULL,
    attempts          integer NOT NULL,
    max_attempts      integer NOT NULL,
    run_after         timestamptz NOT NULL,
    lease_owner       text,
    lease_expires_at  timestamptz,
    error_message     text,
    idempotency_key   text,
    hold_id           uuid,
    created_at        timestamptz NOT NULL,
    started_at        timestamptz,
    completed_at      timestamptz,
    CONSTRAINT jobs_idempotency UNIQUE (owner_id, idempotency_key),
    CONSTRAINT jobs_counts CHECK (successful_images >= 0 AND failed_images >= 0
        AND successful_images + failed_images <= total_images)
);
CREATE INDEX jobs_queued ON jobs (priority DESC, created_at, id) WHERE status = 'QUEUED';
CREATE INDEX jobs_leased ON jobs (lease_expires_at) WHERE status = 'RUNNING';
CREATE INDEX jobs_running_provider ON jobs (provider, lease_expires_at) WHERE status = 'RUNNING';
CREATE INDEX jobs_owner ON jobs (owner_id, id);
CREATE INDEX jobs_configuration ON jobs (configuration_id);
CREATE INDEX jobs_finished ON jobs (completed_at) WHERE status IN ('SUCCEEDED', 'FAILED', 'CANCELLED');

CREATE TABLE provider_limits (
    provider    text PRIMARY KEY,
    max_running integer NOT NULL CHECK (max_running >= 1)
);
