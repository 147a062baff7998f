package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.Genstore;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.UserId;
import dev.genstore.blobs.BlobInfo;
import dev.genstore.budget.BudgetPeriod;
import dev.genstore.budget.Cost;
import dev.genstore.budget.LimitSpec;
import dev.genstore.cache.CachePolicy;
import dev.genstore.cache.NewCacheEntry;
import dev.genstore.errors.NestedTransactionException;
import dev.genstore.images.Image;
import dev.genstore.images.NewImage;
import dev.genstore.images.Variant;
import dev.genstore.jobs.ClaimedJob;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.NewJob;
import dev.genstore.ops.IntegrityProblem;
import dev.genstore.ops.IntegrityReport;
import dev.genstore.ops.MaintenanceReport;
import dev.genstore.ops.PurgeReport;
import dev.genstore.ops.PurgeRequest;
import dev.genstore.ops.SizeReport;
import dev.genstore.ops.UserUsage;
import dev.genstore.paging.PageRequest;
import dev.genstore.prompts.PromptThumbnailStorage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The whole-store operations: {@code verify()} is empty on a healthy store with data in every area and reports each
 * invariant broken on purpose (directly in the database) under its check id; maintenance and sizes work; a purge
 * removes what it names, and its dry run counts exactly what the real run then removes.
 */
public abstract class OperationsContract extends StoreContract {

    /** Runs one SQL statement on the database of {@link #store}, outside genstore, with constraints enforced as usual. */
    protected abstract void sql(String statement);

    /** Runs one SQL statement on the database of {@link #store} with foreign-key enforcement off. */
    protected abstract void sqlWithoutForeignKeys(String statement);

    /** False for a backend that cannot tell its database's size (it reports -1). */
    protected boolean knowsDatabaseBytes() {
        return true;
    }

    private static final Map<String, Object> CONFIG = Map.of("steps", 30, "model", "sdxl");

    /** Cache values of more than 2 bytes go to the blob store (the blob checks are about them); smaller ones stay in rows. */
    @Override
    protected CachePolicy cachePolicy() {
        return CachePolicy.DEFAULT.inlineBytes(2);
    }

    /** What {@link #populate} made. */
    protected record Data(UserId user, Job job, Image image) {
    }

    /** A user with tokens, a hold and a debit, a one-time code, a finished job with its image, a budget reservation, a prompt, a cache entry with a hit. */
    protected Data populate(Genstore genstore) {
        UserId ann = genstore.accounts().create(NewUser.withEmail("ann@example.com")).id();
        genstore.ledger().credit(ann, 100, "BONUS", "bonus-1");
        genstore.ledger().debit(ann, 5, "SPEND", "spend-1");
        genstore.ledger().hold(ann, 7, "PENDING", "hold-1", Duration.ofMinutes(1));
        genstore.otp().issue("ann@example.com");
        Job submitted = genstore.jobs().submit(NewJob.of(ann, "a red fox", "acme", "sdxl").tokenCost(10).totalImages(1));
        ClaimedJob claimed = genstore.queue().claim("worker-1", 1, Duration.ofMinutes(5)).get(0);
        Image image = genstore.images().store(NewImage.generated(ann, "a red fox").job(submitted.id()).fileName("fox.png"),
                TestImages.photoPng(64, 48, 1));
        Job job = genstore.queue().complete(claimed.id(), claimed.fencingToken(), 1, 0);
        genstore.budgets().setLimit(LimitSpec.global(BudgetPeriod.DAILY, Cost.usd(50_000_000)));
        genstore.budgets().authorize("acme", Cost.usd(1_000_000));
        genstore.prompts().record("a red fox", "sdxl");
        genstore.cache().put(NewCacheEntry.of("thumbs", "item-1", CONFIG, "image/png"), new byte[] {1, 2, 3});
        assertTrue(genstore.cache().get("thumbs", "item-1", CONFIG).isPresent());
        genstore.cache().flushAccesses();
        return new Data(ann, job, image);
    }

