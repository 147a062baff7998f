package dev.genstore.ops;

import java.time.Duration;
import java.time.Instant;

/**
 * One run of a housekeeping task, or the attempt that found it running elsewhere.
 *
 * @param task      which task
 * @param ran       false when another store on the same database (or another thread of this one) was running the task,
 *                  so this attempt did nothing
 * @param startedAt when the attempt started, by the store's clock
 * @param took      how long the work took (zero when it did not run)
 * @param summary   what the task did, for a log: a purge's counts, the leases recovered, the maintenance steps
 */
public record HousekeepingRun(HousekeepingTask task, boolean ran, Instant startedAt, Duration took, String summary) {
}
