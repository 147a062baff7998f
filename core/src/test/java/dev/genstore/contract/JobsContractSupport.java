package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.Genstore;
import dev.genstore.accounts.User;
import dev.genstore.accounts.UserId;
import dev.genstore.jobs.ClaimedJob;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobConfiguration;
import dev.genstore.jobs.JobId;
import dev.genstore.jobs.JobQueue;
import dev.genstore.jobs.JobScope;
import dev.genstore.jobs.JobStatistics;
import dev.genstore.jobs.JobStatus;
import dev.genstore.jobs.RateLimit;
import dev.genstore.jobs.Jobs;
import dev.genstore.jobs.NewJob;
import dev.genstore.ledger.Hold;
import dev.genstore.ledger.LedgerEntry;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the jobs and queue contracts share: a default job, reading every job, configuration, hold and provider limit
 * back through the API, and a snapshot of all of it so that a refused call can be shown to have changed nothing.
 */
public abstract class JobsContractSupport extends StoreContract {
    /** The provider of {@link #newJob(UserId)}. */
    protected static final String PROVIDER = "openai";
    /** The model of {@link #newJob(UserId)}. */
    protected static final String MODEL = "gpt-image-1";
    /** The lease the tests claim with unless they need another. */
    protected static final Duration LEASE = Duration.ofSeconds(30);

    protected Jobs jobs() {
        return store.jobs();
    }

    protected JobQueue queue() {
        return store.queue();
    }

    /** A job of {@code owner} with the required fields only: it costs nothing. */
    protected static NewJob newJob(UserId owner) {
        return NewJob.of(owner, "a red fox in the snow", PROVIDER, MODEL);
    }

    /** Claims one job as {@code worker} and asserts it is {@code expected}. */
    protected ClaimedJob claim(String worker, JobId expected) {
        List<ClaimedJob> claimed = queue().claim(worker, 1, LEASE);
        assertEquals(1, claimed.size(), () -> worker + " claimed " + claimed);
        assertEquals(expected, claimed.get(0).id(), "claim order");
        return claimed.get(0);
    }

    /** The job's hold, read back. */
    protected Hold holdOf(Job job) {
        return store.ledger().findHold(job.owner(), job.holdId()).orElseThrow(() -> new AssertionError("no hold for " + job));
    }

    /** The job as stored now. */
    protected Job reread(Job job) {
        return jobs().get(job.owner(), job.id());
    }

    /** The ids of {@code jobs}, in order. */
    protected static List<JobId> ids(List<Job> jobs) {
        return jobs.stream().map(Job::id).toList();
    }

    /** The ids of {@code claimed}, in order. */
    protected static List<JobId> claimedIds(List<ClaimedJob> claimed) {
        return claimed.stream().map(ClaimedJob::id).toList();
    }

    /** The user's ledger entries that captured job holds, newest first. */
    protected List<LedgerEntry> captures(UserId owner) {
        return fullHistory(owner).stream().filter(e -> e.holdId() != null).toList();
    }

    // ---- reading everything back -------------------------------------------------------------------------------

    /** The owner's jobs with any of {@code statuses} (all when empty), newest first, through keyset pages. */
    protected static List<Job> allJobs(Genstore genstore, UserId owner, Set<JobStatus> statuses, int pageSize) {
        List<Job> jobs = new ArrayList<>();
        Set<JobId> seen = new HashSet<>();
        PageRequest request = PageRequest.first(pageSize);
        for (int pages = 0; ; pages++) {
            assertTrue(pages < 100_000, "job history does not end");
            Page<Job> page = genstore.jobs().history(owner, statuses, request);
            assertTrue(page.items().size() <= pageSize, "page larger than asked: " + page.items().size());
            for (Job job : page.items()) {
                assertEquals(owner, job.owner(), "another user's job in the history");
                assertTrue(statuses.isEmpty() || statuses.contains(job.status()), () -> "filtered out: " + job);
                assertTrue(seen.add(job.id()), () -> "job listed twice: " + job.id());
                jobs.add(job);
            }
            if (!page.hasNext()) {
                assertNull(page.nextCursor());
                return jobs;
            }
            assertEquals(pageSize, page.items().size(), "a page before the last one must be full");
            request = page.next(pageSize).orElseThrow();
        }
    }

