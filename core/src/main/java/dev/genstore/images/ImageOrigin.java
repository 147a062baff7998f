package dev.genstore.images;

import dev.genstore.jobs.JobId;

/**
 * Where an image came from and what it cost. Part of {@link Image} ({@link Image#origin()}); fixed when the image is
 * recorded (only the job link is cleared, when its job is deleted).
 *
 * @param type       generated or uploaded
 * @param jobId      the generation job that made it, or {@code null}
 * @param prompt     the generation prompt, or {@code null}
 * @param seed       the generation seed, or {@code null}
 * @param model      the generation model, or {@code null}
 * @param tokensUsed tokens the image cost
 */
public record ImageOrigin(ImageType type, JobId jobId, String prompt, Long seed, String model, long tokensUsed) {
}
