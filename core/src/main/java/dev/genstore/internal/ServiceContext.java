package dev.genstore.internal;

import dev.genstore.blobs.BlobStore;
import dev.genstore.spi.Storage;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** What every service shares: the storage, the clock and the id generator. */
public final class ServiceContext {
    private final Storage storage;
    private final Clock clock;
    private final Uuid7 ids;
    private final BlobStore blobs;

    /** A context whose blobs live in the storage's database. */
    public ServiceContext(Storage storage, Clock clock) {
        this(storage, clock, new DatabaseBlobStore(storage, clock));
    }

    public ServiceContext(Storage storage, Clock clock, BlobStore blobs) {
        this.storage = storage;
        this.clock = clock;
        this.ids = new Uuid7(clock);
        this.blobs = blobs;
    }

    /** The blob store of images and other content. */
    BlobStore blobs() {
        return blobs;
    }

    /** True when blobs live in the database, in the transaction of the rows. */
    boolean blobsInDatabase() {
        return blobs instanceof DatabaseBlobStore;
    }

    Storage storage() {
        return storage;
    }

    /** The clock's time at microsecond precision, the finest every backend stores. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    UUID newId() {
        return ids.next();
    }
}
