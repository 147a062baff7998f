package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.accounts.UserId;
import dev.genstore.budget.BudgetPeriod;
import dev.genstore.budget.Cost;
import dev.genstore.budget.LimitSpec;
import dev.genstore.budget.NewSpend;
import dev.genstore.budget.SpendRecord;
import dev.genstore.cache.CacheStatistics;
import dev.genstore.cache.NewCacheEntry;
import dev.genstore.errors.NotFoundException;
import dev.genstore.images.Image;
import dev.genstore.images.NewImage;
import dev.genstore.jobs.ConfigurationId;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobConfiguration;
import dev.genstore.jobs.JobId;
import dev.genstore.jobs.JobStatus;
import dev.genstore.ledger.Hold;
import dev.genstore.ledger.HoldStatus;
import dev.genstore.ledger.Ledger;
import dev.genstore.qa.CheckResult;
import dev.genstore.qa.Regeneration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Tenancy: nothing of one user is reachable through another's id. Every per-user operation has a form that takes the
 * owner first; given another user's id it throws {@link NotFoundException} (the same as for an id that does not
 * exist, so it tells nothing) and changes nothing, which reading everything back proves. The owner's own call works.
 */
public abstract class OwnershipContract extends JobsContractSupport {
    private UserId ann;
    private UserId bob;

    @BeforeEach
    void twoUsers() {
        ann = userWithTokens("ann@example.com", 100);
        bob = userWithTokens("bob@example.com", 100);
    }

    /** Runs {@code call} as the wrong owner: not found, and the store reads back as before. */
    private void assertNotOwned(Executable call) {
        JobsSnapshot before = jobsSnapshot();
        CacheStatistics cache = store.cache().statistics();
        assertThrows(NotFoundException.class, call);
        assertJobsUnchanged(before);
        assertEquals(cache, store.cache().statistics(), "the cache changed");
    }

    // ---- jobs ------------------------------------------------------------------------------------------------------

    @Test
    void anotherUsersJobCannotBeReadOrMoved() {
        Job queued = jobs().submit(newJob(ann).tokenCost(10));
        Job paused = jobs().pause(ann, jobs().submit(newJob(ann).tokenCost(5)).id());

        assertAll(
                () -> assertEquals(Optional.empty(), jobs().find(bob, queued.id())),
                () -> assertNotOwned(() -> jobs().get(bob, queued.id())),
                () -> assertNotOwned(() -> jobs().pause(bob, queued.id())),
                () -> assertNotOwned(() -> jobs().cancel(bob, queued.id())),
                () -> assertNotOwned(() -> jobs().resume(bob, paused.id())),
                () -> assertNotOwned(() -> jobs().cancel(bob, paused.id())),
                () -> assertNotOwned(() -> jobs().get(ann, JobId.of(UUID.randomUUID()))));

        assertEquals(queued, jobs().get(ann, queued.id()), "unchanged");
        assertEquals(HoldStatus.ACTIVE, store.ledger().findHold(ann, queued.holdId()).orElseThrow().status());
        assertEquals(Optional.of(queued), jobs().find(ann, queued.id()));
        assertEquals(JobStatus.PAUSED, jobs().pause(ann, queued.id()).status());
        assertEquals(JobStatus.QUEUED, jobs().resume(ann, queued.id()).status());
        Job cancelled = jobs().cancel(ann, queued.id());
        assertEquals(JobStatus.CANCELLED, cancelled.status());
        assertEquals(HoldStatus.RELEASED, store.ledger().findHold(ann, queued.holdId()).orElseThrow().status());
        assertEquals(cancelled, jobs().get(ann, queued.id()));
    }

    @Test
    void ownerScopedJobCallsNameTheirArguments() {
        Job job = jobs().submit(newJob(ann));
        JobsSnapshot before = jobsSnapshot();
        assertAll(
                () -> assertInvalid("owner", () -> jobs().get(null, job.id())),
                () -> assertInvalid("owner", () -> jobs().find(null, job.id())),
                () -> assertInvalid("owner", () -> jobs().pause(null, job.id())),
                () -> assertInvalid("owner", () -> jobs().resume(null, job.id())),
                () -> assertInvalid("owner", () -> jobs().cancel(null, job.id())),
                () -> assertInvalid("jobId", () -> jobs().get(ann, null)),
                () -> assertInvalid("jobId", () -> jobs().cancel(ann, null)),
                () -> assertInvalid("owner", () -> jobs().findConfiguration(null, ConfigurationId.of(UUID.randomUUID()))),
                () -> assertInvalid("owner", () -> jobs().deleteConfiguration(null, ConfigurationId.of(UUID.randomUUID()))),
                () -> assertInvalid("configurationId", () -> jobs().updateConfiguration(ann, null, "x", Map.of())));
        assertJobsUnchanged(before);
    }

