package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.accounts.UserId;
import dev.genstore.errors.ConflictException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.images.Image;
import dev.genstore.images.ImageContent;
import dev.genstore.images.ImageFilter;
import dev.genstore.images.ImageStatus;
import dev.genstore.images.ImageTooLargeException;
import dev.genstore.images.NewImage;
import dev.genstore.images.StoredContent;
import dev.genstore.images.VariantKind;
import dev.genstore.ops.IntegrityProblem;
import dev.genstore.jobs.ClaimedJob;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobStatus;
import dev.genstore.jobs.NewJob;
import dev.genstore.paging.PageRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Images registered from blobs the application already stored (seed 003's {@code attachAssetToJob}): recorded without
 * reading or decoding the bytes, checked for shape and for the blob's existence and size, scoped by owner; and images
 * recorded for a job after it succeeded.
 */
public abstract class ImageRegistrationContract extends StoreContract {
    private static final String KEY = "users/123/jobs/456/image.webp";
    /** Not an image at all: registering never reads it, so it is accepted as the caller describes it. */
    private static final byte[] OPAQUE = "bytes the provider sent, never decoded".getBytes(StandardCharsets.UTF_8);

    private StoredContent webp(String key) {
        return StoredContent.of(key, "image/webp", OPAQUE.length, 1024, 768);
    }

    private List<Image> imagesOf(UserId owner) {
        return store.images().list(owner, ImageFilter.all(), PageRequest.first(100)).items();
    }

    private static byte[] read(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aStoredBlobIsRegisteredWithoutBeingRead() {
        UserId ann = newUser("ann@example.com").id();
        store.blobs().put(KEY, OPAQUE, "image/webp");

        Image image = store.images().register(NewImage.generated(ann, "a beautiful landscape").title("Beautiful Landscape")
                .metadata(Map.of("steps", 20)), webp(KEY));

        assertEquals(ImageStatus.COMPLETED, image.status());
        assertEquals(new ImageContent("webp", 1024, 768, OPAQUE.length, null, KEY), image.content());
        assertEquals("image/webp", image.content().contentType());
        assertNull(image.content().sha256(), "no SHA-256: the bytes were not read");
        assertEquals(List.of(), image.variants(), "nothing was decoded to make variants from");
        assertEquals(now(), image.createdAt());
        assertEquals(image, store.images().get(ann, image.id()));
        assertEquals(List.of(image), imagesOf(ann));
        assertArrayEquals(OPAQUE, read(store.images().openContent(ann, image.id())));
        assertThrows(NotFoundException.class, () -> store.images().openVariant(ann, image.id(), VariantKind.THUMBNAIL));
        assertEquals(List.of(), store.operations().verify().problemsOf(IntegrityProblem.BLOB_MISSING));

        store.images().delete(ann, image.id());
        assertFalse(store.blobs().exists(KEY), "the image owned the blob from its registration on");
    }

    @Test
    void aMissingBlobIsNotFoundAndNothingIsRecorded() {
        UserId ann = newUser("ann@example.com").id();
        StoreSnapshot before = snapshot();
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> store.images().register(NewImage.uploaded(ann, "a.webp"), webp("users/123/missing.webp")));
        assertEquals("blob", e.entity());
        assertEquals("users/123/missing.webp", e.id());
        assertUnchanged(before);
        assertEquals(List.of(), imagesOf(ann));
    }

    @Test
    void badDescriptionsAreRefusedBeforeAnythingIsWritten() {
        UserId ann = newUser("ann@example.com").id();
        store.blobs().put(KEY, OPAQUE, "image/webp");
        NewImage image = NewImage.uploaded(ann, "a.webp");
        StoreSnapshot before = snapshot();
        assertAll(
                () -> assertInvalid("storageKey", () -> store.images().register(image, webp("../etc/passwd"))),
                () -> assertInvalid("storageKey", () -> store.images().register(image, webp(null))),
                () -> assertInvalid("mimeType", () -> store.images().register(image,
                        StoredContent.of(KEY, "text/plain", OPAQUE.length, 10, 10))),
                () -> assertInvalid("mimeType", () -> store.images().register(image,
                        StoredContent.of(KEY, null, OPAQUE.length, 10, 10))),
                () -> assertInvalid("bytes", () -> store.images().register(image, StoredContent.of(KEY, "image/webp", 0, 10, 10))),
                () -> assertInvalid("bytes", () -> store.images().register(image,
                        StoredContent.of(KEY, "image/webp", OPAQUE.length + 1, 10, 10))),
                () -> assertInvalid("width", () -> store.images().register(image,
                        StoredContent.of(KEY, "image/webp", OPAQUE.length, 0, 10))),
                () -> assertInvalid("height", () -> store.images().register(image,
                        StoredContent.of(KEY, "image/webp", OPAQUE.length, 10, -1))),
                () -> assertThrows(ImageTooLargeException.class, () -> store.images().register(image,
                        StoredContent.of(KEY, "image/webp", OPAQUE.length, 100_000, 100_000))),
                () -> assertInvalid("content", () -> store.images().register(image, null)));
        assertUnchanged(before);
        assertEquals(List.of(), imagesOf(ann));
        assertTrue(store.blobs().exists(KEY));
    }

    @Test
    void registrationIsScopedByOwnerAndOneBlobIsOneImage() {
        UserId ann = newUser("ann@example.com").id();
        UserId bob = userWithTokens("bob@example.com", 10);
        store.blobs().put(KEY, OPAQUE, "image/webp");
        Job bobsJob = store.jobs().submit(NewJob.of(bob, "bob's", "imagegen", "m"));

        assertThrows(NotFoundException.class,
                () -> store.images().register(NewImage.generated(ann, "x").job(bobsJob.id()), webp(KEY)));
        Image image = store.images().register(NewImage.uploaded(ann, "a.webp"), webp(KEY));
        assertThrows(NotFoundException.class, () -> store.images().get(bob, image.id()));
        assertEquals(List.of(), imagesOf(bob));

        ConflictException twice = assertThrows(ConflictException.class,
                () -> store.images().register(NewImage.uploaded(bob, "b.webp"), webp(KEY)));
        assertTrue(twice.getMessage().contains(KEY), twice.getMessage());
        assertEquals(List.of(image), imagesOf(ann));
    }

    @Test
    void imagesRecordedAfterTheJobSucceededCountAmongItsSuccessfulImages() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Job job = store.jobs().submit(NewJob.of(ann, "a lighthouse", "imagegen", "m").tokenCost(10).totalImages(3));
        ClaimedJob claimed = store.queue().claim("worker-1", 1, Duration.ofMinutes(5)).get(0);
        for (String name : List.of("one", "two", "three")) {
            store.blobs().put("users/ann/" + name + ".webp", OPAQUE, "image/webp");
        }

        // Seed 003's order: the job is marked SUCCEEDED, then its assets are attached.
        Job done = store.queue().complete(claimed.id(), claimed.fencingToken(), 2, 1);
        assertEquals(JobStatus.SUCCEEDED, done.status());
        Image first = store.images().register(NewImage.generated(ann, "a lighthouse").job(job.id()), webp("users/ann/one.webp"));
        Image second = store.images().store(NewImage.generated(ann, "a lighthouse").job(job.id()), TestImages.photoPng(16, 16, 3));
        assertEquals(job.id(), first.jobId());
        assertEquals(job.id(), second.jobId());
        Job after = store.jobs().get(job.id());
        assertEquals(List.of(2, 1), List.of(after.successfulImages(), after.failedImages()), "complete() set the counts");
        assertEquals(done.completedAt(), after.completedAt());

        ConflictException beyond = assertThrows(ConflictException.class, () -> store.images().register(
                NewImage.generated(ann, "a lighthouse").job(job.id()), webp("users/ann/three.webp")));
        assertTrue(beyond.getMessage().contains("before completing"), "says which order works: " + beyond.getMessage());
        assertEquals(2, store.images().list(ann, ImageFilter.all().job(job.id()), PageRequest.first(10)).items().size());
        assertTrue(store.operations().verify().problemsOf(IntegrityProblem.JOB_COUNTERS).isEmpty());
    }

    @Test
    void imagesRecordedWhileTheJobRunsAreCounted() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Job job = store.jobs().submit(NewJob.of(ann, "a lighthouse", "imagegen", "m").tokenCost(10).totalImages(2));
        ClaimedJob claimed = store.queue().claim("worker-1", 1, Duration.ofMinutes(5)).get(0);
        store.blobs().put(KEY, OPAQUE, "image/webp");

        store.images().register(NewImage.generated(ann, "a lighthouse").job(job.id()), webp(KEY));
        assertEquals(1, store.jobs().get(job.id()).successfulImages());
        store.queue().complete(claimed.id(), claimed.fencingToken(), 1, 0);
        assertEquals(1, store.jobs().get(job.id()).successfulImages());
    }
}
