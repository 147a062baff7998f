package dev.genstore.internal.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.cache.CacheStatistics;
import dev.genstore.spi.CacheRepository.Access;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The cache's access buffer on its own: no storage, a writer that records the batches it is handed. */
class CacheAccessBufferTest {
    private static final UUID A = UUID.fromString("00000000-0000-7000-8000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-7000-8000-00000000000b");
    private static final Instant T1 = Instant.parse("2026-01-01T00:00:01Z");
    private static final Instant T2 = Instant.parse("2026-01-01T00:00:02Z");

    /** Keeps every batch written, as the rows would; can be told to fail. */
    private static final class Rows implements CacheAccessBuffer.Writer {
        final List<CacheAccessBuffer.Batch> batches = new ArrayList<>();
        volatile int failures;

        @Override
        public synchronized void write(CacheAccessBuffer.Batch batch, Runnable putBack) {
            if (failures > 0) {
                failures--;
                throw new IllegalStateException("the write fails");
            }
            batches.add(batch);
        }

        synchronized long hits() {
            return batches.stream().mapToLong(CacheAccessBuffer.Batch::hits).sum();
        }

        synchronized long misses() {
            return batches.stream().mapToLong(CacheAccessBuffer.Batch::misses).sum();
        }

        synchronized Map<UUID, Long> hitsPerEntry() {
            Map<UUID, Long> hits = new HashMap<>();
            batches.forEach(b -> b.accesses().forEach((id, access) -> hits.merge(id, access.hits(), Long::sum)));
            return hits;
        }
    }

    private static CacheStatistics stored() {
        return new CacheStatistics(10, 20, 3, 300, 1);
    }

    @Test
    void theAccessThatFillsTheBufferWritesItAsOneBatch() {
        Rows rows = new Rows();
        CacheAccessBuffer buffer = new CacheAccessBuffer(3, rows);
        buffer.recordHit(A, T2);
        buffer.recordHit(A, T1);
        assertEquals(List.of(), rows.batches, "below its size, nothing is written");
        buffer.recordMiss();
        assertEquals(List.of(new CacheAccessBuffer.Batch(2, 1, Map.of(A, new Access(2, T2)))), rows.batches,
                "one batch with the entry's hits and its latest hit");
        buffer.flush();
        assertEquals(1, rows.batches.size(), "an empty buffer writes nothing");
    }

    @Test
    void flushWritesWhatIsBufferedWithEntriesInIdOrder() {
        Rows rows = new Rows();
        CacheAccessBuffer buffer = new CacheAccessBuffer(100, rows);
        buffer.recordHit(B, T1);
        buffer.recordHit(A, T1);
        buffer.flush();
        assertEquals(List.of(A, B), new ArrayList<>(rows.batches.get(0).accesses().keySet()),
                "one lock order over entry rows for every flush");
    }

    @Test
    void statisticsAddTheBufferedAccessesToTheStoredCounters() {
        CacheAccessBuffer buffer = new CacheAccessBuffer(100, new Rows());
        buffer.recordHit(A, T1);
        buffer.recordMiss();
        buffer.recordMiss();
        assertEquals(new CacheStatistics(11, 22, 3, 300, 1), buffer.statistics(CacheAccessBufferTest::stored));
        buffer.flush();
        assertEquals(stored(), buffer.statistics(CacheAccessBufferTest::stored), "flushed accesses are counted by the rows");
    }

    @Test
    void aFailedFlushThrowsAndPutsTheAccessesBackForTheNextFlush() {
        Rows rows = new Rows();
        CacheAccessBuffer buffer = new CacheAccessBuffer(100, rows);
        buffer.recordHit(A, T1);
        buffer.recordMiss();
        rows.failures = 1;
        assertThrows(IllegalStateException.class, buffer::flush);
        assertEquals(new CacheStatistics(11, 21, 3, 300, 1), buffer.statistics(CacheAccessBufferTest::stored),
                "still buffered");
        assertEquals(Map.of(A, T1), buffer.recentAccesses());
        buffer.recordHit(A, T2);
        buffer.flush();
        assertEquals(List.of(new CacheAccessBuffer.Batch(2, 1, Map.of(A, new Access(2, T2)))), rows.batches,
                "the failed batch merged with the later accesses, once");
    }

    @Test
    void aFlushTheRecorderTriggersFailsInTheRecorderAndKeepsTheAccesses() {
        Rows rows = new Rows();
        CacheAccessBuffer buffer = new CacheAccessBuffer(2, rows);
        buffer.recordHit(A, T1);
        rows.failures = 1;
        assertThrows(IllegalStateException.class, buffer::recordMiss);
        buffer.recordMiss(); // full again: this flush succeeds
        assertEquals(List.of(new CacheAccessBuffer.Batch(1, 2, Map.of(A, new Access(1, T1)))), rows.batches);
    }

