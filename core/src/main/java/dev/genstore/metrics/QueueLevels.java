package dev.genstore.metrics;

import java.util.Map;

/**
 * The queue levels of a store, per provider, as a {@link StoreMetrics} reads them for its gauges. The store answers from
 * a snapshot it refreshes at most once a second of its clock, so frequent reads (many gauges, a scrape storm) cost one
 * query a second. A provider missing from the map has no job waiting.
 */
@FunctionalInterface
public interface QueueLevels {
    /** The current levels by provider; empty when nothing waits or the store is closed. Never throws. */
    Map<String, QueueLevel> byProvider();
}
