-- V18 made two of PostgreSQL's job indexes partial (rows with a NULL key left out), where every update of a job adds an
-- entry to every index. SQLite updates only the indexes whose columns change, and its idempotency key is a table
-- constraint a rebuild would be needed to change; nothing changes here: the file keeps one schema version per release.
SELECT 1;
