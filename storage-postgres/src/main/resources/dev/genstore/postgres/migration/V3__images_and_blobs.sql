-- Images with their tags and variants, and blobs kept in the database (PostgreSQL).
-- Keys use the "C" collation: listings page by byte order, whatever the database's locale.
CREATE TABLE images (
    id                  uuid PRIMARY KEY,
    owner_id            uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    job_id              uuid REFERENCES jobs (id) ON DELETE SET NULL,
    type                text NOT NULL CHECK (type IN ('GENERATED', 'UPLOADED')),
    status              text NOT NULL CHECK (status IN ('PENDING', 'PROCESSING', 'COMPLETED', 'FAILED')),
    error_message       text,
    title               text,
    description         text,
    prompt              text,
    seed                bigint,
    model               text,
    processing_settings json NOT NULL,
    metadata            json NOT NULL,
    qc_status           text NOT NULL CHECK (qc_status IN ('PENDING', 'PASSED', 'FAILED')),
    qc_reason           text,
    format              text,
    width               integer,
    height              integer,
    byte_count          bigint,
    sha256              text,
    storage_key         text COLLATE "C" UNIQUE,
    tokens_used         bigint NOT NULL CHECK (tokens_used >= 0),
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    CONSTRAINT images_content CHECK ((status = 'COMPLETED') = (storage_key IS NOT NULL))
);
CREATE INDEX images_owner ON images (owner_id, id);
CREATE INDEX images_owner_type ON images (owner_id, type, id);
CREATE INDEX images_owner_status ON images (owner_id, status, id);
CREATE INDEX images_owner_qc ON images (owner_id, qc_status, id);
CREATE INDEX images_job ON images (job_id, id);

CREATE TABLE image_tags (
    image_id uuid NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    owner_id uuid NOT NULL,
    tag      text NOT NULL,
    PRIMARY KEY (image_id, tag)
);
CREATE INDEX image_tags_owner_tag ON image_tags (owner_id, tag, image_id);

CREATE TABLE image_variants (
    image_id    uuid NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('THUMBNAIL', 'WEB', 'PRINT')),
    format      text NOT NULL,
    width       integer NOT NULL,
    height      integer NOT NULL,
    byte_count  bigint NOT NULL,
    storage_key text COLLATE "C" NOT NULL UNIQUE,
    PRIMARY KEY (image_id, kind)
);

CREATE TABLE blobs (
    blob_key     text COLLATE "C" PRIMARY KEY,
    content_type text NOT NULL,
    byte_count   bigint NOT NULL,
    content      bytea NOT NULL,
    created_at   timestamptz NOT NULL
);
