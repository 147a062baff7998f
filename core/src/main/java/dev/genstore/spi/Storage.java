package dev.genstore.spi;

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

    /** Runs {@code work} in a transaction that may write; commits when it returns, rolls back when it throws. */
    <T> T write(Function<Repositories, T> work);

    /** Releases pools and files. A memory storage's data is gone afterwards. */
    @Override
    void close();
}
