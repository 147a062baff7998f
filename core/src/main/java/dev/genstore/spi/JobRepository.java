package dev.genstore.spi;

import dev.genstore.accounts.UserId;
import dev.genstore.jobs.ConfigurationId;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobConfiguration;
import dev.genstore.jobs.JobId;
import dev.genstore.jobs.JobScope;
import dev.genstore.jobs.JobSelection;
import dev.genstore.jobs.JobStatistics;
import dev.genstore.jobs.JobStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Storage of job configurations, jobs and provider limits. Every change to a job happens after {@link #lockJob} or
 * {@link #lockClaimable} in the same transaction.
 */
public interface JobRepository {
    /** Stores a new configuration. */
    void insertConfiguration(JobConfiguration configuration);

    /** The configuration with this id. */
    Optional<JobConfiguration> findConfiguration(ConfigurationId id);

    /** The owner's configuration with this name. */
    Optional<JobConfiguration> findConfiguration(UserId owner, String name);

    /** Writes name, settings and updated-at. */
    void updateConfiguration(JobConfiguration configuration);

    /** Deletes a configuration, unlinking its jobs. Returns false when there was none. */
    boolean deleteConfiguration(ConfigurationId id);

    /** The owner's configurations with a name after {@code afterName} (all when null), by name, at most {@code limit}. */
    List<JobConfiguration> configurationsAfter(UserId owner, String afterName, int limit);

    /** Stores a new job. */
    void insertJob(Job job);

    /** The job, without locking. */
    Optional<Job> findJob(JobId id);

    /** The job, locked until the transaction ends. */
    Optional<Job> lockJob(JobId id);

    /** The owner's job submitted with this idempotency key. */
    Optional<Job> findByIdempotencyKey(UserId owner, String key);

    /** Writes the job's mutable fields: status, counters, attempts, run-after, lease, error, start and end times. */
    void updateJob(Job job);

    /**
     * Up to {@code limit} claimable jobs (QUEUED with run-after at or before {@code now}, or RUNNING with a lease
     * expired at {@code now}) of {@code providers} (any when empty) other than {@code skipProviders}, and of
     * {@code owners} (any when empty), highest priority first, then oldest, each locked until the transaction ends;
     * rows another transaction holds are skipped, never waited for.
     */
    List<Job> lockClaimable(Instant now, int limit, Set<String> providers, Set<UserId> owners, Set<String> skipProviders);

    /** The configuration's jobs, each locked until the transaction ends (waiting for rows another transaction holds). */
    List<Job> lockJobsOf(ConfigurationId configuration);

    /** Deletes the job (its regeneration row goes with it; images keep their rows without the link). False when there was none. */
    boolean deleteJob(JobId id);

    /**
     * Moves every job in {@code from} status that {@code selection} matches to {@code to}, in one statement; a row
     * another transaction moved out of {@code from} meanwhile is left alone. Returns how many moved.
     */
    int moveAll(JobSelection selection, JobStatus from, JobStatus to);

    /**
     * Up to {@code limit} RUNNING jobs whose lease expired at {@code now}, the longest expired first, each locked until
     * the transaction ends; rows another transaction holds are skipped, never waited for.
     */
    List<Job> lockExpiredLeases(Instant now, int limit);

    /** The limits of these providers (those that have one), locked until the transaction ends. */
    Map<String, Integer> lockProviderLimits(Collection<String> providers);

    /** Per provider, the RUNNING jobs whose lease has not expired at {@code now}. */
    Map<String, Long> countRunning(Collection<String> providers, Instant now);

    /** Sets a provider's limit, replacing any earlier one. */
    void upsertProviderLimit(String provider, int maxRunning);

    /** Removes a provider's limit. Returns false when it had none. */
    boolean deleteProviderLimit(String provider);

    /** Every provider limit, by provider. */
    Map<String, Integer> providerLimits();

    /** The owner's jobs with an id below {@code beforeId} (all when null) and a status in {@code statuses} (any when empty), newest first. */
    List<Job> historyBefore(UserId owner, Set<JobStatus> statuses, JobId beforeId, int limit);

    /**
     * Every owner's jobs matching {@code selection} (owner, provider, created after) with an id below {@code beforeId}
     * (all when null) and a status in {@code statuses} (any when empty), newest first: the operator's job list.
     */
    List<Job> listBefore(JobSelection selection, Set<JobStatus> statuses, JobId beforeId, int limit);

    /** How many jobs matching {@code selection} are in each status (statuses with none left out). */
    Map<JobStatus, Long> countByStatus(JobSelection selection);

    /** Counts and run-time figures over the jobs in scope. */
    JobStatistics statistics(JobScope scope);

    /** Per provider with QUEUED jobs: how many, and the earliest run-after of those due at {@code now}. */
    List<QueueDepthRow> queueDepths(Instant now);

    /** Marks SUCCEEDED, FAILED and CANCELLED jobs completed before {@code cutoff} ARCHIVED. Returns how many. */
    int archiveFinishedBefore(Instant cutoff);
}
