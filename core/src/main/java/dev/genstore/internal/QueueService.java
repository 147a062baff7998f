package dev.genstore.internal;

import dev.genstore.errors.IllegalTransitionException;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.accounts.UserId;
import dev.genstore.jobs.ClaimRequest;
import dev.genstore.jobs.ClaimedJob;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobCancelledException;
import dev.genstore.jobs.JobId;
import dev.genstore.jobs.JobQueue;
import dev.genstore.jobs.JobSelection;
import dev.genstore.jobs.JobStatus;
import dev.genstore.jobs.LeaseLostException;
import dev.genstore.jobs.QueuePolicy;
import dev.genstore.ledger.Ledger;
import dev.genstore.spi.JobRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The queue's rules: claims under leases with fencing tokens, provider limits counted under the limit row's lock,
 * retries with backoff, and the token hold settled in the transaction that finishes the job.
 */
public final class QueueService implements JobQueue {
    /** Candidates fetched per slot asked for, so that jobs of a provider at its limit rarely take a second fetch. */
    private static final int OVERFETCH = 4;
    /** Jobs recovered per transaction by {@link #recoverExpiredLeases()}. */
    private static final int RECOVERY_BATCH = 100;

    private final ServiceContext context;
    private final Ledger ledger;
    private final QueuePolicy policy;

    public QueueService(ServiceContext context, Ledger ledger, QueuePolicy policy) {
        this.context = context;
        this.ledger = ledger;
        this.policy = policy;
    }

    @Override
    public List<ClaimedJob> claim(String worker, int max, Duration lease) {
        return claim(ClaimRequest.of(worker, max, lease));
    }

    static final int MAX_CLAIM_FILTER = 1_000;

    @Override
    public List<ClaimedJob> claim(ClaimRequest request) {
        Validate.notNull("request", request);
        String validWorker = Validate.text("worker", request.worker(), 200);
        int max = request.max();
        if (max < 1 || max > 1000) {
            throw new InvalidInputException("max", "must be between 1 and 1000, was " + max);
        }
        Duration validLease = positive("lease", request.lease());
        Validate.notNull("providers", request.providers());
        Validate.notNull("owners", request.owners());
        // Each filter value is one bound parameter; drivers cap a statement's parameters (H2 at 100,000).
        if (request.providers().size() > MAX_CLAIM_FILTER || request.owners().size() > MAX_CLAIM_FILTER) {
            throw new InvalidInputException(request.providers().size() > MAX_CLAIM_FILTER ? "providers" : "owners",
                    "must name at most " + MAX_CLAIM_FILTER + " values");
        }
        Set<String> onlyProviders = new TreeSet<>();
        request.providers().forEach(provider -> onlyProviders.add(Validate.provider(provider)));
        Set<UserId> onlyOwners = new HashSet<>();
        request.owners().forEach(owner -> onlyOwners.add(Validate.notNull("owners", owner)));
        return context.storage().write(r -> {
            JobRepository jobs = r.jobs();
            Instant now = context.now();
            Instant leaseEnd = micros(now.plus(validLease));
            Map<String, Integer> limits = new HashMap<>();
            Map<String, Long> running = new HashMap<>();
            Set<String> lockedProviders = new HashSet<>();
            Set<String> atLimit = new TreeSet<>();
            List<ClaimedJob> claimed = new ArrayList<>();
            Map<String, Integer> claimedPer = new TreeMap<>();
            List<String> expiredLeases = new ArrayList<>();
            context.reportAfterCommit(m -> {
                claimedPer.forEach(m::jobsClaimed);
                expiredLeases.forEach(m::leaseExpired);
            });
            while (true) {
                if (!onlyProviders.isEmpty() && atLimit.containsAll(onlyProviders)) {
                    return claimed; // every provider this worker serves is at its limit
                }
                List<Job> candidates = jobs.lockClaimable(now, max * OVERFETCH, onlyProviders, onlyOwners, atLimit);
                Set<String> providers = new TreeSet<>();
                candidates.forEach(job -> providers.add(job.provider()));
                providers.removeAll(lockedProviders);
                if (!providers.isEmpty()) {
                    // Locking the limit rows serializes claimers of one provider, so the count below stays true until commit.
                    Map<String, Integer> found = jobs.lockProviderLimits(providers);
                    if (!found.isEmpty()) {
                        limits.putAll(found);
                        running.putAll(jobs.countRunning(found.keySet(), now));
                    }
                    lockedProviders.addAll(providers);
                }
                boolean skipped = false;
                for (Job job : candidates) {
                    if (claimed.size() == max) {
                        break;
                    }
                    if (job.status() == JobStatus.RUNNING && job.attempts() >= job.maxAttempts()) {
                        // Its worker vanished on the last attempt allowed.
                        jobs.updateJob(finishFailed(job, "lease expired on the last attempt (worker " + job.leaseOwner() + ")", now));
                        expiredLeases.add(job.provider());
                        continue;
                    }
                    Integer limit = limits.get(job.provider());
                    if (limit != null) {
                        long busy = running.getOrDefault(job.provider(), 0L);
                        if (busy >= limit) {
                            atLimit.add(job.provider());
                            skipped = true;
                            continue;
                        }
                        running.put(job.provider(), busy + 1);
                    }
                    Job next = JobCopies.claimed(job, validWorker, leaseEnd, now);
                    jobs.updateJob(next);
                    claimed.add(new ClaimedJob(next, next.attempts(), leaseEnd));
                    claimedPer.merge(job.provider(), 1, Integer::sum);
                    if (job.status() == JobStatus.RUNNING) {
                        expiredLeases.add(job.provider());
                    }
                }
                // Jobs of a provider at its limit took places in this fetch: fetch again without that provider, so that
                // they never starve the others. Each round leaves out one more provider, so this ends.
                if (claimed.size() == max || !skipped || candidates.size() < max * OVERFETCH) {
                    return claimed;
                }
            }
        });
    }