    /** The owner's jobs in {@link #store}, newest first. */
    protected List<Job> allJobs(UserId owner) {
        return allJobs(store, owner, Set.of(), PageRequest.MAX_SIZE);
    }

    /** The owner's jobs in {@link #store} with any of these statuses, newest first. */
    protected List<Job> allJobs(UserId owner, JobStatus first, JobStatus... more) {
        Set<JobStatus> statuses = new HashSet<>(List.of(more));
        statuses.add(first);
        return allJobs(store, owner, statuses, PageRequest.MAX_SIZE);
    }

    /** The owner's configurations, by name, through keyset pages. */
    protected static List<JobConfiguration> allConfigurations(Genstore genstore, UserId owner, int pageSize) {
        List<JobConfiguration> configurations = new ArrayList<>();
        PageRequest request = PageRequest.first(pageSize);
        for (int pages = 0; ; pages++) {
            assertTrue(pages < 100_000, "configuration listing does not end");
            Page<JobConfiguration> page = genstore.jobs().configurations(owner, request);
            assertTrue(page.items().size() <= pageSize, "page larger than asked: " + page.items().size());
            for (JobConfiguration configuration : page.items()) {
                assertEquals(owner, configuration.owner(), "another user's configuration listed");
                configurations.add(configuration);
            }
            if (!page.hasNext()) {
                return configurations;
            }
            assertEquals(pageSize, page.items().size(), "a page before the last one must be full");
            request = page.next(pageSize).orElseThrow();
        }
    }

    /** The owner's configurations in {@link #store}, by name. */
    protected List<JobConfiguration> allConfigurations(UserId owner) {
        return allConfigurations(store, owner, PageRequest.MAX_SIZE);
    }

    /**
     * Everything about jobs a store shows through its API, next to the rest of it.
     *
     * @param store          users, accounts, ledger histories and discrepancies
     * @param jobs           each user's jobs, newest first
     * @param configurations each user's configurations, by name
     * @param holds          each job's hold, if it has one
     * @param providerLimits the queue's provider limits
     * @param rateLimits     the queue's provider rate limits
     * @param statistics     the figures over all jobs
     */
    protected record JobsSnapshot(StoreSnapshot store, Map<UserId, List<Job>> jobs,
                                  Map<UserId, List<JobConfiguration>> configurations, Map<JobId, Optional<Hold>> holds,
                                  Map<String, Integer> providerLimits, Map<String, RateLimit> rateLimits,
                                  JobStatistics statistics) {
    }

    /** Everything {@code genstore} shows, jobs included, read back; small pages so paging is exercised too. */
    protected static JobsSnapshot jobsSnapshot(Genstore genstore) {
        StoreSnapshot base = snapshot(genstore);
        Map<UserId, List<Job>> jobs = new LinkedHashMap<>();
        Map<UserId, List<JobConfiguration>> configurations = new LinkedHashMap<>();
        Map<JobId, Optional<Hold>> holds = new LinkedHashMap<>();
        for (User user : base.users()) {
            List<Job> owned = allJobs(genstore, user.id(), Set.of(), 3);
            jobs.put(user.id(), owned);
            configurations.put(user.id(), allConfigurations(genstore, user.id(), 2));
            for (Job job : owned) {
                assertEquals(job, genstore.jobs().get(user.id(), job.id()), "the history and get agree");
                holds.put(job.id(), job.holdId() == null ? Optional.empty() : genstore.ledger().findHold(user.id(), job.holdId()));
            }
        }
        return new JobsSnapshot(base, jobs, configurations, holds, genstore.queue().providerLimits(),
                genstore.queue().rateLimits(), genstore.jobs().statistics(JobScope.all()));
    }

    /** Everything {@link #store} shows, jobs included. */
    protected JobsSnapshot jobsSnapshot() {
        return jobsSnapshot(store);
    }

    /** Fails unless {@link #store} reads back exactly as {@code before}, jobs included. */
    protected void assertJobsUnchanged(JobsSnapshot before) {
        assertEquals(before, jobsSnapshot(), "the store changed");
    }
}
