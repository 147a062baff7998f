package dev.genstore.benchmarks;

import dev.genstore.benchmarks.backend.Backend;
import java.util.List;

/**
 * One thing an application does with genstore, together with the raw-JDBC code that does the same work by hand.
 * Register new workloads in {@link BenchmarkMain#WORKLOADS}. Most workloads are a {@link TrialWorkload}: one trial
 * timed by {@link Harness}; those that measure several sizes or once (copy, backup) implement {@link #run} themselves.
 */
public interface Workload {

    /** The name given on the command line, e.g. {@code ledger}. */
    String name();

    /**
     * The backends it runs on: by default the database engines ({@link Backend#NAMES}). A workload on another kind of
     * backend (blobs on {@code s3}) names its own and gets a null {@code backend} in {@link #run}.
     */
    default List<String> backends() {
        return Backend.NAMES;
    }

    /** Measures the workload on {@code backend} and returns a result per measurement. */
    List<Result> run(Backend backend, Settings settings) throws Exception;
}
