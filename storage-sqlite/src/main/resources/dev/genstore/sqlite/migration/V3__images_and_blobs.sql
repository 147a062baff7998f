-- Images with their tags and variants, and blobs kept in the database (SQLite).
-- (SQLite's default blob store is a directory beside the database file; the blobs table serves an application that
-- chooses the database instead.)
CREATE TABLE images (
    id                  TEXT PRIMARY KEY,
    owner_id            TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    job_id              TEXT REFERENCES jobs (id) ON DELETE SET NULL,
    type                TEXT NOT NULL CHECK (type IN ('GENERATED', 'UPLOADED')),
    status              TEXT NOT NULL CHECK (status IN ('PENDING', 'PROCESSING', 'COMPLETED', 'FAILED')),
    error_message       TEXT,
    title               TEXT,
    description         TEXT,
    prompt              TEXT,
    seed                INTEGER,
    model               TEXT,
    processing_settings TEXT NOT NULL,
    metadata            TEXT NOT NULL,
    qc_status           TEXT NOT NULL CHECK (qc_status IN ('PENDING', 'PASSED', 'FAILED')),
    qc_reason           TEXT,
    format              TEXT,
    width               INTEGER,
    height              INTEGER,
    byte_count          INTEGER,
    sha256              TEXT,
    storage_key         TEXT UNIQUE,
    tokens_used         INTEGER NOT NULL CHECK (tokens_used >= 0),
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    CONSTRAINT images_content CHECK ((status = 'COMPLETED') = (storage_key IS NOT NULL))
) STRICT;
CREATE INDEX images_owner ON images (owner_id, id);
CREATE INDEX images_owner_type ON images (owner_id, type, id);
CREATE INDEX images_owner_status ON images (owner_id, status, id);
CREATE INDEX images_owner_qc ON images (owner_id, qc_status, id);
CREATE INDEX images_job ON images (job_id, id);

CREATE TABLE image_tags (
    image_id TEXT NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    owner_id TEXT NOT NULL,
    tag      TEXT NOT NULL,
    PRIMARY KEY (image_id, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX image_tags_owner_tag ON image_tags (owner_id, tag, image_id);

CREATE TABLE image_variants (
    image_id    TEXT NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('THUMBNAIL', 'WEB', 'PRINT')),
    format      TEXT NOT NULL,
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    byte_count  INTEGER NOT NULL,
    storage_key TEXT NOT NULL UNIQUE,
    PRIMARY KEY (image_id, kind)
) STRICT, WITHOUT ROWID;

CREATE TABLE blobs (
    blob_key     TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    byte_count   INTEGER NOT NULL,
    content      BLOB NOT NULL,
    created_at   INTEGER NOT NULL
) STRICT;
