package dev.genstore.spi;

import java.time.Instant;

/**
 * One provider's waiting jobs, for the queue gauges.
 *
 * @param provider    the provider
 * @param queued      the QUEUED jobs, due or not
 * @param oldestDueAt the earliest run-after among QUEUED jobs that are due; {@code null} when none is due
 */
public record QueueDepthRow(String provider, long queued, Instant oldestDueAt) {
}
