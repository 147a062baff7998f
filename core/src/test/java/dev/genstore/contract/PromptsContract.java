package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.Genstore;
import dev.genstore.blobs.BlobInfo;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.images.InvalidImageException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import dev.genstore.prompts.BrokenImage;
import dev.genstore.prompts.Prompt;
import dev.genstore.prompts.PromptId;
import dev.genstore.prompts.PromptNormalizer;
import dev.genstore.prompts.PromptStatistics;
import dev.genstore.prompts.PromptThumbnail;
import dev.genstore.prompts.PromptThumbnailStorage;
import dev.genstore.prompts.Prompts;
import dev.genstore.prompts.RecordedUse;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The prompt library: normalization, counting uses, search (CJK and hostile queries too), listings, cleanup, races. */
public abstract class PromptsContract extends StoreContract {
    private static final int THREADS = 8;

    /** Every item of a paged listing, checking that pages neither repeat nor overflow. */
    private static List<Prompt> all(Function<PageRequest, Page<Prompt>> listing, int pageSize) {
        List<Prompt> items = new ArrayList<>();
        Set<PromptId> seen = new HashSet<>();
        PageRequest request = PageRequest.first(pageSize);
        for (int pages = 0; ; pages++) {
            assertTrue(pages < 10_000, "listing does not end");
            Page<Prompt> page = listing.apply(request);
            assertTrue(page.items().size() <= pageSize);
            for (Prompt prompt : page.items()) {
                assertTrue(seen.add(prompt.id()), "listed twice: " + prompt.text());
                items.add(prompt);
            }
            if (!page.hasNext()) {
                return items;
            }
            request = page.next(pageSize).orElseThrow();
        }
    }

    private List<String> search(String query) {
        return all(p -> store.prompts().search(query, null, p), 2).stream().map(Prompt::text).toList();
    }

    private static Set<String> set(List<String> texts) {
        return new HashSet<>(texts);
    }

    @Test
    void spellingsThatNormalizeAlikeAreOnePrompt() throws Exception {
        Prompts prompts = store.prompts();
        assertEquals("a cat in the rain", PromptNormalizer.normalize("  A\u00A0Cat \t in\n\nTHE rain \u3000"));
        assertEquals("fullwidth 12", PromptNormalizer.normalize("ＦＵＬＬＷＩＤＴＨ １２"));
        assertEquals(PromptNormalizer.normalize("STRASSE"), PromptNormalizer.normalize("Straße"));

        Prompt first = prompts.record("  A Cat in the Rain ", "sdxl");
        assertEquals("A Cat in the Rain", first.text());
        assertEquals("a cat in the rain", first.normalized());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("a cat in the rain".getBytes(StandardCharsets.UTF_8)));
        assertEquals(sha, first.hash());
        assertEquals(1, first.totalUses());
        assertEquals(now(), first.firstUsedAt());
        assertEquals(now(), first.lastUsedAt());

