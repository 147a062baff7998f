/**
 * Monitoring: {@link dev.genstore.metrics.StoreMetrics}, the sink of genstore's measurements (operation timings, queue
 * claims and lease expiries, ledger debits and refusals, budget spend, cache hits and evictions), and
 * {@link dev.genstore.metrics.MicrometerMetrics}, the sink that records them in a Micrometer {@code MeterRegistry}.
 *
 * <p>Micrometer is an optional dependency: only {@code MicrometerMetrics} refers to it, so a store without metrics runs
 * without Micrometer on the class path.
 */
package dev.genstore.metrics;
