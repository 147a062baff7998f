package dev.genstore.jobs;

import dev.genstore.accounts.UserId;
import java.time.Instant;

/**
 * Which jobs an operator's bulk move ({@link JobQueue#operatorPauseAll}, {@link JobQueue#operatorResumeAll}) touches,
 * across users. Every part is optional; {@link #all()} selects every job.
 *
 * @param createdAfter only jobs submitted strictly after this instant, or {@code null}
 * @param provider     only this provider's jobs, or {@code null}
 * @param owner        only this user's jobs, or {@code null}
 */
public record JobSelection(Instant createdAfter, String provider, UserId owner) {
    /** Every job. */
    public static JobSelection all() {
        return new JobSelection(null, null, null);
    }

    /** This selection limited to jobs submitted strictly after {@code instant}. */
    public JobSelection createdAfter(Instant instant) {
        return new JobSelection(instant, provider, owner);
    }

    /** This selection limited to one provider's jobs. */
    public JobSelection provider(String name) {
        return new JobSelection(createdAfter, name, owner);
    }

    /** This selection limited to one user's jobs. */
    public JobSelection owner(UserId user) {
        return new JobSelection(createdAfter, provider, user);
    }
}
