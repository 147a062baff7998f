package dev.genstore.benchmarks;

import dev.genstore.benchmarks.backend.Backend;

/**
 * One thing an application does with genstore, together with the raw-JDBC code that does the same work by hand.
 * Register new workloads in {@link BenchmarkMain#WORKLOADS}.
 */
public interface Workload {

    /** The name given on the command line, e.g. {@code ledger}. */
    String name();

    /**
     * Sets up both sides on {@code backend}: genstore on one database, the baseline on another with the same schema,
     * each seeded with the same data. Nothing done here is timed.
     */
    Trial open(Backend backend, Settings settings) throws Exception;
}
