-- Users, one-time passwords and the token ledger (SQLite).
-- Ids are canonical UUID text; instants are INTEGER microseconds since the Unix epoch (UTC).
CREATE TABLE users (
    id           TEXT PRIMARY KEY,
    email        TEXT NOT NULL UNIQUE,
    display_name TEXT,
    language     TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
) STRICT;

CREATE TABLE user_roles (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role    TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
) STRICT, WITHOUT ROWID;

CREATE TABLE user_identities (
    provider   TEXT NOT NULL,
    subject    TEXT NOT NULL,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (provider, subject)
) STRICT, WITHOUT ROWID;
CREATE INDEX user_identities_user ON user_identities (user_id);

CREATE TABLE otp_challenges (
    id           TEXT PRIMARY KEY,
    email        TEXT NOT NULL,
    salt         BLOB NOT NULL,
    code_hash    BLOB NOT NULL,
    attempts     INTEGER NOT NULL,
    max_attempts INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    used_at      INTEGER
) STRICT;
CREATE INDEX otp_challenges_email ON otp_challenges (email, created_at);
CREATE INDEX otp_challenges_expiry ON otp_challenges (expires_at);

CREATE TABLE token_accounts (
    user_id       TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    plan          TEXT NOT NULL,
    balance       INTEGER NOT NULL,
    held          INTEGER NOT NULL,
    last_sequence INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    CONSTRAINT token_accounts_not_overdrawn CHECK (held >= 0 AND balance >= held)
) STRICT;

CREATE TABLE ledger_entries (
    user_id       TEXT NOT NULL REFERENCES token_accounts (user_id) ON DELETE CASCADE,
    sequence      INTEGER NOT NULL,
    amount        INTEGER NOT NULL,
    reason        TEXT NOT NULL,
    reference_id  TEXT NOT NULL,
    balance_after INTEGER NOT NULL,
    hold_id       TEXT,
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (user_id, sequence),
    CONSTRAINT ledger_entries_reference UNIQUE (user_id, reference_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX ledger_entries_time ON ledger_entries (user_id, created_at);

CREATE TABLE token_holds (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES token_accounts (user_id) ON DELETE CASCADE,
    amount       INTEGER NOT NULL,
    captured     INTEGER NOT NULL,
    reason       TEXT NOT NULL,
    reference_id TEXT NOT NULL,
    status       TEXT NOT NULL,
    expires_at   INTEGER,
    created_at   INTEGER NOT NULL,
    settled_at   INTEGER,
    CONSTRAINT token_holds_reference UNIQUE (user_id, reference_id),
    CONSTRAINT token_holds_amounts CHECK (amount > 0 AND captured >= 0 AND captured <= amount)
) STRICT;
CREATE INDEX token_holds_active_expiry ON token_holds (expires_at) WHERE status = 'ACTIVE';
CREATE INDEX token_holds_user ON token_holds (user_id, status);
