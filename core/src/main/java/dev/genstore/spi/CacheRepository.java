package dev.genstore.spi;

import dev.genstore.cache.CacheStatistics;
import dev.genstore.images.ImageId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Storage of cache entries and the cache's counters. Every change to entries happens after {@link #lockCache()} in
 * the same transaction, so bounds checked after it hold until commit.
 */
public interface CacheRepository {
    /** Locks the cache (its counter row) until the transaction ends. */
    void lockCache();

    /** The entry with this key, without its bytes. */
    Optional<CacheEntryRow> find(String namespace, String itemKey, String configurationHash);

    /**
     * The entry with this key and, when they are kept in the database, its bytes ({@link CacheEntryRow#content()}), in one
     * statement: what a cache hit reads. The default is {@link #find}, for a storage that keeps no bytes in the database.
     */
    default Optional<CacheEntryRow> lookup(String namespace, String itemKey, String configurationHash) {
        return find(namespace, itemKey, configurationHash);
    }

    /** Stores an entry; its bytes too when {@link CacheEntryRow#inline()}. */
    void insert(CacheEntryRow row);

    boolean delete(UUID id);

    /** The entries of an item, any configuration. */
    List<CacheEntryRow> entriesOf(String namespace, String itemKey);

    /** Up to {@code limit} entries of a namespace. */
    List<CacheEntryRow> entriesOfNamespace(String namespace, int limit);

    /** The entries made from an image. */
    List<CacheEntryRow> entriesFrom(ImageId image);

    /** Up to {@code limit} entries created at or before {@code cutoff}, oldest first. */
    List<CacheEntryRow> createdAtOrBefore(Instant cutoff, int limit);

    /** Up to {@code limit} entries other than {@code exclude}, least recently accessed first (then by id). */
    List<CacheEntryRow> leastRecentlyUsed(UUID exclude, int limit);

    /** Adds hits to entries and moves their last access forward (never back); entries gone are skipped. */
    void recordAccesses(Map<UUID, Access> accesses);

    /** Adds to the hit, miss and eviction counters. */
    void addCounters(long hits, long misses, long evictions);

    /** The counters, and the entries and bytes stored. */
    CacheStatistics statistics();

    /**
     * Hits of one entry to record.
     *
     * @param hits the number of hits
     * @param last the latest of them
     */
    record Access(long hits, Instant last) {
    }
}
