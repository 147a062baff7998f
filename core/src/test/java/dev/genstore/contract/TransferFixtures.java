package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.Genstore;
import dev.genstore.accounts.ExternalIdentity;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.User;
import dev.genstore.accounts.UserId;
import dev.genstore.accounts.UserUpdate;
import dev.genstore.budget.BudgetPeriod;
import dev.genstore.budget.Cost;
import dev.genstore.budget.LimitSpec;
import dev.genstore.budget.NewSpend;
import dev.genstore.cache.NewCacheEntry;
import dev.genstore.images.Image;
import dev.genstore.images.ImageId;
import dev.genstore.images.NewImage;
import dev.genstore.jobs.ClaimedJob;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobConfiguration;
import dev.genstore.jobs.NewJob;
import dev.genstore.jobs.RateLimit;
import dev.genstore.paging.PageRequest;
import dev.genstore.qa.CheckResult;
import dev.genstore.transfer.TransferListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Data in every area of a store, for the transfer tests (also the cross-backend ones), and a comparison of two stores
 * through their exports.
 */
public final class TransferFixtures {
    private TransferFixtures() {
    }

    /**
     * What {@link #fill} made.
     *
     * @param ann        a user with an identity, a role, tokens, jobs, an image with variants and a failed check
     * @param image      ann's completed image
     * @param content    its original bytes
     * @param jobs       how many jobs ann has
     * @param cacheBytes the content of the cache entry
     */
    public record Filled(UserId ann, ImageId image, byte[] content, int jobs, byte[] cacheBytes) {
    }

    /** Writes data into every table of {@code store}: users to cache counters, with blobs. */
    public static Filled fill(Genstore store, MutableClock clock) {
        User ann = store.accounts().findOrCreate(ExternalIdentity.of("github", "ann-42"), NewUser.withEmail("ann@example.com"));
        store.accounts().addRole(ann.id(), "admin");
        store.accounts().update(ann.id(), UserUpdate.change().displayName("Ann Ängström"));
        UserId bob = store.accounts().create(NewUser.withEmail("bob@example.com").givenName("Bob").familyName("Müller")).id();
        store.otp().issue("ann@example.com");
        store.ledger().credit(ann.id(), 1_000, "PURCHASE", "order-1");
        store.ledger().credit(bob, 50, "BONUS", "bonus-bob");
        store.ledger().debit(bob, 20, "SPEND", "spend-bob");
        store.ledger().hold(ann.id(), 5, "RESERVE", "reserve-1", Duration.ofHours(1));
        clock.advance(Duration.ofSeconds(1));

        JobConfiguration configuration = store.jobs().createConfiguration(ann.id(), "portrait",
                Map.of("steps", 30, "scale", 7.5, "big", 1.0E7));
        store.queue().limitProvider("openai", 2);
        store.queue().setRateLimit("openai", RateLimit.of(100, Duration.ofHours(1))); // the claim below logs one claim
        Job first = store.jobs().submit(NewJob.of(ann.id(), "a cat on a mat", "openai", "dall-e-3")
                .parameters(Map.of("size", "1024x1024", "n", 1)).tokenCost(10).totalImages(2)
                .configuration(configuration.id()).idempotencyKey("job-1"));
        store.jobs().submit(NewJob.of(ann.id(), "a dog", "openai", "dall-e-3").tokenCost(7));
        ClaimedJob claimed = store.queue().claim("worker-1", 1, Duration.ofMinutes(5)).get(0);
        assertEquals(first.id(), claimed.id());
        byte[] content = TestImages.photoPng(96, 64, 7);
        Image image = store.images().store(NewImage.generated(ann.id(), "a cat on a mat").job(first.id())
                .tags("cat", "pet").metadata(Map.of("provider", "openai", "cost", 0.04)).seed(42).model("dall-e-3"), content);
        clock.advance(Duration.ofSeconds(2));
        store.queue().complete(claimed.id(), claimed.fencingToken(), 1, 1);
        Image other = store.images().store(NewImage.uploaded(ann.id(), "Holiday Photo.jpg"), TestImages.photoJpeg(40, 30, 3));

        store.budgets().setLimit(LimitSpec.provider("openai", BudgetPeriod.DAILY, Cost.usd(10_000_000)));
        store.budgets().record(NewSpend.of("openai", "dall-e-3", Cost.usd(6_000_000)).user(ann.id()).job(first.id()));
        store.budgets().authorize("openai", "dall-e-3", Cost.usd(1_000_000));

        store.prompts().record("A  cat on a MAT", "dall-e-3", TestImages.photoPng(80, 80, 9));
        store.prompts().record("a cat on a mat", "sdxl");
        store.prompts().record("東京の夜景", "sdxl");

        byte[] cacheBytes = {1, 2, 3, 4, 5};
        store.cache().put(NewCacheEntry.of("traits", "owl", Map.of("seed", 1), "image/png").sourceImage(ann.id(), other.id()), cacheBytes);
        store.cache().put(NewCacheEntry.of("traits", "wren", Map.of("seed", 1), "image/png"), new byte[] {7, 8});
        store.cache().get("traits", "owl", Map.of("seed", 1));
        store.cache().get("traits", "missing", Map.of("seed", 1));
        store.cache().flushAccesses();

        clock.advance(Duration.ofSeconds(3));
        store.qa().record(ann.id(), image.id(), "clip", CheckResult.failed(0.2, Map.of("aesthetic", 0.2), "blurry"));
        int jobs = store.jobs().history(ann.id(), Set.of(), PageRequest.first(100)).items().size();
        assertEquals(3, jobs, "two jobs and a regeneration");
        return new Filled(ann.id(), image.id(), content, jobs, cacheBytes);
    }

