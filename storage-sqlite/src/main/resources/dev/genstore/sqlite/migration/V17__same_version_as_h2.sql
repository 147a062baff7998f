-- V17 changed H2's column types only (its bounded VARCHARs made unbounded, as text is here already). Nothing changes
-- here: the file keeps one schema version per genstore release on every backend, which export, import and copy compare.
SELECT 1;
