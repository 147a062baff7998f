-- Index only the jobs that have the value: most jobs carry neither an idempotency key nor a configuration, and every
-- update of a job that is not HOT (each status change is one: status is in the partial indexes' predicates) adds an
-- entry to every index that covers the row. A NULL key in a full index is an entry too. Lookups ask for
-- idempotency_key = ? and configuration_id = ? (the foreign key's too), which imply IS NOT NULL, so the planner uses
-- these indexes as before. Uniqueness is the same: NULL keys never collided.
ALTER TABLE jobs DROP CONSTRAINT jobs_idempotency;
CREATE UNIQUE INDEX jobs_idempotency ON jobs (owner_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
DROP INDEX jobs_configuration;
CREATE INDEX jobs_configuration ON jobs (configuration_id) WHERE configuration_id IS NOT NULL;