    /** Checks that {@code target} answers like the store {@link #fill} filled: derived structures included. */
    public static void assertLooksFilled(Genstore target, Filled filled) {
        assertEquals("Ann Ängström", target.accounts().get(filled.ann()).displayName());
        assertEquals(filled.ann(), target.accounts().findByIdentity(ExternalIdentity.of("github", "ann-42")).orElseThrow().id());
        try (InputStream in = target.images().openContent(filled.ann(), filled.image())) {
            assertTrue(Arrays.equals(filled.content(), in.readAllBytes()), "image content");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(filled.jobs(), target.jobs().history(filled.ann(), Set.of(), PageRequest.first(100)).items().size());
        // The full-text index is derived (FTS5 triggers, a generated tsvector): it must find the copied prompts.
        assertEquals(1, target.prompts().search("cat mat", null, PageRequest.first(10)).items().size());
        assertEquals(1, target.prompts().search("東京", null, PageRequest.first(10)).items().size());
        assertFalse(target.cache().hasChanged("traits", "owl", Map.of("seed", 1)));
        assertFalse(target.cache().hasChanged("traits", "wren", Map.of("seed", 1)));
        assertTrue(target.prompts().thumbnail(target.prompts().findByText("a cat on a mat").orElseThrow().id()).isPresent());
        assertEquals(List.of(), target.ledger().verify());
    }

    /**
     * Every table's rows and every blob of {@code store}, as the lines of an export, sorted (backends order text keys
     * by their own collations). Two stores with equal contents give equal maps.
     */
    public static Map<String, List<String>> contents(Genstore store, Path scratch) {
        Path directory = scratch.resolve("contents-" + System.nanoTime());
        store.exportTo(directory, TransferListener.none());
        Map<String, List<String>> contents = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory.resolve("tables"))) {
            for (Path file : files.toList()) {
                contents.put(file.getFileName().toString(), sorted(Files.readAllLines(file)));
            }
            contents.put("blobs.jsonl", sorted(Files.readAllLines(directory.resolve("blobs.jsonl"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return contents;
    }

    private static List<String> sorted(List<String> lines) {
        List<String> copy = new ArrayList<>(lines);
        copy.sort(null);
        return copy;
    }
}
