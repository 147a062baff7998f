package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.Genstore;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.UserId;
import dev.genstore.errors.IllegalTransitionException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.jobs.CaptureRule;
import dev.genstore.jobs.ClaimedJob;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobCancelledException;
import dev.genstore.jobs.JobId;
import dev.genstore.jobs.JobStatus;
import dev.genstore.jobs.LeaseLostException;
import dev.genstore.jobs.NewJob;
import dev.genstore.jobs.QueuePolicy;
import dev.genstore.jobs.RateLimit;
import dev.genstore.ledger.HoldStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The durable queue: claims in priority order under leases, heartbeats, completion and failure with retries and
 * backoff, fencing tokens, expired leases, provider limits, cancellation of running jobs, bad input.
 */
public abstract class QueueContract extends JobsContractSupport {
    private static final Duration ONE_MICRO = Duration.ofNanos(1_000);

    /** The job as a claim leaves it. */
    private static Job claimedAs(Job j, String worker, int attempt, Instant leaseEnd, Instant startedAt) {
        return j.toBuilder().status(JobStatus.RUNNING).attempts(attempt).lease(worker, leaseEnd).startedAt(startedAt)
                .completedAt(null).build();
    }

    /** A store over a fresh storage on the test's clock, failing jobs back with backoff without jitter. */
    private Genstore storeWithBackoff(Duration base, Duration max) {
        return Genstore.builder().storage(newStorage()).clock(clock).queuePolicy(new QueuePolicy(base, max, 0)).build();
    }

    private List<JobId> claimAll(String worker) {
        return claimedIds(queue().claim(worker, 1000, LEASE));
    }

    // ---- claiming --------------------------------------------------------------------------------------------------

    @Test
    void aClaimLeasesTheJobToTheWorker() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Job job = jobs().submit(newJob(ann).tokenCost(10));
        clock.advance(Duration.ofMinutes(1));

        List<ClaimedJob> claimed = queue().claim("  worker-1 ", 5, LEASE);