    @Override
    public Optional<ClaimedJob> start(UserId owner, JobId id, String worker, Duration lease) {
        Validate.notNull("owner", owner);
        Validate.notNull("jobId", id);
        String validWorker = Validate.text("worker", worker, 200);
        Duration validLease = positive("lease", lease);
        return context.storage().write(r -> {
            JobRepository jobs = r.jobs();
            // Waits for a claim or another start that holds the row, then sees the job RUNNING.
            Job job = JobsService.locked(jobs, owner, id);
            if (job.status() != JobStatus.QUEUED) {
                throw new IllegalTransitionException("job", id, job.status(), JobStatus.RUNNING);
            }
            Instant now = context.now();
            if (job.runAfter().isAfter(now) || atLimit(jobs, job.provider(), now)) {
                return Optional.<ClaimedJob>empty();
            }
            Instant leaseEnd = micros(now.plus(validLease));
            Job next = JobCopies.claimed(job, validWorker, leaseEnd, now);
            jobs.updateJob(next);
            context.reportAfterCommit(m -> m.jobsClaimed(job.provider(), 1));
            return Optional.of(new ClaimedJob(next, next.attempts(), leaseEnd));
        });
    }

    /** Whether the provider's live leases fill its limit; its limit row stays locked, as a claim locks it. */
    private static boolean atLimit(JobRepository jobs, String provider, Instant now) {
        Integer limit = jobs.lockProviderLimits(List.of(provider)).get(provider);
        return limit != null && jobs.countRunning(List.of(provider), now).getOrDefault(provider, 0L) >= limit;
    }

    @Override
    public int recoverExpiredLeases() {
        int recovered = 0;
        while (true) {
            // One transaction per batch, so a large backlog never holds many row locks for long.
            int batch = context.storage().write(r -> {
                Instant now = context.now();
                List<Job> expired = r.jobs().lockExpiredLeases(now, RECOVERY_BATCH);
                List<String> providers = new ArrayList<>();
                context.reportAfterCommit(m -> providers.forEach(m::leaseExpired));
                for (Job job : expired) {
                    r.jobs().updateJob(job.attempts() >= job.maxAttempts()
                            ? finishFailed(job, "lease expired on the last attempt (worker " + job.leaseOwner() + ")", now)
                            : JobCopies.requeued(job, now, "lease expired (worker " + job.leaseOwner() + ")"));
                    providers.add(job.provider());
                }
                return expired.size();
            });
            recovered += batch;
            if (batch < RECOVERY_BATCH) {
                return recovered;
            }
        }
    }

    @Override
    public ClaimedJob heartbeat(JobId id, long fencingToken, Duration lease) {
        Validate.notNull("jobId", id);
        Duration validLease = positive("lease", lease);
        return context.storage().write(r -> {
            Instant now = context.now();
            Job job = leased(r.jobs(), id, fencingToken, now);
            Instant leaseEnd = micros(now.plus(validLease));
            Job extended = JobCopies.withLease(job, leaseEnd);
            r.jobs().updateJob(extended);
            return new ClaimedJob(extended, fencingToken, leaseEnd);
        });
    }

    @Override
    public Job complete(JobId id, long fencingToken, int successfulImages, int failedImages) {
        Validate.notNull("jobId", id);
        if (successfulImages < 0 || failedImages < 0) {
            throw new InvalidInputException("images", "counts must not be negative: " + successfulImages + ", " + failedImages);
        }
        return context.storage().write(r -> {
            Instant now = context.now();
            Job job = leased(r.jobs(), id, fencingToken, now, JobStatus.SUCCEEDED);
            if ((long) successfulImages + failedImages > job.totalImages()) {
                throw new InvalidInputException("images", successfulImages + " successful and " + failedImages
                        + " failed exceed the job's " + job.totalImages() + " images");
            }
            if (job.holdId() != null) {
                long cost = job.captureRule().captured(job.tokenCost(), successfulImages, job.totalImages());
                if (cost > 0) {
                    ledger.capture(job.owner(), job.holdId(), cost);
                } else {
                    ledger.release(job.owner(), job.holdId());
                }
            }
            Job done = JobCopies.finish(job, JobStatus.SUCCEEDED, successfulImages, failedImages, job.errorMessage(), now);
            r.jobs().updateJob(done);
            return done;
        });
    }

