package dev.genstore.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.Genstore;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.UserId;
import dev.genstore.contract.TestImages;
import dev.genstore.errors.IncompatibleSchemaException;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.images.BlobSweepReport;
import dev.genstore.images.Image;
import dev.genstore.images.ImageFilter;
import dev.genstore.images.NewImage;
import dev.genstore.paging.PageRequest;
import dev.genstore.transfer.TransferException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Online backups of a store in use, and restores that check a backup before they touch anything. */
class SqliteBackupTest {
    @TempDir
    Path dir;

    private static Genstore open(Path file) {
        return Genstore.open(SqliteStorage.file(file));
    }

    /** A store with two users, tokens and an image (with variants: blobs in the blob directory). */
    private static UserId fill(Genstore store, String email) {
        UserId user = store.accounts().create(NewUser.withEmail(email)).id();
        store.ledger().credit(user, 100, "BONUS", "bonus-" + email);
        store.images().store(NewImage.uploaded(user, "photo.png"), TestImages.photoPng(64, 48, 1));
        return user;
    }

    @Test
    void anOnlineBackupWhileAnotherThreadKeepsCommittingRestoresAConsistentStore() throws Exception {
        Path file = dir.resolve("app.db");
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try (Genstore store = open(file)) {
            UserId ann = fill(store, "ann@example.com");
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger commits = new AtomicInteger();
            CountDownLatch warm = new CountDownLatch(20);
            Future<?> writes = writer.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    store.ledger().credit(ann, 1, "TICK", "tick-" + i);
                    if (i % 5 == 0) {
                        store.images().store(NewImage.uploaded(ann, "tick-" + i + ".png"), TestImages.photoPng(32, 32, i));
                    }
                    commits.incrementAndGet();
                    warm.countDown();
                }
                return null;
            });
            assertTrue(warm.await(60, TimeUnit.SECONDS), "the writer did not start");
            BackupReport report = SqliteBackup.backup(file, dir.resolve("backup"));
            int atBackup = commits.get();
            // The writer went on committing after the backup: the backup never held it up for good.
            while (commits.get() < atBackup + 10) {
                assertTrue(!writes.isDone(), "the writer stopped");
                Thread.onSpinWait();
            }
            stop.set(true);
            writes.get(60, TimeUnit.SECONDS);
            assertTrue(report.databaseBytes() > 0);
            assertTrue(report.blobs() >= 3, "the first image and its variants: " + report.blobs());
        } finally {
            writer.shutdownNow();
        }

        Path restored = dir.resolve("restored/app.db");
        SqliteBackup.restore(dir.resolve("backup"), restored);
        try (Genstore store = open(restored)) {
            UserId ann = store.accounts().findByEmail("ann@example.com").orElseThrow().id();
            assertEquals(List.of(), store.ledger().verify(), "the snapshot is consistent");
            long ticks = store.ledger().account(ann).balance() - 100;
            assertTrue(ticks >= 20, "the backup holds the commits made before it began: " + ticks);
            BlobSweepReport sweep = store.images().sweep(Duration.ZERO, false);
            assertEquals(List.of(), sweep.missingBlobs(), "every image of the snapshot has its blobs");
            for (Image image : store.images().list(ann, ImageFilter.all(), PageRequest.first(1000)).items()) {
                try (InputStream in = store.images().openContent(ann, image.id())) {
                    assertTrue(in.readAllBytes().length > 0);
                }
            }
        }
    }

    @Test
    void aRestoreReplacesTheStoreWithTheBackup() throws IOException {
        Path file = dir.resolve("app.db");
        try (Genstore store = open(file)) {
            fill(store, "ann@example.com");
        }
        SqliteBackup.backup(file, dir.resolve("backup"));
        try (Genstore store = open(file)) {
            fill(store, "later@example.com");
        }
        SqliteBackup.restore(dir.resolve("backup"), file);
        try (Genstore store = open(file)) {
            assertTrue(store.accounts().findByEmail("ann@example.com").isPresent());
            assertTrue(store.accounts().findByEmail("later@example.com").isEmpty(), "the restore brought back the backup");
            assertEquals(List.of(), store.images().sweep(Duration.ZERO, false).orphanBlobs(), "no blob of later images left");
            assertEquals(List.of(), store.images().sweep(Duration.ZERO, false).missingBlobs());
        }
    }

    @Test
    void aBackupGoesOnlyIntoAnEmptyDirectory() throws IOException {
        Path file = dir.resolve("app.db");
        try (Genstore store = open(file)) {
            fill(store, "ann@example.com");
        }
        Path used = Files.createDirectories(dir.resolve("used"));
        Files.writeString(used.resolve("x"), "x");
        assertThrows(InvalidInputException.class, () -> SqliteBackup.backup(file, used));
        assertThrows(InvalidInputException.class, () -> SqliteBackup.backup(dir.resolve("missing.db"), dir.resolve("b")));
    }

    @Test
    void aChangedByteInTheDatabaseIsRefusedAndTheStoreIsUntouched() throws IOException {
        Path backup = backupWithAStoreToRestoreOver();
        Path database = backup.resolve(SqliteBackup.DATABASE);
        byte[] bytes = Files.readAllBytes(database);
        bytes[bytes.length - 100] ^= 0x55;
        Files.write(database, bytes);

        TransferException refused = assertThrows(TransferException.class, () -> SqliteBackup.restore(backup, target()));
        assertEquals(TransferException.Reason.CHECKSUM_MISMATCH, refused.reason());
        assertTargetUntouched();
    }

    @Test
    void aDatabaseThatFailsTheIntegrityCheckIsRefusedEvenWithAMatchingChecksum() throws IOException {
        Path backup = backupWithAStoreToRestoreOver();
        Path database = backup.resolve(SqliteBackup.DATABASE);
        byte[] bytes = Files.readAllBytes(database);
        int pageSize = ((bytes[16] & 0xFF) << 8) | (bytes[17] & 0xFF);
        for (int page = 1; page < bytes.length / pageSize; page++) { // every page but the header page
            for (int i = 8; i < 64; i++) {
                bytes[page * pageSize + i] = (byte) 0xA5;
            }
        }
        Files.write(database, bytes);
        setInfo(backup, "database.sha256", sha256(bytes));

        TransferException refused = assertThrows(TransferException.class, () -> SqliteBackup.restore(backup, target()));
        assertTrue(refused.getMessage().contains("integrity") || refused.reason() == TransferException.Reason.UNREADABLE,
                refused.getMessage());
        assertTargetUntouched();
    }

    @Test
    void aChangedBlobIsRefusedAndTheStoreIsUntouched() throws IOException {
        Path backup = backupWithAStoreToRestoreOver();
        Path blob;
        try (Stream<Path> files = Files.walk(backup.resolve(SqliteBackup.BLOBS).resolve("genstore/images"))) {
            blob = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 1;
        Files.write(blob, bytes);

        TransferException refused = assertThrows(TransferException.class, () -> SqliteBackup.restore(backup, target()));
        assertEquals(TransferException.Reason.CHECKSUM_MISMATCH, refused.reason());
        assertTrue(refused.getMessage().contains(blob.getFileName().toString()), refused.getMessage());
        assertTargetUntouched();
    }

    @Test
    void aBackupFromANewerGenstoreIsRefusedAndTheStoreIsUntouched() throws Exception {
        Path backup = backupWithAStoreToRestoreOver();
        Path database = backup.resolve(SqliteBackup.DATABASE);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database); Statement s = c.createStatement()) {
            s.execute("INSERT INTO genstore_schema_history (installed_rank, version, description, type, script, checksum,"
                    + " installed_by, installed_on, execution_time, success) VALUES (999, '999', 'from the future', 'SQL',"
                    + " 'V999__from_the_future.sql', 0, 'test', CURRENT_TIMESTAMP, 1, 1)");
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        setInfo(backup, "database.sha256", sha256(Files.readAllBytes(database)));

        assertThrows(IncompatibleSchemaException.class, () -> SqliteBackup.restore(backup, target()));
        assertTargetUntouched();
    }

    @Test
    void anIncompleteBackupIsRefused() throws IOException {
        Path backup = backupWithAStoreToRestoreOver();
        Files.delete(backup.resolve(SqliteBackup.INFO));
        TransferException refused = assertThrows(TransferException.class, () -> SqliteBackup.restore(backup, target()));
        assertEquals(TransferException.Reason.UNREADABLE, refused.reason());
        assertTargetUntouched();
    }

    // ---- fixtures ----------------------------------------------------------------------------------------------

    private Map<String, String> targetBefore;

    private Path target() {
        return dir.resolve("target/app.db");
    }

    /** A backup of one store, and another (closed) store at {@link #target()} whose files are recorded. */
    private Path backupWithAStoreToRestoreOver() throws IOException {
        Path source = dir.resolve("source/app.db");
        try (Genstore store = open(source)) {
            fill(store, "ann@example.com");
        }
        Path backup = dir.resolve("backup");
        SqliteBackup.backup(source, backup);
        try (Genstore store = open(target())) {
            fill(store, "old@example.com");
        }
        targetBefore = files(target().getParent());
        return backup;
    }

    private void assertTargetUntouched() throws IOException {
        assertEquals(targetBefore, files(target().getParent()), "the refused restore changed the store's files");
        try (Genstore store = open(target())) {
            assertTrue(store.accounts().findByEmail("old@example.com").isPresent());
            assertTrue(store.accounts().findByEmail("ann@example.com").isEmpty());
        }
    }

    /** Every file under {@code root} with its SHA-256. */
    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), sha256(Files.readAllBytes(file)));
            }
        }
        return files;
    }

    private static void setInfo(Path backup, String key, String value) throws IOException {
        Properties info = new Properties();
        try (InputStream in = Files.newInputStream(backup.resolve(SqliteBackup.INFO))) {
            info.load(in);
        }
        info.setProperty(key, value);
        try (var out = Files.newOutputStream(backup.resolve(SqliteBackup.INFO))) {
            info.store(out, null);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
