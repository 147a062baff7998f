package dev.genstore.internal.cache;

import dev.genstore.cache.CacheEntry;
import dev.genstore.cache.CachePolicy;
import dev.genstore.cache.CacheStatistics;
import dev.genstore.internal.RowBlobs;
import dev.genstore.internal.ServiceContext;
import dev.genstore.spi.CacheEntryRow;
import dev.genstore.spi.CacheRepository;
import dev.genstore.spi.Repositories;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Taking entries out of the cache: past their time to live, and least recently used first while the cache is over its
 * bounds. Every method runs in the caller's transaction, after the caller locked the cache's counter row
 * ({@link CacheRepository#lockCache()}), so the bounds checked hold until commit. A dropped entry's bytes go with its
 * row, or after the commit when they live in the blob store ({@link RowBlobs#deleteAfterCommit}).
 */
final class CacheEviction {
    static final int BATCH = 100;

    private final ServiceContext context;
    private final CachePolicy policy;
    private final RowBlobs rowBlobs;
    private final CacheAccessBuffer accesses;

    CacheEviction(ServiceContext context, CachePolicy policy, RowBlobs rowBlobs, CacheAccessBuffer accesses) {
        this.context = context;
        this.policy = policy;
        this.rowBlobs = rowBlobs;
        this.accesses = accesses;
    }

    /** Whether {@code entry} is within its time to live at {@code now}. */
    boolean live(CacheEntry entry, Instant now) {
        return policy.timeToLive() == null || entry.createdAt().plus(policy.timeToLive()).isAfter(now);
    }

    /** Deletes the row, and its bytes with it (at commit when the bytes live outside the database). */
    void drop(Repositories r, CacheEntryRow row) {
        r.cache().delete(row.entry().id());
        if (row.inline()) {
            return; // the bytes went with the row
        }
        rowBlobs.deleteAfterCommit(r, List.of(row.blobKey()));
    }

    /** Drops the entries past their time to live at {@code now}; returns how many. */
    long expired(Repositories r, Instant now) {
        if (policy.timeToLive() == null) {
            return 0;
        }
        Instant cutoff = now.minus(policy.timeToLive());
        long evicted = 0;
        List<CacheEntryRow> rows;
        do {
            rows = r.cache().createdAtOrBefore(cutoff, BATCH);
            rows.forEach(row -> drop(r, row));
            evicted += rows.size();
        } while (!rows.isEmpty());
        return evicted;
    }

    /**
     * Drops entries other than {@code keep}, least recently used first, until the cache is within its bounds; returns
     * how many.
     */
    long overBounds(Repositories r, UUID keep) {
        CacheRepository cache = r.cache();
        CacheStatistics totals = cache.statistics();
        long entries = totals.entries();
        long bytes = totals.bytes();
        long evicted = 0;
        // Least recently used first, by the later of the stored last access and a hit still in the buffer (no
        // extra transaction to write the hits first). A window of the stored order is re-sorted that way; an
        // entry whose buffered hit is later than the window's end waits for later windows.
        Map<UUID, Instant> recent = entries > policy.maxEntries() || bytes > policy.maxBytes() ? accesses.recentAccesses() : Map.of();
        Function<CacheEntryRow, Instant> lastUse = row -> {
            Instant hit = recent.get(row.entry().id());
            Instant stored = row.entry().lastAccessedAt();
            return hit != null && hit.isAfter(stored) ? hit : stored;
        };
        while (entries > policy.maxEntries() || bytes > policy.maxBytes()) {
            int window = BATCH + recent.size();
            List<CacheEntryRow> stored = cache.leastRecentlyUsed(keep, window);
            if (stored.isEmpty()) {
                break;
            }
            Instant end = stored.get(stored.size() - 1).entry().lastAccessedAt();
            boolean whole = stored.size() < window; // every other entry is in it
            List<CacheEntryRow> oldest = stored.stream().filter(row -> whole || !lastUse.apply(row).isAfter(end))
                    .sorted(Comparator.comparing(lastUse)).toList();
            for (CacheEntryRow row : oldest) {
                if (entries <= policy.maxEntries() && bytes <= policy.maxBytes()) {
                    break;
                }
                drop(r, row);
                entries--;
                bytes -= row.entry().byteCount();
                evicted++;
            }
        }
        return evicted;
    }

    /** Adds {@code evicted} to the eviction counter, and reports it to the metrics once the transaction commits. */
    void count(Repositories r, long evicted) {
        if (evicted > 0) {
            r.cache().addCounters(0, 0, evicted);
            context.reportAfterCommit(m -> m.cacheEvicted(evicted));
        }
    }
}
