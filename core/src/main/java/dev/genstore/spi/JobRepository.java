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
import dev.genstore.jobs.RateLimit;
import java.time.Instant;
import java.util.ArrayList;
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

    /**
     * Stores a new job in one statement; its owner is proven by the foreign key, not read first.
     *
     * @throws MissingReferenceException when the job's owner or configuration does not exist; the transaction can then
     *                                   only roll back (PostgreSQL aborts it)
     */
    void insertJob(Job job);

    /**
     * Stores new jobs in one statement (at most 1,000; the caller batches), in order.
     *
     * @throws MissingReferenceException when a job's owner or configuration does not exist; nothing of the statement is
     *                                   stored and the transaction can only roll back
     */
    void insertJobs(List<Job> jobs);

    /** The job, without locking. */
    Optional<Job> findJob(JobId id);

    /** The job, locked until the transaction ends. */
    Optional<Job> lockJob(JobId id);

    /** The owner's job submitted with this idempotency key. */
    Optional<Job> findByIdempotencyKey(UserId owner, String key);

    /** The owner's jobs submitted with any of these idempotency keys (at most 1,000), by key. */
    Map<String, Job> findByIdempotencyKeys(UserId owner, Collection<String> keys);

    /** Writes the job's mutable fields: status, counters, attempts, run-after, lease, error, start and end times. */
    void updateJob(Job job);

    /**
     * Up to {@code limit} claimable jobs (QUEUED with run-after at or before {@code now}, or RUNNING with a lease
     * expired at {@code now}) of {@code providers} (any when empty) other than {@code skipProviders}, and of
     * {@code owners} (any when empty), highest priority first, then oldest, each locked until the transaction ends;
     * rows another transaction holds are skipped, never waited for.
     */
    List<Job> lockClaimable(Instant now, int limit, Set<String> providers, Set<UserId> owners, Set<String> skipProviders);

    /**
     * Claims in one step when no provider the query may take has a concurrency or a rate limit: up to
     * {@code query.max()} claimable jobs as {@link #lockClaimable} finds them (rows another transaction holds are
     * skipped), each either claimed (RUNNING, attempts + 1, leased to the worker until the lease end, started at now
     * unless it started before, not completed) or, when it is RUNNING with an expired lease on its last attempt, FAILED
     * (outcome FAILED, lease cleared, completed at now, error {@link ClaimQuery#expiredOnLastAttempt}). Empty, changing
     * nothing, when a limit of such a provider exists: the caller then claims under the limits' locks. The default
     * always answers empty, which is correct, only slower.
     */
    default Optional<ClaimedRows> claimUnlimited(ClaimQuery query) {
        return Optional.empty();
    }

    /**
     * Extends the lease of attempt {@code attempt} of a RUNNING job whose lease is live at {@code now} to
     * {@code leaseEnd}, in one guarded write; the job as written, or empty (nothing written) when no row matched.
     */
    Optional<Job> extendLease(JobId id, long attempt, Instant now, Instant leaseEnd);

    /**
     * Finishes attempt {@code attempt} of a RUNNING job whose lease is live at {@code now} as SUCCEEDED with these
     * image counts (refused, as no match, when they exceed its total), lease cleared, completed at now, in one guarded
     * write; the job as written, or empty (nothing written) when no row matched.
     */
    Optional<Job> completeAttempt(JobId id, long attempt, Instant now, int successful, int failed);

    /**
     * {@link #completeAttempt} for several jobs at once, in the caller's transaction: each completion whose guard holds
     * is written; the jobs as written, in no particular order (a job whose guard failed is absent, nothing written for
     * it). The ids are distinct. The default completes one by one; a backend may write them in one statement.
     */
    default List<Job> completeAttempts(List<AttemptCompletion> completions, Instant now) {
        List<Job> done = new ArrayList<>(completions.size());
        for (AttemptCompletion c : completions) {
            completeAttempt(c.id(), c.attempt(), now, c.successful(), c.failed()).ifPresent(done::add);
        }
        return done;
    }

    /**
     * Ends attempt {@code attempt} of a RUNNING job whose lease is live at {@code now} with {@code error}, in one
     * guarded write: back to QUEUED from {@code retryAt} (lease cleared) when {@code retryAt} is not null and attempts
     * remain, else FAILED (lease cleared, completed at now); the job as written, or empty (nothing written) when no row
     * matched.
     */
    Optional<Job> failAttempt(JobId id, long attempt, Instant now, String error, Instant retryAt);

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

    /** The rate limits of these providers (those that have one), locked until the transaction ends. */
    Map<String, RateLimit> lockRateLimits(Collection<String> providers);

    /** The claims of {@code provider} recorded at an instant after {@code since}. */
    long claimsSince(String provider, Instant since);

    /** Records {@code claims} claims of {@code provider} at {@code at}, and forgets those at or before {@code forgetUpTo}. */
    void recordClaims(String provider, Instant at, int claims, Instant forgetUpTo);

    /** Sets a provider's rate limit, replacing any earlier one. */
    void upsertRateLimit(String provider, RateLimit limit);

    /** Removes a provider's rate limit and its claim log. Returns false when it had no rate limit. */
    boolean deleteRateLimit(String provider);

    /** Every rate limit, by provider. */
    Map<String, RateLimit> rateLimits();

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
