package dev.genstore.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        try (Genstore waiting = Genstore.builder().storage(PostgresStorage.of(url))
                .claimPollInterval(JobQueue.MAX_CLAIM_WAIT).build();
             Genstore submitting = Genstore.open(PostgresStorage.of(url))) {
            UserId ann = submitting.accounts().create(NewUser.withEmail("ann@example.com")).id();
            CompletableFuture<List<ClaimedJob>> claimed = new CompletableFuture<>();
            Thread claimer = new Thread(() -> {
                try {
                    claimed.complete(waiting.queue().claim(ClaimRequest.of("waiter", 5, Duration.ofMinutes(1)),
                            Duration.ofMinutes(2)));
                } catch (Throwable t) {
                    claimed.completeExceptionally(t);
                }
            });
            claimer.start();
            while (claimer.getState() != Thread.State.TIMED_WAITING) {
                Thread.sleep(1); // a look at its state, not a timing: the test waits as long as it takes
            }

            Job job = submitting.jobs().submit(NewJob.of(ann, "a red fox", "openai", "gpt-image-1"));

            List<ClaimedJob> got = claimed.get(180, TimeUnit.SECONDS);
            assertEquals(List.of(job.id()), got.stream().map(ClaimedJob::id).toList(), "woken across stores");
        }
    }
}
