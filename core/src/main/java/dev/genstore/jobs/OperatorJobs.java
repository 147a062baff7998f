package dev.genstore.jobs;

import dev.genstore.errors.ConflictException;
import dev.genstore.errors.IllegalTransitionException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.metrics.QueueLevel;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An operator's view of {@link Jobs} ({@code jobs().operator()}): jobs and configurations by id alone, whoever owns
 * them. For admin tools and housekeeping; an application acting for an end user calls the owner-scoped forms on
 * {@link Jobs}, so that an id from a request cannot reach another user's job. Same rules and exceptions otherwise.
 */
public interface OperatorJobs {

    /** Any user's job, if it exists. */
    Optional<Job> find(JobId id);

    /**
     * Any user's job.
     *
     * @throws NotFoundException when there is none
     */
    Job get(JobId id);

    /**
     * Holds any user's queued job back from claiming.
     *
     * @throws NotFoundException          when there is none
     * @throws IllegalTransitionException unless the job is QUEUED
     */
    Job pause(JobId id);

    /**
     * Queues any user's paused job again.
     *
     * @throws NotFoundException          when there is none
     * @throws IllegalTransitionException unless the job is PAUSED
     */
    Job resume(JobId id);

    /**
     * Cancels any user's queued or running job and releases its hold.
     *
     * @throws NotFoundException          when there is none
     * @throws IllegalTransitionException unless the job is QUEUED or RUNNING
     */
    Job cancel(JobId id);

    /** Any user's configuration, if it exists. */
    Optional<JobConfiguration> findConfiguration(ConfigurationId id);

    /**
     * Renames any user's configuration and replaces its settings.
     *
     * @throws NotFoundException when there is none
     * @throws ConflictException when its owner has another configuration with the new name
     */
    JobConfiguration updateConfiguration(ConfigurationId id, String name, Map<String, Object> settings);

    /**
     * Deletes any user's configuration; its jobs stay, without the link.
     *
     * @throws NotFoundException when there is none
     */
    void deleteConfiguration(ConfigurationId id);

    /**
     * Every user's jobs, newest first, in keyset pages (the operator's job list): those matching {@code selection}
     * (owner, provider, created after; {@link JobSelection#all()} for any) whose status is in {@code statuses} (any when
     * empty). An owner with no jobs, or no such user, gives an empty page.
     *
     * @throws dev.genstore.errors.InvalidInputException when an argument is null or holds null, the provider is blank or
     *                                                   too long, or the cursor is not one this list returned
     */
    Page<Job> list(JobSelection selection, Set<JobStatus> statuses, PageRequest page);

    /**
     * How many jobs matching {@code selection} are in each status, over every user: every status is a key (zero when
     * no job is in it).
     *
     * @throws dev.genstore.errors.InvalidInputException when the selection is null or its provider blank or too long
     */
    Map<JobStatus, Long> countByStatus(JobSelection selection);

    /**
     * Per provider with queued jobs: how many wait and how long the oldest due one has waited, read now (the metrics'
     * gauges read the same figures, cached for a second).
     */
    Map<String, QueueLevel> queueLevels();
}