    @Test
    void theOperatorViewReachesEveryJob() {
        Job job = jobs().submit(newJob(ann).tokenCost(10));
        assertEquals(job, jobs().operator().get(job.id()));
        assertEquals(Optional.of(job), jobs().operator().find(job.id()));
        assertEquals(JobStatus.PAUSED, jobs().operator().pause(job.id()).status());
        assertEquals(JobStatus.QUEUED, jobs().operator().resume(job.id()).status());
        assertEquals(JobStatus.CANCELLED, jobs().operator().cancel(job.id()).status());
        assertThrows(NotFoundException.class, () -> jobs().operator().get(JobId.of(UUID.randomUUID())));
    }

    // ---- configurations --------------------------------------------------------------------------------------------

    @Test
    void anotherUsersConfigurationCannotBeReadChangedOrDeleted() {
        JobConfiguration mine = jobs().createConfiguration(ann, "portraits", Map.of("steps", 30));

        assertAll(
                () -> assertEquals(Optional.empty(), jobs().findConfiguration(bob, mine.id())),
                () -> assertNotOwned(() -> jobs().updateConfiguration(bob, mine.id(), "stolen", Map.of("steps", 1))),
                () -> assertNotOwned(() -> jobs().deleteConfiguration(bob, mine.id())),
                () -> assertNotOwned(() -> jobs().submit(newJob(bob).configuration(mine.id()))));

        assertEquals(Optional.of(mine), jobs().findConfiguration(ann, mine.id()), "unchanged");
        clock.advance(Duration.ofSeconds(1));
        JobConfiguration renamed = jobs().updateConfiguration(ann, mine.id(), "faces", Map.of("steps", 40));
        assertEquals("faces", renamed.name());
        assertEquals(Optional.of(renamed), jobs().findConfiguration(ann, mine.id()));
        jobs().deleteConfiguration(ann, mine.id());
        assertEquals(Optional.empty(), jobs().findConfiguration(ann, mine.id()));
        assertEquals(List.of(), allConfigurations(ann));
        assertThrows(NotFoundException.class, () -> jobs().deleteConfiguration(ann, mine.id()));
    }

    // ---- ledger holds ----------------------------------------------------------------------------------------------

    @Test
    void anotherUsersHoldCannotBeReadCapturedOrReleased() {
        Ledger ledger = store.ledger();
        Hold hold = ledger.hold(ann, 30, "GENERATION", "ann-job", Duration.ofMinutes(15));

        assertAll(
                () -> assertEquals(Optional.empty(), ledger.findHold(bob, hold.id())),
                () -> assertNotOwned(() -> ledger.capture(bob, hold.id(), 10)),
                () -> assertNotOwned(() -> ledger.captureAll(bob, hold.id())),
                () -> assertNotOwned(() -> ledger.release(bob, hold.id())));

        assertEquals(Optional.of(hold), ledger.findHold(ann, hold.id()), "unchanged");
        assertEquals(100, account(ann).balance());
        assertEquals(30, account(ann).held());
        assertEquals(-18, ledger.capture(ann, hold.id(), 18).amount());
        assertEquals(HoldStatus.CAPTURED, ledger.findHold(ann, hold.id()).orElseThrow().status());
        assertEquals(82, account(ann).balance());

        Hold second = ledger.hold(ann, 20, "GENERATION", "ann-job-2");
        assertEquals(HoldStatus.RELEASED, ledger.release(ann, second.id()).status());
        Hold third = ledger.hold(ann, 20, "GENERATION", "ann-job-3");
        assertEquals(-20, ledger.captureAll(ann, third.id()).amount());
        assertEquals(62, account(ann).balance());
        assertEquals(100, account(bob).balance());
    }

    @Test
    void ownerScopedHoldCallsNameTheirArguments() {
        Ledger ledger = store.ledger();
        Hold hold = ledger.hold(ann, 30, "GENERATION", "ann-job");
        StoreSnapshot before = snapshot();
        assertAll(
                () -> assertInvalid("userId", () -> ledger.findHold(null, hold.id())),
                () -> assertInvalid("userId", () -> ledger.capture(null, hold.id(), 1)),
                () -> assertInvalid("userId", () -> ledger.captureAll(null, hold.id())),
                () -> assertInvalid("userId", () -> ledger.release(null, hold.id())),
                () -> assertInvalid("holdId", () -> ledger.release(ann, null)),
                () -> assertInvalid("amount", () -> ledger.capture(ann, hold.id(), 0)));
        assertUnchanged(before);
    }

