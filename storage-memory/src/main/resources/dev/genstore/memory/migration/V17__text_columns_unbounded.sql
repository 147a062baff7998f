-- H2 had drifted from SQLite and PostgreSQL (issue 17): V1, V5, V9 and V13 declared bounded VARCHAR(n) where the other
-- dialects have unbounded text. The services check every length, so the bounds only made H2 fail differently (with an
-- SQL error instead of the service's InvalidInputException) if a limit in the code ever grew. Unbounded VARCHAR is H2's
-- text (its TEXT is a CLOB); SET DATA TYPE keeps each column's NOT NULL, keys and indexes.
-- Partial indexes (SQLite and PostgreSQL index only the rows a query asks for, e.g. WHERE status = 'QUEUED') have no
-- H2 equivalent: H2 keeps its full indexes, which lead with the same column.
ALTER TABLE users ALTER COLUMN email SET DATA TYPE VARCHAR;
ALTER TABLE users ALTER COLUMN display_name SET DATA TYPE VARCHAR;
ALTER TABLE users ALTER COLUMN language SET DATA TYPE VARCHAR;
ALTER TABLE users ALTER COLUMN given_name SET DATA TYPE VARCHAR;
ALTER TABLE users ALTER COLUMN family_name SET DATA TYPE VARCHAR;
ALTER TABLE user_roles ALTER COLUMN role SET DATA TYPE VARCHAR;
ALTER TABLE user_identities ALTER COLUMN provider SET DATA TYPE VARCHAR;
ALTER TABLE user_identities ALTER COLUMN subject SET DATA TYPE VARCHAR;
ALTER TABLE otp_challenges ALTER COLUMN email SET DATA TYPE VARCHAR;
ALTER TABLE otp_limits ALTER COLUMN email SET DATA TYPE VARCHAR;
ALTER TABLE token_accounts ALTER COLUMN plan SET DATA TYPE VARCHAR;
ALTER TABLE ledger_entries ALTER COLUMN reason SET DATA TYPE VARCHAR;
ALTER TABLE ledger_entries ALTER COLUMN reference_id SET DATA TYPE VARCHAR;
ALTER TABLE token_holds ALTER COLUMN reason SET DATA TYPE VARCHAR;
ALTER TABLE token_holds ALTER COLUMN reference_id SET DATA TYPE VARCHAR;
ALTER TABLE token_holds ALTER COLUMN status SET DATA TYPE VARCHAR;
ALTER TABLE prompts ALTER COLUMN hash SET DATA TYPE VARCHAR;
ALTER TABLE prompt_models ALTER COLUMN model SET DATA TYPE VARCHAR;
