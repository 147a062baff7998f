package dev.genstore.jobs;

import dev.genstore.errors.ConflictException;
import dev.genstore.errors.IllegalTransitionException;
import dev.genstore.errors.NotFoundException;
import java.util.Map;
import java.util.Optional;

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
}
