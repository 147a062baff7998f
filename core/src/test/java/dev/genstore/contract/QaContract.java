package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.accounts.UserId;
import dev.genstore.cache.NewCacheEntry;
import dev.genstore.errors.IllegalTransitionException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.images.Image;
import dev.genstore.images.ImageId;
import dev.genstore.images.NewImage;
import dev.genstore.images.QcStatus;
import dev.genstore.jobs.ClaimedJob;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobStatus;
import dev.genstore.jobs.LeaseLostException;
import dev.genstore.jobs.NewJob;
import dev.genstore.paging.PageRequest;
import dev.genstore.qa.CheckResult;
import dev.genstore.qa.CheckStatus;
import dev.genstore.qa.QualityCheck;
import dev.genstore.qa.QualityCheckId;
import dev.genstore.qa.Regeneration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Quality checks, the image's QC status, and failures that invalidate the cache and enqueue a regeneration job. */
public abstract class QaContract extends StoreContract {
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final Map<String, Double> SCORES = Map.of("sharpness", 0.91, "composition", 0.5);

    private UserId owner() {
        return newUser("qa-" + UUID.randomUUID() + "@example.com").id();
    }

    private Image pendingImage(UserId owner) {
        return store.images().create(NewImage.generated(owner, "a red fox in snow"));
    }

    private Image image(UserId owner, ImageId id) {
        return store.images().find(owner, id).orElseThrow();
    }

    private List<Job> jobsOf(UserId owner) {
        return store.jobs().history(owner, Set.of(), PageRequest.first(100)).items();
    }

    @Test
    void aPassingCheckMovesThroughPendingAndTheImageFollows() {
        UserId ann = owner();
        Image image = pendingImage(ann);
        QualityCheck started = store.qa().start(ann, image.id(), "  clip-scorer ");
        assertEquals(CheckStatus.PENDING, started.status());
        assertEquals("clip-scorer", started.checker());
        assertNull(started.overallScore());
        assertEquals(now(), started.createdAt());
        assertEquals(QcStatus.PENDING, image(ann, image.id()).qcStatus());

        clock.advance(Duration.ofSeconds(3));
        QualityCheck passed = store.qa().finish(ann, started.id(), CheckResult.passed(0.87, SCORES));
        assertEquals(CheckStatus.PASSED, passed.status());
        assertEquals(0.87, passed.overallScore());
        assertEquals(SCORES, passed.scores());
        assertEquals(now(), passed.checkedAt());
        assertEquals(passed, store.qa().find(ann, started.id()).orElseThrow(), "reads back as returned");
        assertEquals(QcStatus.PASSED, image(ann, image.id()).qcStatus());
        assertEquals(List.of(), jobsOf(ann), "a pass enqueues nothing");
        assertThrows(IllegalTransitionException.class,
                () -> store.qa().finish(ann, started.id(), CheckResult.failed(0.1, SCORES, "late")));
    }

    @Test
    void aFailedCheckMarksTheImageDropsItsCacheEntriesAndEnqueuesARegeneration() {
        UserId ann = owner();
        Image image = pendingImage(ann);
        Image other = pendingImage(ann);
        store.cache().put(NewCacheEntry.of("traits", "fox", Map.of("seed", 1), "image/png").sourceImage(ann, image.id()), new byte[] {1, 2, 3});
        store.cache().put(NewCacheEntry.of("traits", "owl", Map.of("seed", 1), "image/png").sourceImage(ann, other.id()), new byte[] {4});

        QualityCheck failed = store.qa().record(ann, image.id(), "nsfw-filter",
                CheckResult.failed(0.2, SCORES, "blurry face", "extra finger"));

        assertEquals(CheckStatus.FAILED, failed.status());
        assertEquals(List.of("blurry face", "extra finger"), failed.reasons());
        Image marked = image(ann, image.id());
        assertEquals(QcStatus.FAILED, marked.qcStatus());
        assertEquals("blurry face; extra finger", marked.qcReason());
        assertTrue(store.cache().hasChanged("traits", "fox", Map.of("seed", 1)), "the entry made from the image is gone");
        assertFalse(store.cache().hasChanged("traits", "owl", Map.of("seed", 1)), "other entries stay");

        List<Regeneration> regenerations = store.qa().regenerations(ann, image.id());
        assertEquals(1, regenerations.size());
        Regeneration regeneration = regenerations.get(0);
        assertEquals(failed.id(), regeneration.checkId());
        assertEquals("blurry face; extra finger", regeneration.reason());
        assertEquals(regeneration, store.qa().regenerationOf(regeneration.jobId()).orElseThrow());
        Job job = store.jobs().get(regeneration.jobId());
        assertEquals(JobStatus.QUEUED, job.status());
        assertEquals(ann, job.owner());
        assertEquals("a red fox in snow", job.prompt());
        assertEquals("regeneration", job.provider());
        assertEquals(image.id().toString(), job.parameters().get("regenerationOf"));
        assertEquals("blurry face; extra finger", job.parameters().get("reason"));
        assertEquals(3, job.maxAttempts());
        assertEquals(List.of(job), jobsOf(ann));
    }

