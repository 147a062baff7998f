-- What a partly successful job captures of its hold, chosen at submit (SQLite). Jobs from before keep the rule that
-- applied to them: the successful share, rounded down.
ALTER TABLE jobs ADD COLUMN capture_rule TEXT DEFAULT 'PROPORTIONAL_ROUND_DOWN' NOT NULL
    CHECK (capture_rule IN ('PROPORTIONAL_ROUND_DOWN', 'PROPORTIONAL_ROUND_UP', 'ALL_IF_ANY_SUCCEEDS'));
