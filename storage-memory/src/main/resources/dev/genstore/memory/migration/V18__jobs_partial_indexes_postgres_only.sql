-- V18 made two of PostgreSQL's job indexes partial (rows with a NULL key left out). H2 has no partial index; nothing
-- changes here: the file keeps one schema version per release on every backend.
SELECT 1;
