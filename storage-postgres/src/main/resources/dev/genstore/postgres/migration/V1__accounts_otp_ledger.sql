-- Users, one-time passwords and the token ledger (PostgreSQL).
CREATE TABLE users (
    id           uuid PRIMARY KEY,
    email        text NOT NULL UNIQUE,
    display_name text,
    language     text NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);

CREATE TABLE user_roles (
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role    text NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE user_identities (
    provider   text NOT NULL,
    subject    text NOT NULL,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (provider, subject)
);
CREATE INDEX user_identities_user ON user_identities (user_id);

CREATE TABLE otp_challenges (
    id           uuid PRIMARY KEY,
    email        text NOT NULL,
    salt         bytea NOT NULL,
    code_hash    bytea NOT NULL,
    attempts     integer NOT NULL,
    max_attempts integer NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz
);
CREATE INDEX otp_challenges_email ON otp_challenges (email, created_at);
CREATE INDEX otp_challenges_expiry ON otp_challenges (expires_at);

CREATE TABLE token_accounts (
    user_id       uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    plan          text NOT NULL,
    balance       bigint NOT NULL,
    held          bigint NOT NULL,
    last_sequence bigint NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    CONSTRAINT token_accounts_not_overdrawn CHECK (held >= 0 AND balance >= held)
);

CREATE TABLE ledger_entries (
    user_id       uuid NOT NULL REFERENCES token_accounts (user_id) ON DELETE CASCADE,
    sequence      bigint NOT NULL,
    amount        bigint NOT NULL,
    reason        text NOT NULL,
    reference_id  text NOT NULL,
    balance_after bigint NOT NULL,
    hold_id       uuid,
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (user_id, sequence),
    CONSTRAINT ledger_entries_reference UNIQUE (user_id, reference_id)
);
CREATE INDEX ledger_entries_time ON ledger_entries (user_id, created_at);

CREATE TABLE token_holds (
    id           uuid PRIMARY KEY,
    user_id      uuid NOT NULL REFERENCES token_accounts (user_id) ON DELETE CASCADE,
    amount       bigint NOT NULL,
    captured     bigint NOT NULL,
    reason       text NOT NULL,
    reference_id text NOT NULL,
    status       text NOT NULL,
    expires_at   timestamptz,
    created_at   timestamptz NOT NULL,
    settled_at   timestamptz,
    CONSTRAINT token_holds_reference UNIQUE (user_id, reference_id),
    CONSTRAINT token_holds_amounts CHECK (amount > 0 AND captured >= 0 AND captured <= amount)
);
CREATE INDEX token_holds_active_expiry ON token_holds (expires_at) WHERE status = 'ACTIVE';
CREATE INDEX token_holds_user ON token_holds (user_id, status);
