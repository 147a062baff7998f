-- Prompt search matches word prefixes ("sun" finds "sunset"). This backend's index answers prefix queries as it is
-- (FTS5 "term"*, tsquery 'term':* over the GIN index), so nothing changes here; the version exists so that every
-- backend's schema has the same latest version (export, import and copy compare it), as the memory backend's V14 does.
SELECT 1;
