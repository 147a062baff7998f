-- Users, one-time passwords and the token ledger (H2).
CREATE TABLE users (
    id           UUID PRIMARY KEY,
    email        VARCHAR(254) NOT NULL UNIQUE,
    display_name VARCHAR(200),
    language     VARCHAR(35) NOT NULL,
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

CREATE TABLE user_roles (
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role    VARCHAR(64) NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE user_identities (
    provider   VARCHAR(64) NOT NULL,
    subject    VARCHAR(255) NOT NULL,
    user_id    UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (provider, subject)
);
CREATE INDEX user_identities_user ON user_identities (user_id);

CREATE TABLE otp_challenges (
    id           UUID PRIMARY KEY,
    email        VARCHAR(254) NOT NULL,
    salt         VARBINARY(32) NOT NULL,
    code_hash    VARBINARY(32) NOT NULL,
    attempts     INTEGER NOT NULL,
    max_attempts INTEGER NOT NULL,
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    used_at      TIMESTAMP(6) WITH TIME ZONE
);
CREATE INDEX otp_challenges_email ON otp_challenges (email, created_at);
CREATE INDEX otp_challenges_expiry ON otp_challenges (expires_at);

CREATE TABLE token_accounts (
    user_id       UUID PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    plan          VARCHAR(64) NOT NULL,
    balance       BIGINT NOT NULL,
    held          BIGINT NOT NULL,
    last_sequence BIGINT NOT NULL,
    created_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT token_accounts_not_overdrawn CHECK (held >= 0 AND balance >= held)
);

CREATE TABLE ledger_entries (
    user_id       UUID NOT NULL REFERENCES token_accounts (user_id) ON DELETE CASCADE,
    sequence      BIGINT NOT NULL,
    amount        BIGINT NOT NULL,
    reason        VARCHAR(64) NOT NULL,
    reference_id  VARCHAR(200) NOT NULL,
    balance_after BIGINT NOT NULL,
    hold_id       UUID,
    created_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, sequence),
    CONSTRAINT ledger_entries_reference UNIQUE (user_id, reference_id)
);
CREATE INDEX ledger_entries_time ON ledger_entries (user_id, created_at);

CREATE TABLE token_holds (
    id           UUID PRIMARY KEY,
    user_id      UUID NOT NULL REFERENCES token_accounts (user_id) ON DELETE CASCADE,
    amount       BIGINT NOT NULL,
    captured     BIGINT NOT NULL,
    reason       VARCHAR(64) NOT NULL,
    reference_id VARCHAR(200) NOT NULL,
    status       VARCHAR(16) NOT NULL,
    expires_at   TIMESTAMP(6) WITH TIME ZONE,
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    settled_at   TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT token_holds_reference UNIQUE (user_id, reference_id),
    CONSTRAINT token_holds_amounts CHECK (amount > 0 AND captured >= 0 AND captured <= amount)
);
CREATE INDEX token_holds_expiry ON token_holds (status, expires_at);
CREATE INDEX token_holds_user ON token_holds (user_id, status);
