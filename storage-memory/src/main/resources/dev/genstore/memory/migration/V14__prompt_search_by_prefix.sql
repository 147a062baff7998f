-- Prompt search matches word prefixes ("sun" finds "sunset"). H2's native full-text index (V7) only finds whole words,
-- so the memory backend now matches the prompts' search terms with LIKE (H2Dialect.promptSearch) and the index, which
-- every insert and delete of a prompt still maintained, goes: FT_DROP_ALL drops its trigger and the FT schema.
CALL FT_DROP_ALL();
