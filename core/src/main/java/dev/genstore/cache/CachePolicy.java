package dev.genstore.cache;

import dev.genstore.errors.InvalidInputException;
import java.time.Duration;

/**
 * The cache's bounds.
 *
 * @param maxEntries       most entries kept (at least 1)
 * @param maxBytes         most bytes kept in all (at least 1); a single larger image is refused
 * @param timeToLive       how long an entry lives after its put, or {@code null} for ever
 * @param accessBufferSize hits buffered in memory before they are written in one transaction (at least 1)
 */
public record CachePolicy(long maxEntries, long maxBytes, Duration timeToLive, int accessBufferSize) {
    /** 10,000 entries, 1 GiB, no time-to-live, 1,024 buffered hits. */
    public static final CachePolicy DEFAULT = new CachePolicy(10_000, 1L << 30, null, 1024);

    public CachePolicy {
        if (maxEntries < 1) {
            throw new InvalidInputException("maxEntries", "must be at least 1, was " + maxEntries);
        }
        if (maxBytes < 1) {
            throw new InvalidInputException("maxBytes", "must be at least 1, was " + maxBytes);
        }
        if (timeToLive != null && (timeToLive.isNegative() || timeToLive.isZero())) {
            throw new InvalidInputException("timeToLive", "must be positive or null, was " + timeToLive);
        }
        if (accessBufferSize < 1) {
            throw new InvalidInputException("accessBufferSize", "must be at least 1, was " + accessBufferSize);
        }
    }

    /** This policy with other bounds. */
    public CachePolicy bounds(long entries, long bytes) {
        return new CachePolicy(entries, bytes, timeToLive, accessBufferSize);
    }

    /** This policy with a time-to-live ({@code null} for none). */
    public CachePolicy timeToLive(Duration ttl) {
        return new CachePolicy(maxEntries, maxBytes, ttl, accessBufferSize);
    }

    /** This policy with another access buffer size. */
    public CachePolicy accessBufferSize(int size) {
        return new CachePolicy(maxEntries, maxBytes, timeToLive, size);
    }
}
