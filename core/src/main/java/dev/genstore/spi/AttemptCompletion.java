package dev.genstore.spi;

import dev.genstore.jobs.JobId;

/**
 * One job's completion in {@link JobRepository#completeAttempts}: attempt {@code attempt} of job {@code id} finishing
 * with these image counts.
 *
 * @param id         the job
 * @param attempt    the attempt (fencing token) that must still hold the live lease
 * @param successful images that succeeded
 * @param failed     images that failed
 */
public record AttemptCompletion(JobId id, long attempt, int successful, int failed) {
}
