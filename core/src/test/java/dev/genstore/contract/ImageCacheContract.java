package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.Genstore;
import dev.genstore.cache.CacheEntry;
import dev.genstore.cache.CachePolicy;
import dev.genstore.cache.CacheStatistics;
import dev.genstore.cache.CachedImage;
import dev.genstore.cache.ImageCache;
import dev.genstore.cache.NewCacheEntry;
import dev.genstore.paging.PageRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The image cache: configuration hashes, hits and misses, invalidation, bounds with LRU eviction, statistics. */
public abstract class ImageCacheContract extends StoreContract {
    private static final Map<String, Object> CONFIG = Map.of("style", "pixel", "size", 512);

    /**
     * The inline threshold of this suite's stores: by default {@link CachePolicy#DEFAULT_INLINE_BYTES}, so every value
     * the tests put is kept in its database row; a backend's second subclass returns 0 to run the same tests with
     * every value in the blob store.
     */
    protected int inlineBytes() {
        return CachePolicy.DEFAULT_INLINE_BYTES;
    }

    @Override
    protected CachePolicy cachePolicy() {
        return CachePolicy.DEFAULT.inlineBytes(inlineBytes());
    }

    /** A second store over a fresh storage with this cache policy (and this suite's inline threshold). */
    private Genstore storeWith(CachePolicy policy) {
        return openStore(builder -> builder.cachePolicy(policy.inlineBytes(inlineBytes())));
    }

    /** The blobs {@code entries} small test values take: none when they are kept in their rows. */
    private int blobsFor(int entries) {
        return inlineBytes() == 0 ? entries : 0;
    }

    /** The keys of the blobs under the cache's prefix. */
    private static List<String> cacheBlobs(Genstore genstore) {
        return genstore.blobs().list("genstore/cache/", PageRequest.first(100)).items().stream().map(b -> b.key()).toList();
    }

    @Test
    void valuesOnEitherSideOfTheInlineThresholdReadBackAlike() {
        Genstore mixed = openStore(builder -> builder.cachePolicy(CachePolicy.DEFAULT.bounds(3, 1_000_000).inlineBytes(100)));
        ImageCache cache = mixed.cache();
        byte[] small = bytes(100, 1); // at the threshold: kept in the row
        byte[] large = bytes(101, 2); // past it: in the blob store
        cache.put(entry("small"), small);
        CacheEntry largeEntry = cache.put(entry("large"), large);
        assertArrayEquals(small, cache.get("traits", "small", CONFIG).orElseThrow().content());
        assertArrayEquals(large, cache.get("traits", "large", CONFIG).orElseThrow().content());
        assertEquals(List.of("genstore/cache/" + largeEntry.id()), cacheBlobs(mixed), "only the large value is a blob");
        assertEquals(new CacheStatistics(2, 0, 2, 201, 0), cache.statistics());

        clock.advance(Duration.ofSeconds(1));
        CacheEntry movedOut = cache.put(entry("small"), large);
        cache.put(entry("large"), small);
        assertArrayEquals(large, cache.get("traits", "small", CONFIG).orElseThrow().content(), "replaced by a blob");
        assertArrayEquals(small, cache.get("traits", "large", CONFIG).orElseThrow().content(), "replaced by a row value");
        assertEquals(List.of("genstore/cache/" + movedOut.id()), cacheBlobs(mixed), "the replaced blob is gone");
        assertEquals(new CacheStatistics(4, 0, 2, 201, 0), cache.statistics());

        clock.advance(Duration.ofSeconds(1));
        assertTrue(cache.get("traits", "large", CONFIG).isPresent(), "a hit: \"small\" is now the least recently used");
        clock.advance(Duration.ofSeconds(1));
        cache.put(entry("third"), bytes(5, 3));
        cache.put(entry("fourth"), bytes(500, 4));
        assertEquals(3, cache.statistics().entries(), "one evicted");
        assertEquals(1, cache.statistics().evictions());
        assertEquals(Optional.empty(), cache.get("traits", "small", CONFIG), "the least recently used went");
        assertEquals(1, cacheBlobs(mixed).size(), "with its blob: " + cacheBlobs(mixed));

        assertEquals(3, cache.invalidateNamespace("traits"));
        assertEquals(List.of(), cacheBlobs(mixed));
        assertEquals(0, cache.statistics().bytes());
        assertEquals(List.of(), mixed.operations().verify().problems());
    }

    private static NewCacheEntry entry(String item) {
        return NewCacheEntry.of("traits", item, CONFIG, "image/png");
    }

