package dev.genstore.internal;

import dev.genstore.spi.Storage;
import java.time.Duration;

/**
 * Wakes the store's waiting claims: a counter that moves each time jobs may have become claimable (a submit of this
 * store committed, or the storage heard that another store queued some), and a condition they wait on. A claim reads the
 * counter before it looks for jobs and waits only while it has not moved since, so a submit that commits between the
 * look and the wait is never missed. Closing the store ends every wait.
 */
public final class QueueSignal {
    /** How often a waiting claim looks again on its own when nothing wakes it (jobs whose run-after came, say). */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);

    private long generation;
    private boolean closed;
    private boolean listening;
    private volatile Duration pollInterval = DEFAULT_POLL_INTERVAL;

    /** Sets how often a waiting claim looks again without a wake-up. */
    public void pollInterval(Duration interval) {
        this.pollInterval = interval;
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    /** Jobs may have become claimable: every waiting claim looks again. */
    public synchronized void signal() {
        generation++;
        notifyAll();
    }

    /** The store is closing: every waiting claim ends, and none waits from now on. */
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    public synchronized boolean closed() {
        return closed;
    }

    public synchronized long generation() {
        return generation;
    }

    /**
     * Asks the storage, once, to signal when other stores on its database queue jobs (a storage that cannot keeps its
     * default and the waiting claims poll).
     */
    public void listenOnce(Storage storage) {
        synchronized (this) {
            if (listening || closed) {
                return;
            }
            listening = true;
        }
        storage.listenForQueuedJobs(this::signal);
    }

    /**
     * Waits until the counter moves past {@code seen}, the store closes, or {@code nanos} pass. Returns the nanoseconds
     * spent waiting.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public synchronized long awaitAfter(long seen, long nanos) throws InterruptedException {
        long start = System.nanoTime();
        long left = nanos;
        while (generation == seen && !closed && left > 0) {
            long millis = left / 1_000_000;
            wait(millis, (int) (left % 1_000_000));
            left = nanos - (System.nanoTime() - start);
        }
        return System.nanoTime() - start;
    }
}
