package dev.genstore.jobs;

import dev.genstore.errors.IllegalTransitionException;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.accounts.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable job queue. A job is held by at most one worker at a time: a claim gives a lease and a fencing token
 * (the attempt number); a heartbeat extends the lease; complete or fail ends it. A lease that expires (a crashed
 * worker) makes the job claimable again, and the old token is refused from then on. Per-provider concurrency limits
 * hold under any number of workers on every backend.
 */
public interface JobQueue {

    /**
     * Claims up to {@code max} runnable jobs: QUEUED ones whose {@code runAfter} has come, and RUNNING ones whose lease
     * expired; highest priority first, then oldest. Never more running jobs per provider than its limit.
     *
     * @param worker a name for the worker, recorded as the lease owner
     * @param max    1 to 1000
     * @param lease  how long the lease lasts without a heartbeat
     * @throws InvalidInputException for a blank worker, a bad max or a non-positive lease
     */
    List<ClaimedJob> claim(String worker, int max, Duration lease);

    /**
     * Claims like {@link #claim(String, int, Duration)}, only among jobs of the providers and owners the request names
     * (each set empty for any). Provider limits count every running job of a provider, claimed through any filter.
     *
     * @throws InvalidInputException for a blank worker, a bad max, a non-positive lease, or a null or invalid provider
     *                               or owner
     */
    List<ClaimedJob> claim(ClaimRequest request);

    /** The longest {@link #claim(ClaimRequest, Duration)} waits. */
    Duration MAX_CLAIM_WAIT = Duration.ofMinutes(5);

    /**
     * Claims like {@link #claim(ClaimRequest)}; when nothing is claimable, waits up to {@code maxWait} for work and
     * claims it as it arrives, instead of returning empty at once. Returns as soon as it claimed at least one job, or
     * empty when {@code maxWait} passed without any, or when the store is closed meanwhile (every waiting claim then ends
     * at once). A zero {@code maxWait} is the plain claim.
     *
     * <p>What wakes it: a submit of this store, as soon as it commits; on PostgreSQL also a submit of any other store on
     * the same database and schema (another process, say), by {@code LISTEN/NOTIFY} on a connection the store keeps for
     * it once a claim first waits. Anything else that makes a job claimable (a {@code runAfter} that comes, a resume, an
     * expired lease, a submit of another process on a shared SQLite file) is found at the next poll, every
     * {@code claimPollInterval} (500 ms by default, see {@code Genstore.Builder#claimPollInterval}); so is a missed
     * notification (the listening connection is reopened after it drops). The time spent waiting does not count as the
     * operation's duration in metrics and the slow-operation log.
     *
     * @throws InvalidInputException as {@link #claim(ClaimRequest)}, and for a null or negative {@code maxWait} or one
     *                               longer than {@link #MAX_CLAIM_WAIT}
     */
    List<ClaimedJob> claim(ClaimRequest request, Duration maxWait);

    /**
     * Starts one given job of {@code owner} now, as a claim would: RUNNING under a lease to {@code worker}, with a
     * fencing token for {@code heartbeat}, {@code complete} and {@code fail}, usable in the transaction that submitted it.
     * Empty, changing nothing, when the job is QUEUED but not claimable now: its {@code runAfter} has not come, or its
     * provider is at its limit; it stays queued for a worker. At most one caller, or claim, gets a job: the others see
     * it RUNNING.
     *
     * @throws dev.genstore.errors.NotFoundException when the owner has no such job (another user's included)
     * @throws IllegalTransitionException             unless the job is QUEUED (a RUNNING one was started or claimed
     *                                                already)
     * @throws InvalidInputException                  for a blank worker or a non-positive lease
     */
    Optional<ClaimedJob> start(UserId owner, JobId job, String worker, Duration lease);

    /**
     * Recovers RUNNING jobs whose lease expired (their worker vanished): each goes back to QUEUED to run at once on its
     * next attempt, or, when it was on its last attempt, to FAILED with its hold released, as {@link #claim} would do
     * when it met the job. Until then such a job counts as running against its provider's limit and keeps its hold;
     * the store's housekeeping ({@code HousekeepingTask.LEASE_RECOVERY}) calls this on a schedule. The lost worker's
     * fencing token is refused from then on.
     *
     * @return how many jobs were recovered
     */
    int recoverExpiredLeases();

    /**
     * Extends the lease of a running job to {@code lease} from now.
     *
     * @throws LeaseLostException    when the token no longer holds the job (or its lease already expired)
     * @throws JobCancelledException when the job was cancelled: stop working on it
     */
    ClaimedJob heartbeat(JobId job, long fencingToken, Duration lease);

    /**
     * Finishes a running job as SUCCEEDED with its image counts, capturing the successful images' share of the token
     * cost by the job's {@link CaptureRule} and releasing the rest. By default ({@link CaptureRule#PROPORTIONAL_ROUND_DOWN})
     * the share is {@code tokenCost × successful ÷ totalImages} rounded down: 10 tokens held for 3 images of which 2
     * succeed capture 6 and release 4. No successful image captures nothing; all of them capture the whole cost.
     *
     * @throws LeaseLostException         when the token no longer holds the job
     * @throws IllegalTransitionException when the job was cancelled meanwhile
     * @throws InvalidInputException      when the counts are negative or exceed the job's total images
     */
    Job complete(JobId job, long fencingToken, int successfulImages, int failedImages);

    /**
     * Ends an attempt that failed. When {@code retryable} and attempts remain, the job goes back to QUEUED with
     * exponential backoff and jitter; otherwise it is FAILED and its hold released.
     *
     * @throws LeaseLostException when the token no longer holds the job
     */
    Job fail(JobId job, long fencingToken, String error, boolean retryable);

    /** Allows at most {@code maxRunning} (1 or more) running jobs of a provider at once. */
    void limitProvider(String provider, int maxRunning);

    /** Removes a provider's limit. Returns false when it had none. */
    boolean removeProviderLimit(String provider);

    /** The provider limits, by provider. */
    Map<String, Integer> providerLimits();

    /**
     * Allows at most {@code limit.maxClaims()} claims (by {@link #claim} or {@link #start}) of a provider's jobs in any
     * window of {@code limit.window()}, replacing any earlier rate limit of the provider. Counted in the claim's own
     * transaction, so it holds across workers and processes sharing the store; a claim that would exceed it takes
     * fewer jobs of the provider (or none), leaving them queued for a later claim. It applies alongside the
     * provider's concurrency limit ({@link #limitProvider}), and a retried job's next attempt is a claim too.
     *
     * @throws InvalidInputException for a null or invalid provider or a null limit
     */
    void setRateLimit(String provider, RateLimit limit);

    /** Removes a provider's rate limit. Returns false when it had none. */
    boolean removeRateLimit(String provider);

    /** The rate limits, by provider. */
    Map<String, RateLimit> rateLimits();

    /**
     * Operator call, across users: pauses every QUEUED job in {@code selection} (an emergency stop of a provider, say),
     * in one transaction. Running jobs go on; a job claimed meanwhile is not paused. Holds stay with their jobs.
     * Returns how many jobs were paused.
     *
     * @throws InvalidInputException for an invalid provider in the selection
     */
    int operatorPauseAll(JobSelection selection);

    /**
     * Operator call, across users: queues again every PAUSED job in {@code selection}, in one transaction. Returns how
     * many jobs were resumed.
     *
     * @throws InvalidInputException for an invalid provider in the selection
     */
    int operatorResumeAll(JobSelection selection);
}
