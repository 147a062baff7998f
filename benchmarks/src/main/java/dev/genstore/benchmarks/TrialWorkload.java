package dev.genstore.benchmarks;

import dev.genstore.benchmarks.backend.Backend;
import java.util.List;

/** A workload measured as one {@link Trial}, timed by {@link Harness}. */
public interface TrialWorkload extends Workload {

    /**
     * Sets up both sides on {@code backend}: genstore on one database, the baseline on another with the same schema,
     * each seeded with the same data. Nothing done here is timed.
     */
    Trial open(Backend backend, Settings settings) throws Exception;

    /**
     * By default one {@link Trial} timed by {@link Harness}, one result. Workloads that also measure a peer library
     * override it and return a result for each.
     */
    @Override
    default List<Result> run(Backend backend, Settings settings) throws Exception {
        try (Trial trial = open(backend, settings)) {
            return List.of(new Harness(settings).run(name(), backend.name(), trial));
        }
    }
}
