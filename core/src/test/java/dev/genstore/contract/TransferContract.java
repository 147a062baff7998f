package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genstore.Genstore;
import dev.genstore.cache.CachePolicy;
import dev.genstore.spi.ColumnSpec;
import dev.genstore.spi.Storage;
import dev.genstore.spi.TableCatalog;
import dev.genstore.spi.TableSpec;
import dev.genstore.transfer.TransferException;
import dev.genstore.transfer.TransferListener;
import dev.genstore.transfer.TransferReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export, import and copy on one backend: a round trip keeps every row and blob, a damaged export is refused and
 * leaves the target empty, a copy interrupted half-way finishes when run again, and the table catalog matches the
 * backend's real columns.
 */
public abstract class TransferContract extends StoreContract {
    @TempDir
    protected Path scratch;

    /** A new store over a fresh storage of this backend, closed after the test. */
    /** Cache values of more than 4 bytes go to the blob store, smaller ones stay in rows: the fixture has one of each. */
    @Override
    protected CachePolicy cachePolicy() {
        return CachePolicy.DEFAULT.inlineBytes(4);
    }

    protected Genstore newStore() {
        return openStore(dev.genstore.auth.OtpPolicy.DEFAULT);
    }


    @Test
    void theCatalogMatchesTheBackendsTablesAndColumns() {
        Storage storage = newStorage();
        storage.open();
        Map<String, Set<String>> actual;
        try {
            actual = storage.read(r -> {
                Map<String, Set<String>> tables = new TreeMap<>();
                for (String table : r.tables().tableNames()) {
                    tables.put(table, r.tables().columnNames(table));
                }
                return tables;
            });
        } finally {
            storage.close();
        }
        Map<String, Set<String>> catalog = new TreeMap<>();
        for (TableSpec table : TableCatalog.tables()) {
            catalog.put(table.name(), table.columns().stream().map(ColumnSpec::name).collect(Collectors.toCollection(TreeSet::new)));
        }
        assertEquals(catalog, actual, "a migration changed the schema: update TableCatalog (and the dialect's derived names)");
        assertEquals(29, catalog.size());
    }

    @Test
    void anExportImportsIntoANewStoreWithEveryRowAndBlob() throws IOException {
        TransferFixtures.Filled filled = TransferFixtures.fill(store, clock);
        Path export = scratch.resolve("export");
        List<String> progress = new ArrayList<>();
        TransferReport exported = store.exportTo(export, (table, done, total) -> progress.add(table));

        assertTrue(Files.isRegularFile(export.resolve("manifest.json")));
        assertEquals(2L, exported.rowsPerTable().get("users"));
        assertEquals(28, exported.rowsPerTable().size(), "every table but the database's blob table");
        assertTrue(exported.blobs() >= 5, "image, variants, cache entry: " + exported.blobs());
        assertTrue(progress.contains("prompts") && progress.contains("blobs"), progress.toString());

        Genstore target = newStore();
        TransferReport imported = target.importFrom(export, TransferListener.none());
        assertEquals(exported.rowsPerTable(), imported.rowsPerTable());
        assertEquals(exported.blobs(), imported.blobs());
        assertEquals(exported.blobBytes(), imported.blobBytes());

        assertEquals(snapshot(store), snapshot(target));
        TransferFixtures.assertLooksFilled(target, filled);
        assertEquals(store.cache().statistics(), target.cache().statistics());
        assertEquals(TransferFixtures.contents(store, scratch), TransferFixtures.contents(target, scratch));
        assertArrayEquals(filled.cacheBytes(), target.blobs().getBytes(target.blobs().list("genstore/cache/",
                dev.genstore.paging.PageRequest.first(10)).items().get(0).key()));
        assertArrayEquals(new byte[] {7, 8}, target.cache().get("traits", "wren", java.util.Map.of("seed", 1)).orElseThrow()
                .content(), "a cache value kept in its row");
        assertEquals(1, target.blobs().list("genstore/cache/", dev.genstore.paging.PageRequest.first(10)).items().size());
    }

    @Test
    void anExportThatCannotBeWrittenFailsWithATransferException() throws IOException {
        TransferFixtures.fill(store, clock);
        Path file = Files.writeString(scratch.resolve("a-file"), "not a directory");
        Path underAFile = file.resolve("export"); // no directory can be made under a regular file
        TransferException failed = assertThrows(TransferException.class,
                () -> store.exportTo(underAFile, TransferListener.none()));
        assertEquals(TransferException.Reason.WRITE_FAILED, failed.reason());
        assertTrue(failed.getCause() instanceof IOException, String.valueOf(failed.getCause()));
    }