    @Test
    void aRegenerationIsClaimedWithTheQueuesLeaseFencingRetryAndCappedAttempts() {
        UserId ann = owner();
        Image image = pendingImage(ann);
        store.qa().record(ann, image.id(), "checker", CheckResult.failed(0.1, SCORES, "wrong colours"));
        Regeneration regeneration = store.qa().regenerations(ann, image.id()).get(0);

        List<ClaimedJob> first = store.queue().claim("worker-1", 10, LEASE);
        assertEquals(1, first.size());
        assertEquals(regeneration.jobId(), first.get(0).id());
        assertEquals(regeneration, store.qa().regenerationOf(first.get(0).id()).orElseThrow(), "the worker finds what to redo");
        assertEquals(List.of(), store.queue().claim("worker-2", 10, LEASE), "leased: nobody else gets it");

        clock.advance(LEASE.plusSeconds(1));
        List<ClaimedJob> second = store.queue().claim("worker-2", 10, LEASE);
        assertEquals(2, second.get(0).fencingToken(), "an expired lease makes it claimable again");
        assertThrows(LeaseLostException.class, () -> store.queue().fail(regeneration.jobId(), 1, "late", true),
                "the first worker's token is fenced off");

        Job retried = store.queue().fail(regeneration.jobId(), 2, "provider timeout", true);
        assertEquals(JobStatus.QUEUED, retried.status());
        assertTrue(retried.runAfter().isAfter(now()), "backoff");
        clock.set(retried.runAfter());
        ClaimedJob third = store.queue().claim("worker-3", 10, LEASE).get(0);
        assertEquals(3, third.fencingToken());
        Job failed = store.queue().fail(regeneration.jobId(), 3, "provider timeout", true);
        assertEquals(JobStatus.FAILED, failed.status(), "attempts are capped at maxAttempts");
        assertEquals(3, failed.attempts());
    }

    @Test
    void theRegenerationOfAJobsImageRunsOnThatJobsProviderAndModel() {
        UserId ann = owner();
        Job original = store.jobs().submit(NewJob.of(ann, "a castle", "openai", "gpt-image-1").parameters(Map.of("size", "1024x1024")));
        Image image = store.images().create(NewImage.generated(ann, "a castle").job(original.id()));
        store.qa().record(ann, image.id(), "checker", CheckResult.failed(0.3, Map.of(), "cropped"));
        Job regeneration = store.jobs().get(store.qa().regenerations(ann, image.id()).get(0).jobId());
        assertEquals("openai", regeneration.provider());
        assertEquals("gpt-image-1", regeneration.model());
        assertEquals("1024x1024", regeneration.parameters().get("size"));
    }

    @Test
    void aFailureIsOneTransaction() {
        UserId ann = owner();
        Image image = pendingImage(ann);
        store.cache().put(NewCacheEntry.of("traits", "fox", Map.of("v", 2), "image/png").sourceImage(ann, image.id()), new byte[] {9});
        QualityCheck started = store.qa().start(ann, image.id(), "checker");

        assertThrows(IllegalStateException.class, () -> store.useTransaction(tx -> {
            tx.qa().finish(ann, started.id(), CheckResult.failed(0.0, SCORES, "broken"));
            throw new IllegalStateException("the app fails after the check");
        }));

        assertEquals(CheckStatus.PENDING, store.qa().find(ann, started.id()).orElseThrow().status());
        assertEquals(QcStatus.PENDING, image(ann, image.id()).qcStatus());
        assertFalse(store.cache().hasChanged("traits", "fox", Map.of("v", 2)), "the cache entry is back");
        assertEquals(List.of(), jobsOf(ann));
        assertEquals(List.of(), store.qa().regenerations(ann, image.id()));
    }

