package dev.genstore.spi;

import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobId;
import java.util.List;
import java.util.Set;

/**
 * What one claim statement changed: {@code claimed} jobs now RUNNING on their next attempt, and {@code expired} ones
 * (RUNNING with a lease that expired on their last attempt) now FAILED, whose holds the caller still has to release;
 * {@code takenOver} names the claimed jobs that were RUNNING under an expired lease (their worker vanished).
 */
public record ClaimedRows(List<Job> claimed, List<Job> expired, Set<JobId> takenOver) {
    public ClaimedRows {
        claimed = List.copyOf(claimed);
        expired = List.copyOf(expired);
        takenOver = Set.copyOf(takenOver);
    }
}