    @Override
    public Job fail(JobId id, long fencingToken, String error, boolean retryable) {
        Validate.notNull("jobId", id);
        Validate.notNull("error", error);
        if (error.isBlank()) {
            throw new InvalidInputException("error", "must not be blank");
        }
        String message = Validate.freeText("error", error); // stored whole: a long stack trace is refused, never cut
        return context.storage().write(r -> {
            Instant now = context.now();
            Job job = leased(r.jobs(), id, fencingToken, now, JobStatus.FAILED);
            Job next;
            if (retryable && job.attempts() < job.maxAttempts()) {
                Duration delay = policy.backoff(job.attempts(), ThreadLocalRandom.current().nextDouble());
                next = JobCopies.requeued(job, now.plus(delay), message);
            } else {
                next = finishFailed(job, message, now);
            }
            r.jobs().updateJob(next);
            return next;
        });
    }

    private Job finishFailed(Job job, String message, Instant now) {
        if (job.holdId() != null) {
            ledger.release(job.owner(), job.holdId());
        }
        return JobCopies.finish(job, JobStatus.FAILED, job.successfulImages(), job.failedImages(), message, now);
    }

    /** The job locked, if {@code fencingToken} still holds a live lease on it; for a heartbeat. */
    private static Job leased(JobRepository jobs, JobId id, long fencingToken, Instant now) {
        Job job = JobsService.locked(jobs, id);
        if (job.attempts() == fencingToken && job.status() == JobStatus.CANCELLED) {
            throw new JobCancelledException(id);
        }
        return requireLease(job, fencingToken, now);
    }

    /** Like {@link #leased(JobRepository, JobId, long, Instant)}, for a move to {@code target}. */
    private static Job leased(JobRepository jobs, JobId id, long fencingToken, Instant now, JobStatus target) {
        Job job = JobsService.locked(jobs, id);
        if (job.attempts() == fencingToken && job.status() == JobStatus.CANCELLED) {
            throw new IllegalTransitionException("job", id, JobStatus.CANCELLED, target);
        }
        return requireLease(job, fencingToken, now);
    }

    private static Job requireLease(Job job, long fencingToken, Instant now) {
        if (job.attempts() != fencingToken) {
            throw new LeaseLostException(job.id(), fencingToken, "the job is on attempt " + job.attempts());
        }
        if (job.status() != JobStatus.RUNNING) {
            throw new LeaseLostException(job.id(), fencingToken, "the job is " + job.status());
        }
        if (!now.isBefore(job.leaseExpiresAt())) {
            throw new LeaseLostException(job.id(), fencingToken, "the lease expired at " + job.leaseExpiresAt());
        }
        return job;
    }

    @Override
    public void limitProvider(String provider, int maxRunning) {
        String valid = Validate.provider(provider);
        if (maxRunning < 1) {
            throw new InvalidInputException("maxRunning", "must be at least 1, was " + maxRunning);
        }
        context.storage().write(r -> {
            r.jobs().upsertProviderLimit(valid, maxRunning);
            return null;
        });
    }

    @Override
    public boolean removeProviderLimit(String provider) {
        String valid = Validate.provider(provider);
        return context.storage().write(r -> r.jobs().deleteProviderLimit(valid));
    }

    @Override
    public Map<String, Integer> providerLimits() {
        return context.storage().read(r -> r.jobs().providerLimits());
    }

    @Override
    public int operatorPauseAll(JobSelection selection) {
        return moveAll(selection, JobStatus.QUEUED, JobStatus.PAUSED);
    }

    @Override
    public int operatorResumeAll(JobSelection selection) {
        return moveAll(selection, JobStatus.PAUSED, JobStatus.QUEUED);
    }

    private int moveAll(JobSelection selection, JobStatus from, JobStatus to) {
        Validate.notNull("selection", selection);
        JobSelection valid = selection.provider() == null ? selection : selection.provider(Validate.provider(selection.provider()));
        JobSelection exact = valid.createdAfter() == null ? valid : valid.createdAfter(micros(Validate.instant("createdAfter", valid.createdAfter())));
        return context.storage().write(r -> r.jobs().moveAll(exact, from, to));
    }

    private static Duration positive(String field, Duration value) {
        return Validate.positiveDuration(field, value);
    }

    /** At the microsecond precision every backend stores, so what a call returns is what reads back. */
    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
