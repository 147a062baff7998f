package dev.genstore.jobs;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a job is in its life. The only moves: QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED; QUEUED → CANCELLED;
 * QUEUED ⇄ PAUSED; RUNNING → QUEUED (a retry, or a lease that expired); SUCCEEDED | FAILED | CANCELLED → ARCHIVED.
 */
public enum JobStatus {
    /** Waiting to be claimed (from its {@code runAfter} on). */
    QUEUED,
    /** Claimed by a worker holding a lease. */
    RUNNING,
    /** Held back from claiming until resumed. */
    PAUSED,
    /** Finished: the images that succeeded were paid for. */
    SUCCEEDED,
    /** Finished after its last attempt failed; its hold was released. */
    FAILED,
    /** Cancelled by the application; its hold was released. */
    CANCELLED,
    /** A finished job moved out of the active history. */
    ARCHIVED;

    /** True for SUCCEEDED, FAILED and CANCELLED. */
    public boolean isFinished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** True when the state machine allows moving from this status to {@code next}. */
    public boolean canMoveTo(JobStatus next) {
        return successors().contains(next);
    }

    private Set<JobStatus> successors() {
        return switch (this) {
            case QUEUED -> EnumSet.of(RUNNING, PAUSED, CANCELLED);
            case RUNNING -> EnumSet.of(SUCCEEDED, FAILED, CANCELLED, QUEUED);
            case PAUSED -> EnumSet.of(QUEUED);
            case SUCCEEDED, FAILED, CANCELLED -> EnumSet.of(ARCHIVED);
            case ARCHIVED -> EnumSet.noneOf(JobStatus.class);
        };
    }
}