        clock.advance(Duration.ofMinutes(5));
        Prompt again = prompts.record("a  CAT in the\train", "dall-e-3");
        clock.advance(Duration.ofMinutes(5));
        Prompt third = prompts.record("Ａ cat IN the rain", "sdxl");
        assertEquals(first.id(), again.id());
        assertEquals(first.id(), third.id());
        assertEquals(3, third.totalUses());
        assertEquals(first.firstUsedAt(), third.firstUsedAt());
        assertEquals(now(), third.lastUsedAt());
        assertEquals("A Cat in the Rain", third.text(), "the first spelling is kept");
        assertEquals(Map.of("sdxl", 2L, "dall-e-3", 1L), prompts.modelUses(first.id()));
        assertEquals(third, prompts.find(first.id()).orElseThrow());
        assertEquals(third, prompts.findByText("A CAT IN THE RAIN").orElseThrow());
        assertTrue(prompts.findByText("a dog").isEmpty());
        assertThrows(NotFoundException.class, () -> prompts.modelUses(PromptId.of(UUID.randomUUID())));
    }

    @Test
    void searchFindsEveryWordRankedByRelevance() {
        Prompts prompts = store.prompts();
        prompts.record("cat", "sdxl");
        prompts.record("a watercolor painting of a cat sitting on a windowsill at dusk with rain outside", "sdxl");
        prompts.record("a dog in the park", "dall-e-3");
        prompts.record("Cats and dogs, oil painting", "dall-e-3");
        prompts.record("portrait of a cat, oil painting", "midjourney");

        List<String> cats = search("CAT");
        assertEquals(set(List.of("cat", "a watercolor painting of a cat sitting on a windowsill at dusk with rain outside",
                "portrait of a cat, oil painting", "Cats and dogs, oil painting")), set(cats), "a word finds its prefix too");
        assertEquals("cat", cats.get(0), "the prompt that is nothing but the word ranks first");
        assertEquals(set(List.of("portrait of a cat, oil painting", "Cats and dogs, oil painting")), set(search("oil cat")));
        assertEquals(List.of("portrait of a cat, oil painting"), search("oil cat portrait"));
        assertEquals(set(List.of("Cats and dogs, oil painting", "portrait of a cat, oil painting")), set(search("oil painting")));
        assertEquals(List.of(), search("giraffe"));
        assertEquals(List.of("portrait of a cat, oil painting"),
                all(p -> prompts.search("painting", "midjourney", p), 1).stream().map(Prompt::text).toList());
        assertEquals(List.of("Cats and dogs, oil painting"),
                all(p -> prompts.search("cat", "dall-e-3", p), 1).stream().map(Prompt::text).toList(),
                "the model filter keeps only that model's prompts; \"cat\" finds \"Cats\" by prefix");
        assertEquals(List.of(), all(p -> prompts.search("dog", "midjourney", p), 1));
    }

    @Test
    void chineseAndJapanesePromptsAreFoundByATwoCharacterWord() {
        Prompts prompts = store.prompts();
        prompts.record("赛博朋克风格的城市夜景", "sdxl");
        prompts.record("水墨画风格的山水", "sdxl");
        prompts.record("桜の木の下で眠る猫", "sdxl");
        prompts.record("東京の夜景、ネオン", "sdxl");
        prompts.record("a neon city at night", "sdxl");

        assertEquals(List.of("赛博朋克风格的城市夜景"), search("城市"));
        assertEquals(List.of("赛博朋克风格的城市夜景"), search("朋克"));
        assertEquals(set(List.of("赛博朋克风格的城市夜景", "水墨画风格的山水")), set(search("风格")));
        assertEquals(set(List.of("赛博朋克风格的城市夜景", "東京の夜景、ネオン")), set(search("夜景")));
        assertEquals(List.of("桜の木の下で眠る猫"), search("眠る"));
        assertEquals(List.of("桜の木の下で眠る猫"), search("猫"));
        assertEquals(List.of("桜の木の下で眠る猫"), search("木の下"));
        assertEquals(List.of("東京の夜景、ネオン"), search("ネオン"));
        assertEquals(List.of("東京の夜景、ネオン"), search("東京 ネオン"));
        assertEquals(List.of(), search("京都"));
        assertEquals(List.of("a neon city at night"), search("NEON"));
    }

    @Test
    void queriesAreDataNeverSyntax() {
        Prompts prompts = store.prompts();
        prompts.record("a \"quoted\" cat OR dog NEAR the tree: 100% & more (really) *stars*", "sdxl");
        prompts.record("plain landscape", "sdxl");
        prompts.record("Robert'); DROP TABLE prompts;-- portrait", "sdxl");
        String hostile = "a \"quoted\" cat OR dog NEAR the tree: 100% & more (really) *stars*";
        for (String query : List.of("\"quoted\"", "cat OR dog", "NEAR", "NEAR(cat dog)", "tree:", "100%", "& more",
                "(really)", "*stars*", "stars*", "-dog", "^cat", "cat:*", "'quoted'", "quoted\\")) {
            assertEquals(List.of(hostile), search(query), "query " + query);
        }
        assertEquals(List.of("Robert'); DROP TABLE prompts;-- portrait"), search("'); DROP TABLE prompts;--"));
        assertEquals(List.of(), search("x' OR '1'='1"));
        for (String wordless : List.of("\"", "*", "()", "%", "_", "' --", ":", "&&", "|", "\\", "!!!")) {
            assertEquals(new Page<>(List.of(), null), prompts.search(wordless, null, PageRequest.first(5)), wordless);
        }
        assertEquals(3, prompts.statistics().prompts(), "nothing was dropped");

        Random random = new Random(42);
        String alphabet = "aAcdt \"'*:&|!()^-+~%_\\;,.<>{}[]/=@#$?NEAROANDT猫朋克の0123456789\u00A0\u3000";
        for (int i = 0; i < 1500; i++) {
            StringBuilder query = new StringBuilder();
            int length = 1 + random.nextInt(24);
            for (int k = 0; k < length; k++) {
                query.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String q = query.toString();
            try {
                all(p -> prompts.search(q, random.nextBoolean() ? null : "sdxl", p), 3);
            } catch (InvalidInputException e) {
                assertTrue(e.field().equals("query"), () -> "query " + q + ": " + e.getMessage());
            } catch (RuntimeException e) {
                throw new AssertionError("query " + q + " failed: " + e, e);
            }
        }
        assertEquals(3, prompts.statistics().prompts());
        assertEquals(3, prompts.statistics().uses());
    }

    @Test
    void popularAndRecentListingsPageThroughEverything() {
        Prompts prompts = store.prompts();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            String text = "prompt number " + i;
            texts.add(text);
            for (int use = 0; use <= i % 4; use++) {
                clock.advance(Duration.ofSeconds(1));
                prompts.record(text, i % 2 == 0 ? "even" : "odd");
            }
        }
        clock.advance(Duration.ofSeconds(1));
        prompts.record("prompt number 0", "odd");

        List<Prompt> popular = all(p -> prompts.mostPopular(null, p), 2);
        assertEquals(9, popular.size());
        for (int i = 1; i < popular.size(); i++) {
            Prompt a = popular.get(i - 1);
            Prompt b = popular.get(i);
            assertTrue(a.totalUses() > b.totalUses()
                    || (a.totalUses() == b.totalUses() && a.id().value().toString().compareTo(b.id().value().toString()) < 0),
                    "popular order at " + i);
        }
        assertEquals(4, popular.get(0).totalUses());

        List<String> recent = all(p -> prompts.mostRecent(null, p), 4).stream().map(Prompt::text).toList();
        assertEquals("prompt number 0", recent.get(0));
        assertEquals("prompt number 8", recent.get(1));
        assertEquals(9, recent.size());

        List<String> odd = all(p -> prompts.mostRecent("odd", p), 1).stream().map(Prompt::text).toList();
        assertEquals(List.of("prompt number 0", "prompt number 7", "prompt number 5", "prompt number 3", "prompt number 1"), odd);
        assertEquals(5, all(p -> prompts.mostPopular("even", p), 3).size());

        List<String> searched = all(p -> prompts.search("prompt number", null, p), 2).stream().map(Prompt::text).toList();
        assertEquals(set(texts), set(searched));
        assertEquals(9, searched.size());
    }

    @Test
    void statisticsAndCleanup() {
        Prompts prompts = store.prompts();
        prompts.record("old prompt", "sdxl");
        prompts.record("old prompt", "dall-e-3");
        clock.advance(Duration.ofDays(30));
        Instant cutoff = now();
        prompts.record("new prompt", "sdxl");
        prompts.record("another new prompt", "sdxl");

        PromptStatistics stats = prompts.statistics();
        assertEquals(3, stats.prompts());
        assertEquals(4, stats.uses());
        assertEquals(Map.of("sdxl", 3L, "dall-e-3", 1L), stats.usesPerModel());

        assertEquals(1, prompts.deleteUnusedSince(cutoff));
        assertTrue(prompts.findByText("old prompt").isEmpty());
        assertEquals(List.of(), search("old"));
        assertEquals(2, search("prompt").size());
        stats = prompts.statistics();
        assertEquals(2, stats.prompts());
        assertEquals(Map.of("sdxl", 2L), stats.usesPerModel());
        assertEquals(0, prompts.deleteUnusedSince(cutoff));

        // A cleaned-up prompt recorded again starts afresh.
        Prompt back = prompts.record("OLD prompt", "sdxl");
        assertEquals(1, back.totalUses());
        assertEquals(List.of("OLD prompt"), search("old"));
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        Prompts prompts = store.prompts();
        Prompt cat = prompts.record("a cat", "sdxl");
        StoreSnapshot before = snapshot();
        PromptStatistics stats = prompts.statistics();

        assertInvalid("prompt", () -> prompts.record(null, "sdxl"));
        assertInvalid("prompt", () -> prompts.record(" \n\t ", "sdxl"));
        assertInvalid("prompt", () -> prompts.record("a\u0000cat", "sdxl"));
        assertInvalid("prompt", () -> prompts.record("x".repeat(20_001), "sdxl"));
        assertInvalid("model", () -> prompts.record("a cat", null));
        assertInvalid("model", () -> prompts.record("a cat", "  "));
        assertInvalid("query", () -> prompts.search(null, null, PageRequest.first(5)));
        assertInvalid("query", () -> prompts.search("  ", null, PageRequest.first(5)));
        assertInvalid("cursor", () -> prompts.search("!!!", null, PageRequest.after("bm9wZQ", 5)));
        assertInvalid("query", () -> prompts.search("a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd ee ff gg",
                null, PageRequest.first(5)));
        assertInvalid("page", () -> prompts.search("cat", null, null));
        assertInvalid("cursor", () -> prompts.search("cat", null, PageRequest.after("bm9wZQ", 5)));
        assertInvalid("cursor", () -> prompts.mostPopular(null, PageRequest.after("bm9wZQ", 5)));
        assertInvalid("promptId", () -> prompts.find(null));
        assertInvalid("cutoff", () -> prompts.deleteUnusedSince(null));

        assertUnchanged(before);
        assertEquals(stats, prompts.statistics());
        assertEquals(cat, prompts.find(cat.id()).orElseThrow());
        assertFalse(prompts.findByText("a\u0000cat").isPresent());
    }

    @Test
    void racingRecordsOfOneNormalizedTextMakeOnePromptWithTheExactTotal() {
        List<String> spellings = List.of("Cat Photo", "cat  photo", " CAT PHOTO ", "ｃａｔ photo", "cat\tPhoto");
        int perThread = 25;
        List<Set<PromptId>> ids = valuesOf(race(THREADS, thread -> {
            Set<PromptId> seen = new HashSet<>();
            for (int i = 0; i < perThread; i++) {
                seen.add(store.prompts().record(spellings.get((thread + i) % spellings.size()), "model-" + (i % 3)).id());
            }
            return seen;
        }));
        Set<PromptId> all = ids.stream().flatMap(Set::stream).collect(Collectors.toSet());
        assertEquals(1, all.size(), "one prompt");
        Prompt prompt = store.prompts().find(all.iterator().next()).orElseThrow();
        assertEquals(THREADS * perThread, prompt.totalUses());
        Map<String, Long> perModel = store.prompts().modelUses(prompt.id());
        assertEquals(THREADS * perThread, perModel.values().stream().mapToLong(Long::longValue).sum());
        assertEquals(1, store.prompts().statistics().prompts());
        assertEquals(List.of(prompt.text()), search("photo"));
    }

    @Test
    void thumbnailsAreWebPAndCountInStatisticsAndCleanup() {
        Prompts prompts = store.prompts();
        Prompt fox = prompts.record("a red fox", "sdxl", TestImages.photoPng(800, 400, 7));
        PromptThumbnail thumbnail = prompts.thumbnail(fox.id()).orElseThrow();
        assertEquals(fox.id(), thumbnail.promptId());
        assertEquals("image/webp", thumbnail.mimeType());
        assertEquals(256, thumbnail.width());
        assertEquals(128, thumbnail.height());
        byte[] bytes = thumbnail.bytes();
        assertEquals("RIFF", new String(bytes, 0, 4, StandardCharsets.US_ASCII));
        assertEquals("WEBP", new String(bytes, 8, 4, StandardCharsets.US_ASCII));
        assertEquals(now(), thumbnail.createdAt());

        prompts.record("A RED FOX", "dall-e-3");
        assertEquals(256, prompts.thumbnail(fox.id()).orElseThrow().width(), "a use without an image keeps the thumbnail");
        Prompt plain = prompts.record("no picture here", "sdxl");
        assertTrue(prompts.thumbnail(plain.id()).isEmpty());
        PromptStatistics stats = prompts.statistics();
        assertEquals(2, stats.prompts());
        assertEquals(1, stats.thumbnails());

        InvalidImageException refused = assertThrows(InvalidImageException.class,
                () -> prompts.record("a new prompt", "sdxl", new byte[] {1, 2, 3, 4}));
        assertEquals("content", refused.field());
        assertEquals(stats, prompts.statistics(), "a refused image writes nothing");
        assertTrue(prompts.findByText("a new prompt").isEmpty());

        clock.advance(Duration.ofMinutes(1));
        prompts.record("a red fox", "sdxl", TestImages.photoPng(300, 600, 8));
        PromptThumbnail replaced = prompts.thumbnail(fox.id()).orElseThrow();
        assertEquals(128, replaced.width());
        assertEquals(256, replaced.height());
        assertEquals(now(), replaced.createdAt());

        assertEquals(1, prompts.deleteWithoutThumbnails());
        assertTrue(prompts.find(plain.id()).isEmpty());
        assertEquals(List.of(), search("picture"));
        assertEquals(new PromptStatistics(1, 3, 1, Map.of("sdxl", 2L, "dall-e-3", 1L)), prompts.statistics());
        assertEquals(0, prompts.deleteWithoutThumbnails());
        assertEquals(1, prompts.deleteUnusedSince(now().plusSeconds(1)));
        assertEquals(new PromptStatistics(0, 0, 0, Map.of()), prompts.statistics());
        assertTrue(prompts.thumbnail(fox.id()).isEmpty());
    }

    @Test
    void thumbnailsGoToTheBlobStoreWhenSoConfigured() throws Exception {
        Genstore blobbed = openStore(builder -> builder.promptThumbnails(PromptThumbnailStorage.BLOB_STORE));
        Prompts prompts = blobbed.prompts();
        Prompt fox = prompts.record("a red fox", "sdxl", TestImages.photoPng(800, 400, 7));
        PromptThumbnail first = prompts.thumbnail(fox.id()).orElseThrow();
        assertEquals(256, first.width());
        assertEquals(128, first.height());
        assertEquals("WEBP", new String(first.bytes(), 8, 4, StandardCharsets.US_ASCII));
        List<BlobInfo> blobs = thumbnailBlobs(blobbed);
        assertEquals(1, blobs.size());
        try (InputStream in = blobbed.blobs().get(blobs.get(0).key())) {
            assertArrayEquals(first.bytes(), in.readAllBytes(), "the thumbnail's bytes are the blob's");
        }
        assertEquals(1, prompts.statistics().thumbnails());

        clock.advance(Duration.ofMinutes(1));
        prompts.record("A RED FOX", "sdxl", TestImages.photoPng(300, 600, 8));
        PromptThumbnail replaced = prompts.thumbnail(fox.id()).orElseThrow();
        assertEquals(128, replaced.width());
        List<BlobInfo> after = thumbnailBlobs(blobbed);
        assertEquals(1, after.size(), "a replaced thumbnail's blob is deleted");
        assertNotEquals(blobs.get(0).key(), after.get(0).key());

        assertThrows(InvalidImageException.class, () -> prompts.record("a cat", "sdxl", new byte[] {1, 2, 3, 4}));
        assertThrows(IllegalStateException.class, () -> blobbed.useTransaction(tx -> {
            tx.prompts().record("a dog", "sdxl", TestImages.photoPng(64, 64, 9));
            throw new IllegalStateException("the caller's unit fails after the record");
        }));
        assertEquals(after, thumbnailBlobs(blobbed), "neither a refused image nor a rolled-back record leaves a blob");
        assertTrue(prompts.findByText("a dog").isEmpty());

        assertEquals(1, prompts.deleteUnusedSince(now().plusSeconds(1)));
        assertEquals(List.of(), thumbnailBlobs(blobbed), "deleting the prompt deletes its thumbnail's blob");
        assertTrue(prompts.thumbnail(fox.id()).isEmpty());
    }

    @Test
    void searchFindsWordPrefixesOnEveryBackend() {
        Prompts prompts = store.prompts();
        prompts.record("A beautiful sunset over mountains", "sdxl");
        prompts.record("sun", "sdxl");
        prompts.record("a mountain lake at sunrise", "dall-e-3");
        prompts.record("Sunday market in the rain", "sdxl");
        prompts.record("a mountaineer resting", "sdxl");
        prompts.record("unsunny day", "sdxl");

        List<String> sun = search("sun");
        assertEquals(set(List.of("A beautiful sunset over mountains", "sun", "a mountain lake at sunrise",
                "Sunday market in the rain")), set(sun), "every word beginning with sun, never one merely containing it");
        assertEquals("sun", sun.get(0), "ranked as before: the prompt that is nothing but the word first");
        assertEquals(set(List.of("A beautiful sunset over mountains", "a mountain lake at sunrise", "a mountaineer resting")),
                set(search("mountain")));
        assertEquals(List.of("A beautiful sunset over mountains"), search("mountains"));
        assertEquals(List.of("A beautiful sunset over mountains"), search("SUNS MOUNT"), "every word must find a prefix");
        assertEquals(List.of("a mountain lake at sunrise"), all(p -> prompts.search("sun moun", "dall-e-3", p), 1)
                .stream().map(Prompt::text).toList());
        assertEquals(List.of(), search("sunsets"), "a longer word than the prompt's is no match");
        assertEquals(List.of(), search("nset"));
        assertEquals(List.of("Sunday market in the rain"), search("\"sund*\""), "the query stays data");
    }

    @Test
    void aQueryWithoutASearchableWordFindsNothing() {
        Prompts prompts = store.prompts();
        prompts.record("wow!!! a cat", "sdxl");
        for (String wordless : List.of("!!!", "???", "-", "* * *", "\"\"", "!!! ...")) {
            Page<Prompt> page = prompts.search(wordless, null, PageRequest.first(10));
            assertEquals(List.of(), page.items(), wordless);
            assertFalse(page.hasNext());
            assertEquals(List.of(), prompts.search(wordless, "sdxl", PageRequest.first(10)).items());
        }
        assertInvalid("query", () -> prompts.search("   ", null, PageRequest.first(5)));
        assertInvalid("query", () -> prompts.search(null, null, PageRequest.first(5)));
        assertEquals(List.of("wow!!! a cat"), search("!!! cat"));
    }

    @Test
    void deleteRemovesThePromptWithItsUsesAndThumbnail() {
        Prompts prompts = store.prompts();
        Prompt fox = prompts.record("a red fox", "sdxl", TestImages.photoPng(200, 100, 3));
        prompts.record("A RED FOX", "dall-e-3");
        Prompt owl = prompts.record("a snowy owl", "sdxl", TestImages.photoPng(100, 100, 4));

        prompts.delete(fox.id());
        assertTrue(prompts.find(fox.id()).isEmpty());
        assertTrue(prompts.findByText("a red fox").isEmpty());
        assertTrue(prompts.thumbnail(fox.id()).isEmpty());
        assertThrows(NotFoundException.class, () -> prompts.modelUses(fox.id()));
        assertEquals(List.of(), search("fox"));
        assertEquals(new PromptStatistics(1, 1, 1, Map.of("sdxl", 1L)), prompts.statistics(), "its uses went with it");
        assertEquals(owl, prompts.find(owl.id()).orElseThrow());

        StoreSnapshot before = snapshot();
        assertThrows(NotFoundException.class, () -> prompts.delete(fox.id()));
        assertThrows(NotFoundException.class, () -> prompts.delete(PromptId.of(UUID.randomUUID())));
        assertInvalid("promptId", () -> prompts.delete(null));
        assertUnchanged(before);

        Prompt again = prompts.record("a red fox", "sdxl");
        assertNotEquals(fox.id(), again.id());
        assertEquals(1, again.totalUses(), "recorded again, it starts afresh");
        assertEquals(List.of("a red fox"), search("fox"));
    }

    @Test
    void deleteRemovesAThumbnailKeptInTheBlobStore() {
        Genstore blobbed = openStore(builder -> builder.promptThumbnails(PromptThumbnailStorage.BLOB_STORE));
        Prompts prompts = blobbed.prompts();
        Prompt fox = prompts.record("a red fox", "sdxl", TestImages.photoPng(200, 100, 3));
        Prompt owl = prompts.record("a snowy owl", "sdxl", TestImages.photoPng(100, 100, 4));
        List<BlobInfo> both = thumbnailBlobs(blobbed);
        assertEquals(2, both.size());

        prompts.delete(fox.id());
        List<BlobInfo> left = thumbnailBlobs(blobbed);
        assertEquals(1, left.size(), "the deleted prompt's thumbnail blob is gone");
        assertArrayEquals(prompts.thumbnail(owl.id()).orElseThrow().bytes(), read(blobbed, left.get(0).key()));
        assertThrows(IllegalStateException.class, () -> blobbed.useTransaction(tx -> {
            tx.prompts().delete(owl.id());
            throw new IllegalStateException("the caller's unit fails after the delete");
        }));
        assertEquals(left, thumbnailBlobs(blobbed), "a rolled-back delete keeps the blob");
        assertTrue(prompts.thumbnail(owl.id()).isPresent());
    }

    private static byte[] read(Genstore store, String key) {
        try (InputStream in = store.blobs().get(key)) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aBrokenImageCanBeSkippedKeepingTheUse() {
        Prompts prompts = store.prompts();
        Prompt fox = prompts.record("a red fox", "sdxl", TestImages.photoPng(200, 100, 3));
        PromptThumbnail thumbnail = prompts.thumbnail(fox.id()).orElseThrow();
        byte[] broken = {1, 2, 3, 4};

        StoreSnapshot before = snapshot();
        assertThrows(InvalidImageException.class, () -> prompts.record("a red fox", "sdxl", broken));
        assertThrows(InvalidImageException.class, () -> prompts.record("a red fox", "sdxl", broken, BrokenImage.REFUSE));
        assertInvalid("onBrokenImage", () -> prompts.record("a red fox", "sdxl", broken, null));
        assertInvalid("prompt", () -> prompts.record(" ", "sdxl", broken, BrokenImage.SKIP_THUMBNAIL));
        assertUnchanged(before);

        clock.advance(Duration.ofMinutes(1));
        RecordedUse skipped = prompts.record("A RED FOX", "dall-e-3", broken, BrokenImage.SKIP_THUMBNAIL);
        assertTrue(skipped.thumbnailSkipped());
        assertEquals(RecordedUse.ThumbnailOutcome.SKIPPED, skipped.thumbnail());
        assertNotNull(skipped.skipReason());
        assertEquals(2, skipped.prompt().totalUses(), "the use counts");
        assertEquals(now(), skipped.prompt().lastUsedAt());
        assertEquals(Map.of("sdxl", 1L, "dall-e-3", 1L), prompts.modelUses(fox.id()));
        assertArrayEquals(thumbnail.bytes(), prompts.thumbnail(fox.id()).orElseThrow().bytes(), "the old thumbnail stays");

        RecordedUse fresh = prompts.record("a new prompt", "sdxl", TestImages.truncated(TestImages.photoPng(200, 100, 6), 0.5), BrokenImage.SKIP_THUMBNAIL);
        assertTrue(fresh.thumbnailSkipped());
        assertEquals(1, fresh.prompt().totalUses());
        assertTrue(prompts.thumbnail(fresh.prompt().id()).isEmpty());

        RecordedUse stored = prompts.record("a new prompt", "sdxl", TestImages.photoPng(64, 32, 5), BrokenImage.SKIP_THUMBNAIL);
        assertEquals(RecordedUse.ThumbnailOutcome.STORED, stored.thumbnail());
        assertNull(stored.skipReason());
        assertEquals(64, prompts.thumbnail(stored.prompt().id()).orElseThrow().width());
        assertEquals(RecordedUse.ThumbnailOutcome.NO_IMAGE,
                prompts.record("a new prompt", "sdxl", null, BrokenImage.SKIP_THUMBNAIL).thumbnail());
        assertEquals(3, prompts.find(stored.prompt().id()).orElseThrow().totalUses());
    }

    @Test
    void promptIdsParseLikeTheOtherIds() {
        Prompt cat = store.prompts().record("a cat", "sdxl");
        assertEquals(cat.id(), PromptId.parse(cat.id().toString()));
        assertEquals(cat, store.prompts().find(PromptId.parse(cat.id().toString())).orElseThrow());
        for (String bad : new String[] {null, "", "not-a-uuid", "1234", cat.id() + "x"}) {
            assertInvalid("promptId", () -> PromptId.parse(bad));
        }
    }

    private static List<BlobInfo> thumbnailBlobs(Genstore store) {
        return store.blobs().list("genstore/prompts/", PageRequest.first(100)).items();
    }

    @Test
    void everyMethodRefusesNullsNamingTheArgument() {
        Prompts prompts = store.prompts();
        prompts.record("a cat", "sdxl");
        PromptStatistics before = prompts.statistics();
        assertInvalid("promptId", () -> prompts.modelUses(null));
        assertInvalid("promptId", () -> prompts.thumbnail(null));
        assertInvalid("promptId", () -> PromptId.of(null));
        assertInvalid("prompt", () -> prompts.findByText(null));
        assertInvalid("prompt", () -> prompts.record(null, "sdxl", null));
        assertInvalid("page", () -> prompts.mostPopular(null, null));
        assertInvalid("page", () -> prompts.mostRecent("sdxl", null));
        assertInvalid("model", () -> prompts.mostRecent(" ", PageRequest.first(1)));
        assertInvalid("model", () -> prompts.search("cat", "", PageRequest.first(1)));
        assertEquals(before, prompts.statistics());
    }
}
