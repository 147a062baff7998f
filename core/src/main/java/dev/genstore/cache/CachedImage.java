package dev.genstore.cache;

/**
 * A cache hit: the entry and its bytes.
 *
 * @param entry   the entry's metadata
 * @param content the bytes
 */
public record CachedImage(CacheEntry entry, byte[] content) {
}
