package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.accounts.UserId;
import dev.genstore.errors.ConflictException;
import dev.genstore.errors.InsufficientBalanceException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.jobs.ConfigurationId;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobConfiguration;
import dev.genstore.jobs.JobId;
import dev.genstore.jobs.JobStatus;
import dev.genstore.jobs.Jobs;
import dev.genstore.jobs.NewJob;
import dev.genstore.ledger.HoldStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link Jobs#submitAll}: a batch queued in one transaction, all or nothing, each job held and keyed as a submit is.
 */
public abstract class SubmitAllContract extends JobsContractSupport {

    @Test
    void aBatchQueuesEveryJobInOrderAndHoldsEachCost() {
        UserId ann = userWithTokens("ann@example.com", 1000);
        JobConfiguration portraits = jobs().createConfiguration(ann, "portraits", Map.of());
        List<NewJob> batch = List.of(newJob(ann).tokenCost(10), NewJob.of(ann, "a blue owl", PROVIDER, MODEL).tokenCost(20),
                NewJob.of(ann, "a green frog", "stability", "sdxl").configuration(portraits.id()).priority(5));

        List<Job> queued = jobs().submitAll(batch);

        assertEquals(3, queued.size());
        for (int i = 0; i < batch.size(); i++) {
            Job job = queued.get(i);
            assertEquals(batch.get(i).prompt(), job.prompt(), "in the order given");
            assertEquals(JobStatus.QUEUED, job.status());
            assertEquals(job, reread(job), "stored as returned");
        }
        assertEquals(portraits.id(), queued.get(2).configurationId());
        assertEquals(10, holdOf(queued.get(0)).amount());
        assertEquals(20, holdOf(queued.get(1)).amount());
        assertEquals(HoldStatus.ACTIVE, holdOf(queued.get(1)).status());
        assertEquals(null, queued.get(2).holdId(), "a free job holds nothing");
        assertEquals(30, account(ann).held());
        assertEquals(3, new HashSet<>(ids(queued)).size(), "distinct ids");
        assertEquals(List.of(), jobs().submitAll(List.of()), "an empty batch is nothing");
    }

    @Test
    void aKeyUsedBeforeReturnsTheFirstJobAndHoldsOnce() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Job first = jobs().submit(newJob(ann).tokenCost(10).idempotencyKey("a"));

        List<Job> queued = jobs().submitAll(List.of(newJob(ann).tokenCost(10).idempotencyKey("a"),
                newJob(ann).tokenCost(10).idempotencyKey("b")));

        assertEquals(first, queued.get(0), "the replayed key returns the first job");
        assertNotEquals(first.id(), queued.get(1).id());
        assertEquals(20, account(ann).held(), "one hold per job, not per call");
        assertEquals(2, allJobs(ann).size());
        assertEquals(queued, jobs().submitAll(List.of(newJob(ann).tokenCost(10).idempotencyKey("a"),
                newJob(ann).tokenCost(10).idempotencyKey("b"))), "the whole batch replayed");
        assertEquals(20, account(ann).held());
    }

    @Test
    void anInvalidJobRejectsTheWholeBatchNamingItsIndex() {
        UserId ann = userWithTokens("ann@example.com", 100);
        UserId bob = userWithTokens("bob@example.com", 100);
        JobConfiguration bobs = jobs().createConfiguration(bob, "bob's", Map.of());
        jobs().submit(newJob(ann).tokenCost(10).idempotencyKey("used"));
        NewJob good = newJob(ann).tokenCost(1);
        JobsSnapshot before = jobsSnapshot();

        List<NewJob> tooMany = Collections.nCopies(Jobs.MAX_SUBMIT_BATCH + 1, good);
        assertAll(
                () -> assertInvalid("jobs", () -> jobs().submitAll(null)),
                () -> assertInvalid("jobs", () -> jobs().submitAll(tooMany)),
                () -> assertInvalid("jobs[1]", () -> jobs().submitAll(java.util.Arrays.asList(good, null))),
                () -> assertInvalid("jobs[1].prompt", () -> jobs().submitAll(List.of(good, NewJob.of(ann, " ", PROVIDER, MODEL)))),
                () -> assertInvalid("jobs[2].tokenCost", () -> jobs().submitAll(List.of(good, good, good.tokenCost(-1)))),
                () -> assertInvalid("jobs[0].owner", () -> jobs().submitAll(List.of(NewJob.of(null, "fox", PROVIDER, MODEL)))),
                () -> assertInvalid("jobs[2].idempotencyKey", () -> jobs().submitAll(List.of(good.idempotencyKey("k"), good,
                        good.idempotencyKey("k")))),
                () -> {
                    NotFoundException e = assertThrows(NotFoundException.class, () -> jobs().submitAll(List.of(good, good,
                            newJob(UserId.of(UUID.randomUUID())))));
                    assertEquals("user", e.entity());
                    assertTrue(e.getMessage().startsWith("jobs[2]"), e.getMessage());
                },
                () -> {
                    NotFoundException e = assertThrows(NotFoundException.class, () -> jobs().submitAll(List.of(good,
                            good.configuration(bobs.id()))));
                    assertEquals("configuration", e.entity());
                    assertTrue(e.getMessage().startsWith("jobs[1]"), e.getMessage());
                },
                () -> assertEquals("configuration", assertThrows(NotFoundException.class, () -> jobs().submitAll(List.of(
                        good.configuration(ConfigurationId.of(UUID.randomUUID()))))).entity()),
                () -> assertTrue(assertThrows(ConflictException.class, () -> jobs().submitAll(List.of(good,
                        good.tokenCost(2).idempotencyKey("used")))).getMessage().startsWith("jobs[1]")),
                () -> assertThrows(InsufficientBalanceException.class, () -> jobs().submitAll(List.of(good,
                        good.tokenCost(90)))));
        assertJobsUnchanged(before);
    }

    @Test
    void twoBatchesWithOverlappingKeysMakeOneJobPerKey() {
        UserId ann = userWithTokens("ann@example.com", 1000);
        int threads = 4;
        List<List<Job>> results = valuesOf(race(threads, thread -> {
            List<NewJob> batch = new ArrayList<>();
            for (int k = thread * 5; k < thread * 5 + 10; k++) { // thread t: keys 5t … 5t+9, half shared with t+1
                batch.add(newJob(ann).tokenCost(1).idempotencyKey("key-" + k));
            }
            return jobs().submitAll(batch);
        }));

        Map<String, JobId> byKey = new HashMap<>();
        for (List<Job> result : results) {
            assertEquals(10, result.size());
            for (Job job : result) {
                JobId seen = byKey.putIfAbsent(job.idempotencyKey(), job.id());
                assertTrue(seen == null || seen.equals(job.id()), () -> "two jobs for " + job.idempotencyKey());
            }
        }
        int keys = 5 * (threads - 1) + 10;
        assertEquals(keys, byKey.size());
        List<Job> stored = allJobs(ann);
        assertEquals(keys, stored.size(), "exactly one job per key");
        assertEquals(Set.copyOf(byKey.values()), Set.copyOf(ids(stored)));
        assertEquals(keys, account(ann).held(), "one hold per job");
    }
}
