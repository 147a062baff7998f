package dev.genstore.internal.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.errors.CommitOutcomeUnknownException;
import dev.genstore.errors.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class WriteCombinerTest {

    /** Doubles each input; odd inputs fail their guard in a batch, and alone are refused. */
    private static Integer alone(Integer input) {
        if (input % 2 == 1) {
            throw new InvalidInputException("input", "odd: " + input);
        }
        return input * 2;
    }

    @Test
    void aCallerAloneRunsItsOwnWriteAndGetsItsAnswerOrItsFailure() {
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        WriteCombiner<Integer, Integer> combiner = new WriteCombiner<>(8, batch -> {
            batches.add(batch);
            return batch.stream().map(i -> Optional.of(i * 2)).toList();
        });

        assertEquals(4, combiner.run(2, WriteCombinerTest::alone));
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> combiner.run(3, WriteCombinerTest::alone));
        assertTrue(refused.getMessage().contains("odd: 3"));
        assertEquals(List.of(), batches, "one caller at a time never makes a batch");
    }

    @Test
    void writesAskedForWhileOneRunsGoTogetherAndEachCallerGetsItsOwnAnswer() throws Exception {
        int threads = 12;
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger aloneRuns = new AtomicInteger();
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        Function<Integer, Integer> slowAlone = input -> {
            aloneRuns.incrementAndGet();
            if (input == 0) { // the first caller holds the running slot until the others queued
                firstRunning.countDown();
                await(release);
            }
            return alone(input);
        };
        WriteCombiner<Integer, Integer> combiner = new WriteCombiner<>(64, batch -> {
            batches.add(batch);
            return batch.stream().map(i -> i % 2 == 1 ? Optional.<Integer>empty() : Optional.of(i * 2)).toList();
        });
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Future<Integer> first = pool.submit(() -> combiner.run(0, slowAlone));
            assertTrue(firstRunning.await(10, TimeUnit.SECONDS));
            List<Future<Integer>> others = new ArrayList<>();
            for (int i = 1; i < threads; i++) {
                int input = i;
                others.add(pool.submit(() -> combiner.run(input, slowAlone)));
            }
            awaitWaiting(combiner, threads - 1);
            release.countDown();

            assertEquals(0, first.get(10, TimeUnit.SECONDS));
            for (int i = 1; i < threads; i++) {
                int input = i;
                if (i % 2 == 0) {
                    assertEquals(i * 2, others.get(i - 1).get(10, TimeUnit.SECONDS));
                } else {
                    Exception e = assertThrows(Exception.class, () -> others.get(input - 1).get(10, TimeUnit.SECONDS));
                    assertTrue(e.getCause() instanceof InvalidInputException, e::toString);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<Integer> together = batches.stream().flatMap(List::stream).sorted().toList();
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), together, "every queued write went in a batch, once");
        assertTrue(batches.stream().anyMatch(b -> b.size() > 1), "queued writes went together: " + batches);
        assertEquals(1 + 6, aloneRuns.get(), "the first ran alone, and each write refused in its batch ran alone again");
    }

    @Test
    void moreCallersThanOneBatchTakesEachGetTheirOwnAnswer() throws Exception {
        // 24 queue behind the first; batches take at most 3, so whoever leads a batch must be in the batch it runs.
        List<Integer> inputs = new ArrayList<>();
        for (int i = 0; i <= 24; i++) {
            inputs.add(i * 2);
        }
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        WriteCombiner<Integer, Integer> combiner = new WriteCombiner<>(3, batch -> {
            batches.add(batch);
            return batch.stream().map(i -> Optional.of(i * 2)).toList();
        });

        List<Integer> expected = inputs.stream().map(i -> i * 2).toList();
        assertEquals(expected, raceThrough(combiner, inputs));
        assertTrue(batches.stream().allMatch(b -> b.size() <= 3), "no batch is larger than its maximum: " + batches);
        assertEquals(inputs.subList(1, inputs.size()), batches.stream().flatMap(List::stream).sorted().toList(),
                "every queued write went in a batch, once");
    }

    @Test
    void aBatchThatFailsAsAWholeLetsEachCallerRunAloneButAnUnknownCommitReachesEveryone() throws Exception {
        RuntimeException[] failure = {new IllegalStateException("the batch broke")};
        WriteCombiner<Integer, Integer> combiner = new WriteCombiner<>(64, batch -> {
            throw failure[0];
        });
        assertEquals(List.of(4, 8, 12), raceThrough(combiner, List.of(2, 4, 6)));

        CommitOutcomeUnknownException unknown = new CommitOutcomeUnknownException("lost", null);
        failure[0] = unknown;
        // The first ran alone and got its answer; the two that went in the batch get the unknown outcome, never a rerun.
        assertEquals(List.of(4, unknown, unknown), raceOutcomes(combiner, List.of(2, 4, 6)));
    }

    /** Runs the inputs from threads that start together, with the first held until the others queued. */
    private static List<Integer> raceThrough(WriteCombiner<Integer, Integer> combiner, List<Integer> inputs) throws Exception {
        List<Object> outcomes = raceOutcomes(combiner, inputs);
        List<Integer> values = new ArrayList<>();
        outcomes.forEach(o -> values.add((Integer) o));
        return values;
    }

    private static List<Object> raceOutcomes(WriteCombiner<Integer, Integer> combiner, List<Integer> inputs) throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Function<Integer, Integer> holdFirst = input -> {
            if (input.equals(inputs.get(0))) {
                firstRunning.countDown();
                await(release);
            }
            return alone(input);
        };
        ExecutorService pool = Executors.newFixedThreadPool(inputs.size());
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            futures.add(pool.submit(() -> combiner.run(inputs.get(0), holdFirst)));
            assertTrue(firstRunning.await(10, TimeUnit.SECONDS));
            for (Integer input : inputs.subList(1, inputs.size())) {
                futures.add(pool.submit(() -> combiner.run(input, holdFirst)));
            }
            awaitWaiting(combiner, inputs.size() - 1);
            release.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Integer> future : futures) {
                try {
                    outcomes.add(future.get(10, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    outcomes.add(e.getCause());
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anInterruptedCallerStillGetsItsAnswerAndKeepsItsInterrupt() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        WriteCombiner<Integer, Integer> combiner = new WriteCombiner<>(64, batch -> batch.stream().map(i -> Optional.of(i * 2)).toList());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            pool.submit(() -> combiner.run(0, input -> {
                firstRunning.countDown();
                await(release);
                return 0;
            }));
            assertTrue(firstRunning.await(10, TimeUnit.SECONDS));
            Thread[] waiter = new Thread[1];
            Future<Boolean> second = pool.submit(() -> {
                waiter[0] = Thread.currentThread();
                assertEquals(8, combiner.run(4, WriteCombinerTest::alone));
                return Thread.currentThread().isInterrupted();
            });
            awaitWaiting(combiner, 1);
            waiter[0].interrupt();
            release.countDown();
            assertTrue(second.get(10, TimeUnit.SECONDS), "the interrupt is kept");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits until {@code n} callers queue behind the running write. */
    private static void awaitWaiting(WriteCombiner<?, ?> combiner, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (combiner.waiting() < n) {
            assertTrue(System.nanoTime() < deadline, "callers did not queue");
            Thread.sleep(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
