-- Provider rate limits (issue 14): at most max_claims claims of a provider in any window of window_millis, counted
-- in the claim's own transaction from a log of recent claims (one row per provider and claim instant), so every
-- worker and process sharing the database counts against the same limit. Old log rows are deleted by the claims.
CREATE TABLE provider_rate_limits (
    provider      text PRIMARY KEY,
    max_claims    integer NOT NULL CHECK (max_claims >= 1),
    window_millis bigint NOT NULL CHECK (window_millis >= 1000 AND window_millis <= 86400000)
);

CREATE TABLE provider_claims (
    provider   text NOT NULL,
    claimed_at timestamptz NOT NULL,
    claims     integer NOT NULL CHECK (claims >= 1),
    PRIMARY KEY (provider, claimed_at)
);
