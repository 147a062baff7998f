package dev.genstore.jobs;

import dev.genstore.accounts.UserId;
import java.time.Instant;

/**
 * Which jobs statistics cover: all, one user's or one configuration's, optionally only those created in
 * {@code [from, to)}.
 *
 * @param owner         only this user's jobs, or {@code null}
 * @param configuration only this configuration's jobs, or {@code null}
 * @param from          only jobs created at or after this, or {@code null}
 * @param to            only jobs created before this, or {@code null}
 */
public record JobScope(UserId owner, ConfigurationId configuration, Instant from, Instant to) {
    /** Every job. */
    public static JobScope all() {
        return new JobScope(null, null, null, null);
    }

    /** One user's jobs. */
    public static JobScope of(UserId owner) {
        return new JobScope(owner, null, null, null);
    }

    /** One configuration's jobs. */
    public static JobScope of(ConfigurationId configuration) {
        return new JobScope(null, configuration, null, null);
    }

    /** This scope limited to jobs created in {@code [from, to)}. */
    public JobScope between(Instant fromInclusive, Instant toExclusive) {
        return new JobScope(owner, configuration, fromInclusive, toExclusive);
    }
}
