-- A cache entry's bytes are kept in its row (content: values up to CachePolicy.inlineBytes, read by a hit in the same
-- statement as the entry) or in the blob store (blob_key), exactly one of the two.
ALTER TABLE cache_entries ALTER COLUMN blob_key DROP NOT NULL;
ALTER TABLE cache_entries ADD COLUMN content bytea;
ALTER TABLE cache_entries ADD CONSTRAINT cache_entries_one_place CHECK ((content IS NULL) <> (blob_key IS NULL));
