package dev.genstore.internal.cache;

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
import dev.genstore.internal.CanonicalJson;
import dev.genstore.internal.GenstoreBlobs;
import dev.genstore.internal.JsonValues;
import dev.genstore.internal.RowBlobs;
import dev.genstore.internal.ServiceContext;
import dev.genstore.internal.Validate;
import dev.genstore.spi.CacheEntryRow;
import dev.genstore.spi.CacheRepository;
import dev.genstore.spi.Repositories;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The cache's rules. Reads run in read transactions; hits and misses go to the {@link CacheAccessBuffer}, written in
 * one transaction when it fills ({@link CachePolicy#accessBufferSize()} accesses), on {@link #flushAccesses()} and on
 * close. {@link CacheEviction} reads the buffer, so it evicts in the order of use without writing the hits first. Puts
 * and invalidations lock the cache's counter row, so the bounds checked after the lock hold until commit under any
 * number of writers.
 */
public final class ImageCacheService implements ImageCache {
    private final ServiceContext context;
    private final CachePolicy policy;
    private final RowBlobs rowBlobs;
    private final CacheAccessBuffer accesses;
    private final CacheEviction eviction;
    private final ConfigurationHashes hashes = new ConfigurationHashes();

    public ImageCacheService(ServiceContext context, CachePolicy policy) {
        this.context = context;
        this.policy = policy;
        this.rowBlobs = new RowBlobs(context, "cache");
        this.accesses = new CacheAccessBuffer(policy.accessBufferSize(), this::writeAccesses);
        this.eviction = new CacheEviction(context, policy, rowBlobs, accesses);
    }

    @Override
    public String configurationHash(Map<String, Object> configuration) {
        return hashes.hash(configuration);
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
                .filter(row -> eviction.live(row.entry(), now))
                .flatMap(row -> content(row).map(bytes -> new CachedImage(row.entry(), bytes)));
        context.report(found.isPresent() ? m -> m.cacheHit(ns) : m -> m.cacheMiss(ns));
        if (found.isPresent()) {
            accesses.recordHit(found.get().entry().id(), now);
        } else {
            accesses.recordMiss();
        }
        return found;
    }

    private Optional<byte[]> content(CacheEntryRow row) {
        if (row.inline()) {
            return Optional.ofNullable(row.content()); // none only in a database changed by hand: a miss
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
        return context.storage().read(r -> r.cache().find(ns, item, hash).map(CacheEntryRow::entry).filter(e -> eviction.live(e, now)));
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
        // Small content goes into the database beside the entry (a hit reads both in one statement); larger content to the
        // blob store.
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
                cache.find(ns, item, hash).ifPresent(old -> eviction.drop(r, old));
                cache.insert(newRow);
                eviction.count(r, eviction.expired(r, now) + eviction.overBounds(r, id));
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
                    eviction.drop(r, row);
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
                rows = r.cache().entriesOfNamespace(ns, CacheEviction.BATCH);
                rows.forEach(row -> eviction.drop(r, row));
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
            long evicted = eviction.expired(r, now);
            eviction.count(r, evicted);
            return (int) evicted;
        });
    }

    /** Drops the entries made from {@code image}, in the transaction of {@code r}; for a failed quality check. */
    public int dropEntriesFrom(Repositories r, ImageId image) {
        r.cache().lockCache();
        List<CacheEntryRow> rows = r.cache().entriesFrom(image);
        rows.forEach(row -> eviction.drop(r, row));
        return rows.size();
    }

    @Override
    public void flushAccesses() {
        accesses.flush();
    }

    /** Writes one batch of the access buffer; a rollback of an enclosing transaction puts the batch back. */
    private void writeAccesses(CacheAccessBuffer.Batch batch, Runnable putBack) {
        context.storage().write(r -> {
            context.storage().afterRollback(putBack);
            // The counter row first, as puts and invalidations take it: one lock order, no deadlock on entry rows.
            r.cache().lockCache();
            if (!batch.accesses().isEmpty()) {
                r.cache().recordAccesses(batch.accesses());
            }
            r.cache().addCounters(batch.hits(), batch.misses(), 0);
            return null;
        });
    }

    @Override
    public CacheStatistics statistics() {
        return accesses.statistics(() -> context.storage().read(r -> r.cache().statistics()));
    }

    /** Flushes what is buffered; called when the store closes. Failures are logged. */
    public void close() {
        accesses.close();
    }

    private static String namespace(String value) {
        return Validate.text("namespace", value, 200);
    }

    private static String itemKey(String value) {
        return Validate.text("itemKey", value, 500);
    }
}
