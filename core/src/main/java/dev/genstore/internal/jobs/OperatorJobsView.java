package dev.genstore.internal.jobs;

import dev.genstore.jobs.ConfigurationId;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobConfiguration;
import dev.genstore.jobs.JobId;
import dev.genstore.jobs.JobSelection;
import dev.genstore.jobs.JobStatus;
import dev.genstore.jobs.OperatorJobs;
import dev.genstore.metrics.QueueLevel;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link OperatorJobs}: the service's calls by id alone, whoever owns the job or configuration. */
@SuppressWarnings("deprecation") // the unscoped calls are deprecated on Jobs only: this is where they belong
final class OperatorJobsView implements OperatorJobs {
    private final JobsService jobs;

    OperatorJobsView(JobsService jobs) {
        this.jobs = jobs;
    }

    @Override
    public Optional<Job> find(JobId id) {
        return jobs.find(id);
    }

    @Override
    public Job get(JobId id) {
        return jobs.get(id);
    }

    @Override
    public Job pause(JobId id) {
        return jobs.pause(id);
    }

    @Override
    public Job resume(JobId id) {
        return jobs.resume(id);
    }

    @Override
    public Job cancel(JobId id) {
        return jobs.cancel(id);
    }

    @Override
    public Optional<JobConfiguration> findConfiguration(ConfigurationId id) {
        return jobs.findConfiguration(id);
    }

    @Override
    public JobConfiguration updateConfiguration(ConfigurationId id, String name, Map<String, Object> settings) {
        return jobs.updateConfiguration(id, name, settings);
    }

    @Override
    public void deleteConfiguration(ConfigurationId id) {
        jobs.deleteConfiguration(id);
    }

    @Override
    public Page<Job> list(JobSelection selection, Set<JobStatus> statuses, PageRequest page) {
        return jobs.operatorList(selection, statuses, page);
    }

    @Override
    public Map<JobStatus, Long> countByStatus(JobSelection selection) {
        return jobs.countByStatus(selection);
    }

    @Override
    public Map<String, QueueLevel> queueLevels() {
        return jobs.queueLevels();
    }
}
