-- Job configurations, jobs and their queue, provider limits (H2).
CREATE TABLE job_configurations (
    id         UUID PRIMARY KEY,
    owner_id   UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       VARCHAR NOT NULL,
    settings   VARCHAR NOT NULL,
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT job_configurations_name UNIQUE (owner_id, name)
);

CREATE TABLE jobs (
    id                UUID PRIMARY KEY,
    owner_id          UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    configuration_id  UUID REFERENCES job_configurations (id) ON DELETE SET NULL,
    prompt            VARCHAR NOT NULL,
    parameters        VARCHAR NOT NULL,
    provider          VARCHAR NOT NULL,
    model             VARCHAR NOT NULL,
    token_cost        BIGINT NOT NULL,
    priority          INTEGER NOT NULL,
    status            VARCHAR NOT NULL,
    outcome           VARCHAR,
    total_images      INTEGER NOT NULL,
    successful_images INTEGER NOT NULL,
    failed_images     INTEGER NOT NULL,
    attempts          INTEGER NOT NULL,
    max_attempts      INTEGER NOT NULL,
    run_after         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    lease_owner       VARCHAR,
    lease_expires_at  TIMESTAMP(6) WITH TIME ZONE,
    error_message     VARCHAR,
    idempotency_key   VARCHAR,
    hold_id           UUID,
    created_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    started_at        TIMESTAMP(6) WITH TIME ZONE,
    completed_at      TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT jobs_idempotency UNIQUE (owner_id, idempotency_key),
    CONSTRAINT jobs_counts CHECK (successful_images >= 0 AND failed_images >= 0
        AND successful_images + failed_images <= total_images)
);
CREATE INDEX jobs_queued ON jobs (status, priority DESC, created_at, id);
CREATE INDEX jobs_leased ON jobs (status, lease_expires_at);
CREATE INDEX jobs_running_provider ON jobs (provider, status, lease_expires_at);
CREATE INDEX jobs_owner ON jobs (owner_id, id);
CREATE INDEX jobs_configuration ON jobs (configuration_id);
CREATE INDEX jobs_finished ON jobs (status, completed_at);

CREATE TABLE provider_limits (
    provider    VARCHAR PRIMARY KEY,
    max_running INTEGER NOT NULL CHECK (max_running >= 1)
);
