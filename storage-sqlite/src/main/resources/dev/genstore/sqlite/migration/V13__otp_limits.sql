-- Sign-in code limits per email (issue 12): codes issued and refused verifications in the current fixed window,
-- kept in the database so that every process and instance sharing it counts against the same limits.
CREATE TABLE otp_limits (
    email              TEXT PRIMARY KEY,
    issue_window_end   INTEGER NOT NULL,
    issues             INTEGER NOT NULL,
    failure_window_end INTEGER NOT NULL,
    failures           INTEGER NOT NULL
) STRICT;