    private static byte[] bytes(int size, int seed) {
        byte[] content = new byte[size];
        for (int i = 0; i < size; i++) {
            content[i] = (byte) (seed * 31 + i);
        }
        return content;
    }

    @Test
    void hitsBufferedAroundAPutAreCountedOnceWhetherThePutCommitsOrRollsBack() {
        ImageCache cache = store.cache();
        cache.put(entry("fox"), bytes(10, 1));
        for (int i = 0; i < 3; i++) {
            assertTrue(cache.get("traits", "fox", CONFIG).isPresent());
        }
        assertTrue(cache.get("traits", "nobody", CONFIG).isEmpty());
        assertThrows(IllegalStateException.class, () -> store.useTransaction(tx -> {
            tx.cache().put(entry("owl"), bytes(10, 2));
            throw new IllegalStateException("the caller's unit fails after the put");
        }));
        assertEquals(new CacheStatistics(3, 1, 1, 10, 0), cache.statistics(), "a rolled-back put leaves the hits buffered");
        assertEquals(0, cache.peek("traits", "fox", CONFIG).orElseThrow().hitCount());

        cache.put(entry("owl"), bytes(10, 2));
        assertEquals(new CacheStatistics(3, 1, 2, 20, 0), cache.statistics());
        cache.flushAccesses();
        assertEquals(3, cache.peek("traits", "fox", CONFIG).orElseThrow().hitCount(), "written once");
        assertEquals(new CacheStatistics(3, 1, 2, 20, 0), cache.statistics());
    }

    @Test
    void theConfigurationHashIgnoresKeyOrderWhitespaceAndNumberFormatting() throws Exception {
        ImageCache cache = store.cache();
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("{\"a\":1,\"b\":[true,null,\"x\",0.5],\"c\":{\"d\":12000000}}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, cache.configurationHash("{\"c\":{\"d\":1.2e7},\"b\":[true,null,\"x\",0.50],\"a\":1}"));
        assertEquals(expected, cache.configurationHash(" { \"a\" : 1.0 ,\n \"c\" : { \"d\" : 12000000.000 } , \"b\" : [ true , null , \"x\" , 5E-1 ] } "));
        assertEquals(expected, cache.configurationHash("{\"a\":1e0,\"b\":[true,null,\"x\",0.5],\"c\":{\"d\":12000000}}"));
        Map<String, Object> typed = new LinkedHashMap<>();
        typed.put("c", Map.of("d", 12_000_000L));
        typed.put("b", java.util.Arrays.asList(true, null, "x", new BigDecimal("0.500")));
        typed.put("a", 1.0);
        assertEquals(expected, cache.configurationHash(typed));
        assertNotEquals(expected, cache.configurationHash("{\"a\":2,\"b\":[true,null,\"x\",0.5],\"c\":{\"d\":12000000}}"));
        assertNotEquals(cache.configurationHash("{\"a\":[1,2]}"), cache.configurationHash("{\"a\":[2,1]}"), "list order counts");
        assertNotEquals(cache.configurationHash("{\"a\":\"1\"}"), cache.configurationHash("{\"a\":1}"), "a string is not a number");
        assertInvalid("configuration", () -> cache.configurationHash("{\"a\":"));
        assertInvalid("configuration", () -> cache.configurationHash("[1,2]"));
        assertInvalid("configuration", () -> cache.configurationHash(Map.of("a", Double.NaN)));
        assertInvalid("configuration", () -> cache.configurationHash(Map.of("a", new Object())));
    }

    @Test
    void aPutIsFoundByItsKeyAndHitsAreRecordedInBatches() {
        ImageCache cache = store.cache();
        byte[] content = bytes(300, 1);
        CacheEntry put = cache.put(entry("fox").metadata(Map.of("rarity", "rare")), content);
        assertEquals(300, put.byteCount());
        assertEquals(now(), put.createdAt());
        assertEquals(cache.configurationHash(CONFIG), put.configurationHash());

        clock.advance(Duration.ofSeconds(10));
        CachedImage hit = cache.get("traits", "fox", Map.of("size", 512.0, "style", "pixel")).orElseThrow();
        assertArrayEquals(content, hit.content());
        assertEquals(Map.of("rarity", "rare"), hit.entry().metadata());
        assertEquals("image/png", hit.entry().contentType());
        clock.advance(Duration.ofSeconds(10));
        assertTrue(cache.get("traits", "fox", CONFIG).isPresent());
        assertEquals(Optional.empty(), cache.get("traits", "fox", Map.of("style", "pixel", "size", 1024)));
        assertEquals(Optional.empty(), cache.get("traits", "owl", CONFIG));

        CacheEntry unflushed = cache.peek("traits", "fox", CONFIG).orElseThrow();
        assertEquals(0, unflushed.hitCount(), "a hit writes nothing by itself");
        assertEquals(put.createdAt(), unflushed.lastAccessedAt());
        assertEquals(new CacheStatistics(2, 2, 1, 300, 0), cache.statistics(), "statistics count buffered hits");

        cache.flushAccesses();
        CacheEntry flushed = cache.peek("traits", "fox", CONFIG).orElseThrow();
        assertEquals(2, flushed.hitCount());
        assertEquals(now(), flushed.lastAccessedAt());
        CacheStatistics stats = cache.statistics();
        assertEquals(new CacheStatistics(2, 2, 1, 300, 0), stats);
        assertEquals(0.5, stats.hitRatio());
    }

