package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.accounts.UserId;
import dev.genstore.errors.ConflictException;
import dev.genstore.errors.IllegalTransitionException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.images.Image;
import dev.genstore.images.NewImage;
import dev.genstore.images.Variant;
import dev.genstore.jobs.CaptureRule;
import dev.genstore.jobs.ClaimRequest;
import dev.genstore.jobs.ClaimedJob;
import dev.genstore.jobs.ConfigurationJobs;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobConfiguration;
import dev.genstore.jobs.JobId;
import dev.genstore.jobs.JobSelection;
import dev.genstore.jobs.JobStatus;
import dev.genstore.jobs.LeaseLostException;
import dev.genstore.jobs.NewJob;
import dev.genstore.ledger.HoldStatus;
import dev.genstore.ledger.LedgerEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What an application needs to steer its own jobs (issue 10, seeds 001 and 003): the capture rule of a partly
 * successful job, starting one given job in the request that submitted it, workers that claim only the providers and
 * owners they serve, deleting a job (or a configuration's jobs) with their images, and an operator's bulk pause and
 * resume across users. Races prove the queue's exactly-once guarantee still holds with the new ways in.
 */
public abstract class JobControlContract extends JobsContractSupport {
    private static final int WORKERS = 8;

    /** Submits a job of {@code images} images and claims it. */
    private ClaimedJob running(NewJob request) {
        Job job = jobs().submit(request);
        return claim("worker", job.id());
    }

    /** The job's captured tokens after it completed with {@code successful} of its images. */
    private long capturedWhen(NewJob request, int successful) {
        ClaimedJob claimed = running(request);
        Job done = queue().complete(claimed.id(), claimed.fencingToken(), successful, claimed.job().totalImages() - successful);
        return holdOf(done).status() == HoldStatus.RELEASED ? 0 : holdOf(done).captured();
    }

    /** Stores a small generated image of the job, so that it has an original and variants in the blob store. */
    private Image imageOf(Job job, long seed) {
        return store.images().store(NewImage.generated(job.owner(), job.prompt()).job(job.id()),
                TestImages.photoPng(320, 200, seed));
    }

    /** The blob keys of the image: the original and every variant. */
    private static List<String> blobKeys(Image image) {
        List<String> keys = new ArrayList<>();
        keys.add(image.content().storageKey());
        image.variants().stream().map(Variant::storageKey).forEach(keys::add);
        return keys;
    }

    /** Submits {@code total} jobs of the owner, each costing {@code tokenCost}, in one transaction (fast on every backend). */
    private List<Job> submitInOneTransaction(UserId owner, int total, long tokenCost) {
        return store.transaction(tx -> {
            List<Job> list = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                list.add(tx.jobs().submit(NewJob.of(owner, "fox " + i, PROVIDER, MODEL).tokenCost(tokenCost)));
            }
            return list;
        });
    }

    // ---- what a partly successful job costs ----------------------------------------------------------------------

    @Test
    void theDefaultRuleRoundsTheSuccessfulShareDownAndIsKeptWithTheJob() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Job job = jobs().submit(newJob(ann).tokenCost(10).totalImages(3));
        assertEquals(CaptureRule.PROPORTIONAL_ROUND_DOWN, job.captureRule(), "the default, stated on the job");
        assertEquals(job, reread(job));
        assertEquals(CaptureRule.PROPORTIONAL_ROUND_DOWN, NewJob.of(ann, "p", PROVIDER, MODEL).captureRule());
        assertEquals(CaptureRule.PROPORTIONAL_ROUND_DOWN,
                newJob(ann).capture(null).captureRule(), "null means the default");

        ClaimedJob claimed = claim("worker", job.id());
        queue().complete(job.id(), claimed.fencingToken(), 2, 1);
        assertEquals(6, holdOf(job).captured(), "10 × 2 / 3 = 6.67, rounded down");
        assertEquals(94, account(ann).balance());
    }

    @Test
    void roundingUpChargesTheStartedShare() {
        UserId ann = userWithTokens("ann@example.com", 100);
        NewJob request = newJob(ann).tokenCost(10).totalImages(3).capture(CaptureRule.PROPORTIONAL_ROUND_UP);
        // Below the others' priority: the claims that follow take the jobs capturedWhen submits, not this one.
        assertEquals(CaptureRule.PROPORTIONAL_ROUND_UP,
                jobs().submit(request.idempotencyKey("read-back").priority(-1)).captureRule());
        assertEquals(7, capturedWhen(request, 2), "10 × 2 / 3 = 6.67, rounded up");
        assertEquals(4, capturedWhen(request, 1), "10 × 1 / 3 = 3.33, rounded up");
        assertEquals(10, capturedWhen(request, 3));
        assertEquals(0, capturedWhen(request, 0), "no image, no charge");
        assertEquals(100 - 7 - 4 - 10, account(ann).balance());
        assertEquals(10, account(ann).held(), "the read-back job still holds its cost");
    }

    @Test
    void allIfAnySucceedsChargesTheWholeCostForOneImage() {
        UserId ann = userWithTokens("ann@example.com", 100);
        NewJob request = newJob(ann).tokenCost(10).totalImages(3).capture(CaptureRule.ALL_IF_ANY_SUCCEEDS);
        assertEquals(10, capturedWhen(request, 1));
        assertEquals(10, capturedWhen(request, 2));
        assertEquals(0, capturedWhen(request, 0));
        assertEquals(80, account(ann).balance());
        assertEquals(0, account(ann).held());
    }

    @Test
    void aPerImagePriceIsExactUnderBothProportionalRules() {
        UserId ann = userWithTokens("ann@example.com", 100);
        for (CaptureRule rule : List.of(CaptureRule.PROPORTIONAL_ROUND_DOWN, CaptureRule.PROPORTIONAL_ROUND_UP)) {
            assertEquals(10, capturedWhen(newJob(ann).tokenCost(15).totalImages(3).capture(rule), 2), rule::name);
        }
        assertEquals(Long.MAX_VALUE / 2, CaptureRule.PROPORTIONAL_ROUND_DOWN.captured(Long.MAX_VALUE, 1, 2));
        assertEquals(Long.MAX_VALUE / 2 + 1, CaptureRule.PROPORTIONAL_ROUND_UP.captured(Long.MAX_VALUE, 1, 2),
                "tokenCost × successful passes Long.MAX_VALUE without overflowing");
    }

    @Test
    void theCaptureRuleIsPartOfAnIdempotentSubmitsTerms() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Job first = jobs().submit(newJob(ann).tokenCost(10).idempotencyKey("k"));
        assertEquals(first, jobs().submit(newJob(ann).tokenCost(10).idempotencyKey("k")
                .capture(CaptureRule.PROPORTIONAL_ROUND_DOWN)), "the default named is the same terms");
        JobsSnapshot before = jobsSnapshot();
        assertThrows(ConflictException.class, () -> jobs().submit(newJob(ann).tokenCost(10).idempotencyKey("k")
                .capture(CaptureRule.ALL_IF_ANY_SUCCEEDS)));
        assertJobsUnchanged(before);
    }

    // ---- starting one given job ------------------------------------------------------------------------------------

    @Test
    void startRunsTheGivenJobUnderALeaseInTheTransactionThatSubmittedIt() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Job older = jobs().submit(newJob(ann).priority(9)); // a claim would take this one first
        ClaimedJob started = store.transaction(tx -> {
            Job job = tx.jobs().submit(newJob(ann).tokenCost(10));
            return tx.queue().start(ann, job.id(), "web-request", LEASE).orElseThrow();
        });
        Job job = started.job();
        assertEquals(JobStatus.RUNNING, job.status());
        assertEquals("web-request", job.leaseOwner());
        assertEquals(1, started.fencingToken());
        assertEquals(1, job.attempts());
        assertEquals(now().plus(LEASE), started.leaseExpiresAt());
        assertEquals(started.leaseExpiresAt(), job.leaseExpiresAt());
        assertEquals(now(), job.startedAt());
        assertEquals(job, reread(job));

        assertEquals(List.of(older.id()), claimedIds(queue().claim("worker", 10, LEASE)), "a claim no longer sees it");
        clock.advance(Duration.ofSeconds(10));
        assertEquals(now().plus(LEASE), queue().heartbeat(job.id(), started.fencingToken(), LEASE).leaseExpiresAt());
        Job done = queue().complete(job.id(), started.fencingToken(), 1, 0);
        assertEquals(JobStatus.SUCCEEDED, done.status());
        assertEquals(Optional.of(Duration.ofSeconds(10)), done.duration());
        assertEquals(10, holdOf(done).captured());
    }

    @Test
    void aStartedJobWhoseLeaseExpiresGoesToAWorkerWithANewToken() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Job job = jobs().submit(newJob(ann).tokenCost(10));
        ClaimedJob started = queue().start(ann, job.id(), "web-request", LEASE).orElseThrow();
        clock.advance(LEASE);
        ClaimedJob taken = claim("worker", job.id());
        assertEquals(2, taken.fencingToken());
        assertThrows(LeaseLostException.class,
                () -> queue().complete(job.id(), started.fencingToken(), 1, 0), "the request's token is stale");
        queue().complete(job.id(), taken.fencingToken(), 1, 0);
        assertEquals(10, holdOf(job).captured());
    }

    @Test
    void onlyTheOwnerCanStartAJob() {
        UserId ann = userWithTokens("ann@example.com", 100);
        UserId bob = userWithTokens("bob@example.com", 100);
        Job job = jobs().submit(newJob(ann).tokenCost(10));
        JobsSnapshot before = jobsSnapshot();
        NotFoundException e = assertThrows(NotFoundException.class, () -> queue().start(bob, job.id(), "w", LEASE));
        assertEquals("job", e.entity());
        assertThrows(NotFoundException.class, () -> queue().start(ann, JobId.of(UUID.randomUUID()), "w", LEASE));
        assertJobsUnchanged(before);
    }

    @Test
    void onlyAQueuedJobCanBeStarted() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Job paused = jobs().pause(ann, jobs().submit(newJob(ann)).id());
        Job cancelled = jobs().cancel(ann, jobs().submit(newJob(ann)).id());
        ClaimedJob claimed = running(newJob(ann));
        Job started = queue().start(ann, jobs().submit(newJob(ann)).id(), "request", LEASE).orElseThrow().job();
        ClaimedJob finishing = running(newJob(ann));
        Job succeeded = queue().complete(finishing.id(), finishing.fencingToken(), 1, 0);
        JobsSnapshot before = jobsSnapshot();

        for (Job job : List.of(paused, cancelled, claimed.job(), started, succeeded)) {
            IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                    () -> queue().start(ann, job.id(), "again", LEASE), job::toString);
            assertEquals(job.status().name(), e.from());
            assertEquals("RUNNING", e.to());
        }
        assertJobsUnchanged(before);
    }

    @Test
    void startLeavesAJobQueuedBeforeItsRunAfterOrWhileItsProviderIsAtItsLimit() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Job later = jobs().submit(newJob(ann).runAfter(START.plus(Duration.ofMinutes(5))));
        assertEquals(Optional.empty(), queue().start(ann, later.id(), "request", LEASE));
        assertEquals(later, reread(later), "unchanged");

        queue().limitProvider("limited", 1);
        ClaimedJob busy = running(NewJob.of(ann, "first", "limited", MODEL));
        Job waiting = jobs().submit(NewJob.of(ann, "second", "limited", MODEL).tokenCost(5));
        assertEquals(Optional.empty(), queue().start(ann, waiting.id(), "request", LEASE), "the limit holds for start too");
        assertEquals(waiting, reread(waiting));

        queue().complete(busy.id(), busy.fencingToken(), 1, 0);
        assertEquals(JobStatus.RUNNING, queue().start(ann, waiting.id(), "request", LEASE).orElseThrow().job().status());
        clock.advance(Duration.ofMinutes(5));
        assertEquals(later.id(), queue().start(ann, later.id(), "request", LEASE).orElseThrow().id(), "its time came");
    }

    @Test
    void startRefusesBadInput() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Job job = jobs().submit(newJob(ann));
        JobsSnapshot before = jobsSnapshot();
        assertAll(
                () -> assertInvalid("owner", () -> queue().start(null, job.id(), "w", LEASE)),
                () -> assertInvalid("jobId", () -> queue().start(ann, null, "w", LEASE)),
                () -> assertInvalid("worker", () -> queue().start(ann, job.id(), null, LEASE)),
                () -> assertInvalid("worker", () -> queue().start(ann, job.id(), " ", LEASE)),
                () -> assertInvalid("lease", () -> queue().start(ann, job.id(), "w", null)),
                () -> assertInvalid("lease", () -> queue().start(ann, job.id(), "w", Duration.ZERO)));
        assertJobsUnchanged(before);
    }

    @Test
    void startAndClaimsRacingForTheSameJobsHandEachToExactlyOneCaller() {
        UserId ann = userWithTokens("ann@example.com", 10_000);
        int total = 200;
        List<Job> submitted = submitInOneTransaction(ann, total, 3);
        Map<JobId, AtomicInteger> handedOut = new ConcurrentHashMap<>();
        Set<JobId> notQueued = ConcurrentHashMap.newKeySet();

        valuesOf(race(WORKERS, thread -> {
            String worker = "worker-" + thread;
            List<ClaimedJob> mine = new ArrayList<>();
            if (thread % 2 == 0) { // a request starting every job in its own order
                List<Job> order = new ArrayList<>(submitted);
                Collections.shuffle(order, new Random(thread));
                for (Job job : order) {
                    try {
                        queue().start(ann, job.id(), worker, Duration.ofMinutes(10)).ifPresent(mine::add);
                    } catch (IllegalTransitionException e) {
                        assertTrue(Set.of("RUNNING", "SUCCEEDED").contains(e.from()), "started or claimed by another caller");
                        notQueued.add(job.id());
                    }
                }
            } else {
                List<ClaimedJob> batch;
                while (!(batch = queue().claim(worker, 5, Duration.ofMinutes(10))).isEmpty()) {
                    mine.addAll(batch);
                }
            }
            for (ClaimedJob claimed : mine) {
                assertEquals(worker, claimed.job().leaseOwner());
                assertEquals(1, claimed.fencingToken());
                handedOut.computeIfAbsent(claimed.id(), id -> new AtomicInteger()).incrementAndGet();
                queue().complete(claimed.id(), claimed.fencingToken(), 1, 0);
            }
            return null;
        }));

        assertEquals(submitted.stream().map(Job::id).collect(Collectors.toSet()), handedOut.keySet(), "every job ran");
        handedOut.forEach((id, n) -> assertEquals(1, n.get(), () -> id + " handed out " + n + " times"));
        for (Job job : allJobs(ann)) {
            assertEquals(JobStatus.SUCCEEDED, job.status());
            assertEquals(1, job.attempts());
            assertEquals(3, holdOf(job).captured());
        }
        assertEquals(10_000 - 3 * total, account(ann).balance());
        assertEquals(0, account(ann).held());
    }

    // ---- claims filtered by provider and owner ---------------------------------------------------------------------

    @Test
    void aWorkerClaimsOnlyTheProvidersAndOwnersItServes() {
        UserId ann = userWithTokens("ann@example.com", 100);
        UserId bob = userWithTokens("bob@example.com", 100);
        Job annOpenai = jobs().submit(NewJob.of(ann, "a", "openai", MODEL));
        Job annStability = jobs().submit(NewJob.of(ann, "b", "stability", MODEL));
        Job bobOpenai = jobs().submit(NewJob.of(bob, "c", "openai", MODEL));
        Job bobMidjourney = jobs().submit(NewJob.of(bob, "d", "midjourney", MODEL).priority(5));
        Job bobStability = jobs().submit(NewJob.of(bob, "e", "stability", MODEL));

        assertEquals(List.of(), queue().claim(ClaimRequest.of("w", 10, LEASE).providers("replicate")));
        assertEquals(List.of(annStability.id(), bobStability.id()),
                claimedIds(queue().claim(ClaimRequest.of("stability-worker", 10, LEASE).providers("Stability"))),
                "provider names compare as stored (lower case)");
        assertEquals(List.of(bobMidjourney.id()), claimedIds(queue().claim(
                ClaimRequest.of("bob-worker", 10, LEASE).owners(bob).providers("midjourney", "replicate"))));
        assertEquals(List.of(annOpenai.id()), claimedIds(queue().claim(ClaimRequest.of("ann-worker", 10, LEASE).owners(ann))));
        List<ClaimedJob> rest = queue().claim(ClaimRequest.of("any", 10, LEASE));
        assertEquals(List.of(bobOpenai.id()), claimedIds(rest));
        assertEquals("any", rest.get(0).job().leaseOwner());
    }

    @Test
    void aFilteredWorkerTakesBackExpiredLeasesOfItsProvidersOnly() {
        UserId ann = userWithTokens("ann@example.com", 100);
        ClaimedJob openai = running(NewJob.of(ann, "a", "openai", MODEL));
        Job stability = jobs().submit(NewJob.of(ann, "b", "stability", MODEL));
        claim("vanishing", stability.id());
        clock.advance(LEASE);
        List<ClaimedJob> taken = queue().claim(ClaimRequest.of("openai-worker", 10, LEASE).providers("openai"));
        assertEquals(List.of(openai.id()), claimedIds(taken));
        assertEquals(2, taken.get(0).fencingToken());
        assertEquals("vanishing", reread(stability).leaseOwner(), "not its provider: left for another worker");
    }

    @Test
    void providerLimitsCountJobsClaimedThroughEveryFilter() {
        UserId ann = userWithTokens("ann@example.com", 100);
        UserId bob = userWithTokens("bob@example.com", 100);
        queue().limitProvider("openai", 2);
        List<Job> annJobs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            annJobs.add(jobs().submit(NewJob.of(ann, "ann " + i, "openai", MODEL)));
        }
        Job bobJob = jobs().submit(NewJob.of(bob, "bob", "openai", MODEL));
        Job other = jobs().submit(NewJob.of(bob, "other", "stability", MODEL));

        assertEquals(ids(annJobs.subList(0, 1)), claimedIds(queue().claim(ClaimRequest.of("ann-only", 1, LEASE).owners(ann))));
        assertEquals(List.of(bobJob.id()), claimedIds(queue().claim(ClaimRequest.of("bob-only", 5, LEASE).owners(bob).providers("openai"))));
        assertEquals(List.of(), queue().claim(ClaimRequest.of("ann-only", 5, LEASE).owners(ann)), "openai is at its limit");
        assertEquals(List.of(other.id()), claimedIds(queue().claim(ClaimRequest.of("any", 5, LEASE))));
        Job first = reread(annJobs.get(0));
        queue().complete(first.id(), first.attempts(), 1, 0);
        assertEquals(ids(annJobs.subList(1, 2)), claimedIds(queue().claim(ClaimRequest.of("openai", 5, LEASE).providers("openai"))));
    }

    @Test
    void claimRequestsRefuseBadInput() {
        UserId ann = userWithTokens("ann@example.com", 100);
        jobs().submit(newJob(ann));
        JobsSnapshot before = jobsSnapshot();
        ClaimRequest ok = ClaimRequest.of("w", 1, LEASE);
        assertAll(
                () -> assertInvalid("request", () -> queue().claim(null)),
                () -> assertInvalid("worker", () -> queue().claim(ClaimRequest.of(" ", 1, LEASE))),
                () -> assertInvalid("max", () -> queue().claim(ClaimRequest.of("w", 0, LEASE))),
                () -> assertInvalid("lease", () -> queue().claim(ClaimRequest.of("w", 1, null))),
                () -> assertInvalid("providers", () -> queue().claim(ok.providers((String[]) null))),
                () -> assertInvalid("provider", () -> queue().claim(ok.providers("openai", null))),
                () -> assertInvalid("provider", () -> queue().claim(ok.providers("no spaces"))),
                () -> assertInvalid("owners", () -> queue().claim(ok.owners((UserId[]) null))),
                () -> assertInvalid("owners", () -> queue().claim(ok.owners(ann, null))),
                () -> assertInvalid("providers", () -> queue().claim(ok.providers(java.util.stream.IntStream.range(0, 1_001)
                        .mapToObj(i -> "p" + i).toArray(String[]::new)))));
        assertJobsUnchanged(before);
        assertEquals(1, queue().claim(ok).size(), "the store keeps working after the refusals");
    }

    @Test
    void filteredWorkersRacingDrainTheQueueExactlyOnceWithinTheLimit() {
        List<UserId> owners = List.of(userWithTokens("ann@example.com", 10_000), userWithTokens("bob@example.com", 10_000));
        List<String> providers = List.of("openai", "stability", "limited");
        queue().limitProvider("limited", 2);
        int total = 300;
        Set<JobId> all = store.transaction(tx -> {
            Set<JobId> ids = new HashSet<>();
            for (int i = 0; i < total; i++) {
                ids.add(tx.jobs().submit(NewJob.of(owners.get(i % 2), "fox " + i, providers.get(i % 3), MODEL).tokenCost(1)).id());
            }
            return ids;
        });
        Map<JobId, AtomicInteger> claims = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger limitedInHand = new AtomicInteger();
        AtomicInteger mostLimitedInHand = new AtomicInteger();

        valuesOf(race(WORKERS, thread -> {
            ClaimRequest request = switch (thread % 4) {
                case 0 -> ClaimRequest.of("limited-" + thread, 3, Duration.ofMinutes(10)).providers("limited");
                case 1 -> ClaimRequest.of("ann-" + thread, 3, Duration.ofMinutes(10)).owners(owners.get(0));
                case 2 -> ClaimRequest.of("two-" + thread, 3, Duration.ofMinutes(10)).providers("openai", "limited");
                default -> ClaimRequest.of("any-" + thread, 3, Duration.ofMinutes(10));
            };
            while (done.get() < total) {
                List<ClaimedJob> batch = queue().claim(request);
                if (batch.isEmpty()) {
                    Thread.onSpinWait();
                    continue;
                }
                int limited = (int) batch.stream().filter(job -> job.job().provider().equals("limited")).count();
                mostLimitedInHand.accumulateAndGet(limitedInHand.addAndGet(limited), Math::max);
                for (ClaimedJob job : batch) {
                    assertTrue(request.providers().isEmpty() || request.providers().contains(job.job().provider()), job::toString);
                    assertTrue(request.owners().isEmpty() || request.owners().contains(job.job().owner()), job::toString);
                    claims.computeIfAbsent(job.id(), id -> new AtomicInteger()).incrementAndGet();
                    if (job.job().provider().equals("limited")) {
                        limitedInHand.decrementAndGet();
                    }
                    queue().complete(job.id(), job.fencingToken(), 1, 0);
                    done.incrementAndGet();
                }
            }
            return null;
        }));

        assertEquals(all, claims.keySet(), "every job claimed");
        claims.forEach((id, n) -> assertEquals(1, n.get(), () -> id + " claimed " + n + " times"));
        assertTrue(mostLimitedInHand.get() <= 2, "limited jobs in hand at once: " + mostLimitedInHand.get());
        for (UserId owner : owners) {
            assertEquals(10_000 - total / 2, account(owner).balance());
            assertEquals(0, account(owner).held());
        }
    }

    // ---- deleting jobs -------------------------------------------------------------------------------------------

    @Test
    void deletingAJobRemovesItsImagesVariantsAndBlobs() {
        UserId ann = userWithTokens("ann@example.com", 100);
        ClaimedJob claimed = running(newJob(ann).tokenCost(10).totalImages(2));
        Job job = claimed.job();
        Image first = imageOf(job, 1);
        Image second = imageOf(job, 2);
        Job done = queue().complete(job.id(), claimed.fencingToken(), 2, 0);
        Job otherJob = jobs().submit(newJob(ann));
        Image kept = imageOf(otherJob, 3);
        Image unrelated = store.images().store(NewImage.uploaded(ann, "cat.png"), TestImages.photoPng(120, 80, 4));
        List<String> goneKeys = new ArrayList<>(blobKeys(first));
        goneKeys.addAll(blobKeys(second));
        goneKeys.forEach(key -> assertTrue(store.blobs().exists(key), key));
        List<LedgerEntry> history = fullHistory(ann);

        jobs().delete(ann, job.id());

        assertEquals(Optional.empty(), jobs().find(ann, job.id()));
        assertEquals(List.of(otherJob.id()), ids(allJobs(ann)));
        assertEquals(Optional.empty(), store.images().find(ann, first.id()));
        assertEquals(Optional.empty(), store.images().find(ann, second.id()));
        goneKeys.forEach(key -> assertFalse(store.blobs().exists(key), () -> "blob left behind: " + key));
        assertEquals(kept, store.images().get(ann, kept.id()));
        assertEquals(unrelated, store.images().get(ann, unrelated.id()));
        blobKeys(kept).forEach(key -> assertTrue(store.blobs().exists(key), key));
        assertEquals(history, fullHistory(ann), "the ledger keeps its entries");
        assertEquals(HoldStatus.CAPTURED, holdOf(done).status());
        assertEquals(90, account(ann).balance());
        assertTrue(store.operations().verify().healthy(), () -> store.operations().verify().toString());
        assertThrows(NotFoundException.class, () -> jobs().delete(ann, job.id()), "gone");
    }

    @Test
    void deletingAQueuedOrPausedJobReleasesItsHold() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Job queued = jobs().submit(newJob(ann).tokenCost(10));
        Job paused = jobs().pause(ann, jobs().submit(newJob(ann).tokenCost(20)).id());
        Job cancelled = jobs().cancel(ann, jobs().submit(newJob(ann).tokenCost(30)).id());
        assertEquals(30, account(ann).held());

        jobs().delete(ann, queued.id());
        jobs().delete(ann, paused.id());
        jobs().delete(ann, cancelled.id());

        assertEquals(HoldStatus.RELEASED, holdOf(queued).status());
        assertEquals(HoldStatus.RELEASED, holdOf(paused).status());
        assertEquals(0, account(ann).held());
        assertEquals(100, account(ann).balance());
        assertEquals(List.of(), allJobs(ann));
        assertEquals(List.of(), queue().claim("worker", 10, LEASE), "nothing left to claim");
    }

    @Test
    void aRunningJobIsRefusedUntilItIsCancelled() {
        UserId ann = userWithTokens("ann@example.com", 100);
        ClaimedJob claimed = running(newJob(ann).tokenCost(10));
        Image image = imageOf(claimed.job(), 1);
        JobsSnapshot before = jobsSnapshot();

        IllegalTransitionException e = assertThrows(IllegalTransitionException.class, () -> jobs().delete(ann, claimed.id()));
        assertEquals("RUNNING", e.from());
        assertJobsUnchanged(before);
        assertEquals(image, store.images().get(ann, image.id()));

        jobs().cancel(ann, claimed.id());
        jobs().delete(ann, claimed.id());
        assertEquals(Optional.empty(), jobs().find(ann, claimed.id()));
        assertEquals(Optional.empty(), store.images().find(ann, image.id()));
        assertEquals(0, account(ann).held());
        assertThrows(NotFoundException.class, () -> queue().complete(claimed.id(), claimed.fencingToken(), 1, 0),
                "the worker learns the job is gone");
    }

    @Test
    void onlyTheOwnerCanDeleteAJob() {
        UserId ann = userWithTokens("ann@example.com", 100);
        UserId bob = userWithTokens("bob@example.com", 100);
        Job job = jobs().submit(newJob(ann).tokenCost(10));
        JobsSnapshot before = jobsSnapshot();
        assertAll(
                () -> assertEquals("job", assertThrows(NotFoundException.class, () -> jobs().delete(bob, job.id())).entity()),
                () -> assertInvalid("owner", () -> jobs().delete(null, job.id())),
                () -> assertInvalid("jobId", () -> jobs().delete(ann, null)));
        assertJobsUnchanged(before);
    }

    @Test
    void deletingAConfigurationKeepsItsJobsUnlinkedOrDeletesThemWithTheirImages() {
        UserId ann = userWithTokens("ann@example.com", 100);
        JobConfiguration kept = jobs().createConfiguration(ann, "kept", Map.of("steps", 30));
        JobConfiguration dropped = jobs().createConfiguration(ann, "dropped", Map.of("steps", 10));
        Job keptJob = jobs().submit(newJob(ann).configuration(kept.id()).tokenCost(5));
        Job queued = jobs().submit(newJob(ann).configuration(dropped.id()).tokenCost(10));
        ClaimedJob claimed = running(newJob(ann).configuration(dropped.id()).tokenCost(20).priority(9));
        Image image = imageOf(claimed.job(), 1);
        Job finished = queue().complete(claimed.id(), claimed.fencingToken(), 1, 0);
        Job unrelated = jobs().submit(newJob(ann));

        jobs().deleteConfiguration(ann, kept.id(), ConfigurationJobs.KEEP_UNLINKED);
        assertEquals(Optional.empty(), jobs().findConfiguration(ann, kept.id()));
        assertNull(reread(keptJob).configurationId(), "kept, without the link");
        assertEquals(HoldStatus.ACTIVE, holdOf(keptJob).status());

        jobs().deleteConfiguration(ann, dropped.id(), ConfigurationJobs.DELETE);
        assertEquals(Optional.empty(), jobs().findConfiguration(ann, dropped.id()));
        assertEquals(Optional.empty(), jobs().find(ann, queued.id()));
        assertEquals(Optional.empty(), jobs().find(ann, finished.id()));
        assertEquals(Optional.empty(), store.images().find(ann, image.id()));
        blobKeys(image).forEach(key -> assertFalse(store.blobs().exists(key), key));
        assertEquals(HoldStatus.RELEASED, holdOf(queued).status());
        assertEquals(Set.of(keptJob.id(), unrelated.id()), new HashSet<>(ids(allJobs(ann))));
        assertEquals(5, account(ann).held());
        assertEquals(80, account(ann).balance());
    }

    @Test
    void aConfigurationWithARunningJobIsNotDeletedWithItsJobs() {
        UserId ann = userWithTokens("ann@example.com", 100);
        UserId bob = userWithTokens("bob@example.com", 100);
        JobConfiguration portraits = jobs().createConfiguration(ann, "portraits", Map.of());
        jobs().submit(newJob(ann).configuration(portraits.id()).tokenCost(10));
        running(newJob(ann).configuration(portraits.id()).tokenCost(20).priority(9));
        JobsSnapshot before = jobsSnapshot();

        assertThrows(IllegalTransitionException.class,
                () -> jobs().deleteConfiguration(ann, portraits.id(), ConfigurationJobs.DELETE));
        assertThrows(NotFoundException.class,
                () -> jobs().deleteConfiguration(bob, portraits.id(), ConfigurationJobs.KEEP_UNLINKED), "not bob's");
        assertAll(
                () -> assertInvalid("owner", () -> jobs().deleteConfiguration(null, portraits.id(), ConfigurationJobs.DELETE)),
                () -> assertInvalid("configurationId", () -> jobs().deleteConfiguration(ann, null, ConfigurationJobs.DELETE)),
                () -> assertInvalid("jobs", () -> jobs().deleteConfiguration(ann, portraits.id(), null)));
        assertJobsUnchanged(before);
        assertEquals(portraits, jobs().findConfiguration(ann, portraits.id()).orElseThrow());
    }

    // ---- the operator's bulk moves -------------------------------------------------------------------------------

    @Test
    void anOperatorPausesAndResumesQueuedJobsMatchingAFilterAcrossUsers() {
        UserId ann = userWithTokens("ann@example.com", 100);
        UserId bob = userWithTokens("bob@example.com", 100);
        Job before = jobs().submit(NewJob.of(ann, "before", "openai", MODEL).tokenCost(5));
        Instant cutoff = clock.instant();
        clock.advance(Duration.ofSeconds(1));
        Job annAfter = jobs().submit(NewJob.of(ann, "ann after", "openai", MODEL).tokenCost(5));
        Job bobAfter = jobs().submit(NewJob.of(bob, "bob after", "openai", MODEL));
        Job otherProvider = jobs().submit(NewJob.of(bob, "other", "stability", MODEL));
        ClaimedJob runningJob = running(NewJob.of(bob, "running", "openai", MODEL).priority(99));
        Job alreadyPaused = jobs().pause(ann, jobs().submit(NewJob.of(ann, "paused", "openai", MODEL)).id());

        assertEquals(2, queue().operatorPauseAll(JobSelection.all().createdAfter(cutoff).provider("OpenAI")));

        assertEquals(JobStatus.PAUSED, reread(annAfter).status());
        assertEquals(JobStatus.PAUSED, reread(bobAfter).status());
        assertEquals(JobStatus.QUEUED, reread(before).status(), "created before the instant");
        assertEquals(JobStatus.QUEUED, reread(otherProvider).status(), "another provider");
        assertEquals(JobStatus.RUNNING, reread(runningJob.job()).status(), "running jobs go on");
        assertEquals(HoldStatus.ACTIVE, holdOf(annAfter).status(), "the hold stays with the paused job");
        assertEquals(10, account(ann).held());
        assertEquals(Set.of(before.id(), otherProvider.id()),
                new HashSet<>(claimedIds(queue().claim("worker", 10, LEASE))), "paused jobs are not claimed");

        assertEquals(0, queue().operatorResumeAll(JobSelection.all().owner(ann).provider("stability")));
        assertEquals(1, queue().operatorResumeAll(JobSelection.all().owner(bob)));
        assertEquals(JobStatus.QUEUED, reread(bobAfter).status());
        assertEquals(JobStatus.PAUSED, reread(annAfter).status());
        assertEquals(2, queue().operatorResumeAll(JobSelection.all()), "ann's, and the one paused before");
        assertEquals(JobStatus.QUEUED, reread(alreadyPaused).status());
        assertEquals(0, queue().operatorResumeAll(JobSelection.all()));
        assertEquals(Set.of(annAfter.id(), bobAfter.id(), alreadyPaused.id()),
                new HashSet<>(claimedIds(queue().claim("worker", 10, LEASE))));
    }

    @Test
    void operatorMovesRefuseBadInput() {
        UserId ann = userWithTokens("ann@example.com", 100);
        jobs().submit(newJob(ann));
        JobsSnapshot before = jobsSnapshot();
        assertAll(
                () -> assertInvalid("selection", () -> queue().operatorPauseAll(null)),
                () -> assertInvalid("selection", () -> queue().operatorResumeAll(null)),
                () -> assertInvalid("provider", () -> queue().operatorPauseAll(JobSelection.all().provider(" "))),
                () -> assertInvalid("provider", () -> queue().operatorResumeAll(JobSelection.all().provider("a b"))));
        assertJobsUnchanged(before);
    }

    @Test
    void aPauseRacingWithWorkersLeavesEachJobEitherPausedOrClaimedOnce() {
        UserId ann = userWithTokens("ann@example.com", 10_000);
        int total = 300;
        Set<JobId> all = new HashSet<>(ids(submitInOneTransaction(ann, total, 1)));
        Map<JobId, AtomicInteger> claims = new ConcurrentHashMap<>();
        AtomicInteger paused = new AtomicInteger();

        valuesOf(race(WORKERS, thread -> {
            if (thread == 0) {
                paused.addAndGet(queue().operatorPauseAll(JobSelection.all().provider(PROVIDER)));
                return null;
            }
            List<ClaimedJob> batch;
            while (!(batch = queue().claim("worker-" + thread, 4, Duration.ofMinutes(10))).isEmpty()) {
                for (ClaimedJob job : batch) {
                    claims.computeIfAbsent(job.id(), id -> new AtomicInteger()).incrementAndGet();
                    queue().complete(job.id(), job.fencingToken(), 1, 0);
                }
            }
            return null;
        }));

        claims.forEach((id, n) -> assertEquals(1, n.get(), () -> id + " claimed " + n + " times"));
        Set<JobId> pausedJobs = allJobs(ann, JobStatus.PAUSED).stream().map(Job::id).collect(Collectors.toSet());
        assertEquals(paused.get(), pausedJobs.size(), "the count returned is the jobs paused");
        assertEquals(Set.of(), intersection(pausedJobs, claims.keySet()), "no claimed job was paused");
        Set<JobId> accounted = new HashSet<>(pausedJobs);
        accounted.addAll(claims.keySet());
        assertEquals(all, accounted, "every job was claimed or paused");
        assertEquals(total - pausedJobs.size(), allJobs(ann, JobStatus.SUCCEEDED).size());
        assertEquals(pausedJobs.size(), account(ann).held());
    }

    private static <T> Set<T> intersection(Set<T> a, Set<T> b) {
        Set<T> both = new HashSet<>(a);
        both.retainAll(b);
        return both;
    }

    @Test
    void startRacingWithAnOperatorPauseEndsEitherRunningOrPaused() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Job job = jobs().submit(newJob(ann).tokenCost(10));
        List<Attempt<Object>> attempts = race(2, thread -> thread == 0
                ? (Object) queue().operatorPauseAll(JobSelection.all())
                : queue().start(ann, job.id(), "request", LEASE));
        Job now = reread(job);
        int pausedCount = (Integer) valuesOf(List.of(attempts.get(0))).get(0);
        if (now.status() == JobStatus.PAUSED) {
            assertEquals(1, pausedCount);
            Attempt<Object> start = attempts.get(1);
            assertInstanceOf(IllegalTransitionException.class, start.error(), "the start came second and saw it PAUSED");
        } else {
            assertEquals(JobStatus.RUNNING, now.status());
            assertEquals(0, pausedCount, "a started job is not paused");
            assertTrue(((Optional<?>) attempts.get(1).value()).isPresent());
        }
    }
}
