package dev.genstore.internal.cache;

import dev.genstore.cache.CacheStatistics;
import dev.genstore.spi.CacheRepository;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache's hits and misses, kept in memory and written in batches (as Caffeine's read buffer spares a read its
 * write), so that a hit costs no write transaction of its own.
 *
 * <p>What it guarantees:
 * <ul>
 *   <li><b>Nothing is dropped.</b> Every access recorded is written by exactly one flush that succeeds, or is still
 *   buffered: a flush that throws, or whose transaction rolls back later ({@link Writer} is handed a {@code putBack}
 *   for that), puts its batch back into the buffer, once. The buffer is bounded by its size only in that recording the
 *   {@code size}-th access flushes; while a flush is in flight, recording goes on into a fresh buffer without
 *   waiting, so it may grow past the size until the next flush.</li>
 *   <li><b>Recording never waits for a write.</b> Recorders share a read lock, taken only to swap the buffer; the
 *   recorder that fills the buffer flushes only if no other flush runs ({@code tryLock}), and any failure of that flush
 *   reaches that recorder.</li>
 *   <li><b>One flush at a time.</b> {@link #flush()} waits for a flush in flight, then writes what is buffered.</li>
 *   <li><b>Flushed on close.</b> {@link #close()} flushes; when that fails it logs and keeps the accesses buffered
 *   (the store is closing: there is no caller to hand the failure to).</li>
 *   <li><b>Counted once.</b> {@link #statistics} reads the stored counters with no flush in flight, so an access is in
 *   the stored counters or in the buffer, never both or neither.</li>
 * </ul>
 */
final class CacheAccessBuffer {
    private static final Logger LOG = LoggerFactory.getLogger(CacheAccessBuffer.class);

    /**
     * Writes one batch in a transaction. If that transaction rolls back after the call returned (it joined an enclosing
     * one), the writer must run {@code putBack} then; if the call throws, the buffer puts the batch back itself.
     */
    @FunctionalInterface
    interface Writer {
        void write(Batch batch, Runnable putBack);
    }

    /** What one flush writes: the hit and miss counters and, per entry hit, its hits and latest hit, by id. */
    record Batch(long hits, long misses, Map<UUID, CacheRepository.Access> accesses) {
    }

    private final int size;
    private final Writer writer;
    /** Recording takes the read side (many at once); swapping the buffer takes the write side. */
    private final ReentrantReadWriteLock swap = new ReentrantReadWriteLock();
    /** One flush at a time; statistics read under it so that a flush in flight is never counted twice or not at all. */
    private final ReentrantLock flushing = new ReentrantLock();
    private volatile Buffer buffer;
    /** The buffer a flush is writing, until its transaction ends: its hits are in neither the buffer nor (yet) the rows. */
    private volatile Buffer inFlight;

    /** {@code size} accesses fill the buffer (at least 1). */
    CacheAccessBuffer(int size, Writer writer) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, was " + size);
        }
        this.size = size;
        this.writer = writer;
        this.buffer = newBuffer();
    }

    /** A buffer sized for the distinct entries it can hold, so that filling it never rehashes its map. */
    private Buffer newBuffer() {
        return new Buffer(Math.min(size, 1 << 14));
    }

    /** Records a hit of {@code entry} at {@code at}; flushes when this fills the buffer (see the class comment). */
    void recordHit(UUID entry, Instant at) {
        record(entry, at);
    }

    /** Records a miss; flushes when this fills the buffer. */
    void recordMiss() {
        record(null, null);
    }

    private void record(UUID entry, Instant at) {
        boolean full;
        swap.readLock().lock();
        try {
            Buffer b = buffer;
            if (entry != null) {
                b.hits.increment();
                Pending p = b.entries.computeIfAbsent(entry, k -> new Pending());
                p.hits.increment();
                p.seen(at);
            } else {
                b.misses.increment();
            }
            b.events.increment();
            full = b.events.sum() >= size;
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
    }

    /** Writes what is buffered, after any flush in flight; nothing when the buffer is empty. */
    void flush() {
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
        Runnable putBack = () -> {
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
            writer.write(taken.batch(), putBack);
        } catch (RuntimeException | Error e) {
            putBack.run();
            throw e;
        } finally {
            inFlight = null;
        }
    }

    /** Flushes what is buffered; a failure is logged, not thrown, and leaves the accesses buffered. */
    void close() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("could not write the cache's buffered accesses on close: {}", e.toString());
        }
    }

    /**
     * The entries hit since the hits were last written (buffered, or being written), with their latest hit: eviction
     * orders by them without writing them first.
     */
    Map<UUID, Instant> recentAccesses() {
        Map<UUID, Instant> recent = new HashMap<>();
        for (Buffer b : new Buffer[] {inFlight, buffer}) {
            if (b != null) {
                b.entries.forEach((id, p) -> recent.merge(id, p.last.get() == null ? Instant.MIN : p.last.get(),
                        (x, y) -> x.isAfter(y) ? x : y));
            }
        }
        return recent;
    }

    /** {@code stored} (read with no flush in flight) plus the hits and misses still buffered. */
    CacheStatistics statistics(Supplier<CacheStatistics> stored) {
        flushing.lock();
        try {
            CacheStatistics s = stored.get();
            Buffer b = buffer;
            return new CacheStatistics(s.hits() + b.hits.sum(), s.misses() + b.misses.sum(), s.entries(), s.bytes(),
                    s.evictions());
        } finally {
            flushing.unlock();
        }
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

        /** Sorted by id: one lock order over entry rows for every flush. */
        Batch batch() {
            Map<UUID, CacheRepository.Access> accesses = new TreeMap<>();
            entries.forEach((id, p) -> accesses.put(id, new CacheRepository.Access(p.hits.sum(), p.last.get())));
            return new Batch(hits.sum(), misses.sum(), Collections.unmodifiableMap(accesses));
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
}