    @Test
    void aHumanReviewFollowsTheCheckAndARejectionAfterAPassRegenerates() {
        UserId ann = owner();
        Image image = pendingImage(ann);
        QualityCheck passed = store.qa().record(ann, image.id(), "checker", CheckResult.passed(0.9, SCORES));
        clock.advance(Duration.ofMinutes(1));
        QualityCheck rejected = store.qa().review(ann, passed.id(), CheckStatus.REJECTED, "moderator-7", "hands look wrong");
        assertEquals(CheckStatus.REJECTED, rejected.status());
        assertEquals("moderator-7", rejected.reviewer());
        assertEquals(now(), rejected.reviewedAt());
        assertEquals(rejected, store.qa().find(ann, passed.id()).orElseThrow());
        Image marked = image(ann, image.id());
        assertEquals(QcStatus.FAILED, marked.qcStatus());
        assertEquals("hands look wrong", marked.qcReason());
        assertEquals(1, store.qa().regenerations(ann, image.id()).size());
        assertThrows(IllegalTransitionException.class,
                () -> store.qa().review(ann, passed.id(), CheckStatus.APPROVED, "moderator-8", null), "a review is final");

        Image second = pendingImage(ann);
        QualityCheck failed = store.qa().record(ann, second.id(), "checker", CheckResult.failed(0.4, SCORES, "too dark"));
        store.qa().review(ann, failed.id(), CheckStatus.APPROVED, "moderator-7", "dark on purpose");
        assertEquals(QcStatus.PASSED, image(ann, second.id()).qcStatus());
        List<Regeneration> secondRegenerations = store.qa().regenerations(ann, second.id());
        assertEquals(1, secondRegenerations.size(), "only the failure enqueued one");
        assertEquals(JobStatus.CANCELLED, store.jobs().get(secondRegenerations.get(0).jobId()).status(),
                "an approval cancels the regeneration that is still queued");
        assertEquals(JobStatus.QUEUED, store.jobs().get(store.qa().regenerations(ann, image.id()).get(0).jobId()).status());

        QualityCheck pending = store.qa().start(ann, second.id(), "checker");
        assertThrows(IllegalTransitionException.class,
                () -> store.qa().review(ann, pending.id(), CheckStatus.APPROVED, "moderator-7", null));
    }

    @Test
    void theImageFollowsItsLatestCheckOnly() {
        UserId ann = owner();
        Image image = pendingImage(ann);
        QualityCheck older = store.qa().start(ann, image.id(), "slow-checker");
        clock.advance(Duration.ofSeconds(1));
        QualityCheck newer = store.qa().start(ann, image.id(), "fast-checker");
        store.qa().finish(ann, newer.id(), CheckResult.passed(0.8, SCORES));
        assertEquals(QcStatus.PASSED, image(ann, image.id()).qcStatus());

        store.qa().finish(ann, older.id(), CheckResult.failed(0.2, SCORES, "stale verdict"));
        assertEquals(QcStatus.PASSED, image(ann, image.id()).qcStatus(), "an older check does not overrule the newer one");
        assertEquals(List.of(newer.id(), older.id()),
                store.qa().checks(ann, image.id()).stream().map(QualityCheck::id).toList(), "newest first");
    }