    @Test
    void anExportGoesOnlyIntoAnEmptyDirectoryAndAnImportOnlyIntoAnEmptyStore() throws IOException {
        TransferFixtures.fill(store, clock);
        Path used = Files.createDirectories(scratch.resolve("used"));
        Files.writeString(used.resolve("notes.txt"), "mine");
        TransferException refused = assertThrows(TransferException.class, () -> store.exportTo(used, TransferListener.none()));
        assertEquals(TransferException.Reason.TARGET_NOT_EMPTY, refused.reason());

        Path export = scratch.resolve("export");
        store.exportTo(export, TransferListener.none());
        TransferException notEmpty = assertThrows(TransferException.class, () -> store.importFrom(export, TransferListener.none()));
        assertEquals(TransferException.Reason.TARGET_NOT_EMPTY, notEmpty.reason());
    }

    @Test
    void aChangedByteIsRefusedAndTheTargetStaysEmpty() throws IOException {
        TransferFixtures.fill(store, clock);
        Path export = scratch.resolve("export");
        store.exportTo(export, TransferListener.none());
        Path users = export.resolve("tables/users.jsonl");
        byte[] bytes = Files.readAllBytes(users);
        int at = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("ann@");
        bytes[at] = 'x';
        Files.write(users, bytes);

        Genstore target = newStore();
        TransferException refused = assertThrows(TransferException.class, () -> target.importFrom(export, TransferListener.none()));
        assertEquals(TransferException.Reason.CHECKSUM_MISMATCH, refused.reason());
        assertTrue(refused.getMessage().contains("users.jsonl"), refused.getMessage());
        assertEmpty(target);
    }

