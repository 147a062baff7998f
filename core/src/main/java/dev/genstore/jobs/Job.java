package dev.genstore.jobs;

import dev.genstore.accounts.UserId;
import dev.genstore.ledger.HoldId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A stored generation job.
 *
 * @param id               the job's id
 * @param owner            the user it runs for
 * @param configurationId  the configuration it runs, or {@code null}
 * @param prompt           the generation prompt
 * @param parameters       generation parameters
 * @param provider         the image API
 * @param model            the provider's model
 * @param tokenCost        tokens held on submit
 * @param priority         higher runs first
 * @param status           where the job is in its life
 * @param totalImages      images the job makes
 * @param successfulImages images that succeeded
 * @param failedImages     images that failed
 * @param attempts         claims so far: the fencing token of the current claim
 * @param maxAttempts      attempts before a failing job is FAILED
 * @param runAfter         not claimed before this instant
 * @param leaseOwner       the worker holding the lease while RUNNING, or {@code null}
 * @param leaseExpiresAt   when the lease ends while RUNNING, or {@code null}
 * @param errorMessage     the last failure's message, or {@code null}
 * @param idempotencyKey   the submit's idempotency key, or {@code null}
 * @param holdId           the token hold that follows the job, or {@code null} when it costs nothing
 * @param createdAt        when it was submitted
 * @param startedAt        when it was first claimed, or {@code null}
 * @param completedAt      when it finished, or {@code null}
 * @param captureRule      what {@link JobQueue#complete} captures of the hold when only some images succeed
 */
public record Job(JobId id, UserId owner, ConfigurationId configurationId, String prompt, Map<String, Object> parameters,
                  String provider, String model, long tokenCost, int priority, JobStatus status, int totalImages,
                  int successfulImages, int failedImages, int attempts, int maxAttempts, Instant runAfter,
                  String leaseOwner, Instant leaseExpiresAt, String errorMessage, String idempotencyKey, HoldId holdId,
                  Instant createdAt, Instant startedAt, Instant completedAt, CaptureRule captureRule) {

    /** How long the job ran, from its first claim to its end, when it has finished. */
    public Optional<Duration> duration() {
        return startedAt == null || completedAt == null ? Optional.empty() : Optional.of(Duration.between(startedAt, completedAt));
    }
}
