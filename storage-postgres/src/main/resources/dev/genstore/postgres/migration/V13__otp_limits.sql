-- Sign-in code limits per email (issue 12): codes issued and refused verifications in the current fixed window,
-- kept in the database so that every process and instance sharing it counts against the same limits.
CREATE TABLE otp_limits (
    email              text PRIMARY KEY,
    issue_window_end   timestamptz NOT NULL,
    issues             integer NOT NULL,
    failure_window_end timestamptz NOT NULL,
    failures           integer NOT NULL
);
