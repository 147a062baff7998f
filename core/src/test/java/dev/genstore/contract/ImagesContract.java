package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.accounts.UserId;
import dev.genstore.blobs.BlobInfo;
import dev.genstore.blobs.BlobKeys;
import dev.genstore.errors.ConflictException;
import dev.genstore.errors.IllegalTransitionException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.images.BlobSweepReport;
import dev.genstore.images.Image;
import dev.genstore.images.ImageFilter;
import dev.genstore.images.ImageId;
import dev.genstore.images.ImageStatistics;
import dev.genstore.images.ImageStatus;
import dev.genstore.images.ImageType;
import dev.genstore.images.Images;
import dev.genstore.images.NewImage;
import dev.genstore.images.ProcessingSettings;
import dev.genstore.images.QcStatus;
import dev.genstore.images.Variant;
import dev.genstore.images.VariantKind;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobId;
import dev.genstore.jobs.NewJob;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Images and their variants on a backend with its blob store: the record round-trips, the status machine, job counters
 * in the same transaction, tenancy, keyset listings with filters, statistics, deletion of rows with their blobs, rows
 * and blobs that never disagree (a failed or rolled-back store leaves neither), and the sweep.
 */
public abstract class ImagesContract extends StoreContract {
    /** Small real images, made once: the suite is about rows and blobs, not pixels. */
    private static final byte[] PNG = TestImages.photoPng(48, 32, 1);
    private static final byte[] JPEG = TestImages.photoJpeg(40, 40, 2);

    private Images images() {
        return store.images();
    }

    private JobId job(UserId owner, int totalImages) {
        return store.jobs().submit(NewJob.of(owner, "a red fox", "openai", "dall-e-3").totalImages(totalImages)).id();
    }

    /** Every blob key in the store, through pages. */
    private List<String> allBlobKeys() {
        List<String> keys = new ArrayList<>();
        PageRequest request = PageRequest.first(50);
        while (true) {
            Page<BlobInfo> page = store.blobs().list("", request);
            page.items().forEach(info -> keys.add(info.key()));
            if (!page.hasNext()) {
                return keys;
            }
            request = page.next(50).orElseThrow();
        }
    }

    private static List<String> keysOf(Image image) {
        List<String> keys = new ArrayList<>();
        if (image.content() != null) {
            keys.add(image.content().storageKey());
        }
        image.variants().forEach(v -> keys.add(v.storageKey()));
        return keys;
    }

    private List<Image> all(UserId owner, ImageFilter filter, int pageSize) {
        List<Image> listed = new ArrayList<>();
        Set<ImageId> seen = new HashSet<>();
        PageRequest request = PageRequest.first(pageSize);
        while (true) {
            Page<Image> page = images().list(owner, filter, request);
            for (Image image : page.items()) {
                assertTrue(seen.add(image.id()), "listed twice: " + image.id());
                assertEquals(owner, image.owner());
                listed.add(image);
            }
            if (!page.hasNext()) {
                return listed;
            }
            assertEquals(pageSize, page.items().size());
            request = page.next(pageSize).orElseThrow();
        }
    }

