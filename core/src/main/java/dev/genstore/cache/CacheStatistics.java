package dev.genstore.cache;

/**
 * The cache's counters: exact, under any concurrency within one store.
 *
 * @param hits      gets that found a live entry
 * @param misses    gets that found none (or an expired one)
 * @param entries   entries stored
 * @param bytes     their total size
 * @param evictions entries dropped to respect the bounds or the time-to-live
 */
public record CacheStatistics(long hits, long misses, long entries, long bytes, long evictions) {
    /** hits ÷ (hits + misses); 0 when there were no gets. */
    public double hitRatio() {
        long gets = hits + misses;
        return gets == 0 ? 0.0 : (double) hits / gets;
    }
}
