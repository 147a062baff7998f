-- Provider budgets: limits, spend records, reservations and threshold alerts (H2).
CREATE TABLE budget_limits (
    id         UUID PRIMARY KEY,
    scope      VARCHAR NOT NULL,
    period     VARCHAR NOT NULL CHECK (period IN ('DAILY', 'MONTHLY')),
    currency   VARCHAR NOT NULL,
    amount     BIGINT NOT NULL CHECK (amount > 0),
    thresholds VARCHAR NOT NULL,
    hard       INTEGER NOT NULL,
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT budget_limits_scope UNIQUE (scope, period, currency)
);

CREATE TABLE budget_spend (
    id             UUID PRIMARY KEY,
    provider       VARCHAR NOT NULL,
    model          VARCHAR NOT NULL,
    currency       VARCHAR NOT NULL,
    amount         BIGINT NOT NULL CHECK (amount >= 0),
    job_id         UUID,
    user_id        UUID,
    reservation_id UUID,
    spent_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX budget_spend_currency_time ON budget_spend (currency, spent_at);
CREATE INDEX budget_spend_provider_time ON budget_spend (provider, currency, spent_at);

CREATE TABLE budget_reservations (
    id         UUID PRIMARY KEY,
    provider   VARCHAR NOT NULL,
    model      VARCHAR NOT NULL,
    currency   VARCHAR NOT NULL,
    amount     BIGINT NOT NULL CHECK (amount > 0),
    status     VARCHAR NOT NULL CHECK (status IN ('ACTIVE', 'SETTLED', 'CANCELLED', 'EXPIRED')),
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    settled_at TIMESTAMP(6) WITH TIME ZONE,
    spend_id   UUID
);
CREATE INDEX budget_reservations_active ON budget_reservations (status, currency, provider, created_at);
CREATE INDEX budget_reservations_expiry ON budget_reservations (status, expires_at);

CREATE TABLE budget_alerts (
    id         UUID PRIMARY KEY,
    limit_id   UUID NOT NULL REFERENCES budget_limits (id) ON DELETE CASCADE,
    period_key VARCHAR NOT NULL,
    threshold  INTEGER NOT NULL,
    spent      BIGINT NOT NULL,
    amount     BIGINT NOT NULL,
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT budget_alerts_once UNIQUE (limit_id, period_key, threshold)
);
