package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.genstore.Genstore;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.UserId;
import dev.genstore.jobs.ClaimRequest;
import dev.genstore.jobs.ClaimedJob;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobQueue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link JobQueue#claim(ClaimRequest, Duration)}: a claim that waits for work. The stores here poll only every five
 * minutes, longer than any wait of the tests, so a claim that returns a job was woken by the submit, not by its poll.
 */
public abstract class WaitingClaimContract extends JobsContractSupport {
    /** Longer than every wait here: a claim that returns work before it was woken, not polled. */
    private static final Duration NO_POLL = JobQueue.MAX_CLAIM_WAIT;
    private static final Duration WAIT = Duration.ofMinutes(2);
    /** How long a test waits for a thread it started before it counts as hung. */
    private static final long HUNG_SECONDS = 180;

    /** A store of its own on a fresh storage of the backend, polling every 5 minutes; the caller closes it. */
    protected Genstore quietStore() {
        return Genstore.builder().storage(newStorage()).clock(clock).claimPollInterval(NO_POLL).build();
    }

    /** Waits until {@code claimer} has found nothing and waits (the only timed wait on its path). */
    protected static void awaitWaiting(Thread claimer) throws InterruptedException {
        while (claimer.getState() != Thread.State.TIMED_WAITING) {
            Thread.sleep(1); // a look at its state, not a timing: the test waits as long as it takes
        }
    }

    /** Starts a waiting claim on another thread; returns its result to come and (through {@code thread}) its thread. */
    protected static CompletableFuture<List<ClaimedJob>> waitingClaim(Genstore genstore, Duration maxWait, Thread[] thread) {
        CompletableFuture<List<ClaimedJob>> result = new CompletableFuture<>();
        Thread claimer = new Thread(() -> {
            try {
                result.complete(genstore.queue().claim(ClaimRequest.of("waiter", 5, LEASE), maxWait));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "waiting-claim");
        thread[0] = claimer;
        claimer.start();
        return result;
    }

    @Test
    void aWaitingClaimTakesAJobSubmittedFromAnotherThread() throws Exception {
        try (Genstore quiet = quietStore()) {
            UserId ann = quiet.accounts().create(NewUser.withEmail("ann@example.com")).id();
            Thread[] claimer = new Thread[1];
            CompletableFuture<List<ClaimedJob>> claimed = waitingClaim(quiet, WAIT, claimer);
            awaitWaiting(claimer[0]);

            Job job = quiet.jobs().submit(newJob(ann));

            List<ClaimedJob> got = claimed.get(HUNG_SECONDS, TimeUnit.SECONDS);
            assertEquals(List.of(job.id()), claimedIds(got), "woken by the submit, it claimed the job");
        }
    }

    @Test
    void aWaitingClaimTakesABatchSubmittedFromAnotherThread() throws Exception {
        try (Genstore quiet = quietStore()) {
            UserId ann = quiet.accounts().create(NewUser.withEmail("ann@example.com")).id();
            Thread[] claimer = new Thread[1];
            CompletableFuture<List<ClaimedJob>> claimed = waitingClaim(quiet, WAIT, claimer);
            awaitWaiting(claimer[0]);

            List<Job> jobs = quiet.jobs().submitAll(List.of(newJob(ann), newJob(ann)));

            assertEquals(ids(jobs), claimedIds(claimed.get(HUNG_SECONDS, TimeUnit.SECONDS)));
        }
    }

    @Test
    void aWaitingClaimTakesWorkThatIsAlreadyThereAtOnce() {
        UserId ann = userWithTokens("ann@example.com", 0);
        Job job = jobs().submit(newJob(ann));
        assertEquals(List.of(job.id()), claimedIds(queue().claim(ClaimRequest.of("w", 5, LEASE), WAIT)));
    }

    @Test
    void aWaitingClaimReturnsEmptyWhenNothingArrives() {
        assertEquals(List.of(), queue().claim(ClaimRequest.of("w", 5, LEASE), Duration.ofMillis(50)));
        assertEquals(List.of(), queue().claim(ClaimRequest.of("w", 5, LEASE), Duration.ZERO));
    }

    @Test
    void closingTheStoreEndsWaitingClaims() throws Exception {
        Genstore quiet = quietStore();
        Thread[] claimer = new Thread[1];
        CompletableFuture<List<ClaimedJob>> claimed;
        try {
            claimed = waitingClaim(quiet, NO_POLL, claimer);
            awaitWaiting(claimer[0]);
        } finally {
            quiet.close();
        }
        assertEquals(List.of(), claimed.get(HUNG_SECONDS, TimeUnit.SECONDS), "the waiting claim ended with the store");
    }

    @Test
    void badWaitsAreRefused() {
        ClaimRequest request = ClaimRequest.of("w", 1, LEASE);
        assertAll(
                () -> assertInvalid("maxWait", () -> queue().claim(request, null)),
                () -> assertInvalid("maxWait", () -> queue().claim(request, Duration.ofMillis(-1))),
                () -> assertInvalid("maxWait", () -> queue().claim(request, JobQueue.MAX_CLAIM_WAIT.plusNanos(1))),
                () -> assertInvalid("max", () -> queue().claim(ClaimRequest.of("w", 0, LEASE), Duration.ofSeconds(1))),
                () -> assertInvalid("claimPollInterval", () -> Genstore.builder().claimPollInterval(Duration.ofMillis(1))));
    }
}