    private IntegrityReport verify() {
        return store.operations().verify();
    }

    private static void assertReported(IntegrityReport report, String check, String subjectPart) {
        List<IntegrityProblem> found = report.problemsOf(check);
        assertFalse(found.isEmpty(), () -> "no " + check + " problem in " + report);
        assertTrue(found.stream().anyMatch(p -> p.subject().contains(subjectPart)),
                () -> check + " problems do not name " + subjectPart + ": " + found);
        assertFalse(report.healthy());
    }

    // ---- verify ---------------------------------------------------------------------------------------------------

    @Test
    void aHealthyStoreWithDataInEveryAreaVerifiesClean() {
        assertEquals(List.of(), verify().problems(), "an empty store");
        populate(store);
        IntegrityReport report = verify();
        assertEquals(List.of(), report.problems());
        assertTrue(report.healthy());
        clock.advance(Duration.ofDays(2)); // holds and reservations expire, orphan grace passes: still consistent
        assertEquals(List.of(), verify().problems());
    }

    @Test
    void aBalanceThatDisagreesWithTheEntriesIsALedgerProblem() {
        Data data = populate(store);
        sql("UPDATE token_accounts SET balance = balance + 5");
        try {
            assertReported(verify(), IntegrityProblem.LEDGER, data.user().toString());
        } finally {
            sql("UPDATE token_accounts SET balance = balance - 5");
        }
        assertTrue(verify().healthy());
    }

    @Test
    void aRowWithoutItsParentIsAForeignKeyProblem() {
        populate(store);
        sqlWithoutForeignKeys("INSERT INTO user_roles (user_id, role) VALUES ('" + UUID.randomUUID() + "', 'ghost')");
        assertReported(verify(), IntegrityProblem.FOREIGN_KEYS, "user_roles");
    }

    @Test
    void aJobCountingFewerImagesThanItHasIsAJobCounterProblem() {
        Data data = populate(store);
        sql("UPDATE jobs SET successful_images = 0");
        assertReported(verify(), IntegrityProblem.JOB_COUNTERS, data.job().id().toString());
    }

    @Test
    void cacheCountersBelowTheEntriesHitsAreACacheStatisticsProblem() {
        populate(store);
        sql("UPDATE cache_counters SET hits = 0");
        assertReported(verify(), IntegrityProblem.CACHE_STATISTICS, "cache_counters");
    }

    @Test
    void negativeCacheCountersAreACacheStatisticsProblem() {
        populate(store);
        sql("UPDATE cache_counters SET misses = -3");
        assertReported(verify(), IntegrityProblem.CACHE_STATISTICS, "cache_counters");
    }

    @Test
    void cacheValuesKeptInTheirRowsNeedNoBlobAndArePurgedLikeTheOthers() {
        Genstore genstore = openStore(builder -> builder.cachePolicy(cachePolicy().timeToLive(Duration.ofHours(1))));
        genstore.cache().put(NewCacheEntry.of("thumbs", "item-1", CONFIG, "image/png"), new byte[] {1, 2, 3});
        genstore.cache().put(NewCacheEntry.of("thumbs", "item-2", CONFIG, "image/png"), new byte[] {4, 5});
        assertArrayEquals(new byte[] {4, 5}, genstore.cache().get("thumbs", "item-2", CONFIG).orElseThrow().content());
        assertEquals(1, genstore.blobs().list("genstore/cache/", PageRequest.first(10)).items().size(), "one blob, one row value");
        assertTrue(genstore.operations().verify(Duration.ZERO).healthy(), () -> genstore.operations().verify(Duration.ZERO).toString());
        assertEquals(2L, genstore.operations().sizes().rowsPerTable().get("cache_entries"));
        assertEquals(5, genstore.cache().statistics().bytes());

        clock.advance(Duration.ofHours(2));
        PurgeReport purged = genstore.operations().purge(PurgeRequest.everything());
        assertEquals(2L, purged.removed().get(PurgeRequest.CACHE_ENTRIES));
        assertEquals(List.of(), genstore.blobs().list("genstore/cache/", PageRequest.first(10)).items());
        assertEquals(0, genstore.cache().statistics().entries());
        assertTrue(genstore.operations().verify(Duration.ZERO).healthy());
    }

