package dev.genstore.qa;

import dev.genstore.accounts.UserId;
import dev.genstore.images.ImageId;
import dev.genstore.jobs.JobId;
import java.time.Instant;

/**
 * A request to regenerate an image that failed its quality check. It is a job in the job queue ({@link #jobId()}):
 * workers claim it with {@code queue().claim(...)} under the queue's lease, fencing, retry and backoff, and its
 * attempts are the job's attempts, capped by its {@code maxAttempts}.
 *
 * @param jobId     the regeneration job
 * @param owner     the image's owner
 * @param imageId   the image to regenerate
 * @param checkId   the check that failed it
 * @param reason    why it failed
 * @param createdAt when it was requested
 */
public record Regeneration(JobId jobId, UserId owner, ImageId imageId, QualityCheckId checkId, String reason,
                           Instant createdAt) {
}
