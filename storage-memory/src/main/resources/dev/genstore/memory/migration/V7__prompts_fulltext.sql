-- The prompt library's search (H2): H2's native full-text index over the space-separated search terms genstore cuts
-- from the text (letters, digits, marks, CJK characters and pairs; never a delimiter of H2's tokenizer, which splits
-- on whitespace and ASCII punctuation and upper-cases each word). FT_INIT adds the FT schema (words, rows, word map)
-- and the FT_* functions to this database; FT_CREATE_INDEX indexes the existing rows and adds the trigger that keeps
-- the index in step with every insert, update and delete of a prompt, in the same transaction.
CREATE ALIAS IF NOT EXISTS FT_INIT FOR 'org.h2.fulltext.FullText.init';
CALL FT_INIT();
CALL FT_CREATE_INDEX(CURRENT_SCHEMA, 'PROMPTS', 'SEARCH_TERMS');
-- H2 caches word ids in a JVM-wide map by database name, and a memory database's name may have been used before in
-- this JVM: FT_REINDEX forgets any cached ids (and rebuilds the index, empty here).
CALL FT_REINDEX();
