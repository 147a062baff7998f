package dev.genstore.internal;

import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobStatus;
import dev.genstore.ledger.HoldId;
import java.time.Instant;

/** Copies of a {@link Job} with some fields changed: the moves the services make. */
public final class JobCopies {
    private JobCopies() {
    }

    public static Job withHold(Job j, HoldId hold) {
        return new Job(j.id(), j.owner(), j.configurationId(), j.prompt(), j.parameters(), j.provider(), j.model(),
                j.tokenCost(), j.priority(), j.status(), j.totalImages(), j.successfulImages(), j.failedImages(),
                j.attempts(), j.maxAttempts(), j.runAfter(), j.leaseOwner(), j.leaseExpiresAt(), j.errorMessage(),
                j.idempotencyKey(), hold, j.createdAt(), j.startedAt(), j.completedAt(), j.captureRule());
    }

    public static Job withStatus(Job j, JobStatus status) {
        return new Job(j.id(), j.owner(), j.configurationId(), j.prompt(), j.parameters(), j.provider(), j.model(),
                j.tokenCost(), j.priority(), status, j.totalImages(), j.successfulImages(), j.failedImages(),
                j.attempts(), j.maxAttempts(), j.runAfter(), j.leaseOwner(), j.leaseExpiresAt(), j.errorMessage(),
                j.idempotencyKey(), j.holdId(), j.createdAt(), j.startedAt(), j.completedAt(), j.captureRule());
    }

    /** RUNNING under a new lease: the next attempt. */
    public static Job claimed(Job j, String worker, Instant leaseExpiresAt, Instant now) {
        return new Job(j.id(), j.owner(), j.configurationId(), j.prompt(), j.parameters(), j.provider(), j.model(),
                j.tokenCost(), j.priority(), JobStatus.RUNNING, j.totalImages(), j.successfulImages(), j.failedImages(),
                j.attempts() + 1, j.maxAttempts(), j.runAfter(), worker, leaseExpiresAt, j.errorMessage(),
                j.idempotencyKey(), j.holdId(), j.createdAt(), j.startedAt() == null ? now : j.startedAt(), null, j.captureRule());
    }

    public static Job withLease(Job j, Instant leaseExpiresAt) {
        return new Job(j.id(), j.owner(), j.configurationId(), j.prompt(), j.parameters(), j.provider(), j.model(),
                j.tokenCost(), j.priority(), j.status(), j.totalImages(), j.successfulImages(), j.failedImages(),
                j.attempts(), j.maxAttempts(), j.runAfter(), j.leaseOwner(), leaseExpiresAt, j.errorMessage(),
                j.idempotencyKey(), j.holdId(), j.createdAt(), j.startedAt(), j.completedAt(), j.captureRule());
    }

    /** Back to QUEUED for a retry from {@code runAfter}. */
    public static Job requeued(Job j, Instant runAfter, String error) {
        return new Job(j.id(), j.owner(), j.configurationId(), j.prompt(), j.parameters(), j.provider(), j.model(),
                j.tokenCost(), j.priority(), JobStatus.QUEUED, j.totalImages(), j.successfulImages(), j.failedImages(),
                j.attempts(), j.maxAttempts(), runAfter, null, null, error, j.idempotencyKey(), j.holdId(),
                j.createdAt(), j.startedAt(), null, j.captureRule());
    }

    /** Finished with this status and these counts; the lease is cleared. */
    public static Job finish(Job j, JobStatus status, int successful, int failed, String error, Instant now) {
        return new Job(j.id(), j.owner(), j.configurationId(), j.prompt(), j.parameters(), j.provider(), j.model(),
                j.tokenCost(), j.priority(), status, j.totalImages(), successful, failed, j.attempts(), j.maxAttempts(),
                j.runAfter(), null, null, error, j.idempotencyKey(), j.holdId(), j.createdAt(), j.startedAt(), now, j.captureRule());
    }

    /** The same job with other image counts (an image of it was stored or failed). */
    public static Job withImageCounts(Job j, int successful, int failed) {
        return new Job(j.id(), j.owner(), j.configurationId(), j.prompt(), j.parameters(), j.provider(), j.model(),
                j.tokenCost(), j.priority(), j.status(), j.totalImages(), successful, failed, j.attempts(), j.maxAttempts(),
                j.runAfter(), j.leaseOwner(), j.leaseExpiresAt(), j.errorMessage(), j.idempotencyKey(), j.holdId(),
                j.createdAt(), j.startedAt(), j.completedAt(), j.captureRule());
    }
}
