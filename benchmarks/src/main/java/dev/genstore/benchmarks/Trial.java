package dev.genstore.benchmarks;

/** A workload set up on one backend: the two operations {@link Harness} times against each other. */
public interface Trial extends AutoCloseable {

    /** How many threads run the operation at once. */
    int threads();

    /** One unit of work through genstore's API. */
    Operation genstore();

    /** The same unit of work in hand-written JDBC. */
    Operation baseline();

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
