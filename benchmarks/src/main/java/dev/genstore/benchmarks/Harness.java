package dev.genstore.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Times a {@link Trial}: both sides warm up, then each round runs genstore and the baseline back to back, genstore
 * first in even rounds and second in odd ones, so drift (a growing table, a checkpoint, the JIT) falls on both. The
 * result is the median of each side's rounds.
 */
final class Harness {
    private final Settings settings;

    Harness(Settings settings) {
        this.settings = settings;
    }

    Result run(String workload, String backend, Trial trial) throws Exception {
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(trial.threads(), task -> {
            Thread thread = new Thread(task, "bench-worker-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            long genstoreOps = 0;
            long baselineOps = 0;
            if (!settings.warmup().isZero()) {
                genstoreOps += measure(workers, trial.threads(), trial.genstore(), settings.warmup()).ops();
                baselineOps += measure(workers, trial.threads(), trial.baseline(), settings.warmup()).ops();
            }
            double[] genstore = new double[settings.rounds()];
            double[] baseline = new double[settings.rounds()];
            for (int round = 0; round < settings.rounds(); round++) {
                Run g;
                Run b;
                if (round % 2 == 0) {
                    g = measure(workers, trial.threads(), trial.genstore(), settings.round());
                    b = measure(workers, trial.threads(), trial.baseline(), settings.round());
                } else {
                    b = measure(workers, trial.threads(), trial.baseline(), settings.round());
                    g = measure(workers, trial.threads(), trial.genstore(), settings.round());
                }
                genstoreOps += g.ops();
                baselineOps += b.ops();
                genstore[round] = g.opsPerSecond();
                baseline[round] = b.opsPerSecond();
                System.err.printf(Locale.ROOT, "%s %s round %d/%d: genstore %.0f ops/s, baseline %.0f ops/s (%.3f)%n",
                        workload, backend, round + 1, settings.rounds(), genstore[round], baseline[round],
                        genstore[round] / baseline[round]);
            }
            trial.check(genstoreOps, baselineOps);
            return new Result(workload, backend, median(genstore), median(baseline));
        } finally {
            workers.shutdownNow();
        }
    }

    private record Run(long ops, long nanos) {
        double opsPerSecond() {
            return ops * 1e9 / nanos;
        }
    }

    /**
     * Runs {@code operation} on {@code threads} threads until {@code duration} has passed. The clock stops when the
     * last operation in flight at the deadline has finished, so every counted operation lies inside the interval.
     */
    private static Run measure(ExecutorService workers, int threads, Operation operation, Duration duration)
            throws Exception {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        long[] deadline = new long[1];
        List<Future<Long>> counts = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            counts.add(workers.submit(() -> {
                ready.countDown();
                go.await();
                long end = deadline[0]; // published by go.countDown()
                long ops = 0;
                while (System.nanoTime() - end < 0) {
                    operation.run();
                    ops++;
                }
                return ops;
            }));
        }
        ready.await();
        long start = System.nanoTime();
        deadline[0] = start + duration.toNanos();
        go.countDown();
        long ops = 0;
        for (Future<Long> count : counts) {
            try {
                ops += count.get();
            } catch (ExecutionException e) {
                counts.forEach(other -> other.cancel(true));
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
        return new Run(ops, System.nanoTime() - start);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