    @Test
    void aFullAccessBufferIsWrittenWithoutAnExplicitFlush() {
        Genstore small = storeWith(CachePolicy.DEFAULT.accessBufferSize(3));
        small.cache().put(entry("fox"), bytes(10, 1));
        small.cache().get("traits", "fox", CONFIG);
        small.cache().get("traits", "fox", CONFIG);
        assertEquals(0, small.cache().peek("traits", "fox", CONFIG).orElseThrow().hitCount());
        small.cache().get("traits", "fox", CONFIG);
        assertEquals(3, small.cache().peek("traits", "fox", CONFIG).orElseThrow().hitCount(), "the third hit filled the buffer");
    }

    @Test
    void hasChangedAndInvalidationDropStaleEntries() {
        ImageCache cache = store.cache();
        Map<String, Object> v1 = Map.of("palette", "warm");
        Map<String, Object> v2 = Map.of("palette", "cold");
        assertTrue(cache.hasChanged("traits", "fox", v1), "nothing cached yet");
        cache.put(NewCacheEntry.of("traits", "fox", v1, "image/png"), bytes(5, 1));
        cache.put(NewCacheEntry.of("traits", "owl", v1, "image/png"), bytes(5, 2));
        cache.put(NewCacheEntry.of("other", "fox", v1, "image/png"), bytes(5, 3));
        assertFalse(cache.hasChanged("traits", "fox", v1));
        assertTrue(cache.hasChanged("traits", "fox", v2), "the configuration changed: regenerate");
        cache.put(NewCacheEntry.of("traits", "fox", v2, "image/png"), bytes(7, 4));

        assertEquals(1, cache.invalidate("traits", "fox", v2), "the v1 entry is stale");
        assertTrue(cache.hasChanged("traits", "fox", v1));
        assertFalse(cache.hasChanged("traits", "fox", v2));
        assertFalse(cache.hasChanged("traits", "owl", v1), "another item is untouched");
        assertEquals(0, cache.invalidate("traits", "fox", v2));

        assertEquals(2, cache.invalidateNamespace("traits"));
        assertTrue(cache.hasChanged("traits", "owl", v1));
        assertFalse(cache.hasChanged("other", "fox", v1));
        assertEquals(new CacheStatistics(0, 0, 1, 5, 0), cache.statistics(), "invalidations are not evictions");
    }

    @Test
    void aPutInATransactionThatRollsBackLeavesNoEntryAndNoBytes() {
        ImageCache cache = store.cache();
        cache.put(entry("fox"), bytes(10, 1));
        CacheStatistics before = cache.statistics();
        assertThrows(IllegalStateException.class, () -> store.useTransaction(tx -> {
            tx.cache().put(entry("owl"), bytes(10, 2));
            tx.cache().invalidateNamespace("traits");
            throw new IllegalStateException("the app fails");
        }));
        assertEquals(before, cache.statistics());
        assertTrue(cache.hasChanged("traits", "owl", CONFIG));
        assertArrayEquals(bytes(10, 1), cache.get("traits", "fox", CONFIG).orElseThrow().content(), "the invalidation rolled back");
        assertEquals(blobsFor(1), cacheBlobs(store).size(), "no bytes of the rolled-back put");
    }

    @Test
    void aPutOfTheSameKeyReplacesTheEntry() {
        ImageCache cache = store.cache();
        cache.put(entry("fox"), bytes(10, 1));
        cache.put(entry("fox"), bytes(20, 2));
        assertArrayEquals(bytes(20, 2), cache.get("traits", "fox", CONFIG).orElseThrow().content());
        CacheStatistics stats = cache.statistics();
        assertEquals(1, stats.entries());
        assertEquals(20, stats.bytes());
    }

