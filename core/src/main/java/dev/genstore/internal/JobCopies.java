package dev.genstore.internal;

import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobStatus;
import dev.genstore.ledger.HoldId;
import java.time.Instant;

/** Copies of a {@link Job} with some fields changed: the moves the services make, named. */
public final class JobCopies {
    private JobCopies() {
    }

    public static Job withHold(Job j, HoldId hold) {
        return j.toBuilder().holdId(hold).build();
    }

    public static Job withStatus(Job j, JobStatus status) {
        return j.toBuilder().status(status).build();
    }

    /** RUNNING under a new lease: the next attempt. */
    public static Job claimed(Job j, String worker, Instant leaseExpiresAt, Instant now) {
        return j.toBuilder().status(JobStatus.RUNNING).attempts(j.attempts() + 1).lease(worker, leaseExpiresAt)
                .startedAt(j.startedAt() == null ? now : j.startedAt()).completedAt(null).build();
    }

    public static Job withLease(Job j, Instant leaseExpiresAt) {
        return j.toBuilder().lease(j.leaseOwner(), leaseExpiresAt).build();
    }

    /** Back to QUEUED for a retry from {@code runAfter}. */
    public static Job requeued(Job j, Instant runAfter, String error) {
        return j.toBuilder().status(JobStatus.QUEUED).runAfter(runAfter).lease(null, null).errorMessage(error)
                .completedAt(null).build();
    }

    /** Finished with this status and these counts; the lease is cleared. */
    public static Job finish(Job j, JobStatus status, int successful, int failed, String error, Instant now) {
        return j.toBuilder().status(status).successfulImages(successful).failedImages(failed).lease(null, null)
                .errorMessage(error).completedAt(now).build();
    }

    /** The same job with other image counts (an image of it was stored or failed). */
    public static Job withImageCounts(Job j, int successful, int failed) {
        return j.toBuilder().successfulImages(successful).failedImages(failed).build();
    }
}
