package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.accounts.UserId;
import dev.genstore.errors.IllegalTransitionException;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.jobs.ClaimedJob;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobId;
import dev.genstore.jobs.JobScope;
import dev.genstore.jobs.JobStatus;
import dev.genstore.jobs.LeaseLostException;
import dev.genstore.jobs.NewJob;
import dev.genstore.jobs.RateLimit;
import dev.genstore.ledger.Hold;
import dev.genstore.ledger.HoldId;
import dev.genstore.ledger.HoldStatus;
import dev.genstore.ledger.LedgerEntry;
import dev.genstore.ledger.TokenAccount;
import dev.genstore.paging.PageRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The queue under concurrency: workers draining one queue run every job exactly once, never two at a time, never
 * more of a provider than its limit, and a worker that stops mid-job is replaced exactly once. The clock stands still
 * during the races, so no lease expires unless a test moves the clock first.
 */
public abstract class QueueRaceContract extends JobsContractSupport {
    private static final int WORKERS = 8;
    private static final int BATCH = 10;
    /** Longer than any race: the clock does not move during one, but a lease must not lapse if it did. */
    private static final Duration RACE_LEASE = Duration.ofMinutes(10);

    /** Submits {@code count} jobs in one transaction, cycling over the owners and providers. */
    private List<Job> submitAll(int count, List<UserId> owners, List<String> providers, long cost) {
        return store.transaction(tx -> {
            List<Job> submitted = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                UserId owner = owners.get(i % owners.size());
                String provider = providers.get(i % providers.size());
                submitted.add(tx.jobs().submit(NewJob.of(owner, "fox " + i, provider, MODEL).tokenCost(cost)));
            }
            return submitted;
        });
    }

    /** What the race saw: how often each job was claimed and completed, and under which tokens. */
    private static final class Tally {
        final Map<JobId, AtomicInteger> claims = new ConcurrentHashMap<>();
        final Map<JobId, AtomicInteger> completions = new ConcurrentHashMap<>();
        final Map<JobId, Long> tokens = new ConcurrentHashMap<>();
        final Set<JobId> inHand = ConcurrentHashMap.newKeySet();
        final AtomicInteger completed = new AtomicInteger();

        void claimed(ClaimedJob job, String worker) {
            assertEquals(worker, job.job().leaseOwner());
            assertEquals(JobStatus.RUNNING, job.job().status());
            assertTrue(inHand.add(job.id()), () -> job.id() + " claimed while another worker runs it");
            claims.computeIfAbsent(job.id(), id -> new AtomicInteger()).incrementAndGet();
            tokens.put(job.id(), job.fencingToken());
        }

        void completed(ClaimedJob job, Job done) {
            assertEquals(JobStatus.SUCCEEDED, done.status());
            completions.computeIfAbsent(job.id(), id -> new AtomicInteger()).incrementAndGet();
            assertTrue(inHand.remove(job.id()));
            completed.incrementAndGet();
        }

        void assertEachOnce(Set<JobId> jobs) {
            assertEquals(jobs, claims.keySet(), "every job claimed");
            assertEquals(jobs, completions.keySet(), "every job completed");
            claims.forEach((id, n) -> assertEquals(1, n.get(), () -> id + " claimed " + n + " times"));
            completions.forEach((id, n) -> assertEquals(1, n.get(), () -> id + " completed " + n + " times"));
            assertEquals(Set.of(), inHand);
        }
    }

    /** Claims batches and completes each job until {@code total} jobs are done, by any worker. */
    private int drain(Tally tally, String worker, int total) {
        int mine = 0;
        while (tally.completed.get() < total) {
            List<ClaimedJob> batch = store.queue().claim(worker, BATCH, RACE_LEASE);
            if (batch.isEmpty()) {
                Thread.onSpinWait(); // the rest is in other workers' hands
                continue;
            }
            batch.forEach(job -> tally.claimed(job, worker));
            for (ClaimedJob job : batch) {
                tally.completed(job, store.queue().complete(job.id(), job.fencingToken(), 1, 0));
                mine++;
            }
        }
        return mine;
    }

    /** After a drain: every job SUCCEEDED, each owner paid once per job and holds nothing. */
    private void assertAllSucceededAndPaidOnce(List<UserId> owners, Map<UserId, Long> credited, long cost,
                                               Map<JobId, Integer> expectedAttempts) {
        int total = 0;
        for (UserId owner : owners) {
            List<Job> jobs = allJobs(owner);
            total += jobs.size();
            for (Job job : jobs) {
                assertEquals(JobStatus.SUCCEEDED, job.status(), job::toString);
                assertEquals(expectedAttempts.getOrDefault(job.id(), 1), job.attempts(), job::toString);
                assertEquals(HoldStatus.CAPTURED, holdOf(job).status());
            }
            TokenAccount account = account(owner);
            assertEquals(0, account.held(), "no hold outlives its job");
            assertEquals(credited.get(owner) - cost * jobs.size(), account.balance());
            List<LedgerEntry> captures = captures(owner);
            assertEquals(jobs.size(), captures.size(), "one capture per job");
            assertEquals(jobs.stream().map(Job::holdId).collect(Collectors.toSet()),
                    captures.stream().map(LedgerEntry::holdId).collect(Collectors.toSet()), "each job's hold captured once");
            assertEquals(account.balance(), sum(fullHistory(owner)));
        }
        assertEquals(total, store.jobs().statistics(JobScope.all()).completedJobs());
        assertEquals(List.of(), store.ledger().verify());
    }

    @Test
    void eightWorkersDrainTwoThousandJobsEachExactlyOnce() {
        int total = 2000;
        long cost = 3;
        List<UserId> owners = new ArrayList<>();
        Map<UserId, Long> credited = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            UserId owner = userWithTokens("owner" + i + "@example.com", 500 * cost + 7);
            owners.add(owner);
            credited.put(owner, 500 * cost + 7);
        }
        List<Job> jobs = submitAll(total, owners, List.of("openai", "stability", "midjourney"), cost);
        Tally tally = new Tally();

        List<Integer> perWorker = valuesOf(race(WORKERS, thread -> drain(tally, "worker-" + thread, total)));

        assertEquals(total, perWorker.stream().mapToInt(Integer::intValue).sum());
        tally.assertEachOnce(jobs.stream().map(Job::id).collect(Collectors.toSet()));
        tally.tokens.forEach((id, token) -> assertEquals(1L, token, "first claims carry token 1"));
        assertAllSucceededAndPaidOnce(owners, credited, cost, Map.of());
    }

    @Test
    void aProviderLimitHoldsUnderConcurrentWorkers() {
        int total = 400;
        UserId ann = userWithTokens("ann@example.com", total);
        queue().limitProvider("limited", 2);
        List<Job> jobs = submitAll(total, List.of(ann), List.of("limited", "free"), 1);
        Tally tally = new Tally();
        AtomicInteger inHand = new AtomicInteger();
        AtomicInteger mostInHand = new AtomicInteger();
        AtomicInteger mostRunningInStore = new AtomicInteger();
        AtomicInteger mostInOneClaim = new AtomicInteger();

        valuesOf(race(WORKERS, thread -> {
            String worker = "worker-" + thread;
            while (tally.completed.get() < total) {
                List<ClaimedJob> batch = store.queue().claim(worker, BATCH, RACE_LEASE);
                if (batch.isEmpty()) {
                    Thread.onSpinWait();
                    continue;
                }
                batch.forEach(job -> tally.claimed(job, worker));
                int limited = (int) batch.stream().filter(job -> job.job().provider().equals("limited")).count();
                mostInOneClaim.accumulateAndGet(limited, Math::max);
                // Counted from after its claim committed until before its complete starts: never more than the store's
                // RUNNING jobs of the provider at that moment.
                mostInHand.accumulateAndGet(inHand.addAndGet(limited), Math::max);
                long running = allJobs(store, ann, Set.of(JobStatus.RUNNING), PageRequest.MAX_SIZE).stream()
                        .filter(job -> job.provider().equals("limited")).count();
                mostRunningInStore.accumulateAndGet((int) running, Math::max);
                assertTrue(running <= 2, "RUNNING jobs of the limited provider: " + running);
                for (ClaimedJob job : batch) {
                    if (job.job().provider().equals("limited")) {
                        inHand.decrementAndGet();
                    }
                    tally.completed(job, store.queue().complete(job.id(), job.fencingToken(), 1, 0));
                }
            }
            return null;
        }));

        assertEquals(2, mostInOneClaim.get(), "the first claim takes two of the limited provider, never more");
        assertTrue(mostInHand.get() <= 2, "limited jobs in workers' hands at once: " + mostInHand.get());
        assertTrue(mostRunningInStore.get() <= 2, "limited jobs RUNNING at once: " + mostRunningInStore.get());
        tally.assertEachOnce(jobs.stream().map(Job::id).collect(Collectors.toSet()));
        assertAllSucceededAndPaidOnce(List.of(ann), Map.of(ann, (long) total), 1, Map.of());
        assertEquals(0, account(ann).balance());
    }

    /**
     * One round of 8 workers at one instant of the clock: each claims and completes until a claim comes back empty with
     * no job in anyone's hands (then nothing can change at this instant). Returns the limited provider's claims.
     */
    private int rateLimitedRound(Tally tally, UserId owner, int maxRunning) {
        AtomicInteger limitedClaims = new AtomicInteger();
        AtomicInteger inHand = new AtomicInteger();
        valuesOf(race(WORKERS, thread -> {
            String worker = "worker-" + thread;
            while (true) {
                List<ClaimedJob> batch = store.queue().claim(worker, BATCH, RACE_LEASE);
                if (batch.isEmpty()) {
                    if (inHand.get() == 0) {
                        return null;
                    }
                    Thread.onSpinWait();
                    continue;
                }
                inHand.addAndGet(batch.size());
                batch.forEach(job -> tally.claimed(job, worker));
                limitedClaims.addAndGet((int) batch.stream().filter(job -> job.job().provider().equals("limited")).count());
                long running = allJobs(store, owner, Set.of(JobStatus.RUNNING), PageRequest.MAX_SIZE).stream()
                        .filter(job -> job.provider().equals("limited")).count();
                assertTrue(running <= maxRunning, "RUNNING jobs of the limited provider: " + running);
                for (ClaimedJob job : batch) {
                    tally.completed(job, store.queue().complete(job.id(), job.fencingToken(), 1, 0));
                    inHand.decrementAndGet();
                }
            }
        }));
        // A claim may come back empty while another claim holds row locks (H2 applies LIMIT before SKIP LOCKED), so
        // the last worker can stop early: one claim alone at this instant settles whether anything is left.
        for (List<ClaimedJob> batch = store.queue().claim("worker-last", BATCH, RACE_LEASE); !batch.isEmpty();
                batch = store.queue().claim("worker-last", BATCH, RACE_LEASE)) {
            for (ClaimedJob job : batch) {
                tally.claimed(job, "worker-last");
                limitedClaims.addAndGet(job.job().provider().equals("limited") ? 1 : 0);
                tally.completed(job, store.queue().complete(job.id(), job.fencingToken(), 1, 0));
            }
        }
        return limitedClaims.get();
    }

    @Test
    void aRateLimitHoldsUnderConcurrentWorkersWindowAfterWindow() {
        UserId ann = userWithTokens("ann@example.com", 400);
        queue().setRateLimit("limited", RateLimit.of(7, Duration.ofMinutes(1)));
        queue().limitProvider("limited", 3);
        List<Job> jobs = submitAll(400, List.of(ann), List.of("limited", "free", "free", "free", "free", "free", "free",
                "free", "free", "free"), 1);
        Tally tally = new Tally();

        assertEquals(7, rateLimitedRound(tally, ann, 3), "the first window: exactly its 7 claims, never more");
        assertEquals(360, allJobs(ann, JobStatus.SUCCEEDED).size() - 7, "every free job ran");
        clock.advance(Duration.ofSeconds(59));
        assertEquals(0, rateLimitedRound(tally, ann, 3), "still within the first window");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(7, rateLimitedRound(tally, ann, 3), "the next window gets 7 more");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(7, rateLimitedRound(tally, ann, 3));

        assertEquals(21, tally.claims.keySet().stream().filter(id -> jobs.stream()
                .anyMatch(job -> job.id().equals(id) && job.provider().equals("limited"))).count());
        tally.claims.forEach((id, n) -> assertEquals(1, n.get(), () -> id + " claimed " + n + " times"));
        assertEquals(Set.of(), tally.inHand);
        assertEquals(19, allJobs(ann, JobStatus.QUEUED).size(), "the limited provider's other jobs wait");
        assertEquals(List.of(), store.ledger().verify());
    }

    @Test
    void aWorkerThatStopsMidJobIsReplacedExactlyOnce() {
        int total = 200;
        UserId ann = userWithTokens("ann@example.com", 2L * total);
        List<Job> jobs = submitAll(total, List.of(ann), List.of("openai"), 2);
        List<ClaimedJob> abandoned = queue().claim("crashed", BATCH, LEASE);
        assertEquals(ids(jobs.subList(0, BATCH)), claimedIds(abandoned));
        clock.advance(LEASE.plusSeconds(1));
        Tally tally = new Tally();

        valuesOf(race(WORKERS + 1, thread -> {
            if (thread == WORKERS) {
                // The crashed worker comes back and tries to finish what it had: before or after the others took it over.
                for (ClaimedJob job : abandoned) {
                    assertThrows(LeaseLostException.class, () -> store.queue().heartbeat(job.id(), job.fencingToken(), LEASE));
                    assertThrows(LeaseLostException.class, () -> store.queue().complete(job.id(), job.fencingToken(), 1, 0));
                    assertThrows(LeaseLostException.class, () -> store.queue().fail(job.id(), job.fencingToken(), "late", false));
                }
                return 0;
            }
            return drain(tally, "worker-" + thread, total);
        }));

        tally.assertEachOnce(jobs.stream().map(Job::id).collect(Collectors.toSet()));
        Map<JobId, Integer> attempts = new HashMap<>();
        for (ClaimedJob job : abandoned) {
            attempts.put(job.id(), 2);
            assertEquals(2L, tally.tokens.get(job.id()), "taken over with a new token");
        }
        assertEquals(total - BATCH, tally.tokens.values().stream().filter(token -> token == 1L).count());
        assertAllSucceededAndPaidOnce(List.of(ann), Map.of(ann, 2L * total), 2, attempts);
        assertEquals(0, account(ann).balance());

        JobsSnapshot before = jobsSnapshot();
        for (ClaimedJob job : abandoned) {
            assertThrows(LeaseLostException.class, () -> queue().complete(job.id(), job.fencingToken(), 1, 0));
        }
        assertJobsUnchanged(before);
    }

    @Test
    void cancelAndCompleteOfOneRunningJobHaveOneWinner() {
        UserId ann = userWithTokens("ann@example.com", 1000);
        Map<JobStatus, Integer> outcomes = new HashMap<>();
        for (int round = 0; round < 12; round++) {
            Job job = jobs().submit(newJob(ann).tokenCost(10));
            ClaimedJob claimed = claim("worker", job.id());
            List<Attempt<Job>> attempts = race(4, thread -> thread % 2 == 0
                    ? store.jobs().cancel(job.id())
                    : store.queue().complete(job.id(), claimed.fencingToken(), 1, 0));
            Job after = reread(job);
            outcomes.merge(after.status(), 1, Integer::sum);
            assertEquals(1, attempts.stream().filter(Attempt::succeeded).count(), "one winner: " + attempts);
            for (int thread = 0; thread < 4; thread++) {
                Attempt<Job> attempt = attempts.get(thread);
                boolean canceller = thread % 2 == 0;
                if (attempt.succeeded()) {
                    assertEquals(canceller ? JobStatus.CANCELLED : JobStatus.SUCCEEDED, after.status());
                    assertEquals(after, attempt.value());
                } else if (canceller || after.status() == JobStatus.CANCELLED) {
                    assertInstanceOf(IllegalTransitionException.class, attempt.error());
                } else {
                    assertInstanceOf(LeaseLostException.class, attempt.error(), "completed already");
                }
            }
            HoldStatus hold = holdOf(job).status();
            assertEquals(after.status() == JobStatus.SUCCEEDED ? HoldStatus.CAPTURED : HoldStatus.RELEASED, hold);
        }
        assertEquals(12, outcomes.values().stream().mapToInt(Integer::intValue).sum());
        TokenAccount account = account(ann);
        assertEquals(0, account.held());
        assertEquals(1000 - 10L * outcomes.getOrDefault(JobStatus.SUCCEEDED, 0), account.balance());
        assertEquals(account.balance(), sum(fullHistory(ann)));
    }

    /**
     * Completions from many threads at once (which a store may write together, in one transaction): each caller gets
     * exactly the answer it would get alone, and the ledger is settled once per completed job.
     */
    @Test
    void concurrentCompletionsEachGetTheirOwnAnswer() {
        int threads = 15;
        long cost = 8;
        UserId ann = userWithTokens("ann@example.com", 10_000);
        UserId bob = userWithTokens("bob@example.com", 10_000);
        for (int round = 0; round < 6; round++) {
            List<ClaimedJob> claimed = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                Job job = jobs().submit(newJob(thread % 2 == 0 ? ann : bob).tokenCost(cost).totalImages(4));
                claimed.add(claim("worker", job.id()));
            }
            // Thread t % 5: 0 completes its job; 1 with a stale token; 2 with more images than the job makes; 3 a
            // cancelled job; 4 the job of thread t - 4 again, racing it.
            for (int thread = 3; thread < threads; thread += 5) {
                jobs().cancel(claimed.get(thread).id());
            }
            List<Attempt<Job>> attempts = race(threads, thread -> {
                ClaimedJob mine = claimed.get(thread % 5 == 4 ? thread - 4 : thread);
                return switch (thread % 5) {
                    case 1 -> store.queue().complete(mine.id(), mine.fencingToken() - 1, 2, 0);
                    case 2 -> store.queue().complete(mine.id(), mine.fencingToken(), 4, 1);
                    default -> store.queue().complete(mine.id(), mine.fencingToken(), 2, 1);
                };
            });
            for (int thread = 0; thread < threads; thread++) {
                Attempt<Job> attempt = attempts.get(thread);
                ClaimedJob mine = claimed.get(thread);
                Job after = reread(mine.job());
                switch (thread % 5) {
                    case 0 -> {
                        Attempt<Job> rival = attempts.get(thread + 4);
                        assertTrue(attempt.succeeded() != rival.succeeded(), () -> "one winner: " + attempt + ", " + rival);
                        assertInstanceOf(LeaseLostException.class, (attempt.succeeded() ? rival : attempt).error());
                        assertEquals(after, (attempt.succeeded() ? attempt : rival).value());
                        assertEquals(JobStatus.SUCCEEDED, after.status());
                        assertEquals(2, after.successfulImages());
                        assertEquals(1, after.failedImages());
                        Hold hold = holdOf(after);
                        assertEquals(HoldStatus.CAPTURED, hold.status());
                        assertEquals(4, hold.captured(), "8 tokens × 2 of 4 images");
                    }
                    case 1 -> {
                        assertInstanceOf(LeaseLostException.class, attempt.error(), () -> String.valueOf(attempt));
                        assertEquals(JobStatus.RUNNING, after.status());
                        assertEquals(HoldStatus.ACTIVE, holdOf(after).status());
                    }
                    case 2 -> {
                        assertInstanceOf(InvalidInputException.class, attempt.error(), () -> String.valueOf(attempt));
                        assertEquals(JobStatus.RUNNING, after.status());
                        assertEquals(HoldStatus.ACTIVE, holdOf(after).status());
                    }
                    case 3 -> {
                        assertInstanceOf(IllegalTransitionException.class, attempt.error(), () -> String.valueOf(attempt));
                        assertEquals(JobStatus.CANCELLED, after.status());
                        assertEquals(HoldStatus.RELEASED, holdOf(after).status());
                    }
                    default -> {
                        // checked with its rival, thread - 4
                    }
                }
            }
            // The refused ones still complete with their own token (as do the jobs of the rivals, left untouched).
            for (int thread = 1; thread < threads; thread += 5) {
                for (ClaimedJob left : List.of(claimed.get(thread), claimed.get(thread + 1), claimed.get(thread + 3))) {
                    assertEquals(JobStatus.SUCCEEDED, queue().complete(left.id(), left.fencingToken(), 4, 0).status());
                }
            }
        }
        for (UserId owner : List.of(ann, bob)) {
            TokenAccount account = account(owner);
            assertEquals(0, account.held(), "no hold outlives its job");
            assertEquals(account.balance(), sum(fullHistory(owner)));
        }
        // Per round: 3 jobs with 2 of 4 images (8 × 2 / 4 = 4 each), 9 with 4 of 4 (8 each), 3 cancelled (nothing).
        assertEquals(2 * 10_000 - 6 * (3 * 4 + 9 * 8), account(ann).balance() + account(bob).balance());
        assertEquals(List.of(), store.ledger().verify());
    }

    @Test
    void moreConcurrentCompletionsThanOneBatchTakesEachGetTheirOwnJob() {
        // Completions written together take at most 64 at a time: 150 at once make several batches, and every caller
        // must get its own job back, whichever thread leads the batch it is in.
        int threads = 150;
        UserId ann = userWithTokens("ann@example.com", 10_000);
        for (int i = 0; i < threads; i++) {
            jobs().submit(newJob(ann).tokenCost(2).totalImages(2));
        }
        List<ClaimedJob> claimed = queue().claim("worker", threads, LEASE);
        assertEquals(threads, claimed.size());

        List<Job> done = valuesOf(race(threads, thread -> {
            ClaimedJob mine = claimed.get(thread);
            return store.queue().complete(mine.id(), mine.fencingToken(), 1, 1);
        }));

        for (int thread = 0; thread < threads; thread++) {
            Job mine = done.get(thread);
            assertNotNull(mine, "thread " + thread + " got no job back");
            assertEquals(claimed.get(thread).id(), mine.id(), "thread " + thread + " got another thread's job");
            assertEquals(reread(mine), mine);
            assertEquals(JobStatus.SUCCEEDED, mine.status());
            assertEquals(1, holdOf(mine).captured(), "2 tokens × 1 of 2 images, captured once");
        }
        assertEquals(10_000 - threads, account(ann).balance());
        assertEquals(0, account(ann).held());
        assertEquals(List.of(), store.ledger().verify());
    }

    @Test
    void oneIdempotencyKeyFromManyThreadsSubmitsOneJob() {
        UserId ann = userWithTokens("ann@example.com", 1000);
        Set<JobId> all = new HashSet<>();
        Set<HoldId> holds = new HashSet<>();
        for (int round = 0; round < 5; round++) {
            String key = "order-" + round;
            List<Job> submitted = valuesOf(race(WORKERS, thread ->
                    store.jobs().submit(newJob(ann).tokenCost(10).idempotencyKey(key))));
            assertEquals(1, new HashSet<>(submitted).size(), "round " + round + ": every thread gets the one job");
            all.add(submitted.get(0).id());
            holds.add(submitted.get(0).holdId());
            assertEquals(submitted.get(0), reread(submitted.get(0)));
        }
        assertEquals(5, all.size());
        assertEquals(all, new HashSet<>(ids(allJobs(ann))));
        assertEquals(50, account(ann).held(), "held once per job");
        for (HoldId hold : holds) {
            assertEquals(10, store.ledger().findHold(hold).orElseThrow().amount());
        }
    }
}