    @Test
    void theLeastRecentlyUsedEntryIsEvictedEvenWhenItsHitsAreStillBuffered() {
        Genstore small = storeWith(CachePolicy.DEFAULT.bounds(3, 1_000_000));
        ImageCache cache = small.cache();
        cache.put(entry("a"), bytes(10, 1));
        clock.advance(Duration.ofSeconds(1));
        cache.put(entry("b"), bytes(10, 2));
        clock.advance(Duration.ofSeconds(1));
        cache.put(entry("c"), bytes(10, 3));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(cache.get("traits", "a", CONFIG).isPresent()); // buffered, not flushed: a is now the most recent
        clock.advance(Duration.ofSeconds(1));
        cache.put(entry("d"), bytes(10, 4));

        assertTrue(cache.hasChanged("traits", "b", CONFIG), "b was least recently used");
        for (String item : List.of("a", "c", "d")) {
            assertFalse(cache.hasChanged("traits", item, CONFIG), item + " stays");
        }
        assertEquals(new CacheStatistics(1, 0, 3, 30, 1), cache.statistics());
    }

    @Test
    void aBufferedHitOlderThanAnotherEntrysPutDoesNotSaveItsEntry() {
        Genstore small = storeWith(CachePolicy.DEFAULT.bounds(2, 1_000_000));
        ImageCache cache = small.cache();
        cache.put(entry("a"), bytes(10, 1));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(cache.get("traits", "a", CONFIG).isPresent()); // buffered, before b exists
        clock.advance(Duration.ofSeconds(1));
        cache.put(entry("b"), bytes(10, 2));
        clock.advance(Duration.ofSeconds(1));
        cache.put(entry("c"), bytes(10, 3));

        assertTrue(cache.hasChanged("traits", "a", CONFIG), "a was last used before b was put");
        assertFalse(cache.hasChanged("traits", "b", CONFIG));
        assertFalse(cache.hasChanged("traits", "c", CONFIG));
    }

    @Test
    void whenEveryEntryWasHitSinceTheLastWriteTheOneHitLongestAgoGoes() {
        Genstore small = storeWith(CachePolicy.DEFAULT.bounds(3, 1_000_000));
        ImageCache cache = small.cache();
        for (String item : List.of("a", "b", "c")) {
            cache.put(entry(item), bytes(10, item.charAt(0)));
            clock.advance(Duration.ofSeconds(1));
        }
        for (String item : List.of("b", "a", "c")) {
            assertTrue(cache.get("traits", item, CONFIG).isPresent()); // all buffered: b hit longest ago
            clock.advance(Duration.ofSeconds(1));
        }
        cache.put(entry("d"), bytes(10, 4));

        assertTrue(cache.hasChanged("traits", "b", CONFIG), "b was hit longest ago");
        for (String item : List.of("a", "c", "d")) {
            assertFalse(cache.hasChanged("traits", item, CONFIG), item + " stays");
        }
        assertEquals(new CacheStatistics(3, 0, 3, 30, 1), cache.statistics());
    }

    @Test
    void theByteBoundEvictsAsManyAsItTakesAndALargerImageIsRefused() {
        Genstore small = storeWith(CachePolicy.DEFAULT.bounds(100, 100));
        ImageCache cache = small.cache();
        for (int i = 0; i < 4; i++) {
            cache.put(entry("item-" + i), bytes(25, i));
            clock.advance(Duration.ofSeconds(1));
        }
        cache.put(entry("big"), bytes(60, 9));
        CacheStatistics stats = cache.statistics();
        assertEquals(2, stats.entries(), "160 bytes: the three oldest go (135, 110, 85)");
        assertEquals(85, stats.bytes());
        assertEquals(3, stats.evictions());
        for (int i = 0; i < 3; i++) {
            assertTrue(cache.hasChanged("traits", "item-" + i, CONFIG));
        }
        assertFalse(cache.hasChanged("traits", "item-3", CONFIG));

        assertEquals(blobsFor(2), cacheBlobs(small).size(), "evicted entries leave no bytes");

        assertInvalid("content", () -> cache.put(entry("huge"), bytes(101, 1)));
        assertEquals(stats, cache.statistics(), "a refused put changes nothing");
        assertTrue(cache.hasChanged("traits", "huge", CONFIG));
    }

