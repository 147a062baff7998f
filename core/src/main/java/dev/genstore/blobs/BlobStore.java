package dev.genstore.blobs;

import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.errors.StorageException;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Bytes kept under keys: the originals and variants of images, and anything else an application puts. Keys are
 * checked by {@link BlobKeys#requireValid(String)} on every call, so none can name a place outside the store.
 *
 * <p>What every implementation guarantees (the contract suite's {@code BlobStoreContract} checks it):
 * <ul>
 * <li>A put is all-or-nothing: a reader sees the old content and content type or the new ones, never part of either.
 * A put that fails (the stream throws, the disk is full, the write is refused) changes nothing: a new key stays
 * absent, an existing key keeps its old bytes <em>and</em> its old content type, and nothing else is left that
 * {@link #list} or {@link #info} shows. Leftovers invisible to the API (a directory store's temporary files) may stay
 * until {@link #removeLeftovers()}.</li>
 * <li>{@link #list} returns exactly the keys that start with the prefix (a plain string prefix: {@code images/u1}
 * matches {@code images/u1.txt} and {@code images/u10/x}), in ascending order of the keys' characters (byte order,
 * as keys are ASCII), in keyset pages whose cursor is the last key returned.</li>
 * <li>{@link #delete} of an absent key is no error; after it returns, neither {@link #get} nor {@link #list} shows the
 * key.</li>
 * </ul>
 * Implementations are thread-safe.
 *
 * <p>genstore writes its own blobs only under {@link BlobKeys#GENSTORE_ROOT} and never lists, sweeps or deletes
 * anything else, so an application may keep its own blobs in the same store under other keys (see {@link BlobKeys}).
 *
 * <p>genstore picks one per backend unless the application sets its own with
 * {@code Genstore.builder().blobStore(...)}: a directory beside the database file for SQLite, the database itself for
 * PostgreSQL and memory (where a put joins the transaction of the calling thread, so a blob and its row commit
 * together).
 */
public interface BlobStore {

    /**
     * A store in a directory (created when missing). Writes go to a temporary file in the same directory tree, are
     * flushed to disk and then moved into place atomically, so a crash leaves the old blob or the new one, never half
     * of one.
     *
     * @throws InvalidInputException when {@code root} is null or is a file
     * @throws StorageException      when the directory cannot be created
     */
    static BlobStore directory(Path root) {
        return new FileSystemBlobStore(root);
    }

    /** A new, empty store in this JVM's memory, for tests and prototypes; it is gone when no longer referenced. */
    static BlobStore inMemory() {
        return new MemoryBlobStore();
    }

    /**
     * Stores {@code content} under {@code key}, replacing any blob there.
     *
     * @param contentType a media type such as {@code image/png}
     * @throws InvalidInputException when the key or the content type is not valid, or content is null
     * @throws StorageException      when the store cannot write
     */
    BlobInfo put(String key, byte[] content, String contentType);

    /**
     * Stores what {@code content} yields up to its end under {@code key}, replacing any blob there. The stream is read
     * but not closed. When reading it fails, nothing is stored.
     *
     * @throws InvalidInputException when the key or the content type is not valid, or content is null
     * @throws StorageException      when the stream or the store fails
     */
    BlobInfo put(String key, InputStream content, String contentType);

    /**
     * The blob's content as a stream the caller must close.
     *
     * @throws NotFoundException when there is no blob under the key
     */
    InputStream get(String key);

    /**
     * The blob's content as bytes.
     *
     * @throws NotFoundException when there is no blob under the key
     */
    default byte[] getBytes(String key) {
        try (InputStream in = get(key)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new StorageException("cannot read blob " + key + ": " + e.getMessage(), false, e);
        }
    }

    /** The blob's key, content type and size, when it exists. */
    Optional<BlobInfo> info(String key);

    /** True when a blob is stored under the key. */
    default boolean exists(String key) {
        return info(key).isPresent();
    }

    /** Deletes the blob. Returns false when there was none. */
    boolean delete(String key);

    /**
     * The blobs whose key starts with {@code prefix} (every blob when it is empty), in ascending key order, in keyset
     * pages: a blob added after the first page was read shows up in a later page when its key sorts after the last
     * one returned.
     *
     * @param prefix the start of the keys, e.g. {@code images/} or {@code images/<userId>/}; may be empty
     * @throws InvalidInputException when the prefix holds characters no key can hold
     */
    Page<BlobInfo> list(String prefix, PageRequest page);

    /**
     * Removes what failed or interrupted puts left behind that is not a blob and that no other method shows: a
     * directory store's temporary files and content-type records without content, older than an hour (so a put in
     * progress keeps its own). Never removes a blob. genstore calls it from {@code images().sweep(grace, true)} and
     * from {@code operations().purge} of orphan blobs. The default does nothing, for stores whose puts leave nothing.
     *
     * @return how many leftovers were removed
     * @throws StorageException when the store cannot be read
     */
    default int removeLeftovers() {
        return 0;
    }
}
