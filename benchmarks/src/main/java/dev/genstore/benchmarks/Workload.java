package dev.genstore.benchmarks;

import dev.genstore.benchmarks.backend.Backend;
import java.util.List;

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

    /**
     * Measures the workload on {@code backend}: by default one {@link Trial} timed by {@link Harness}, one result.
     * Workloads that measure several sizes, or also a peer library, override it and return a result for each.
     */
    default List<Result> run(Backend backend, Settings settings) throws Exception {
        try (Trial trial = open(backend, settings)) {
            return List.of(new Harness(settings).run(name(), backend.name(), trial));
        }
    }
}
