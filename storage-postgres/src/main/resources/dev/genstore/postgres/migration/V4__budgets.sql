-- Provider budgets: limits, spend records, reservations and threshold alerts (PostgreSQL).
CREATE TABLE budget_limits (
    id         uuid PRIMARY KEY,
    scope      text NOT NULL,
    period     text NOT NULL CHECK (period IN ('DAILY', 'MONTHLY')),
    currency   text NOT NULL,
    amount     bigint NOT NULL CHECK (amount > 0),
    thresholds text NOT NULL,
    hard       integer NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT budget_limits_scope UNIQUE (scope, period, currency)
);

CREATE TABLE budget_spend (
    id             uuid PRIMARY KEY,
    provider       text NOT NULL,
    model          text NOT NULL,
    currency       text NOT NULL,
    amount         bigint NOT NULL CHECK (amount >= 0),
    job_id         uuid,
    user_id        uuid,
    reservation_id uuid,
    spent_at       timestamptz NOT NULL
);
CREATE INDEX budget_spend_currency_time ON budget_spend (currency, spent_at);
CREATE INDEX budget_spend_provider_time ON budget_spend (provider, currency, spent_at);

CREATE TABLE budget_reservations (
    id         uuid PRIMARY KEY,
    provider   text NOT NULL,
    model      text NOT NULL,
    currency   text NOT NULL,
    amount     bigint NOT NULL CHECK (amount > 0),
    status     text NOT NULL CHECK (status IN ('ACTIVE', 'SETTLED', 'CANCELLED', 'EXPIRED')),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    settled_at timestamptz,
    spend_id   uuid
);
CREATE INDEX budget_reservations_active ON budget_reservations (currency, provider, created_at) WHERE status = 'ACTIVE';
CREATE INDEX budget_reservations_expiry ON budget_reservations (expires_at) WHERE status = 'ACTIVE';

CREATE TABLE budget_alerts (
    id         uuid PRIMARY KEY,
    limit_id   uuid NOT NULL REFERENCES budget_limits (id) ON DELETE CASCADE,
    period_key text NOT NULL,
    threshold  integer NOT NULL,
    spent      bigint NOT NULL,
    amount     bigint NOT NULL,
    created_at timestamptz NOT NULL,
    CONSTRAINT budget_alerts_once UNIQUE (limit_id, period_key, threshold)
);
