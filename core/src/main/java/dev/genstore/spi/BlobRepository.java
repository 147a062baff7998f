package dev.genstore.spi;

import dev.genstore.blobs.BlobInfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Blobs kept in the database (BLOB, bytea), in the transaction of the calling thread, so a blob and the row that
 * references it commit or roll back together. Keys arrive valid ({@link dev.genstore.blobs.BlobKeys#requireValid}).
 * Listings compare keys byte by byte (keys are ASCII), whatever the database's collation.
 */
public interface BlobRepository {
    /** Stores the blob, replacing any under the same key. */
    void put(String key, String contentType, byte[] content, Instant createdAt);

    /** The blob's bytes. */
    Optional<byte[]> content(String key);

    Optional<BlobInfo> info(String key);

    /** Deletes the blob; false when there was none. */
    boolean delete(String key);

    /** Blobs whose key starts with {@code prefix} and sorts after {@code afterKey} (all when null), ascending, at most {@code limit}. */
    List<BlobInfo> listAfter(String prefix, String afterKey, int limit);
}