    @Test
    void aCacheEntryWhoseBytesKeptInTheDatabaseAreGoneIsAMissingBlobAndAMiss() {
        store.cache().put(NewCacheEntry.of("thumbs", "item-1", CONFIG, "image/png"), new byte[] {1, 2, 3});
        store.cache().put(NewCacheEntry.of("thumbs", "item-2", CONFIG, "image/png"), new byte[] {4, 5});
        String id = store.cache().peek("thumbs", "item-2", CONFIG).orElseThrow().id().toString();
        assertTrue(verify().healthy());
        sql("DELETE FROM cache_contents WHERE entry_id = '" + id + "'");

        IntegrityReport report = verify();
        assertReported(report, IntegrityProblem.BLOB_MISSING, "cache entry " + id);
        assertEquals(1, report.problems().size(), () -> report.toString());
        assertTrue(store.cache().get("thumbs", "item-2", CONFIG).isEmpty(), "a miss, not a failure");
        assertArrayEquals(new byte[] {1, 2, 3}, store.cache().get("thumbs", "item-1", CONFIG).orElseThrow().content());

        // Put again, the item reads back and the store is whole.
        store.cache().put(NewCacheEntry.of("thumbs", "item-2", CONFIG, "image/png"), new byte[] {6, 7});
        assertArrayEquals(new byte[] {6, 7}, store.cache().get("thumbs", "item-2", CONFIG).orElseThrow().content());
        assertTrue(verify().healthy(), () -> verify().toString());
    }

    @Test
    void rowsWhoseBlobIsGoneAreMissingBlobs() {
        Data data = populate(store);
        String original = data.image().content().storageKey();
        String thumbnail = data.image().variants().stream().map(Variant::storageKey).findFirst().orElseThrow();
        assertTrue(store.blobs().delete(original));
        assertTrue(store.blobs().delete(thumbnail));
        sql("UPDATE cache_entries SET blob_key = 'genstore/cache/" + UUID.randomUUID() + "'");
        IntegrityReport report = verify();
        assertReported(report, IntegrityProblem.BLOB_MISSING, original);
        assertReported(report, IntegrityProblem.BLOB_MISSING, thumbnail);
        assertReported(report, IntegrityProblem.BLOB_MISSING, "genstore/cache/");
    }

    @Test
    void blobsNoRowNamesAreOrphansOnceTheGracePeriodPassed() {
        Data data = populate(store);
        String cacheKey = "genstore/cache/" + sqlCacheEntryKey();
        sql("DELETE FROM cache_entries");
        String stray = "genstore/images/" + data.user() + "/" + now().toEpochMilli() + "-stray.png";
        store.blobs().put(stray, new byte[] {9}, "image/png");

        assertEquals(List.of(), verify().problemsOf(IntegrityProblem.BLOB_ORPHAN), "within the grace period");
        clock.advance(Duration.ofHours(2));
        IntegrityReport report = verify();
        assertReported(report, IntegrityProblem.BLOB_ORPHAN, stray);
        assertReported(report, IntegrityProblem.BLOB_ORPHAN, cacheKey);
        assertEquals(2, report.problems().size(), () -> report.toString());
        assertEquals(2, store.operations().verify(Duration.ZERO).problems().size());
    }

