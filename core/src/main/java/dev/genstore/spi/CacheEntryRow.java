package dev.genstore.spi;

import dev.genstore.cache.CacheEntry;

/**
 * A cache entry as stored: its metadata, and where its bytes are: in the blob store under {@code blobKey}, or in the
 * database beside the entry's row ({@code blobKey} null). Exactly one of the two.
 *
 * @param entry   the metadata
 * @param blobKey where the bytes are in the blob store; {@code null} when they are kept in the database
 * @param content the bytes kept in the database: given to {@link CacheRepository#insert} for such an entry, and read back
 *                only by {@link CacheRepository#lookup}; {@code null} otherwise (listings do not read it)
 */
public record CacheEntryRow(CacheEntry entry, String blobKey, byte[] content) {
    /** An entry whose bytes are in the blob store. */
    public CacheEntryRow(CacheEntry entry, String blobKey) {
        this(entry, blobKey, null);
    }

    /** True when the bytes are kept in the database rather than in the blob store. */
    public boolean inline() {
        return blobKey == null;
    }
}
