-- Images with their tags and variants, and blobs kept in the database (H2).
CREATE TABLE images (
    id                  UUID PRIMARY KEY,
    owner_id            UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    job_id              UUID REFERENCES jobs (id) ON DELETE SET NULL,
    type                VARCHAR NOT NULL CHECK (type IN ('GENERATED', 'UPLOADED')),
    status              VARCHAR NOT NULL CHECK (status IN ('PENDING', 'PROCESSING', 'COMPLETED', 'FAILED')),
    error_message       VARCHAR,
    title               VARCHAR,
    description         VARCHAR,
    prompt              VARCHAR,
    seed                BIGINT,
    model               VARCHAR,
    processing_settings VARCHAR NOT NULL,
    metadata            VARCHAR NOT NULL,
    qc_status           VARCHAR NOT NULL CHECK (qc_status IN ('PENDING', 'PASSED', 'FAILED')),
    qc_reason           VARCHAR,
    format              VARCHAR,
    width               INTEGER,
    height              INTEGER,
    byte_count          BIGINT,
    sha256              VARCHAR,
    storage_key         VARCHAR UNIQUE,
    tokens_used         BIGINT NOT NULL CHECK (tokens_used >= 0),
    created_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT images_content CHECK ((status = 'COMPLETED') = (storage_key IS NOT NULL))
);
CREATE INDEX images_owner ON images (owner_id, id);
CREATE INDEX images_owner_type ON images (owner_id, type, id);
CREATE INDEX images_owner_status ON images (owner_id, status, id);
CREATE INDEX images_owner_qc ON images (owner_id, qc_status, id);
CREATE INDEX images_job ON images (job_id, id);

CREATE TABLE image_tags (
    image_id UUID NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    owner_id UUID NOT NULL,
    tag      VARCHAR NOT NULL,
    PRIMARY KEY (image_id, tag)
);
CREATE INDEX image_tags_owner_tag ON image_tags (owner_id, tag, image_id);

CREATE TABLE image_variants (
    image_id    UUID NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    kind        VARCHAR NOT NULL CHECK (kind IN ('THUMBNAIL', 'WEB', 'PRINT')),
    format      VARCHAR NOT NULL,
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    byte_count  BIGINT NOT NULL,
    storage_key VARCHAR NOT NULL UNIQUE,
    PRIMARY KEY (image_id, kind)
);

CREATE TABLE blobs (
    blob_key     VARCHAR PRIMARY KEY,
    content_type VARCHAR NOT NULL,
    byte_count   BIGINT NOT NULL,
    content      VARBINARY NOT NULL,
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