    @Test
    void promptThumbnailsInTheBlobStoreAreCheckedLikeTheOtherBlobs() {
        Genstore blobbed = openStore(builder -> builder.promptThumbnails(PromptThumbnailStorage.BLOB_STORE));
        blobbed.prompts().record("a red fox", "sdxl", TestImages.photoPng(64, 64, 1));
        blobbed.prompts().record("a grey owl", "sdxl", TestImages.photoPng(64, 64, 2));
        List<BlobInfo> thumbnails = blobbed.blobs().list("genstore/prompts/", PageRequest.first(10)).items();
        assertEquals(2, thumbnails.size());
        assertTrue(blobbed.operations().verify(Duration.ZERO).healthy(), "thumbnails their rows name are no orphans");

        String gone = thumbnails.get(0).key();
        assertTrue(blobbed.blobs().delete(gone));
        long millis = now().toEpochMilli();
        String stray = "genstore/prompts/" + new UUID(millis << 16 | 0x7000L, 0x8000_0000_0000_0001L) + ".webp";
        blobbed.blobs().put(stray, new byte[] {1}, "image/webp");
        clock.advance(Duration.ofHours(2));
        IntegrityReport report = blobbed.operations().verify();
        assertReported(report, IntegrityProblem.BLOB_MISSING, gone);
        assertReported(report, IntegrityProblem.BLOB_ORPHAN, stray);
        assertEquals(2, report.problems().size(), report::toString);

        PurgeReport purged = blobbed.operations().purge(PurgeRequest.nothing().orphanBlobsOlderThan(Duration.ofHours(1)));
        assertEquals(1, purged.total(), purged::toString);
        assertTrue(blobbed.blobs().info(stray).isEmpty());
        assertTrue(blobbed.blobs().info(thumbnails.get(1).key()).isPresent(), "a named thumbnail is kept");
    }

    // ---- the application's own blobs ------------------------------------------------------------------------------

    /** A UUID v7 made at {@code at}, as genstore's cache and prompt keys hold. */
    private static UUID uuid7(Instant at) {
        return new UUID(at.toEpochMilli() << 16 | 0x7000L, 0x8000_0000_0000_0001L);
    }

    /**
     * The application's own blobs under {@code images/…}, {@code cache/…} and {@code prompts/…} of the store's blob
     * store, in genstore's old key shapes, made long before the grace period: genstore never reports, sweeps, purges or
     * deletes them.
     */
    private Map<String, byte[]> putApplicationBlobs(Genstore genstore, UserId user) {
        Instant old = now().minus(Duration.ofDays(30));
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        blobs.put("images/" + user + "/" + old.toEpochMilli() + "-upload.png", new byte[] {1});
        blobs.put("images/" + user + "/avatar.png", new byte[] {2});
        blobs.put("images/" + UUID.randomUUID() + "/" + old.toEpochMilli() + "-other.png", new byte[] {3});
        blobs.put("cache/" + uuid7(old), new byte[] {4});
        blobs.put("cache/report.json", new byte[] {5});
        blobs.put("prompts/" + uuid7(old) + ".webp", new byte[] {6});
        blobs.put("genstore-backup/notes.txt", new byte[] {7});
        blobs.forEach((key, content) -> genstore.blobs().put(key, content, "application/octet-stream"));
        return blobs;
    }

    private static void assertStillThere(Genstore genstore, Map<String, byte[]> blobs) {
        blobs.forEach((key, content) -> assertTrue(genstore.blobs().exists(key)
                && Arrays.equals(content, genstore.blobs().getBytes(key)), key + " was touched"));
    }

