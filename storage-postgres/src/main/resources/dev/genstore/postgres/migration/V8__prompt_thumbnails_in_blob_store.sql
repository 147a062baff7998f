-- A prompt thumbnail is kept in its row (content) or in the blob store (storage_key), exactly one of the two.
ALTER TABLE prompt_thumbnails ALTER COLUMN content DROP NOT NULL;
ALTER TABLE prompt_thumbnails ADD COLUMN storage_key text;
ALTER TABLE prompt_thumbnails ADD CONSTRAINT prompt_thumbnails_one_place CHECK ((content IS NULL) <> (storage_key IS NULL));