    @Test
    void concurrentFailuresOfOneImageEachEnqueueOneRegenerationWhileTheCacheIsRead() {
        UserId ann = owner();
        Image image = pendingImage(ann);
        for (int i = 0; i < 4; i++) {
            store.cache().put(NewCacheEntry.of("traits", "fox-" + i, Map.of("v", 1), "image/png").sourceImage(ann, image.id()), new byte[] {1});
        }
        int threads = 8;
        List<QualityCheck> failed = valuesOf(race(threads, thread -> {
            if (thread % 2 == 0) {
                for (int i = 0; i < 20; i++) {
                    store.cache().get("traits", "fox-" + (i % 4), Map.of("v", 1));
                    store.cache().flushAccesses();
                }
            }
            return store.qa().record(ann, image.id(), "checker-" + thread, CheckResult.failed(0.1, SCORES, "bad " + thread));
        }));
        assertEquals(threads, store.qa().checks(ann, image.id()).size());
        List<Regeneration> regenerations = store.qa().regenerations(ann, image.id());
        assertEquals(threads, regenerations.size());
        assertEquals(failed.stream().map(QualityCheck::id).collect(java.util.stream.Collectors.toSet()),
                regenerations.stream().map(Regeneration::checkId).collect(java.util.stream.Collectors.toSet()));
        assertEquals(threads, jobsOf(ann).size());
        assertEquals(QcStatus.FAILED, image(ann, image.id()).qcStatus());
        assertEquals(0, store.cache().statistics().entries());
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        UserId ann = owner();
        UserId bob = owner();
        Image image = pendingImage(ann);
        QualityCheck started = store.qa().start(ann, image.id(), "checker");
        StoreSnapshot before = snapshot();

        assertInvalid("overallScore", () -> store.qa().finish(ann, started.id(),
                new CheckResult(CheckStatus.PASSED, Double.NaN, SCORES, List.of())));
        assertInvalid("scores", () -> store.qa().finish(ann, started.id(),
                new CheckResult(CheckStatus.PASSED, 0.5, Map.of("x", Double.POSITIVE_INFINITY), List.of())));
        assertInvalid("scores", () -> store.qa().finish(ann, started.id(), new CheckResult(CheckStatus.PASSED, 0.5, null, List.of())));
        assertInvalid("reasons", () -> store.qa().finish(ann, started.id(), CheckResult.failed(0.5, SCORES)));
        assertInvalid("reasons", () -> store.qa().finish(ann, started.id(), CheckResult.failed(0.5, SCORES, "  ")));
        assertInvalid("status", () -> store.qa().finish(ann, started.id(),
                new CheckResult(CheckStatus.APPROVED, 0.5, SCORES, List.of())));
        assertInvalid("result", () -> store.qa().finish(ann, started.id(), null));
        assertInvalid("checker", () -> store.qa().start(ann, image.id(), " "));
        assertInvalid("checker", () -> store.qa().record(ann, image.id(), "bad\u0000name", CheckResult.passed(1, SCORES)));
        assertInvalid("decision", () -> store.qa().review(ann, started.id(), CheckStatus.PASSED, "mod", null));
        assertInvalid("reviewer", () -> store.qa().review(ann, started.id(), CheckStatus.APPROVED, "", null));
        assertInvalid("imageId", () -> store.qa().start(ann, null, "checker"));
        assertThrows(NotFoundException.class, () -> store.qa().start(bob, image.id(), "checker"), "another user's image");
        assertThrows(NotFoundException.class, () -> store.qa().finish(bob, started.id(), CheckResult.passed(1, SCORES)),
                "another user's check");
        assertThrows(NotFoundException.class, () -> store.qa().start(ann, ImageId.of(UUID.randomUUID()), "checker"));
        assertThrows(NotFoundException.class,
                () -> store.qa().finish(ann, QualityCheckId.of(UUID.randomUUID()), CheckResult.passed(1, SCORES)));
        assertThrows(NotFoundException.class, () -> store.qa().checks(bob, image.id()));
        assertTrue(store.qa().find(bob, started.id()).isEmpty(), "checks are scoped by owner");

        assertUnchanged(before);
        QualityCheck unchanged = store.qa().find(ann, started.id()).orElseThrow();
        assertEquals(started, unchanged);
        assertEquals(List.of(started), store.qa().checks(ann, image.id()));
        assertEquals(QcStatus.PENDING, image(ann, image.id()).qcStatus());
        assertEquals(List.of(), jobsOf(ann));
        assertNotNull(store.qa().finish(ann, started.id(), CheckResult.passed(0.5, SCORES)), "still finishable");
    }
}
