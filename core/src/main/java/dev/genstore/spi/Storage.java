package dev.genstore.spi;

import dev.genstore.blobs.BlobStore;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a backend implements: it opens transactions and hands out the repositories bound to them. genstore's
 * services hold the rules; a storage holds the data. Prove an implementation with the contract suite in
 * {@code genstore-core}'s test-jar.
 *
 * <p>Transactions nest by thread: a {@link #read} or {@link #write} called while the same thread is already inside a
 * {@link #write} joins that transaction. A write must never be started from inside a read.
 *
 * <p>A write that fails with a {@link dev.genstore.errors.StorageException} whose {@code retryable()} is true (a
 * deadlock, a serialization failure, two transactions inserting the same unique key at once) may be run again by
 * the storage when it is the outermost transaction, so {@code work} must not have effects outside the storage.
 */
public interface Storage extends AutoCloseable {

    /** A short name of the backend for messages and metrics, e.g. {@code "sqlite"}. */
    String name();

    /**
     * Prepares the storage for use: opens pools and applies schema migrations. Called once, by the builder.
     *
     * @throws dev.genstore.errors.IncompatibleSchemaException when a newer genstore migrated the database; nothing
     *                                                         is written then
     */
    void open();

    /** Runs {@code work} in a transaction that only reads. */
    <T> T read(Function<Repositories, T> work);

    /**
     * Runs {@code work}, which reads with one statement, without opening a transaction of its own where the database
     * allows it: a single statement sees one consistent state anyway, so a {@code BEGIN} and {@code COMMIT} around it
     * would only cost time (a cache hit is one such read). Inside a transaction of the calling thread it joins that
     * transaction, as {@link #read} does. The default runs {@link #read}.
     */
    default <T> T readOneStatement(Function<Repositories, T> work) {
        return read(work);
    }

    /** Runs {@code work} in a transaction that may write; commits when it returns, rolls back when it throws. */
    <T> T write(Function<Repositories, T> work);

    /**
     * Whether the calling thread is inside a transaction of this storage, so that a {@link #read} or {@link #write} it
     * calls would join it. genstore runs the writes of several threads together in one transaction only for callers
     * that are in none. The default answers true, which a storage that cannot tell keeps: each write then runs alone.
     */
    default boolean callerInTransaction() {
        return true;
    }

    /**
     * Runs {@code action} after the outermost transaction of the calling thread has committed (at once when the thread
     * is in none). For effects outside the storage that must follow a commit, such as deleting the files of deleted
     * rows. An action that throws is logged and does not undo the commit. Actions registered by an attempt that rolled
     * back and was retried are dropped: the retry registers its own.
     */
    void afterCommit(Runnable action);

    /**
     * Runs {@code action} after the outermost transaction of the calling thread has finally rolled back (once retries
     * are exhausted or the failure was not transient); never when it commits. Nothing happens when the thread is in no
     * transaction. For undoing effects outside the storage made for the transaction, such as files written for rows
     * that never committed. Actions of every attempt run, so they must be idempotent.
     */
    void afterRollback(Runnable action);

    /**
     * The blob store genstore uses with this storage unless the application sets one. Empty means "in this storage's
     * database", through {@link Repositories#blobs()}, in the transaction of the rows. Called once, after {@link #open}.
     */
    default Optional<BlobStore> defaultBlobStore() {
        return Optional.empty();
    }

    /**
     * The backend's own integrity check, maintenance and sizes, run outside transactions. {@link StorageOperations#NONE}
     * unless the backend offers them.
     */
    default StorageOperations operations() {
        return StorageOperations.NONE;
    }

    /**
     * Asks the storage to call {@code listener} with the name of each statement it runs, on the thread that runs it
     * (genstore's slow-operation log lists them). A name never holds a parameter value. Optional: a storage that does not
     * report statements keeps this default, which ignores the listener. A later call replaces the listener.
     */
    default void statementListener(StatementListener listener) {
    }

    /**
     * How long one operation may take, retries of transient failures and waits for a connection included, before the
     * storage gives up with a retryable {@link dev.genstore.errors.StorageException} saying the database is
     * unreachable. Set by the builder before {@link #open}. A storage that cannot bound its operations keeps this
     * default, which ignores the setting.
     */
    default void operationDeadline(Duration deadline) {
    }

    /**
     * Asks the storage to call {@code onQueued} (on a thread of its own, possibly more often than needed) when another
     * store on the same database may have queued jobs, so that waiting claims wake at once rather than at their next
     * poll. Called at most once, when a claim first waits. Optional: a storage that cannot hear other stores (an
     * embedded database shared by processes) keeps this default, which ignores it; the waiting claims then poll. The
     * storage stops calling on {@link #close()}.
     */
    default void listenForQueuedJobs(Runnable onQueued) {
    }

    /** Releases pools and files. A memory storage's data is gone afterwards. */
    @Override
    void close();
}
