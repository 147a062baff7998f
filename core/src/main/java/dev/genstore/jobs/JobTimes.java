package dev.genstore.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When things happened to a job. Part of {@link Job} ({@link Job#times()}).
 *
 * @param createdAt   when it was submitted
 * @param runAfter    not claimed before this instant (moved on by a retry's backoff)
 * @param startedAt   when it was first claimed, or {@code null}
 * @param completedAt when it finished, or {@code null}
 */
public record JobTimes(Instant createdAt, Instant runAfter, Instant startedAt, Instant completedAt) {
    /** How long the job ran, from its first claim to its end, when it has finished. */
    public Optional<Duration> duration() {
        return startedAt == null || completedAt == null ? Optional.empty() : Optional.of(Duration.between(startedAt, completedAt));
    }
}