    @Test
    void theApplicationsOwnBlobsAreNeverReportedSweptOrPurged() {
        Data data = populate(store);
        Map<String, byte[]> mine = putApplicationBlobs(store, data.user());
        String genstoreStray = "genstore/images/" + data.user() + "/" + now().toEpochMilli() + "-stray.png";
        store.blobs().put(genstoreStray, new byte[] {9}, "image/png");
        clock.advance(Duration.ofDays(2));

        IntegrityReport report = store.operations().verify(Duration.ZERO);
        assertEquals(List.of(genstoreStray), report.problemsOf(IntegrityProblem.BLOB_ORPHAN).stream()
                .map(IntegrityProblem::subject).toList(), report::toString);
        assertEquals(List.of(genstoreStray), store.images().sweep(Duration.ZERO, false).orphanBlobs());
        PurgeRequest everything = PurgeRequest.everything().orphanBlobsOlderThan(Duration.ZERO)
                .archivedJobsOlderThan(Duration.ZERO).promptsUnusedSince(now());
        assertEquals(1L, store.operations().purge(everything.dryRun(true)).removed().get(PurgeRequest.ORPHAN_BLOBS));
        assertEquals(1L, store.operations().purge(everything).removed().get(PurgeRequest.ORPHAN_BLOBS));
        assertFalse(store.blobs().exists(genstoreStray), "genstore's own orphan goes");
        assertTrue(store.images().sweep(Duration.ZERO, true).orphanBlobs().isEmpty());
        assertTrue(store.operations().verify(Duration.ZERO).healthy(), () -> store.operations().verify(Duration.ZERO).toString());
        assertStillThere(store, mine);

        store.images().delete(data.user(), data.image().id());
        store.accounts().delete(data.user());
        store.operations().purge(everything);
        assertTrue(store.images().sweep(Duration.ZERO, true).orphanBlobs().isEmpty());
        assertStillThere(store, mine);
        assertTrue(store.operations().verify(Duration.ZERO).healthy());
    }

    @Test
    void rowsThatNameKeysOfAnEarlierVersionAreStillCheckedAndTheirBlobsKept() {
        populate(store);
        String entryId = sqlCacheEntryKey();
        String legacy = "cache/" + entryId;
        byte[] content = store.blobs().getBytes("genstore/cache/" + entryId);
        store.blobs().put(legacy, content, "image/png");
        store.blobs().delete("genstore/cache/" + entryId);
        sql("UPDATE cache_entries SET blob_key = '" + legacy + "'");
        clock.advance(Duration.ofDays(2));

        assertTrue(store.operations().verify(Duration.ZERO).healthy(), () -> store.operations().verify(Duration.ZERO).toString());
        store.operations().purge(PurgeRequest.nothing().orphanBlobsOlderThan(Duration.ZERO));
        assertArrayEquals(content, store.blobs().getBytes(legacy), "a blob a row names is kept");
        assertTrue(store.blobs().delete(legacy));
        assertReported(store.operations().verify(), IntegrityProblem.BLOB_MISSING, legacy);
    }