    @Test
    void theLedgersOperatorViewReachesEveryHold() {
        Ledger ledger = store.ledger();
        Hold hold = ledger.hold(ann, 30, "GENERATION", "ann-job");
        assertEquals(Optional.of(hold), ledger.operator().findHold(hold.id()));
        assertEquals(HoldStatus.RELEASED, ledger.operator().release(hold.id()).status());
        Hold second = ledger.hold(ann, 30, "GENERATION", "ann-job-2");
        assertEquals(-5, ledger.operator().capture(second.id(), 5).amount());
        Hold third = ledger.hold(ann, 30, "GENERATION", "ann-job-3");
        assertEquals(-30, ledger.operator().captureAll(third.id()).amount());
    }

    // ---- quality assurance -----------------------------------------------------------------------------------------

    @Test
    void anotherUsersRegenerationIsNotFound() {
        Image image = store.images().create(NewImage.generated(ann, "a red fox in snow"));
        store.qa().record(ann, image.id(), "checker", CheckResult.failed(0.1, Map.of(), "blurry"));
        Regeneration regeneration = store.qa().regenerations(ann, image.id()).get(0);

        assertEquals(Optional.empty(), store.qa().regenerationOf(bob, regeneration.jobId()));
        assertEquals(Optional.of(regeneration), store.qa().regenerationOf(ann, regeneration.jobId()));
        Job job = queue().claim("worker", 1, LEASE).get(0).job();
        assertEquals(Optional.of(regeneration), store.qa().regenerationOf(job.owner(), job.id()), "what a worker asks");
        assertInvalid("owner", () -> store.qa().regenerationOf(null, regeneration.jobId()));
    }

    // ---- the image cache -------------------------------------------------------------------------------------------

    @Test
    void aCacheEntryCanBeMadeOnlyFromTheOwnersImage() {
        Image image = store.images().create(NewImage.generated(ann, "a red fox in snow"));
        NewCacheEntry entry = NewCacheEntry.of("traits", "fox", Map.of("seed", 1), "image/png");

        assertNotOwned(() -> store.cache().put(entry.sourceImage(bob, image.id()), new byte[] {1}));
        assertNotOwned(() -> store.cache().put(entry.sourceImage(ann,
                dev.genstore.images.ImageId.of(UUID.randomUUID())), new byte[] {1}));
        assertTrue(store.cache().hasChanged("traits", "fox", Map.of("seed", 1)), "nothing was cached");
        assertEquals(0, store.cache().statistics().entries());

        assertEquals(image.id(), store.cache().put(entry.sourceImage(ann, image.id()), new byte[] {1}).sourceImage());
        assertEquals(image.id(), store.cache().peek("traits", "fox", Map.of("seed", 1)).orElseThrow().sourceImage());
    }

    @Test
    void aCacheEntryWithASourceImageNeedsItsOwner() {
        Image image = store.images().create(NewImage.generated(ann, "a red fox in snow"));
        @SuppressWarnings("deprecation")
        NewCacheEntry ownerless = NewCacheEntry.of("traits", "fox", Map.of("seed", 1), "image/png").sourceImage(image.id());
        assertInvalid("sourceImage", () -> store.cache().put(ownerless, new byte[] {1}));
        assertInvalid("owner", () -> store.cache().put(NewCacheEntry.of("traits", "fox", Map.of("seed", 1), "image/png")
                .sourceImage(null, image.id()), new byte[] {1}));
        assertEquals(0, store.cache().statistics().entries());
    }

    // ---- budgets ---------------------------------------------------------------------------------------------------

    @Test
    void spendCannotTieOneUsersMoneyToAnotherUsersJob() {
        store.budgets().setLimit(LimitSpec.provider(PROVIDER, BudgetPeriod.DAILY, Cost.usd(1_000)));
        Job annsJob = jobs().submit(newJob(ann));
        Instant from = now();
        var statuses = store.budgets().statuses();

        NotFoundException refused = assertThrows(NotFoundException.class, () -> store.budgets().record(
                NewSpend.of(PROVIDER, MODEL, Cost.usd(40)).job(annsJob.id()).user(bob)));
        assertTrue(refused.getMessage().contains(annsJob.id().toString()), refused.getMessage());
        assertThrows(NotFoundException.class, () -> store.budgets().record(
                NewSpend.of(PROVIDER, MODEL, Cost.usd(40)).job(JobId.of(UUID.randomUUID())).user(bob)));
        assertEquals(List.of(), store.budgets().spend(from.minusSeconds(1), from.plusSeconds(1)), "nothing recorded");
        assertEquals(statuses, store.budgets().statuses());

        SpendRecord recorded = store.budgets().record(NewSpend.of(PROVIDER, MODEL, Cost.usd(40)).job(annsJob.id()).user(ann));
        assertEquals(annsJob.id(), recorded.jobId());
        assertEquals(ann, recorded.userId());
    }
}
