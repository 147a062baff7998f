package dev.genstore.jobs;

/**
 * How far a job got: its image counters and its claims. Part of {@link Job} ({@link Job#progress()}).
 *
 * @param successfulImages images that succeeded
 * @param failedImages     images that failed
 * @param attempts         claims so far: the fencing token of the current claim
 */
public record JobProgress(int successfulImages, int failedImages, int attempts) {
    /** No image and no claim yet: a job as submitted. */
    public static final JobProgress NONE = new JobProgress(0, 0, 0);
}
