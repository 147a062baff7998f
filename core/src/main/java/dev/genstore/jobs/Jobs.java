package dev.genstore.jobs;

import dev.genstore.accounts.UserId;
import dev.genstore.errors.ConflictException;
import dev.genstore.errors.IllegalTransitionException;
import dev.genstore.errors.InsufficientBalanceException;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Job configurations and generation jobs. A job's token hold follows it: taken on submit in the same transaction,
 * captured for the successful images on completion, released on cancel or final failure, in the transaction that
 * changes the status. Workers take jobs through {@link JobQueue}.
 */
public interface Jobs {

    /**
     * Creates a named configuration for a user.
     *
     * @throws ConflictException     when the user already has a configuration with this name
     * @throws NotFoundException     for an unknown user
     * @throws InvalidInputException when the name is blank or the settings are not JSON values
     */
    JobConfiguration createConfiguration(UserId owner, String name, Map<String, Object> settings);

    /**
     * The configuration, if any, whoever owns it.
     *
     * @deprecated reaches any user's configuration: use {@link #findConfiguration(UserId, ConfigurationId)}, or
     *             {@link OperatorJobs#findConfiguration} through {@link #operator()} where an operator needs it
     */
    @Deprecated
    Optional<JobConfiguration> findConfiguration(ConfigurationId id);

    /** The owner's configuration; empty when there is none or it is another user's. */
    Optional<JobConfiguration> findConfiguration(UserId owner, ConfigurationId id);

    /**
     * Renames a configuration and replaces its settings.
     *
     * @throws NotFoundException when there is no such configuration
     * @throws ConflictException when the owner has another configuration with the new name
     * @deprecated reaches any user's configuration: use {@link #updateConfiguration(UserId, ConfigurationId, String, Map)},
     *             or {@link #operator()}
     */
    @Deprecated
    JobConfiguration updateConfiguration(ConfigurationId id, String name, Map<String, Object> settings);

    /**
     * Renames the owner's configuration and replaces its settings.
     *
     * @throws NotFoundException     when the owner has no such configuration (another user's is not found), nothing changed
     * @throws ConflictException     when the owner has another configuration with the new name
     * @throws InvalidInputException when the name is blank or the settings are not JSON values
     */
    JobConfiguration updateConfiguration(UserId owner, ConfigurationId id, String name, Map<String, Object> settings);

    /**
     * Deletes a configuration; its jobs stay, without the link.
     *
     * @throws NotFoundException when there is no such configuration
     * @deprecated reaches any user's configuration: use {@link #deleteConfiguration(UserId, ConfigurationId)}, or
     *             {@link #operator()}
     */
    @Deprecated
    void deleteConfiguration(ConfigurationId id);

    /**
     * Deletes the owner's configuration; its jobs stay, without the link (as {@link ConfigurationJobs#KEEP_UNLINKED}).
     *
     * @throws NotFoundException when the owner has no such configuration (another user's is not found), nothing deleted
     */
    void deleteConfiguration(UserId owner, ConfigurationId id);

    /**
     * Deletes the owner's configuration and, as {@code jobs} says, keeps its jobs unlinked or deletes them with their
     * images (as {@link #delete(UserId, JobId)} does), all in one transaction.
     *
     * @throws NotFoundException          when the owner has no such configuration (another user's included); nothing
     *                                    changed
     * @throws IllegalTransitionException with {@link ConfigurationJobs#DELETE}, when one of its jobs is RUNNING (cancel
     *                                    it first); nothing changed
     */
    void deleteConfiguration(UserId owner, ConfigurationId id, ConfigurationJobs jobs);

    /** A user's configurations by name, in keyset pages. */
    Page<JobConfiguration> configurations(UserId owner, PageRequest page);

    /**
     * Queues a job and holds its token cost, in one transaction: with too few tokens neither exists. With an
     * idempotency key, submitting the same job again returns the first one.
     *
     * @throws InsufficientBalanceException when the owner's available tokens cannot cover the cost
     * @throws ConflictException            when the idempotency key was used for a job with other terms
     * @throws NotFoundException            for an unknown owner or configuration
     */
    Job submit(NewJob job);

    /** The most jobs {@link #submitAll(List)} takes in one call. */
    int MAX_SUBMIT_BATCH = 1_000;

