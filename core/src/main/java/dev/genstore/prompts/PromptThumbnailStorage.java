package dev.genstore.prompts;

/** Where the prompt library keeps its thumbnails; chosen with {@code Genstore.Builder#promptThumbnails}. */
public enum PromptThumbnailStorage {
    /** In the thumbnail's database row, as a BLOB (the default; what seed 002 does). */
    DATABASE,
    /**
     * In the store's blob store (a directory beside the SQLite file by default), under {@code prompts/<uuid>.webp}; the
     * row keeps the key. Keeps the database small when many prompts have thumbnails.
     */
    BLOB_STORE
}
