package dev.genstore.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * result is the median of each side's rounds; with {@link Trial#recordsLatency()}, also the p50 and p99 of every
 * operation of the timed rounds (warm-up excluded), and of each kind of {@link Trial#latencyKinds()} apart.
 */
public final class Harness {
    private final Settings settings;

    public Harness(Settings settings) {
        this.settings = settings;
    }

    public Result run(String workload, String backend, Trial trial) throws Exception {
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(trial.threads(), task -> {
            Thread thread = new Thread(task, "bench-worker-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            long genstoreOps = 0;
            long baselineOps = 0;
            boolean timed = trial.recordsLatency();
            if (!settings.warmup().isZero()) {
                genstoreOps += measure(workers, trial, true, settings.warmup(), false).ops();
                baselineOps += measure(workers, trial, false, settings.warmup(), false).ops();
            }
            double[] genstore = new double[settings.rounds()];
            double[] baseline = new double[settings.rounds()];
            Latencies genstoreLatencies = new Latencies();
            Latencies baselineLatencies = new Latencies();
            long[] cpu = new long[2]; // worker-thread CPU nanoseconds of the timed rounds: genstore, baseline
            long[] timedOps = new long[2];
            for (int round = 0; round < settings.rounds(); round++) {
                Run g;
                Run b;
                if (round % 2 == 0) {
                    g = measure(workers, trial, true, settings.round(), timed);
                    b = measure(workers, trial, false, settings.round(), timed);
                } else {
                    b = measure(workers, trial, false, settings.round(), timed);
                    g = measure(workers, trial, true, settings.round(), timed);
                }
                genstoreOps += g.ops();
                baselineOps += b.ops();
                genstore[round] = g.opsPerSecond();
                baseline[round] = b.opsPerSecond();
                genstoreLatencies.add(g.latencies());
                baselineLatencies.add(b.latencies());
                cpu[0] += g.cpuNanos();
                cpu[1] += b.cpuNanos();
                timedOps[0] += g.ops();
                timedOps[1] += b.ops();
                System.err.printf(Locale.ROOT, "%s %s round %d/%d: genstore %.0f ops/s, baseline %.0f ops/s (%.3f);"
                                + " CPU µs/op genstore %.0f, baseline %.0f%n",
                        workload, backend, round + 1, settings.rounds(), genstore[round], baseline[round],
                        genstore[round] / baseline[round], g.cpuNanos() / 1e3 / Math.max(1, g.ops()),
                        b.cpuNanos() / 1e3 / Math.max(1, b.ops()));
            }
            trial.check(genstoreOps, baselineOps);
            Result result = new Result(workload, backend, median(genstore), median(baseline));
            if (timed) {
                result = result.field("p50_ms", genstoreLatencies.millis(0.50))
                        .field("p99_ms", genstoreLatencies.millis(0.99))
                        .field("baseline_p50_ms", baselineLatencies.millis(0.50))
                        .field("baseline_p99_ms", baselineLatencies.millis(0.99));
                List<String> kinds = trial.latencyKinds();
                for (int kind = 0; kind < kinds.size(); kind++) {
                    String name = kinds.get(kind);
                    result = result.field(name + "_p50_us", genstoreLatencies.micros(0.50, kind))
                            .field(name + "_p99_us", genstoreLatencies.micros(0.99, kind))
                            .field("baseline_" + name + "_p50_us", baselineLatencies.micros(0.50, kind))
                            .field("baseline_" + name + "_p99_us", baselineLatencies.micros(0.99, kind));
                }
            }
            if (trial.reportsCpu()) {
                result = result.field("genstore_cpu_us", String.format(Locale.ROOT, "%.0f", cpu[0] / 1e3 / Math.max(1, timedOps[0])))
                        .field("baseline_cpu_us", String.format(Locale.ROOT, "%.0f", cpu[1] / 1e3 / Math.max(1, timedOps[1])));
            }
            return result;
        } finally {
            workers.shutdownNow();
        }
    }

    private record Run(long ops, long nanos, Latencies latencies, long cpuNanos) {
        double opsPerSecond() {
            return ops * 1e9 / nanos;
        }
    }

    /**
     * What one thread did in a run: its operations, when timed each one's duration in nanoseconds and its kind
     * ({@link KindedOperation}; 0 for a plain operation), and the CPU time it used (-1 where the JVM cannot tell).
     */
    private record ThreadRun(long ops, long[] nanos, byte[] kinds, long cpuNanos) {
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static long threadCpu() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    /**
     * Runs one side's operation on the trial's threads until {@code duration} has passed, after the trial's untimed
     * {@link Trial#beforeRun}. The clock stops when the last operation in flight at the deadline has finished, so
     * every counted operation lies inside the interval. With {@code timed}, every operation's duration is kept.
     */
    private static Run measure(ExecutorService workers, Trial trial, boolean genstoreSide, Duration duration,
                               boolean timed) throws Exception {
        trial.beforeRun(genstoreSide, duration);
        Operation operation = genstoreSide ? trial.genstore() : trial.baseline();
        int threads = trial.threads();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        long[] deadline = new long[1];
        List<Future<ThreadRun>> counts = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            counts.add(workers.submit(() -> {
                ready.countDown();
                go.await();
                long end = deadline[0]; // published by go.countDown()
                long ops = 0;
                long cpuStart = threadCpu();
                if (!timed) {
                    while (System.nanoTime() - end < 0) {
                        operation.run();
                        ops++;
                    }
                    return new ThreadRun(ops, new long[0], new byte[0], threadCpu() - cpuStart);
                }
                KindedOperation kinded = operation instanceof KindedOperation k ? k : null;
                long[] nanos = new long[1024];
                byte[] kinds = new byte[1024];
                long now = System.nanoTime();
                while (now - end < 0) {
                    int kind = 0;
                    if (kinded != null) {
                        kind = kinded.runKind();
                    } else {
                        operation.run();
                    }
                    long after = System.nanoTime();
                    if (ops == nanos.length) {
                        nanos = Arrays.copyOf(nanos, nanos.length * 2);
                        kinds = Arrays.copyOf(kinds, kinds.length * 2);
                    }
                    kinds[(int) ops] = (byte) kind;
                    nanos[(int) ops++] = after - now;
                    now = after;
                }
                return new ThreadRun(ops, Arrays.copyOf(nanos, (int) ops), Arrays.copyOf(kinds, (int) ops),
                        threadCpu() - cpuStart);
            }));
        }
        ready.await();
        long start = System.nanoTime();
        deadline[0] = start + duration.toNanos();
        go.countDown();
        long ops = 0;
        long cpu = 0;
        Latencies latencies = new Latencies();
        for (Future<ThreadRun> count : counts) {
            try {
                ThreadRun run = count.get();
                ops += run.ops();
                cpu += run.cpuNanos();
                latencies.add(run.nanos(), run.kinds());
            } catch (ExecutionException e) {
                counts.forEach(other -> other.cancel(true));
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
        return new Run(ops, System.nanoTime() - start, latencies, cpu);
    }

    /** Operation durations in nanoseconds with their kinds, gathered over threads and rounds. */
    private static final class Latencies {
        private final List<long[]> parts = new ArrayList<>();
        private final List<byte[]> kinds = new ArrayList<>();

        void add(long[] nanos, byte[] kindsOfThem) {
            parts.add(nanos);
            kinds.add(kindsOfThem);
        }

        void add(Latencies other) {
            parts.addAll(other.parts);
            kinds.addAll(other.kinds);
        }

        /** The {@code quantile} (nearest rank) of all operations in milliseconds, to the microsecond. */
        String millis(double quantile) {
            return quantile(parts.stream().flatMapToLong(Arrays::stream).sorted().toArray(), quantile, 1e6, "%.3f");
        }

        /** The {@code quantile} (nearest rank) of the operations of {@code kind} in microseconds, to 0.1 µs. */
        String micros(double quantile, int kind) {
            long[] ofKind = new long[parts.stream().mapToInt(p -> p.length).sum()];
            int count = 0;
            for (int part = 0; part < parts.size(); part++) {
                long[] nanos = parts.get(part);
                byte[] kindsOfPart = kinds.get(part);
                for (int i = 0; i < nanos.length; i++) {
                    if (kindsOfPart[i] == kind) {
                        ofKind[count++] = nanos[i];
                    }
                }
            }
            long[] sorted = Arrays.copyOf(ofKind, count);
            Arrays.sort(sorted);
            return quantile(sorted, quantile, 1e3, "%.1f");
        }

        private static String quantile(long[] sorted, double quantile, double unit, String format) {
            if (sorted.length == 0) {
                return "NaN";
            }
            int rank = (int) Math.ceil(quantile * sorted.length);
            return String.format(Locale.ROOT, format, sorted[Math.max(0, rank - 1)] / unit);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