    @Test
    void aBatchPutBackByALaterRollbackReturnsOnceHoweverOftenItIsPutBack() {
        List<Runnable> putBacks = new ArrayList<>();
        List<CacheAccessBuffer.Batch> written = new ArrayList<>();
        CacheAccessBuffer buffer = new CacheAccessBuffer(100, (batch, putBack) -> {
            written.add(batch);
            putBacks.add(putBack);
        });
        buffer.recordHit(A, T1);
        buffer.flush();
        assertEquals(stored(), buffer.statistics(CacheAccessBufferTest::stored), "written, as far as the buffer knows");
        putBacks.get(0).run(); // the enclosing transaction rolled back
        putBacks.get(0).run();
        assertEquals(new CacheStatistics(11, 20, 3, 300, 1), buffer.statistics(CacheAccessBufferTest::stored));
        buffer.flush();
        assertEquals(new CacheAccessBuffer.Batch(1, 0, Map.of(A, new Access(1, T1))), written.get(1));
    }

    @Test
    void closeFlushes() {
        Rows rows = new Rows();
        CacheAccessBuffer buffer = new CacheAccessBuffer(100, rows);
        buffer.recordHit(A, T1);
        buffer.close();
        assertEquals(List.of(new CacheAccessBuffer.Batch(1, 0, Map.of(A, new Access(1, T1)))), rows.batches);
    }

    @Test
    void closeWhoseFlushFailsThrowsNothingAndKeepsTheAccesses() {
        Rows rows = new Rows();
        CacheAccessBuffer buffer = new CacheAccessBuffer(100, rows);
        buffer.recordMiss();
        rows.failures = 1;
        buffer.close();
        assertEquals(List.of(), rows.batches);
        assertEquals(new CacheStatistics(10, 21, 3, 300, 1), buffer.statistics(CacheAccessBufferTest::stored));
    }

    @Test
    void recordingDuringAFlushNeitherWaitsNorIsLostAndGrowsPastTheSize() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Rows rows = new Rows();
        CacheAccessBuffer buffer = new CacheAccessBuffer(2, (batch, putBack) -> {
            writing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            rows.write(batch, putBack);
        });
        buffer.recordHit(A, T1);
        ExecutorService flusher = Executors.newSingleThreadExecutor();
        try {
            Future<?> flush = flusher.submit(buffer::flush);
            writing.await();
            // The flush holds its lock: these fill the fresh buffer past its size, and the recorder that fills it
            // finds the flush busy and goes on instead of waiting (a wait here would never end).
            buffer.recordHit(B, T2);
            buffer.recordHit(B, T2);
            buffer.recordMiss();
            assertEquals(Map.of(A, T1, B, T2), buffer.recentAccesses(), "in flight and buffered, for eviction");
            release.countDown();
            flush.get();
        } finally {
            flusher.shutdown();
        }
        assertEquals(List.of(new CacheAccessBuffer.Batch(1, 0, Map.of(A, new Access(1, T1)))), rows.batches);
        buffer.flush();
        assertEquals(new CacheAccessBuffer.Batch(2, 1, Map.of(B, new Access(2, T2))), rows.batches.get(1),
                "nothing dropped");
    }

    @Test
    void concurrentRecordersAndFlushersLoseAndRepeatNoAccess() throws Exception {
        int threads = 8;
        int perThread = 5_000;
        Rows rows = new Rows();
        CacheAccessBuffer buffer = new CacheAccessBuffer(64, rows);
        AtomicInteger failEvery = new AtomicInteger();
        CacheAccessBuffer failing = new CacheAccessBuffer(64, (batch, putBack) -> {
            if (failEvery.incrementAndGet() % 3 == 0) {
                throw new IllegalStateException("every third write fails");
            }
            rows.write(batch, putBack);
        });
        for (CacheAccessBuffer b : List.of(buffer, failing)) {
            rows.batches.clear();
            CyclicBarrier start = new CyclicBarrier(threads + 1);
            ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
            try {
                List<Future<Long>> failures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    UUID entry = t % 2 == 0 ? A : B;
                    failures.add(pool.submit(() -> {
                        start.await();
                        long failed = 0;
                        for (int i = 0; i < perThread; i++) {
                            try {
                                if (i % 4 == 3) {
                                    b.recordMiss();
                                } else {
                                    b.recordHit(entry, T1);
                                }
                            } catch (IllegalStateException e) {
                                failed++; // the flush this access triggered failed; the access itself is kept
                            }
                        }
                        return failed;
                    }));
                }
                failures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 200; i++) {
                        try {
                            b.flush();
                        } catch (IllegalStateException e) {
                            // kept for a later flush
                        }
                    }
                    return 0L;
                }));
                for (Future<Long> f : failures) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            failEvery.set(1); // the next write succeeds
            b.flush();
            long total = (long) threads * perThread;
            assertEquals(total / 4, rows.misses());
            assertEquals(total - total / 4, rows.hits());
            assertEquals(Map.of(A, (total - total / 4) / 2, B, (total - total / 4) / 2), rows.hitsPerEntry());
            assertTrue(b.recentAccesses().isEmpty());
            assertEquals(stored(), b.statistics(CacheAccessBufferTest::stored), "nothing left buffered");
        }
    }
}