    @Test
    void aChangedBlobIsRefusedAndTheTargetStaysEmpty() throws IOException {
        TransferFixtures.fill(store, clock);
        Path export = scratch.resolve("export");
        store.exportTo(export, TransferListener.none());
        Path blob;
        try (var files = Files.walk(export.resolve("blobs"))) {
            blob = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 1;
        Files.write(blob, bytes);

        Genstore target = newStore();
        TransferException refused = assertThrows(TransferException.class, () -> target.importFrom(export, TransferListener.none()));
        assertEquals(TransferException.Reason.CHECKSUM_MISMATCH, refused.reason());
        assertEmpty(target);
    }

    @Test
    void aRemovedLineWithAMatchingChecksumIsACountMismatchAndTheTargetStaysEmpty() throws IOException {
        TransferFixtures.fill(store, clock);
        Path export = scratch.resolve("export");
        store.exportTo(export, TransferListener.none());
        // Remove the last job and fix the file's checksum in the manifest, as a careless hand edit would: the count
        // in the manifest still disagrees.
        Path jobs = export.resolve("tables/jobs.jsonl");
        List<String> lines = Files.readAllLines(jobs);
        Files.write(jobs, lines.subList(0, lines.size() - 1));
        ObjectMapper json = new ObjectMapper();
        Path manifestFile = export.resolve("manifest.json");
        JsonNode manifest = json.readTree(manifestFile.toFile());
        for (JsonNode table : manifest.get("tables")) {
            if (table.get("name").asText().equals("jobs")) {
                ((ObjectNode) table).put("sha256", sha256(Files.readAllBytes(jobs)));
            }
        }
        json.writeValue(manifestFile.toFile(), manifest);

        Genstore target = newStore();
        TransferException refused = assertThrows(TransferException.class, () -> target.importFrom(export, TransferListener.none()));
        assertEquals(TransferException.Reason.COUNT_MISMATCH, refused.reason(), refused.getMessage());
        assertEmpty(target);
    }

    @Test
    void aFailureHalfWayThroughTheImportLeavesNothingBehind() {
        TransferFixtures.fill(store, clock);
        Path export = scratch.resolve("export");
        store.exportTo(export, TransferListener.none());

        Genstore target = newStore();
        IllegalStateException stopped = assertThrows(IllegalStateException.class, () -> target.importFrom(export,
                (table, done, total) -> {
                    if (table.equals(TableCatalog.BLOBS) && done == 2) {
                        throw new IllegalStateException("stop");
                    }
                }));
        assertEquals("stop", stopped.getMessage());
        assertEmpty(target);
        target.importFrom(export, TransferListener.none());
        assertEquals(TransferFixtures.contents(store, scratch), TransferFixtures.contents(target, scratch));
    }

    @Test
    void aCopyInterruptedHalfWayFinishesWhenRunAgainWithoutDuplicates() {
        TransferFixtures.Filled filled = TransferFixtures.fill(store, clock);
        Genstore target = newStore();
        IllegalStateException stopped = assertThrows(IllegalStateException.class, () -> store.copyTo(target,
                (table, done, total) -> {
                    if (table.equals("images")) {
                        throw new IllegalStateException("interrupted");
                    }
                }));
        assertEquals("interrupted", stopped.getMessage());

        TransferReport copied = store.copyTo(target, TransferListener.none());
        assertEquals(2L, copied.rowsPerTable().get("users"));
        assertEquals(TransferFixtures.contents(store, scratch), TransferFixtures.contents(target, scratch));
        assertEquals(snapshot(store), snapshot(target));
        TransferFixtures.assertLooksFilled(target, filled);
        TransferReport again = store.copyTo(target, TransferListener.none());
        assertEquals(copied.rowsPerTable(), again.rowsPerTable());
        assertEquals(TransferFixtures.contents(store, scratch), TransferFixtures.contents(target, scratch));
    }

    @Test
    void aCopyIntoAStoreWithOtherDataFailsItsVerification() {
        TransferFixtures.fill(store, clock);
        Genstore target = newStore();
        target.accounts().create(dev.genstore.accounts.NewUser.withEmail("zed@example.com"));
        TransferException refused = assertThrows(TransferException.class, () -> store.copyTo(target, TransferListener.none()));
        assertEquals(TransferException.Reason.COUNT_MISMATCH, refused.reason());
        assertTrue(refused.getMessage().contains("users"), refused.getMessage());
    }

    @Test
    void theApplicationsOwnBlobsAreNeitherExportedNorCopiedNorInTheWayOfAnImport() throws IOException {
        TransferFixtures.fill(store, clock);
        List<String> mine = List.of("images/u1/1735689200000-upload.png", "cache/report.json", "prompts/p.webp", "notes.txt");
        mine.forEach(key -> store.blobs().put(key, new byte[] {7}, "application/octet-stream"));
        List<String> genstores = keysUnder(store, "genstore/");

        Path export = scratch.resolve("export");
        TransferReport exported = store.exportTo(export, TransferListener.none());
        assertEquals(genstores.size(), exported.blobs());
        for (String key : mine) {
            assertTrue(Files.notExists(export.resolve("blobs").resolve(key)), key + " was exported");
        }
        Genstore imported = newStore();
        imported.blobs().put("notes.txt", new byte[] {8}, "text/plain"); // the target application's own: no obstacle
        imported.importFrom(export, TransferListener.none());
        assertEquals(genstores, keysUnder(imported, "genstore/"));
        assertEquals(List.of("notes.txt"), keysUnder(imported, "").stream().filter(k -> !k.startsWith("genstore/")).toList());

        Genstore copied = newStore();
        copied.blobs().put("cache/report.json", new byte[] {8}, "application/json");
        TransferReport report = store.copyTo(copied, TransferListener.none());
        assertEquals(genstores.size(), report.blobs());
        assertEquals(genstores, keysUnder(copied, "genstore/"));
        assertArrayEquals(new byte[] {8}, copied.blobs().getBytes("cache/report.json"), "the target's own blob is untouched");
        assertEquals(List.of("cache/report.json"), keysUnder(copied, "").stream().filter(k -> !k.startsWith("genstore/")).toList());
        mine.forEach(key -> assertArrayEquals(new byte[] {7}, store.blobs().getBytes(key)));
    }

    private static List<String> keysUnder(Genstore genstore, String prefix) {
        return genstore.blobs().list(prefix, dev.genstore.paging.PageRequest.first(100)).items().stream()
                .map(dev.genstore.blobs.BlobInfo::key).toList();
    }

    private static void assertEmpty(Genstore target) {
        assertEquals(List.of(), allUsers(target, 10), "rows were left behind");
        assertEquals(List.of(), target.blobs().list("", dev.genstore.paging.PageRequest.first(10)).items(), "blobs were left behind");
        assertEquals(0, target.prompts().statistics().prompts());
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
