package dev.genstore.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.Genstore;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.UserId;
import dev.genstore.jobs.ClaimRequest;
import dev.genstore.jobs.ClaimedJob;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobQueue;
import dev.genstore.jobs.NewJob;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two stores on one database (two processes, as far as they can tell): a claim waiting on one is woken by a submit on
 * the other, through {@code LISTEN/NOTIFY}. The waiting store polls only every five minutes, longer than the claim
 * waits, so a claim that returns the job was woken by the notification.
 */
class PostgresWaitingClaimAcrossStoresTest {

    @Test
    void aClaimWaitingOnOneStoreIsWokenByASubmitOnAnother() throws Exception {
        String url = TestPostgres.freshSchemaUrl();
        try (Genstore waiting = waitingStore(url);
             Genstore submitting = Genstore.open(PostgresStorage.of(url))) {
            UserId ann = submitting.accounts().create(NewUser.withEmail("ann@example.com")).id();
            CompletableFuture<List<ClaimedJob>> claimed = waitingClaim(waiting);

            Job job = submitting.jobs().submit(NewJob.of(ann, "a red fox", "openai", "gpt-image-1"));

            List<ClaimedJob> got = claimed.get(180, TimeUnit.SECONDS);
            assertEquals(List.of(job.id()), got.stream().map(ClaimedJob::id).toList(), "woken across stores");
        }
    }

    /** The notification goes after the submit's commit, from a background thread: closing the store still sends it. */
    @Test
    void aSubmitRightBeforeItsStoreClosesStillWakesTheOtherStore() throws Exception {
        String url = TestPostgres.freshSchemaUrl();
        try (Genstore waiting = waitingStore(url)) {
            Genstore submitting = Genstore.open(PostgresStorage.of(url));
            UserId ann = submitting.accounts().create(NewUser.withEmail("ann@example.com")).id();
            CompletableFuture<List<ClaimedJob>> claimed = waitingClaim(waiting);

            Job job = submitting.jobs().submit(NewJob.of(ann, "a red fox", "openai", "gpt-image-1"));
            submitting.close();

            List<ClaimedJob> got = claimed.get(180, TimeUnit.SECONDS);
            assertEquals(List.of(job.id()), got.stream().map(ClaimedJob::id).toList(), "woken after the submitter closed");
        }
    }

    /**
     * With notifications off, nothing wakes the other store's claim (its poll is longer than its wait): it takes the job
     * only in the last look it makes when its 3 s are up. (A lower bound on a time: slowness cannot fail this test.)
     */
    @Test
    void withoutNotificationsTheOtherStoreIsNotWoken() throws Exception {
        String url = TestPostgres.freshSchemaUrl();
        try (Genstore waiting = waitingStore(url);
             Genstore submitting = Genstore.open(PostgresStorage.of(url).queueNotifications(false))) {
            UserId ann = submitting.accounts().create(NewUser.withEmail("ann@example.com")).id();
            CompletableFuture<List<ClaimedJob>> claimed = waitingClaim(waiting, Duration.ofSeconds(3));

            Job job = submitting.jobs().submit(NewJob.of(ann, "a red fox", "openai", "gpt-image-1"));

            List<ClaimedJob> got = claimed.get(180, TimeUnit.SECONDS);
            assertEquals(List.of(job.id()), got.stream().map(ClaimedJob::id).toList(), "taken in the last look");
            Duration waited = Duration.between(job.createdAt(), got.get(0).job().startedAt());
            assertTrue(waited.compareTo(Duration.ofSeconds(2)) >= 0, "nothing woke the waiting claim; it took the job after "
                    + waited);
        }
    }

    /** A store whose claims poll less often than they wait: only a notification wakes them early. */
    private static Genstore waitingStore(String url) {
        return Genstore.builder().storage(PostgresStorage.of(url)).claimPollInterval(JobQueue.MAX_CLAIM_WAIT).build();
    }

    private static CompletableFuture<List<ClaimedJob>> waitingClaim(Genstore store) throws InterruptedException {
        return waitingClaim(store, Duration.ofMinutes(2));
    }

    /** A claim waiting up to {@code wait} on its own thread, returned once the thread waits. */
    private static CompletableFuture<List<ClaimedJob>> waitingClaim(Genstore store, Duration wait) throws InterruptedException {
        CompletableFuture<List<ClaimedJob>> claimed = new CompletableFuture<>();
        Thread claimer = new Thread(() -> {
            try {
                claimed.complete(store.queue().claim(ClaimRequest.of("waiter", 5, Duration.ofMinutes(1)), wait));
            } catch (Throwable t) {
                claimed.completeExceptionally(t);
            }
        });
        claimer.start();
        while (claimer.getState() != Thread.State.TIMED_WAITING) {
            Thread.sleep(1); // a look at its state, not a timing: the test waits as long as it takes
        }
        return claimed;
    }
}
