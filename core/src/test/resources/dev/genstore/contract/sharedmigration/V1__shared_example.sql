-- An example of a shared migration (see "Adding a column" in docs/architecture.md): one file for every dialect, with
-- the dialect's placeholders where the SQL differs. LiveSchemaContract applies it on each backend.
CREATE TABLE shared_example (
    id       ${uuid} PRIMARY KEY,
    name     ${text} NOT NULL,
    blob_key ${key_text} NOT NULL UNIQUE,
    at       ${instant},
    document ${json} NOT NULL,
    content  ${bytes},
    small    ${integer} NOT NULL,
    large    ${bigint} NOT NULL,
    ratio    ${double}
) ${table_options};
CREATE INDEX shared_example_name ON shared_example (name, id);
