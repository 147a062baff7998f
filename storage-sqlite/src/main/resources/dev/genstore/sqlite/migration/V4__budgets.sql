-- Provider budgets: limits, spend records, reservations and threshold alerts (SQLite).
CREATE TABLE budget_limits (
    id         TEXT PRIMARY KEY,
    scope      TEXT NOT NULL,
    period     TEXT NOT NULL CHECK (period IN ('DAILY', 'MONTHLY')),
    currency   TEXT NOT NULL,
    amount     INTEGER NOT NULL CHECK (amount > 0),
    thresholds TEXT NOT NULL,
    hard       INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CONSTRAINT budget_limits_scope UNIQUE (scope, period, currency)
) STRICT;

CREATE TABLE budget_spend (
    id             TEXT PRIMARY KEY,
    provider       TEXT NOT NULL,
    model          TEXT NOT NULL,
    currency       TEXT NOT NULL,
    amount         INTEGER NOT NULL CHECK (amount >= 0),
    job_id         TEXT,
    user_id        TEXT,
    reservation_id TEXT,
    spent_at       INTEGER NOT NULL
) STRICT;
CREATE INDEX budget_spend_currency_time ON budget_spend (currency, spent_at);
CREATE INDEX budget_spend_provider_time ON budget_spend (provider, currency, spent_at);

CREATE TABLE budget_reservations (
    id         TEXT PRIMARY KEY,
    provider   TEXT NOT NULL,
    model      TEXT NOT NULL,
    currency   TEXT NOT NULL,
    amount     INTEGER NOT NULL CHECK (amount > 0),
    status     TEXT NOT NULL CHECK (status IN ('ACTIVE', 'SETTLED', 'CANCELLED', 'EXPIRED')),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    settled_at INTEGER,
    spend_id   TEXT
) STRICT;
CREATE INDEX budget_reservations_active ON budget_reservations (currency, provider, created_at) WHERE status = 'ACTIVE';
CREATE INDEX budget_reservations_expiry ON budget_reservations (expires_at) WHERE status = 'ACTIVE';

CREATE TABLE budget_alerts (
    id         TEXT PRIMARY KEY,
    limit_id   TEXT NOT NULL REFERENCES budget_limits (id) ON DELETE CASCADE,
    period_key TEXT NOT NULL,
    threshold  INTEGER NOT NULL,
    spent      INTEGER NOT NULL,
    amount     INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    CONSTRAINT budget_alerts_once UNIQUE (limit_id, period_key, threshold)
) STRICT;
