package dev.genstore.internal;

import dev.genstore.blobs.BlobKeys;
import dev.genstore.cache.CacheEntry;
import dev.genstore.cache.CachePolicy;
import dev.genstore.cache.CacheStatistics;
import dev.genstore.cache.CachedImage;
import dev.genstore.cache.ImageCache;
import dev.genstore.cache.NewCacheEntry;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.errors.StorageException;
import dev.genstore.images.ImageId;
import dev.genstore.spi.CacheEntryRow;
import dev.genstore.spi.CacheRepository;
import dev.genstore.spi.Repositories;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache's rules. Reads run in read transactions; hits and misses go to an in-memory access buffer that is written
 * in one transaction when it fills ({@link CachePolicy#accessBufferSize()} hits), on {@link #flushAccesses()} and on
 * close. Eviction reads the buffer, so it evicts in the order of use without writing the hits first. Puts and invalidations lock the cache's counter row, so the bounds checked
 * after the lock hold until commit under any number of writers.
 */
public final class ImageCacheService implements ImageCache {
    private static final Logger LOG = LoggerFactory.getLogger(ImageCacheService.class);
    private static final int BATCH = 100;

    private final ServiceContext context;
    private final CachePolicy policy;
    private final RowBlobs rowBlobs;
    /** Recording takes the read side (many at once); swapping the buffer takes the write side. */
    private final ReentrantReadWriteLock swap = new ReentrantReadWriteLock();
    /** One flush at a time; statistics read under it so that a flush in flight is never counted twice or not at all. */
    private final ReentrantLock flushing = new ReentrantLock();
    private volatile Buffer buffer;
    /** The buffer a flush is writing, until its transaction ends: its hits are in neither the buffer nor (yet) the rows. */
    private volatile Buffer inFlight;

    public ImageCacheService(ServiceContext context, CachePolicy policy) {
        this.context = context;
        this.policy = policy;
        this.buffer = newBuffer();
        this.rowBlobs = new RowBlobs(context, "cache");
    }

    /** A buffer sized for the distinct entries it can hold, so that filling it never rehashes its map. */
    private Buffer newBuffer() {
        return new Buffer(Math.min(policy.accessBufferSize(), 1 << 14));
    }

    /** Accesses not yet written. */
    private static final class Buffer {
        final LongAdder hits = new LongAdder();
        final LongAdder misses = new LongAdder();
        final LongAdder events = new LongAdder();
        final Map<UUID, Pending> entries;

        Buffer(int expectedEntries) {
            entries = new ConcurrentHashMap<>(expectedEntries);
        }

        boolean isEmpty() {
            return events.sum() == 0;
        }

        void merge(Buffer other) {
            hits.add(other.hits.sum());
            misses.add(other.misses.sum());
            events.add(other.events.sum());
            other.entries.forEach((id, p) -> {
                Pending mine = entries.computeIfAbsent(id, k -> new Pending());
                mine.hits.add(p.hits.sum());
                mine.seen(p.last.get());
            });
        }
    }

    private static final class Pending {
        final LongAdder hits = new LongAdder();
        final AtomicReference<Instant> last = new AtomicReference<>();

        void seen(Instant at) {
            if (at != null) {
                last.accumulateAndGet(at, (a, b) -> a == null || b.isAfter(a) ? b : a);
            }
        }
    }

    @Override
    public String configurationHash(Map<String, Object> configuration) {
        return CanonicalJson.hash("configuration", configuration);
    }

    @Override
    public String configurationHash(String json) {
        return CanonicalJson.hash("configuration", json);
    }

    @Override
    public Optional<CachedImage> get(String namespace, String itemKey, Map<String, Object> configuration) {
        String ns = namespace(namespace);
        String item = itemKey(itemKey);
        String hash = configurationHash(configuration);
        Instant now = context.now();
        // One statement, no transaction of its own: the row, with its bytes when they are kept in it. Bytes in the
        // blob store are read after it (a directory or S3 store), or in a second read (a database store).
        Optional<CachedImage> found = context.storage().readOneStatement(r -> r.cache().lookup(ns, item, hash))
                .filter(row -> live(row.entry(), now))
                .flatMap(row -> content(row).map(bytes -> new CachedImage(row.entry(), bytes)));
        context.report(found.isPresent() ? m -> m.cacheHit(ns) : m -> m.cacheMiss(ns));
        boolean full;
        swap.readLock().lock();
        try {
            Buffer b = buffer;
            if (found.isPresent()) {
                b.hits.increment();
                Pending p = b.entries.computeIfAbsent(found.get().entry().id(), k -> new Pending());
                p.hits.increment();
                p.seen(now);
            } else {
                b.misses.increment();
            }
            b.events.increment();
            full = b.events.sum() >= policy.accessBufferSize();
        } finally {
            swap.readLock().unlock();
        }
        if (full && flushing.tryLock()) {
            try {
                flushLocked();
            } finally {
                flushing.unlock();
            }
        }
        return found;
    }

    private Optional<byte[]> content(CacheEntryRow row) {
        if (row.inline()) {
            return Optional.of(row.content());
        }
        if (context.blobsInDatabase()) {
            // Gone meanwhile (replaced or evicted since the row was read): a miss.
            return context.storage().readOneStatement(r -> r.blobs().content(row.blobKey()));
        }
        try {
            return Optional.of(context.blobs().getBytes(row.blobKey()));
        } catch (NotFoundException | StorageException gone) {
            return Optional.empty(); // evicted meanwhile: a miss
        }
    }

    @Override
    public Optional<CacheEntry> peek(String namespace, String itemKey, Map<String, Object> configuration) {
        String ns = namespace(namespace);
        String item = itemKey(itemKey);
        String hash = configurationHash(configuration);
        Instant now = context.now();
        return context.storage().read(r -> r.cache().find(ns, item, hash).map(CacheEntryRow::entry).filter(e -> live(e, now)));
    }

    /** A source image comes with its owner, and an owner with a source image. */
    private static void requireOwnedSource(NewCacheEntry entry) {
        if (entry.sourceImage() != null && entry.sourceImageOwner() == null) {
            throw new InvalidInputException("sourceImage", "needs its owner: use sourceImage(owner, imageId)");
        }
        if (entry.sourceImage() == null && entry.sourceImageOwner() != null) {
            throw new InvalidInputException("sourceImage", "is missing for the owner given");
        }
    }

    @Override
    public CacheEntry put(NewCacheEntry entry, byte[] content) {
        Validate.notNull("entry", entry);
        String ns = namespace(entry.namespace());
        String item = itemKey(entry.itemKey());
        String hash = configurationHash(entry.configuration());
        String contentType = Validate.text("contentType", entry.contentType(), 200);
        Map<String, Object> metadata = JsonValues.normalize("metadata", entry.metadata());
        Validate.notNull("content", content);
        requireOwnedSource(entry);
        if (content.length > policy.maxBytes()) {
            throw new InvalidInputException("content", content.length + " bytes exceed the cache's limit of " + policy.maxBytes());
        }
        Instant now = context.now();
        UUID id = context.newId();
        CacheEntry created = new CacheEntry(id, ns, item, hash, contentType, content.length, metadata,
                entry.sourceImage(), 0, now, now);
        boolean inline = content.length <= policy.inlineBytes();
        // Small content goes into the entry's row (a hit reads it with the entry); larger content to the blob store.
        String key = inline ? null : GenstoreBlobs.cacheKey(id);
        if (key != null) {
            BlobKeys.requireValid(key);
        }
        CacheEntryRow newRow = inline ? new CacheEntryRow(created, null, content) : new CacheEntryRow(created, key);
        List<RowBlobs.Blob> blobs = inline ? List.of() : List.of(new RowBlobs.Blob(key, content, contentType));
        return rowBlobs.putThenRow(blobs, now, r -> {
                if (entry.sourceImage() != null) {
                    // The image must be the named owner's: an id from a request cannot link to another user's image.
                    Validate.exists(r.images().find(entry.sourceImageOwner(), entry.sourceImage()), "image", entry.sourceImage());
                }
                CacheRepository cache = r.cache();
                cache.lockCache();
                cache.find(ns, item, hash).ifPresent(old -> drop(r, old));
                cache.insert(newRow);
                long evicted = evictExpired(r, now);
                CacheStatistics totals = cache.statistics();
                long entries = totals.entries();
                long bytes = totals.bytes();
                // Least recently used first, by the later of the stored last access and a hit still in the buffer (no
                // extra transaction to write the hits first). A window of the stored order is re-sorted that way; an
                // entry whose buffered hit is later than the window's end waits for later windows.
                Map<UUID, Instant> recent = entries > policy.maxEntries() || bytes > policy.maxBytes() ? bufferedAccesses() : Map.of();
                Function<CacheEntryRow, Instant> lastUse = row -> {
                    Instant hit = recent.get(row.entry().id());
                    Instant stored = row.entry().lastAccessedAt();
                    return hit != null && hit.isAfter(stored) ? hit : stored;
                };
                while (entries > policy.maxEntries() || bytes > policy.maxBytes()) {
                    int window = BATCH + recent.size();
                    List<CacheEntryRow> stored = cache.leastRecentlyUsed(id, window);
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
                if (evicted > 0) {
                    cache.addCounters(0, 0, evicted);
                    reportEvictions(evicted);
                }
                return created;
            });
    }

    @Override
    public boolean hasChanged(String namespace, String itemKey, Map<String, Object> configuration) {
        return peek(namespace, itemKey, configuration).isEmpty();
    }

    @Override
    public int invalidate(String namespace, String itemKey, Map<String, Object> current) {
        String ns = namespace(namespace);
        String item = itemKey(itemKey);
        String hash = configurationHash(current);
        return context.storage().write(r -> {
            r.cache().lockCache();
            int dropped = 0;
            for (CacheEntryRow row : r.cache().entriesOf(ns, item)) {
                if (!row.entry().configurationHash().equals(hash)) {
                    drop(r, row);
                    dropped++;
                }
            }
            return dropped;
        });
    }

    @Override
    public int invalidateNamespace(String namespace) {
        String ns = namespace(namespace);
        return context.storage().write(r -> {
            r.cache().lockCache();
            int dropped = 0;
            List<CacheEntryRow> rows;
            do {
                rows = r.cache().entriesOfNamespace(ns, BATCH);
                rows.forEach(row -> drop(r, row));
                dropped += rows.size();
            } while (!rows.isEmpty());
            return dropped;
        });
    }

    @Override
    public int evictExpired() {
        Instant now = context.now();
        return context.storage().write(r -> {
            r.cache().lockCache();
            long evicted = evictExpired(r, now);
            if (evicted > 0) {
                r.cache().addCounters(0, 0, evicted);
                reportEvictions(evicted);
            }
            return (int) evicted;
        });
    }

    /** Drops the entries made from {@code image}, in the transaction of {@code r}; for a failed quality check. */
    int dropEntriesFrom(Repositories r, ImageId image) {
        r.cache().lockCache();
        List<CacheEntryRow> rows = r.cache().entriesFrom(image);
        rows.forEach(row -> drop(r, row));
        return rows.size();
    }

    private void reportEvictions(long evicted) {
        context.reportAfterCommit(m -> m.cacheEvicted(evicted));
    }

    private long evictExpired(Repositories r, Instant now) {
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

    /** Deletes the row, and its bytes with it (at commit when the bytes live outside the database). */
    private void drop(Repositories r, CacheEntryRow row) {
        r.cache().delete(row.entry().id());
        if (row.inline()) {
            return; // the bytes went with the row
        }
        rowBlobs.deleteAfterCommit(r, List.of(row.blobKey()));
    }

    private boolean live(CacheEntry entry, Instant now) {
        return policy.timeToLive() == null || entry.createdAt().plus(policy.timeToLive()).isAfter(now);
    }

    @Override
    public void flushAccesses() {
        flushing.lock();
        try {
            flushLocked();
        } finally {
            flushing.unlock();
        }
    }

    /** Writes the buffer; the caller holds {@link #flushing}. On a failure the accesses go back into the buffer. */
    private void flushLocked() {
        Buffer taken;
        swap.writeLock().lock();
        try {
            taken = buffer;
            if (taken.isEmpty()) {
                return;
            }
            buffer = newBuffer();
            inFlight = taken;
        } finally {
            swap.writeLock().unlock();
        }
        AtomicBoolean restored = new AtomicBoolean();
        Runnable restore = () -> {
            if (restored.compareAndSet(false, true)) {
                swap.readLock().lock();
                try {
                    buffer.merge(taken);
                } finally {
                    swap.readLock().unlock();
                }
            }
        };
        try {
            context.storage().write(r -> {
                context.storage().afterRollback(restore);
                // The counter row first, as puts and invalidations take it: one lock order, no deadlock on entry rows.
                r.cache().lockCache();
                Map<UUID, CacheRepository.Access> accesses = new java.util.TreeMap<>();
                taken.entries.forEach((id, p) -> accesses.put(id, new CacheRepository.Access(p.hits.sum(), p.last.get())));
                if (!accesses.isEmpty()) {
                    r.cache().recordAccesses(accesses);
                }
                r.cache().addCounters(taken.hits.sum(), taken.misses.sum(), 0);
                return null;
            });
        } catch (RuntimeException | Error e) {
            restore.run();
            throw e;
        } finally {
            inFlight = null;
        }
    }

    /** The entries hit since the hits were last written (buffered, or being written), with their latest hit. */
    private Map<UUID, Instant> bufferedAccesses() {
        Map<UUID, Instant> recent = new HashMap<>();
        for (Buffer b : new Buffer[] {inFlight, buffer}) {
            if (b != null) {
                b.entries.forEach((id, p) -> recent.merge(id, p.last.get() == null ? Instant.MIN : p.last.get(),
                        (x, y) -> x.isAfter(y) ? x : y));
            }
        }
        return recent;
    }

    @Override
    public CacheStatistics statistics() {
        flushing.lock();
        try {
            CacheStatistics stored = context.storage().read(r -> r.cache().statistics());
            Buffer b = buffer;
            return new CacheStatistics(stored.hits() + b.hits.sum(), stored.misses() + b.misses.sum(), stored.entries(),
                    stored.bytes(), stored.evictions());
        } finally {
            flushing.unlock();
        }
    }

    /** Flushes what is buffered; called when the store closes. Failures are logged. */
    public void close() {
        try {
            flushAccesses();
        } catch (RuntimeException e) {
            LOG.warn("could not write the cache's buffered accesses on close: {}", e.toString());
        }
    }

    private static String namespace(String value) {
        return Validate.text("namespace", value, 200);
    }

    private static String itemKey(String value) {
        return Validate.text("itemKey", value, 500);
    }
}