    @Test
    void verifyWhileTheApplicationStoresDeletesAndEvictsReportsNothing() throws Exception {
        Genstore live = openStore(builder -> builder.cachePolicy(CachePolicy.DEFAULT.bounds(4, 1L << 20)));
        UserId ann = live.accounts().create(NewUser.withEmail("ann@example.com")).id();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong work = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> workers = new ArrayList<>();
            workers.add(pool.submit(() -> {
                for (int i = 0; running.get(); i++) {
                    Image image = live.images().store(NewImage.uploaded(ann, "p" + i + ".png"), TestImages.photoPng(24, 16, i));
                    live.images().delete(ann, image.id());
                    work.incrementAndGet();
                }
                return null;
            }));
            for (int t = 0; t < 2; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    for (int i = 0; running.get(); i++) {
                        // Four entries at most: nearly every put evicts one; some puts replace an entry.
                        live.cache().put(NewCacheEntry.of("ns" + thread, "item-" + (i % 7), CONFIG, "image/png"), new byte[] {(byte) i});
                        if (i % 5 == 0) {
                            live.cache().invalidate("ns" + thread, "item-" + ((i + 3) % 7), Map.of("steps", 31));
                        }
                        work.incrementAndGet();
                    }
                    return null;
                }));
            }
            List<IntegrityProblem> problems = new ArrayList<>();
            // A fixed number of runs, each after the writers have done more work: no clock decides what is tested.
            int runs = 40;
            for (int run = 0; run < runs; run++) {
                long before = work.get();
                problems.addAll(live.operations().verify().problems());
                while (work.get() == before && workers.stream().noneMatch(Future::isDone)) {
                    Thread.sleep(1);
                }
            }
            running.set(false);
            for (Future<?> worker : workers) {
                worker.get(2, TimeUnit.MINUTES);
            }
            assertEquals(List.of(), problems, runs + " verify runs while " + work.get() + " writes ran");
            assertTrue(work.get() > 0);
        } finally {
            running.set(false);
            pool.shutdownNow();
        }
        assertTrue(live.operations().verify().healthy());
    }

    private String sqlCacheEntryKey() {
        return store.cache().peek("thumbs", "item-1", CONFIG).orElseThrow().id().toString();
    }

    @Test
    void verifyRefusesANegativeGraceAndAnEnclosingTransaction() {
        assertInvalid("orphanGrace", () -> store.operations().verify(Duration.ofSeconds(-1)));
        assertThrows(NestedTransactionException.class, () -> store.useTransaction(tx -> store.operations().verify()));
        assertThrows(NestedTransactionException.class, () -> store.useTransaction(tx -> store.operations().purge(PurgeRequest.everything())));
    }

    // ---- maintenance and sizes ------------------------------------------------------------------------------------

    @Test
    void maintenanceRunsAndLeavesTheDataAsItWas() {
        Data data = populate(store);
        MaintenanceReport report = store.operations().maintain();
        assertFalse(report.steps().isEmpty());
        assertTrue(report.steps().stream().anyMatch(step -> step.startsWith("analyze")), report::toString);
        assertTrue(verify().healthy());
        assertEquals(85, store.ledger().account(data.user()).balance());
        assertEquals(data.image().id(), store.images().get(data.user(), data.image().id()).id());
    }

    @Test
    void sizesCountRowsBlobsAndBytesPerUser() {
        Data data = populate(store);
        UserId bob = newUser("bob@example.com").id();
        Image big = store.images().store(NewImage.uploaded(bob, "big.png"), TestImages.photoPng(300, 200, 2));

        SizeReport sizes = store.operations().sizes();
        assertEquals(2L, sizes.rowsPerTable().get("users"));
        assertEquals(2L, sizes.rowsPerTable().get("images"));
        assertEquals(1L, sizes.rowsPerTable().get("jobs"));
        assertEquals(1L, sizes.rowsPerTable().get("cache_entries"));
        assertEquals(1L, sizes.rowsPerTable().get("prompts"));
        assertFalse(sizes.rowsPerTable().containsKey("genstore_schema_history"));
        if (knowsDatabaseBytes()) {
            assertTrue(sizes.databaseBytes() > 0, () -> "database bytes " + sizes.databaseBytes());
        } else {
            assertEquals(-1, sizes.databaseBytes());
        }
        long expectedBlobBytes = bytesOf(data.image()) + bytesOf(big) + 3;
        assertEquals(expectedBlobBytes, sizes.blobBytes());
        assertEquals(List.of(new UserUsage(bob, 1, bytesOf(big)), new UserUsage(data.user(), 1, bytesOf(data.image()))),
                sizes.largestUsers());
        assertEquals(List.of(new UserUsage(bob, 1, bytesOf(big))), store.operations().sizes(1).largestUsers());
        assertInvalid("largestUsers", () -> store.operations().sizes(-1));
    }

    private static long bytesOf(Image image) {
        return image.content().bytes() + image.variants().stream().mapToLong(Variant::bytes).sum();
    }

    // ---- purge ----------------------------------------------------------------------------------------------------

    @Test
    void aDryRunCountsExactlyWhatThePurgeThenRemoves() {
        try (Genstore genstore = Genstore.builder().storage(newStorage()).clock(clock)
                .cachePolicy(CachePolicy.DEFAULT.timeToLive(Duration.ofHours(1))).build()) {
            Data data = populate(genstore);
            genstore.otp().issue("bob@example.com");
            genstore.jobs().archiveFinishedBefore(now().plusSeconds(1));
            genstore.blobs().put("genstore/images/" + data.user() + "/" + now().toEpochMilli() + "-stray.png", new byte[] {9}, "image/png");
            clock.advance(Duration.ofDays(1));
            genstore.prompts().record("a blue whale", "sdxl"); // used after the cutoff: stays
            PurgeRequest request = PurgeRequest.everything().archivedJobsOlderThan(Duration.ofHours(12))
                    .promptsUnusedSince(now().minusSeconds(1));

            PurgeReport dry = genstore.operations().purge(request.dryRun(true));
            assertTrue(dry.dryRun());
            Map<String, Long> expected = new LinkedHashMap<>();
            expected.put(PurgeRequest.ONE_TIME_PASSWORDS, 2L);
            expected.put(PurgeRequest.EXPIRED_HOLDS, 1L);
            expected.put(PurgeRequest.EXPIRED_RESERVATIONS, 1L);
            expected.put(PurgeRequest.CACHE_ENTRIES, 1L);
            expected.put(PurgeRequest.ARCHIVED_JOBS, 1L);
            expected.put(PurgeRequest.UNUSED_PROMPTS, 1L);
            expected.put(PurgeRequest.ORPHAN_BLOBS, 1L);
            assertEquals(expected, dry.removed());
            assertEquals(List.copyOf(expected.keySet()), List.copyOf(dry.removed().keySet()), "report order");
            assertEquals(8, dry.total());
            assertEquals(dry, genstore.operations().purge(request.dryRun(true)), "a dry run removed something");
            assertEquals(1, genstore.cache().statistics().entries());
            assertEquals(2, genstore.prompts().statistics().prompts());

            PurgeReport real = genstore.operations().purge(request);
            assertFalse(real.dryRun());
            assertEquals(dry.removed(), real.removed());
            assertEquals(0, genstore.operations().purge(request).total(), "a second purge found more");
            assertEquals(0, genstore.cache().statistics().entries());
            assertEquals(1, genstore.prompts().statistics().prompts());
            assertTrue(genstore.jobs().find(data.job().id()).isEmpty());
            assertEquals(null, genstore.images().get(data.user(), data.image().id()).jobId(), "the image stays, without its job");
            assertEquals(100 - 5 - 10, genstore.ledger().account(data.user()).balance());
            assertEquals(0, genstore.ledger().account(data.user()).held());
            assertEquals(List.of(), genstore.operations().verify().problems());
        }
    }

    @Test
    void aPurgeRemovesOnlyTheCategoriesItNames() {
        Data data = populate(store);
        clock.advance(Duration.ofDays(1));
        PurgeReport report = store.operations().purge(PurgeRequest.nothing().oneTimePasswords(true));
        assertEquals(Map.of(PurgeRequest.ONE_TIME_PASSWORDS, 1L), report.removed());
        assertEquals(Map.of(), store.operations().purge(PurgeRequest.nothing()).removed());
        assertEquals(Map.of(PurgeRequest.EXPIRED_HOLDS, 1L),
                store.operations().purge(PurgeRequest.nothing().expiredHolds(true)).removed());
        assertEquals(Map.of(PurgeRequest.ARCHIVED_JOBS, 0L), // finished but not archived
                store.operations().purge(PurgeRequest.nothing().archivedJobsOlderThan(Duration.ZERO)).removed());
        assertTrue(store.jobs().find(data.job().id()).isPresent());
    }

    @Test
    void purgeRequestsCheckTheirArguments() {
        assertInvalid("age", () -> PurgeRequest.nothing().archivedJobsOlderThan(Duration.ofSeconds(-1)));
        assertInvalid("age", () -> PurgeRequest.nothing().archivedJobsOlderThan(null));
        assertInvalid("grace", () -> PurgeRequest.nothing().orphanBlobsOlderThan(null));
        assertInvalid("cutoff", () -> PurgeRequest.nothing().promptsUnusedSince(null));
        assertInvalid("request", () -> store.operations().purge(null));
        assertEquals(PurgeRequest.everything().keepOrphanBlobs().orphanBlobGrace(), PurgeRequest.nothing().orphanBlobGrace());
        assertEquals(Instant.EPOCH, PurgeRequest.nothing().promptsUnusedSince(Instant.EPOCH).promptsUnusedSince().orElseThrow());
    }
}
