package dev.genstore.internal;

import dev.genstore.blobs.BlobStore;
import dev.genstore.metrics.StoreMetrics;
import dev.genstore.spi.Storage;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Consumer;

/** What every service shares: the storage, the clock, the id generator, the blob store and the metrics sink. */
public final class ServiceContext {
    private final Storage storage;
    private final Clock clock;
    private final Uuid7 ids;
    private final BlobStore blobs;
    private final StoreMetrics metrics;
    private final QueueSignal queueSignal = new QueueSignal();

    /** A context whose blobs live in the storage's database. */
    public ServiceContext(Storage storage, Clock clock) {
        this(storage, clock, new DatabaseBlobStore(storage, clock));
    }

    public ServiceContext(Storage storage, Clock clock, BlobStore blobs) {
        this(storage, clock, blobs, StoreMetrics.none());
    }

    public ServiceContext(Storage storage, Clock clock, BlobStore blobs, StoreMetrics metrics) {
        this.storage = storage;
        this.clock = clock;
        this.ids = new Uuid7(clock);
        this.blobs = blobs;
        this.metrics = metrics;
    }

    /** Reports an event now (a refusal, a cache lookup); nothing at all when metrics are off. */
    public void report(Consumer<StoreMetrics> event) {
        if (metrics != StoreMetrics.none()) {
            event.accept(metrics);
        }
    }

    /**
     * Reports a fact of the current write once its outermost transaction commits (never for an attempt that rolled
     * back), so retries and rollbacks do not count; nothing at all when metrics are off.
     */
    public void reportAfterCommit(Consumer<StoreMetrics> event) {
        if (metrics != StoreMetrics.none()) {
            storage.afterCommit(() -> event.accept(metrics));
        }
    }

    /** What wakes the store's waiting claims: signalled after a submit commits, ended when the store closes. */
    public QueueSignal queueSignal() {
        return queueSignal;
    }

    public Clock clock() {
        return clock;
    }

    /** The blob store of images and other content. */
    public BlobStore blobs() {
        return blobs;
    }

    /** True when blobs live in the database, in the transaction of the rows. */
    public boolean blobsInDatabase() {
        return blobs instanceof DatabaseBlobStore;
    }

    public Storage storage() {
        return storage;
    }

    /** The clock's time at microsecond precision, the finest every backend stores. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    public UUID newId() {
        return ids.next();
    }
}
