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
 * @param inlineBytes      content of at most this many bytes is kept in the database, beside the entry's row,
 *                         larger content in the blob store (0: always in the blob store; at most
 *                         {@value #MAX_INLINE_BYTES}). Where the bytes live is invisible to callers; a hit on a value
 *                         kept in the database reads it with the entry, in one statement.
 */
public record CachePolicy(long maxEntries, long maxBytes, Duration timeToLive, int accessBufferSize, int inlineBytes) {
    /** The default {@link #inlineBytes}: 100 KiB (sqlite.org measures blobs below about 100 KB read faster from the database than from files). */
    public static final int DEFAULT_INLINE_BYTES = 100 * 1024;
    /** The largest {@link #inlineBytes} allowed: 16 MiB. */
    public static final int MAX_INLINE_BYTES = 16 * 1024 * 1024;
    /** 10,000 entries, 1 GiB, no time-to-live, 1,024 buffered hits, values up to 100 KiB kept in the database row. */
    public static final CachePolicy DEFAULT = new CachePolicy(10_000, 1L << 30, null, 1024, DEFAULT_INLINE_BYTES);

    /** A policy that keeps values up to {@link #DEFAULT_INLINE_BYTES} in the database row. */
    public CachePolicy(long maxEntries, long maxBytes, Duration timeToLive, int accessBufferSize) {
        this(maxEntries, maxBytes, timeToLive, accessBufferSize, DEFAULT_INLINE_BYTES);
    }

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
        if (inlineBytes < 0 || inlineBytes > MAX_INLINE_BYTES) {
            throw new InvalidInputException("inlineBytes", "must be between 0 and " + MAX_INLINE_BYTES + ", was " + inlineBytes);
        }
    }

    /** This policy with other bounds. */
    public CachePolicy bounds(long entries, long bytes) {
        return new CachePolicy(entries, bytes, timeToLive, accessBufferSize, inlineBytes);
    }

    /** This policy with a time-to-live ({@code null} for none). */
    public CachePolicy timeToLive(Duration ttl) {
        return new CachePolicy(maxEntries, maxBytes, ttl, accessBufferSize, inlineBytes);
    }

    /** This policy with another access buffer size. */
    public CachePolicy accessBufferSize(int size) {
        return new CachePolicy(maxEntries, maxBytes, timeToLive, size, inlineBytes);
    }

    /** This policy keeping content of at most {@code bytes} bytes in the database row (0: none). */
    public CachePolicy inlineBytes(int bytes) {
        return new CachePolicy(maxEntries, maxBytes, timeToLive, accessBufferSize, bytes);
    }
}