        Job expected = claimedAs(job, "worker-1", 1, now().plus(LEASE), now());
        assertEquals(List.of(new ClaimedJob(expected, 1, now().plus(LEASE))), claimed);
        assertEquals(job.id(), claimed.get(0).id());
        assertEquals(expected, reread(job), "read back");
        assertEquals(List.of(), queue().claim("worker-2", 5, LEASE), "a leased job is not claimed again");
        assertEquals(HoldStatus.ACTIVE, holdOf(job).status(), "a running job keeps its hold");
        assertEquals(10, account(ann).held());
        assertEquals(List.of(), queue().claim("worker-2", 5, LEASE), "still leased");
    }

    @Test
    void anEmptyQueueGivesNothing() {
        assertEquals(List.of(), queue().claim("worker", 10, LEASE));
        UserId ann = newUser("ann@example.com").id();
        jobs().pause(jobs().submit(newJob(ann)).id());
        jobs().cancel(jobs().submit(newJob(ann)).id());
        jobs().submit(newJob(ann).runAfter(now().plus(Duration.ofHours(1))));
        assertEquals(List.of(), queue().claim("worker", 10, LEASE), "paused, cancelled and future jobs are not claimable");
    }

    @Test
    void claimTakesTheHighestPriorityThenTheOldest() {
        UserId ann = newUser("ann@example.com").id();
        List<Job> jobs = new ArrayList<>();
        for (int priority : new int[] {0, 5, 5, -1, 10}) {
            clock.advance(Duration.ofSeconds(1));
            jobs.add(jobs().submit(newJob(ann).priority(priority)));
        }
        Job sameInstantFirst = jobs().submit(newJob(ann).priority(1));
        Job sameInstantSecond = jobs().submit(newJob(ann).priority(1));
        Job low = jobs.get(0);
        Job olderFive = jobs.get(1);
        Job newerFive = jobs.get(2);
        Job negative = jobs.get(3);
        Job top = jobs.get(4);

        assertEquals(List.of(top.id(), olderFive.id(), newerFive.id()), claimedIds(queue().claim("worker", 3, LEASE)));
        assertEquals(List.of(sameInstantFirst.id(), sameInstantSecond.id()), claimedIds(queue().claim("worker", 2, LEASE)),
                "submitted at the same instant: in submit order");
        assertEquals(List.of(low.id(), negative.id()), claimAll("worker"));
        assertEquals(List.of(), claimAll("worker"));
    }

    @Test
    void claimTakesAtMostMax() {
        UserId ann = newUser("ann@example.com").id();
        for (int i = 0; i < 7; i++) {
            jobs().submit(newJob(ann));
        }
        assertEquals(1, queue().claim("worker", 1, LEASE).size());
        assertEquals(4, queue().claim("worker", 4, LEASE).size());
        assertEquals(2, queue().claim("worker", 4, LEASE).size());
        assertEquals(7, allJobs(ann, JobStatus.RUNNING).size());
    }

    @Test
    void runAfterHoldsAJobBackUntilItsTime() {
        UserId ann = newUser("ann@example.com").id();
        Instant at = now().plus(Duration.ofMinutes(10));
        Job later = jobs().submit(newJob(ann).priority(9).runAfter(at));
        assertEquals(at, later.runAfter());
        Job pastDue = jobs().submit(newJob(ann).runAfter(now().minus(Duration.ofHours(1))));

        assertEquals(List.of(pastDue.id()), claimAll("worker"), "a job due in the past runs at once");
        queue().complete(pastDue.id(), 1, 1, 0);
        clock.advance(Duration.ofMinutes(10).minus(ONE_MICRO));
        assertEquals(List.of(), claimAll("worker"), "a microsecond early");
        clock.advance(ONE_MICRO);
        assertEquals(List.of(later.id()), claimAll("worker"), "due at its runAfter");
    }

    @Test
    void instantsReadBackAsTheyWereReturned() {
        UserId ann = newUser("ann@example.com").id();
        Instant at = START.plus(Duration.ofMinutes(5)); // nanoseconds included
        Job job = jobs().submit(newJob(ann).runAfter(at));
        assertEquals(job, reread(job), "what submit returns is what reads back");
        assertEquals(at.truncatedTo(ChronoUnit.MICROS), job.runAfter(), "stored at microsecond precision");

        clock.advance(Duration.ofMinutes(5));
        ClaimedJob claimed = queue().claim("worker", 1, LEASE.plusNanos(999)).get(0);
        assertEquals(claimed.job(), reread(job), "what claim returns is what reads back");
        assertEquals(claimed.job().leaseExpiresAt(), claimed.leaseExpiresAt());
        ClaimedJob beat = queue().heartbeat(job.id(), claimed.fencingToken(), LEASE.plusNanos(1));
        assertEquals(beat.job(), reread(job), "what heartbeat returns is what reads back");
    }

    // ---- leases: heartbeat, complete, expiry -----------------------------------------------------------------------

    @Test
    void aHeartbeatExtendsTheLease() {
        UserId ann = newUser("ann@example.com").id();
        Job job = jobs().submit(newJob(ann));
        ClaimedJob claimed = claim("worker", job.id());
        clock.advance(Duration.ofSeconds(20));

        ClaimedJob beat = queue().heartbeat(job.id(), claimed.fencingToken(), Duration.ofMinutes(1));
        Instant leaseEnd = now().plus(Duration.ofMinutes(1));
        assertEquals(new ClaimedJob(claimedAs(job, "worker", 1, leaseEnd, claimed.job().startedAt()), 1, leaseEnd), beat);
        assertEquals(beat.job(), reread(job));

        clock.advance(Duration.ofSeconds(50)); // past the first lease, within the extended one
        assertEquals(List.of(), claimAll("other"), "the extended lease holds");
        ClaimedJob again = queue().heartbeat(job.id(), claimed.fencingToken(), LEASE);
        assertEquals(now().plus(LEASE), again.leaseExpiresAt());
        Job done = queue().complete(job.id(), claimed.fencingToken(), 1, 0);
        assertEquals(JobStatus.SUCCEEDED, done.status());
    }

    @Test
    void anExpiredLeaseCanNeitherBeExtendedNorUsed() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Job job = jobs().submit(newJob(ann).tokenCost(10));
        ClaimedJob claimed = claim("worker", job.id());
        clock.advance(LEASE.plusSeconds(1));
        JobsSnapshot before = jobsSnapshot();

        assertThrows(LeaseLostException.class, () -> queue().heartbeat(job.id(), claimed.fencingToken(), LEASE));
        assertThrows(LeaseLostException.class, () -> queue().complete(job.id(), claimed.fencingToken(), 1, 0));
        assertThrows(LeaseLostException.class, () -> queue().fail(job.id(), claimed.fencingToken(), "timeout", true));
        assertJobsUnchanged(before);

        ClaimedJob again = claim("worker", job.id());
        assertEquals(2, again.fencingToken(), "the same worker claims it anew, with a new token");
        assertThrows(LeaseLostException.class, () -> queue().complete(job.id(), claimed.fencingToken(), 1, 0));
        assertEquals(JobStatus.SUCCEEDED, queue().complete(job.id(), again.fencingToken(), 1, 0).status());
    }

    @Test
    void aLeaseEndsAtItsExpiryInstant() {
        UserId ann = newUser("ann@example.com").id();
        Job job = jobs().submit(newJob(ann));
        ClaimedJob claimed = claim("worker", job.id());
        clock.advance(LEASE.minus(ONE_MICRO));
        assertEquals(List.of(), claimAll("other"), "a microsecond before expiry");
        queue().heartbeat(job.id(), claimed.fencingToken(), ONE_MICRO);
        clock.advance(ONE_MICRO);
        assertThrows(LeaseLostException.class, () -> queue().heartbeat(job.id(), claimed.fencingToken(), LEASE),
                "at its expiry the lease is over");
        assertEquals(List.of(job.id()), claimAll("other"), "and the job claimable");
    }

    @Test
    void completeEndsTheLease() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Job job = jobs().submit(newJob(ann).tokenCost(30).totalImages(3));
        ClaimedJob claimed = claim("worker", job.id());
        Instant started = now();
        clock.advance(Duration.ofSeconds(5));

        Job done = queue().complete(job.id(), claimed.fencingToken(), 2, 1);
        assertEquals(Job.builder().id(job.id()).owner(ann).configurationId(null).prompt(job.prompt())
                .parameters(job.parameters()).provider(PROVIDER).model(MODEL).tokenCost(30).priority(0)
                .status(JobStatus.SUCCEEDED).totalImages(3).successfulImages(2).failedImages(1).attempts(1).maxAttempts(3)
                .runAfter(job.runAfter()).lease(null, null).errorMessage(null).idempotencyKey(null).holdId(job.holdId())
                .createdAt(job.createdAt()).startedAt(started).completedAt(now())
                .captureRule(CaptureRule.PROPORTIONAL_ROUND_DOWN).build(), done);
        assertEquals(done, reread(job));
        assertEquals(Optional.of(Duration.ofSeconds(5)), done.duration());
        JobsSnapshot before = jobsSnapshot();

        clock.advance(Duration.ofSeconds(1));
        assertThrows(LeaseLostException.class, () -> queue().complete(job.id(), claimed.fencingToken(), 2, 1),
                "completed once");
        assertThrows(LeaseLostException.class, () -> queue().heartbeat(job.id(), claimed.fencingToken(), LEASE));
        assertThrows(LeaseLostException.class, () -> queue().fail(job.id(), claimed.fencingToken(), "late", true));
        assertEquals(List.of(), claimAll("worker"));
        assertJobsUnchanged(before);
        assertEquals(1, captures(ann).size(), "captured once");
    }

    // ---- failure, retries, backoff ---------------------------------------------------------------------------------

    @Test
    void aRetryableFailureBacksOffExponentiallyUntilTheLastAttempt() {
        try (Genstore fixed = storeWithBackoff(Duration.ofSeconds(10), Duration.ofMinutes(1))) {
            UserId ann = fixed.accounts().create(NewUser.withEmail("ann@example.com")).id();
            fixed.ledger().credit(ann, 100, "TEST_CREDIT", "initial");
            Job job = fixed.jobs().submit(newJob(ann).tokenCost(40).maxAttempts(4));
            Instant firstStart = now();
            List<Duration> delays = List.of(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40));

            for (int attempt = 1; attempt <= 3; attempt++) {
                List<ClaimedJob> claimed = fixed.queue().claim("worker", 5, LEASE);
                assertEquals(1, claimed.size());
                assertEquals(attempt, claimed.get(0).fencingToken());
                assertEquals(attempt, claimed.get(0).job().attempts());
                assertEquals(firstStart, claimed.get(0).job().startedAt(), "started at the first claim");
                clock.advance(Duration.ofSeconds(2));

                Job retry = fixed.queue().fail(job.id(), attempt, "  provider timeout " + attempt + " ", true);
                Duration delay = delays.get(attempt - 1);
                assertEquals(Job.builder().id(job.id()).owner(ann).configurationId(null).prompt(job.prompt())
                        .parameters(job.parameters()).provider(PROVIDER).model(MODEL).tokenCost(40).priority(0)
                        .status(JobStatus.QUEUED).totalImages(1).successfulImages(0).failedImages(0).attempts(attempt)
                        .maxAttempts(4).runAfter(now().plus(delay)).lease(null, null)
                        .errorMessage("provider timeout " + attempt).idempotencyKey(null).holdId(job.holdId())
                        .createdAt(job.createdAt()).startedAt(firstStart).completedAt(null)
                        .captureRule(CaptureRule.PROPORTIONAL_ROUND_DOWN).build(), retry);
                assertEquals(retry, fixed.jobs().get(job.id()), "read back");
                assertEquals(HoldStatus.ACTIVE, fixed.ledger().findHold(job.holdId()).orElseThrow().status());
                assertEquals(40, fixed.ledger().account(ann).held(), "a retry keeps the hold");

                clock.advance(delay.minus(ONE_MICRO));
                assertEquals(List.of(), fixed.queue().claim("worker", 5, LEASE), "backing off");
                clock.advance(ONE_MICRO);
            }
            ClaimedJob last = fixed.queue().claim("worker", 5, LEASE).get(0);
            assertEquals(4, last.fencingToken());
            clock.advance(Duration.ofSeconds(3));
            Job failed = fixed.queue().fail(job.id(), 4, "provider timeout 4", true);
            assertEquals(JobStatus.FAILED, failed.status(), "no attempt left");
            assertEquals(4, failed.attempts());
            assertEquals("provider timeout 4", failed.errorMessage());
            assertEquals(now(), failed.completedAt());
            assertNull(failed.leaseOwner());
            assertNull(failed.leaseExpiresAt());
            assertEquals(failed, fixed.jobs().get(job.id()));
            assertEquals(HoldStatus.RELEASED, fixed.ledger().findHold(job.holdId()).orElseThrow().status());
            assertEquals(0, fixed.ledger().account(ann).held());
            assertEquals(100, fixed.ledger().account(ann).balance(), "a failed job costs nothing");
            clock.advance(Duration.ofHours(1));
            assertEquals(List.of(), fixed.queue().claim("worker", 5, LEASE));
            assertEquals(List.of(), fixed.ledger().verify());
        }
    }

    @Test
    void backoffIsCappedAtTheMaximum() {
        try (Genstore fixed = storeWithBackoff(Duration.ofSeconds(10), Duration.ofSeconds(25))) {
            UserId ann = fixed.accounts().create(NewUser.withEmail("ann@example.com")).id();
            Job job = fixed.jobs().submit(newJob(ann).maxAttempts(10));
            List<Duration> delays = List.of(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(25),
                    Duration.ofSeconds(25), Duration.ofSeconds(25));
            for (int attempt = 1; attempt <= delays.size(); attempt++) {
                ClaimedJob claimed = fixed.queue().claim("worker", 1, LEASE).get(0);
                assertEquals(attempt, claimed.fencingToken());
                Job retry = fixed.queue().fail(job.id(), attempt, "timeout", true);
                assertEquals(now().plus(delays.get(attempt - 1)), retry.runAfter(), "after attempt " + attempt);
                clock.advance(delays.get(attempt - 1));
            }
        }
    }

    @Test
    void theDefaultBackoffIsOneSecondDoublingWithTwentyPercentJitter() {
        UserId ann = newUser("ann@example.com").id();
        for (int i = 0; i < 20; i++) {
            jobs().submit(newJob(ann));
        }
        for (ClaimedJob claimed : queue().claim("worker", 20, LEASE)) {
            Duration delay = Duration.between(now(), queue().fail(claimed.id(), 1, "timeout", true).runAfter());
            assertTrue(delay.compareTo(Duration.ofMillis(800)) >= 0 && delay.compareTo(Duration.ofMillis(1200)) <= 0,
                    "first retry after 1 s ± 20 %, was " + delay);
        }
        clock.advance(Duration.ofSeconds(2));
        for (ClaimedJob claimed : queue().claim("worker", 20, LEASE)) {
            assertEquals(2, claimed.fencingToken());
            Duration delay = Duration.between(now(), queue().fail(claimed.id(), 2, "timeout", true).runAfter());
            assertTrue(delay.compareTo(Duration.ofMillis(1600)) >= 0 && delay.compareTo(Duration.ofMillis(2400)) <= 0,
                    "second retry after 2 s ± 20 %, was " + delay);
        }
    }

    @Test
    void aNonRetryableFailureFailsAtOnceAndReleasesTheHold() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Job job = jobs().submit(newJob(ann).tokenCost(60).maxAttempts(5));
        ClaimedJob claimed = claim("worker", job.id());
        clock.advance(Duration.ofSeconds(7));

        Job failed = queue().fail(job.id(), claimed.fencingToken(), "content policy violation", false);
        assertEquals(JobStatus.FAILED, failed.status());
        assertEquals(1, failed.attempts(), "attempts were left, but the failure is final");
        assertEquals("content policy violation", failed.errorMessage());
        assertEquals(Optional.of(Duration.ofSeconds(7)), failed.duration());
        assertEquals(failed, reread(job));
        assertEquals(HoldStatus.RELEASED, holdOf(job).status());
        assertEquals(0, account(ann).held());
        assertEquals(100, account(ann).balance());
        clock.advance(Duration.ofHours(1));
        assertEquals(List.of(), claimAll("worker"));
    }

    @Test
    void longErrorMessagesAreStoredWholeAndBlankOrHugeOnesRefused() {
        UserId ann = newUser("ann@example.com").id();
        Job job = jobs().submit(newJob(ann));
        ClaimedJob claimed = claim("worker", job.id());
        JobsSnapshot before = jobsSnapshot();
        assertInvalid("error", () -> queue().fail(job.id(), claimed.fencingToken(), "", true));
        assertInvalid("error", () -> queue().fail(job.id(), claimed.fencingToken(), " \n ", false));
        assertJobsUnchanged(before);

        assertInvalid("error", () -> queue().fail(job.id(), claimed.fencingToken(), "x".repeat(65_537), false));
        assertJobsUnchanged(before);

        String trace = "java.net.SocketTimeoutException: Read timed out\n" + "\tat provider.Client.call(Client.java:42)\n".repeat(200);
        Job failed = queue().fail(job.id(), claimed.fencingToken(), trace, false);
        assertEquals(trace.strip(), failed.errorMessage(), "a long stack trace is kept whole (trailing blanks aside), never cut");
        assertEquals(failed, reread(job));
    }

    // ---- fencing ---------------------------------------------------------------------------------------------------

    @Test
    void aStaleFencingTokenIsRefusedAndChangesNothing() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Job job = jobs().submit(newJob(ann).tokenCost(10));
        ClaimedJob first = claim("worker-1", job.id());
        queue().fail(job.id(), first.fencingToken(), "timeout", true);
        clock.advance(Duration.ofSeconds(2));
        ClaimedJob second = claim("worker-2", job.id());
        assertEquals(2, second.fencingToken());
        JobsSnapshot before = jobsSnapshot();

        List<Executable> checks = new ArrayList<>();
        for (long token : new long[] {first.fencingToken(), 0, 3, 99, -1, Long.MAX_VALUE}) {
            checks.add(() -> assertThrows(LeaseLostException.class, () -> queue().heartbeat(job.id(), token, LEASE)));
            checks.add(() -> assertThrows(LeaseLostException.class, () -> queue().complete(job.id(), token, 1, 0)));
            checks.add(() -> assertThrows(LeaseLostException.class, () -> queue().fail(job.id(), token, "late", false)));
        }
        assertAll(checks);
        assertJobsUnchanged(before);

        Job done = queue().complete(job.id(), second.fencingToken(), 1, 0);
        assertEquals(JobStatus.SUCCEEDED, done.status());
        assertEquals(2, done.attempts());
        assertEquals(1, captures(ann).size());
    }

    @Test
    void anExpiredLeaseGoesToAnotherWorkerWithANewToken() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Job job = jobs().submit(newJob(ann).tokenCost(10));
        ClaimedJob lost = claim("worker-1", job.id());
        Instant firstStart = now();
        clock.advance(LEASE.plusSeconds(1));

        ClaimedJob taken = claim("worker-2", job.id());
        assertEquals(2, taken.fencingToken());
        assertEquals(claimedAs(job, "worker-2", 2, now().plus(LEASE), firstStart), taken.job());
        assertEquals(taken.job(), reread(job));
        JobsSnapshot before = jobsSnapshot();

        assertThrows(LeaseLostException.class, () -> queue().heartbeat(job.id(), lost.fencingToken(), LEASE));
        assertThrows(LeaseLostException.class, () -> queue().complete(job.id(), lost.fencingToken(), 1, 0),
                "the lost worker's late complete is refused");
        assertThrows(LeaseLostException.class, () -> queue().fail(job.id(), lost.fencingToken(), "late", false));
        assertJobsUnchanged(before);

        Job done = queue().complete(job.id(), taken.fencingToken(), 1, 0);
        assertEquals(JobStatus.SUCCEEDED, done.status());
        assertEquals(90, account(ann).balance(), "paid for once");
        assertEquals(1, captures(ann).size());
        assertThrows(LeaseLostException.class, () -> queue().complete(job.id(), lost.fencingToken(), 1, 0));
    }

    @Test
    void aLeaseThatExpiresOnTheLastAttemptFailsTheJobAtTheNextClaim() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Job job = jobs().submit(newJob(ann).tokenCost(25).maxAttempts(2).priority(1));
        Job other = jobs().submit(newJob(ann));
        claim("worker-1", job.id());
        clock.advance(LEASE);
        ClaimedJob last = claim("worker-2", job.id());
        assertEquals(2, last.fencingToken());
        clock.advance(LEASE);
        Instant expiredAt = now();

        assertEquals(List.of(other.id()), claimedIds(queue().claim("worker-3", 1, LEASE)),
                "the dead job takes no slot of the claim");
        Job failed = reread(job);
        assertEquals(JobStatus.FAILED, failed.status());
        assertEquals(2, failed.attempts());
        assertEquals(expiredAt, failed.completedAt());
        assertNull(failed.leaseOwner());
        assertNull(failed.leaseExpiresAt());
        assertNotNull(failed.errorMessage());
        assertTrue(failed.errorMessage().contains("lease"), failed.errorMessage());
        assertEquals(HoldStatus.RELEASED, holdOf(job).status());
        assertEquals(0, account(ann).held());
        assertEquals(100, account(ann).balance());

        JobsSnapshot before = jobsSnapshot();
        assertThrows(LeaseLostException.class, () -> queue().complete(job.id(), last.fencingToken(), 1, 0));
        assertEquals(List.of(), claimAll("worker-3"));
        assertJobsUnchanged(before);
    }

    // ---- provider limits -------------------------------------------------------------------------------------------

    @Test
    void aProviderLimitCapsItsRunningJobs() {
        UserId ann = newUser("ann@example.com").id();
        queue().limitProvider("p", 2);
        assertEquals(Map.of("p", 2), queue().providerLimits());
        List<Job> p = new ArrayList<>();
        List<Job> q = new ArrayList<>();
        for (String provider : List.of("p", "p", "q", "p", "p", "q", "p")) {
            Job job = jobs().submit(NewJob.of(ann, "fox", provider, MODEL));
            (provider.equals("p") ? p : q).add(job);
        }

        assertEquals(ids(List.of(p.get(0), p.get(1), q.get(0), q.get(1))), claimAll("worker"));
        assertEquals(List.of(), claimAll("worker"), "p is at its limit");
        assertEquals(2, allJobs(ann, JobStatus.RUNNING).stream().filter(j -> j.provider().equals("p")).count());

        queue().complete(p.get(0).id(), 1, 1, 0);
        assertEquals(ids(List.of(p.get(2))), claimAll("worker"), "one finished, one more may run");
        assertEquals(List.of(), claimAll("worker"));

        queue().fail(p.get(1).id(), 1, "boom", false);
        assertEquals(ids(List.of(p.get(3))), claimAll("worker"), "a failed job frees its slot too");
        jobs().cancel(p.get(2).id());
        assertEquals(ids(List.of(p.get(4))), claimAll("worker"), "and so does a cancelled one");
        assertEquals(2, allJobs(ann, JobStatus.RUNNING).stream().filter(j -> j.provider().equals("p")).count());
    }

    @Test
    void providerLimitsCanBeChangedAndRemoved() {
        UserId ann = newUser("ann@example.com").id();
        List<Job> p = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            p.add(jobs().submit(NewJob.of(ann, "fox", "Stability", MODEL)));
        }
        queue().limitProvider(" STABILITY ", 1);
        queue().limitProvider("openai", 4);
        assertEquals(Map.of("stability", 1, "openai", 4), queue().providerLimits(), "provider names are lower case");

        assertEquals(ids(p.subList(0, 1)), claimAll("worker"));
        queue().limitProvider("stability", 3);
        assertEquals(Map.of("stability", 3, "openai", 4), queue().providerLimits());
        assertEquals(ids(p.subList(1, 3)), claimAll("worker"), "raised to 3");
        queue().limitProvider("stability", 1);
        assertEquals(List.of(), claimAll("worker"), "lowered below the running count: no new claim");

        assertTrue(queue().removeProviderLimit("Stability"));
        assertEquals(Map.of("openai", 4), queue().providerLimits());
        assertEquals(ids(p.subList(3, 6)), claimAll("worker"), "no limit");
        assertFalse(queue().removeProviderLimit("stability"), "removed already");
        assertFalse(queue().removeProviderLimit("never-limited"));
        assertEquals(Map.of("openai", 4), queue().providerLimits());
    }

    @Test
    void anExpiredLeaseDoesNotCountAgainstTheLimit() {
        UserId ann = newUser("ann@example.com").id();
        queue().limitProvider("p", 1);
        Job first = jobs().submit(NewJob.of(ann, "fox", "p", MODEL));
        Job second = jobs().submit(NewJob.of(ann, "fox", "p", MODEL));
        assertEquals(ids(List.of(first)), claimAll("worker-1"));
        assertEquals(List.of(), claimAll("worker-2"));

        clock.advance(LEASE);
        List<ClaimedJob> reclaimed = queue().claim("worker-2", 10, LEASE);
        assertEquals(ids(List.of(first)), claimedIds(reclaimed), "the abandoned job is claimed again, alone");
        assertEquals(2, reclaimed.get(0).fencingToken());
        assertEquals(List.of(), claimAll("worker-3"));
        queue().complete(first.id(), 2, 1, 0);
        assertEquals(ids(List.of(second)), claimAll("worker-3"));
    }

    @Test
    void aProviderAtItsLimitDoesNotStarveTheOthers() {
        UserId ann = newUser("ann@example.com").id();
        queue().limitProvider("busy", 1);
        Job running = jobs().submit(NewJob.of(ann, "fox", "busy", MODEL).priority(100));
        assertEquals(ids(List.of(running)), claimAll("worker"));
        for (int i = 0; i < 12; i++) {
            jobs().submit(NewJob.of(ann, "fox", "busy", MODEL).priority(10));
        }
        Job quiet = jobs().submit(NewJob.of(ann, "fox", "quiet", MODEL));

        assertEquals(ids(List.of(quiet)), claimedIds(queue().claim("worker", 1, LEASE)),
                "a claimable job behind many jobs of a provider at its limit");
        assertEquals(List.of(), claimAll("worker"));
    }

    // ---- provider rate limits -------------------------------------------------------------------------------------

    private List<Job> submitFor(UserId owner, String... providers) {
        List<Job> submitted = new ArrayList<>();
        for (String provider : providers) {
            clock.advance(ONE_MICRO); // distinct creation instants: claim order is submit order
            submitted.add(jobs().submit(NewJob.of(owner, "fox", provider, MODEL)));
        }
        return submitted;
    }

    private void completeAll(List<ClaimedJob> claimed) {
        claimed.forEach(job -> queue().complete(job.id(), job.fencingToken(), 1, 0));
    }

    @Test
    void aRateLimitCapsClaimsInAnyWindow() {
        UserId ann = newUser("ann@example.com").id();
        queue().setRateLimit("p", RateLimit.of(3, Duration.ofMinutes(1)));
        assertEquals(Map.of("p", RateLimit.of(3, Duration.ofMinutes(1))), queue().rateLimits());
        List<Job> p = submitFor(ann, "p", "p", "p", "p", "p", "p", "p", "p");
        List<Job> q = submitFor(ann, "q", "q");
        Instant start = now();

        List<ClaimedJob> first = queue().claim("worker", 1, LEASE);
        assertEquals(ids(p.subList(0, 1)), claimedIds(first));
        completeAll(first);
        clock.advance(Duration.ofSeconds(30));
        List<ClaimedJob> second = queue().claim("worker", 1000, LEASE);
        assertEquals(ids(List.of(p.get(1), p.get(2), q.get(0), q.get(1))), claimedIds(second),
                "two more of p in the window, the other provider unlimited");
        completeAll(second);
        assertEquals(List.of(), claimAll("worker"), "a finished job does not give its claim back");

        clock.advance(Duration.between(now(), start.plus(Duration.ofMinutes(1))).minus(ONE_MICRO));
        assertEquals(List.of(), claimAll("worker"), "a microsecond before the first claim leaves the window");
        clock.advance(ONE_MICRO);
        List<ClaimedJob> third = queue().claim("worker", 1000, LEASE);
        assertEquals(ids(p.subList(3, 4)), claimedIds(third), "the first claim left the window, the other two are in it");
        completeAll(third);
        clock.advance(Duration.ofSeconds(30));
        List<ClaimedJob> fourth = queue().claim("worker", 1000, LEASE);
        assertEquals(ids(p.subList(4, 6)), claimedIds(fourth), "a sliding window: the claims 30 s apart left it");
        assertEquals(List.of(), claimAll("worker"));
        assertEquals(Set.copyOf(ids(p.subList(6, 8))), Set.copyOf(ids(allJobs(ann, JobStatus.QUEUED))), "p's last two wait");
    }

    @Test
    void aRateLimitAndAConcurrencyLimitBothHold() {
        UserId ann = newUser("ann@example.com").id();
        queue().limitProvider("p", 1);
        queue().setRateLimit("p", RateLimit.of(2, Duration.ofSeconds(10)));
        List<Job> p = submitFor(ann, "p", "p", "p", "p");

        List<ClaimedJob> first = queue().claim("worker", 10, LEASE);
        assertEquals(ids(p.subList(0, 1)), claimedIds(first), "the concurrency limit: one at a time");
        assertEquals(List.of(), claimAll("worker"));
        completeAll(first);
        List<ClaimedJob> second = queue().claim("worker", 10, LEASE);
        assertEquals(ids(p.subList(1, 2)), claimedIds(second));
        completeAll(second);
        assertEquals(List.of(), claimAll("worker"), "nothing running, but two claims in the window");
        clock.advance(Duration.ofSeconds(10));
        List<ClaimedJob> third = queue().claim("worker", 10, LEASE);
        assertEquals(ids(p.subList(2, 3)), claimedIds(third), "a new window, and the concurrency limit again");
    }

    @Test
    void startCountsAgainstTheRateLimit() {
        UserId ann = newUser("ann@example.com").id();
        queue().setRateLimit("p", RateLimit.of(1, Duration.ofMinutes(1)));
        List<Job> p = submitFor(ann, "p", "p");

        ClaimedJob started = queue().start(ann, p.get(0).id(), "web", LEASE).orElseThrow();
        assertEquals(Optional.empty(), queue().start(ann, p.get(1).id(), "web", LEASE), "the window's one claim is taken");
        assertEquals(JobStatus.QUEUED, reread(p.get(1)).status());
        assertEquals(List.of(), claimAll("worker"));
        queue().complete(started.id(), started.fencingToken(), 1, 0);
        clock.advance(Duration.ofMinutes(1));
        assertEquals(ids(p.subList(1, 2)), claimAll("worker"));
    }

    @Test
    void aRetryAndAnExpiredLeaseAreClaimsToo() {
        UserId ann = newUser("ann@example.com").id();
        queue().setRateLimit("p", RateLimit.of(2, Duration.ofMinutes(1)));
        Job job = jobs().submit(NewJob.of(ann, "fox", "p", MODEL).maxAttempts(5));
        ClaimedJob first = claim("worker", job.id());
        queue().fail(job.id(), first.fencingToken(), "timeout", true);
        clock.advance(Duration.ofSeconds(5));
        ClaimedJob second = claim("worker", job.id());
        assertEquals(2, second.fencingToken());
        clock.advance(LEASE);
        assertEquals(List.of(), claimAll("worker"), "the expired lease would be a third claim in the window");
        clock.advance(Duration.ofMinutes(1).minus(LEASE).minus(Duration.ofSeconds(5)));
        assertEquals(List.of(job.id()), claimAll("worker"), "the first claim left the window");
    }

    @Test
    void rateLimitsCanBeChangedAndRemoved() {
        UserId ann = newUser("ann@example.com").id();
        List<Job> p = submitFor(ann, "stability", "stability", "stability", "stability", "stability");
        queue().setRateLimit(" STABILITY ", RateLimit.of(1, Duration.ofHours(1)));
        queue().setRateLimit("openai", RateLimit.of(500, Duration.ofDays(1)));
        assertEquals(Map.of("stability", RateLimit.of(1, Duration.ofHours(1)), "openai", RateLimit.of(500, Duration.ofDays(1))),
                queue().rateLimits(), "provider names are lower case");
        assertEquals(Map.of(), queue().providerLimits(), "rate limits are not concurrency limits");

        assertEquals(ids(p.subList(0, 1)), claimAll("worker"));
        queue().setRateLimit("stability", RateLimit.of(3, Duration.ofHours(1)));
        assertEquals(ids(p.subList(1, 3)), claimAll("worker"), "raised to 3: the claim made before counts");
        queue().setRateLimit("stability", RateLimit.of(3, Duration.ofSeconds(1)));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(ids(p.subList(3, 5)), claimAll("worker"), "a shorter window: the earlier claims left it");

        assertTrue(queue().removeRateLimit("Stability"));
        assertFalse(queue().removeRateLimit("stability"), "removed already");
        assertFalse(queue().removeRateLimit("never-limited"));
        assertEquals(Map.of("openai", RateLimit.of(500, Duration.ofDays(1))), queue().rateLimits());
        List<Job> more = submitFor(ann, "stability", "stability");
        assertEquals(ids(more), claimAll("worker"), "no rate limit");
    }

    @Test
    void badRateLimitsAreRefusedAndChangeNothing() {
        UserId ann = newUser("ann@example.com").id();
        jobs().submit(NewJob.of(ann, "fox", "p", MODEL));
        queue().setRateLimit("p", RateLimit.of(5, Duration.ofMinutes(1)));
        JobsSnapshot before = jobsSnapshot();

        List<Executable> checks = new ArrayList<>();
        for (String provider : new String[] {null, "", " ", "open ai", "p".repeat(65)}) {
            checks.add(() -> assertInvalid("provider", () -> queue().setRateLimit(provider, RateLimit.of(1, Duration.ofMinutes(1)))));
            checks.add(() -> assertInvalid("provider", () -> queue().removeRateLimit(provider)));
        }
        checks.add(() -> assertInvalid("rateLimit", () -> queue().setRateLimit("p", null)));
        for (int n : new int[] {0, -1, Integer.MIN_VALUE}) {
            checks.add(() -> assertInvalid("maxClaims", () -> RateLimit.of(n, Duration.ofMinutes(1))));
        }
        for (Duration window : new Duration[] {null, Duration.ZERO, Duration.ofSeconds(-1), Duration.ofNanos(-1),
                Duration.ofMillis(999), Duration.ofDays(1).plusMillis(1), Duration.ofDays(365_000), Duration.ofSeconds(Long.MAX_VALUE),
                Duration.ofSeconds(2).plusNanos(1)}) {
            checks.add(() -> assertInvalid("window", () -> RateLimit.of(1, window)));
        }
        assertAll(checks);
        assertJobsUnchanged(before);
        assertEquals(Map.of("p", RateLimit.of(5, Duration.ofMinutes(1))), queue().rateLimits());
        assertEquals(RateLimit.of(1, Duration.ofSeconds(1)), new RateLimit(1, RateLimit.MIN_WINDOW), "the bounds are allowed");
        assertEquals(Duration.ofDays(1), RateLimit.of(Integer.MAX_VALUE, RateLimit.MAX_WINDOW).window());
    }

    // ---- cancel while running --------------------------------------------------------------------------------------

    @Test
    void cancellingARunningJobStopsItsWorker() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Job job = jobs().submit(newJob(ann).tokenCost(50).totalImages(2));
        ClaimedJob claimed = claim("worker", job.id());
        Instant started = now();
        clock.advance(Duration.ofSeconds(5));

        Job cancelled = jobs().cancel(job.id());
        assertEquals(JobStatus.CANCELLED, cancelled.status());
        assertEquals(started, cancelled.startedAt());
        assertEquals(now(), cancelled.completedAt());
        assertEquals(1, cancelled.attempts());
        assertNull(cancelled.leaseOwner());
        assertNull(cancelled.leaseExpiresAt());
        assertEquals(cancelled, reread(job));
        assertEquals(HoldStatus.RELEASED, holdOf(job).status());
        assertEquals(0, account(ann).held());
        JobsSnapshot before = jobsSnapshot();

        assertThrows(JobCancelledException.class, () -> queue().heartbeat(job.id(), claimed.fencingToken(), LEASE),
                "the worker learns it at its next heartbeat");
        IllegalTransitionException complete = assertThrows(IllegalTransitionException.class,
                () -> queue().complete(job.id(), claimed.fencingToken(), 2, 0));
        assertEquals("CANCELLED", complete.from());
        assertEquals("SUCCEEDED", complete.to());
        IllegalTransitionException fail = assertThrows(IllegalTransitionException.class,
                () -> queue().fail(job.id(), claimed.fencingToken(), "stopped", true));
        assertEquals("FAILED", fail.to());
        assertThrows(IllegalTransitionException.class, () -> jobs().cancel(job.id()));
        assertEquals(List.of(), claimAll("other"));
        assertJobsUnchanged(before);
        assertEquals(100, account(ann).balance(), "a cancelled job costs nothing");
    }

    // ---- bad input -------------------------------------------------------------------------------------------------

    @Test
    void badQueueInputIsRefusedAndChangesNothing() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Job job = jobs().submit(newJob(ann).tokenCost(30).totalImages(3));
        jobs().submit(newJob(ann).tokenCost(10));
        ClaimedJob claimed = claim("worker", job.id());
        queue().limitProvider("p", 2);
        JobsSnapshot before = jobsSnapshot();
        long token = claimed.fencingToken();
        JobId ghost = JobId.of(UUID.randomUUID());

        List<Executable> checks = new ArrayList<>();
        for (String worker : new String[] {null, "", "   ", "w".repeat(201), "a\nb"}) {
            checks.add(() -> assertInvalid("worker", () -> queue().claim(worker, 1, LEASE)));
        }
        for (int max : new int[] {0, -1, Integer.MIN_VALUE, 1001}) {
            checks.add(() -> assertInvalid("max", () -> queue().claim("worker", max, LEASE)));
        }
        for (Duration lease : new Duration[] {null, Duration.ZERO, Duration.ofSeconds(-1), Duration.ofNanos(-1)}) {
            checks.add(() -> assertInvalid("lease", () -> queue().claim("worker", 1, lease)));
            checks.add(() -> assertInvalid("lease", () -> queue().heartbeat(job.id(), token, lease)));
        }
        for (int[] counts : new int[][] {{-1, 0}, {0, -1}, {-5, -5}, {4, 0}, {0, 4}, {2, 2}, {3, 1}, {Integer.MAX_VALUE, Integer.MAX_VALUE}}) {
            checks.add(() -> assertInvalid("images", () -> queue().complete(job.id(), token, counts[0], counts[1])));
        }
        for (String error : new String[] {null, "", "   "}) {
            checks.add(() -> assertInvalid("error", () -> queue().fail(job.id(), token, error, true)));
        }
        for (String provider : new String[] {null, "", " ", "open ai", "p".repeat(65)}) {
            checks.add(() -> assertInvalid("provider", () -> queue().limitProvider(provider, 1)));
            checks.add(() -> assertInvalid("provider", () -> queue().removeProviderLimit(provider)));
        }
        for (int maxRunning : new int[] {0, -1, Integer.MIN_VALUE}) {
            checks.add(() -> assertInvalid("maxRunning", () -> queue().limitProvider("p", maxRunning)));
        }
        checks.add(() -> assertEquals("job", assertThrows(NotFoundException.class, () -> queue().heartbeat(ghost, 1, LEASE)).entity()));
        checks.add(() -> assertEquals("job", assertThrows(NotFoundException.class, () -> queue().complete(ghost, 1, 1, 0)).entity()));
        checks.add(() -> assertEquals("job", assertThrows(NotFoundException.class, () -> queue().fail(ghost, 1, "boom", true)).entity()));
        assertAll(checks);
        assertJobsUnchanged(before);

        Job done = queue().complete(job.id(), token, 1, 2);
        assertEquals(3, done.successfulImages() + done.failedImages(), "counts up to the total are accepted");
        assertEquals(10, holdOf(job).captured());
    }
}
