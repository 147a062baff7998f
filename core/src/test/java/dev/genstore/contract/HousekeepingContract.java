package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.Genstore;
import dev.genstore.accounts.UserId;
import dev.genstore.errors.NestedTransactionException;
import dev.genstore.jobs.ClaimedJob;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobStatus;
import dev.genstore.jobs.LeaseLostException;
import dev.genstore.jobs.NewJob;
import dev.genstore.ledger.Hold;
import dev.genstore.ledger.HoldStatus;
import dev.genstore.ops.HousekeepingListener;
import dev.genstore.ops.HousekeepingPolicy;
import dev.genstore.ops.HousekeepingRun;
import dev.genstore.ops.HousekeepingTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Housekeeping: off by default; each task does its work when run on demand (purge releases expired holds, lease
 * recovery requeues or fails jobs whose worker vanished, maintenance runs the database's steps); a task never runs
 * twice at once in one store; a policy that is on runs its tasks by itself.
 */
public abstract class HousekeepingContract extends StoreContract {

    @Test
    void offByDefault() {
        assertFalse(store.housekeeping().scheduled());
        assertFalse(store.housekeeping().policy().enabled());
        assertTrue(store.housekeeping().lastRun(HousekeepingTask.PURGE).isEmpty());
    }

    @Test
    void purgeReleasesExpiredHoldsOnDemand() {
        UserId ann = userWithTokens("ann@example.com", 50);
        Hold hold = store.ledger().hold(ann, 20, "PENDING", "hold-1", Duration.ofMinutes(1));
        assertEquals(30, account(ann).available());
        clock.advance(Duration.ofMinutes(2));

        HousekeepingRun run = store.housekeeping().runNow(HousekeepingTask.PURGE);

        assertTrue(run.ran(), run::toString);
        assertEquals(HousekeepingTask.PURGE, run.task());
        assertTrue(run.summary().contains("expired-holds=1"), run::summary);
        assertEquals(HoldStatus.EXPIRED, store.ledger().findHold(hold.id()).orElseThrow().status());
        assertEquals(50, account(ann).available());
        assertEquals(run, store.housekeeping().lastRun(HousekeepingTask.PURGE).orElseThrow());
    }

    @Test
    void leaseRecoveryRequeuesAJobWhoseWorkerVanishedAndRefusesItsToken() {
        UserId ann = userWithTokens("ann@example.com", 50);
        Job job = store.jobs().submit(NewJob.of(ann, "a red fox", "acme", "sdxl").tokenCost(10).totalImages(1));
        ClaimedJob lost = store.queue().claim("worker-1", 1, Duration.ofMinutes(1)).get(0);
        clock.advance(Duration.ofMinutes(2));

        HousekeepingRun run = store.housekeeping().runNow(HousekeepingTask.LEASE_RECOVERY);

        assertTrue(run.ran());
        assertTrue(run.summary().contains("recovered 1 job"), run::summary);
        Job recovered = store.jobs().get(job.id());
        assertEquals(JobStatus.QUEUED, recovered.status());
        assertEquals(10, account(ann).held(), "the hold stays for the next attempt");
        assertThrows(LeaseLostException.class, () -> store.queue().complete(lost.id(), lost.fencingToken(), 1, 0));
        ClaimedJob next = store.queue().claim("worker-2", 1, Duration.ofMinutes(1)).get(0);
        assertEquals(lost.fencingToken() + 1, next.fencingToken());
        store.queue().complete(next.id(), next.fencingToken(), 1, 0);
        assertEquals(40, account(ann).balance());
    }

    @Test
    void leaseRecoveryFailsAJobOnItsLastAttemptAndReleasesItsHold() {
        UserId ann = userWithTokens("ann@example.com", 50);
        Job job = store.jobs().submit(NewJob.of(ann, "a red fox", "acme", "sdxl").tokenCost(10).totalImages(1).maxAttempts(1));
        store.queue().claim("worker-1", 1, Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(2));

        store.housekeeping().runNow(HousekeepingTask.LEASE_RECOVERY);

        Job failed = store.jobs().get(job.id());
        assertEquals(JobStatus.FAILED, failed.status());
        assertTrue(failed.errorMessage().contains("worker-1"), failed::errorMessage);
        assertEquals(0, account(ann).held());
        assertEquals(50, account(ann).balance());
    }

    @Test
    void leaseRecoveryLeavesLiveLeasesAlone() {
        UserId ann = userWithTokens("ann@example.com", 50);
        Job job = store.jobs().submit(NewJob.of(ann, "a red fox", "acme", "sdxl").tokenCost(10).totalImages(1));
        store.queue().claim("worker-1", 1, Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(2));

        assertEquals(0, store.queue().recoverExpiredLeases());
        assertEquals(JobStatus.RUNNING, store.jobs().get(job.id()).status());
    }

    @Test
    void maintenanceRunsTheDatabaseSteps() {
        HousekeepingRun run = store.housekeeping().runNow(HousekeepingTask.MAINTENANCE);
        assertTrue(run.ran());
        assertFalse(run.summary().isBlank());
    }

    @Test
    void aTaskNeverRunsTwiceAtOnceInOneStore() {
        List<HousekeepingRun> nested = new ArrayList<>();
        Genstore[] self = new Genstore[1];
        self[0] = openStore(builder -> builder.housekeeping(HousekeepingPolicy.OFF.listener(new HousekeepingListener() {
            @Override
            public void started(HousekeepingTask task) {
                nested.add(self[0].housekeeping().runNow(task)); // while the outer run holds the task
            }
        })));

        HousekeepingRun outer = self[0].housekeeping().runNow(HousekeepingTask.PURGE);

        assertTrue(outer.ran());
        assertEquals(1, nested.size());
        assertFalse(nested.get(0).ran(), "the nested attempt must find the task running");
    }

    @Test
    void aPolicyThatIsOnRunsItsTasksByItself() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(2);
        Genstore scheduled = openStore(builder -> builder.housekeeping(HousekeepingPolicy.OFF
                .every(HousekeepingTask.LEASE_RECOVERY, Duration.ofSeconds(1))
                .listener(new HousekeepingListener() {
                    @Override
                    public void finished(HousekeepingRun run) {
                        if (run.ran()) {
                            ran.countDown();
                        }
                    }
                })));
        assertTrue(scheduled.housekeeping().scheduled());
        assertTrue(ran.await(120, TimeUnit.SECONDS), "the task did not run twice by itself");
    }

    @Test
    void badInputIsRefused() {
        assertInvalid("task", () -> store.housekeeping().runNow(null));
        assertInvalid("interval", () -> HousekeepingPolicy.defaults().every(HousekeepingTask.PURGE, Duration.ofMillis(10)));
        assertInvalid("purgeRequest", () -> HousekeepingPolicy.defaults().purgeRequest(null));
        assertInvalid("housekeeping", () -> Genstore.builder().housekeeping(null));
        assertThrows(NestedTransactionException.class,
                () -> store.useTransaction(tx -> store.housekeeping().runNow(HousekeepingTask.PURGE)));
    }
}
