package dev.genstore.metrics;

/** The sink that ignores everything; the store skips reporting altogether when it is the one in use. */
final class NoMetrics implements StoreMetrics {
    static final NoMetrics INSTANCE = new NoMetrics();

    private NoMetrics() {
    }

    @Override
    public String toString() {
        return "StoreMetrics.none()";
    }
}
