package dev.genstore.benchmarks;

/**
 * An operation that does one of several kinds of work per call (a cache hit, a put), so that {@link Harness} can time
 * the kinds apart: {@link #runKind()} returns the index, in {@link Trial#latencyKinds()}, of the kind it did.
 */
@FunctionalInterface
public interface KindedOperation extends Operation {

    int runKind() throws Exception;

    @Override
    default void run() throws Exception {
        runKind();
    }
}
