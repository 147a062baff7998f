package dev.genstore.benchmarks;

/** One timed unit of work; called concurrently from {@link Trial#threads()} threads. */
@FunctionalInterface
public interface Operation {
    void run() throws Exception;
}