    @Test
    void entriesExpireAfterTheirTimeToLive() {
        Genstore expiring = storeWith(CachePolicy.DEFAULT.timeToLive(Duration.ofHours(1)));
        ImageCache cache = expiring.cache();
        cache.put(entry("fox"), bytes(10, 1));
        clock.advance(Duration.ofMinutes(30));
        cache.put(entry("owl"), bytes(10, 2));
        clock.advance(Duration.ofMinutes(30));
        assertEquals(Optional.empty(), cache.get("traits", "fox", CONFIG), "expired: a miss");
        assertTrue(cache.hasChanged("traits", "fox", CONFIG));
        assertTrue(cache.get("traits", "owl", CONFIG).isPresent());
        assertEquals(1, cache.evictExpired());
        assertEquals(new CacheStatistics(1, 1, 1, 10, 1), cache.statistics());
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        ImageCache cache = store.cache();
        cache.put(entry("fox"), bytes(10, 1));
        CacheStatistics before = cache.statistics();
        assertInvalid("namespace", () -> cache.put(NewCacheEntry.of(" ", "fox", CONFIG, "image/png"), bytes(1, 1)));
        assertInvalid("itemKey", () -> cache.put(NewCacheEntry.of("traits", null, CONFIG, "image/png"), bytes(1, 1)));
        assertInvalid("configuration", () -> cache.put(NewCacheEntry.of("traits", "owl", null, "image/png"), bytes(1, 1)));
        assertInvalid("configuration", () -> cache.put(NewCacheEntry.of("traits", "owl", Map.of("x", Double.NaN), "image/png"), bytes(1, 1)));
        assertInvalid("contentType", () -> cache.put(NewCacheEntry.of("traits", "owl", CONFIG, ""), bytes(1, 1)));
        assertInvalid("metadata", () -> cache.put(entry("owl").metadata(Map.of("t", new Object())), bytes(1, 1)));
        assertInvalid("content", () -> cache.put(entry("owl"), null));
        assertInvalid("entry", () -> cache.put(null, bytes(1, 1)));
        assertInvalid("namespace", () -> cache.get("", "fox", CONFIG));
        assertInvalid("configuration", () -> cache.hasChanged("traits", "fox", null));
        assertInvalid("namespace", () -> cache.invalidateNamespace(null));
        assertInvalid("maxEntries", () -> CachePolicy.DEFAULT.bounds(0, 10));
        assertInvalid("timeToLive", () -> CachePolicy.DEFAULT.timeToLive(Duration.ZERO));
        assertEquals(before, cache.statistics());
        assertTrue(cache.hasChanged("traits", "owl", CONFIG));
        assertArrayEquals(bytes(10, 1), cache.get("traits", "fox", CONFIG).orElseThrow().content());
    }

    @Test
    void concurrentHitsAndMissesKeepTheStatisticsExact() {
        Genstore small = storeWith(CachePolicy.DEFAULT.accessBufferSize(16));
        ImageCache cache = small.cache();
        for (int i = 0; i < 4; i++) {
            cache.put(entry("item-" + i), bytes(10, i));
        }
        int threads = 8;
        int gets = 150;
        valuesOf(race(threads, thread -> {
            for (int i = 0; i < gets; i++) {
                // Items 0-3 hit, items 4-5 miss: 2 of every 3 gets hit.
                cache.get("traits", "item-" + ((thread + i) % 6), CONFIG);
            }
            return null;
        }));
        long hits = 0;
        for (int thread = 0; thread < threads; thread++) {
            for (int i = 0; i < gets; i++) {
                hits += (thread + i) % 6 < 4 ? 1 : 0;
            }
        }
        CacheStatistics stats = cache.statistics();
        assertEquals(hits, stats.hits());
        assertEquals((long) threads * gets - hits, stats.misses());
        cache.flushAccesses();
        assertEquals(stats, cache.statistics(), "a flush moves counts, never changes them");
        long recorded = 0;
        for (int i = 0; i < 4; i++) {
            recorded += cache.peek("traits", "item-" + i, CONFIG).orElseThrow().hitCount();
        }
        assertEquals(hits, recorded, "every hit reached its entry");
    }

    @Test
    void concurrentPutsRespectTheBounds() {
        Genstore small = storeWith(CachePolicy.DEFAULT.bounds(5, 120).accessBufferSize(4));
        ImageCache cache = small.cache();
        int threads = 8;
        int puts = 10;
        valuesOf(race(threads, thread -> {
            for (int i = 0; i < puts; i++) {
                cache.put(entry("t" + thread + "-" + i), bytes(20 + (i % 3) * 5, i));
                cache.get("traits", "t" + thread + "-" + (i / 2), CONFIG);
                CacheStatistics now = cache.statistics();
                if (now.entries() > 5 || now.bytes() > 120) {
                    throw new AssertionError("bounds broken: " + now);
                }
            }
            return null;
        }));
        CacheStatistics stats = cache.statistics();
        assertTrue(stats.entries() <= 5, stats.toString());
        assertTrue(stats.bytes() <= 120, stats.toString());
        assertEquals((long) threads * puts, stats.entries() + stats.evictions(), "every put is stored or evicted");
    }
}
