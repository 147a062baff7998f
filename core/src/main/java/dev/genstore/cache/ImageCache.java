package dev.genstore.cache;

import dev.genstore.errors.InvalidInputException;
import java.util.Map;
import java.util.Optional;

/**
 * Cached generated images keyed by (namespace, item key, configuration hash), the bytes in the blob store.
 *
 * <p>The configuration hash is the SHA-256 (lower-case hex) of the configuration's canonical JSON: object keys sorted
 * by code point, no whitespace, strings as Jackson escapes them, numbers as the shortest decimal of their exact value
 * (trailing zeros stripped, so {@code 1}, {@code 1.0}, {@code 1e0} and {@code 10E-1} are all {@code 1}; plain digits
 * for integers below 10^21, otherwise {@code <digits>E<exponent>}). Key order, whitespace and number formatting
 * therefore do not change it.
 *
 * <p>Bounds ({@link CachePolicy}): a put evicts least-recently-used entries (and expired ones) until the cache is
 * within its entry and byte limits, in the order of last use, buffered hits included. A hit costs no write transaction:
 * hits are buffered in memory and written in one transaction when the buffer fills, on {@link #flushAccesses()} and
 * when the store closes.
 */
public interface ImageCache {

    /**
     * The configuration hash of {@code configuration} (JSON values).
     *
     * @throws InvalidInputException for a value that is not JSON (a bean, NaN, a non-string key)
     */
    String configurationHash(Map<String, Object> configuration);

    /** The configuration hash of a JSON object given as text. */
    String configurationHash(String json);

    /** The live entry for this key with its bytes, counted as a hit; empty (a miss) when there is none or it expired. */
    Optional<CachedImage> get(String namespace, String itemKey, Map<String, Object> configuration);

    /** The live entry's metadata, without counting a hit or a miss. */
    Optional<CacheEntry> peek(String namespace, String itemKey, Map<String, Object> configuration);

    /**
     * Puts an image, replacing the entry with the same key, then evicts expired and least-recently-used entries
     * until the bounds hold.
     *
     * @throws InvalidInputException for a bad field, or content larger than the cache's byte limit
     */
    CacheEntry put(NewCacheEntry entry, byte[] content);

    /** True when the item has no live entry for this configuration: the app must (re)generate it. */
    boolean hasChanged(String namespace, String itemKey, Map<String, Object> configuration);

    /** Drops the item's entries made from any other configuration than {@code current}. Returns how many. */
    int invalidate(String namespace, String itemKey, Map<String, Object> current);

    /** Drops every entry of the namespace. Returns how many. */
    int invalidateNamespace(String namespace);

    /** Drops expired entries (counted as evictions). Returns how many. */
    int evictExpired();

    /** Writes the buffered hits (counts and access times) in one transaction. */
    void flushAccesses();

    /** Hits, misses, entries, bytes and evictions: exact, including hits not yet flushed. */
    CacheStatistics statistics();
}
