package dev.genstore.jdbc;

import dev.genstore.errors.StorageException;

/**
 * What an outermost write transaction passes through before it takes a connection: a backend whose database file is
 * shared by several processes (SQLite) queues writers here, so that they take turns instead of polling the
 * database's own lock. Read transactions never enter it, and a transaction that joins an outer one does not enter it
 * again.
 */
public interface WriteGate {
    /** The gate of a backend that needs none: entering costs nothing and never waits. */
    WriteGate NONE = deadlineNanos -> Turn.FREE;

    /**
     * Waits for this writer's turn, at most until {@code deadlineNanos} (a {@link System#nanoTime()} value).
     *
     * @return the turn, to be closed when the transaction has ended (committed or rolled back) and its connection is
     *         back in the pool
     * @throws StorageException retryable when the deadline passes first; not retryable when the thread is interrupted
     *                          or the gate itself fails
     */
    Turn enter(long deadlineNanos);

    /** One writer's turn; closing it lets the next writer in. */
    interface Turn extends AutoCloseable {
        /** A turn that holds nothing. */
        Turn FREE = () -> { };

        @Override
        void close();
    }
}
