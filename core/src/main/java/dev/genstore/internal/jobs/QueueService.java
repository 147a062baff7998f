package dev.genstore.internal.jobs;

import dev.genstore.accounts.UserId;
import dev.genstore.errors.IllegalTransitionException;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.internal.JobCopies;
import dev.genstore.internal.QueueSignal;
import dev.genstore.internal.ServiceContext;
import dev.genstore.internal.Validate;
import dev.genstore.internal.ops.Monitor;
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
import dev.genstore.jobs.RateLimit;
import dev.genstore.ledger.Ledger;
import dev.genstore.errors.StoreClosedException;
import dev.genstore.spi.AttemptCompletion;
import dev.genstore.spi.ClaimQuery;
import dev.genstore.spi.ClaimedRows;
import dev.genstore.spi.JobRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
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
    /** Completions written in one transaction at most. */
    private static final int MAX_COMPLETION_BATCH = 64;

    private final ServiceContext context;
    private final Ledger ledger;
    private final QueuePolicy policy;
    /** Completions of concurrent workers, written together (one commit for many jobs). */
    private final WriteCombiner<AttemptCompletion, Job> completions = new WriteCombiner<>(MAX_COMPLETION_BATCH, this::completeTogether);

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
    public List<ClaimedJob> claim(ClaimRequest request, Duration maxWait) {
        Validate.notNull("maxWait", maxWait);
        if (maxWait.isNegative() || maxWait.compareTo(MAX_CLAIM_WAIT) > 0) {
            throw new InvalidInputException("maxWait", "must be between 0 and " + MAX_CLAIM_WAIT + ", was " + maxWait);
        }
        QueueSignal signal = context.queueSignal();
        if (!maxWait.isZero()) {
            signal.listenOnce(context.storage());
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            long seen = signal.generation();
            List<ClaimedJob> claimed;
            try {
                claimed = claim(request);
            } catch (StoreClosedException closing) {
                if (signal.closed()) {
                    return List.of(); // the store closed between the wake-up and this look
                }
                throw closing;
            }
            long left = deadline - System.nanoTime();
            if (!claimed.isEmpty() || left <= 0 || signal.closed()) {
                return claimed;
            }
            try {
                Monitor.waited(signal.awaitAfter(seen, Math.min(left, signal.pollInterval().toNanos())));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
    }

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
            List<ClaimedJob> claimed = new ArrayList<>();
            Map<String, Integer> claimedPer = new TreeMap<>();
            List<String> expiredLeases = new ArrayList<>();
            context.reportAfterCommit(m -> {
                claimedPer.forEach(m::jobsClaimed);
                expiredLeases.forEach(m::leaseExpired);
            });
            while (claimed.size() < max) {
                // One statement when no limit applies; a job that died on its last attempt took a place in it, so
                // claim again for the places it took.
                Optional<ClaimedRows> rows = jobs.claimUnlimited(new ClaimQuery(now, leaseEnd, validWorker,
                        max - claimed.size(), onlyProviders, onlyOwners));
                if (rows.isEmpty()) {
                    claimLimited(jobs, now, leaseEnd, validWorker, max, onlyProviders, onlyOwners, claimed, claimedPer,
                            expiredLeases);
                    return claimed;
                }
                for (Job dead : rows.get().expired()) {
                    releaseHold(dead);
                    expiredLeases.add(dead.provider());
                }
                for (Job job : rows.get().claimed()) {
                    claimed.add(new ClaimedJob(job, job.attempts(), leaseEnd));
                    claimedPer.merge(job.provider(), 1, Integer::sum);
                    if (rows.get().takenOver().contains(job.id())) {
                        expiredLeases.add(job.provider());
                    }
                }
                if (rows.get().expired().isEmpty()) {
                    break;
                }
            }
            return claimed;
        });
    }

    /**
     * The claim when some provider it may take has a concurrency or rate limit: locks claimable rows, then the limit
     * rows of their providers (sorted; concurrency limits, then rate limits), counts live leases and recent claims under
     * those locks, and hands out jobs while every limit has room.
     */
    private void claimLimited(JobRepository jobs, Instant now, Instant leaseEnd, String worker, int max,
                              Set<String> onlyProviders, Set<UserId> onlyOwners, List<ClaimedJob> claimed,
                              Map<String, Integer> claimedPer, List<String> expiredLeases) {
        Map<String, Long> room = new HashMap<>();
        Map<String, RateLimit> rates = new TreeMap<>();
        Map<String, Integer> rateClaims = new TreeMap<>();
        Set<String> lockedProviders = new HashSet<>();
        Set<String> atLimit = new TreeSet<>();
        while (true) {
            if (!onlyProviders.isEmpty() && atLimit.containsAll(onlyProviders)) {
                break; // every provider this worker serves is at its limit
            }
            int wanted = max - claimed.size();
            List<Job> candidates = jobs.lockClaimable(now, wanted * OVERFETCH, onlyProviders, onlyOwners, atLimit);
            Set<String> providers = new TreeSet<>();
            candidates.forEach(job -> providers.add(job.provider()));
            providers.removeAll(lockedProviders);
            if (!providers.isEmpty()) {
                // Locking the limit rows serializes claimers of one provider, so the counts below stay true until commit.
                Map<String, Integer> limits = jobs.lockProviderLimits(providers);
                if (!limits.isEmpty()) {
                    Map<String, Long> running = jobs.countRunning(limits.keySet(), now);
                    limits.forEach((provider, limit) -> room.put(provider, limit - running.getOrDefault(provider, 0L)));
                }
                Map<String, RateLimit> found = jobs.lockRateLimits(providers);
                found.forEach((provider, rate) -> {
                    long left = rate.maxClaims() - jobs.claimsSince(provider, now.minus(rate.window()));
                    room.merge(provider, left, Math::min);
                });
                rates.putAll(found);
                lockedProviders.addAll(providers);
            }
            boolean skipped = false;
            for (Job job : candidates) {
                if (claimed.size() == max) {
                    break;
                }
                if (job.status() == JobStatus.RUNNING && job.attempts() >= job.maxAttempts()) {
                    // Its worker vanished on the last attempt allowed.
                    jobs.updateJob(finishFailed(job, ClaimQuery.expiredOnLastAttempt(job.leaseOwner()), now));
                    expiredLeases.add(job.provider());
                    continue;
                }
                Long left = room.get(job.provider());
                if (left != null) {
                    if (left <= 0) {
                        atLimit.add(job.provider());
                        skipped = true;
                        continue;
                    }
                    room.put(job.provider(), left - 1);
                }
                Job next = JobCopies.claimed(job, worker, leaseEnd, now);
                jobs.updateJob(next);
                claimed.add(new ClaimedJob(next, next.attempts(), leaseEnd));
                claimedPer.merge(job.provider(), 1, Integer::sum);
                if (rates.containsKey(job.provider())) {
                    rateClaims.merge(job.provider(), 1, Integer::sum);
                }
                if (job.status() == JobStatus.RUNNING) {
                    expiredLeases.add(job.provider());
                }
            }
            // Jobs of a provider at its limit took places in this fetch: fetch again without that provider, so that
            // they never starve the others. Each round leaves out one more provider, so this ends.
            if (claimed.size() == max || !skipped || candidates.size() < wanted * OVERFETCH) {
                break;
            }
        }
        rateClaims.forEach((provider, n) -> recordClaims(jobs, provider, rates.get(provider), n, now));
    }

    private static void recordClaims(JobRepository jobs, String provider, RateLimit rate, int claims, Instant now) {
        jobs.recordClaims(provider, now, claims, now.minus(rate.window()));
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
            RateLimit rate = jobs.lockRateLimits(List.of(job.provider())).get(job.provider());
            if (rate != null) {
                if (jobs.claimsSince(job.provider(), now.minus(rate.window())) >= rate.maxClaims()) {
                    return Optional.<ClaimedJob>empty();
                }
                recordClaims(jobs, job.provider(), rate, 1, now);
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
                            ? finishFailed(job, ClaimQuery.expiredOnLastAttempt(job.leaseOwner()), now)
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
            Instant leaseEnd = micros(now.plus(validLease));
            Job extended = r.jobs().extendLease(id, fencingToken, now, leaseEnd)
                    .orElseThrow(() -> refusal(r.jobs(), id, fencingToken, now, null));
            return new ClaimedJob(extended, fencingToken, leaseEnd);
        });
    }

    /**
     * Completes the job. Completions that threads outside a transaction ask for while another is being written are
     * written together, in one transaction (see {@link WriteCombiner}); each still gets exactly its own answer.
     */
    @Override
    public Job complete(JobId id, long fencingToken, int successfulImages, int failedImages) {
        Validate.notNull("jobId", id);
        if (successfulImages < 0 || failedImages < 0) {
            throw new InvalidInputException("images", "counts must not be negative: " + successfulImages + ", " + failedImages);
        }
        AttemptCompletion completion = new AttemptCompletion(id, fencingToken, successfulImages, failedImages);
        if (context.storage().callerInTransaction()) {
            return completeAlone(completion);
        }
        return completions.run(completion, this::completeAlone);
    }

    private Job completeAlone(AttemptCompletion c) {
        return context.storage().write(r -> {
            Instant now = context.now();
            Job done = r.jobs().completeAttempt(c.id(), c.attempt(), now, c.successful(), c.failed()).orElseThrow(() -> {
                RuntimeException refused = refusal(r.jobs(), c.id(), c.attempt(), now, JobStatus.SUCCEEDED);
                return refused != null ? refused : new InvalidInputException("images", c.successful() + " successful and "
                        + c.failed() + " failed exceed the job's " + r.jobs().findJob(c.id()).orElseThrow().totalImages() + " images");
            });
            settleHold(done);
            return done;
        });
    }

    /**
     * Writes a batch of completions in one transaction. A job asked for twice is written once, for its first caller; a
     * completion whose guard failed is written for nobody: those callers run alone and get their own refusal.
     */
    private List<Optional<Job>> completeTogether(List<AttemptCompletion> batch) {
        Set<JobId> seen = new HashSet<>();
        List<AttemptCompletion> distinct = new ArrayList<>(batch.size());
        boolean[] first = new boolean[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            first[i] = seen.add(batch.get(i).id());
            if (first[i]) {
                distinct.add(batch.get(i));
            }
        }
        return context.storage().write(r -> {
            Map<JobId, Job> done = new HashMap<>();
            r.jobs().completeAttempts(distinct, context.now()).forEach(job -> done.put(job.id(), job));
            // Holds in owner order, so that two batches settling holds of the same owners cannot deadlock.
            done.values().stream().sorted(Comparator.comparing(job -> job.owner().value())).forEach(this::settleHold);
            List<Optional<Job>> answers = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                answers.add(first[i] ? Optional.ofNullable(done.get(batch.get(i).id())) : Optional.empty());
            }
            return answers;
        });
    }

    /** Captures what the rule says of a finished job's hold, or releases the hold when that is nothing. */
    private void settleHold(Job done) {
        if (done.holdId() == null) {
            return;
        }
        long cost = done.captureRule().captured(done.tokenCost(), done.successfulImages(), done.totalImages());
        if (cost > 0) {
            ledger.capture(done.owner(), done.holdId(), cost);
        } else {
            ledger.release(done.owner(), done.holdId());
        }
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
            // The token is the attempt number, so the backoff is known before the row is read.
            Instant retryAt = retryable
                    ? now.plus(policy.backoff((int) Math.max(1, Math.min(fencingToken, Integer.MAX_VALUE)),
                    ThreadLocalRandom.current().nextDouble()))
                    : null;
            Job next = r.jobs().failAttempt(id, fencingToken, now, message, retryAt)
                    .orElseThrow(() -> refusal(r.jobs(), id, fencingToken, now, JobStatus.FAILED));
            if (next.status() == JobStatus.FAILED) {
                releaseHold(next);
            }
            return next;
        });
    }

    private void releaseHold(Job job) {
        if (job.holdId() != null) {
            ledger.release(job.owner(), job.holdId());
        }
    }

    private Job finishFailed(Job job, String message, Instant now) {
        releaseHold(job);
        return JobCopies.finish(job, JobStatus.FAILED, job.successfulImages(), job.failedImages(), message, now);
    }

    /**
     * Why a guarded write of attempt {@code fencingToken} matched no row, read after it: not found, cancelled
     * ({@link JobCancelledException} for a heartbeat, whose {@code target} is null, else an illegal move to
     * {@code target}), or a lease lost. Null when the job still holds that live lease (the write's other guard failed).
     */
    private static RuntimeException refusal(JobRepository jobs, JobId id, long fencingToken, Instant now, JobStatus target) {
        Job job = jobs.findJob(id).orElse(null);
        if (job == null) {
            return new NotFoundException("job", id);
        }
        if (job.attempts() == fencingToken && job.status() == JobStatus.CANCELLED) {
            return target == null ? new JobCancelledException(id) : new IllegalTransitionException("job", id, JobStatus.CANCELLED, target);
        }
        if (job.attempts() != fencingToken) {
            return new LeaseLostException(job.id(), fencingToken, "the job is on attempt " + job.attempts());
        }
        if (job.status() != JobStatus.RUNNING) {
            return new LeaseLostException(job.id(), fencingToken, "the job is " + job.status());
        }
        if (!now.isBefore(job.leaseExpiresAt())) {
            return new LeaseLostException(job.id(), fencingToken, "the lease expired at " + job.leaseExpiresAt());
        }
        return null;
    }

    @Override
    public void setRateLimit(String provider, RateLimit limit) {
        String valid = Validate.provider(provider);
        Validate.notNull("rateLimit", limit);
        context.storage().write(r -> {
            r.jobs().upsertRateLimit(valid, limit);
            return null;
        });
    }

    @Override
    public boolean removeRateLimit(String provider) {
        String valid = Validate.provider(provider);
        return context.storage().write(r -> r.jobs().deleteRateLimit(valid));
    }

    @Override
    public Map<String, RateLimit> rateLimits() {
        return context.storage().read(r -> r.jobs().rateLimits());
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