    private static byte[] read(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aStoredImageReadsBackAsItWasRecorded() {
        UserId ann = newUser("ann@example.com").id();
        JobId job = job(ann, 2);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("imageEnhancement", true);
        settings.put("sharpening", 1.5);
        settings.put("saturation", 2);
        settings.put("convertToJpg", false);
        settings.put("jpgQuality", 85);
        settings.put("removeBgSize", "auto");
        settings.put("jpgBackground", "white");
        settings.put("vendorFilter", Map.of("name", "film", "strength", 0.3));
        settings.put("upscale", List.of(2, 4));
        ProcessingSettings processing = ProcessingSettings.fromMap(settings);
        assertEquals(Map.of("name", "film", "strength", 0.3), processing.extras().get("vendorFilter"));

        Image image = images().store(NewImage.generated(ann, "a red fox\nin snow").job(job).title("Fox").description("Line one\nline two")
                .tags("Animals", " snow ", "animals").seed(42).model("dall-e-3").processingSettings(processing)
                .metadata(Map.of("provider", "openai", "cost", 0.04)).tokensUsed(7), PNG);

        assertEquals(ann, image.owner());
        assertEquals(job, image.jobId());
        assertEquals(ImageType.GENERATED, image.type());
        assertEquals(ImageStatus.COMPLETED, image.status());
        assertEquals("a red fox\nin snow", image.prompt());
        assertEquals(List.of("animals", "snow"), image.tags());
        assertEquals(42L, image.seed());
        assertEquals(QcStatus.PENDING, image.qcStatus());
        assertEquals(7, image.tokensUsed());
        assertEquals(now(), image.createdAt());
        assertEquals(1.5, image.processingSettings().sharpening());
        assertEquals(2, image.processingSettings().saturation(), "an integer stays an integer");
        assertEquals(85, image.processingSettings().jpgQuality());
        assertEquals(Boolean.FALSE, image.processingSettings().convertToJpg());
        assertNull(image.processingSettings().removeBg());
        assertEquals(List.of(2, 4), image.processingSettings().extras().get("upscale"));
        assertEquals(image, images().get(ann, image.id()), "what a write returns is what a read gives");
        assertEquals(image.processingSettings().toMap(), images().get(ann, image.id()).processingSettings().toMap());
        assertArrayEquals(PNG, read(images().openContent(ann, image.id())));
        for (String key : keysOf(image)) {
            assertTrue(store.blobs().exists(key), key);
            assertTrue(key.startsWith(BlobKeys.ownerPrefix("genstore/images", ann)), key);
        }

        Job counted = store.jobs().get(job);
        assertEquals(1, counted.successfulImages());
        assertEquals(0, counted.failedImages());
        assertInvalid("processingSettings.sharpening", () -> ProcessingSettings.fromMap(Map.of("sharpening", "high")));
        assertInvalid("processingSettings.removeBg", () -> ProcessingSettings.fromMap(Map.of("removeBg", 1)));
    }

    @Test
    void theStatusMachineAllowsOnlyItsMovesAndCountsTheJobsImages() {
        UserId ann = newUser("ann@example.com").id();
        JobId job = job(ann, 3);
        Image pending = images().create(NewImage.generated(ann, "a fox").job(job));
        assertEquals(ImageStatus.PENDING, pending.status());
        assertNull(pending.content());
        assertEquals(List.of(), pending.variants());
        assertEquals(List.of(), allBlobKeys());
        assertEquals(0, store.jobs().get(job).successfulImages(), "a pending image is not counted");

        clock.advance(Duration.ofSeconds(5));
        Image processing = images().startProcessing(ann, pending.id());
        assertEquals(ImageStatus.PROCESSING, processing.status());
        assertEquals(now(), processing.updatedAt());
        assertThrows(IllegalTransitionException.class, () -> images().startProcessing(ann, pending.id()));

        Image completed = images().complete(ann, pending.id(), JPEG);
        assertEquals(ImageStatus.COMPLETED, completed.status());
        assertEquals("jpeg", completed.content().format());
        assertEquals(2, completed.variants().size());
        assertEquals(completed, images().get(ann, pending.id()));
        assertEquals(1, store.jobs().get(job).successfulImages());

        List<String> blobs = allBlobKeys();
        IllegalTransitionException again = assertThrows(IllegalTransitionException.class,
                () -> images().complete(ann, pending.id(), PNG));
        assertEquals("COMPLETED", again.from());
        assertThrows(IllegalTransitionException.class, () -> images().fail(ann, pending.id(), "too late"));
        assertThrows(IllegalTransitionException.class, () -> images().startProcessing(ann, pending.id()));
        assertEquals(blobs, allBlobKeys(), "a refused move writes no blob");
        assertEquals(completed, images().get(ann, pending.id()));

        Image second = images().create(NewImage.generated(ann, "another fox").job(job));
        images().startProcessing(ann, second.id());
        Image failed = images().fail(ann, second.id(), "provider timed out");
        assertEquals(ImageStatus.FAILED, failed.status());
        assertEquals("provider timed out", failed.errorMessage());
        assertThrows(IllegalTransitionException.class, () -> images().complete(ann, second.id(), PNG));
        Job counted = store.jobs().get(job);
        assertEquals(1, counted.successfulImages());
        assertEquals(1, counted.failedImages());

        Image third = images().create(NewImage.generated(ann, "a third fox").job(job));
        assertThrows(IllegalTransitionException.class, () -> images().fail(ann, third.id(), "skipped processing"));
        assertThrows(IllegalTransitionException.class, () -> images().complete(ann, third.id(), PNG));
        assertEquals(ImageStatus.PENDING, images().get(ann, third.id()).status());
        images().startProcessing(ann, third.id());
        images().fail(ann, third.id(), "content policy");
        Image fourth = images().create(NewImage.generated(ann, "one too many").job(job));
        images().startProcessing(ann, fourth.id());
        StoreSnapshot before = snapshot();
        List<String> blobsBefore = allBlobKeys();
        assertThrows(ConflictException.class, () -> images().complete(ann, fourth.id(), PNG),
                "the job already counts all three images");
        assertThrows(ConflictException.class, () -> images().store(NewImage.generated(ann, "fifth").job(job), PNG));
        assertEquals(blobsBefore, allBlobKeys(), "the blobs written for the refused rows are gone again");
        assertUnchanged(before);
        assertEquals(ImageStatus.PROCESSING, images().get(ann, fourth.id()).status());
        assertEquals(4, all(ann, ImageFilter.all(), 10).size());
        assertInvalid("reason", () -> images().fail(ann, fourth.id(), " "));
    }

    @Test
    void concurrentImagesOfOneJobAreCountedExactlyAndNeverPastItsTotal() {
        UserId ann = newUser("ann@example.com").id();
        JobId job = job(ann, 6);
        List<Attempt<Image>> attempts = race(8, thread -> thread % 2 == 0
                ? images().store(NewImage.generated(ann, "racer " + thread).job(job), PNG)
                : images().fail(ann, processing(ann, NewImage.generated(ann, "racer " + thread).job(job)), "no luck"));
        long succeeded = attempts.stream().filter(Attempt::succeeded).count();
        assertEquals(6, succeeded, "exactly the job's total got counted");
        for (Attempt<Image> attempt : attempts) {
            if (!attempt.succeeded()) {
                assertTrue(attempt.error() instanceof ConflictException, String.valueOf(attempt.error()));
            }
        }
        Job counted = store.jobs().get(job);
        long stored = attempts.stream().filter(Attempt::succeeded).filter(a -> a.value().status() == ImageStatus.COMPLETED).count();
        assertEquals(stored, counted.successfulImages());
        assertEquals(6 - stored, counted.failedImages());
        List<Image> listed = all(ann, ImageFilter.all().job(job).statuses(ImageStatus.COMPLETED), 10);
        assertEquals(stored, listed.size());
        List<String> expectedKeys = new ArrayList<>();
        listed.forEach(image -> expectedKeys.addAll(keysOf(image)));
        expectedKeys.sort(null);
        assertEquals(expectedKeys, allBlobKeys(), "the losers' blobs are gone");
    }

    @Test
    void anotherUsersImagesAreNotReachable() {
        UserId ann = newUser("ann@example.com").id();
        UserId bob = newUser("bob@example.com").id();
        Image annsImage = images().store(NewImage.uploaded(ann, "mine.png"), PNG);
        JobId annsJob = job(ann, 5);
        List<String> blobs = allBlobKeys();

        assertAll(
                () -> assertTrue(images().find(bob, annsImage.id()).isEmpty()),
                () -> assertThrows(NotFoundException.class, () -> images().get(bob, annsImage.id())),
                () -> assertThrows(NotFoundException.class, () -> images().openContent(bob, annsImage.id())),
                () -> assertThrows(NotFoundException.class, () -> images().openVariant(bob, annsImage.id(), VariantKind.THUMBNAIL)),
                () -> assertThrows(NotFoundException.class, () -> images().delete(bob, annsImage.id())),
                () -> assertThrows(NotFoundException.class, () -> images().describe(bob, annsImage.id(), "x", null, List.of())),
                () -> assertThrows(NotFoundException.class, () -> images().recordQc(bob, annsImage.id(), QcStatus.PASSED, null)),
                () -> assertThrows(NotFoundException.class, () -> images().startProcessing(bob, annsImage.id())),
                () -> assertThrows(NotFoundException.class, () -> images().fail(bob, annsImage.id(), "no")),
                () -> assertThrows(NotFoundException.class, () -> images().complete(bob, annsImage.id(), PNG)),
                () -> assertThrows(NotFoundException.class, () -> images().store(NewImage.generated(bob, "x").job(annsJob), PNG)),
                () -> assertThrows(NotFoundException.class, () -> images().create(NewImage.generated(bob, "x").job(annsJob))),
                () -> assertEquals(List.of(), images().list(bob, ImageFilter.all(), PageRequest.first(10)).items()),
                () -> assertEquals(List.of(), images().list(bob, ImageFilter.all().job(annsJob), PageRequest.first(10)).items()),
                () -> assertEquals(new ImageStatistics(0, 0, 0, 0, 0), images().statistics(bob)));
        UserId nobody = UserId.of(UUID.randomUUID());
        assertThrows(NotFoundException.class, () -> images().store(NewImage.uploaded(nobody, "x.png"), PNG));
        assertThrows(NotFoundException.class, () -> images().list(nobody, ImageFilter.all(), PageRequest.first(5)));
        assertEquals(blobs, allBlobKeys());
        assertEquals(annsImage, images().get(ann, annsImage.id()));
        assertEquals(0, store.jobs().get(annsJob).successfulImages());
    }

    @Test
    void listingsAreNewestFirstInKeysetPagesAndFilter() {
        UserId ann = newUser("ann@example.com").id();
        UserId bob = newUser("bob@example.com").id();
        JobId jobA = job(ann, 10);
        JobId jobB = job(ann, 10);
        List<Image> made = new ArrayList<>();
        for (int i = 0; i < 22; i++) {
            clock.advance(Duration.ofMillis(1));
            NewImage image = (i % 3 == 0 ? NewImage.uploaded(ann, "u" + i + ".png") : NewImage.generated(ann, "prompt " + i))
                    .tags(i % 2 == 0 ? "even" : "odd", i % 5 == 0 ? "fives" : "other");
            if (i % 3 != 0) {
                image = image.job(i % 2 == 0 ? jobA : jobB);
            }
            Image stored = i % 4 == 3 ? images().create(image) : images().store(image, i % 2 == 0 ? PNG : JPEG);
            if (i % 7 == 0) {
                stored = images().recordQc(ann, stored.id(), QcStatus.PASSED, null);
            } else if (i % 7 == 1) {
                stored = images().recordQc(ann, stored.id(), QcStatus.FAILED, "blurry");
            }
            made.add(stored);
            images().store(NewImage.uploaded(bob, "bob" + i + ".png").tags("even"), PNG);
        }
        List<Image> newestFirst = new ArrayList<>(made);
        java.util.Collections.reverse(newestFirst);

        assertEquals(newestFirst, all(ann, ImageFilter.all(), 4));
        assertFiltered(newestFirst, ImageFilter.all().types(ImageType.UPLOADED), i -> i.type() == ImageType.UPLOADED);
        assertFiltered(newestFirst, ImageFilter.all().statuses(ImageStatus.PENDING), i -> i.status() == ImageStatus.PENDING);
        assertFiltered(newestFirst, ImageFilter.all().statuses(ImageStatus.PENDING, ImageStatus.COMPLETED), i -> true);
        assertFiltered(newestFirst, ImageFilter.all().qcStatuses(QcStatus.FAILED), i -> i.qcStatus() == QcStatus.FAILED);
        assertFiltered(newestFirst, ImageFilter.all().job(jobA), i -> jobA.equals(i.jobId()));
        assertFiltered(newestFirst, ImageFilter.all().tag("FIVES"), i -> i.tags().contains("fives"));
        assertFiltered(newestFirst, ImageFilter.all().tag("even").types(ImageType.GENERATED).statuses(ImageStatus.COMPLETED),
                i -> i.tags().contains("even") && i.type() == ImageType.GENERATED && i.status() == ImageStatus.COMPLETED);
        assertFiltered(newestFirst, ImageFilter.all().tag("nope"), i -> false);
        assertEquals("blurry", all(ann, ImageFilter.all().qcStatuses(QcStatus.FAILED), 2).get(0).qcReason());

        Page<Image> first = images().list(ann, ImageFilter.all(), PageRequest.first(3));
        images().store(NewImage.uploaded(ann, "late.png"), PNG);
        Page<Image> second = images().list(ann, ImageFilter.all(), first.next(3).orElseThrow());
        assertEquals(newestFirst.subList(3, 6), second.items(), "an image added after the first page does not shift the next");
        assertInvalid("cursor", () -> images().list(ann, ImageFilter.all(), PageRequest.after("bm9wZQ", 3)));
    }

    private void assertFiltered(List<Image> newestFirst, ImageFilter filter, Predicate<Image> expected) {
        List<Image> want = newestFirst.stream().filter(expected).toList();
        assertEquals(want, all(newestFirst.get(0).owner(), filter, 3), filter.toString());
    }

    @Test
    void statisticsCountTypesTokensAndStoredBytes() {
        UserId ann = newUser("ann@example.com").id();
        Image a = images().store(NewImage.generated(ann, "one").tokensUsed(5), PNG);
        Image b = images().store(NewImage.generated(ann, "two").tokensUsed(3), JPEG);
        Image c = images().store(NewImage.uploaded(ann, "three.png"), PNG);
        images().create(NewImage.generated(ann, "pending").tokensUsed(2));
        long bytes = 0;
        for (Image image : List.of(a, b, c)) {
            bytes += image.content().bytes() + image.variants().stream().mapToLong(Variant::bytes).sum();
        }
        assertEquals(new ImageStatistics(4, 3, 1, 10, bytes), images().statistics(ann));
    }

    @Test
    void deletingAnImageDeletesItsVariantsAndBlobs() {
        UserId ann = newUser("ann@example.com").id();
        Image keep = images().store(NewImage.uploaded(ann, "keep.png"), PNG);
        Image gone = images().store(NewImage.uploaded(ann, "gone.jpg"), JPEG);
        images().delete(ann, gone.id());
        assertTrue(images().find(ann, gone.id()).isEmpty());
        assertThrows(NotFoundException.class, () -> images().delete(ann, gone.id()));
        for (String key : keysOf(gone)) {
            assertFalse(store.blobs().exists(key), key);
        }
        List<String> remaining = new ArrayList<>(keysOf(keep));
        remaining.sort(null);
        assertEquals(remaining, allBlobKeys());
        assertTrue(images().sweep(Duration.ZERO, false).isClean());
    }

    @Test
    void deletingAUserDeletesAllTheirImagesAndBlobs() {
        UserId ann = newUser("ann@example.com").id();
        UserId bob = newUser("bob@example.com").id();
        JobId job = job(ann, 5);
        images().store(NewImage.generated(ann, "one").job(job), PNG);
        images().store(NewImage.uploaded(ann, "two.jpg"), JPEG);
        images().create(NewImage.generated(ann, "pending"));
        store.blobs().put(BlobKeys.of("genstore/images", ann, now(), "stray.bin"), new byte[] {1, 2, 3}, "application/octet-stream");
        Image bobs = images().store(NewImage.uploaded(bob, "bob.png"), PNG);

        store.accounts().delete(ann);
        List<String> bobsKeys = new ArrayList<>(keysOf(bobs));
        bobsKeys.sort(null);
        assertEquals(bobsKeys, allBlobKeys(), "only bob's blobs are left");
        assertEquals(bobs, images().get(bob, bobs.id()));
        assertTrue(images().sweep(Duration.ZERO, false).isClean());
    }

    @Test
    void aStoreThatRollsBackLeavesNeitherRowsNorBlobs() {
        UserId ann = newUser("ann@example.com").id();
        Image kept = images().store(NewImage.uploaded(ann, "kept.png"), PNG);
        StoreSnapshot before = snapshot();
        List<String> blobs = allBlobKeys();

        IllegalStateException boom = assertThrows(IllegalStateException.class, () -> store.useTransaction(tx -> {
            Image inside = tx.images().store(NewImage.uploaded(ann, "doomed.png"), PNG);
            assertEquals(inside, tx.images().get(ann, inside.id()));
            throw new IllegalStateException("boom");
        }));
        assertEquals("boom", boom.getMessage());
        assertUnchanged(before);
        assertEquals(blobs, allBlobKeys(), "the blobs of the rolled-back image are deleted");
        assertEquals(List.of(kept), all(ann, ImageFilter.all(), 5));

        assertThrows(IllegalStateException.class, () -> store.useTransaction(tx -> {
            tx.images().delete(ann, kept.id());
            throw new IllegalStateException("changed my mind");
        }));
        assertEquals(kept, images().get(ann, kept.id()), "a rolled-back delete keeps the image");
        assertArrayEquals(PNG, read(images().openContent(ann, kept.id())), "and its blobs");
        for (String key : keysOf(kept)) {
            assertTrue(store.blobs().exists(key), key);
        }
        JobId unknownJob = JobId.of(UUID.randomUUID());
        assertThrows(NotFoundException.class, () -> images().store(NewImage.generated(ann, "x").job(unknownJob), PNG));
        assertEquals(blobs, allBlobKeys());
        assertTrue(images().sweep(Duration.ZERO, false).isClean());
    }

    @Test
    void qualityChecksAndDescriptionsChange() {
        UserId ann = newUser("ann@example.com").id();
        Image image = images().store(NewImage.generated(ann, "x").title("Old").tags("a"), PNG);
        clock.advance(Duration.ofMinutes(1));
        Image described = images().describe(ann, image.id(), "New title", "A\ndescription", List.of("B", "c", "b"));
        assertEquals("New title", described.title());
        assertEquals(List.of("b", "c"), described.tags());
        assertEquals(now(), described.updatedAt());
        assertEquals(described, images().get(ann, image.id()));
        Image cleared = images().describe(ann, image.id(), null, null, List.of());
        assertNull(cleared.title());
        assertEquals(List.of(), cleared.tags());
        assertEquals(List.of(), all(ann, ImageFilter.all().tag("b"), 5));

        assertInvalid("reason", () -> images().recordQc(ann, image.id(), QcStatus.FAILED, null));
        Image failed = images().recordQc(ann, image.id(), QcStatus.FAILED, "watermark visible");
        assertEquals(QcStatus.FAILED, failed.qcStatus());
        assertEquals("watermark visible", failed.qcReason());
        Image passed = images().recordQc(ann, image.id(), QcStatus.PASSED, null);
        assertNull(passed.qcReason());
        assertEquals(passed, images().get(ann, image.id()));
        assertNotEquals(image.updatedAt(), passed.updatedAt());
    }

    @Test
    void theSweepFindsAndRepairsDisagreementsBetweenRowsAndBlobs() {
        UserId ann = newUser("ann@example.com").id();
        Image whole = images().store(NewImage.uploaded(ann, "whole.png"), PNG);
        Image lostThumbnail = images().store(NewImage.uploaded(ann, "thumb.png"), PNG);
        Image lostOriginal = images().store(NewImage.uploaded(ann, "orig.jpg"), JPEG);
        assertTrue(images().sweep(Duration.ZERO, false).isClean());

        String orphan = BlobKeys.of("genstore/images", ann, now().minusSeconds(7200), "orphan.png");
        store.blobs().put(orphan, PNG, "image/png");
        String fresh = BlobKeys.of("genstore/images", ann, now(), "in-flight.png");
        store.blobs().put(fresh, PNG, "image/png");
        store.blobs().put("other/not-ours.bin", new byte[] {1}, "application/octet-stream");
        String thumbnailKey = lostThumbnail.variant(VariantKind.THUMBNAIL).orElseThrow().storageKey();
        store.blobs().delete(thumbnailKey);
        store.blobs().delete(lostOriginal.content().storageKey());

        BlobSweepReport report = images().sweep(Duration.ofHours(1), false);
        assertFalse(report.repaired());
        assertEquals(List.of(orphan), report.orphanBlobs(), "a blob younger than the grace period may be a store in progress");
        Set<BlobSweepReport.MissingBlob> missing = Set.of(
                new BlobSweepReport.MissingBlob(lostThumbnail.id(), VariantKind.THUMBNAIL, thumbnailKey),
                new BlobSweepReport.MissingBlob(lostOriginal.id(), null, lostOriginal.content().storageKey()));
        assertEquals(missing, Set.copyOf(report.missingBlobs()));
        assertTrue(store.blobs().exists(orphan), "a report deletes nothing");

        assertEquals(List.of(orphan, fresh), images().sweep(Duration.ZERO, false).orphanBlobs());
        BlobSweepReport repaired = images().sweep(Duration.ZERO, true);
        assertTrue(repaired.repaired());
        assertFalse(store.blobs().exists(orphan));
        assertFalse(store.blobs().exists(fresh));
        assertTrue(store.blobs().exists("other/not-ours.bin"), "blobs outside the images prefix are not the sweep's");
        assertTrue(images().find(ann, lostOriginal.id()).isEmpty(), "an image whose original is gone is deleted");
        for (Variant variant : lostOriginal.variants()) {
            assertFalse(store.blobs().exists(variant.storageKey()));
        }
        Image repairedImage = images().get(ann, lostThumbnail.id());
        assertEquals(List.of(VariantKind.WEB), repairedImage.variants().stream().map(Variant::kind).toList());
        assertEquals(whole, images().get(ann, whole.id()));
        assertTrue(images().sweep(Duration.ZERO, false).isClean());
    }

    @Test
    void theImageServiceRefusesNullsAndBadFields() {
        UserId ann = newUser("ann@example.com").id();
        Image image = images().store(NewImage.uploaded(ann, "x.png"), PNG);
        ImageId id = image.id();
        StoreSnapshot before = snapshot();
        List<String> blobs = allBlobKeys();
        assertAll(
                () -> assertInvalid("image", () -> images().store(null, PNG)),
                () -> assertInvalid("content", () -> images().store(NewImage.uploaded(ann, "a.png"), (byte[]) null)),
                () -> assertInvalid("content", () -> images().store(NewImage.uploaded(ann, "a.png"), (InputStream) null)),
                () -> assertInvalid("owner", () -> images().store(NewImage.uploaded(null, "a.png"), PNG)),
                () -> assertInvalid("type", () -> images().store(new NewImage(ann, null, null, null, null, null, List.of(),
                        null, null, null, ProcessingSettings.NONE, Map.of(), 0), PNG)),
                () -> assertInvalid("tags", () -> images().store(NewImage.uploaded(ann, "a.png").tags("ok", null), PNG)),
                () -> assertInvalid("tags", () -> images().store(NewImage.uploaded(ann, "a.png").tags((String[]) null), PNG)),
                () -> assertInvalid("tags", () -> images().store(NewImage.uploaded(ann, "a.png").tags("x".repeat(65)), PNG)),
                () -> assertInvalid("title", () -> images().store(NewImage.uploaded(ann, "a.png").title("a\u0000b"), PNG)),
                () -> assertInvalid("tokensUsed", () -> images().store(NewImage.uploaded(ann, "a.png").tokensUsed(-1), PNG)),
                () -> assertInvalid("metadata", () -> images().store(NewImage.uploaded(ann, "a.png").metadata(null), PNG)),
                () -> assertInvalid("metadata", () -> images().store(NewImage.uploaded(ann, "a.png")
                        .metadata(Map.of("thread", new Object())), PNG)),
                () -> assertInvalid("processingSettings", () -> images().store(NewImage.uploaded(ann, "a.png")
                        .processingSettings(null), PNG)),
                () -> assertInvalid("image", () -> images().create(null)),
                () -> assertInvalid("owner", () -> images().find(null, id)),
                () -> assertInvalid("imageId", () -> images().find(ann, null)),
                () -> assertInvalid("owner", () -> images().get(null, id)),
                () -> assertInvalid("imageId", () -> images().startProcessing(ann, null)),
                () -> assertInvalid("content", () -> images().complete(ann, id, null)),
                () -> assertInvalid("reason", () -> images().fail(ann, id, null)),
                () -> assertInvalid("tags", () -> images().describe(ann, id, "t", null, null)),
                () -> assertInvalid("status", () -> images().recordQc(ann, id, null, null)),
                () -> assertInvalid("imageId", () -> images().openContent(ann, null)),
                () -> assertInvalid("kind", () -> images().openVariant(ann, id, null)),
                () -> assertInvalid("imageId", () -> images().delete(ann, null)),
                () -> assertInvalid("filter", () -> images().list(ann, null, PageRequest.first(5))),
                () -> assertInvalid("page", () -> images().list(ann, ImageFilter.all(), null)),
                () -> assertInvalid("types", () -> ImageFilter.all().types((ImageType) null)),
                () -> assertInvalid("tags", () -> images().list(ann, ImageFilter.all().tag(" "), PageRequest.first(5))),
                () -> assertInvalid("owner", () -> images().statistics(null)),
                () -> assertInvalid("grace", () -> images().sweep(null, false)),
                () -> assertInvalid("grace", () -> images().sweep(Duration.ofSeconds(-1), false)),
                () -> assertInvalid("imageId", () -> ImageId.of(null)),
                () -> assertInvalid("imageId", () -> ImageId.parse("nope")),
                () -> assertInvalid("extras", () -> new ProcessingSettings(null, null, null, null, null, null, null, null,
                        null, null, null, Map.of("sharpening", 1))));
        assertUnchanged(before);
        assertEquals(blobs, allBlobKeys());
        assertEquals(image, images().get(ann, id));
    }

    /** A new image moved to PROCESSING, ready to complete or fail. */
    private ImageId processing(UserId owner, NewImage image) {
        ImageId id = images().create(image).id();
        images().startProcessing(owner, id);
        return id;
    }
}
