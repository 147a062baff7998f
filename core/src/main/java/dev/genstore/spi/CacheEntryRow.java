package dev.genstore.spi;

import dev.genstore.cache.CacheEntry;

/**
 * A cache entry as stored: its metadata and the key of its bytes in the blob store.
 *
 * @param entry   the metadata
 * @param blobKey where the bytes are
 */
public record CacheEntryRow(CacheEntry entry, String blobKey) {
}
