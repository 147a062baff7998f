package dev.genstore.benchmarks;

import java.time.Duration;
import java.util.List;

/** A workload set up on one backend: the two operations {@link Harness} times against each other. */
public interface Trial extends AutoCloseable {

    /** How many threads run the operation at once. */
    int threads();

    /** One unit of work through genstore's API. */
    Operation genstore();

    /** The same unit of work in hand-written JDBC. */
    Operation baseline();

    /**
     * Whether {@link Harness} times every operation of the timed rounds, and adds their p50 and p99 to the result
     * ({@code p50_ms}, {@code p99_ms}, {@code baseline_p50_ms}, {@code baseline_p99_ms}). Off by default: it costs two
     * clock reads per operation.
     */
    default boolean recordsLatency() {
        return false;
    }

    /**
     * The kinds of work the operations do, when they are {@link KindedOperation}s: with {@link #recordsLatency()}, the
     * result adds each kind's p50 and p99 in microseconds over the operations of that kind alone
     * ({@code <kind>_p50_us}, {@code <kind>_p99_us}, {@code baseline_<kind>_p50_us}, {@code baseline_<kind>_p99_us}).
     * Empty by default.
     */
    default List<String> latencyKinds() {
        return List.of();
    }

    /**
     * Whether the result adds {@code genstore_cpu_us} and {@code baseline_cpu_us}: the CPU time of the worker threads per
     * operation over the timed rounds (with SQLite and H2 that includes the database engine, which runs in those
     * threads; with PostgreSQL only the client). Unlike ops/s it hardly moves when other processes take the cores.
     */
    default boolean reportsCpu() {
        return false;
    }

    /**
     * Called, untimed, before each side runs for {@code duration} (warm-up or round): a workload that consumes
     * prepared data (a queue that is drained) tops it up here.
     */
    default void beforeRun(boolean genstoreSide, Duration duration) throws Exception {
    }

    /**
     * Checks, after the timing, that each side did the work it was timed for; {@code genstoreOps} and
     * {@code baselineOps} count every completed operation, warm-up included.
     *
     * @throws IllegalStateException when a side's data does not show the work
     */
    void check(long genstoreOps, long baselineOps) throws Exception;

    @Override
    void close() throws Exception;
}
