package dev.genstore.jobs;

import java.time.Duration;

/**
 * Figures over a set of jobs.
 *
 * @param totalJobs        jobs in the set
 * @param completedJobs    SUCCEEDED jobs
 * @param failedJobs       FAILED jobs
 * @param cancelledJobs    CANCELLED jobs
 * @param totalImages      images asked for
 * @param successfulImages images that succeeded
 * @param failedImages     images that failed
 * @param averageDuration  mean run time of finished jobs that ran ({@link Duration#ZERO} when none)
 * @param p95Duration      95th percentile of those run times (nearest rank; {@link Duration#ZERO} when none)
 */
public record JobStatistics(long totalJobs, long completedJobs, long failedJobs, long cancelledJobs, long totalImages,
                            long successfulImages, long failedImages, Duration averageDuration, Duration p95Duration) {
}
