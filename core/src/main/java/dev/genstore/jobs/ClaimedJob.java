package dev.genstore.jobs;

import java.time.Instant;

/**
 * A job a worker claimed. Pass {@link #fencingToken()} to every {@code heartbeat}, {@code complete} and {@code fail}:
 * once the lease is lost (it expired and another worker claimed the job) the old token is refused.
 *
 * @param job            the job, as it is now RUNNING
 * @param fencingToken   the attempt number of this claim
 * @param leaseExpiresAt when the lease ends unless a heartbeat extends it
 */
public record ClaimedJob(Job job, long fencingToken, Instant leaseExpiresAt) {
    /** Shorthand for {@code job().id()}. */
    public JobId id() {
        return job.id();
    }
}