    /**
     * Queues a batch of jobs in one transaction, the jobs themselves in one statement: all or none. Each job is checked
     * as {@link #submit(NewJob)} checks it (any owner; usually the batch is one owner's), holds its token cost as
     * {@code submit} does, and keeps its idempotency key: a key its owner used before returns that first job in its
     * place (with the same terms, or the whole batch is a conflict). Returns the jobs in the order given. An empty list
     * returns an empty list and writes nothing. Cheaper per job than {@code submit}: a few statements per batch (the
     * owners, the keys, the insert) plus, for each job that costs tokens, its hold.
     *
     * @throws InvalidInputException        before anything is written, for a null list, more than
     *                                      {@value #MAX_SUBMIT_BATCH} jobs, or an invalid job: the field is named with
     *                                      the job's index, e.g. {@code jobs[3].prompt}; also when two jobs of one owner
     *                                      carry the same idempotency key ({@code jobs[5].idempotencyKey}): a batch
     *                                      never holds the same key twice
     * @throws NotFoundException            for an unknown owner or configuration; the message names the job's index
     *                                      ({@code jobs[3]: user … not found}); nothing is written
     * @throws InsufficientBalanceException when an owner's available tokens cannot cover the batch's holds; nothing is
     *                                      written
     * @throws ConflictException            when an idempotency key was used for a job with other terms; the message
     *                                      names the index; nothing is written
     */
    List<Job> submitAll(List<NewJob> jobs);

    /**
     * The job, if any, whoever owns it.
     *
     * @deprecated reaches any user's job: use {@link #find(UserId, JobId)}, or {@link OperatorJobs#find} through
     *             {@link #operator()} where an operator needs it
     */
    @Deprecated
    Optional<Job> find(JobId id);

    /**
     * The job, whoever owns it.
     *
     * @throws NotFoundException when there is none
     * @deprecated reaches any user's job: use {@link #get(UserId, JobId)}, or {@link #operator()}
     */
    @Deprecated
    Job get(JobId id);

    /**
     * Holds a queued job back from claiming, whoever owns it.
     *
     * @throws IllegalTransitionException unless the job is QUEUED
     * @deprecated reaches any user's job: use {@link #pause(UserId, JobId)}, or {@link #operator()}
     */
    @Deprecated
    Job pause(JobId id);

    /**
     * Queues a paused job again, whoever owns it.
     *
     * @throws IllegalTransitionException unless the job is PAUSED
     * @deprecated reaches any user's job: use {@link #resume(UserId, JobId)}, or {@link #operator()}
     */
    @Deprecated
    Job resume(JobId id);

    /**
     * Cancels a queued or running job, whoever owns it, and releases its hold.
     *
     * @throws IllegalTransitionException unless the job is QUEUED or RUNNING
     * @deprecated reaches any user's job: use {@link #cancel(UserId, JobId)}, or {@link #operator()}
     */
    @Deprecated
    Job cancel(JobId id);

    // Owner-scoped forms: what an application calls with ids that come from a request. Another user's id is
    // NotFoundException (as for an id that does not exist, so it tells nothing) and changes nothing.

    /** The owner's job; empty when there is none or it is another user's. */
    Optional<Job> find(UserId owner, JobId id);

    /**
     * The owner's job.
     *
     * @throws NotFoundException when the owner has no such job
     */
    Job get(UserId owner, JobId id);

    /**
     * Holds the owner's queued job back from claiming.
     *
     * @throws NotFoundException          when the owner has no such job
     * @throws IllegalTransitionException unless the job is QUEUED
     */
    Job pause(UserId owner, JobId id);

    /**
     * Queues the owner's paused job again.
     *
     * @throws NotFoundException          when the owner has no such job
     * @throws IllegalTransitionException unless the job is PAUSED
     */
    Job resume(UserId owner, JobId id);

    /**
     * Cancels the owner's queued or running job and releases its hold; a worker running it learns it at its next
     * heartbeat.
     *
     * @throws NotFoundException          when the owner has no such job
     * @throws IllegalTransitionException unless the job is QUEUED or RUNNING
     */
    Job cancel(UserId owner, JobId id);

    /**
     * Deletes the owner's job with its images, their variants and blobs, in one transaction (blobs outside the database
     * go once it commits). A QUEUED or PAUSED job's hold is released first; a finished job's was already settled.
     * The ledger keeps its entries, which name the job in their reference id. A RUNNING job is refused rather than
     * pulled from under its worker: {@link #cancel(UserId, JobId)} it first.
     *
     * @throws NotFoundException          when the owner has no such job (another user's included); nothing changed
     * @throws IllegalTransitionException when the job is RUNNING; nothing changed
     */
    void delete(UserId owner, JobId id);

    /**
     * The operator's view: the same calls on any user's job or configuration, by id alone. For admin tools and
     * housekeeping, never with an id taken from an end user's request.
     */
    OperatorJobs operator();

    /** A user's jobs, newest first, with any of {@code statuses} (all when empty), in keyset pages. */
    Page<Job> history(UserId owner, Set<JobStatus> statuses, PageRequest page);

    /** Counts, image totals and run-time figures over the jobs in scope. */
    JobStatistics statistics(JobScope scope);

    /** Moves jobs that finished before {@code cutoff} to ARCHIVED. Returns how many. */
    int archiveFinishedBefore(Instant cutoff);
}
